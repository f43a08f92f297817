/*
 * Events, users and registration lists of evtop-mock on an in-memory
 * store: list filters and orders, the query plan of a page, edits,
 * seats filled from the waitlist, profiles and stats, the demo seed.
 */
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "db.h"
#include "events.h"
#include "http.h"
#include "hub.h"
#include "mock.h"
#include "registrations-list.h"
#include "registrations.h"
#include "routes.h"
#include "seed.h"
#include "users.h"
#include "mock-fixture.h"
#include "test.h"

#define NOW	1781510400	/* 2026-06-15T08:00:00Z */
#define DAY	86400

static struct mock	m;

static void
setup(void)
{
	mock_fixture_open(&m, NULL, 256, 256, 0);
}

static void
teardown(void)
{
	mock_fixture_close(&m);
}

static int64_t
make_user(const char *email, const char *role)
{
	return (mock_fixture_user(&m, email, "User", role, NOW));
}

struct spec {
	const char	*title;
	const char	*description;
	const char	*location;
	time_t		 date_time;
	int64_t		 capacity;
	const char	*status;
	const char	*category;
	int64_t		 created_by;
	time_t		 created_at;
};

static int64_t
make_event(const struct spec *s)
{
	struct event_new	 ev;

	memset(&ev, 0, sizeof ev);
	ev.title = s->title;
	ev.description = s->description;
	ev.location = s->location;
	ev.date_time = s->date_time != 0 ? s->date_time : NOW + DAY;
	ev.max_capacity = s->capacity != 0 ? s->capacity : 10;
	ev.status = s->status;
	ev.category = s->category;
	ev.created_by = s->created_by;
	return (mock_fixture_event(&m, &ev,
	    s->created_at != 0 ? s->created_at : NOW));
}

static void
query_init(struct events_query *q)
{
	memset(q, 0, sizeof *q);
	q->page = 1;
	q->per_page = EVENTS_PER_PAGE_MAX;
	q->now = NOW;
}

/* The listed ids as "1,2,3" into buf, and the total. */
static int64_t
list_ids(const struct events_query *q, char *buf, size_t len)
{
	json_t	*list, *ev;
	int64_t	 total;
	size_t	 i, at = 0;

	list = events_list_json(m.db, q, &total);
	buf[0] = '\0';
	json_array_foreach(list, i, ev) {
		at += (size_t)snprintf(buf + at, len - at, "%s%lld",
		    i > 0 ? "," : "",
		    (long long)json_integer_value(json_object_get(ev, "id")));
		if (at >= len)
			break;
	}
	json_decref(list);
	return (total);
}

/*
 * The default page walks index events_date in order and stops after a
 * page; its counters are searches of registrations_event, never scans.
 */
static void
test_list_plan(void)
{
	sqlite3_stmt	*stmt;
	const char	*line;
	char		 sql[16384];
	int		 date_index = 0, bad = 0;

	setup();
	snprintf(sql, sizeof sql, "EXPLAIN QUERY PLAN %s", events_list_sql(0));
	CHECK_INT(sqlite3_prepare_v2(db_handle(m.db), sql, -1, &stmt, NULL),
	    SQLITE_OK);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		line = (const char *)sqlite3_column_text(stmt, 3);
		if (strstr(line, "events_date") != NULL)
			date_index = 1;
		/* A scan is fine through an index or of the page itself. */
		if (strstr(line, "TEMP B-TREE") != NULL ||
		    (strncmp(line, "SCAN ", 5) == 0 &&
		    strstr(line, "USING") == NULL && strcmp(line, "SCAN p") != 0)) {
			fprintf(stderr, "plan: %s\n", line);
			bad = 1;
		}
	}
	sqlite3_finalize(stmt);
	CHECK(date_index);
	CHECK(!bad);
	teardown();
}

static void
test_sorts(void)
{
	struct events_query	q;
	struct spec		s;
	char			ids[256];

	setup();
	memset(&s, 0, sizeof s);
	s.title = "beta";
	s.date_time = NOW + 3 * DAY;
	s.capacity = 30;
	s.created_at = NOW - 1;
	make_event(&s);			/* 1 */
	s.title = "Alpha";
	s.date_time = NOW + 1 * DAY;
	s.capacity = 10;
	s.created_at = NOW - 3;
	make_event(&s);			/* 2 */
	s.title = "gamma";
	s.date_time = NOW + 2 * DAY;
	s.capacity = 20;
	s.created_at = NOW - 2;
	make_event(&s);			/* 3 */

	query_init(&q);
	CHECK_INT(list_ids(&q, ids, sizeof ids), 3);
	CHECK_STR(ids, "2,3,1");
	q.sort = events_sort_find("-date");
	list_ids(&q, ids, sizeof ids);
	CHECK_STR(ids, "1,3,2");
	/* Titles compare without regard to case. */
	q.sort = events_sort_find("title");
	list_ids(&q, ids, sizeof ids);
	CHECK_STR(ids, "2,1,3");
	q.sort = events_sort_find("-title");
	list_ids(&q, ids, sizeof ids);
	CHECK_STR(ids, "3,1,2");
	q.sort = events_sort_find("created");
	list_ids(&q, ids, sizeof ids);
	CHECK_STR(ids, "2,3,1");
	q.sort = events_sort_find("-capacity");
	list_ids(&q, ids, sizeof ids);
	CHECK_STR(ids, "1,3,2");
	CHECK_INT(events_sort_find("popularity"), -1);
	CHECK(strstr(events_sort_names(), "-capacity") != NULL);

	/* Pages keep the order. */
	q.sort = events_sort_find("title");
	q.per_page = 2;
	q.page = 2;
	CHECK_INT(list_ids(&q, ids, sizeof ids), 3);
	CHECK_STR(ids, "3");
	teardown();
}

static void
test_filters(void)
{
	struct events_query	q;
	struct spec		s;
	char			ids[256];
	int64_t			org, other, admin;

	setup();
	org = make_user("org@example.org", "organizer");
	other = make_user("other@example.org", "organizer");
	admin = make_user("admin@example.org", "admin");
	memset(&s, 0, sizeof s);
	s.title = "Rust Meetup";
	s.description = "Borrow checking for 100% of us";
	s.location = "Berlin, Factory";
	s.category = "meetup";
	s.created_by = org;
	make_event(&s);					/* 1 */
	s.title = "C_Workshop";
	s.description = "Pointers";
	s.location = "Lisbon";
	s.category = "workshop";
	s.date_time = NOW + 10 * DAY;
	make_event(&s);					/* 2 */
	s.title = "Old news";
	s.location = "Berlin";
	s.date_time = NOW - DAY;
	make_event(&s);					/* 3 */
	s.title = "Secret plans";
	s.date_time = NOW + 5 * DAY;
	s.status = "draft";
	make_event(&s);					/* 4 */
	s.title = "Other draft";
	s.created_by = other;
	make_event(&s);					/* 5 */

	query_init(&q);
	CHECK_INT(list_ids(&q, ids, sizeof ids), 2);
	CHECK_STR(ids, "1,2");
	q.include_past = 1;
	CHECK_INT(list_ids(&q, ids, sizeof ids), 3);
	CHECK_STR(ids, "3,1,2");

	/* q: title, description or location, in any case. */
	q.q = "rust";
	list_ids(&q, ids, sizeof ids);
	CHECK_STR(ids, "1");
	q.q = "POINTERS";
	list_ids(&q, ids, sizeof ids);
	CHECK_STR(ids, "3,2");
	q.q = "berlin";
	list_ids(&q, ids, sizeof ids);
	CHECK_STR(ids, "3,1");
	/* LIKE's wildcards are plain characters in a search. */
	q.q = "100%";
	list_ids(&q, ids, sizeof ids);
	CHECK_STR(ids, "1");
	q.q = "c_w";
	list_ids(&q, ids, sizeof ids);
	CHECK_STR(ids, "2");
	q.q = "c%w";
	CHECK_INT(list_ids(&q, ids, sizeof ids), 0);
	q.q = NULL;

	q.location = "BERLIN";
	list_ids(&q, ids, sizeof ids);
	CHECK_STR(ids, "3,1");
	q.location = NULL;
	q.category = "workshop";
	list_ids(&q, ids, sizeof ids);
	CHECK_STR(ids, "3,2");
	q.category = NULL;
	q.has_from = 1;
	q.date_from = NOW;
	q.has_to = 1;
	q.date_to = NOW + 2 * DAY;
	list_ids(&q, ids, sizeof ids);
	CHECK_STR(ids, "1");
	q.has_from = q.has_to = 0;

	/* Drafts: their creator's and admins' only. */
	q.include_past = 0;
	q.viewer_id = other;
	list_ids(&q, ids, sizeof ids);
	CHECK_STR(ids, "1,5,2");
	q.viewer_id = org;
	list_ids(&q, ids, sizeof ids);
	CHECK_STR(ids, "1,4,2");
	q.viewer_id = admin;
	q.viewer_admin = 1;
	list_ids(&q, ids, sizeof ids);
	CHECK_STR(ids, "1,4,5,2");
	q.status = "draft";
	list_ids(&q, ids, sizeof ids);
	CHECK_STR(ids, "4,5");
	q.status = NULL;
	q.created_by = other;
	list_ids(&q, ids, sizeof ids);
	CHECK_STR(ids, "5");
	teardown();
}

static void
test_update(void)
{
	struct event_edit	 ed;
	struct spec		 s;
	json_t			*ev;
	int64_t			 id, version;
	char			*cause = NULL;

	setup();
	memset(&s, 0, sizeof s);
	s.title = "Before";
	s.description = "Kept";
	id = make_event(&s);
	memset(&ed, 0, sizeof ed);
	ed.title = "After";
	ed.max_capacity = 99;
	CHECK_INT(events_update(m.db, id, &ed, NOW + 60, &cause), 0);
	ev = events_get_json(m.db, id);
	CHECK_STR(json_string_value(json_object_get(ev, "title")), "After");
	CHECK_STR(json_string_value(json_object_get(ev, "description")),
	    "Kept");
	CHECK_STR(json_string_value(json_object_get(ev, "updated_at")),
	    "2026-06-15T08:01:00Z");
	CHECK_INT(json_integer_value(json_object_get(ev, "max_capacity")), 99);
	json_decref(ev);
	CHECK_INT(events_owner(m.db, id, NULL, &version), 0);
	CHECK_INT(version, 2);
	CHECK_INT(events_update(m.db, 999, &ed, NOW, &cause), 1);
	CHECK_INT(events_delete(m.db, id, &cause), 0);
	CHECK_INT(events_delete(m.db, id, &cause), 1);
	CHECK(events_get_json(m.db, id) == NULL);
	free(cause);
	teardown();
}

/* A larger capacity takes the head of the waitlist, in order. */
static void
test_fill_seats(void)
{
	struct registration	 r;
	struct event_counters	 c;
	struct event_edit	 ed;
	struct spec		 s;
	int64_t			 ev, users[6], *promoted;
	size_t			 n;
	char			 email[64], *cause = NULL;
	int			 i;

	setup();
	memset(&s, 0, sizeof s);
	s.title = "Small";
	s.capacity = 2;
	ev = make_event(&s);
	for (i = 0; i < 6; i++) {
		snprintf(email, sizeof email, "u%d@example.org", i);
		users[i] = make_user(email, "attendee");
		CHECK_INT(registrations_create(&m, users[i], ev, NOW + i, NULL,
		    &cause), 0);
	}
	/* No seats yet: nobody moves. */
	CHECK_INT(registrations_fill_seats(&m, ev, &promoted, &n, &cause), 0);
	CHECK_INT(n, 0);
	CHECK(promoted == NULL);

	memset(&ed, 0, sizeof ed);
	ed.max_capacity = 4;
	CHECK_INT(db_begin(m.db, &cause), 0);
	CHECK_INT(events_update(m.db, ev, &ed, NOW, &cause), 0);
	CHECK_INT(registrations_fill_seats(&m, ev, &promoted, &n, &cause), 0);
	CHECK_INT(db_commit(m.db, &cause), 0);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_INT(promoted[0], users[2]);
		CHECK_INT(promoted[1], users[3]);
	}
	registrations_publish_promoted(&m, ev, promoted, n);
	free(promoted);
	registrations_find(&m, users[3], ev, &r);
	CHECK_STR(r.status, "confirmed");
	registrations_find(&m, users[4], ev, &r);
	CHECK_STR(r.status, "waitlisted");
	events_counters(m.db, ev, &c);
	CHECK_INT(c.confirmed, 4);
	CHECK_INT(c.waitlisted, 2);
	free(cause);
	teardown();
}

static void
test_registration_lists(void)
{
	struct registrations_query	 rq;
	struct spec			 s;
	json_t				*list;
	int64_t				 a, b, e1, e2, total;
	char				*cause = NULL;

	setup();
	a = make_user("a@example.org", "attendee");
	b = make_user("b@example.org", "attendee");
	memset(&s, 0, sizeof s);
	s.title = "Later";
	s.capacity = 1;
	s.date_time = NOW + 2 * DAY;
	e1 = make_event(&s);
	s.title = "Sooner";
	s.date_time = NOW + DAY;
	e2 = make_event(&s);
	registrations_create(&m, a, e1, NOW, NULL, &cause);
	registrations_create(&m, b, e1, NOW, NULL, &cause);
	registrations_create(&m, a, e2, NOW, NULL, &cause);
	registrations_cancel(&m, a, e2, NOW, NULL, &cause);

	memset(&rq, 0, sizeof rq);
	rq.page = 1;
	rq.per_page = 10;
	list = registrations_list_event(m.db, e1, &rq, &total);
	CHECK_INT(total, 2);
	CHECK_STR(json_string_value(json_object_get(json_array_get(list, 0),
	    "status")), "confirmed");
	CHECK_STR(json_string_value(json_object_get(json_array_get(list, 1),
	    "user_email")), "b@example.org");
	json_decref(list);
	rq.status = "waitlisted";
	list = registrations_list_event(m.db, e1, &rq, &total);
	CHECK_INT(total, 1);
	json_decref(list);

	/* The user's live ones; cancelled on demand; soonest event first. */
	rq.status = NULL;
	list = registrations_list_user(m.db, a, &rq, &total);
	CHECK_INT(total, 1);
	CHECK_STR(json_string_value(json_object_get(json_array_get(list, 0),
	    "event_title")), "Later");
	json_decref(list);
	rq.status = "all";
	list = registrations_list_user(m.db, a, &rq, &total);
	CHECK_INT(total, 2);
	CHECK_STR(json_string_value(json_object_get(json_array_get(list, 0),
	    "event_title")), "Sooner");
	CHECK_STR(json_string_value(json_object_get(json_array_get(list, 0),
	    "status")), "cancelled");
	json_decref(list);
	CHECK(registrations_list_status_valid("all"));
	CHECK(!registrations_list_status_valid("maybe"));
	free(cause);
	teardown();
}

static void
test_profile_and_stats(void)
{
	struct users_stats	 st;
	struct user		 u;
	struct spec		 s;
	int64_t			 a, b, past, future;
	char			*cause = NULL;

	setup();
	a = make_user("a@example.org", "organizer");
	b = make_user("b@example.org", "organizer");
	CHECK_INT(users_update_profile(m.db, a, NULL, "B@EXAMPLE.ORG",
	    &cause), 1);
	CHECK_INT(users_update_profile(m.db, a, "Ann", "ann@example.org",
	    &cause), 0);
	CHECK_INT(users_find(m.db, a, &u), 0);
	CHECK_STR(u.name, "Ann");
	CHECK_STR(u.email, "ann@example.org");
	users_done(&u);
	/* The same address in another case is still one's own. */
	CHECK_INT(users_update_profile(m.db, a, NULL, "ANN@example.org",
	    &cause), 0);

	memset(&s, 0, sizeof s);
	s.title = "Mine";
	s.created_by = a;
	make_event(&s);
	s.created_by = b;
	s.date_time = NOW - DAY;
	past = make_event(&s);
	s.date_time = NOW + DAY;
	future = make_event(&s);
	registrations_create(&m, a, future, NOW - 2 * DAY, NULL, &cause);
	registrations_create(&m, a, past, NOW - 2 * DAY, NULL, &cause);
	users_stats(m.db, a, NOW, &st);
	CHECK_INT(st.events_created, 1);
	CHECK_INT(st.events_registered, 2);
	CHECK_INT(st.upcoming_events, 1);
	free(cause);
	teardown();
}

/* The demo: each role meets events it may and may not change or see. */
static void
test_seed_owners(void)
{
	struct events_query	 q;
	struct user		 org, staff;
	sqlite3_stmt		*stmt;
	char			 ids[4096], *cause = NULL;
	int64_t			 all, admins, drafts;

	setup();
	m.auth = auth_new(NULL, 0, 4, 3600);
	CHECK_INT(seed_demo(&m, NOW, 0, &cause), 0);
	CHECK_INT(users_find_by_email(m.db, "staff@example.com", &staff), 0);
	CHECK_STR(staff.role, "staff");
	users_done(&staff);
	CHECK_INT(users_find_by_email(m.db, "organizer@example.com", &org), 0);

	query_init(&q);
	q.include_past = 1;
	q.viewer_admin = 1;
	all = list_ids(&q, ids, sizeof ids);
	CHECK_INT(all, SEED_EVENTS);
	q.created_by = org.id;
	CHECK(list_ids(&q, ids, sizeof ids) > SEED_EVENTS / 2);
	stmt = db_stmt(m.db, "SELECT COUNT(*) FROM events e JOIN users u"
	    " ON u.id = e.created_by WHERE u.role = 'admin'");
	admins = db_int(m.db, stmt, 0);
	CHECK(admins >= 3);
	CHECK(admins < all / 2);
	q.created_by = 0;
	q.status = "draft";
	drafts = list_ids(&q, ids, sizeof ids);
	CHECK_INT(drafts, 2);
	/* The organizer sees one of the two drafts: their own. */
	q.viewer_admin = 0;
	q.viewer_id = org.id;
	CHECK_INT(list_ids(&q, ids, sizeof ids), 1);
	q.status = "cancelled";
	CHECK(list_ids(&q, ids, sizeof ids) >= 1);
	users_done(&org);
	free(cause);
	teardown();
}

/* --seed N: that many events, with registrations, some full. */
static void
test_seed_many(void)
{
	struct events_query	 q;
	sqlite3_stmt		*stmt;
	char			 ids[64], *cause = NULL;

	setup();
	m.auth = auth_new(NULL, 0, 4, 3600);
	CHECK_INT(seed_demo(&m, NOW, 10000, &cause), 0);
	query_init(&q);
	q.include_past = 1;
	q.viewer_admin = 1;
	q.per_page = 1;
	CHECK_INT(list_ids(&q, ids, sizeof ids), 10000);
	stmt = db_stmt(m.db, "SELECT COUNT(*) FROM registrations");
	CHECK(db_int(m.db, stmt, 0) > 10000);
	stmt = db_stmt(m.db, "SELECT COUNT(DISTINCT event_id) FROM"
	    " registrations WHERE status = 'waitlisted'");
	CHECK(db_int(m.db, stmt, 0) > 1000);
	free(cause);
	teardown();
}

static void
wake(void *arg)
{
	(void)arg;
}

/* The type of the next frame queued for c ("" when none). */
static const char *
next_type(struct hub_client *c)
{
	static char	 type[64];
	const char	*text;
	json_t		*f;
	size_t		 len;

	type[0] = '\0';
	if ((text = hub_client_peek(c, &len)) == NULL)
		return (type);
	if ((f = json_loadb(text, len, 0, NULL)) != NULL) {
		snprintf(type, sizeof type, "%s",
		    json_string_value(json_object_get(f, "type")));
		json_decref(f);
	}
	hub_client_pop(c);
	return (type);
}

/* Sends one request through the routes as the bearer of token. */
static int
dispatch(const char *method, const char *path, const char *body,
    const char *token, int64_t *id)
{
	struct http_req	*req;
	const char	*b;
	size_t		 len;
	json_t		*j;
	char		 auth[1024];
	int		 status;

	req = http_req_new(strcmp(method, "POST") == 0 ? HTTP_POST :
	    strcmp(method, "PUT") == 0 ? HTTP_PUT : strcmp(method,
	    "DELETE") == 0 ? HTTP_DELETE : HTTP_GET, path);
	snprintf(auth, sizeof auth, "Bearer %s", token);
	http_req_set_header(req, "Authorization", auth);
	if (body != NULL)
		http_req_append_body(req, body, strlen(body));
	routes_dispatch(&m, req);
	status = http_res_status(req);
	b = http_res_body(req, &len);
	if (id != NULL && (j = json_loadb(b, len, 0, NULL)) != NULL) {
		*id = json_integer_value(json_object_get(json_object_get(j,
		    "event"), "id"));
		json_decref(j);
	}
	http_req_free(req);
	return (status);
}

static void
subscribe(struct hub_client *c, const char *topic)
{
	json_t	*t;
	char	*cause = NULL;

	t = json_pack("[s]", topic);
	CHECK_INT(hub_client_subscribe(c, t, 0, 0, &cause), 0);
	json_decref(t);
	free(cause);
}

/*
 * Writes announce themselves: "events" hears of every event but drafts,
 * which only "event:ID" carries, and only to their creator and admins;
 * an event going into or out of draft is, to "events", one deleted or
 * created.  The hub holds to that even for a client subscribed to a
 * draft's topic behind the WebSocket's back.
 */
static void
test_envelopes(void)
{
	struct hub_client	*all, *one, *eve;
	char			*token, path[64], topic[32];
	int64_t			 org, pub, draft;

	setup();
	m.auth = auth_new(NULL, 0, 4, 3600);
	org = make_user("org@example.org", "organizer");
	token = auth_sign_token(m.auth, org, "organizer", "org@example.org",
	    time(NULL));
	all = hub_client_new(m.hub, wake, NULL);
	one = hub_client_new(m.hub, wake, NULL);
	eve = hub_client_new(m.hub, wake, NULL);
	hub_client_set_user(one, org, 0);
	hub_client_set_user(eve, org + 1000, 0);
	subscribe(all, "events");

	CHECK_INT(dispatch("POST", "/api/events", "{\"title\":\"P\","
	    "\"date_time\":\"2099-01-01T00:00:00Z\",\"location\":\"L\","
	    "\"max_capacity\":1}", token, &pub), 201);
	CHECK_STR(next_type(all), "event.created");
	CHECK_INT(dispatch("POST", "/api/events", "{\"title\":\"D\","
	    "\"date_time\":\"2099-01-01T00:00:00Z\",\"location\":\"L\","
	    "\"max_capacity\":1,\"status\":\"draft\"}", token, &draft), 201);
	CHECK_STR(next_type(all), "");
	snprintf(topic, sizeof topic, "event:%lld", (long long)draft);
	subscribe(one, topic);
	subscribe(eve, topic);

	snprintf(path, sizeof path, "/api/events/%lld", (long long)draft);
	CHECK_INT(dispatch("PUT", path, "{\"title\":\"D2\"}", token, NULL),
	    200);
	CHECK_STR(next_type(all), "");
	CHECK_STR(next_type(one), "event.updated");
	CHECK_STR(next_type(eve), "");
	CHECK_INT(dispatch("PUT", path, "{\"status\":\"published\"}", token,
	    NULL), 200);
	CHECK_STR(next_type(all), "event.created");
	CHECK_STR(next_type(one), "event.updated");
	CHECK_STR(next_type(eve), "event.updated");
	/* Made a draft again: gone for eve, who loses the topic. */
	CHECK_INT(dispatch("PUT", path, "{\"status\":\"draft\"}", token,
	    NULL), 200);
	CHECK_STR(next_type(all), "event.deleted");
	CHECK_STR(next_type(all), "");
	CHECK_STR(next_type(one), "event.updated");
	CHECK_STR(next_type(one), "");
	CHECK_STR(next_type(eve), "event.deleted");
	CHECK(!hub_client_subscribed(eve, topic));
	CHECK(hub_client_subscribed(one, topic));
	CHECK_INT(dispatch("DELETE", path, NULL, token, NULL), 200);
	CHECK_STR(next_type(all), "");
	CHECK_STR(next_type(one), "event.deleted");
	CHECK(!hub_client_subscribed(one, topic));
	CHECK_STR(next_type(eve), "");

	/* A published event: updates and its end reach everyone. */
	snprintf(path, sizeof path, "/api/events/%lld", (long long)pub);
	CHECK_INT(dispatch("PUT", path, "{\"max_capacity\":5}", token, NULL),
	    200);
	CHECK_STR(next_type(all), "event.updated");
	CHECK_STR(next_type(all), "counters");
	CHECK_INT(dispatch("DELETE", path, NULL, token, NULL), 200);
	CHECK_STR(next_type(all), "event.deleted");
	CHECK_STR(next_type(all), "");
	/* Refused writes say nothing. */
	CHECK_INT(dispatch("PUT", path, "{\"title\":\"x\"}", token, NULL),
	    404);
	CHECK_STR(next_type(all), "");

	hub_client_free(all);
	hub_client_free(one);
	hub_client_free(eve);
	free(token);
	teardown();
}

TEST_MAIN(
	TEST_CASE(test_list_plan),
	TEST_CASE(test_sorts),
	TEST_CASE(test_filters),
	TEST_CASE(test_update),
	TEST_CASE(test_fill_seats),
	TEST_CASE(test_registration_lists),
	TEST_CASE(test_profile_and_stats),
	TEST_CASE(test_envelopes),
	TEST_CASE(test_seed_owners),
	TEST_CASE(test_seed_many))
