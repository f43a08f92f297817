/*
 * Panes: the boxes of the dashboard.  Each is a const struct pane_ops with
 * designated initialisers; the app owns a struct pane per box, gives it a
 * curses window and calls the slots below.  Handlers never draw: they
 * return PANE_* flags saying what needs drawing, and the app draws at most
 * once per loop pass.
 */
#ifndef EVTOP_PANE_H
#define EVTOP_PANE_H

#include <stdint.h>
#include <time.h>

#include <curses.h>

#include "actions.h"
#include "keys.h"
#include "model.h"
#include "store.h"

/* What a handler returns: flags of what to redraw. */
#define PANE_REDRAW	0x1	/* this pane */
#define PANE_SELECTION	0x2	/* the selected event changed */
#define PANE_UNHANDLED	0x4	/* the action was not for this pane */
#define PANE_CURSOR	0x8	/* only this pane's selection moved */
#define PANE_OPEN	0x10	/* open the event view on env->open_event */
#define PANE_PASS	0x20	/* known, nothing to do now: the next table's */

/* What every pane may read, handed down by the app (not global). */
struct api;

struct pane_env {
	struct store	*store;
	struct api	*api;		/* for panes that fetch; NULL in tests */
	int		 ascii;
	uint64_t	 now_ms;	/* monotonic milliseconds now */
	time_t		 now;		/* wall clock now */
	int64_t		 selected_event;	/* under the cursor; -1 none */
	char		*load_error;	/* why the first load failed, or NULL */
	int		 stale;		/* was live, is not now: data may be old */
	int64_t		 open_event;	/* with PANE_OPEN: which event */
	const char	*view_arg;	/* the words after a view's `:` name */
};

struct pane;

struct pane_ops {
	/* Short name ("events"), used in the help and logs. */
	const char		*name;
	/* Title drawn in the border. */
	const char		*title;
	/* 1 if Tab can focus it. */
	int			 focusable;
	/* Keys tried before the global table while focused, or NULL. */
	const struct key_table	*keys;

	/* Allocates p->data; called once after the env is set. */
	void	(*init)(struct pane *p);
	/* Frees p->data. */
	void	(*free)(struct pane *p);
	/* Renders the whole pane into p->win (border included). */
	void	(*draw)(struct pane *p);
	/*
	 * After PANE_CURSOR: repaints only the rows the selection left and
	 * reached, or returns -1 when the whole pane must be drawn.  NULL:
	 * always the whole pane.
	 */
	int	(*draw_cursor)(struct pane *p);
	/* A named action while focused: PANE_* flags. */
	int	(*action)(struct pane *p, enum action);
	/* The event list changed in the store: PANE_* flags. NULL: ignore. */
	int	(*events_changed)(struct pane *p);
	/* Live counters of event_id changed: PANE_* flags.  NULL: ignore. */
	int	(*counters_changed)(struct pane *p, int64_t event_id);
	/*
	 * A notification arrived (NULL: past ones were loaded into the
	 * log at once): PANE_* flags.  NULL slot: ignore.
	 */
	int	(*notification)(struct pane *p, const struct notification *);
	/* The selected event changed (env->selected_event): PANE_* flags. */
	int	(*selection)(struct pane *p);
	/*
	 * The monotonic time in ms at which the pane wants drawing again on
	 * its own (a highlight fading), or 0 for never.  NULL: never.
	 */
	uint64_t (*deadline)(struct pane *p);
	/*
	 * A click at y, x of its window (--mouse): PANE_* flags.  NULL: a
	 * click only focuses the pane.
	 */
	int	(*click)(struct pane *p, int y, int x);
	/*
	 * After a frame that showed it: starts the requests it noted while
	 * drawing or hearing news (a draw starts none).  NULL: none.
	 */
	void	(*fetch)(struct pane *p);
	/* 1 when it shows times relative to now: redrawn as minutes turn. */
	int	clock;
};

struct pane {
	const struct pane_ops	*ops;
	struct pane_env		*env;
	void			*data;
	WINDOW			*win;	/* NULL while too small to show */
	int			 focused;
	int			 damaged;	/* draw the whole pane */
	int			 cursor;	/* only the selection moved */
};

extern const struct pane_ops	pane_events_ops;
extern const struct pane_ops	pane_stats_ops;
extern const struct pane_ops	pane_notify_ops;
extern const struct pane_ops	pane_event_ops;		/* pane-event.c */
extern const struct pane_ops	pane_regs_ops;		/* pane-regs.c */
extern const struct pane_ops	pane_profile_ops;	/* pane-profile.c */
extern const struct pane_ops	pane_myregs_ops;	/* pane-profile.c */

void	pane_init(struct pane *, const struct pane_ops *, struct pane_env *);
void	pane_done(struct pane *);
/*
 * Draws text word-wrapped from row y to the pane's bottom border, the
 * last row cut with an ellipsis when more is left (a description).
 */
void	pane_draw_text(struct pane *, int y, const char *text, attr_t);
/* Draws the border and title of p. */
void	pane_frame(struct pane *);
/* Draws the border of p with another title (NULL: the ops title). */
void	pane_frame_title(struct pane *, const char *title);
/* Draws p whole, or only its moved cursor when that is all that changed. */
void	pane_draw(struct pane *);
/* The mark for an absent value: an em dash, "-" in ASCII. */
const char *pane_dash(int ascii);
/* Formats a time as "YYYY-MM-DD HH:MM" in local time into buf. */
void	pane_format_date(time_t, char *buf, size_t len);
/* Formats a count, or an em dash (ASCII "-") when absent (< 0). */
void	pane_format_count(int64_t, int ascii, char *buf, size_t len);
/* When t is from now: "in 58 min", "in 3 h 5 min", "2 days ago"... */
void	pane_format_relative(time_t t, time_t now, char *buf, size_t len);
/*
 * The number of events for titles: "33", or "200 of 10000" when the
 * server holds more than the store.
 */
void	pane_events_count_text(const struct store *, char *buf, size_t len);
/* The style of an event status badge. */
int	pane_status_style(const char *status);
/* The style of a notification level (TERM_ERROR for errors...). */
int	pane_level_style(enum notification_level);

#endif
