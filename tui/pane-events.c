/*
 * The events pane: one row per event in the store, soonest first, with a
 * selection that follows the event (by id) across refreshes.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "gauge.h"
#include "list.h"
#include "pane.h"
#include "term.h"
#include "xmalloc.h"

struct pane_events {
	struct list	*list;
	int64_t		 selected_id;
};

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
pane_events_count(void *data)
{
	struct pane	*p = data;

	return (store_event_count(p->env->store));
}

static void
pane_events_cell(void *data, size_t row, unsigned col, char *buf, size_t len,
    attr_t *attr)
{
	struct pane		*p = data;
	const struct event	*e;

	if ((e = store_event_at(p->env->store, row)) == NULL)
		return;
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

static const struct list_ops pane_events_list_ops = {
	.count = pane_events_count,
	.cell = pane_events_cell,
};

/* Publishes the selected event's id to the env; 1 when it changed. */
static int
pane_events_publish(struct pane *p)
{
	struct pane_events	*pe = p->data;
	const struct event	*e;
	size_t			 row = list_selected(pe->list);
	int64_t			 id = -1;

	if (row != LIST_NONE && (e = store_event_at(p->env->store, row)) != NULL)
		id = e->id;
	pe->selected_id = id;
	if (p->env->selected_event == id)
		return (0);
	p->env->selected_event = id;
	return (1);
}

static void
pane_events_init(struct pane *p)
{
	struct pane_events	*pe;

	pe = xcalloc(1, sizeof *pe);
	pe->list = list_new(pane_events_columns,
	    sizeof pane_events_columns / sizeof pane_events_columns[0],
	    &pane_events_list_ops, p);
	list_set_ascii(pe->list, p->env->ascii);
	pe->selected_id = -1;
	p->data = pe;
	pane_events_publish(p);
}

static void
pane_events_free(struct pane *p)
{
	struct pane_events	*pe = p->data;

	list_free(pe->list);
	free(pe);
	p->data = NULL;
}

static void
pane_events_draw(struct pane *p)
{
	struct pane_events	*pe = p->data;
	int			 h = getmaxy(p->win), w = getmaxx(p->win);

	werase(p->win);
	pane_frame(p);
	if (store_event_count(p->env->store) == 0) {
		mvwaddstr(p->win, 2, 2,
		    store_refreshed_at(p->env->store) == 0 ?
		    "Loading events..." : "No upcoming events.");
		return;
	}
	list_draw(pe->list, p->win, 1, 1, w - 2, h - 2, p->focused,
	    term_style(TERM_LIST_HEADER), term_style(TERM_SELECT));
}

static int
pane_events_action(struct pane *p, enum action a)
{
	static const struct {
		enum action	action;
		enum list_move	move;
	} moves[] = {
		{ ACTION_UP,		LIST_UP },
		{ ACTION_DOWN,		LIST_DOWN },
		{ ACTION_PAGE_UP,	LIST_PAGE_UP },
		{ ACTION_PAGE_DOWN,	LIST_PAGE_DOWN },
		{ ACTION_HOME,		LIST_HOME },
		{ ACTION_END,		LIST_END },
	};
	struct pane_events	*pe = p->data;
	size_t			 i;
	int			 flags = 0;

	for (i = 0; i < sizeof moves / sizeof moves[0]; i++) {
		if (moves[i].action != a)
			continue;
		list_sync(pe->list);
		if (list_move(pe->list, moves[i].move))
			flags |= PANE_REDRAW;
		if (pane_events_publish(p))
			flags |= PANE_SELECTION;
		return (flags);
	}
	return (PANE_UNHANDLED);
}

static int
pane_events_changed(struct pane *p)
{
	struct pane_events	*pe = p->data;
	size_t			 index;
	int			 flags = PANE_REDRAW;

	list_sync(pe->list);
	if (pe->selected_id != -1 &&
	    store_event_find(p->env->store, pe->selected_id, &index) != NULL)
		list_select(pe->list, index);
	if (pane_events_publish(p))
		flags |= PANE_SELECTION;
	return (flags);
}

static int
pane_events_counters(struct pane *p, int64_t event_id)
{
	struct pane_events	*pe = p->data;
	size_t			 index, top = list_top(pe->list);

	/* Only a row in view needs drawing. */
	if (store_event_find(p->env->store, event_id, &index) == NULL)
		return (0);
	if (index >= top && index < top + list_height(pe->list))
		return (PANE_REDRAW);
	return (0);
}

const struct pane_ops pane_events_ops = {
	.name = "events",
	.title = "Events",
	.focusable = 1,
	.keys = &keys_list,
	.init = pane_events_init,
	.free = pane_events_free,
	.draw = pane_events_draw,
	.action = pane_events_action,
	.events_changed = pane_events_changed,
	.counters_changed = pane_events_counters,
};
