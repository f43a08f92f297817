#include "bench-kiosk-pty.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bench-pty.h"
#include "kiosk-pin.h"
#include "vt-harness.h"
#include "xmalloc.h"

#define KIOSK_PTY_PIN		"2468"
#define KIOSK_PTY_GAP_MS	150	/* after a banner, before the next */
#define KIOSK_PTY_WAIT_MS	30000
#define CTL(c)			((c) & 0x1f)

/* Pumps until s is on screen: the ms since t0, or -1. */
static double
kiosk_pty_wait(struct vt *vt, const char *s, double t0)
{
	while (!vt_find(vt, s, NULL, NULL)) {
		if (bench_now_ms() > t0 + KIOSK_PTY_WAIT_MS ||
		    vt_pump(vt, 100) < 0)
			return (-1);
	}
	return (bench_now_ms() - t0);
}

static int
kiosk_pty_gone(struct vt *vt, const char *s)
{
	double	t0 = bench_now_ms();

	while (vt_find(vt, s, NULL, NULL)) {
		if (bench_now_ms() > t0 + KIOSK_PTY_WAIT_MS ||
		    vt_pump(vt, 100) < 0)
			return (-1);
	}
	return (0);
}

/* A scanner's burst, code and Enter in one write, to the banner. */
static int
kiosk_pty_scan(struct vt *vt, const struct bench_guest *g,
    struct samples *s)
{
	char	buf[128], want[160];
	double	t0, ms;

	vt_settle(vt, KIOSK_PTY_GAP_MS);
	snprintf(buf, sizeof buf, "%s\r", g->code);
	snprintf(want, sizeof want, "VALID \xe2\x80\x94 %s", g->name);
	t0 = bench_now_ms();
	vt_send_raw(vt, buf, strlen(buf));
	if ((ms = kiosk_pty_wait(vt, want, t0)) < 0) {
		fprintf(stderr, "bench-kiosk: never saw \"%s\"\n", want);
		vt_dump(vt, stderr);
		return (-1);
	}
	samples_add(s, ms);
	s->wall += ms;
	return (0);
}

/* The code alone, to its echo in the field; then C-u clears it. */
static int
kiosk_pty_echo(struct vt *vt, const struct bench_guest *g,
    struct samples *s)
{
	char	want[160];
	double	t0, ms;

	vt_settle(vt, KIOSK_PTY_GAP_MS);
	snprintf(want, sizeof want, "code: %s", g->code);
	t0 = bench_now_ms();
	vt_send_raw(vt, g->code, strlen(g->code));
	if ((ms = kiosk_pty_wait(vt, want, t0)) < 0) {
		fprintf(stderr, "bench-kiosk: never saw \"%s\"\n", want);
		return (-1);
	}
	samples_add(s, ms);
	s->wall += ms;
	vt_send_char(vt, CTL('u'));
	return (kiosk_pty_gone(vt, want));
}

/* The PIN's config; 0, or -1. */
static int
kiosk_pty_config(const char *path)
{
	char	*hash, *cause = NULL, text[512];
	int	 fd, ok;

	if ((hash = kiosk_pin_hash(KIOSK_PTY_PIN, &cause)) == NULL) {
		fprintf(stderr, "bench-kiosk: %s\n", cause);
		free(cause);
		return (-1);
	}
	snprintf(text, sizeof text, "[defaults]\nkiosk_pin = %s\n", hash);
	free(hash);
	if ((fd = open(path, O_WRONLY|O_CREAT|O_TRUNC, 0600)) == -1)
		return (-1);
	ok = write(fd, text, strlen(text)) == (ssize_t)strlen(text);
	return (close(fd) == 0 && ok ? 0 : -1);
}

static struct vt *
kiosk_pty_spawn(const struct kiosk_pty_opts *o, const char *config)
{
	char		 id[32], state[160], *tok_env, *state_env;
	const char	*argv[] = { o->evtop, "-s", o->url, "-c", config,
	    "--kiosk", id, NULL };
	const char	*env[] = { NULL, NULL, NULL };
	struct vt	*vt;

	snprintf(id, sizeof id, "%lld", (long long)o->event_id);
	snprintf(state, sizeof state, "%s/state", o->folder);
	if (mkdir(state, 0700) != 0)
		return (NULL);
	xasprintf(&tok_env, "EVTOP_TOKEN=%s", o->token);
	xasprintf(&state_env, "XDG_STATE_HOME=%s", state);
	env[0] = tok_env;
	env[1] = state_env;
	vt = vt_spawn(argv, env, 30, 100);
	free(tok_env);
	free(state_env);
	return (vt);
}

int
kiosk_pty_run(const struct kiosk_pty_opts *o, struct kiosk_pty_figures *f)
{
	const struct bench_guest	*g = o->guests;
	char				 config[160];
	struct vt			*vt;
	double				 t0;
	size_t				 i;
	int				 rc = -1;

	samples_init(&f->echo, 2 * o->count);
	samples_init(&f->online, o->count);
	samples_init(&f->offline, o->count);
	snprintf(config, sizeof config, "%s/config", o->folder);
	if (kiosk_pty_config(config) != 0)
		return (-1);
	t0 = bench_now_ms();
	if ((vt = kiosk_pty_spawn(o, config)) == NULL)
		return (-1);
	if (kiosk_pty_wait(vt, "ONLINE", t0) < 0 ||
	    kiosk_pty_wait(vt, "guests, list of", t0) < 0 ||
	    kiosk_pty_wait(vt, "Scan a ticket", t0) < 0) {
		fprintf(stderr, "bench-kiosk: the station never got ready\n");
		vt_dump(vt, stderr);
		goto out;
	}
	f->ready_ms = bench_now_ms() - t0;

	for (i = 0; i < o->count; i++) {
		if (kiosk_pty_echo(vt, &g[i], &f->echo) != 0 ||
		    kiosk_pty_scan(vt, &g[i], &f->online) != 0)
			goto out;
	}
	t0 = bench_now_ms();
	o->stop_server(o->arg);
	if ((f->offline_ms = kiosk_pty_wait(vt, "OFFLINE", t0)) < 0) {
		fprintf(stderr, "bench-kiosk: the station never said "
		    "OFFLINE\n");
		goto out;
	}
	for (i = o->count; i < 2 * o->count; i++) {
		if (kiosk_pty_echo(vt, &g[i], &f->echo) != 0 ||
		    kiosk_pty_scan(vt, &g[i], &f->offline) != 0)
			goto out;
	}
	rc = 0;

	/* F10 and the PIN: it leaves as a user leaves it. */
	vt_send_key(vt, VTERM_KEY_FUNCTION(10));
	if (kiosk_pty_wait(vt, "PIN to leave", bench_now_ms()) >= 0) {
		vt_send_raw(vt, KIOSK_PTY_PIN "\r", strlen(KIOSK_PTY_PIN) + 1);
		vt_wait_exit(vt, 5000);
	}
out:
	vt_free(vt);
	return (rc);
}

void
kiosk_pty_figures_done(struct kiosk_pty_figures *f)
{
	samples_done(&f->echo);
	samples_done(&f->online);
	samples_done(&f->offline);
}
