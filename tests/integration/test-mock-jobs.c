/*
 * evtop-mock's jobs from outside, on the real binary ($EVTOP_MOCK) with
 * the demo data and a quick, unreliable mail queue: invitation campaigns
 * that finish with retries and failures, their logs and the queues,
 * reminders that fire as notifications (also when overdue after a
 * restart, with seqs still increasing), chat with its live envelope, stats,
 * and every refusal (400, 401, 403, 404, 429).
 */
#include <jansson.h>
#include <libwebsockets.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "json-util.h"
#include "support-mock.h"
#include "support-ws.h"
#include "test.h"

/* Seconds: only a guard against hangs, never asserted. */
#define DEADLINE	30

static struct mockproc	 mp;
static char		*admin, *organizer, *staff, *attendee;
static int64_t		 first_campaign;

static void
request(const char *method, const char *path, const char *body,
    const char *token, struct reply *r)
{
	support_http(mp.url, method, path, body, token, r);
}

/* The status of one request, its answer dropped. */
static long
status_of(const char *method, const char *path, const char *body,
    const char *token)
{
	struct reply	r;
	long		status;

	request(method, path, body, token, &r);
	status = r.status;
	if (status >= 400 && reply_message(&r) == NULL) {
		fprintf(stderr, "%s %s: %ld without a message\n", method, path,
		    status);
		CHECK(0);
	}
	reply_done(&r);
	return (status);
}

static char *
login(const char *email)
{
	return (support_login(mp.url, email, SUPPORT_DEMO_PASSWORD));
}

/* The first validation error's field, or NULL. */
static const char *
error_field(const struct reply *r)
{
	return (get_str(json_array_get(json_object_get(r->json, "errors"), 0),
	    "field"));
}

static void
start(const char *const *extra)
{
	if (support_mock_start(&mp, extra, -1) != 0)
		exit(1);
}

static void
test_start(void)
{
	static const char *const extra[] = { "--seed", "demo",
	    "--mail-rate", "5000",
	    "--mail-failure-rate", "0.7", "--mail-retry-ms", "20", NULL };

	start(extra);
	admin = login("admin@example.com");
	organizer = login("organizer@example.com");
	staff = login("staff@example.com");
	attendee = login("attendee@example.com");
	CHECK(admin != NULL && organizer != NULL && staff != NULL &&
	    attendee != NULL);
	if (admin == NULL || organizer == NULL || staff == NULL ||
	    attendee == NULL)
		exit(1);
}

static void
test_meta_features(void)
{
	struct reply	 r;
	const char	*want[] = { "campaigns", "reminders", "chat" };
	json_t		*v;
	size_t		 i, j;
	int		 found;

	request("GET", "/api/meta", NULL, NULL, &r);
	CHECK_INT(r.status, 200);
	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		found = 0;
		json_array_foreach(json_object_get(r.json, "features"), j, v)
			found |= strcmp(json_string_value(v), want[i]) == 0;
		CHECK(found);
	}
	reply_done(&r);
}

static void
test_invitation_refusals(void)
{
	static const struct {
		const char	*body;
		const char	*field;
	} bad[] = {
		{ "{}", "guest_ids" },
		{ "{\"all\":false}", "guest_ids" },
		{ "{\"all\":\"yes\"}", "all" },
		{ "{\"guest_ids\":[]}", "guest_ids" },
		{ "{\"guest_ids\":7}", "guest_ids" },
		{ "{\"guest_ids\":[1,-2]}", "guest_ids" },
		{ "{\"guest_ids\":[1,\"x\"]}", "guest_ids" },
		{ "{\"guest_ids\":[1],\"all\":true}", "guest_ids" },
		{ "{\"all\":true,\"rsvp\":\"maybe\"}", "rsvp" },
		/* Empty selections. */
		{ "{\"all\":true,\"rsvp\":\"waitlisted\"}", "rsvp" },
		{ "{\"guest_ids\":[99999999]}", "guest_ids" },
	};
	struct reply	r;
	size_t		i, n;
	const char	*all = "{\"all\":true}";
	char		*big;

	CHECK_INT(status_of("POST", "/api/events/1/invitations", all, NULL),
	    401);
	CHECK_INT(status_of("POST", "/api/events/1/invitations", all,
	    attendee), 403);
	/* Staff read campaigns but do not send them. */
	CHECK_INT(status_of("POST", "/api/events/1/invitations", all, staff),
	    403);
	CHECK_INT(status_of("POST", "/api/events/999999/invitations", all,
	    organizer), 404);
	CHECK_INT(status_of("POST", "/api/events/x/invitations", all,
	    organizer), 404);
	CHECK_INT(status_of("POST", "/api/events/1/invitations", "[1]",
	    organizer), 400);
	CHECK_INT(status_of("POST", "/api/events/1/invitations", NULL,
	    organizer), 400);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		request("POST", "/api/events/1/invitations", bad[i].body,
		    organizer, &r);
		CHECK_INT(r.status, 400);
		CHECK_STR(reply_message(&r), "Validation failed");
		if (error_field(&r) == NULL ||
		    strcmp(error_field(&r), bad[i].field) != 0) {
			fprintf(stderr, "%s: %s\n", bad[i].body, r.body);
			CHECK(0);
		}
		reply_done(&r);
	}
	/* A list too long to queue while the request waits. */
	big = malloc(10001 * 2 + 32);
	n = (size_t)sprintf(big, "{\"guest_ids\":[1");
	for (i = 1; i < 10001; i++, n += 2)
		memcpy(big + n, ",1", 2);
	memcpy(big + n, "]}", 3);
	request("POST", "/api/events/1/invitations", big, organizer, &r);
	CHECK_INT(r.status, 400);
	CHECK_STR(error_field(&r), "guest_ids");
	reply_done(&r);
	free(big);
	/* Event 10 of the demo is cancelled: no invitations. */
	request("POST", "/api/events/10/invitations", all, admin, &r);
	CHECK_INT(r.status, 400);
	CHECK(reply_message(&r) != NULL &&
	    strstr(reply_message(&r), "cancelled") != NULL);
	reply_done(&r);
	/* Nothing was queued by any of that. */
	request("GET", "/api/events/1/campaigns", NULL, organizer, &r);
	CHECK_INT(get_int(r.json, "total"), 0);
	reply_done(&r);
}

/* GETs path until its member key has status "done"; the last answer. */
static json_t *
wait_done(const char *path, const char *key)
{
	struct reply	 r;
	json_t		*c = NULL;
	time_t		 until = time(NULL) + DEADLINE;

	while (time(NULL) < until) {
		request("GET", path, NULL, organizer, &r);
		json_decref(c);
		c = json_incref(json_object_get(r.json, key));
		reply_done(&r);
		if (c != NULL && strcmp(get_str(c, "status"), "done") == 0)
			break;
		usleep(50000);
	}
	return (c);
}

static void
test_campaign_completes_with_failures(void)
{
	struct reply	 r;
	json_t		*c, *log;
	char		 path[128];
	int64_t		 pending, page, seen = 0, failed = 0, retried = 0;
	size_t		 i;

	request("GET", "/api/events/1/stats", NULL, organizer, &r);
	pending = get_int(json_object_get(json_object_get(r.json, "stats"),
	    "rsvp"), "pending");
	reply_done(&r);
	CHECK(pending > 50);

	request("POST", "/api/events/1/invitations",
	    "{\"all\":true,\"rsvp\":\"pending\"}", organizer, &r);
	CHECK_INT(r.status, 202);
	c = json_object_get(r.json, "campaign");
	CHECK_INT(get_int(c, "total"), pending);
	CHECK_INT(get_int(c, "queued"), pending);
	CHECK_INT(get_int(c, "event_id"), 1);
	CHECK_STR(get_str(c, "status"), "queued");
	first_campaign = get_int(c, "id");
	reply_done(&r);

	snprintf(path, sizeof path, "/api/campaigns/%lld",
	    (long long)first_campaign);
	c = wait_done(path, "campaign");
	CHECK(c != NULL);
	if (c == NULL)
		return;
	CHECK_STR(get_str(c, "status"), "done");
	CHECK_INT(get_int(c, "sent") + get_int(c, "failed"), pending);
	CHECK(get_int(c, "sent") > 0);
	CHECK(get_int(c, "failed") > 0);
	CHECK_INT(get_int(c, "queued") + get_int(c, "active") +
	    get_int(c, "delayed"), 0);
	CHECK(get_str(c, "finished_at") != NULL);

	/* One log per guest; the failed ones were tried five times. */
	for (page = 1; page < 100; page++) {
		snprintf(path, sizeof path, "/api/events/1/email-logs?"
		    "campaign_id=%lld&per_page=200&page=%lld",
		    (long long)first_campaign, (long long)page);
		request("GET", path, NULL, organizer, &r);
		CHECK_INT(r.status, 200);
		CHECK_INT(get_int(r.json, "total"), pending);
		json_array_foreach(json_object_get(r.json, "logs"), i, log) {
			seen++;
			if (strcmp(get_str(log, "status"), "failed") == 0) {
				failed++;
				CHECK_INT(get_int(log, "attempts"), 5);
				CHECK_STR(get_str(log, "error"),
				    "550 mailbox unavailable (simulated)");
			} else {
				CHECK_STR(get_str(log, "status"), "sent");
				CHECK(json_is_null(json_object_get(log,
				    "error")));
				retried += get_int(log, "attempts") > 1;
			}
			CHECK(json_is_integer(json_object_get(log,
			    "guest_id")));
			CHECK(strchr(get_str(log, "email"), '@') != NULL);
		}
		i = json_array_size(json_object_get(r.json, "logs"));
		reply_done(&r);
		if (i < 200)
			break;
	}
	CHECK_INT(seen, pending);
	CHECK_INT(failed, get_int(c, "failed"));
	CHECK(retried > 0);

	request("GET", "/api/events/1/email-logs?status=failed", NULL, staff,
	    &r);
	CHECK_INT(r.status, 200);
	CHECK_INT(get_int(r.json, "total"), get_int(c, "failed"));
	reply_done(&r);

	/* Its end was announced. */
	request("GET", "/api/notifications?limit=500", NULL, attendee, &r);
	failed = 0;
	json_array_foreach(json_object_get(r.json, "notifications"), i, log) {
		if (strcmp(get_str(log, "type"), "campaign") == 0 &&
		    get_int(log, "event_id") == 1 &&
		    strcmp(get_str(log, "level"), "warning") == 0)
			failed++;
	}
	CHECK_INT(failed, 1);
	reply_done(&r);

	request("GET", "/api/queues", NULL, admin, &r);
	CHECK_INT(r.status, 200);
	log = json_array_get(json_object_get(r.json, "queues"), 0);
	CHECK_STR(get_str(log, "name"), "email");
	CHECK(get_int(log, "completed") >= get_int(c, "sent"));
	CHECK(get_int(log, "failed") >= get_int(c, "failed"));
	CHECK(json_is_integer(json_object_get(log, "waiting")));
	CHECK(json_is_integer(json_object_get(log, "delayed")));
	CHECK(json_is_integer(json_object_get(log, "active")));
	CHECK_STR(get_str(json_array_get(json_object_get(r.json, "queues"),
	    1), "name"), "reminders");
	reply_done(&r);
	CHECK_INT(status_of("GET", "/api/queues", NULL, organizer), 403);
	CHECK_INT(status_of("GET", "/api/queues", NULL, NULL), 401);
	json_decref(c);
}

static void
test_campaign_of_listed_guests(void)
{
	struct reply	 r;
	json_t		*c, *logs;
	char		 path[128], body[256];
	int64_t		 g[3], id;

	snprintf(path, sizeof path, "/api/events/1/email-logs?campaign_id=%lld"
	    "&per_page=3", (long long)first_campaign);
	request("GET", path, NULL, organizer, &r);
	logs = json_object_get(r.json, "logs");
	CHECK_INT(json_array_size(logs), 3);
	if (json_array_size(logs) != 3) {
		reply_done(&r);
		return;
	}
	g[0] = get_int(json_array_get(logs, 0), "guest_id");
	g[1] = get_int(json_array_get(logs, 1), "guest_id");
	g[2] = get_int(json_array_get(logs, 2), "guest_id");
	reply_done(&r);

	/* A repeat is one mail; an unknown guest is skipped. */
	snprintf(body, sizeof body, "{\"guest_ids\":[%lld,%lld,%lld,%lld,"
	    "99999999]}", (long long)g[0], (long long)g[1], (long long)g[2],
	    (long long)g[0]);
	request("POST", "/api/events/1/invitations", body, admin, &r);
	CHECK_INT(r.status, 202);
	CHECK_INT(get_int(json_object_get(r.json, "campaign"), "total"), 3);
	CHECK_INT(get_int(r.json, "skipped"), 1);
	id = get_int(json_object_get(r.json, "campaign"), "id");
	reply_done(&r);
	snprintf(path, sizeof path, "/api/campaigns/%lld", (long long)id);
	c = wait_done(path, "campaign");
	CHECK(c != NULL && strcmp(get_str(c, "status"), "done") == 0);
	json_decref(c);

	request("GET", "/api/events/1/campaigns", NULL, staff, &r);
	CHECK_INT(r.status, 200);
	CHECK_INT(get_int(r.json, "total"), 2);
	CHECK_INT(get_int(json_array_get(json_object_get(r.json, "campaigns"),
	    0), "id"), id);
	reply_done(&r);

	CHECK_INT(status_of("GET", path, NULL, staff), 200);
	CHECK_INT(status_of("GET", path, NULL, attendee), 403);
	CHECK_INT(status_of("GET", path, NULL, NULL), 401);
	CHECK_INT(status_of("GET", "/api/campaigns/999999", NULL, admin), 404);
	CHECK_INT(status_of("GET", "/api/campaigns/abc", NULL, admin), 404);
	CHECK_INT(status_of("GET", "/api/events/1/campaigns", NULL, attendee),
	    403);
	CHECK_INT(status_of("GET", "/api/events/999999/campaigns", NULL,
	    admin), 404);
	CHECK_INT(status_of("GET", "/api/events/1/campaigns?page=0", NULL,
	    admin), 400);
	CHECK_INT(status_of("GET", "/api/events/1/email-logs?status=lost",
	    NULL, admin), 400);
	CHECK_INT(status_of("GET", "/api/events/1/email-logs?per_page=x",
	    NULL, admin), 400);
	CHECK_INT(status_of("GET", "/api/events/1/email-logs", NULL,
	    attendee), 403);
	CHECK_INT(status_of("GET", "/api/events/999999/email-logs", NULL,
	    admin), 404);
}

/* An ISO time seconds from now. */
static void
iso_in(int seconds, char *buf, size_t len)
{
	json_util_format_time(time(NULL) + seconds, buf, len);
}

static void
test_reminder_refusals(void)
{
	static const struct {
		const char	*at;		/* NULL: left out; "+": fine */
		const char	*message;	/* NULL: left out */
		const char	*field;
	} bad[] = {
		{ NULL, "hi", "at" },
		{ "tomorrow", "hi", "at" },
		{ "2020-01-01T00:00:00Z", "hi", "at" },
		{ "2099-01-01T00:00:00Z", "hi", "at" },
		{ "+", NULL, "message" },
		{ "+", "", "message" },
		{ "+", "  \n ", "message" },
		{ "+", "bell\a", "message" },
		{ "+", "long", "message" },
	};
	struct reply	 r;
	json_t		*b;
	char		 at[32], text[1002], *body;
	size_t		 i;

	iso_in(3600, at, sizeof at);
	memset(text, 'x', 1001);
	text[1001] = '\0';
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		b = json_object();
		if (bad[i].at != NULL)
			json_object_set_new(b, "at", json_string(
			    strcmp(bad[i].at, "+") == 0 ? at : bad[i].at));
		if (bad[i].message != NULL)
			json_object_set_new(b, "message", json_string(
			    strcmp(bad[i].message, "long") == 0 ? text :
			    bad[i].message));
		body = json_dumps(b, JSON_COMPACT);
		json_decref(b);
		request("POST", "/api/events/1/reminders", body, organizer,
		    &r);
		CHECK_INT(r.status, 400);
		if (error_field(&r) == NULL ||
		    strcmp(error_field(&r), bad[i].field) != 0) {
			fprintf(stderr, "%s: %s\n", body, r.body);
			CHECK(0);
		}
		reply_done(&r);
		free(body);
	}
	CHECK_INT(status_of("POST", "/api/events/1/reminders",
	    "{\"at\":\"2099-01-01T00:00:00Z\",\"message\":\"x\"}", NULL), 401);
	CHECK_INT(status_of("POST", "/api/events/1/reminders",
	    "{\"message\":\"x\"}", attendee), 403);
	CHECK_INT(status_of("POST", "/api/events/1/reminders",
	    "{\"message\":\"x\"}", staff), 403);
	CHECK_INT(status_of("POST", "/api/events/999999/reminders",
	    "{\"message\":\"x\"}", admin), 404);
	CHECK_INT(status_of("GET", "/api/events/1/reminders", NULL, attendee),
	    403);
	CHECK_INT(status_of("GET", "/api/events/1/reminders", NULL, NULL), 401);
	CHECK_INT(status_of("GET", "/api/events/999999/reminders", NULL,
	    admin), 404);
}

/* The newest notification of type for event 1 after seq, or NULL. */
static json_t *
find_notification(const char *token, int64_t since, const char *type)
{
	struct reply	 r;
	json_t		*n, *found = NULL;
	char		 path[96];
	size_t		 i;

	snprintf(path, sizeof path, "/api/notifications?since=%lld&limit=500",
	    (long long)since);
	request("GET", path, NULL, token, &r);
	json_array_foreach(json_object_get(r.json, "notifications"), i, n) {
		if (strcmp(get_str(n, "type"), type) == 0 &&
		    get_int(n, "event_id") == 1)
			found = n;
	}
	found = json_incref(found);
	reply_done(&r);
	return (found);
}

/* Polls for a notification of type after seq; NULL if none came. */
static json_t *
wait_notification(const char *token, int64_t since, const char *type)
{
	json_t	*n;
	time_t	 until = time(NULL) + DEADLINE;

	while ((n = find_notification(token, since, type)) == NULL &&
	    time(NULL) < until)
		usleep(100000);
	return (n);
}

static int64_t
latest_seq(const char *token)
{
	struct reply	 r;
	json_t		*list;
	int64_t		 seq;

	request("GET", "/api/notifications?limit=1", NULL, token, &r);
	list = json_object_get(r.json, "notifications");
	seq = get_int(json_array_get(list, json_array_size(list) - 1), "seq");
	reply_done(&r);
	return (seq);
}

static void
test_reminder_fires(void)
{
	struct reply	 r;
	json_t		*n, *rem;
	char		 at[32], body[256];
	int64_t		 since;

	since = latest_seq(attendee);
	iso_in(2, at, sizeof at);
	snprintf(body, sizeof body, "{\"at\":\"%s\",\"message\":\"Doors "
	    "open in ten minutes\"}", at);
	request("POST", "/api/events/1/reminders", body, organizer, &r);
	CHECK_INT(r.status, 201);
	rem = json_object_get(r.json, "reminder");
	CHECK_STR(get_str(rem, "status"), "pending");
	CHECK_STR(get_str(rem, "at"), at);
	CHECK_INT(get_int(rem, "event_id"), 1);
	reply_done(&r);

	n = wait_notification(attendee, since, "reminder");
	CHECK(n != NULL);
	if (n != NULL) {
		CHECK_STR(get_str(n, "message"), "Doors open in ten minutes");
		CHECK_STR(get_str(n, "title"), "Reminder: Evtop Launch Party");
		CHECK(get_int(n, "seq") > since);
		json_decref(n);
	}
	request("GET", "/api/events/1/reminders", NULL, staff, &r);
	CHECK_INT(r.status, 200);
	CHECK_INT(get_int(r.json, "total"), 1);
	rem = json_array_get(json_object_get(r.json, "reminders"), 0);
	CHECK_STR(get_str(rem, "status"), "sent");
	CHECK(get_str(rem, "sent_at") != NULL);
	reply_done(&r);
}

/* The chat.message frame with this message id, or NULL. */
static json_t *
session_chat(const struct session *s, int64_t id)
{
	json_t	*f;
	size_t	 i;

	json_array_foreach(s->frames, i, f) {
		if (get_str(f, "type") != NULL &&
		    strcmp(get_str(f, "type"), "chat.message") == 0 &&
		    get_int(json_object_get(f, "data"), "id") == id)
			return (f);
	}
	return (NULL);
}

static void
test_chat(void)
{
	struct lws_context			*ctx;
	struct session				 s;
	struct reply				 r;
	json_t					*msg, *f;
	char					 body[1100], path[96];
	char					*again;
	int64_t					 id;
	time_t					 until;
	int					 i, limited = 0;

	ctx = support_ws_context();
	CHECK(ctx != NULL);
	memset(&s, 0, sizeof s);
	s.token = staff;
	s.subscribe = "{\"type\":\"subscribe\",\"topics\":[\"chat:1\"]}";
	support_ws_open(ctx, &s, atoi(strrchr(mp.url, ':') + 1));
	support_ws_wait(ctx, &s, support_ws_pong);
	CHECK(support_ws_find(&s, "pong", 0) != NULL);

	request("POST", "/api/events/1/chat",
	    "{\"text\":\"Is the \\u00e9clair stand open?\"}", attendee, &r);
	CHECK_INT(r.status, 201);
	msg = json_object_get(r.json, "message");
	CHECK_STR(get_str(msg, "text"), "Is the \xc3\xa9" "clair stand open?");
	CHECK_STR(get_str(msg, "user_name"), "Alex Attendee");
	CHECK(json_is_integer(json_object_get(msg, "user_id")));
	CHECK(get_str(msg, "created_at") != NULL);
	id = get_int(msg, "id");
	reply_done(&r);

	/* Everyone watching chat:1 hears it. */
	until = time(NULL) + DEADLINE;
	while (session_chat(&s, id) == NULL && !s.failed && !s.closed &&
	    time(NULL) < until)
		lws_service(ctx, 100);
	f = session_chat(&s, id);
	CHECK(f != NULL);
	CHECK_STR(get_str(json_object_get(f, "data"), "text"),
	    "Is the \xc3\xa9" "clair stand open?");
	CHECK(get_int(f, "seq") > 0);
	lws_context_destroy(ctx);
	support_ws_done(&s);

	request("POST", "/api/events/1/chat", "{\"text\":\"Yes, by the door\"}",
	    staff, &r);
	CHECK_INT(r.status, 201);
	reply_done(&r);
	snprintf(path, sizeof path, "/api/events/1/chat?since=%lld",
	    (long long)id - 1);
	request("GET", path, NULL, attendee, &r);
	CHECK_INT(r.status, 200);
	CHECK_INT(json_array_size(json_object_get(r.json, "messages")), 2);
	CHECK_INT(get_int(json_array_get(json_object_get(r.json, "messages"),
	    0), "id"), id);
	CHECK_STR(get_str(json_array_get(json_object_get(r.json, "messages"),
	    1), "text"), "Yes, by the door");
	reply_done(&r);
	request("GET", "/api/events/1/chat?limit=1", NULL, attendee, &r);
	CHECK_INT(json_array_size(json_object_get(r.json, "messages")), 1);
	CHECK_STR(get_str(json_array_get(json_object_get(r.json, "messages"),
	    0), "text"), "Yes, by the door");
	reply_done(&r);

	CHECK_INT(status_of("GET", "/api/events/1/chat?limit=0", NULL,
	    attendee), 400);
	CHECK_INT(status_of("GET", "/api/events/1/chat?since=-1", NULL,
	    attendee), 400);
	CHECK_INT(status_of("GET", "/api/events/1/chat?since=x", NULL,
	    attendee), 400);
	CHECK_INT(status_of("GET", "/api/events/1/chat", NULL, NULL), 401);
	CHECK_INT(status_of("GET", "/api/events/999999/chat", NULL, attendee),
	    404);
	CHECK_INT(status_of("POST", "/api/events/1/chat", "{\"text\":\"\"}",
	    attendee), 400);
	CHECK_INT(status_of("POST", "/api/events/1/chat", "{\"text\":1}",
	    attendee), 400);
	CHECK_INT(status_of("POST", "/api/events/1/chat", "{}", attendee),
	    400);
	memset(body, 0, sizeof body);
	memcpy(body, "{\"text\":\"", 9);
	memset(body + 9, 'x', 1001);
	memcpy(body + 1010, "\"}", 2);
	CHECK_INT(status_of("POST", "/api/events/1/chat", body, attendee), 400);
	CHECK_INT(status_of("POST", "/api/events/1/chat", "{\"text\":\"hi\"}",
	    NULL), 401);
	CHECK_INT(status_of("POST", "/api/events/10/chat", "{\"text\":\"hi\"}",
	    attendee), 400);
	CHECK_INT(status_of("POST", "/api/events/999999/chat",
	    "{\"text\":\"hi\"}", attendee), 404);

	/* A user posting too fast is held back. */
	again = login("attendee002@example.net");
	CHECK(again != NULL);
	for (i = 0; i < 8 && !limited; i++) {
		request("POST", "/api/events/1/chat", "{\"text\":\"spam\"}",
		    again, &r);
		if (r.status == 429) {
			limited = 1;
			CHECK(strstr(reply_message(&r), "Too many") != NULL);
		} else
			CHECK_INT(r.status, 201);
		reply_done(&r);
	}
	CHECK(limited);
	CHECK(i >= 6);
	free(again);
}

static void
test_stats(void)
{
	struct reply	 r;
	json_t		*s, *b;
	time_t		 t, prev = 0;
	size_t		 i;

	request("GET", "/api/stats", NULL, attendee, &r);
	CHECK_INT(r.status, 200);
	s = json_object_get(r.json, "stats");
	CHECK(get_int(s, "events") >= 30);
	CHECK(get_int(s, "upcoming") > 0 &&
	    get_int(s, "upcoming") < get_int(s, "events"));
	CHECK(get_int(s, "confirmed") > 0);
	CHECK(get_int(s, "waitlisted") > 0);
	CHECK(get_int(s, "checked_in") > 0);
	CHECK(get_int(s, "guests") > 0);
	CHECK_INT(get_int(json_object_get(s, "rsvp"), "accepted") +
	    get_int(json_object_get(s, "rsvp"), "declined") +
	    get_int(json_object_get(s, "rsvp"), "pending") +
	    get_int(json_object_get(s, "rsvp"), "waitlisted"),
	    get_int(s, "guests"));
	reply_done(&r);
	CHECK_INT(status_of("GET", "/api/stats", NULL, NULL), 401);

	request("GET", "/api/events/1/stats", NULL, staff, &r);
	CHECK_INT(r.status, 200);
	s = json_object_get(r.json, "stats");
	CHECK_INT(get_int(s, "capacity"), 200);
	CHECK(get_int(s, "confirmed") >= 100);
	CHECK_INT(get_int(s, "available"), 200 - get_int(s, "confirmed"));
	CHECK(get_int(s, "checked_in") >= 30);
	CHECK(json_is_integer(json_object_get(s, "waitlisted")));
	CHECK(json_is_integer(json_object_get(json_object_get(s, "rsvp"),
	    "accepted")));
	CHECK_INT(json_array_size(json_object_get(s, "timeline")), 1440);
	/* Seeded check-ins happened minutes ago: the day shows them. */
	i = 0;
	json_array_foreach(json_object_get(s, "timeline"), i, b) {
		CHECK(json_util_parse_time(get_str(b, "t"), &t) == 0);
		CHECK(t == prev + 60 || prev == 0);
		prev = t;
	}
	reply_done(&r);

	request("GET", "/api/events/1/stats?minutes=5", NULL, organizer, &r);
	CHECK_INT(r.status, 200);
	CHECK_INT(json_array_size(json_object_get(json_object_get(r.json,
	    "stats"), "timeline")), 5);
	b = json_array_get(json_object_get(json_object_get(r.json, "stats"),
	    "timeline"), 0);
	CHECK(json_is_integer(json_object_get(b, "confirmed")));
	CHECK(json_is_integer(json_object_get(b, "checked_in")));
	reply_done(&r);

	CHECK_INT(status_of("GET", "/api/events/1/stats", NULL, attendee), 403);
	CHECK_INT(status_of("GET", "/api/events/1/stats", NULL, NULL), 401);
	CHECK_INT(status_of("GET", "/api/events/999999/stats", NULL, admin),
	    404);
	CHECK_INT(status_of("GET", "/api/events/1/stats?minutes=0", NULL,
	    admin), 400);
	CHECK_INT(status_of("GET", "/api/events/1/stats?until=soon", NULL,
	    admin), 400);
}

static void
test_notification_arguments(void)
{
	CHECK_INT(status_of("GET", "/api/notifications?since=-1", NULL,
	    attendee), 400);
	CHECK_INT(status_of("GET", "/api/notifications?since=abc", NULL,
	    attendee), 400);
	CHECK_INT(status_of("GET", "/api/notifications?limit=0", NULL,
	    attendee), 400);
	CHECK_INT(status_of("GET", "/api/notifications", NULL, NULL), 401);
}

static void
test_mail_flags(void)
{
	static const struct {
		const char	*flag, *value, *says;
	} bad[] = {
		{ "--mail-rate", "-1", "--mail-rate" },
		{ "--mail-rate", "fast", "--mail-rate" },
		{ "--mail-rate", "20000", "--mail-rate" },
		{ "--mail-failure-rate", "1.5", "--mail-failure-rate" },
		{ "--mail-failure-rate", "nan", "--mail-failure-rate" },
		{ "--mail-retry-ms", "0", "--mail-retry-ms" },
	};
	char	out[8192];
	size_t	i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		CHECK_INT(support_mock_run(bad[i].flag, bad[i].value, out,
		    sizeof out), 2);
		if (strstr(out, bad[i].says) == NULL ||
		    strstr(out, "listening on") != NULL) {
			fprintf(stderr, "%s %s said: %s\n", bad[i].flag,
			    bad[i].value, out);
			CHECK(0);
		}
	}
	CHECK_INT(support_mock_run("--help", NULL, out, sizeof out), 0);
	CHECK(strstr(out, "--mail-rate N") != NULL);
	CHECK(strstr(out, "--mail-failure-rate P") != NULL);
	CHECK(strstr(out, "--mail-retry-ms MS") != NULL);
}

static void
test_stop(void)
{
	CHECK_INT(support_mock_stop(&mp), 0);
	free(admin);
	free(organizer);
	free(staff);
	free(attendee);
}

/*
 * With --db: a reminder that falls due while the server is down fires
 * when it is back, once, under a seq above every earlier one.
 */
static void
test_overdue_reminder_after_restart(void)
{
	char		 dir[] = "/tmp/evtop-jobs-test.XXXXXX";
	char		 db[128], at_s[32], body[256];
	const char	*extra[] = { "--db", db, "--seed", "demo",
	    "--hash-cost", "4", NULL };
	struct reply	 r;
	json_t		*n;
	int64_t		 before;
	time_t		 at, until;
	char		*token;

	CHECK(mkdtemp(dir) != NULL);
	snprintf(db, sizeof db, "%s/mock.db", dir);
	start(extra);
	token = login("organizer@example.com");
	CHECK(token != NULL);
	before = latest_seq(token);
	CHECK(before > 0);
	at = time(NULL) + 2;
	json_util_format_time(at, at_s, sizeof at_s);
	snprintf(body, sizeof body, "{\"at\":\"%s\",\"message\":\"Overdue\"}",
	    at_s);
	CHECK_INT(status_of("POST", "/api/events/1/reminders", body, token),
	    201);
	CHECK_INT(support_mock_stop(&mp), 0);
	free(token);

	/* Down until it is overdue. */
	until = time(NULL) + DEADLINE;
	while (time(NULL) <= at && time(NULL) < until)
		usleep(100000);
	extra[2] = NULL;
	start(extra);
	token = login("organizer@example.com");
	CHECK(token != NULL);
	n = wait_notification(token, 0, "reminder");
	CHECK(n != NULL);
	if (n != NULL) {
		CHECK_STR(get_str(n, "message"), "Overdue");
		CHECK(get_int(n, "seq") > before);
		json_decref(n);
	}
	request("GET", "/api/events/1/reminders", NULL, token, &r);
	CHECK_INT(get_int(r.json, "total"), 1);
	CHECK_STR(get_str(json_array_get(json_object_get(r.json, "reminders"),
	    0), "status"), "sent");
	reply_done(&r);
	free(token);
	CHECK_INT(support_mock_stop(&mp), 0);

	test_remove_sqlite(db);
	CHECK_INT(rmdir(dir), 0);
}

TEST_MAIN(
	TEST_CASE(test_start),
	TEST_CASE(test_meta_features),
	TEST_CASE(test_invitation_refusals),
	TEST_CASE(test_campaign_completes_with_failures),
	TEST_CASE(test_campaign_of_listed_guests),
	TEST_CASE(test_reminder_refusals),
	TEST_CASE(test_reminder_fires),
	TEST_CASE(test_chat),
	TEST_CASE(test_stats),
	TEST_CASE(test_notification_arguments),
	TEST_CASE(test_stop),
	TEST_CASE(test_mail_flags),
	TEST_CASE(test_overdue_reminder_after_restart))
