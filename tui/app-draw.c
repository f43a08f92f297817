/*
 * Drawing the dashboard: the layout's windows, the header and bottom bar,
 * the panes that are damaged, then the overlays (toasts, help) on top,
 * all queued with wnoutrefresh and sent with one doupdate.
 */
#include "app-private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "cmdline.h"
#include "help.h"
#include "statusbar.h"
#include "textw.h"

static const struct pane_ops *const app_pane_ops[APP_PANES] = {
	[APP_PANE_EVENTS] = &pane_events_ops,
	[APP_PANE_STATS] = &pane_stats_ops,
	[APP_PANE_NOTIFY] = &pane_notify_ops,
};

void
app_init_panes(struct app *app)
{
	size_t	i;

	for (i = 0; i < APP_PANES; i++)
		pane_init(&app->panes[i], app_pane_ops[i], &app->env);
	app->focus = APP_PANE_EVENTS;
	app->panes[app->focus].focused = 1;
}

static void
app_delwin(WINDOW **w)
{
	if (*w != NULL)
		delwin(*w);
	*w = NULL;
}

void
app_draw_done(struct app *app)
{
	size_t	i;

	app_delwin(&app->header);
	app_delwin(&app->bar);
	app_delwin(&app->help_win);
	app_delwin(&app->confirm_win);
	app_delwin(&app->prompt_win);
	app_delwin(&app->signin_win);
	app_delwin(&app->form_win);
	app_delwin(&app->profile_win);
	for (i = 0; i < APP_PANES; i++)
		app_delwin(&app->panes[i].win);
	for (i = 0; i < app->nviews; i++)
		view_delwins(app->views[i]);
	toasts_close(app->toasts);
}

static WINDOW *
app_newwin(const struct layout_rect *r)
{
	return (newwin(r->h, r->w, r->y, r->x));
}

/* Rebuilds the windows for the current size. */
static void
app_layout(struct app *app)
{
	const struct layout_rect	*rects[APP_PANES];
	struct view			*v;
	size_t				 i;

	app_draw_done(app);
	werase(stdscr);
	wnoutrefresh(stdscr);
	clearok(curscr, TRUE);
	if (layout_compute(LINES, COLS, &app->layout) != 0)
		return;
	rects[APP_PANE_EVENTS] = &app->layout.events;
	rects[APP_PANE_STATS] = &app->layout.stats;
	rects[APP_PANE_NOTIFY] = &app->layout.notify;
	app->header = app_newwin(&app->layout.header);
	app->bar = app_newwin(&app->layout.bar);
	/* A view has the body to itself; the dashboard's panes wait. */
	if ((v = app_view(app)) != NULL)
		view_layout(v, app->layout.header.h, 0, LINES -
		    app->layout.header.h - app->layout.bar.h, COLS);
	else {
		for (i = 0; i < APP_PANES; i++) {
			/* Small: only the focused pane is shown. */
			if (app->layout.single && (int)i != app->focus)
				continue;
			app->panes[i].win = app_newwin(rects[i]);
			app->panes[i].damaged = 1;
		}
	}
	app->damage |= APP_DAMAGE_HEADER|APP_DAMAGE_BAR|APP_DAMAGE_OVERLAY;
}

static void
app_draw_small(struct app *app)
{
	const char	*msg = "Terminal too small";
	char		 need[64];

	werase(stdscr);
	snprintf(need, sizeof need, "need %dx%d, have %dx%d",
	    LAYOUT_MIN_COLS, LAYOUT_MIN_LINES, COLS, LINES);
	textw_put(stdscr, LINES / 2 - 1, (COLS - (int)strlen(msg)) / 2 > 0 ?
	    (COLS - (int)strlen(msg)) / 2 : 0, msg, COLS, 0, A_BOLD);
	if (LINES > 1)
		textw_put(stdscr, LINES / 2, (COLS - (int)strlen(need)) / 2 > 0 ?
		    (COLS - (int)strlen(need)) / 2 : 0, need, COLS, 0, 0);
	wnoutrefresh(stdscr);
}

#ifndef nitems
#define nitems(a)	(sizeof (a) / sizeof (a)[0])
#endif

static void
app_draw_header(struct app *app)
{
	struct statusbar_info		 si;
	const struct session		*s = NULL;
	char				 crumb[512];

	memset(&si, 0, sizeof si);
	si.server = app->label;
	if (app->api != NULL) {
		if (si.server == NULL)
			si.server = api_server(app->api);
		s = api_session(app->api);
		si.link = api_link_state(app->api);
	} else
		si.link = app->link;
	if (si.server == NULL)
		si.server = "";
	if (s != NULL) {
		si.email = s->user.email;
		si.role = s->user.role;
		si.exp = s->exp;
	}
	si.signed_out = app->signed_out;
	si.frozen = app->frozen;
	app_crumb(app, crumb, sizeof crumb);
	si.crumb = crumb[0] != '\0' ? crumb : NULL;
	if (app->api != NULL)
		si.hold_s = (long)((api_hold_left(app->api, NULL) + 999) /
		    1000);
	si.now = app->env.now;
	si.ascii = app->env.ascii;
	statusbar_draw_header(app->header, &si);
}

static void
app_draw_bar(struct app *app)
{
	const struct key_table		*tables[5];
	const struct key_binding	*b;
	struct key_binding		 sign_in;
	struct key_table		 signed_out;
	char				 right[96], n[64];
	size_t				 nt = 0;

	if (app->cmd_open) {
		werase(app->bar);
		cmdline_draw(app->bar, 0, app->cmd, app_command_words(),
		    app->env.ascii);
		return;
	}
	if (app->line != NULL) {
		app_line_draw(app);
		return;
	}
	/* Signed out, the key that signs in again comes first. */
	if (!app->help && app->signed_out && app->signin == NULL &&
	    (b = app_sign_in_key(app)) != NULL) {
		sign_in = *b;
		sign_in.bar = sign_in.bar_ascii = b->name;
		signed_out.title = NULL;
		signed_out.bindings = &sign_in;
		signed_out.n = 1;
		signed_out.hide_writes = 0;
		tables[nt++] = &signed_out;
	}
	if (app->help)
		tables[nt++] = keymap_table(app->opts.keymap, &keys_help);
	else
		nt += app_bar_tables(app, tables + nt, nitems(tables) - nt);
	/* The banner stands in for the count, which the events title has. */
	if (app->banner != NULL) {
		statusbar_draw_keys(app->bar, app->env.ascii, tables, nt,
		    app->banner, term_style(pane_level_style(app->banner_level)));
		return;
	}
	if (app->kiosk != NULL)
		right[0] = '\0';	/* the station counts its guests */
	else {
		pane_events_count_text(app->store, n, sizeof n);
		snprintf(right, sizeof right, "%s event%s", n,
		    strcmp(n, "1") == 0 ? "" : "s");
	}
	statusbar_draw_keys(app->bar, app->env.ascii, tables, nt, right, 0);
}

void
app_draw(struct app *app)
{
	const struct key_table	*tables[4];
	struct pane		*p, *shown[APP_PANES + VIEW_PANES_MAX];
	size_t			 i, n;
	int			 all, ty, tx, th, tw;

	app->env.now_ms = uv_now(app->loop);
	app->env.now = clock_now();
	if (app->damage & APP_DAMAGE_LAYOUT)
		app_layout(app);
	if (app->layout.too_small) {
		app_draw_small(app);
		goto done;
	}
	/* Overlays changed: everything under them is shown again. */
	all = (app->damage & APP_DAMAGE_OVERLAY) != 0;
	if (app->damage & APP_DAMAGE_HEADER) {
		app_draw_header(app);
		wnoutrefresh(app->header);
	} else if (all) {
		touchwin(app->header);
		wnoutrefresh(app->header);
	}
	n = app_shown_panes(app, shown, nitems(shown));
	for (i = 0; i < n; i++) {
		p = shown[i];
		if (p->win == NULL)
			continue;
		if (p->damaged || p->cursor)
			pane_draw(p);
		else if (!all)
			continue;
		if (all)
			touchwin(p->win);
		wnoutrefresh(p->win);
	}
	if (app->damage & (APP_DAMAGE_BAR|APP_DAMAGE_OVERLAY)) {
		app_draw_bar(app);
		wnoutrefresh(app->bar);
	}

	/*
	 * Inside the log's border: the log holds the same news.  Over a
	 * view, at the foot of the body, as wide as the log would be.
	 */
	ty = app->layout.notify.y + 1;
	tx = app->layout.notify.x + 1;
	th = app->layout.notify.h - 2;
	tw = app->layout.notify.w - 2;
	if (app_view(app) != NULL) {
		ty = LINES - 1 - th - 1;
		tx = 1;
		tw = COLS - 2;
	}
	toasts_draw(app->toasts, ty, tx, th, tw, app->env.ascii);
	app_delwin(&app->help_win);
	if (app->help) {
		/* Exactly the keys that work here: pane, view, global. */
		n = app_key_tables(app, tables, nitems(tables));
		app->help_win = help_draw(tables, n, &app->help_top, LINES,
		    COLS, app->env.ascii, app->help_find, app->help_finding);
		if (app->help_win != NULL)
			wnoutrefresh(app->help_win);
	}
	/* The event form under a question (Discard?) and the sign-in. */
	app_delwin(&app->form_win);
	if (app->form != NULL)
		app->form_win = form_box_draw(app->form, LINES, COLS,
		    app->env.ascii);
	app_delwin(&app->profile_win);
	if (app->profile != NULL)
		app->profile_win = profile_box_draw(app->profile, LINES, COLS,
		    app->env.ascii);
	/* A question is on top of everything: it waits for its answer. */
	app_delwin(&app->confirm_win);
	if (app->confirm != NULL)
		app->confirm_win = confirm_draw(app->confirm, LINES, COLS,
		    app->env.ascii);
	app_delwin(&app->prompt_win);
	if (app->prompt != NULL)
		app->prompt_win = prompt_draw(app->prompt, LINES, COLS,
		    app->env.ascii);
	/* The sign-in box above even a question: the loop waits on it. */
	app_delwin(&app->signin_win);
	if (app->signin != NULL)
		app->signin_win = signin_box_draw(app->signin, LINES, COLS,
		    app->env.ascii);
done:
	doupdate();
	n = app_shown_panes(app, shown, nitems(shown));
	for (i = 0; i < n; i++)
		shown[i]->damaged = shown[i]->cursor = 0;
	app->damage = 0;
	app->last_draw = app->env.now_ms != 0 ? app->env.now_ms : 1;
}
