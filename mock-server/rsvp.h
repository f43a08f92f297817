/*
 * Answers to invitations.  The link in an invitation carries an RSVP
 * token (auth.h) that names guest and event and lives until a week after
 * the event starts; it is the same for a guest as long as the event's
 * date is, so a guest's ETag does not change with the clock.
 *
 * Accepting when the accepted guests already fill the event's capacity
 * puts the guest on the waitlist instead; nobody is promoted when someone
 * declines (an organizer edits the guest for that).  A guest who came
 * through a registration answers through the registration, not a link.
 */
#ifndef EVTOP_MOCK_RSVP_H
#define EVTOP_MOCK_RSVP_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct mock;

#define RSVP_GRACE	(7 * 86400)	/* a link outlives its event by this */

enum rsvp_result {
	RSVP_OK,
	RSVP_NOT_FOUND,		/* no such guest at that event */
	RSVP_REGISTERED,	/* the guest answers through a registration */
	RSVP_CLOSED,		/* the event was cancelled */
	RSVP_FAILED,		/* database trouble */
};

/*
 * Records guest_id's response ("accepted" or "declined") in one
 * transaction; the status recorded (accepted, waitlisted, declined) goes
 * into status.  A negative result comes with a sentence in *cause.
 */
enum rsvp_result rsvp_answer(struct mock *, int64_t guest_id,
	    int64_t event_id, const char *response, time_t now, char *status,
	    size_t len, char **cause);

/* The RSVP token of an invited guest, or NULL when there is none. */
char	*rsvp_token(struct mock *, int64_t guest_id);

#endif
