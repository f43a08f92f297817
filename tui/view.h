/*
 * Views: the screens the app can show, on a stack.  The home view is the
 * dashboard (the events, the selected event, the notification log); Enter
 * on a row, or a `:` command, pushes another view over it, and Esc or `-`
 * goes back.  A view is a const struct view_ops naming its panes (the
 * same pane_ops the dashboard is made of) and its own key table; adding a
 * view is one file for its panes and one row in view_table (view.c).
 */
#ifndef EVTOP_VIEW_H
#define EVTOP_VIEW_H

#include <stddef.h>
#include <stdint.h>

#include "keys.h"
#include "pane.h"

#define VIEW_PANES_MAX	3

struct view_ops {
	const char		*name;		/* its `:` command */
	const char *const	*aliases;	/* NULL-terminated, or NULL */
	const char		*help;		/* what it shows, for :help */
	int			 needs_event;	/* shows one event */
	int			 takes_words;	/* `:name WORDS`: its panes read
						   them in env.view_arg */
	/* Its own keys, after Esc and - (keys_view); NULL: none. */
	const struct key_table	*keys;
	/* Its panes, top to bottom (side by side when wide); NULL ends. */
	const struct pane_ops	*panes[VIEW_PANES_MAX + 1];
};

struct view {
	const struct view_ops	*ops;
	/* Its panes' own: the selected event is the view's event. */
	struct pane_env		 env;
	struct pane		 panes[VIEW_PANES_MAX];
	size_t			 npanes;
	size_t			 focus;
	int64_t			 event_id;	/* -1: none */
	char			*arg;		/* its words, or NULL */
};

/* The dashboard, at the bottom of every stack. */
extern const struct view_ops	view_home_ops;
/* One event (Enter on a row, :event). */
extern const struct view_ops	view_event_ops;
/* Events found (:search WORDS location=... from=... to=...). */
extern const struct view_ops	view_search_ops;
/* One event's registrations (:registrations, :regs). */
extern const struct view_ops	view_regs_ops;
/* The signed-in user, their stats and registrations (:profile, :me). */
extern const struct view_ops	view_profile_ops;

/* Every view the `:` line can name, NULL-terminated. */
extern const struct view_ops *const view_table[];

/* The view called name or one of its aliases, or NULL. */
const struct view_ops	*view_find(const char *name);
/*
 * Every name and alias, and then the extra words given (NULL-terminated,
 * may be NULL), for the `:` line's completion: a static array.
 */
const char *const	*view_words(const char *const *extra);

/*
 * A view over home's env (store, look, clock), on event_id (-1 for none).
 * Its panes are made and focused on the first; no windows yet.
 */
struct view	*view_new(const struct view_ops *, const struct pane_env *home,
		    int64_t event_id, const char *arg);
void		 view_free(struct view *);
/* Gives the panes windows in the body (y, x, h, w): side by side when wide. */
void		 view_layout(struct view *, int y, int x, int h, int w);
/* Deletes the panes' windows. */
void		 view_delwins(struct view *);
/* Takes home's clock and look before a draw or an event. */
void		 view_sync(struct view *, const struct pane_env *home);
/* The focused pane. */
struct pane	*view_pane(struct view *);
/* Tab, S-Tab: the next or previous pane that takes focus. */
void		 view_focus(struct view *, int step);
/*
 * What the breadcrumb says of it: its name, after its event's title when
 * the view below is not on the same event (below: that view's event, -1
 * for none); the event view is the title alone.
 */
void		 view_crumb(const struct view *, int64_t below, int ascii,
		    char *buf, size_t len);

#endif
