/*
 * evtop keeps its head: keyboard garbage (stray escape sequences, invalid
 * UTF-8, control characters) changes nothing that matters, a storm of
 * resizes down to nothing and back leaves a sane dashboard, and when the
 * server dies the header says so while the dashboard stays up.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "vt-harness.h"

#define START_MS	60000

static struct vt *
start_demo(int rows, int cols)
{
	const char	*argv[] = { getenv("EVTOP_BIN"), "--demo", NULL };
	struct vt	*vt;

	if (argv[0] == NULL || (vt = vt_spawn(argv, NULL, rows, cols)) == NULL)
		return (NULL);
	if (vt_wait_text(vt, "Evtop Launch Party", START_MS) != 0 ||
	    vt_wait_text(vt, "LIVE", START_MS) != 0) {
		vt_dump(vt, stderr);
		vt_free(vt);
		return (NULL);
	}
	return (vt);
}

/* The whole dashboard: header, first event, key bar. */
static int
dashboard_whole(struct vt *vt, void *arg)
{
	int	rows, cols, ok;
	char	*top, *bottom;

	vt_size(vt, &rows, &cols);
	top = vt_row(vt, 0);
	bottom = vt_row(vt, rows - 1);
	ok = strstr(top, "evtop") != NULL && strstr(bottom, "q Quit") != NULL &&
	    vt_find(vt, "Evtop Launch Party", NULL, NULL) &&
	    !vt_find(vt, "too small", NULL, NULL);
	free(top);
	free(bottom);
	return (ok);
}

static void
quit(struct vt *vt)
{
	vt_send_char(vt, 'q');
	CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 0);
}

/* Bytes a user never means: no q (quit), no ^C ^Z ^\\ (signals), no ^S ^Q. */
static int
harmless(unsigned char c)
{
	return (c != 'q' && c != 0x03 && c != 0x1a && c != 0x1c &&
	    c != 0x11 && c != 0x13 && c != 0x0f && c != 0x16);
}

static void
test_keyboard_garbage(void)
{
	static const char *const sequences[] = {
		"\x1b[", "\x1bO", "\x1b[1;5", "\x1b]0;", "\x1b[999;999H",
		"\x1b[?1049l", "\x1bP", "\xc3", "\xe2\x80", "\xf0\x9f",
		"\xff\xfe", "\x1b\x1b\x1b", "\x1b[200~",
	};
	struct vt	*vt;
	unsigned char	 buf[64];
	unsigned int	 rng = 20261122u;
	size_t		 i, j, n;
	const char	*s;

	if ((vt = start_demo(30, 100)) == NULL) {
		CHECK(0);
		return;
	}
	for (i = 0; i < 60; i++) {
		n = 0;
		while (n < sizeof buf - 16) {
			rng = rng * 1103515245u + 12345u;
			if ((rng >> 16) % 4 == 0) {
				s = sequences[(rng >> 8) %
				    (sizeof sequences / sizeof sequences[0])];
				for (j = 0; s[j] != '\0'; j++)
					buf[n++] = (unsigned char)s[j];
			} else if (harmless((unsigned char)(rng >> 16)))
				buf[n++] = (unsigned char)(rng >> 16);
		}
		vt_send_raw(vt, buf, n);
		vt_pump(vt, 10);
	}
	/*
	 * Close whatever the garbage opened.  Each Esc comes well after the
	 * last byte (an Esc followed within ESCDELAY by a key is Alt+key),
	 * and two, as a stray lead byte of UTF-8 may swallow the first.
	 */
	vt_settle(vt, 200);
	/*
	 * Garbage may have opened a form and typed into it (n, e): its Esc
	 * asks before throwing the typing away, and y says so.  Views and
	 * lines close an Esc at a time.
	 */
	for (i = 0; i < 8; i++) {
		vt_send_key(vt, VTERM_KEY_ESCAPE);
		vt_settle(vt, 200);
		if (vt_find(vt, "Discard", NULL, NULL)) {
			vt_send_char(vt, 'y');
			vt_settle(vt, 200);
		}
	}
	if (vt_wait(vt, dashboard_whole, NULL, VT_DEADLINE_MS) != 0) {
		vt_dump(vt, stderr);
		CHECK(0);
	}
	quit(vt);
	vt_free(vt);
}

static void
test_resize_storm(void)
{
	static const int sizes[][2] = {
		{ 24, 80 }, { 10, 40 }, { 1, 1 }, { 60, 200 }, { 23, 79 },
		{ 3, 300 }, { 100, 20 }, { 30, 100 }, { 16, 60 }, { 24, 80 },
	};
	struct vt	*vt;
	size_t		 i, round;

	if ((vt = start_demo(24, 80)) == NULL) {
		CHECK(0);
		return;
	}
	for (round = 0; round < 3; round++) {
		for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
			vt_resize(vt, sizes[i][0], sizes[i][1]);
			vt_pump(vt, round == 0 ? 50 : 0);
		}
	}
	/* Ends at 80x24: the whole dashboard again, nothing left over. */
	if (vt_wait(vt, dashboard_whole, NULL, VT_DEADLINE_MS) != 0) {
		vt_dump(vt, stderr);
		CHECK(0);
	}
	quit(vt);
	vt_free(vt);
}

static void
test_server_dies(void)
{
	pid_t		 pids[64];
	size_t		 n, i;
	struct vt	*vt;
	int		 killed = 0;

	if ((vt = start_demo(30, 100)) == NULL) {
		CHECK(0);
		return;
	}
	n = vt_session_pids(vt_pid(vt), pids, 64);
	for (i = 0; i < n; i++) {
		if (pids[i] != vt_pid(vt)) {
			kill(pids[i], SIGKILL);
			killed++;
		}
	}
	CHECK_INT(killed, 1);
	if (vt_wait_text(vt, "retrying", VT_DEADLINE_MS) != 0) {
		vt_dump(vt, stderr);
		CHECK(0);
	}
	/* What was known stays on screen, and r says why it cannot refresh. */
	CHECK(vt_find(vt, "Evtop Launch Party", NULL, NULL));
	vt_send_char(vt, 'r');
	if (vt_wait_text(vt, "cannot reach", VT_DEADLINE_MS) != 0) {
		vt_dump(vt, stderr);
		CHECK(0);
	}
	quit(vt);
	vt_free(vt);
}

/* A terminal that cannot address the cursor: a sentence and exit 1. */
static void
test_term_dumb(void)
{
	const char	*argv[] = { getenv("EVTOP_BIN"), "--demo", NULL };
	const char	*env[] = { "TERM=dumb", NULL };
	struct vt	*vt;

	if (argv[0] == NULL || (vt = vt_spawn(argv, env, 24, 132)) == NULL) {
		CHECK(0);
		return;
	}
	vt_wait_text(vt, "cannot draw the dashboard", START_MS);
	if (!vt_find(vt, "the terminal type dumb cannot draw the dashboard; "
	    "use evtop -b for plain text, or set TERM (e.g. xterm-256color)",
	    NULL, NULL)) {
		vt_dump(vt, stderr);
		CHECK(0);
	}
	CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 1);
	vt_free(vt);
}

TEST_MAIN(
	TEST_CASE(test_term_dumb),
	TEST_CASE(test_keyboard_garbage),
	TEST_CASE(test_resize_storm),
	TEST_CASE(test_server_dies)
)
