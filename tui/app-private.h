/*
 * The app's insides, shared by app.c (loop, keys, hooks) and app-draw.c
 * (layout and drawing), and by the tests that draw a dashboard into an
 * in-process curses screen.  Nothing else includes this.
 */
#ifndef EVTOP_APP_PRIVATE_H
#define EVTOP_APP_PRIVATE_H

#include <curses.h>
#include <uv.h>

#include "api.h"
#include "app.h"
#include "confirm.h"
#include "form-box.h"
#include "layout.h"
#include "pane.h"
#include "profile-box.h"
#include "prompt.h"
#include "signin-box.h"
#include "store.h"
#include "term.h"
#include "toast.h"
#include "view.h"

#define APP_FRAME_MS	33	/* at most ~30 frames a second */
#define APP_VIEWS_MAX	8	/* views over the dashboard */

/* Damage outside the panes (each pane has its own flag). */
#define APP_DAMAGE_HEADER	0x1
#define APP_DAMAGE_BAR		0x2
#define APP_DAMAGE_OVERLAY	0x4	/* toasts or help changed */
#define APP_DAMAGE_LAYOUT	0x8	/* size changed: rebuild windows */

/* What the line at the bottom asks for (app-lists.c). */
enum app_line {
	APP_LINE_FILTER,
	APP_LINE_EXPORT
};

struct lineprompt;
struct app_kiosk;
struct counters;
struct guest;

enum {
	APP_PANE_EVENTS,
	APP_PANE_STATS,
	APP_PANE_NOTIFY,
	APP_PANES
};

struct app {
	uv_loop_t		*loop;
	struct api		*api;		/* NULL in tests */
	struct store		*store;
	struct app_options	 opts;
	char			*label;
	struct term		*term;

	struct pane_env		 env;
	struct pane		 panes[APP_PANES];
	int			 focus;
	/* Views pushed over the dashboard (view.h); the top one shows. */
	struct view		*views[APP_VIEWS_MAX];
	size_t			 nviews;
	struct cmdline		*cmd;		/* the `:` line, made once */
	unsigned		 unhandled;	/* actions nothing acted on */
	int			 cmd_open;	/* it has the keys */
	struct lineprompt	*line;		/* a question below, or NULL */
	enum app_line		 line_kind;
	struct pane		*line_pane;	/* the list a filter is for */
	char			*export_path;	/* asked about overwriting */
	int			 frozen;	/* Z: the lists stay still */
	struct toasts		*toasts;
	enum api_link		 link;
	int			 was_live;	/* the link has been up */
	int			 signed_out;	/* the server signed us out */
	char			*banner;	/* app_set_banner's, or NULL */
	enum notification_level	 banner_level;

	int			 damage;
	int			 help;
	size_t			 help_top;
	struct textin		*help_find;	/* the help's `/`, or NULL */
	int			 help_finding;	/* it has the keys */
	struct layout		 layout;
	WINDOW			*header;
	WINDOW			*bar;
	WINDOW			*help_win;
	struct confirm		*confirm;	/* a question is up, or NULL */
	void			(*confirm_yes)(struct app *);
	int64_t			 confirm_event;	/* what it asks about */
	WINDOW			*confirm_win;
	struct prompt		*prompt;	/* a one-field prompt, or NULL */
	WINDOW			*prompt_win;
	int			 prompt_kind;	/* app-admin.c's */
	int64_t			 prompt_event;	/* what it is about */
	int64_t			 prompt_version;	/* as read */
	char			*prompt_title;	/* to type before a delete */
	int			 admin_busy;	/* an admin write is out */
	int			 admin_kind;
	int64_t			 admin_event;
	char			*admin_title;	/* of the event deleted */
	struct signin_box	*signin;	/* the sign-in box, or NULL */
	WINDOW			*signin_win;
	int			 signin_busy;	/* api_login is out */
	int			 signin_waiting;	/* for a Retry-After */
	char			*signin_email;	/* the last one tried */
	struct form_box		*form;		/* the event form, or NULL */
	WINDOW			*form_win;
	int			 form_busy;	/* its save is out */
	struct app_kiosk	*kiosk;		/* --kiosk's station, or NULL */
	struct profile_box	*profile;	/* a profile form, or NULL */
	WINDOW			*profile_win;
	int			 profile_busy;	/* its save is out */

	uv_prepare_t		 prepare;
	uv_check_t		 check;
	uv_timer_t		 frame;
	uv_timer_t		 wake;
	int			 handles;
	int			 freeing;
	uint64_t		 last_draw;
	uint64_t		 hold_until;	/* no frame before, unless the
						   hold is lifted (a kiosk) */
	time_t			 minute;	/* wall-clock minute last drawn */

	int			 running;
	int			 exit_code;
	char			*exit_sentence;	/* for stderr, after curses */
};

/* app.c */
/* One of the app's handles (or a part's) has closed. */
void	app_handle_closed(struct app *);
/* q: leaves, with "not signed in" if the server signed the user out. */
void	app_quit_now(struct app *);
/* ?: the help over the view, or closed. */
void	app_toggle_help(struct app *);
/* The hooks app_run gives the api (tests call them directly). */
const struct api_hooks	*app_api_hooks(void);
void	app_key(struct app *, int key);
int	app_damaged(const struct app *);
/* Marks damage (APP_DAMAGE_*); the loop draws it. */
void	app_mark(struct app *, int flags);
/* Draws now if due, else makes sure the frame timer will. */
void	app_schedule(struct app *);
/* Reads the clocks for what handlers do next. */
void	app_now(struct app *);
/* The link state the header shows; stale data is marked. */
void	app_set_link(struct app *, enum api_link);
void	app_frame_cb(uv_timer_t *);
void	app_arm_wake(struct app *);
/* A toast (title may be NULL), drawn at the next frame. */
void	app_toast(struct app *, enum notification_level, const char *title,
	    const char *message);
/* An error of ours into the notification log, where it stays whole. */
void	app_log_error(struct app *, const char *sentence);
/* The same at a level of its own (a warning, an error). */
void	app_log(struct app *, enum notification_level, const char *sentence);
/*
 * 1 (after a toast saying how long) while the server has asked every
 * request to wait (a 429's Retry-After): user actions check it first.
 */
int	app_held(struct app *);
/*
 * Puts a yes/no question up (the sentence is copied); yes runs on y with
 * app->confirm_event set to event_id, and n or Esc just closes it.
 */
void	app_ask(struct app *, const char *question,
	    void (*yes)(struct app *), int64_t event_id);

/* Refuses a write action under --readonly with a toast. */
void	app_refuse_readonly(struct app *, enum action);

/* After a frame: the requests the panes shown noted (tests call it). */
void	app_fetch(struct app *);

/* app-view.c */
/* The view on top, or NULL on the dashboard. */
struct view	*app_view(const struct app *);
/*
 * Shows the view ops on event_id (-1: none) over the others: the
 * dashboard's ops go back to it; the same view on the same event as the
 * top one does nothing.  A view that needs an event and has none, or a
 * stack that is full, says why in a toast.
 */
/* The same for a view that reads the words after its name. */
void	app_view_push_words(struct app *, const struct view_ops *,
	    int64_t event_id, const char *words);
void	app_view_push(struct app *, const struct view_ops *,
	    int64_t event_id);
/*
 * The event keys act on: the one the nearest view on an event shows,
 * else the dashboard's selection; -1 for none.
 */
int64_t	app_current_event(const struct app *);
/* Back to the view under the top one. */
void	app_view_pop(struct app *);
/* Frees every view (app_free). */
void	app_views_free(struct app *);
/*
 * Every pane there is, the dashboard's and each view's, for hooks and
 * timers: n of them into out; returns n.
 */
size_t	app_all_panes(struct app *, struct pane **out, size_t max);
/* The panes shown now: the top view's or the dashboard's. */
size_t	app_shown_panes(struct app *, struct pane **out, size_t max);
/* The focused pane of what is shown. */
struct pane *app_focused(struct app *);
/* The breadcrumb for the header ("events > Launch > event"), or "" home. */
void	app_crumb(const struct app *, char *buf, size_t len);
/* Runs a `:` command ("notif", "event 42", "q"); says why it cannot. */
void	app_command(struct app *, const char *command);
/* The words `:` completes: view names, aliases and built-ins. */
const char *const *app_command_words(void);
/*
 * The key tables in force, as the bar and the help show them: the global
 * one, the view's, the focused pane's.  A key is looked up from the last.
 */
size_t	app_key_tables(struct app *, const struct key_table **out,
	    size_t max);
/* The same tables in the bar's order: in a view, the global one last. */
size_t	app_bar_tables(struct app *, const struct key_table **out,
	    size_t max);

/* app-register.c */
void	app_do_register(struct app *);
void	app_do_unregister(struct app *);
/* The answers to R and U: a toast, and the log (tests call them). */
void	app_registered(void *, int status, const char *cause,
	    const struct api_registration *);
void	app_unregistered(void *, int status, const char *cause,
	    const struct api_registration *);

/* app-admin.c: the event view's admin keys (P, X, C, D) and w. */
void	app_do_publish(struct app *);
void	app_do_cancel_event(struct app *);
void	app_do_capacity(struct app *);
void	app_do_delete(struct app *);
void	app_do_registrations(struct app *);
/* A key while the prompt is up: only it hears it. */
void	app_prompt_key(struct app *, int key);
/* app-lists.c */
void	app_do_filter(struct app *);
void	app_do_freeze(struct app *);
void	app_do_poll_faster(struct app *);
void	app_do_poll_slower(struct app *);
/* x: asks for a file name; :export FILE writes to FILE at once. */
void	app_do_export(struct app *);
void	app_export_to(struct app *, const char *path);
/* A key while the bottom line asks: only it hears it. */
void	app_line_key(struct app *, int key);
void	app_line_draw(struct app *);
/* 1 (after a toast) when a frozen screen refuses the action. */
int	app_lists_refuse(struct app *, enum action);
/*
 * What a bulk action acts on: the dashboard list's marked events, or
 * every event it lists when none is marked, into a new array (*out, the
 * store's events); *missing counts those not held, *marked says which.
 */
size_t	app_lists_events(struct app *, const struct event ***out,
	    size_t *missing, int *marked);
void	app_lists_free(struct app *);

/* app-signin.c */
/* Puts the sign-in box up (the server signed the user out). */
void	app_signin_open(struct app *);
/* A key while the box is up: only the box hears it. */
void	app_signin_key(struct app *, int key);
/* The wake timer's tick: a wait the server asked for may be over. */
void	app_signin_tick(struct app *);
/* The sign-in key: the box again, while signed out. */
void	app_do_sign_in(struct app *);
/* The key bound to the sign-in action, or NULL. */
const struct key_binding *app_sign_in_key(const struct app *);

/* app-form.c */
/* n: the form for a new event; e: for the one the keys act on. */
void	app_do_event_new(struct app *);
void	app_do_event_edit(struct app *);
/* A key while the form is up: only the form hears it. */
void	app_form_key(struct app *, int key);

/* app-profile.c */
/* e and p in the profile view: the account's form, the password's. */
void	app_do_profile_edit(struct app *);
void	app_do_password(struct app *);
/* A key while a profile form is up: only it hears it. */
void	app_profile_key(struct app *, int key);

/* app-kiosk.c: --kiosk */
extern const struct view_ops	view_kiosk_ops;
/* Opens the station's file; -1 with a sentence.  Before the terminal. */
int	app_kiosk_open(struct app *, char **cause);
/* Its view over the dashboard, and its first requests. */
void	app_kiosk_start(struct app *);
/* Every key while no box is up. */
void	app_kiosk_key(struct app *, int key);
void	app_kiosk_link(struct app *, enum api_link);
void	app_kiosk_signed_in(struct app *);
/* The api's hooks for the station (no-ops without one). */
void	app_kiosk_checkin(void *, const struct guest *);
void	app_kiosk_counters(void *, const struct counters *);
void	app_kiosk_resynced(void *);
/* 1 when the station took a sentence a toast would have shown. */
int	app_kiosk_says(struct app *, const char *sentence);
void	app_kiosk_free(struct app *);

/* app-draw.c */
void	app_init_panes(struct app *);
/* Draws what is damaged and updates the terminal once. */
void	app_draw(struct app *);
/* Deletes every window (before curses ends). */
void	app_draw_done(struct app *);

#endif
