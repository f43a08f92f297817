#include "seed.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "db.h"
#include "events.h"
#include "guests.h"
#include "log.h"
#include "mock.h"
#include "notify.h"
#include "users.h"
#include "xmalloc.h"

const struct seed_account seed_accounts[] = {
	{ "admin@example.com", "Ada Admin", "admin" },
	{ "organizer@example.com", "Otto Organizer", "organizer" },
	{ "staff@example.com", "Sam Staff", "staff" },
	{ "attendee@example.com", "Alex Attendee", "attendee" },
};
const size_t seed_account_count =
    sizeof seed_accounts / sizeof seed_accounts[0];

static const char *const seed_first[] = {
	"Amara", "Bruno", "Chen", "Dalia", "Emil", "Farah", "Gus", "Hana",
	"Ivo", "Jade", "Kofi", "Lena", "Mateo", "Nia", "Oskar", "Priya",
	"Quinn", "Rosa", "Sven", "Tara", "Umar", "Vera", "Wen", "Yara", "Zoe",
};
static const char *const seed_last[] = {
	"Andersen", "Bakker", "Costa", "Dubois", "Eriksen", "Fischer",
	"García", "Haddad", "Ivanova", "Jensen", "Kowalski", "Lindqvist",
	"Moreau", "Nakamura", "Okafor", "Petrov", "Rossi", "Schmidt",
};
static const char *const seed_topics[] = {
	"Rust", "Kubernetes", "Terminal UI", "Observability", "SQLite",
	"WebAssembly", "Open Source", "Security", "Data Engineering", "C",
	"Accessibility", "Edge Computing",
};
static const char *const seed_formats[] = {
	"Meetup", "Workshop", "Summit", "Hack Night", "Conference",
	"Masterclass", "Roundtable", "Bootcamp",
};
static const char *const seed_categories[] = {
	"meetup", "workshop", "conference", "social", "training",
};
static const char *const seed_locations[] = {
	"Lisbon, Hall A", "Berlin, Factory Görlitzer Park", "Online",
	"Amsterdam, Pakhuis de Zwijger", "Paris, Station F",
	"Helsinki, Maria 01", "Warsaw, Campus", "Barcelona, Pier01",
	"Copenhagen, Kraftwerket", "Dublin, Dogpatch Labs",
};

/* A fixed-seed xorshift so the demo is the same on every run. */
struct seed_rng {
	uint64_t	state;
};

static uint64_t
seed_next(struct seed_rng *r)
{
	r->state ^= r->state << 13;
	r->state ^= r->state >> 7;
	r->state ^= r->state << 17;
	return (r->state);
}

static int64_t
seed_range(struct seed_rng *r, int64_t lo, int64_t hi)
{
	return (lo + (int64_t)(seed_next(r) % (uint64_t)(hi - lo + 1)));
}

#define SEED_PICK(r, a) ((a)[seed_next(r) % (sizeof (a) / sizeof (a)[0])])

static const char seed_sql_registration[] =
	"INSERT OR IGNORE INTO registrations (user_id, event_id, status,"
	" registration_date, checked_in_at) VALUES (?, ?, ?, ?, ?)";

void
seed_print_accounts(FILE *f)
{
	size_t	i;

	for (i = 0; i < seed_account_count; i++)
		fprintf(f, "demo account: %-22s password %s (%s)\n",
		    seed_accounts[i].email, SEED_PASSWORD,
		    seed_accounts[i].role);
}

static int
seed_users(struct mock *m, struct seed_rng *r, const char *hash, time_t now,
    int64_t *first_attendee, int64_t *organizer, char **cause)
{
	char	 email[128], name[128];
	int64_t	 id;
	size_t	 i;

	for (i = 0; i < seed_account_count; i++) {
		if (users_create(m->db, seed_accounts[i].email,
		    seed_accounts[i].name, seed_accounts[i].role, hash,
		    now - 86400 * 30, &id, cause) != 0)
			return (-1);
		if (strcmp(seed_accounts[i].role, "organizer") == 0)
			*organizer = id;
	}
	*first_attendee = 0;
	for (i = 0; i < SEED_ATTENDEES; i++) {
		const char	*first = SEED_PICK(r, seed_first);
		const char	*last = SEED_PICK(r, seed_last);

		snprintf(name, sizeof name, "%s %s", first, last);
		snprintf(email, sizeof email, "attendee%03zu@example.net",
		    i + 1);
		if (users_create(m->db, email, name, "attendee", hash,
		    now - 86400 * (time_t)seed_range(r, 1, 60), &id,
		    cause) != 0)
			return (-1);
		if (*first_attendee == 0)
			*first_attendee = id;
	}
	return (0);
}

/* Registers count seeded attendees, confirmed up to capacity. */
static void
seed_registrations(struct mock *m, struct seed_rng *r, int64_t event_id,
    int64_t capacity, int64_t count, int64_t checked_in,
    int64_t first_attendee, time_t now, time_t start)
{
	sqlite3_stmt	*stmt;
	int64_t		 i, user, offset;

	offset = seed_range(r, 0, SEED_ATTENDEES - 1);
	for (i = 0; i < count && i < SEED_ATTENDEES; i++) {
		user = first_attendee + (offset + i) % SEED_ATTENDEES;
		stmt = db_stmt(m->db, seed_sql_registration);
		sqlite3_bind_int64(stmt, 1, user);
		sqlite3_bind_int64(stmt, 2, event_id);
		sqlite3_bind_text(stmt, 3, i < capacity ? "confirmed" :
		    "waitlisted", -1, SQLITE_STATIC);
		sqlite3_bind_int64(stmt, 4, now - 86400 * 7 + i * 60);
		if (i < checked_in && i < capacity)
			sqlite3_bind_int64(stmt, 5, start - 1800 + i * 5 >
			    now ? now : start - 1800 + i * 5);
		sqlite3_step(stmt);
		sqlite3_reset(stmt);
	}
}

/*
 * Who owns demo event i: the organizer most of them, the admin a few
 * (among them a draft of the admin's own), so that each role meets events
 * it may and may not change, and drafts it may and may not see.
 */
#define SEED_ADMIN_DRAFT	14

static void
seed_owner(int i, int64_t organizer, int64_t admin, struct event_new *ev)
{
	ev->created_by = organizer;
	if (admin != 0 && (i % 6 == 2 || i == SEED_ADMIN_DRAFT))
		ev->created_by = admin;
	if (i == SEED_ADMIN_DRAFT)
		ev->status = "draft";
}

/*
 * Events past the demo's few dozen (--seed N) get a tenth of the seats and
 * registrations, so that 10,000 events take well under a second to seed
 * and still show every state: room, nearly full, waitlists.
 */
static void
seed_lighten(int i, int64_t *capacity, int64_t *count)
{
	if (i < SEED_EVENTS)
		return;
	*capacity = *capacity / 10 > 1 ? *capacity / 10 : 2;
	*count /= 10;
}

/* The id of the demo account with this role, or 0. */
static int64_t
seed_account_id(struct mock *m, const char *role)
{
	struct user	u;
	int64_t		id = 0;
	size_t		i;

	for (i = 0; i < seed_account_count; i++) {
		if (strcmp(seed_accounts[i].role, role) == 0 &&
		    users_find_by_email(m->db, seed_accounts[i].email,
		    &u) == 0) {
			id = u.id;
			users_done(&u);
			break;
		}
	}
	return (id);
}

static int
seed_events(struct mock *m, struct seed_rng *r, int nevents, time_t now,
    int64_t organizer, int64_t first_attendee, char **cause)
{
	struct event_new	 ev;
	char			 title[160], desc[400];
	int64_t			 id, capacity, count, checked, admin;
	time_t			 day, start;
	int			 i;

	admin = seed_account_id(m, "admin");

	/* The launch party: soonest upcoming, about 1 hour away. */
	memset(&ev, 0, sizeof ev);
	ev.title = SEED_LAUNCH_TITLE;
	ev.description = "Celebrate the first release of evtop with the team:"
	    " live demo, lightning talks and snacks.";
	ev.date_time = (now + 3600) / 60 * 60;
	ev.location = "Lisbon, Hall A";
	ev.max_capacity = 200;
	ev.created_by = organizer;
	ev.status = "published";
	ev.category = "social";
	if (events_create(m->db, &ev, now - 86400 * 20, &id, cause) != 0)
		return (-1);
	seed_registrations(m, r, id, 200, 120, 30, first_attendee, now,
	    ev.date_time);

	day = now - now % 86400;
	for (i = 1; i < nevents; i++) {
		memset(&ev, 0, sizeof ev);
		snprintf(title, sizeof title, "%s %s",
		    SEED_PICK(r, seed_topics), SEED_PICK(r, seed_formats));
		snprintf(desc, sizeof desc, "A %s for people who build things."
		    " Talks, hands-on sessions and time to meet the community.",
		    title);
		ev.title = title;
		ev.description = desc;
		ev.location = SEED_PICK(r, seed_locations);
		ev.category = SEED_PICK(r, seed_categories);
		ev.status = "published";
		if (i <= 3) {
			/* A few past events: hidden unless include_past. */
			start = day - 86400 * (time_t)seed_range(r, 2, 30);
		} else {
			start = day + 86400 * (time_t)(1 + (i * 59) / nevents);
		}
		start += 3600 * (time_t)seed_range(r, 9, 19);
		if (start <= now + 3600 * 2 && i > 3)
			start += 86400;
		ev.date_time = start;
		if (i == 5)
			ev.status = "draft";
		if (i == 9)
			ev.status = "cancelled";
		seed_owner(i, organizer, admin, &ev);

		switch (i % 4) {
		case 0:		/* nearly full */
			capacity = seed_range(r, 30, 80);
			count = capacity - seed_range(r, 0, 3);
			break;
		case 1:		/* full with a waitlist */
			capacity = seed_range(r, 30, 60);
			count = capacity + seed_range(r, 3, 15);
			break;
		default:	/* plenty of room */
			capacity = seed_range(r, 100, 500);
			count = seed_range(r, 5, capacity / 2 < 300 ?
			    capacity / 2 : 300);
			break;
		}
		seed_lighten(i, &capacity, &count);
		if (strcmp(ev.status, "draft") == 0)
			count = 0;
		ev.max_capacity = capacity;
		if (events_create(m->db, &ev, now - 86400 * 14, &id,
		    cause) != 0)
			return (-1);
		checked = i <= 3 ? count * 8 / 10 : 0;
		seed_registrations(m, r, id, capacity, count, checked,
		    first_attendee, now, start);
	}
	return (0);
}

static const char seed_sql_guest[] =
	"INSERT OR IGNORE INTO guests (event_id, name, email, phone,"
	" rsvp_status, ticket_code, invited_at, responded_at, checked_in_at,"
	" created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char seed_sql_guest_events[] =
	"SELECT id FROM events WHERE status = 'published' AND date_time >= ?"
	" ORDER BY date_time, id LIMIT 6";

/*
 * Imported guests (no account) for the soonest events, the launch party
 * most: some invited and answered, some pending, a few at the door
 * already.  They give invitations, RSVP counts and stats something to
 * show.
 */
static int
seed_guests(struct mock *m, struct seed_rng *r, time_t now, char **cause)
{
	sqlite3_stmt	*events, *stmt;
	const char	*rsvp;
	char		 name[128], email[128], phone[32], code[24];
	int64_t		 ids[6], count, roll;
	size_t		 nids = 0, e;
	int		 i, n = 0, rc;

	events = db_stmt(m->db, seed_sql_guest_events);
	sqlite3_bind_int64(events, 1, now);
	while (nids < 6 && sqlite3_step(events) == SQLITE_ROW)
		ids[nids++] = sqlite3_column_int64(events, 0);
	sqlite3_reset(events);

	for (e = 0; e < nids; e++) {
		count = e == 0 ? 240 : seed_range(r, 20, 60);
		for (i = 0; i < count; i++) {
			n++;
			snprintf(name, sizeof name, "%s %s",
			    SEED_PICK(r, seed_first), SEED_PICK(r, seed_last));
			snprintf(email, sizeof email,
			    "guest%04d@example.org", n);
			snprintf(phone, sizeof phone, "+351 21 555 %04d", n);
			/*
			 * A ticket code like any other guest's (guests.h);
			 * the draw stays so the rest of the demo is as before.
			 */
			(void)seed_next(r);
			guests_new_code(code);
			roll = seed_range(r, 0, 99);
			rsvp = roll < 45 ? "pending" : roll < 85 ? "accepted" :
			    "declined";
			stmt = db_stmt(m->db, seed_sql_guest);
			sqlite3_bind_int64(stmt, 1, ids[e]);
			sqlite3_bind_text(stmt, 2, name, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(stmt, 3, email, -1,
			    SQLITE_TRANSIENT);
			sqlite3_bind_text(stmt, 4, phone, -1,
			    SQLITE_TRANSIENT);
			sqlite3_bind_text(stmt, 5, rsvp, -1, SQLITE_STATIC);
			sqlite3_bind_text(stmt, 6, code, -1, SQLITE_TRANSIENT);
			/* Those who answered had an invitation first. */
			if (strcmp(rsvp, "pending") != 0) {
				sqlite3_bind_int64(stmt, 7, now - 86400 * 5);
				sqlite3_bind_int64(stmt, 8,
				    now - 3600 * seed_range(r, 2, 96));
			}
			if (e == 0 && strcmp(rsvp, "accepted") == 0 &&
			    i % 4 == 0)
				sqlite3_bind_int64(stmt, 9,
				    now - 60 * seed_range(r, 1, 40));
			sqlite3_bind_int64(stmt, 10, now - 86400 * 10);
			rc = sqlite3_step(stmt);
			sqlite3_reset(stmt);
			if (rc != SQLITE_DONE) {
				xasprintf(cause, "cannot create demo guests: "
				    "%s", sqlite3_errmsg(db_handle(m->db)));
				return (-1);
			}
		}
	}
	return (0);
}

/* A little history, so the demo's notification log does not start blank. */
static void
seed_notifications(struct mock *m, time_t now)
{
	static const struct {
		int		 ago;	/* minutes */
		const char	*level, *title, *format;
	} notes[] = {
		{ 45, "info", "Doors open soon", "Doors open in 90 minutes "
		  "for %s" },
		{ 30, "success", "Check-in desk online", "Desk 1 is scanning "
		  "for %s" },
		{ 12, "warning", "Badge printer low", "Printer 2 at %s is low "
		  "on paper" },
	};
	sqlite3_stmt	*stmt;
	char		 title[256], message[512], *cause = NULL;
	int64_t		 soonest;
	size_t		 i;

	if ((soonest = events_soonest(m->db, now)) == 0)
		return;
	stmt = db_stmt(m->db, "SELECT title FROM events WHERE id = ?");
	sqlite3_bind_int64(stmt, 1, soonest);
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		sqlite3_reset(stmt);
		return;
	}
	snprintf(title, sizeof title, "%s", db_text(stmt, 0));
	sqlite3_reset(stmt);
	for (i = 0; i < sizeof notes / sizeof notes[0]; i++) {
		snprintf(message, sizeof message, notes[i].format, title);
		if (notify_post(m, "activity", notes[i].level, notes[i].title,
		    message, soonest, now - notes[i].ago * 60, &cause) == 0) {
			log_warnx("seed: %s", cause);
			free(cause);
			cause = NULL;
		}
	}
}

int
seed_demo(struct mock *m, time_t now, int nevents, char **cause)
{
	struct seed_rng	 r = { 0x9e3779b97f4a7c15ULL };
	char		*hash;
	int64_t		 first_attendee = 0, organizer = 0;

	if (nevents <= 0)
		nevents = SEED_EVENTS;
	/* One hash for every seeded account: bcrypt is slow on purpose. */
	if ((hash = auth_hash_password(m->auth, SEED_PASSWORD, cause)) == NULL)
		return (-1);
	if (db_begin(m->db, cause) != 0) {
		free(hash);
		return (-1);
	}
	if (seed_users(m, &r, hash, now, &first_attendee, &organizer,
	    cause) != 0 ||
	    seed_events(m, &r, nevents, now, organizer, first_attendee,
	    cause) != 0 ||
	    guests_sync_all(m->db, now, cause) != 0 ||
	    seed_guests(m, &r, now, cause) != 0 ||
	    db_commit(m->db, cause) != 0) {
		db_rollback(m->db);
		free(hash);
		return (-1);
	}
	free(hash);
	seed_notifications(m, now);
	return (0);
}

int
seed_admin(struct mock *m, const char *email, const char *password,
    time_t now, char **cause)
{
	struct user	 u;
	char		*hash, *name;
	int		 rc;

	if (strchr(email, '@') == NULL || *password == '\0') {
		xasprintf(cause, "--admin wants EMAIL:PASSWORD, like "
		    "admin@example.com:secret");
		return (-1);
	}
	if ((hash = auth_hash_password(m->auth, password, cause)) == NULL)
		return (-1);
	if (users_find_by_email(m->db, email, &u) == 0) {
		rc = users_update_login(m->db, u.id, "admin", hash, cause);
		users_done(&u);
	} else {
		name = xstrndup(email, (size_t)(strchr(email, '@') - email));
		rc = users_create(m->db, email, name, "admin", hash, now, NULL,
		    cause);
		free(name);
	}
	free(hash);
	return (rc);
}
