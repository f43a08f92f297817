/*
 * Width-aware text.  Decoding is done here rather than with mbrtowc so an
 * invalid byte never stops a line; widths come from wcwidth, which needs a
 * UTF-8 LC_CTYPE (main sets the locale from the environment).
 */
#include "textw.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "utf8.h"
#include "xmalloc.h"

size_t
textw_decode(const char *s, size_t len, wchar_t *wc)
{
	uint32_t	cp;
	size_t		n;

	if (len == 0) {
		*wc = 0;
		return (0);
	}
	if ((n = utf8_decode(s, len, &cp)) == 0) {
		*wc = 0xfffd;
		return (1);
	}
	*wc = (wchar_t)cp;
	return (n);
}

int
textw_char_width(wchar_t wc)
{
	int	w;

	if (wc < 0x80)
		return (1);	/* a control is drawn as one U+FFFD */
	w = wcwidth(wc);
	if (w < 0)
		return (1);	/* unknown here: assume one column */
	return (w > 2 ? 2 : w);
}

int
textw_width(const char *s)
{
	size_t	 len = strlen(s), n;
	wchar_t	 wc;
	int	 width = 0;

	while (len > 0) {
		n = textw_decode(s, len, &wc);
		width += textw_char_width(wc);
		s += n;
		len -= n;
	}
	return (width);
}

static char	*textw_fit_clean(const char *, int, int);

/* Byte length of the longest prefix of s taking at most cols columns. */
static size_t
textw_prefix(const char *s, int cols, int *used)
{
	size_t	 len = strlen(s), off = 0, n;
	wchar_t	 wc;
	int	 width = 0, cw;

	while (off < len) {
		n = textw_decode(s + off, len - off, &wc);
		cw = textw_char_width(wc);
		if (width + cw > cols)
			break;
		width += cw;
		off += n;
	}
	*used = width;
	return (off);
}

size_t
textw_wrap(const char *s, int cols, size_t *next)
{
	size_t	fit, i;
	wchar_t	wc;
	int	used;

	fit = textw_prefix(s, cols, &used);
	if (s[fit] == '\0') {
		*next = fit;
		return (fit);
	}
	if (fit == 0) {
		/* Not even one character fits: drop it rather than stall. */
		*next = textw_decode(s, strlen(s), &wc);
		return (0);
	}
	/* Break at the last space that fits; a longer word is cut. */
	for (i = fit; i > 0 && s[i] != ' '; i--)
		;
	if (i == 0) {
		*next = fit;
		return (fit);
	}
	*next = i;
	while (s[*next] == ' ')
		(*next)++;
	while (i > 0 && s[i - 1] == ' ')
		i--;
	return (i);
}

/*
 * A copy of s that curses draws in exactly textw_width columns: control
 * characters, invalid bytes and characters the locale cannot print become
 * U+FFFD ("?" in ASCII), and combining marks with no base are dropped
 * (curses would put them on the cell before, a border).
 */
static char *
textw_clean(const char *s, int ascii)
{
	const char	*bad = ascii ? "?" : "\xef\xbf\xbd";
	size_t		 len = strlen(s), off = 0, n, out = 0;
	char		*buf;
	wchar_t		 wc;
	int		 base = 0, ok;

	buf = xmalloc(len * 3 + 1);
	while (off < len) {
		n = textw_decode(s + off, len - off, &wc);
		if (wc < 0x80)
			ok = wc >= 0x20 && wc != 0x7f;
		else
			ok = wc >= 0xa0 && (wc != 0xfffd || n == 3) &&
			    wcwidth(wc) >= 0;
		if (!ok) {
			memcpy(buf + out, bad, strlen(bad));
			out += strlen(bad);
			base = 1;
		} else if (wc >= 0x80 && wcwidth(wc) == 0 && !base)
			;	/* a mark with nothing to sit on */
		else {
			memcpy(buf + out, s + off, n);
			out += n;
			base = 1;
		}
		off += n;
	}
	buf[out] = '\0';
	return (buf);
}

char *
textw_fit(const char *s, int cols, int flags)
{
	char	*clean, *out;

	clean = textw_clean(s != NULL ? s : "", flags & TEXTW_ASCII);
	out = textw_fit_clean(clean, cols, flags);
	free(clean);
	return (out);
}

static char *
textw_fit_clean(const char *s, int cols, int flags)
{
	const char	*ell = (flags & TEXTW_ASCII) ? "~" : "\xe2\x80\xa6";
	char		*out;
	size_t		 keep, size, off = 0, ell_len = 0;
	int		 width, used = 0, pad, cut = 0;

	if (cols < 0)
		cols = 0;
	if (s == NULL)
		s = "";
	width = textw_width(s);
	if (width <= cols)
		keep = strlen(s);
	else {
		cut = 1;
		if (flags & TEXTW_ELLIPSIS) {
			ell_len = strlen(ell);
			keep = cols > 0 ? textw_prefix(s, cols - 1, &used) : 0;
			if (cols == 0)
				ell_len = 0;
		} else
			keep = textw_prefix(s, cols, &used);
	}
	if (!cut)
		used = width;
	if (ell_len != 0)
		used++;
	pad = (flags & TEXTW_PAD) ? cols - used : 0;
	if (pad < 0)
		pad = 0;

	size = keep + ell_len + (size_t)pad + 1;
	out = xmalloc(size);
	if (flags & TEXTW_RIGHT) {
		memset(out, ' ', (size_t)pad);
		off = (size_t)pad;
	}
	memcpy(out + off, s, keep);
	off += keep;
	memcpy(out + off, ell, ell_len);
	off += ell_len;
	if (!(flags & TEXTW_RIGHT)) {
		memset(out + off, ' ', (size_t)pad);
		off += (size_t)pad;
	}
	out[off] = '\0';
	return (out);
}

int
textw_put(WINDOW *w, int y, int x, const char *s, int cols, int flags,
    attr_t attr)
{
	char	*text;
	int	 width;

	if (cols <= 0)
		return (0);
	text = textw_fit(s, cols, flags);
	width = textw_width(text);
	wattr_on(w, attr, NULL);
	mvwaddstr(w, y, x, text);
	wattr_off(w, attr, NULL);
	free(text);
	return (width);
}

int
textw_wrap_lines(const char *s, int cols, int max, const char **start,
    size_t *len)
{
	size_t	next;
	int	n = 0;

	while (s != NULL && *s != '\0' && n < max) {
		start[n] = s;
		if (n == max - 1) {
			len[n++] = strlen(s);
			break;
		}
		len[n++] = textw_wrap(s, cols, &next);
		s += next;
	}
	return (n);
}

void
textw_put_lines(WINDOW *w, int y, int x, int cols, const char *const *start,
    const size_t *len, int n, int flags, attr_t attr)
{
	char	*line;
	int	 i;

	for (i = 0; i < n; i++) {
		line = xstrndup(start[i], len[i]);
		textw_put(w, y + i, x, line, cols, flags, attr);
		free(line);
	}
}
