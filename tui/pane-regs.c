/*
 * The registrations pane: who registered for one event, confirmed or
 * waitlisted (s toggles; the title says which), through a list window
 * over GET /api/events/:id/registrations, so only the pages on screen
 * are held, however many there are.  The list is the creator's and the
 * admins': a refused role is said, not shown as an empty list.  The API
 * has no endpoint for an admin to cancel or promote someone else's
 * registration, so the pane offers neither and says so.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api-calls.h"
#include "listwin.h"
#include "log.h"
#include "pane-list.h"
#include "term.h"
#include "xmalloc.h"

#define REGS_PER_PAGE		100
#define REGS_CACHE_PAGES	4
#define REGS_REFRESH_GAP_MS	1000

enum {
	REGS_NAME,
	REGS_EMAIL,
	REGS_STATUS,
	REGS_DATE
};

static const struct list_column pane_regs_columns[] = {
	[REGS_NAME] =   { "NAME",	    0,  0, 0 },
	[REGS_EMAIL] =  { "EMAIL",	    28, 0, 0 },
	[REGS_STATUS] = { "STATUS",	    11, 0, 0 },
	[REGS_DATE] =   { "REGISTERED AT",  16, 0, 60 },
};

static const char *const pane_regs_statuses[] = { "confirmed", "waitlisted" };

struct pane_regs;

/* A page asked for: forgotten by the api if the pane goes first. */
struct regs_req {
	struct pane_regs	*pr;
	size_t			 page;
	unsigned		 gen;
	struct regs_req		*next;
};

struct pane_regs {
	struct pane		*pane;
	int64_t			 id;
	struct listwin		*lw;
	int			 which;		/* pane_regs_statuses */
	struct regs_req		*reqs;
	char			*error;		/* why there is no list */
	int			 owed;		/* a refresh, after news */
	uint64_t		 refreshed_ms;
};

static void
pane_regs_row_free(void *row)
{
	registration_row_done(row);
	free(row);
}

static int64_t
pane_regs_row_key(const void *row)
{
	return (((const struct registration_row *)row)->id);
}

static char *
pane_regs_dup(const char *s)
{
	return (s != NULL ? xstrdup(s) : NULL);
}

static void
pane_regs_answer(void *arg, const struct api_result *r)
{
	struct regs_req		*req = arg, **pp;
	struct pane_regs	*pr = req->pr;
	struct registration_row	*row;
	void			**rows;
	size_t			 i;

	for (pp = &pr->reqs; *pp != NULL; pp = &(*pp)->next) {
		if (*pp == req) {
			*pp = req->next;
			break;
		}
	}
	pr->pane->damaged = 1;
	if (r->status != API_OK) {
		listwin_page_failed(pr->lw, req->page, req->gen);
		free(pr->error);
		if (r->error != NULL && r->error->http == 403)
			pr->error = xstrdup("Only the event's creator and "
			    "admins may see its registrations: this account "
			    "may not.");
		else if (r->error != NULL && r->error->http == 404)
			pr->error = xstrdup("This server lists no "
			    "registrations for an event (no such endpoint, or "
			    "no such event).");
		else
			xasprintf(&pr->error, "Cannot load the registrations: "
			    "%s. Press r to try again.", r->error != NULL ?
			    r->error->sentence : "no answer");
		free(req);
		return;
	}
	free(pr->error);
	pr->error = NULL;
	if (r->http == 304) {
		listwin_page_same(pr->lw, req->page, req->gen);
		free(req);
		return;
	}
	rows = xcalloc(r->n > 0 ? r->n : 1, sizeof *rows);
	for (i = 0; i < r->n; i++) {
		row = xmalloc(sizeof *row);
		*row = r->items.registrations[i];
		row->status = pane_regs_dup(row->status);
		row->user_name = pane_regs_dup(row->user_name);
		row->user_email = pane_regs_dup(row->user_email);
		row->title = pane_regs_dup(row->title);
		row->location = pane_regs_dup(row->location);
		rows[i] = row;
	}
	listwin_page_done(pr->lw, req->page, req->gen, rows, r->n, r->total,
	    r->etag);
	pane_list_changed(pr->pane);
	free(req);
}

static void
pane_regs_fetch_page(void *arg, const struct listwin_fetch *f)
{
	struct pane_regs	*pr = arg;
	struct api		*api = pr->pane->env->api;
	struct regs_req		*req;
	struct api_args		 a;
	char			 id[32];
	const char		*path[] = { id, NULL };
	struct api_param	 q[] = { { "status", f->filter },
				    { NULL, NULL } };

	if (api == NULL) {
		listwin_page_failed(pr->lw, f->page, f->gen);
		return;
	}
	snprintf(id, sizeof id, "%" PRId64, pr->id);
	req = xcalloc(1, sizeof *req);
	req->pr = pr;
	req->page = f->page;
	req->gen = f->gen;
	memset(&a, 0, sizeof a);
	a.path = path;
	a.query = q;
	a.page = f->page + 1;
	a.per_page = f->per_page;
	a.etag = f->etag;
	if (api_endpoint_call(api, API_EP_EVENT_REGISTRATIONS, &a,
	    pane_regs_answer, req) != 0) {
		listwin_page_failed(pr->lw, f->page, f->gen);
		free(req);
		return;
	}
	req->next = pr->reqs;
	pr->reqs = req;
}

static const struct listwin_ops pane_regs_lw_ops = {
	.fetch = pane_regs_fetch_page,
	.row_free = pane_regs_row_free,
	.row_key = pane_regs_row_key,
};

static size_t
pane_regs_count(struct pane *p)
{
	struct pane_regs	*pr = pane_list_user(p);

	return (pr->error != NULL ? 0 : listwin_count(pr->lw));
}

static void
pane_regs_cell(struct pane *p, size_t row, unsigned col, char *buf,
    size_t len, attr_t *attr)
{
	struct pane_regs		*pr = pane_list_user(p);
	const struct registration_row	*r = listwin_row(pr->lw, row);
	const char			*dash = pane_dash(p->env->ascii);

	if (r == NULL) {
		if (col == REGS_NAME)
			snprintf(buf, len, "%s", p->env->ascii ? "..." :
			    "\xe2\x80\xa6");
		*attr = term_style(TERM_DIM);
		return;
	}
	switch (col) {
	case REGS_NAME:
		snprintf(buf, len, "%s", r->user_name != NULL ? r->user_name :
		    dash);
		break;
	case REGS_EMAIL:
		snprintf(buf, len, "%s", r->user_email != NULL ?
		    r->user_email : dash);
		break;
	case REGS_STATUS:
		snprintf(buf, len, "%s", r->status != NULL ? r->status : dash);
		if (r->status != NULL && strcmp(r->status, "waitlisted") == 0)
			*attr = term_style(TERM_WARN);
		break;
	case REGS_DATE:
		if (r->registration_date != 0)
			pane_format_date(r->registration_date, buf, len);
		else
			snprintf(buf, len, "%s", dash);
		break;
	}
}

static int64_t
pane_regs_key(struct pane *p, size_t row)
{
	struct pane_regs		*pr = pane_list_user(p);
	const struct registration_row	*r = listwin_row(pr->lw, row);

	return (r != NULL ? r->id : -1);
}

static size_t
pane_regs_find(struct pane *p, int64_t key)
{
	struct pane_regs	*pr = pane_list_user(p);
	size_t			 index;

	if (listwin_find(pr->lw, key, &index) == NULL)
		return (LIST_NONE);
	return (index);
}

static const char *
pane_regs_empty(struct pane *p)
{
	struct pane_regs	*pr = pane_list_user(p);

	if (pr->error != NULL)
		return (pr->error);
	if (!listwin_loaded(pr->lw))
		return (p->env->api == NULL ? "No registrations fetched." :
		    p->env->ascii ? "Loading the registrations..." :
		    "Loading the registrations\xe2\x80\xa6");
	return (pr->which == 0 ? "No confirmed registrations. s shows the "
	    "waitlist." : "Nobody is waitlisted. s shows the confirmed.");
}

/* "Registrations: confirmed 45 (s: waitlisted)". */
static void
pane_regs_title(struct pane *p, char *buf, size_t len)
{
	struct pane_regs	*pr = pane_list_user(p);
	int64_t			 total = listwin_total(pr->lw);
	char			 n[32];

	n[0] = '\0';
	if (total >= 0 && pr->error == NULL)
		snprintf(n, sizeof n, " %" PRId64, total);
	snprintf(buf, len, "Registrations: %s%s (s: %s)%s",
	    pane_regs_statuses[pr->which], n, pane_regs_statuses[!pr->which],
	    p->env->stale ? " (stale)" : "");
}

static void
pane_regs_view(struct pane *p, size_t top, size_t height)
{
	struct pane_regs	*pr = pane_list_user(p);

	listwin_want(pr->lw, top, height);
}

static const struct pane_list_ops pane_regs_list = {
	.columns = pane_regs_columns,
	.ncolumns = sizeof pane_regs_columns / sizeof pane_regs_columns[0],
	.count = pane_regs_count,
	.cell = pane_regs_cell,
	.key = pane_regs_key,
	.find = pane_regs_find,
	.empty = pane_regs_empty,
	.title = pane_regs_title,
	.view = pane_regs_view,
};

static void
pane_regs_init(struct pane *p)
{
	struct pane_regs	*pr;

	pr = xcalloc(1, sizeof *pr);
	pr->pane = p;
	pr->id = p->env->selected_event;
	pr->lw = listwin_new(&pane_regs_lw_ops, pr, REGS_PER_PAGE,
	    REGS_CACHE_PAGES);
	listwin_set_server(pr->lw, LISTWIN_SERVER_FILTER|LISTWIN_SERVER_SORT);
	listwin_set_query(pr->lw, NULL, pane_regs_statuses[0]);
	pane_list_init_user(p, &pane_regs_list, pr);
}

static void
pane_regs_free(struct pane *p)
{
	struct pane_regs	*pr = pane_list_user(p);
	struct regs_req		*req, *next;

	if (pr != NULL) {
		for (req = pr->reqs; req != NULL; req = next) {
			next = req->next;
			if (p->env->api != NULL)
				api_forget(p->env->api, req);
			free(req);
		}
		listwin_free(pr->lw);
		free(pr->error);
		free(pr);
	}
	pane_list_free(p);
}

/* After a frame: the pages its rows need, and a refresh owed. */
static void
pane_regs_fetch(struct pane *p)
{
	struct pane_regs	*pr = pane_list_user(p);

	if (p->env->api == NULL)
		return;
	if (pr->owed && listwin_pending(pr->lw) == 0 &&
	    p->env->now_ms >= pr->refreshed_ms + REGS_REFRESH_GAP_MS) {
		pr->owed = 0;
		pr->refreshed_ms = p->env->now_ms;
		listwin_refresh(pr->lw);
	}
	if (!listwin_loaded(pr->lw) && listwin_pending(pr->lw) == 0 &&
	    pr->error == NULL)
		listwin_refresh(pr->lw);
	if (listwin_wanted(pr->lw))
		listwin_fetch_wanted(pr->lw);
}

static uint64_t
pane_regs_deadline(struct pane *p)
{
	struct pane_regs	*pr = pane_list_user(p);

	if (!pr->owed || p->env->api == NULL)
		return (0);
	if (pr->refreshed_ms + REGS_REFRESH_GAP_MS <= p->env->now_ms)
		return (p->env->now_ms + 40);
	return (pr->refreshed_ms + REGS_REFRESH_GAP_MS);
}

/* Someone registered or cancelled: the pages held are asked again. */
static int
pane_regs_counters(struct pane *p, int64_t event_id)
{
	struct pane_regs	*pr = pane_list_user(p);

	if (event_id != pr->id)
		return (0);
	pr->owed = 1;
	return (PANE_REDRAW);
}

static int
pane_regs_action(struct pane *p, enum action a)
{
	struct pane_regs	*pr = pane_list_user(p);

	switch (a) {
	case ACTION_REGS_FILTER:
		pr->which = !pr->which;
		free(pr->error);
		pr->error = NULL;
		listwin_set_query(pr->lw, NULL, pane_regs_statuses[pr->which]);
		pane_list_changed(p);
		return (PANE_REDRAW);
	default:
		return (pane_list_action(p, a));
	}
}

const struct pane_ops pane_regs_ops = {
	.name = "registrations",
	.title = "Registrations",
	.focusable = 1,
	.keys = &keys_list,
	.init = pane_regs_init,
	.free = pane_regs_free,
	.draw = pane_list_draw,
	.draw_cursor = pane_list_draw_cursor,
	.action = pane_regs_action,
	.events_changed = NULL,
	.counters_changed = pane_regs_counters,
	.deadline = pane_regs_deadline,
	.fetch = pane_regs_fetch,
};
