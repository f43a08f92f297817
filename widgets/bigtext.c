/* Block letters: a five-row font drawn cell by cell. */
#include "bigtext.h"

#include <string.h>
#include <wchar.h>

#include "textw.h"

struct bigtext_glyph {
	char		 ch;
	const char	*rows[BIGTEXT_ROWS];	/* '#' set, '.' blank */
};

/* Each glyph's rows are all as wide as its first. */
static const struct bigtext_glyph bigtext_font[] = {
	{ 'A', { ".###.", "#...#", "#####", "#...#", "#...#" } },
	{ 'B', { "####.", "#...#", "####.", "#...#", "####." } },
	{ 'C', { ".####", "#....", "#....", "#....", ".####" } },
	{ 'D', { "####.", "#...#", "#...#", "#...#", "####." } },
	{ 'E', { "#####", "#....", "####.", "#....", "#####" } },
	{ 'F', { "#####", "#....", "####.", "#....", "#...." } },
	{ 'G', { ".####", "#....", "#..##", "#...#", ".####" } },
	{ 'H', { "#...#", "#...#", "#####", "#...#", "#...#" } },
	{ 'I', { "###", ".#.", ".#.", ".#.", "###" } },
	{ 'J', { "....#", "....#", "....#", "#...#", ".###." } },
	{ 'K', { "#...#", "#..#.", "###..", "#..#.", "#...#" } },
	{ 'L', { "#....", "#....", "#....", "#....", "#####" } },
	{ 'M', { "#...#", "##.##", "#.#.#", "#...#", "#...#" } },
	{ 'N', { "#...#", "##..#", "#.#.#", "#..##", "#...#" } },
	{ 'O', { ".###.", "#...#", "#...#", "#...#", ".###." } },
	{ 'P', { "####.", "#...#", "####.", "#....", "#...." } },
	{ 'Q', { ".###.", "#...#", "#.#.#", "#..#.", ".##.#" } },
	{ 'R', { "####.", "#...#", "####.", "#..#.", "#...#" } },
	{ 'S', { ".####", "#....", ".###.", "....#", "####." } },
	{ 'T', { "#####", "..#..", "..#..", "..#..", "..#.." } },
	{ 'U', { "#...#", "#...#", "#...#", "#...#", ".###." } },
	{ 'V', { "#...#", "#...#", "#...#", ".#.#.", "..#.." } },
	{ 'W', { "#...#", "#...#", "#.#.#", "##.##", "#...#" } },
	{ 'X', { "#...#", ".#.#.", "..#..", ".#.#.", "#...#" } },
	{ 'Y', { "#...#", ".#.#.", "..#..", "..#..", "..#.." } },
	{ 'Z', { "#####", "...#.", "..#..", ".#...", "#####" } },
	{ '0', { ".###.", "#..##", "#.#.#", "##..#", ".###." } },
	{ '1', { ".#.", "##.", ".#.", ".#.", "###" } },
	{ '2', { ".###.", "#...#", "..##.", ".#...", "#####" } },
	{ '3', { "####.", "....#", ".###.", "....#", "####." } },
	{ '4', { "#..#.", "#..#.", "#####", "...#.", "...#." } },
	{ '5', { "#####", "#....", "####.", "....#", "####." } },
	{ '6', { ".###.", "#....", "####.", "#...#", ".###." } },
	{ '7', { "#####", "....#", "...#.", "..#..", "..#.." } },
	{ '8', { ".###.", "#...#", ".###.", "#...#", ".###." } },
	{ '9', { ".###.", "#...#", ".####", "....#", ".###." } },
	{ ' ', { "...", "...", "...", "...", "..." } },
	{ '!', { "#", "#", "#", ".", "#" } },
	{ '-', { "...", "...", "###", "...", "..." } },
	{ ':', { ".", "#", ".", "#", "." } },
	{ '.', { ".", ".", ".", ".", "#" } },
	{ '?', { ".###.", "#...#", "..##.", ".....", "..#.." } },
	{ '/', { "....#", "...#.", "..#..", ".#...", "#...." } },
};

/* The glyph of one character; "?" for any the font does not have. */
static const struct bigtext_glyph *
bigtext_glyph(wchar_t wc)
{
	const struct bigtext_glyph	*unknown = NULL;
	size_t				 i;

	if (wc >= L'a' && wc <= L'z')
		wc = wc - L'a' + L'A';
	for (i = 0; i < sizeof bigtext_font / sizeof bigtext_font[0]; i++) {
		if ((wchar_t)bigtext_font[i].ch == wc)
			return (&bigtext_font[i]);
		if (bigtext_font[i].ch == '?')
			unknown = &bigtext_font[i];
	}
	return (unknown);
}

/* The glyph of the character at *off of text, moving *off past it. */
static const struct bigtext_glyph *
bigtext_next(const char *text, size_t *off)
{
	wchar_t	wc;

	*off += textw_decode(text + *off, strlen(text + *off), &wc);
	return (bigtext_glyph(wc));
}

/* Column col of glyph g at y, x of w; a blank column if g is NULL. */
static void
bigtext_column(WINDOW *w, int y, int x, const struct bigtext_glyph *g,
    int col, const cchar_t *on, const cchar_t *off)
{
	int	row;

	if (x < 0 || x >= getmaxx(w))
		return;
	for (row = 0; row < BIGTEXT_ROWS; row++) {
		if (y + row < 0 || y + row >= getmaxy(w))
			continue;
		if (g != NULL && g->rows[row][col] == '#')
			mvwadd_wch(w, y + row, x, on);
		else
			mvwadd_wch(w, y + row, x, off);
	}
}

int
bigtext_height(void)
{
	return (BIGTEXT_ROWS);
}

int
bigtext_width(const char *text)
{
	size_t	off = 0;
	int	width = 0;

	if (text == NULL)
		return (0);
	while (text[off] != '\0') {
		if (off > 0)
			width++;	/* the blank between two glyphs */
		width += (int)strlen(bigtext_next(text, &off)->rows[0]);
	}
	return (width);
}

int
bigtext_fits(const char *text, int cols)
{
	return (bigtext_width(text) <= cols);
}

int
bigtext_draw(WINDOW *w, int y, int x, const char *text, int ascii,
    attr_t attr)
{
	const struct bigtext_glyph	*g;
	cchar_t				 on, off;
	size_t				 at = 0;
	int				 maxx, col, gw, cx = x, start, end;

	if (w == NULL || text == NULL)
		return (0);
	maxx = getmaxx(w);
	setcchar(&on, ascii ? L"#" : L"\x2588", attr & ~A_COLOR,
	    (short)PAIR_NUMBER(attr), NULL);
	setcchar(&off, L" ", attr & ~A_COLOR, (short)PAIR_NUMBER(attr), NULL);
	while (text[at] != '\0' && cx < maxx) {
		if (at > 0)
			bigtext_column(w, y, cx++, NULL, 0, &on, &off);
		g = bigtext_next(text, &at);
		gw = (int)strlen(g->rows[0]);
		for (col = 0; col < gw; col++)
			bigtext_column(w, y, cx + col, g, col, &on, &off);
		cx += gw;
	}
	start = x < 0 ? 0 : x;
	end = cx < maxx ? cx : maxx;
	return (end > start ? end - start : 0);
}
