/*
 * The api client against a real evtop-mock on one libuv loop: sign-in
 * (wrong and right password), the event list, the live link (hello, live
 * counters), losing the server, and a clean shutdown; then against a
 * core-only server (support-core).  Every wait is bounded by a give-up
 * timer; nothing here measures time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <uv.h>

#include "api.h"
#include "log.h"
#include "mockproc.h"
#include "store.h"

#include "support-core.h"
#include "test.h"

#define GIVE_UP_MS	20000

struct state {
	uv_loop_t	 loop;
	uv_timer_t	 give_up;
	int		 gave_up;

	int		 done;		/* the last api_done_cb fired */
	int		 status;
	char		*cause;

	int		 events_changed;
	int		 counters;
	int		 notifications;
	int		 links[API_LINK_POLLING + 1];
	enum api_link	 link;
	enum api_reason	 link_reason;
	char		*link_why;
	int		 errors;
	int		 history;	/* notifications_loaded calls */
};

static struct mockproc	 mock;
static int		 mock_up;
static struct state	 st;
static struct store	*store;
static struct api	*api;

static void
on_events_changed(void *arg)
{
	((struct state *)arg)->events_changed++;
}

static void
on_counters(void *arg, int64_t event_id)
{
	((struct state *)arg)->counters++;
}

static void
on_notification(void *arg, const struct notification *no)
{
	((struct state *)arg)->notifications++;
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
	s->link = link;
	s->link_reason = why->reason;
	free(s->link_why);
	s->link_why = why->sentence != NULL ? strdup(why->sentence) : NULL;
}

static void
on_error(void *arg, const struct api_why *why)
{
	((struct state *)arg)->errors++;
}

static const struct api_hooks hooks = {
	.events_changed = on_events_changed,
	.counters_changed = on_counters,
	.notification = on_notification,
	.notifications_loaded = on_history,
	.link_changed = on_link,
	.error = on_error,
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
	st.gave_up = 1;
}

/* Runs the loop until *flag reaches want, or gives up; returns 1 if it did. */
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

static void
start_mock(void)
{
	static const char *const	 extra[] = { "--seed", "demo",
	    "--hash-cost", "4", "--simulate", "20", NULL };
	char				*path, *cause = NULL;

	path = mockproc_find(&cause);
	if (path == NULL) {
		fprintf(stderr, "no evtop-mock: %s\n", cause);
		exit(1);
	}
	if (mockproc_start(&mock, path, extra, -1, 30000, &cause) != 0) {
		fprintf(stderr, "evtop-mock did not start: %s\n", cause);
		exit(1);
	}
	free(path);
	mock_up = 1;
}

static void
setup(void)
{
	struct api_options	opts;

	/* EVTOP_TEST_TRACE=FILE keeps a trace of every exchange. */
	if (getenv("EVTOP_TEST_TRACE") != NULL)
		log_open(getenv("EVTOP_TEST_TRACE"));
	start_mock();
	CHECK_INT(uv_loop_init(&st.loop), 0);
	uv_timer_init(&st.loop, &st.give_up);
	store = store_new();
	memset(&opts, 0, sizeof opts);
	opts.server = mock.url;
	api = api_new(&st.loop, &opts, store, &hooks, &st);
	CHECK_INT(api_link_state(api), API_LINK_OFFLINE);
	CHECK_STR(api_server(api), mock.url);
}

static void
test_live_before_sign_in(void)
{
	api_start_live(api);
	CHECK_INT(api_link_state(api), API_LINK_OFFLINE);
	CHECK(st.link_why != NULL && strstr(st.link_why, "sign in") != NULL);
	CHECK_INT(st.link_reason, API_REASON_NOT_SIGNED_IN);
}

static void
test_wrong_password(void)
{
	st.done = 0;
	api_login(api, "admin@example.com", "not-the-password", on_done, &st);
	CHECK(run_until(&st.done, 1));
	CHECK_INT(st.status, API_ERR_AUTH);
	CHECK(st.cause != NULL && strstr(st.cause, "sign-in refused") != NULL);
	CHECK(api_session(api) == NULL);
}

static void
test_sign_in(void)
{
	const struct session	*s;

	st.done = 0;
	api_login(api, "admin@example.com", "evtop-demo", on_done, &st);
	CHECK(run_until(&st.done, 1));
	CHECK_INT(st.status, API_OK);
	CHECK(st.cause == NULL);
	s = api_session(api);
	CHECK(s != NULL);
	if (s == NULL)
		return;
	CHECK(s->token != NULL && strlen(s->token) > 20);
	CHECK_STR(s->user.email, "admin@example.com");
	CHECK_STR(s->user.role, "admin");
	CHECK(s->exp > time(NULL));
}

static void
test_refresh(void)
{
	const struct event	*ev;
	size_t			 i;

	st.done = 0;
	st.events_changed = 0;
	api_refresh_events(api, on_done, &st);
	CHECK(run_until(&st.done, 1));
	CHECK_INT(st.status, API_OK);
	CHECK_INT(st.events_changed, 1);
	CHECK(store_event_count(store) > 0);
	CHECK(store_refreshed_at(store) != 0);
	ev = store_event_at(store, 0);
	CHECK(ev != NULL);
	if (ev != NULL)
		CHECK_STR(ev->title, "Evtop Launch Party");
	for (i = 1; i < store_event_count(store); i++)
		CHECK(store_event_at(store, i - 1)->date_time <=
		    store_event_at(store, i)->date_time);
}

/* The log starts with the server's latest notifications, oldest first. */
static void
test_history(void)
{
	const struct notification	*no;
	size_t				 i, n;
	int				 doors = 0;

	st.done = 0;
	st.history = 0;
	st.notifications = 0;
	api_load_notifications(api, on_done, &st);
	CHECK(run_until(&st.done, 1));
	CHECK_INT(st.status, API_OK);
	CHECK_INT(st.history, 1);
	CHECK_INT(st.notifications, 0);		/* history is not toasted */
	n = store_notification_count(store);
	CHECK(n >= 3);
	for (i = 0; i < n; i++) {
		no = store_notification_at(store, i);
		if (strcmp(no->title, "Doors open soon") == 0)
			doors++;
		if (i > 0)
			CHECK(store_notification_at(store, i - 1)->seq <
			    no->seq);
	}
	CHECK_INT(doors, 1);
}

/* More events than a page: every one arrives, in date order. */
static void
test_paged_list(void)
{
	static const char *const	 extra[] = { "--seed", "450",
	    "--hash-cost", "4", NULL };
	struct api_options		 opts;
	struct mockproc			 big;
	struct store			*s = store_new();
	struct api			*a;
	char				*cause = NULL;
	size_t				 i;

	if (mockproc_start(&big, getenv("EVTOP_MOCK"), extra, -1, 60000,
	    &cause) != 0) {
		fprintf(stderr, "no mock: %s\n", cause);
		free(cause);
		CHECK(0);
		store_free(s);
		return;
	}
	memset(&opts, 0, sizeof opts);
	opts.server = big.url;
	a = api_new(&st.loop, &opts, s, NULL, NULL);
	st.done = 0;
	api_refresh_events(a, on_done, &st);
	store_events_view(s, 0, SIZE_MAX);	/* as batch mode does */
	CHECK(run_until(&st.done, 1));
	CHECK_INT(st.status, API_OK);
	CHECK(store_event_count(s) > 200);
	CHECK_INT(store_event_count(s), store_event_total(s));
	for (i = 1; i < store_event_count(s); i++)
		CHECK(store_event_at(s, i - 1)->id != store_event_at(s, i)->id);
	api_free(a);
	store_free(s);
	mockproc_stop(&big);
}

static void
test_live(void)
{
	api_start_live(api);
	CHECK(st.links[API_LINK_CONNECTING] >= 1);
	CHECK(run_until(&st.links[API_LINK_LIVE], 1));
	CHECK_INT(api_link_state(api), API_LINK_LIVE);
	/* The mock simulates registrations: counters arrive on their own. */
	CHECK(run_until(&st.counters, 1));
}

/* What a register or cancel callback was told. */
struct reg_result {
	int	 calls;
	int	 status;
	int	 outcome;	/* enum api_reg_outcome */
	char	*cause;
	char	*word;		/* confirmed, waitlisted */
	char	*title;
	char	*message;
};

static void
reg_result_clear(struct reg_result *rr)
{
	free(rr->cause);
	free(rr->word);
	free(rr->title);
	free(rr->message);
	memset(rr, 0, sizeof *rr);
}

static char *
dup_or_null(const char *s)
{
	return (s != NULL ? strdup(s) : NULL);
}

static void
on_registered(void *arg, int status, const char *cause,
    const struct api_registration *r)
{
	struct reg_result	*rr = arg;

	rr->calls++;
	rr->status = status;
	rr->outcome = r->outcome;
	free(rr->cause);
	free(rr->word);
	free(rr->title);
	free(rr->message);
	rr->cause = dup_or_null(cause);
	rr->word = dup_or_null(r->status);
	rr->title = dup_or_null(r->title);
	rr->message = dup_or_null(r->message);
}

/* Runs the loop while a registration request for id is out. */
static int
run_while_pending(int64_t id)
{
	st.gave_up = 0;
	uv_timer_start(&st.give_up, on_give_up, GIVE_UP_MS, 0);
	while (api_registration_pending(api, id) && !st.gave_up)
		uv_run(&st.loop, UV_RUN_ONCE);
	uv_timer_stop(&st.give_up);
	return (!api_registration_pending(api, id));
}

/*
 * Registering for the launch party (id 1, in the store since the
 * refresh): one request per event at a time, the server's own sentence
 * on a refusal, and nothing called back for an owner that went away.
 */
static void
test_register(void)
{
	struct reg_result	rr, gone;

	memset(&rr, 0, sizeof rr);
	memset(&gone, 0, sizeof gone);
	CHECK_INT(api_registration_pending(api, 1), 0);
	CHECK_INT(api_register_event(api, 1, on_registered, &rr), 0);
	CHECK_INT(api_registration_pending(api, 1), 1);
	CHECK_INT(api_registration_pending(api, 2), 0);
	/* The key again before the answer: nothing more is sent. */
	CHECK_INT(api_register_event(api, 1, on_registered, &rr), -1);
	CHECK_INT(api_cancel_registration(api, 1, on_registered, &rr), -1);
	CHECK(run_until(&rr.calls, 1));
	CHECK_INT(rr.status, API_OK);
	CHECK_STR(rr.title, "Evtop Launch Party");
	CHECK(rr.word != NULL && (strcmp(rr.word, "confirmed") == 0 ||
	    strcmp(rr.word, "waitlisted") == 0));
	CHECK_INT(rr.outcome, rr.word != NULL && strcmp(rr.word,
	    "waitlisted") == 0 ? API_REG_WAITLISTED : API_REG_DONE);
	CHECK_INT(api_registration_pending(api, 1), 0);

	/* Again: refused, with the server's sentence on its own. */
	CHECK_INT(api_register_event(api, 1, on_registered, &rr), 0);
	CHECK(run_until(&rr.calls, 2));
	CHECK_INT(rr.status, API_ERR_FAILED);
	CHECK_INT(rr.outcome, API_REG_ALREADY);
	CHECK(rr.message != NULL && strncmp(rr.message,
	    "Already registered for this event", 33) == 0);
	CHECK(rr.cause != NULL && strstr(rr.cause, "server answered 400") !=
	    NULL);
	CHECK_INT(rr.calls, 2);		/* never a second answer to one call */

	/* Cancelled for an owner that has gone: done, but no call back. */
	CHECK_INT(api_cancel_registration(api, 1, on_registered, &gone), 0);
	api_forget(api, &gone);
	CHECK(run_while_pending(1));
	CHECK_INT(gone.calls, 0);
	CHECK_INT(api_cancel_registration(api, 1, on_registered, &rr), 0);
	CHECK(run_until(&rr.calls, 3));
	CHECK_INT(rr.status, API_ERR_FAILED);
	CHECK_INT(rr.outcome, API_REG_FAILED);
	CHECK_STR(rr.message, "Registration not found");
	reg_result_clear(&rr);
}

static void
test_cancel_on_free(void)
{
	struct api_options	 opts;
	struct api		*other;
	struct state		 quiet;

	memset(&opts, 0, sizeof opts);
	memset(&quiet, 0, sizeof quiet);
	opts.server = mock.url;
	other = api_new(&st.loop, &opts, store, &hooks, &quiet);
	api_refresh_events(other, on_done, &quiet);
	api_free(other);
	/* Let the main client keep going for a moment: a few counters. */
	st.counters = 0;
	CHECK(run_until(&st.counters, 2));
	CHECK_INT(quiet.done, 0);
	CHECK_INT(quiet.events_changed, 0);

	/*
	 * Freed with an idle keep-alive connection to the server: its socket
	 * must be unwatched too, or the loop never closes (test_shutdown).
	 */
	other = api_new(&st.loop, &opts, store, NULL, NULL);
	quiet.done = 0;
	api_refresh_events(other, on_done, &quiet);
	CHECK(run_until(&quiet.done, 1));
	CHECK_INT(quiet.status, API_OK);
	free(quiet.cause);
	api_free(other);
}

/*
 * A core-only server (support-core) as some are in the field: a bare
 * event array with numeric strings, no /api/ws and no /api/meta (404).
 */
static const char core_bare[] = "[{\"id\":\"5\",\"title\":\"Core event\","
    "\"date_time\":\"2026-09-01T10:00:00.000Z\",\"location\":\"Hall\","
    "\"max_capacity\":\"20\",\"current_registrations\":\"3\","
    "\"available_spots\":\"17\"}]";

/* Every GET /api/events from now on answers status, headers and body. */
static void
core_events_answer(struct core_server *cs, const char *status,
    const char *headers, const char *body)
{
	core_answer_next(cs, "GET /api/events", -1, status, headers, body);
}

static long
core_events_seen(struct core_server *cs)
{
	struct core_counts	n;

	core_counts(cs, &n);
	return (n.events);
}

/*
 * Runs the loop until the core server has seen want GET /api/events, or
 * gives up.  It counts a request before it answers, and the answer wakes
 * the loop.
 */
static int
run_until_events_seen(struct core_server *cs, long want)
{
	st.gave_up = 0;
	uv_timer_start(&st.give_up, on_give_up, GIVE_UP_MS, 0);
	while (core_events_seen(cs) < want && !st.gave_up)
		uv_run(&st.loop, UV_RUN_ONCE);
	uv_timer_stop(&st.give_up);
	return (core_events_seen(cs) >= want);
}

static void
on_waited(uv_timer_t *t)
{
	(*(int *)t->data)++;
}

/* Runs the loop for ms (a wait, not a measurement). */
static void
wait_for(uint64_t ms)
{
	uv_timer_t	wait;
	int		waited = 0;

	uv_timer_init(&st.loop, &wait);
	wait.data = &waited;
	uv_timer_start(&wait, on_waited, ms, 0);
	CHECK(run_until(&waited, 1));
	uv_close((uv_handle_t *)&wait, NULL);
	uv_run(&st.loop, UV_RUN_NOWAIT);
}

static void
refresh_core(struct api *core)
{
	st.done = 0;
	api_refresh_events(core, on_done, &st);
	CHECK(run_until(&st.done, 1));
}

/*
 * 429 with Retry-After: the sentence says how long, and polling (every
 * 10 s) holds off: nothing is asked for longer than a poll interval.
 */
static void
test_core_rate_limit(struct core_server *cs, struct api *core)
{
	long	gets;

	core_events_answer(cs, "429 Too Many Requests",
	    "Retry-After: 3600\r\nRateLimit-Remaining: 0\r\n",
	    "{\"message\":\"Too many requests, please try again later.\"}");
	refresh_core(core);
	CHECK_INT(st.status, API_ERR_FAILED);
	CHECK_STR(st.cause, "the server asks to wait 3600 s (rate limited)");
	CHECK_INT(api_link_state(core), API_LINK_POLLING);
	gets = core_events_seen(cs);
	wait_for(12000);
	CHECK_INT(core_events_seen(cs), gets);

	/* An HTTP date works as well as seconds. */
	core_events_answer(cs, "429 Too Many Requests",
	    "Retry-After: Fri, 31 Dec 2100 23:59:59 GMT\r\n",
	    "{\"message\":\"Too many requests, please try again later.\"}");
	refresh_core(core);
	CHECK(st.cause != NULL && strncmp(st.cause,
	    "the server asks to wait ", 24) == 0 &&
	    strstr(st.cause, " s (rate limited)") != NULL);

	/* Without Retry-After: still a sentence that says why. */
	core_events_answer(cs, "429 Too Many Requests", "", "");
	refresh_core(core);
	CHECK_STR(st.cause, "the server is limiting requests (rate limited); "
	    "try again later");
}

static void
test_core_server(void)
{
	struct api_options	 opts;
	struct core_server	*cs;
	struct core_counts	 n;
	struct api		*core;
	char			 url[64];

	if ((cs = core_start(NULL)) == NULL) {
		CHECK(0);
		return;
	}
	core_events_answer(cs, "200 OK", "", core_bare);
	snprintf(url, sizeof url, "%s/", core_url(cs));

	memset(&opts, 0, sizeof opts);
	opts.server = url;
	core = api_new(&st.loop, &opts, store, &hooks, &st);
	st.done = 0;
	api_login(core, "o@example.com", "pw", on_done, &st);
	CHECK(run_until(&st.done, 1));
	CHECK_INT(st.status, API_OK);
	CHECK(api_session(core) != NULL);
	if (api_session(core) != NULL) {
		CHECK_INT(api_session(core)->exp, 1900000000);
		CHECK_STR(api_session(core)->user.role, "organizer");
	}

	/* No /api/ws: the link falls back to polling, which refetches. */
	st.links[API_LINK_POLLING] = 0;
	st.events_changed = 0;
	api_start_live(core);
	CHECK(run_until(&st.links[API_LINK_POLLING], 1));
	CHECK_INT(api_link_state(core), API_LINK_POLLING);
	CHECK_INT(st.link_reason, API_REASON_NO_WEBSOCKET);
	CHECK(run_until_events_seen(cs, 1));
	CHECK(run_until(&st.events_changed, 1));
	CHECK_INT(store_event_count(store), 1);
	if (store_event_count(store) == 1) {
		CHECK_STR(store_event_at(store, 0)->title, "Core event");
		CHECK_INT(store_event_at(store, 0)->available_spots, 17);
	}

	/*
	 * Writes carry an Idempotency-Key (the login was one).  A register
	 * whose answer never comes is not called refused, is not sent again
	 * (the server may have done it), and the list is fetched again to
	 * show what the server did.
	 */
	core_counts(cs, &n);
	CHECK(n.keyed >= 1);
	{
		struct reg_result	rr;
		long			gets = core_events_seen(cs);

		core_drop_next(cs, "POST /api/events/5/register", 1);
		memset(&rr, 0, sizeof rr);
		CHECK_INT(api_register_event(core, 5, on_registered, &rr), 0);
		CHECK(run_until(&rr.calls, 1));
		CHECK_INT(rr.status, API_ERR_UNREACHABLE);
		core_counts(cs, &n);
		CHECK_INT(n.registers, 1);
		CHECK(n.keyed >= 2);
		CHECK(run_until_events_seen(cs, gets + 1));
		CHECK_INT(rr.outcome, API_REG_FAILED);
		CHECK_INT(core_registrations(cs), 0);
		reg_result_clear(&rr);

		/* A core server refuses rather than waitlists (API.md). */
		core_answer_next(cs, "POST /api/events/6/register", 1,
		    "400 Bad Request", "",
		    "{\"message\":\"Event is at full capacity\"}");
		core_answer_next(cs, "POST /api/events/7/register", 1,
		    "400 Bad Request", "", "{\"message\":\"You are already "
		    "registered for this event\"}");
		CHECK_INT(api_register_event(core, 6, on_registered, &rr), 0);
		CHECK(run_until(&rr.calls, 1));
		CHECK_INT(rr.status, API_ERR_FAILED);
		CHECK_INT(rr.outcome, API_REG_FULL);
		CHECK_INT(api_register_event(core, 7, on_registered, &rr), 0);
		CHECK(run_until(&rr.calls, 2));
		CHECK_INT(rr.status, API_ERR_FAILED);
		CHECK_INT(rr.outcome, API_REG_ALREADY);
		CHECK(api_session(core) != NULL);
		reg_result_clear(&rr);
	}

	/* No /api/notifications: the log just starts empty, no error. */
	st.done = 0;
	st.errors = 0;
	st.history = 0;
	api_load_notifications(core, on_done, &st);
	CHECK(run_until(&st.done, 1));
	CHECK_INT(st.status, API_OK);
	CHECK(st.cause == NULL);
	CHECK_INT(st.errors, 0);
	/* The log is told, so it can say why it stays empty. */
	CHECK_INT(st.history, 1);
	CHECK_INT(store_notifications_supported(store), 0);

	/* A 403 for a forbidden action is not a sign-out. */
	core_events_answer(cs, "403 Forbidden", "",
	    "{\"message\":\"Not the creator\"}");
	refresh_core(core);
	CHECK_INT(st.status, API_ERR_FAILED);
	CHECK_STR(st.cause, "server answered 403: Not the creator");
	CHECK(api_session(core) != NULL);
	CHECK_INT(api_link_state(core), API_LINK_POLLING);

	test_core_rate_limit(cs, core);

	/* 403 "Token expired" means signed out, not a forbidden action. */
	core_events_answer(cs, "403 Forbidden", "",
	    "{\"message\":\"Token expired\"}");
	refresh_core(core);
	CHECK_INT(st.status, API_ERR_AUTH);
	CHECK_STR(st.cause, "signed out: sign in again");
	CHECK(api_session(core) == NULL);
	CHECK_INT(api_link_state(core), API_LINK_OFFLINE);
	CHECK_INT(st.link_reason, API_REASON_SIGNED_OUT);
	CHECK_INT(store_event_count(store), 1);		/* unchanged */

	/* A 401 is a sign-out whatever its message says. */
	st.done = 0;
	api_login(core, "o@example.com", "pw", on_done, &st);
	CHECK(run_until(&st.done, 1));
	CHECK(api_session(core) != NULL);
	core_events_answer(cs, "401 Unauthorized", "",
	    "{\"message\":\"jwt malformed\"}");
	refresh_core(core);
	CHECK_INT(st.status, API_ERR_AUTH);
	CHECK_STR(st.cause, "signed out: sign in again");
	CHECK(api_session(core) == NULL);

	/* Nothing was asked of what a core server lacks. */
	core_counts(cs, &n);
	CHECK_INT(n.notifications, 0);
	CHECK_INT(n.registers, 3);

	api_free(core);
	core_stop(cs);
}

static void
test_server_lost(void)
{
	st.links[API_LINK_RETRYING] = 0;
	mockproc_stop(&mock);
	mock_up = 0;
	CHECK(run_until(&st.links[API_LINK_RETRYING], 1));
	CHECK_INT(api_link_state(api), API_LINK_RETRYING);
	CHECK(st.link_why != NULL);
	/* The reconnect that finds nobody listening says so, and retries. */
	CHECK(run_until(&st.links[API_LINK_RETRYING], 2));
	CHECK_INT(api_link_state(api), API_LINK_RETRYING);
	CHECK(st.link_why != NULL && strstr(st.link_why, "cannot reach") !=
	    NULL);
	CHECK_INT(st.link_reason, API_REASON_LINK_LOST);
	if (st.link_why != NULL)
		printf("# %s\n", st.link_why);

	st.done = 0;
	api_refresh_events(api, on_done, &st);
	CHECK(run_until(&st.done, 1));
	CHECK_INT(st.status, API_ERR_UNREACHABLE);
	CHECK(st.cause != NULL && strstr(st.cause, "cannot reach") != NULL);
	/* The events from before are still there. */
	CHECK(store_event_count(store) > 0);
}

/* A token the server no longer accepts: close 4401, then signed out. */
static void
test_expired_token(void)
{
	static const char *const	 extra[] = { "--seed", "demo",
	    "--hash-cost", "4", "--token-ttl", "1", NULL };
	struct mockproc			 short_lived;
	struct api_options		 opts;
	struct api			*brief;
	uv_timer_t			 wait;
	char				*path, *cause = NULL;
	int				 waited = 0;

	if ((path = mockproc_find(&cause)) == NULL ||
	    mockproc_start(&short_lived, path, extra, -1, 30000, &cause) != 0) {
		fprintf(stderr, "evtop-mock did not start: %s\n", cause);
		CHECK(0);
		free(cause);
		free(path);
		return;
	}
	free(path);
	memset(&opts, 0, sizeof opts);
	opts.server = short_lived.url;
	brief = api_new(&st.loop, &opts, store, &hooks, &st);
	st.done = 0;
	api_login(brief, "admin@example.com", "evtop-demo", on_done, &st);
	CHECK(run_until(&st.done, 1));
	CHECK_INT(st.status, API_OK);

	/* Let the one-second token expire (this waits, it does not time). */
	uv_timer_init(&st.loop, &wait);
	wait.data = &waited;
	uv_timer_start(&wait, on_waited, 2500, 0);
	CHECK(run_until(&waited, 1));
	uv_close((uv_handle_t *)&wait, NULL);

	api_start_live(brief);
	while (api_link_state(brief) != API_LINK_OFFLINE && !st.gave_up) {
		st.links[API_LINK_OFFLINE] = 0;
		run_until(&st.links[API_LINK_OFFLINE], 1);
	}
	CHECK_INT(api_link_state(brief), API_LINK_OFFLINE);
	CHECK(api_session(brief) == NULL);
	CHECK_INT(st.link_reason, API_REASON_SIGNED_OUT);
	api_free(brief);
	mockproc_stop(&short_lived);
}

static void
test_shutdown(void)
{
	api_free(api);
	api = NULL;
	uv_close((uv_handle_t *)&st.give_up, NULL);
	uv_run(&st.loop, UV_RUN_DEFAULT);
	CHECK_INT(uv_loop_close(&st.loop), 0);
	store_free(store);
	free(st.cause);
	free(st.link_why);
	log_close();
}

static void
test_teardown(void)
{
	if (mock_up)
		mockproc_stop(&mock);
	mock_up = 0;
}

TEST_MAIN(
	TEST_CASE(setup),
	TEST_CASE(test_live_before_sign_in),
	TEST_CASE(test_wrong_password),
	TEST_CASE(test_sign_in),
	TEST_CASE(test_refresh),
	TEST_CASE(test_history),
	TEST_CASE(test_paged_list),
	TEST_CASE(test_live),
	TEST_CASE(test_register),
	TEST_CASE(test_cancel_on_free),
	TEST_CASE(test_server_lost),
	TEST_CASE(test_core_server),
	TEST_CASE(test_expired_token),
	TEST_CASE(test_shutdown),
	TEST_CASE(test_teardown)
)
