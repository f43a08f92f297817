/*
 * The notification log.  Newest at the top: a small pane then always shows
 * what just happened without scrolling, and a reader who scrolled down
 * keeps their place because the selection follows the notification (by
 * seq) when new ones push the rows down.
 */
#include <stdio.h>
#include <stdlib.h>

#include "list.h"
#include "pane.h"
#include "term.h"
#include "xmalloc.h"

struct pane_notify {
	struct list	*list;
	int64_t		 selected_seq;
};

enum {
	NOTIFY_COL_TIME,
	NOTIFY_COL_LEVEL,
	NOTIFY_COL_TEXT
};

static const struct list_column pane_notify_columns[] = {
	[NOTIFY_COL_TIME] =  { "TIME",	  8, 0, 0 },
	[NOTIFY_COL_LEVEL] = { "LEVEL",	  7, 0, 0 },
	[NOTIFY_COL_TEXT] =  { "MESSAGE", 0, 0, 0 },
};

static const struct notification *
pane_notify_at(struct pane *p, size_t row)
{
	size_t	n = store_notification_count(p->env->store);

	if (row >= n)
		return (NULL);
	return (store_notification_at(p->env->store, n - 1 - row));
}

static size_t
pane_notify_count(void *data)
{
	struct pane	*p = data;

	return (store_notification_count(p->env->store));
}

static int
pane_notify_level_style(enum notification_level level)
{
	static const enum term_style styles[] = {
		[NOTIFY_INFO] = TERM_INFO,
		[NOTIFY_SUCCESS] = TERM_OK,
		[NOTIFY_WARNING] = TERM_WARN,
		[NOTIFY_ERROR] = TERM_ERROR,
	};

	if ((unsigned)level >= sizeof styles / sizeof styles[0])
		return (TERM_NORMAL);
	return (styles[level]);
}

static void
pane_notify_cell(void *data, size_t row, unsigned col, char *buf, size_t len,
    attr_t *attr)
{
	struct pane			*p = data;
	const struct notification	*n;
	struct tm			 tm;
	const char			*dash = p->env->ascii ? "-" :
					    "\xe2\x80\x94";

	if ((n = pane_notify_at(p, row)) == NULL)
		return;
	switch (col) {
	case NOTIFY_COL_TIME:
		if (n->created_at > 0 &&
		    localtime_r(&n->created_at, &tm) != NULL)
			strftime(buf, len, "%H:%M:%S", &tm);
		break;
	case NOTIFY_COL_LEVEL:
		snprintf(buf, len, "%s", notification_level_name(n->level));
		*attr = term_style(pane_notify_level_style(n->level));
		break;
	case NOTIFY_COL_TEXT:
		if (n->message != NULL && *n->message != '\0')
			snprintf(buf, len, "%s %s %s",
			    n->title != NULL ? n->title : "", dash,
			    n->message);
		else
			snprintf(buf, len, "%s",
			    n->title != NULL ? n->title : "");
		break;
	}
}

static const struct list_ops pane_notify_list_ops = {
	.count = pane_notify_count,
	.cell = pane_notify_cell,
};

static void
pane_notify_remember(struct pane *p)
{
	struct pane_notify		*pn = p->data;
	const struct notification	*n;

	n = pane_notify_at(p, list_selected(pn->list));
	pn->selected_seq = n != NULL ? n->seq : -1;
}

static void
pane_notify_init(struct pane *p)
{
	struct pane_notify	*pn;

	pn = xcalloc(1, sizeof *pn);
	pn->list = list_new(pane_notify_columns,
	    sizeof pane_notify_columns / sizeof pane_notify_columns[0],
	    &pane_notify_list_ops, p);
	list_set_ascii(pn->list, p->env->ascii);
	pn->selected_seq = -1;
	p->data = pn;
}

static void
pane_notify_free(struct pane *p)
{
	struct pane_notify	*pn = p->data;

	list_free(pn->list);
	free(pn);
	p->data = NULL;
}

static void
pane_notify_draw(struct pane *p)
{
	struct pane_notify	*pn = p->data;
	int			 h = getmaxy(p->win), w = getmaxx(p->win);

	werase(p->win);
	pane_frame(p);
	if (store_notification_count(p->env->store) == 0) {
		mvwaddstr(p->win, 1, 2, "No notifications yet.");
		return;
	}
	list_draw(pn->list, p->win, 1, 1, w - 2, h - 2, p->focused,
	    term_style(TERM_LIST_HEADER), term_style(TERM_SELECT));
}

static int
pane_notify_action(struct pane *p, enum action a)
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
	struct pane_notify	*pn = p->data;
	size_t			 i;

	for (i = 0; i < sizeof moves / sizeof moves[0]; i++) {
		if (moves[i].action != a)
			continue;
		list_sync(pn->list);
		if (!list_move(pn->list, moves[i].move))
			return (0);
		pane_notify_remember(p);
		return (PANE_REDRAW);
	}
	return (PANE_UNHANDLED);
}

static int
pane_notify_arrived(struct pane *p, const struct notification *n)
{
	struct pane_notify		*pn = p->data;
	const struct notification	*at;
	size_t				 row, count;

	list_sync(pn->list);
	/* At the top: follow the newest.  Otherwise keep our place. */
	if (pn->selected_seq != -1 && list_selected(pn->list) != 0) {
		count = list_count(pn->list);
		for (row = 0; row < count; row++) {
			at = pane_notify_at(p, row);
			if (at != NULL && at->seq == pn->selected_seq) {
				list_select(pn->list, row);
				break;
			}
		}
	} else
		list_select(pn->list, 0);
	pane_notify_remember(p);
	return (PANE_REDRAW);
}

const struct pane_ops pane_notify_ops = {
	.name = "notifications",
	.title = "Notifications",
	.focusable = 1,
	.keys = &keys_list,
	.init = pane_notify_init,
	.free = pane_notify_free,
	.draw = pane_notify_draw,
	.action = pane_notify_action,
	.notification = pane_notify_arrived,
};
