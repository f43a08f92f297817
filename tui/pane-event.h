/*
 * The event view's pane (pane-event.c): one event's details, its live
 * counters, the RSVP breakdown and the per-minute timeline.  These are
 * for the app's admin actions and the tests.
 */
#ifndef EVTOP_PANE_EVENT_H
#define EVTOP_PANE_EVENT_H

#include "api-calls.h"
#include "pane.h"

/* The event shown: the store's when it holds it, else the pane's copy. */
const struct event	*pane_event_event(struct pane *);
/* Takes a copy of e as what the server now says of the event. */
void			 pane_event_put(struct pane *, const struct event *);
/* An answer to GET /api/events/:id/stats (the api's callback's body). */
void			 pane_event_stats(struct pane *,
			    const struct api_result *);
/* An answer to GET /api/events/:id, for an event the store lacks. */
void			 pane_event_got(struct pane *,
			    const struct api_result *);
/* A deep copy of src into dst (event_done frees it). */
void			 pane_event_copy(struct event *dst,
			    const struct event *src);

#endif
