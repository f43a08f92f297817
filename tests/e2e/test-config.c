/*
 * The config file as a user meets it on a terminal: a [keymap] rebinds
 * help (the bar says so), Ctrl-R and SIGHUP read the file again and say
 * "Config reloaded", a broken file is refused with its file:line sentence
 * while the old config keeps running, and evtop does not start on one.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test.h"
#include "e2e.h"
#include "vt-harness.h"

#define START_MS	60000	/* the demo server seeds its data first */

static char	dir[] = "/tmp/evtop-e2e-config-XXXXXX";
static char	path[256];
static int	dir_made;	/* mkdtemp may leave an X last */
static char	env_config[300];

static void
write_config(const char *text)
{
	char	 tmp[300];
	FILE	*f;

	if (!dir_made) {
		if (mkdtemp(dir) == NULL)
			abort();
		dir_made = 1;
	}
	snprintf(path, sizeof path, "%s/config.ini", dir);
	snprintf(env_config, sizeof env_config, "EVTOP_CONFIG=%s", path);
	/* Replaced whole, as an editor saves, so a reload never sees half. */
	snprintf(tmp, sizeof tmp, "%s.new", path);
	if ((f = fopen(tmp, "w")) == NULL)
		abort();
	fputs(text, f);
	fclose(f);
	rename(tmp, path);
}

static void
test_keymap_and_reload(void)
{
	const char	*argv[] = { getenv("EVTOP_BIN"), "--demo", NULL };
	const char	*env[] = { env_config, NULL };
	struct vt	*vt;

	write_config("# keys\n[keymap]\nhelp = h\n");
	if ((vt = vt_spawn(argv, env, 30, 100)) == NULL) {
		CHECK(0);
		return;
	}
	if (e2e_expect(vt, "Evtop Launch Party", START_MS) != 0)
		goto out;
	/* The bar names the new key; the key opens the help. */
	e2e_expect(vt, "h Help", VT_DEADLINE_MS);
	CHECK(!vt_find(vt, "? Help", NULL, NULL));
	vt_send_char(vt, 'h');
	e2e_expect(vt, "Read the config file again", VT_DEADLINE_MS);
	vt_send_key(vt, VTERM_KEY_ESCAPE);
	vt_wait_gone(vt, "Read the config file again", VT_DEADLINE_MS);

	/* Ctrl-R: the new file is read while evtop runs. */
	write_config("[keymap]\nhelp = F2\nrefresh = none\n");
	vt_send_char(vt, 0x12);
	e2e_expect(vt, "Config reloaded", VT_DEADLINE_MS);
	e2e_expect(vt, "F2 Help", VT_DEADLINE_MS);
	CHECK(!vt_find(vt, "r Refresh", NULL, NULL));

	/* SIGHUP with a broken file: refused, said, and the old keys stay. */
	write_config("[keymap]\nhelp = F99\n");
	kill(vt_pid(vt), SIGHUP);
	e2e_expect(vt, "Config not reloaded", VT_DEADLINE_MS);
	e2e_expect(vt, "config.ini:2: help: unknown key", VT_DEADLINE_MS);
	CHECK(vt_find(vt, "F2 Help", NULL, NULL));

	vt_send_char(vt, 'q');
	CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 0);
out:
	vt_free(vt);
}

static void
test_bad_config_stops_start(void)
{
	const char	*argv[] = { getenv("EVTOP_BIN"), "--demo", NULL };
	const char	*env[] = { env_config, NULL };
	char		 want[400];
	struct vt	*vt;

	write_config("[profile a]\n\nascii = maybe\n");
	if ((vt = vt_spawn(argv, env, 30, 120)) == NULL) {
		CHECK(0);
		return;
	}
	CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 2);
	snprintf(want, sizeof want, "config.ini:3: ascii wants true or false, "
	    "not \"maybe\"");
	e2e_expect(vt, want, VT_DEADLINE_MS);
	CHECK(!vt_find(vt, "starting the demo", NULL, NULL));
	vt_free(vt);
}

/* What a cell's colours should be, for vt_wait. */
struct cell_want {
	int	row;
	int	col;
	int	fg;
	int	bg;
	int	reverse;	/* -1: either */
};

static int
cell_is(struct vt *vt, void *arg)
{
	const struct cell_want	*w = arg;
	int			 fg, bg, rev;

	if (vt_colors(vt, w->row, w->col, &fg, &bg, &rev) != 0)
		return (0);
	return (fg == w->fg && bg == w->bg && (w->reverse == -1 ||
	    rev == w->reverse));
}

static void
expect_cell(struct vt *vt, int row, int col, int fg, int bg, int reverse)
{
	struct cell_want	w = { row, col, fg, bg, reverse };
	int			got_fg = -3, got_bg = -3, rev = -1;

	if (vt_wait(vt, cell_is, &w, VT_DEADLINE_MS) == 0)
		return;
	vt_colors(vt, row, col, &got_fg, &got_bg, &rev);
	fprintf(stderr, "e2e: cell %d,%d is %d on %d (reverse %d), not %d on "
	    "%d\n", row, col, got_fg, got_bg, rev, fg, bg);
	vt_dump(vt, stderr);
	CHECK(0);
}

/*
 * The header (row 0; column 1 is the "e" of evtop) and the focused pane's
 * corner (row 1, column 0) change colour when a reload brings a new
 * theme and [theme] line; a broken line keeps them as they are.
 */
static void
test_theme_reload(void)
{
	const char	*argv[] = { getenv("EVTOP_BIN"), "--demo", NULL };
	const char	*env[] = { env_config, NULL };
	struct vt	*vt;

	write_config("# no theme: the default\n");
	if ((vt = vt_spawn(argv, env, 30, 100)) == NULL) {
		CHECK(0);
		return;
	}
	if (e2e_expect(vt, "Evtop Launch Party", START_MS) != 0)
		goto out;
	expect_cell(vt, 0, 1, 7, 4, 0);		/* white on blue */
	expect_cell(vt, 1, 0, 6, -1, -1);	/* cyan frame */

	write_config("theme = light\n[theme]\nheader = black on red\n");
	vt_send_char(vt, 0x12);
	e2e_expect(vt, "Config reloaded", VT_DEADLINE_MS);
	expect_cell(vt, 0, 1, 0, 1, 0);		/* the [theme] line */
	expect_cell(vt, 1, 0, 4, -1, -1);	/* light's blue frame */

	write_config("theme = light\n[theme]\nheader = blak on red\n");
	kill(vt_pid(vt), SIGHUP);
	e2e_expect(vt, "Config not reloaded", VT_DEADLINE_MS);
	e2e_expect(vt, "config.ini:3: header: \"blak\" is neither", VT_DEADLINE_MS);
	expect_cell(vt, 0, 1, 0, 1, 0);

	vt_send_char(vt, 'q');
	CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 0);
out:
	vt_free(vt);
}

/* NO_COLOR wins over a theme and its [theme] colours: mono's header. */
static void
test_no_color_beats_theme(void)
{
	const char	*argv[] = { getenv("EVTOP_BIN"), "--demo", NULL };
	const char	*env[] = { env_config, "NO_COLOR=1", NULL };
	struct vt	*vt;

	write_config("theme = high-contrast\n[theme]\nheader = black on "
	    "red\n");
	if ((vt = vt_spawn(argv, env, 30, 100)) == NULL) {
		CHECK(0);
		return;
	}
	if (e2e_expect(vt, "Evtop Launch Party", START_MS) == 0) {
		expect_cell(vt, 0, 1, -1, -1, 1);	/* reversed */
		vt_send_char(vt, 'q');
		CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 0);
	}
	vt_free(vt);
}

/* An unknown theme on the command line: one sentence, exit 2. */
static void
test_bad_theme_flag(void)
{
	const char	*argv[] = { getenv("EVTOP_BIN"), "--demo", "--theme",
	    "neon", NULL };
	const char	*env[] = { env_config, NULL };
	struct vt	*vt;

	write_config("# empty\n");
	if ((vt = vt_spawn(argv, env, 30, 120)) == NULL) {
		CHECK(0);
		return;
	}
	CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 2);
	e2e_expect(vt, "evtop: option --theme wants default, light, high-contrast "
	    "or mono, not \"neon\"", VT_DEADLINE_MS);
	CHECK(!vt_find(vt, "starting the demo", NULL, NULL));
	vt_free(vt);
}

static void
test_cleanup(void)
{
	unlink(path);
	rmdir(dir);
}

TEST_MAIN(
	TEST_CASE(test_keymap_and_reload),
	TEST_CASE(test_bad_config_stops_start),
	TEST_CASE(test_theme_reload),
	TEST_CASE(test_no_color_beats_theme),
	TEST_CASE(test_bad_theme_flag),
	TEST_CASE(test_cleanup)
)
