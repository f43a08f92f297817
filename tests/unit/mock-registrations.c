/* Registration rules of evtop-mock on an in-memory store. */
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "checkin.h"
#include "db.h"
#include "events.h"
#include "guests.h"
#include "hub.h"
#include "mock.h"
#include "notify.h"
#include "registrations.h"
#include "registrations-list.h"
#include "seed.h"
#include "simulate.h"
#include "stats.h"
#include "users.h"
#include "xmalloc.h"
#include "mock-fixture.h"
#include "test.h"

#define NOW	1781510400	/* 2026-06-15T08:00:00Z */

static struct mock	m;

static void
setup(void)
{
	mock_fixture_open(&m, NULL, 64, 64, 0);
}

static void
teardown(void)
{
	mock_fixture_close(&m);
}

static int64_t
make_user(int n)
{
	char	email[64];

	snprintf(email, sizeof email, "user%d@example.org", n);
	return (mock_fixture_user(&m, email, "User", "attendee", NOW));
}

static int64_t
make_event(int64_t capacity, const char *status)
{
	struct event_new	ev = { .title = "Test", .date_time = NOW + 86400,
	    .max_capacity = capacity, .status = status };

	return (mock_fixture_event(&m, &ev, NOW));
}

static int
reg(int64_t user, int64_t event, char *status, size_t len)
{
	struct registration	 r;
	char			*cause = NULL;
	int			 rc;

	rc = registrations_create(&m, user, event, NOW, &r, &cause);
	if (rc == 0 && status != NULL)
		snprintf(status, len, "%s", r.status);
	free(cause);
	return (rc);
}

static void
test_capacity_and_waitlist(void)
{
	struct event_counters	 c;
	struct registration	 r;
	int64_t			 ev, users[5];
	char			 status[16], *cause = NULL;
	int			 i;

	setup();
	ev = make_event(3, "published");
	for (i = 0; i < 5; i++)
		users[i] = make_user(i);
	for (i = 0; i < 5; i++) {
		CHECK_INT(reg(users[i], ev, status, sizeof status), 0);
		CHECK_STR(status, i < 3 ? "confirmed" : "waitlisted");
	}
	events_counters(m.db, ev, &c);
	CHECK_INT(c.confirmed, 3);
	CHECK_INT(c.waitlisted, 2);
	CHECK_INT(c.available, 0);
	/* The queue in promotion order; a confirmed seat has no place. */
	for (i = 0; i < 5; i++) {
		registrations_find(&m, users[i], ev, &r);
		CHECK_INT(registrations_waitlist_position(&m, &r),
		    i < 3 ? 0 : i - 2);
	}
	/* A seat freed: the first in line is confirmed, the next moves up. */
	CHECK_INT(registrations_cancel(&m, users[0], ev, NOW, NULL, &cause),
	    0);
	registrations_find(&m, users[4], ev, &r);
	CHECK_INT(registrations_waitlist_position(&m, &r), 1);
	free(cause);
	teardown();
}

static void
test_no_double_registration(void)
{
	struct event_counters	c;
	int64_t			ev, u;

	setup();
	ev = make_event(10, "published");
	u = make_user(1);
	CHECK_INT(reg(u, ev, NULL, 0), REGISTRATIONS_OK);
	CHECK_INT(reg(u, ev, NULL, 0), REGISTRATIONS_CONFLICT);
	events_counters(m.db, ev, &c);
	CHECK_INT(c.confirmed, 1);
	teardown();
}

static void
test_closed_and_missing(void)
{
	int64_t	u;

	setup();
	u = make_user(1);
	CHECK_INT(reg(u, make_event(10, "draft"), NULL, 0),
	    REGISTRATIONS_CLOSED);
	CHECK_INT(reg(u, make_event(10, "cancelled"), NULL, 0),
	    REGISTRATIONS_CLOSED);
	CHECK_INT(reg(u, 999, NULL, 0), REGISTRATIONS_NOT_FOUND);
	CHECK_INT(reg(999, make_event(10, "published"), NULL, 0),
	    REGISTRATIONS_NOT_FOUND);
	teardown();
}

static void
test_cancel_promotes_first_waitlisted(void)
{
	struct registration	 r;
	struct event_counters	 c;
	int64_t			 ev, a, b, d, promoted = -1;
	char			*cause = NULL;

	setup();
	ev = make_event(1, "published");
	a = make_user(1);
	b = make_user(2);
	d = make_user(3);
	reg(a, ev, NULL, 0);
	reg(b, ev, NULL, 0);
	reg(d, ev, NULL, 0);
	CHECK_INT(registrations_cancel(&m, a, ev, NOW, &promoted, &cause), 0);
	CHECK_INT(promoted, b);
	registrations_find(&m, b, ev, &r);
	CHECK_STR(r.status, "confirmed");
	registrations_find(&m, d, ev, &r);
	CHECK_STR(r.status, "waitlisted");
	events_counters(m.db, ev, &c);
	CHECK_INT(c.confirmed, 1);
	CHECK_INT(c.waitlisted, 1);

	/* Cancelling a waitlisted one promotes nobody. */
	CHECK_INT(registrations_cancel(&m, d, ev, NOW, &promoted, &cause), 0);
	CHECK_INT(promoted, 0);
	/* Nothing to cancel twice. */
	CHECK_INT(registrations_cancel(&m, d, ev, NOW, &promoted, &cause),
	    REGISTRATIONS_NOT_FOUND);
	free(cause);
	/* A cancelled user may register again, at the back of the queue. */
	CHECK_INT(reg(a, ev, NULL, 0), 0);
	registrations_find(&m, a, ev, &r);
	CHECK_STR(r.status, "waitlisted");
	teardown();
}

static void
test_checkin(void)
{
	struct event_counters	 c;
	int64_t			 ev, a, b;
	char			*cause = NULL;

	setup();
	ev = make_event(1, "published");
	a = make_user(1);
	b = make_user(2);
	reg(a, ev, NULL, 0);
	reg(b, ev, NULL, 0);
	CHECK_INT(registrations_checkin(&m, a, ev, NOW, &cause), 0);
	CHECK_INT(registrations_checkin(&m, a, ev, NOW, &cause),
	    REGISTRATIONS_CONFLICT);
	free(cause);
	cause = NULL;
	CHECK_INT(registrations_checkin(&m, b, ev, NOW, &cause),
	    REGISTRATIONS_CONFLICT);	/* waitlisted */
	free(cause);
	cause = NULL;
	CHECK_INT(registrations_checkin(&m, make_user(3), ev, NOW, &cause),
	    REGISTRATIONS_NOT_FOUND);
	free(cause);
	events_counters(m.db, ev, &c);
	CHECK_INT(c.checked_in, 1);
	teardown();
}

/* The RSVP status of the user's guest row at event, "" when it has none. */
static const char *
guest_rsvp(int64_t user, int64_t event)
{
	static char	 buf[16];
	sqlite3_stmt	*stmt;

	buf[0] = '\0';
	stmt = db_stmt(m.db, "SELECT rsvp_status FROM guests WHERE user_id = ?"
	    " AND event_id = ?");
	sqlite3_bind_int64(stmt, 1, user);
	sqlite3_bind_int64(stmt, 2, event);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		snprintf(buf, sizeof buf, "%s", db_text(stmt, 0));
	sqlite3_reset(stmt);
	return (buf);
}

/* Every change of a registration's status reaches its guest row. */
static void
test_guest_rows_follow(void)
{
	struct event_edit	 ed;
	struct guests_counts	 gc;
	int64_t			 ev, u[5], promoted, *filled;
	size_t			 n;
	char			*cause = NULL;
	int			 i;

	setup();
	ev = make_event(1, "published");
	for (i = 0; i < 5; i++)
		u[i] = make_user(i);
	for (i = 0; i < 5; i++)
		reg(u[i], ev, NULL, 0);
	CHECK_STR(guest_rsvp(u[0], ev), "accepted");
	CHECK_STR(guest_rsvp(u[1], ev), "waitlisted");

	/* Cancel: declined; the promoted one: accepted. */
	CHECK_INT(registrations_cancel(&m, u[0], ev, NOW, &promoted, &cause),
	    0);
	CHECK_INT(promoted, u[1]);
	CHECK_STR(guest_rsvp(u[0], ev), "declined");
	CHECK_STR(guest_rsvp(u[1], ev), "accepted");

	/* More seats: the next two are accepted, the last still waits. */
	memset(&ed, 0, sizeof ed);
	ed.max_capacity = 3;
	CHECK_INT(db_begin(m.db, &cause), 0);
	CHECK_INT(events_update(m.db, ev, &ed, NOW, &cause), 0);
	CHECK_INT(registrations_fill_seats(&m, ev, &filled, &n, &cause), 0);
	CHECK_INT(db_commit(m.db, &cause), 0);
	CHECK_INT(n, 2);
	free(filled);
	CHECK_STR(guest_rsvp(u[2], ev), "accepted");
	CHECK_STR(guest_rsvp(u[3], ev), "accepted");
	CHECK_STR(guest_rsvp(u[4], ev), "waitlisted");
	guests_counts(m.db, ev, &gc);
	CHECK_INT(gc.accepted, 3);
	CHECK_INT(gc.waitlisted, 1);
	CHECK_INT(gc.declined, 1);

	/* Registering again: the same row, waitlisted, not a second one. */
	CHECK_INT(reg(u[0], ev, NULL, 0), 0);
	CHECK_STR(guest_rsvp(u[0], ev), "waitlisted");
	guests_counts(m.db, ev, &gc);
	CHECK_INT(gc.total, 5);

	/* Cancelling the event keeps the list; deleting it takes it away. */
	memset(&ed, 0, sizeof ed);
	ed.status = "cancelled";
	CHECK_INT(events_update(m.db, ev, &ed, NOW, &cause), 0);
	CHECK_STR(guest_rsvp(u[2], ev), "accepted");
	CHECK_INT(events_delete(m.db, ev, &cause), 0);
	CHECK_STR(guest_rsvp(u[2], ev), "");
	guests_counts(m.db, ev, &gc);
	CHECK_INT(gc.total, 0);
	teardown();
}

/* The id of the user's guest row at event, as a door would type it. */
static void
guest_code(int64_t user, int64_t event, char *buf, size_t len)
{
	sqlite3_stmt	*stmt;

	stmt = db_stmt(m.db, "SELECT id FROM guests WHERE user_id = ?"
	    " AND event_id = ?");
	sqlite3_bind_int64(stmt, 1, user);
	sqlite3_bind_int64(stmt, 2, event);
	snprintf(buf, len, "%lld", (long long)db_int(m.db, stmt, 0));
}

static enum checkin_result
door(int64_t event, const char *code)
{
	struct checkin_scan	 scan;
	enum checkin_result	 rc;
	json_t			*answer;

	memset(&scan, 0, sizeof scan);
	scan.event_id = event;
	scan.code = code;
	scan.at = scan.now = NOW;
	rc = checkin_scan(&m, &scan, &answer);
	json_decref(answer);
	return (rc);
}

/* The number of registrations in list whose checked_in_at is set. */
static int
count_checked(const json_t *list)
{
	size_t	 i;
	int	 n = 0;

	for (i = 0; i < json_array_size(list); i++) {
		if (json_is_string(json_object_get(json_array_get(list, i),
		    "checked_in_at")))
			n++;
	}
	return (n);
}

static int64_t
stat_take(json_t *obj, const char *key)
{
	int64_t	v;

	v = json_integer_value(json_object_get(obj, key));
	json_decref(obj);
	return (v);
}

/*
 * Checked in at the door (by guest id, a registered person, an imported
 * guest, one who cancelled) or through the registration: every answer
 * counts and dates them the same.
 */
static void
test_checkins_agree(void)
{
	struct registration	 r;
	struct registrations_query q;
	struct event_counters	 c;
	struct guests_counts	 gc;
	struct guests_import	 im;
	struct guest_input	 in;
	int64_t			 ev, u[4], total;
	json_t			*list;
	char			 code[32], *cause = NULL;
	int			 i;

	setup();
	ev = make_event(10, "published");
	for (i = 0; i < 4; i++) {
		u[i] = make_user(i);
		reg(u[i], ev, NULL, 0);
	}
	memset(&in, 0, sizeof in);
	in.name = xstrdup("Walk In");
	in.email = xstrdup("walkin@example.org");
	guests_import_init(&im, m.db, ev, NOW);
	CHECK_INT(guests_import_add(&im, 0, &in, &cause), 0);
	guests_import_done(&im);
	guests_input_done(&in);

	CHECK_INT(registrations_checkin(&m, u[0], ev, NOW, &cause), 0);
	guest_code(u[1], ev, code, sizeof code);
	CHECK_INT(door(ev, code), CHECKIN_OK);
	CHECK_INT(registrations_cancel(&m, u[2], ev, NOW, NULL, &cause), 0);
	guest_code(u[2], ev, code, sizeof code);
	CHECK_INT(door(ev, code), CHECKIN_OK);
	snprintf(code, sizeof code, "%lld", (long long)im.last_id);
	CHECK_INT(door(ev, code), CHECKIN_OK);
	/* Either way in, the other way sees it. */
	CHECK_INT(registrations_checkin(&m, u[1], ev, NOW, &cause),
	    REGISTRATIONS_CONFLICT);
	free(cause);
	cause = NULL;
	guest_code(u[0], ev, code, sizeof code);
	CHECK_INT(door(ev, code), CHECKIN_ALREADY);

	registrations_find(&m, u[1], ev, &r);
	CHECK_INT(r.checked_in_at, NOW);
	registrations_find(&m, u[2], ev, &r);
	CHECK_INT(r.checked_in_at, NOW);
	registrations_find(&m, u[3], ev, &r);
	CHECK_INT(r.checked_in_at, 0);
	memset(&q, 0, sizeof q);
	q.page = 1;
	q.per_page = 50;
	q.status = "all";
	list = registrations_list_event(m.db, ev, &q, &total);
	CHECK_INT(count_checked(list), 3);
	json_decref(list);
	list = registrations_list_user(m.db, u[1], &q, &total);
	CHECK_INT(count_checked(list), 1);
	json_decref(list);

	events_counters(m.db, ev, &c);
	CHECK_INT(c.checked_in, 4);
	guests_counts(m.db, ev, &gc);
	CHECK_INT(gc.checked_in, 4);
	CHECK_INT(stat_take(stats_event_json(m.db, ev, NOW + 60, 0, 5),
	    "checked_in"), 4);
	CHECK_INT(stat_take(stats_global_json(m.db, NOW), "checked_in"), 4);

	/* An undo at the door reaches the registration. */
	guest_code(u[1], ev, code, sizeof code);
	{
		json_t	*answer;

		CHECK_INT(checkin_undo(&m, ev, strtoll(code, NULL, 10),
		    &answer), CHECKIN_OK);
		json_decref(answer);
	}
	registrations_find(&m, u[1], ev, &r);
	CHECK_INT(r.checked_in_at, 0);
	CHECK_INT(stat_take(stats_global_json(m.db, NOW), "checked_in"), 3);
	teardown();
}

struct seen {
	int	counters;
	int	created;
	int	promoted;
	int	checkin;
	int	notification;
	uint64_t last;
	int	ordered;
};

static void
collect(uint64_t seq, const char *text, void *arg)
{
	struct seen	*s = arg;

	if (seq <= s->last)
		s->ordered = 0;
	s->last = seq;
	if (strstr(text, "\"type\":\"counters\"") != NULL)
		s->counters++;
	if (strstr(text, "\"type\":\"registration.created\"") != NULL)
		s->created++;
	if (strstr(text, "\"type\":\"registration.promoted\"") != NULL)
		s->promoted++;
	if (strstr(text, "\"type\":\"checkin\"") != NULL)
		s->checkin++;
	if (strstr(text, "\"type\":\"notification\"") != NULL)
		s->notification++;
}

static void
test_envelopes_published(void)
{
	struct seen	 s;
	int64_t		 ev, a, b;
	char		*cause = NULL;

	setup();
	ev = make_event(1, "published");
	a = make_user(1);
	b = make_user(2);
	reg(a, ev, NULL, 0);
	reg(b, ev, NULL, 0);
	registrations_cancel(&m, a, ev, NOW, NULL, &cause);
	registrations_checkin(&m, b, ev, NOW, &cause);
	CHECK(notify_post(&m, "activity", "warning", "Test", "Test is 90% full",
	    ev, NOW, &cause) > 0);
	CHECK_INT(notify_post(&m, "activity", "loud", "Test", "x", ev, NOW,
	    &cause), 0);
	free(cause);

	memset(&s, 0, sizeof s);
	s.ordered = 1;
	hub_replay_each(m.hub, 0, collect, &s);
	CHECK_INT(s.created, 2);
	CHECK_INT(s.promoted, 1);
	CHECK_INT(s.checkin, 1);
	CHECK_INT(s.counters, 4);
	CHECK_INT(s.notification, 1);
	CHECK(s.ordered);
	/* A failed action publishes nothing. */
	CHECK_INT(reg(b, ev, NULL, 0), REGISTRATIONS_CONFLICT);
	CHECK_INT(hub_seq(m.hub), s.last);
	teardown();
}

static void
test_seed_demo(void)
{
	struct user	 u;
	struct event_counters c;
	struct auth	*auth;
	json_t		*ev;
	int64_t		 soonest;
	char		*cause = NULL;

	setup();
	auth = auth_new(NULL, 0, 4, 3600);
	m.auth = auth;
	CHECK_INT(seed_demo(&m, NOW, 0, &cause), 0);
	free(cause);
	CHECK_INT(users_find_by_email(m.db, "admin@example.com", &u), 0);
	CHECK_STR(u.role, "admin");
	CHECK_STR(u.name, "Ada Admin");
	CHECK(auth_check_password(u.password_hash, "evtop-demo"));
	users_done(&u);
	CHECK_INT(users_find_by_email(m.db, "attendee@example.com", &u), 0);
	CHECK_STR(u.role, "attendee");
	users_done(&u);

	soonest = events_soonest(m.db, NOW);
	ev = events_get_json(m.db, soonest);
	CHECK_STR(json_string_value(json_object_get(ev, "title")),
	    "Evtop Launch Party");
	json_decref(ev);
	events_counters(m.db, soonest, &c);
	CHECK_INT(c.capacity, 200);
	CHECK(c.confirmed >= 110 && c.confirmed <= 130);
	CHECK(c.checked_in > 0);
	/*
	 * Demo guests, with an account or without, have ticket codes of one
	 * shape (guests.h: 10 characters, no 0/O/1/I), each once, and every
	 * registration its guest row.
	 */
	CHECK_INT(db_int(m.db, db_stmt(m.db, "SELECT COUNT(*) FROM guests"
	    " WHERE length(ticket_code) <> 10 OR ticket_code GLOB '*[01IO]*'"
	    " OR ticket_code NOT GLOB '*[A-Z]*'"), -1), 0);
	CHECK(db_int(m.db, db_stmt(m.db, "SELECT COUNT(*) FROM guests"
	    " WHERE user_id IS NULL"), 0) > 240);
	CHECK_INT(db_int(m.db, db_stmt(m.db, "SELECT COUNT(*) FROM"
	    " registrations r WHERE NOT EXISTS (SELECT 1 FROM guests g WHERE"
	    " g.user_id = r.user_id AND g.event_id = r.event_id)"), -1), 0);
	/*
	 * Seeding publishes its three history notifications and nothing of
	 * the hundreds of registrations it writes.
	 */
	CHECK_INT(hub_seq(m.hub), 3);
	auth_free(auth);
	m.auth = NULL;
	teardown();
}

static void
test_simulate_changes_soonest(void)
{
	struct event_counters	before, after;
	struct auth		*auth;
	unsigned int		 rng = 1;
	int64_t			 soonest;
	char			*cause = NULL;
	int			 i;

	setup();
	auth = auth_new(NULL, 0, 4, 3600);
	m.auth = auth;
	seed_demo(&m, NOW, 12, &cause);
	soonest = events_soonest(m.db, NOW);
	events_counters(m.db, soonest, &before);
	for (i = 0; i < 200; i++)
		simulate_step(&m, &rng, NOW);
	events_counters(m.db, soonest, &after);
	CHECK(before.confirmed != after.confirmed ||
	    before.checked_in != after.checked_in ||
	    before.waitlisted != after.waitlisted);
	CHECK(after.confirmed <= after.capacity);
	CHECK(hub_seq(m.hub) > 0);
	auth_free(auth);
	m.auth = NULL;
	teardown();
}

TEST_MAIN(
	TEST_CASE(test_capacity_and_waitlist),
	TEST_CASE(test_no_double_registration),
	TEST_CASE(test_closed_and_missing),
	TEST_CASE(test_cancel_promotes_first_waitlisted),
	TEST_CASE(test_checkin),
	TEST_CASE(test_guest_rows_follow),
	TEST_CASE(test_checkins_agree),
	TEST_CASE(test_envelopes_published),
	TEST_CASE(test_seed_demo),
	TEST_CASE(test_simulate_changes_soonest))
