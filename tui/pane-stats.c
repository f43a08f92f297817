/*
 * The stats pane: everything about the selected event, with live counters.
 * A value that just changed is drawn highlighted for a second, the way htop
 * marks new values; the pane asks the app for a wake-up when it fades.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gauge.h"
#include "pane.h"
#include "term.h"
#include "textw.h"
#include "xmalloc.h"
#include "xmalloc.h"

#define STATS_HIGHLIGHT_MS	1000
#define STATS_LABEL_WIDTH	12

enum {
	STATS_CAPACITY,
	STATS_CONFIRMED,
	STATS_WAITLISTED,
	STATS_CHECKED_IN,
	STATS_AVAILABLE,
	STATS__COUNT
};

static const char *const pane_stats_labels[STATS__COUNT] = {
	[STATS_CAPACITY] = "Capacity",
	[STATS_CONFIRMED] = "Confirmed",
	[STATS_WAITLISTED] = "Waitlisted",
	[STATS_CHECKED_IN] = "Checked in",
	[STATS_AVAILABLE] = "Available",
};

struct pane_stats {
	int64_t		event_id;		/* whose values are shown */
	int64_t		shown[STATS__COUNT];
	uint64_t	until[STATS__COUNT];	/* highlight ends, ms */
};

static void
pane_stats_init(struct pane *p)
{
	struct pane_stats	*ps;

	ps = xcalloc(1, sizeof *ps);
	ps->event_id = -1;
	p->data = ps;
}

static void
pane_stats_free(struct pane *p)
{
	free(p->data);
	p->data = NULL;
}

static void
pane_stats_values(const struct event *e, int64_t *v)
{
	v[STATS_CAPACITY] = e->max_capacity;
	v[STATS_CONFIRMED] = e->current_registrations;
	v[STATS_WAITLISTED] = e->waitlisted;
	v[STATS_CHECKED_IN] = e->checked_in;
	v[STATS_AVAILABLE] = e->available_spots;
}

/* Notes which values changed since the last draw of the same event. */
static void
pane_stats_compare(struct pane *p, const struct event *e)
{
	struct pane_stats	*ps = p->data;
	int64_t			 v[STATS__COUNT];
	int			 i;

	pane_stats_values(e, v);
	if (ps->event_id != e->id) {
		memset(ps->until, 0, sizeof ps->until);
		ps->event_id = e->id;
	} else {
		for (i = 0; i < STATS__COUNT; i++) {
			if (v[i] != ps->shown[i])
				ps->until[i] = p->env->now_ms +
				    STATS_HIGHLIGHT_MS;
		}
	}
	memcpy(ps->shown, v, sizeof ps->shown);
}

/* A text value, or a dash when the server gave none. */
static const char *
pane_stats_text(struct pane *p, const char *s)
{
	return (s != NULL && *s != '\0' ? s : pane_dash(p->env->ascii));
}

/* One "Label  value" line; returns the next row. */
static int
pane_stats_line(struct pane *p, int y, const char *label, const char *value,
    attr_t attr)
{
	int	w = getmaxx(p->win) - 2;

	if (y >= getmaxy(p->win) - 1)
		return (y);
	textw_put(p->win, y, 2, label, STATS_LABEL_WIDTH, TEXTW_PAD,
	    term_style(TERM_LABEL));
	textw_put(p->win, y, 2 + STATS_LABEL_WIDTH, value,
	    w - 2 - STATS_LABEL_WIDTH,
	    TEXTW_ELLIPSIS|(p->env->ascii ? TEXTW_ASCII : 0), attr);
	return (y + 1);
}

static void
pane_stats_draw(struct pane *p)
{
	struct pane_stats	*ps = p->data;
	const struct event	*e;
	char			 buf[256], date[64], bar[256];
	int			 y = 1, i, w = getmaxx(p->win) - 2, pct, flags;
	attr_t			 attr;

	werase(p->win);
	pane_frame(p);
	e = store_event_find(p->env->store, p->env->selected_event, NULL);
	if (e == NULL) {
		ps->event_id = -1;
		mvwaddstr(p->win, 1, 2, "No event selected.");
		return;
	}
	pane_stats_compare(p, e);
	flags = TEXTW_ELLIPSIS|(p->env->ascii ? TEXTW_ASCII : 0);

	textw_put(p->win, y++, 2, e->title != NULL ? e->title : "", w - 2,
	    flags, A_BOLD);
	pane_format_date(e->date_time, date, sizeof date);
	y = pane_stats_line(p, y, "Date", date, 0);
	pane_format_relative(e->date_time, p->env->now, buf, sizeof buf);
	y = pane_stats_line(p, y, "When", buf, 0);
	y = pane_stats_line(p, y, "Location", pane_stats_text(p, e->location),
	    0);
	/*
	 * Ten rows hold the title, times, place, counters and gauge; the
	 * category and the status (the list shows it too) need more.
	 */
	if (getmaxy(p->win) - 2 >= 11)
		y = pane_stats_line(p, y, "Category",
		    pane_stats_text(p, e->category), 0);
	if (e->status != NULL && getmaxy(p->win) - 2 >= 12)
		y = pane_stats_line(p, y, "Status", e->status,
		    term_style(pane_status_style(e->status)));

	for (i = 0; i < STATS__COUNT; i++) {
		pane_format_count(ps->shown[i], p->env->ascii, buf,
		    sizeof buf);
		attr = 0;
		if (ps->until[i] > p->env->now_ms)
			attr = term_style(TERM_CHANGED);
		y = pane_stats_line(p, y, pane_stats_labels[i], buf, attr);
	}

	if (y < getmaxy(p->win) - 1 && w > 12) {
		pct = gauge_percent(e->current_registrations, e->max_capacity);
		gauge_format(bar, sizeof bar, w - 10,
		    e->current_registrations, e->max_capacity, p->env->ascii);
		mvwaddch(p->win, y, 2, '[');
		textw_put(p->win, y, 3, bar, w - 10, 0, term_style(TERM_GAUGE));
		waddch(p->win, ']');
		if (pct >= 0)
			wprintw(p->win, " %3d%%", pct);
		y++;
	}
	if (e->creator_name != NULL)
		y = pane_stats_line(p, y, "Organizer", e->creator_name, 0);
	pane_draw_text(p, y + 1, e->description, term_style(TERM_LABEL));
}

static int
pane_stats_counters(struct pane *p, int64_t event_id)
{
	return (event_id == p->env->selected_event ? PANE_REDRAW : 0);
}

static int
pane_stats_redraw(struct pane *p)
{
	return (PANE_REDRAW);
}

static uint64_t
pane_stats_deadline(struct pane *p)
{
	struct pane_stats	*ps = p->data;
	uint64_t		 next = 0;
	int			 i;

	for (i = 0; i < STATS__COUNT; i++) {
		if (ps->until[i] > p->env->now_ms &&
		    (next == 0 || ps->until[i] < next))
			next = ps->until[i];
	}
	return (next);
}

const struct pane_ops pane_stats_ops = {
	.name = "stats",
	.title = "Event",
	.focusable = 0,
	.keys = NULL,
	.init = pane_stats_init,
	.free = pane_stats_free,
	.draw = pane_stats_draw,
	.events_changed = pane_stats_redraw,
	.counters_changed = pane_stats_counters,
	.selection = pane_stats_redraw,
	.deadline = pane_stats_deadline,
	.clock = 1,
};
