/*
 * The help overlay, generated from the key tables: one line per action in
 * each table, listing every key bound to it and the action's help text.
 */
#ifndef EVTOP_HELP_H
#define EVTOP_HELP_H

#include <stddef.h>

#include <curses.h>

#include "keys.h"

struct help_line {
	char	*keys;		/* "Up k", or NULL for a section title */
	char	*text;		/* help text, or the section title */
};

/* Builds the lines for these tables; free with help_lines_free. */
struct help_line	*help_lines(const struct key_table *const *tables,
			    size_t ntables, size_t *n);
void			 help_lines_free(struct help_line *, size_t n);
/*
 * Draws the overlay centred on a lines x cols screen, scrolled to *top
 * (clamped), into a new window that the caller deletes.
 */
WINDOW			*help_draw(const struct key_table *const *tables,
			    size_t ntables, size_t *top, int lines, int cols,
			    int ascii);

#endif
