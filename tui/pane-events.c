/*
 * The events pane: one row per event in the store, soonest first, with a
 * selection that follows the event (by id) across refreshes and is
 * published to the other panes.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "gauge.h"
#include "listwin.h"
#include "pane-list.h"
#include "term.h"

enum {
	EVENTS_TITLE,
	EVENTS_DATE,
	EVENTS_STATUS,
	EVENTS_FILL,
	EVENTS_GAUGE
};

static const struct list_column pane_events_columns[] = {
	[EVENTS_TITLE] =  { "TITLE",	  0,  0,	  0 },
	[EVENTS_DATE] =   { "DATE",	  16, 0,	  0 },
	[EVENTS_STATUS] = { "STATUS",	  9,  0,	  0 },
	[EVENTS_FILL] =   { "CONF/CAP",	  9,  LIST_RIGHT, 0 },
	[EVENTS_GAUGE] =  { "FILL",	  10, 0,	  84 },
};

static size_t
pane_events_count(struct pane *p)
{
	return (store_event_count(p->env->store));
}

static void
pane_events_cell(struct pane *p, size_t row, unsigned col, char *buf,
    size_t len, attr_t *attr)
{
	const struct event	*e;

	if ((e = store_event_at(p->env->store, row)) == NULL) {
		/* Not fetched yet: its page is on its way. */
		if (col == EVENTS_TITLE)
			snprintf(buf, len, "%s", p->env->ascii ? "..." :
			    "\xe2\x80\xa6");
		*attr = term_style(TERM_DIM);
		return;
	}
	switch (col) {
	case EVENTS_TITLE:
		snprintf(buf, len, "%s", e->title != NULL ? e->title : "");
		break;
	case EVENTS_DATE:
		pane_format_date(e->date_time, buf, len);
		break;
	case EVENTS_STATUS:
		snprintf(buf, len, "%s", e->status != NULL ? e->status : "");
		*attr = term_style(pane_status_style(e->status));
		break;
	case EVENTS_FILL:
		if (e->max_capacity > 0)
			snprintf(buf, len, "%" PRId64 "/%" PRId64,
			    e->current_registrations, e->max_capacity);
		else
			pane_format_count(e->current_registrations,
			    p->env->ascii, buf, len);
		break;
	case EVENTS_GAUGE:
		gauge_format(buf, len, 10, e->current_registrations,
		    e->max_capacity, p->env->ascii);
		*attr = term_style(TERM_GAUGE);
		break;
	}
}

static int64_t
pane_events_key(struct pane *p, size_t row)
{
	const struct event	*e = store_event_at(p->env->store, row);

	return (e != NULL ? e->id : -1);
}

static size_t
pane_events_find(struct pane *p, int64_t id)
{
	size_t	index;

	if (store_event_find(p->env->store, id, &index) == NULL)
		return (LIST_NONE);
	return (index);
}

static const char *
pane_events_empty(struct pane *p)
{
	if (store_refreshed_at(p->env->store) == 0 && p->env->load_error != NULL)
		return (p->env->load_error);
	if (store_refreshed_at(p->env->store) == 0)
		return (p->env->ascii ? "Loading events..." :
		    "Loading events\xe2\x80\xa6");
	return ("No upcoming events.");
}

void
pane_events_count_text(const struct store *s, char *buf, size_t len)
{
	size_t	n = store_event_count(s);
	int64_t	total = store_event_total(s);

	if (total > 0 && (uint64_t)total > n)
		snprintf(buf, len, "%zu of %" PRId64, n, total);
	else
		snprintf(buf, len, "%zu", n);
}

/*
 * Called while drawing: records the rows shown; their pages are fetched
 * by the loop once the frame is out (app_schedule).
 */
static void
pane_events_view(struct pane *p, size_t top, size_t height)
{
	store_events_want(p->env->store, top, height);
}

/*
 * " (filtered here)" when the server cannot filter the list and the rows
 * fetched are filtered by evtop.
 */
static const char *
pane_events_local(struct pane *p)
{
	struct listwin	*lw = store_window(p->env->store);

	return (lw != NULL && listwin_local_filter(lw) ? " (filtered here)" :
	    "");
}

/*
 * "Events 33", or "Events 200 of 10000" when the list is partial; " (stale)"
 * after the link that kept it fresh went away.
 */
static void
pane_events_title(struct pane *p, char *buf, size_t len)
{
	char	n[64];

	const char	*stale = p->env->stale ? " (stale)" : "";

	if (store_event_count(p->env->store) == 0) {
		snprintf(buf, len, "%s%s", p->ops->title, stale);
		return;
	}
	pane_events_count_text(p->env->store, n, sizeof n);
	snprintf(buf, len, "%s %s%s%s", p->ops->title, n, pane_events_local(p),
	    stale);
}

/* Publishes the selected event's id to the other panes. */
static int
pane_events_moved(struct pane *p)
{
	size_t	row = pane_list_selected(p);
	int64_t	id = row != LIST_NONE ? pane_events_key(p, row) : -1;

	if (p->env->selected_event == id)
		return (0);
	p->env->selected_event = id;
	return (PANE_SELECTION);
}

static const struct pane_list_ops pane_events_list = {
	.columns = pane_events_columns,
	.ncolumns = sizeof pane_events_columns / sizeof pane_events_columns[0],
	.stick_top = 0,
	.count = pane_events_count,
	.cell = pane_events_cell,
	.key = pane_events_key,
	.find = pane_events_find,
	.empty = pane_events_empty,
	.title = pane_events_title,
	.moved = pane_events_moved,
	.view = pane_events_view,
	.open = pane_events_key,
};

static void
pane_events_init(struct pane *p)
{
	pane_list_init(p, &pane_events_list);
}

static int
pane_events_counters(struct pane *p, int64_t event_id)
{
	size_t	index;

	/* Only a row in view needs drawing. */
	if (store_event_find(p->env->store, event_id, &index) == NULL)
		return (0);
	return (pane_list_in_view(p, index) ? PANE_REDRAW : 0);
}

const struct pane_ops pane_events_ops = {
	.name = "events",
	.title = "Events",
	.focusable = 1,
	.keys = &keys_list,
	.click = pane_list_click,
	.init = pane_events_init,
	.free = pane_list_free,
	.draw = pane_list_draw,
	.draw_cursor = pane_list_draw_cursor,
	.action = pane_list_action,
	.events_changed = pane_list_changed,
	.counters_changed = pane_events_counters,
};
