/*
 * The live link's bookkeeping, fed frames by hand: which seq a reconnect
 * asks to replay from.  No server: the client is never signed in, so it
 * sends nothing.
 */
#include <stdio.h>
#include <string.h>
#include <uv.h>

#include "api.h"
#include "api-private.h"
#include "store.h"

#include "test.h"

static uv_loop_t	 loop;
static struct store	*store;
static struct api	*api;
static int		 events_changed;
static int		 errors;

static void
on_events_changed(void *arg)
{
	events_changed++;
}

static void
on_error(void *arg, const struct api_why *why)
{
	CHECK_INT(why->reason, API_REASON_LIVE_ERROR);
	errors++;
}

static const struct api_hooks hooks = {
	.events_changed = on_events_changed,
	.error = on_error,
};

static void
feed(const char *text)
{
	api_live_receive(api, text, strlen(text));
}

static void
setup(void)
{
	struct api_options	opts;

	CHECK_INT(uv_loop_init(&loop), 0);
	store = store_new();
	memset(&opts, 0, sizeof opts);
	opts.server = "http://127.0.0.1:9";
	api = api_new(&loop, &opts, store, &hooks, NULL);
	CHECK_INT(api_live_last_seq(api), -1);
}

/*
 * An error before the hello is the auth frame refused: the close that
 * follows says signed out, so the error is not told twice.
 */
static void
test_refused_before_hello(void)
{
	feed("{\"type\":\"error\",\"data\":{\"message\":"
	    "\"Invalid token\"}}");
	CHECK_INT(errors, 0);
}

/* hello on a first connection: the stream starts there. */
static void
test_first_hello(void)
{
	feed("{\"seq\":40,\"type\":\"hello\",\"data\":{\"server\":\"m\","
	    "\"seq\":40}}");
	CHECK_INT(api_live_last_seq(api), 40);
}

/* Real envelopes move the seq; hello and error (current seq) do not. */
static void
test_hello_and_error_do_not_count(void)
{
	feed("{\"seq\":41,\"type\":\"event.updated\",\"data\":{\"event\":"
	    "{\"id\":7,\"title\":\"T\",\"date_time\":\"2026-06-15T09:00:00Z\"}}}");
	CHECK_INT(api_live_last_seq(api), 41);
	CHECK_INT(events_changed, 1);
	CHECK_INT(store_event_count(store), 1);

	/* A reconnect: hello says the server is at 90; 42..90 are owed. */
	feed("{\"seq\":90,\"type\":\"hello\",\"data\":{\"seq\":90}}");
	CHECK_INT(api_live_last_seq(api), 41);
	feed("{\"seq\":95,\"type\":\"error\",\"data\":{\"message\":"
	    "\"since must be a sequence number\"}}");
	CHECK_INT(api_live_last_seq(api), 41);
	/* After the hello, an error is the server's news: told once. */
	CHECK_INT(errors, 1);

	/* Types this client does not act on are still part of the stream. */
	feed("{\"seq\":42,\"type\":\"chat.message\",\"data\":{}}");
	CHECK_INT(api_live_last_seq(api), 42);
	/* An older seq replayed twice never moves it back. */
	feed("{\"seq\":30,\"type\":\"counters\",\"data\":{\"event_id\":7,"
	    "\"confirmed\":1}}");
	CHECK_INT(api_live_last_seq(api), 42);
}

/* resync: the REST refetch covers the gap, so replay from its seq. */
static void
test_resync(void)
{
	CHECK(!api->notes_loading);
	feed("{\"type\":\"resync\",\"seq\":500}");
	CHECK_INT(api_live_last_seq(api), 500);
	/* The notifications of the gap are loaded again, with the events. */
	CHECK(api->notes_loading);
}

/* Garbage changes nothing. */
static void
test_garbage(void)
{
	feed("{\"seq\":900}");
	feed("not json");
	feed("{\"seq\":\"x\",\"type\":\"counters\"}");
	CHECK_INT(api_live_last_seq(api), 500);
}

static void
teardown(void)
{
	api_free(api);
	uv_run(&loop, UV_RUN_DEFAULT);
	CHECK_INT(uv_loop_close(&loop), 0);
	store_free(store);
}

TEST_MAIN(
	TEST_CASE(setup),
	TEST_CASE(test_refused_before_hello),
	TEST_CASE(test_first_hello),
	TEST_CASE(test_hello_and_error_do_not_count),
	TEST_CASE(test_resync),
	TEST_CASE(test_garbage),
	TEST_CASE(teardown)
)
