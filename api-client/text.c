/*
 * Sanitizing untrusted text before it reaches a terminal.  The input is
 * walked once: escape sequences are skipped whole (so no stray "[31m" is
 * left behind), controls go, tabs and line breaks become spaces, and
 * anything that is not valid UTF-8 becomes U+FFFD.
 */
#include "text.h"

#include <stdint.h>
#include <string.h>

#include "utf8.h"
#include "xmalloc.h"

#define TEXT_ESC	0x1b
#define TEXT_BEL	0x07

/* How an escape sequence ends once its introducer has been seen. */
enum text_seq {
	TEXT_SEQ_CSI,		/* parameters then a final byte 0x40-0x7e */
	TEXT_SEQ_STRING,	/* OSC, DCS, SOS, PM, APC: up to BEL or ST */
};

/* C1 introducers, as 8-bit bytes or code points, and what they start. */
static const struct {
	unsigned int	c1;
	unsigned char	esc;	/* the 7-bit form's second byte */
	enum text_seq	seq;
} text_introducers[] = {
	{ 0x9b, '[', TEXT_SEQ_CSI },
	{ 0x9d, ']', TEXT_SEQ_STRING },
	{ 0x90, 'P', TEXT_SEQ_STRING },
	{ 0x98, 'X', TEXT_SEQ_STRING },
	{ 0x9e, '^', TEXT_SEQ_STRING },
	{ 0x9f, '_', TEXT_SEQ_STRING },
};

/* Bidirectional overrides and isolates, which can reorder a whole line. */
static int
text_is_bidi(uint32_t cp)
{
	return ((cp >= 0x202a && cp <= 0x202e) ||
	    (cp >= 0x2066 && cp <= 0x2069));
}

/* Finds the sequence a C1 value (or 7-bit ESC x) starts; -1 if none. */
static int
text_find_introducer(unsigned int c1, unsigned int esc)
{
	size_t	i;

	for (i = 0; i < sizeof text_introducers / sizeof text_introducers[0];
	    i++) {
		if (c1 != 0 && text_introducers[i].c1 == c1)
			return ((int)text_introducers[i].seq);
		if (esc != 0 && text_introducers[i].esc == esc)
			return ((int)text_introducers[i].seq);
	}
	return (-1);
}

/* Skips the body of a sequence starting at s[i]; returns the next index. */
static size_t
text_skip_sequence(const unsigned char *s, size_t len, size_t i,
    enum text_seq seq)
{
	if (seq == TEXT_SEQ_CSI) {
		while (i < len && s[i] >= 0x20 && s[i] <= 0x3f)
			i++;
		if (i < len && s[i] >= 0x40 && s[i] <= 0x7e)
			i++;
		return (i);
	}
	while (i < len) {
		if (s[i] == TEXT_BEL || s[i] == 0x9c)
			return (i + 1);
		if (s[i] == TEXT_ESC && i + 1 < len && s[i + 1] == '\\')
			return (i + 2);
		i++;
	}
	return (i);
}

/* Skips ESC and what follows it; i is the index after the ESC. */
static size_t
text_skip_escape(const unsigned char *s, size_t len, size_t i)
{
	int	seq;

	if (i >= len)
		return (i);
	if ((seq = text_find_introducer(0, s[i])) != -1)
		return (text_skip_sequence(s, len, i + 1, (enum text_seq)seq));
	/* ESC, intermediates 0x20-0x2f, then one final byte (ESC ( B). */
	while (i < len && s[i] >= 0x20 && s[i] <= 0x2f)
		i++;
	if (i < len && s[i] >= 0x30 && s[i] <= 0x7e)
		i++;
	return (i);
}

char *
text_sanitize_n(const char *in, size_t len)
{
	const unsigned char	*s = (const unsigned char *)in;
	char			*out, *o;
	size_t			 i = 0, n;
	uint32_t		 cp;
	int			 seq;

	if (in == NULL)
		return (xstrdup(""));
	/* At worst every byte becomes a three-byte U+FFFD. */
	if (len > (SIZE_MAX - 1) / 3)
		len = (SIZE_MAX - 1) / 3;
	o = out = xmalloc(len * 3 + 1);
	while (i < len) {
		if (s[i] == TEXT_ESC) {
			i = text_skip_escape(s, len, i + 1);
			continue;
		}
		if (s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
			*o++ = ' ';
			i++;
			continue;
		}
		if (s[i] < 0x20 || s[i] == 0x7f) {
			i++;
			continue;
		}
		if ((n = utf8_decode(in + i, len - i, &cp)) == 0) {
			/* A raw 8-bit C1 introducer, or just a bad byte. */
			seq = text_find_introducer(s[i], 0);
			if (seq != -1)
				i = text_skip_sequence(s, len, i + 1,
				    (enum text_seq)seq);
			else {
				memcpy(o, "\xef\xbf\xbd", 3);
				o += 3;
				i++;
			}
			continue;
		}
		if (cp >= 0x80 && cp <= 0x9f) {
			/* C1 control encoded as UTF-8. */
			seq = text_find_introducer(cp, 0);
			if (seq != -1)
				i = text_skip_sequence(s, len, i + n,
				    (enum text_seq)seq);
			else
				i += n;
			continue;
		}
		if (!text_is_bidi(cp)) {
			memcpy(o, s + i, n);
			o += n;
		}
		i += n;
	}
	*o = '\0';
	return (out);
}

char *
text_sanitize(const char *s)
{
	if (s == NULL)
		return (xstrdup(""));
	return (text_sanitize_n(s, strlen(s)));
}

char *
text_sanitize_cap(const char *s, size_t len, size_t max)
{
	char	*out;
	size_t	 n, look;

	if (s == NULL)
		return (xstrdup(""));
	/* Enough input to fill max even if most of it is escape sequences. */
	look = max > SIZE_MAX / 8 ? SIZE_MAX : max * 8 + 64;
	out = text_sanitize_n(s, len < look ? len : look);
	n = strlen(out);
	if (n <= max && len <= look)
		return (out);
	if (n > max)
		n = utf8_cut(out, max);
	out = xrealloc(out, n + sizeof "\xe2\x80\xa6");
	memcpy(out + n, "\xe2\x80\xa6", sizeof "\xe2\x80\xa6");
	return (out);
}
