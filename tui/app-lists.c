/*
 * The dashboard's list keys that need the app: the `/` filter's line,
 * the freeze, the polling interval, and the export of the marked (or
 * listed) events to iCalendar, the first bulk action over the marks.
 * The rest (sort, marks, clearing) is the list pane's own (pane-list.c).
 */
#include "app-private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ics.h"
#include "log.h"
#include "pane-list.h"
#include "lineprompt.h"
#include "statusbar.h"
#include "url.h"
#include "xmalloc.h"

#ifndef nitems
#define nitems(a)	(sizeof (a) / sizeof (a)[0])
#endif

#define APP_FILTER_MAX	64	/* characters a filter may have */
#define APP_PATH_MAX	1024	/* characters a file name may have */

/* Polling intervals + and - step through, in seconds. */
static const unsigned app_poll_steps[] = {
	2, 5, 10, 15, 30, 60, 120, 300, 600
};

/* The list the filter line acts on: the focused pane, if a list. */
static struct pane *
app_list_pane(struct app *app)
{
	struct pane	*p = app_focused(app);

	return (p != NULL && p->win != NULL && pane_list_is(p) ? p : NULL);
}

void
app_do_filter(struct app *app)
{
	struct pane	*p = app_list_pane(app);

	if (p == NULL || pane_list_set_filter(p, pane_list_filter(p)) != 0) {
		app_toast(app, NOTIFY_INFO, NULL, "This pane has no filter");
		return;
	}
	lineprompt_free(app->line);
	app->line = lineprompt_new("/", pane_list_filter(p), APP_FILTER_MAX);
	app->line_kind = APP_LINE_FILTER;
	app->line_pane = p;
	app_mark(app, APP_DAMAGE_BAR);
}

static void
app_filter_set(struct app *app, const char *text)
{
	struct pane	*p = app->line_pane;

	pane_list_set_filter(p, text);
	p->damaged = 1;
	pane_list_changed(p);
}

int
app_lists_refuse(struct app *app, enum action a)
{
	if (!app->frozen || (a != ACTION_FILTER && a != ACTION_SORT_NEXT &&
	    a != ACTION_SORT_PREV && a != ACTION_SORT_REVERSE))
		return (0);
	app_toast(app, NOTIFY_INFO, NULL, "The screen is frozen: Z thaws it "
	    "before the list is sorted or filtered again");
	return (1);
}

void
app_do_freeze(struct app *app)
{
	struct pane	*all[APP_PANES + APP_VIEWS_MAX * VIEW_PANES_MAX];
	size_t		 i, n;

	app->frozen = !app->frozen;
	n = app_all_panes(app, all, nitems(all));
	for (i = 0; i < n; i++) {
		if (!pane_list_is(all[i]))
			continue;
		pane_list_freeze(all[i], app->frozen);
		all[i]->damaged = 1;
	}
	app_mark(app, APP_DAMAGE_HEADER);
}

static void
app_poll_step(struct app *app, int faster)
{
	uint64_t	 now_ms, floor_ms, ms = 0;
	size_t		 i;
	char		*sentence;
	enum api_link	 link;
	int		 style;

	if (app->api == NULL)
		return;
	link = api_link_state(app->api);
	if (link == API_LINK_LIVE) {
		app_toast(app, NOTIFY_INFO, NULL, "Live over the WebSocket: "
		    "polling is not in use");
		return;
	}
	if (link != API_LINK_POLLING) {
		xasprintf(&sentence, "Not polling now (%s): + and - set the "
		    "interval while polling", statusbar_link_text(link, &style));
		app_toast(app, NOTIFY_INFO, NULL, sentence);
		free(sentence);
		return;
	}
	now_ms = api_poll_interval(app->api);
	for (i = 0; i < nitems(app_poll_steps); i++) {
		if (faster && app_poll_steps[i] * 1000ULL < now_ms)
			ms = app_poll_steps[i] * 1000ULL;
		if (!faster && app_poll_steps[i] * 1000ULL > now_ms) {
			ms = app_poll_steps[i] * 1000ULL;
			break;
		}
	}
	floor_ms = api_poll_floor(app->api);
	if (faster && ms != 0 && ms < floor_ms)
		ms = (floor_ms + 999) / 1000 * 1000;
	if (ms == 0 || ms == now_ms || (faster && ms > now_ms)) {
		if (faster && floor_ms > app_poll_steps[0] * 1000ULL)
			xasprintf(&sentence, "Polling every %llu s: the "
			    "server allows no faster",
			    (unsigned long long)(now_ms / 1000));
		else
			xasprintf(&sentence, "Polling every %llu s already: "
			    "the %s evtop polls",
			    (unsigned long long)(now_ms / 1000),
			    faster ? "fastest" : "slowest");
		app_toast(app, NOTIFY_INFO, NULL, sentence);
		free(sentence);
		return;
	}
	api_set_poll_interval(app->api, ms);
	log_debug("%s: %llu ms", __func__, (unsigned long long)ms);
	xasprintf(&sentence, "Polling every %llu s",
	    (unsigned long long)(ms / 1000));
	app_toast(app, NOTIFY_INFO, NULL, sentence);
	free(sentence);
}

void
app_do_poll_faster(struct app *app)
{
	app_poll_step(app, 1);
}

void
app_do_poll_slower(struct app *app)
{
	app_poll_step(app, 0);
}

size_t
app_lists_events(struct app *app, const struct event ***out, size_t *missing,
    int *marked)
{
	struct pane		 *p = &app->panes[APP_PANE_EVENTS];
	const struct event	**evs, *e;
	const int64_t		 *marks;
	size_t			  i, n = 0, count, index;

	*missing = 0;
	*marked = pane_list_marked(p) > 0;
	if (*marked) {
		count = pane_list_marked(p);
		marks = pane_list_marks(p);
	} else {
		count = pane_list_count(p);
		marks = NULL;
	}
	evs = xreallocarray(NULL, count > 0 ? count : 1, sizeof *evs);
	for (i = 0; i < count; i++) {
		if (marks != NULL)
			e = store_event_find(app->store, marks[i], NULL);
		else if ((index = pane_list_row(p, i)) == LIST_NONE)
			e = NULL;
		else
			e = store_event_at(app->store, index);
		if (e == NULL)
			(*missing)++;
		else
			evs[n++] = e;
	}
	*out = evs;
	return (n);
}

/* The server's host names the events in their UIDs. */
static char *
app_export_origin(struct app *app)
{
	struct url	 u;
	char		*cause = NULL, *host = NULL;

	if (app->api == NULL || api_server(app->api) == NULL)
		return (xstrdup("localhost"));
	if (url_parse(api_server(app->api), &u, &cause) != 0) {
		free(cause);
		url_done(&u);
		return (xstrdup("localhost"));
	}
	host = xstrdup(u.host);
	url_done(&u);
	return (host);
}

static void	app_export_write(struct app *, const char *, int);

static void
app_export_overwrite(struct app *app)
{
	char	*path = app->export_path;

	app->export_path = NULL;
	if (path != NULL)
		app_export_write(app, path, 1);
	free(path);
}

/* Writes the file, or asks before writing over one that is there. */
static void
app_export_write(struct app *app, const char *path, int overwrite)
{
	const struct event	**evs;
	size_t			  n, missing;
	int			  marked, exists = 0;
	char			 *cause = NULL, *origin, *sentence, *where;
	char			  cwd[1024];

	n = app_lists_events(app, &evs, &missing, &marked);
	if (n == 0) {
		free(evs);
		app_toast(app, NOTIFY_WARNING, NULL, missing > 0 ?
		    "Nothing written: the events are not loaded yet" :
		    "Nothing written: no events are listed");
		return;
	}
	origin = app_export_origin(app);
	if (ics_export(path, evs, n, origin, overwrite, &exists,
	    &cause) != 0) {
		if (exists) {
			free(app->export_path);
			app->export_path = xstrdup(path);
			xasprintf(&sentence, "%s is there already. Write "
			    "over it?", path);
			app_ask(app, sentence, app_export_overwrite, -1);
			free(sentence);
		} else {
			app_toast(app, NOTIFY_ERROR, "Not exported", cause);
			app_log_error(app, cause);
		}
		free(cause);
		free(origin);
		free(evs);
		return;
	}
	if (*path != '/' && getcwd(cwd, sizeof cwd) != NULL)
		xasprintf(&where, "%s/%s", cwd, path);
	else
		where = xstrdup(path);
	xasprintf(&sentence, "Wrote %zu %sevent%s to %s%s", n,
	    marked ? "marked " : "", n == 1 ? "" : "s", where,
	    missing > 0 ? " (some were not loaded yet)" : "");
	app_toast(app, NOTIFY_SUCCESS, "Exported", sentence);
	app_log(app, NOTIFY_SUCCESS, sentence);
	free(sentence);
	free(where);
	free(origin);
	free(evs);
}

void
app_do_export(struct app *app)
{
	lineprompt_free(app->line);
	app->line = lineprompt_new("Export to: ", "events.ics", APP_PATH_MAX);
	app->line_kind = APP_LINE_EXPORT;
	app->line_pane = NULL;
	app_mark(app, APP_DAMAGE_BAR);
}

void
app_export_to(struct app *app, const char *path)
{
	if (path == NULL || *path == '\0') {
		app_do_export(app);
		return;
	}
	app_export_write(app, path, 0);
}

static void
app_line_close(struct app *app)
{
	lineprompt_free(app->line);
	app->line = NULL;
	app->line_pane = NULL;
	app_mark(app, APP_DAMAGE_BAR);
}

void
app_line_key(struct app *app, int key)
{
	enum lineprompt_result	 r = lineprompt_key(app->line, key);
	char			*text;

	app_mark(app, APP_DAMAGE_BAR);
	if (app->line_kind == APP_LINE_FILTER) {
		if (r == LINEPROMPT_CHANGED)
			app_filter_set(app, lineprompt_text(app->line));
		else if (r == LINEPROMPT_CANCEL)
			app_filter_set(app, NULL);
		if (r == LINEPROMPT_DONE || r == LINEPROMPT_CANCEL)
			app_line_close(app);
		return;
	}
	if (r == LINEPROMPT_CANCEL) {
		app_line_close(app);
		return;
	}
	if (r != LINEPROMPT_DONE)
		return;
	text = xstrdup(lineprompt_text(app->line));
	app_line_close(app);
	if (*text == '\0')
		app_toast(app, NOTIFY_WARNING, NULL, "No file name: nothing "
		    "written");
	else
		app_export_write(app, text, 0);
	free(text);
}

void
app_line_draw(struct app *app)
{
	const struct event	**evs;
	size_t			  n, missing;
	int			  marked;
	char			  hint[96];

	werase(app->bar);
	if (app->line_kind == APP_LINE_FILTER)
		snprintf(hint, sizeof hint, "Enter keeps  Esc clears  "
		    "!x: all but x");
	else {
		n = app_lists_events(app, &evs, &missing, &marked);
		free(evs);
		snprintf(hint, sizeof hint, "%zu %sevent%s  Enter writes  "
		    "Esc cancels", n, marked ? "marked " : "",
		    n == 1 ? "" : "s");
	}
	lineprompt_draw(app->bar, 0, app->line, hint, app->env.ascii);
}

void
app_lists_free(struct app *app)
{
	lineprompt_free(app->line);
	app->line = NULL;
	free(app->export_path);
	app->export_path = NULL;
}
