/*
 * evtop-mock's WebSocket promises over a real socket: a client that
 * reconnects with "since" gets exactly what it missed, in order, and then
 * the live stream without a duplicate; a gap older than the replay buffer
 * (here --ws-replay 16) or a seq from the future gets a resync frame.
 */
#include <jansson.h>
#include <libwebsockets.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support-mock.h"
#include "support-ws.h"
#include "test.h"

#define RING	16
#define TOPICS	"[\"events\",\"event:1\"]"

static struct mockproc	 mp;
static struct lws_context *ctx;
static int		 port;
static char		*attendee;

/* 1 for a frame of the stream (not hello, pong, resync or error). */
static int
stream_frame(const json_t *f)
{
	const char	*type = json_string_value(json_object_get(f, "type"));

	return (type != NULL && strcmp(type, "hello") != 0 &&
	    strcmp(type, "pong") != 0 && strcmp(type, "resync") != 0 &&
	    strcmp(type, "error") != 0);
}

/* The seqs of stream frames in (since, upto], in arrival order. */
static json_t *
stream_seqs(const struct session *s, json_int_t since, json_int_t upto)
{
	json_t		*out = json_array(), *f;
	json_int_t	 seq;
	size_t		 i;

	json_array_foreach(s->frames, i, f) {
		if (!stream_frame(f))
			continue;
		seq = json_integer_value(json_object_get(f, "seq"));
		if (seq > since && seq <= upto)
			json_array_append_new(out, json_integer(seq));
	}
	return (out);
}

static json_int_t	want_seq;

/* 1 once a stream frame with seq want_seq or later has arrived. */
static int
has_seq(const struct session *s)
{
	json_t	*f;
	size_t	 i;

	json_array_foreach(s->frames, i, f) {
		if (stream_frame(f) && json_integer_value(json_object_get(f,
		    "seq")) >= want_seq)
			return (1);
	}
	return (s->closed);
}

static int
has_resync(const struct session *s)
{
	return (s->closed || support_ws_find(s, "resync", 0) != NULL);
}

/* One registration and its cancellation: several envelopes. */
static void
churn(void)
{
	struct reply	r;

	support_http(mp.url, "POST", "/api/events/1/register", NULL, attendee,
	    &r);
	CHECK_INT(r.status, 201);
	reply_done(&r);
	support_http(mp.url, "DELETE", "/api/events/1/register", NULL,
	    attendee, &r);
	CHECK_INT(r.status, 200);
	reply_done(&r);
}

/* Opens a session on TOPICS (since < 0: none) and waits for its pong. */
static void
open_session(struct session *s, char *sub, size_t len, const char *token,
    long long since)
{
	memset(s, 0, sizeof *s);
	if (since < 0)
		snprintf(sub, len, "{\"type\":\"subscribe\",\"topics\":"
		    TOPICS "}");
	else
		snprintf(sub, len, "{\"type\":\"subscribe\",\"topics\":"
		    TOPICS ",\"since\":%lld}", since);
	s->token = token;
	s->subscribe = sub;
	support_ws_open(ctx, s, port);
	support_ws_wait(ctx, s, support_ws_pong);
}

static void
test_replay_after_reconnect(void)
{
	struct session	 live, gone, back;
	char		*admin, sub1[256], sub2[256], sub3[256];
	json_t		*missed, *replayed, *before, *after;
	json_int_t	 since, upto;
	size_t		 i;

	admin = support_login(mp.url, "admin@example.com",
	    SUPPORT_DEMO_PASSWORD);
	CHECK(admin != NULL);

	/* One client stays connected throughout: the reference. */
	open_session(&live, sub1, sizeof sub1, admin, -1);
	CHECK(support_ws_find(&live, "pong", 0) != NULL);

	/* Another connects, then loses its connection. */
	open_session(&gone, sub2, sizeof sub2, admin, -1);
	since = gone.hello_seq;
	support_ws_close(ctx, &gone);
	CHECK(gone.closed);

	/* While it is away: two registrations and two cancellations. */
	churn();
	churn();

	/*
	 * It comes back with since: exactly what it missed, in order.  Its
	 * hello names the last seq published; the reference client has
	 * seen everything up to there once it holds that seq.
	 */
	open_session(&back, sub3, sizeof sub3, admin, since);
	upto = back.hello_seq;
	CHECK(upto - since >= 4);	/* at least the four counters */
	CHECK(upto - since < RING);
	want_seq = upto;
	support_ws_wait(ctx, &live, has_seq);
	support_ws_wait(ctx, &back, has_seq);
	missed = stream_seqs(&live, since, upto);
	replayed = stream_seqs(&back, since, upto);
	CHECK(json_array_size(missed) >= 4);
	CHECK(json_equal(replayed, missed));
	CHECK(support_ws_find(&back, "resync", 0) == NULL);
	for (i = 1; i < json_array_size(replayed); i++)
		CHECK(json_integer_value(json_array_get(replayed, i)) >
		    json_integer_value(json_array_get(replayed, i - 1)));

	/* Then the live stream goes on with nothing twice. */
	churn();
	want_seq = upto + 4;
	support_ws_wait(ctx, &back, has_seq);
	after = stream_seqs(&back, upto, upto + 4);
	CHECK_INT(json_array_size(after), 4);
	before = stream_seqs(&back, since, upto + 4);
	for (i = 1; i < json_array_size(before); i++)
		CHECK(json_integer_value(json_array_get(before, i)) >
		    json_integer_value(json_array_get(before, i - 1)));

	json_decref(missed);
	json_decref(replayed);
	json_decref(before);
	json_decref(after);
	support_ws_done(&live);
	support_ws_done(&gone);
	support_ws_done(&back);
	free(admin);
}

static void
test_resync(void)
{
	struct session	 gone, old, future;
	char		*admin, sub1[256], sub2[256], sub3[256];
	json_int_t	 since;
	int		 i;

	admin = support_login(mp.url, "admin@example.com",
	    SUPPORT_DEMO_PASSWORD);
	CHECK(admin != NULL);
	open_session(&gone, sub1, sizeof sub1, admin, -1);
	since = gone.hello_seq;
	support_ws_close(ctx, &gone);

	/* More happens than the replay buffer holds. */
	for (i = 0; i < RING; i++)
		churn();

	/* The gap is too old: resync, and no partial replay. */
	open_session(&old, sub2, sizeof sub2, admin, since);
	support_ws_wait(ctx, &old, has_resync);
	CHECK(support_ws_find(&old, "resync", 0) != NULL);
	CHECK(support_ws_find(&old, "counters", 0) == NULL);
	CHECK(!old.closed);

	/* A seq the server never reached (it restarted): resync too. */
	open_session(&future, sub3, sizeof sub3, admin,
	    (long long)gone.hello_seq + 1000000);
	support_ws_wait(ctx, &future, has_resync);
	CHECK(support_ws_find(&future, "resync", 0) != NULL);

	support_ws_done(&gone);
	support_ws_done(&old);
	support_ws_done(&future);
	free(admin);
}

static void
test_start(void)
{
	static const char *const extra[] = { "--seed", "demo",
	    "--ws-replay", "16", NULL };
	char	*colon;

	if (support_mock_start(&mp, extra, -1) != 0)
		exit(1);
	colon = strrchr(mp.url, ':');
	port = atoi(colon + 1);
	attendee = support_login(mp.url, "attendee@example.com",
	    SUPPORT_DEMO_PASSWORD);
	CHECK(attendee != NULL);
	ctx = support_ws_context();
	CHECK(ctx != NULL);
	if (attendee == NULL || ctx == NULL)
		exit(1);
}

static void
test_stop(void)
{
	lws_context_destroy(ctx);
	CHECK_INT(support_mock_stop(&mp), 0);
	free(mp.url);
	free(attendee);
}

TEST_MAIN(
	TEST_CASE(test_start),
	TEST_CASE(test_replay_after_reconnect),
	TEST_CASE(test_resync),
	TEST_CASE(test_stop))
