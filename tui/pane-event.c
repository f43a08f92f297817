/*
 * The event pane: the whole screen of one event.  Details, the live
 * counters (from the store, which `counters` envelopes move at once), the
 * RSVP breakdown and the registrations a minute as a sparkline, from GET
 * /api/events/:id/stats.  A `counters` envelope for the event adds what
 * it confirmed to the current minute at once and owes a fetch of the
 * stats, sent at most once a second while the pane lives, so the
 * timeline is the server's again within a second.  An event the store
 * does not hold (`:event 42`, a notification) is fetched on its own.  A
 * server with no stats endpoint (404, 500: a core-only one) gets the
 * event's own counters and a sentence instead of an empty timeline.
 */
#include "pane-event.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gauge.h"
#include "log.h"
#include "spark.h"
#include "term.h"
#include "textw.h"
#include "xmalloc.h"

#define EVENT_STATS_GAP_MS	1000	/* at most one stats request a second */
#define EVENT_HIGHLIGHT_MS	1000
#define EVENT_LABEL_WIDTH	12

enum {
	EVENT_CONFIRMED,
	EVENT_WAITLISTED,
	EVENT_CHECKED_IN,
	EVENT_AVAILABLE,
	EVENT__COUNT
};

static const char *const pane_event_labels[EVENT__COUNT] = {
	[EVENT_CONFIRMED] = "Confirmed",
	[EVENT_WAITLISTED] = "Waitlisted",
	[EVENT_CHECKED_IN] = "Checked in",
	[EVENT_AVAILABLE] = "Available",
};

/* What is known of the stats endpoint for this event. */
enum pane_event_stats_state {
	EVENT_STATS_LOADING,
	EVENT_STATS_OK,
	EVENT_STATS_NONE,	/* no such endpoint: a core-only server */
	EVENT_STATS_FAILED	/* refused or failed: the sentence says */
};

struct pane_event {
	struct pane			*pane;
	int64_t				 id;
	struct event			 ev;		/* the last seen */
	int				 have_ev;
	int				 ev_asked;
	char				*ev_error;	/* why it is not here */

	struct event_stats		 stats;
	enum pane_event_stats_state	 state;
	char				*stats_error;
	int				 inflight;
	int				 owed;
	uint64_t			 sent_ms;
	int64_t				 confirmed;	/* as last counted */

	int				 compared;
	int64_t				 shown[EVENT__COUNT];
	uint64_t			 until[EVENT__COUNT];
};

static char *
pane_event_dup(const char *s)
{
	return (s != NULL ? xstrdup(s) : NULL);
}

void
pane_event_copy(struct event *dst, const struct event *src)
{
	*dst = *src;
	dst->title = pane_event_dup(src->title);
	dst->description = pane_event_dup(src->description);
	dst->location = pane_event_dup(src->location);
	dst->creator_name = pane_event_dup(src->creator_name);
	dst->status = pane_event_dup(src->status);
	dst->category = pane_event_dup(src->category);
}

void
pane_event_put(struct pane *p, const struct event *e)
{
	struct pane_event	*pe = p->data;

	if (e == NULL || e->id != pe->id)
		return;
	if (pe->have_ev)
		event_done(&pe->ev);
	pane_event_copy(&pe->ev, e);
	pe->have_ev = 1;
	p->damaged = 1;
}

const struct event *
pane_event_event(struct pane *p)
{
	struct pane_event	*pe = p->data;
	const struct event	*e;

	e = store_event_find(p->env->store, pe->id, NULL);
	if (e != NULL) {
		/* Kept, for when the row leaves the list window. */
		if (!pe->have_ev || e->version != pe->ev.version ||
		    e->current_registrations != pe->ev.current_registrations)
			pane_event_put(p, e);
		return (e);
	}
	return (pe->have_ev ? &pe->ev : NULL);
}

static void
pane_event_init(struct pane *p)
{
	struct pane_event	*pe;

	pe = xcalloc(1, sizeof *pe);
	pe->pane = p;
	pe->id = p->env->selected_event;
	pe->owed = 1;
	pe->confirmed = -1;
	p->data = pe;
}

static void
pane_event_free(struct pane *p)
{
	struct pane_event	*pe = p->data;

	if (pe == NULL)
		return;
	if (p->env->api != NULL)
		api_forget(p->env->api, pe);
	if (pe->have_ev)
		event_done(&pe->ev);
	free(pe->ev_error);
	event_stats_done(&pe->stats);
	free(pe->stats_error);
	free(pe);
	p->data = NULL;
}

void
pane_event_got(struct pane *p, const struct api_result *r)
{
	struct pane_event	*pe = p->data;

	free(pe->ev_error);
	pe->ev_error = NULL;
	if (r->status == API_OK && r->v.event != NULL)
		pane_event_put(p, r->v.event);
	else if (r->error != NULL)
		xasprintf(&pe->ev_error, "Event %" PRId64 " cannot be shown: "
		    "%s", pe->id, r->error->sentence);
	p->damaged = 1;
}

static void
pane_event_got_cb(void *arg, const struct api_result *r)
{
	struct pane_event	*pe = arg;

	pane_event_got(pe->pane, r);
}

/* Moves the pane's own copy's counters (an event the store lacks). */
static void
pane_event_take_counters(struct pane_event *pe, const struct event_stats *s)
{
	if (!pe->have_ev || store_event_find(pe->pane->env->store, pe->id,
	    NULL) != NULL)
		return;
	if (s->confirmed >= 0)
		pe->ev.current_registrations = s->confirmed;
	if (s->waitlisted >= 0)
		pe->ev.waitlisted = s->waitlisted;
	if (s->checked_in >= 0)
		pe->ev.checked_in = s->checked_in;
	if (s->available >= 0)
		pe->ev.available_spots = s->available;
	if (s->capacity >= 0)
		pe->ev.max_capacity = s->capacity;
}

void
pane_event_stats(struct pane *p, const struct api_result *r)
{
	struct pane_event	*pe = p->data;
	const struct event_stats *s = r->v.event_stats;

	pe->inflight = 0;
	p->damaged = 1;
	if (r->status == API_OK && s == NULL)
		return;		/* a 304: what is held is right */
	if (r->status == API_OK) {
		event_stats_done(&pe->stats);
		pe->stats = *s;
		pe->stats.timeline = NULL;
		pe->stats.ntimeline = 0;
		if (s->ntimeline > 0) {
			pe->stats.timeline = xreallocarray(NULL, s->ntimeline,
			    sizeof *s->timeline);
			memcpy(pe->stats.timeline, s->timeline, s->ntimeline *
			    sizeof *s->timeline);
			pe->stats.ntimeline = s->ntimeline;
		}
		pe->state = EVENT_STATS_OK;
		pe->confirmed = s->confirmed;
		pane_event_take_counters(pe, s);
		return;
	}
	free(pe->stats_error);
	pe->stats_error = NULL;
	if (r->error != NULL && (r->error->http == 404 ||
	    r->error->http == 500 || r->error->http == 501)) {
		pe->state = EVENT_STATS_NONE;
		return;
	}
	pe->state = EVENT_STATS_FAILED;
	if (r->error != NULL && r->error->http == 403)
		pe->stats_error = xstrdup("The stats are for the event's "
		    "creator and admins: this account may not see them");
	else
		xasprintf(&pe->stats_error, "No stats: %s", r->error != NULL ?
		    r->error->sentence : "the server's answer was unusable");
}

static void
pane_event_stats_cb(void *arg, const struct api_result *r)
{
	struct pane_event	*pe = arg;

	pane_event_stats(pe->pane, r);
}

/* After a frame: the event if the store lacks it, the stats if owed. */
static void
pane_event_fetch(struct pane *p)
{
	struct pane_event	*pe = p->data;
	struct api		*api = p->env->api;

	if (api == NULL || pe->id < 0)
		return;
	if (!pe->have_ev && !pe->ev_asked &&
	    store_event_find(p->env->store, pe->id, NULL) == NULL) {
		pe->ev_asked = 1;
		if (api_event_get(api, pe->id, pane_event_got_cb, pe) != 0)
			pe->ev_asked = 0;
	}
	if (!pe->owed || pe->inflight || pe->state == EVENT_STATS_NONE ||
	    (pe->sent_ms != 0 &&
	    p->env->now_ms < pe->sent_ms + EVENT_STATS_GAP_MS))
		return;
	if (api_event_stats(api, pe->id, pane_event_stats_cb, pe) != 0)
		return;
	log_debug("%s: stats of %" PRId64, __func__, pe->id);
	pe->owed = 0;
	pe->inflight = 1;
	pe->sent_ms = p->env->now_ms != 0 ? p->env->now_ms : 1;
}

static uint64_t
pane_event_deadline(struct pane *p)
{
	struct pane_event	*pe = p->data;
	uint64_t		 next = 0;
	int			 i;

	for (i = 0; i < EVENT__COUNT; i++) {
		if (pe->until[i] > p->env->now_ms &&
		    (next == 0 || pe->until[i] < next))
			next = pe->until[i];
	}
	/* A stats fetch owed: when the gap since the last one is over. */
	if (pe->owed && !pe->inflight && p->env->api != NULL &&
	    pe->state != EVENT_STATS_NONE && pe->sent_ms != 0 &&
	    (next == 0 || pe->sent_ms + EVENT_STATS_GAP_MS < next))
		next = pe->sent_ms + EVENT_STATS_GAP_MS;
	/* Due already: the next frame sends it; no wake-up spin meanwhile. */
	if (next != 0 && next <= p->env->now_ms)
		next = p->env->now_ms + 40;
	return (next);
}

/*
 * Counters moved: what was confirmed goes into the minute under way at
 * once, and the stats are owed.
 */
static int
pane_event_counters(struct pane *p, int64_t event_id)
{
	struct pane_event	*pe = p->data;
	const struct event	*e;
	struct stats_bucket	*last;

	if (event_id != pe->id)
		return (0);
	pe->owed = 1;
	e = store_event_find(p->env->store, pe->id, NULL);
	if (e != NULL && pe->state == EVENT_STATS_OK &&
	    pe->stats.ntimeline > 0 && pe->confirmed >= 0 &&
	    e->current_registrations > pe->confirmed) {
		last = &pe->stats.timeline[pe->stats.ntimeline - 1];
		last->confirmed += e->current_registrations - pe->confirmed;
	}
	if (e != NULL && e->current_registrations >= 0)
		pe->confirmed = e->current_registrations;
	return (PANE_REDRAW);
}

static int
pane_event_redraw(struct pane *p)
{
	return (PANE_REDRAW);
}

/* Notes which counters changed since the last draw, to highlight them. */
static void
pane_event_compare(struct pane *p, const struct event *e)
{
	struct pane_event	*pe = p->data;
	int64_t			 v[EVENT__COUNT];
	int			 i;

	v[EVENT_CONFIRMED] = e->current_registrations;
	v[EVENT_WAITLISTED] = e->waitlisted;
	v[EVENT_CHECKED_IN] = e->checked_in;
	v[EVENT_AVAILABLE] = e->available_spots;
	for (i = 0; i < EVENT__COUNT; i++) {
		if (pe->compared && pe->shown[i] != v[i])
			pe->until[i] = p->env->now_ms + EVENT_HIGHLIGHT_MS;
		pe->shown[i] = v[i];
	}
	pe->compared = 1;
}

/* One "Label  value" line; returns the next row. */
static int
pane_event_line(struct pane *p, int y, const char *label, const char *value,
    attr_t attr)
{
	int	w = getmaxx(p->win) - 2;

	if (y >= getmaxy(p->win) - 1)
		return (y);
	textw_put(p->win, y, 2, label, EVENT_LABEL_WIDTH, TEXTW_PAD,
	    term_style(TERM_LABEL));
	textw_put(p->win, y, 2 + EVENT_LABEL_WIDTH, value,
	    w - 2 - EVENT_LABEL_WIDTH,
	    TEXTW_ELLIPSIS|(p->env->ascii ? TEXTW_ASCII : 0), attr);
	return (y + 1);
}

static const char *
pane_event_text(struct pane *p, const char *s)
{
	return (s != NULL && *s != '\0' ? s : pane_dash(p->env->ascii));
}

/* The counters, the fill gauge after the confirmed count. */
static int
pane_event_counts(struct pane *p, int y, const struct event *e)
{
	struct pane_event	*pe = p->data;
	char			 n[32], buf[64], bar[128];
	int			 i, pct, w = getmaxx(p->win) - 2;
	attr_t			 attr;

	for (i = 0; i < EVENT__COUNT; i++) {
		pane_format_count(pe->shown[i], p->env->ascii, n, sizeof n);
		if (i == EVENT_CONFIRMED && e->max_capacity > 0)
			snprintf(buf, sizeof buf, "%s of %" PRId64, n,
			    e->max_capacity);
		else
			snprintf(buf, sizeof buf, "%s", n);
		attr = pe->until[i] > p->env->now_ms ?
		    term_style(TERM_CHANGED) : 0;
		if (y >= getmaxy(p->win) - 1)
			break;
		pane_event_line(p, y, pane_event_labels[i], buf, attr);
		if (i == EVENT_CONFIRMED && w - 2 - EVENT_LABEL_WIDTH - 16 > 12) {
			pct = gauge_percent(e->current_registrations,
			    e->max_capacity);
			gauge_format(bar, sizeof bar, 20,
			    e->current_registrations, e->max_capacity,
			    p->env->ascii);
			textw_put(p->win, y, 2 + EVENT_LABEL_WIDTH + 16, bar, 20,
			    0, term_style(TERM_GAUGE));
			if (pct >= 0)
				wprintw(p->win, " %3d%%", pct);
		}
		y++;
	}
	return (y);
}

/* The RSVP breakdown and the timeline, or why there are none. */
static int
pane_event_timeline(struct pane *p, int y)
{
	struct pane_event	*pe = p->data;
	const struct event_stats *s = &pe->stats;
	char			 buf[256], spark[1024], span[32];
	int64_t			*v;
	size_t			 i, cols, first, shown;
	int			 w = getmaxx(p->win) - 4, cells, flags;
	int64_t			 peak = 0, sum = 0;

	flags = TEXTW_ELLIPSIS|(p->env->ascii ? TEXTW_ASCII : 0);
	if (y >= getmaxy(p->win) - 1)
		return (y);
	switch (pe->state) {
	case EVENT_STATS_LOADING:
		textw_put(p->win, y++, 2, p->env->api == NULL ?
		    "No stats fetched." : p->env->ascii ?
		    "Loading the stats..." : "Loading the stats\xe2\x80\xa6",
		    w, flags, term_style(TERM_DIM));
		return (y);
	case EVENT_STATS_NONE:
		textw_put(p->win, y++, 2, "This server keeps no timeline: "
		    "the counters above are the event's own.", w, flags,
		    term_style(TERM_DIM));
		return (y);
	case EVENT_STATS_FAILED:
		textw_put(p->win, y++, 2, pe->stats_error, w, flags,
		    term_style(TERM_WARN));
		return (y);
	case EVENT_STATS_OK:
		break;
	}
	snprintf(buf, sizeof buf, "accepted %" PRId64 "  declined %" PRId64
	    "  pending %" PRId64 "  waitlisted %" PRId64,
	    s->rsvp.accepted < 0 ? 0 : s->rsvp.accepted,
	    s->rsvp.declined < 0 ? 0 : s->rsvp.declined,
	    s->rsvp.pending < 0 ? 0 : s->rsvp.pending,
	    s->rsvp.waitlisted < 0 ? 0 : s->rsvp.waitlisted);
	y = pane_event_line(p, y, "RSVP", buf, 0);
	if (y + 2 >= getmaxy(p->win) - 1)
		return (y);
	y++;
	/*
	 * A cell a minute, the latest minutes the pane has room for: what
	 * happens now shows now, not summed into a day's last stretch.
	 */
	cols = (size_t)(w < 120 ? w : 120);
	first = s->ntimeline > cols ? s->ntimeline - cols : 0;
	shown = s->ntimeline - first;
	v = xreallocarray(NULL, shown + 1, sizeof *v);
	for (i = 0; i < shown; i++) {
		v[i] = s->timeline[first + i].confirmed;
		if (v[i] > peak)
			peak = v[i];
		if (v[i] > 0)
			sum += v[i];
	}
	if (shown >= 120 && shown % 60 == 0)
		snprintf(span, sizeof span, "%zu h", shown / 60);
	else
		snprintf(span, sizeof span, "%zu min", shown);
	snprintf(buf, sizeof buf, "Registrations a minute, last %s: "
	    "%" PRId64 " in all, at most %" PRId64 " a minute", span, sum,
	    peak);
	textw_put(p->win, y++, 2, buf, w, flags, term_style(TERM_LABEL));
	if (s->ntimeline == 0)
		textw_put(p->win, y, 2, "No registrations in that time.", w,
		    flags, term_style(TERM_DIM));
	else {
		cells = spark_format(spark, sizeof spark, v, shown,
		    (int)cols, p->env->ascii);
		(void)cells;
		textw_put(p->win, y, 2, spark, w, 0, term_style(TERM_GAUGE));
	}
	free(v);
	return (y + 1);
}

static void
pane_event_draw(struct pane *p)
{
	struct pane_event	*pe = p->data;
	const struct event	*e;
	char			 date[64], when[64], buf[256];
	int			 y = 1, w = getmaxx(p->win) - 2, flags;

	werase(p->win);
	pane_frame(p);
	flags = TEXTW_ELLIPSIS|(p->env->ascii ? TEXTW_ASCII : 0);
	if ((e = pane_event_event(p)) == NULL) {
		if (pe->ev_error != NULL)
			textw_put(p->win, 1, 2, pe->ev_error, w - 2, flags,
			    term_style(TERM_WARN));
		else
			textw_put(p->win, 1, 2, p->env->ascii ?
			    "Loading the event..." :
			    "Loading the event\xe2\x80\xa6", w - 2, flags, 0);
		return;
	}
	pane_event_compare(p, e);
	if (!pe->have_ev)
		pane_event_put(p, e);
	textw_put(p->win, y, 2, e->title != NULL ? e->title : "", w - 14,
	    flags, A_BOLD);
	if (e->status != NULL)
		textw_put(p->win, y, w - 10, e->status, 10, flags,
		    term_style(pane_status_style(e->status)));
	y += 2;
	pane_format_date(e->date_time, date, sizeof date);
	pane_format_relative(e->date_time, p->env->now, when, sizeof when);
	snprintf(buf, sizeof buf, "%s (%s)", date, when);
	y = pane_event_line(p, y, "Date", buf, 0);
	y = pane_event_line(p, y, "Location", pane_event_text(p, e->location),
	    0);
	y = pane_event_line(p, y, "Category", pane_event_text(p, e->category),
	    0);
	y = pane_event_line(p, y, "Organizer",
	    pane_event_text(p, e->creator_name), 0);
	y++;
	y = pane_event_counts(p, y, e);
	y++;
	y = pane_event_timeline(p, y);
	pane_draw_text(p, y + 1, e->description, 0);
}

const struct pane_ops pane_event_ops = {
	.name = "event",
	.title = "Event",
	.focusable = 1,
	.keys = NULL,
	.init = pane_event_init,
	.free = pane_event_free,
	.draw = pane_event_draw,
	.events_changed = pane_event_redraw,
	.counters_changed = pane_event_counters,
	.deadline = pane_event_deadline,
	.fetch = pane_event_fetch,
	.clock = 1,
};
