/*
 * A draft stays between its creator and admins over the WebSocket as it
 * does over REST: an attendee's subscription to its topics is refused,
 * and nothing about it reaches the attendee on any topic while the
 * organizer edits it, chats in it or deletes it, while the creator and an
 * admin hear all of it.  An event made a draft is, to the attendee, an
 * event deleted.  Without signing in, nothing at all.
 */
#include <jansson.h>
#include <libwebsockets.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "support-mock.h"
#include "support-ws.h"
#include "test.h"

static struct mockproc	 mp;
static struct lws_context *ctx;
static int		 port;
static char		*organizer, *attendee, *admin;

/* The event a frame is about: data.event_id, data.event.id or data.id. */
static int64_t
about(const json_t *f)
{
	const json_t	*data = json_object_get(f, "data");
	const char	*type = json_string_value(json_object_get(f, "type"));

	if (json_object_get(data, "event_id") != NULL)
		return (get_int(data, "event_id"));
	if (json_object_get(data, "event") != NULL)
		return (get_int(json_object_get(data, "event"), "id"));
	if (type != NULL && strcmp(type, "event.deleted") == 0)
		return (get_int(data, "id"));
	return (0);
}

/* How many frames of type (NULL: any) about event id s received. */
static int
count(const struct session *s, const char *type, int64_t id)
{
	json_t		*f;
	const char	*t;
	size_t		 i;
	int		 n = 0;

	json_array_foreach(s->frames, i, f) {
		t = json_string_value(json_object_get(f, "type"));
		if (t != NULL && (type == NULL || strcmp(t, type) == 0) &&
		    about(f) == id)
			n++;
	}
	return (n);
}

static const char	*want_type;
static int64_t		 want_id;

static int
has_wanted(const struct session *s)
{
	return (s->closed || count(s, want_type, want_id) > 0);
}

static void
wait_for(struct session *s, const char *type, int64_t id)
{
	want_type = type;
	want_id = id;
	support_ws_wait(ctx, s, has_wanted);
	CHECK(count(s, type, id) > 0);
}

static void
open_session(struct session *s, const char *token, const char *sub,
    const char *sub2)
{
	memset(s, 0, sizeof *s);
	s->token = token;
	s->subscribe = sub;
	s->subscribe2 = sub2;
	support_ws_open(ctx, s, port);
	support_ws_wait(ctx, s, support_ws_pong);
	CHECK(support_ws_find(s, "pong", 0) != NULL);
}

static long
call(const char *method, const char *path, const char *body,
    const char *token, int64_t *id)
{
	struct reply	r;
	long		status;

	support_http(mp.url, method, path, body, token, &r);
	status = r.status;
	if (id != NULL)
		*id = get_int(json_object_get(r.json, "event"), "id");
	reply_done(&r);
	return (status);
}

static int64_t
create(const char *status)
{
	char	body[256];
	int64_t	id = 0;

	snprintf(body, sizeof body, "{\"title\":\"Secret %s\","
	    "\"date_time\":\"2099-01-01T10:00:00Z\",\"location\":\"Here\","
	    "\"max_capacity\":5,\"status\":\"%s\"}", status, status);
	CHECK_INT(call("POST", "/api/events", body, organizer, &id), 201);
	CHECK(id > 0);
	return (id);
}

static void
test_drafts(void)
{
	struct session	 att, org, adm;
	char		 sub_att[128], sub_att2[128], sub_org[128];
	char		 sub_adm[128], path[64], message[128];
	const char	*said;
	int64_t		 draft, shown;

	draft = create("draft");
	shown = create("published");

	snprintf(sub_att, sizeof sub_att, "{\"type\":\"subscribe\","
	    "\"topics\":[\"event:%lld\",\"chat:%lld\"]}", (long long)draft,
	    (long long)draft);
	snprintf(sub_att2, sizeof sub_att2, "{\"type\":\"subscribe\","
	    "\"topics\":[\"events\",\"event:%lld\"]}", (long long)shown);
	snprintf(sub_org, sizeof sub_org, "{\"type\":\"subscribe\","
	    "\"topics\":[\"event:%lld\",\"chat:%lld\",\"event:%lld\"]}",
	    (long long)draft, (long long)draft, (long long)shown);
	snprintf(sub_adm, sizeof sub_adm, "{\"type\":\"subscribe\","
	    "\"topics\":[\"event:%lld\"]}", (long long)draft);
	open_session(&att, attendee, sub_att, sub_att2);
	open_session(&org, organizer, sub_org, NULL);
	open_session(&adm, admin, sub_adm, NULL);

	/* The attendee's subscription is refused as if there were none. */
	snprintf(message, sizeof message,
	    "unknown topic \"event:%lld\": Event not found", (long long)draft);
	said = get_str(json_object_get(support_ws_find(&att, "error", 0),
	    "data"), "message");
	CHECK(said != NULL && strcmp(said, message) == 0);
	CHECK(support_ws_find(&org, "error", 0) == NULL);
	CHECK(support_ws_find(&adm, "error", 0) == NULL);

	/* The organizer works on the draft; the attendee cannot even look. */
	snprintf(path, sizeof path, "/api/events/%lld", (long long)draft);
	CHECK_INT(call("PUT", path, "{\"title\":\"Still secret\"}", organizer,
	    NULL), 200);
	CHECK_INT(call("PUT", path, "{\"max_capacity\":7}", organizer, NULL),
	    200);
	snprintf(path, sizeof path, "/api/events/%lld/register",
	    (long long)draft);
	CHECK_INT(call("POST", path, NULL, attendee, NULL), 404);
	snprintf(path, sizeof path, "/api/events/%lld/chat", (long long)draft);
	CHECK_INT(call("POST", path, "{\"text\":\"not yet\"}", organizer,
	    NULL), 201);

	/* A published event made a draft: deleted, to the attendee. */
	snprintf(path, sizeof path, "/api/events/%lld", (long long)shown);
	CHECK_INT(call("PUT", path, "{\"status\":\"draft\"}", organizer, NULL),
	    200);
	CHECK_INT(call("PUT", path, "{\"title\":\"Hidden now\"}", organizer,
	    NULL), 200);
	snprintf(path, sizeof path, "/api/events/%lld", (long long)draft);
	CHECK_INT(call("DELETE", path, NULL, organizer, NULL), 200);

	/* Then something public: once it is there, all before it is too. */
	CHECK_INT(call("POST", "/api/events/1/register", NULL, attendee, NULL),
	    201);
	wait_for(&att, "registration.created", 1);
	wait_for(&org, "event.updated", shown);
	wait_for(&org, "event.deleted", draft);
	wait_for(&adm, "event.deleted", draft);

	CHECK_INT(count(&att, NULL, draft), 0);
	CHECK_INT(count(&att, "event.deleted", shown), 1);
	CHECK_INT(count(&att, "event.updated", shown), 0);

	CHECK_INT(count(&org, "event.updated", draft), 2);
	CHECK_INT(count(&org, "counters", draft), 1);
	CHECK_INT(count(&org, "chat.message", draft), 1);
	CHECK_INT(count(&org, "event.deleted", draft), 1);
	CHECK_INT(count(&org, "event.updated", shown), 2);
	CHECK_INT(count(&org, "event.deleted", shown), 0);
	CHECK_INT(count(&adm, "event.updated", draft), 2);
	CHECK_INT(count(&adm, "counters", draft), 1);
	CHECK_INT(count(&adm, "event.deleted", draft), 1);

	support_ws_done(&att);
	support_ws_done(&org);
	support_ws_done(&adm);
}

/* How many of user's REST notifications are about event id. */
static int
notes_about(const char *token, int64_t id)
{
	struct reply	 r;
	json_t		*n;
	size_t		 i;
	int		 found = 0;

	support_http(mp.url, "GET", "/api/notifications?limit=500", NULL,
	    token, &r);
	CHECK_INT(r.status, 200);
	json_array_foreach(json_object_get(r.json, "notifications"), i, n) {
		if (get_int(n, "event_id") == id)
			found++;
	}
	reply_done(&r);
	return (found);
}

/*
 * The log over REST keeps the same secret: the notification that a
 * draft's invitations went out names the draft, so only its creator and
 * admins read it; and it does not eat into the attendee's limit.
 */
static void
test_notifications(void)
{
	char	path[96];
	int64_t	draft;
	time_t	until = time(NULL) + 30;

	draft = create("draft");
	snprintf(path, sizeof path, "/api/events/%lld/guests",
	    (long long)draft);
	CHECK_INT(call("POST", path, "{\"name\":\"Ada\","
	    "\"email\":\"ada@example.com\"}", organizer, NULL), 201);
	snprintf(path, sizeof path, "/api/events/%lld/invitations",
	    (long long)draft);
	CHECK_INT(call("POST", path, "{\"all\":true}", organizer, NULL),
	    202);
	while (notes_about(organizer, draft) == 0 && time(NULL) < until)
		usleep(50000);
	CHECK_INT(notes_about(organizer, draft), 1);
	CHECK_INT(notes_about(admin, draft), 1);
	CHECK_INT(notes_about(attendee, draft), 0);

	/* Published, it is everybody's news. */
	snprintf(path, sizeof path, "/api/events/%lld", (long long)draft);
	CHECK_INT(call("PUT", path, "{\"status\":\"published\"}",
	    organizer, NULL), 200);
	CHECK_INT(notes_about(attendee, draft), 1);
}

/* A socket that never signs in hears nothing and is closed. */
static void
test_anonymous(void)
{
	struct session	s;

	memset(&s, 0, sizeof s);
	support_ws_open(ctx, &s, port);
	support_ws_wait(ctx, &s, support_ws_closed);
	CHECK(s.closed);
	CHECK_INT(s.close_code, 4401);
	CHECK(support_ws_find(&s, "error", 0) != NULL);
	CHECK_INT((int)json_array_size(s.frames), 1);
	support_ws_done(&s);
}

static void
test_start(void)
{
	static const char *const extra[] = { "--seed", "demo", NULL };

	if (support_mock_start(&mp, extra, -1) != 0)
		exit(1);
	port = atoi(strrchr(mp.url, ':') + 1);
	organizer = support_login(mp.url, "organizer@example.com",
	    SUPPORT_DEMO_PASSWORD);
	attendee = support_login(mp.url, "attendee@example.com",
	    SUPPORT_DEMO_PASSWORD);
	admin = support_login(mp.url, "admin@example.com",
	    SUPPORT_DEMO_PASSWORD);
	ctx = support_ws_context();
	CHECK(organizer != NULL && attendee != NULL && admin != NULL &&
	    ctx != NULL);
	if (organizer == NULL || attendee == NULL || admin == NULL ||
	    ctx == NULL)
		exit(1);
}

static void
test_stop(void)
{
	lws_context_destroy(ctx);
	CHECK_INT(support_mock_stop(&mp), 0);
	free(organizer);
	free(attendee);
	free(admin);
}

TEST_MAIN(
	TEST_CASE(test_start),
	TEST_CASE(test_drafts),
	TEST_CASE(test_notifications),
	TEST_CASE(test_anonymous),
	TEST_CASE(test_stop))
