/*
 * A one-line question at the bottom of the screen, as the `:` line is:
 * a label and a text input (widgets/textin) with the editing keys of
 * keys_edit_op.  It reports each change, so a filter can follow the
 * typing; what the answer means is its owner's.
 */
#ifndef EVTOP_LINEPROMPT_H
#define EVTOP_LINEPROMPT_H

#include <stddef.h>

#include <curses.h>

enum lineprompt_result {
	LINEPROMPT_EDITING,		/* the cursor moved, the text did not */
	LINEPROMPT_CHANGED,		/* the text changed */
	LINEPROMPT_DONE,		/* Enter: lineprompt_text is the answer */
	LINEPROMPT_CANCEL		/* Esc */
};

struct lineprompt;

/* label ("/", "Export to: ") and the text to start from are copied. */
struct lineprompt	*lineprompt_new(const char *label, const char *text, size_t max);
void		 lineprompt_free(struct lineprompt *);
enum lineprompt_result lineprompt_key(struct lineprompt *, int key);
const char	*lineprompt_text(const struct lineprompt *);
/* Draws the label and the field into row y of w; hint dimmed after. */
void		 lineprompt_draw(WINDOW *, int y, const struct lineprompt *,
		    const char *hint, int ascii);

#endif
