#include "simulate.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chat.h"
#include "checkin.h"
#include "clock.h"
#include "db.h"
#include "events.h"
#include "log.h"
#include "mock.h"
#include "notify.h"
#include "registrations.h"
#include "rsvp.h"
#include "users.h"
#include "xmalloc.h"

struct simulate {
	struct mock	*m;
	uv_timer_t	 timer;
	unsigned int	 rng;
	double		 rate;		/* actions per second, > 0 */
};

/* Doors open this long before an event starts. */
#define SIM_DOOR_OPEN	3600
#define SIM_DOOR_MAX	3	/* events at the door at once */
#define SIM_CHAT_TRIES	4	/* users asked before a chat line is dropped */

/* One step: where it happens and with what dice. */
struct sim_step {
	struct mock	*m;
	unsigned int	*rng;
	time_t		 now;
	int64_t		 event;
};

/*
 * A random row is the first match at or after a random id between the
 * lowest and highest id of the rows that could match, wrapping round to
 * the lowest.  Each query walks an index from that id, so a pick is a seek
 * whatever the size of the table: never ORDER BY random(), which reads
 * every row.  ?1 is the key (an event, or the time), ?2 the id.
 */
struct sim_keyset {
	const char	*first;		/* the lowest id for ?1, or NULL */
	const char	*last;		/* the highest */
	const char	*from;		/* the first match at or after ?2 */
};

static const struct sim_keyset sim_events = {
	"SELECT MIN(id) FROM events",
	"SELECT MAX(id) FROM events",
	"SELECT id FROM events WHERE id >= ?2 AND status = 'published'"
	" AND date_time >= ?1 ORDER BY id LIMIT 1",
};
static const struct sim_keyset sim_free_attendees = {
	"SELECT MIN(id) FROM users",
	"SELECT MAX(id) FROM users",
	"SELECT u.id FROM users u WHERE u.id >= ?2 AND u.role = 'attendee'"
	" AND NOT EXISTS (SELECT 1 FROM registrations r"
	"  WHERE r.user_id = u.id AND r.event_id = ?1"
	"  AND r.status != 'cancelled') ORDER BY u.id LIMIT 1",
};
static const struct sim_keyset sim_confirmed = {
	"SELECT id FROM registrations WHERE event_id = ?1"
	" AND status = 'confirmed' ORDER BY id LIMIT 1",
	"SELECT id FROM registrations WHERE event_id = ?1"
	" AND status = 'confirmed' ORDER BY id DESC LIMIT 1",
	"SELECT user_id FROM registrations WHERE event_id = ?1"
	" AND status = 'confirmed' AND id >= ?2 ORDER BY id LIMIT 1",
};
static const struct sim_keyset sim_waitlisted = {
	"SELECT id FROM registrations WHERE event_id = ?1"
	" AND status = 'waitlisted' ORDER BY id LIMIT 1",
	"SELECT id FROM registrations WHERE event_id = ?1"
	" AND status = 'waitlisted' ORDER BY id DESC LIMIT 1",
	"SELECT user_id FROM registrations WHERE event_id = ?1"
	" AND status = 'waitlisted' AND id >= ?2 ORDER BY id LIMIT 1",
};
static const struct sim_keyset sim_unchecked_registrations = {
	"SELECT id FROM registrations WHERE event_id = ?1"
	" AND status = 'confirmed' ORDER BY id LIMIT 1",
	"SELECT id FROM registrations WHERE event_id = ?1"
	" AND status = 'confirmed' ORDER BY id DESC LIMIT 1",
	"SELECT user_id FROM registrations WHERE event_id = ?1"
	" AND status = 'confirmed' AND id >= ?2 AND checked_in_at IS NULL"
	" ORDER BY id LIMIT 1",
};
/*
 * Guests not yet in, on the door index (event, checked_in_at, id), but for
 * the waitlisted: they have no seat, and since a pick favours the row after
 * a gap in ids, one of them could otherwise be turned away again and again.
 */
static const struct sim_keyset sim_unchecked_guests = {
	"SELECT id FROM guests WHERE event_id = ?1 ORDER BY id LIMIT 1",
	"SELECT id FROM guests WHERE event_id = ?1 ORDER BY id DESC LIMIT 1",
	"SELECT id FROM guests WHERE event_id = ?1 AND checked_in_at IS NULL"
	" AND id >= ?2 AND rsvp_status != 'waitlisted' ORDER BY id LIMIT 1",
};
/* Invited guests who have not answered (registrations answer otherwise). */
static const struct sim_keyset sim_pending_guests = {
	"SELECT id FROM guests WHERE event_id = ?1 AND rsvp_status = 'pending'"
	" ORDER BY id LIMIT 1",
	"SELECT id FROM guests WHERE event_id = ?1 AND rsvp_status = 'pending'"
	" ORDER BY id DESC LIMIT 1",
	"SELECT id FROM guests WHERE event_id = ?1 AND rsvp_status = 'pending'"
	" AND id >= ?2 AND user_id IS NULL ORDER BY id LIMIT 1",
};

static const char sim_sql_door[] =
	"SELECT id FROM events WHERE status = 'published' AND date_time >= ?"
	" AND date_time <= ? ORDER BY date_time, id LIMIT 3";	/* DOOR_MAX */
static const char sim_sql_latest_in[] =
	"SELECT id FROM guests WHERE event_id = ? AND checked_in_at IS NOT NULL"
	" ORDER BY checked_in_at DESC, id DESC LIMIT 1";
static const char sim_sql_guest[] =
	"SELECT ticket_code FROM guests WHERE id = ?";
static const char sim_sql_title[] =
	"SELECT title FROM events WHERE id = ?";

/* What people in the queue and in the hall say. */
static const char *const sim_chat_lines[] = {
	"Just got my badge, the queue moves fast",
	"Is the live demo in the main hall?",
	"Anyone else coming from the station? Which exit?",
	"Saving two seats in row 3 for the team",
	"The snacks are great",
	"Wi-Fi password is on the back of the badge",
	"Where do the lightning talks happen?",
	"First time here, happy to meet people",
	"Coat check is on the left after the entrance",
	"Running 10 minutes late, save me a spot",
	"Slides will be shared afterwards, right?",
	"The stage sound check is on, sounds good",
};

static unsigned int
sim_rand(unsigned int *rng)
{
	*rng = *rng * 1103515245u + 12345u;
	return ((*rng >> 8) & 0xffffff);
}

static int64_t
sim_query(struct mock *m, const char *sql, int64_t key, int64_t from)
{
	sqlite3_stmt	*stmt;
	int		 n;

	stmt = db_stmt(m->db, sql);
	n = sqlite3_bind_parameter_count(stmt);
	if (n >= 1)
		sqlite3_bind_int64(stmt, 1, key);
	if (n >= 2)
		sqlite3_bind_int64(stmt, 2, from);
	return (db_int(m->db, stmt, 0));
}

/* A random match of keyset ks for key, or 0 when there is none. */
static int64_t
sim_pick(struct sim_step *s, const struct sim_keyset *ks, int64_t key)
{
	int64_t		lo, hi, start, id;
	uint64_t	r;

	lo = sim_query(s->m, ks->first, key, 0);
	hi = sim_query(s->m, ks->last, key, 0);
	if (hi < lo || hi == 0)
		return (0);
	r = ((uint64_t)sim_rand(s->rng) << 24) | sim_rand(s->rng);
	start = lo + (int64_t)(r % (uint64_t)(hi - lo + 1));
	if ((id = sim_query(s->m, ks->from, key, start)) == 0 && start > lo)
		id = sim_query(s->m, ks->from, key, lo);
	return (id);
}

static void
sim_title(struct mock *m, int64_t event, char *name, size_t len)
{
	sqlite3_stmt	*stmt;

	stmt = db_stmt(m->db, sim_sql_title);
	sqlite3_bind_int64(stmt, 1, event);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		snprintf(name, len, "%s", db_text(stmt, 0));
	else
		name[0] = '\0';
	sqlite3_reset(stmt);
}

/* With -v, what a door or a desk was told: operators would see it. */
static void
sim_log(struct sim_step *s, const char *what, int status, const char *why)
{
	log_info("simulate: %s at event %" PRId64 " -> %d %s", what,
	    s->event, status, why);
}

/* A new attendee who cannot sign in (the hash matches no password). */
static int64_t
sim_new_attendee(struct sim_step *s)
{
	char	 email[96], *cause = NULL;
	int64_t	 id;
	int	 tries;

	for (tries = 0; tries < 5; tries++) {
		snprintf(email, sizeof email, "walk-in-%u@example.net",
		    sim_rand(s->rng));
		if (users_create(s->m->db, email, "Walk-in Guest", "attendee",
		    "!", s->now, &id, &cause) == 0)
			return (id);
		free(cause);
		cause = NULL;
	}
	return (0);
}

static void
sim_register(struct sim_step *s)
{
	int64_t	 user;
	char	*cause = NULL;

	user = sim_pick(s, &sim_free_attendees, s->event);
	if (user == 0)
		user = sim_new_attendee(s);
	if (user != 0 && registrations_create(s->m, user, s->event, s->now,
	    NULL, &cause) != 0)
		free(cause);
}

/*
 * Mostly a confirmed seat given up (by someone not in the hall yet), now
 * and then a waitlisted one.
 */
static void
sim_cancel(struct sim_step *s)
{
	int64_t	 user = 0;
	char	*cause = NULL;

	if (sim_rand(s->rng) % 5 == 0)
		user = sim_pick(s, &sim_waitlisted, s->event);
	if (user == 0)
		user = sim_pick(s, &sim_unchecked_registrations, s->event);
	if (user != 0 && registrations_cancel(s->m, user, s->event, s->now,
	    NULL, &cause) != 0)
		free(cause);
}

/* A desk checking in a registration by name, without a ticket. */
static void
sim_checkin(struct sim_step *s)
{
	int64_t	 user;
	char	*cause = NULL;

	if ((user = sim_pick(s, &sim_unchecked_registrations, s->event)) != 0 &&
	    registrations_checkin(s->m, user, s->event, s->now, &cause) != 0)
		free(cause);
}

/*
 * A scan as POST /api/events/:id/checkin makes it, with a nonce of the
 * station's own.  A refusal changes nothing (checkin_scan rolls back).
 */
static void
sim_scan_code(struct sim_step *s, const char *code)
{
	struct checkin_scan	 scan;
	enum checkin_result	 result;
	json_t			*answer;
	char			 nonce[64];
	unsigned int		 desk, a, b;

	desk = 1 + sim_rand(s->rng) % 4;
	a = sim_rand(s->rng);
	b = sim_rand(s->rng);
	snprintf(nonce, sizeof nonce, "desk%u-%lld-%06x%06x", desk,
	    (long long)s->now, a, b);
	memset(&scan, 0, sizeof scan);
	scan.event_id = s->event;
	scan.code = code;
	scan.nonce = nonce;
	scan.at = s->now;
	scan.now = s->now;
	result = checkin_scan(s->m, &scan, &answer);
	if (result != CHECKIN_OK && result != CHECKIN_REPLAYED)
		sim_log(s, "scan", checkin_http_status(result),
		    json_string_value(json_object_get(answer, "message")));
	json_decref(answer);
}

/*
 * A guest's ticket code, read from the row: demo codes are longer than
 * the ones the server makes, which is all struct guest holds.
 */
static int
sim_guest(struct sim_step *s, int64_t id, char *code, size_t len)
{
	sqlite3_stmt	*stmt;
	int		 found = 0;

	stmt = db_stmt(s->m->db, sim_sql_guest);
	sqlite3_bind_int64(stmt, 1, id);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		snprintf(code, len, "%s", db_text(stmt, 0));
		found = 1;
	}
	sqlite3_reset(stmt);
	return (found);
}

/* A guest at the door: one not in yet, with a seat. */
static void
sim_scan(struct sim_step *s)
{
	char	code[CHECKIN_CODE_MAX + 1];
	int64_t	id;

	if ((id = sim_pick(s, &sim_unchecked_guests, s->event)) != 0 &&
	    sim_guest(s, id, code, sizeof code))
		sim_scan_code(s, code);
}

/* The guest last checked in, or 0. */
static int64_t
sim_latest_in(struct sim_step *s)
{
	sqlite3_stmt	*stmt;

	stmt = db_stmt(s->m->db, sim_sql_latest_in);
	sqlite3_bind_int64(stmt, 1, s->event);
	return (db_int(s->m->db, stmt, 0));
}

/* The last ticket scanned again, by a second desk: a 409. */
static void
sim_scan_twice(struct sim_step *s)
{
	char	code[CHECKIN_CODE_MAX + 1];
	int64_t	id;

	if ((id = sim_latest_in(s)) != 0 &&
	    sim_guest(s, id, code, sizeof code))
		sim_scan_code(s, code);
}

/*
 * A code of no guest: a ticket of another venue.  It has a 0, which no
 * ticket code has, and a letter, so it never reads as a guest id: a 404.
 */
static void
sim_scan_unknown(struct sim_step *s)
{
	char	code[16];

	snprintf(code, sizeof code, "EX0%07u", sim_rand(s->rng) % 10000000);
	sim_scan_code(s, code);
}

/* The desk takes back the last check-in (a scan of the wrong ticket). */
static void
sim_undo(struct sim_step *s)
{
	json_t	*answer;
	int64_t	 id;

	if ((id = sim_latest_in(s)) == 0)
		return;
	checkin_undo(s->m, s->event, id, &answer);
	json_decref(answer);
}

/* An invited guest follows the link in the invitation and answers. */
static void
sim_rsvp(struct sim_step *s)
{
	const char	*response;
	char		 status[16], *cause = NULL;
	int64_t		 guest;

	if ((guest = sim_pick(s, &sim_pending_guests, s->event)) == 0)
		return;
	response = sim_rand(s->rng) % 10 < 7 ? "accepted" : "declined";
	if (rsvp_answer(s->m, guest, s->event, response, s->now, status,
	    sizeof status, &cause) != RSVP_OK)
		free(cause);
}

/*
 * A line in the event's chat from someone with a seat (any attendee when
 * the event has no registrations).  A user who posted too fast is not
 * forced through: someone else speaks.
 */
static void
sim_chat(struct sim_step *s)
{
	const char	*text;
	json_t		*msg;
	char		*cause;
	int64_t		 user, retry;
	int		 tries, rc;

	text = sim_chat_lines[sim_rand(s->rng) %
	    (sizeof sim_chat_lines / sizeof sim_chat_lines[0])];
	for (tries = 0; tries < SIM_CHAT_TRIES; tries++) {
		if ((user = sim_pick(s, &sim_confirmed, s->event)) == 0 &&
		    (user = sim_pick(s, &sim_free_attendees, 0)) == 0)
			return;
		cause = NULL;
		rc = chat_post(s->m, s->event, user, text, s->now, &msg,
		    &retry, &cause);
		json_decref(msg);
		free(cause);
		if (rc != CHAT_LIMITED)
			return;
	}
}

static void
sim_notify(struct sim_step *s)
{
	struct event_counters	 c;
	char			 name[128], message[256];
	const char		*level, *kind;
	char			*cause = NULL;

	if (events_counters(s->m->db, s->event, &c) != 0)
		return;
	sim_title(s->m, s->event, name, sizeof name);

	if (c.capacity > 0 && c.confirmed * 10 >= c.capacity * 9 &&
	    c.waitlisted == 0) {
		level = "warning";
		kind = "Almost full";
		snprintf(message, sizeof message, "%s is %d%% full", name,
		    (int)(c.confirmed * 100 / c.capacity));
	} else if (c.waitlisted > 0 && sim_rand(s->rng) % 2 == 0) {
		level = "info";
		kind = "Waitlist open";
		snprintf(message, sizeof message, "%" PRId64 " waiting for %s",
		    c.waitlisted, name);
	} else if (sim_rand(s->rng) % 8 == 0) {
		level = "error";
		kind = "Badge printer offline";
		snprintf(message, sizeof message, "Printer %u at %s needs "
		    "paper", 1 + sim_rand(s->rng) % 3, name);
	} else {
		level = "success";
		kind = "Check-in desk online";
		snprintf(message, sizeof message, "Desk %u is scanning for %s",
		    1 + sim_rand(s->rng) % 4, name);
	}
	if (notify_post(s->m, "activity", level, kind, message, s->event,
	    s->now, &cause) == 0)
		free(cause);
}

/*
 * What happens, in weights out of 100: at an event whose doors are open
 * (it starts within the hour), at the soonest event before that, and at
 * the others, where people only register, cancel and answer invitations.
 */
static const struct {
	void	(*fn)(struct sim_step *);
	int	  door;
	int	  soonest;
	int	  other;
} sim_actions[] = {
	{ sim_register,		12, 40, 66 },
	{ sim_cancel,		 4, 14, 24 },
	{ sim_checkin,		 6,  0,  0 },
	{ sim_scan,		36,  0,  0 },
	{ sim_scan_twice,	 4,  0,  0 },
	{ sim_scan_unknown,	 2,  0,  0 },
	{ sim_undo,		 1,  0,  0 },
	{ sim_rsvp,		10, 16,  8 },
	{ sim_chat,		22, 28,  0 },
	{ sim_notify,		 3,  2,  2 },	/* a toast every 10 s at 5/s */
};

void
simulate_step(struct mock *m, unsigned int *rng, time_t now)
{
	struct sim_step	 s;
	sqlite3_stmt	*stmt;
	int64_t		 door[SIM_DOOR_MAX], soonest;
	size_t		 ndoor = 0, i;
	int		 at_door = 0, roll, w;

	if ((soonest = events_soonest(m->db, now)) == 0)
		return;
	stmt = db_stmt(m->db, sim_sql_door);
	sqlite3_bind_int64(stmt, 1, now);
	sqlite3_bind_int64(stmt, 2, now + SIM_DOOR_OPEN);
	while (ndoor < SIM_DOOR_MAX && sqlite3_step(stmt) == SQLITE_ROW)
		door[ndoor++] = sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);

	memset(&s, 0, sizeof s);
	s.m = m;
	s.rng = rng;
	s.now = now;
	/* Half the time the soonest (or another event at the door). */
	if (sim_rand(rng) % 2 == 0)
		s.event = ndoor > 0 ? door[sim_rand(rng) % ndoor] : soonest;
	else if ((s.event = sim_pick(&s, &sim_events, now)) == 0)
		s.event = soonest;
	for (i = 0; i < ndoor; i++) {
		if (door[i] == s.event)
			at_door = 1;
	}

	roll = (int)(sim_rand(rng) % 100);
	for (i = 0; i < sizeof sim_actions / sizeof sim_actions[0]; i++) {
		if (at_door)
			w = sim_actions[i].door;
		else if (s.event == soonest)
			w = sim_actions[i].soonest;
		else
			w = sim_actions[i].other;
		if (roll < w) {
			sim_actions[i].fn(&s);
			return;
		}
		roll -= w;
	}
}

/*
 * People do not arrive on a metronome: the gap to the next action is drawn
 * from an exponential distribution with the configured mean rate.
 */
static uint64_t
sim_next_ms(struct simulate *sim)
{
	double	u, ms;

	u = (sim_rand(&sim->rng) + 1.0) / (double)0x1000001;	/* (0, 1] */
	ms = -log(u) * 1000.0 / sim->rate;
	if (ms < 1.0)
		return (1);
	if (ms > 60000.0)
		return (60000);
	return ((uint64_t)ms);
}

static void
sim_tick(uv_timer_t *timer)
{
	struct simulate	*sim = timer->data;

	simulate_step(sim->m, &sim->rng, clock_now());
	uv_timer_start(&sim->timer, sim_tick, sim_next_ms(sim), 0);
}

struct simulate *
simulate_new(struct mock *m, uv_loop_t *loop, double rate)
{
	struct simulate	*sim;

	sim = xcalloc(1, sizeof *sim);
	sim->m = m;
	sim->rng = 20260615u;
	sim->rate = rate;
	uv_timer_init(loop, &sim->timer);
	sim->timer.data = sim;
	uv_timer_start(&sim->timer, sim_tick, sim_next_ms(sim), 0);
	return (sim);
}

static void
sim_closed(uv_handle_t *handle)
{
	free(handle->data);
}

void
simulate_free(struct simulate *sim)
{
	if (sim == NULL)
		return;
	uv_timer_stop(&sim->timer);
	uv_close((uv_handle_t *)&sim->timer, sim_closed);
}
