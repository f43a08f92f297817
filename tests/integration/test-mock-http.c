/*
 * The real evtop-mock binary ($EVTOP_MOCK) driven from outside: REST with
 * libcurl, the WebSocket with a libwebsockets client, and a clean exit on
 * SIGTERM.
 */
#include <curl/curl.h>
#include <errno.h>
#include <jansson.h>
#include <libwebsockets.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "json-util.h"
#include "support-http.h"
#include "support-ws.h"
#include "test.h"

/* Seconds: only a guard against hangs, never asserted. */
#define DEADLINE	30

static pid_t	mock_pid = -1;
static int	mock_port;
static char	mock_url[64];

/* Starts the mock and reads its stdout up to the "listening on" line. */
static int
mock_start(void)
{
	const char	*path = getenv("EVTOP_MOCK");
	char		 buf[4096];
	size_t		 have = 0;
	ssize_t		 n;
	int		 fds[2];
	struct pollfd	 pfd;
	char		*line;
	time_t		 until = time(NULL) + DEADLINE;

	if (path == NULL) {
		fprintf(stderr, "EVTOP_MOCK is not set\n");
		return (-1);
	}
	if (pipe(fds) != 0)
		return (-1);
	if ((mock_pid = fork()) == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		execl(path, path, "--listen", "127.0.0.1:0", "--seed", "demo",
		    "--hash-cost", "4", (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	pfd.fd = fds[0];
	pfd.events = POLLIN;
	while (time(NULL) < until && have < sizeof buf - 1) {
		if (poll(&pfd, 1, 1000) <= 0)
			continue;
		if ((n = read(fds[0], buf + have, sizeof buf - 1 - have)) <= 0)
			break;
		have += (size_t)n;
		buf[have] = '\0';
		if ((line = strstr(buf, "listening on http://127.0.0.1:")) !=
		    NULL && strchr(line, '\n') != NULL) {
			mock_port = atoi(line + strlen(
			    "listening on http://127.0.0.1:"));
			snprintf(mock_url, sizeof mock_url,
			    "http://127.0.0.1:%d", mock_port);
			/* The demo accounts come first, one per role. */
			CHECK(strstr(buf, "admin@example.com") != NULL);
			CHECK(strstr(buf, "attendee@example.com") != NULL);
			/* Nothing may follow the listening line. */
			CHECK(line[strlen(line) - 1] == '\n');
			close(fds[0]);
			return (0);
		}
	}
	close(fds[0]);
	fprintf(stderr, "no \"listening on\" line from %s: %s\n", path, buf);
	return (-1);
}

/* One request to the mock started above. */
static void
request(const char *method, const char *path, const char *body,
    const char *token, struct reply *r)
{
	support_http(mock_url, method, path, body, token, r);
}

/* Signs in and returns a new token (NULL on failure). */
static char *
login(const char *email)
{
	struct reply	 r;
	char		 body[256], *token = NULL;

	snprintf(body, sizeof body,
	    "{\"email\":\"%s\",\"password\":\"evtop-demo\"}", email);
	request("POST", "/api/auth/login", body, NULL, &r);
	if (r.status == 200 &&
	    json_string_value(json_object_get(r.json, "token")) != NULL)
		token = strdup(json_string_value(json_object_get(r.json,
		    "token")));
	reply_done(&r);
	return (token);
}

static void
test_health(void)
{
	struct reply	r;

	request("GET", "/api/health", NULL, NULL, &r);
	CHECK_INT(r.status, 200);
	CHECK_STR(json_string_value(json_object_get(r.json, "status")), "OK");
	CHECK(json_is_number(json_object_get(r.json, "uptime")));
	reply_done(&r);
	request("GET", "/health", NULL, NULL, &r);
	CHECK_INT(r.status, 200);
	reply_done(&r);
	request("GET", "/api/meta", NULL, NULL, &r);
	CHECK_INT(r.status, 200);
	CHECK_STR(json_string_value(json_object_get(r.json, "name")),
	    "evtop-mock");
	CHECK(json_is_array(json_object_get(r.json, "features")));
	reply_done(&r);
}

static void
test_login(void)
{
	struct reply	 r;
	json_t		*user;
	char		*token;

	request("POST", "/api/auth/login",
	    "{\"email\":\"admin@example.com\",\"password\":\"evtop-demo\"}",
	    NULL, &r);
	CHECK_INT(r.status, 200);
	user = json_object_get(r.json, "user");
	CHECK_STR(json_string_value(json_object_get(user, "email")),
	    "admin@example.com");
	CHECK_STR(json_string_value(json_object_get(user, "name")),
	    "Ada Admin");
	CHECK_STR(json_string_value(json_object_get(user, "role")), "admin");
	CHECK(json_is_integer(json_object_get(user, "id")));
	CHECK(json_is_string(json_object_get(user, "created_at")));
	CHECK(json_is_string(json_object_get(r.json, "message")));
	token = strdup(json_string_value(json_object_get(r.json, "token")));
	reply_done(&r);

	request("GET", "/api/users/profile", NULL, token, &r);
	CHECK_INT(r.status, 200);
	CHECK_STR(json_string_value(json_object_get(json_object_get(r.json,
	    "user"), "email")), "admin@example.com");
	reply_done(&r);
	free(token);

	request("POST", "/api/auth/login",
	    "{\"email\":\"admin@example.com\",\"password\":\"wrong\"}", NULL,
	    &r);
	CHECK_INT(r.status, 401);
	CHECK_STR(reply_message(&r), "Invalid email or password");
	reply_done(&r);

	request("POST", "/api/auth/login",
	    "{\"email\":\"nobody@example.com\",\"password\":\"evtop-demo\"}",
	    NULL, &r);
	CHECK_INT(r.status, 401);
	CHECK_STR(reply_message(&r), "Invalid email or password");
	reply_done(&r);
}

static void
test_bad_requests(void)
{
	struct reply	 r;
	char		*big;

	request("POST", "/api/auth/login", "{\"email\": oops", NULL, &r);
	CHECK_INT(r.status, 400);
	CHECK(reply_message(&r) != NULL);
	reply_done(&r);

	request("GET", "/api/no/such/route", NULL, NULL, &r);
	CHECK_INT(r.status, 404);
	CHECK(reply_message(&r) != NULL);
	reply_done(&r);

	request("GET", "/api/users/profile", NULL, NULL, &r);
	CHECK_INT(r.status, 401);
	CHECK(reply_message(&r) != NULL);
	reply_done(&r);

	request("GET", "/api/users/profile", NULL, "not-a-token", &r);
	CHECK_INT(r.status, 401);
	reply_done(&r);

	big = malloc(2 * 1024 * 1024 + 1);
	memset(big, 'x', 2 * 1024 * 1024);
	big[2 * 1024 * 1024] = '\0';
	request("POST", "/api/auth/login", big, NULL, &r);
	CHECK_INT(r.status, 413);
	reply_done(&r);
	free(big);

	/* The server is still fine afterwards. */
	request("GET", "/api/health", NULL, NULL, &r);
	CHECK_INT(r.status, 200);
	reply_done(&r);
}

static void
test_events(void)
{
	struct reply	 r;
	json_t		*events, *ev;
	const char	*fields[] = { "id", "title", "description", "date_time",
	    "location", "max_capacity", "created_by", "creator_name",
	    "created_at", "updated_at", "current_registrations",
	    "available_spots", "status", "category", "waitlisted",
	    "checked_in", "version" };
	size_t		 i;
	time_t		 t, prev = 0, now = time(NULL);
	char		 path[64];
	int64_t		 total_upcoming;

	request("GET", "/api/events", NULL, NULL, &r);
	CHECK_INT(r.status, 200);
	events = json_object_get(r.json, "events");
	CHECK(json_array_size(events) >= 20);
	CHECK_INT(json_integer_value(json_object_get(r.json, "page")), 1);
	CHECK_INT(json_integer_value(json_object_get(r.json, "per_page")), 50);
	total_upcoming = json_integer_value(json_object_get(r.json, "total"));
	CHECK_INT(total_upcoming, (int64_t)json_array_size(events));
	ev = json_array_get(events, 0);
	CHECK_STR(json_string_value(json_object_get(ev, "title")),
	    "Evtop Launch Party");
	CHECK_INT(json_integer_value(json_object_get(ev, "max_capacity")), 200);
	for (i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		if (json_object_get(ev, fields[i]) == NULL)
			fprintf(stderr, "event lacks %s\n", fields[i]);
		CHECK(json_object_get(ev, fields[i]) != NULL);
	}
	json_array_foreach(events, i, ev) {
		/* Upcoming only, soonest first. */
		CHECK(json_util_parse_time(json_string_value(
		    json_object_get(ev, "date_time")), &t) == 0);
		CHECK(t >= now - 5);
		CHECK(t >= prev);
		prev = t;
	}
	reply_done(&r);

	request("GET", "/api/events?include_past=1&per_page=5&page=2", NULL,
	    NULL, &r);
	CHECK_INT(r.status, 200);
	CHECK_INT(json_array_size(json_object_get(r.json, "events")), 5);
	CHECK(json_integer_value(json_object_get(r.json, "total")) >
	    total_upcoming);
	reply_done(&r);

	request("GET", "/api/events?per_page=abc", NULL, NULL, &r);
	CHECK_INT(r.status, 400);
	reply_done(&r);

	request("GET", "/api/events/1", NULL, NULL, &r);
	CHECK_INT(r.status, 200);
	CHECK_STR(json_string_value(json_object_get(json_object_get(r.json,
	    "event"), "title")), "Evtop Launch Party");
	reply_done(&r);

	snprintf(path, sizeof path, "/api/events/%d", 999999);
	request("GET", path, NULL, NULL, &r);
	CHECK_INT(r.status, 404);
	CHECK_STR(reply_message(&r), "Event not found");
	reply_done(&r);
}

static void
test_websocket(void)
{
	struct lws_context			*ctx;
	struct session				 a, b, bad, none, path;
	struct reply				 r;
	json_t					*f, *data;
	char					*admin, *attendee, sub[256];
	int					 seq;

	admin = login("admin@example.com");
	attendee = login("attendee@example.com");
	CHECK(admin != NULL && attendee != NULL);
	if (admin == NULL || attendee == NULL)
		return;

	ctx = support_ws_context();
	CHECK(ctx != NULL);

	/* Signed in and subscribed; the pong proves the subscribe landed. */
	memset(&a, 0, sizeof a);
	a.token = admin;
	a.subscribe = "{\"type\":\"subscribe\",\"topics\":"
	    "[\"events\",\"event:1\"]}";
	support_ws_open(ctx, &a, mock_port);
	support_ws_wait(ctx, &a, support_ws_pong);
	f = support_ws_find(&a, "hello", 0);
	CHECK(f != NULL);
	CHECK_STR(json_string_value(json_object_get(json_object_get(f,
	    "data"), "server")), "evtop-mock");
	CHECK(support_ws_find(&a, "pong", 0) != NULL);
	CHECK(support_ws_find(&a, "error", 0) == NULL);
	seq = a.hello_seq;

	/* A registration over REST shows up as live counters. */
	request("POST", "/api/events/1/register", NULL, attendee, &r);
	CHECK_INT(r.status, 201);
	CHECK_STR(json_string_value(json_object_get(json_object_get(r.json,
	    "registration"), "status")), "confirmed");
	reply_done(&r);
	support_ws_wait(ctx, &a, support_ws_counters);
	f = support_ws_find(&a, "counters", 0);
	CHECK(f != NULL);
	CHECK(json_integer_value(json_object_get(f, "seq")) > seq);
	data = json_object_get(f, "data");
	CHECK_INT(json_integer_value(json_object_get(data, "event_id")), 1);
	CHECK(json_integer_value(json_object_get(data, "confirmed")) > 0);
	CHECK(json_object_get(data, "available") != NULL);
	CHECK(support_ws_find(&a, "registration.created", 0) != NULL);

	/* Reconnecting with since replays what happened after it. */
	memset(&b, 0, sizeof b);
	b.token = admin;
	snprintf(sub, sizeof sub, "{\"type\":\"subscribe\",\"topics\":"
	    "[\"event:1\"],\"since\":%d}", seq);
	b.subscribe = sub;
	support_ws_open(ctx, &b, mock_port);
	support_ws_wait(ctx, &b, support_ws_counters);
	CHECK(support_ws_find(&b, "counters", 0) != NULL);

	/* A bad token: an error envelope and close code 4401. */
	memset(&bad, 0, sizeof bad);
	bad.token = "bad.token.here";
	support_ws_open(ctx, &bad, mock_port);
	support_ws_wait(ctx, &bad, support_ws_closed);
	CHECK(support_ws_find(&bad, "error", 0) != NULL);
	CHECK_INT(bad.close_code, 4401);

	/* No auth frame at all: the same. */
	memset(&none, 0, sizeof none);
	support_ws_open(ctx, &none, mock_port);
	support_ws_wait(ctx, &none, support_ws_closed);
	CHECK_INT(none.close_code, 4401);

	/* WebSockets live at /api/ws only. */
	memset(&path, 0, sizeof path);
	path.path = "/api/elsewhere";
	path.token = admin;
	support_ws_open(ctx, &path, mock_port);
	support_ws_wait(ctx, &path, support_ws_closed);
	CHECK(path.failed || path.closed);
	CHECK(support_ws_find(&path, "hello", 0) == NULL);

	lws_context_destroy(ctx);
	support_ws_done(&a);
	support_ws_done(&b);
	support_ws_done(&bad);
	support_ws_done(&none);
	support_ws_done(&path);
	free(admin);
	free(attendee);
}

/*
 * A POST with "Content-Length: 0" (what most clients send for an empty
 * body) runs its route once and gets one well-formed reply.
 */
static void
test_empty_body_once(void)
{
	struct reply	 r;
	char		*attendee, path[64];
	json_int_t	 id;

	attendee = login("attendee@example.com");
	CHECK(attendee != NULL);
	if (attendee == NULL)
		return;
	/* The second upcoming event: the first is other tests' own. */
	request("GET", "/api/events?per_page=2", NULL, NULL, &r);
	id = json_integer_value(json_object_get(json_array_get(
	    json_object_get(r.json, "events"), 1), "id"));
	reply_done(&r);
	CHECK(id > 0);
	snprintf(path, sizeof path, "/api/events/%lld/register",
	    (long long)id);
	request("DELETE", path, NULL, attendee, &r);
	reply_done(&r);
	request("POST", path, "", attendee, &r);
	CHECK_INT(r.status, 201);
	CHECK(json_object_get(json_object_get(r.json, "registration"),
	    "status") != NULL);
	reply_done(&r);
	/* Exactly one registration to cancel. */
	request("DELETE", path, "", attendee, &r);
	CHECK_INT(r.status, 200);
	CHECK_STR(reply_message(&r), "Registration cancelled");
	reply_done(&r);
	request("DELETE", path, "", attendee, &r);
	CHECK_INT(r.status, 404);
	reply_done(&r);
	free(attendee);
}

#define FANOUT_CLIENTS	24
#define BURST_CHANGES	60	/* cancel + register pairs */

/* The highest seq a session has seen. */
static int64_t
session_last_seq(const struct session *s)
{
	json_t	*f;
	size_t	 i;
	int64_t	 seq, last = 0;

	json_array_foreach(s->frames, i, f) {
		seq = json_integer_value(json_object_get(f, "seq"));
		if (json_object_get(f, "seq") != NULL &&
		    strcmp(json_string_value(json_object_get(f, "type")),
		    "hello") != 0 && seq > last)
			last = seq;
	}
	return (last);
}

static int64_t	burst_until;	/* done_burst waits for this seq */

static int
done_burst(const struct session *s)
{
	return (s->closed || session_last_seq(s) >= burst_until);
}

/* Services ctx until every session has what done wants, or the deadline. */
static void
sessions_wait(struct lws_context *ctx, struct session *s, size_t n,
    int (*done)(const struct session *))
{
	time_t	until = time(NULL) + DEADLINE;
	size_t	i;

	for (;;) {
		for (i = 0; i < n && (done(&s[i]) || s[i].failed); i++)
			;
		if (i == n || time(NULL) >= until)
			break;
		lws_service(ctx, 50);
	}
}

/*
 * Many clients get one broadcast, and a burst of envelopes (a replay of a
 * few hundred, written in one pass of the server's loop, past the size a
 * client queue starts with) arrives whole, in order, nothing doubled.
 */
static void
test_websocket_fanout(void)
{
	struct lws_context			*ctx;
	struct session				 live[FANOUT_CLIENTS], replay;
	struct reply				 r;
	json_t					*f;
	char					*attendee, sub[256];
	int64_t					 seq0, seq, prev;
	size_t					 i, got, counted;
	int					 k, ordered = 1;

	attendee = login("attendee@example.com");
	CHECK(attendee != NULL);
	if (attendee == NULL)
		return;
	ctx = support_ws_context();
	CHECK(ctx != NULL);

	memset(live, 0, sizeof live);
	for (i = 0; i < FANOUT_CLIENTS; i++) {
		live[i].token = attendee;
		live[i].subscribe = "{\"type\":\"subscribe\","
		    "\"topics\":[\"events\"]}";
		support_ws_open(ctx, &live[i], mock_port);
	}
	sessions_wait(ctx, live, FANOUT_CLIENTS, support_ws_pong);
	seq0 = live[0].hello_seq;

	/* Cancel and register again, BURST_CHANGES times. */
	for (k = 0; k < BURST_CHANGES * 2; k++) {
		request(k % 2 == 0 ? "DELETE" : "POST",
		    "/api/events/1/register", NULL, attendee, &r);
		CHECK_INT(r.status, k % 2 == 0 ? 200 : 201);
		reply_done(&r);
	}
	request("GET", "/api/events/1", NULL, NULL, &r);
	reply_done(&r);

	/* Every live client sees the last counters envelope. */
	burst_until = seq0 + BURST_CHANGES * 4;
	sessions_wait(ctx, live, FANOUT_CLIENTS, done_burst);
	for (i = got = 0; i < FANOUT_CLIENTS; i++) {
		if (!live[i].closed && session_last_seq(&live[i]) >=
		    burst_until)
			got++;
	}
	CHECK_INT(got, FANOUT_CLIENTS);
	burst_until = session_last_seq(&live[0]);

	/* A late client asks for all of it at once. */
	memset(&replay, 0, sizeof replay);
	replay.token = attendee;
	snprintf(sub, sizeof sub, "{\"type\":\"subscribe\",\"topics\":"
	    "[\"events\"],\"since\":%lld}", (long long)seq0);
	replay.subscribe = sub;
	support_ws_open(ctx, &replay, mock_port);
	sessions_wait(ctx, &replay, 1, done_burst);
	prev = seq0;
	counted = 0;
	json_array_foreach(replay.frames, i, f) {
		if (json_object_get(f, "seq") == NULL || strcmp(
		    json_string_value(json_object_get(f, "type")), "hello") == 0)
			continue;
		if (strcmp(json_string_value(json_object_get(f, "type")),
		    "pong") == 0)
			continue;
		seq = json_integer_value(json_object_get(f, "seq"));
		ordered &= seq > prev;
		prev = seq;
		counted++;
	}
	CHECK(ordered);
	CHECK(counted >= BURST_CHANGES * 4);
	CHECK_INT(prev, burst_until);
	/* The live clients got the same envelopes, once each. */
	CHECK_INT(json_array_size(live[0].frames) - 2, counted);

	lws_context_destroy(ctx);
	for (i = 0; i < FANOUT_CLIENTS; i++)
		support_ws_done(&live[i]);
	support_ws_done(&replay);
	free(attendee);
}

static void
test_sigterm_exits_cleanly(void)
{
	int	status = 0;
	pid_t	pid;
	time_t	until = time(NULL) + DEADLINE;

	CHECK_INT(kill(mock_pid, SIGTERM), 0);
	while ((pid = waitpid(mock_pid, &status, WNOHANG)) == 0 &&
	    time(NULL) < until)
		usleep(50000);
	if (pid == 0) {
		kill(mock_pid, SIGKILL);
		waitpid(mock_pid, &status, 0);
	}
	CHECK_INT(pid, mock_pid);
	CHECK(WIFEXITED(status));
	CHECK_INT(WEXITSTATUS(status), 0);
	mock_pid = -1;
	curl_global_cleanup();
}

static void
test_start(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	CHECK_INT(mock_start(), 0);
	if (mock_pid <= 0 || mock_port == 0) {
		fprintf(stderr, "cannot start evtop-mock\n");
		exit(1);
	}
}

TEST_MAIN(
	TEST_CASE(test_start),
	TEST_CASE(test_health),
	TEST_CASE(test_login),
	TEST_CASE(test_bad_requests),
	TEST_CASE(test_events),
	TEST_CASE(test_websocket),
	TEST_CASE(test_websocket_fanout),
	TEST_CASE(test_empty_body_once),
	TEST_CASE(test_sigterm_exits_cleanly))
