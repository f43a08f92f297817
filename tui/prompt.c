/* The one-line question of prompt.h. */
#include "prompt.h"

#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "textin.h"
#include "textw.h"
#include "xmalloc.h"

struct prompt {
	char		*label;
	struct textin	*in;
};

struct prompt *
prompt_new(const char *label, const char *text, size_t max)
{
	struct prompt	*pr = xcalloc(1, sizeof *pr);

	pr->label = xstrdup(label);
	pr->in = textin_new(max, 0);
	if (text != NULL)
		textin_set(pr->in, text);
	return (pr);
}

void
prompt_free(struct prompt *pr)
{
	if (pr == NULL)
		return;
	textin_free(pr->in);
	free(pr->label);
	free(pr);
}

enum prompt_result
prompt_key(struct prompt *pr, int key)
{
	char	text[8];
	size_t	n, before = textin_length(pr->in);
	int	op;
	char	*was;
	enum prompt_result r = PROMPT_EDITING;

	switch (key) {
	case KEYS_ESC:
		return (PROMPT_CANCEL);
	case '\r':
	case '\n':
	case KEYS_FN|KEY_ENTER:
		return (PROMPT_DONE);
	}
	was = xstrdup(textin_text(pr->in));
	if ((op = keys_edit_op(key)) >= 0)
		textin_edit(pr->in, (enum textin_op)op);
	else if ((n = keys_text(key, text)) > 0) {
		text[n] = '\0';
		textin_insert(pr->in, text);
	}
	if (textin_length(pr->in) != before ||
	    strcmp(was, textin_text(pr->in)) != 0)
		r = PROMPT_CHANGED;
	free(was);
	return (r);
}

const char *
prompt_text(const struct prompt *pr)
{
	return (textin_text(pr->in));
}

void
prompt_draw(WINDOW *w, int y, const struct prompt *pr, const char *hint,
    int ascii)
{
	int	cols = getmaxx(w), x, field, flags, hw;

	flags = TEXTW_ELLIPSIS|(ascii ? TEXTW_ASCII : 0);
	wmove(w, y, 0);
	wclrtoeol(w);
	x = textw_put(w, y, 0, pr->label, cols / 2, flags, A_BOLD);
	field = cols - x - 1;
	/* The hint whole after a field of 20 at least, else none. */
	hw = hint != NULL ? textw_width(hint) : 0;
	if (hw > 0 && cols - x - hw - 2 >= 20)
		field = cols - x - hw - 2;
	else
		hw = 0;
	textin_draw(w, y, x, field, pr->in, 1, ascii, 0);
	if (hw > 0)
		textw_put(w, y, x + field + 1, hint, hw, flags, A_DIM);
}
