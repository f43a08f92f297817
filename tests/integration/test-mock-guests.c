/*
 * Guest lists, RSVP and check-in of the real evtop-mock ($EVTOP_MOCK),
 * driven over HTTP as a client would: every route, every status, the
 * roles, ETags, a nonce replayed after a restart with --db.
 */
#include <curl/curl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "json-util.h"
#include "support-mock.h"
#include "test.h"

/* Seconds: only a guard against hangs, never asserted. */
#define DEADLINE	30
/* The event the guest lists are built on (demo: published, upcoming). */
#define EVENT		12
#define OTHER		13
#define IMPORTED	3000

static struct mockproc	mock = { -1, NULL };
static char	db_dir[64];
static char	db_path[128];

static char	*admin, *organizer, *staff, *attendee;
/* Guests the demo's registrations gave EVENT before the test's own. */
static int64_t	 base_accepted;

/*
 * One request.  body may be NULL; type defaults to JSON; header is one
 * extra "Name: value" line or NULL.
 */
static void
call(const char *method, const char *path, const char *body,
    const char *token, const char *type, const char *header, struct reply *r)
{
	support_http_ex(mock.url, method, path, body, token, type, header, r);
}

static const char *
res_str(const struct reply *r, const char *key)
{
	return (json_string_value(json_object_get(r->json, key)));
}

static int64_t
res_int(const struct reply *r, const char *key)
{
	return (json_integer_value(json_object_get(r->json, key)));
}

/* The status of a request whose answer is not needed further. */
static long
status_of(const char *method, const char *path, const char *body,
    const char *token)
{
	struct reply	r;
	long		status;

	call(method, path, body, token, NULL, NULL, &r);
	status = r.status;
	reply_done(&r);
	return (status);
}

/* Starts the mock on the test's database, seeded or not. */
static int
mock_start(int seed)
{
	const char *const	 seeded[] = { "--db", db_path, "--seed", "demo",
	    NULL };
	const char *const	 plain[] = { "--db", db_path, NULL };

	return (support_mock_start(&mock, seed ? seeded : plain, 2));
}

static void
mock_stop(void)
{
	CHECK_INT(support_mock_stop(&mock), 0);
}

static char *
login(const char *email)
{
	return (support_login(mock.url, email, SUPPORT_DEMO_PASSWORD));
}

static void
login_all(void)
{
	free(admin);
	free(organizer);
	free(staff);
	free(attendee);
	admin = login("admin@example.com");
	organizer = login("organizer@example.com");
	staff = login("staff@example.com");
	attendee = login("attendee@example.com");
	CHECK(admin != NULL && organizer != NULL && staff != NULL &&
	    attendee != NULL);
}

static void
test_start(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	snprintf(db_dir, sizeof db_dir, "%s/evtop-guests-XXXXXX",
	    getenv("TMPDIR") != NULL && strlen(getenv("TMPDIR")) < 40 ?
	    getenv("TMPDIR") : "/tmp");
	if (mkdtemp(db_dir) == NULL) {
		fprintf(stderr, "cannot make a temporary directory\n");
		exit(1);
	}
	snprintf(db_path, sizeof db_path, "%s/mock.db", db_dir);
	if (mock_start(1) != 0) {
		fprintf(stderr, "cannot start evtop-mock\n");
		exit(1);
	}
	login_all();
}

/* The id of the guest at the page's index i of a list answer. */
static int64_t
guest_at(const struct reply *r, size_t i, const char *key, const char **s)
{
	json_t	*g = json_array_get(json_object_get(r->json, "guests"), i);

	if (s != NULL)
		*s = json_string_value(json_object_get(g, key));
	return (json_integer_value(json_object_get(g, "id")));
}

static void
test_import(void)
{
	struct reply	 r;
	json_t		*list, *body, *e;
	char		*text, path[128];
	int		 i;

	/* Bulk: 3000 guests, a duplicate (other case) and two bad rows. */
	list = json_array();
	for (i = 0; i < IMPORTED; i++)
		json_array_append_new(list, json_pack("{ss ss ss}", "name",
		    "Guest", "email", "", "rsvp_status", i % 100 == 0 ?
		    "accepted" : "pending"));
	for (i = 0; i < IMPORTED; i++) {
		char	name[32], email[64];

		snprintf(name, sizeof name, "Guest %04d", IMPORTED - i);
		snprintf(email, sizeof email, "guest%d@example.org", i);
		json_object_set_new(json_array_get(list, (size_t)i), "name",
		    json_string(name));
		json_object_set_new(json_array_get(list, (size_t)i), "email",
		    json_string(email));
	}
	json_array_append_new(list, json_pack("{ss ss}", "name", "Again",
	    "email", "GUEST7@Example.org"));
	json_array_append_new(list, json_pack("{ss ss}", "name", "No email",
	    "email", "nowhere"));
	json_array_append_new(list, json_string("not an object"));
	body = json_pack("{so}", "guests", list);
	text = json_dumps(body, JSON_COMPACT);
	json_decref(body);
	snprintf(path, sizeof path, "/api/events/%d/guests?rsvp=accepted",
	    EVENT);
	call("GET", path, NULL, admin, NULL, NULL, &r);
	base_accepted = res_int(&r, "total");
	reply_done(&r);
	snprintf(path, sizeof path, "/api/events/%d/guests", EVENT);
	call("POST", path, text, admin, NULL, NULL, &r);
	CHECK_INT(r.status, 201);
	CHECK_INT(res_int(&r, "imported"), IMPORTED);
	CHECK_INT(res_int(&r, "skipped"), 1);
	CHECK_INT(json_array_size(json_object_get(r.json, "errors")), 2);
	e = json_array_get(json_object_get(r.json, "errors"), 0);
	CHECK_INT(json_integer_value(json_object_get(e, "index")),
	    IMPORTED + 1);
	CHECK_STR(json_string_value(json_object_get(e, "field")), "email");
	reply_done(&r);
	/* The same again: all skipped, never doubled. */
	call("POST", path, text, organizer, NULL, NULL, &r);
	CHECK_INT(r.status, 201);
	CHECK_INT(res_int(&r, "imported"), 0);
	CHECK_INT(res_int(&r, "skipped"), IMPORTED + 1);
	reply_done(&r);
	/* Staff read guest lists but do not change them. */
	CHECK_INT(status_of("POST", path, text, staff), 403);
	free(text);

	/* One guest: 201 with the guest; a bad one is a 400 by field. */
	call("POST", path, "{\"name\":\"Solo Guest\",\"email\":"
	    "\"solo@example.org\",\"phone\":\"+351 912 000 000\","
	    "\"notes\":\"Aisle seat\"}", organizer, NULL, NULL, &r);
	CHECK_INT(r.status, 201);
	CHECK_INT(res_int(&r, "imported"), 1);
	CHECK_STR(json_string_value(json_object_get(json_object_get(r.json,
	    "guest"), "rsvp_status")), "pending");
	CHECK_INT((int64_t)strlen(json_string_value(json_object_get(
	    json_object_get(r.json, "guest"), "ticket_code"))), 10);
	reply_done(&r);
	call("POST", path, "{\"name\":\"\",\"email\":\"x\"}", admin, NULL,
	    NULL, &r);
	CHECK_INT(r.status, 400);
	CHECK_STR(res_str(&r, "message"), "Validation failed");
	CHECK_INT(json_array_size(json_object_get(r.json, "errors")), 2);
	reply_done(&r);
	CHECK_INT(status_of("POST", path, "{\"guests\":[]}", admin), 400);
	CHECK_INT(status_of("POST", path, "{\"guests\":{}}", admin), 400);
	CHECK_INT(status_of("POST", path, "not json", admin), 400);
	CHECK_INT(status_of("POST", path, "{\"name\":\"A\",\"email\":"
	    "\"a@example.org\"}", NULL), 401);
	CHECK_INT(status_of("POST", path, "{\"name\":\"A\",\"email\":"
	    "\"a@example.org\"}", attendee), 403);
	CHECK_INT(status_of("POST", "/api/events/99999/guests",
	    "{\"name\":\"A\",\"email\":\"a@example.org\"}", admin), 404);
}

static void
test_list(void)
{
	struct reply	 r;
	const char	*s, *prev;
	char		 path[256], etag[128], inm[160];
	int64_t		 first, total;

	/* The event's registrations have guest rows too: count ours. */
	snprintf(path, sizeof path, "/api/events/%d/guests?q=example.org",
	    EVENT);
	call("GET", path, NULL, staff, NULL, NULL, &r);
	CHECK_INT(r.status, 200);
	total = res_int(&r, "total");
	CHECK_INT(total, IMPORTED + 1);
	CHECK_INT(res_int(&r, "page"), 1);
	CHECK_INT(res_int(&r, "per_page"), 50);
	CHECK_INT(json_array_size(json_object_get(r.json, "guests")), 50);
	/* By name: "Guest 0001" is the last one imported. */
	guest_at(&r, 0, "name", &s);
	CHECK_STR(s, "Guest 0001");
	CHECK(r.etag[0] != '\0');
	snprintf(etag, sizeof etag, "%s", r.etag);
	reply_done(&r);

	/* The same list again with its ETag: 304. */
	snprintf(inm, sizeof inm, "If-None-Match: %s", etag);
	call("GET", path, NULL, staff, NULL, inm, &r);
	CHECK_INT(r.status, 304);
	reply_done(&r);

	/* A deep page in creation order, and the last one by name. */
	snprintf(path, sizeof path, "/api/events/%d/guests?sort=created"
	    "&per_page=100&page=31&q=example.org", EVENT);
	call("GET", path, NULL, admin, NULL, NULL, &r);
	CHECK_INT(r.status, 200);
	CHECK_INT(json_array_size(json_object_get(r.json, "guests")), 1);
	guest_at(&r, 0, "name", &s);
	CHECK_STR(s, "Solo Guest");
	reply_done(&r);
	snprintf(path, sizeof path, "/api/events/%d/guests?sort=-name"
	    "&per_page=500&page=1", EVENT);
	call("GET", path, NULL, admin, NULL, NULL, &r);
	CHECK_INT(json_array_size(json_object_get(r.json, "guests")), 500);
	guest_at(&r, 0, "name", &prev);
	first = guest_at(&r, 499, "name", &s);
	CHECK(prev != NULL && s != NULL && strcasecmp(prev, s) > 0);
	CHECK(first > 0);
	reply_done(&r);

	/* Filters: totals that a client can page by. */
	snprintf(path, sizeof path, "/api/events/%d/guests?rsvp=accepted",
	    EVENT);
	call("GET", path, NULL, admin, NULL, NULL, &r);
	CHECK_INT(res_int(&r, "total"), IMPORTED / 100 + base_accepted);
	reply_done(&r);
	snprintf(path, sizeof path, "/api/events/%d/guests?q=guest29"
	    "&rsvp=pending", EVENT);
	call("GET", path, NULL, admin, NULL, NULL, &r);
	/* guest29, guest290-299, guest2900-2999: guest2900 accepted. */
	CHECK_INT(res_int(&r, "total"), 110);
	reply_done(&r);
	snprintf(path, sizeof path, "/api/events/%d/guests?q=SOLO@", EVENT);
	call("GET", path, NULL, admin, NULL, NULL, &r);
	CHECK_INT(res_int(&r, "total"), 1);
	reply_done(&r);

	snprintf(path, sizeof path, "/api/events/%d/guests?rsvp=maybe", EVENT);
	CHECK_INT(status_of("GET", path, NULL, admin), 400);
	snprintf(path, sizeof path, "/api/events/%d/guests?sort=age", EVENT);
	CHECK_INT(status_of("GET", path, NULL, admin), 400);
	snprintf(path, sizeof path, "/api/events/%d/guests?checked_in=soon",
	    EVENT);
	CHECK_INT(status_of("GET", path, NULL, admin), 400);
	snprintf(path, sizeof path, "/api/events/%d/guests?page=-1", EVENT);
	CHECK_INT(status_of("GET", path, NULL, admin), 400);
	snprintf(path, sizeof path, "/api/events/%d/guests", EVENT);
	CHECK_INT(status_of("GET", path, NULL, NULL), 401);
	CHECK_INT(status_of("GET", path, NULL, "not-a-token"), 401);
	CHECK_INT(status_of("GET", path, NULL, attendee), 403);
	CHECK_INT(status_of("GET", path, NULL, organizer), 200);
	CHECK_INT(status_of("GET", "/api/events/99999/guests", NULL, admin),
	    404);
}

static void
test_csv(void)
{
	struct reply	 r;
	const char	*csv_body =
	    "\xef\xbb\xbfName,E-mail,Phone,Notes,Ticket_code\r\n"
	    "\"Lovelace, Ada\",ada@example.org,,\"Likes \"\"tea\"\"\",XXX\r\n"
	    "Two Lines,two@example.org,,\"Line one\r\nLine two\",\r\n"
	    "'=Formula,formula@example.org,'+44 1,,\r\n"
	    "\r\n"
	    "No Email,,,,\r\n"
	    "\"broken\"x,b@example.org\r\n"
	    "Ada Again,ADA@example.org,,,\r\n";
	char		 path[128];

	snprintf(path, sizeof path, "/api/events/%d/guests.csv", OTHER);
	call("POST", path, csv_body, organizer, "text/csv; charset=utf-8",
	    NULL, &r);
	CHECK_INT(r.status, 201);
	CHECK_INT(res_int(&r, "imported"), 3);
	CHECK_INT(res_int(&r, "skipped"), 1);
	/* Rows are numbered from the first after the header. */
	CHECK_INT(json_array_size(json_object_get(r.json, "errors")), 2);
	CHECK_INT(json_integer_value(json_object_get(json_array_get(
	    json_object_get(r.json, "errors"), 0), "index")), 5);
	CHECK_INT(json_integer_value(json_object_get(json_array_get(
	    json_object_get(r.json, "errors"), 1), "index")), 6);
	reply_done(&r);
	call("POST", path, "name,email\r\nX,x@example.org\r\n", organizer,
	    "application/json", NULL, &r);
	CHECK_INT(r.status, 415);
	reply_done(&r);
	call("POST", path, "who,where\r\nX,x@example.org\r\n", organizer,
	    "text/csv", NULL, &r);
	CHECK_INT(r.status, 400);
	reply_done(&r);
	call("POST", path, "name,email\r\n", staff, "text/csv", NULL, &r);
	CHECK_INT(r.status, 403);
	reply_done(&r);

	/* Export: a header, one row a guest, quotes and the guard kept. */
	call("GET", path, NULL, staff, NULL, NULL, &r);
	CHECK_INT(r.status, 200);
	CHECK(strncmp(r.type, "text/csv", 8) == 0);
	CHECK(r.body != NULL && strncmp(r.body, "id,name,email,phone,"
	    "rsvp_status,ticket_code,", 36) == 0);
	CHECK(r.body != NULL && strstr(r.body, ",\"Lovelace, Ada\","
	    "ada@example.org,,pending,") != NULL);
	CHECK(r.body != NULL && strstr(r.body, "\"Likes \"\"tea\"\"\"") !=
	    NULL);
	CHECK(r.body != NULL && strstr(r.body, ",'=Formula,") != NULL);
	CHECK(r.body != NULL && strstr(r.body, ",'+44 1,") != NULL);
	CHECK(r.body != NULL && strstr(r.body, ",\"Line one\r\nLine two\",")
	    != NULL);
	reply_done(&r);
	snprintf(path, sizeof path, "/api/events/%d/guests.csv?q=example.org",
	    EVENT);
	call("GET", path, NULL, admin, NULL, NULL, &r);
	CHECK_INT(r.status, 200);
	{
		size_t	lines = 0;
		char	*p;

		for (p = r.body; p != NULL && (p = strstr(p, "\r\n")) != NULL;
		    p += 2)
			lines++;
		CHECK_INT(lines, IMPORTED + 2);	/* header + solo guest */
	}
	reply_done(&r);
	CHECK_INT(status_of("GET", path, NULL, attendee), 403);
	CHECK_INT(status_of("GET", "/api/events/99999/guests.csv", NULL,
	    admin), 404);
}

/* The id of the first guest a list query finds. */
static int64_t
find_guest(int event, const char *query)
{
	struct reply	r;
	char		path[256];
	int64_t		id;

	snprintf(path, sizeof path, "/api/events/%d/guests?%s", event, query);
	call("GET", path, NULL, admin, NULL, NULL, &r);
	id = guest_at(&r, 0, NULL, NULL);
	reply_done(&r);
	return (id);
}

static void
test_one_guest(void)
{
	struct reply	 r;
	char		 path[64], etag[128], hdr[160], body[256];
	int64_t		 id, version;

	id = find_guest(EVENT, "q=solo@example.org");
	CHECK(id > 0);
	snprintf(path, sizeof path, "/api/guests/%lld", (long long)id);

	call("GET", path, NULL, organizer, NULL, NULL, &r);
	CHECK_INT(r.status, 200);
	CHECK_STR(json_string_value(json_object_get(json_object_get(r.json,
	    "guest"), "notes")), "Aisle seat");
	CHECK(json_is_string(json_object_get(json_object_get(r.json, "guest"),
	    "rsvp_token")));
	CHECK(strncmp(r.etag, "\"v1-", 4) == 0);
	snprintf(etag, sizeof etag, "%s", r.etag);
	reply_done(&r);
	snprintf(hdr, sizeof hdr, "If-None-Match: %s", etag);
	call("GET", path, NULL, organizer, NULL, hdr, &r);
	CHECK_INT(r.status, 304);
	reply_done(&r);
	/* Staff see the guest, not the invitation link. */
	call("GET", path, NULL, staff, NULL, NULL, &r);
	CHECK_INT(r.status, 200);
	CHECK(json_object_get(json_object_get(r.json, "guest"),
	    "rsvp_token") == NULL);
	reply_done(&r);
	CHECK_INT(status_of("GET", path, NULL, attendee), 403);
	CHECK_INT(status_of("GET", "/api/guests/99999999", NULL, admin), 404);
	CHECK_INT(status_of("GET", "/api/guests/abc", NULL, admin), 404);

	/* Edit with the ETag; then that ETag is stale. */
	snprintf(hdr, sizeof hdr, "If-Match: %s", etag);
	call("PUT", path, "{\"phone\":\"+351 999 000 111\",\"rsvp_status\":"
	    "\"accepted\"}", organizer, NULL, hdr, &r);
	CHECK_INT(r.status, 200);
	version = json_integer_value(json_object_get(json_object_get(r.json,
	    "guest"), "version"));
	CHECK_INT(version, 2);
	CHECK(json_is_string(json_object_get(json_object_get(r.json, "guest"),
	    "responded_at")));
	reply_done(&r);
	call("PUT", path, "{\"name\":\"Lost Update\"}", admin, NULL, hdr, &r);
	CHECK_INT(r.status, 412);
	CHECK_STR(json_string_value(json_object_get(json_object_get(r.json,
	    "guest"), "name")), "Solo Guest");
	reply_done(&r);
	CHECK_INT(status_of("PUT", path, "{\"name\":\"Lost\",\"version\":1}",
	    admin), 412);
	snprintf(body, sizeof body, "{\"name\":\"Solo Renamed\","
	    "\"version\":%lld}", (long long)version);
	CHECK_INT(status_of("PUT", path, body, admin), 200);
	CHECK_INT(status_of("PUT", path, "{\"email\":\"bad\"}", admin), 400);
	call("PUT", path, "{\"email\":\"Guest5@example.org\"}", admin, NULL,
	    NULL, &r);
	CHECK_INT(r.status, 400);
	CHECK_STR(json_string_value(json_object_get(json_array_get(
	    json_object_get(r.json, "errors"), 0), "field")), "email");
	reply_done(&r);
	CHECK_INT(status_of("PUT", path, "{\"rsvp_status\":\"maybe\"}", admin),
	    400);
	CHECK_INT(status_of("PUT", path, "{\"notes\":\"x\"}", staff), 403);
	CHECK_INT(status_of("PUT", path, "{\"notes\":\"x\"}", NULL), 401);

	CHECK_INT(status_of("DELETE", path, NULL, staff), 403);
	CHECK_INT(status_of("DELETE", path, NULL, organizer), 200);
	CHECK_INT(status_of("GET", path, NULL, admin), 404);
	CHECK_INT(status_of("DELETE", path, NULL, organizer), 404);
}

/* The RSVP token of guest id (read as a manager). */
static char *
rsvp_token_of(int64_t id)
{
	struct reply	 r;
	char		 path[64], *token = NULL;
	const char	*s;

	snprintf(path, sizeof path, "/api/guests/%lld", (long long)id);
	call("GET", path, NULL, admin, NULL, NULL, &r);
	s = json_string_value(json_object_get(json_object_get(r.json,
	    "guest"), "rsvp_token"));
	if (s != NULL)
		token = strdup(s);
	reply_done(&r);
	return (token);
}

static void
test_rsvp(void)
{
	struct reply	 r;
	json_t		*list, *body;
	char		*token, *text, path[1024];
	int64_t		 id, capacity, accepted;
	int		 i;

	id = find_guest(EVENT, "q=guest1@example.org");
	token = rsvp_token_of(id);
	CHECK(token != NULL);
	if (token == NULL)
		return;
	snprintf(path, sizeof path, "/api/rsvp/%s", token);
	call("POST", path, "{\"response\":\"declined\"}", NULL, NULL, NULL,
	    &r);
	CHECK_INT(r.status, 200);
	CHECK_STR(json_string_value(json_object_get(json_object_get(r.json,
	    "guest"), "rsvp_status")), "declined");
	CHECK_INT(json_integer_value(json_object_get(json_object_get(r.json,
	    "event"), "id")), EVENT);
	reply_done(&r);
	call("POST", path, "{\"response\":\"accepted\"}", NULL, NULL, NULL,
	    &r);
	CHECK_INT(r.status, 200);
	CHECK_STR(json_string_value(json_object_get(json_object_get(r.json,
	    "guest"), "rsvp_status")), "accepted");
	reply_done(&r);
	CHECK_INT(status_of("POST", path, "{\"response\":\"maybe\"}", NULL),
	    400);
	CHECK_INT(status_of("POST", path, "{}", NULL), 400);

	/* A forged link, a sign-in token, garbage. */
	path[strlen(path) - 3] = path[strlen(path) - 3] == 'A' ? 'B' : 'A';
	CHECK_INT(status_of("POST", path, "{\"response\":\"accepted\"}", NULL),
	    400);
	snprintf(path, sizeof path, "/api/rsvp/%s", admin);
	CHECK_INT(status_of("POST", path, "{\"response\":\"accepted\"}", NULL),
	    400);
	CHECK_INT(status_of("POST", "/api/rsvp/nonsense",
	    "{\"response\":\"accepted\"}", NULL), 400);
	free(token);

	/* Fill the other event's seats: the next yes waits. */
	snprintf(path, sizeof path, "/api/events/%d", OTHER);
	call("GET", path, NULL, NULL, NULL, NULL, &r);
	capacity = json_integer_value(json_object_get(json_object_get(r.json,
	    "event"), "max_capacity"));
	reply_done(&r);
	snprintf(path, sizeof path, "/api/events/%d/guests?rsvp=accepted",
	    OTHER);
	call("GET", path, NULL, admin, NULL, NULL, &r);
	accepted = res_int(&r, "total");
	reply_done(&r);
	list = json_array();
	for (i = 0; i < capacity - accepted + 1; i++) {
		char	email[64];

		snprintf(email, sizeof email, "seat%d@example.org", i);
		json_array_append_new(list, json_pack("{ss ss ss}", "name",
		    "Seat", "email", email, "rsvp_status", i == 0 ? "pending" :
		    "accepted"));
	}
	body = json_pack("{so}", "guests", list);
	text = json_dumps(body, JSON_COMPACT);
	json_decref(body);
	snprintf(path, sizeof path, "/api/events/%d/guests", OTHER);
	CHECK_INT(status_of("POST", path, text, admin), 201);
	free(text);
	id = find_guest(OTHER, "q=seat0@example.org");
	token = rsvp_token_of(id);
	snprintf(path, sizeof path, "/api/rsvp/%s", token != NULL ? token :
	    "none");
	call("POST", path, "{\"response\":\"accepted\"}", NULL, NULL, NULL,
	    &r);
	CHECK_INT(r.status, 200);
	CHECK_STR(json_string_value(json_object_get(json_object_get(r.json,
	    "guest"), "rsvp_status")), "waitlisted");
	reply_done(&r);
	/* A guest deleted since the invitation went out: 404. */
	snprintf(path, sizeof path, "/api/guests/%lld", (long long)id);
	CHECK_INT(status_of("DELETE", path, NULL, admin), 200);
	snprintf(path, sizeof path, "/api/rsvp/%s", token != NULL ? token :
	    "none");
	CHECK_INT(status_of("POST", path, "{\"response\":\"accepted\"}", NULL),
	    404);
	free(token);
}

static int64_t
event_checked_in(int event)
{
	struct reply	r;
	char		path[64];
	int64_t		n;

	snprintf(path, sizeof path, "/api/events/%d", event);
	call("GET", path, NULL, NULL, NULL, NULL, &r);
	n = json_integer_value(json_object_get(json_object_get(r.json,
	    "event"), "checked_in"));
	reply_done(&r);
	return (n);
}

/* A ticket code of a guest found by query. */
static void
code_of(int event, const char *query, char *code, size_t len)
{
	struct reply	 r;
	char		 path[256];
	const char	*s = NULL;

	snprintf(path, sizeof path, "/api/events/%d/guests?%s", event, query);
	call("GET", path, NULL, admin, NULL, NULL, &r);
	guest_at(&r, 0, "ticket_code", &s);
	snprintf(code, len, "%s", s != NULL ? s : "none");
	reply_done(&r);
}

static void
test_checkin(void)
{
	struct reply	 r;
	char		 path[96], body[256], code[32], other[32], first[32];
	char		 when[32];
	int64_t		 before, id;
	time_t		 t;

	snprintf(path, sizeof path, "/api/events/%d/checkin", EVENT);
	code_of(EVENT, "q=guest100@example.org", code, sizeof code);
	code_of(OTHER, "q=ada@example.org", other, sizeof other);
	before = event_checked_in(EVENT);

	snprintf(body, sizeof body, "{\"code\":\"%s\",\"nonce\":\"scan-1\"}",
	    code);
	call("POST", path, body, staff, NULL, NULL, &r);
	CHECK_INT(r.status, 200);
	CHECK_STR(json_string_value(json_object_get(json_object_get(r.json,
	    "guest"), "ticket_code")), code);
	snprintf(first, sizeof first, "%s", res_str(&r, "checked_in_at") ?
	    res_str(&r, "checked_in_at") : "");
	CHECK(json_object_get(r.json, "replayed") == NULL);
	reply_done(&r);
	CHECK_INT(event_checked_in(EVENT), before + 1);

	/* The same scan again: its first answer, replayed. */
	call("POST", path, body, staff, NULL, NULL, &r);
	CHECK_INT(r.status, 200);
	CHECK(json_is_true(json_object_get(r.json, "replayed")));
	CHECK_STR(res_str(&r, "checked_in_at"), first);
	reply_done(&r);
	/* Another scan of the ticket: 409 with the first time. */
	snprintf(body, sizeof body, "{\"code\":\"%s\",\"nonce\":\"scan-2\"}",
	    code);
	call("POST", path, body, admin, NULL, NULL, &r);
	CHECK_INT(r.status, 409);
	CHECK_STR(res_str(&r, "checked_in_at"), first);
	CHECK(json_is_object(json_object_get(r.json, "guest")));
	CHECK(res_str(&r, "message") != NULL);
	reply_done(&r);
	CHECK_INT(event_checked_in(EVENT), before + 1);
	/* A nonce used for one code cannot check in another. */
	snprintf(body, sizeof body, "{\"code\":\"%s\",\"nonce\":\"scan-1\"}",
	    other);
	CHECK_INT(status_of("POST", path, body, staff), 400);

	snprintf(body, sizeof body, "{\"code\":\"%s\"}", other);
	call("POST", path, body, staff, NULL, NULL, &r);
	CHECK_INT(r.status, 404);
	CHECK_STR(res_str(&r, "message"), "This ticket is not for this event");
	reply_done(&r);
	CHECK_INT(status_of("POST", path, "{\"code\":\"NOSUCHCODE\"}", staff),
	    404);
	CHECK_INT(status_of("POST", path, "{\"code\":\"\"}", staff), 400);
	CHECK_INT(status_of("POST", path, "{}", staff), 400);
	CHECK_INT(status_of("POST", path, "{\"code\":\"X\",\"nonce\":7}",
	    staff), 400);
	snprintf(body, sizeof body, "{\"code\":\"%s\"}", code);
	CHECK_INT(status_of("POST", path, body, attendee), 403);
	CHECK_INT(status_of("POST", path, body, NULL), 401);
	CHECK_INT(status_of("POST", "/api/events/99999/checkin", body, staff),
	    404);

	/* An offline scan keeps its time; one from the future is refused. */
	code_of(EVENT, "q=guest101@example.org", code, sizeof code);
	json_util_format_time(time(NULL) + 3600, when, sizeof when);
	snprintf(body, sizeof body, "{\"code\":\"%s\",\"scanned_at\":\"%s\"}",
	    code, when);
	CHECK_INT(status_of("POST", path, body, staff), 400);
	snprintf(body, sizeof body, "{\"code\":\"%s\",\"scanned_at\":\"soon\"}",
	    code);
	CHECK_INT(status_of("POST", path, body, staff), 400);
	json_util_format_time(time(NULL) - 600, when, sizeof when);
	snprintf(body, sizeof body, "{\"code\":\"%s\",\"scanned_at\":\"%s\"}",
	    code, when);
	call("POST", path, body, staff, NULL, NULL, &r);
	CHECK_INT(r.status, 200);
	CHECK_STR(res_str(&r, "checked_in_at"), when);
	reply_done(&r);

	/* A guest id does as well as a code; declined gets in, warned. */
	id = find_guest(EVENT, "q=guest1@example.org");
	snprintf(body, sizeof body, "{\"rsvp_status\":\"declined\"}");
	snprintf(path, sizeof path, "/api/guests/%lld", (long long)id);
	CHECK_INT(status_of("PUT", path, body, admin), 200);
	snprintf(path, sizeof path, "/api/events/%d/checkin", EVENT);
	snprintf(body, sizeof body, "{\"code\":%lld}", (long long)id);
	call("POST", path, body, organizer, NULL, NULL, &r);
	CHECK_INT(r.status, 200);
	CHECK(res_str(&r, "warning") != NULL);
	CHECK(json_util_parse_time(res_str(&r, "checked_in_at"), &t) == 0);
	reply_done(&r);
	/* Waitlisted: no seat, not admitted. */
	id = find_guest(EVENT, "q=guest102@example.org");
	snprintf(path, sizeof path, "/api/guests/%lld", (long long)id);
	CHECK_INT(status_of("PUT", path, "{\"rsvp_status\":\"waitlisted\"}",
	    admin), 200);
	snprintf(path, sizeof path, "/api/events/%d/checkin", EVENT);
	snprintf(body, sizeof body, "{\"code\":\"%lld\"}", (long long)id);
	call("POST", path, body, staff, NULL, NULL, &r);
	CHECK_INT(r.status, 409);
	CHECK_STR(res_str(&r, "reason"), "waitlisted");
	reply_done(&r);
	CHECK_INT(event_checked_in(EVENT), before + 3);

	/* Undo: once, then there is nothing to undo. */
	id = find_guest(EVENT, "q=guest100@example.org");
	snprintf(path, sizeof path, "/api/events/%d/checkin/%lld", EVENT,
	    (long long)id);
	CHECK_INT(status_of("DELETE", path, NULL, attendee), 403);
	call("DELETE", path, NULL, staff, NULL, NULL, &r);
	CHECK_INT(r.status, 200);
	CHECK(json_is_null(json_object_get(json_object_get(r.json, "guest"),
	    "checked_in_at")));
	reply_done(&r);
	CHECK_INT(status_of("DELETE", path, NULL, staff), 404);
	snprintf(path, sizeof path, "/api/events/%d/checkin/%lld", OTHER,
	    (long long)id);
	CHECK_INT(status_of("DELETE", path, NULL, staff), 404);
	CHECK_INT(event_checked_in(EVENT), before + 2);
}

static void
test_registration_guest(void)
{
	struct reply	 r;
	char		 path[128];
	int64_t		 id;

	snprintf(path, sizeof path, "/api/events/%d/register", EVENT);
	CHECK_INT(status_of("POST", path, NULL, attendee), 201);
	snprintf(path, sizeof path, "/api/events/%d/guests?q=attendee@example"
	    ".com", EVENT);
	call("GET", path, NULL, admin, NULL, NULL, &r);
	CHECK_INT(res_int(&r, "total"), 1);
	id = guest_at(&r, 0, NULL, NULL);
	CHECK(json_is_integer(json_object_get(json_array_get(json_object_get(
	    r.json, "guests"), 0), "user_id")));
	reply_done(&r);
	/* Its RSVP follows the registration, not an edit or a link. */
	snprintf(path, sizeof path, "/api/guests/%lld", (long long)id);
	CHECK_INT(status_of("PUT", path, "{\"rsvp_status\":\"declined\"}",
	    admin), 400);
	CHECK_INT(status_of("PUT", path, "{\"notes\":\"VIP\"}", admin), 200);
	CHECK_INT(status_of("DELETE", path, NULL, admin), 409);
	call("GET", path, NULL, admin, NULL, NULL, &r);
	CHECK_STR(json_string_value(json_object_get(json_object_get(r.json,
	    "guest"), "rsvp_status")), "accepted");
	CHECK(json_object_get(json_object_get(r.json, "guest"),
	    "rsvp_token") == NULL);
	reply_done(&r);
	snprintf(path, sizeof path, "/api/events/%d/register", EVENT);
	CHECK_INT(status_of("DELETE", path, NULL, attendee), 200);
	snprintf(path, sizeof path, "/api/guests/%lld", (long long)id);
	call("GET", path, NULL, admin, NULL, NULL, &r);
	CHECK_STR(json_string_value(json_object_get(json_object_get(r.json,
	    "guest"), "rsvp_status")), "declined");
	reply_done(&r);
}

/* Every guest route wants a token, and the right role for the event. */
static void
test_roles(void)
{
	static const struct {
		const char	*method;
		const char	*path;	/* %d: the event, %lld: a guest */
		const char	*body;
		int		 staff;	/* staff may (1) or may not (0) */
	} routes[] = {
		{ "GET", "/api/events/%d/guests", NULL, 1 },
		{ "POST", "/api/events/%d/guests", "{\"name\":\"R\","
		  "\"email\":\"roles@example.org\"}", 0 },
		{ "GET", "/api/events/%d/guests.csv", NULL, 1 },
		{ "POST", "/api/events/%d/guests.csv", "name,email\r\n", 0 },
		{ "GET", "/api/guests/%lld", NULL, 1 },
		{ "PUT", "/api/guests/%lld", "{\"notes\":\"roles\"}", 0 },
		{ "DELETE", "/api/guests/%lld", NULL, 0 },
		{ "POST", "/api/events/%d/checkin", "{\"code\":\"%lld\"}", 1 },
		{ "DELETE", "/api/events/%d/checkin/%lld", NULL, 1 },
	};
	char	path[128], body[128];
	size_t	i;
	int64_t	id;
	long	status;

	id = find_guest(EVENT, "q=guest300@example.org");
	for (i = 0; i < sizeof routes / sizeof routes[0]; i++) {
		if (strstr(routes[i].path, "%d") == NULL)
			snprintf(path, sizeof path, routes[i].path,
			    (long long)id);
		else
			snprintf(path, sizeof path, routes[i].path, EVENT,
			    (long long)id);
		snprintf(body, sizeof body, "%s", routes[i].body != NULL ?
		    routes[i].body : "");
		if (strstr(body, "%lld") != NULL)
			snprintf(body, sizeof body, routes[i].body,
			    (long long)id);
		status = status_of(routes[i].method, path,
		    routes[i].body != NULL ? body : NULL, NULL);
		if (status != 401)
			fprintf(stderr, "%s %s: %ld\n", routes[i].method, path,
			    status);
		CHECK_INT(status, 401);
		CHECK_INT(status_of(routes[i].method, path,
		    routes[i].body != NULL ? body : NULL, attendee), 403);
		if (!routes[i].staff)
			CHECK_INT(status_of(routes[i].method, path,
			    routes[i].body != NULL ? body : NULL, staff), 403);
	}
}

static void
test_replay_after_restart(void)
{
	struct reply	 r;
	char		 path[96], body[256], code[32];

	code_of(EVENT, "q=guest200@example.org", code, sizeof code);
	snprintf(path, sizeof path, "/api/events/%d/checkin", EVENT);
	snprintf(body, sizeof body, "{\"code\":\"%s\",\"nonce\":"
	    "\"station-7-0001\"}", code);
	CHECK_INT(status_of("POST", path, body, staff), 200);

	mock_stop();
	CHECK_INT(mock_start(0), 0);
	login_all();
	call("POST", path, body, staff, NULL, NULL, &r);
	CHECK_INT(r.status, 200);
	CHECK(json_is_true(json_object_get(r.json, "replayed")));
	reply_done(&r);
	/* And the guests are all still there. */
	snprintf(path, sizeof path, "/api/events/%d/guests?per_page=1"
	    "&q=example.org", EVENT);
	call("GET", path, NULL, admin, NULL, NULL, &r);
	CHECK_INT(res_int(&r, "total"), IMPORTED);	/* solo was deleted */
	reply_done(&r);
}

static void
test_stop(void)
{
	mock_stop();
	free(admin);
	free(organizer);
	free(staff);
	free(attendee);
	test_remove_sqlite(db_path);
	rmdir(db_dir);
	curl_global_cleanup();
}

TEST_MAIN(
	TEST_CASE(test_start),
	TEST_CASE(test_import),
	TEST_CASE(test_list),
	TEST_CASE(test_csv),
	TEST_CASE(test_one_guest),
	TEST_CASE(test_rsvp),
	TEST_CASE(test_checkin),
	TEST_CASE(test_registration_guest),
	TEST_CASE(test_roles),
	TEST_CASE(test_replay_after_restart),
	TEST_CASE(test_stop))
