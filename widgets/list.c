/*
 * The list widget: selection and scrolling arithmetic plus drawing.  The
 * arithmetic never touches curses so it can be tested on its own.
 */
#include "list.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "textw.h"
#include "xmalloc.h"

struct list {
	const struct list_column	*columns;
	unsigned			 ncolumns;
	const struct list_ops		*ops;
	void				*data;

	size_t				 count;
	size_t				 selected;
	size_t				 top;
	unsigned			 height;
	int				 ascii;

	/* What the last list_draw showed, for list_draw_cursor. */
	struct {
		WINDOW			*w;
		int			 y, x, width, height, focused;
		attr_t			 select_attr;
		size_t			 top, selected, count;
	} drawn;
};

struct list *
list_new(const struct list_column *columns, unsigned ncolumns,
    const struct list_ops *ops, void *data)
{
	struct list	*l;

	l = xcalloc(1, sizeof *l);
	l->columns = columns;
	l->ncolumns = ncolumns;
	l->ops = ops;
	l->data = data;
	l->height = 1;
	list_sync(l);
	return (l);
}

void
list_free(struct list *l)
{
	free(l);
}

void
list_set_ascii(struct list *l, int ascii)
{
	l->ascii = ascii;
}

/* Keeps selected and top in range and the selection in view. */
static void
list_clamp(struct list *l)
{
	size_t	max_top;

	if (l->count == 0) {
		l->selected = 0;
		l->top = 0;
		return;
	}
	if (l->selected >= l->count)
		l->selected = l->count - 1;
	if (l->selected < l->top)
		l->top = l->selected;
	if (l->selected >= l->top + l->height)
		l->top = l->selected - l->height + 1;
	max_top = l->count > l->height ? l->count - l->height : 0;
	if (l->top > max_top)
		l->top = max_top;
}

void
list_set_height(struct list *l, unsigned rows)
{
	l->height = rows > 0 ? rows : 1;
	list_clamp(l);
}

unsigned
list_height(const struct list *l)
{
	return (l->height);
}

void
list_sync(struct list *l)
{
	l->count = l->ops->count(l->data);
	list_clamp(l);
}

size_t
list_count(const struct list *l)
{
	return (l->count);
}

size_t
list_selected(const struct list *l)
{
	return (l->count == 0 ? LIST_NONE : l->selected);
}

size_t
list_top(const struct list *l)
{
	return (l->top);
}

int
list_select(struct list *l, size_t row)
{
	size_t	old = l->selected;

	if (l->count == 0)
		return (0);
	l->selected = row >= l->count ? l->count - 1 : row;
	list_clamp(l);
	return (l->selected != old);
}

int
list_move(struct list *l, enum list_move how)
{
	size_t	row = l->selected, page = l->height;

	if (l->count == 0)
		return (0);
	switch (how) {
	case LIST_UP:
		if (row > 0)
			row--;
		break;
	case LIST_DOWN:
		row++;
		break;
	case LIST_PAGE_UP:
		row = row > page ? row - page : 0;
		if (l->top > page)
			l->top -= page;
		else
			l->top = 0;
		break;
	case LIST_PAGE_DOWN:
		row += page;
		l->top += page;
		break;
	case LIST_HOME:
		row = 0;
		break;
	case LIST_END:
		row = l->count - 1;
		break;
	}
	return (list_select(l, row));
}

void
list_widths(const struct list *l, int width, int *widths)
{
	unsigned	i, nflex = 0, k = 0;
	int		used = 0, shown = 0, rest;

	for (i = 0; i < l->ncolumns; i++) {
		if (l->columns[i].hide_below > width) {
			widths[i] = 0;
			continue;
		}
		widths[i] = l->columns[i].width;
		if (widths[i] == 0)
			nflex++;
		used += widths[i];
		shown++;
	}
	if (shown > 1)
		used += shown - 1;
	if (nflex > 0) {
		/* The rest, shared; the first columns get what is left over. */
		rest = width > used ? width - used : 0;
		for (i = 0; i < l->ncolumns; i++) {
			if (l->columns[i].width != 0 ||
			    l->columns[i].hide_below > width)
				continue;
			widths[i] = rest / (int)nflex +
			    (k++ < (unsigned)rest % nflex ? 1 : 0);
		}
	} else if (used > width) {
		/* Too narrow: cut the last columns. */
		for (i = l->ncolumns; i-- > 0 && used > width;) {
			if (widths[i] == 0)
				continue;
			used -= widths[i];
			widths[i] = used < width ? width - used : 0;
			used += widths[i];
		}
	}
}

/* Draws one line of cells (the header when row is LIST_NONE). */
static void
list_draw_line(struct list *l, WINDOW *w, int y, int x, int width,
    const int *widths, size_t row, attr_t line_attr)
{
	char		 buf[1024];
	attr_t		 attr;
	unsigned	 i;
	int		 cx = x, flags;

	wattr_on(w, line_attr, NULL);
	mvwhline(w, y, x, ' ', width);
	wattr_off(w, line_attr, NULL);
	for (i = 0; i < l->ncolumns; i++) {
		if (widths[i] == 0)
			continue;
		attr = 0;
		if (row == LIST_NONE)
			snprintf(buf, sizeof buf, "%s", l->columns[i].title);
		else {
			buf[0] = '\0';
			l->ops->cell(l->data, row, i, buf, sizeof buf, &attr);
		}
		/*
		 * A line with colours of its own (the selection) keeps them:
		 * two colour pairs OR-ed together make a third, unreadable.
		 */
		if (line_attr & A_COLOR)
			attr &= ~A_COLOR;
		flags = TEXTW_ELLIPSIS|TEXTW_PAD;
		if (l->ascii)
			flags |= TEXTW_ASCII;
		if (l->columns[i].flags & LIST_RIGHT)
			flags |= TEXTW_RIGHT;
		textw_put(w, y, cx, buf, widths[i], flags, line_attr|attr);
		cx += widths[i];
		if (cx < x + width)
			cx++;
	}
}

/* The attributes of a row: the selection stands out. */
static attr_t
list_row_attr(const struct list *l, size_t row, int focused,
    attr_t select_attr)
{
	if (row != l->selected)
		return (0);
	return (focused ? select_attr : A_BOLD);
}

void
list_draw(struct list *l, WINDOW *w, int y, int x, int width, int height,
    int focused, attr_t header_attr, attr_t select_attr)
{
	int	*widths, i;
	size_t	 row;

	l->drawn.w = NULL;
	if (width <= 0 || height <= 0)
		return;
	widths = xcalloc(l->ncolumns, sizeof *widths);
	list_widths(l, width, widths);
	list_draw_line(l, w, y, x, width, widths, LIST_NONE, header_attr);

	list_sync(l);
	list_set_height(l, height > 1 ? (unsigned)height - 1 : 1);
	for (i = 1; i < height; i++) {
		row = l->top + (size_t)i - 1;
		if (row >= l->count) {
			mvwhline(w, y + i, x, ' ', width);
			continue;
		}
		list_draw_line(l, w, y + i, x, width, widths, row,
		    list_row_attr(l, row, focused, select_attr));
	}
	free(widths);

	l->drawn.w = w;
	l->drawn.y = y;
	l->drawn.x = x;
	l->drawn.width = width;
	l->drawn.height = height;
	l->drawn.focused = focused;
	l->drawn.select_attr = select_attr;
	l->drawn.top = l->top;
	l->drawn.selected = l->selected;
	l->drawn.count = l->count;
}

int
list_draw_cursor(struct list *l, WINDOW *w)
{
	size_t	 rows[2];
	int	*widths, i;

	if (l->drawn.w == NULL || l->drawn.w != w || l->count == 0 ||
	    l->drawn.top != l->top || l->drawn.count != l->count)
		return (-1);
	rows[0] = l->drawn.selected;
	rows[1] = l->selected;
	widths = xcalloc(l->ncolumns, sizeof *widths);
	list_widths(l, l->drawn.width, widths);
	for (i = 0; i < 2; i++) {
		if (rows[i] < l->top ||
		    rows[i] - l->top >= (size_t)l->drawn.height - 1 ||
		    rows[i] >= l->count)
			continue;
		list_draw_line(l, w, l->drawn.y + 1 + (int)(rows[i] - l->top),
		    l->drawn.x, l->drawn.width, widths, rows[i],
		    list_row_attr(l, rows[i], l->drawn.focused,
		    l->drawn.select_attr));
	}
	free(widths);
	l->drawn.selected = l->selected;
	return (0);
}
