/*
 * Server strings are untrusted: before they reach a terminal, control
 * characters and escape sequences go.  Valid UTF-8 is kept; invalid bytes
 * become U+FFFD.
 */
#ifndef EVTOP_TEXT_H
#define EVTOP_TEXT_H

#include <stddef.h>

/*
 * A new string with C0/C1 controls, DEL and whole escape sequences
 * (CSI, OSC, DCS...) removed; tabs and newlines become spaces.
 */
char	*text_sanitize(const char *s);
char	*text_sanitize_n(const char *s, size_t len);
/*
 * The same, cut to at most max bytes (at a character boundary, with an
 * ellipsis when something was cut) so a huge server string cannot wedge
 * the screen.  Only the first bytes of a long input are examined.
 */
char	*text_sanitize_cap(const char *s, size_t len, size_t max);

#endif
