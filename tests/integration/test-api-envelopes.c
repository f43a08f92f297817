/*
 * What the live link's envelopes cost the server, and what they must not
 * lose: a burst of event envelopes is a bounded number of list requests
 * (counted by evtop-mock's /metrics), the last of them followed by one; a
 * refresh owed during a Retry-After goes when the hold is over (a
 * core-only server counts it); and a notification published between the
 * notification load and the first subscribe arrives, once.  Every wait
 * is on a condition with a deadline; nothing here measures speed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <uv.h>

#include "api.h"
#include "api-private.h"
#include "json-util.h"
#include "listwin.h"
#include "mockproc.h"
#include "store.h"
#include "support-core.h"
#include "support-http.h"

#include "test.h"

#define GIVE_UP_MS	30000
#define BURST		60	/* event envelopes */
#define BURST_EVERY_MS	25	/* apart */

static uv_loop_t	 loop;
static uv_timer_t	 give_up, tick;
static int		 gave_up;
static struct mockproc	 mock;

struct seen {
	int	 done;
	int	 status;
	int	 live;
	int	 toasts;	/* notifications with want in their message */
	char	 want[64];
};

static void
on_give_up(uv_timer_t *t)
{
	(void)t;
	gave_up = 1;
}

static void
on_tick(uv_timer_t *t)
{
	(void)t;
}

static void
on_done(void *arg, int status, const char *cause)
{
	struct seen	*s = arg;

	(void)cause;
	s->status = status;
	s->done = 1;
}

static void
on_link(void *arg, enum api_link link, const struct api_why *why)
{
	struct seen	*s = arg;

	(void)why;
	if (link == API_LINK_LIVE)
		s->live = 1;
}

static void
on_notification(void *arg, const struct notification *no)
{
	struct seen	*s = arg;

	if (no->message != NULL && strstr(no->message, s->want) != NULL)
		s->toasts++;
}

static const struct api_hooks hooks = {
	.link_changed = on_link,
	.notification = on_notification,
};

/* Runs the loop until *flag is set or the deadline; 1 if it was. */
static int
run_until(const int *flag)
{
	gave_up = 0;
	uv_timer_start(&give_up, on_give_up, GIVE_UP_MS, 0);
	while (!*flag && !gave_up)
		uv_run(&loop, UV_RUN_ONCE);
	uv_timer_stop(&give_up);
	return (*flag);
}

/* GETs the mock has answered (2xx and 3xx), from one read of /metrics. */
static long
mock_gets(void)
{
	struct reply	 r;
	const char	*classes[] = { "2xx", "3xx" };
	char		 want[64], *at;
	long		 n = 0;
	size_t		 i;

	memset(&r, 0, sizeof r);
	support_http(mock.url, "GET", "/metrics", NULL, NULL, &r);
	for (i = 0; i < 2; i++) {
		snprintf(want, sizeof want, "{method=\"GET\",code=\"%s\"} ",
		    classes[i]);
		if (r.body != NULL && (at = strstr(r.body, want)) != NULL)
			n += strtol(at + strlen(want), NULL, 10);
	}
	reply_done(&r);
	return (n);
}

static struct api *
client(const char *server, struct store *store, struct seen *s)
{
	struct api_options	opts;

	memset(&opts, 0, sizeof opts);
	opts.server = server;
	return (api_new(&loop, &opts, store, &hooks, s));
}

static void
feed_updated(struct api *api, int64_t id, int64_t seq)
{
	char	text[256];

	snprintf(text, sizeof text, "{\"seq\":%lld,\"type\":\"event.updated\","
	    "\"data\":{\"event\":{\"id\":%lld,\"title\":\"Changed\","
	    "\"date_time\":\"2027-06-15T09:00:00Z\"}}}", (long long)seq,
	    (long long)id);
	api_live_receive(api, text, strlen(text));
}

/* The burst: one envelope each BURST_EVERY_MS. */
struct burst {
	struct api	*api;
	uv_timer_t	 timer;
	int		 sent;
	int		 over;
	uint64_t	 asked_at_last;	/* the window's fetches then */
};

static void
burst_fire(uv_timer_t *t)
{
	struct burst	*b = t->data;

	feed_updated(b->api, 1, 1000 + b->sent);
	if (++b->sent == BURST) {
		uv_timer_stop(t);
		b->asked_at_last = listwin_asked(store_window(
		    b->api->store));
		b->over = 1;
	}
}

/*
 * BURST event envelopes spread over more than a second: a handful of list
 * requests (one per API_REFRESH_GAP_MS at most), and one after the last
 * envelope.
 */
static void
test_burst_coalesced(void)
{
	struct store	*store = store_new();
	struct seen	 s;
	struct burst	 b;
	struct api	*api;
	uint64_t	 start, ms;
	long		 before, gets;
	int		 settled = 0;

	memset(&s, 0, sizeof s);
	api = client(mock.url, store, &s);
	api_refresh_events(api, on_done, &s);
	store_events_view(store, 0, 20);
	CHECK(run_until(&s.done));
	CHECK_INT(s.status, API_OK);

	before = mock_gets();
	memset(&b, 0, sizeof b);
	b.api = api;
	uv_timer_init(&loop, &b.timer);
	b.timer.data = &b;
	start = uv_now(&loop);
	uv_timer_start(&b.timer, burst_fire, BURST_EVERY_MS, BURST_EVERY_MS);
	CHECK(run_until(&b.over));
	ms = uv_now(&loop) - start;

	/* The last change is followed by a refresh, which settles. */
	gave_up = 0;
	uv_timer_start(&give_up, on_give_up, GIVE_UP_MS, 0);
	while (!gave_up && !settled) {
		uv_run(&loop, UV_RUN_ONCE);
		settled = listwin_asked(store_window(store)) >
		    b.asked_at_last && listwin_pending(store_window(store)) ==
		    0 && !api->refresh_due;
	}
	uv_timer_stop(&give_up);
	CHECK(settled);
	/* Less the /metrics read before. */
	gets = mock_gets() - before - 1;
	fprintf(stderr, "%d envelopes over %llu ms: %ld list requests\n",
	    BURST, (unsigned long long)ms, gets);
	CHECK(gets >= 2);
	CHECK(gets <= (long)(ms / API_REFRESH_GAP_MS) + 3);
	CHECK(gets < BURST / 4);
	uv_close((uv_handle_t *)&b.timer, NULL);
	api_free(api);
	uv_run(&loop, UV_RUN_NOWAIT);
	store_free(store);
}

/*
 * A refresh owed while a 429's Retry-After holds every request goes when
 * the hold is over, not never and not before.
 */
static void
test_held_refresh_deferred(void)
{
	struct core_options	 o;
	struct core_server	*cs;
	struct core_counts	 c;
	struct store		*store = store_new();
	struct seen		 s;
	struct api		*api;
	int			 third = 0;

	/*
	 * A 429 says none are left until the window resets: a short one,
	 * so the refresh, which spends the budget, does not wait 15 minutes
	 * after the hold.
	 */
	memset(&o, 0, sizeof o);
	o.window_ms = 3000;
	if ((cs = core_start(&o)) == NULL) {
		CHECK(0);
		store_free(store);
		return;
	}
	memset(&s, 0, sizeof s);
	api = client(core_url(cs), store, &s);
	api_refresh_events(api, on_done, &s);
	CHECK(run_until(&s.done));
	CHECK_INT(s.status, API_OK);

	core_refuse_next(cs, "GET /api/events", 1, 2);
	s.done = 0;
	api_refresh_events(api, on_done, &s);
	CHECK(run_until(&s.done));
	CHECK(s.status != API_OK);
	CHECK(api_hold_left(api, NULL) > 0);
	core_counts(cs, &c);
	CHECK_INT(c.events, 2);

	/* An event changed during the hold: the refresh is owed. */
	feed_updated(api, 5, 10);
	core_counts(cs, &c);
	CHECK_INT(c.events, 2);
	gave_up = 0;
	uv_timer_start(&give_up, on_give_up, GIVE_UP_MS, 0);
	while (!gave_up && !third) {
		uv_run(&loop, UV_RUN_ONCE);
		core_counts(cs, &c);
		third = c.events >= 3;
		/* Seen as soon as it is asked: never during the hold. */
		if (third)
			CHECK_INT(api_hold_left(api, NULL), 0);
	}
	uv_timer_stop(&give_up);
	CHECK(third);
	CHECK_INT(c.events, 3);
	CHECK_INT(c.refused, 1);
	api_free(api);
	uv_run(&loop, UV_RUN_NOWAIT);
	store_free(store);
	core_stop(cs);
}

/* Whether the mock lists a notification whose message has want. */
static int
mock_has_notification(const char *token, const char *want)
{
	struct reply	 r;
	int		 yes;

	memset(&r, 0, sizeof r);
	support_http(mock.url, "GET", "/api/notifications?limit=50", NULL,
	    token, &r);
	yes = r.status == 200 && r.body != NULL && strstr(r.body, want) !=
	    NULL;
	reply_done(&r);
	return (yes);
}

/*
 * A notification published after the notification load and before the
 * first subscribe: the subscribe asks to replay from the load's seq, so
 * it arrives, and it is shown once (toasted once, logged once, and
 * loading the log again adds no copy).
 */
static void
test_first_subscribe_gap(void)
{
	struct store	*store = store_new();
	struct seen	 s;
	struct reply	 r;
	struct api	*api;
	const char	*token;
	char		 body[256], at[32];
	size_t		 i, copies;
	time_t		 deadline;
	int		 fired = 0;

	memset(&s, 0, sizeof s);
	snprintf(s.want, sizeof s.want, "gap check %ld", (long)getpid());
	api = client(mock.url, store, &s);
	api_login(api, "admin@example.com", "evtop-demo", on_done, &s);
	CHECK(run_until(&s.done));
	CHECK_INT(s.status, API_OK);
	if ((token = api_session(api)->token) == NULL)
		return;
	s.done = 0;
	api_load_notifications(api, on_done, &s);
	CHECK(run_until(&s.done));
	CHECK_INT(s.status, API_OK);
	CHECK(api_live_last_seq(api) > 0);

	/* A reminder due in a second: the mock publishes it then. */
	json_util_format_time(time(NULL) + 1, at, sizeof at);
	snprintf(body, sizeof body, "{\"at\":\"%s\",\"message\":\"%s\"}", at,
	    s.want);
	memset(&r, 0, sizeof r);
	support_http(mock.url, "POST", "/api/events/1/reminders", body, token,
	    &r);
	CHECK_INT(r.status, 201);
	reply_done(&r);
	deadline = time(NULL) + GIVE_UP_MS / 1000;
	while (!(fired = mock_has_notification(token, s.want)) &&
	    time(NULL) < deadline)
		usleep(100 * 1000);	/* polling the condition */
	CHECK(fired);

	api_start_live(api);
	CHECK(run_until(&s.live));
	CHECK(run_until(&s.toasts));
	CHECK_INT(s.toasts, 1);
	s.done = 0;
	api_load_notifications(api, on_done, &s);
	CHECK(run_until(&s.done));
	for (copies = 0, i = 0; i < store_notification_count(store); i++) {
		const struct notification *no = store_notification_at(store,
		    i);

		if (no->message != NULL && strstr(no->message, s.want) != NULL)
			copies++;
	}
	CHECK_INT(copies, 1);
	CHECK_INT(s.toasts, 1);
	api_free(api);
	uv_run(&loop, UV_RUN_NOWAIT);
	store_free(store);
}

int
main(void)
{
	static const char *const	 extra[] = { "--seed", "demo",
	    "--hash-cost", "4", NULL };
	static const struct test_case	 cases[] = {
		TEST_CASE(test_burst_coalesced),
		TEST_CASE(test_held_refresh_deferred),
		TEST_CASE(test_first_subscribe_gap),
	};
	char				*path, *cause = NULL;
	int				 rc;

	if ((path = mockproc_find(&cause)) == NULL ||
	    mockproc_start(&mock, path, extra, -1, 60000, &cause) != 0) {
		fprintf(stderr, "no evtop-mock: %s\n", cause);
		return (1);
	}
	free(path);
	uv_loop_init(&loop);
	uv_timer_init(&loop, &give_up);
	/* Wakes the loop now and then, so conditions on a server are seen. */
	uv_timer_init(&loop, &tick);
	uv_timer_start(&tick, on_tick, 50, 50);
	rc = test_run(cases, sizeof cases / sizeof cases[0]);
	uv_close((uv_handle_t *)&give_up, NULL);
	uv_close((uv_handle_t *)&tick, NULL);
	uv_run(&loop, UV_RUN_DEFAULT);
	uv_loop_close(&loop);
	mockproc_stop(&mock);
	return (rc);
}
