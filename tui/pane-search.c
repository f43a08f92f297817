/*
 * The search pane: the first page of the server's answer to a search,
 * or the events held searched here when the server cannot, with the
 * title saying which.  Enter opens an event.
 */
#include "pane-search.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api-calls.h"
#include "log.h"
#include "pane-list.h"
#include "term.h"
#include "xmalloc.h"

#define SEARCH_PER_PAGE	200	/* the first page only: refine to see more */

enum {
	SEARCH_TITLE,
	SEARCH_DATE,
	SEARCH_PLACE,
	SEARCH_STATUS
};

static const struct list_column pane_search_columns[] = {
	[SEARCH_TITLE] =  { "TITLE",	0,  0, 0 },
	[SEARCH_DATE] =   { "DATE",	16, 0, 0 },
	[SEARCH_PLACE] =  { "LOCATION",	20, 0, 70 },
	[SEARCH_STATUS] = { "STATUS",	10, 0, 90 },
};

struct pane_search {
	struct pane		*pane;
	struct search_query	 query;
	char			*bad;		/* the query's error, or NULL */
	struct event		*events;	/* what matched, date order */
	size_t			 n;
	int64_t			 total;		/* the server's, -1 */
	int			 asked;		/* the search was sent */
	int			 done;		/* an answer, or searched here */
	char			*where;		/* "on the server", "here: ..." */
	void			*req;		/* what the api calls back */
};

void
search_query_done(struct search_query *s)
{
	free(s->q);
	free(s->location);
	free(s->from);
	free(s->to);
	memset(s, 0, sizeof *s);
}

/* A local day: its first second, or with end its last; -1 if no date. */
static int
search_day(const char *s, int end, time_t *out)
{
	struct tm	 tm;
	const char	*rest;

	memset(&tm, 0, sizeof tm);
	if ((rest = strptime(s, "%Y-%m-%d", &tm)) == NULL || *rest != '\0')
		return (-1);
	if (end) {
		tm.tm_hour = 23;
		tm.tm_min = 59;
		tm.tm_sec = 59;
	}
	tm.tm_isdst = -1;
	if ((*out = mktime(&tm)) == (time_t)-1)
		return (-1);
	return (0);
}

int
search_query_parse(const char *text, struct search_query *s, char **cause)
{
	char	*copy, *word, *save = NULL, *eq, **slot, *joined;

	memset(s, 0, sizeof s[0]);
	copy = xstrdup(text != NULL ? text : "");
	for (word = strtok_r(copy, " ", &save); word != NULL;
	    word = strtok_r(NULL, " ", &save)) {
		if ((eq = strchr(word, '=')) == NULL) {
			if (s->q == NULL)
				s->q = xstrdup(word);
			else {
				xasprintf(&joined, "%s %s", s->q, word);
				free(s->q);
				s->q = joined;
			}
			continue;
		}
		*eq++ = '\0';
		if (strcmp(word, "location") == 0 || strcmp(word, "in") == 0)
			slot = &s->location;
		else if (strcmp(word, "from") == 0)
			slot = &s->from;
		else if (strcmp(word, "to") == 0)
			slot = &s->to;
		else {
			xasprintf(cause, "%s= is not a search filter: "
			    "location=, from= and to= are", word);
			goto fail;
		}
		free(*slot);
		*slot = xstrdup(eq);
	}
	if ((s->from != NULL && search_day(s->from, 0, &s->from_t) != 0) ||
	    (s->to != NULL && search_day(s->to, 1, &s->to_t) != 0)) {
		xasprintf(cause, "%s is not a date: write it as 2026-06-15",
		    s->from != NULL && s->from_t == 0 ? s->from : s->to);
		goto fail;
	}
	if (s->from_t != 0 && s->to_t != 0 && s->from_t > s->to_t) {
		*cause = xstrdup("The range ends before it starts");
		goto fail;
	}
	if (s->q == NULL && s->location == NULL && s->from == NULL &&
	    s->to == NULL) {
		*cause = xstrdup("Nothing to search for: :search WORDS "
		    "[location=PLACE] [from=DATE] [to=DATE]");
		goto fail;
	}
	free(copy);
	return (0);
fail:
	free(copy);
	search_query_done(s);
	return (-1);
}

static int
search_has(const char *hay, const char *needle)
{
	return (hay != NULL && strcasestr(hay, needle) != NULL);
}

int
search_query_match(const struct search_query *s, const struct event *e)
{
	if (s->q != NULL && !search_has(e->title, s->q) &&
	    !search_has(e->description, s->q) &&
	    !search_has(e->location, s->q))
		return (0);
	if (s->location != NULL && !search_has(e->location, s->location))
		return (0);
	if (s->from_t != 0 && e->date_time < s->from_t)
		return (0);
	if (s->to_t != 0 && e->date_time > s->to_t)
		return (0);
	return (1);
}

/* A copy of e that the pane owns. */
static void
pane_search_copy(struct event *dst, const struct event *e)
{
	*dst = *e;
	dst->title = e->title != NULL ? xstrdup(e->title) : NULL;
	dst->description = e->description != NULL ? xstrdup(e->description) :
	    NULL;
	dst->location = e->location != NULL ? xstrdup(e->location) : NULL;
	dst->creator_name = e->creator_name != NULL ?
	    xstrdup(e->creator_name) : NULL;
	dst->status = e->status != NULL ? xstrdup(e->status) : NULL;
	dst->category = e->category != NULL ? xstrdup(e->category) : NULL;
}

static void
pane_search_keep(struct pane_search *ps, const struct event *e)
{
	ps->events = xreallocarray(ps->events, ps->n + 1, sizeof *ps->events);
	pane_search_copy(&ps->events[ps->n++], e);
}

/* The events held, searched here; why says why not on the server. */
static void
pane_search_here(struct pane_search *ps, const char *why)
{
	struct store		*store = ps->pane->env->store;
	const struct event	*e;
	size_t			 i, n = store_event_count(store), held = 0;

	for (i = 0; i < n; i++) {
		if ((e = store_event_at(store, i)) == NULL)
			continue;
		held++;
		if (search_query_match(&ps->query, e))
			pane_search_keep(ps, e);
	}
	free(ps->where);
	xasprintf(&ps->where, "searched here, %s: the %zu event%s held", why,
	    held, held == 1 ? "" : "s");
	ps->total = -1;
	ps->done = 1;
	ps->pane->damaged = 1;
}

static void
pane_search_answer(void *arg, const struct api_result *r)
{
	struct pane_search	*ps = arg;
	size_t			 i, ignored = 0;

	ps->req = NULL;
	ps->pane->damaged = 1;
	if (r->status != API_OK) {
		log_debug("%s: %s", __func__, r->error != NULL ?
		    r->error->sentence : "failed");
		pane_search_here(ps, r->error != NULL &&
		    (r->error->http == 404 || r->error->http == 500) ?
		    "the server has no search" : "the server's search failed");
		pane_list_changed(ps->pane);
		return;
	}
	/* A server that ignores the query sends what does not match. */
	for (i = 0; i < r->n; i++) {
		if (search_query_match(&ps->query, &r->items.events[i]))
			pane_search_keep(ps, &r->items.events[i]);
		else
			ignored++;
	}
	free(ps->where);
	if (ignored > 0)
		xasprintf(&ps->where, "the server ignored part of the search: "
		    "its %zu answers filtered here", r->n);
	else
		ps->where = xstrdup("on the server");
	ps->total = ignored > 0 ? -1 : r->total;
	ps->done = 1;
	pane_list_changed(ps->pane);
}

/* After a frame: the search goes out once. */
static void
pane_search_fetch(struct pane *p)
{
	struct pane_search	*ps = pane_list_user(p);
	struct api_param	 q[5];
	size_t			 n = 0;

	if (ps->asked || ps->bad != NULL)
		return;
	ps->asked = 1;
	if (p->env->api == NULL) {
		pane_search_here(ps, "no server");
		pane_list_changed(p);
		return;
	}
	if (ps->query.q != NULL)
		q[n++] = (struct api_param){ "q", ps->query.q };
	if (ps->query.location != NULL)
		q[n++] = (struct api_param){ "location", ps->query.location };
	if (ps->query.from != NULL)
		q[n++] = (struct api_param){ "date_from", ps->query.from };
	if (ps->query.to != NULL)
		q[n++] = (struct api_param){ "date_to", ps->query.to };
	q[n] = (struct api_param){ NULL, NULL };
	ps->req = ps;
	if (api_events_search(p->env->api, q, 1, SEARCH_PER_PAGE,
	    pane_search_answer, ps) != 0) {
		ps->req = NULL;
		pane_search_here(ps, "the search could not be sent");
	}
}

static size_t
pane_search_count(struct pane *p)
{
	return (((struct pane_search *)pane_list_user(p))->n);
}

static void
pane_search_cell(struct pane *p, size_t row, unsigned col, char *buf,
    size_t len, attr_t *attr)
{
	struct pane_search	*ps = pane_list_user(p);
	const struct event	*e = &ps->events[row];
	const char		*dash = pane_dash(p->env->ascii);

	switch (col) {
	case SEARCH_TITLE:
		snprintf(buf, len, "%s", e->title != NULL ? e->title : dash);
		break;
	case SEARCH_DATE:
		pane_format_date(e->date_time, buf, len);
		break;
	case SEARCH_PLACE:
		snprintf(buf, len, "%s", e->location != NULL ? e->location :
		    dash);
		break;
	case SEARCH_STATUS:
		snprintf(buf, len, "%s", e->status != NULL ? e->status : dash);
		if (e->status != NULL)
			*attr |= term_style(pane_status_style(e->status));
		break;
	}
}

static int64_t
pane_search_key(struct pane *p, size_t row)
{
	return (((struct pane_search *)pane_list_user(p))->events[row].id);
}

static const char *
pane_search_empty(struct pane *p)
{
	struct pane_search	*ps = pane_list_user(p);

	if (ps->bad != NULL)
		return (ps->bad);
	if (!ps->done)
		return (p->env->ascii ? "Searching..." :
		    "Searching\xe2\x80\xa6");
	return ("No event matches: :search again with fewer words.");
}

/* "Search launch: 3 (on the server)". */
static void
pane_search_title(struct pane *p, char *buf, size_t len)
{
	struct pane_search	*ps = pane_list_user(p);
	char			 n[64];

	n[0] = '\0';
	if (ps->done && ps->total > (int64_t)ps->n)
		snprintf(n, sizeof n, " %zu of %" PRId64, ps->n, ps->total);
	else if (ps->done)
		snprintf(n, sizeof n, " %zu", ps->n);
	snprintf(buf, len, "Search%s%s%s%s (%s)", ps->query.q != NULL ?
	    " " : "", ps->query.q != NULL ? ps->query.q : "", n[0] != '\0' ?
	    ":" : "", n, ps->where != NULL ? ps->where : "asking");
}

static const struct pane_list_ops pane_search_list = {
	.columns = pane_search_columns,
	.ncolumns = sizeof pane_search_columns /
	    sizeof pane_search_columns[0],
	.count = pane_search_count,
	.cell = pane_search_cell,
	.key = pane_search_key,
	.empty = pane_search_empty,
	.title = pane_search_title,
	.open = pane_search_key,
};

static void
pane_search_init(struct pane *p)
{
	struct pane_search	*ps;

	ps = xcalloc(1, sizeof *ps);
	ps->pane = p;
	ps->total = -1;
	if (search_query_parse(p->env->view_arg, &ps->query, &ps->bad) != 0 &&
	    ps->bad == NULL)
		ps->bad = xstrdup("Nothing to search for");
	pane_list_init_user(p, &pane_search_list, ps);
}

static void
pane_search_free(struct pane *p)
{
	struct pane_search	*ps = pane_list_user(p);

	if (ps != NULL) {
		if (ps->req != NULL && p->env->api != NULL)
			api_forget(p->env->api, ps);
		search_query_done(&ps->query);
		events_free(ps->events, ps->n);
		free(ps->bad);
		free(ps->where);
		free(ps);
	}
	pane_list_free(p);
}

const struct pane_ops pane_search_ops = {
	.name = "search",
	.title = "Search",
	.focusable = 1,
	.keys = &keys_rows,
	.init = pane_search_init,
	.free = pane_search_free,
	.draw = pane_list_draw,
	.draw_cursor = pane_list_draw_cursor,
	.action = pane_list_action,
	.click = pane_list_click,
	.fetch = pane_search_fetch,
};
