/*
 * The widgets: width-aware text (ASCII, CJK, emoji, combining marks), the
 * list's selection and scrolling arithmetic and column widths, the gauge,
 * the sparkline, the field-by-field diff of two versions, the block
 * letters (drawn into an in-process curses screen).
 */
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "bigtext.h"
#include "diff.h"
#include "gauge.h"
#include "list.h"
#include "spark.h"
#include "tabs.h"
#include "textw.h"

#include "test.h"

__attribute__((constructor)) static void
setup_locale(void)
{
	setlocale(LC_ALL, "C.UTF-8");
}

#define CJK	"\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e"	/* 日本語 */
#define EMOJI	"\xf0\x9f\x98\x80"			/* 😀 */
#define ACUTE	"\xcc\x81"				/* U+0301 */
#define ELL	"\xe2\x80\xa6"				/* … */

static void
check_fit(const char *s, int cols, int flags, const char *want)
{
	char	*got = textw_fit(s, cols, flags);

	CHECK_STR(got, want);
	free(got);
}

static void
test_width(void)
{
	CHECK_INT(textw_width(""), 0);
	CHECK_INT(textw_width("abc"), 3);
	CHECK_INT(textw_width(CJK), 6);
	CHECK_INT(textw_width(EMOJI), 2);
	CHECK_INT(textw_width("e" ACUTE "e" ACUTE), 2);
	CHECK_INT(textw_width("a\xff" "b"), 3);	/* invalid byte: one cell */
	CHECK_INT(textw_width("\xe2\x82"), 2);	/* cut sequence: two cells */
	CHECK_INT(textw_width("a\tb\x1b"), 4);	/* controls: one cell each */
}

/* What curses is given takes exactly the columns counted. */
static void
test_fit_odd(void)
{
	check_fit("a\tb\x1b[31m", 20, 0,
	    "a\xef\xbf\xbd" "b\xef\xbf\xbd[31m");
	check_fit("a\tb\x1b[31m", 20, TEXTW_ASCII, "a?b?[31m");
	check_fit("a\xff" "b", 5, TEXTW_PAD|TEXTW_ASCII, "a?b  ");
	check_fit("line\nnext", 6, TEXTW_ELLIPSIS, "line\xef\xbf\xbd" ELL);
	check_fit("\xc2\x9b" "2J", 5, 0, "\xef\xbf\xbd" "2J");	/* C1 CSI */
	/* A mark with no base would land on the cell before: dropped. */
	check_fit(ACUTE "e" ACUTE, 3, TEXTW_PAD, "e" ACUTE "  ");
	/* A real U+FFFD stays. */
	check_fit("\xef\xbf\xbd", 2, 0, "\xef\xbf\xbd");
}

static void
test_fit_ascii(void)
{
	check_fit("hello world", 20, 0, "hello world");
	check_fit("hello world", 8, 0, "hello wo");
	check_fit("hello world", 8, TEXTW_ELLIPSIS, "hello w" ELL);
	check_fit("hello world", 8, TEXTW_ELLIPSIS|TEXTW_ASCII, "hello w~");
	check_fit("hello", 5, TEXTW_ELLIPSIS, "hello");
	check_fit("hi", 5, TEXTW_PAD, "hi   ");
	check_fit("42", 5, TEXTW_PAD|TEXTW_RIGHT, "   42");
	check_fit("hello", 0, TEXTW_ELLIPSIS|TEXTW_PAD, "");
	check_fit("hello", 1, TEXTW_ELLIPSIS, ELL);
	check_fit(NULL, 3, TEXTW_PAD, "   ");
}

static void
test_fit_wide(void)
{
	/* Never half a wide character: the ellipsis, then padding. */
	check_fit(CJK, 6, TEXTW_ELLIPSIS, CJK);
	check_fit(CJK, 5, TEXTW_ELLIPSIS, "\xe6\x97\xa5\xe6\x9c\xac" ELL);
	check_fit(CJK, 4, TEXTW_ELLIPSIS, "\xe6\x97\xa5" ELL);
	check_fit(CJK, 4, TEXTW_ELLIPSIS|TEXTW_PAD, "\xe6\x97\xa5" ELL " ");
	check_fit(CJK, 3, 0, "\xe6\x97\xa5");
	check_fit(CJK, 1, 0, "");
	check_fit("a" EMOJI "b", 3, 0, "a" EMOJI);
	check_fit("a" EMOJI "b", 2, TEXTW_ELLIPSIS, "a" ELL);
	check_fit("a" EMOJI "b", 2, 0, "a");
	check_fit(EMOJI EMOJI, 3, TEXTW_PAD, EMOJI " ");
}

static void
test_fit_combining(void)
{
	/* A combining mark stays with its base. */
	check_fit("e" ACUTE "e" ACUTE "e" ACUTE, 3, TEXTW_ELLIPSIS,
	    "e" ACUTE "e" ACUTE "e" ACUTE);
	check_fit("e" ACUTE "e" ACUTE "e" ACUTE, 2, TEXTW_ELLIPSIS,
	    "e" ACUTE ELL);
	check_fit("e" ACUTE "e" ACUTE "e" ACUTE, 2, 0, "e" ACUTE "e" ACUTE);
	check_fit("ab" ACUTE, 3, TEXTW_PAD, "ab" ACUTE " ");
}

static size_t	list_rows;

static size_t
list_count_cb(void *data)
{
	return (list_rows);
}

static void
list_cell_cb(void *data, size_t row, unsigned col, char *buf, size_t len,
    attr_t *attr)
{
	snprintf(buf, len, "row %zu", row);
}

static const struct list_ops test_list_ops = {
	.count = list_count_cb,
	.cell = list_cell_cb,
};

static const struct list_column test_columns[] = {
	{ "TITLE", 0, 0, 0 },
	{ "DATE", 16, 0, 0 },
	{ "STATUS", 9, 0, 0 },
	{ "FILL", 9, LIST_RIGHT, 0 },
	{ "BAR", 10, 0, 84 },
};

static void
test_list_moves(void)
{
	struct list	*l;
	int		 i;

	list_rows = 100;
	l = list_new(test_columns, 5, &test_list_ops, NULL);
	list_set_height(l, 10);
	CHECK_INT(list_selected(l), 0);
	CHECK_INT(list_top(l), 0);
	CHECK_INT(list_move(l, LIST_UP), 0);	/* already at the top */

	for (i = 0; i < 12; i++)
		CHECK_INT(list_move(l, LIST_DOWN), 1);
	CHECK_INT(list_selected(l), 12);
	CHECK_INT(list_top(l), 3);		/* scrolled just enough */

	CHECK_INT(list_move(l, LIST_PAGE_DOWN), 1);
	CHECK_INT(list_selected(l), 22);
	CHECK(list_selected(l) >= list_top(l) &&
	    list_selected(l) < list_top(l) + 10);

	CHECK_INT(list_move(l, LIST_END), 1);
	CHECK_INT(list_selected(l), 99);
	CHECK_INT(list_top(l), 90);
	CHECK_INT(list_move(l, LIST_DOWN), 0);
	CHECK_INT(list_move(l, LIST_PAGE_DOWN), 0);

	CHECK_INT(list_move(l, LIST_PAGE_UP), 1);
	CHECK_INT(list_selected(l), 89);
	CHECK(list_selected(l) >= list_top(l) &&
	    list_selected(l) < list_top(l) + 10);

	CHECK_INT(list_move(l, LIST_HOME), 1);
	CHECK_INT(list_selected(l), 0);
	CHECK_INT(list_top(l), 0);
	list_free(l);
}

static void
test_list_shrink(void)
{
	struct list	*l;

	list_rows = 50;
	l = list_new(test_columns, 5, &test_list_ops, NULL);
	list_set_height(l, 10);
	list_select(l, 40);
	CHECK_INT(list_selected(l), 40);

	/* The rows went away under the selection: it stays in range. */
	list_rows = 5;
	list_sync(l);
	CHECK_INT(list_selected(l), 4);
	CHECK_INT(list_top(l), 0);

	list_rows = 0;
	list_sync(l);
	CHECK(list_selected(l) == LIST_NONE);
	CHECK_INT(list_move(l, LIST_DOWN), 0);
	CHECK_INT(list_select(l, 3), 0);

	list_rows = 30;
	list_sync(l);
	CHECK_INT(list_select(l, 1000), 1);
	CHECK_INT(list_selected(l), 29);
	CHECK_INT(list_top(l), 20);

	/* A taller view shows more rows: top moves back. */
	list_set_height(l, 25);
	CHECK_INT(list_top(l), 5);
	list_free(l);
}

static void
test_list_widths(void)
{
	struct list	*l;
	int		 w[5];

	list_rows = 1;
	l = list_new(test_columns, 5, &test_list_ops, NULL);
	list_widths(l, 58, w);
	CHECK_INT(w[0], 58 - 16 - 9 - 9 - 3);
	CHECK_INT(w[1], 16);
	CHECK_INT(w[4], 0);			/* hidden below 84 */
	list_widths(l, 100, w);
	CHECK_INT(w[4], 10);
	{
		/* Two columns that take the rest share it, the first more. */
		static const struct list_column two[] = {
			{ "A", 0, 0, 0 }, { "B", 0, 0, 0 }, { "C", 4, 0, 0 }
		};
		struct list	*l2 = list_new(two, 3, &test_list_ops, NULL);
		int		 w2[3];

		list_widths(l2, 21, w2);
		CHECK_INT(w2[0], 8);
		CHECK_INT(w2[1], 7);
		CHECK_INT(w2[2], 4);
		list_free(l2);
	}
	CHECK_INT(w[0], 100 - 16 - 9 - 9 - 10 - 4);
	list_widths(l, 30, w);
	CHECK_INT(w[0], 0);			/* no room left for it */
	list_free(l);
}

static void
test_gauge(void)
{
	char	buf[128];

	CHECK_INT(gauge_format(buf, sizeof buf, 10, 50, 100, 1), 5);
	CHECK_STR(buf, "#####.....");
	CHECK_INT(gauge_format(buf, sizeof buf, 10, 1, 1000, 1), 1);
	CHECK_INT(gauge_format(buf, sizeof buf, 10, 0, 1000, 1), 0);
	CHECK_INT(gauge_format(buf, sizeof buf, 10, 300, 200, 1), 10);
	CHECK_INT(gauge_format(buf, sizeof buf, 10, -1, 200, 1), 0);
	CHECK_STR(buf, "..........");
	CHECK_INT(gauge_format(buf, sizeof buf, 4, 2, 4, 0), 2);
	CHECK_INT(textw_width(buf), 4);
	/* A short buffer is cut whole, never mid-character. */
	gauge_format(buf, 7, 10, 10, 10, 0);
	CHECK_STR(buf, "\xe2\x96\x88\xe2\x96\x88");
	CHECK_INT(gauge_percent(124, 200), 62);
	CHECK_INT(gauge_percent(5, 0), -1);
	CHECK_INT(gauge_percent(-1, 10), -1);
	CHECK_INT(gauge_percent(20, 10), 100);
}

/* Splits s into lines of cols columns, joined with '|'. */
static void
wrap_all(const char *s, int cols, char *out, size_t len)
{
	size_t	n, next, used = 0;
	int	lines = 0;

	out[0] = '\0';
	while (*s != '\0' && lines++ < 50) {
		n = textw_wrap(s, cols, &next);
		CHECK(next > 0);
		used += (size_t)snprintf(out + used, len - used, "%s%.*s",
		    used > 0 ? "|" : "", (int)n, s);
		s += next;
	}
}

static void
test_wrap(void)
{
	char	out[512];

	wrap_all("Doors open at six for the launch party", 12, out,
	    sizeof out);
	CHECK_STR(out, "Doors open|at six for|the launch|party");
	wrap_all("short", 12, out, sizeof out);
	CHECK_STR(out, "short");
	/* A word longer than the line is cut, never looped on. */
	wrap_all("supercalifragilistic word", 8, out, sizeof out);
	CHECK_STR(out, "supercal|ifragili|stic|word");
	/* Wide characters count two columns and are never split. */
	wrap_all("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e \xe6\x97\xa5", 5,
	    out, sizeof out);
	CHECK_STR(out, "\xe6\x97\xa5\xe6\x9c\xac|\xe8\xaa\x9e \xe6\x97\xa5");
	/* A column too narrow for a wide character drops it, no stall. */
	wrap_all("\xe6\x97\xa5x", 1, out, sizeof out);
	CHECK_STR(out, "x");
}

static void
test_spark(void)
{
	char		buf[128];
	int64_t		flat[] = { 0, 0, 0 };
	int64_t		ramp[] = { 0, 1, 2, 3, 4, 5, 6, 7 };
	int64_t		odd[] = { -1, 1, 100 };
	int64_t		many[] = { 1, 1, 1, 1, 1, 9, 9, 0 };

	CHECK_INT(spark_format(buf, sizeof buf, flat, 0, 10, 1), 0);
	CHECK_STR(buf, "");
	/* Nothing happened: a baseline, not blanks. */
	CHECK_INT(spark_format(buf, sizeof buf, flat, 3, 10, 1), 3);
	CHECK_STR(buf, "___");
	/* The tallest is the largest; a little is above nothing. */
	CHECK_INT(spark_format(buf, sizeof buf, ramp, 8, 10, 1), 8);
	CHECK_STR(buf, "_.,:-=+#");
	CHECK_INT(spark_format(buf, sizeof buf, odd, 3, 10, 1), 3);
	CHECK_STR(buf, "_.#");
	/* More values than cells: each sums its stretch, the newest last. */
	CHECK_INT(spark_format(buf, sizeof buf, many, 8, 4, 1), 4);
	CHECK_STR(buf, ",,#+");
	CHECK_INT(spark_format(buf, sizeof buf, many, 8, 3, 1), 3);
	CHECK_STR(buf, ".,#");
	/* Unicode blocks, and a buffer too small for them all. */
	CHECK_INT(spark_format(buf, sizeof buf, ramp, 8, 8, 0), 8);
	CHECK_STR(buf, "\xe2\x96\x81\xe2\x96\x82\xe2\x96\x83\xe2\x96\x84"
	    "\xe2\x96\x85\xe2\x96\x86\xe2\x96\x87\xe2\x96\x88");
	CHECK_INT(spark_format(buf, 8, ramp, 8, 8, 0), 2);
	CHECK_INT((int)strlen(buf), 6);
}

static void
test_diff(void)
{
	struct diff_row		 rows[] = {
		{ "title", "Launch", "Launch party", "Launch", 0, 0 },
		{ "location", "Hall", "Hall", "Room 2", 0, 0 },
		{ "capacity", "100", "120", "150", 0, 0 },
		{ "date", "9:00", "9:00", "9:00", 0, 0 },
		{ "category", NULL, "talk", "talk", 0, 0 },
		{ "description", "x", NULL, "x", 0, 0 },
	};
	struct diff_table	 t = { rows, 6, 1 };
	char			 buf[64];
	attr_t			 attr;

	CHECK_INT(diff_classify(rows, 6), 1);
	CHECK_INT(rows[0].state, DIFF_MINE);
	CHECK_INT(rows[1].state, DIFF_THEIRS);
	CHECK_INT(rows[2].state, DIFF_BOTH);
	CHECK_INT(rows[3].state, DIFF_SAME);
	CHECK_INT(rows[4].state, DIFF_AGREE);
	CHECK_INT(rows[5].state, DIFF_MINE);
	/* Nobody's change is dropped by default; a conflict starts on mine. */
	CHECK_STR(diff_value(&rows[0]), "Launch party");
	CHECK_STR(diff_value(&rows[1]), "Room 2");
	CHECK_STR(diff_value(&rows[2]), "120");
	CHECK(diff_value(&rows[5]) == NULL);
	diff_toggle(&rows[2]);
	CHECK_STR(diff_value(&rows[2]), "150");
	/* A field both sides hold the same way has no other side. */
	diff_toggle(&rows[4]);
	CHECK_INT(rows[4].pick, DIFF_PICK_MINE);
	diff_pick_all(rows, 6, DIFF_PICK_THEIRS);
	CHECK_STR(diff_value(&rows[0]), "Launch");
	CHECK_STR(diff_value(&rows[5]), "x");
	diff_pick_all(rows, 6, DIFF_PICK_MINE);
	CHECK_STR(diff_value(&rows[1]), "Hall");

	CHECK_INT(diff_list_ops.count(&t), 6);
	attr = 0;
	diff_list_ops.cell(&t, 2, 3, buf, sizeof buf, &attr);
	CHECK_STR(buf, "yours !");
	attr = 0;
	diff_list_ops.cell(&t, 2, 0, buf, sizeof buf, &attr);
	CHECK_STR(buf, "capacity");
	CHECK(attr & A_BOLD);
	attr = 0;
	diff_list_ops.cell(&t, 2, 2, buf, sizeof buf, &attr);
	CHECK_STR(buf, "150");
	CHECK(attr & A_DIM);
	attr = 0;
	diff_list_ops.cell(&t, 5, 1, buf, sizeof buf, &attr);
	CHECK_STR(buf, "-");
	diff_list_ops.cell(&t, 4, 3, buf, sizeof buf, &attr);
	CHECK_STR(buf, "same");
	diff_list_ops.cell(&t, 3, 3, buf, sizeof buf, &attr);
	CHECK_STR(buf, "");
	CHECK_STR(diff_state_name(DIFF_BOTH), "both");
}

static void
test_tabs(void)
{
	const char *const	 labels[] = { "Stats", CJK, "Registrations" };
	int			 starts[3], widths[3];

	/* " Stats " "|" " 日本語 " "|" " Registrations " */
	CHECK_INT(tabs_layout(labels, 3, 80, starts, widths), 32);
	CHECK_INT(starts[0], 0);
	CHECK_INT(widths[0], 7);
	CHECK_INT(starts[1], 8);
	CHECK_INT(widths[1], 8);
	CHECK_INT(starts[2], 17);
	CHECK_INT(widths[2], 15);
	CHECK_INT(tabs_hit(labels, 3, 80, 0), 0);
	CHECK_INT(tabs_hit(labels, 3, 80, 6), 0);
	CHECK_INT(tabs_hit(labels, 3, 80, 7), -1);	/* the separator */
	CHECK_INT(tabs_hit(labels, 3, 80, 8), 1);
	CHECK_INT(tabs_hit(labels, 3, 80, 31), 2);
	CHECK_INT(tabs_hit(labels, 3, 80, 32), -1);
	/* Too narrow for the last: it is not drawn, nor hit. */
	CHECK_INT(tabs_layout(labels, 3, 20, starts, widths), 16);
	CHECK_INT(widths[2], 0);
	CHECK_INT(tabs_hit(labels, 3, 20, 18), -1);
}

/* Wrapped into at most so many lines, the last holding the rest. */
static void
test_wrap_lines(void)
{
	const char	*start[3];
	size_t		 len[3];

	CHECK_INT(textw_wrap_lines(NULL, 10, 3, start, len), 0);
	CHECK_INT(textw_wrap_lines("", 10, 3, start, len), 0);
	CHECK_INT(textw_wrap_lines("one two three four five six", 9, 3,
	    start, len), 3);
	CHECK_INT(len[0], 7);			/* "one two" */
	CHECK(strncmp(start[1], "three", 5) == 0 && len[1] == 5);
	CHECK_STR(start[2], "four five six");	/* the rest, whole */
	CHECK_INT(textw_wrap_lines("short", 9, 3, start, len), 1);
	CHECK_INT(len[0], 5);
}

/* Row y of w as UTF-8, trailing blanks cut. */
static void
win_row(WINDOW *w, int y, char *out, size_t len)
{
	wchar_t	 row[256];
	size_t	 n;

	memset(row, 0, sizeof row);
	mvwinnwstr(w, y, 0, row, 200);
	n = wcstombs(out, row, len - 1);
	if (n == (size_t)-1)
		n = 0;
	out[n] = '\0';
	while (n > 0 && out[n - 1] == ' ')
		out[--n] = '\0';
}

/* The character in a cell of w and its colour pair. */
static wchar_t
win_cell(WINDOW *w, int y, int x, short *pair)
{
	cchar_t	cc;
	wchar_t	wch[CCHARW_MAX + 1];
	attr_t	attr;

	if (mvwin_wch(w, y, x, &cc) == ERR ||
	    getcchar(&cc, wch, &attr, pair, NULL) == ERR)
		return (0);
	return (wch[0]);
}

static void
test_bigtext_width(void)
{
	CHECK_INT(bigtext_height(), 5);
	CHECK_INT(bigtext_width(NULL), 0);
	CHECK_INT(bigtext_width(""), 0);
	CHECK_INT(bigtext_width("A"), 5);
	CHECK_INT(bigtext_width("I"), 3);
	/* V A L I D: 5 + 5 + 5 + 3 + 5 and a blank between each two. */
	CHECK_INT(bigtext_width("VALID"), 27);
	CHECK_INT(bigtext_width("valid"), 27);
	CHECK_INT(bigtext_width("A B"), 5 + 1 + 3 + 1 + 5);
	CHECK_INT(bigtext_width("10:30"), 3 + 1 + 5 + 1 + 1 + 1 + 5 + 1 + 5);
	/* Anything else is as wide as "?", a multibyte character once. */
	CHECK_INT(bigtext_width("\xe6\x97\xa5"), bigtext_width("?"));
	CHECK_INT(bigtext_width("a\tb"), 5 + 1 + bigtext_width("?") + 1 + 5);
	CHECK(bigtext_fits("VALID", 27));
	CHECK(!bigtext_fits("VALID", 26));
	CHECK(bigtext_fits("", 0));
}

static void
test_bigtext_draw(void)
{
	SCREEN	*scr;
	FILE	*out, *in;
	WINDOW	*w, *narrow;
	char	 row[1024];
	short	 pair;
	int	 y;

	out = fopen("/dev/null", "w");
	in = fopen("/dev/null", "r");
	if (out == NULL || in == NULL ||
	    (scr = newterm("xterm-256color", out, in)) == NULL) {
		CHECK(0);
		return;
	}
	set_term(scr);
	w = newwin(7, 60, 0, 0);

	CHECK_INT(bigtext_draw(w, 1, 2, "VALID", 1, 0), 27);
	win_row(w, 0, row, sizeof row);
	CHECK_STR(row, "");
	win_row(w, 1, row, sizeof row);
	CHECK_STR(row, "  #   #  ###  #     ### ####");
	win_row(w, 3, row, sizeof row);
	CHECK_STR(row, "  #   # ##### #      #  #   #");
	win_row(w, 5, row, sizeof row);
	CHECK_STR(row, "    #   #   # ##### ### ####");
	win_row(w, 6, row, sizeof row);
	CHECK_STR(row, "");

	/* Cut at the edge: nothing past it, the window's edge included. */
	werase(w);
	narrow = derwin(w, 5, 8, 0, 0);
	CHECK_INT(bigtext_draw(narrow, 0, 0, "VALID", 1, 0), 8);
	win_row(w, 0, row, sizeof row);
	CHECK_STR(row, "#   #  #");
	for (y = 0; y < 5; y++) {
		win_row(w, y, row, sizeof row);
		CHECK((int)strlen(row) <= 8);
	}
	/* Off the left and the top: the part inside is drawn. */
	werase(w);
	CHECK_INT(bigtext_draw(narrow, -2, -6, "VALID", 1, 0), 8);
	win_row(w, 0, row, sizeof row);
	CHECK_STR(row, "##### #");	/* row 2 of the letters, from A */
	win_row(w, 3, row, sizeof row);
	CHECK_STR(row, "");
	CHECK_INT(bigtext_draw(narrow, 0, 8, "VALID", 1, 0), 0);
	CHECK_INT(bigtext_draw(narrow, 0, -40, "VALID", 1, 0), 0);
	delwin(narrow);

	/* Unknown characters draw as "?", invalid bytes too. */
	werase(w);
	CHECK_INT(bigtext_draw(w, 0, 0, "\t\xff\xe6\x97", 1, 0),
	    bigtext_width("\t\xff\xe6\x97"));
	win_row(w, 0, row, sizeof row);
	CHECK_STR(row, " ###   ###   ###   ###");
	CHECK_INT(bigtext_draw(w, 0, 0, "", 1, 0), 0);
	CHECK_INT(bigtext_draw(w, 0, 0, NULL, 1, 0), 0);

	/* Full blocks, and every cell of the box in the caller's pair. */
	werase(w);
	CHECK_INT(bigtext_draw(w, 0, 0, "OK", 0, COLOR_PAIR(3) | A_BOLD), 11);
	CHECK(win_cell(w, 0, 1, &pair) == 0x2588);
	CHECK_INT(pair, 3);
	CHECK(win_cell(w, 0, 0, &pair) == L' ');
	CHECK_INT(pair, 3);
	CHECK(win_cell(w, 0, 5, &pair) == L' ');	/* between the two */
	CHECK_INT(pair, 3);
	CHECK(win_cell(w, 4, 6, &pair) == 0x2588);
	CHECK(win_cell(w, 0, 11, &pair) == L' ');	/* past the end */
	CHECK_INT(pair, 0);
	win_row(w, 2, row, sizeof row);
	CHECK_STR(row, "\xe2\x96\x88   \xe2\x96\x88 "
	    "\xe2\x96\x88\xe2\x96\x88\xe2\x96\x88");

	delwin(w);
	endwin();
	delscreen(scr);
	fclose(out);
	fclose(in);
}

TEST_MAIN(
	TEST_CASE(test_width),
	TEST_CASE(test_wrap),
	TEST_CASE(test_fit_odd),
	TEST_CASE(test_fit_ascii),
	TEST_CASE(test_fit_wide),
	TEST_CASE(test_fit_combining),
	TEST_CASE(test_list_moves),
	TEST_CASE(test_list_shrink),
	TEST_CASE(test_list_widths),
	TEST_CASE(test_gauge),
	TEST_CASE(test_spark),
	TEST_CASE(test_diff),
	TEST_CASE(test_tabs),
	TEST_CASE(test_wrap_lines),
	TEST_CASE(test_bigtext_width),
	TEST_CASE(test_bigtext_draw))
