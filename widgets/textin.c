/*
 * The single-line text input.  The buffer is sized once for the most
 * the input may hold (four bytes a code point), so text is never copied
 * by a realloc and a password leaves nothing behind: every byte that
 * stops being text is wiped where it was.
 */
#include "textin.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "textw.h"
#include "utf8.h"
#include "xmalloc.h"

/* No single line needs more: code points, whatever the owner asks. */
#define TEXTIN_LIMIT	65536

struct textin {
	char	*buf;		/* cap bytes, NUL-terminated text */
	size_t	 cap;
	size_t	 len;		/* bytes of text */
	size_t	 cur;		/* the cursor, a byte offset */
	size_t	 n;		/* code points of text */
	size_t	 max;		/* code points at most */
	int	 flags;
};

struct textin *
textin_new(size_t max, int flags)
{
	struct textin	*t;

	if (max == 0)
		max = 1;
	if (max > TEXTIN_LIMIT)
		max = TEXTIN_LIMIT;
	t = xcalloc(1, sizeof *t);
	t->max = max;
	t->flags = flags;
	t->cap = max * 4 + 1;
	t->buf = xcalloc(1, t->cap);
	return (t);
}

void
textin_free(struct textin *t)
{
	if (t == NULL)
		return;
	explicit_bzero(t->buf, t->cap);
	free(t->buf);
	free(t);
}

/*
 * How many code points s holds (in *n, its bytes in *len): 0, or -1 when
 * it is not UTF-8 or holds a control character (C0, DEL or C1).
 */
static int
textin_check(const char *s, size_t *n, size_t *len)
{
	size_t		off = 0, total = strlen(s), k;
	uint32_t	cp;

	*n = 0;
	while (off < total) {
		if ((k = utf8_decode(s + off, total - off, &cp)) == 0)
			return (-1);
		if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
			return (-1);
		off += k;
		(*n)++;
	}
	*len = total;
	return (0);
}

/* A code point that sits on the one before it (a combining mark). */
static int
textin_mark(const char *s, size_t len, size_t *k)
{
	wchar_t	wc;

	*k = textw_decode(s, len, &wc);
	return (wc >= 0x80 && textw_char_width(wc) == 0);
}

/* Where the character at off ends: its code point and any marks. */
static size_t
textin_next(const struct textin *t, size_t off)
{
	wchar_t	wc;
	size_t	k;

	if (off >= t->len)
		return (t->len);
	off += textw_decode(t->buf + off, t->len - off, &wc);
	while (off < t->len && textin_mark(t->buf + off, t->len - off, &k))
		off += k;
	return (off);
}

/* Where the character before off starts. */
static size_t
textin_prev(const struct textin *t, size_t off)
{
	size_t	k;

	while (off > 0) {
		do
			off--;
		while (off > 0 && (t->buf[off] & 0xc0) == 0x80);
		if (off == 0 || !textin_mark(t->buf + off, t->len - off, &k))
			break;
	}
	return (off);
}

/* Code points between a and b. */
static size_t
textin_count(const struct textin *t, size_t a, size_t b)
{
	size_t	n = 0;

	for (; a < b; a++) {
		if ((t->buf[a] & 0xc0) != 0x80)
			n++;
	}
	return (n);
}

/* Deletes bytes a to b; the cursor is left at a. */
static int
textin_cut(struct textin *t, size_t a, size_t b)
{
	if (a >= b)
		return (0);
	t->n -= textin_count(t, a, b);
	memmove(t->buf + a, t->buf + b, t->len - b);
	explicit_bzero(t->buf + t->len - (b - a), b - a);
	t->len -= b - a;
	t->cur = a;
	return (1);
}

void
textin_clear(struct textin *t)
{
	explicit_bzero(t->buf, t->cap);
	t->len = t->cur = t->n = 0;
}

int
textin_set(struct textin *t, const char *s)
{
	size_t	n, len;

	if (textin_check(s, &n, &len) != 0 || n > t->max)
		return (-1);
	textin_clear(t);
	memcpy(t->buf, s, len);
	t->len = t->cur = len;
	t->n = n;
	return (0);
}

int
textin_insert(struct textin *t, const char *s)
{
	size_t	n, len;

	if (textin_check(s, &n, &len) != 0 || t->n + n > t->max)
		return (-1);
	memmove(t->buf + t->cur + len, t->buf + t->cur, t->len - t->cur);
	memcpy(t->buf + t->cur, s, len);
	t->len += len;
	t->cur += len;
	t->n += n;
	t->buf[t->len] = '\0';
	return (0);
}

/* Where the word before the cursor starts (blanks after it go too). */
static size_t
textin_word_start(const struct textin *t)
{
	size_t	off = t->cur;

	while (off > 0 && t->buf[off - 1] == ' ')
		off--;
	while (off > 0 && t->buf[off - 1] != ' ')
		off--;
	return (off);
}

int
textin_edit(struct textin *t, enum textin_op op)
{
	size_t	was = t->cur;

	switch (op) {
	case TEXTIN_LEFT:
		t->cur = textin_prev(t, t->cur);
		break;
	case TEXTIN_RIGHT:
		t->cur = textin_next(t, t->cur);
		break;
	case TEXTIN_HOME:
		t->cur = 0;
		break;
	case TEXTIN_END:
		t->cur = t->len;
		break;
	case TEXTIN_BACKSPACE:
		return (textin_cut(t, textin_prev(t, t->cur), t->cur));
	case TEXTIN_DELETE:
		return (textin_cut(t, t->cur, textin_next(t, t->cur)));
	case TEXTIN_KILL_START:
		return (textin_cut(t, 0, t->cur));
	case TEXTIN_KILL_WORD:
		return (textin_cut(t, textin_word_start(t), t->cur));
	}
	return (t->cur != was);
}

const char *
textin_text(const struct textin *t)
{
	return (t->buf);
}

size_t
textin_cursor(const struct textin *t)
{
	return (t->cur);
}

size_t
textin_length(const struct textin *t)
{
	return (t->n);
}

size_t
textin_max(const struct textin *t)
{
	return (t->max);
}

int
textin_hidden(const struct textin *t)
{
	return ((t->flags & TEXTIN_HIDDEN) != 0);
}

/* Columns the characters between a and b take as drawn. */
static int
textin_width(const struct textin *t, size_t a, size_t b)
{
	wchar_t	wc;
	int	w = 0;

	while (a < b) {
		if (textin_hidden(t)) {
			a = textin_next(t, a);
			w++;
			continue;
		}
		a += textw_decode(t->buf + a, b - a, &wc);
		w += textw_char_width(wc);
	}
	return (w);
}

char *
textin_view(const struct textin *t, int cols, int ascii, int *col)
{
	const char	*dot = ascii ? "*" : "\xe2\x80\xa2";
	size_t		 start = 0, off, next, out = 0;
	char		*s;
	int		 width = 0, cw, here;

	*col = 0;
	s = xmalloc(t->len * 3 + 1);
	s[0] = '\0';
	if (cols < 1)
		return (s);
	/* The cursor's cell (the character under it, or a blank) fits. */
	here = t->cur < t->len ? textin_width(t, t->cur,
	    textin_next(t, t->cur)) : 1;
	while (start < t->cur && textin_width(t, start, t->cur) + here > cols)
		start = textin_next(t, start);
	for (off = start; off < t->len; off = next) {
		next = textin_next(t, off);
		cw = textin_width(t, off, next);
		if (width + cw > cols)
			break;
		if (textin_hidden(t)) {
			memcpy(s + out, dot, strlen(dot));
			out += strlen(dot);
		} else {
			memcpy(s + out, t->buf + off, next - off);
			out += next - off;
		}
		width += cw;
	}
	s[out] = '\0';
	*col = textin_width(t, start, t->cur);
	return (s);
}

int
textin_draw(WINDOW *w, int y, int x, int cols, const struct textin *t,
    int focused, int ascii, attr_t attr)
{
	char	*s;
	int	 col;

	if (cols < 1)
		return (x);
	s = textin_view(t, cols, ascii, &col);
	textw_put(w, y, x, s, cols, TEXTW_PAD|(ascii ? TEXTW_ASCII : 0),
	    attr);
	free(s);
	if (focused && col < cols)
		mvwchgat(w, y, x + col, 1, (attr & ~A_COLOR) ^ A_REVERSE,
		    (short)PAIR_NUMBER(attr), NULL);
	return (x + col);
}
