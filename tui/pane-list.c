/*
 * The list pane shared by the events pane and the notification log: the
 * movement keys, and the filter, sort, marks and freeze of pane-list.h.
 * The list widget sees one more column than the owner has, the mark
 * column first; shown row i is the owner's row i, or when frozen the row
 * whose key was i-th when the list froze.
 */
#include "pane-list.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "term.h"
#include "textw.h"
#include "utf8.h"
#include "xmalloc.h"

#define PANE_LIST_TITLE	48	/* bytes of a column title with its arrow */

struct pane_list {
	const struct pane_list_ops	*ops;
	struct pane			*pane;
	struct list			*list;
	int64_t				 key;	/* of the selected row */
	void				*user;	/* the pane's own */

	/* The owner's columns after the mark column, titles with arrows. */
	struct list_column		*columns;
	char				(*titles)[PANE_LIST_TITLE];

	char				*filter;
	int				 sort;	/* column, or -1 */
	int				 desc;
	char				*sort_name;

	int64_t				*marks;	/* in key order */
	size_t				 nmarks;

	int				 frozen;
	int64_t				*snap;	/* keys in the frozen order */
	size_t				 nsnap;
};

static size_t
pane_list_rows(struct pane_list *pl)
{
	return (pl->frozen ? pl->nsnap : pl->ops->count(pl->pane));
}

/* The owner's row of a row shown, or LIST_NONE. */
static size_t
pane_list_index(struct pane_list *pl, size_t row)
{
	size_t	i, n;

	if (!pl->frozen)
		return (row);
	if (row >= pl->nsnap || pl->snap[row] == -1)
		return (LIST_NONE);
	if (pl->ops->find != NULL)
		return (pl->ops->find(pl->pane, pl->snap[row]));
	n = pl->ops->count(pl->pane);
	for (i = 0; i < n; i++) {
		if (pl->ops->key(pl->pane, i) == pl->snap[row])
			return (i);
	}
	return (LIST_NONE);
}

static int64_t
pane_list_row_key(struct pane_list *pl, size_t row)
{
	if (pl->frozen)
		return (row < pl->nsnap ? pl->snap[row] : -1);
	return (pl->ops->key(pl->pane, row));
}

static int
pane_list_key_cmp(const void *a, const void *b)
{
	int64_t	x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x < y ? -1 : x > y);
}

int
pane_list_is_marked(struct pane *p, int64_t key)
{
	struct pane_list	*pl = p->data;

	return (pl->nmarks > 0 && bsearch(&key, pl->marks, pl->nmarks,
	    sizeof *pl->marks, pane_list_key_cmp) != NULL);
}

static size_t
pane_list_count_cb(void *data)
{
	struct pane_list	*pl = data;

	return (pane_list_rows(pl));
}

static void
pane_list_cell_cb(void *data, size_t row, unsigned col, char *buf,
    size_t len, attr_t *attr)
{
	struct pane_list	*pl = data;
	struct pane		*p = pl->pane;
	size_t			 index;

	if (col == 0) {
		if (pane_list_is_marked(p, pane_list_row_key(pl, row))) {
			snprintf(buf, len, "%s", p->env->ascii ? "*" :
			    "\xe2\x9c\x93");
			*attr = A_BOLD;
		}
		return;
	}
	if ((index = pane_list_index(pl, row)) == LIST_NONE) {
		/* Frozen, and the row has gone from what is held. */
		if (col == 1)
			snprintf(buf, len, "%s", p->env->ascii ? "..." :
			    "\xe2\x80\xa6");
		*attr = term_style(TERM_DIM);
		return;
	}
	pl->ops->cell(p, index, col - 1, buf, len, attr);
}

static const struct list_ops pane_list_list_ops = {
	.count = pane_list_count_cb,
	.cell = pane_list_cell_cb,
};

/* Notes the selected row's key; returns the owner's flags if it moved. */
static int
pane_list_remember(struct pane_list *pl)
{
	size_t	row = list_selected(pl->list);
	int64_t	key = -1;

	if (row != LIST_NONE)
		key = pane_list_row_key(pl, row);
	pl->key = key;
	return (pl->ops->moved != NULL ? pl->ops->moved(pl->pane) : 0);
}

/* The column titles: the sort column's with its arrow. */
static void
pane_list_titles(struct pane_list *pl)
{
	unsigned	i;
	const char	*arrow;

	for (i = 0; i < pl->ops->ncolumns; i++) {
		if ((int)i != pl->sort) {
			pl->columns[i + 1].title = pl->ops->columns[i].title;
			continue;
		}
		if (pl->pane->env->ascii)
			arrow = pl->desc ? "v" : "^";
		else
			arrow = pl->desc ? "\xe2\x96\xbc" : "\xe2\x96\xb2";
		snprintf(pl->titles[i], sizeof pl->titles[i], "%s%s",
		    pl->ops->columns[i].title, arrow);
		pl->columns[i + 1].title = pl->titles[i];
	}
	/* The mark column shows while a row is marked. */
	pl->columns[0].hide_below = pl->nmarks > 0 ? 0 : INT_MAX;
}

void
pane_list_init(struct pane *p, const struct pane_list_ops *ops)
{
	pane_list_init_user(p, ops, NULL);
}

void
pane_list_init_user(struct pane *p, const struct pane_list_ops *ops,
    void *user)
{
	struct pane_list	*pl;
	unsigned		 i;
	const char		*name;

	pl = xcalloc(1, sizeof *pl);
	pl->ops = ops;
	pl->user = user;
	pl->pane = p;
	pl->key = -1;
	pl->sort = -1;
	p->data = pl;
	pl->columns = xcalloc(ops->ncolumns + 1, sizeof *pl->columns);
	pl->titles = xcalloc(ops->ncolumns, sizeof *pl->titles);
	pl->columns[0].title = "";
	pl->columns[0].width = 1;
	memcpy(pl->columns + 1, ops->columns,
	    ops->ncolumns * sizeof *ops->columns);
	for (i = 0; ops->sorts != NULL && ops->sort_initial != NULL &&
	    i < ops->ncolumns; i++) {
		if ((name = ops->sorts[i]) == NULL)
			continue;
		if (strcmp(ops->sort_initial, name) == 0 ||
		    (ops->sort_initial[0] == '-' &&
		    strcmp(ops->sort_initial + 1, name) == 0)) {
			pl->sort = (int)i;
			pl->desc = ops->sort_initial[0] == '-';
			pl->sort_name = xstrdup(ops->sort_initial);
		}
	}
	pane_list_titles(pl);
	pl->list = list_new(pl->columns, ops->ncolumns + 1,
	    &pane_list_list_ops, pl);
	list_set_ascii(pl->list, p->env->ascii);
	pane_list_remember(pl);
}

void *
pane_list_user(struct pane *p)
{
	struct pane_list	*pl = p->data;

	return (pl != NULL ? pl->user : NULL);
}

void
pane_list_free(struct pane *p)
{
	struct pane_list	*pl = p->data;

	list_free(pl->list);
	free(pl->columns);
	free(pl->titles);
	free(pl->filter);
	free(pl->sort_name);
	free(pl->marks);
	free(pl->snap);
	free(pl);
	p->data = NULL;
}

void
pane_list_draw(struct pane *p)
{
	struct pane_list	*pl = p->data;
	char			 title[256];
	int			 h = getmaxy(p->win), w = getmaxx(p->win);

	werase(p->win);
	if (pl->ops->title != NULL) {
		pl->ops->title(p, title, sizeof title);
		pane_frame_title(p, title);
	} else
		pane_frame(p);
	list_set_ascii(pl->list, p->env->ascii);
	pane_list_titles(pl);
	list_sync(pl->list);
	if (list_count(pl->list) == 0) {
		textw_put(p->win, h > 4 ? 2 : 1, 2, pl->filter != NULL ?
		    "No rows match the filter: Esc clears it." :
		    pl->ops->empty(p), w - 4,
		    TEXTW_ELLIPSIS|(p->env->ascii ? TEXTW_ASCII : 0),
		    term_style(TERM_DIM));
		return;
	}
	list_draw(pl->list, p->win, 1, 1, w - 2, h - 2, p->focused,
	    term_style(TERM_LIST_HEADER), term_style(TERM_SELECT));
	/* Frozen, the rows shown are held already: nothing to fetch. */
	if (pl->ops->view != NULL && !pl->frozen)
		pl->ops->view(p, list_top(pl->list), list_height(pl->list));
}

int
pane_list_draw_cursor(struct pane *p)
{
	struct pane_list	*pl = p->data;

	return (list_draw_cursor(pl->list, p->win));
}

int
pane_list_action(struct pane *p, enum action a)
{
	static const struct {
		enum action	action;
		enum list_move	move;
	} moves[] = {
		{ ACTION_UP,		LIST_UP },
		{ ACTION_DOWN,		LIST_DOWN },
		{ ACTION_PAGE_UP,	LIST_PAGE_UP },
		{ ACTION_PAGE_DOWN,	LIST_PAGE_DOWN },
		{ ACTION_HOME,		LIST_HOME },
		{ ACTION_END,		LIST_END },
	};
	struct pane_list	*pl = p->data;
	size_t			 i, top, row;
	int64_t			 id;

	if (a == ACTION_OPEN) {
		if (pl->ops->open == NULL ||
		    (row = list_selected(pl->list)) == LIST_NONE ||
		    (row = pane_list_index(pl, row)) == LIST_NONE ||
		    (id = pl->ops->open(p, row)) < 0)
			return (0);
		p->env->open_event = id;
		return (PANE_OPEN);
	}
	switch (a) {
	case ACTION_MARK:
		/* Marks and moves on, so Space Space marks two rows. */
		if (pane_list_mark(p) != 0)
			return (0);
		list_sync(pl->list);
		list_move(pl->list, LIST_DOWN);
		return (pane_list_remember(pl) | PANE_REDRAW);
	case ACTION_SORT_NEXT:
	case ACTION_SORT_PREV:
	case ACTION_SORT_REVERSE:
		if (pane_list_sort(p, a == ACTION_SORT_NEXT ? 1 :
		    a == ACTION_SORT_PREV ? -1 : 0) != 0)
			return (PANE_UNHANDLED);
		return (pane_list_changed(p));
	case ACTION_CLEAR:
		/* The filter first, then the marks; else Esc goes on. */
		if (pl->filter != NULL) {
			pane_list_set_filter(p, NULL);
			return (pane_list_changed(p));
		}
		if (pane_list_unmark(p) > 0)
			return (PANE_REDRAW);
		return (PANE_PASS);
	default:
		break;
	}
	for (i = 0; i < sizeof moves / sizeof moves[0]; i++) {
		if (moves[i].action != a)
			continue;
		list_sync(pl->list);
		top = list_top(pl->list);
		if (!list_move(pl->list, moves[i].move))
			return (0);
		/* A scroll repaints every row; a move within the view two. */
		return (pane_list_remember(pl) |
		    (list_top(pl->list) == top ? PANE_CURSOR : PANE_REDRAW));
	}
	return (PANE_UNHANDLED);
}

int
pane_list_click(struct pane *p, int y, int x)
{
	struct pane_list	*pl = p->data;
	size_t			 row;

	/* The border, then the column header: rows start at the third. */
	list_sync(pl->list);
	if (y < 2 || list_count(pl->list) == 0)
		return (0);
	row = list_top(pl->list) + (size_t)(y - 2);
	if (row >= list_count(pl->list) || !list_select(pl->list, row))
		return (0);
	return (pane_list_remember(pl) | PANE_CURSOR);
}

int
pane_list_changed(struct pane *p)
{
	struct pane_list	*pl = p->data;
	size_t			 row = LIST_NONE, n, i;

	/* Frozen, the rows stay where they are: only their values change. */
	if (pl->frozen)
		return (PANE_REDRAW);
	list_sync(pl->list);
	if (pl->ops->stick_top && list_selected(pl->list) == 0)
		row = 0;
	else if (pl->key != -1 && pl->ops->find != NULL)
		row = pl->ops->find(p, pl->key);
	else if (pl->key != -1) {
		n = list_count(pl->list);
		for (i = 0; i < n && row == LIST_NONE; i++) {
			if (pl->ops->key(p, i) == pl->key)
				row = i;
		}
	}
	if (row != LIST_NONE)
		list_select(pl->list, row);
	return (pane_list_remember(pl) | PANE_REDRAW);
}

size_t
pane_list_selected(struct pane *p)
{
	struct pane_list	*pl = p->data;

	return (pane_list_index(pl, list_selected(pl->list)));
}

int64_t
pane_list_selected_key(struct pane *p)
{
	struct pane_list	*pl = p->data;
	size_t			 row = list_selected(pl->list);

	return (row != LIST_NONE ? pane_list_row_key(pl, row) : -1);
}

int
pane_list_in_view(struct pane *p, size_t row)
{
	struct pane_list	*pl = p->data;
	size_t			 top = list_top(pl->list);

	return (row >= top && row < top + list_height(pl->list));
}

int
pane_list_key_in_view(struct pane *p, int64_t key)
{
	struct pane_list	*pl = p->data;
	size_t			 top = list_top(pl->list), i, row;

	if (pl->frozen) {
		for (i = 0; i < list_height(pl->list); i++) {
			if (top + i < pl->nsnap && pl->snap[top + i] == key)
				return (1);
		}
		return (0);
	}
	if (pl->ops->find == NULL)
		return (1);
	row = pl->ops->find(p, key);
	return (row != LIST_NONE && pane_list_in_view(p, row));
}

int
pane_list_is(const struct pane *p)
{
	return (p->ops->draw == pane_list_draw);
}

static void
pane_list_query(struct pane_list *pl)
{
	pl->ops->query(pl->pane, pl->sort_name, pl->filter);
}

int
pane_list_set_filter(struct pane *p, const char *filter)
{
	struct pane_list	*pl = p->data;

	if (pl->ops->query == NULL)
		return (-1);
	if (filter != NULL && *filter == '\0')
		filter = NULL;
	if (filter != NULL && pl->filter != NULL &&
	    strcmp(filter, pl->filter) == 0)
		return (0);
	if (filter == NULL && pl->filter == NULL)
		return (0);
	free(pl->filter);
	pl->filter = filter != NULL ? xstrdup(filter) : NULL;
	pane_list_query(pl);
	return (0);
}

const char *
pane_list_filter(struct pane *p)
{
	struct pane_list	*pl = p->data;

	return (pl->filter != NULL ? pl->filter : "");
}

int
pane_list_sort(struct pane *p, int step)
{
	struct pane_list	*pl = p->data;
	int			 n = (int)pl->ops->ncolumns, col, i;

	if (pl->ops->query == NULL || pl->ops->sorts == NULL)
		return (-1);
	col = pl->sort;
	if (step == 0 && col >= 0)
		pl->desc = !pl->desc;
	else {
		if (col < 0)
			col = step > 0 ? -1 : n;
		for (i = 0; i < n; i++) {
			col = (col + (step > 0 ? 1 : -1) + n) % n;
			if (pl->ops->sorts[col] != NULL)
				break;
		}
		if (pl->ops->sorts[col] == NULL)
			return (-1);
		pl->sort = col;
		pl->desc = 0;
	}
	free(pl->sort_name);
	xasprintf(&pl->sort_name, "%s%s", pl->desc ? "-" : "",
	    pl->ops->sorts[pl->sort]);
	pane_list_titles(pl);
	pane_list_query(pl);
	return (0);
}

const char *
pane_list_sort_name(struct pane *p)
{
	struct pane_list	*pl = p->data;

	return (pl->sort_name);
}

int
pane_list_mark(struct pane *p)
{
	struct pane_list	*pl = p->data;
	int64_t			 key = pane_list_selected_key(p), *at;
	size_t			 i;

	if (key == -1)
		return (-1);
	at = pl->nmarks > 0 ? bsearch(&key, pl->marks, pl->nmarks,
	    sizeof *pl->marks, pane_list_key_cmp) : NULL;
	if (at != NULL) {
		i = (size_t)(at - pl->marks);
		memmove(at, at + 1, (pl->nmarks - i - 1) * sizeof *at);
		pl->nmarks--;
	} else {
		pl->marks = xreallocarray(pl->marks, pl->nmarks + 1,
		    sizeof *pl->marks);
		for (i = pl->nmarks; i > 0 && pl->marks[i - 1] > key; i--)
			pl->marks[i] = pl->marks[i - 1];
		pl->marks[i] = key;
		pl->nmarks++;
	}
	pane_list_titles(pl);
	return (0);
}

size_t
pane_list_unmark(struct pane *p)
{
	struct pane_list	*pl = p->data;
	size_t			 n = pl->nmarks;

	free(pl->marks);
	pl->marks = NULL;
	pl->nmarks = 0;
	pane_list_titles(pl);
	return (n);
}

size_t
pane_list_marked(struct pane *p)
{
	struct pane_list	*pl = p->data;

	return (pl->nmarks);
}

const int64_t *
pane_list_marks(struct pane *p)
{
	struct pane_list	*pl = p->data;

	return (pl->marks);
}

void
pane_list_freeze(struct pane *p, int on)
{
	struct pane_list	*pl = p->data;
	size_t			 i, n;

	if (on == pl->frozen)
		return;
	if (!on) {
		pl->frozen = 0;
		free(pl->snap);
		pl->snap = NULL;
		pl->nsnap = 0;
		pane_list_changed(p);
		return;
	}
	n = pl->ops->count(p);
	pl->snap = xreallocarray(NULL, n > 0 ? n : 1, sizeof *pl->snap);
	for (i = 0; i < n; i++)
		pl->snap[i] = pl->ops->key(p, i);
	pl->nsnap = n;
	pl->frozen = 1;
}

int
pane_list_frozen(struct pane *p)
{
	struct pane_list	*pl = p->data;

	return (pl->frozen);
}

size_t
pane_list_count(struct pane *p)
{
	return (pane_list_rows(p->data));
}

size_t
pane_list_row(struct pane *p, size_t shown)
{
	return (pane_list_index(p->data, shown));
}

void
pane_list_title_extra(struct pane *p, char *buf, size_t len)
{
	struct pane_list	*pl = p->data;
	unsigned		 local = 0;
	struct buf		 b;
	size_t			 n;

	if (len == 0)
		return;
	if (pl->ops->local != NULL)
		local = pl->ops->local(p);
	buf_init(&b);
	if (pl->filter != NULL)
		buf_printf(&b, " /%s%s", pl->filter,
		    (local & PANE_LIST_LOCAL_FILTER) ? " (filtered here)" : "");
	if (local & PANE_LIST_LOCAL_SORT)
		buf_add_str(&b, " (sorted here)");
	if (pl->nmarks > 0)
		buf_printf(&b, " %zu marked", pl->nmarks);
	n = b.len < len ? b.len : utf8_cut(buf_str(&b), len - 1);
	memcpy(buf, buf_str(&b), n);
	buf[n] = '\0';
	buf_done(&b);
}
