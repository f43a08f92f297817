/*
 * evtop --demo on a 100x30 terminal, driven like a user: the event list
 * appears, live counters move, help opens and closes, the terminal shrinks
 * to 80x24, q quits with status 0 and the demo server goes with it.
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test.h"
#include "vt-harness.h"

#define START_MS	60000	/* the demo server seeds its data first */

static struct vt	*vt;

static void
fail_dump(const char *what)
{
	fprintf(stderr, "e2e: %s\n", what);
	vt_dump(vt, stderr);
}

/* Rows that look like an event row: a YYYY-MM-DD HH:MM date. */
static int
count_event_rows(struct vt *v)
{
	char	*row, *p;
	int	 r, rows, cols, n = 0;
	int	 y, mo, d, h, mi;

	vt_size(v, &rows, &cols);
	for (r = 0; r < rows; r++) {
		row = vt_row(v, r);
		for (p = row; *p != '\0'; p++) {
			if (sscanf(p, "%4d-%2d-%2d %2d:%2d", &y, &mo, &d, &h,
			    &mi) == 5 && y >= 2000) {
				n++;
				break;
			}
		}
		free(row);
	}
	return (n);
}

static int
has_digits(const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s >= '0' && *s <= '9')
			return (1);
	}
	return (0);
}

/*
 * The stats pane's counter lines, joined ("Confirmed 12|Waitlisted 0|..."),
 * or NULL while one is hidden (a toast or the help may cover it).
 */
static char *
read_counters(struct vt *v)
{
	static const char *const labels[] = {
		"Confirmed", "Waitlisted", "Checked in", "Available"
	};
	char	*out, *val;
	size_t	 i, len = 0;
	int	 row, col;

	out = calloc(1, 512);
	for (i = 0; i < sizeof labels / sizeof labels[0]; i++) {
		if (!vt_find(v, labels[i], &row, &col)) {
			free(out);
			return (NULL);
		}
		val = vt_text(v, row, col + 12, 12);
		len += (size_t)snprintf(out + len, 512 - len, "%s %s|",
		    labels[i], val);
		free(val);
	}
	return (out);
}

static int
counters_changed(struct vt *v, void *arg)
{
	char	*now = read_counters(v);
	int	 changed;

	if (now == NULL)
		return (0);
	changed = strcmp(now, arg) != 0 && has_digits(now);

	free(now);
	return (changed);
}

/* A toast may cover the title for a moment: this is waited for. */
static int
stats_title_is_first(struct vt *v, void *arg)
{
	char	*title = vt_text(v, 2, 60, 40);
	int	 ok = strstr(title, "Evtop Launch Party") != NULL;

	free(title);
	return (ok);
}

static int
dashboard_ready(struct vt *v, void *arg)
{
	char	*counters;
	int	 ok;

	if (!vt_find(v, "Evtop Launch Party", NULL, NULL) ||
	    count_event_rows(v) < 5)
		return (0);
	if ((counters = read_counters(v)) == NULL)
		return (0);
	ok = has_digits(counters);
	free(counters);
	return (ok);
}

/* The 80x24 layout: header on top, key bar at the bottom, no complaint. */
static int
small_layout_sane(struct vt *v, void *arg)
{
	char	*top = vt_row(v, 0), *bottom = vt_row(v, 23);
	int	 ok;

	ok = strstr(top, "evtop") != NULL && strstr(bottom, "q Quit") != NULL &&
	    strstr(bottom, "? Help") != NULL &&
	    !vt_find(v, "too small", NULL, NULL) &&
	    vt_find(v, "Evtop Launch Party", NULL, NULL);
	free(top);
	free(bottom);
	return (ok);
}

static void
test_demo(void)
{
	const char	*bin = getenv("EVTOP_BIN");
	const char	*argv[] = { bin, "--demo", NULL };
	pid_t		 sid, pids[64];
	size_t		 npids;
	char		*before;
	int		 status;

	CHECK(bin != NULL);
	if (bin == NULL)
		return;
	vt = vt_spawn(argv, NULL, 30, 100);
	CHECK(vt != NULL);
	if (vt == NULL)
		return;
	sid = vt_pid(vt);

	/*
	 * The soonest seeded event shows among several others, and it is
	 * first, so selected: the stats pane shows its counters.  (Screens
	 * arrive in pieces, so every check is a wait for a whole picture.)
	 */
	if (vt_wait(vt, dashboard_ready, NULL, START_MS) != 0) {
		fail_dump("no dashboard with Evtop Launch Party, several event "
		    "rows and its counters");
		CHECK(0);
		goto out;
	}
	CHECK(vt_find(vt, "Events", NULL, NULL));
	CHECK(vt_find(vt, "Notifications", NULL, NULL));
	/* The stats pane (right, 40 columns at 100x30) is about it. */
	if (vt_wait(vt, stats_title_is_first, NULL, VT_DEADLINE_MS) != 0) {
		fail_dump("the stats pane is not about the first event");
		CHECK(0);
	}
	before = read_counters(vt);
	CHECK(before != NULL);
	if (before == NULL)
		goto out;
	if (vt_wait(vt, counters_changed, before, VT_DEADLINE_MS) != 0) {
		fail_dump("the selected event's counters never changed");
		CHECK(0);
	}
	free(before);

	/* Help lists the bindings with their help text; Esc closes it. */
	vt_send_char(vt, '?');
	if (vt_wait_text(vt, "Show or hide this help", VT_DEADLINE_MS) != 0) {
		fail_dump("? did not open the help");
		CHECK(0);
	}
	if (vt_wait_text(vt, "Select the next row", VT_DEADLINE_MS) != 0 ||
	    !vt_find(vt, "Quit evtop", NULL, NULL)) {
		fail_dump("the help does not list every binding");
		CHECK(0);
	}
	vt_send_key(vt, VTERM_KEY_ESCAPE);
	if (vt_wait_gone(vt, "Show or hide this help", VT_DEADLINE_MS) != 0) {
		fail_dump("Esc did not close the help");
		CHECK(0);
	}

	/* Shrink to 80x24: still a dashboard. */
	vt_resize(vt, 24, 80);
	if (vt_wait(vt, small_layout_sane, NULL, VT_DEADLINE_MS) != 0) {
		fail_dump("the 80x24 layout is not sane");
		CHECK(0);
	}
	CHECK(vt_find(vt, "Confirmed", NULL, NULL));

	/* Remember the session's processes (evtop and evtop-mock). */
	npids = vt_session_pids(sid, pids, sizeof pids / sizeof pids[0]);
	CHECK(npids >= 2);

	vt_send_char(vt, 'q');
	status = vt_wait_exit(vt, VT_DEADLINE_MS);
	if (status != 0) {
		fprintf(stderr, "e2e: exit status %d\n", status);
		vt_dump(vt, stderr);
	}
	CHECK_INT(status, 0);

	/* Nothing of the session outlives evtop for long. */
	CHECK_INT(vt_session_wait_gone(sid, pids, npids, 5000), 0);
out:
	vt_free(vt);
	vt = NULL;
}

TEST_MAIN(TEST_CASE(test_demo))
