/* Expected screens: capture, the file's text, comparison and update. */
#include "vt-screen.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "utf8.h"
#include "vt-harness.h"
#include "xmalloc.h"

/* Letters for looks other than the plain one ('.'), in order of use. */
static const char vt_screen_letters[] =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
#define VT_SCREEN_LOOKS		(sizeof vt_screen_letters - 1)
/* The right half of a wide character, in the styles block. */
#define VT_SCREEN_HALF		'>'
/* Runs of differing looks reported at most: the rest are counted. */
#define VT_SCREEN_RUNS_MAX	30
#define VT_SCREEN_SIZE_MAX	1000

struct vt_screen {
	int		 rows;
	int		 cols;
	struct vt_cell	*cells;		/* rows * cols, by rows */
};

static struct vt_screen *
vt_screen_new(int rows, int cols)
{
	struct vt_screen	*s;

	s = xcalloc(1, sizeof *s);
	s->rows = rows;
	s->cols = cols;
	s->cells = xcalloc((size_t)rows * (size_t)cols, sizeof *s->cells);
	return (s);
}

void
vt_screen_free(struct vt_screen *s)
{
	if (s == NULL)
		return;
	free(s->cells);
	free(s);
}

static struct vt_cell *
vt_screen_cell(const struct vt_screen *s, int row, int col)
{
	return (&s->cells[(size_t)row * (size_t)s->cols + (size_t)col]);
}

struct vt_screen *
vt_screen_capture(struct vt *vt)
{
	struct vt_screen	*s;
	int			 rows, cols, r, c;

	vt_size(vt, &rows, &cols);
	s = vt_screen_new(rows, cols);
	for (r = 0; r < rows; r++) {
		for (c = 0; c < cols; c++)
			vt_cell(vt, r, c, vt_screen_cell(s, r, c));
	}
	return (s);
}

static uint64_t
vt_screen_now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000);
}

struct vt_screen *
vt_screen_capture_stable(struct vt *vt, int quiet_ms, int timeout_ms)
{
	struct vt_screen	*prev = NULL, *cur;
	uint64_t		 deadline = vt_screen_now_ms() + timeout_ms;
	int			 rc;

	for (;;) {
		/* Output within quiet_ms: not settled yet. */
		if ((rc = vt_pump(vt, quiet_ms)) > 0) {
			if (vt_screen_now_ms() >= deadline)
				break;
			continue;
		}
		cur = vt_screen_capture(vt);
		if (prev != NULL && vt_screen_diff(prev, cur, NULL) == 0) {
			vt_screen_free(prev);
			return (cur);
		}
		vt_screen_free(prev);
		prev = cur;
		if (vt_screen_now_ms() >= deadline)
			break;
	}
	vt_screen_free(prev);
	return (NULL);
}

static int
vt_screen_same_look(const struct vt_cell *a, const struct vt_cell *b)
{
	return (a->bold == b->bold && a->underline == b->underline &&
	    a->reverse == b->reverse && a->fg == b->fg && a->bg == b->bg);
}

static int
vt_screen_same_text(const struct vt_cell *a, const struct vt_cell *b)
{
	return (a->width == b->width && strcmp(a->text, b->text) == 0);
}

static int
vt_screen_plain(const struct vt_cell *c)
{
	return (!c->bold && !c->underline && !c->reverse && c->fg == -1 &&
	    c->bg == -1);
}

/* A look as the legend writes it: "bold fg=15 bg=4", or "plain". */
static void
vt_screen_look_text(const struct vt_cell *c, char *buf, size_t len)
{
	size_t	off = 0;

	buf[0] = '\0';
	if (c->bold)
		off += (size_t)snprintf(buf + off, len - off, " bold");
	if (c->underline && off < len)
		off += (size_t)snprintf(buf + off, len - off, " underline");
	if (c->reverse && off < len)
		off += (size_t)snprintf(buf + off, len - off, " reverse");
	if (c->fg == -2 && off < len)
		off += (size_t)snprintf(buf + off, len - off, " fg=rgb");
	else if (c->fg != -1 && off < len)
		off += (size_t)snprintf(buf + off, len - off, " fg=%d", c->fg);
	if (c->bg == -2 && off < len)
		off += (size_t)snprintf(buf + off, len - off, " bg=rgb");
	else if (c->bg != -1 && off < len)
		off += (size_t)snprintf(buf + off, len - off, " bg=%d", c->bg);
	if (off == 0)
		snprintf(buf, len, "plain");
	else
		memmove(buf, buf + 1, strlen(buf));
}

/* A row's text: each character once, a wide one's right half not at all. */
static char *
vt_screen_row_text(const struct vt_screen *s, int row)
{
	const struct vt_cell	*c;
	char			*out;
	size_t			 len = 0;
	int			 col;

	out = xmalloc((size_t)s->cols * sizeof c->text + 1);
	for (col = 0; col < s->cols; col++) {
		c = vt_screen_cell(s, row, col);
		if (c->width == 0)
			continue;
		memcpy(out + len, c->text, strlen(c->text));
		len += strlen(c->text);
	}
	out[len] = '\0';
	return (out);
}

char *
vt_screen_format(const struct vt_screen *s)
{
	const struct vt_cell	*looks[VT_SCREEN_LOOKS], *c;
	char			*buf = NULL, *text, look[96], letter;
	size_t			 len = 0, nlooks = 0, i;
	FILE			*f;
	int			 r, col, plain = 0;

	if ((f = open_memstream(&buf, &len)) == NULL)
		abort();
	fprintf(f, "# An expected screen (tests/e2e/vt-screen.h): each row's "
	    "text between bars,\n# then each cell's look as a letter of the "
	    "legend.  `make screens` writes\n# it again after an intended "
	    "change.\n");
	fprintf(f, "size %dx%d\ntext\n", s->cols, s->rows);
	for (r = 0; r < s->rows; r++) {
		text = vt_screen_row_text(s, r);
		fprintf(f, "|%s|\n", text);
		free(text);
	}
	fprintf(f, "styles\n");
	for (r = 0; r < s->rows; r++) {
		fputc('|', f);
		for (col = 0; col < s->cols; col++) {
			c = vt_screen_cell(s, r, col);
			if (c->width == 0) {
				fputc(VT_SCREEN_HALF, f);
				continue;
			}
			if (vt_screen_plain(c)) {
				plain = 1;
				fputc('.', f);
				continue;
			}
			for (i = 0; i < nlooks; i++) {
				if (vt_screen_same_look(looks[i], c))
					break;
			}
			if (i == nlooks && nlooks < VT_SCREEN_LOOKS)
				looks[nlooks++] = c;
			letter = i < VT_SCREEN_LOOKS ?
			    vt_screen_letters[i] : '?';
			fputc(letter, f);
		}
		fputs("|\n", f);
	}
	fprintf(f, "legend\n");
	if (plain)
		fprintf(f, ". plain\n");
	for (i = 0; i < nlooks; i++) {
		vt_screen_look_text(looks[i], look, sizeof look);
		fprintf(f, "%c %s\n", vt_screen_letters[i], look);
	}
	fclose(f);
	return (buf);
}

/* A legend line's words into a look; -1 on a word it does not know. */
static int
vt_screen_parse_look(char *words, struct vt_cell *c)
{
	char	*w, *last, *end;
	long	 n;

	c->fg = c->bg = -1;
	for (w = strtok_r(words, " \t", &last); w != NULL;
	    w = strtok_r(NULL, " \t", &last)) {
		if (strcmp(w, "plain") == 0)
			continue;
		if (strcmp(w, "bold") == 0)
			c->bold = 1;
		else if (strcmp(w, "underline") == 0)
			c->underline = 1;
		else if (strcmp(w, "reverse") == 0)
			c->reverse = 1;
		else if (strcmp(w, "fg=rgb") == 0)
			c->fg = -2;
		else if (strcmp(w, "bg=rgb") == 0)
			c->bg = -2;
		else if (strncmp(w, "fg=", 3) == 0 ||
		    strncmp(w, "bg=", 3) == 0) {
			errno = 0;
			n = strtol(w + 3, &end, 10);
			if (w[3] == '\0' || *end != '\0' || errno != 0 ||
			    n < 0 || n > 255)
				return (-1);
			if (w[0] == 'f')
				c->fg = (int)n;
			else
				c->bg = (int)n;
		} else
			return (-1);
	}
	return (0);
}

/*
 * Whether a character combines with the one before it (accents, joiners,
 * variation selectors): told by its block rather than by wcwidth, which
 * would depend on the locale the test runs in.
 */
static int
vt_screen_combining(uint32_t cp)
{
	return ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x1ab0 &&
	    cp <= 0x1aff) || (cp >= 0x1dc0 && cp <= 0x1dff) ||
	    (cp >= 0x20d0 && cp <= 0x20ff) || (cp >= 0xfe20 &&
	    cp <= 0xfe2f) || (cp >= 0xfe00 && cp <= 0xfe0f) || cp == 0x200d);
}

/*
 * A text row into its cells: a character per cell, the cell after a wide
 * one (VT_SCREEN_HALF in styles) its right half; combining characters
 * join the one before.  Returns the cells filled (cols + 1: too many),
 * or -1 on bad UTF-8.
 */
static int
vt_screen_parse_text(struct vt_screen *s, int row, const char *text,
    size_t len, const char *styles)
{
	struct vt_cell	*c = NULL;
	uint32_t	 cp;
	size_t		 n, off = 0, used;
	int		 col = 0;

	while (off < len) {
		if ((n = utf8_decode(text + off, len - off, &cp)) == 0)
			return (-1);
		if (c != NULL && vt_screen_combining(cp)) {
			used = strlen(c->text);
			if (used + n < sizeof c->text) {
				memcpy(c->text + used, text + off, n);
				c->text[used + n] = '\0';
			}
			off += n;
			continue;
		}
		if (col >= s->cols)
			return (s->cols + 1);
		c = vt_screen_cell(s, row, col++);
		memcpy(c->text, text + off, n);
		c->width = 1;
		off += n;
		if (col < s->cols && styles[col] == VT_SCREEN_HALF) {
			c->width = 2;
			vt_screen_cell(s, row, col++)->width = 0;
		}
	}
	return (col);
}

struct vt_screen *
vt_screen_parse(const char *text, char **cause)
{
	enum { PART_NONE, PART_TEXT, PART_STYLES, PART_LEGEND } part =
	    PART_NONE;
	struct vt_screen	*s = NULL;
	struct vt_cell		 legend[VT_SCREEN_LOOKS + 1], *c;
	char			 keys[VT_SCREEN_LOOKS + 1];
	char			*copy, *line, *next, *at;
	char			**rows = NULL, *styles = NULL;
	size_t			 len, nlegend = 0, i;
	int			 lineno = 0, trow = 0, srow = 0;
	int			 r, col, w, h;

	*cause = NULL;
	copy = xstrdup(text);
	for (line = copy; line != NULL && *cause == NULL; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		lineno++;
		len = strlen(line);
		if (len == 0 || line[0] == '#')
			continue;
		if (sscanf(line, "size %dx%d", &w, &h) == 2) {
			if (s != NULL || w < 1 || h < 1 ||
			    w > VT_SCREEN_SIZE_MAX || h > VT_SCREEN_SIZE_MAX)
				xasprintf(cause, "line %d: a second or bad "
				    "size", lineno);
			else {
				s = vt_screen_new(h, w);
				rows = xcalloc((size_t)h, sizeof *rows);
				styles = xcalloc((size_t)h, (size_t)w + 1);
			}
			continue;
		}
		if (strcmp(line, "text") == 0 || strcmp(line, "styles") == 0 ||
		    strcmp(line, "legend") == 0) {
			if (s == NULL)
				xasprintf(cause, "line %d: %s before the size",
				    lineno, line);
			part = line[0] == 't' ? PART_TEXT : line[0] == 's' ?
			    PART_STYLES : PART_LEGEND;
			continue;
		}
		switch (part) {
		case PART_TEXT:
		case PART_STYLES:
			if (len < 2 || line[0] != '|' || line[len - 1] != '|') {
				xasprintf(cause, "line %d: a row goes between "
				    "bars", lineno);
				break;
			}
			line[len - 1] = '\0';
			if (part == PART_TEXT && trow < s->rows)
				rows[trow] = line + 1;
			if (part == PART_TEXT && trow++ >= s->rows)
				xasprintf(cause, "line %d: more than %d rows "
				    "of text", lineno, s->rows);
			if (part != PART_STYLES)
				break;
			if (srow >= s->rows)
				xasprintf(cause, "line %d: more than %d rows "
				    "of styles", lineno, s->rows);
			else if (len - 2 != (size_t)s->cols)
				xasprintf(cause, "line %d: a styles row of %zu "
				    "letters, not %d", lineno, len - 2,
				    s->cols);
			else
				memcpy(styles + (size_t)srow * (size_t)
				    (s->cols + 1), line + 1, len - 2);
			srow++;
			break;
		case PART_LEGEND:
			if (len < 3 || line[1] != ' ' || nlegend >=
			    VT_SCREEN_LOOKS + 1) {
				xasprintf(cause, "line %d: a legend line is a "
				    "letter, a blank and a look", lineno);
				break;
			}
			memset(&legend[nlegend], 0, sizeof legend[nlegend]);
			keys[nlegend] = line[0];
			if (vt_screen_parse_look(line + 2,
			    &legend[nlegend]) != 0)
				xasprintf(cause, "line %d: a look is made of "
				    "bold, underline, reverse, fg=N and bg=N",
				    lineno);
			nlegend++;
			break;
		default:
			xasprintf(cause, "line %d: \"%s\" is not part of a "
			    "screen", lineno, line);
			break;
		}
	}
	if (*cause == NULL && s == NULL)
		xasprintf(cause, "no size line");
	if (*cause == NULL && (trow != s->rows || srow != s->rows))
		xasprintf(cause, "text for %d of %d rows, styles for %d",
		    trow, s->rows, srow);
	for (r = 0; *cause == NULL && r < s->rows; r++) {
		at = styles + (size_t)r * (size_t)(s->cols + 1);
		len = strlen(rows[r]);
		col = vt_screen_parse_text(s, r, rows[r], len, at);
		if (col < 0)
			xasprintf(cause, "row %d: the text is not UTF-8", r);
		else if (col > s->cols)
			xasprintf(cause, "row %d: the text is more than %d "
			    "cells", r, s->cols);
		else if (col < s->cols)
			xasprintf(cause, "row %d: the text is %d cells, not %d",
			    r, col, s->cols);
		if (*cause != NULL)
			break;
		for (col = 0; col < s->cols; col++) {
			c = vt_screen_cell(s, r, col);
			if (at[col] == VT_SCREEN_HALF) {
				/* Styled as the character it belongs to. */
				if (col == 0 || c->width != 0) {
					xasprintf(cause, "row %d column %d: "
					    "half of no wide character", r,
					    col);
					break;
				}
				memcpy(c, c - 1, sizeof *c);
				c->text[0] = '\0';
				c->width = 0;
				continue;
			}
			c->fg = c->bg = -1;
			if (at[col] == '.')
				continue;
			for (i = 0; i < nlegend && keys[i] != at[col]; i++)
				;
			if (i == nlegend) {
				xasprintf(cause, "row %d column %d: '%c' is "
				    "not in the legend", r, col, at[col]);
				break;
			}
			c->bold = legend[i].bold;
			c->underline = legend[i].underline;
			c->reverse = legend[i].reverse;
			c->fg = legend[i].fg;
			c->bg = legend[i].bg;
		}
	}
	free(rows);
	free(styles);
	free(copy);
	if (*cause != NULL) {
		vt_screen_free(s);
		return (NULL);
	}
	return (s);
}

/* Prints a row's text as expected and as drawn, carets under changes. */
static void
vt_screen_diff_row(const struct vt_screen *want, const struct vt_screen *got,
    int row, const char *marks, FILE *f)
{
	char	*w = vt_screen_row_text(want, row);
	char	*g = vt_screen_row_text(got, row);
	int	 last = (int)strlen(marks);

	while (last > 0 && marks[last - 1] == ' ')
		last--;
	fprintf(f, "row %d:\n  want |%s|\n   got |%s|\n        %.*s\n", row,
	    w, g, last, marks);
	free(w);
	free(g);
}

int
vt_screen_diff(const struct vt_screen *want, const struct vt_screen *got,
    FILE *f)
{
	const struct vt_cell	*w, *g, *w0, *g0;
	char			*marks, wl[96], gl[96], text[64];
	size_t			 tlen;
	int			 r, c, start, n = 0, runs = 0, row_changed;
	int			 text_changed;

	if (want->rows != got->rows || want->cols != got->cols) {
		if (f != NULL)
			fprintf(f, "size: want %dx%d, got %dx%d\n",
			    want->cols, want->rows, got->cols, got->rows);
		return (want->rows * want->cols > got->rows * got->cols ?
		    want->rows * want->cols : got->rows * got->cols);
	}
	marks = xmalloc((size_t)want->cols + 1);
	for (r = 0; r < want->rows; r++) {
		row_changed = 0;
		for (c = 0; c < want->cols; c++) {
			w = vt_screen_cell(want, r, c);
			g = vt_screen_cell(got, r, c);
			/* A wide character's right half goes with it. */
			text_changed = !vt_screen_same_text(w, g) || (c > 0 &&
			    w->width == 0 && g->width == 0 &&
			    marks[c - 1] == '^');
			marks[c] = text_changed ? '^' : ' ';
			row_changed |= text_changed;
			if (text_changed || !vt_screen_same_look(w, g))
				n++;
		}
		marks[want->cols] = '\0';
		if (row_changed && f != NULL)
			vt_screen_diff_row(want, got, r, marks, f);
	}
	free(marks);
	if (f == NULL)
		return (n);

	/* Looks: runs of cells with the same pair of differing looks. */
	for (r = 0; r < want->rows; r++) {
		for (c = 0; c < want->cols; c++) {
			w0 = vt_screen_cell(want, r, c);
			g0 = vt_screen_cell(got, r, c);
			if (vt_screen_same_look(w0, g0))
				continue;
			start = c;
			tlen = 0;
			text[0] = '\0';
			for (; c < want->cols; c++) {
				w = vt_screen_cell(want, r, c);
				g = vt_screen_cell(got, r, c);
				if (!vt_screen_same_look(w, w0) ||
				    !vt_screen_same_look(g, g0))
					break;
				if (tlen + strlen(g->text) < sizeof text - 4) {
					memcpy(text + tlen, g->text,
					    strlen(g->text) + 1);
					tlen += strlen(g->text);
				}
			}
			c--;
			if (++runs > VT_SCREEN_RUNS_MAX)
				continue;
			vt_screen_look_text(w0, wl, sizeof wl);
			vt_screen_look_text(g0, gl, sizeof gl);
			if (start == c)
				fprintf(f, "row %d column %d \"%s\": want %s, "
				    "got %s\n", r, start, text, wl, gl);
			else
				fprintf(f, "row %d columns %d-%d \"%s\": want "
				    "%s, got %s\n", r, start, c, text, wl, gl);
		}
	}
	if (runs > VT_SCREEN_RUNS_MAX)
		fprintf(f, "... and %d more runs of cells whose look differs\n",
		    runs - VT_SCREEN_RUNS_MAX);
	return (n);
}

/* A file's contents, or NULL with errno set. */
static char *
vt_screen_slurp(const char *path)
{
	FILE	*f;
	char	*buf;
	long	 len;

	if ((f = fopen(path, "r")) == NULL)
		return (NULL);
	if (fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0) {
		fclose(f);
		return (NULL);
	}
	rewind(f);
	buf = xmalloc((size_t)len + 1);
	if (fread(buf, 1, (size_t)len, f) != (size_t)len) {
		free(buf);
		fclose(f);
		errno = EIO;
		return (NULL);
	}
	buf[len] = '\0';
	fclose(f);
	return (buf);
}

/* Writes text to path through a temporary file beside it. */
static int
vt_screen_write(const char *path, const char *text)
{
	char	*tmp;
	FILE	*f;
	int	 rc = 0;

	xasprintf(&tmp, "%s.%ld.tmp", path, (long)getpid());
	if ((f = fopen(tmp, "w")) == NULL) {
		free(tmp);
		return (-1);
	}
	if (fputs(text, f) == EOF)
		rc = -1;
	if (fclose(f) != 0)
		rc = -1;
	if (rc == 0 && rename(tmp, path) != 0)
		rc = -1;
	if (rc != 0)
		unlink(tmp);
	free(tmp);
	return (rc);
}

static int
vt_screen_updating(void)
{
	const char	*v = getenv("EVTOP_SCREENS_UPDATE");

	return (v != NULL && *v != '\0' && strcmp(v, "0") != 0);
}

int
vt_screen_check(struct vt *vt, const char *name)
{
	const char		*src = getenv("EVTOP_SOURCE_DIR");
	struct vt_screen	*got, *want;
	char			*path, *old, *text, *cause = NULL;
	int			 n, rc = -1;

	xasprintf(&path, "%s/tests/screens/%s.screen", src != NULL ? src :
	    ".", name);
	got = vt_screen_capture_stable(vt, VT_SCREEN_QUIET_MS,
	    VT_DEADLINE_MS);
	if (got == NULL) {
		fprintf(stderr, "screens: %s: the screen did not stop "
		    "changing\n", name);
		vt_dump(vt, stderr);
		free(path);
		return (-1);
	}
	old = vt_screen_slurp(path);
	text = vt_screen_format(got);

	if (vt_screen_updating()) {
		if (old != NULL && strcmp(old, text) == 0) {
			printf("screens: unchanged tests/screens/%s.screen\n",
			    name);
			rc = 0;
		} else if (vt_screen_write(path, text) == 0) {
			printf("screens: %s tests/screens/%s.screen\n",
			    old != NULL ? "changed" : "new", name);
			rc = 0;
		} else
			fprintf(stderr, "screens: cannot write %s: %s\n",
			    path, strerror(errno));
		fflush(stdout);
		goto out;
	}

	if (old == NULL) {
		fprintf(stderr, "screens: cannot read %s (%s); `make screens` "
		    "writes it.  The screen drawn:\n%s", path,
		    strerror(errno), text);
		goto out;
	}
	if ((want = vt_screen_parse(old, &cause)) == NULL) {
		fprintf(stderr, "screens: %s: %s\n", path, cause);
		free(cause);
		goto out;
	}
	if ((n = vt_screen_diff(want, got, NULL)) == 0)
		rc = 0;
	else {
		fprintf(stderr, "screens: %s differs from "
		    "tests/screens/%s.screen in %d cell%s (rows and columns "
		    "count from 0):\n", name, name, n, n == 1 ? "" : "s");
		vt_screen_diff(want, got, stderr);
		fprintf(stderr, "screens: if the change is intended, `make "
		    "screens` writes the file again\n");
	}
	vt_screen_free(want);
out:
	free(text);
	free(old);
	free(path);
	vt_screen_free(got);
	return (rc);
}
