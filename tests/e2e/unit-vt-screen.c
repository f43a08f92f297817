/*
 * The expected-screen comparator on its own, from texts, with no pty and
 * no program: an identical screen passes, and a change of one cell's
 * character or of one cell's look is found and shown.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "vt-screen.h"

/* 12x3: a header in one look, a row with a bold red word, a wide one. */
#define SCREEN_HEAD	"# a comment\nsize 12x3\ntext\n"
#define SCREEN_TEXT	"| evtop  LIVE|\n|ok  warn    |\n|日本 done   |\n"
#define SCREEN_STYLES	"styles\n|aaaaaaaaaaaa|\n|....bbbb....|\n" \
			"|c>c>........|\n"
#define SCREEN_LEGEND	"legend\n. plain\na bold fg=7 bg=4\n" \
			"b bold fg=1\nc reverse\n"
#define SCREEN		SCREEN_HEAD SCREEN_TEXT SCREEN_STYLES \
			SCREEN_LEGEND

static struct vt_screen *
parse_ok(const char *text)
{
	struct vt_screen	*s;
	char			*cause = NULL;

	s = vt_screen_parse(text, &cause);
	if (s == NULL)
		fprintf(stderr, "parse: %s\n", cause);
	CHECK(s != NULL);
	free(cause);
	return (s);
}

/* The diff of want and got as text, and the count in *n. */
static char *
diff_text(const struct vt_screen *want, const struct vt_screen *got, int *n)
{
	char	*buf = NULL;
	size_t	 len = 0;
	FILE	*f;

	f = open_memstream(&buf, &len);
	*n = vt_screen_diff(want, got, f);
	fclose(f);
	return (buf);
}

/* text with the first from replaced by to. */
static char *
replace(const char *text, const char *from, const char *to)
{
	const char	*at = strstr(text, from);
	char		*out;

	CHECK(at != NULL);
	if (at == NULL)
		return (strdup(text));
	if (asprintf(&out, "%.*s%s%s", (int)(at - text), text, to,
	    at + strlen(from)) < 0)
		abort();
	return (out);
}

static void
test_identical_passes(void)
{
	struct vt_screen	*a = parse_ok(SCREEN), *b = parse_ok(SCREEN);
	char			*out;
	int			 n;

	if (a == NULL || b == NULL)
		goto out;
	out = diff_text(a, b, &n);
	CHECK_INT(n, 0);
	CHECK_STR(out, "");
	free(out);
out:
	vt_screen_free(a);
	vt_screen_free(b);
}

/* What format writes reads back as the same screen, letters and all. */
static void
test_format_round_trip(void)
{
	struct vt_screen	*a = parse_ok(SCREEN), *b = NULL;
	char			*text = NULL, *again = NULL;

	if (a == NULL)
		return;
	text = vt_screen_format(a);
	CHECK(strstr(text, "size 12x3\ntext\n" SCREEN_TEXT SCREEN_STYLES
	    SCREEN_LEGEND) != NULL);
	if ((b = parse_ok(text)) != NULL) {
		CHECK_INT(vt_screen_diff(a, b, NULL), 0);
		again = vt_screen_format(b);
		CHECK_STR(again, text);
	}
	free(again);
	free(text);
	vt_screen_free(a);
	vt_screen_free(b);
}

static void
test_one_character(void)
{
	struct vt_screen	*want = parse_ok(SCREEN), *got;
	char			*text, *out;
	int			 n;

	text = replace(SCREEN, "|ok  warn    |", "|ok  wern    |");
	got = parse_ok(text);
	if (want != NULL && got != NULL) {
		out = diff_text(want, got, &n);
		CHECK_INT(n, 1);
		CHECK_STR(out,
		    "row 1:\n"
		    "  want |ok  warn    |\n"
		    "   got |ok  wern    |\n"
		    "             ^\n");
		free(out);
	}
	free(text);
	vt_screen_free(want);
	vt_screen_free(got);
}

static void
test_one_look(void)
{
	struct vt_screen	*want = parse_ok(SCREEN), *got;
	char			*text, *out;
	int			 n;

	text = replace(SCREEN, "|....bbbb....|", "|....bbb.....|");
	got = parse_ok(text);
	if (want != NULL && got != NULL) {
		out = diff_text(want, got, &n);
		CHECK_INT(n, 1);
		CHECK_STR(out, "row 1 column 7 \"n\": want bold fg=1, got "
		    "plain\n");
		free(out);
	}
	free(text);
	vt_screen_free(want);
	vt_screen_free(got);

	/* A colour alone counts too, and a run of cells is one line. */
	text = replace(SCREEN, "a bold fg=7 bg=4", "a bold fg=7 bg=6");
	want = parse_ok(SCREEN);
	got = parse_ok(text);
	if (want != NULL && got != NULL) {
		out = diff_text(want, got, &n);
		CHECK_INT(n, 12);
		CHECK_STR(out, "row 0 columns 0-11 \" evtop  LIVE\": want "
		    "bold fg=7 bg=4, got bold fg=7 bg=6\n");
		free(out);
	}
	free(text);
	vt_screen_free(want);
	vt_screen_free(got);
}

/* A wide character is two cells: a change to it marks both. */
static void
test_wide_character(void)
{
	struct vt_screen	*want = parse_ok(SCREEN), *got;
	char			*text, *out;
	int			 n;

	text = replace(SCREEN, "|日本 done   |", "|日木 done   |");
	got = parse_ok(text);
	if (want != NULL && got != NULL) {
		out = diff_text(want, got, &n);
		CHECK_INT(n, 2);
		CHECK_STR(out,
		    "row 2:\n"
		    "  want |日本 done   |\n"
		    "   got |日木 done   |\n"
		    "          ^^\n");
		free(out);
	}
	free(text);
	vt_screen_free(want);
	vt_screen_free(got);
}

static void
test_size_differs(void)
{
	struct vt_screen	*want = parse_ok(SCREEN), *got;
	char			*out;
	int			 n;

	got = parse_ok("size 2x1\ntext\n|ok|\nstyles\n|..|\nlegend\n");
	if (want != NULL && got != NULL) {
		out = diff_text(want, got, &n);
		CHECK_INT(n, 36);
		CHECK_STR(out, "size: want 12x3, got 2x1\n");
		free(out);
	}
	vt_screen_free(want);
	vt_screen_free(got);
}

/* A hand-edited file that does not add up is refused with the line. */
static void
test_bad_files(void)
{
	static const struct {
		const char	*text;
		const char	*cause;
	} cases[] = {
		{ "text\n", "line 1: text before the size" },
		{ "size 3x1\ntext\n|abcd|\nstyles\n|...|\n",
		  "row 0: the text is more than 3 cells" },
		{ "size 3x1\ntext\n|ab|\nstyles\n|...|\n",
		  "row 0: the text is 2 cells, not 3" },
		{ "size 3x1\ntext\n|a\xff|\nstyles\n|...|\n",
		  "row 0: the text is not UTF-8" },
		{ "size 3x1\ntext\n|abc|\nstyles\n|..|\n",
		  "line 5: a styles row of 2 letters, not 3" },
		{ "size 3x1\ntext\n|abc|\nstyles\n|.x.|\nlegend\n",
		  "row 0 column 1: 'x' is not in the legend" },
		{ "size 3x1\ntext\n|abc|\nstyles\n|.a.|\nlegend\na blink\n",
		  "line 7: a look is made of bold, underline, reverse, fg=N "
		  "and bg=N" },
		{ "size 3x1\ntext\nabc\n", "line 3: a row goes between bars" },
		{ "size 3x2\ntext\n|abc|\nstyles\n|...|\n",
		  "text for 1 of 2 rows, styles for 1" },
	};
	struct vt_screen	*s;
	char			*cause;
	size_t			 i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		cause = NULL;
		s = vt_screen_parse(cases[i].text, &cause);
		CHECK(s == NULL);
		CHECK_STR(cause, cases[i].cause);
		vt_screen_free(s);
		free(cause);
	}
}

int
main(void)
{
	static const struct test_case cases[] = {
		TEST_CASE(test_identical_passes),
		TEST_CASE(test_format_round_trip),
		TEST_CASE(test_one_character),
		TEST_CASE(test_one_look),
		TEST_CASE(test_wide_character),
		TEST_CASE(test_size_differs),
		TEST_CASE(test_bad_files),
	};

	return (test_run(cases, sizeof cases / sizeof cases[0]));
}
