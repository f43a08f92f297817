/*
 * Counters for GET /metrics: requests by method and status class, how
 * long they took (a histogram), and what the HTTP layer did on its own
 * (rate limits, faults, idempotent replays).  Writes the Prometheus text
 * format, version 0.0.4.  Every function accepts NULL and does nothing.
 */
#ifndef EVTOP_MOCK_METRICS_H
#define EVTOP_MOCK_METRICS_H

#include <stdint.h>
#include <stdio.h>

#include "http.h"

struct metrics;

enum metrics_event {
	METRICS_RATE_LIMITED,		/* answered 429 */
	METRICS_FAULT_ERROR,		/* answered 500/503 by --fault */
	METRICS_FAULT_WS_DROP,		/* WebSockets closed by --fault */
	METRICS_IDEMPOTENT_REPLAY,	/* a stored answer sent again */
	METRICS_NEVENTS
};

struct metrics	*metrics_new(void);
void		 metrics_free(struct metrics *);

/* One answered request: its method, status and seconds taken. */
void		 metrics_request(struct metrics *, enum http_method,
		     int status, double seconds);
void		 metrics_count(struct metrics *, enum metrics_event);
uint64_t	 metrics_get(const struct metrics *, enum metrics_event);
/* Requests answered so far, all methods and statuses. */
uint64_t	 metrics_requests(const struct metrics *);

/* Writes the counters, each with # HELP and # TYPE lines. */
void		 metrics_write(const struct metrics *, FILE *);

/* Helpers for the other lines of the page, in the same format. */
void		 metrics_write_gauge(FILE *, const char *name,
		     const char *help, double value);
void		 metrics_write_counter(FILE *, const char *name,
		     const char *help, uint64_t value);

#endif
