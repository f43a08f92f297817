/*
 * The request budget: how fast background requests (polling, the
 * WebSocket's reconnects, /api/meta re-asks) may go, from what the
 * server's RateLimit-* or X-RateLimit-* headers and its 429s said.  No
 * I/O and no clock of its own: every call takes "now" in milliseconds on
 * the caller's clock, so the arithmetic is tested without a network and
 * an hour is simulated in a moment.
 *
 * The policy: background requests get BUDGET_SHARE_PCT of the server's
 * limit per window, spread evenly (100 per 15 minutes: one every 20 s),
 * and never more than that share of what is left before the window
 * resets; the rest is kept for what the user does.  A 429's Retry-After
 * holds every request back until it has passed.
 */
#ifndef EVTOP_BUDGET_H
#define EVTOP_BUDGET_H

#include <stdint.h>

/* The share of the server's limit that background requests may spend. */
#define BUDGET_SHARE_PCT	45
/*
 * What is assumed of a server that has not said (a core-only server, or
 * one that answered 429 without headers): the smallest budget in the
 * wild, 100 requests per 15 minutes per address.
 */
#define BUDGET_ASSUME_LIMIT	100
#define BUDGET_ASSUME_WINDOW_MS	(15 * 60 * 1000)
/* A 429 that says nothing of how long: wait this long. */
#define BUDGET_WAIT_DEFAULT_MS	(60 * 1000)
/* Waits beyond a day are taken as a day. */
#define BUDGET_WAIT_MAX_MS	(24 * 3600 * 1000ULL)

struct budget;

struct budget	*budget_new(void);
void		 budget_free(struct budget *);

/*
 * What one answer's headers said, at now: limit, remaining and reset (in
 * seconds from now), each -1 when absent.
 */
void		 budget_note(struct budget *, uint64_t now, long limit,
		     long remaining, long reset);
/*
 * Assumes a limit per window when the server has said none (it has no
 * effect once the server's own headers were seen).
 */
void		 budget_assume(struct budget *, long limit,
		     uint64_t window_ms);
/* A 429 (or 503) asked to wait ms: every request waits, from now. */
void		 budget_hold(struct budget *, uint64_t now, uint64_t ms);
/* n background requests were sent at now. */
void		 budget_spend(struct budget *, uint64_t now, unsigned n);

/* Milliseconds until any request may go (a Retry-After); 0: now. */
uint64_t	 budget_hold_left(const struct budget *, uint64_t now);
/*
 * The earliest time (on the caller's clock, >= now) the next background
 * request may go.
 */
uint64_t	 budget_next(const struct budget *, uint64_t now);
/*
 * The spacing between background requests the budget allows now, in
 * milliseconds; 0 when the server's limit is not known.
 */
uint64_t	 budget_gap(const struct budget *, uint64_t now);
/* The limit in force (the server's, or assumed), -1 when none. */
long		 budget_limit(const struct budget *);

#endif
