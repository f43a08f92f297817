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

/*
 * One line per toast, newest on top: a coloured level badge and the text.
 * Lines rather than bordered boxes, so a stack hides as little as possible
 * of the panes under it.
 */
void
toasts_draw(struct toasts *t, int top, int lines, int cols, int ascii)
{
	struct toast	*to;
	const char	*level;
	size_t		 i, shown;
	int		 w, bw, flags;
	attr_t		 attr;

	if (t->win != NULL) {
		delwin(t->win);
		t->win = NULL;
	}
	if (t->n == 0)
		return;
	w = cols * 2 / 5;
	if (w > 56)
		w = 56;
	if (w < 24)
		w = cols < 24 ? cols : 24;
	shown = t->n;
	while (shown > 0 && (int)shown > (lines - top) / 4)
		shown--;
	if (shown == 0)
		return;
	if ((t->win = newwin((int)shown, w, top, cols - w)) == NULL)
		return;
	flags = TEXTW_ELLIPSIS|TEXTW_PAD|(ascii ? TEXTW_ASCII : 0);
	for (i = 0; i < shown; i++) {
		to = &t->list[t->n - 1 - i];
		attr = (unsigned)to->level < 4 ?
		    term_style(toast_styles[to->level]) : 0;
		level = notification_level_name(to->level);
		wmove(t->win, (int)i, 0);
		bw = textw_put(t->win, (int)i, 0, level, 9,
		    TEXTW_PAD|TEXTW_ELLIPSIS, attr|A_REVERSE|A_BOLD);
		textw_put(t->win, (int)i, bw, to->text, w - bw, flags,
		    term_style(TERM_TOAST));
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
