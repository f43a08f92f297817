/*
 * The event list as a window over GET /api/events (listwin.h): the store
 * holds the window, this file fetches its pages.  A refresh asks again
 * only for the pages on screen, each with its ETag, so an unchanged page
 * costs a 304.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api-private.h"
#include "buf.h"
#include "clock.h"
#include "listwin.h"
#include "log.h"
#include "model-private.h"
#include "url.h"
#include "xmalloc.h"

static void
api_events_row_free(void *row)
{
	event_done(row);
	free(row);
}

static int64_t
api_events_row_key(const void *row)
{
	return (((const struct event *)row)->id);
}

/* A filter applied here: a case-insensitive part of title or location. */
static int
api_events_row_match(const void *row, const char *filter)
{
	const struct event	*e = row;

	return ((e->title != NULL && strcasestr(e->title, filter) != NULL) ||
	    (e->location != NULL && strcasestr(e->location, filter) != NULL));
}

/*
 * A sort applied here, by the mock's names: date (the default), title,
 * capacity.
 */
static int
api_events_row_cmp(const void *a0, const void *b0, const char *sort)
{
	const struct event	*a = a0, *b = b0;
	int			 c = 0, desc = *sort == '-';

	if (desc)
		sort++;
	if (strcmp(sort, "title") == 0 && a->title != NULL && b->title != NULL)
		c = strcasecmp(a->title, b->title);
	if (strcmp(sort, "capacity") == 0 && a->max_capacity != b->max_capacity)
		c = a->max_capacity < b->max_capacity ? -1 : 1;
	if (c == 0 && a->date_time != b->date_time)
		c = a->date_time < b->date_time ? -1 : 1;
	if (c == 0 && a->id != b->id)
		c = a->id < b->id ? -1 : 1;
	return (desc ? -c : c);
}

static void	api_events_done(struct api_call *,
		    const struct rest_response *, const char *);
static void	api_refresh_schedule(struct api *);

static void
api_events_fetch(void *arg, const struct listwin_fetch *f)
{
	struct api	*api = arg;
	struct api_call	*call;
	struct buf	 b;
	char		 n[32];

	buf_init(&b);
	buf_add_str(&b, "/api/events");
	/* 200 is the largest page the mock serves; core servers ignore it. */
	snprintf(n, sizeof n, "%zu", f->per_page);
	url_add_query(&b, "per_page", n);
	snprintf(n, sizeof n, "%zu", f->page + 1);
	url_add_query(&b, "page", n);
	if (f->sort != NULL)
		url_add_query(&b, "sort", f->sort);
	if (f->filter != NULL)
		url_add_query(&b, "q", f->filter);
	if (api->events_background)
		budget_spend(api->budget, api_now(api), 1);
	call = api_request_if(api, "GET", buf_str(&b), NULL, f->etag,
	    api_events_done, NULL, NULL);
	call->page = f->page;
	call->gen = f->gen;
	call->background = api->events_background;
	buf_done(&b);
}

static const struct listwin_ops api_events_ops = {
	.fetch = api_events_fetch,
	.row_free = api_events_row_free,
	.row_key = api_events_row_key,
	.row_match = api_events_row_match,
	.row_cmp = api_events_row_cmp,
};

/*
 * The window, made on first use.  The api owns it and the store shows it
 * (a store shared by two clients, as in tests, shows the last to ask).
 */
static struct listwin *
api_events_window(struct api *api)
{
	struct listwin	*lw = api->events_win;

	if (lw == NULL) {
		lw = listwin_new(&api_events_ops, api, API_EVENTS_PAGE,
		    API_EVENTS_CACHE);
		listwin_set_server(lw, LISTWIN_SERVER_SORT |
		    LISTWIN_SERVER_FILTER);
		listwin_set_query(lw, "date", NULL);
		api->events_win = lw;
	}
	if (store_window(api->store) != lw)
		store_set_window(api->store, lw);
	return (lw);
}

void
api_events_show(struct api *api)
{
	if (api->events_win != NULL &&
	    store_window(api->store) != api->events_win)
		store_set_window(api->store, api->events_win);
}

void
api_events_stop(struct api *api)
{
	if (api->events_win != NULL &&
	    store_window(api->store) == api->events_win)
		store_set_window(api->store, NULL);
	listwin_free(api->events_win);
	api->events_win = NULL;
	free(api->events_cause);
	api->events_cause = NULL;
}

/*
 * One page answered (or failed): once no page is out, the refresh is
 * over and its callback hears how it went.
 */
static void
api_events_settle(struct api *api, int status, const struct api_why *why)
{
	api_done_cb	 cb;
	void		*arg;
	char		*cause;

	if (status != API_OK && api->events_status == API_OK) {
		api->events_status = status;
		api->events_cause = xstrdup(why->sentence != NULL ?
		    why->sentence : "");
	}
	if (status != API_OK && api->events_cb == NULL)
		api_report_error(api, why);
	if (listwin_pending(api->events_win) > 0)
		return;
	api->events_background = 0;
	cb = api->events_cb;
	arg = api->events_arg;
	status = api->events_status;
	cause = api->events_cause;
	api->events_cb = NULL;
	api->events_status = API_OK;
	api->events_cause = NULL;
	if (cb != NULL)
		cb(arg, status, cause);
	free(cause);
	/* A change announced meanwhile is asked for after it. */
	api_refresh_schedule(api);
}

static void
api_events_done(struct api_call *call, const struct rest_response *resp,
    const char *error)
{
	struct api	*api = call->api;
	struct listwin	*lw = api->events_win;
	struct api_why	 why = { API_REASON_NONE, 0, NULL };
	struct api_error e;
	struct event	*evs;
	void		**rows;
	size_t		 n, i;
	int64_t		 total;
	char		*cause = NULL, *sentence = NULL;
	int		 status = API_OK;

	if (api->dead || lw == NULL)
		return;
	memset(&e, 0, sizeof e);
	if (error != NULL) {
		api_answer_unreachable(error, &e);
		status = e.status;
	} else if (resp->status == 304)
		listwin_page_same(lw, call->page, call->gen);
	else if (resp->status < 200 || resp->status > 299) {
		status = api_answer_failure_error(api, resp, 0, &e);
		if (e.reason == API_REASON_SIGNED_OUT)
			api_signed_out(api);
	} else if (model_parse_events(resp->body, resp->len, &evs, &n, &total,
	    &cause) != 0) {
		xasprintf(&sentence, "cannot use the server's event list: %s",
		    cause);
		free(cause);
		status = API_ERR_FAILED;
		why.reason = API_REASON_BAD_ANSWER;
		why.http = resp->status;
		why.sentence = sentence;
	} else {
		rows = xcalloc(n > 0 ? n : 1, sizeof *rows);
		for (i = 0; i < n; i++) {
			rows[i] = xmalloc(sizeof evs[i]);
			memcpy(rows[i], &evs[i], sizeof evs[i]);
		}
		free(evs);
		listwin_page_done(lw, call->page, call->gen, rows, n, total,
		    resp->etag);
	}
	if (status != API_OK)
		listwin_page_failed(lw, call->page, call->gen);
	else {
		store_set_refreshed_at(api->store, clock_now());
		if (api->hooks.events_changed != NULL)
			api->hooks.events_changed(api->hooks_arg);
	}
	if (e.sentence != NULL) {
		why.reason = e.reason;
		why.http = e.http;
		why.sentence = e.sentence;
		api->error = &e;	/* for api_last_error in the callback */
	}
	api_events_settle(api, status, &why);
	api->error = NULL;
	api_error_done(&e);
	free(sentence);
}

/* Starts a refresh of the pages on screen; cb hears when all are back. */
static void
api_events_refresh(struct api *api, int background, api_done_cb cb,
    void *arg)
{
	struct listwin	*lw = api_events_window(api);

	/* A server without paging (discovery says so) sorts nothing either. */
	listwin_set_server(lw, api_feature(api, "pagination") == 0 ? 0 :
	    LISTWIN_SERVER_SORT | LISTWIN_SERVER_FILTER);
	if (cb != NULL && api->events_cb == NULL) {
		api->events_cb = cb;
		api->events_arg = arg;
	}
	api->events_background = background;
	listwin_refresh(lw);
	if (listwin_pending(lw) == 0) {
		/* Nothing to ask (cannot happen with a window): done. */
		api->events_background = 0;
		api->events_cb = NULL;
		if (cb != NULL)
			cb(arg, API_OK, NULL);
	}
}

void
api_refresh_events(struct api *api, api_done_cb cb, void *arg)
{
	api_events_refresh(api, 0, api_events_join(api, cb, arg), api);
}

static void
api_refresh_fired(uv_timer_t *timer)
{
	api_refresh_schedule(timer->data);
}

/*
 * Starts the refresh owed, or sets the timer for when it may go: after a
 * refresh under way has settled, after any Retry-After, and when paced
 * (a change on the live link), no sooner than API_REFRESH_GAP_MS after
 * the last and than the budget's next turn.
 */
static void
api_refresh_schedule(struct api *api)
{
	uint64_t	now, at, next;
	int		paced;

	if (api->dead || !api->refresh_due ||
	    listwin_pending(api_events_window(api)) > 0)
		return;
	now = api_now(api);
	paced = !api->refresh_now;
	at = now + budget_hold_left(api->budget, now);
	if (paced) {
		if (api->refresh_last != 0 &&
		    api->refresh_last + API_REFRESH_GAP_MS > at)
			at = api->refresh_last + API_REFRESH_GAP_MS;
		if ((next = budget_next(api->budget, now)) > at)
			at = next;
	}
	if (at > now) {
		if (budget_hold_left(api->budget, now) > 0)
			log_debug("api: refresh in %llu ms, after the hold",
			    (unsigned long long)(at - now));
		api_timer_start(api, &api->refresh_timer, api_refresh_fired,
		    at - now);
		return;
	}
	uv_timer_stop(&api->refresh_timer);
	api->refresh_due = api->refresh_now = 0;
	api->refresh_last = now;
	api_events_refresh(api, paced, NULL, NULL);
}

void
api_refresh_background(struct api *api)
{
	if (api->dead)
		return;
	api->refresh_due = api->refresh_now = 1;
	api_refresh_schedule(api);
}

void
api_refresh_soon(struct api *api)
{
	if (api->dead)
		return;
	api->refresh_due = 1;
	api_refresh_schedule(api);
}

/* A poll: the same refresh, each page it asks for spending the budget. */
void
api_refresh_poll(struct api *api)
{
	if (api->dead || listwin_pending(api_events_window(api)) > 0)
		return;
	api_events_refresh(api, 1, NULL, NULL);
}
