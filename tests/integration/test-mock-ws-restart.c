/*
 * evtop-mock's WebSocket stream across restarts with the same --db: a
 * client that saw the last seq of the run before carries on without a
 * resync and gets only new seqs; one that saw less, or a seq the server
 * never reached, gets a resync, with the new run's buffer empty and once
 * it has passed that seq.  After a run that was killed, a client cannot
 * know what it missed: resync.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <jansson.h>
#include <libwebsockets.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "support-mock.h"
#include "support-ws.h"
#include "test.h"

static struct mockproc	 mp;
static struct lws_context *ctx;
static char		 dir[256], db[300];
static int		 dir_made;

static int
port_of(const char *url)
{
	return (atoi(strrchr(url, ':') + 1));
}

static int
start(void)
{
	const char *const	 extra[] = { "--db", db, "--seed", "demo",
	    NULL };

	if (support_mock_start(&mp, extra, -1) != 0)
		return (-1);
	return (0);
}

/* One registration and its cancellation: envelopes that are not stored. */
static void
churn(void)
{
	struct reply	 r;
	char		*token;

	token = support_login(mp.url, "attendee@example.com",
	    SUPPORT_DEMO_PASSWORD);
	CHECK(token != NULL);
	support_http(mp.url, "POST", "/api/events/1/register", NULL, token,
	    &r);
	CHECK_INT(r.status, 201);
	reply_done(&r);
	support_http(mp.url, "DELETE", "/api/events/1/register", NULL, token,
	    &r);
	CHECK_INT(r.status, 200);
	reply_done(&r);
	free(token);
}

/*
 * A session on "events" (since < 0: without one), once its pong is
 * there: whatever the subscription brought (replay or resync) came first.
 */
static void
open_session(struct session *s, char *sub, size_t len, const char *token,
    long long since)
{
	memset(s, 0, sizeof *s);
	if (since < 0)
		snprintf(sub, len, "{\"type\":\"subscribe\","
		    "\"topics\":[\"events\"]}");
	else
		snprintf(sub, len, "{\"type\":\"subscribe\","
		    "\"topics\":[\"events\"],\"since\":%lld}", since);
	s->token = token;
	s->subscribe = sub;
	support_ws_open(ctx, s, port_of(mp.url));
	support_ws_wait(ctx, s, support_ws_pong);
	CHECK(support_ws_find(s, "pong", 0) != NULL);
}

/* The seq the server is at: a new session's hello. */
static long long
current_seq(const char *token)
{
	struct session	 s;
	char		 sub[128];
	long long	 seq;

	open_session(&s, sub, sizeof sub, token, -1);
	seq = s.hello_seq;
	support_ws_close(ctx, &s);
	support_ws_done(&s);
	return (seq);
}

/* 1 when a session resuming from since is told to resync. */
static int
resyncs(const char *token, long long since)
{
	struct session	 s;
	char		 sub[128];
	int		 resync;

	open_session(&s, sub, sizeof sub, token, since);
	resync = support_ws_find(&s, "resync", 0) != NULL;
	support_ws_close(ctx, &s);
	support_ws_done(&s);
	return (resync);
}

/* The lowest seq of the stream frames s received (0: none). */
static long long
first_seq(const struct session *s)
{
	json_t		*f;
	const char	*type;
	long long	 seq, low = 0;
	size_t		 i;

	json_array_foreach(s->frames, i, f) {
		type = json_string_value(json_object_get(f, "type"));
		if (type == NULL || strcmp(type, "hello") == 0 ||
		    strcmp(type, "pong") == 0 || strcmp(type, "resync") == 0 ||
		    strcmp(type, "error") == 0)
			continue;
		seq = json_integer_value(json_object_get(f, "seq"));
		if (low == 0 || seq < low)
			low = seq;
	}
	return (low);
}

static char *
admin_token(void)
{
	char	*token;

	token = support_login(mp.url, "admin@example.com",
	    SUPPORT_DEMO_PASSWORD);
	CHECK(token != NULL);
	if (token == NULL)
		exit(1);
	return (token);
}

static void
test_start(void)
{
	snprintf(dir, sizeof dir, "%s/evtop-ws-restart-XXXXXX",
	    getenv("TMPDIR") != NULL && strlen(getenv("TMPDIR")) < 200 ?
	    getenv("TMPDIR") : "/tmp");
	if (mkdtemp(dir) == NULL) {
		fprintf(stderr, "cannot make a temporary directory\n");
		exit(1);
	}
	dir_made = 1;
	snprintf(db, sizeof db, "%s/mock.db", dir);
	ctx = support_ws_context();
	CHECK(ctx != NULL);
	if (ctx == NULL || start() != 0)
		exit(1);
}

static void
test_clean_restart(void)
{
	struct session	 s;
	char		*token, sub[128];
	long long	 last, now;

	/* Envelopes after the last stored notification, then a clean stop. */
	token = admin_token();
	churn();
	churn();
	last = current_seq(token);
	CHECK(last >= 8);
	free(token);
	CHECK_INT(support_mock_stop(&mp), 0);
	CHECK_INT(start(), 0);

	/* The buffer is empty: the last seq is up to date, older is not. */
	token = admin_token();
	CHECK(current_seq(token) >= last);
	CHECK(!resyncs(token, last));
	CHECK(resyncs(token, last - 1));
	CHECK(resyncs(token, last + 1000000));

	/* The new run goes past last: still nothing lost and nothing twice. */
	churn();
	churn();
	now = current_seq(token);
	CHECK(now >= last + 8);
	open_session(&s, sub, sizeof sub, token, last);
	CHECK(support_ws_find(&s, "resync", 0) == NULL);
	CHECK_INT(first_seq(&s), last + 1);
	support_ws_close(ctx, &s);
	support_ws_done(&s);
	CHECK(resyncs(token, last - 1));
	CHECK(resyncs(token, 1));
	CHECK(!resyncs(token, now));
	CHECK(resyncs(token, now + 1));
	free(token);
}

static void
test_killed(void)
{
	char		*token;
	long long	 last;
	int		 status;

	token = admin_token();
	churn();
	last = current_seq(token);
	free(token);

	/* No chance to say where it stopped. */
	CHECK_INT(kill(mp.pid, SIGKILL), 0);
	CHECK_INT(waitpid(mp.pid, &status, 0), mp.pid);
	mp.pid = -1;
	free(mp.url);
	mp.url = NULL;
	CHECK_INT(start(), 0);

	/* Seqs start beyond anything a client can hold: resync. */
	token = admin_token();
	CHECK(current_seq(token) > last);
	CHECK(resyncs(token, last));
	free(token);
}

static void
test_stop(void)
{
	lws_context_destroy(ctx);
	CHECK_INT(support_mock_stop(&mp), 0);
	if (dir_made) {
		test_remove_sqlite(db);
		CHECK_INT(rmdir(dir), 0);
	}
}

TEST_MAIN(
	TEST_CASE(test_start),
	TEST_CASE(test_clean_restart),
	TEST_CASE(test_killed),
	TEST_CASE(test_stop))
