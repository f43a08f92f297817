/*
 * Statistics: totals across every event, and one event's counters, RSVP
 * answers and a per-minute timeline.  Counters come from events_counters,
 * so they are the numbers the event itself and the counters envelope
 * show.  Everything is answered from indexes: an event with 500,000 guests
 * takes tens of milliseconds, not seconds.
 */
#ifndef EVTOP_MOCK_STATS_H
#define EVTOP_MOCK_STATS_H

#include <jansson.h>
#include <stdint.h>
#include <time.h>

struct db;

#define STATS_MINUTES_DEFAULT	1440	/* a day of one-minute buckets */
#define STATS_MINUTES_MAX	1440
/* A finished event's timeline ends this long after its start. */
#define STATS_AFTER_START	(6 * 3600)

/*
 * {events,upcoming,confirmed,waitlisted,checked_in,guests,
 * rsvp:{accepted,declined,pending,waitlisted}} over every event.
 */
json_t	*stats_global_json(struct db *, time_t now);

/*
 * The stats of event id, or NULL when there is no such event.  The
 * timeline has minutes buckets ending at until (0: now, or
 * STATS_AFTER_START after the event's start when that is earlier),
 * oldest first, each {t,confirmed,checked_in} counting what happened in
 * that minute: registrations confirmed now, by when they were made, and
 * check-ins, whether on a registration or a guest (once for a guest who
 * is also a checked-in registration).
 */
json_t	*stats_event_json(struct db *, int64_t id, time_t now, time_t until,
	    int64_t minutes);

#endif
