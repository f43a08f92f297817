/*
 * --seed big: the demo, then enough data to feel the weight of a real
 * event business: 10,000 events in all, one of them with 500,000 guests
 * (a mix of RSVP answers, tens of thousands already checked in).
 *
 * Everything after the demo is one transaction of prepared statements.
 * The guest list's own indexes and the count trigger are set aside during
 * the load and rebuilt once at the end: building an index from sorted
 * rows is several times faster than growing it row by row, and one
 * GROUP BY counts faster than 500,000 trigger runs.  Their definitions
 * are read back from the schema, so db.c stays the only place they are
 * written.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "events.h"
#include "guests.h"
#include "log.h"
#include "mock.h"
#include "seed.h"
#include "users.h"
#include "xmalloc.h"

static const char seed_big_sql_guest[] =
	"INSERT INTO guests (event_id, name, email, phone, rsvp_status,"
	" ticket_code, invited_at, responded_at, checked_in_at, created_at)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
/* What is set aside during the load: the guests' own indexes, triggers. */
static const char seed_big_sql_aside[] =
	"SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'guests'"
	" AND sql IS NOT NULL AND type IN ('index', 'trigger')";
static const char seed_big_sql_recount[] =
	"INSERT OR REPLACE INTO guest_counts (event_id, total, checked_in,"
	" pending, accepted, declined, waitlisted) SELECT event_id, COUNT(*),"
	" COUNT(checked_in_at), SUM(rsvp_status = 'pending'),"
	" SUM(rsvp_status = 'accepted'), SUM(rsvp_status = 'declined'),"
	" SUM(rsvp_status = 'waitlisted') FROM guests WHERE event_id = ?";

static const char *const seed_big_first[] = {
	"Amara", "Bruno", "Chen", "Dalia", "Emil", "Farah", "Gus", "Hana",
	"Ivo", "Jade", "Kofi", "Lena", "Mateo", "Nia", "Oskar", "Priya",
	"Quinn", "Rosa", "Sven", "Tara", "Umar", "Vera", "Wen", "Yara", "Zoe",
	"Aino", "Bea", "Cyril", "Dev", "Elif", "Femi", "Greta", "Hugo",
};
static const char *const seed_big_last[] = {
	"Andersen", "Bakker", "Costa", "Dubois", "Eriksen", "Fischer",
	"García", "Haddad", "Ivanova", "Jensen", "Kowalski", "Lindqvist",
	"Moreau", "Nakamura", "Okafor", "Petrov", "Rossi", "Schmidt",
	"Tanaka", "Urquhart", "Virtanen", "Weber", "Xu", "Yilmaz", "Zielinski",
};
static const char *const seed_big_cities[] = {
	"Lisbon", "Berlin", "Amsterdam", "Paris", "Helsinki", "Warsaw",
	"Barcelona", "Copenhagen", "Dublin", "Online",
};
static const char *const seed_big_kinds[] = {
	"Meetup", "Workshop", "Summit", "Hack Night", "Conference",
	"Masterclass", "Roundtable", "Bootcamp", "Social", "Webinar",
};
static const char *const seed_big_categories[] = {
	"meetup", "workshop", "conference", "social", "training",
};

#define SEED_BIG_PICK(x, a) ((a)[(x) % (sizeof (a) / sizeof (a)[0])])

/* A fixed-seed xorshift: the same data on every run. */
static uint64_t
seed_big_next(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return (*s);
}

struct seed_big_aside {
	char	**sql;
	char	**drop;
	size_t	  n;
};

/* Drops the guests' secondary indexes and triggers, keeping their SQL. */
static int
seed_big_set_aside(struct mock *m, struct seed_big_aside *a, char **cause)
{
	sqlite3_stmt	*stmt;
	size_t		 i;

	memset(a, 0, sizeof *a);
	stmt = db_stmt(m->db, seed_big_sql_aside);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		a->sql = xreallocarray(a->sql, a->n + 1, sizeof *a->sql);
		a->drop = xreallocarray(a->drop, a->n + 1, sizeof *a->drop);
		a->sql[a->n] = xstrdup(db_text(stmt, 2));
		xasprintf(&a->drop[a->n], "DROP %s \"%s\"",
		    strcmp(db_text(stmt, 0), "index") == 0 ? "INDEX" :
		    "TRIGGER", db_text(stmt, 1));
		a->n++;
	}
	sqlite3_reset(stmt);
	for (i = 0; i < a->n; i++) {
		if (db_exec(m->db, a->drop[i], cause) != 0)
			return (-1);
	}
	return (0);
}

/* Creates again what was set aside (unless run is 0) and forgets it. */
static int
seed_big_restore(struct mock *m, struct seed_big_aside *a, int run,
    char **cause)
{
	size_t	i;
	int	rc = 0;

	for (i = 0; i < a->n; i++) {
		if (run && rc == 0 && db_exec(m->db, a->sql[i], cause) != 0)
			rc = -1;
		free(a->sql[i]);
		free(a->drop[i]);
	}
	free(a->sql);
	free(a->drop);
	memset(a, 0, sizeof *a);
	return (rc);
}

/* The events around the big one: varied, upcoming, without guests. */
static int
seed_big_events(struct mock *m, uint64_t *rng, int n, int64_t organizer,
    time_t now, char **cause)
{
	struct event_new	 ev;
	char			 title[128], location[64];
	uint64_t		 x;
	int			 i;

	for (i = 0; i < n; i++) {
		x = seed_big_next(rng);
		memset(&ev, 0, sizeof ev);
		snprintf(title, sizeof title, "%s %s #%d",
		    SEED_BIG_PICK(x >> 8, seed_big_cities),
		    SEED_BIG_PICK(x >> 16, seed_big_kinds), i + 1);
		snprintf(location, sizeof location, "%s, Room %d",
		    SEED_BIG_PICK(x >> 8, seed_big_cities),
		    (int)(x >> 24) % 40 + 1);
		ev.title = title;
		ev.description = "One of many: the big seed fills the calendar "
		    "so lists page for real.";
		ev.location = location;
		ev.category = SEED_BIG_PICK(x >> 32, seed_big_categories);
		ev.created_by = organizer;
		ev.status = "published";
		/* Spread over the next year, from tomorrow, on the hour. */
		ev.date_time = (now / 3600 + 24 + (time_t)((x >> 40) % 8760)) *
		    3600;
		ev.max_capacity = 20 + (int64_t)((x >> 20) % 480);
		if (events_create(m->db, &ev, now, NULL, cause) != 0)
			return (-1);
	}
	return (0);
}

static int
seed_big_guests(struct mock *m, uint64_t *rng, int64_t event_id, time_t now,
    char **cause)
{
	sqlite3_stmt	*stmt;
	const char	*rsvp;
	char		 name[96], email[64], phone[32];
	char		 code[GUESTS_CODE_LEN + 1];
	uint64_t	 x;
	int64_t		 i;
	int		 rc, tries, roll;

	stmt = db_stmt(m->db, seed_big_sql_guest);
	for (i = 1; i <= SEED_BIG_GUESTS; i++) {
		x = seed_big_next(rng);
		snprintf(name, sizeof name, "%s %c. %s",
		    SEED_BIG_PICK(x, seed_big_first),
		    (char)('A' + (x >> 12) % 26),
		    SEED_BIG_PICK(x >> 20, seed_big_last));
		snprintf(email, sizeof email, "guest%06lld@example.org",
		    (long long)i);
		roll = (int)((x >> 32) % 100);
		rsvp = roll < 62 ? "accepted" : roll < 82 ? "pending" :
		    roll < 94 ? "declined" : "waitlisted";
		sqlite3_bind_int64(stmt, 1, event_id);
		sqlite3_bind_text(stmt, 2, name, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(stmt, 3, email, -1, SQLITE_TRANSIENT);
		if ((x >> 40) % 3 == 0) {
			snprintf(phone, sizeof phone, "+351 9%02d %03d %03d",
			    (int)((x >> 8) % 100), (int)((x >> 16) % 1000),
			    (int)((x >> 28) % 1000));
			sqlite3_bind_text(stmt, 4, phone, -1, SQLITE_TRANSIENT);
		} else
			sqlite3_bind_text(stmt, 4, "", 0, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 5, rsvp, -1, SQLITE_STATIC);
		sqlite3_bind_int64(stmt, 7, now - 86400 * 21);
		if (strcmp(rsvp, "pending") != 0)
			sqlite3_bind_int64(stmt, 8, now - 86400 * 21 +
			    (time_t)((x >> 24) % (86400 * 20)));
		else
			sqlite3_bind_null(stmt, 8);
		/* The doors opened an hour ago: a third are in. */
		if (strcmp(rsvp, "accepted") == 0 && (x >> 48) % 3 == 0)
			sqlite3_bind_int64(stmt, 9, now - (time_t)((x >> 16) %
			    3600));
		else
			sqlite3_bind_null(stmt, 9);
		sqlite3_bind_int64(stmt, 10, now - 86400 * 30);
		for (tries = 0; tries < 8; tries++) {
			guests_new_code(code);
			sqlite3_bind_text(stmt, 6, code, -1, SQLITE_TRANSIENT);
			rc = sqlite3_step(stmt);
			sqlite3_reset(stmt);
			if (rc == SQLITE_DONE)
				break;
		}
		if (rc != SQLITE_DONE) {
			xasprintf(cause, "cannot add guests: %s",
			    sqlite3_errmsg(db_handle(m->db)));
			return (-1);
		}
	}
	return (0);
}

/* Sets the page cache back to what it was. */
static void
seed_big_cache(struct mock *m, int64_t cache)
{
	char	sql[64];

	snprintf(sql, sizeof sql, "PRAGMA cache_size = %lld",
	    (long long)cache);
	sqlite3_exec(db_handle(m->db), sql, NULL, NULL, NULL);
}

static int64_t
seed_big_organizer(struct mock *m)
{
	struct user	u;
	int64_t		id;

	if (users_find_by_email(m->db, "organizer@example.com", &u) != 0)
		return (0);
	id = u.id;
	users_done(&u);
	return (id);
}

int
seed_big(struct mock *m, time_t now, char **cause)
{
	struct seed_big_aside	 aside;
	struct event_new	 ev;
	sqlite3_stmt		*stmt;
	uint64_t		 rng = 0x2545f4914f6cdd1dULL;
	int64_t			 organizer, big, nevents, cache;
	double			 t0 = mock_now_monotonic();

	if (seed_demo(m, now, 0, cause) != 0)
		return (-1);
	organizer = seed_big_organizer(m);
	stmt = db_stmt(m->db, "SELECT COUNT(*) FROM events");
	nevents = db_int(m->db, stmt, 0);

	/*
	 * A page cache that holds the whole load: with the default 2 MB, a
	 * file store spends most of the load writing out and reading back
	 * index pages.
	 */
	stmt = db_stmt(m->db, "PRAGMA cache_size");
	cache = db_int(m->db, stmt, -2000);
	sqlite3_exec(db_handle(m->db), "PRAGMA cache_size = -262144", NULL,
	    NULL, NULL);

	memset(&aside, 0, sizeof aside);
	if (db_begin(m->db, cause) != 0)
		goto fail;
	memset(&ev, 0, sizeof ev);
	ev.title = SEED_BIG_TITLE;
	ev.description = "Two days, twelve stages, half a million guests: "
	    "the door list that shows whether evtop keeps up.";
	ev.date_time = (now + 5400) / 60 * 60;
	ev.location = "Lisbon, Altice Arena";
	ev.max_capacity = SEED_BIG_GUESTS;
	ev.created_by = organizer;
	ev.status = "published";
	ev.category = "conference";
	if (events_create(m->db, &ev, now - 86400 * 60, &big, cause) != 0 ||
	    seed_big_events(m, &rng, (int)(SEED_BIG_EVENTS - nevents - 1),
	    organizer, now, cause) != 0 ||
	    seed_big_set_aside(m, &aside, cause) != 0 ||
	    seed_big_guests(m, &rng, big, now, cause) != 0 ||
	    seed_big_restore(m, &aside, 1, cause) != 0)
		goto fail;
	stmt = db_stmt(m->db, seed_big_sql_recount);
	sqlite3_bind_int64(stmt, 1, big);
	if (sqlite3_step(stmt) != SQLITE_DONE) {
		sqlite3_reset(stmt);
		xasprintf(cause, "cannot count guests: %s",
		    sqlite3_errmsg(db_handle(m->db)));
		goto fail;
	}
	sqlite3_reset(stmt);
	if (db_commit(m->db, cause) != 0)
		goto fail;
	seed_big_cache(m, cache);
	log_info("seed big: %lld events, %d guests in "
	    "%.2f s", (long long)SEED_BIG_EVENTS,
	    SEED_BIG_GUESTS, mock_now_monotonic() - t0);
	return (0);

fail:
	/* The rollback brings back what was dropped. */
	db_rollback(m->db);
	seed_big_restore(m, &aside, 0, NULL);
	seed_big_cache(m, cache);
	return (-1);
}
