/*
 * The help overlay, generated from the key tables: one line per action in
 * each table, listing every key bound to it and the action's help text.
 */
#ifndef EVTOP_HELP_H
#define EVTOP_HELP_H

#include <stddef.h>

#include <curses.h>

#include "keys.h"
#include "textin.h"

struct help_line {
	char	*keys;		/* "Up k", or NULL for a section title */
	char	*text;		/* help text, or the section title */
};

/* Builds the lines for these tables; free with help_lines_free. */
struct help_line	*help_lines(const struct key_table *const *tables,
			    size_t ntables, size_t *n);
void			 help_lines_free(struct help_line *, size_t n);
/*
 * Keeps the lines whose keys or text hold needle (any case), and the
 * section titles over them, and whole sections whose title holds it;
 * frees the others.  Returns how many are left.
 */
size_t			 help_filter(struct help_line *, size_t n,
			    const char *needle);
/*
 * Draws the overlay centred on a lines x cols screen, scrolled to *top
 * (clamped), into a new window that the caller deletes.  find (may be
 * NULL) narrows it to the lines that hold its text, said in the title;
 * while it is being typed (finding set) it is drawn at the foot.
 */
WINDOW			*help_draw(const struct key_table *const *tables,
			    size_t ntables, size_t *top, int lines, int cols,
			    int ascii, const struct textin *find, int finding);

#endif
