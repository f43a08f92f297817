/* The toast stack. */
#include "toast.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "term.h"
#include "textw.h"
#include "xmalloc.h"

struct toast {
	enum notification_level	 level;
	char			*text;
	uint64_t		 expires;
};

struct toasts {
	struct toast	 list[TOAST_MAX];	/* oldest first */
	size_t		 n;
	WINDOW		*win;
};

struct toasts *
toasts_new(void)
{
	return (xcalloc(1, sizeof (struct toasts)));
}

void
toasts_free(struct toasts *t)
{
	size_t	i;

	if (t == NULL)
		return;
	for (i = 0; i < t->n; i++)
		free(t->list[i].text);
	if (t->win != NULL)
		delwin(t->win);
	free(t);
}

void
toasts_add(struct toasts *t, enum notification_level level, const char *title,
    const char *message, uint64_t now_ms)
{
	struct toast	*to;

	if (t->n == TOAST_MAX) {
		free(t->list[0].text);
		memmove(&t->list[0], &t->list[1],
		    (TOAST_MAX - 1) * sizeof t->list[0]);
		t->n--;
	}
	to = &t->list[t->n++];
	to->level = level;
	if (title == NULL)
		title = "";
	if (message != NULL && *message != '\0' && *title != '\0')
		xasprintf(&to->text, "%s: %s", title, message);
	else if (message != NULL && *message != '\0')
		to->text = xstrdup(message);
	else
		to->text = xstrdup(title);
	to->expires = now_ms + TOAST_MS;
}

int
toasts_expire(struct toasts *t, uint64_t now_ms)
{
	size_t	i, kept = 0;
	int	gone = 0;

	for (i = 0; i < t->n; i++) {
		if (t->list[i].expires <= now_ms) {
			free(t->list[i].text);
			gone = 1;
			continue;
		}
		t->list[kept++] = t->list[i];
	}
	t->n = kept;
	return (gone);
}

uint64_t
toasts_deadline(const struct toasts *t)
{
	uint64_t	next = 0;
	size_t		i;

	for (i = 0; i < t->n; i++) {
		if (next == 0 || t->list[i].expires < next)
			next = t->list[i].expires;
	}
	return (next);
}

size_t
toasts_count(const struct toasts *t)
{
	return (t->n);
}

const char *
toasts_text(const struct toasts *t, size_t i)
{
	if (i >= t->n)
		return (NULL);
	return (t->list[t->n - 1 - i].text);
}

static const enum term_style toast_styles[] = {
	[NOTIFY_INFO] = TERM_INFO,
	[NOTIFY_SUCCESS] = TERM_OK,
	[NOTIFY_WARNING] = TERM_WARN,
	[NOTIFY_ERROR] = TERM_ERROR,
};

void
toasts_draw(struct toasts *t, int top, int lines, int cols, int ascii)
{
	struct toast	*to;
	size_t		 i, shown;
	int		 w, h, y, flags;
	attr_t		 attr;

	if (t->win != NULL) {
		delwin(t->win);
		t->win = NULL;
	}
	if (t->n == 0)
		return;
	w = cols / 2;
	if (w > 50)
		w = 50;
	if (w < 20)
		w = cols < 20 ? cols : 20;
	shown = t->n;
	while (shown > 0 && (int)shown * 3 > lines - top)
		shown--;
	if (shown == 0)
		return;
	h = (int)shown * 3;
	if ((t->win = newwin(h, w, top, cols - w)) == NULL)
		return;
	flags = TEXTW_ELLIPSIS|TEXTW_PAD|(ascii ? TEXTW_ASCII : 0);
	for (i = 0; i < shown; i++) {
		to = &t->list[t->n - 1 - i];	/* newest on top */
		y = (int)i * 3;
		attr = (unsigned)to->level < 4 ?
		    term_style(toast_styles[to->level]) : 0;
		wattr_on(t->win, attr, NULL);
		if (ascii) {
			mvwaddch(t->win, y, 0, '+');
			mvwhline(t->win, y, 1, '-', w - 2);
			mvwaddch(t->win, y, w - 1, '+');
			mvwaddch(t->win, y + 1, 0, '|');
			mvwaddch(t->win, y + 1, w - 1, '|');
			mvwaddch(t->win, y + 2, 0, '+');
			mvwhline(t->win, y + 2, 1, '-', w - 2);
			mvwaddch(t->win, y + 2, w - 1, '+');
		} else {
			mvwaddch(t->win, y, 0, ACS_ULCORNER);
			mvwhline(t->win, y, 1, ACS_HLINE, w - 2);
			mvwaddch(t->win, y, w - 1, ACS_URCORNER);
			mvwaddch(t->win, y + 1, 0, ACS_VLINE);
			mvwaddch(t->win, y + 1, w - 1, ACS_VLINE);
			mvwaddch(t->win, y + 2, 0, ACS_LLCORNER);
			mvwhline(t->win, y + 2, 1, ACS_HLINE, w - 2);
			mvwaddch(t->win, y + 2, w - 1, ACS_LRCORNER);
		}
		mvwprintw(t->win, y, 2, " %s ", notification_level_name(
		    to->level));
		wattr_off(t->win, attr, NULL);
		textw_put(t->win, y + 1, 1, to->text, w - 2, flags, 0);
	}
	wnoutrefresh(t->win);
}

void
toasts_close(struct toasts *t)
{
	if (t->win != NULL)
		delwin(t->win);
	t->win = NULL;
}
