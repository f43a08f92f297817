/*
 * The notification log.  Newest at the top: a small pane then always shows
 * what just happened without scrolling, and a reader who scrolled down
 * keeps their place because the selection follows the notification (by
 * seq) when new ones push the rows down.
 */
#include <stdio.h>
#include <stdlib.h>

#include "pane-list.h"
#include "term.h"

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
pane_notify_count(struct pane *p)
{
	return (store_notification_count(p->env->store));
}

static void
pane_notify_cell(struct pane *p, size_t row, unsigned col, char *buf,
    size_t len, attr_t *attr)
{
	const struct notification	*n;
	struct tm			 tm;
	const char			*dash = pane_dash(p->env->ascii);

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
		*attr = term_style(pane_level_style(n->level));
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

static int64_t
pane_notify_key(struct pane *p, size_t row)
{
	const struct notification	*n = pane_notify_at(p, row);

	return (n != NULL ? n->seq : -1);
}

/* Enter on a notification about an event opens that event. */
static int64_t
pane_notify_open(struct pane *p, size_t row)
{
	const struct notification	*n = pane_notify_at(p, row);

	return (n != NULL ? n->event_id : -1);
}

static const char *
pane_notify_empty(struct pane *p)
{
	if (!store_notifications_supported(p->env->store))
		return ("This server keeps no notifications.");
	return ("No notifications yet.");
}

static const struct pane_list_ops pane_notify_list = {
	.columns = pane_notify_columns,
	.ncolumns = sizeof pane_notify_columns / sizeof pane_notify_columns[0],
	.stick_top = 1,
	.count = pane_notify_count,
	.cell = pane_notify_cell,
	.key = pane_notify_key,
	.empty = pane_notify_empty,
	.open = pane_notify_open,
};

static void
pane_notify_init(struct pane *p)
{
	pane_list_init(p, &pane_notify_list);
}

static int
pane_notify_arrived(struct pane *p, const struct notification *n)
{
	return (pane_list_changed(p));
}

const struct pane_ops pane_notify_ops = {
	.name = "notifications",
	.title = "Notifications",
	.focusable = 1,
	.keys = &keys_rows,
	.click = pane_list_click,
	.init = pane_notify_init,
	.free = pane_list_free,
	.draw = pane_list_draw,
	.draw_cursor = pane_list_draw_cursor,
	.action = pane_list_action,
	.notification = pane_notify_arrived,
};
