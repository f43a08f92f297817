/* The toast stack. */
#include "toast.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "term.h"
#include "textw.h"
#include "xmalloc.h"

#define TOAST_WIDTH	56	/* the widest a toast gets */

struct toast {
	enum notification_level	 level;
	char			*text;
	unsigned		 repeats;
	uint64_t		 expires;
};

struct toasts {
	struct toast	 list[TOAST_MAX];	/* oldest first */
	size_t		 n;
	WINDOW		*win;
};

/* Per level: how long it stays and how its badge looks. */
static const struct {
	uint64_t	life;
	enum term_style	style;
} toast_levels[] = {
	[NOTIFY_INFO] =	   { TOAST_MS,		TERM_INFO },
	[NOTIFY_SUCCESS] = { TOAST_MS,		TERM_OK },
	[NOTIFY_WARNING] = { TOAST_MS * 3 / 2,	TERM_WARN },
	[NOTIFY_ERROR] =   { TOAST_MS * 5 / 2,	TERM_ERROR },
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

uint64_t
toasts_life(enum notification_level level)
{
	if ((unsigned)level >= sizeof toast_levels / sizeof toast_levels[0])
		return (TOAST_MS);
	return (toast_levels[level].life);
}

/* Takes toast i out of the stack, handing back its text. */
static char *
toasts_take(struct toasts *t, size_t i, struct toast *out)
{
	*out = t->list[i];
	memmove(&t->list[i], &t->list[i + 1],
	    (t->n - i - 1) * sizeof t->list[0]);
	t->n--;
	return (out->text);
}

static char *
toasts_format(const char *title, const char *message)
{
	char	*text;

	if (title == NULL)
		title = "";
	if (message != NULL && *message != '\0' && *title != '\0')
		xasprintf(&text, "%s: %s", title, message);
	else if (message != NULL && *message != '\0')
		text = xstrdup(message);
	else
		text = xstrdup(title);
	return (text);
}

void
toasts_add(struct toasts *t, enum notification_level level, const char *title,
    const char *message, uint64_t now_ms)
{
	struct toast	 to;
	char		*text = toasts_format(title, message);
	size_t		 i, first;

	memset(&to, 0, sizeof to);
	for (i = 0; i < t->n; i++) {
		if (t->list[i].level == level &&
		    t->list[i].expires > now_ms &&
		    strcmp(t->list[i].text, text) == 0)
			break;
	}
	if (i < t->n) {
		/* The same news again: count it, newest place. */
		free(text);
		text = toasts_take(t, i, &to);
	} else if (t->n == TOAST_MAX) {
		/* Full: the one due to go first makes room. */
		for (first = 0, i = 1; i < t->n; i++) {
			if (t->list[i].expires < t->list[first].expires)
				first = i;
		}
		free(toasts_take(t, first, &to));
		memset(&to, 0, sizeof to);
	}
	to.level = level;
	to.text = text;
	to.repeats++;
	to.expires = now_ms + toasts_life(level);
	t->list[t->n++] = to;
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

unsigned
toasts_repeats(const struct toasts *t, size_t i)
{
	if (i >= t->n)
		return (0);
	return (t->list[t->n - 1 - i].repeats);
}

/* One toast on row y of the window: badge, repeat count, text. */
static void
toasts_draw_line(struct toasts *t, const struct toast *to, int y, int w,
    int ascii)
{
	char	 count[32];
	attr_t	 attr = 0;
	int	 x, flags;

	if ((unsigned)to->level < sizeof toast_levels / sizeof toast_levels[0])
		attr = term_style(toast_levels[to->level].style);
	flags = TEXTW_ELLIPSIS|TEXTW_PAD|(ascii ? TEXTW_ASCII : 0);
	x = textw_put(t->win, y, 0, notification_level_name(to->level), 7,
	    TEXTW_PAD|TEXTW_ELLIPSIS, attr|A_REVERSE|A_BOLD);
	if (to->repeats > 1) {
		snprintf(count, sizeof count, " %s%u", ascii ? "x" :
		    "\xc3\x97", to->repeats);
		x += textw_put(t->win, y, x, count, w - x, 0,
		    term_style(TERM_TOAST)|A_BOLD);
	}
	textw_put(t->win, y, x, "", 1, TEXTW_PAD, term_style(TERM_TOAST));
	x++;
	textw_put(t->win, y, x, to->text, w - x, flags,
	    term_style(TERM_TOAST));
}

/*
 * Lines rather than bordered boxes, and never more than half the rows
 * given, so the log under them keeps its newest lines in view.
 */
void
toasts_draw(struct toasts *t, int y, int x, int h, int w, int ascii)
{
	size_t	i, shown;
	int	tw;

	toasts_close(t);
	if (t->n == 0 || h <= 0 || w < 12)
		return;
	tw = w > TOAST_WIDTH ? TOAST_WIDTH : w;
	shown = t->n;
	if ((int)shown > h / 2)
		shown = h / 2 > 0 ? (size_t)(h / 2) : 1;
	t->win = newwin((int)shown, tw, y + h - (int)shown, x + w - tw);
	if (t->win == NULL)
		return;
	/* The newest at the bottom, next to the key bar. */
	for (i = 0; i < shown; i++) {
		toasts_draw_line(t, &t->list[t->n - shown + i], (int)i, tw,
		    ascii);
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
