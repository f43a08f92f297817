/*
 * Reminders: a message a manager schedules for an event.  At its time it
 * fires once as a notification (type "reminder", the event's id set): the
 * notification and the reminder's "sent" mark are one transaction, so a
 * restart never fires it twice, and a reminder that fell due while the
 * server was down fires as soon as it is back (with --db).  A timer sleeps
 * until the soonest pending reminder.
 */
#ifndef EVTOP_MOCK_REMINDERS_H
#define EVTOP_MOCK_REMINDERS_H

#include <jansson.h>
#include <stdint.h>
#include <time.h>
#include <uv.h>

struct db;
struct mock;
struct reminders;

#define REMINDERS_MESSAGE_MAX	1000		/* characters */
#define REMINDERS_PENDING_MAX	100		/* per event */
#define REMINDERS_AHEAD_MAX	(366 * 86400)	/* how far ahead */

enum reminders_result {
	REMINDERS_OK = 0,
	REMINDERS_FAILED = -1,		/* database trouble */
	REMINDERS_FULL = -2,		/* too many pending for the event */
};

/* Fires due reminders of m on loop from now on (at once if overdue). */
struct reminders *reminders_new(struct mock *, uv_loop_t *);
/* Stops the timer; the object is freed once libuv has closed it. */
void		 reminders_free(struct reminders *);
/* A reminder was added: sleep until the soonest again.  r may be NULL. */
void		 reminders_kick(struct reminders *);

/*
 * Schedules message for event at (the caller checked both).  Returns
 * REMINDERS_OK with the reminder as JSON in *out, or a negative result
 * with a sentence in *cause.
 */
int		 reminders_create(struct db *, int64_t event_id,
		     int64_t user_id, time_t at, const char *message,
		     time_t now, json_t **out, char **cause);
/* A page of the event's reminders, soonest first; *total of them. */
json_t		*reminders_list_json(struct db *, int64_t event_id,
		     int64_t page, int64_t per_page, int64_t *total);

/*
 * Fires up to max reminders due at now, each in its own transaction with
 * its notification.  Returns how many fired.
 */
int		 reminders_fire_due(struct mock *, time_t now, int max);
/* When the soonest pending reminder is due, or 0 when none is. */
time_t		 reminders_next(struct db *);

/* The "reminders" queue as a Bull dashboard shows it. */
json_t		*reminders_queue_json(struct db *, time_t now);

#endif
