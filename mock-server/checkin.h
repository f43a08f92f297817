/*
 * The door: checking guests in by ticket code or guest id, and undoing it.
 * A scan may carry a nonce made by the scanning station; the first answer
 * to a nonce is stored with it, so the same scan sent again (a lost answer,
 * an offline queue synced twice) gets that answer back marked "replayed"
 * instead of an "already checked in" about itself.
 *
 * Who gets in: a guest who is pending or accepted; a guest who declined
 * also gets in (the ticket is theirs) and the answer carries a warning to
 * say so; a waitlisted guest has no seat and is refused (409, reason
 * "waitlisted").  A checked-in guest with a registration has the
 * registration checked in too.  Each change publishes a checkin envelope
 * (the guest; "undone":true on an undo) and the event's counters.
 */
#ifndef EVTOP_MOCK_CHECKIN_H
#define EVTOP_MOCK_CHECKIN_H

#include <jansson.h>
#include <stdint.h>
#include <time.h>

struct mock;

#define CHECKIN_NONCE_MAX	128	/* bytes */
#define CHECKIN_CODE_MAX	64
#define CHECKIN_SKEW		300	/* a scan this far ahead of us is fine */
#define CHECKIN_OLDEST		(30 * 86400)	/* scans older are refused */

enum checkin_result {
	CHECKIN_OK,
	CHECKIN_REPLAYED,	/* the nonce's first answer, again */
	CHECKIN_ALREADY,	/* checked in before: the first time is kept */
	CHECKIN_WAITLISTED,	/* no seat: not admitted */
	CHECKIN_NOT_FOUND,	/* no such code or guest, or not checked in */
	CHECKIN_OTHER_EVENT,	/* a ticket of another event */
	CHECKIN_NONCE_REUSED,	/* the nonce came with another code before */
	CHECKIN_FAILED,		/* database trouble */
};

struct checkin_scan {
	int64_t		 event_id;
	const char	*code;		/* ticket code or guest id */
	const char	*nonce;		/* NULL: none */
	time_t		 at;		/* when it was scanned */
	time_t		 now;
};

/*
 * Checks in the guest scan names.  *answer gets the JSON body to send
 * back, whatever the result: {guest,checked_in_at[,warning]} on success,
 * {message,guest,checked_in_at,reason} when refused, {message} otherwise.
 */
enum checkin_result checkin_scan(struct mock *, const struct checkin_scan *,
	    json_t **answer);
/* Undoes the check-in of guest_id at event_id; *answer as above. */
enum checkin_result checkin_undo(struct mock *, int64_t event_id,
	    int64_t guest_id, json_t **answer);
/* The HTTP status that a result is answered with. */
int	checkin_http_status(enum checkin_result);

#endif
