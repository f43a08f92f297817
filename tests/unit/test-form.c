/*
 * The form widget without a server: typing and moving between fields,
 * the problems shown as they are typed for each of the Event API's rules,
 * a date-time typed in local time and read back as UTC (Lisbon, summer
 * and winter, and the hour the clocks skip), a choice cycled, a server's
 * field errors placed on their fields, and a hidden field never drawn.
 */
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curses.h>

#include "form.h"
#include "json-util.h"

#include "test.h"

__attribute__((constructor)) static void
setup_locale(void)
{
	setlocale(LC_ALL, "C.UTF-8");
}

static const char *const statuses[] = {
	"draft", "published", "cancelled", NULL
};

/* The event form's fields, as the TUI has them. */
static const struct form_spec specs[] = {
	{ "title", "Title", FORM_TEXT, FORM_REQUIRED, 1, 255, NULL },
	{ "description", "Description", FORM_MULTILINE, 0, 0, 1000, NULL },
	{ "date_time", "Date", FORM_DATETIME, 0, 0, 0, NULL },
	{ "location", "Location", FORM_TEXT, FORM_REQUIRED, 1, 255, NULL },
	{ "max_capacity", "Capacity", FORM_NUMBER, 0, 1, 1000000, NULL },
	{ "status", "Status", FORM_CHOICE, 0, 0, 0, statuses },
	{ "secret", "Secret", FORM_TEXT, FORM_HIDDEN, 0, 64, NULL },
};
enum { TITLE, DESC, DATE, LOCATION, CAPACITY, STATUS, SECRET, NFIELDS };

static struct form *
new_form(void)
{
	return (form_new(specs, NFIELDS));
}

static void
type(struct form *f, const char *s)
{
	char	one[8];
	size_t	len;

	while (*s != '\0') {
		len = 1;
		while ((s[len] & 0xc0) == 0x80)
			len++;
		memcpy(one, s, len);
		one[len] = '\0';
		CHECK_INT(form_insert(f, one), 0);
		s += len;
	}
}

static void
set_tz(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

static void
test_edit_and_move(void)
{
	struct form	*f = new_form();

	CHECK_INT(form_focus(f), TITLE);
	CHECK(!form_changed(f));
	type(f, "Launch");
	CHECK(form_changed(f));
	CHECK_INT(form_edit(f, TEXTIN_BACKSPACE), 1);
	CHECK_INT(form_edit(f, TEXTIN_HOME), 1);
	type(f, "The ");
	CHECK_STR(form_text(f, TITLE), "The Launc");
	CHECK_INT(form_edit(f, TEXTIN_KILL_START), 1);
	CHECK_STR(form_text(f, TITLE), "Launc");

	/* Tab and S-Tab go round; Up and Down stop at the ends. */
	form_step(f, 1);
	CHECK_INT(form_focus(f), DESC);
	form_step(f, -1);
	form_step(f, -1);
	CHECK_INT(form_focus(f), SECRET);
	form_step(f, 1);
	CHECK_INT(form_focus(f), TITLE);
	CHECK_INT(form_vertical(f, -1), FORM_STAYED);
	CHECK_INT(form_vertical(f, 1), FORM_MOVED);
	CHECK_INT(form_focus(f), DESC);

	/* Enter is a newline in the description: lines split and join. */
	type(f, "Line one");
	CHECK_INT(form_enter(f), FORM_STAYED);
	type(f, "two");
	CHECK_STR(form_text(f, DESC), "Line one\ntwo");
	CHECK_INT(form_edit(f, TEXTIN_HOME), 1);
	CHECK_INT(form_edit(f, TEXTIN_BACKSPACE), 1);	/* joins */
	CHECK_STR(form_text(f, DESC), "Line onetwo");
	type(f, " ");
	CHECK_STR(form_text(f, DESC), "Line one two");
	CHECK_INT(form_edit(f, TEXTIN_END), 1);
	CHECK_INT(form_enter(f), FORM_STAYED);
	type(f, "three");
	/* Up and Down walk the lines first, then leave the field. */
	CHECK_INT(form_vertical(f, -1), FORM_MOVED);
	CHECK_INT(form_focus(f), DESC);
	CHECK_INT(form_vertical(f, -1), FORM_MOVED);
	CHECK_INT(form_focus(f), TITLE);
	form_set_focus(f, DESC);
	/* Enter on a one-line field moves on; on the last, the owner saves. */
	form_set_focus(f, LOCATION);
	CHECK_INT(form_enter(f), FORM_MOVED);
	CHECK_INT(form_focus(f), CAPACITY);
	form_set_focus(f, SECRET);
	CHECK_INT(form_enter(f), FORM_PAST_END);

	/* form_set counts as the start: nothing changed since. */
	CHECK_INT(form_set(f, DESC, "a\nb\nc"), 0);
	CHECK_STR(form_text(f, DESC), "a\nb\nc");
	CHECK(!form_changed(f));
	form_free(f);
}

/* Each rule's sentence shows once the field is typed in or left. */
static void
test_validation_as_typed(void)
{
	struct form	*f = new_form();
	char		 long_title[300];
	size_t		 i;

	/* Nothing shows on a fresh form, though it is not valid. */
	CHECK(form_shown_problem(f, TITLE) == NULL);
	CHECK_STR(form_problem(f, TITLE), "Title is required");

	type(f, "x");
	CHECK(form_shown_problem(f, TITLE) == NULL);
	CHECK_INT(form_edit(f, TEXTIN_BACKSPACE), 1);
	CHECK_STR(form_shown_problem(f, TITLE), "Title is required");
	type(f, "   ");
	CHECK_STR(form_shown_problem(f, TITLE), "Title is required");
	for (i = 0; i < 256; i++)
		long_title[i] = 'a';
	long_title[256] = '\0';
	CHECK_INT(form_edit(f, TEXTIN_KILL_START), 1);
	type(f, long_title);
	CHECK_STR(form_shown_problem(f, TITLE),
	    "Title is at most 255 characters (256 now)");
	CHECK_INT(form_edit(f, TEXTIN_BACKSPACE), 1);
	CHECK(form_shown_problem(f, TITLE) == NULL);

	/* Description: at most 1000, newlines counted. */
	form_set_focus(f, DESC);
	for (i = 0; i < 999; i++)
		type(f, "d");
	CHECK(form_shown_problem(f, DESC) == NULL);
	CHECK_INT(form_enter(f), FORM_STAYED);
	CHECK(form_shown_problem(f, DESC) == NULL);	/* 1000 */
	type(f, "e");
	CHECK_STR(form_shown_problem(f, DESC),
	    "Description is at most 1000 characters (1001 now)");

	/* Leaving a field empty shows that it is required. */
	form_set_focus(f, DATE);
	form_set_focus(f, LOCATION);
	CHECK_STR(form_shown_problem(f, DATE), "Date is required");
	form_set_focus(f, DATE);
	type(f, "2026-06-15");
	CHECK_STR(form_shown_problem(f, DATE),
	    "Date must look like 2026-06-15 09:00");
	type(f, " 09:00");
	CHECK(form_shown_problem(f, DATE) == NULL);
	CHECK_INT(form_set(f, DATE, "2026-02-30 09:00"), 0);
	CHECK_STR(form_problem(f, DATE),
	    "Date must look like 2026-06-15 09:00");
	CHECK_INT(form_set(f, DATE, "2026-06-15 09:00"), 0);

	form_set_focus(f, LOCATION);
	type(f, "x");
	CHECK_INT(form_edit(f, TEXTIN_BACKSPACE), 1);
	CHECK_STR(form_shown_problem(f, LOCATION), "Location is required");
	type(f, "Lisbon");
	CHECK(form_shown_problem(f, LOCATION) == NULL);

	form_set_focus(f, CAPACITY);
	type(f, "0");
	CHECK_STR(form_shown_problem(f, CAPACITY),
	    "Capacity must be at least 1");
	CHECK_INT(form_edit(f, TEXTIN_BACKSPACE), 1);
	type(f, "-5");
	CHECK_STR(form_shown_problem(f, CAPACITY),
	    "Capacity must be at least 1");
	CHECK_INT(form_edit(f, TEXTIN_KILL_START), 1);
	type(f, "1.5");
	CHECK_STR(form_shown_problem(f, CAPACITY),
	    "Capacity must be a whole number");
	CHECK_INT(form_edit(f, TEXTIN_KILL_START), 1);
	type(f, "2000000");
	CHECK_STR(form_shown_problem(f, CAPACITY),
	    "Capacity must be at most 1000000");
	CHECK_INT(form_edit(f, TEXTIN_KILL_START), 1);
	type(f, "40");
	CHECK(form_shown_problem(f, CAPACITY) == NULL);

	/* Only the long description is left; trying shows every problem. */
	CHECK_INT(form_try(f), 1);
	CHECK_INT(form_first_invalid(f), DESC);
	CHECK_INT(form_edit(f, TEXTIN_END), 0);
	form_set_focus(f, DESC);
	CHECK_INT(form_edit(f, TEXTIN_BACKSPACE), 1);
	CHECK_INT(form_try(f), 0);
	CHECK_INT(form_first_invalid(f), -1);
	form_free(f);

	/* A fresh form tried: every required field says so at once. */
	f = new_form();
	CHECK_INT(form_try(f), 4);
	CHECK_STR(form_shown_problem(f, LOCATION), "Location is required");
	CHECK_STR(form_shown_problem(f, CAPACITY), "Capacity is required");
	form_free(f);
}

/* Local time in, UTC out; the zone is shown with the offset of the day. */
static void
test_date_time_zones(void)
{
	struct form	*f = new_form();
	char		 buf[64], zone[96];
	time_t		 t;

	set_tz("Europe/Lisbon");
	/* Summer: UTC+01:00. */
	CHECK_INT(form_set(f, DATE, "2026-06-15 09:00"), 0);
	CHECK_INT(form_time(f, DATE, &t), 0);
	json_util_format_time(t, buf, sizeof buf);
	CHECK_STR(buf, "2026-06-15T08:00:00Z");
	form_zone(t, zone, sizeof zone);
	CHECK_STR(zone, "Europe/Lisbon, UTC+01:00");
	/* Winter: UTC itself. */
	CHECK_INT(form_set(f, DATE, "2026-01-15 09:00"), 0);
	CHECK_INT(form_time(f, DATE, &t), 0);
	json_util_format_time(t, buf, sizeof buf);
	CHECK_STR(buf, "2026-01-15T09:00:00Z");
	form_zone(t, zone, sizeof zone);
	CHECK_STR(zone, "Europe/Lisbon, UTC+00:00");
	/* Back from UTC to what the user reads. */
	CHECK_INT(json_util_parse_time("2026-06-15T08:00:00Z", &t), 0);
	form_set_time(f, DATE, t);
	CHECK_STR(form_text(f, DATE), "2026-06-15 09:00");
	/* 29 March 2026, 01:30 does not happen in Lisbon. */
	CHECK_INT(form_set(f, DATE, "2026-03-29 01:30"), 0);
	CHECK_INT(form_time(f, DATE, &t), -1);
	CHECK_STR(form_problem(f, DATE),
	    "2026-03-29 01:30 is skipped here: the clocks go forward then");
	/* The "T" of ISO 8601 is taken too, with seconds. */
	CHECK_INT(form_set(f, DATE, "2026-03-29T03:30:15"), 0);
	CHECK_INT(form_time(f, DATE, &t), 0);
	json_util_format_time(t, buf, sizeof buf);
	CHECK_STR(buf, "2026-03-29T02:30:15Z");

	/* West of Greenwich, a negative offset. */
	set_tz("America/New_York");
	CHECK_INT(form_set(f, DATE, "2026-06-15 09:00"), 0);
	CHECK_INT(form_time(f, DATE, &t), 0);
	json_util_format_time(t, buf, sizeof buf);
	CHECK_STR(buf, "2026-06-15T13:00:00Z");
	form_zone(t, zone, sizeof zone);
	CHECK_STR(zone, "America/New_York, UTC-04:00");
	set_tz("UTC");
	form_free(f);
}

static void
test_choice_cycles(void)
{
	struct form	*f = new_form();

	CHECK_STR(form_text(f, STATUS), "draft");
	CHECK_INT(form_set(f, STATUS, "published"), 0);
	CHECK_INT(form_set(f, STATUS, "bogus"), -1);
	CHECK_STR(form_text(f, STATUS), "published");
	form_set_focus(f, STATUS);
	CHECK_INT(form_edit(f, TEXTIN_RIGHT), 1);
	CHECK_STR(form_text(f, STATUS), "cancelled");
	CHECK_INT(form_edit(f, TEXTIN_RIGHT), 1);
	CHECK_STR(form_text(f, STATUS), "draft");
	CHECK_INT(form_edit(f, TEXTIN_LEFT), 1);
	CHECK_STR(form_text(f, STATUS), "cancelled");
	CHECK_INT(form_insert(f, " "), 0);
	CHECK_STR(form_text(f, STATUS), "draft");
	CHECK_INT(form_insert(f, "x"), 0);		/* ignored */
	CHECK_STR(form_text(f, STATUS), "draft");
	CHECK_INT(form_edit(f, TEXTIN_END), 1);
	CHECK_STR(form_text(f, STATUS), "cancelled");
	CHECK(form_changed(f));
	CHECK(form_problem(f, STATUS) == NULL);
	form_free(f);
}

static void
test_server_errors(void)
{
	struct form	*f = new_form();

	CHECK_INT(form_set(f, TITLE, "Launch"), 0);
	CHECK_INT(form_set_error(f, "title", "Title is taken"), 0);
	CHECK_INT(form_set_error(f, "nosuch", "what"), -1);
	CHECK_INT(form_set_error(f, NULL, "what"), -1);
	/* Shown at once, and counted: the save waits for an edit. */
	CHECK_STR(form_shown_problem(f, TITLE), "Title is taken");
	CHECK_INT(form_first_invalid(f), TITLE);
	/* Typing answers it; the rules speak again. */
	type(f, "!");
	CHECK(form_shown_problem(f, TITLE) == NULL);
	CHECK_STR(form_text(f, TITLE), "Launch!");
	form_free(f);
}

/* The text of row y of w, trailing blanks dropped. */
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

static int
win_has(WINDOW *w, const char *text)
{
	char	row[1024];
	int	y;

	for (y = 0; y < getmaxy(w); y++) {
		win_row(w, y, row, sizeof row);
		if (strstr(row, text) != NULL)
			return (1);
	}
	return (0);
}

static void
test_draw(void)
{
	struct form_look	 look = { 0, A_UNDERLINE, A_BOLD, A_BOLD, A_DIM,
				    0, 13 };
	struct form		*f = new_form();
	SCREEN			*scr;
	FILE			*out, *in;
	WINDOW			*w;
	char			 row[1024];

	out = fopen("/dev/null", "w");
	in = fopen("/dev/null", "r");
	if (out == NULL || in == NULL ||
	    (scr = newterm("xterm-256color", out, in)) == NULL) {
		CHECK(0);
		return;
	}
	set_term(scr);
	set_tz("Europe/Lisbon");
	w = newwin(20, 70, 0, 0);
	CHECK_INT(form_set(f, TITLE, "Launch"), 0);
	CHECK_INT(form_set(f, DESC, "one\ntwo"), 0);
	CHECK_INT(form_set(f, DATE, "2026-06-15 09:00"), 0);
	CHECK_INT(form_set(f, STATUS, "published"), 0);
	form_set_focus(f, SECRET);
	type(f, "hunter2");
	CHECK_INT(form_height(f), 9);
	form_draw(f, w, 0, 0, 70, 20, &look);
	win_row(w, 0, row, sizeof row);
	CHECK_STR(row, "Title        Launch");
	win_row(w, 2, row, sizeof row);
	CHECK_STR(row, "             two");
	win_row(w, 4, row, sizeof row);
	CHECK_STR(row, "Date         2026-06-15 09:00     (Europe/Lisbon, "
	    "UTC+01:00)");
	win_row(w, 7, row, sizeof row);
	CHECK_STR(row, "Status        draft  [published]  cancelled");
	/* The secret is bullets, never its letters. */
	CHECK(!win_has(w, "hunter2"));
	CHECK(win_has(w, "\xe2\x80\xa2\xe2\x80\xa2\xe2\x80\xa2"));

	/* A problem takes the row under its field. */
	form_set_focus(f, LOCATION);
	form_set_focus(f, CAPACITY);
	CHECK_INT(form_height(f), 10);
	werase(w);
	form_draw(f, w, 0, 0, 70, 20, &look);
	win_row(w, 6, row, sizeof row);
	CHECK_STR(row, "             Location is required");
	/* Too few rows: scrolled to the focused field. */
	werase(w);
	form_set_focus(f, SECRET);
	form_draw(f, w, 0, 0, 70, 4, &look);
	CHECK(win_has(w, "Secret"));
	CHECK(!win_has(w, "Title"));
	delwin(w);
	endwin();
	delscreen(scr);
	fclose(out);
	fclose(in);
	set_tz("UTC");
	form_free(f);
}

TEST_MAIN(
	TEST_CASE(test_edit_and_move),
	TEST_CASE(test_validation_as_typed),
	TEST_CASE(test_date_time_zones),
	TEST_CASE(test_choice_cycles),
	TEST_CASE(test_server_errors),
	TEST_CASE(test_draw))
