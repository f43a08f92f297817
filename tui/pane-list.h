/*
 * What every pane that shows a table has in common: a list widget, the
 * movement keys, a selection that follows its row (by a stable key such
 * as an event id or a notification seq) when the data changes, a sentence
 * instead of an empty box, and a two-row repaint when only the cursor
 * moved.  A pane supplies a struct pane_list_ops and uses the functions
 * below as its pane_ops slots.
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
};

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

#endif
