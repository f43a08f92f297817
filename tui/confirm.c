/* The yes/no box. */
#include "confirm.h"

#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "term.h"
#include "textw.h"
#include "xmalloc.h"

#define CONFIRM_HINT	"y: yes    n, Esc or Enter: no"

struct confirm {
	char	*question;
};

struct confirm *
confirm_new(const char *question)
{
	struct confirm	*c = xcalloc(1, sizeof *c);

	c->question = xstrdup(question != NULL ? question : "");
	return (c);
}

void
confirm_free(struct confirm *c)
{
	if (c == NULL)
		return;
	free(c->question);
	free(c);
}

const char *
confirm_question(const struct confirm *c)
{
	return (c->question);
}

enum confirm_answer
confirm_key(const struct confirm *c, int key)
{
	(void)c;
	switch (key) {
	case 'y':
	case 'Y':
		return (CONFIRM_YES);
	case 'n':
	case 'N':
	case KEYS_ESC:
	/* No is the default: an Enter meant for something else says no. */
	case '\r':
	case '\n':
	case KEYS_FN|KEY_ENTER:
		return (CONFIRM_NO);
	default:
		return (CONFIRM_WAITING);
	}
}


WINDOW *
confirm_draw(const struct confirm *c, int lines, int cols, int ascii)
{
	const char	*start[CONFIRM_LINES];
	size_t		 len[CONFIRM_LINES];
	char		*line;
	WINDOW		*w;
	int		 width, height, inner, n, i, flags, hint;

	flags = TEXTW_ELLIPSIS|(ascii ? TEXTW_ASCII : 0);
	width = cols - 4 > CONFIRM_WIDTH ? CONFIRM_WIDTH : cols - 4;
	if (width < 12 || lines < 3)
		return (NULL);
	inner = width - 4;
	if ((n = textw_wrap_lines(c->question, inner, CONFIRM_LINES, start,
	    len)) == 0) {
		start[0] = "";
		len[0] = 0;
		n = 1;
	}
	/* Question, a blank line, the hint; or as much as fits. */
	height = n + 4;
	hint = 1;
	if (height > lines) {
		n = 1;
		len[0] = strlen(start[0]);
		height = 3;
		hint = 0;
	}
	w = newwin(height, width, (lines - height) / 2, (cols - width) / 2);
	if (w == NULL)
		return (NULL);
	werase(w);
	term_frame(w, ascii, "Confirm", 1);
	for (i = 0; i < n; i++) {
		line = xstrdup(start[i]);
		line[len[i]] = '\0';
		textw_put(w, 1 + i, 2, line, inner, flags, A_BOLD);
		free(line);
	}
	if (hint)
		textw_put(w, n + 2, 2, CONFIRM_HINT, inner, flags,
		    term_style(TERM_DIM));
	wnoutrefresh(w);
	return (w);
}
