/* The `:` command line: editing, completion, history. */
#include "cmdline.h"

#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "textin.h"
#include "textw.h"
#include "xmalloc.h"

#ifndef nitems
#define nitems(a)	(sizeof (a) / sizeof (a)[0])
#endif

struct cmdline {
	struct textin	*in;
	char		*history[CMDLINE_HISTORY];	/* oldest first */
	size_t		 nhistory;
	size_t		 walk;		/* Up/Down: nhistory is the new line */
	char		*draft;		/* what was typed before walking */
	char		*stem;		/* Tab: the word being cycled from */
	size_t		 cycle;		/* Tab: the match shown */
	char		*trimmed;
};

struct cmdline *
cmdline_new(void)
{
	struct cmdline	*c;

	c = xcalloc(1, sizeof *c);
	c->in = textin_new(CMDLINE_MAX, 0);
	return (c);
}

void
cmdline_free(struct cmdline *c)
{
	size_t	i;

	if (c == NULL)
		return;
	for (i = 0; i < c->nhistory; i++)
		free(c->history[i]);
	textin_free(c->in);
	free(c->draft);
	free(c->stem);
	free(c->trimmed);
	free(c);
}

static void
cmdline_forget_cycle(struct cmdline *c)
{
	free(c->stem);
	c->stem = NULL;
	c->cycle = 0;
}

void
cmdline_open(struct cmdline *c)
{
	textin_clear(c->in);
	free(c->trimmed);
	c->trimmed = NULL;
	c->walk = c->nhistory;
	free(c->draft);
	c->draft = NULL;
	cmdline_forget_cycle(c);
}

const char *
cmdline_text(const struct cmdline *c)
{
	return (c->trimmed != NULL ? c->trimmed : textin_text(c->in));
}

/* The first word typed: its length, and 1 when the line has no other. */
static size_t
cmdline_first_word(const char *text, int *alone)
{
	size_t	n = strcspn(text, " ");

	*alone = text[n] == '\0';
	return (n);
}

/* The words that start with the len bytes of stem, in the given order. */
static size_t
cmdline_collect(const char *const *words, const char *stem, size_t len,
    const char **out, size_t max)
{
	size_t	i, n = 0;

	for (i = 0; words != NULL && words[i] != NULL; i++) {
		if (strncmp(words[i], stem, len) == 0 && n < max)
			out[n++] = words[i];
	}
	return (n);
}

static void
cmdline_complete(struct cmdline *c, const char *const *words)
{
	const char	*found[64], *text = textin_text(c->in);
	char		*common;
	size_t		 n, len, i, j;
	int		 alone;

	len = cmdline_first_word(text, &alone);
	if (!alone)
		return;
	/* A Tab after a Tab: the next match of the same stem. */
	if (c->stem != NULL) {
		n = cmdline_collect(words, c->stem, strlen(c->stem), found,
		    nitems(found));
		if (n > 1) {
			c->cycle = (c->cycle + 1) % n;
			textin_set(c->in, found[c->cycle]);
		}
		return;
	}
	n = cmdline_collect(words, text, len, found, nitems(found));
	if (n == 0)
		return;
	/* As far as every match agrees. */
	common = xstrdup(found[0]);
	for (i = 1; i < n; i++) {
		for (j = 0; common[j] != '\0' && common[j] == found[i][j]; j++)
			;
		common[j] = '\0';
	}
	if (strlen(common) > len)
		textin_set(c->in, common);
	else if (n > 1) {
		/* Nothing more in common: Tab goes through the matches. */
		c->stem = xstrndup(text, len);
		c->cycle = 0;
		textin_set(c->in, found[0]);
	}
	free(common);
}

static void
cmdline_walk(struct cmdline *c, int up)
{
	if (up) {
		if (c->walk == 0)
			return;
		if (c->walk == c->nhistory) {
			free(c->draft);
			c->draft = xstrdup(textin_text(c->in));
		}
		c->walk--;
		textin_set(c->in, c->history[c->walk]);
		return;
	}
	if (c->walk >= c->nhistory)
		return;
	c->walk++;
	textin_set(c->in, c->walk == c->nhistory ?
	    (c->draft != NULL ? c->draft : "") : c->history[c->walk]);
}

/* The text without spaces at either end. */
static char *
cmdline_trim(const char *s)
{
	size_t	len;

	while (*s == ' ')
		s++;
	len = strlen(s);
	while (len > 0 && s[len - 1] == ' ')
		len--;
	return (xstrndup(s, len));
}

static void
cmdline_remember(struct cmdline *c, const char *command)
{
	if (*command == '\0' || (c->nhistory > 0 &&
	    strcmp(c->history[c->nhistory - 1], command) == 0))
		return;
	if (c->nhistory == CMDLINE_HISTORY) {
		free(c->history[0]);
		memmove(c->history, c->history + 1,
		    (CMDLINE_HISTORY - 1) * sizeof c->history[0]);
		c->nhistory--;
	}
	c->history[c->nhistory++] = xstrdup(command);
}

enum cmdline_result
cmdline_key(struct cmdline *c, int key, const char *const *words)
{
	free(c->trimmed);
	c->trimmed = NULL;
	if (key != '\t')
		cmdline_forget_cycle(c);
	switch (key) {
	case KEYS_ESC:
		return (CMDLINE_CANCEL);
	case '\r':
	case '\n':
	case KEYS_FN|KEY_ENTER:
		c->trimmed = cmdline_trim(textin_text(c->in));
		cmdline_remember(c, c->trimmed);
		return (CMDLINE_RUN);
	case '\t':
		cmdline_complete(c, words);
		return (CMDLINE_EDITING);
	case KEYS_FN|KEY_UP:
		cmdline_walk(c, 1);
		return (CMDLINE_EDITING);
	case KEYS_FN|KEY_DOWN:
		cmdline_walk(c, 0);
		return (CMDLINE_EDITING);
	}
	/* Backspace on an empty line leaves it, as in vi. */
	if (keys_edit_op(key) == TEXTIN_BACKSPACE && textin_length(c->in) == 0)
		return (CMDLINE_CANCEL);
	keys_type(c->in, key);
	return (CMDLINE_EDITING);
}

void
cmdline_matches(const struct cmdline *c, const char *const *words, char *buf,
    size_t len)
{
	const char	*found[64], *text = textin_text(c->in);
	size_t		 n, i, off = 0, wlen;
	int		 alone;

	if (len == 0)
		return;
	buf[0] = '\0';
	wlen = cmdline_first_word(text, &alone);
	if (!alone)
		return;
	n = cmdline_collect(words, text, wlen, found, nitems(found));
	if (n == 1 && strcmp(found[0], text) == 0)
		return;
	for (i = 0; i < n; i++) {
		if (off + strlen(found[i]) + 2 >= len)
			break;
		off += (size_t)snprintf(buf + off, len - off, "%s%s",
		    off > 0 ? "  " : "", found[i]);
	}
}

void
cmdline_draw(WINDOW *w, int y, const struct cmdline *c,
    const char *const *words, int ascii)
{
	char	hint[256];
	int	cols = getmaxx(w), field, x;

	wmove(w, y, 0);
	wclrtoeol(w);
	mvwaddch(w, y, 0, ':');
	cmdline_matches(c, words, hint, sizeof hint);
	field = cols - 2;
	if (hint[0] != '\0' && cols >= 40)
		field = cols / 2;
	textin_draw(w, y, 1, field, c->in, 1, ascii, 0);
	if (hint[0] != '\0' && cols >= 40) {
		x = field + 2;
		textw_put(w, y, x, hint, cols - x - 1,
		    TEXTW_ELLIPSIS|(ascii ? TEXTW_ASCII : 0), A_DIM);
	}
}
