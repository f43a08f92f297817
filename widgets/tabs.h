/*
 * A row of tabs (" Stats │ Registrations "), the active one marked: drawn
 * into a window row, hit-tested for clicks, and laid out without curses
 * so it is tested on its own.
 */
#ifndef EVTOP_TABS_H
#define EVTOP_TABS_H

#include <stddef.h>

#include <curses.h>

/*
 * Where each of the n labels starts and how wide it is (its label and a
 * blank either side), from column 0; the separators sit between them.
 * Labels that do not fit in cols get width 0.  Returns the columns used.
 */
int	tabs_layout(const char *const *labels, size_t n, int cols,
	    int *starts, int *widths);
/* The tab at column col of a row laid out so, or -1 between tabs. */
int	tabs_hit(const char *const *labels, size_t n, int cols, int col);
/*
 * Draws the tabs at y, x of w, cols wide: the active one in active_attr,
 * the others in attr, separated by "│" ("|" with ascii).
 */
void	tabs_draw(WINDOW *w, int y, int x, int cols,
	    const char *const *labels, size_t n, size_t active, int ascii,
	    attr_t attr, attr_t active_attr);

#endif
