/*
 * What the check-in station's e2e tests share: an evtop-mock on a
 * database and signing secret of their own (so it can be stopped and
 * started again as the same server), a config file holding the PIN's
 * hash, events with named guests, and stations started on a pty.
 * Include after test.h and e2e.h, in one test file.
 */
#ifndef EVTOP_E2E_KIOSK_H
#define EVTOP_E2E_KIOSK_H

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "clock.h"
#include "kiosk-pin.h"
#include "mockproc.h"
#include "support-http.h"
#include "vt-harness.h"

#define ADMIN		"admin@example.com"
#define PASSWORD	"evtop-demo"
#define PIN		"2468"
#define NGUESTS		6

static struct mockproc	 mock = { -1, NULL };
static char		 dir[] = "/tmp/evtop-kiosk-XXXXXX";
static char		 db[128], secret[128], config[128];
static char		 url[80];	/* the mock's, also after a restart */
static char		 listen_at[80];
static char		*token;
static int		 events;	/* made so far */

struct event {
	int64_t	 id;
	int64_t	 guests[NGUESTS];	/* their ids */
	char	 codes[NGUESTS][32];
	char	 names[NGUESTS][32];
};

static inline int
write_file(const char *path, const char *text, mode_t mode)
{
	int	fd, ok;

	if ((fd = open(path, O_WRONLY|O_CREAT|O_TRUNC, mode)) == -1)
		return (-1);
	ok = write(fd, text, strlen(text)) == (ssize_t)strlen(text);
	return (close(fd) == 0 && ok ? 0 : -1);
}

static inline int
mock_run(const char *listen)
{
	const char	*seeded[] = { "--seed", "demo", "--hash-cost", "4",
	    "--db", db, "--secret-file", secret, NULL };
	const char	*again[] = { "--listen", listen, "--hash-cost", "4",
	    "--db", db, "--secret-file", secret, NULL };
	const char	*path = getenv("EVTOP_MOCK");
	char		*cause = NULL;

	if (path == NULL || mockproc_start(&mock, path, listen != NULL ?
	    again : seeded, -1, 60000, &cause) != 0) {
		fprintf(stderr, "kiosk: cannot start the mock: %s\n",
		    cause != NULL ? cause : "EVTOP_MOCK is not set");
		free(cause);
		return (-1);
	}
	return (0);
}

/* The mock on a database and secret of its own, and the PIN's config. */
static inline int
start_mock(void)
{
	char	*hash, *cause = NULL, text[512];

	if (token != NULL)
		return (0);
	if (mkdtemp(dir) == NULL)
		return (-1);
	snprintf(db, sizeof db, "%s/mock.db", dir);
	snprintf(secret, sizeof secret, "%s/secret", dir);
	snprintf(config, sizeof config, "%s/config", dir);
	if (write_file(secret, "kiosk-test-secret-kiosk-test-sec", 0600) != 0)
		return (-1);
	if ((hash = kiosk_pin_hash(PIN, &cause)) == NULL) {
		fprintf(stderr, "kiosk: %s\n", cause);
		free(cause);
		return (-1);
	}
	snprintf(text, sizeof text, "[defaults]\nkiosk_pin = %s\n", hash);
	free(hash);
	if (write_file(config, text, 0600) != 0 || mock_run(NULL) != 0)
		return (-1);
	snprintf(url, sizeof url, "%s", mock.url);
	snprintf(listen_at, sizeof listen_at, "%s", url + strlen("http://"));
	token = support_login(url, ADMIN, PASSWORD);
	return (token != NULL ? 0 : -1);
}

/* The mock again on the same port, database and secret. */
static inline int
restart_mock(void)
{
	mockproc_stop(&mock);
	return (mock_run(listen_at));
}

/*
 * A published event called title (NULL: "Door N") with NGUESTS guests
 * ("TITLE Guest One"...), their codes and names in the same order.
 */
static inline int
event_make_called(struct event *ev, const char *title)
{
	static const char *const words[NGUESTS] = { "One", "Two", "Three",
	    "Four", "Five", "Six" };
	struct reply	 r;
	json_t		*guests, *g;
	char		 body[2048], when[32], path[128], *p = body;
	time_t		 t = clock_now() + 3600;	/* EVTOP_TEST_NOW's */
	size_t		 i, j;
	char		 name[64];
	int		 n = ++events;

	memset(ev, 0, sizeof *ev);
	if (title != NULL)
		snprintf(name, sizeof name, "%s", title);
	else
		snprintf(name, sizeof name, "Door %d", n);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:00Z", gmtime(&t));
	snprintf(body, sizeof body, "{\"title\":\"%s\",\"description\":"
	    "\"A test's door.\",\"date_time\":\"%s\",\"location\":\"Hall\","
	    "\"max_capacity\":50,\"status\":\"published\"}", name, when);
	support_http(url, "POST", "/api/events", body, token, &r);
	if (r.status == 201)
		ev->id = json_integer_value(json_object_get(json_object_get(
		    r.json, "event"), "id"));
	reply_done(&r);
	if (ev->id <= 0)
		return (-1);
	p += snprintf(p, sizeof body, "{\"guests\":[");
	for (i = 0; i < NGUESTS; i++)
		p += snprintf(p, sizeof body - (size_t)(p - body),
		    "%s{\"name\":"
		    "\"%s Guest %s\",\"email\":\"door%d.%zu@example.org\","
		    "\"rsvp_status\":\"accepted\"}", i > 0 ? "," : "", name,
		    words[i], n, i);
	snprintf(p, sizeof body - (size_t)(p - body), "]}");
	snprintf(path, sizeof path, "/api/events/%lld/guests",
	    (long long)ev->id);
	support_http(url, "POST", path, body, token, &r);
	i = r.status == 201 ? 0 : 1;
	reply_done(&r);
	if (i != 0)
		return (-1);
	snprintf(path, sizeof path, "/api/events/%lld/guests?per_page=50",
	    (long long)ev->id);
	support_http(url, "GET", path, NULL, token, &r);
	guests = json_object_get(r.json, "guests");
	for (i = 0; i < json_array_size(guests); i++) {
		g = json_array_get(guests, i);
		for (j = 0; j < NGUESTS; j++) {
			snprintf(body, sizeof body, "%s Guest %s", name,
			    words[j]);
			if (strcmp(json_string_value(json_object_get(g,
			    "name")), body) == 0) {
				snprintf(ev->names[j], sizeof ev->names[j],
				    "%.31s", body);
				snprintf(ev->codes[j], sizeof ev->codes[j],
				    "%.31s", json_string_value(
				    json_object_get(g, "ticket_code")));
				ev->guests[j] = json_integer_value(
				    json_object_get(g, "id"));
			}
		}
	}
	reply_done(&r);
	for (j = 0; j < NGUESTS; j++) {
		if (ev->codes[j][0] == '\0')
			return (-1);
	}
	return (0);
}

/* The server's count of checked-in guests for the event, or -1. */
static inline int64_t
server_checked_in(const struct event *ev)
{
	struct reply	 r;
	char		 path[64];
	int64_t		 n = -1;

	snprintf(path, sizeof path, "/api/events/%lld/stats",
	    (long long)ev->id);
	support_http(url, "GET", path, NULL, token, &r);
	if (r.status == 200)
		n = json_integer_value(json_object_get(json_object_get(r.json,
		    "stats"), "checked_in"));
	reply_done(&r);
	return (n);
}

/* Checks code in as another door would, over REST: the HTTP status. */
static inline long
door_checkin(const struct event *ev, const char *code)
{
	struct reply	 r;
	char		 path[64], body[128];
	long		 status;

	snprintf(path, sizeof path, "/api/events/%lld/checkin",
	    (long long)ev->id);
	snprintf(body, sizeof body, "{\"code\":\"%s\"}", code);
	support_http(url, "POST", path, body, token, &r);
	status = r.status;
	reply_done(&r);
	return (status);
}

static inline int
event_make(struct event *ev)
{
	return (event_make_called(ev, NULL));
}

/*
 * A station for ev with its state in state (a folder made if missing),
 * more (NULL, or up to four arguments) after the others.
 */
static inline struct vt *
station_with(const struct event *ev, const char *state, int rows, int cols,
    const char *term, const char *const *more)
{
	char		 id[32], *tok_env = NULL, *state_env = NULL;
	char		 term_env[64];
	const char	*argv[12] = { getenv("EVTOP_BIN"), "-s", url, "-c",
	    config, "--kiosk", id, NULL };
	size_t		 i;
	const char	*env[] = { NULL, NULL, NULL, NULL };
	struct vt	*vt;

	mkdir(state, 0700);
	snprintf(id, sizeof id, "%lld", (long long)ev->id);
	for (i = 0; more != NULL && more[i] != NULL && i < 4; i++)
		argv[7 + i] = more[i];
	if (argv[0] == NULL || asprintf(&tok_env, "EVTOP_TOKEN=%s",
	    token) < 0 || asprintf(&state_env, "XDG_STATE_HOME=%s",
	    state) < 0)
		return (NULL);
	env[0] = tok_env;
	env[1] = state_env;
	if (term != NULL) {
		snprintf(term_env, sizeof term_env, "TERM=%s", term);
		env[2] = term_env;
	}
	vt = vt_spawn(argv, env, rows, cols);
	free(tok_env);
	free(state_env);
	return (vt);
}

static inline struct vt *
station(const struct event *ev, const char *state, int rows, int cols,
    const char *term)
{
	return (station_with(ev, state, rows, cols, term, NULL));
}

/* Online, with the guest list copied: ready for a scanner. */
static inline int
ready(struct vt *vt)
{
	if (e2e_expect(vt, "ONLINE", VT_DEADLINE_MS) != 0 ||
	    e2e_expect(vt, "guests, list of", VT_DEADLINE_MS) != 0 ||
	    e2e_expect(vt, "Scan a ticket", VT_DEADLINE_MS) != 0)
		return (-1);
	return (0);
}

/* A scanner's burst: the code and Enter in one write. */
static inline void
scan(struct vt *vt, const char *code)
{
	char	buf[64];

	snprintf(buf, sizeof buf, "%s\r", code);
	vt_send_text(vt, buf);
}

/* F10 and the PIN: the station ends with status 0. */
static inline void
leave(struct vt *vt)
{
	vt_send_key(vt, VTERM_KEY_FUNCTION(10));
	if (e2e_expect(vt, "PIN to leave", VT_DEADLINE_MS) == 0) {
		scan(vt, PIN);
		CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 0);
	}
	vt_free(vt);
}

/*
 * A new event and a station for it with its state in DIR/name (into
 * state), online with the guest list copied: the station, or NULL after
 * a failed check (and the station left).
 */
static inline struct vt *
door_open(struct event *ev, const char *name, char *state, size_t len,
    int rows, int cols, const char *term, const char *const *more)
{
	struct vt	*vt;

	snprintf(state, len, "%s/%s", dir, name);
	if (start_mock() != 0 || event_make(ev) != 0 ||
	    (vt = station_with(ev, state, rows, cols, term, more)) == NULL) {
		CHECK(0);
		return (NULL);
	}
	if (ready(vt) != 0) {
		leave(vt);
		return (NULL);
	}
	return (vt);
}

/* The last case: the mock stopped, its folder gone. */
static inline void
kiosk_fixture_done(void)
{
	char	cmd[256];

	mockproc_stop(&mock);
	free(token);
	token = NULL;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	CHECK_INT(system(cmd), 0);
}

#endif
