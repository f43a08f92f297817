/*
 * Key tables, the bottom bar and the help generated from them, the layout
 * arithmetic and the toast stack.
 */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "actions.h"
#include "help.h"
#include "keys.h"
#include "layout.h"
#include "statusbar.h"
#include "term.h"
#include "toast.h"

#include "test.h"

static void
test_lookup(void)
{
	CHECK_INT(keys_lookup(&keys_global, 'q'), ACTION_QUIT);
	CHECK_INT(keys_lookup(&keys_global, '?'), ACTION_HELP);
	CHECK_INT(keys_lookup(&keys_global, '\t'), ACTION_FOCUS_NEXT);
	CHECK_INT(keys_lookup(&keys_global, KEYS_FN|KEY_BTAB),
	    ACTION_FOCUS_PREV);
	CHECK_INT(keys_lookup(&keys_global, 'r'), ACTION_REFRESH);
	CHECK_INT(keys_lookup(&keys_global, 'y'), ACTION_NONE);
	/* The list keys: Space marks now, PgDn and C-f still page. */
	CHECK_INT(keys_lookup(&keys_list, ' '), ACTION_MARK);
	CHECK_INT(keys_lookup(&keys_list, KEYS_FN|KEY_NPAGE),
	    ACTION_PAGE_DOWN);
	CHECK_INT(keys_lookup(&keys_list, KEYS_CTRL('f')), ACTION_PAGE_DOWN);
	CHECK_INT(keys_lookup(&keys_list, '/'), ACTION_FILTER);
	CHECK_INT(keys_lookup(&keys_list, KEYS_ESC), ACTION_CLEAR);
	CHECK_INT(keys_lookup(&keys_list, 's'), ACTION_SORT_REVERSE);
	CHECK_INT(keys_lookup(&keys_global, 'Z'), ACTION_FREEZE);
	CHECK_INT(keys_lookup(&keys_global, 'x'), ACTION_EXPORT);
	/* - is back in a view (its table comes first), else polling. */
	CHECK_INT(keys_lookup(&keys_view, '-'), ACTION_BACK);
	CHECK_INT(keys_lookup(&keys_global, '-'), ACTION_POLL_SLOWER);
	CHECK_INT(keys_lookup(NULL, 'q'), ACTION_NONE);

	/* A pane's table first, then the global one. */
	CHECK_INT(keys_resolve(&keys_list, 'j'), ACTION_DOWN);
	CHECK_INT(keys_resolve(&keys_list, KEYS_FN|KEY_UP), ACTION_UP);
	CHECK_INT(keys_resolve(&keys_list, 'G'), ACTION_END);
	CHECK_INT(keys_resolve(&keys_list, KEYS_FN|KEY_NPAGE),
	    ACTION_PAGE_DOWN);
	CHECK_INT(keys_resolve(&keys_list, 'q'), ACTION_QUIT);
	CHECK_INT(keys_resolve(NULL, 'j'), ACTION_NONE);

	/* In the help, Esc and q close it rather than quit. */
	CHECK_INT(keys_lookup(&keys_help, KEYS_ESC), ACTION_CLOSE);
	CHECK_INT(keys_lookup(&keys_help, 'q'), ACTION_CLOSE);

	/* A function key never matches the character of the same code. */
	CHECK_INT(keys_code(KEY_CODE_YES, KEY_DOWN), KEYS_FN|KEY_DOWN);
	CHECK_INT(keys_code(OK, 'j'), 'j');
	CHECK(keys_code(KEY_CODE_YES, 'q') != 'q');
}

static void
test_actions(void)
{
	const struct key_table	*tables[] = { &keys_global, &keys_list,
				    &keys_help };
	size_t			 i, j;

	CHECK_INT(actions_find("quit"), ACTION_QUIT);
	CHECK_INT(actions_find("page-down"), ACTION_PAGE_DOWN);
	CHECK_INT(actions_find("nonsense"), ACTION_NONE);
	CHECK_STR(actions_get(ACTION_QUIT)->name, "quit");
	CHECK_STR(actions_get((enum action)9999)->name, "none");
	/* Every bound action has help text and a key name. */
	for (i = 0; i < 3; i++) {
		for (j = 0; j < tables[i]->n; j++) {
			CHECK(tables[i]->bindings[j].action != ACTION_NONE);
			CHECK(*actions_get(tables[i]->bindings[j].action)->help
			    != '\0');
			CHECK(*tables[i]->bindings[j].name != '\0');
		}
	}
}

static void
test_bar(void)
{
	const struct key_table	*tables[] = { &keys_global, &keys_list };
	const struct key_table	*help[] = { &keys_help, NULL };
	char			 buf[256];

	keys_bar(buf, sizeof buf, tables, 2, 0);
	CHECK_STR(buf, "q Quit  ? Help  Tab Pane  r Refresh  R Register  "
	    "U Cancel  \xe2\x8f\x8e Open  / Filter");
	keys_bar(buf, sizeof buf, tables, 2, 1);
	CHECK_STR(buf, "q Quit  ? Help  Tab Pane  r Refresh  R Register  "
	    "U Cancel  Enter Open  / Filter");
	keys_bar(buf, sizeof buf, help, 2, 1);
	CHECK_STR(buf, "Esc Close  / Find  j/k Move");
	/* A short buffer ends at a whole entry. */
	keys_bar(buf, 16, tables, 2, 1);
	CHECK_STR(buf, "q Quit  ? Help");
}

static void
test_help_lines(void)
{
	const struct key_table	*tables[] = { &keys_global, &keys_list };
	struct help_line	*hl;
	size_t			 n, i, titles = 0;
	int			 found_move = 0, found_quit = 0;

	hl = help_lines(tables, 2, &n);
	for (i = 0; i < n; i++) {
		if (hl[i].keys == NULL) {
			titles++;
			continue;
		}
		if (strcmp(hl[i].text, "Select the next row") == 0) {
			CHECK_STR(hl[i].keys, "Down j");
			found_move++;
		}
		if (strcmp(hl[i].text, "Quit evtop") == 0) {
			CHECK_STR(hl[i].keys, "q");
			found_quit++;
		}
	}
	CHECK_INT(titles, 2);
	CHECK_STR(hl[0].text, "Global");
	CHECK_INT(found_move, 1);	/* one line per action */
	CHECK_INT(found_quit, 1);
	help_lines_free(hl, n);

	/* `/` in the help: the lines with the word, under their titles. */
	hl = help_lines(tables, 2, &n);
	n = help_filter(hl, n, "PAGE");
	CHECK_INT(n, 3);
	CHECK_STR(hl[0].text, "Lists");
	CHECK_STR(hl[1].keys, "PgUp C-b");
	CHECK_STR(hl[2].text, "Move down one page");
	help_lines_free(hl, n);
	hl = help_lines(tables, 2, &n);
	/* Keys count as much as words; nothing found leaves nothing. */
	CHECK_INT(help_filter(hl, n, "C-b"), 2);
	help_lines_free(hl, 2);
	hl = help_lines(tables, 2, &n);
	CHECK_INT(help_filter(hl, n, "zzz"), 0);
	free(hl);
	hl = help_lines(tables, 2, &n);
	CHECK_INT(help_filter(hl, n, ""), n);
	help_lines_free(hl, n);
}

/*
 * The writes: R and U on the bar, L (sign-out) in the help only; with
 * --readonly the writes leave the bar and the help, sign-out stays.
 */
static void
test_write_actions(void)
{
	struct keymap		*km = keymap_new();
	const struct key_table	*tables[2];
	struct help_line	*hl;
	size_t			 n, i;
	char			 buf[256];
	int			 reg, unreg, out;

	CHECK_INT(keys_lookup(&keys_global, 'R'), ACTION_REGISTER);
	CHECK_INT(keys_lookup(&keys_global, 'U'), ACTION_UNREGISTER);
	CHECK_INT(keys_lookup(&keys_global, 'L'), ACTION_SIGN_OUT);
	CHECK_INT(keys_lookup(&keys_global, 'l'), ACTION_NONE);
	CHECK(actions_get(ACTION_REGISTER)->flags & ACTION_WRITES);
	CHECK(actions_get(ACTION_UNREGISTER)->flags & ACTION_WRITES);
	/* Signing out changes nothing on the server: read-only allows it. */
	CHECK(!(actions_get(ACTION_SIGN_OUT)->flags & ACTION_WRITES));
	CHECK_INT(actions_find("sign-out"), ACTION_SIGN_OUT);
	/* Every help text fits the help box whole (64 wide, keys 18). */
	for (i = 0; i < ACTION__COUNT; i++)
		CHECK(strlen(actions_get((enum action)i)->help) <= 64 - 4 - 18);

	for (out = 0; out < 2; out++) {
		keymap_set_readonly(km, out);
		tables[0] = keymap_table(km, &keys_global);
		tables[1] = keymap_table(km, &keys_list);
		keys_bar(buf, sizeof buf, tables, 2, 1);
		CHECK_INT(strstr(buf, "R Register") != NULL, !out);
		CHECK_INT(strstr(buf, "U Cancel") != NULL, !out);
		CHECK(strstr(buf, "Sign out") == NULL);
		hl = help_lines(tables, 2, &n);
		reg = unreg = 0;
		for (i = 0; i < n; i++) {
			if (hl[i].keys == NULL)
				continue;
			if (strcmp(hl[i].keys, "R") == 0)
				reg++;
			if (strcmp(hl[i].keys, "U") == 0) {
				CHECK(strstr(hl[i].text, "asks first"));
				unreg++;
			}
			if (strcmp(hl[i].keys, "L") == 0)
				CHECK(strstr(hl[i].text, "Sign out"));
		}
		CHECK_INT(reg, !out);
		CHECK_INT(unreg, !out);
		help_lines_free(hl, n);
	}
	keymap_free(km);
}

static int
rect_inside(const struct layout_rect *r, int lines, int cols)
{
	return (r->y >= 0 && r->x >= 0 && r->h > 0 && r->w > 0 &&
	    r->y + r->h <= lines && r->x + r->w <= cols);
}

static int
rect_overlap(const struct layout_rect *a, const struct layout_rect *b)
{
	return (a->x < b->x + b->w && b->x < a->x + a->w &&
	    a->y < b->y + b->h && b->y < a->y + a->h);
}

static void
test_layout(void)
{
	struct layout	l;
	int		lines, cols, area, bad = 0;

	CHECK_INT(layout_compute(24, 80, &l), 0);
	CHECK_INT(l.header.y, 0);
	CHECK_INT(l.bar.y, 23);
	CHECK(l.stats.h >= 12);		/* every stats line fits at 80x24 */
	CHECK_INT(layout_compute(30, 100, &l), 0);
	CHECK_INT(l.events.x, 0);
	CHECK(l.stats.x > 0);		/* beside the events when wide */

	CHECK_INT(layout_compute(LAYOUT_MIN_LINES - 1, 80, &l), -1);
	CHECK_INT(l.too_small, 1);
	CHECK_INT(layout_compute(24, LAYOUT_MIN_COLS - 1, &l), -1);

	/* Below 80x24: one pane at a time, the whole body each. */
	CHECK_INT(layout_compute(23, 80, &l), 0);
	CHECK_INT(l.single, 1);
	CHECK_INT(l.events.y, 1);
	CHECK_INT(l.events.h, 21);
	CHECK_INT(l.events.w, 80);
	CHECK_INT(l.stats.h, l.events.h);
	CHECK_INT(l.notify.w, l.events.w);
	CHECK_INT(layout_compute(LAYOUT_MIN_LINES, LAYOUT_MIN_COLS, &l), 0);
	CHECK_INT(l.single, 1);
	CHECK_INT(layout_compute(24, 80, &l), 0);
	CHECK_INT(l.single, 0);

	/*
	 * Any size from 80x24: inside, no overlap; events the largest.
	 */
	for (lines = LAYOUT_FULL_LINES; lines <= 80; lines++) {
		for (cols = LAYOUT_FULL_COLS; cols <= 260; cols++) {
			if (layout_compute(lines, cols, &l) != 0) {
				bad++;
				continue;
			}
			area = l.events.h * l.events.w;
			if (!rect_inside(&l.events, lines, cols) ||
			    !rect_inside(&l.stats, lines, cols) ||
			    !rect_inside(&l.notify, lines, cols) ||
			    rect_overlap(&l.events, &l.stats) ||
			    rect_overlap(&l.events, &l.notify) ||
			    rect_overlap(&l.stats, &l.notify) ||
			    rect_overlap(&l.header, &l.events) ||
			    rect_overlap(&l.bar, &l.notify) ||
			    (lines >= 24 && (area < l.stats.h * l.stats.w ||
			    area < l.notify.h * l.notify.w)) ||
			    l.events.h < 6 || l.notify.h < 6) {
				if (bad++ < 3)
					fprintf(stderr, "bad layout at %dx%d\n",
					    cols, lines);
			}
		}
	}
	CHECK_INT(bad, 0);
}

static void
test_toasts(void)
{
	struct toasts	*t = toasts_new();
	uint64_t	 err;

	CHECK_INT(toasts_deadline(t), 0);
	toasts_add(t, NOTIFY_INFO, "Registered", "Ana joined", 1000);
	CHECK_INT(toasts_count(t), 1);
	CHECK_STR(toasts_text(t, 0), "Registered: Ana joined");
	CHECK_INT(toasts_repeats(t, 0), 1);
	CHECK_INT(toasts_deadline(t), 1000 + TOAST_MS);
	toasts_add(t, NOTIFY_ERROR, "Error", NULL, 2000);
	toasts_add(t, NOTIFY_WARNING, "", "Only a message", 2500);
	CHECK_STR(toasts_text(t, 0), "Only a message");	/* newest first */
	CHECK_STR(toasts_text(t, 1), "Error");

	/* Errors stay longest, warnings longer than news. */
	err = toasts_life(NOTIFY_ERROR);
	CHECK(err > toasts_life(NOTIFY_WARNING));
	CHECK(toasts_life(NOTIFY_WARNING) > toasts_life(NOTIFY_INFO));
	CHECK_INT(toasts_life(NOTIFY_SUCCESS), TOAST_MS);

	/* A fourth pushes out the one due to go first, not the error. */
	toasts_add(t, NOTIFY_SUCCESS, "Fourth", NULL, 3000);
	CHECK_INT(toasts_count(t), TOAST_MAX);
	CHECK_STR(toasts_text(t, 0), "Fourth");
	CHECK_STR(toasts_text(t, TOAST_MAX - 1), "Error");
	CHECK(toasts_text(t, TOAST_MAX) == NULL);
	CHECK_INT(toasts_repeats(t, TOAST_MAX), 0);

	/* The same news again counts and lives on instead of stacking. */
	toasts_add(t, NOTIFY_WARNING, NULL, "Only a message", 3500);
	CHECK_INT(toasts_count(t), TOAST_MAX);
	CHECK_STR(toasts_text(t, 0), "Only a message");
	CHECK_INT(toasts_repeats(t, 0), 2);
	CHECK_STR(toasts_text(t, 1), "Fourth");
	/* ...but the same text at another level is other news. */
	toasts_add(t, NOTIFY_INFO, "Fourth", NULL, 3600);
	CHECK_INT(toasts_repeats(t, 0), 1);
	CHECK_STR(toasts_text(t, 1), "Only a message");
	CHECK_STR(toasts_text(t, 2), "Error");

	CHECK_INT(toasts_expire(t, 3600 + TOAST_MS - 1), 0);
	CHECK_INT(toasts_expire(t, 3600 + TOAST_MS), 1);
	CHECK_INT(toasts_count(t), 2);
	CHECK_INT(toasts_deadline(t), 3500 + toasts_life(NOTIFY_WARNING));
	CHECK_INT(toasts_expire(t, 3500 + toasts_life(NOTIFY_WARNING)), 1);
	CHECK_INT(toasts_count(t), 1);
	CHECK_STR(toasts_text(t, 0), "Error");
	CHECK_INT(toasts_deadline(t), 2000 + err);
	CHECK_INT(toasts_expire(t, 10000000), 1);
	CHECK_INT(toasts_count(t), 0);
	CHECK_INT(toasts_deadline(t), 0);

	/* Once gone, the same news is a new toast. */
	toasts_add(t, NOTIFY_ERROR, "Error", NULL, 20000000);
	CHECK_INT(toasts_repeats(t, 0), 1);
	toasts_add(t, NOTIFY_INFO, "left for free", NULL, 0);
	toasts_free(t);
}

static void
test_statusbar(void)
{
	char	buf[128];
	int	style = -1;

	CHECK_STR(statusbar_link_text(API_LINK_LIVE, &style), "LIVE");
	CHECK_INT(style, TERM_OK);
	CHECK_STR(statusbar_link_text(API_LINK_OFFLINE, &style), "offline");
	CHECK_INT(style, TERM_ERROR);
	CHECK_STR(statusbar_link_text(API_LINK_POLLING, &style), "polling");
	CHECK_STR(statusbar_link_text(API_LINK_RETRYING, &style), "retrying");
	CHECK_STR(statusbar_link_text(API_LINK_CONNECTING, &style),
	    "connecting");

	/* No exp, or far off: nothing to say. */
	CHECK_INT(statusbar_token_warning(0, 1000, buf, sizeof buf, &style), 0);
	CHECK_INT(statusbar_token_warning(1000 + 3600, 1000, buf, sizeof buf,
	    &style), 0);
	CHECK_INT(statusbar_token_warning(1000 + 601, 1000, buf, sizeof buf,
	    &style), 0);
	/* Within ten minutes: a warning, rounded up to whole minutes. */
	CHECK_INT(statusbar_token_warning(1000 + 600, 1000, buf, sizeof buf,
	    &style), 1);
	CHECK_STR(buf, "token expires in 10 min");
	CHECK_INT(style, TERM_WARN);
	CHECK_INT(statusbar_token_warning(1000 + 30, 1000, buf, sizeof buf,
	    &style), 1);
	CHECK_STR(buf, "token expires in 1 min");
	/* Expired: an error that says what to do. */
	CHECK_INT(statusbar_token_warning(1000, 1000, buf, sizeof buf, &style),
	    1);
	CHECK_STR(buf, "token expired");
	CHECK_INT(style, TERM_ERROR);

	/* When the text changes next: it appears, a minute goes, it ends. */
	CHECK_INT(statusbar_token_change(0, 1000), 0);
	CHECK_INT(statusbar_token_change(1000 + 3600, 1000), 1000 + 3000);
	CHECK_INT(statusbar_token_change(1000 + 600, 1000), 1000 + 60);
	CHECK_INT(statusbar_token_change(1000 + 599, 1000), 1000 + 59);
	CHECK_INT(statusbar_token_change(1000 + 61, 1000), 1000 + 1);
	CHECK_INT(statusbar_token_change(1000 + 60, 1000), 1000 + 60);
	CHECK_INT(statusbar_token_change(1000 + 30, 1000), 1000 + 30);
	CHECK_INT(statusbar_token_change(1000, 1000), 0);
}

/* A string literal where the struct wants a char *. */
#define S(s)	((char *)(uintptr_t)(s))

static void
test_key_names(void)
{
	static const struct {
		const char	*name;
		int		 key;
	} good[] = {
		{ "q", 'q' }, { "?", '?' }, { "G", 'G' }, { "C-r", KEYS_CTRL('r') },
		{ "c-L", KEYS_CTRL('l') }, { "Enter", '\r' }, { "Esc", KEYS_ESC },
		{ "Tab", '\t' }, { "S-Tab", KEYS_FN|KEY_BTAB }, { "Space", ' ' },
		{ "Up", KEYS_FN|KEY_UP }, { "pgdn", KEYS_FN|KEY_NPAGE },
		{ "Home", KEYS_FN|KEY_HOME }, { "F1", KEYS_FN|KEY_F(1) },
		{ "F12", KEYS_FN|KEY_F(12) }, { "\xc3\xa9", 0xe9 },
		{ "Comma", ',' },
	};
	static const char *const bad[] = {
		"", "F0", "F13", "F5x", "C-", "C-1", "ab", "Ctrl-r", " ",
		"\x01", "Nope",
	};
	size_t	i;
	int	key;

	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		key = -1;
		CHECK_INT(keys_parse(good[i].name, &key), 0);
		CHECK_INT(key, good[i].key);
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		CHECK_INT(keys_parse(bad[i], &key), -1);
}

static void
test_keymap(void)
{
	const struct config_binding lines[] = {
		{ S("refresh"), S("F5, C-r"), 2 },
		{ S("quit"), S("none"), 3 },
		{ S("down"), S("s"), 4 },
		{ S("close"), S("x"), 5 },
	};
	struct keymap		*km = keymap_new();
	const struct key_table	*g, *l, *h, *tables[2];
	char			*cause = NULL, buf[256];

	CHECK_INT(keymap_apply(km, lines, 4, "config.ini", &cause), 0);
	CHECK_STR(cause, NULL);
	g = keymap_table(km, &keys_global);
	l = keymap_table(km, &keys_list);
	h = keymap_table(km, &keys_help);
	CHECK(g != &keys_global);
	/* The new keys, and the old ones gone. */
	CHECK_INT(keys_lookup(g, KEYS_FN|KEY_F(5)), ACTION_REFRESH);
	CHECK_INT(keys_lookup(g, KEYS_CTRL('r')), ACTION_REFRESH);
	CHECK_INT(keys_lookup(g, 'r'), ACTION_NONE);
	CHECK_INT(keys_lookup(g, 'q'), ACTION_NONE);
	/* down: in both tables that had it; j and Down are gone. */
	CHECK_INT(keys_lookup(l, 's'), ACTION_DOWN);
	CHECK_INT(keys_lookup(l, 'j'), ACTION_NONE);
	CHECK_INT(keys_lookup(h, 's'), ACTION_DOWN);
	CHECK_INT(keys_lookup(h, KEYS_FN|KEY_DOWN), ACTION_NONE);
	CHECK_INT(keys_lookup(h, 'x'), ACTION_CLOSE);
	CHECK_INT(keys_lookup(h, KEYS_ESC), ACTION_NONE);
	/* Untouched ones stay. */
	CHECK_INT(keys_lookup(l, 'k'), ACTION_UP);
	CHECK_INT(keys_lookup(g, '?'), ACTION_HELP);
	/* The bar and the help follow. */
	tables[0] = g;
	tables[1] = l;
	keys_bar(buf, sizeof buf, tables, 2, 1);
	CHECK_STR(buf, "? Help  Tab Pane  R Register  U Cancel  F5 Refresh  "
	    "Enter Open  / Filter");
	/* NULL: the defaults. */
	CHECK(keymap_table(NULL, &keys_global) == &keys_global);
	keymap_free(km);
}

/* Every [keymap] mistake names the file, the line and what was expected. */
static void
test_keymap_errors(void)
{
	const struct {
		struct config_binding	 line[2];
		size_t			 n;
		const char		*want;
	} cases[] = {
		{ { { S("refersh"), S("r"), 7 } }, 1,
		  "config.ini:7: unknown action \"refersh\" in [keymap]: "
		  "evtop(1) lists the actions, such as quit, help, refresh and "
		  "reload" },
		{ { { S("refresh"), S("F99"), 3 } }, 1,
		  "config.ini:3: refresh: unknown key \"F99\": expected a "
		  "character or a name such as Enter, Esc, Tab, Space, Up, PgDn, "
		  "F5 or C-r" },
		{ { { S("refresh"), S("r, Ctrl-x"), 3 } }, 1,
		  "config.ini:3: refresh: unknown key \"Ctrl-x\": expected a "
		  "character or a name such as Enter, Esc, Tab, Space, Up, PgDn, "
		  "F5 or C-r" },
		{ { { S("refresh"), S("x"), 3 },
		    { S("help"), S("y, x"), 4 } }, 2,
		  "config.ini:4: x is already bound to refresh on line 3" },
	};
	struct keymap	*km;
	char		*cause;
	size_t		 i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		km = keymap_new();
		cause = NULL;
		CHECK_INT(keymap_apply(km, cases[i].line, cases[i].n,
		    "config.ini", &cause), -1);
		CHECK_STR(cause, cases[i].want);
		free(cause);
		keymap_free(km);
	}
}

/* [keymap] rebinds the new actions by name like any other. */
static void
test_keymap_writes(void)
{
	const struct config_binding lines[] = {
		{ S("register"), S("+"), 2 },
		{ S("unregister"), S("-, Delete"), 3 },
		{ S("sign-out"), S("C-x"), 4 },
	};
	struct keymap		*km = keymap_new();
	const struct key_table	*g, *tables[2];
	char			*cause = NULL, buf[256];

	CHECK_INT(keymap_apply(km, lines, 3, "config.ini", &cause), 0);
	CHECK_STR(cause, NULL);
	g = keymap_table(km, &keys_global);
	CHECK_INT(keys_lookup(g, '+'), ACTION_REGISTER);
	CHECK_INT(keys_lookup(g, 'R'), ACTION_NONE);
	CHECK_INT(keys_lookup(g, '-'), ACTION_UNREGISTER);
	CHECK_INT(keys_lookup(g, KEYS_FN|KEY_DC), ACTION_UNREGISTER);
	CHECK_INT(keys_lookup(g, 'U'), ACTION_NONE);
	CHECK_INT(keys_lookup(g, KEYS_CTRL('x')), ACTION_SIGN_OUT);
	CHECK_INT(keys_lookup(g, 'L'), ACTION_NONE);
	tables[0] = g;
	tables[1] = keymap_table(km, &keys_list);
	keys_bar(buf, sizeof buf, tables, 2, 1);
	CHECK(strstr(buf, "+ Register  - Cancel") != NULL);
	keymap_free(km);
}

TEST_MAIN(
	TEST_CASE(test_key_names),
	TEST_CASE(test_keymap),
	TEST_CASE(test_keymap_errors),
	TEST_CASE(test_statusbar),
	TEST_CASE(test_lookup),
	TEST_CASE(test_actions),
	TEST_CASE(test_bar),
	TEST_CASE(test_write_actions),
	TEST_CASE(test_keymap_writes),
	TEST_CASE(test_help_lines),
	TEST_CASE(test_layout),
	TEST_CASE(test_toasts))
