/*
 * The one UTF-8 decoder.  Strict: overlong forms, surrogates, values past
 * U+10FFFF and truncated sequences are not characters.
 */
#ifndef EVTOP_UTF8_H
#define EVTOP_UTF8_H

#include <stddef.h>
#include <stdint.h>

/*
 * Decodes the character at the start of s (len bytes): returns its length
 * (1-4) and the code point in *cp, or 0 when the bytes are not valid
 * UTF-8 or len is 0 (*cp is then untouched).
 */
size_t	utf8_decode(const char *s, size_t len, uint32_t *cp);
/*
 * Where to cut s to at most max bytes without splitting a character: max,
 * or less when s[max] continues a character.  s must hold more than max.
 */
size_t	utf8_cut(const char *s, size_t max);
/* How many code points a NUL-terminated string holds (lead bytes only). */
size_t	utf8_length(const char *s);
/*
 * Writes code point cp as UTF-8 into out (room for 4 bytes, no NUL) and
 * returns its length, or 0 for a surrogate or a value past U+10FFFF.
 */
size_t	utf8_encode(uint32_t cp, char *out);

#endif
