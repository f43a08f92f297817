/* The one-line question of lineprompt.h. */
#include "lineprompt.h"

#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "textin.h"
#include "textw.h"
#include "xmalloc.h"

struct lineprompt {
	char		*label;
	struct textin	*in;
};

struct lineprompt *
lineprompt_new(const char *label, const char *text, size_t max)
{
	struct lineprompt	*pr = xcalloc(1, sizeof *pr);

	pr->label = xstrdup(label);
	pr->in = textin_new(max, 0);
	if (text != NULL)
		textin_set(pr->in, text);
	return (pr);
}

void
lineprompt_free(struct lineprompt *pr)
{
	if (pr == NULL)
		return;
	textin_free(pr->in);
	free(pr->label);
	free(pr);
}

enum lineprompt_result
lineprompt_key(struct lineprompt *pr, int key)
{
	size_t	before = textin_length(pr->in);
	char	*was;
	enum lineprompt_result r = LINEPROMPT_EDITING;

	switch (key) {
	case KEYS_ESC:
		return (LINEPROMPT_CANCEL);
	case '\r':
	case '\n':
	case KEYS_FN|KEY_ENTER:
		return (LINEPROMPT_DONE);
	}
	was = xstrdup(textin_text(pr->in));
	keys_type(pr->in, key);
	if (textin_length(pr->in) != before ||
	    strcmp(was, textin_text(pr->in)) != 0)
		r = LINEPROMPT_CHANGED;
	free(was);
	return (r);
}

const char *
lineprompt_text(const struct lineprompt *pr)
{
	return (textin_text(pr->in));
}

void
lineprompt_draw(WINDOW *w, int y, const struct lineprompt *pr, const char *hint,
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
