/*
 * evtop-mock's WebSocket fan-out: topics, seq, replay (after a restart
 * too), envelopes scoped to a draft's viewers, and slow clients.
 */
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "db.h"
#include "hub.h"
#include "mock-fixture.h"
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

/* The types of the frames queued for c, popped, joined by spaces. */
static void
drain(struct hub_client *c, char *buf, size_t len)
{
	json_t	*f;
	size_t	 used = 0;

	buf[0] = '\0';
	while ((f = next(c)) != NULL) {
		snprintf(buf + used, len - used, "%s%s", used > 0 ? " " : "",
		    json_string_value(json_object_get(f, "type")));
		used = strlen(buf);
		json_decref(f);
	}
}

/* A subscription to "events" with since: the seqs it is given, or -1. */
static void
resume(struct hub *hub, uint64_t since, char *buf, size_t len)
{
	struct hub_client	*c;
	json_t			*t, *f;
	size_t			 used = 0;

	c = hub_client_new(hub, NULL, NULL);
	t = topics("events", NULL);
	CHECK_INT(hub_client_subscribe(c, t, 1, since, NULL), 0);
	json_decref(t);
	buf[0] = '\0';
	while ((f = next(c)) != NULL) {
		if (strcmp(json_string_value(json_object_get(f, "type")),
		    "resync") == 0)
			snprintf(buf + used, len - used, "%sresync",
			    used > 0 ? " " : "");
		else
			snprintf(buf + used, len - used, "%s%lld",
			    used > 0 ? " " : "", (long long)seq_of(f));
		used = strlen(buf);
		json_decref(f);
	}
	hub_client_free(c);
}

/*
 * A run that starts after seq 10 (the last of the run before) can carry
 * on from 10 and nothing older, with its ring empty, partly filled, full
 * and dropping; a since it has not reached is a restart it cannot know.
 */
static void
test_replay_after_restart(void)
{
	struct hub	*hub;
	char		 got[128];
	int		 i;

	hub = hub_new(4, 16);
	hub_start_at(hub, 10);
	CHECK_INT(hub_seq(hub), 10);
	CHECK_INT(hub_next_seq(hub), 11);
	CHECK(hub_can_replay(hub, 10));
	CHECK(!hub_can_replay(hub, 9));
	CHECK(!hub_can_replay(hub, 0));
	CHECK(!hub_can_replay(hub, 11));
	resume(hub, 10, got, sizeof got);
	CHECK_STR(got, "");
	resume(hub, 9, got, sizeof got);
	CHECK_STR(got, "resync");
	resume(hub, 11, got, sizeof got);
	CHECK_STR(got, "resync");

	/* The first seq of this run: 10 gets it, 11 has it. */
	publish(hub, "events", 11);
	resume(hub, 10, got, sizeof got);
	CHECK_STR(got, "11");
	resume(hub, 11, got, sizeof got);
	CHECK_STR(got, "");
	resume(hub, 9, got, sizeof got);
	CHECK_STR(got, "resync");
	resume(hub, 12, got, sizeof got);
	CHECK_STR(got, "resync");

	/* A full ring still reaches back to 10... */
	for (i = 12; i <= 14; i++)
		publish(hub, "events", i);
	resume(hub, 10, got, sizeof got);
	CHECK_STR(got, "11 12 13 14");
	/* ...until it drops 11. */
	publish(hub, "events", 15);
	resume(hub, 10, got, sizeof got);
	CHECK_STR(got, "resync");
	resume(hub, 11, got, sizeof got);
	CHECK_STR(got, "12 13 14 15");
	resume(hub, 15, got, sizeof got);
	CHECK_STR(got, "");
	resume(hub, 16, got, sizeof got);
	CHECK_STR(got, "resync");

	/* Once anything is published, the start cannot move. */
	hub_start_at(hub, 100);
	CHECK_INT(hub_seq(hub), 15);
	hub_free(hub);
}

static uint64_t	marks[8];
static size_t	nmarks;

/* Stores a mark 3 seqs ahead, as stream.c does STREAM_RESERVE ahead. */
static uint64_t
reserve(uint64_t seq, void *arg)
{
	(void)arg;
	if (nmarks < sizeof marks / sizeof marks[0])
		marks[nmarks++] = seq + 2;
	return (seq + 2);
}

/* The stream never passes the stored mark, and moves it only when due. */
static void
test_reserve(void)
{
	struct hub	*hub;
	uint64_t	 seq;
	int		 i, ok = 1;

	hub = hub_new(4, 16);
	hub_start_at(hub, 7);
	hub_set_reserve(hub, reserve, NULL);
	CHECK_INT(nmarks, 0);
	for (i = 0; i < 7; i++) {
		seq = hub_next_seq(hub);
		publish(hub, "events", i);
		ok &= nmarks > 0 && marks[nmarks - 1] >= seq;
	}
	CHECK(ok);
	/* 8..14 published: marks 10, 13 and 16, each before its turn. */
	CHECK_INT(nmarks, 3);
	CHECK_INT(marks[0], 10);
	CHECK_INT(marks[1], 13);
	CHECK_INT(marks[2], 16);
	hub_free(hub);
}

/*
 * Envelopes scoped to an owner reach the owner and the clients that see
 * all, live and in replay; the others get only what is scoped to them.
 * A client that never said who it is counts as one of the others.
 */
static void
test_scoped(void)
{
	static const char *const	 ev[] = { "event:3", NULL };
	struct hub			*hub;
	struct hub_client		*owner, *admin, *other, *anon, *late;
	json_t				*t;
	char				 got[128];

	hub = hub_new(16, 16);
	owner = hub_client_new(hub, NULL, NULL);
	admin = hub_client_new(hub, NULL, NULL);
	other = hub_client_new(hub, NULL, NULL);
	anon = hub_client_new(hub, NULL, NULL);
	hub_client_set_user(owner, 5, 0);
	hub_client_set_user(admin, 1, 1);
	hub_client_set_user(other, 6, 0);
	t = topics("event:3", NULL);
	CHECK_INT(hub_client_subscribe(owner, t, 0, 0, NULL), 0);
	CHECK_INT(hub_client_subscribe(admin, t, 0, 0, NULL), 0);
	CHECK_INT(hub_client_subscribe(other, t, 0, 0, NULL), 0);
	CHECK_INT(hub_client_subscribe(anon, t, 0, 0, NULL), 0);

	hub_publish_to(hub, ev, HUB_SCOPE_OWNER, 5, "event.updated", NULL);
	hub_publish_to(hub, ev, HUB_SCOPE_OTHERS, 5, "event.deleted", NULL);
	hub_publish(hub, ev, "counters", NULL);
	/* A draft whose creator is gone: admins only. */
	hub_publish_to(hub, ev, HUB_SCOPE_OWNER, 0, "checkin", NULL);
	drain(owner, got, sizeof got);
	CHECK_STR(got, "event.updated counters");
	drain(admin, got, sizeof got);
	CHECK_STR(got, "event.updated counters checkin");
	drain(other, got, sizeof got);
	CHECK_STR(got, "event.deleted counters");
	drain(anon, got, sizeof got);
	CHECK_STR(got, "event.deleted counters");

	/* Replay keeps to the same rule. */
	late = hub_client_new(hub, NULL, NULL);
	hub_client_set_user(late, 6, 0);
	CHECK_INT(hub_client_subscribe(late, t, 1, 0, NULL), 0);
	drain(late, got, sizeof got);
	CHECK_STR(got, "event.deleted counters");
	hub_client_free(late);
	late = hub_client_new(hub, NULL, NULL);
	hub_client_set_user(late, 5, 0);
	CHECK_INT(hub_client_subscribe(late, t, 1, 0, NULL), 0);
	drain(late, got, sizeof got);
	CHECK_STR(got, "event.updated counters");
	hub_client_free(late);

	/* Revoking for the others leaves the owner and the admin. */
	CHECK_INT(hub_topic_revoke(hub, "event:3", HUB_SCOPE_OTHERS, 5), 2);
	CHECK(hub_client_subscribed(owner, "event:3"));
	CHECK(hub_client_subscribed(admin, "event:3"));
	CHECK(!hub_client_subscribed(other, "event:3"));
	CHECK(!hub_client_subscribed(anon, "event:3"));
	hub_publish(hub, ev, "counters", NULL);
	drain(other, got, sizeof got);
	CHECK_STR(got, "");
	CHECK_INT(hub_topic_revoke(hub, "event:3", HUB_SCOPE_ALL, 0), 2);
	CHECK_INT(hub_topic_revoke(hub, "event:3", HUB_SCOPE_ALL, 0), 0);

	CHECK_INT(hub_topic_event("event:42"), 42);
	CHECK_INT(hub_topic_event("chat:7"), 7);
	CHECK_INT(hub_topic_event("events"), 0);
	CHECK_INT(hub_topic_event("event:x"), 0);
	CHECK_INT(hub_topic_event("event:042"), 0);

	json_decref(t);
	hub_client_free(owner);
	hub_client_free(admin);
	hub_client_free(other);
	hub_client_free(anon);
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

/* A connection signed in as user with role; its hello is popped. */
static struct ws_conn *
signed_in(struct mock *m, int64_t user, const char *role)
{
	struct ws_conn	*ws;
	json_t		*f;
	char		*token, msg[1024];

	ws = ws_conn_new(m, NULL);
	token = auth_sign_token(m->auth, user, role, "u@example.com",
	    time(NULL));
	snprintf(msg, sizeof msg, "{\"type\":\"auth\",\"token\":\"%s\"}",
	    token);
	CHECK_INT(say(ws, msg), 0);
	f = next(ws_conn_client(ws));
	CHECK_STR(json_string_value(json_object_get(f, "type")), "hello");
	json_decref(f);
	free(token);
	return (ws);
}

/* The message of the next frame when it is an error, else "". */
static const char *
error_of(struct ws_conn *ws, char *buf, size_t len)
{
	json_t	*f;

	buf[0] = '\0';
	if ((f = next(ws_conn_client(ws))) == NULL)
		return (buf);
	if (strcmp(json_string_value(json_object_get(f, "type")), "error") == 0)
		snprintf(buf, len, "%s", json_string_value(json_object_get(
		    json_object_get(f, "data"), "message")));
	json_decref(f);
	return (buf);
}

/*
 * event:ID and chat:ID follow the REST rule: a draft is there for its
 * creator and admins, and to anyone else it is no event at all, refused
 * like an unknown topic, with nothing subscribed.
 */
static void
test_ws_draft_topics(void)
{
	struct mock	 m;
	struct ws_conn	*att, *org, *adm;
	char		 err[256], *cause = NULL;

	mock_fixture_open(&m, NULL, 16, 16, 1);
	CHECK_INT(db_exec(m.db, "INSERT INTO users (id, email, name, role,"
	    " password_hash, created_at) VALUES"
	    " (1, 'a@x.org', 'A', 'admin', 'x', 0),"
	    " (2, 'o@x.org', 'O', 'organizer', 'x', 0),"
	    " (3, 't@x.org', 'T', 'attendee', 'x', 0);"
	    "INSERT INTO events (id, title, date_time, location, max_capacity,"
	    " created_by, created_at, updated_at, status) VALUES"
	    " (1, 'P', 4000000000, 'L', 5, 2, 0, 0, 'published'),"
	    " (2, 'D', 4000000000, 'L', 5, 2, 0, 0, 'draft');", &cause), 0);
	free(cause);

	att = signed_in(&m, 3, "attendee");
	CHECK_INT(say(att, "{\"type\":\"subscribe\","
	    "\"topics\":[\"events\",\"event:2\"]}"), 0);
	CHECK_STR(error_of(att, err, sizeof err),
	    "unknown topic \"event:2\": Event not found");
	CHECK(!hub_client_subscribed(ws_conn_client(att), "events"));
	CHECK_INT(say(att, "{\"type\":\"subscribe\","
	    "\"topics\":[\"chat:2\"],\"since\":0}"), 0);
	CHECK_STR(error_of(att, err, sizeof err),
	    "unknown topic \"chat:2\": Event not found");
	CHECK(next(ws_conn_client(att)) == NULL);	/* no resync either */
	/* One that does not exist gets the same answer. */
	CHECK_INT(say(att, "{\"type\":\"subscribe\","
	    "\"topics\":[\"event:99\"]}"), 0);
	CHECK_STR(error_of(att, err, sizeof err),
	    "unknown topic \"event:99\": Event not found");
	CHECK_INT(say(att, "{\"type\":\"subscribe\","
	    "\"topics\":[\"events\",\"event:1\",\"chat:1\"]}"), 0);
	CHECK(next(ws_conn_client(att)) == NULL);
	CHECK(hub_client_subscribed(ws_conn_client(att), "event:1"));

	org = signed_in(&m, 2, "organizer");
	CHECK_INT(say(org, "{\"type\":\"subscribe\","
	    "\"topics\":[\"event:2\",\"chat:2\"]}"), 0);
	CHECK(next(ws_conn_client(org)) == NULL);
	CHECK(hub_client_subscribed(ws_conn_client(org), "event:2"));
	adm = signed_in(&m, 1, "admin");
	CHECK_INT(say(adm, "{\"type\":\"subscribe\","
	    "\"topics\":[\"event:2\"]}"), 0);
	CHECK(next(ws_conn_client(adm)) == NULL);
	CHECK(hub_client_subscribed(ws_conn_client(adm), "event:2"));

	ws_conn_free(att);
	ws_conn_free(org);
	ws_conn_free(adm);
	mock_fixture_close(&m);
}

TEST_MAIN(
	TEST_CASE(test_topics_and_seq),
	TEST_CASE(test_replay_since),
	TEST_CASE(test_replay_after_restart),
	TEST_CASE(test_reserve),
	TEST_CASE(test_scoped),
	TEST_CASE(test_ws_draft_topics),
	TEST_CASE(test_slow_client_dropped),
	TEST_CASE(test_queue_grows_in_order),
	TEST_CASE(test_ws_protocol))
