/*
 * The client's store: what the dashboard knows about the server right now.
 * The api module writes into it as answers and envelopes arrive; panes and
 * batch output read from it.  No curses, no I/O.
 */
#ifndef EVTOP_STORE_H
#define EVTOP_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

/* How many notifications the log keeps; older ones are dropped. */
#define STORE_NOTIFICATIONS_MAX 500

struct store;

struct store	*store_new(void);
void		 store_free(struct store *);

/*
 * Replaces the event list, taking ownership of the array and its strings.
 * Events are kept in date order (soonest first, then id).  total is the
 * server's total (may exceed n when paginated), -1 when it did not say.
 */
void		 store_set_events(struct store *, struct event *, size_t n,
		     int64_t total);
/*
 * The events as a window over the server's pages (listwin.h), which its
 * owner frees after setting NULL (back to the list set here).  Rows not fetched yet are NULL from
 * store_event_at; the count is the server's total.  store_put_event only
 * updates a row held and store_remove_event removes nothing: the refresh
 * that follows a change puts rows in place.
 */
struct listwin;
void		 store_set_window(struct store *, struct listwin *);
struct listwin	*store_window(const struct store *);
/* The rows on screen, so the window fetches what they need. */
void		 store_events_view(const struct store *, size_t top,
		     size_t height);
/*
 * The same in two steps, for a pane that is drawing: it records the rows
 * (store_events_want) and the loop fetches after the frame
 * (store_events_fetch, nothing when no rows were recorded since).
 */
void		 store_events_want(const struct store *, size_t top,
		     size_t height);
void		 store_events_fetch(const struct store *);
size_t		 store_event_count(const struct store *);
int64_t		 store_event_total(const struct store *);
const struct event *store_event_at(const struct store *, size_t index);
/* The event with this id and its index, or NULL. */
const struct event *store_event_find(const struct store *, int64_t id,
		     size_t *index);
/* Inserts or replaces one event (takes its strings); keeps date order. */
void		 store_put_event(struct store *, struct event *);
/* Removes an event; returns 0, or -1 when it was not there. */
int		 store_remove_event(struct store *, int64_t id);
/*
 * Applies live counters to their event.  Returns 1 when a value changed,
 * 0 when nothing did or the event is unknown.
 */
int		 store_apply_counters(struct store *, const struct counters *);

/*
 * Adds a notification (takes ownership), kept in seq order so history
 * fetched late sorts before live ones.  One whose seq is already in the
 * log is dropped and 0 returned; otherwise 1.
 */
int		 store_add_notification(struct store *, struct notification *);
size_t		 store_notification_count(const struct store *);
/* Oldest first: index 0 is the oldest kept. */
const struct notification *store_notification_at(const struct store *,
		     size_t index);

/*
 * Whether the server keeps notifications at all (1 until it says no, as a
 * core-only server does with a 404), so the log can say why it is empty.
 */
void		 store_set_notifications_supported(struct store *, int);
int		 store_notifications_supported(const struct store *);
/* Empties the log (another user signed in: theirs is fetched). */
void		 store_clear_notifications(struct store *);

/* Seconds since the epoch of the last successful refresh, 0 if never. */
time_t		 store_refreshed_at(const struct store *);
void		 store_set_refreshed_at(struct store *, time_t);

#endif
