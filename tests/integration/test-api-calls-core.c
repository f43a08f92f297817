/*
 * The client's calls against a core-only server (support-core.c): counts
 * sent as numeric strings and {path,msg} field errors decode, a route it
 * lacks is a sentence and no crash.  And no two identical reads in
 * flight: reads started back to back reach the server once and every
 * caller hears back, in order; writes are never joined.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uv.h>

#include "api.h"
#include "api-calls.h"
#include "log.h"
#include "store.h"
#include "support-core.h"

#include "test.h"

#define GIVE_UP_MS	30000

static uv_loop_t		 loop;
static uv_timer_t		 give_up;
static int			 gave_up;
static struct core_server	*cs;
static struct store		*store;
static struct api		*api;

/* Who heard back, in order. */
static int			 order[8];
static int			 heard;
static int			 statuses[8];
static enum api_reason		 reasons[8];
static char			*fields;
static char			*sentence;

struct caller {
	int	 who;
	void	(*check)(const struct api_result *);
};

static void
reset(void)
{
	memset(order, 0, sizeof order);
	memset(statuses, 0, sizeof statuses);
	memset(reasons, 0, sizeof reasons);
	heard = 0;
	free(fields);
	free(sentence);
	fields = sentence = NULL;
}

static void
on_result(void *arg, const struct api_result *r)
{
	struct caller	*c = arg;
	size_t		 i;

	if (heard < 8) {
		order[heard] = c->who;
		statuses[heard] = r->status;
		reasons[heard] = r->error != NULL ? r->error->reason :
		    API_REASON_NONE;
	}
	heard++;
	if (r->error != NULL) {
		free(sentence);
		sentence = strdup(r->error->sentence);
		for (i = 0; i < r->error->nfields && fields == NULL; i++) {
			if (r->error->fields[i].field != NULL)
				fields = strdup(r->error->fields[i].field);
		}
	}
	if (r->status == API_OK && c->check != NULL)
		c->check(r);
}

static void
on_done(void *arg, int status, const char *cause)
{
	struct caller	*c = arg;

	if (heard < 8) {
		order[heard] = c->who;
		statuses[heard] = status;
	}
	heard++;
}

static void
on_give_up(uv_timer_t *t)
{
	gave_up = 1;
}

static int
wait_heard(int want)
{
	gave_up = 0;
	uv_timer_start(&give_up, on_give_up, GIVE_UP_MS, 0);
	while (heard < want && !gave_up)
		uv_run(&loop, UV_RUN_ONCE);
	uv_timer_stop(&give_up);
	return (heard == want);
}

static void
setup(void)
{
	struct api_options	opts;
	struct caller		c = { 1, NULL };

	if (getenv("EVTOP_TEST_TRACE") != NULL)
		log_open(getenv("EVTOP_TEST_TRACE"));
	cs = core_start(NULL);
	CHECK(cs != NULL);
	if (cs == NULL)
		exit(1);
	CHECK_INT(uv_loop_init(&loop), 0);
	uv_timer_init(&loop, &give_up);
	store = store_new();
	memset(&opts, 0, sizeof opts);
	opts.server = core_url(cs);
	api = api_new(&loop, &opts, store, NULL, NULL);
	reset();
	api_login(api, "o@example.com", "secret", on_done, &c);
	CHECK(wait_heard(1));
	CHECK_INT(statuses[0], API_OK);
}

static void
check_string_counts(const struct api_result *r)
{
	CHECK_INT(r->v.user_stats->events_created, 2);
	CHECK_INT(r->v.user_stats->events_registered, 1);
	CHECK_INT(r->v.user_stats->upcoming_events, 1);
}

static void
check_core_events(const struct api_result *r)
{
	CHECK_INT(r->n, 1);
	CHECK_INT(r->total, 1);
	CHECK_INT(r->page, -1);
	if (r->n == 1) {
		CHECK_STR(r->items.events[0].title, "Core event");
		CHECK(r->items.events[0].current_registrations >= 0);
		CHECK_INT(r->items.events[0].waitlisted, -1);
		CHECK(r->items.events[0].status == NULL);
	}
}

static void
test_string_counts(void)
{
	struct caller	c = { 1, check_string_counts };
	struct caller	e = { 2, check_core_events };

	reset();
	CHECK_INT(api_user_stats(api, on_result, &c), 0);
	CHECK(wait_heard(1));
	CHECK_INT(statuses[0], API_OK);
	reset();
	CHECK_INT(api_events_list(api, NULL, 1, 50, on_result, &e), 0);
	CHECK(wait_heard(1));
	CHECK_INT(statuses[0], API_OK);
}

static void
test_path_msg_errors(void)
{
	struct caller		c = { 1, NULL };
	struct event_form	f;

	event_form_init(&f);
	f.location = "Hall";
	reset();
	CHECK_INT(api_event_create(api, &f, on_result, &c), 0);
	CHECK(wait_heard(1));
	CHECK_INT(reasons[0], API_REASON_REFUSED);
	CHECK_STR(fields, "title");
	CHECK(sentence != NULL && strstr(sentence, "Title is required") !=
	    NULL);
}

/* A route the server lacks (its 500s, retried): a sentence, no crash. */
static void
test_missing_route(void)
{
	struct caller	c = { 1, NULL };

	reset();
	CHECK_INT(api_checkin(api, 5, "CODE", NULL, 0, on_result, &c), 0);
	CHECK(wait_heard(1));
	CHECK_INT(statuses[0], API_ERR_FAILED);
	CHECK_INT(reasons[0], API_REASON_SERVER_ERROR);
	CHECK(sentence != NULL && strlen(sentence) > 0);
	reset();
	CHECK_INT(api_queues(api, on_result, &c), 0);
	CHECK(wait_heard(1));
	CHECK_INT(reasons[0], API_REASON_SERVER_ERROR);
	CHECK(sentence != NULL && strlen(sentence) > 0);
}

static void
test_reads_joined(void)
{
	struct caller		a = { 1, check_core_events };
	struct caller		b = { 2, check_core_events };
	struct caller		d = { 3, NULL };
	struct core_counts	n;

	core_reset(cs);
	reset();
	CHECK_INT(api_events_list(api, NULL, 1, 50, on_result, &a), 0);
	CHECK_INT(api_events_list(api, NULL, 1, 50, on_result, &b), 0);
	/* Another page is another read: sent. */
	CHECK_INT(api_events_list(api, NULL, 2, 50, on_result, &d), 0);
	CHECK(wait_heard(3));
	core_counts(cs, &n);
	CHECK_INT(n.events, 2);
	/* The joined callers heard in the order they asked. */
	CHECK(order[0] == 1 || order[0] == 3);
	CHECK((order[0] == 1 && order[1] == 2) || (order[1] == 1 &&
	    order[2] == 2));
	CHECK_INT(statuses[0] | statuses[1] | statuses[2], API_OK);
}

static void
test_writes_not_joined(void)
{
	struct caller		a = { 1, NULL }, b = { 2, NULL };
	struct event_form	f;
	struct core_counts	n;

	event_form_init(&f);
	f.location = "Hall";
	core_reset(cs);
	reset();
	CHECK_INT(api_event_create(api, &f, on_result, &a), 0);
	CHECK_INT(api_event_create(api, &f, on_result, &b), 0);
	CHECK(wait_heard(2));
	core_counts(cs, &n);
	CHECK_INT(n.requests, 2);
}

/* Every caller of a refresh hears back, once each, in order. */
static void
test_refresh_callers(void)
{
	struct caller		a = { 1, NULL }, b = { 2, NULL };
	struct caller		c = { 3, NULL }, d = { 4, NULL };
	struct core_counts	n;

	core_reset(cs);
	reset();
	api_refresh_events(api, on_done, &a);
	api_refresh_events(api, on_done, &b);
	CHECK(wait_heard(2));
	CHECK_INT(order[0], 1);
	CHECK_INT(order[1], 2);
	CHECK_INT(statuses[0], API_OK);
	CHECK_INT(statuses[1], API_OK);
	core_counts(cs, &n);
	CHECK_INT(n.events, 1);

	reset();
	api_load_notifications(api, on_done, &c);
	api_load_notifications(api, on_done, &d);
	CHECK(wait_heard(2));
	CHECK_INT(order[0], 3);
	CHECK_INT(order[1], 4);
	/* Nothing more comes: each heard exactly once. */
	uv_run(&loop, UV_RUN_NOWAIT);
	CHECK_INT(heard, 2);
}

/* Runs the loop until a call is parked for the next sign-in. */
static int
wait_parked(void)
{
	gave_up = 0;
	uv_timer_start(&give_up, on_give_up, GIVE_UP_MS, 0);
	while (api_parked_count(api) == 0 && !gave_up)
		uv_run(&loop, UV_RUN_ONCE);
	uv_timer_stop(&give_up);
	return (api_parked_count(api) > 0);
}

/*
 * A call refused for the token waits for the next sign-in and is sent
 * again with its token: the caller hears the answer, once.  Given up, it
 * hears the refusal, once.
 */
static void
test_parked_until_sign_in(void)
{
	struct caller	c1 = { 1, check_string_counts }, c2 = { 2, NULL };
	struct caller	c3 = { 3, NULL };

	reset();
	core_revoke(cs);
	CHECK_INT(api_user_stats(api, on_result, &c1), 0);
	CHECK(wait_parked());
	CHECK_INT(api_parked_count(api), 1);
	CHECK_INT(heard, 0);
	CHECK(api_session(api) == NULL);
	CHECK_STR(api_refused_email(api), "o@example.com");
	api_login(api, "o@example.com", "secret", on_done, &c2);
	CHECK(wait_heard(2));
	/* The sign-in first, then the stats sent again, answered. */
	CHECK_INT(order[0], 2);
	CHECK_INT(statuses[0], API_OK);
	CHECK_INT(order[1], 1);
	CHECK_INT(statuses[1], API_OK);
	CHECK_INT(api_parked_count(api), 0);

	reset();
	core_revoke(cs);
	CHECK_INT(api_user_stats(api, on_result, &c3), 0);
	CHECK(wait_parked());
	api_give_up(api);
	CHECK_INT(heard, 1);
	CHECK_INT(order[0], 3);
	CHECK_INT(statuses[0], API_ERR_AUTH);
	CHECK_INT(reasons[0], API_REASON_SIGNED_OUT);
	/* Nothing more comes for it. */
	api_login(api, "o@example.com", "secret", on_done, &c2);
	CHECK(wait_heard(2));
	CHECK_INT(order[1], 2);
	CHECK_INT(api_parked_count(api), 0);
}

/* A caller that went away hears nothing, parked or in flight. */
static void
test_forgotten(void)
{
	struct caller	c1 = { 1, NULL }, c2 = { 2, NULL };

	reset();
	CHECK_INT(api_user_stats(api, on_result, &c1), 0);
	CHECK_INT(api_user_stats(api, on_result, &c2), 0);
	api_forget(api, &c1);
	CHECK(wait_heard(1));
	CHECK_INT(order[0], 2);

	reset();
	core_revoke(cs);
	CHECK_INT(api_user_stats(api, on_result, &c1), 0);
	CHECK(wait_parked());
	api_forget(api, &c1);
	api_login(api, "o@example.com", "secret", on_done, &c2);
	CHECK(wait_heard(1));
	CHECK_INT(order[0], 2);
	/*
	 * The stats are sent again all the same, and their answer goes
	 * nowhere: a second caller joins that read and hears after it.
	 */
	CHECK_INT(api_user_stats(api, on_result, &c2), 0);
	CHECK(wait_heard(2));
	CHECK_INT(order[1], 2);
	CHECK_INT(statuses[1], API_OK);
}

static void
test_shutdown(void)
{
	api_free(api);
	uv_close((uv_handle_t *)&give_up, NULL);
	uv_run(&loop, UV_RUN_DEFAULT);
	CHECK_INT(uv_loop_close(&loop), 0);
	store_free(store);
	core_stop(cs);
	reset();
	log_close();
}

TEST_MAIN(
	TEST_CASE(setup),
	TEST_CASE(test_string_counts),
	TEST_CASE(test_path_msg_errors),
	TEST_CASE(test_missing_route),
	TEST_CASE(test_reads_joined),
	TEST_CASE(test_writes_not_joined),
	TEST_CASE(test_refresh_callers),
	TEST_CASE(test_parked_until_sign_in),
	TEST_CASE(test_forgotten),
	TEST_CASE(test_shutdown)
)
