/*
 * Registration logic shared by the REST routes and the simulator: register
 * (confirmed while there is room, else waitlisted), cancel (promotes the
 * first waitlisted), check in.  Each runs in one transaction and, once
 * committed, publishes registration.* / checkin and counters envelopes.
 */
#ifndef EVTOP_MOCK_REGISTRATIONS_H
#define EVTOP_MOCK_REGISTRATIONS_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct mock;

enum registrations_result {
	REGISTRATIONS_OK = 0,
	REGISTRATIONS_FAILED = -1,	/* database trouble */
	REGISTRATIONS_NOT_FOUND = -2,	/* no such event, user, registration */
	REGISTRATIONS_CONFLICT = -3,	/* already registered / checked in */
	REGISTRATIONS_CLOSED = -4,	/* event is a draft or cancelled */
};

struct registration {
	int64_t	 id;
	int64_t	 user_id;
	int64_t	 event_id;
	char	 status[16];		/* confirmed, waitlisted, cancelled */
	time_t	 registration_date;
	time_t	 checked_in_at;		/* 0: not checked in; the guest row's */
};

/*
 * Registers user for event.  Fills *out (may be NULL).  Returns
 * REGISTRATIONS_OK or a negative result with a sentence in *cause.
 */
int	 registrations_create(struct mock *, int64_t user_id, int64_t event_id,
	     time_t now, struct registration *out, char **cause);
/*
 * Cancels the user's registration; when it was confirmed, the first
 * waitlisted one is promoted (its user id in *promoted, else 0).
 */
int	 registrations_cancel(struct mock *, int64_t user_id, int64_t event_id,
	     time_t now, int64_t *promoted, char **cause);
/* Checks in a confirmed registration. */
int	 registrations_checkin(struct mock *, int64_t user_id,
	     int64_t event_id, time_t now, char **cause);

/* Reads the user's registration for event: 0, or 1 when none. */
int	 registrations_find(struct mock *, int64_t user_id, int64_t event_id,
	     struct registration *out);
json_t	*registrations_to_json(const struct registration *);
/*
 * Where a waitlisted registration stands in the queue, from 1 (the next
 * to be confirmed); 0 when it is not waitlisted.
 */
int64_t	 registrations_waitlist_position(struct mock *,
	     const struct registration *);

/* Publishes the event's counters envelope to events and event:ID. */
void	 registrations_publish_counters(struct mock *, int64_t event_id);

/*
 * Seats added to an event (a larger max_capacity) go to the waitlist in
 * registration order, as a cancelled seat does, their guest rows becoming
 * accepted (guests_sync_registration).  Runs inside the caller's
 * transaction; the promoted users come back in *users (free it, NULL when
 * none) for registrations_publish_promoted once committed.
 */
int	 registrations_fill_seats(struct mock *, int64_t event_id,
	     int64_t **users, size_t *n, char **cause);
/* A registration.promoted envelope for each of the users. */
void	 registrations_publish_promoted(struct mock *, int64_t event_id,
	     const int64_t *users, size_t n);

#endif
