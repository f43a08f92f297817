/*
 * The registration counts kept by triggers (registration_counts) against
 * fresh COUNT(*)s of the registrations, after every path that writes them
 * and after reopening a file made before the table existed.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth.h"
#include "db.h"
#include "events.h"
#include "hub.h"
#include "mock.h"
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
setup(const char *path)
{
	mock_fixture_open(&m, path, 64, 64, 0);
}

static void
teardown(void)
{
	mock_fixture_close(&m);
}

static int64_t
count(const char *sql)
{
	return (db_int(m.db, db_stmt(m.db, sql), -1));
}

/*
 * Events whose kept counts differ from a fresh count, plus kept rows of
 * events that are gone: 0 when everything agrees.
 */
static int64_t
disagreements(void)
{
	return (count("SELECT COUNT(*) FROM events e"
	    " LEFT JOIN registration_counts rc ON rc.event_id = e.id"
	    " WHERE COALESCE(rc.confirmed, 0) != (SELECT COUNT(*)"
	    "  FROM registrations r WHERE r.event_id = e.id"
	    "  AND r.status = 'confirmed')"
	    " OR COALESCE(rc.waitlisted, 0) != (SELECT COUNT(*)"
	    "  FROM registrations r WHERE r.event_id = e.id"
	    "  AND r.status = 'waitlisted')"
	    " OR COALESCE(rc.cancelled, 0) != (SELECT COUNT(*)"
	    "  FROM registrations r WHERE r.event_id = e.id"
	    "  AND r.status = 'cancelled')") +
	    count("SELECT COUNT(*) FROM registration_counts"
	    " WHERE event_id NOT IN (SELECT id FROM events)"));
}

static int64_t
fresh(int64_t event, const char *status)
{
	sqlite3_stmt	*stmt;

	stmt = db_stmt(m.db, "SELECT COUNT(*) FROM registrations"
	    " WHERE event_id = ? AND status = ?");
	sqlite3_bind_int64(stmt, 1, event);
	sqlite3_bind_text(stmt, 2, status, -1, SQLITE_STATIC);
	return (db_int(m.db, stmt, -1));
}

/* What a user of the API reads agrees with a fresh count too. */
static void
check_event(int64_t event)
{
	struct registrations_query	 q;
	struct event_counters		 c;
	json_t				*ev, *list;
	int64_t				 total;
	const char			*statuses[] = {
		"confirmed", "waitlisted", "cancelled"
	};
	size_t				 i;

	CHECK_INT(events_counters(m.db, event, &c), 0);
	CHECK_INT(c.confirmed, fresh(event, "confirmed"));
	CHECK_INT(c.waitlisted, fresh(event, "waitlisted"));
	ev = events_get_json(m.db, event);
	CHECK(ev != NULL);
	CHECK_INT(json_integer_value(json_object_get(ev,
	    "current_registrations")), c.confirmed);
	CHECK_INT(json_integer_value(json_object_get(ev, "waitlisted")),
	    c.waitlisted);
	json_decref(ev);

	memset(&q, 0, sizeof q);
	q.page = 1;
	q.per_page = 1;
	list = registrations_list_event(m.db, event, &q, &total);
	CHECK_INT(total, c.confirmed + c.waitlisted);
	json_decref(list);
	for (i = 0; i < sizeof statuses / sizeof statuses[0]; i++) {
		q.status = statuses[i];
		list = registrations_list_event(m.db, event, &q, &total);
		CHECK_INT(total, fresh(event, statuses[i]));
		json_decref(list);
	}
	q.status = "all";
	list = registrations_list_event(m.db, event, &q, &total);
	CHECK_INT(total, fresh(event, "confirmed") +
	    fresh(event, "waitlisted") + fresh(event, "cancelled"));
	json_decref(list);
}

static int64_t
make_user(int n)
{
	char	email[64];

	snprintf(email, sizeof email, "count%d@example.org", n);
	return (mock_fixture_user(&m, email, "User", "attendee", NOW));
}

static int64_t
make_event(int64_t capacity)
{
	struct event_new	ev = { .title = "Counted", .date_time = NOW + 86400,
	    .max_capacity = capacity, .status = "published" };

	return (mock_fixture_event(&m, &ev, NOW));
}

static int
reg(int64_t user, int64_t event)
{
	char	*cause = NULL;
	int	 rc;

	rc = registrations_create(&m, user, event, NOW, NULL, &cause);
	free(cause);
	return (rc);
}

static int
unreg(int64_t user, int64_t event)
{
	char	*cause = NULL;
	int	 rc;

	rc = registrations_cancel(&m, user, event, NOW, NULL, &cause);
	free(cause);
	return (rc);
}

/* PUT /api/events/:id with a larger max_capacity, as routes do it. */
static void
grow(int64_t event, int64_t capacity)
{
	struct event_edit	 ed;
	int64_t			*users = NULL;
	size_t			 n = 0;
	char			*cause = NULL;

	memset(&ed, 0, sizeof ed);
	ed.max_capacity = capacity;
	CHECK_INT(db_begin(m.db, &cause), 0);
	CHECK_INT(events_update(m.db, event, &ed, NOW, &cause), 0);
	CHECK_INT(registrations_fill_seats(&m, event, &users, &n, &cause), 0);
	CHECK_INT(db_commit(m.db, &cause), 0);
	free(users);
	free(cause);
}

static void
test_every_path(void)
{
	struct auth	*auth;
	int64_t		 a, b, users[12];
	unsigned int	 rng = 7;
	char		*cause = NULL;
	int		 i;

	setup(NULL);
	a = make_event(3);
	b = make_event(2);
	for (i = 0; i < 12; i++)
		users[i] = make_user(i);
	CHECK_INT(disagreements(), 0);

	/* Create: 3 confirmed, 5 waitlisted on a; 2 and 1 on b. */
	for (i = 0; i < 8; i++)
		CHECK_INT(reg(users[i], a), 0);
	for (i = 8; i < 11; i++)
		CHECK_INT(reg(users[i], b), 0);
	CHECK_INT(fresh(a, "confirmed"), 3);
	CHECK_INT(fresh(a, "waitlisted"), 5);
	CHECK_INT(disagreements(), 0);
	check_event(a);

	/* Cancel a confirmed one (promotes), then a waitlisted one. */
	CHECK_INT(unreg(users[0], a), 0);
	CHECK_INT(unreg(users[7], a), 0);
	CHECK_INT(fresh(a, "confirmed"), 3);
	CHECK_INT(fresh(a, "waitlisted"), 3);
	CHECK_INT(fresh(a, "cancelled"), 2);
	CHECK_INT(disagreements(), 0);

	/* Register again after cancelling: the cancelled row comes back. */
	CHECK_INT(reg(users[0], a), 0);
	CHECK_INT(fresh(a, "cancelled"), 1);
	CHECK_INT(disagreements(), 0);

	/* Check-in changes no count. */
	CHECK_INT(registrations_checkin(&m, users[1], a, NOW, &cause), 0);
	CHECK_INT(disagreements(), 0);

	/* More seats: the waitlist fills them. */
	grow(a, 5);
	CHECK_INT(fresh(a, "confirmed"), 5);
	CHECK_INT(fresh(a, "waitlisted"), 2);
	CHECK_INT(disagreements(), 0);
	check_event(a);
	check_event(b);

	/* A user deleted takes registrations with them (a cascade). */
	CHECK_INT(db_exec(m.db, "DELETE FROM users WHERE email ="
	    " 'count9@example.org'", &cause), 0);
	CHECK_INT(fresh(b, "confirmed"), 1);
	CHECK_INT(disagreements(), 0);
	check_event(b);

	/* An event deleted takes its kept row with it. */
	CHECK_INT(events_delete(m.db, b, &cause), 0);
	CHECK_INT(count("SELECT COUNT(*) FROM registration_counts"
	    " WHERE event_id NOT IN (SELECT id FROM events)"), 0);
	CHECK_INT(disagreements(), 0);

	/* The seeded demo and the simulator's traffic. */
	auth = auth_new(NULL, 0, 4, 3600);
	m.auth = auth;
	CHECK_INT(seed_demo(&m, NOW, 6, &cause), 0);
	CHECK(count("SELECT COUNT(*) FROM registrations") > 100);
	CHECK_INT(disagreements(), 0);
	for (i = 0; i < 300; i++)
		simulate_step(&m, &rng, NOW);
	CHECK_INT(disagreements(), 0);
	check_event(events_soonest(m.db, NOW));
	auth_free(auth);
	m.auth = NULL;
	free(cause);
	teardown();
}

static void
test_old_file_backfilled(void)
{
	char	 path[] = "/tmp/evtop-mock-regcounts-XXXXXX";
	char	*cause = NULL;
	int64_t	 a, b, users[6];
	int	 fd, i;

	fd = mkstemp(path);
	CHECK(fd >= 0);
	close(fd);
	setup(path);
	a = make_event(2);
	b = make_event(10);
	for (i = 0; i < 6; i++) {
		users[i] = make_user(i);
		CHECK_INT(reg(users[i], a), 0);
	}
	CHECK_INT(reg(users[0], b), 0);
	CHECK_INT(unreg(users[1], a), 0);
	/* Make it a file from before the kept counts. */
	CHECK_INT(db_exec(m.db, "DROP TRIGGER registrations_count_insert;"
	    "DROP TRIGGER registrations_count_delete;"
	    "DROP TRIGGER registrations_count_update;"
	    "DROP INDEX registrations_waitlist;"
	    "DROP TABLE registration_counts;", &cause), 0);
	teardown();

	setup(path);
	CHECK_INT(count("SELECT COUNT(*) FROM registration_counts"), 2);
	CHECK_INT(disagreements(), 0);
	check_event(a);
	check_event(b);
	/* And kept from there on. */
	CHECK_INT(unreg(users[0], a), 0);
	CHECK_INT(disagreements(), 0);
	teardown();

	/* Reopened with the table there: the kept counts stand. */
	setup(path);
	CHECK_INT(fresh(a, "confirmed"), 2);
	CHECK_INT(fresh(a, "waitlisted"), 2);
	CHECK_INT(disagreements(), 0);
	teardown();
	free(cause);
	test_remove_sqlite(path);
}

/* A file from before the search columns joined guests_name is upgraded. */
static void
test_old_guests_index_rebuilt(void)
{
	char	 path[] = "/tmp/evtop-mock-regcounts-XXXXXX";
	char	*cause = NULL;
	int	 fd;

	fd = mkstemp(path);
	CHECK(fd >= 0);
	close(fd);
	setup(path);
	CHECK_INT(db_exec(m.db, "DROP INDEX guests_name;"
	    "CREATE INDEX guests_name ON guests(event_id,"
	    " name COLLATE NOCASE, id, rsvp_status, checked_in_at);", &cause),
	    0);
	CHECK_INT(count("SELECT COUNT(*) FROM sqlite_master WHERE"
	    " name = 'guests_name' AND sql LIKE '%ticket_code%'"), 0);
	teardown();

	setup(path);
	CHECK_INT(count("SELECT COUNT(*) FROM sqlite_master WHERE"
	    " name = 'guests_name' AND sql LIKE '%ticket_code%'"), 1);
	teardown();
	free(cause);
	test_remove_sqlite(path);
}

TEST_MAIN(
	TEST_CASE(test_every_path),
	TEST_CASE(test_old_file_backfilled),
	TEST_CASE(test_old_guests_index_rebuilt))
