/*
 * A scrolling list with a selection and columns, drawn into a curses
 * window.  The list owns no rows: it asks its owner through callbacks for
 * the row count and each cell's text, so one widget serves every pane that
 * shows a table (the events pane, the notification log).
 */
#ifndef EVTOP_LIST_H
#define EVTOP_LIST_H

#include <stddef.h>

#include <curses.h>

#define LIST_NONE	((size_t)-1)

#define LIST_RIGHT	0x1	/* right-align the column */

struct list_column {
	const char	*title;
	int		 width;	/* columns; 0: takes the rest (shared evenly
				   when several columns have 0) */
	int		 flags;	/* LIST_RIGHT */
	int		 hide_below;	/* hidden when the list is narrower */
};

struct list_ops {
	/* How many rows there are now. */
	size_t	(*count)(void *data);
	/*
	 * Writes the text of one cell into buf (NUL-terminated, len bytes)
	 * and may set *attr to curses attributes for it.
	 */
	void	(*cell)(void *data, size_t row, unsigned col, char *buf,
		    size_t len, attr_t *attr);
};

enum list_move {
	LIST_UP,
	LIST_DOWN,
	LIST_PAGE_UP,
	LIST_PAGE_DOWN,
	LIST_HOME,
	LIST_END
};

struct list;

struct list	*list_new(const struct list_column *, unsigned ncolumns,
		    const struct list_ops *, void *data);
void		 list_free(struct list *);
void		 list_set_ascii(struct list *, int);

/* The number of rows the view shows; keeps the selection in view. */
void		 list_set_height(struct list *, unsigned rows);
unsigned	 list_height(const struct list *);
/* Re-reads the row count and keeps the selection and top in range. */
void		 list_sync(struct list *);
size_t		 list_count(const struct list *);
/* The selected row, or LIST_NONE when the list is empty. */
size_t		 list_selected(const struct list *);
/* The first row in view. */
size_t		 list_top(const struct list *);
/* Selects row (clamped); returns 1 when the selection moved. */
int		 list_select(struct list *, size_t row);
/* Moves the selection; returns 1 when it moved. */
int		 list_move(struct list *, enum list_move);

/*
 * Widths of the columns shown at this total width, into widths[ncolumns]
 * (0 for a hidden column); columns are separated by one space.
 */
void		 list_widths(const struct list *, int width, int *widths);
/*
 * Draws a header line and the rows in view into w at y, x, width by
 * height (header included).  The selected row gets select_attr when
 * focused, A_BOLD otherwise.
 */
void		 list_draw(struct list *, WINDOW *w, int y, int x, int width,
		     int height, int focused, attr_t header_attr,
		     attr_t select_attr);
/*
 * When only the selection moved since list_draw into w (same rows in view,
 * same count), repaints the row it left and the row it reached and
 * returns 0; otherwise draws nothing and returns -1: draw the whole list.
 */
int		 list_draw_cursor(struct list *, WINDOW *w);

#endif
