/* Helpers shared by the panes. */
#include "pane.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "term.h"
#include "textw.h"
#include "xmalloc.h"

void
pane_init(struct pane *p, const struct pane_ops *ops, struct pane_env *env)
{
	memset(p, 0, sizeof *p);
	p->ops = ops;
	p->env = env;
	p->damaged = 1;
	if (ops->init != NULL)
		ops->init(p);
}

void
pane_done(struct pane *p)
{
	if (p->ops != NULL && p->ops->free != NULL)
		p->ops->free(p);
	if (p->win != NULL)
		delwin(p->win);
	p->win = NULL;
}

void
pane_frame(struct pane *p)
{
	pane_frame_title(p, NULL);
}

void
pane_frame_title(struct pane *p, const char *title)
{
	term_frame(p->win, p->env->ascii, title != NULL ? title :
	    p->ops->title, p->focused);
}

void
pane_draw(struct pane *p)
{
	if (p->damaged || !p->cursor || p->ops->draw_cursor == NULL ||
	    p->ops->draw_cursor(p) != 0)
		p->ops->draw(p);
	p->damaged = p->cursor = 0;
}

const char *
pane_dash(int ascii)
{
	return (ascii ? "-" : "\xe2\x80\x94");
}

void
pane_format_date(time_t t, char *buf, size_t len)
{
	struct tm	tm;

	if (t <= 0 || localtime_r(&t, &tm) == NULL ||
	    strftime(buf, len, "%Y-%m-%d %H:%M", &tm) == 0)
		snprintf(buf, len, "%s", "");
}

void
pane_format_relative(time_t t, time_t now, char *buf, size_t len)
{
	long	d = (long)(t - now), a = d < 0 ? -d : d;
	long	m = a / 60, h = m / 60, days = (h + 12) / 24;

	if (a < 60)
		snprintf(buf, len, "%s", d < 0 ? "just started" : "now");
	else if (m < 60)
		snprintf(buf, len, d < 0 ? "started %ld min ago" :
		    "in %ld min", m);
	else if (h < 24 && m % 60 != 0)
		snprintf(buf, len, d < 0 ? "started %ld h %ld min ago" :
		    "in %ld h %ld min", h, m % 60);
	else if (h < 48)
		snprintf(buf, len, d < 0 ? "started %ld h ago" : "in %ld h", h);
	else
		snprintf(buf, len, d < 0 ? "%ld days ago" : "in %ld days", days);
}

void
pane_format_count(int64_t v, int ascii, char *buf, size_t len)
{
	if (v < 0)
		snprintf(buf, len, "%s", pane_dash(ascii));
	else
		snprintf(buf, len, "%" PRId64, v);
}

int
pane_status_style(const char *status)
{
	static const struct {
		const char	*status;
		enum term_style	 style;
	} table[] = {
		{ "published",	TERM_OK },
		{ "draft",	TERM_WARN },
		{ "cancelled",	TERM_ERROR },
	};
	size_t	i;

	if (status == NULL)
		return (TERM_NORMAL);
	for (i = 0; i < sizeof table / sizeof table[0]; i++) {
		if (strcmp(table[i].status, status) == 0)
			return (table[i].style);
	}
	return (TERM_DIM);
}

int
pane_level_style(enum notification_level level)
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

void
pane_draw_text(struct pane *p, int y, const char *text, attr_t attr)
{
	const char	**start;
	size_t		 *len;
	int		  w = getmaxx(p->win) - 4, rows, n;

	rows = getmaxy(p->win) - 1 - y;
	if (text == NULL || w < 10 || rows <= 0)
		return;
	while (*text == ' ')
		text++;
	start = xreallocarray(NULL, (size_t)rows, sizeof *start);
	len = xreallocarray(NULL, (size_t)rows, sizeof *len);
	n = textw_wrap_lines(text, w, rows, start, len);
	textw_put_lines(p->win, y, 2, w, start, len, n, TEXTW_ELLIPSIS |
	    (p->env->ascii ? TEXTW_ASCII : 0), attr);
	free(start);
	free(len);
}
