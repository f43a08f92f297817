/*
 * --rate-limit N/SECONDS: at most N requests per client address in each
 * fixed window of SECONDS, the window starting at the client's first
 * request.  Knows nothing of HTTP: the pipeline asks, then writes the
 * RateLimit-* headers and the 429 from what it is told.
 */
#ifndef EVTOP_MOCK_RATELIMIT_H
#define EVTOP_MOCK_RATELIMIT_H

#include <stdint.h>

struct ratelimit;

#define RATELIMIT_MAX_LIMIT	1000000
#define RATELIMIT_MAX_WINDOW	86400

/* What the headers say after one request. */
struct ratelimit_info {
	unsigned	limit;
	unsigned	window;		/* seconds */
	unsigned	remaining;
	unsigned	reset;		/* seconds left in the window */
};

/*
 * Reads "N/SECONDS" (SECONDS may end in s, m or h: "100/15m").  Returns 0,
 * or -1 with a sentence in *cause.
 */
int		 ratelimit_parse(const char *spec, unsigned *limit,
		     unsigned *window, char **cause);

struct ratelimit *ratelimit_new(unsigned limit, unsigned window);
void		 ratelimit_free(struct ratelimit *);

/*
 * Counts one request from key (a client address) at now (monotonic
 * seconds).  Returns 1 when it is within the limit, 0 when over; either
 * way *info says what the headers carry.  A refused request is not
 * counted.
 */
int		 ratelimit_take(struct ratelimit *, const char *key,
		     double now, struct ratelimit_info *info);
/* The same without counting (exempt routes still show the headers). */
void		 ratelimit_peek(struct ratelimit *, const char *key,
		     double now, struct ratelimit_info *info);
/* How many clients are being tracked (for tests). */
unsigned	 ratelimit_clients(const struct ratelimit *);

#endif
