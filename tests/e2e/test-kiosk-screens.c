/*
 * Expected screens of the check-in station (vt-screen.h): ready, VALID,
 * ALREADY CHECKED IN, INVALID and OFFLINE (a scan accepted while the
 * server is away), on the Linux console at 80x25 and at 120x40.  The
 * clock is fixed for evtop and the mock alike (EVTOP_TEST_NOW), so the
 * event's date, the check-in times and the scans' times are the same on
 * every run; the event and its guests are made with the same names at
 * each size; a result stays 30 seconds, so no countdown ticks while a
 * screen is taken.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "e2e.h"
#include "e2e-kiosk.h"
#include "vt-screen.h"

#define NOW	"2026-06-01T09:00:00Z"
#define TITLE	"Doors Open"
#define LABEL	"evtop-mock"

static void
kiosk_screens_at(int rows, int cols, const char *term)
{
	const char	*more[] = { "--label", LABEL, "--kiosk-banner", "30",
	    NULL };
	struct event	 ev;
	struct vt	*vt;
	char		 state[160], name[64], want[128];
	const char	*look = term != NULL ? term : "xterm";

	setenv("EVTOP_TEST_NOW", NOW, 1);
	snprintf(state, sizeof state, "%s/screens-%dx%d", dir, cols, rows);
	if (start_mock() != 0 || event_make_called(&ev, TITLE) != 0 ||
	    (vt = station_with(&ev, state, rows, cols, term, more)) == NULL) {
		CHECK(0);
		return;
	}
	if (ready(vt) != 0)
		goto out;
	snprintf(name, sizeof name, "kiosk-ready-%s-%dx%d", look, cols, rows);
	CHECK_INT(vt_screen_check(vt, name), 0);

	scan(vt, ev.codes[0]);
	snprintf(want, sizeof want, "%s", ev.names[0]);
	if (e2e_expect(vt, "Checked in 1 / 50", VT_DEADLINE_MS) == 0 &&
	    e2e_expect(vt, want, VT_DEADLINE_MS) == 0) {
		snprintf(name, sizeof name, "kiosk-valid-%s-%dx%d", look, cols,
		    rows);
		CHECK_INT(vt_screen_check(vt, name), 0);
	}
	scan(vt, ev.codes[0]);
	if (e2e_expect(vt, "ALREADY CHECKED IN", VT_DEADLINE_MS) == 0) {
		snprintf(name, sizeof name, "kiosk-already-%s-%dx%d", look,
		    cols, rows);
		CHECK_INT(vt_screen_check(vt, name), 0);
	}
	scan(vt, "NOPE2026");
	if (e2e_expect(vt, "No guest has the code NOPE2026",
	    VT_DEADLINE_MS) == 0) {
		snprintf(name, sizeof name, "kiosk-invalid-%s-%dx%d", look,
		    cols, rows);
		CHECK_INT(vt_screen_check(vt, name), 0);
	}

	/* The server away: a scan accepted here, queued. */
	mockproc_stop(&mock);
	scan(vt, ev.codes[1]);
	if (e2e_expect(vt, "(Accepted offline)", VT_DEADLINE_MS) == 0 &&
	    e2e_expect(vt, "1 queued", VT_DEADLINE_MS) == 0) {
		snprintf(name, sizeof name, "kiosk-offline-%s-%dx%d", look,
		    cols, rows);
		CHECK_INT(vt_screen_check(vt, name), 0);
	}
	/* Back, for the next size. */
	CHECK_INT(restart_mock(), 0);
	e2e_expect_gone(vt, "queued", VT_DEADLINE_MS);
out:
	leave(vt);
}

static void
test_linux_80x25(void)
{
	kiosk_screens_at(25, 80, "linux");
}

static void
test_xterm_120x40(void)
{
	kiosk_screens_at(40, 120, NULL);
}

static void
test_stop_mock(void)
{
	kiosk_fixture_done();
}

TEST_MAIN(
	TEST_CASE(test_linux_80x25),
	TEST_CASE(test_xterm_120x40),
	TEST_CASE(test_stop_mock))
