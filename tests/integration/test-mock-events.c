/*
 * Events and registration lists on a real evtop-mock with the demo data:
 * listing, searching and sorting, drafts, creating, changing (versions,
 * capacity, the waitlist) and deleting, and who may do each.
 */
#include <curl/curl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "json-util.h"
#include "support-mock.h"
#include "test.h"

static struct mockproc	 mock;
static char		*admin, *organizer, *staff, *attendee, *other;
static int64_t		 organizer_id, other_id;

/* One request with an optional extra header. */
static void
call_h(const char *method, const char *path, const char *body,
    const char *token, const char *header, struct request *req)
{
	support_call(mock.url, method, path, body, token, header, req);
}

static void
call(const char *method, const char *path, const char *body,
    const char *token, struct request *req)
{
	support_call(mock.url, method, path, body, token, NULL, req);
}

static long
status_of(const char *method, const char *path, const char *body,
    const char *token)
{
	return (support_status(mock.url, method, path, body, token));
}

static char *
login(const char *email, int64_t *id)
{
	return (support_login_id(mock.url, email, SUPPORT_DEMO_PASSWORD, id));
}

/* Creates an event as token from a JSON body: its id, or 0. */
static int64_t
create(const char *token, const char *body)
{
	struct request	req;
	int64_t		id = 0;

	call("POST", "/api/events", body, token, &req);
	CHECK_INT(req.reply.status, 201);
	if (req.reply.status == 201)
		id = get_int(json_object_get(req.reply.json, "event"), "id");
	reply_done(&req.reply);
	return (id);
}

static void
test_start(void)
{
	static const char *const extra[] = { "--seed", "demo", NULL };
	struct request	 req;

	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (support_mock_start(&mock, extra, 2) != 0)
		exit(1);
	admin = login("admin@example.com", NULL);
	organizer = login("organizer@example.com", &organizer_id);
	staff = login("staff@example.com", NULL);
	attendee = login("attendee@example.com", NULL);
	call("POST", "/api/auth/register", "{\"name\":\"Oz Other\",\"email\":"
	    "\"oz@example.org\",\"password\":\"other-organizer\"}", NULL, &req);
	other = strdup(get_str(req.reply.json, "token"));
	other_id = get_int(json_object_get(req.reply.json, "user"), "id");
	reply_done(&req.reply);
	CHECK(admin != NULL && organizer != NULL && staff != NULL &&
	    attendee != NULL);
}

/* How many events of a list have this status. */
static size_t
count_status(const json_t *events, const char *status)
{
	json_t	*ev;
	size_t	 i, n = 0;

	json_array_foreach(events, i, ev) {
		if (strcmp(get_str(ev, "status"), status) == 0)
			n++;
	}
	return (n);
}

static void
test_list_and_drafts(void)
{
	struct request	req;
	int64_t		anonymous, as_admin;

	/* Signed out: no drafts. */
	call("GET", "/api/events?include_past=1&per_page=200", NULL, NULL,
	    &req);
	CHECK_INT(req.reply.status, 200);
	CHECK_INT(count_status(json_object_get(req.reply.json, "events"),
	    "draft"), 0);
	anonymous = get_int(req.reply.json, "total");
	reply_done(&req.reply);

	/* An admin sees both drafts, the organizer only their own. */
	call("GET", "/api/events?include_past=1&per_page=200", NULL, admin,
	    &req);
	CHECK_INT(count_status(json_object_get(req.reply.json, "events"),
	    "draft"), 2);
	as_admin = get_int(req.reply.json, "total");
	reply_done(&req.reply);
	CHECK_INT(as_admin, anonymous + 2);
	call("GET", "/api/events?status=draft", NULL, organizer, &req);
	CHECK_INT(get_int(req.reply.json, "total"), 1);
	reply_done(&req.reply);
	call("GET", "/api/events?status=draft", NULL, staff, &req);
	CHECK_INT(get_int(req.reply.json, "total"), 0);
	reply_done(&req.reply);
}

static void
test_search_and_sort(void)
{
	struct request	 req;
	json_t		*events, *ev;
	const char	*prev;
	char		 path[160], a[32], b[32];
	size_t		 i;
	int64_t		 total;
	time_t		 t, from, to;

	/* q looks in title, description and location, in any case. */
	call("GET", "/api/events/search?q=LAUNCH", NULL, NULL, &req);
	CHECK_INT(req.reply.status, 200);
	CHECK_INT(get_int(req.reply.json, "total"), 1);
	CHECK_STR(get_str(json_array_get(json_object_get(req.reply.json,
	    "events"), 0), "title"), "Evtop Launch Party");
	CHECK(json_object_get(req.reply.json, "page") != NULL);
	reply_done(&req.reply);
	call("GET", "/api/events?q=online&per_page=200", NULL, NULL, &req);
	total = get_int(req.reply.json, "total");
	CHECK(total > 0);
	json_array_foreach(json_object_get(req.reply.json, "events"), i, ev)
		CHECK(strstr(get_str(ev, "location"), "Online") != NULL ||
		    strstr(get_str(ev, "title"), "nline") != NULL ||
		    strstr(get_str(ev, "description"), "nline") != NULL);
	reply_done(&req.reply);
	call("GET", "/api/events/search?location=lisbon", NULL, NULL, &req);
	json_array_foreach(json_object_get(req.reply.json, "events"), i, ev)
		CHECK(strstr(get_str(ev, "location"), "Lisbon") != NULL);
	CHECK(get_int(req.reply.json, "total") > 0);
	reply_done(&req.reply);
	call("GET", "/api/events?q=no-such-thing-anywhere", NULL, NULL, &req);
	CHECK_INT(get_int(req.reply.json, "total"), 0);
	reply_done(&req.reply);

	/* A date window takes past dates too; a bare date_to ends its day. */
	from = time(NULL) - 40 * 86400;
	to = time(NULL) + 20 * 86400;
	json_util_format_time(from, a, sizeof a);
	json_util_format_time(to, b, sizeof b);
	b[10] = '\0';
	snprintf(path, sizeof path, "/api/events?date_from=%s&date_to=%s&"
	    "per_page=200", a, b);
	call("GET", path, NULL, NULL, &req);
	CHECK_INT(req.reply.status, 200);
	events = json_object_get(req.reply.json, "events");
	CHECK(json_array_size(events) > 3);
	json_array_foreach(events, i, ev) {
		json_util_parse_time(get_str(ev, "date_time"), &t);
		CHECK(t >= from);
		CHECK(t < to - to % 86400 + 86400);
	}
	reply_done(&req.reply);

	/* Titles in order, then capacities from the largest. */
	call("GET", "/api/events?sort=title&include_past=1&per_page=200", NULL,
	    NULL, &req);
	prev = "";
	json_array_foreach(json_object_get(req.reply.json, "events"), i, ev) {
		CHECK(strcasecmp(prev, get_str(ev, "title")) <= 0);
		prev = get_str(ev, "title");
	}
	reply_done(&req.reply);
	call("GET", "/api/events?sort=-capacity", NULL, NULL, &req);
	total = INT64_MAX;
	json_array_foreach(json_object_get(req.reply.json, "events"), i, ev) {
		CHECK(get_int(ev, "max_capacity") <= total);
		total = get_int(ev, "max_capacity");
	}
	reply_done(&req.reply);
	call("GET", "/api/events?sort=-date&per_page=3", NULL, NULL, &req);
	CHECK_INT(json_array_size(json_object_get(req.reply.json, "events")),
	    3);
	reply_done(&req.reply);
}

static void
test_list_bad_queries(void)
{
	static const char *const bad[] = {
		"/api/events?sort=popularity",
		"/api/events?date_from=yesterday",
		"/api/events/search?date_to=2026-13-01",
		"/api/events?date_from=2026-06-02&date_to=2026-06-01",
		"/api/events?status=secret",
		"/api/events?page=0",
		"/api/events?per_page=-1",
	};
	struct request	req;
	char		path[512];
	size_t		i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		call("GET", bad[i], NULL, NULL, &req);
		if (req.reply.status != 400)
			fprintf(stderr, "%s -> %ld\n", bad[i], req.reply.status);
		CHECK_INT(req.reply.status, 400);
		CHECK(get_str(req.reply.json, "message") != NULL);
		reply_done(&req.reply);
	}
	snprintf(path, sizeof path, "/api/events?q=");
	memset(path + strlen(path), 'q', 300);
	path[strlen("/api/events?q=") + 300] = '\0';
	call("GET", path, NULL, NULL, &req);
	CHECK_INT(req.reply.status, 400);
	reply_done(&req.reply);
	call("GET", "/api/events?sort=bogus", NULL, NULL, &req);
	CHECK(strstr(get_str(req.reply.json, "message"), "-title") != NULL);
	reply_done(&req.reply);
}

/* The id of the organizer's draft. */
static int64_t
own_draft(void)
{
	struct request	req;
	int64_t		id;

	call("GET", "/api/events?status=draft", NULL, organizer, &req);
	id = get_int(json_array_get(json_object_get(req.reply.json, "events"),
	    0), "id");
	reply_done(&req.reply);
	return (id);
}

static void
test_get(void)
{
	struct request	 req;
	char		 path[64], inm[200];
	int64_t		 draft;

	call("GET", "/api/events/1", NULL, NULL, &req);
	CHECK_INT(req.reply.status, 200);
	CHECK_INT(get_int(json_object_get(req.reply.json, "event"), "version"),
	    1);
	/* The ETag names the version, for If-Match. */
	CHECK(strncmp(req.etag, "\"v1-", 4) == 0);
	snprintf(inm, sizeof inm, "If-None-Match: %s", req.etag);
	reply_done(&req.reply);
	call_h("GET", "/api/events/1", NULL, NULL, inm, &req);
	CHECK_INT(req.reply.status, 304);
	CHECK_INT(req.reply.len, 0);
	reply_done(&req.reply);

	CHECK_INT(status_of("GET", "/api/events/999999", NULL, NULL), 404);
	CHECK_INT(status_of("GET", "/api/events/abc", NULL, NULL), 404);

	/* A draft: its creator and admins; anyone else is told there is none. */
	draft = own_draft();
	CHECK(draft > 0);
	snprintf(path, sizeof path, "/api/events/%lld", (long long)draft);
	CHECK_INT(status_of("GET", path, NULL, organizer), 200);
	CHECK_INT(status_of("GET", path, NULL, admin), 200);
	call("GET", path, NULL, NULL, &req);
	CHECK_INT(req.reply.status, 404);
	CHECK_STR(get_str(req.reply.json, "message"), "Event not found");
	reply_done(&req.reply);
	CHECK_INT(status_of("GET", path, NULL, staff), 404);
	CHECK_INT(status_of("GET", path, NULL, other), 404);
}

static void
test_create(void)
{
	struct request	 req;
	json_t		*ev;

	call("POST", "/api/events", "{\"title\":\"  Hack Night \","
	    "\"description\":\"Bring a laptop\",\"date_time\":"
	    "\"2099-03-01T18:30:00.000+01:00\",\"location\":\"Basement\","
	    "\"max_capacity\":\"25\",\"category\":\"social\","
	    "\"unknown\":true}", organizer, &req);
	CHECK_INT(req.reply.status, 201);
	CHECK(get_str(req.reply.json, "message") != NULL);
	ev = json_object_get(req.reply.json, "event");
	CHECK_STR(get_str(ev, "title"), "Hack Night");
	CHECK_STR(get_str(ev, "date_time"), "2099-03-01T17:30:00Z");
	CHECK_INT(get_int(ev, "max_capacity"), 25);
	CHECK_INT(get_int(ev, "available_spots"), 25);
	CHECK_INT(get_int(ev, "current_registrations"), 0);
	CHECK_INT(get_int(ev, "created_by"), organizer_id);
	CHECK_STR(get_str(ev, "creator_name"), "Otto Organizer");
	CHECK_STR(get_str(ev, "status"), "published");
	CHECK_STR(get_str(ev, "category"), "social");
	CHECK_INT(get_int(ev, "version"), 1);
	reply_done(&req.reply);
	call("GET", "/api/events/search?q=hack%20night", NULL, NULL, &req);
	CHECK(get_int(req.reply.json, "total") >= 1);
	reply_done(&req.reply);

	/* Admins create too; staff and attendees may not; nobody unsigned. */
	CHECK(create(admin, "{\"title\":\"A\",\"date_time\":"
	    "\"2099-01-01T00:00:00Z\",\"location\":\"L\",\"max_capacity\":1}")
	    > 0);
	CHECK_INT(status_of("POST", "/api/events", "{\"title\":\"A\","
	    "\"date_time\":\"2099-01-01T00:00:00Z\",\"location\":\"L\","
	    "\"max_capacity\":1}", staff), 403);
	CHECK_INT(status_of("POST", "/api/events", "{\"title\":\"A\","
	    "\"date_time\":\"2099-01-01T00:00:00Z\",\"location\":\"L\","
	    "\"max_capacity\":1}", attendee), 403);
	CHECK_INT(status_of("POST", "/api/events", "{}", NULL), 401);
}

static void
test_create_validation(void)
{
	/* Capacities that are not whole numbers from 1 to a million. */
	static const char *const caps[] = { "-3", "1.5", "\"ten\"", "true",
	    "2000000" };
	struct request	 req;
	char		 body[4096], big[1100];
	size_t		 i;

	/* All the problems in one answer. */
	call("POST", "/api/events", "{}", organizer, &req);
	CHECK_INT(req.reply.status, 400);
	CHECK_STR(get_str(req.reply.json, "message"), "Validation failed");
	CHECK_STR(field_error(&req, "title"), "Title is required");
	CHECK_STR(field_error(&req, "date_time"), "Date and time is required");
	CHECK_STR(field_error(&req, "location"), "Location is required");
	CHECK_STR(field_error(&req, "max_capacity"), "Capacity is required");
	CHECK(field_error(&req, "description") == NULL);
	reply_done(&req.reply);

	memset(big, 'd', 1001);
	big[1001] = '\0';
	snprintf(body, sizeof body, "{\"title\":\"%.*s\",\"description\":"
	    "\"%s\",\"date_time\":\"15/06/2026\",\"location\":\"\","
	    "\"max_capacity\":0,\"status\":\"secret\",\"category\":7}", 256,
	    big, big);
	call("POST", "/api/events", body, organizer, &req);
	CHECK_INT(req.reply.status, 400);
	CHECK_STR(field_error(&req, "title"),
	    "Title must be at most 255 characters long");
	CHECK_STR(field_error(&req, "description"),
	    "Description must be at most 1000 characters long");
	CHECK(field_error(&req, "date_time") != NULL);
	CHECK_STR(field_error(&req, "location"), "Location cannot be empty");
	CHECK(field_error(&req, "max_capacity") != NULL);
	CHECK_STR(field_error(&req, "status"),
	    "Status must be draft, published or cancelled");
	CHECK_STR(field_error(&req, "category"), "Category must be a string");
	CHECK_INT(json_array_size(json_object_get(req.reply.json, "errors")),
	    7);
	reply_done(&req.reply);

	for (i = 0; i < sizeof caps / sizeof caps[0]; i++) {
		snprintf(body, sizeof body, "{\"title\":\"T\",\"date_time\":"
		    "\"2099-01-01T00:00:00Z\",\"location\":\"L\","
		    "\"max_capacity\":%s}", caps[i]);
		call("POST", "/api/events", body, organizer, &req);
		CHECK_INT(req.reply.status, 400);
		CHECK(field_error(&req, "max_capacity") != NULL);
		reply_done(&req.reply);
	}
	/* 255 characters (not bytes) is long enough. */
	snprintf(body, sizeof body, "{\"title\":\"");
	for (i = 0; i < 255; i++)
		strcat(body, "\xc3\xa9");
	strcat(body, "\",\"date_time\":\"2099-01-01T00:00:00Z\","
	    "\"location\":\"L\",\"max_capacity\":1}");
	CHECK(create(organizer, body) > 0);
	CHECK_INT(status_of("POST", "/api/events", "not json", organizer),
	    400);
}

static void
test_update(void)
{
	struct request	 req;
	json_t		*ev;
	char		 path[64], etag[160], im[200];
	int64_t		 id;

	id = create(organizer, "{\"title\":\"Editable\",\"description\":"
	    "\"Keep me\",\"date_time\":\"2099-05-01T10:00:00Z\",\"location\":"
	    "\"Room 1\",\"max_capacity\":10}");
	snprintf(path, sizeof path, "/api/events/%lld", (long long)id);
	call("GET", path, NULL, NULL, &req);
	snprintf(etag, sizeof etag, "%s", req.etag);
	reply_done(&req.reply);

	/* Only what is given changes; the version moves on. */
	snprintf(im, sizeof im, "If-Match: %s", etag);
	call_h("PUT", path, "{\"title\":\"Edited\"}", organizer, im, &req);
	CHECK_INT(req.reply.status, 200);
	ev = json_object_get(req.reply.json, "event");
	CHECK_STR(get_str(ev, "title"), "Edited");
	CHECK_STR(get_str(ev, "description"), "Keep me");
	CHECK_STR(get_str(ev, "location"), "Room 1");
	CHECK_INT(get_int(ev, "version"), 2);
	reply_done(&req.reply);

	/* The old ETag, or an old version in the body, is stale: 412. */
	call_h("PUT", path, "{\"title\":\"Lost update\"}", admin, im, &req);
	CHECK_INT(req.reply.status, 412);
	CHECK(strstr(get_str(req.reply.json, "message"), "changed") != NULL);
	CHECK_STR(get_str(json_object_get(req.reply.json, "event"), "title"),
	    "Edited");
	CHECK_INT(get_int(json_object_get(req.reply.json, "event"), "version"),
	    2);
	reply_done(&req.reply);
	CHECK_INT(status_of("PUT", path, "{\"title\":\"Lost\",\"version\":1}",
	    admin), 412);
	/* The current version goes through, and admins may edit anything. */
	call("PUT", path, "{\"location\":\"Room 2\",\"version\":2}", admin,
	    &req);
	CHECK_INT(req.reply.status, 200);
	CHECK_INT(get_int(json_object_get(req.reply.json, "event"), "version"),
	    3);
	reply_done(&req.reply);

	/* Who may not. */
	CHECK_INT(status_of("PUT", path, "{\"title\":\"X\"}", other), 403);
	CHECK_INT(status_of("PUT", path, "{\"title\":\"X\"}", staff), 403);
	CHECK_INT(status_of("PUT", path, "{\"title\":\"X\"}", attendee), 403);
	CHECK_INT(status_of("PUT", path, "{\"title\":\"X\"}", NULL), 401);
	CHECK_INT(status_of("PUT", "/api/events/999999", "{\"title\":\"X\"}",
	    admin), 404);

	/* Bad fields, and nothing to change. */
	call("PUT", path, "{\"title\":\"\",\"max_capacity\":0}", organizer,
	    &req);
	CHECK_INT(req.reply.status, 400);
	CHECK(field_error(&req, "title") != NULL);
	CHECK(field_error(&req, "max_capacity") != NULL);
	reply_done(&req.reply);
	CHECK_INT(status_of("PUT", path, "{}", organizer), 400);
	CHECK_INT(status_of("PUT", path, "{\"version\":3}", organizer), 400);

	/* null leaves a field as it is; a null description empties it. */
	call("PUT", path, "{\"title\":null,\"date_time\":null,"
	    "\"max_capacity\":null,\"description\":null,\"category\":"
	    "\"talks\"}", organizer, &req);
	CHECK_INT(req.reply.status, 200);
	ev = json_object_get(req.reply.json, "event");
	CHECK_STR(get_str(ev, "title"), "Edited");
	CHECK_STR(get_str(ev, "date_time"), "2099-05-01T10:00:00Z");
	CHECK_INT(get_int(ev, "max_capacity"), 10);
	CHECK_STR(get_str(ev, "description"), "");
	CHECK_STR(get_str(ev, "category"), "talks");
	reply_done(&req.reply);
}

static void
test_capacity_and_waitlist(void)
{
	struct request	 req;
	char		 path[64], reg[64], list[96];
	char		*people[4];
	json_t		*items;
	int64_t		 id;
	size_t		 i;

	id = create(organizer, "{\"title\":\"Tiny\",\"date_time\":"
	    "\"2099-05-02T10:00:00Z\",\"location\":\"Closet\","
	    "\"max_capacity\":1}");
	snprintf(path, sizeof path, "/api/events/%lld", (long long)id);
	snprintf(reg, sizeof reg, "/api/events/%lld/register", (long long)id);
	people[0] = login("attendee001@example.net", NULL);
	people[1] = login("attendee002@example.net", NULL);
	people[2] = login("attendee003@example.net", NULL);
	people[3] = login("attendee004@example.net", NULL);
	for (i = 0; i < 4; i++)
		CHECK_INT(status_of("POST", reg, NULL, people[i]), 201);

	/* Two more seats: the first two waiting take them. */
	call("PUT", path, "{\"max_capacity\":3}", organizer, &req);
	CHECK_INT(req.reply.status, 200);
	CHECK_INT(get_int(json_object_get(req.reply.json, "event"),
	    "current_registrations"), 3);
	CHECK_INT(get_int(json_object_get(req.reply.json, "event"),
	    "waitlisted"), 1);
	reply_done(&req.reply);
	/* Below the three confirmed: refused with a sentence. */
	call("PUT", path, "{\"max_capacity\":2}", organizer, &req);
	CHECK_INT(req.reply.status, 400);
	CHECK(strstr(get_str(req.reply.json, "message"), "3 confirmed") !=
	    NULL);
	CHECK(field_error(&req, "max_capacity") != NULL);
	reply_done(&req.reply);

	/* In registration order: the first, then the two promoted. */
	snprintf(list, sizeof list, "%s/registrations?status=confirmed", path);
	call("GET", list, NULL, organizer, &req);
	CHECK_INT(req.reply.status, 200);
	items = json_object_get(req.reply.json, "registrations");
	CHECK_INT(json_array_size(items), 3);
	CHECK_STR(get_str(json_array_get(items, 1), "user_email"),
	    "attendee002@example.net");
	CHECK_STR(get_str(json_array_get(items, 2), "user_email"),
	    "attendee003@example.net");
	CHECK(get_str(json_array_get(items, 0), "user_name") != NULL);
	reply_done(&req.reply);
	snprintf(list, sizeof list, "%s/registrations?status=waitlisted",
	    path);
	call("GET", list, NULL, staff, &req);
	CHECK_INT(req.reply.status, 200);
	CHECK_INT(get_int(req.reply.json, "total"), 1);
	CHECK_STR(get_str(json_array_get(json_object_get(req.reply.json,
	    "registrations"), 0), "user_email"), "attendee004@example.net");
	reply_done(&req.reply);
	for (i = 0; i < 4; i++)
		free(people[i]);
}

static void
test_delete(void)
{
	struct request	req;
	char		path[64];
	int64_t		id;

	id = create(organizer, "{\"title\":\"Doomed\",\"date_time\":"
	    "\"2099-05-03T10:00:00Z\",\"location\":\"Nowhere\","
	    "\"max_capacity\":5}");
	snprintf(path, sizeof path, "/api/events/%lld", (long long)id);
	CHECK_INT(status_of("DELETE", path, NULL, other), 403);
	CHECK_INT(status_of("DELETE", path, NULL, staff), 403);
	CHECK_INT(status_of("DELETE", path, NULL, attendee), 403);
	CHECK_INT(status_of("DELETE", path, NULL, NULL), 401);
	call_h("DELETE", path, NULL, organizer, "If-Match: \"v7\"", &req);
	CHECK_INT(req.reply.status, 412);
	reply_done(&req.reply);
	call("DELETE", path, NULL, organizer, &req);
	CHECK_INT(req.reply.status, 200);
	CHECK_STR(get_str(req.reply.json, "message"), "Event deleted");
	reply_done(&req.reply);
	CHECK_INT(status_of("GET", path, NULL, admin), 404);
	CHECK_INT(status_of("DELETE", path, NULL, organizer), 404);

	/* Admins delete anyone's. */
	id = create(other, "{\"title\":\"Oz's\",\"date_time\":"
	    "\"2099-05-03T10:00:00Z\",\"location\":\"Oz\",\"max_capacity\":5}");
	snprintf(path, sizeof path, "/api/events/%lld", (long long)id);
	CHECK_INT(status_of("DELETE", path, NULL, admin), 200);
}

static void
test_creator(void)
{
	struct request	 req;
	json_t		*ev;
	char		 path[64];
	size_t		 i;

	snprintf(path, sizeof path, "/api/events/creator/%lld",
	    (long long)organizer_id);
	call("GET", path, NULL, organizer, &req);
	CHECK_INT(req.reply.status, 200);
	CHECK(get_int(req.reply.json, "total") > 10);
	/* Their own only, past and draft ones included. */
	json_array_foreach(json_object_get(req.reply.json, "events"), i, ev)
		CHECK_INT(get_int(ev, "created_by"), organizer_id);
	CHECK_INT(count_status(json_object_get(req.reply.json, "events"),
	    "draft"), 1);
	reply_done(&req.reply);
	CHECK_INT(status_of("GET", path, NULL, admin), 200);
	CHECK_INT(status_of("GET", path, NULL, other), 403);
	CHECK_INT(status_of("GET", path, NULL, staff), 403);
	CHECK_INT(status_of("GET", path, NULL, NULL), 401);
	CHECK_INT(status_of("GET", "/api/events/creator/999999", NULL, admin),
	    404);

	snprintf(path, sizeof path, "/api/events/creator/%lld",
	    (long long)other_id);
	call("GET", path, NULL, other, &req);
	CHECK_INT(req.reply.status, 200);
	json_array_foreach(json_object_get(req.reply.json, "events"), i, ev)
		CHECK_INT(get_int(ev, "created_by"), other_id);
	reply_done(&req.reply);
}

static void
test_event_registrations(void)
{
	struct request	 req;
	json_t		*item;

	call("GET", "/api/events/1/registrations?per_page=10&page=2", NULL,
	    organizer, &req);
	CHECK_INT(req.reply.status, 200);
	CHECK(get_int(req.reply.json, "total") > 100);
	CHECK_INT(get_int(req.reply.json, "page"), 2);
	CHECK_INT(get_int(req.reply.json, "per_page"), 10);
	CHECK_INT(json_array_size(json_object_get(req.reply.json,
	    "registrations")), 10);
	item = json_array_get(json_object_get(req.reply.json, "registrations"),
	    0);
	CHECK_INT(get_int(item, "event_id"), 1);
	CHECK(get_str(item, "user_name") != NULL);
	CHECK(strstr(get_str(item, "user_email"), "@") != NULL);
	CHECK(get_str(item, "registration_date") != NULL);
	reply_done(&req.reply);

	CHECK_INT(status_of("GET", "/api/events/1/registrations", NULL, admin),
	    200);
	CHECK_INT(status_of("GET", "/api/events/1/registrations", NULL, staff),
	    200);
	CHECK_INT(status_of("GET", "/api/events/1/registrations", NULL,
	    attendee), 403);
	CHECK_INT(status_of("GET", "/api/events/1/registrations", NULL, other),
	    403);
	CHECK_INT(status_of("GET", "/api/events/1/registrations", NULL, NULL),
	    401);
	CHECK_INT(status_of("GET", "/api/events/999999/registrations", NULL,
	    admin), 404);
	CHECK_INT(status_of("GET", "/api/events/1/registrations?status=maybe",
	    NULL, admin), 400);
}

static void
test_user_registrations(void)
{
	struct request	 req;
	json_t		*item;
	char		*person, path[80];
	int64_t		 id;

	person = login("attendee005@example.net", &id);
	snprintf(path, sizeof path, "/api/events/users/%lld/registrations",
	    (long long)id);
	call("GET", path, NULL, person, &req);
	CHECK_INT(req.reply.status, 200);
	CHECK(get_int(req.reply.json, "total") > 0);
	item = json_array_get(json_object_get(req.reply.json, "registrations"),
	    0);
	CHECK_INT(get_int(item, "user_id"), id);
	CHECK(get_str(item, "event_title") != NULL);
	CHECK(get_str(item, "event_date_time") != NULL);
	CHECK(get_str(item, "status") != NULL);
	reply_done(&req.reply);
	CHECK_INT(status_of("GET", path, NULL, admin), 200);
	CHECK_INT(status_of("GET", path, NULL, attendee), 403);
	CHECK_INT(status_of("GET", path, NULL, staff), 403);
	CHECK_INT(status_of("GET", path, NULL, NULL), 401);
	CHECK_INT(status_of("GET", "/api/events/users/999999/registrations",
	    NULL, admin), 404);
	free(person);
}

/*
 * A draft is "Event not found" on every route of the event for those who
 * may not see it (staff and attendees), as GET /api/events/:id has it;
 * its organizer still hears why registration is closed.
 */
static void
test_draft_invisible(void)
{
	static const struct {
		const char	*method;
		const char	*suffix;
		const char	*body;
	} routes[] = {
		{ "POST", "/register", NULL },
		{ "DELETE", "/register", NULL },
		{ "GET", "/registrations", NULL },
		{ "GET", "/guests", NULL },
		{ "GET", "/guests.csv", NULL },
		{ "POST", "/guests", "{\"name\":\"A\",\"email\":\"a@example.org\"}" },
		{ "GET", "/chat", NULL },
		{ "POST", "/chat", "{\"text\":\"hello\"}" },
		{ "GET", "/stats", NULL },
		{ "GET", "/reminders", NULL },
		{ "GET", "/campaigns", NULL },
		{ "GET", "/email-logs", NULL },
		{ "POST", "/invitations", "{\"all\":true}" },
		{ "POST", "/checkin", "{\"code\":\"ABCDEFGHJK\"}" },
	};
	const char	*tokens[2];
	struct request	 req;
	char		 path[128];
	int64_t		 id;
	size_t		 i, t;

	id = create(organizer, "{\"title\":\"Secret plans\",\"date_time\":"
	    "\"2031-01-01T10:00:00Z\",\"location\":\"Here\","
	    "\"max_capacity\":10,\"status\":\"draft\"}");
	tokens[0] = attendee;
	tokens[1] = staff;
	for (t = 0; t < 2; t++) {
		for (i = 0; i < sizeof routes / sizeof routes[0]; i++) {
			snprintf(path, sizeof path, "/api/events/%lld%s",
			    (long long)id, routes[i].suffix);
			call(routes[i].method, path, routes[i].body, tokens[t],
			    &req);
			if (req.reply.status != 404)
				fprintf(stderr, "%s %s as %s\n",
				    routes[i].method, path,
				    t == 0 ? "attendee" : "staff");
			CHECK_INT(req.reply.status, 404);
			CHECK_STR(reply_message(&req.reply), "Event not found");
			reply_done(&req.reply);
		}
	}
	call("POST", "/api/events/0/register", NULL, organizer, &req);
	CHECK_INT(req.reply.status, 404);
	reply_done(&req.reply);
	snprintf(path, sizeof path, "/api/events/%lld/register", (long long)id);
	call("POST", path, NULL, organizer, &req);
	CHECK_INT(req.reply.status, 400);
	CHECK_STR(reply_message(&req.reply),
	    "Event is draft: registration is closed");
	reply_done(&req.reply);
	snprintf(path, sizeof path, "/api/events/%lld/guests", (long long)id);
	CHECK_INT(status_of("GET", path, NULL, admin), 200);
}

static void
test_stop(void)
{
	/* A clean exit: 0, with nothing leaked or misused on the way. */
	CHECK_INT(support_mock_stop(&mock), 0);
	free(admin);
	free(organizer);
	free(staff);
	free(attendee);
	free(other);
	curl_global_cleanup();
}

TEST_MAIN(
	TEST_CASE(test_start),
	TEST_CASE(test_list_and_drafts),
	TEST_CASE(test_search_and_sort),
	TEST_CASE(test_list_bad_queries),
	TEST_CASE(test_get),
	TEST_CASE(test_create),
	TEST_CASE(test_create_validation),
	TEST_CASE(test_update),
	TEST_CASE(test_capacity_and_waitlist),
	TEST_CASE(test_delete),
	TEST_CASE(test_creator),
	TEST_CASE(test_event_registrations),
	TEST_CASE(test_user_registrations),
	TEST_CASE(test_draft_invisible),
	TEST_CASE(test_stop))
