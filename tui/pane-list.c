/* The list pane shared by the events pane and the notification log. */
#include "pane-list.h"

#include <stdlib.h>

#include "term.h"
#include "textw.h"
#include "xmalloc.h"

struct pane_list {
	const struct pane_list_ops	*ops;
	struct pane			*pane;
	struct list			*list;
	int64_t				 key;	/* of the selected row */
	void				*user;	/* the pane's own */
};

static size_t
pane_list_count_cb(void *data)
{
	struct pane_list	*pl = data;

	return (pl->ops->count(pl->pane));
}

static void
pane_list_cell_cb(void *data, size_t row, unsigned col, char *buf,
    size_t len, attr_t *attr)
{
	struct pane_list	*pl = data;

	pl->ops->cell(pl->pane, row, col, buf, len, attr);
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
		key = pl->ops->key(pl->pane, row);
	pl->key = key;
	return (pl->ops->moved != NULL ? pl->ops->moved(pl->pane) : 0);
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

	pl = xcalloc(1, sizeof *pl);
	pl->ops = ops;
	pl->user = user;
	pl->pane = p;
	pl->key = -1;
	p->data = pl;
	pl->list = list_new(ops->columns, ops->ncolumns, &pane_list_list_ops,
	    pl);
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
	free(pl);
	p->data = NULL;
}

void
pane_list_draw(struct pane *p)
{
	struct pane_list	*pl = p->data;
	char			 title[128];
	int			 h = getmaxy(p->win), w = getmaxx(p->win);

	werase(p->win);
	if (pl->ops->title != NULL) {
		pl->ops->title(p, title, sizeof title);
		pane_frame_title(p, title);
	} else
		pane_frame(p);
	list_set_ascii(pl->list, p->env->ascii);
	list_sync(pl->list);
	if (list_count(pl->list) == 0) {
		textw_put(p->win, h > 4 ? 2 : 1, 2, pl->ops->empty(p), w - 4,
		    TEXTW_ELLIPSIS|(p->env->ascii ? TEXTW_ASCII : 0),
		    term_style(TERM_DIM));
		return;
	}
	list_draw(pl->list, p->win, 1, 1, w - 2, h - 2, p->focused,
	    term_style(TERM_LIST_HEADER), term_style(TERM_SELECT));
	if (pl->ops->view != NULL)
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
		    (id = pl->ops->open(p, row)) < 0)
			return (0);
		p->env->open_event = id;
		return (PANE_OPEN);
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

	return (list_selected(pl->list));
}

int
pane_list_in_view(struct pane *p, size_t row)
{
	struct pane_list	*pl = p->data;
	size_t			 top = list_top(pl->list);

	return (row >= top && row < top + list_height(pl->list));
}
