/*
 * The client against an evtop-mock that fails on purpose (--fault
 * error-rate=0.3, latency, drop-ws): batch mode completes every snapshot;
 * the api on a libuv loop signs in, keeps its event list converging to
 * the server's while the test changes it, and toasts every notification
 * once across WebSocket reconnects; and the trace names each request and
 * frame but never the password or the token.  Every wait is a condition
 * with a deadline.
 */
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <uv.h>

#include "api.h"
#include "log.h"
#include "mockproc.h"
#include "store.h"
#include "support-http.h"

#include "support-run.h"
#include "test.h"

#define PASSWORD	"evtop-demo"
#define DEADLINE_MS	20000
#define NOTES_MAX	4096

static struct mockproc	 mock = { -1, NULL };
static int		 mock_up;
static char		 dir[] = "/tmp/evtop-faults-XXXXXX";
static int		 dir_made;
static char		*token;		/* the test's own, for REST checks */

struct state {
	uv_loop_t	 loop;
	uv_timer_t	 tick;
	int		 done;
	int		 status;
	int		 reconnects;	/* links to LIVE after the first */
	int		 lives;
	int64_t		 seqs[NOTES_MAX];	/* toasted, in order */
	enum api_reason	 error_reason;	/* api_last_error in on_done */
	long		 error_http;
	int		 error_message;
	size_t		 nseqs;
};

static struct state	 st;

/* A request the test makes, sent again on a 5xx as a careful client would. */
static void
http_until(const char *method, const char *path, const char *body,
    const char *key, struct reply *r)
{
	char	header[96];
	int	i;

	if (key != NULL)
		snprintf(header, sizeof header, "Idempotency-Key: %s", key);
	for (i = 0; i < 40; i++) {
		support_http_ex(mock.url, method, path, body, token, NULL,
		    key != NULL ? header : NULL, r);
		if (r->status != 0 && r->status < 500)
			return;
		reply_done(r);
		usleep(50 * 1000);
	}
	memset(r, 0, sizeof *r);
}

static void
setup(void)
{
	static const char *const extra[] = { "--seed", "demo", "--hash-cost",
	    "4", "--simulate", "30", "--fault",
	    "latency=5,error-rate=0.3,drop-ws=2", NULL };
	char	*path, *cause = NULL;
	int	 i;

	CHECK(mkdtemp(dir) != NULL);
	dir_made = 1;
	path = mockproc_find(&cause);
	if (path == NULL || mockproc_start(&mock, path, extra, -1, 30000,
	    &cause) != 0) {
		fprintf(stderr, "evtop-mock did not start: %s\n", cause);
		exit(1);
	}
	free(path);
	mock_up = 1;
	for (i = 0; i < 40 && token == NULL; i++)
		token = support_login(mock.url, "admin@example.com", PASSWORD);
	CHECK(token != NULL);
}

/* Runs evtop -b -n 5 -d 0.2 against url as token; 1 when all went well. */
static int
batch_five(const char *url, const char *tok, const char *name, int limited)
{
	const char		*args[] = { "-s", url, "-b", "-n", "5", "-d",
	    "0.2", NULL };
	char			 env_token[4096], env_trace[320];
	char			 trace[300], *o, *e, *t, *p;
	const char		*env[] = { env_token, env_trace, NULL };
	struct support_run	 r;
	int			 status, snapshots = 0, before = test_failures;

	CHECK(getenv("EVTOP_BIN") != NULL);
	if (getenv("EVTOP_BIN") == NULL || tok == NULL)
		return (0);
	snprintf(trace, sizeof trace, "%s/%s.trace", dir, name);
	snprintf(env_token, sizeof env_token, "EVTOP_TOKEN=%s", tok);
	snprintf(env_trace, sizeof env_trace, "EVTOP_TRACE=%s", trace);
	support_run(&r, dir, args, env);
	status = r.status;
	o = r.out;
	e = r.err;
	t = support_slurp(trace);
	for (p = o; (p = strstr(p, "evtop: ")) != NULL; p++)
		snapshots += p == o || p[-1] == '\n';
	CHECK_INT(status, 0);
	CHECK_INT(snapshots, 5);
	/* Each request on one line, with its status, size and time. */
	CHECK(strstr(t, "http: GET ") != NULL);
	CHECK(strstr(t, " bytes, ") != NULL);
	CHECK(strstr(t, tok) == NULL);
	/* Limited: a 429 came, and was waited out, not retried at once. */
	if (limited) {
		CHECK(strstr(t, " -> 429, ") != NULL);
		CHECK(strstr(e, "rate limit") != NULL ||
		    strstr(e, "wait") != NULL);
	}
	if (test_failures != before)
		fprintf(stderr, "--- exit %d\n--- stdout:\n%s--- stderr:\n%s"
		    "--- trace:\n%s---\n", status, o, e, t);
	free(o);
	free(e);
	free(t);
	unlink(trace);
	return (test_failures == before);
}

/* Five snapshots, whatever fails on the way, and nothing on stderr. */
static void
test_batch_completes(void)
{
	char	path[300], *e;

	if (batch_five(mock.url, token, "batch", 0)) {
		snprintf(path, sizeof path, "%s/stderr", dir);
		e = support_slurp(path);
		CHECK_STR(e, "");
		free(e);
	}
}

/*
 * The same with a rate limit that five snapshots overrun: each 429 is
 * said on stderr and waited out, and every snapshot is printed.
 */
static void
test_batch_rate_limited(void)
{
	static const char *const extra[] = { "--seed", "demo", "--hash-cost",
	    "4", "--rate-limit", "6/2", "--fault", "error-rate=0.3", NULL };
	struct mockproc	 limited = { -1, NULL };
	char		*path, *cause = NULL, *tok = NULL;
	int		 i;

	path = mockproc_find(&cause);
	if (path == NULL || mockproc_start(&limited, path, extra, -1, 30000,
	    &cause) != 0) {
		fprintf(stderr, "evtop-mock did not start: %s\n", cause);
		free(cause);
		free(path);
		CHECK(0);
		return;
	}
	free(path);
	for (i = 0; i < 100 && tok == NULL; i++) {
		if ((tok = support_login(limited.url, "admin@example.com",
		    PASSWORD)) == NULL)
			usleep(100 * 1000);
	}
	CHECK(tok != NULL);
	batch_five(limited.url, tok, "limited", 1);
	free(tok);
	mockproc_stop(&limited);
}

static void
on_link(void *arg, enum api_link link, const struct api_why *why)
{
	struct state	*s = arg;

	(void)why;
	if (link == API_LINK_LIVE && s->lives++ > 0)
		s->reconnects++;
}

static void
on_notification(void *arg, const struct notification *no)
{
	struct state	*s = arg;

	if (s->nseqs < NOTES_MAX)
		s->seqs[s->nseqs++] = no->seq;
}

static const struct api_hooks hooks = {
	.link_changed = on_link,
	.notification = on_notification,
};

static struct api	*the_api;	/* for api_last_error in on_done */

static void
on_done(void *arg, int status, const char *cause)
{
	struct state		*s = arg;
	const struct api_error	*e;

	(void)cause;
	s->status = status;
	s->done = 1;
	e = the_api != NULL ? api_last_error(the_api) : NULL;
	s->error_reason = e != NULL ? e->reason : API_REASON_NONE;
	s->error_http = e != NULL ? e->http : 0;
	s->error_message = e != NULL && e->message != NULL;
	/* What was told is the error's own sentence. */
	if (e != NULL)
		CHECK(cause != NULL && strcmp(cause, e->sentence) == 0);
	if (status == API_OK)
		CHECK(e == NULL);
}

static void
on_tick(uv_timer_t *t)
{
	(void)t;
}

/* Runs the loop until cond(arg) holds or ms pass; 1 when it held. */
static int
run_until(int (*cond)(void *), void *arg, uint64_t ms)
{
	uint64_t	end = uv_now(&st.loop) + ms;

	uv_timer_start(&st.tick, on_tick, 20, 20);
	while (!cond(arg) && uv_now(&st.loop) < end)
		uv_run(&st.loop, UV_RUN_ONCE);
	uv_timer_stop(&st.tick);
	return (cond(arg));
}

static int
is_done(void *arg)
{
	return (((struct state *)arg)->done);
}

static int
went_live(void *arg)
{
	return (((struct state *)arg)->lives >= 1);
}

static int
reconnected(void *arg)
{
	return (((struct state *)arg)->reconnects >= 2);
}

/*
 * Notifications toasted across a reconnect: the simulator posts one every
 * 1.7 s or so, which a quick convergence may not have waited for.
 */
static int
toasted_across(void *arg)
{
	struct state	*s = arg;

	return (s->nseqs >= 3 && s->reconnects >= 3);
}

/* The event ids the server lists now, sorted, or -1. */
static int
server_ids(int64_t *ids, size_t max, size_t *n)
{
	struct reply	 r;
	json_t		*evs, *e;
	size_t		 i;

	*n = 0;
	http_until("GET", "/api/events?per_page=200", NULL, NULL, &r);
	evs = json_object_get(r.json, "events");
	if (r.status != 200 || !json_is_array(evs)) {
		reply_done(&r);
		return (-1);
	}
	json_array_foreach(evs, i, e) {
		if (*n < max)
			ids[(*n)++] = json_integer_value(json_object_get(e,
			    "id"));
	}
	reply_done(&r);
	return (0);
}

static int
cmp_id(const void *a, const void *b)
{
	int64_t	x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x < y ? -1 : x > y);
}

/* 1 when the store holds exactly the events the server lists. */
static int
converged(void *arg)
{
	struct store	*store = arg;
	int64_t		 want[512], got[512];
	size_t		 n, m, i;

	if (server_ids(want, 512, &n) != 0)
		return (0);
	m = store_event_count(store);
	if (m != n || m > 512)
		return (0);
	for (i = 0; i < m; i++)
		got[i] = store_event_at(store, i)->id;
	qsort(want, n, sizeof want[0], cmp_id);
	qsort(got, m, sizeof got[0], cmp_id);
	return (memcmp(want, got, n * sizeof want[0]) == 0);
}

/* Adds an event over REST, as another admin would. */
static void
add_event(int i)
{
	struct reply	 r;
	char		 body[256], key[64];

	snprintf(body, sizeof body, "{\"title\":\"Fault drill %d\","
	    "\"description\":\"x\",\"date_time\":\"2030-01-0%dT10:00:00Z\","
	    "\"location\":\"Hall\",\"max_capacity\":10}", i, i + 1);
	snprintf(key, sizeof key, "faults-%ld-%d", (long)getpid(), i);
	http_until("POST", "/api/events", body, key, &r);
	CHECK_INT(r.status, 201);
	reply_done(&r);
}

/*
 * Signs in, loads, goes live; the socket drops every 2 s while events
 * are added and the simulator posts notifications.  The list converges
 * to the server's, each notification is toasted once, none is skipped,
 * and the trace holds neither the password nor the token.
 */
static void
test_live_under_faults(void)
{
	struct api_options	 opts;
	struct api		*api;
	struct store		*store;
	struct reply		 r;
	json_t			*notes, *no;
	char			 trace[300], *t;
	size_t			 i, j, twice = 0, missed = 0, checked = 0;
	int64_t			 seq, first, last;
	int			 tries, clients = 0;

	snprintf(trace, sizeof trace, "%s/api.trace", dir);
	CHECK_INT(log_open(trace), 0);
	CHECK_INT(uv_loop_init(&st.loop), 0);
	uv_timer_init(&st.loop, &st.tick);
	memset(&opts, 0, sizeof opts);
	opts.server = mock.url;
	/*
	 * A 500 on /api/meta is a core-only server's answer (API.md), so a
	 * client whose first question drew an injected 500 polls: that one
	 * is put aside, as a user would start evtop again.
	 */
	for (;;) {
		store = store_new();
		api = api_new(&st.loop, &opts, store, &hooks, &st);
		the_api = api;
		/* A wrong password's error, whole, once it is not a fault. */
		for (tries = 0; tries < 20; tries++) {
			st.done = 0;
			api_login(api, "admin@example.com", "wrong", on_done,
			    &st);
			CHECK(run_until(is_done, &st, DEADLINE_MS));
			if (st.error_http < 500)
				break;
		}
		CHECK_INT(st.status, API_ERR_AUTH);
		CHECK_INT(st.error_reason, API_REASON_SIGN_IN_REFUSED);
		CHECK_INT(st.error_http, 401);
		CHECK(st.error_message);
		/* A sign-in answered 500 is not sent again: the user would. */
		for (tries = 0; tries < 20; tries++) {
			st.done = 0;
			api_login(api, "admin@example.com", PASSWORD, on_done,
			    &st);
			CHECK(run_until(is_done, &st, DEADLINE_MS));
			if (st.status == API_OK)
				break;
		}
		CHECK_INT(st.status, API_OK);
		st.done = 0;
		api_load_notifications(api, on_done, &st);
		CHECK(run_until(is_done, &st, DEADLINE_MS));
		if (api_discovery(api) == API_DISCOVERY_FULL || ++clients == 10)
			break;
		api_free(api);
		uv_run(&st.loop, UV_RUN_NOWAIT);
		store_free(store);
	}
	CHECK_INT(api_discovery(api), API_DISCOVERY_FULL);
	api_start_live(api);
	st.done = 0;
	api_refresh_events(api, on_done, &st);
	CHECK(run_until(is_done, &st, DEADLINE_MS));
	CHECK_INT(st.status, API_OK);

	/*
	 * The first subscription has no seq to replay from: what changes
	 * before it is live is the REST list's to show.  From then on,
	 * every reconnect replays what it missed.
	 */
	CHECK(run_until(went_live, &st, DEADLINE_MS));
	for (i = 0; i < 3; i++)
		add_event((int)i);
	CHECK(run_until(reconnected, &st, DEADLINE_MS));
	for (i = 3; i < 5; i++)
		add_event((int)i);
	CHECK(run_until(converged, store, DEADLINE_MS));
	CHECK(run_until(toasted_across, &st, DEADLINE_MS));

	/* Every notification between the first and last toasted, once. */
	CHECK(st.nseqs > 0);
	first = st.nseqs > 0 ? st.seqs[0] : 0;
	last = st.nseqs > 0 ? st.seqs[st.nseqs - 1] : 0;
	for (i = 0; i < st.nseqs; i++) {
		for (j = i + 1; j < st.nseqs; j++)
			twice += st.seqs[i] == st.seqs[j];
		if (i > 0)
			CHECK(st.seqs[i - 1] < st.seqs[i]);
	}
	CHECK_INT(twice, 0);
	http_until("GET", "/api/notifications?limit=500", NULL, NULL, &r);
	notes = json_object_get(r.json, "notifications");
	CHECK(json_is_array(notes));
	json_array_foreach(notes, i, no) {
		seq = json_integer_value(json_object_get(no, "seq"));
		if (seq < first || seq > last)
			continue;
		checked++;
		for (j = 0; j < st.nseqs && st.seqs[j] != seq; j++)
			;
		missed += j == st.nseqs;
	}
	reply_done(&r);
	CHECK_INT(missed, 0);
	CHECK(checked > 0);
	fprintf(stderr, "# %zu notifications toasted over %d reconnects, "
	    "%zu checked against the server\n", st.nseqs, st.reconnects,
	    checked);

	api_free(api);
	the_api = NULL;
	uv_close((uv_handle_t *)&st.tick, NULL);
	uv_run(&st.loop, UV_RUN_DEFAULT);
	CHECK_INT(uv_loop_close(&st.loop), 0);
	store_free(store);
	log_close();

	t = support_slurp(trace);
	CHECK(strstr(t, "ws: > auth, ") != NULL);
	CHECK(strstr(t, "ws: < notification, seq ") != NULL);
	CHECK(strstr(t, "http: POST ") != NULL);
	CHECK(strstr(t, PASSWORD) == NULL);
	CHECK(strstr(t, "Bearer") == NULL);
	CHECK(strstr(t, "\"token\"") == NULL);
	/* The api's own token is not the test's: look for any JWT. */
	CHECK(strstr(t, "eyJhbGciOi") == NULL);
	free(t);
}

static void
teardown(void)
{
	char	path[300];

	if (mock_up)
		mockproc_stop(&mock);
	free(token);
	if (dir_made) {
		snprintf(path, sizeof path, "%s/stdout", dir);
		unlink(path);
		snprintf(path, sizeof path, "%s/stderr", dir);
		unlink(path);
		snprintf(path, sizeof path, "%s/api.trace", dir);
		unlink(path);
		snprintf(path, sizeof path, "rm -rf '%s'", dir);
		if (system(path) != 0)
			fprintf(stderr, "cannot remove %s\n", dir);
	}
}

TEST_MAIN(
	TEST_CASE(setup),
	TEST_CASE(test_batch_completes),
	TEST_CASE(test_batch_rate_limited),
	TEST_CASE(test_live_under_faults),
	TEST_CASE(teardown)
)
