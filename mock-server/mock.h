/*
 * The server's state, handed to every route, the simulator and the seeder.
 * Each member is an opaque module of its own; this struct only ties them
 * together (state is passed, not global).
 */
#ifndef EVTOP_MOCK_H
#define EVTOP_MOCK_H

#include <time.h>

#define MOCK_NAME	"evtop-mock"
#ifndef EVTOP_VERSION
#define EVTOP_VERSION	"0.0.0"
#endif

struct auth;
struct db;
struct hub;
struct mailq;
struct reminders;

struct mock {
	struct db	*db;
	struct hub	*hub;
	struct auth	*auth;
	double		 started;	/* monotonic seconds, for uptime */
	int		 verbose;	/* -v: log requests to stderr */

	/*
	 * Jobs: the mail queue and the reminder timer, woken when a route
	 * queues work.  NULL where nothing runs them (unit tests, fuzzing):
	 * the work then waits in the store.
	 */
	struct mailq	*mailq;
	struct reminders *reminders;
	/*
	 * HTTP behaviour (pipeline.h); each NULL when off.  The tags are
	 * declared here, at file scope, by their first use.
	 */
	struct ratelimit *ratelimit;	/* --rate-limit */
	struct fault	*fault;		/* --fault */
	struct cache	*cache;		/* answers to GET */
	struct metrics	*metrics;	/* counters for /metrics */

	/*
	 * Rows the guest export reads at a time (guests-export.h); 0 for
	 * the default.  EVTOP_MOCK_EXPORT_ROWS sets it, for tests that want
	 * a small export in many chunks.
	 */
	size_t		 export_rows;
};

/* Monotonic clock in seconds. */
double	mock_now_monotonic(void);

#endif
