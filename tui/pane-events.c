/*
 * The events pane: one row per event in the store, soonest first, with a
 * selection that follows the event (by id) across refreshes and is
 * published to the other panes.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* The mock's names for the orders a column stands for. */
static const char *const pane_events_sorts[] = {
	[EVENTS_TITLE] = "title",
	[EVENTS_DATE] = "date",
	[EVENTS_STATUS] = NULL,
	[EVENTS_FILL] = "capacity",
	[EVENTS_GAUGE] = NULL,
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

/* What of the query evtop applies over the rows held, not the server. */
static unsigned
pane_events_local(struct pane *p)
{
	struct listwin	*lw = store_window(p->env->store);
	unsigned	 local = 0;

	if (lw != NULL && listwin_local_filter(lw))
		local |= PANE_LIST_LOCAL_FILTER;
	/* The list's own order is no news, wherever it is applied. */
	if (lw != NULL && listwin_local_sort(lw) &&
	    pane_list_sort_name(p) != NULL &&
	    strcmp(pane_list_sort_name(p), "date") != 0)
		local |= PANE_LIST_LOCAL_SORT;
	return (local);
}

/* The window asks the server, or applies them here (listwin.h). */
static void
pane_events_query(struct pane *p, const char *sort, const char *filter)
{
	struct listwin	*lw = store_window(p->env->store);

	if (lw != NULL)
		listwin_set_query(lw, sort, filter);
}

/*
 * "Events 33", or "Events 200 of 10000" when the list is partial, then
 * the filter and the marks (" /launch 3 marked"); " (stale)" after the
 * link that kept it fresh went away.
 */
static void
pane_events_title(struct pane *p, char *buf, size_t len)
{
	char		 n[64], extra[160];
	const char	*stale = p->env->stale ? " (stale)" : "";

	pane_list_title_extra(p, extra, sizeof extra);
	if (store_event_count(p->env->store) == 0) {
		snprintf(buf, len, "%s%s%s", p->ops->title, extra, stale);
		return;
	}
	pane_events_count_text(p->env->store, n, sizeof n);
	snprintf(buf, len, "%s %s%s%s", p->ops->title, n, extra, stale);
}

/* Publishes the selected event's id to the other panes. */
static int
pane_events_moved(struct pane *p)
{
	int64_t	id = pane_list_selected_key(p);

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
	.sorts = pane_events_sorts,
	.sort_initial = "date",
	.query = pane_events_query,
	.local = pane_events_local,
};

static void
pane_events_init(struct pane *p)
{
	pane_list_init(p, &pane_events_list);
}

static int
pane_events_counters(struct pane *p, int64_t event_id)
{
	/* Only a row in view needs drawing. */
	return (pane_list_key_in_view(p, event_id) ? PANE_REDRAW : 0);
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
