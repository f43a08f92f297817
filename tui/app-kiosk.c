/*
 * evtop --kiosk: the app as a check-in station.  One view (pane-kiosk.c)
 * over the station (kiosk.c) has every key; the live link's check-ins,
 * counters and resyncs go to the station; the terminal is locked (raw
 * mode, SIGINT and SIGQUIT ignored), and only the PIN leaves.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app-private.h"
#include "keys.h"
#include "kiosk.h"
#include "log.h"
#include "pane-kiosk.h"
#include "xmalloc.h"

#define APP_KIOSK_BELL_GAP_MS	180
/*
 * After Enter, the frame waits this long for the server's answer, so that
 * the result is drawn at once when it comes, rather than a "checking"
 * frame first and the result a frame later.
 */
#define APP_KIOSK_HOLD_MS	150
/*
 * A character typed into the code is drawn this long after, unless more
 * follow: a scanner's burst is one frame, with its result, not an echo
 * that makes the result wait for the next frame.
 */
#define APP_KIOSK_ECHO_MS	30

struct app_kiosk {
	struct kiosk	*k;
	uv_timer_t	 idle;		/* a scanner without a terminator */
	uv_timer_t	 bell;		/* the next beep of a pattern */
	int		 beeps;		/* still to ring */
	int		 handles;
	int		 freeing;
};

const struct view_ops view_kiosk_ops = {
	.name = "kiosk",
	.help = "check-in station",
	.panes = { &pane_kiosk_ops, NULL },
};

static struct pane *
app_kiosk_pane(struct app *app)
{
	struct view	*v = app_view(app);

	if (v == NULL || v->ops != &view_kiosk_ops || v->npanes == 0)
		return (NULL);
	return (&v->panes[0]);
}

static void
app_kiosk_apply(struct app *app, int flags)
{
	struct pane	*p = app_kiosk_pane(app);

	if (p != NULL && (flags & PANE_REDRAW))
		p->damaged = 1;
	app_schedule(app);
}

static void
app_kiosk_changed(void *arg)
{
	struct app	*app = arg;

	app_kiosk_apply(app, PANE_REDRAW);
	app_mark(app, APP_DAMAGE_HEADER);
}

static void
app_kiosk_bell_cb(uv_timer_t *t)
{
	struct app	*app = t->data;

	if (app->kiosk == NULL || app->kiosk->beeps <= 0)
		return;
	beep();
	if (--app->kiosk->beeps > 0)
		uv_timer_start(t, app_kiosk_bell_cb, APP_KIOSK_BELL_GAP_MS, 0);
}

static void
app_kiosk_result(void *arg, const struct kiosk_scan *sc)
{
	struct app	*app = arg;
	struct pane	*p = app_kiosk_pane(app);

	app_now(app);
	app->hold_until = 0;
	if (p != NULL)
		app_kiosk_apply(app, pane_kiosk_result(p, sc));
	/* One beep for in, two for already, three for not. */
	if (app->opts.kiosk.bell && app->kiosk != NULL) {
		app->kiosk->beeps = sc->result == KIOSK_VALID ? 1 :
		    sc->result == KIOSK_ALREADY ? 2 : 3;
		app_kiosk_bell_cb(&app->kiosk->bell);
	}
}

static void
app_kiosk_note(void *arg, const char *sentence)
{
	struct app	*app = arg;
	struct pane	*p = app_kiosk_pane(app);

	app_now(app);
	if (p != NULL)
		app_kiosk_apply(app, pane_kiosk_note(p, sentence));
}

static const struct kiosk_hooks app_kiosk_hooks = {
	.changed = app_kiosk_changed,
	.result = app_kiosk_result,
	.note = app_kiosk_note,
};

int
app_kiosk_open(struct app *app, char **cause)
{
	const struct app_kiosk_options	*o = &app->opts.kiosk;
	struct kiosk_options		 ko;
	struct app_kiosk		*ak;

	memset(&ko, 0, sizeof ko);
	ko.event_id = o->event_id;
	ko.server = o->server != NULL ? o->server : "";
	ko.path = o->path;
	ak = xcalloc(1, sizeof *ak);
	if ((ak->k = kiosk_new(app->loop, app->api, &ko, &app_kiosk_hooks,
	    app, cause)) == NULL) {
		free(ak);
		return (-1);
	}
	uv_timer_init(app->loop, &ak->idle);
	uv_timer_init(app->loop, &ak->bell);
	ak->idle.data = ak->bell.data = app;
	ak->handles = 2;
	app->handles += 2;
	app->kiosk = ak;
	term_set_locked(app->term, 1);
	return (0);
}

void
app_kiosk_start(struct app *app)
{
	const struct app_kiosk_options	*o = &app->opts.kiosk;
	struct pane_kiosk_settings	 s;
	struct pane			*p;

	app_view_push(app, &view_kiosk_ops, -1);
	if ((p = app_kiosk_pane(app)) != NULL) {
		memset(&s, 0, sizeof s);
		s.pin_hash = o->pin_hash;
		s.tab_ends = o->tab_ends;
		s.idle_ms = o->idle_ms;
		s.banner_ms = o->banner_ms;
		/* Its font has few glyphs: block letters are drawn in #. */
		s.console = strncmp(termname(), "linux", 5) == 0;
		pane_kiosk_attach(p, app->kiosk->k, &s);
	}
	kiosk_start(app->kiosk->k);
}

static void
app_kiosk_idle_cb(uv_timer_t *t)
{
	struct app	*app = t->data;
	struct pane	*p = app_kiosk_pane(app);

	app_now(app);
	if (p != NULL)
		app_kiosk_apply(app, pane_kiosk_idle(p));
}

void
app_kiosk_key(struct app *app, int key)
{
	struct pane	*p = app_kiosk_pane(app);
	int		 flags;

	if (p == NULL)
		return;
	flags = pane_kiosk_key(p, keymap_table(app->opts.keymap, &keys_kiosk),
	    key);
	if (flags & PANE_KIOSK_IDLE)
		uv_timer_start(&app->kiosk->idle, app_kiosk_idle_cb,
		    app->opts.kiosk.idle_ms, 0);
	if (flags & PANE_KIOSK_SIGN_IN) {
		if (app->signed_out || api_session(app->api) == NULL)
			app_signin_open(app);
		else
			pane_kiosk_note(p, "Signed in already");
	}
	if (flags & PANE_KIOSK_LEAVE) {
		app->exit_code = 0;
		app->running = 0;
		uv_stop(app->loop);
		return;
	}
	/*
	 * Drawn once the keys read so far are all in (app_input), not at the
	 * first of a scanner's burst; and not before the answer to a scan
	 * sent, for a little while.
	 */
	p->damaged = 1;
	if (flags & PANE_KIOSK_TYPED)
		app->hold_until = uv_now(app->loop) + APP_KIOSK_ECHO_MS;
	else if (app->kiosk->k != NULL && kiosk_waiting(app->kiosk->k))
		app->hold_until = uv_now(app->loop) + APP_KIOSK_HOLD_MS;
	else
		app->hold_until = 0;
}

void
app_kiosk_link(struct app *app, enum api_link link)
{
	if (app->kiosk == NULL)
		return;
	if (app->signed_out)
		kiosk_signed_out(app->kiosk->k);
	if (link == API_LINK_LIVE)
		kiosk_heard_link(app->kiosk->k, 1);
	else if (link == API_LINK_RETRYING)
		kiosk_heard_link(app->kiosk->k, 0);
}

void
app_kiosk_signed_in(struct app *app)
{
	if (app->kiosk != NULL)
		kiosk_signed_in(app->kiosk->k);
}

void
app_kiosk_checkin(void *arg, const struct guest *g)
{
	struct app	*app = arg;

	if (app->kiosk != NULL)
		kiosk_heard_checkin(app->kiosk->k, g);
}

void
app_kiosk_counters(void *arg, const struct counters *c)
{
	struct app	*app = arg;

	if (app->kiosk != NULL)
		kiosk_heard_counters(app->kiosk->k, c);
}

void
app_kiosk_resynced(void *arg)
{
	struct app	*app = arg;

	if (app->kiosk != NULL)
		kiosk_heard_resync(app->kiosk->k);
}

/* A sentence the dashboard would toast: the station's note line. */
int
app_kiosk_says(struct app *app, const char *sentence)
{
	struct pane	*p;

	if (app->kiosk == NULL)
		return (0);
	if ((p = app_kiosk_pane(app)) != NULL && sentence != NULL)
		app_kiosk_apply(app, pane_kiosk_note(p, sentence));
	return (1);
}

static void
app_kiosk_close_cb(uv_handle_t *h)
{
	struct app		*app = h->data;
	struct app_kiosk	*ak = app->kiosk;

	if (--ak->handles == 0) {
		free(ak);
		app->kiosk = NULL;
	}
	app_handle_closed(app);
}

void
app_kiosk_free(struct app *app)
{
	struct app_kiosk	*ak = app->kiosk;

	if (ak == NULL || ak->freeing)
		return;
	ak->freeing = 1;
	kiosk_free(ak->k);
	ak->k = NULL;
	uv_close((uv_handle_t *)&ak->idle, app_kiosk_close_cb);
	uv_close((uv_handle_t *)&ak->bell, app_kiosk_close_cb);
}
