/*
 * The app loop.  Handlers (keys, api hooks, timers) only mark damage;
 * drawing happens in one place, app_draw, at most once per loop pass and
 * at most every APP_FRAME_MS however fast envelopes arrive.  A uv_prepare
 * and a uv_check both look for damage: the check catches what I/O
 * callbacks marked, the prepare what timer callbacks marked, before the
 * loop goes to sleep.  An idle dashboard wakes once a minute for its clock,
 * and when the header's token warning changes.
 */
#include "app.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app-private.h"
#include "clock.h"
#include "cmdline.h"
#include "config.h"
#include "keys.h"
#include "log.h"
#include "statusbar.h"
#include "textin.h"
#include "theme.h"
#include "xmalloc.h"

static const struct api_hooks	app_no_hooks;

#ifndef nitems
#define nitems(a)	(sizeof (a) / sizeof (a)[0])
#endif

void
app_mark(struct app *app, int flags)
{
	app->damage |= flags;
}

/*
 * Applies a pane handler's PANE_* flags.  A selection is news to the panes
 * that share p's env: the dashboard's, or one view's.
 */
static void
app_apply(struct app *app, struct pane *p, int flags)
{
	struct pane	*all[APP_PANES + APP_VIEWS_MAX * VIEW_PANES_MAX];
	size_t		 i, n;
	int		 more;

	if (flags & PANE_REDRAW)
		p->damaged = 1;
	if (flags & PANE_CURSOR)
		p->cursor = 1;
	if (flags & PANE_SELECTION) {
		n = app_all_panes(app, all, nitems(all));
		for (i = 0; i < n; i++) {
			if (all[i]->env != p->env ||
			    all[i]->ops->selection == NULL)
				continue;
			more = all[i]->ops->selection(all[i]);
			if (more & PANE_REDRAW)
				all[i]->damaged = 1;
		}
	}
	if (flags & PANE_OPEN)
		app_view_push(app, &view_event_ops, p->env->open_event);
}

/* Calls fn on every pane, the dashboard's and each view's. */
static void
app_each_pane(struct app *app, int (*fn)(struct pane *, void *), void *arg)
{
	struct pane	*all[APP_PANES + APP_VIEWS_MAX * VIEW_PANES_MAX];
	size_t		 i, n;

	n = app_all_panes(app, all, nitems(all));
	for (i = 0; i < n; i++)
		app_apply(app, all[i], fn(all[i], arg));
}

void
app_now(struct app *app)
{
	size_t	i;

	app->env.now_ms = uv_now(app->loop);
	app->env.now = clock_now();
	for (i = 0; i < app->nviews; i++)
		view_sync(app->views[i], &app->env);
}

static int
app_pane_events(struct pane *p, void *arg)
{
	return (p->ops->events_changed != NULL ? p->ops->events_changed(p) :
	    0);
}

static int
app_pane_counters(struct pane *p, void *arg)
{
	return (p->ops->counters_changed != NULL ?
	    p->ops->counters_changed(p, *(int64_t *)arg) : 0);
}

static int
app_pane_notification(struct pane *p, void *arg)
{
	return (p->ops->notification != NULL ? p->ops->notification(p, arg) :
	    0);
}

static void
app_hook_events(void *arg)
{
	struct app	*app = arg;

	app_now(app);
	free(app->env.load_error);
	app->env.load_error = NULL;
	app_each_pane(app, app_pane_events, NULL);
	/* An event view's title is in the breadcrumb. */
	app_mark(app, APP_DAMAGE_BAR|APP_DAMAGE_HEADER);
	app_schedule(app);
}

static void
app_hook_counters(void *arg, int64_t event_id)
{
	struct app	*app = arg;

	app_now(app);
	app_each_pane(app, app_pane_counters, &event_id);
	app_schedule(app);
}

void
app_toast(struct app *app, enum notification_level level, const char *title,
    const char *message)
{
	app_now(app);
	if (app_kiosk_says(app, message))
		return;
	toasts_add(app->toasts, level, title, message, app->env.now_ms);
	app_mark(app, APP_DAMAGE_OVERLAY);
	app_schedule(app);
}

/* A live notification is toasted; n is NULL for loaded history. */
static void
app_hook_notification(void *arg, const struct notification *n)
{
	struct app	*app = arg;

	/* A station shows its own door, not the server's news. */
	if (n != NULL && app->kiosk == NULL)
		app_toast(app, n->level, n->title, n->message);
	app_each_pane(app, app_pane_notification, (void *)(uintptr_t)n);
	app_schedule(app);
}

static void
app_hook_history(void *arg)
{
	app_hook_notification(arg, NULL);
}

/* Data that was kept fresh by a link that is gone is marked stale. */
void
app_set_link(struct app *app, enum api_link link)
{
	int	stale;

	app->link = link;
	if (link == API_LINK_LIVE || link == API_LINK_POLLING)
		app->was_live = 1;
	stale = app->was_live && link != API_LINK_LIVE &&
	    link != API_LINK_POLLING;
	if (stale != app->env.stale) {
		app->env.stale = stale;
		app->panes[APP_PANE_EVENTS].damaged = 1;
	}
	app_mark(app, APP_DAMAGE_HEADER);
}

static void
app_hook_link(void *arg, enum api_link link, const struct api_why *why)
{
	struct app	*app = arg;

	log_debug("%s: %s (%s)%s%s", __func__, api_link_name(link),
	    api_reason_name(why->reason), why->sentence != NULL ? ": " : "",
	    why->sentence != NULL ? why->sentence : "");
	/* The box asks for the password again; the banner says how later. */
	if (why->reason == API_REASON_SIGNED_OUT) {
		app->signed_out = 1;
		/* A station keeps scanning: F9 opens the box. */
		if (app->kiosk == NULL)
			app_signin_open(app);
	}
	app_kiosk_link(app, link);
	if (why->sentence != NULL && link != app->link && app->kiosk == NULL &&
	    (link == API_LINK_RETRYING || link == API_LINK_POLLING) &&
	    app->link != API_LINK_RETRYING)
		app_toast(app, NOTIFY_WARNING, link == API_LINK_POLLING ?
		    "Polling" : "Live link lost", why->sentence);
	app_set_link(app, link);
	app_schedule(app);
}

/* An error of ours goes into the log too: the toast goes, and is cut. */
void
app_log_error(struct app *app, const char *sentence)
{
	app_log(app, NOTIFY_ERROR, sentence);
}

void
app_log(struct app *app, enum notification_level level, const char *sentence)
{
	struct notification	 n;
	size_t			 i, count;

	memset(&n, 0, sizeof n);
	n.id = -1;
	n.seq = -1;
	n.level = level;
	n.type = xstrdup("client");
	n.title = xstrdup(level == NOTIFY_ERROR ? "Error" :
	    level == NOTIFY_WARNING ? "Warning" : "Note");
	n.message = xstrdup(sentence);
	n.event_id = -1;
	n.created_at = app->env.now;
	if (store_add_notification(app->store, &n) != 1)
		return;
	count = store_notification_count(app->store);
	for (i = 0; i < APP_PANES; i++) {
		if (app->panes[i].ops->notification != NULL)
			app_apply(app, &app->panes[i],
			    app->panes[i].ops->notification(&app->panes[i],
			    store_notification_at(app->store, count - 1)));
	}
}

static void
app_hook_error(void *arg, const struct api_why *why)
{
	struct app	*app = arg;
	const char	*sentence = why->sentence != NULL ? why->sentence :
			    api_reason_name(why->reason);

	/* The sign-in box says so, and the refresh follows the sign-in. */
	if (why->reason == API_REASON_SIGNED_OUT)
		return;
	app_toast(app, NOTIFY_ERROR, "Error", sentence);
	app_log_error(app, sentence);
	app_schedule(app);
	/* Until a first list arrives, the events pane says why it is empty. */
	if (store_refreshed_at(app->env.store) == 0) {
		free(app->env.load_error);
		xasprintf(&app->env.load_error, "Cannot load the events: %s. "
		    "Press r to try again.", sentence);
		app->panes[APP_PANE_EVENTS].damaged = 1;
		app_schedule(app);
	}
}

static const struct api_hooks app_hooks = {
	.checkin = app_kiosk_checkin,
	.counters = app_kiosk_counters,
	.resynced = app_kiosk_resynced,
	.events_changed = app_hook_events,
	.counters_changed = app_hook_counters,
	.notification = app_hook_notification,
	.notifications_loaded = app_hook_history,
	.link_changed = app_hook_link,
	.error = app_hook_error,
};

const struct api_hooks *
app_api_hooks(void)
{
	return (&app_hooks);
}

static void	app_release(struct app *);

void
app_handle_closed(struct app *app)
{
	app->handles--;
	app_release(app);
}

/* The app is freed when its handles have closed. */
static void
app_release(struct app *app)
{
	size_t	i;

	if (!app->freeing || app->handles > 0)
		return;
	app_views_free(app);
	app_lists_free(app);
	cmdline_free(app->cmd);
	textin_free(app->help_find);
	for (i = 0; i < APP_PANES; i++)
		pane_done(&app->panes[i]);
	toasts_free(app->toasts);
	confirm_free(app->confirm);
	prompt_free(app->prompt);
	free(app->prompt_title);
	free(app->admin_title);
	signin_box_free(app->signin);
	form_box_free(app->form);
	profile_box_free(app->profile);
	free(app->signin_email);
	free(app->exit_sentence);
	keymap_free(app->opts.keymap);
	theme_free(app->opts.theme);
	free(app->env.load_error);
	free(app->banner);
	free(app->label);
	free(app);
}

int
app_held(struct app *app)
{
	char	*wait, *sentence;

	if (app->api == NULL ||
	    (wait = api_hold_sentence(app->api, NULL)) == NULL)
		return (0);
	xasprintf(&sentence, "Not sent: %s; try again then", wait);
	app_toast(app, NOTIFY_WARNING, NULL, sentence);
	free(sentence);
	free(wait);
	return (1);
}

static void
app_refresh(struct app *app)
{
	/*
	 * No callback: a failure reaches the error hook and is toasted, and
	 * nothing of ours is left pending when api_free cancels requests.
	 */
	if (app->api != NULL)
		api_refresh_events(app->api, NULL, NULL);
}

static void
app_focus(struct app *app, int step)
{
	struct view	*v = app_view(app);
	int		 i, next = app->focus;

	if (v != NULL) {
		view_focus(v, step);
		app_mark(app, APP_DAMAGE_BAR);
		return;
	}
	/* One pane at a time, every pane takes its turn on the screen. */
	for (i = 0; i < APP_PANES; i++) {
		next = (next + step + APP_PANES) % APP_PANES;
		if (app->panes[next].ops->focusable || app->layout.single)
			break;
	}
	if (next == app->focus)
		return;
	/* One pane at a time: the next one gets the window. */
	if (app->layout.single)
		app_mark(app, APP_DAMAGE_LAYOUT);
	app->panes[app->focus].focused = 0;
	app->panes[app->focus].damaged = 1;
	app->focus = next;
	app->panes[next].focused = 1;
	app->panes[next].damaged = 1;
	app_mark(app, APP_DAMAGE_BAR);
}

void
app_set_banner(struct app *app, enum notification_level level,
    const char *sentence)
{
	free(app->banner);
	app->banner = sentence != NULL ? xstrdup(sentence) : NULL;
	app->banner_level = level;
	app_mark(app, APP_DAMAGE_BAR);
	app_schedule(app);
}

/* Signed out by the server: the exit code says "not signed in". */
void
app_quit_now(struct app *app)
{
	app->exit_code = app->signed_out ? EXIT_NOT_SIGNED_IN : EXIT_OK;
	app->running = 0;
	uv_stop(app->loop);
}

void
app_toggle_help(struct app *app)
{
	if (app->help_find != NULL)
		textin_clear(app->help_find);
	app->help_finding = 0;
	app->help = !app->help;
	app->help_top = 0;
	app_mark(app, APP_DAMAGE_OVERLAY|APP_DAMAGE_BAR);
}

static void
app_do_next(struct app *app)
{
	app_focus(app, 1);
}

static void
app_do_prev(struct app *app)
{
	app_focus(app, -1);
}

static void
app_do_refresh(struct app *app)
{
	if (!app_held(app))
		app_refresh(app);
}

static void
app_do_redraw(struct app *app)
{
	app_mark(app, APP_DAMAGE_LAYOUT);
}

static void
app_do_back(struct app *app)
{
	app_view_pop(app);
}

/* `:` opens the command line over the bottom bar. */
static void
app_do_command(struct app *app)
{
	if (app->cmd == NULL)
		app->cmd = cmdline_new();
	cmdline_open(app->cmd);
	app->cmd_open = 1;
	app_mark(app, APP_DAMAGE_BAR);
}

/* A key while the command line is open: only it hears it. */
static void
app_command_key(struct app *app, int key)
{
	char	*command;

	switch (cmdline_key(app->cmd, key, app_command_words())) {
	case CMDLINE_EDITING:
		break;
	case CMDLINE_CANCEL:
		app->cmd_open = 0;
		break;
	case CMDLINE_RUN:
		app->cmd_open = 0;
		command = xstrdup(cmdline_text(app->cmd));
		app_command(app, command);
		free(command);
		break;
	}
	app_mark(app, APP_DAMAGE_BAR);
}

/*
 * Reads the config file again and applies what can change while running;
 * an error keeps the old config and is shown whole.
 */
static void
app_do_reload(struct app *app)
{
	struct app_options	 next;
	char			*note = NULL, *cause = NULL;

	if (app->opts.reload == NULL)
		return;
	memset(&next, 0, sizeof next);
	if (app->opts.reload(app->opts.reload_arg, &next, &note, &cause) !=
	    0) {
		app_toast(app, NOTIFY_ERROR, "Config not reloaded", cause);
		app_log_error(app, cause);
		free(cause);
		return;
	}
	keymap_free(app->opts.keymap);
	app->opts.keymap = next.keymap;
	if (app->opts.keymap != NULL)
		keymap_set_readonly(app->opts.keymap, next.readonly);
	app->opts.readonly = next.readonly;
	if (next.mouse != app->opts.mouse) {
		app->opts.mouse = next.mouse;
		term_set_mouse(app->term, next.mouse);
	}
	/* The terminal borrows the theme: the new one in before the old goes. */
	term_set_theme(app->term, next.theme);
	theme_free(app->opts.theme);
	app->opts.theme = next.theme;
	if (next.ascii != app->opts.ascii ||
	    next.no_color != app->opts.no_color) {
		app->opts.ascii = next.ascii;
		app->opts.no_color = next.no_color;
		term_set_look(app->term, next.ascii, next.no_color);
		app->env.ascii = term_ascii(app->term);
	}
	app_mark(app, APP_DAMAGE_LAYOUT|APP_DAMAGE_BAR|APP_DAMAGE_OVERLAY);
	app_toast(app, NOTIFY_SUCCESS, "Config reloaded", note);
	free(note);
}

/* The table in force for one of the default tables. */
static const struct key_table *
app_keys(const struct app *app, const struct key_table *defaults)
{
	return (keymap_table(app->opts.keymap, defaults));
}

/*
 * Sign-out: main deletes the kept sign-in and the app leaves, saying so
 * once the terminal is back; with nothing kept (the demo) it stays.
 */
static void
app_do_sign_out(struct app *app)
{
	char	*sentence = NULL;
	int	 rc;

	if (app->opts.sign_out == NULL) {
		app_toast(app, NOTIFY_INFO, NULL, "There is no kept sign-in "
		    "to delete");
		return;
	}
	rc = app->opts.sign_out(app->opts.sign_out_arg, &sentence);
	if (rc == 1) {
		free(app->exit_sentence);
		app->exit_sentence = sentence;
		app->exit_code = EXIT_OK;
		app->running = 0;
		uv_stop(app->loop);
		return;
	}
	app_toast(app, rc == 0 ? NOTIFY_INFO : NOTIFY_ERROR, NULL,
	    sentence != NULL ? sentence : "Not signed out");
	if (rc != 0 && sentence != NULL)
		app_log_error(app, sentence);
	free(sentence);
}

void
app_ask(struct app *app, const char *question, void (*yes)(struct app *),
    int64_t event_id)
{
	confirm_free(app->confirm);
	app->confirm = confirm_new(question);
	app->confirm_yes = yes;
	app->confirm_event = event_id;
	app_mark(app, APP_DAMAGE_OVERLAY);
}

/* A key while a question is up: only its answers count. */
static void
app_confirm_key(struct app *app, int key)
{
	enum confirm_answer	  answer;
	void			(*yes)(struct app *) = app->confirm_yes;

	if ((answer = confirm_key(app->confirm, key)) == CONFIRM_WAITING)
		return;
	confirm_free(app->confirm);
	app->confirm = NULL;
	app->confirm_yes = NULL;
	app_mark(app, APP_DAMAGE_OVERLAY);
	if (answer == CONFIRM_YES && yes != NULL)
		yes(app);
}

/* Actions the app handles itself; the rest go to the focused pane. */
static const struct {
	enum action	  action;
	void		(*fn)(struct app *);
} app_actions[] = {
	{ ACTION_QUIT,		app_quit_now },
	{ ACTION_HELP,		app_toggle_help },
	{ ACTION_FOCUS_NEXT,	app_do_next },
	{ ACTION_FOCUS_PREV,	app_do_prev },
	{ ACTION_REFRESH,	app_do_refresh },
	{ ACTION_REDRAW,	app_do_redraw },
	{ ACTION_RELOAD,	app_do_reload },
	{ ACTION_REGISTER,	app_do_register },
	{ ACTION_UNREGISTER,	app_do_unregister },
	{ ACTION_SIGN_OUT,	app_do_sign_out },
	{ ACTION_BACK,		app_do_back },
	{ ACTION_COMMAND,	app_do_command },
	{ ACTION_SIGN_IN,	app_do_sign_in },
	{ ACTION_EVENT_NEW,	app_do_event_new },
	{ ACTION_EVENT_EDIT,	app_do_event_edit },
	{ ACTION_PUBLISH,	app_do_publish },
	{ ACTION_CANCEL_EVENT,	app_do_cancel_event },
	{ ACTION_CAPACITY,	app_do_capacity },
	{ ACTION_DELETE,	app_do_delete },
	{ ACTION_REGISTRATIONS,	app_do_registrations },
	{ ACTION_FILTER,	app_do_filter },
	{ ACTION_FREEZE,	app_do_freeze },
	{ ACTION_POLL_FASTER,	app_do_poll_faster },
	{ ACTION_POLL_SLOWER,	app_do_poll_slower },
	{ ACTION_EXPORT,	app_do_export },
	{ ACTION_PROFILE_EDIT,	app_do_profile_edit },
	{ ACTION_PASSWORD,	app_do_password },
};

/*
 * A key while the help's `/` line is open: the help narrows as it is
 * typed; Enter keeps what was typed, Esc drops it.
 */
static void
app_help_find_key(struct app *app, int key)
{
	app->help_top = 0;
	app_mark(app, APP_DAMAGE_OVERLAY);
	if (key == KEYS_ESC) {
		textin_clear(app->help_find);
		app->help_finding = 0;
		return;
	}
	if (key == '\r' || key == '\n' || key == (KEYS_FN|KEY_ENTER)) {
		app->help_finding = 0;
		return;
	}
	keys_type(app->help_find, key);
}

static void
app_help_key(struct app *app, int key)
{
	enum action	a;

	if (app->help_finding) {
		app_help_find_key(app, key);
		return;
	}
	a = keys_lookup(app_keys(app, &keys_help), key);
	switch (a) {
	case ACTION_CLOSE:
		/* A word found is let go first, then the help. */
		if (app->help_find != NULL &&
		    textin_length(app->help_find) > 0 && key == KEYS_ESC) {
			textin_clear(app->help_find);
			app->help_top = 0;
			break;
		}
		app->help = 0;
		app_mark(app, APP_DAMAGE_OVERLAY|APP_DAMAGE_BAR);
		return;
	case ACTION_FIND:
		if (app->help_find == NULL)
			app->help_find = textin_new(64, 0);
		textin_clear(app->help_find);
		app->help_finding = 1;
		app->help_top = 0;
		break;
	case ACTION_UP:
		if (app->help_top > 0)
			app->help_top--;
		break;
	case ACTION_DOWN:
		app->help_top++;
		break;
	case ACTION_PAGE_UP:
		app->help_top = app->help_top > 10 ? app->help_top - 10 : 0;
		break;
	case ACTION_PAGE_DOWN:
		app->help_top += 10;
		break;
	case ACTION_HOME:
		app->help_top = 0;
		break;
	case ACTION_END:
		/* help_draw clamps it to the last page. */
		app->help_top = (size_t)-1 / 2;
		break;
	default:
		return;
	}
	app_mark(app, APP_DAMAGE_OVERLAY);
}

/* --readonly: the action is not sent, and the toast says why. */
void
app_refuse_readonly(struct app *app, enum action a)
{
	char	*sentence;

	xasprintf(&sentence, "evtop is read-only: %s was not sent "
	    "(--readonly, or readonly in the profile)", actions_get(a)->name);
	app_toast(app, NOTIFY_WARNING, NULL, sentence);
	free(sentence);
}

/* Whether "Terminal too small" is up, or will be at the next frame. */
static int
app_too_small(const struct app *app)
{
	struct layout	l;

	if (app->damage & APP_DAMAGE_LAYOUT)
		return (layout_compute(LINES, COLS, &l) != 0);
	return (app->layout.too_small);
}

/* What app_act came to. */
#define APP_ACTED	0
#define APP_PASSED	1
#define APP_UNKNOWN	2
static int	app_act(struct app *, enum action);

/* Gives p the focus, in the dashboard or in the view it is part of. */
static void
app_focus_pane(struct app *app, struct pane *p)
{
	struct view	*v = app_view(app);
	size_t		 i;

	if (p->focused)
		return;
	if (v != NULL) {
		for (i = 0; i < v->npanes && &v->panes[i] != p; i++)
			;
		if (i == v->npanes || !p->ops->focusable)
			return;
		v->panes[v->focus].focused = 0;
		v->panes[v->focus].damaged = 1;
		v->focus = i;
	} else {
		for (i = 0; i < APP_PANES && &app->panes[i] != p; i++)
			;
		if (i == APP_PANES || !p->ops->focusable)
			return;
		app->panes[app->focus].focused = 0;
		app->panes[app->focus].damaged = 1;
		app->focus = (int)i;
	}
	p->focused = 1;
	p->damaged = 1;
	app_mark(app, APP_DAMAGE_BAR);
}

/*
 * A click or the wheel (--mouse): a click on the bar does that key's
 * action, on a pane focuses it and selects the row under it, twice opens
 * it; the wheel moves the selection.  Under a question, a box or the
 * help, clicks do nothing: their keys answer.
 */
static void
app_mouse(struct app *app)
{
	const struct key_table	*tables[4];
	struct pane		*shown[APP_PANES + VIEW_PANES_MAX], *p;
	size_t			 i, n;
	int			 kind, y, x, wy, wx, h, w;

	kind = term_mouse(app->term, &y, &x);
	if (kind == TERM_MOUSE_NONE || app->signin != NULL ||
	    app->confirm != NULL || app->help || app->cmd_open)
		return;
	if (kind == TERM_MOUSE_WHEEL_UP || kind == TERM_MOUSE_WHEEL_DOWN) {
		app_act(app, kind == TERM_MOUSE_WHEEL_UP ? ACTION_UP :
		    ACTION_DOWN);
		return;
	}
	if (y == LINES - 1) {
		/* The bar's text starts at its second column. */
		n = app_bar_tables(app, tables, nitems(tables));
		app_act(app, keys_bar_hit(tables, n, app->env.ascii, x - 1));
		return;
	}
	n = app_shown_panes(app, shown, nitems(shown));
	for (i = 0; i < n; i++) {
		if ((p = shown[i])->win == NULL)
			continue;
		getbegyx(p->win, wy, wx);
		getmaxyx(p->win, h, w);
		if (y < wy || y >= wy + h || x < wx || x >= wx + w)
			continue;
		app_focus_pane(app, p);
		if (p->ops->click != NULL)
			app_apply(app, p, p->ops->click(p, y - wy, x - wx));
		if (kind == TERM_MOUSE_DOUBLE)
			app_act(app, ACTION_OPEN);
		return;
	}
}

void
app_key(struct app *app, int key)
{
	const struct key_table	*tables[4];
	enum action		 a = ACTION_NONE, last = ACTION_NONE;
	size_t			 n;
	int			 known = 0;

	if (key == (KEYS_FN|KEY_RESIZE)) {
		app_mark(app, APP_DAMAGE_LAYOUT);
		return;
	}
	/* A station: its one screen has every key but the sign-in box's. */
	if (app->kiosk != NULL) {
		if (app->signin != NULL)
			app_signin_key(app, key);
		else
			app_kiosk_key(app, key);
		return;
	}
	/* Nothing to act on is shown: only quit and redraw work. */
	if (app_too_small(app)) {
		a = keys_lookup(app_keys(app, &keys_global), key);
		if (a == ACTION_QUIT)
			app_quit_now(app);
		else if (a == ACTION_REDRAW)
			app_do_redraw(app);
		return;
	}
	if (app->signin != NULL) {
		app_signin_key(app, key);
		return;
	}
	if (app->confirm != NULL) {
		app_confirm_key(app, key);
		return;
	}
	if (app->form != NULL) {
		app_form_key(app, key);
		return;
	}
	if (app->profile != NULL) {
		app_profile_key(app, key);
		return;
	}
	if (app->prompt != NULL) {
		app_prompt_key(app, key);
		return;
	}
	if (app->help) {
		app_help_key(app, key);
		return;
	}
	if (app->cmd_open) {
		app_command_key(app, key);
		return;
	}
	if (app->line != NULL) {
		app_line_key(app, key);
		return;
	}
	if (key == (KEYS_FN|KEY_MOUSE)) {
		app_mouse(app);
		return;
	}
	/*
	 * The focused pane's keys, then the view's, then the global ones;
	 * a key the pane passes on (Esc with nothing to clear) goes on down.
	 */
	n = app_key_tables(app, tables, nitems(tables));
	while (n > 0) {
		if ((a = keys_lookup(tables[--n], key)) == ACTION_NONE)
			continue;
		switch (app_act(app, a)) {
		case APP_ACTED:
			return;
		case APP_PASSED:
			known = 1;
			break;
		case APP_UNKNOWN:
			break;
		}
		last = a;
	}
	if (last != ACTION_NONE && !known) {
		/* A key in the tables in force that nothing here acts on. */
		log_debug("%s: nothing here does %s", __func__,
		    actions_get(last)->name);
		app->unhandled++;
	}
}

/*
 * Does what an action asks, as a key or a click on the bar asked it:
 * APP_ACTED, APP_PASSED when the pane knows it but has nothing to do now
 * (a key that may mean more further down), APP_UNKNOWN when nothing here
 * knows it.
 */
static int
app_act(struct app *app, enum action a)
{
	struct pane	*p = app_focused(app);
	size_t		 i;
	int		 flags;

	if (a == ACTION_NONE)
		return (APP_UNKNOWN);
	if (app->opts.readonly && (actions_get(a)->flags & ACTION_WRITES)) {
		app_refuse_readonly(app, a);
		return (APP_ACTED);
	}
	if (app_lists_refuse(app, a))
		return (APP_ACTED);
	for (i = 0; i < sizeof app_actions / sizeof app_actions[0]; i++) {
		if (app_actions[i].action == a) {
			app_actions[i].fn(app);
			return (APP_ACTED);
		}
	}
	if (p == NULL || p->ops->action == NULL)
		return (APP_UNKNOWN);
	flags = p->ops->action(p, a);
	if (flags & PANE_PASS)
		return (APP_PASSED);
	if (flags & PANE_UNHANDLED)
		return (APP_UNKNOWN);
	app_apply(app, p, flags);
	return (APP_ACTED);
}

static void
app_input(void *arg)
{
	struct app	*app = arg;
	int		 key;

	app_now(app);
	while (app->running && term_read_key(app->term, &key) == 0)
		app_key(app, key);
	app_schedule(app);
}

static void
app_resize(void *arg)
{
	struct app	*app = arg;

	app_mark(app, APP_DAMAGE_LAYOUT);
	app_schedule(app);
}

static void
app_quit(void *arg, int signo)
{
	struct app	*app = arg;

	log_debug("%s: signal %d", __func__, signo);
	app->exit_code = 128 + signo;
	app->running = 0;
	uv_stop(app->loop);
}

static void
app_reload(void *arg)
{
	struct app	*app = arg;

	app_now(app);
	app_do_reload(app);
	app_schedule(app);
}

static const struct term_cbs app_term_cbs = {
	.input = app_input,
	.resize = app_resize,
	.quit = app_quit,
	.reload = app_reload,
};

int
app_damaged(const struct app *app)
{
	const struct view	*v = app_view(app);
	const struct pane	*p = v != NULL ? v->panes : app->panes;
	size_t			 i, n = v != NULL ? v->npanes : APP_PANES;

	if (app->damage != 0)
		return (1);
	for (i = 0; i < n; i++) {
		if (p[i].damaged || p[i].cursor)
			return (1);
	}
	return (0);
}

/* What the panes shown noted while drawing or hearing news, asked for. */
void
app_fetch(struct app *app)
{
	struct pane	*shown[APP_PANES + VIEW_PANES_MAX];
	size_t		 i, n;

	n = app_shown_panes(app, shown, nitems(shown));
	for (i = 0; i < n; i++) {
		if (shown[i]->ops->fetch != NULL)
			shown[i]->ops->fetch(shown[i]);
	}
}

void
app_schedule(struct app *app)
{
	uint64_t	now, since;

	if (!app->running || !app_damaged(app))
		return;
	now = uv_now(app->loop);
	/* A station's scan waits for its answer: one frame with the result. */
	if (app->hold_until > now) {
		uv_timer_start(&app->frame, app_frame_cb, app->hold_until - now,
		    0);
		return;
	}
	since = now - app->last_draw;
	if (app->last_draw == 0 || since >= APP_FRAME_MS) {
		uv_timer_stop(&app->frame);
		app_draw(app);
		/* The rows the frame showed: their pages, after drawing. */
		store_events_fetch(app->store);
		app_fetch(app);
		app_arm_wake(app);
		return;
	}
	/* Due a frame after the last one (a hold may have set it later). */
	uv_timer_start(&app->frame, app_frame_cb, APP_FRAME_MS - since, 0);
}

void
app_frame_cb(uv_timer_t *t)
{
	struct app	*app = t->data;

	app_schedule(app);
}

static void
app_check_cb(uv_check_t *h)
{
	app_schedule(h->data);
}

static void
app_prepare_cb(uv_prepare_t *h)
{
	app_schedule(h->data);
}

/* Milliseconds until the clock's next minute. */
static uint64_t
app_next_minute(void)
{
	return ((uint64_t)(60000 - clock_now_ms() % 60000) + 5);
}

static void
app_wake_cb(uv_timer_t *t)
{
	struct app	*app = t->data;
	struct pane	*all[APP_PANES + APP_VIEWS_MAX * VIEW_PANES_MAX];
	uint64_t	 d;
	size_t		 i, n;
	int		 minute;

	app_now(app);
	if (toasts_expire(app->toasts, app->env.now_ms))
		app_mark(app, APP_DAMAGE_OVERLAY);
	app_signin_tick(app);
	/* The clock and the token warning; relative times as minutes turn. */
	app_mark(app, APP_DAMAGE_HEADER);
	minute = app->env.now / 60 != app->minute;
	app->minute = app->env.now / 60;
	n = app_all_panes(app, all, nitems(all));
	for (i = 0; i < n; i++) {
		if (minute && all[i]->ops->clock)
			all[i]->damaged = 1;
		if (all[i]->ops->deadline == NULL)
			continue;
		d = all[i]->ops->deadline(all[i]);
		if (d != 0 && d <= app->env.now_ms + 1)
			all[i]->damaged = 1;
	}
	app_schedule(app);
	app_arm_wake(app);
}

/* Milliseconds until the header's token warning changes; 0: never. */
static uint64_t
app_token_change(struct app *app)
{
	const struct session	*s;
	time_t			 at;
	int64_t			 ms;

	if (app->api == NULL || (s = api_session(app->api)) == NULL ||
	    (at = statusbar_token_change(s->exp, clock_now())) == 0)
		return (0);
	/* Just past the second, as app_next_minute is past the minute. */
	ms = (int64_t)at * 1000 - clock_now_ms() + 5;
	return (ms > 0 ? (uint64_t)ms : 1);
}

void
app_arm_wake(struct app *app)
{
	struct pane	*all[APP_PANES + APP_VIEWS_MAX * VIEW_PANES_MAX];
	uint64_t	 now = uv_now(app->loop), next, d;
	size_t		 i, n;

	next = now + app_next_minute();
	if ((d = app_token_change(app)) != 0 && now + d < next)
		next = now + d;
	if ((d = toasts_deadline(app->toasts)) != 0 && d < next)
		next = d;
	/* The header counts a Retry-After down, a second at a time. */
	if (app->api != NULL && (d = api_hold_left(app->api, NULL)) != 0 &&
	    now + (d - 1) % 1000 + 1 < next)
		next = now + (d - 1) % 1000 + 1;
	n = app_all_panes(app, all, nitems(all));
	for (i = 0; i < n; i++) {
		if (all[i]->ops->deadline == NULL)
			continue;
		d = all[i]->ops->deadline(all[i]);
		if (d != 0 && d < next)
			next = d;
	}
	/*
	 * Never 0: a timer started again at the loop's time from its own
	 * callback runs again at once, and libuv's time never moves on.
	 */
	uv_timer_start(&app->wake, app_wake_cb, next > now ? next - now : 1,
	    0);
}

struct app *
app_new(uv_loop_t *loop, struct api *api, struct store *store,
    const struct app_options *opts)
{
	struct app	*app;

	app = xcalloc(1, sizeof *app);
	app->loop = loop;
	app->api = api;
	app->store = store;
	app->opts = *opts;
	if (opts->server_label != NULL)
		app->label = xstrdup(opts->server_label);
	app->opts.server_label = app->label;
	app->link = API_LINK_OFFLINE;
	app->env.store = store;
	app->env.api = api;
	app->env.ascii = opts->ascii;
	app->env.selected_event = -1;
	if (app->opts.keymap != NULL)
		keymap_set_readonly(app->opts.keymap, opts->readonly);
	app_init_panes(app);
	app->toasts = toasts_new();
	app->term = term_new(loop, opts->ascii, opts->no_color, &app_term_cbs,
	    app);
	term_set_theme(app->term, app->opts.theme);
	term_set_mouse(app->term, opts->mouse);

	uv_prepare_init(loop, &app->prepare);
	uv_check_init(loop, &app->check);
	uv_timer_init(loop, &app->frame);
	uv_timer_init(loop, &app->wake);
	app->prepare.data = app->check.data = app;
	app->frame.data = app->wake.data = app;
	app->handles = 4;
	return (app);
}

int
app_run(struct app *app)
{
	char	*cause = NULL;

	if (app->opts.kiosk.event_id > 0 && app_kiosk_open(app, &cause) != 0) {
		fprintf(stderr, "evtop: %s\n", cause);
		free(cause);
		return (1);
	}
	if (term_open(app->term, &cause) != 0) {
		fprintf(stderr, "evtop: %s\n", cause);
		free(cause);
		return (1);
	}
	app->env.ascii = term_ascii(app->term);
	app->running = 1;
	app->exit_code = 0;
	app_now(app);
	app_mark(app, APP_DAMAGE_LAYOUT);
	if (app->api != NULL) {
		app_set_link(app, api_link_state(app->api));
		api_set_hooks(app->api, &app_hooks, app);
		if (app->kiosk != NULL)
			app_kiosk_start(app);
		else {
			app_refresh(app);
			api_load_notifications(app->api, NULL, NULL);
		}
		api_start_live(app->api);
	}
	uv_prepare_start(&app->prepare, app_prepare_cb);
	uv_check_start(&app->check, app_check_cb);
	app_schedule(app);

	if (app->running)
		uv_run(app->loop, UV_RUN_DEFAULT);

	app->running = 0;
	uv_prepare_stop(&app->prepare);
	uv_check_stop(&app->check);
	uv_timer_stop(&app->frame);
	uv_timer_stop(&app->wake);
	if (app->api != NULL) {
		api_set_hooks(app->api, &app_no_hooks, NULL);
		api_forget(app->api, app);
	}
	app_draw_done(app);
	term_close(app->term);
	if (app->exit_sentence != NULL)
		fprintf(stderr, "evtop: %s\n", app->exit_sentence);
	return (app->exit_code);
}

static void
app_close_cb(uv_handle_t *h)
{
	struct app	*app = h->data;

	app->handles--;
	app_release(app);
}

void
app_free(struct app *app)
{
	if (app == NULL)
		return;
	if (app->api != NULL) {
		api_set_hooks(app->api, &app_no_hooks, NULL);
		api_forget(app->api, app);
	}
	/* Their panes forget their requests: now, while the api lives. */
	app_views_free(app);
	app_kiosk_free(app);
	app->running = 0;
	app->freeing = 1;
	app_draw_done(app);
	term_free(app->term);
	app->term = NULL;
	uv_close((uv_handle_t *)&app->prepare, app_close_cb);
	uv_close((uv_handle_t *)&app->check, app_close_cb);
	uv_close((uv_handle_t *)&app->frame, app_close_cb);
	uv_close((uv_handle_t *)&app->wake, app_close_cb);
}
