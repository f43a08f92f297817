/*
 * What every pane that shows a table has in common: a list widget, the
 * movement keys, a selection that follows its row (by a stable key such
 * as an event id or a notification seq) when the data changes, a sentence
 * instead of an empty box, and a two-row repaint when only the cursor
 * moved.  A pane supplies a struct pane_list_ops and uses the functions
 * below as its pane_ops slots.
 *
 * A list with a query slot also has a filter and a sort by column (the
 * owner sends them to the server or applies them here: a list window
 * decides), marks on rows kept by key (so they survive updates; the mark
 * column shows while any row is marked), and a frozen state in which the
 * rows stay in the order they had while their values go on changing.
 */
#ifndef EVTOP_PANE_LIST_H
#define EVTOP_PANE_LIST_H

#include <stddef.h>
#include <stdint.h>

#include "list.h"
#include "pane.h"

struct pane_list_ops {
	const struct list_column	*columns;
	unsigned			 ncolumns;
	/* 1: a selection on the first row stays there as rows arrive. */
	int				 stick_top;

	/* How many rows there are. */
	size_t		(*count)(struct pane *);
	/* One cell's text and attributes, as list_ops.cell. */
	void		(*cell)(struct pane *, size_t row, unsigned col,
			    char *buf, size_t len, attr_t *attr);
	/* A key of the row that survives reordering; -1 for none. */
	int64_t		(*key)(struct pane *, size_t row);
	/* The row holding key, or LIST_NONE.  NULL: search every row. */
	size_t		(*find)(struct pane *, int64_t key);
	/* The sentence shown instead of an empty list. */
	const char	*(*empty)(struct pane *);
	/* Writes the border title into buf.  NULL: the pane_ops title. */
	void		(*title)(struct pane *, char *buf, size_t len);
	/* The selection moved to another row: PANE_* flags.  NULL: none. */
	int		(*moved)(struct pane *);
	/*
	 * The rows on screen, told during a draw, so a list window can
	 * fetch what they need.  It records them only: a draw starts no
	 * request, the loop fetches after the frame.  NULL: every row is
	 * always there.
	 */
	void		(*view)(struct pane *, size_t top, size_t height);
	/* Enter: the event the row opens, or -1.  NULL: Enter does nothing. */
	int64_t		(*open)(struct pane *, size_t row);

	/*
	 * The sort each column stands for ("title"; "-title" is the
	 * reverse), NULL for a column that does not sort; sort_initial
	 * the one in force at first.  NULL: the list does not sort.
	 */
	const char *const *sorts;
	const char	*sort_initial;
	/*
	 * Applies a sort (as sorts[], or NULL) and a filter (NULL for none;
	 * a leading '!' keeps the rows that do not match).  NULL: the list
	 * neither sorts nor filters.
	 */
	void		(*query)(struct pane *, const char *sort,
			    const char *filter);
	/* What of the query is applied here: PANE_LIST_LOCAL_* flags. */
	unsigned	(*local)(struct pane *);
};

#define PANE_LIST_LOCAL_FILTER	0x1	/* over the rows held, not the server */
#define PANE_LIST_LOCAL_SORT	0x2

/* Sets p->data up; for a pane's init slot. */
void	pane_list_init(struct pane *, const struct pane_list_ops *);
/* The same with data of the pane's own, for pane_list_user. */
void	pane_list_init_user(struct pane *, const struct pane_list_ops *,
	    void *user);
void	*pane_list_user(struct pane *);
void	pane_list_free(struct pane *);
void	pane_list_draw(struct pane *);
int	pane_list_draw_cursor(struct pane *);
/* The movement actions and Enter; others give PANE_UNHANDLED. */
int	pane_list_action(struct pane *, enum action);
/* A click: selects the row under it; PANE_* flags. */
int	pane_list_click(struct pane *, int y, int x);
/* The rows changed: keeps the selection on its key; PANE_* flags. */
int	pane_list_changed(struct pane *);
/* The selected row, or LIST_NONE. */
size_t	pane_list_selected(struct pane *);
/* 1 when row is on screen. */
int	pane_list_in_view(struct pane *, size_t row);
/* 1 when the row of key is on screen (frozen or not). */
int	pane_list_key_in_view(struct pane *, int64_t key);
/* The selected row's key, or -1. */
int64_t	pane_list_selected_key(struct pane *);
/* 1 when p is drawn by this module (a list pane). */
int	pane_list_is(const struct pane *);

/* The filter ("" for none); -1 when the list cannot filter. */
int	pane_list_set_filter(struct pane *, const char *);
const char *pane_list_filter(struct pane *);
/*
 * The sort column one step right (step 1) or left (-1) among those that
 * sort, or the same column reversed (step 0).  -1 when the list does
 * not sort.
 */
int	pane_list_sort(struct pane *, int step);
/* The sort in force ("-date"), or NULL. */
const char *pane_list_sort_name(struct pane *);

/* Marks or unmarks the selected row; -1 when it has no key yet. */
int	pane_list_mark(struct pane *);
/* Forgets every mark; returns how many there were. */
size_t	pane_list_unmark(struct pane *);
size_t	pane_list_marked(struct pane *);
/* The marked keys, in key order (pane_list_marked of them). */
const int64_t *pane_list_marks(struct pane *);
int	pane_list_is_marked(struct pane *, int64_t key);

/* Frozen: the rows keep the order they have now until thawed. */
void	pane_list_freeze(struct pane *, int);
int	pane_list_frozen(struct pane *);
/* The rows shown, in order, as the owner's rows: LIST_NONE for one gone. */
size_t	pane_list_count(struct pane *);
size_t	pane_list_row(struct pane *, size_t shown);

/*
 * What the title adds for the query and the marks: " /launch (filtered
 * here)", " 3 marked".
 */
void	pane_list_title_extra(struct pane *, char *buf, size_t len);

#endif
