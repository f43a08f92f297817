/*
 * The client against servers as they are: a core-only server (no
 * /api/meta; an /api/ws that answers 404, 500 or a web page; 100
 * requests per 15 minutes, HTML 429s) and the mock.  The client's pacing
 * runs on a sped-up clock (api_options.time_scale), so a simulated hour
 * takes seconds; the core server counts in the same seconds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uv.h>

#include "api.h"
#include "log.h"
#include "mockproc.h"
#include "store.h"
#include "support-core.h"
#include "support-http.h"

#include "test.h"

#define GIVE_UP_MS	20000
#define SCALE		600		/* an hour in 6 s */
#define HOUR_REAL_MS	(3600 * 1000 / SCALE)
#define WINDOW_REAL_MS	(15 * 60 * 1000 / SCALE)

struct state {
	uv_loop_t	 loop;
	uv_timer_t	 give_up;
	int		 gave_up;

	int		 done;
	int		 status;
	char		*cause;

	int		 events_changed;
	int		 links[API_LINK_POLLING + 1];
	enum api_reason	 link_reason;
	char		*link_why;
	int		 history;
};

static struct state	 st;

static void
on_events_changed(void *arg)
{
	((struct state *)arg)->events_changed++;
}

static void
on_history(void *arg)
{
	((struct state *)arg)->history++;
}

static void
on_link(void *arg, enum api_link link, const struct api_why *why)
{
	struct state	*s = arg;

	s->links[link]++;
	s->link_reason = why->reason;
	if (why->sentence != NULL) {
		free(s->link_why);
		s->link_why = strdup(why->sentence);
	}
}

static const struct api_hooks hooks = {
	.events_changed = on_events_changed,
	.notifications_loaded = on_history,
	.link_changed = on_link,
};

static void
on_done(void *arg, int status, const char *cause)
{
	struct state	*s = arg;

	s->done = 1;
	s->status = status;
	free(s->cause);
	s->cause = cause != NULL ? strdup(cause) : NULL;
}

static void
on_give_up(uv_timer_t *t)
{
	(void)t;
	st.gave_up = 1;
}

/* Runs the loop until *flag reaches want, or gives up; 1 if it did. */
static int
run_until(const int *flag, int want)
{
	st.gave_up = 0;
	uv_timer_start(&st.give_up, on_give_up, GIVE_UP_MS, 0);
	while (*flag < want && !st.gave_up)
		uv_run(&st.loop, UV_RUN_ONCE);
	uv_timer_stop(&st.give_up);
	return (*flag >= want);
}

/* Runs the loop for ms of real time: the simulated span itself. */
static void
run_for(uint64_t ms)
{
	st.gave_up = 0;
	uv_timer_start(&st.give_up, on_give_up, ms, 0);
	while (!st.gave_up)
		uv_run(&st.loop, UV_RUN_ONCE);
}

struct client {
	struct api	*api;
	struct store	*store;
};

/* A client signed in to url as email, with the event list fetched. */
static void
client_start(struct client *c, const char *url, const char *email,
    const char *password)
{
	struct api_options	 opts;

	memset(&opts, 0, sizeof opts);
	opts.server = url;
	opts.time_scale = SCALE;
	c->store = store_new();
	c->api = api_new(&st.loop, &opts, c->store, &hooks, &st);
	st.done = 0;
	api_login(c->api, email, password, on_done, &st);
	CHECK(run_until(&st.done, 1));
	CHECK_INT(st.status, API_OK);
	st.done = 0;
	api_refresh_events(c->api, on_done, &st);
	CHECK(run_until(&st.done, 1));
	CHECK_INT(st.status, API_OK);
}

/* What the dashboard does at start: the log, then the live link. */
static void
client_watch(struct client *c)
{
	st.done = 0;
	api_load_notifications(c->api, on_done, &st);
	CHECK(run_until(&st.done, 1));
	CHECK_INT(st.status, API_OK);
	api_start_live(c->api);
}

static void
client_free(struct client *c)
{
	api_free(c->api);
	/* Until every handle of the client has closed (give_up is idle). */
	uv_run(&st.loop, UV_RUN_DEFAULT);
	store_free(c->store);
	c->api = NULL;
	c->store = NULL;
}

static int64_t
confirmed(const struct client *c)
{
	const struct event	*e;

	if (store_event_count(c->store) != 1)
		return (-1);
	e = store_event_at(c->store, 0);
	return (e->current_registrations);
}

static void
setup(void)
{
	CHECK_INT(uv_loop_init(&st.loop), 0);
	uv_timer_init(&st.loop, &st.give_up);
	if (getenv("EVTOP_TEST_TRACE") != NULL)
		log_open(getenv("EVTOP_TEST_TRACE"));
}

/*
 * /api/meta answers 500: a core-only server.  Nothing is asked of what it
 * lacks (notifications, the socket at start); the list is polled, and
 * another client's registration shows without anyone asking.
 */
static void
test_polls_and_sees_others(void)
{
	struct core_options	 o = { .ws = CORE_500, .meta = CORE_500,
	    .window_ms = WINDOW_REAL_MS, .scale = SCALE };
	struct core_server	*cs = core_start(&o);
	struct core_counts	 n;
	struct client		 c;
	struct reply		 r;
	int			 changed, every;

	CHECK(cs != NULL);
	if (cs == NULL)
		return;
	memset(st.links, 0, sizeof st.links);
	client_start(&c, core_url(cs), "o@example.com", "pw");
	st.history = 0;
	client_watch(&c);
	CHECK_INT(st.history, 1);
	CHECK_INT(store_notifications_supported(c.store), 0);
	CHECK_INT(api_discovery(c.api), API_DISCOVERY_CORE);
	CHECK_INT(api_feature(c.api, "notifications"), 0);
	CHECK(run_until(&st.links[API_LINK_POLLING], 1));
	CHECK_INT(api_link_state(c.api), API_LINK_POLLING);
	CHECK_INT(st.link_reason, API_REASON_NO_WEBSOCKET);
	/* 45 % of 100 per 15 minutes, and a little for the window's edge. */
	CHECK(st.link_why != NULL && strstr(st.link_why,
	    "refreshing every ") != NULL);
	if (st.link_why != NULL && strstr(st.link_why, "every ") != NULL) {
		every = atoi(strstr(st.link_why, "every ") + 6);
		CHECK(every >= 20 && every <= 22);
	}
	CHECK_INT(confirmed(&c), 0);

	/* Someone else registers, over REST, on their own. */
	support_http(core_url(cs), "POST", "/api/events/5/register", NULL,
	    CORE_TOKEN_3, &r);
	CHECK_INT(r.status, 201);
	reply_done(&r);
	st.gave_up = 0;
	uv_timer_start(&st.give_up, on_give_up, GIVE_UP_MS, 0);
	while (confirmed(&c) != 1 && !st.gave_up) {
		changed = st.events_changed;
		while (st.events_changed == changed && !st.gave_up)
			uv_run(&st.loop, UV_RUN_ONCE);
	}
	uv_timer_stop(&st.give_up);
	CHECK_INT(confirmed(&c), 1);

	core_counts(cs, &n);
	CHECK_INT(n.notifications, 0);
	CHECK_INT(n.ws, 0);
	/* A 500 is a verdict when it comes three times in a row. */
	CHECK_INT(n.meta, 3);
	CHECK_INT(n.refused, 0);
	client_free(&c);
	core_stop(cs);
}

/*
 * /api/meta rate limited (no verdict), so the socket is tried: a 404, a
 * 500 and a web page's 200 all mean "no WebSocket here": polling, not
 * "retrying", and not "cannot reach".  /api/meta is asked again later.
 */
static void
test_ws_refused(void)
{
	static const struct {
		enum core_answer	 ws;
		const char		*says;
	} cases[] = {
		{ CORE_404, "answered 404 instead of opening a WebSocket" },
		{ CORE_500, "answered 500 instead of opening a WebSocket" },
		{ CORE_HTML, "answered 200 instead of opening a WebSocket" },
	};
	struct core_options	 o = { .meta = CORE_429,
	    .window_ms = WINDOW_REAL_MS, .scale = SCALE };
	struct core_server	*cs;
	struct core_counts	 n;
	struct client		 c;
	size_t			 i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		o.ws = cases[i].ws;
		if ((cs = core_start(&o)) == NULL) {
			CHECK(0);
			return;
		}
		memset(st.links, 0, sizeof st.links);
		client_start(&c, core_url(cs), "o@example.com", "pw");
		api_start_live(c.api);
		CHECK(run_until(&st.links[API_LINK_POLLING], 1));
		CHECK_INT(st.links[API_LINK_RETRYING], 0);
		CHECK_INT(st.link_reason, API_REASON_NO_WEBSOCKET);
		CHECK_INT(api_discovery(c.api), API_DISCOVERY_UNKNOWN);
		core_counts(cs, &n);
		CHECK_INT(n.ws, 1);
		/* No verdict from /api/meta: asked again, minutes later. */
		st.gave_up = 0;
		uv_timer_start(&st.give_up, on_give_up, GIVE_UP_MS, 0);
		while (n.meta < 2 && !st.gave_up) {
			uv_run(&st.loop, UV_RUN_ONCE);
			core_counts(cs, &n);
		}
		uv_timer_stop(&st.give_up);
		CHECK_INT(n.meta, 2);
		CHECK_INT(api_link_state(c.api), API_LINK_POLLING);
		printf("# %s\n", st.link_why != NULL ? st.link_why : "?");
		client_free(&c);
		core_stop(cs);
	}
}

/*
 * An hour idle against 100 requests per 15 minutes, with a web page at
 * /api/ws and X-RateLimit-* headers: at most half the budget in any
 * window, no 429, the socket tried no more than once in 15 minutes.
 */
static void
test_idle_hour_core(void)
{
	struct core_options	 o = { .ws = CORE_HTML, .meta = CORE_404,
	    .window_ms = WINDOW_REAL_MS, .scale = SCALE, .x_headers = 1 };
	struct core_server	*cs = core_start(&o);
	struct core_counts	 n;
	struct client		 c;

	CHECK(cs != NULL);
	if (cs == NULL)
		return;
	memset(st.links, 0, sizeof st.links);
	client_start(&c, core_url(cs), "o@example.com", "pw");
	client_watch(&c);
	run_for(HOUR_REAL_MS);
	core_counts(cs, &n);
	printf("# core-only, an idle hour: %ld requests (%ld polls, %ld "
	    "WebSocket tries, %ld /api/meta), at most %ld of 100 in a "
	    "15-minute window, %ld refused\n", n.requests, n.events, n.ws,
	    n.meta, n.worst, n.refused);
	CHECK(n.worst <= 50);
	CHECK_INT(n.refused, 0);
	CHECK(n.events >= 100);		/* it does keep polling */
	CHECK(n.ws >= 2 && n.ws <= 4);
	/* Timers may fire a little early or late on a busy machine. */
	CHECK(n.ws_gap_ms >= WINDOW_REAL_MS * 95 / 100);
	CHECK_INT(st.links[API_LINK_RETRYING], 0);
	CHECK_INT(api_link_state(c.api), API_LINK_POLLING);
	client_free(&c);
	core_stop(cs);
}

/*
 * An HTML 429 with Retry-After: background requests wait it out (the
 * header counts it down through api_hold_left), then polling goes on.
 */
static void
test_retry_after(void)
{
	struct core_options	 o = { .window_ms = WINDOW_REAL_MS,
	    .scale = SCALE };
	struct core_server	*cs = core_start(&o);
	struct core_counts	 n;
	struct client		 c;
	enum api_reason		 why;
	long			 before;

	CHECK(cs != NULL);
	if (cs == NULL)
		return;
	memset(st.links, 0, sizeof st.links);
	client_start(&c, core_url(cs), "o@example.com", "pw");
	client_watch(&c);
	CHECK(run_until(&st.links[API_LINK_POLLING], 1));
	core_refuse_next(cs, NULL, 1, 600);
	st.gave_up = 0;
	uv_timer_start(&st.give_up, on_give_up, GIVE_UP_MS, 0);
	while (api_hold_left(c.api, NULL) == 0 && !st.gave_up)
		uv_run(&st.loop, UV_RUN_ONCE);
	uv_timer_stop(&st.give_up);
	CHECK(api_hold_left(c.api, &why) > 500 * 1000);
	CHECK_INT(why, API_REASON_RATE_LIMITED);
	core_counts(cs, &n);
	CHECK_INT(n.refused, 1);
	before = n.requests;
	/* Five simulated minutes: nothing is asked meanwhile. */
	run_for(5 * 60 * 1000 / SCALE);
	core_counts(cs, &n);
	CHECK_INT(n.requests, before);
	/* Past the ten minutes, polling goes on. */
	st.gave_up = 0;
	uv_timer_start(&st.give_up, on_give_up, GIVE_UP_MS, 0);
	while (n.requests == before && !st.gave_up) {
		uv_run(&st.loop, UV_RUN_ONCE);
		core_counts(cs, &n);
	}
	uv_timer_stop(&st.give_up);
	CHECK(n.requests > before);
	CHECK_INT(api_hold_left(c.api, NULL), 0);
	CHECK_INT(n.refused, 1);
	client_free(&c);
	core_stop(cs);
}

static void
on_registered(void *arg, int status, const char *cause,
    const struct api_registration *r)
{
	struct state	*s = arg;

	(void)r;
	on_done(s, status, cause);
}

/* A bad token is a 403 "Invalid token": signed out; register, cancel. */
static void
test_core_round_trip(void)
{
	struct core_server	*cs = core_start(NULL);
	struct client		 c;
	struct reply		 r;

	CHECK(cs != NULL);
	if (cs == NULL)
		return;
	client_start(&c, core_url(cs), "o@example.com", "pw");
	st.done = 0;
	CHECK_INT(api_register_event(c.api, 5, on_registered, &st), 0);
	CHECK(run_until(&st.done, 1));
	CHECK_INT(st.status, API_OK);
	CHECK_INT(core_registrations(cs), 1);
	st.done = 0;
	CHECK_INT(api_cancel_registration(c.api, 5, on_registered, &st), 0);
	CHECK(run_until(&st.done, 1));
	CHECK_INT(st.status, API_OK);
	CHECK_INT(core_registrations(cs), 0);

	/* {path,msg} validation errors, 500 for what it does not know. */
	support_http(core_url(cs), "POST", "/api/events", "{}", CORE_TOKEN_2,
	    &r);
	CHECK_INT(r.status, 400);
	reply_done(&r);
	support_http(core_url(cs), "GET", "/api/stats", NULL, CORE_TOKEN_2,
	    &r);
	CHECK_INT(r.status, 500);
	reply_done(&r);

	st.done = 0;
	api_resume(c.api, "eyJhbGciOiJub25lIn0.eyJleHAiOjE5MDAwMDAwMDB9.",
	    on_done, &st);
	CHECK(run_until(&st.done, 1));
	CHECK_INT(st.status, API_ERR_AUTH);
	CHECK_STR(st.cause, "signed out: sign in again");
	client_free(&c);
	core_stop(cs);
}

/* The requests the mock has answered, from its /metrics. */
static long
mock_requests(const char *url)
{
	struct reply	 r;
	const char	*p;
	long		 total = 0;

	support_http(url, "GET", "/metrics", NULL, NULL, &r);
	for (p = r.body; p != NULL && (p = strstr(p,
	    "\nevtop_mock_http_requests_total{")) != NULL; p++) {
		p = strchr(p, '}');
		if (p == NULL)
			break;
		total += strtol(p + 1, NULL, 10);
	}
	reply_done(&r);
	return (total);
}

/* The mock has a socket: an idle hour costs next to no requests. */
static void
test_idle_hour_mock(void)
{
	static const char *const	 extra[] = { "--seed", "demo",
	    "--hash-cost", "4", NULL };
	struct mockproc			 mock;
	struct client			 c;
	char				*cause = NULL;
	long				 before, after;

	if (mockproc_start(&mock, getenv("EVTOP_MOCK"), extra, -1, 60000,
	    &cause) != 0) {
		fprintf(stderr, "no mock: %s\n", cause);
		free(cause);
		CHECK(0);
		return;
	}
	memset(st.links, 0, sizeof st.links);
	before = mock_requests(mock.url);
	client_start(&c, mock.url, "admin@example.com", "evtop-demo");
	client_watch(&c);
	CHECK(run_until(&st.links[API_LINK_LIVE], 1));
	CHECK_INT(api_discovery(c.api), API_DISCOVERY_FULL);
	CHECK_INT(api_feature(c.api, "notifications"), 1);
	run_for(HOUR_REAL_MS);
	after = mock_requests(mock.url);
	/* Less the /metrics request itself. */
	printf("# mock, start and an idle hour: %ld requests\n",
	    after - before - 1);
	CHECK(after - before - 1 <= 10);
	CHECK_INT(api_link_state(c.api), API_LINK_LIVE);
	client_free(&c);
	mockproc_stop(&mock);
}

static void
teardown(void)
{
	uv_close((uv_handle_t *)&st.give_up, NULL);
	uv_run(&st.loop, UV_RUN_DEFAULT);
	CHECK_INT(uv_loop_close(&st.loop), 0);
	free(st.cause);
	free(st.link_why);
	log_close();
}

TEST_MAIN(
	TEST_CASE(setup),
	TEST_CASE(test_polls_and_sees_others),
	TEST_CASE(test_ws_refused),
	TEST_CASE(test_idle_hour_core),
	TEST_CASE(test_retry_after),
	TEST_CASE(test_core_round_trip),
	TEST_CASE(test_idle_hour_mock),
	TEST_CASE(teardown)
)
