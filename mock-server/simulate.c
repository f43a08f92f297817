#include "simulate.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "events.h"
#include "mock.h"
#include "notify.h"
#include "registrations.h"
#include "users.h"
#include "xmalloc.h"

struct simulate {
	struct mock	*m;
	uv_timer_t	 timer;
	unsigned int	 rng;
	double		 rate;		/* actions per second, > 0 */
};

static const char sim_sql_random_event[] =
	"SELECT id FROM events WHERE status = 'published' AND date_time >= ?"
	" ORDER BY random() LIMIT 1";
static const char sim_sql_free_attendee[] =
	"SELECT id FROM users WHERE role = 'attendee' AND id NOT IN"
	" (SELECT user_id FROM registrations WHERE event_id = ?"
	"  AND status != 'cancelled') ORDER BY random() LIMIT 1";
static const char sim_sql_active[] =
	"SELECT user_id FROM registrations WHERE event_id = ?"
	" AND status IN ('confirmed','waitlisted') AND checked_in_at IS NULL"
	" ORDER BY random() LIMIT 1";
static const char sim_sql_unchecked[] =
	"SELECT user_id FROM registrations WHERE event_id = ?"
	" AND status = 'confirmed' AND checked_in_at IS NULL"
	" ORDER BY random() LIMIT 1";
static const char sim_sql_title[] =
	"SELECT title FROM events WHERE id = ?";

enum sim_action {
	SIM_REGISTER,
	SIM_CANCEL,
	SIM_CHECKIN,
	SIM_NOTIFY,
};

/* Weights out of 100 for the soonest event and for the others. */
static const struct {
	enum sim_action	action;
	int		soonest;
	int		other;
} sim_weights[] = {
	{ SIM_REGISTER, 43, 72 },
	{ SIM_CANCEL, 15, 26 },
	{ SIM_CHECKIN, 40, 0 },
	{ SIM_NOTIFY, 2, 2 },	/* a toast every ten seconds or so at 5/s */
};

static unsigned int
sim_rand(unsigned int *rng)
{
	*rng = *rng * 1103515245u + 12345u;
	return ((*rng >> 8) & 0xffffff);
}

static int64_t
sim_pick(struct mock *m, const char *sql, int64_t arg)
{
	sqlite3_stmt	*stmt;

	stmt = db_stmt(m->db, sql);
	sqlite3_bind_int64(stmt, 1, arg);
	return (db_int(m->db, stmt, 0));
}

/* A new attendee who cannot sign in (the hash matches no password). */
static int64_t
sim_new_attendee(struct mock *m, unsigned int *rng, time_t now)
{
	char	 email[96], *cause = NULL;
	int64_t	 id;
	int	 tries;

	for (tries = 0; tries < 5; tries++) {
		snprintf(email, sizeof email, "walk-in-%u@example.net",
		    sim_rand(rng));
		if (users_create(m->db, email, "Walk-in Guest", "attendee",
		    "!", now, &id, &cause) == 0)
			return (id);
		free(cause);
		cause = NULL;
	}
	return (0);
}

static void
sim_register(struct mock *m, unsigned int *rng, int64_t event, time_t now)
{
	int64_t	 user;
	char	*cause = NULL;

	user = sim_pick(m, sim_sql_free_attendee, event);
	if (user == 0)
		user = sim_new_attendee(m, rng, now);
	if (user != 0 &&
	    registrations_create(m, user, event, now, NULL, &cause) != 0)
		free(cause);
}

static void
sim_cancel(struct mock *m, int64_t event, time_t now)
{
	int64_t	 user;
	char	*cause = NULL;

	if ((user = sim_pick(m, sim_sql_active, event)) != 0 &&
	    registrations_cancel(m, user, event, now, NULL, &cause) != 0)
		free(cause);
}

static void
sim_checkin(struct mock *m, int64_t event, time_t now)
{
	int64_t	 user;
	char	*cause = NULL;

	if ((user = sim_pick(m, sim_sql_unchecked, event)) != 0 &&
	    registrations_checkin(m, user, event, now, &cause) != 0)
		free(cause);
}

static void
sim_notify(struct mock *m, unsigned int *rng, int64_t event, time_t now)
{
	struct event_counters	 c;
	sqlite3_stmt		*stmt;
	char			 name[128], message[256];
	const char		*level, *kind;
	char			*cause = NULL;

	if (events_counters(m->db, event, &c) != 0)
		return;
	stmt = db_stmt(m->db, sim_sql_title);
	sqlite3_bind_int64(stmt, 1, event);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		snprintf(name, sizeof name, "%s", db_text(stmt, 0));
	else
		name[0] = '\0';
	sqlite3_reset(stmt);

	if (c.capacity > 0 && c.confirmed * 10 >= c.capacity * 9 &&
	    c.waitlisted == 0) {
		level = "warning";
		kind = "Almost full";
		snprintf(message, sizeof message, "%s is %d%% full", name,
		    (int)(c.confirmed * 100 / c.capacity));
	} else if (c.waitlisted > 0 && sim_rand(rng) % 2 == 0) {
		level = "info";
		kind = "Waitlist open";
		snprintf(message, sizeof message, "%" PRId64 " waiting for %s",
		    c.waitlisted, name);
	} else if (sim_rand(rng) % 8 == 0) {
		level = "error";
		kind = "Badge printer offline";
		snprintf(message, sizeof message, "Printer %u at %s needs "
		    "paper", 1 + sim_rand(rng) % 3, name);
	} else {
		level = "success";
		kind = "Check-in desk online";
		snprintf(message, sizeof message, "Desk %u is scanning for %s",
		    1 + sim_rand(rng) % 4, name);
	}
	if (notify_post(m, "activity", level, kind, message, event, now,
	    &cause) == 0)
		free(cause);
}

void
simulate_step(struct mock *m, unsigned int *rng, time_t now)
{
	enum sim_action	action = SIM_NOTIFY;
	int64_t		event, soonest;
	int		is_soonest, roll, w;
	size_t		i;

	soonest = events_soonest(m->db, now);
	if (soonest == 0)
		return;
	if (sim_rand(rng) % 2 == 0)
		event = soonest;
	else if ((event = sim_pick(m, sim_sql_random_event, now)) == 0)
		event = soonest;
	is_soonest = (event == soonest);

	roll = (int)(sim_rand(rng) % 100);
	for (i = 0; i < sizeof sim_weights / sizeof sim_weights[0]; i++) {
		w = is_soonest ? sim_weights[i].soonest : sim_weights[i].other;
		if (roll < w) {
			action = sim_weights[i].action;
			break;
		}
		roll -= w;
	}
	switch (action) {
	case SIM_REGISTER:
		sim_register(m, rng, event, now);
		break;
	case SIM_CANCEL:
		sim_cancel(m, event, now);
		break;
	case SIM_CHECKIN:
		sim_checkin(m, event, now);
		break;
	case SIM_NOTIFY:
		sim_notify(m, rng, event, now);
		break;
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

	simulate_step(sim->m, &sim->rng, time(NULL));
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
