/*
 * A one-line question at the bottom of the screen, as the `:` line is:
 * a label and a text input (widgets/textin) with the editing keys of
 * keys_edit_op.  It reports each change, so a filter can follow the
 * typing; what the answer means is its owner's.
 */
#ifndef EVTOP_PROMPT_H
#define EVTOP_PROMPT_H

#include <stddef.h>

#include <curses.h>

enum prompt_result {
	PROMPT_EDITING,		/* the cursor moved, the text did not */
	PROMPT_CHANGED,		/* the text changed */
	PROMPT_DONE,		/* Enter: prompt_text is the answer */
	PROMPT_CANCEL		/* Esc */
};

struct prompt;

/* label ("/", "Export to: ") and the text to start from are copied. */
struct prompt	*prompt_new(const char *label, const char *text, size_t max);
void		 prompt_free(struct prompt *);
enum prompt_result prompt_key(struct prompt *, int key);
const char	*prompt_text(const struct prompt *);
/* Draws the label and the field into row y of w; hint dimmed after. */
void		 prompt_draw(WINDOW *, int y, const struct prompt *,
		    const char *hint, int ascii);

#endif
