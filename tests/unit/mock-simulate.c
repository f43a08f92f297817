/*
 * The simulator on the demo store: every kind of activity happens, through
 * the functions the routes use, so the counters match the rows and the
 * envelopes come in seq order.
 */
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "db.h"
#include "events.h"
#include "hub.h"
#include "mock.h"
#include "seed.h"
#include "simulate.h"
#include "mock-fixture.h"
#include "test.h"

#define NOW	1781510400	/* 2026-06-15T08:00:00Z */
#define STEPS	3000		/* ten minutes at 5 actions a second */

static struct mock	m;

/* What the envelopes said. */
struct seen {
	uint64_t	last_seq;
	int		out_of_order;
	int		registrations, cancellations, promotions;
	int		guest_checkins, registration_checkins, undos;
	int		chat, notifications, counters;
	json_t		*last_counters;		/* of the launch party */
	int64_t		launch;
	char		types[STEPS * 2][24];	/* in order, for determinism */
	size_t		ntypes;
};

static void
setup(void)
{
	char	*cause = NULL;

	mock_fixture_open(&m, NULL, 65536, 64, 1);
	if (seed_demo(&m, NOW, 0, &cause) != 0) {
		fprintf(stderr, "seed_demo: %s\n", cause);
		exit(1);
	}
}

static void
teardown(void)
{
	mock_fixture_close(&m);
}

static void
run(void)
{
	unsigned int	rng = 42;
	int		i;

	/* Five actions a second, as --simulate 5 would. */
	for (i = 0; i < STEPS; i++)
		simulate_step(&m, &rng, NOW + i / 5);
}

static void
seen_envelope(uint64_t seq, const char *text, void *arg)
{
	struct seen	*s = arg;
	json_t		*env, *data;
	const char	*type;

	if (seq <= s->last_seq)
		s->out_of_order++;
	s->last_seq = seq;
	if ((env = json_loads(text, 0, NULL)) == NULL) {
		s->out_of_order++;
		return;
	}
	type = json_string_value(json_object_get(env, "type"));
	data = json_object_get(env, "data");
	if (type == NULL)
		type = "";
	if (s->ntypes < sizeof s->types / sizeof s->types[0])
		snprintf(s->types[s->ntypes++], sizeof s->types[0], "%s",
		    type);
	if (strcmp(type, "registration.created") == 0)
		s->registrations++;
	else if (strcmp(type, "registration.cancelled") == 0)
		s->cancellations++;
	else if (strcmp(type, "registration.promoted") == 0)
		s->promotions++;
	else if (strcmp(type, "chat.message") == 0)
		s->chat++;
	else if (strcmp(type, "notification") == 0)
		s->notifications++;
	else if (strcmp(type, "checkin") == 0) {
		/* A guest has a ticket code; a registration has none. */
		if (json_is_true(json_object_get(data, "undone")))
			s->undos++;
		else if (json_object_get(data, "ticket_code") != NULL)
			s->guest_checkins++;
		else
			s->registration_checkins++;
	} else if (strcmp(type, "counters") == 0) {
		s->counters++;
		if (json_integer_value(json_object_get(data, "event_id")) ==
		    s->launch) {
			json_decref(s->last_counters);
			s->last_counters = json_incref(data);
		}
	}
	json_decref(env);
}

static struct seen *
collect(void)
{
	struct seen	*s;

	s = calloc(1, sizeof *s);
	s->launch = events_soonest(m.db, NOW);
	hub_replay_each(m.hub, 0, seen_envelope, s);
	return (s);
}

static int64_t
count(const char *sql, int64_t arg)
{
	sqlite3_stmt	*stmt;

	stmt = db_stmt(m.db, sql);
	if (sqlite3_bind_parameter_count(stmt) > 0)
		sqlite3_bind_int64(stmt, 1, arg);
	return (db_int(m.db, stmt, -1));
}

static void
test_every_kind_happens(void)
{
	struct seen	*s;

	setup();
	run();
	s = collect();
	CHECK_INT(s->out_of_order, 0);
	CHECK(s->registrations > 0);
	CHECK(s->cancellations > 0);
	CHECK(s->guest_checkins > 0);
	CHECK(s->registration_checkins > 0);
	CHECK(s->undos > 0);
	CHECK(s->chat > 0);
	/* Three seeded, the rest simulated. */
	CHECK(s->notifications > 3);
	CHECK(s->counters > 0);
	/* Answers to invitations: stamped now, by guests without accounts. */
	CHECK(count("SELECT COUNT(*) FROM guests WHERE user_id IS NULL"
	    " AND rsvp_status = 'accepted' AND responded_at >= ?", NOW) > 0);
	CHECK(count("SELECT COUNT(*) FROM guests WHERE user_id IS NULL"
	    " AND rsvp_status = 'declined' AND responded_at >= ?", NOW) > 0);
	/* Posted by attendees, into the soonest event's chat. */
	CHECK(count("SELECT COUNT(*) FROM chat_messages c JOIN users u"
	    " ON u.id = c.user_id WHERE u.role != 'attendee'", 0) == 0);
	CHECK_INT(count("SELECT COUNT(*) FROM chat_messages WHERE event_id"
	    " = ?", s->launch), s->chat);
	/* Second scans and unknown codes are refused: nothing remembered. */
	CHECK_INT(count("SELECT COUNT(*) FROM checkin_nonces", 0),
	    s->guest_checkins);
	json_decref(s->last_counters);
	free(s);
	teardown();
}

static void
test_counters_match_rows(void)
{
	struct event_counters	 c;
	struct seen		*s;
	sqlite3_stmt		*stmt;
	int64_t			 id;
	int			 events = 0;

	setup();
	run();
	stmt = db_stmt(m.db, "SELECT id FROM events ORDER BY id");
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		id = sqlite3_column_int64(stmt, 0);
		events++;
		CHECK_INT(events_counters(m.db, id, &c), 0);
		CHECK_INT(c.confirmed, count("SELECT COUNT(*) FROM"
		    " registrations WHERE event_id = ? AND status ="
		    " 'confirmed'", id));
		CHECK_INT(c.waitlisted, count("SELECT COUNT(*) FROM"
		    " registrations WHERE event_id = ? AND status ="
		    " 'waitlisted'", id));
		CHECK_INT(c.checked_in, count("SELECT COUNT(*) FROM guests"
		    " WHERE event_id = ? AND checked_in_at IS NOT NULL", id));
		CHECK(c.confirmed <= c.capacity);
	}
	sqlite3_reset(stmt);
	CHECK(events > 30);
	/* Every per-event guest count kept by triggers, against a count. */
	CHECK_INT(count("SELECT COUNT(*) FROM guest_counts c LEFT JOIN"
	    " (SELECT event_id, COUNT(*) AS total,"
	    "  COUNT(checked_in_at) AS checked_in,"
	    "  SUM(rsvp_status = 'pending') AS pending,"
	    "  SUM(rsvp_status = 'accepted') AS accepted,"
	    "  SUM(rsvp_status = 'declined') AS declined,"
	    "  SUM(rsvp_status = 'waitlisted') AS waitlisted"
	    "  FROM guests GROUP BY event_id) g ON g.event_id = c.event_id"
	    " WHERE c.total != COALESCE(g.total, 0)"
	    " OR c.checked_in != COALESCE(g.checked_in, 0)"
	    " OR c.pending != COALESCE(g.pending, 0)"
	    " OR c.accepted != COALESCE(g.accepted, 0)"
	    " OR c.declined != COALESCE(g.declined, 0)"
	    " OR c.waitlisted != COALESCE(g.waitlisted, 0)", 0), 0);
	/* A registration and its guest row agree on being in. */
	CHECK_INT(count("SELECT COUNT(*) FROM registrations r JOIN guests g"
	    " ON g.user_id = r.user_id AND g.event_id = r.event_id"
	    " WHERE r.status = 'confirmed'"
	    " AND (r.checked_in_at IS NULL) != (g.checked_in_at IS NULL)", 0),
	    0);
	/* The last counters envelope is what a fresh read says. */
	s = collect();
	CHECK(s->last_counters != NULL);
	events_counters(m.db, s->launch, &c);
	CHECK_INT(json_integer_value(json_object_get(s->last_counters,
	    "checked_in")), c.checked_in);
	CHECK_INT(json_integer_value(json_object_get(s->last_counters,
	    "confirmed")), c.confirmed);
	json_decref(s->last_counters);
	free(s);
	teardown();
}

static void
test_same_seed_same_story(void)
{
	struct seen	*a, *b;
	size_t		 i, differ = 0;

	setup();
	run();
	a = collect();
	teardown();
	setup();
	run();
	b = collect();
	teardown();
	CHECK(a->ntypes > 100);
	CHECK_INT(a->ntypes, b->ntypes);
	for (i = 0; i < a->ntypes && i < b->ntypes; i++)
		differ += strcmp(a->types[i], b->types[i]) != 0;
	CHECK_INT(differ, 0);
	json_decref(a->last_counters);
	json_decref(b->last_counters);
	free(a);
	free(b);
}

TEST_MAIN(
	TEST_CASE(test_every_kind_happens),
	TEST_CASE(test_counters_match_rows),
	TEST_CASE(test_same_seed_same_story))
