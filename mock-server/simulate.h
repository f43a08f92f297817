/*
 * Simulated activity: a libuv timer performs registrations, cancellations,
 * check-ins and door scans, RSVP answers, chat lines and notifications
 * through the same functions the REST API uses, about half of them on the
 * soonest upcoming event or another whose doors are open.
 */
#ifndef EVTOP_MOCK_SIMULATE_H
#define EVTOP_MOCK_SIMULATE_H

#include <time.h>
#include <uv.h>

struct mock;
struct simulate;

/* rate actions per second (> 0). */
struct simulate	*simulate_new(struct mock *, uv_loop_t *, double rate);
/* Stops the timer; the object is freed once libuv has closed it. */
void		 simulate_free(struct simulate *);

/* Performs one action now (the timer calls this; so do tests). */
void		 simulate_step(struct mock *, unsigned int *rng, time_t now);

#endif
