/*
 * Themes: every built-in theme has a look for every style, the option's
 * names and the tables agree, looks are read as documented, every
 * mistake in a [theme] line is a FILE:LINE sentence, and without colour
 * the mono look wins over any theme.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "term.h"
#include "theme.h"

#include "test.h"

static void
test_builtins_complete(void)
{
	const char *const	*names = options_choices(options_get(OPT_THEME));
	struct theme		*t;
	struct theme_look	 look;
	char			*cause = NULL;
	size_t			 i, s, n = 0;

	CHECK_INT(theme_check_builtins(&cause), 0);
	if (cause != NULL)
		fprintf(stderr, "%s\n", cause);
	free(cause);

	/* --theme offers exactly the built-in themes, in the same order. */
	CHECK(names != NULL);
	for (i = 0; names != NULL && names[i] != NULL; i++) {
		CHECK_STR(theme_builtin(i), names[i]);
		n++;
	}
	CHECK(theme_builtin(n) == NULL);
	CHECK_INT((int)n, 4);

	for (i = 0; theme_builtin(i) != NULL; i++) {
		cause = NULL;
		t = theme_new(theme_builtin(i), NULL, 0, "config.ini", &cause);
		CHECK(t != NULL);
		if (t == NULL) {
			free(cause);
			continue;
		}
		CHECK_STR(theme_name(t), theme_builtin(i));
		for (s = 0; s < TERM_STYLE__COUNT; s++) {
			theme_get(t, (enum term_style)s, 1, &look);
			CHECK(look.fg >= -1 && look.fg <= 255);
			CHECK(look.bg >= -1 && look.bg <= 255);
			/* mono has no colour even when the terminal has. */
			if (strcmp(theme_builtin(i), "mono") == 0)
				CHECK(look.fg == -1 && look.bg == -1);
		}
		theme_free(t);
	}
	/* NULL is the default theme: the header as it always was. */
	theme_get(NULL, TERM_HEADER, 0, &look);
	CHECK_INT((int)look.attrs, (int)A_REVERSE);
	theme_get(NULL, TERM_HEADER, 1, &look);
	CHECK_INT(look.fg, COLOR_WHITE);
	CHECK_INT(look.bg, COLOR_BLUE);
	CHECK_INT((int)look.attrs, (int)A_BOLD);
}

/* The table beside the enum names every style but normal, once. */
static void
test_style_names(void)
{
	const char	*name;
	size_t		 s, k;

	CHECK(term_style_name(TERM_NORMAL) == NULL);
	CHECK_INT(term_style_find("normal"), -1);
	CHECK_INT(term_style_find("headr"), -1);
	CHECK_INT(term_style_find(""), -1);
	CHECK_INT(term_style_find("bar-key"), TERM_BAR_KEY);
	for (s = 1; s < TERM_STYLE__COUNT; s++) {
		name = term_style_name((enum term_style)s);
		CHECK(name != NULL);
		if (name == NULL)
			continue;
		CHECK_INT(term_style_find(name), (int)s);
		for (k = 1; k < s; k++)
			CHECK(strcmp(name, term_style_name(
			    (enum term_style)k)) != 0);
	}
	CHECK(term_style_name(TERM_STYLE__COUNT) == NULL);
}

static void
test_parse_looks(void)
{
	static const struct {
		const char	*text;
		short		 fg;
		short		 bg;
		attr_t		 attrs;
	} good[] = {
		{ "white on blue bold", COLOR_WHITE, COLOR_BLUE, A_BOLD },
		{ "yellow, bold", COLOR_YELLOW, -1, A_BOLD },
		{ "default on red", -1, COLOR_RED, 0 },
		{ "bold white on blue", COLOR_WHITE, COLOR_BLUE, A_BOLD },
		{ "on magenta", -1, COLOR_MAGENTA, 0 },
		{ "214 on 17", 214, 17, 0 },
		{ "0 on 255", 0, 255, 0 },
		{ "  Cyan ,On  Black,,UNDERLINE  ", COLOR_CYAN, COLOR_BLACK,
		  A_UNDERLINE },
		{ "dim underline reverse standout", -1, -1,
		  A_DIM|A_UNDERLINE|A_REVERSE|A_STANDOUT },
		{ "green", COLOR_GREEN, -1, 0 },
	};
	static const struct {
		const char	*text;
		const char	*why;
	} bad[] = {
		{ "", "wants a look, such as white on blue bold" },
		{ " , ", "wants a look, such as white on blue bold" },
		{ "blu", "\"blu\" is neither a colour (default, black, red, "
		  "green, yellow, blue, magenta, cyan, white or 0 to 255) nor "
		  "an attribute (bold, dim, underline, reverse, standout)" },
		{ "white on blue blink", "\"blink\" is neither a colour "
		  "(default, black, red, green, yellow, blue, magenta, cyan, "
		  "white or 0 to 255) nor an attribute (bold, dim, underline, "
		  "reverse, standout)" },
		{ "256", "colour 256 is out of range: colours are numbered 0 "
		  "to 255" },
		{ "red on 1000", "colour 1000 is out of range: colours are "
		  "numbered 0 to 255" },
		{ "white red", "two text colours, white and red: write TEXT on "
		  "BACKGROUND, as in white on blue" },
		{ "white on", "\"on\" wants a background colour after it, as "
		  "in white on blue" },
		{ "white on bold", "\"on\" wants a background colour after it, "
		  "as in white on blue" },
		{ "on on red", "\"on\" wants a background colour after it, as "
		  "in white on blue" },
		{ "on blue on red", "two backgrounds, blue and red: give one" },
		{ "black on rd", "\"rd\" after on is not a colour: expected "
		  "default, black, red, green, yellow, blue, magenta, cyan, "
		  "white or 0 to 255" },
		{ "bold red bold", "bold is given twice" },
		{ "-1", "\"-1\" is neither a colour (default, black, red, "
		  "green, yellow, blue, magenta, cyan, white or 0 to 255) nor "
		  "an attribute (bold, dim, underline, reverse, standout)" },
	};
	struct theme_look	 look;
	char			*why;
	size_t			 i;

	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		why = NULL;
		memset(&look, 0x55, sizeof look);
		CHECK_INT(theme_parse_look(good[i].text, &look, &why), 0);
		CHECK(why == NULL);
		free(why);
		CHECK_INT(look.fg, good[i].fg);
		CHECK_INT(look.bg, good[i].bg);
		CHECK_INT((int)look.attrs, (int)good[i].attrs);
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		why = NULL;
		CHECK_INT(theme_parse_look(bad[i].text, &look, &why), -1);
		CHECK_STR(why, bad[i].why);
		free(why);
	}
}

/* [theme] lines on top of a theme, and the sentences for bad ones. */
static void
test_theme_lines(void)
{
	struct config_look	 lines[] = {
		{ (char *)(uintptr_t)"header", (char *)(uintptr_t)
		  "black on red underline", 7 },
		{ (char *)(uintptr_t)"select", (char *)(uintptr_t)"208", 8 },
	};
	struct config_look	 wrong[] = {
		{ (char *)(uintptr_t)"header", (char *)(uintptr_t)"bold", 2 },
		{ (char *)(uintptr_t)"headr", (char *)(uintptr_t)"bold", 3 },
	};
	struct config_look	 badlook[] = {
		{ (char *)(uintptr_t)"warn", (char *)(uintptr_t)"yelow", 5 },
	};
	struct theme		*t;
	struct theme_look	 look;
	char			*cause = NULL;

	t = theme_new("light", lines, 2, "config.ini", &cause);
	CHECK(t != NULL);
	if (t != NULL) {
		theme_get(t, TERM_HEADER, 1, &look);
		CHECK_INT(look.fg, COLOR_BLACK);
		CHECK_INT(look.bg, COLOR_RED);
		CHECK_INT((int)look.attrs, (int)A_UNDERLINE);
		/* A line is the whole look: no background, no attribute. */
		theme_get(t, TERM_SELECT, 1, &look);
		CHECK_INT(look.fg, 208);
		CHECK_INT(look.bg, -1);
		CHECK_INT((int)look.attrs, 0);
		/* The rest is light's. */
		theme_get(t, TERM_LABEL, 1, &look);
		CHECK_INT(look.fg, COLOR_BLUE);
		/*
		 * Without colour: attributes a line names replace mono's;
		 * a line of colours only leaves mono's alone.
		 */
		theme_get(t, TERM_HEADER, 0, &look);
		CHECK_INT(look.fg, -1);
		CHECK_INT(look.bg, -1);
		CHECK_INT((int)look.attrs, (int)A_UNDERLINE);
		theme_get(t, TERM_SELECT, 0, &look);
		CHECK_INT((int)look.attrs, (int)A_REVERSE);
		theme_free(t);
	}

	CHECK(theme_new("default", wrong, 2, "config.ini", &cause) == NULL);
	CHECK_STR(cause, "config.ini:3: unknown style \"headr\" in [theme]: "
	    "expected one of header, bar, bar-key, frame, frame-focus, "
	    "list-header, select, dim, label, changed, ok, info, warn, error, "
	    "gauge, toast, banner-ok, banner-warn, banner-error, banner-ready");
	free(cause);
	cause = NULL;
	CHECK(theme_new("mono", badlook, 1, "config.ini", &cause) == NULL);
	CHECK_STR(cause, "config.ini:5: warn: \"yelow\" is neither a colour "
	    "(default, black, red, green, yellow, blue, magenta, cyan, white "
	    "or 0 to 255) nor an attribute (bold, dim, underline, reverse, "
	    "standout)");
	free(cause);
	cause = NULL;
	CHECK(theme_new("neon", NULL, 0, "config.ini", &cause) == NULL);
	CHECK_STR(cause, "unknown theme \"neon\": expected default, light, "
	    "high-contrast or mono");
	free(cause);
}

/* NO_COLOR (colour off) beats every theme: mono's looks, no colours. */
static void
test_no_color_beats_theme(void)
{
	struct theme		*t;
	struct theme_look	 look, mono;
	char			*cause = NULL;
	size_t			 i, s;

	for (i = 0; theme_builtin(i) != NULL; i++) {
		t = theme_new(theme_builtin(i), NULL, 0, "config.ini", &cause);
		CHECK(t != NULL);
		if (t == NULL)
			continue;
		for (s = 0; s < TERM_STYLE__COUNT; s++) {
			theme_get(t, (enum term_style)s, 0, &look);
			theme_get(NULL, (enum term_style)s, 0, &mono);
			CHECK_INT(look.fg, -1);
			CHECK_INT(look.bg, -1);
			CHECK_INT((int)look.attrs, (int)mono.attrs);
		}
		theme_free(t);
	}
}

TEST_MAIN(
	TEST_CASE(test_builtins_complete),
	TEST_CASE(test_style_names),
	TEST_CASE(test_parse_looks),
	TEST_CASE(test_theme_lines),
	TEST_CASE(test_no_color_beats_theme)
)
