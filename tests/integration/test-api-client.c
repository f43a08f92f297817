/*
 * The api client against a real evtop-mock on one libuv loop: sign-in
 * (wrong and right password), the event list, the live link (hello, live
 * counters), losing the server, and a clean shutdown.  Every wait is bounded
 * by a give-up timer; nothing here measures time.
 */
#include <stdlib.h>
#include <time.h>
#include <uv.h>

#include "api.h"
#include "log.h"
#include "mockproc.h"
#include "store.h"

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
	char		*link_why;
	int		 errors;
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
on_link(void *arg, enum api_link link, const char *why)
{
	struct state	*s = arg;

	s->links[link]++;
	s->link = link;
	free(s->link_why);
	s->link_why = why != NULL ? strdup(why) : NULL;
}

static void
on_error(void *arg, const char *sentence)
{
	((struct state *)arg)->errors++;
}

static const struct api_hooks hooks = {
	.events_changed = on_events_changed,
	.counters_changed = on_counters,
	.notification = on_notification,
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

	st.done = 0;
	api_refresh_events(api, on_done, &st);
	CHECK(run_until(&st.done, 1));
	CHECK_INT(st.status, API_ERR_UNREACHABLE);
	CHECK(st.cause != NULL && strstr(st.cause, "cannot reach") != NULL);
	/* The events from before are still there. */
	CHECK(store_event_count(store) > 0);
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
	TEST_CASE(test_live),
	TEST_CASE(test_cancel_on_free),
	TEST_CASE(test_server_lost),
	TEST_CASE(test_shutdown),
	TEST_CASE(test_teardown)
)
