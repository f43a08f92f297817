/*
 * Width-aware text for the terminal: how many columns a UTF-8 string takes
 * (CJK and emoji take two, combining marks none) and how to cut it to a
 * number of columns without splitting a character.
 */
#ifndef EVTOP_TEXTW_H
#define EVTOP_TEXTW_H

#include <stddef.h>

#include <curses.h>

#define TEXTW_ELLIPSIS	0x1	/* mark a cut with an ellipsis */
#define TEXTW_ASCII	0x2	/* the ellipsis is "~", not U+2026 */
#define TEXTW_PAD	0x4	/* pad with spaces to exactly cols */
#define TEXTW_RIGHT	0x8	/* with TEXTW_PAD: pad on the left */

/*
 * Decodes one UTF-8 character at s (at most len bytes) into *wc and
 * returns its length; an invalid byte decodes to U+FFFD with length 1.
 */
size_t	 textw_decode(const char *s, size_t len, wchar_t *wc);
/*
 * Columns taken by one character: 0 for combining marks, 2 for wide, 1
 * for a control character (drawn as a replacement character).
 */
int	 textw_char_width(wchar_t);
/* Columns taken by a UTF-8 string. */
int	 textw_width(const char *s);
/*
 * A new string holding s cut to at most cols columns (flags above).  A
 * wide character that does not fit is left out whole; combining marks
 * stay with their base.  Control characters, invalid bytes and what the
 * locale cannot print become U+FFFD ("?" with TEXTW_ASCII); combining
 * marks with no base go.  The result is safe to hand to curses.
 */
char	*textw_fit(const char *s, int cols, int flags);
/*
 * One line of s word-wrapped to cols columns: returns the bytes of s that
 * make the line (trailing spaces left out) and sets *next to where the
 * following line starts.  A word longer than a line is cut; progress is
 * always made (*next > 0) while s is not empty.
 */
size_t	 textw_wrap(const char *s, int cols, size_t *next);
/*
 * s word-wrapped to cols in at most max lines, the last one holding the
 * rest (for textw_put to cut with an ellipsis): each line's start and
 * length into start[] and len[].  Returns how many (0 for NULL or "").
 */
int	 textw_wrap_lines(const char *s, int cols, int max,
	     const char **start, size_t *len);
/* Draws n such lines from y at x of w, each cut to cols. */
void	 textw_put_lines(WINDOW *w, int y, int x, int cols,
	     const char *const *start, const size_t *len, int n, int flags,
	     attr_t attr);
/* Draws textw_fit(s, cols, flags) at y, x of w with attr; returns columns. */
int	 textw_put(WINDOW *w, int y, int x, const char *s, int cols,
	     int flags, attr_t attr);

#endif
