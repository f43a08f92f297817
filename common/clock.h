/*
 * The wall clock, as both programs show it and decide by it: the header's
 * time, a token's expiry, the demo data's dates, a registration's time.
 * A test fixes it with EVTOP_TEST_NOW (an ISO 8601 time such as
 * 2026-06-01T09:00:00Z), so that a screen drawn from seeded data is the
 * same on every run; the fixed clock stands still.  Timers that measure an
 * interval use the monotonic clock and never read this one, and neither
 * does the trace log, whose stamps stay real.  The variable is read once,
 * at the first call: setting it later changes nothing (clock_reset).
 */
#ifndef EVTOP_CLOCK_H
#define EVTOP_CLOCK_H

#include <stdint.h>
#include <time.h>

/* Now: EVTOP_TEST_NOW's instant when it is set, else the wall clock. */
time_t	clock_now(void);
/* The same in milliseconds, for queues that order by the millisecond. */
int64_t	clock_now_ms(void);
/*
 * Whether EVTOP_TEST_NOW, if set, is a time: 0, or -1 with a sentence in
 * *cause.  Both programs refuse to start on a bad one rather than run on
 * the wall clock while a test expects a fixed one.
 */
int	clock_check(char **cause);
/*
 * EVTOP_TEST_NOW is read once, at the first of these calls; this makes the
 * next call read it again.  For unit tests that change it.
 */
void	clock_reset(void);

#endif
