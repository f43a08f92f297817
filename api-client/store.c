/*
 * What the dashboard knows: the event list in date order, and a bounded
 * log of notifications.  Plain data, no I/O.
 */
#include "store.h"

#include <stdlib.h>
#include <string.h>

#include "listwin.h"
#include "xmalloc.h"

struct store {
	struct event		*events;
	size_t			 nevents;
	size_t			 cap;
	int64_t			 total;
	time_t			 refreshed_at;
	int			 no_notifications;	/* the server said it keeps none */
	/* When set, the events are a window over the server's pages (the
	   api's, not the store's to free). */
	struct listwin		*win;
	/*
	 * Events sorted by id, to find one per live counters envelope without
	 * walking thousands; rebuilt whenever the list changes.
	 */
	struct store_id		*byid;

	/* A ring: notes[(first + i) % MAX] is the i-th oldest. */
	struct notification	 notes[STORE_NOTIFICATIONS_MAX];
	size_t			 first;
	size_t			 nnotes;
};

struct store_id {
	int64_t	id;
	size_t	at;
};

static int
store_id_cmp(const void *a0, const void *b0)
{
	const struct store_id	*a = a0, *b = b0;

	if (a->id != b->id)
		return (a->id < b->id ? -1 : 1);
	return (0);
}

static void
store_reindex(struct store *st)
{
	size_t	i;

	st->byid = xreallocarray(st->byid, st->nevents == 0 ? 1 : st->nevents,
	    sizeof *st->byid);
	for (i = 0; i < st->nevents; i++) {
		st->byid[i].id = st->events[i].id;
		st->byid[i].at = i;
	}
	qsort(st->byid, st->nevents, sizeof *st->byid, store_id_cmp);
}

static int
store_event_cmp(const void *a0, const void *b0)
{
	const struct event	*a = a0, *b = b0;

	if (a->date_time != b->date_time)
		return (a->date_time < b->date_time ? -1 : 1);
	if (a->id != b->id)
		return (a->id < b->id ? -1 : 1);
	return (0);
}

struct store *
store_new(void)
{
	struct store	*st;

	st = xcalloc(1, sizeof *st);
	st->total = -1;
	return (st);
}

static void
store_clear_events(struct store *st)
{
	events_free(st->events, st->nevents);
	st->events = NULL;
	st->nevents = st->cap = 0;
}

void
store_free(struct store *st)
{
	size_t	i;

	if (st == NULL)
		return;
	store_clear_events(st);
	free(st->byid);
	for (i = 0; i < st->nnotes; i++)
		notification_done(&st->notes[(st->first + i) %
		    STORE_NOTIFICATIONS_MAX]);
	free(st);
}

void
store_set_events(struct store *st, struct event *evs, size_t n,
    int64_t total)
{
	store_clear_events(st);
	st->events = evs;
	st->nevents = n;
	st->cap = n;
	st->total = total;
	if (n > 1)
		qsort(st->events, n, sizeof *st->events, store_event_cmp);
	store_reindex(st);
}

void
store_set_window(struct store *st, struct listwin *win)
{
	st->win = win;
}

struct listwin *
store_window(const struct store *st)
{
	return (st->win);
}

void
store_events_view(const struct store *st, size_t top, size_t height)
{
	if (st->win != NULL)
		listwin_view(st->win, top, height);
}

void
store_events_want(const struct store *st, size_t top, size_t height)
{
	if (st->win != NULL)
		listwin_want(st->win, top, height);
}

void
store_events_fetch(const struct store *st)
{
	if (st->win != NULL && listwin_wanted(st->win))
		listwin_fetch_wanted(st->win);
}

size_t
store_event_count(const struct store *st)
{
	if (st->win != NULL)
		return (listwin_count(st->win));
	return (st->nevents);
}

int64_t
store_event_total(const struct store *st)
{
	if (st->win != NULL)
		return (listwin_total(st->win));
	return (st->total);
}

const struct event *
store_event_at(const struct store *st, size_t idx)
{
	if (st->win != NULL)
		return (listwin_row(st->win, idx));
	if (idx >= st->nevents)
		return (NULL);
	return (&st->events[idx]);
}

const struct event *
store_event_find(const struct store *st, int64_t id, size_t *idx)
{
	struct store_id	 key = { id, 0 }, *found;

	if (st->win != NULL)
		return (listwin_find(st->win, id, idx));
	if (st->nevents == 0)
		return (NULL);
	found = bsearch(&key, st->byid, st->nevents, sizeof *st->byid,
	    store_id_cmp);
	if (found == NULL)
		return (NULL);
	if (idx != NULL)
		*idx = found->at;
	return (&st->events[found->at]);
}

void
store_put_event(struct store *st, struct event *ev)
{
	struct event	*held;
	size_t		 i, at;

	if (st->win != NULL) {
		/* A row held is brought up to date; a refresh places it. */
		if ((held = listwin_find(st->win, ev->id, NULL)) != NULL) {
			event_done(held);
			*held = *ev;
		} else
			event_done(ev);
		memset(ev, 0, sizeof *ev);
		return;
	}
	if (store_event_find(st, ev->id, &i) != NULL) {
		event_done(&st->events[i]);
		memmove(&st->events[i], &st->events[i + 1],
		    (st->nevents - i - 1) * sizeof *st->events);
		st->nevents--;
	} else if (st->total >= 0)
		st->total++;
	if (st->nevents == st->cap) {
		st->cap = st->cap == 0 ? 16 : st->cap * 2;
		st->events = xreallocarray(st->events, st->cap,
		    sizeof *st->events);
	}
	for (at = 0; at < st->nevents; at++) {
		if (store_event_cmp(ev, &st->events[at]) < 0)
			break;
	}
	memmove(&st->events[at + 1], &st->events[at],
	    (st->nevents - at) * sizeof *st->events);
	st->events[at] = *ev;
	st->nevents++;
	memset(ev, 0, sizeof *ev);
	store_reindex(st);
}

int
store_remove_event(struct store *st, int64_t id)
{
	size_t	i;

	/* Rows of a window go with the refresh that follows. */
	if (st->win != NULL || store_event_find(st, id, &i) == NULL)
		return (-1);
	event_done(&st->events[i]);
	memmove(&st->events[i], &st->events[i + 1],
	    (st->nevents - i - 1) * sizeof *st->events);
	st->nevents--;
	if (st->total > 0)
		st->total--;
	store_reindex(st);
	return (0);
}

/* Sets *field to v when v was sent and differs; returns 1 if it changed. */
static int
store_update(int64_t *field, int64_t v)
{
	if (v < 0 || *field == v)
		return (0);
	*field = v;
	return (1);
}

int
store_apply_counters(struct store *st, const struct counters *c)
{
	struct event	*ev;
	size_t		 i;
	int64_t		 avail;
	int		 changed = 0;

	if (st->win != NULL)
		ev = listwin_find(st->win, c->event_id, NULL);
	else if (store_event_find(st, c->event_id, &i) != NULL)
		ev = &st->events[i];
	else
		ev = NULL;
	if (ev == NULL)
		return (0);
	changed |= store_update(&ev->current_registrations, c->confirmed);
	changed |= store_update(&ev->waitlisted, c->waitlisted);
	changed |= store_update(&ev->checked_in, c->checked_in);
	if (c->available >= 0)
		avail = c->available;
	else if (ev->max_capacity >= 0 && ev->current_registrations >= 0) {
		avail = ev->max_capacity - ev->current_registrations;
		if (avail < 0)
			avail = 0;
	} else
		avail = -1;
	changed |= store_update(&ev->available_spots, avail);
	return (changed);
}

#define STORE_NOTE(st, i) \
	(&(st)->notes[((st)->first + (i)) % STORE_NOTIFICATIONS_MAX])

int
store_add_notification(struct store *st, struct notification *no)
{
	size_t	i;

	if (no->seq >= 0) {
		for (i = 0; i < st->nnotes; i++) {
			if (STORE_NOTE(st, i)->seq == no->seq) {
				notification_done(no);
				return (0);
			}
		}
	}
	if (st->nnotes == STORE_NOTIFICATIONS_MAX) {
		notification_done(&st->notes[st->first]);
		st->first = (st->first + 1) % STORE_NOTIFICATIONS_MAX;
		st->nnotes--;
	}
	/*
	 * Keep seq order: history fetched over REST may land after live
	 * notifications that are newer.  Walk back past newer ones.
	 */
	i = st->nnotes;
	while (i > 0 && no->seq >= 0 &&
	    STORE_NOTE(st, i - 1)->seq > no->seq) {
		*STORE_NOTE(st, i) = *STORE_NOTE(st, i - 1);
		i--;
	}
	*STORE_NOTE(st, i) = *no;
	st->nnotes++;
	memset(no, 0, sizeof *no);
	return (1);
}

size_t
store_notification_count(const struct store *st)
{
	return (st->nnotes);
}

const struct notification *
store_notification_at(const struct store *st, size_t idx)
{
	if (idx >= st->nnotes)
		return (NULL);
	return (&st->notes[(st->first + idx) % STORE_NOTIFICATIONS_MAX]);
}

void
store_set_notifications_supported(struct store *st, int yes)
{
	st->no_notifications = !yes;
}

int
store_notifications_supported(const struct store *st)
{
	return (!st->no_notifications);
}

void
store_clear_notifications(struct store *st)
{
	size_t	i;

	for (i = 0; i < st->nnotes; i++)
		notification_done(STORE_NOTE(st, i));
	st->first = st->nnotes = 0;
}

time_t
store_refreshed_at(const struct store *st)
{
	return (st->refreshed_at);
}

void
store_set_refreshed_at(struct store *st, time_t t)
{
	st->refreshed_at = t;
}
