/* evtop-mock's WebSocket fan-out: topics, seq, replay and slow clients. */
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "hub.h"
#include "mock.h"
#include "test.h"
#include "ws.h"

static int	wakes;

static void
wake(void *arg)
{
	(void)arg;
	wakes++;
}

static json_t *
topics(const char *a, const char *b)
{
	json_t	*t = json_array();

	if (a != NULL)
		json_array_append_new(t, json_string(a));
	if (b != NULL)
		json_array_append_new(t, json_string(b));
	return (t);
}

static void
publish(struct hub *hub, const char *topic, int n)
{
	const char	*list[2] = { topic, NULL };

	hub_publish(hub, list, "counters", json_pack("{si}", "n", n));
}

/* Pops the next frame as JSON (NULL when the queue is empty). */
static json_t *
next(struct hub_client *c)
{
	const char	*text;
	size_t		 len;
	json_t		*j;

	if ((text = hub_client_peek(c, &len)) == NULL)
		return (NULL);
	j = json_loadb(text, len, 0, NULL);
	hub_client_pop(c);
	return (j);
}

static int64_t
seq_of(json_t *j)
{
	return (json_integer_value(json_object_get(j, "seq")));
}

static void
test_topics_and_seq(void)
{
	struct hub		*hub;
	struct hub_client	*a, *b;
	json_t			*t, *f;
	char			*cause = NULL;

	hub = hub_new(16, 16);
	a = hub_client_new(hub, wake, NULL);
	b = hub_client_new(hub, wake, NULL);
	t = topics("events", NULL);
	CHECK_INT(hub_client_subscribe(a, t, 0, 0, &cause), 0);
	json_decref(t);
	t = topics("event:2", "notifications");
	CHECK_INT(hub_client_subscribe(b, t, 0, 0, &cause), 0);
	json_decref(t);

	publish(hub, "events", 1);
	publish(hub, "event:2", 2);
	publish(hub, "event:3", 3);
	CHECK_INT(hub_seq(hub), 3);

	f = next(a);
	CHECK_INT(seq_of(f), 1);
	CHECK_STR(json_string_value(json_object_get(f, "type")), "counters");
	CHECK(json_is_string(json_object_get(f, "ts")));
	CHECK_INT(json_integer_value(json_object_get(json_object_get(f,
	    "data"), "n")), 1);
	json_decref(f);
	CHECK(next(a) == NULL);

	f = next(b);
	CHECK_INT(seq_of(f), 2);
	json_decref(f);
	CHECK(next(b) == NULL);
	CHECK(wakes >= 2);

	/* Unknown topics are refused and change nothing. */
	t = topics("events", "everything");
	CHECK_INT(hub_client_subscribe(b, t, 0, 0, &cause), -1);
	CHECK_STR(cause, "unknown topic \"everything\"");
	free(cause);
	cause = NULL;
	json_decref(t);
	CHECK(!hub_client_subscribed(b, "events"));
	CHECK(!hub_topic_valid("event:0"));
	CHECK(!hub_topic_valid("event:1x"));
	CHECK(hub_topic_valid("chat:12"));

	t = topics("event:2", NULL);
	hub_client_unsubscribe(b, t);
	json_decref(t);
	publish(hub, "event:2", 4);
	CHECK(next(b) == NULL);

	hub_client_free(a);
	hub_client_free(b);
	CHECK_INT(hub_clients(hub), 0);
	hub_free(hub);
}

static void
test_replay_since(void)
{
	struct hub		*hub;
	struct hub_client	*c;
	json_t			*t, *f;
	char			*cause = NULL;
	int			 i;

	hub = hub_new(4, 16);
	for (i = 1; i <= 3; i++)
		publish(hub, "events", i);

	/* Everything after seq 1 is still in the ring. */
	c = hub_client_new(hub, NULL, NULL);
	t = topics("events", NULL);
	CHECK_INT(hub_client_subscribe(c, t, 1, 1, &cause), 0);
	f = next(c);
	CHECK_INT(seq_of(f), 2);
	json_decref(f);
	f = next(c);
	CHECK_INT(seq_of(f), 3);
	json_decref(f);
	CHECK(next(c) == NULL);
	hub_client_free(c);

	/* The ring holds 4: after 6 publishes, since=1 is too old. */
	for (i = 4; i <= 6; i++)
		publish(hub, "events", i);
	c = hub_client_new(hub, NULL, NULL);
	CHECK_INT(hub_client_subscribe(c, t, 1, 1, &cause), 0);
	f = next(c);
	CHECK_STR(json_string_value(json_object_get(f, "type")), "resync");
	json_decref(f);
	CHECK(next(c) == NULL);
	hub_client_free(c);

	/* since=2: 3..6 are all there. */
	c = hub_client_new(hub, NULL, NULL);
	CHECK_INT(hub_client_subscribe(c, t, 1, 2, &cause), 0);
	for (i = 3; i <= 6; i++) {
		f = next(c);
		CHECK_INT(seq_of(f), i);
		json_decref(f);
	}
	hub_client_free(c);

	/* A seq from the future (the server restarted): resync. */
	c = hub_client_new(hub, NULL, NULL);
	CHECK_INT(hub_client_subscribe(c, t, 1, 99, &cause), 0);
	f = next(c);
	CHECK_STR(json_string_value(json_object_get(f, "type")), "resync");
	json_decref(f);
	hub_client_free(c);

	json_decref(t);
	hub_free(hub);
}

static void
test_slow_client_dropped(void)
{
	struct hub		*hub;
	struct hub_client	*c, *fast;
	json_t			*t;
	char			*cause = NULL;
	int			 i;

	hub = hub_new(8, 4);
	c = hub_client_new(hub, NULL, NULL);
	fast = hub_client_new(hub, NULL, NULL);
	t = topics("events", NULL);
	hub_client_subscribe(c, t, 0, 0, &cause);
	hub_client_subscribe(fast, t, 0, 0, &cause);
	json_decref(t);
	for (i = 0; i < 10; i++) {
		publish(hub, "events", i);
		json_decref(next(fast));
	}
	CHECK(hub_client_overflowed(c));
	CHECK(!hub_client_overflowed(fast));
	CHECK(next(c) == NULL);		/* its backlog is gone */
	hub_client_free(c);
	hub_client_free(fast);
	hub_free(hub);
}

/*
 * A queue starts small and grows while a client falls behind: frames stay
 * in order across growth and wrap-around, peek_at sees them in that order,
 * and the limit still drops a client that never reads.
 */
static void
test_queue_grows_in_order(void)
{
	struct hub		*hub;
	struct hub_client	*c;
	const char		*text;
	json_t			*t, *f;
	size_t			 len;
	char			*cause = NULL;
	int			 i, expect = 1, ok = 1;

	hub = hub_new(HUB_QUEUE_INITIAL * 16, HUB_QUEUE_INITIAL * 8);
	c = hub_client_new(hub, NULL, NULL);
	t = topics("events", NULL);
	CHECK_INT(hub_client_subscribe(c, t, 0, 0, &cause), 0);
	json_decref(t);

	/* Half-drained bursts move the head, so growth meets a wrapped queue. */
	for (i = 1; i <= HUB_QUEUE_INITIAL * 5; i++) {
		publish(hub, "events", i);
		if (i % 3 == 0) {
			f = next(c);
			ok &= seq_of(f) == expect++;
			json_decref(f);
		}
	}
	CHECK(ok);
	CHECK(!hub_client_overflowed(c));
	text = hub_client_peek_at(c, 1, &len);
	CHECK(text != NULL);
	f = text != NULL ? json_loadb(text, len, 0, NULL) : NULL;
	CHECK_INT(seq_of(f), expect + 1);
	json_decref(f);
	CHECK(hub_client_peek_at(c, (size_t)(HUB_QUEUE_INITIAL * 5 -
	    (expect - 1)), &len) == NULL);
	while ((f = next(c)) != NULL) {
		ok &= seq_of(f) == expect++;
		json_decref(f);
	}
	CHECK(ok);
	CHECK_INT(expect, HUB_QUEUE_INITIAL * 5 + 1);

	/* Grown to its limit, the queue still overflows. */
	for (i = 0; i <= HUB_QUEUE_INITIAL * 8; i++)
		publish(hub, "events", i);
	CHECK(hub_client_overflowed(c));
	CHECK(next(c) == NULL);
	hub_client_free(c);
	hub_free(hub);
}

static int
say(struct ws_conn *ws, const char *text)
{
	return (ws_conn_message(ws, text, strlen(text)));
}

static void
test_ws_protocol(void)
{
	struct mock		 m;
	struct ws_conn		*ws;
	struct hub_client	*c;
	json_t			*f;
	char			*token, msg[1024];

	memset(&m, 0, sizeof m);
	m.hub = hub_new(16, 16);
	m.auth = auth_new(NULL, 0, 4, 60);
	publish(m.hub, "events", 1);

	/* A bad token: error envelope, then close. */
	ws = ws_conn_new(&m, NULL);
	c = ws_conn_client(ws);
	CHECK_INT(say(ws, "{\"type\":\"auth\",\"token\":\"x\"}"), -1);
	f = next(c);
	CHECK_STR(json_string_value(json_object_get(f, "type")), "error");
	CHECK_STR(json_string_value(json_object_get(json_object_get(f,
	    "data"), "message")), "Invalid token");
	json_decref(f);
	ws_conn_free(ws);

	/* Subscribing before auth is refused. */
	ws = ws_conn_new(&m, NULL);
	c = ws_conn_client(ws);
	CHECK_INT(say(ws, "{\"type\":\"subscribe\",\"topics\":[\"events\"]}"),
	    -1);
	f = next(c);
	CHECK_STR(json_string_value(json_object_get(f, "type")), "error");
	json_decref(f);
	ws_conn_free(ws);

	/* The happy path: hello with the current seq, replay, pong. */
	ws = ws_conn_new(&m, NULL);
	c = ws_conn_client(ws);
	token = auth_sign_token(m.auth, 1, "admin", "a@example.com",
	    time(NULL));
	snprintf(msg, sizeof msg, "{\"type\":\"auth\",\"token\":\"%s\"}",
	    token);
	CHECK_INT(say(ws, msg), 0);
	f = next(c);
	CHECK_STR(json_string_value(json_object_get(f, "type")), "hello");
	CHECK_STR(json_string_value(json_object_get(json_object_get(f,
	    "data"), "server")), "evtop-mock");
	CHECK_INT(json_integer_value(json_object_get(json_object_get(f,
	    "data"), "seq")), 1);
	json_decref(f);
	snprintf(msg, sizeof msg, "{\"type\":\"subscribe\","
	    "\"topics\":[\"events\"],\"since\":0}");
	CHECK_INT(say(ws, msg), 0);
	f = next(c);
	CHECK_INT(seq_of(f), 1);
	json_decref(f);
	CHECK_INT(say(ws, "{\"type\":\"ping\"}"), 0);
	f = next(c);
	CHECK_STR(json_string_value(json_object_get(f, "type")), "pong");
	json_decref(f);
	/* Bad input after auth: an error, and the connection stays. */
	CHECK_INT(say(ws, "nonsense"), 0);
	f = next(c);
	CHECK_STR(json_string_value(json_object_get(f, "type")), "error");
	json_decref(f);
	CHECK_INT(say(ws, "{\"type\":\"subscribe\",\"topics\":\"events\"}"), 0);
	f = next(c);
	CHECK_STR(json_string_value(json_object_get(f, "type")), "error");
	json_decref(f);
	publish(m.hub, "events", 2);
	f = next(c);
	CHECK_INT(seq_of(f), 2);
	json_decref(f);

	free(token);
	ws_conn_free(ws);
	auth_free(m.auth);
	hub_free(m.hub);
}

TEST_MAIN(
	TEST_CASE(test_topics_and_seq),
	TEST_CASE(test_replay_since),
	TEST_CASE(test_slow_client_dropped),
	TEST_CASE(test_queue_grows_in_order),
	TEST_CASE(test_ws_protocol))
