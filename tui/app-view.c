/*
 * The view stack over the dashboard: pushing, going back, the `:`
 * commands that name views, the breadcrumb, and which panes and key
 * tables are in force.  The dashboard's panes stay alive under the views
 * and go on hearing the api's news, so going back shows them current.
 */
#include "app-private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cmdline.h"
#include "log.h"
#include "pane-search.h"
#include "utf8.h"
#include "xmalloc.h"

struct view *
app_view(const struct app *app)
{
	return (app->nviews > 0 ? app->views[app->nviews - 1] : NULL);
}

void
app_view_push(struct app *app, const struct view_ops *ops, int64_t event_id)
{
	app_view_push_words(app, ops, event_id, NULL);
}

void
app_view_push_words(struct app *app, const struct view_ops *ops,
    int64_t event_id, const char *words)
{
	struct view	*top = app_view(app), *v;
	char		*sentence;

	if (ops == &view_home_ops) {
		while (app->nviews > 0)
			app_view_pop(app);
		return;
	}
	if (!ops->needs_event)
		event_id = -1;
	else if (event_id < 0) {
		xasprintf(&sentence, "Select an event first: :%s shows one "
		    "event", ops->name);
		app_toast(app, NOTIFY_WARNING, NULL, sentence);
		free(sentence);
		return;
	}
	if (top != NULL && top->ops == ops && top->event_id == event_id &&
	    words == NULL && top->arg == NULL)
		return;
	if (app->nviews == APP_VIEWS_MAX) {
		app_toast(app, NOTIFY_WARNING, NULL, "Too many views open: "
		    "Esc goes back, :events goes home");
		return;
	}
	log_debug("%s: %s on %lld", __func__, ops->name, (long long)event_id);
	if (top != NULL)
		view_delwins(top);
	v = view_new(ops, &app->env, event_id, words);
	app->views[app->nviews++] = v;
	app_mark(app, APP_DAMAGE_LAYOUT);
}

void
app_view_pop(struct app *app)
{
	if (app->nviews == 0)
		return;
	view_free(app->views[--app->nviews]);
	app->views[app->nviews] = NULL;
	app_mark(app, APP_DAMAGE_LAYOUT);
}

void
app_views_free(struct app *app)
{
	while (app->nviews > 0)
		view_free(app->views[--app->nviews]);
}

int64_t
app_current_event(const struct app *app)
{
	size_t	i;

	for (i = app->nviews; i > 0; i--) {
		if (app->views[i - 1]->event_id >= 0)
			return (app->views[i - 1]->event_id);
	}
	return (app->env.selected_event);
}

size_t
app_all_panes(struct app *app, struct pane **out, size_t max)
{
	size_t	i, j, n = 0;

	for (i = 0; i < APP_PANES && n < max; i++)
		out[n++] = &app->panes[i];
	for (i = 0; i < app->nviews; i++) {
		for (j = 0; j < app->views[i]->npanes && n < max; j++)
			out[n++] = &app->views[i]->panes[j];
	}
	return (n);
}

size_t
app_shown_panes(struct app *app, struct pane **out, size_t max)
{
	struct view	*v = app_view(app);
	size_t		 i, n = 0;

	if (v == NULL) {
		for (i = 0; i < APP_PANES && n < max; i++)
			out[n++] = &app->panes[i];
		return (n);
	}
	for (i = 0; i < v->npanes && n < max; i++)
		out[n++] = &v->panes[i];
	return (n);
}

struct pane *
app_focused(struct app *app)
{
	struct view	*v = app_view(app);

	if (v != NULL)
		return (view_pane(v));
	return (&app->panes[app->focus]);
}

void
app_crumb(const struct app *app, char *buf, size_t len)
{
	const char	*sep = app->env.ascii ? " > " : " \xe2\x80\xba ";
	char		 one[256];
	struct buf	 b;
	size_t		 i;
	int64_t		 below = -1;

	buf[0] = '\0';
	if (app->nviews == 0 || len == 0)
		return;
	/* A station has no path: it is the one screen. */
	if (app->kiosk != NULL) {
		i = strlen(view_kiosk_ops.help);
		if (i >= len)
			i = len - 1;
		memcpy(buf, view_kiosk_ops.help, i);
		buf[i] = '\0';
		return;
	}
	buf_init(&b);
	buf_add_str(&b, view_home_ops.name);
	for (i = 0; i < app->nviews; i++) {
		view_crumb(app->views[i], below, app->env.ascii, one,
		    sizeof one);
		buf_printf(&b, "%s%s", sep, one);
		below = app->views[i]->event_id;
	}
	/* Cut whole characters: the header cuts by columns after. */
	i = b.len < len ? b.len : utf8_cut(buf_str(&b), len - 1);
	memcpy(buf, buf_str(&b), i);
	buf[i] = '\0';
	buf_done(&b);
}

static const char *const app_builtins[] = { "quit", "q", "help", "export",
    NULL };

const char *const *
app_command_words(void)
{
	return (view_words(app_builtins));
}

void
app_command(struct app *app, const char *command)
{
	const struct view_ops	*ops;
	struct search_query	 query;
	char			*name, *arg, *end, *sentence;
	long long		 id;
	int64_t			 event_id;

	name = xstrdup(command);
	if ((arg = strchr(name, ' ')) != NULL) {
		*arg++ = '\0';
		while (*arg == ' ')
			arg++;
	}
	if (*name == '\0') {
		free(name);
		return;
	}
	if (strcmp(name, "q") == 0 || strcmp(name, "quit") == 0) {
		app_quit_now(app);
		free(name);
		return;
	}
	if (strcmp(name, "help") == 0) {
		app_toggle_help(app);
		free(name);
		return;
	}
	if (strcmp(name, "export") == 0) {
		app_export_to(app, arg);
		free(name);
		return;
	}
	if ((ops = view_find(name)) == NULL) {
		xasprintf(&sentence, "No view called %s: Tab after : lists "
		    "them", name);
		app_toast(app, NOTIFY_WARNING, NULL, sentence);
		free(sentence);
		free(name);
		return;
	}
	/* A view that reads words: checked before it opens. */
	if (ops->takes_words) {
		if (ops == &view_search_ops &&
		    search_query_parse(arg, &query, &sentence) != 0) {
			app_toast(app, NOTIFY_WARNING, NULL, sentence);
			free(sentence);
			free(name);
			return;
		}
		search_query_done(&query);
		app_view_push_words(app, ops, -1, arg);
		free(name);
		return;
	}
	/* An event named by id, else the one the view shows or is selected. */
	event_id = app_current_event(app);
	if (arg != NULL && *arg != '\0') {
		id = strtoll(arg, &end, 10);
		if (*end != '\0' || id <= 0 || !ops->needs_event) {
			xasprintf(&sentence, ops->needs_event ? "Not an event "
			    "id: %s" : ":%s takes nothing after it", ops->needs_event ?
			    arg : ops->name);
			app_toast(app, NOTIFY_WARNING, NULL, sentence);
			free(sentence);
			free(name);
			return;
		}
		event_id = id;
	}
	app_view_push(app, ops, event_id);
	free(name);
}

size_t
app_bar_tables(struct app *app, const struct key_table **out, size_t max)
{
	const struct key_table	*global;
	size_t			 n;

	n = app_key_tables(app, out, max);
	/*
	 * In a view its own keys come first, the global ones after: what
	 * the view does is what a narrow bar must not cut.
	 */
	if (app->nviews > 0 && n > 1) {
		global = out[0];
		memmove(&out[0], &out[1], (n - 1) * sizeof out[0]);
		out[n - 1] = global;
	}
	return (n);
}

size_t
app_key_tables(struct app *app, const struct key_table **out, size_t max)
{
	struct pane	*p = app_focused(app);
	size_t		 n = 0;

	/* A station has its own keys and none of the others. */
	if (app->kiosk != NULL) {
		if (n < max)
			out[n++] = keymap_table(app->opts.keymap, &keys_kiosk);
		return (n);
	}
	if (n < max)
		out[n++] = keymap_table(app->opts.keymap, &keys_global);
	if (app->nviews > 0 && n < max)
		out[n++] = keymap_table(app->opts.keymap, &keys_view);
	if (app->nviews > 0 && app_view(app)->ops->keys != NULL && n < max)
		out[n++] = keymap_table(app->opts.keymap,
		    app_view(app)->ops->keys);
	if (p != NULL && p->ops->keys != NULL && n < max)
		out[n++] = keymap_table(app->opts.keymap, p->ops->keys);
	return (n);
}
