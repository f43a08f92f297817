/*
 * Block letters five rows tall, for a result that has to be read from
 * across a room (a kiosk's VALID / INVALID banner): A-Z, 0-9, space and
 * "! - : . ? /", one blank column between glyphs.  A set pixel is a full
 * block (U+2588) or "#" in ASCII.
 */
#ifndef EVTOP_BIGTEXT_H
#define EVTOP_BIGTEXT_H

#include <curses.h>

#define BIGTEXT_ROWS	5

/* Rows the letters take (BIGTEXT_ROWS). */
int	bigtext_height(void);
/*
 * Columns text takes: its glyphs and a blank between each two.  Lower
 * case draws as upper case; any other character as "?".
 */
int	bigtext_width(const char *text);
/* Whether text fits in cols columns. */
int	bigtext_fits(const char *text, int cols);
/*
 * Draws text with its top left at y, x of w, cut at the edges of w.
 * Every cell of its box is drawn in attr, blanks too, so a banner the
 * caller painted in the same colour pair stays whole behind the letters.
 * Returns the columns drawn inside w.
 */
int	bigtext_draw(WINDOW *w, int y, int x, const char *text, int ascii,
	    attr_t attr);

#endif
