/*
 * The check-in station (evtop --kiosk), driven on a pty as a barcode
 * scanner drives it: a code and Enter in one burst.  Each case makes an
 * event of its own with named guests, so the server's counts can be
 * checked exactly: valid, repeated and unknown codes and a code typed by
 * hand; the keys that must not stop it and the PIN that does; the Linux
 * console at 80x25; the mock stopped mid-session, scans taken offline and
 * the queue sent once it is back on the same database and secret; evtop
 * killed with scans queued and started again (and its queue sent a second
 * time from a copy, checking nobody in twice); two stations scanning one
 * code at once; a queued scan another door beat; finding a guest by name
 * and undoing the check-in.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "kiosk-db.h"
#include "kiosk-pin.h"
#include "kiosk.h"
#include "mockproc.h"
#include "support-core.h"
#include "support-http.h"
#include "test.h"
#include "e2e.h"
#include "vt-harness.h"

#define CTL(c)		((c) & 0x1f)

#include "e2e-kiosk.h"

static void
state_dir(char *buf, size_t len, const char *name)
{
	snprintf(buf, len, "%s/%s", dir, name);
}

/* Valid, the same again, unknown, and a code typed slowly by hand. */
static void
test_scans(void)
{
	struct event	 ev;
	struct vt	*vt;
	char		 state[160], want[128];
	size_t		 i;

	if ((vt = door_open(&ev, "scans", state, sizeof state, 30, 100, NULL,
	    NULL)) == NULL)
		return;
	CHECK_INT(server_checked_in(&ev), 0);

	scan(vt, ev.codes[0]);
	snprintf(want, sizeof want, "VALID \xe2\x80\x94 %s", ev.names[0]);
	e2e_expect(vt, want, VT_DEADLINE_MS);
	e2e_expect(vt, "ready in", VT_DEADLINE_MS);
	CHECK_INT(server_checked_in(&ev), 1);
	/* It counts down, then the station is ready again. */
	e2e_expect(vt, "ready in 1 s", VT_DEADLINE_MS);
	e2e_expect(vt, "Scan a ticket", VT_DEADLINE_MS);
	e2e_expect_gone(vt, want, VT_DEADLINE_MS);

	scan(vt, ev.codes[0]);
	snprintf(want, sizeof want, "ALREADY CHECKED IN \xe2\x80\x94 %s, first "
	    "at", ev.names[0]);
	e2e_expect(vt, want, VT_DEADLINE_MS);

	scan(vt, "NOSUCH42");
	e2e_expect(vt, "INVALID \xe2\x80\x94 No guest has the code NOSUCH42",
	    VT_DEADLINE_MS);

	/* By hand: a key at a time, slower than any scanner. */
	for (i = 0; ev.codes[1][i] != '\0'; i++) {
		vt_send_char(vt, (unsigned char)ev.codes[1][i]);
		vt_settle(vt, 120);
	}
	e2e_expect(vt, ev.codes[1], VT_DEADLINE_MS);
	vt_send_char(vt, '\r');
	snprintf(want, sizeof want, "VALID \xe2\x80\x94 %s", ev.names[1]);
	e2e_expect(vt, want, VT_DEADLINE_MS);
	e2e_expect_gone(vt, ev.codes[1], VT_DEADLINE_MS);
	CHECK_INT(server_checked_in(&ev), 2);
	/* The recent scans, newest first. */
	e2e_expect(vt, "Recent scans", VT_DEADLINE_MS);
	e2e_expect(vt, "NOSUCH42: No guest has the code", VT_DEADLINE_MS);
	leave(vt);
}

/*
 * Scanners that send no Enter: a burst and then silence is a scan, while
 * a code typed by hand waits for Enter; and one that ends codes with Tab.
 */
static void
test_terminators(void)
{
	const char	*none[] = { "--kiosk-terminator", "none",
	    "--kiosk-scan-timeout", "0.3", NULL };
	const char	*tab[] = { "--kiosk-terminator", "tab", NULL };
	struct event	 ev;
	struct vt	*vt;
	char		 state[160], want[128];
	size_t		 i;

	if ((vt = door_open(&ev, "terminators", state, sizeof state, 30, 100,
	    NULL, none)) == NULL)
		return;
	vt_send_text(vt, ev.codes[0]);
	snprintf(want, sizeof want, "VALID \xe2\x80\x94 %s", ev.names[0]);
	e2e_expect(vt, want, VT_DEADLINE_MS);
	for (i = 0; ev.codes[1][i] != '\0'; i++) {
		vt_send_char(vt, (unsigned char)ev.codes[1][i]);
		vt_settle(vt, 120);
	}
	e2e_expect(vt, ev.codes[1], VT_DEADLINE_MS);
	vt_settle(vt, 800);
	snprintf(want, sizeof want, "VALID \xe2\x80\x94 %s", ev.names[1]);
	CHECK(!vt_find(vt, want, NULL, NULL));
	CHECK(vt_find(vt, ev.codes[1], NULL, NULL));
	vt_send_char(vt, '\r');
	e2e_expect(vt, want, VT_DEADLINE_MS);
	CHECK_INT(server_checked_in(&ev), 2);
	leave(vt);

	if ((vt = station_with(&ev, state, 30, 100, NULL, tab)) == NULL) {
		CHECK(0);
		return;
	}
	if (ready(vt) == 0) {
		vt_send_text(vt, ev.codes[2]);
		vt_send_char(vt, '\t');
		snprintf(want, sizeof want, "VALID \xe2\x80\x94 %s",
		    ev.names[2]);
		e2e_expect(vt, want, VT_DEADLINE_MS);
		CHECK_INT(server_checked_in(&ev), 3);
	}
	leave(vt);
}

static int
bells_at_least(struct vt *vt, void *arg)
{
	return (vt_bells(vt) >= *(int *)arg);
}

/* With kiosk_bell: once for VALID, twice for ALREADY, three times for not. */
static void
test_bell(void)
{
	const char	*bell[] = { "--kiosk-bell", NULL };
	struct event	 ev;
	struct vt	*vt;
	char		 state[160];
	int		 want;

	if ((vt = door_open(&ev, "bell", state, sizeof state, 30, 100, NULL,
	    bell)) == NULL)
		return;
	CHECK_INT(vt_bells(vt), 0);
	scan(vt, ev.codes[0]);
	want = 1;
	CHECK_INT(vt_wait(vt, bells_at_least, &want, VT_DEADLINE_MS), 0);
	scan(vt, ev.codes[0]);
	want = 3;
	CHECK_INT(vt_wait(vt, bells_at_least, &want, VT_DEADLINE_MS), 0);
	scan(vt, "NOBELL99");
	want = 6;
	CHECK_INT(vt_wait(vt, bells_at_least, &want, VT_DEADLINE_MS), 0);
	/* And no more than that. */
	vt_settle(vt, 600);
	CHECK_INT(vt_bells(vt), 6);
	leave(vt);
}

/* C-c, C-z, C-\, q and SIGINT do nothing; a wrong PIN keeps it. */
static void
test_locked(void)
{
	struct event	 ev;
	struct vt	*vt;
	char		 state[160];

	if ((vt = door_open(&ev, "locked", state, sizeof state, 30, 100, NULL,
	    NULL)) == NULL)
		return;
	vt_send_char(vt, CTL('c'));
	vt_send_char(vt, CTL('z'));
	vt_send_char(vt, CTL('\\'));
	vt_send_char(vt, 'q');
	kill(vt_pid(vt), SIGINT);
	kill(vt_pid(vt), SIGQUIT);
	/* Still there: the q is a character in the code field. */
	e2e_expect(vt, "ticket code: q", VT_DEADLINE_MS);
	CHECK_INT(vt_wait_exit(vt, 500), -1);
	vt_send_char(vt, CTL('u'));
	e2e_expect_gone(vt, "ticket code: q", VT_DEADLINE_MS);

	vt_send_key(vt, VTERM_KEY_FUNCTION(10));
	e2e_expect(vt, "PIN to leave", VT_DEADLINE_MS);
	scan(vt, "1357");
	e2e_expect(vt, "Wrong PIN", VT_DEADLINE_MS);
	CHECK_INT(vt_wait_exit(vt, 300), -1);
	/* Esc goes back to scanning; the PIN never showed. */
	e2e_expect_gone(vt, "1357", 1000);
	vt_send_key(vt, VTERM_KEY_ESCAPE);
	e2e_expect(vt, "Scan or type a ticket code", VT_DEADLINE_MS);
	leave(vt);
}

/* The bare Linux console: 80x25, 8 colours, letters in #. */
static void
test_console(void)
{
	struct event	 ev;
	struct vt	*vt;
	struct vt_cell	 cell;
	char		 state[160], want[128], *row;
	int		 r, c, hashes = 0;

	if ((vt = door_open(&ev, "console", state, sizeof state, 25, 80,
	    "linux", NULL)) == NULL)
		return;
	scan(vt, ev.codes[2]);
	snprintf(want, sizeof want, "%s", ev.names[2]);
	e2e_expect(vt, want, VT_DEADLINE_MS);
	e2e_expect(vt, "ready in", VT_DEADLINE_MS);
	for (r = 0; r < 25; r++) {
		row = vt_row(vt, r);
		hashes += strstr(row, "#   #") != NULL;
		CHECK(strstr(row, "\xe2\x96\x88") == NULL);
		free(row);
	}
	CHECK(hashes > 0);
	/* The banner's colour is one of the eight. */
	if (vt_find(vt, want, &r, &c)) {
		CHECK_INT(vt_cell(vt, r, c, &cell), 0);
		CHECK(cell.bg >= 0 && cell.bg < 8);
	} else
		CHECK(0);
	leave(vt);
}

/* The server goes away mid-session; the queue reaches it once back. */
static void
test_offline(void)
{
	struct event	 ev;
	struct vt	*vt;
	char		 state[160], want[128];

	if ((vt = door_open(&ev, "offline", state, sizeof state, 30, 100, NULL,
	    NULL)) == NULL)
		return;
	scan(vt, ev.codes[0]);
	e2e_expect(vt, "ready in", VT_DEADLINE_MS);
	CHECK_INT(server_checked_in(&ev), 1);
	/* Another door: its checkin envelope reaches the copy here. */
	CHECK_INT(door_checkin(&ev, ev.codes[5]), 200);
	e2e_expect(vt, "Checked in 2 / 50", VT_DEADLINE_MS);

	mockproc_stop(&mock);
	scan(vt, ev.codes[1]);
	snprintf(want, sizeof want, "%s (Accepted offline)", ev.names[1]);
	e2e_expect(vt, want, VT_DEADLINE_MS);
	e2e_expect(vt, "OFFLINE", VT_DEADLINE_MS);
	scan(vt, ev.codes[2]);
	snprintf(want, sizeof want, "%s (Accepted offline)", ev.names[2]);
	e2e_expect(vt, want, VT_DEADLINE_MS);
	/* Checked against the copy: in here already, and not a guest. */
	scan(vt, ev.codes[1]);
	snprintf(want, sizeof want, "ALREADY CHECKED IN \xe2\x80\x94 %s",
	    ev.names[1]);
	e2e_expect(vt, want, VT_DEADLINE_MS);
	scan(vt, ev.codes[0]);
	snprintf(want, sizeof want, "ALREADY CHECKED IN \xe2\x80\x94 %s",
	    ev.names[0]);
	e2e_expect(vt, want, VT_DEADLINE_MS);
	scan(vt, ev.codes[5]);
	snprintf(want, sizeof want, "ALREADY CHECKED IN \xe2\x80\x94 %s",
	    ev.names[5]);
	e2e_expect(vt, want, VT_DEADLINE_MS);
	scan(vt, "NOSUCH43");
	e2e_expect(vt, "Unknown code", VT_DEADLINE_MS);
	e2e_expect(vt, "+2 here, not sent yet", VT_DEADLINE_MS);
	e2e_expect(vt, "2 queued", VT_DEADLINE_MS);

	if (restart_mock() != 0) {
		CHECK(0);
		goto out;
	}
	e2e_expect(vt, "ONLINE", VT_DEADLINE_MS);
	e2e_expect_gone(vt, "queued", VT_DEADLINE_MS);
	e2e_expect(vt, "Checked in 4 / 50", VT_DEADLINE_MS);
	CHECK_INT(server_checked_in(&ev), 4);
out:
	leave(vt);
}

/* Copies a file (the station's, and its -wal) byte for byte. */
static int
copy_file(const char *from, const char *to)
{
	FILE	*in, *out;
	char	 buf[8192];
	size_t	 n;
	int	 rc = 0;

	if ((in = fopen(from, "rb")) == NULL)
		return (-1);
	if ((out = fopen(to, "wb")) == NULL) {
		fclose(in);
		return (-1);
	}
	while ((n = fread(buf, 1, sizeof buf, in)) > 0) {
		if (fwrite(buf, 1, n, out) != n)
			rc = -1;
	}
	fclose(in);
	if (fclose(out) != 0)
		rc = -1;
	return (rc);
}

/* The station's file for ev under state (a new string). */
static char *
station_file(const struct event *ev, const char *state)
{
	char	*path, *cause = NULL, *old = getenv("XDG_STATE_HOME");
	char	*keep = old != NULL ? strdup(old) : NULL;

	setenv("XDG_STATE_HOME", state, 1);
	path = kiosk_path(url, ev->id, &cause);
	if (keep != NULL)
		setenv("XDG_STATE_HOME", keep, 1);
	else
		unsetenv("XDG_STATE_HOME");
	free(keep);
	free(cause);
	return (path);
}

/*
 * Killed with two scans queued: started again, it sends them once; the
 * same queue sent again (a copy of the file taken before) checks nobody in
 * twice, as the nonces make the server answer as it did.
 */
static void
test_killed(void)
{
	struct event	 ev;
	struct vt	*vt;
	char		 state[160], copy[160], want[128], *file, *cfile;
	char		 from[256], to[256];

	state_dir(copy, sizeof copy, "killed-copy");
	if ((vt = door_open(&ev, "killed", state, sizeof state, 30, 100, NULL,
	    NULL)) == NULL)
		return;
	mockproc_stop(&mock);
	scan(vt, ev.codes[3]);
	scan(vt, ev.codes[4]);
	e2e_expect(vt, "2 queued", VT_DEADLINE_MS);
	kill(vt_pid(vt), SIGKILL);
	CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 128 + SIGKILL);
	vt_free(vt);

	/* The file as the power cut left it, kept for the second send. */
	file = station_file(&ev, state);
	mkdir(copy, 0700);
	snprintf(from, sizeof from, "%s/evtop", copy);
	mkdir(from, 0700);
	cfile = station_file(&ev, copy);
	CHECK(file != NULL && cfile != NULL);
	if (file == NULL || cfile == NULL)
		goto out;
	CHECK_INT(copy_file(file, cfile), 0);
	snprintf(from, sizeof from, "%s-wal", file);
	snprintf(to, sizeof to, "%s-wal", cfile);
	copy_file(from, to);

	if (restart_mock() != 0 || (vt = station(&ev, state, 30, 100,
	    NULL)) == NULL) {
		CHECK(0);
		goto out;
	}
	e2e_expect(vt, "ONLINE", VT_DEADLINE_MS);
	snprintf(want, sizeof want, "%s", ev.names[4]);
	e2e_expect(vt, want, VT_DEADLINE_MS);
	e2e_expect_gone(vt, "queued", VT_DEADLINE_MS);
	CHECK_INT(server_checked_in(&ev), 2);
	leave(vt);

	/* The same queue once more: the server answers as before. */
	if ((vt = station(&ev, copy, 30, 100, NULL)) == NULL) {
		CHECK(0);
		goto out;
	}
	e2e_expect(vt, "ONLINE", VT_DEADLINE_MS);
	e2e_expect_gone(vt, "queued", VT_DEADLINE_MS);
	CHECK(!vt_find(vt, "CONFLICT", NULL, NULL));
	CHECK_INT(server_checked_in(&ev), 2);
	leave(vt);
out:
	free(file);
	free(cfile);
}

/*
 * Started while the server is away (a station rebooted in an outage):
 * it works offline on the copy its last run kept, and sends what it took
 * once the server is back.
 */
static void
test_start_offline(void)
{
	struct event	 ev;
	struct vt	*vt;
	struct reply	 r;
	char		 state[160], want[128], path[64];

	if ((vt = door_open(&ev, "start-offline", state, sizeof state, 30,
	    100, NULL, NULL)) == NULL)
		return;
	e2e_expect(vt, "6 guests, list of", VT_DEADLINE_MS);
	leave(vt);

	/* A guest deleted on the server goes at the next whole copy. */
	snprintf(path, sizeof path, "/api/guests/%lld",
	    (long long)ev.guests[5]);
	support_http(url, "DELETE", path, NULL, token, &r);
	CHECK(r.status >= 200 && r.status < 300);
	reply_done(&r);
	if ((vt = station(&ev, state, 30, 100, NULL)) == NULL) {
		CHECK(0);
		return;
	}
	e2e_expect(vt, "5 guests, list of", VT_DEADLINE_MS);
	leave(vt);

	mockproc_stop(&mock);
	if ((vt = station(&ev, state, 30, 100, NULL)) == NULL) {
		CHECK(0);
		return;
	}
	e2e_expect(vt, "OFFLINE", 2 * VT_DEADLINE_MS);
	e2e_expect(vt, "guests, list of", VT_DEADLINE_MS);
	scan(vt, ev.codes[0]);
	snprintf(want, sizeof want, "%s (Accepted offline)", ev.names[0]);
	e2e_expect(vt, want, VT_DEADLINE_MS);
	e2e_expect(vt, "1 queued", VT_DEADLINE_MS);
	scan(vt, ev.codes[5]);
	e2e_expect(vt, "Unknown code", VT_DEADLINE_MS);
	if (restart_mock() != 0) {
		CHECK(0);
		leave(vt);
		return;
	}
	e2e_expect(vt, "ONLINE", VT_DEADLINE_MS);
	e2e_expect_gone(vt, "queued", VT_DEADLINE_MS);
	CHECK_INT(server_checked_in(&ev), 1);
	leave(vt);
}

/*
 * A server with only the core of the API (no check-in, no guest list):
 * the station says it cannot work there, rather than INVALID for all.
 */
static void
test_core_server(void)
{
	struct core_options	 o = { .limit = 1000 };
	struct core_server	*cs;
	struct vt		*vt;
	char			 state[160];
	const char		*argv[] = { getenv("EVTOP_BIN"), "-s", NULL,
	    "-c", config, "--kiosk", "5", NULL };
	const char		*env[] = { "EVTOP_TOKEN=" CORE_TOKEN_2, NULL,
	    NULL };
	char			*state_env = NULL;

	if (start_mock() != 0 || (cs = core_start(&o)) == NULL) {
		CHECK(0);
		return;
	}
	state_dir(state, sizeof state, "core");
	mkdir(state, 0700);
	argv[2] = core_url(cs);
	if (argv[0] == NULL || asprintf(&state_env, "XDG_STATE_HOME=%s",
	    state) < 0 || (env[1] = state_env, vt = vt_spawn(argv, env, 30,
	    100)) == NULL) {
		CHECK(0);
		free(state_env);
		core_stop(cs);
		return;
	}
	e2e_expect(vt, "NO CHECK-IN", VT_DEADLINE_MS);
	e2e_expect(vt, "This server has no check-in: a station needs one",
	    VT_DEADLINE_MS);
	scan(vt, "ANYCODE1");
	e2e_expect(vt, "INVALID \xe2\x80\x94 This server has no check-in",
	    VT_DEADLINE_MS);
	CHECK(!vt_find(vt, "queued", NULL, NULL));
	CHECK(!vt_find(vt, "OFFLINE", NULL, NULL));
	leave(vt);
	free(state_env);
	core_stop(cs);
}

/* Two doors, one code, at once: one lets the guest in. */
static void
test_two_stations(void)
{
	struct event	 ev;
	struct vt	*a, *b;
	char		 sa[160], sb[160], valid[128], already[128];
	int		 va, vb, aa, ab;

	state_dir(sa, sizeof sa, "door-a");
	state_dir(sb, sizeof sb, "door-b");
	if (start_mock() != 0 || event_make(&ev) != 0 ||
	    (a = station(&ev, sa, 30, 100, NULL)) == NULL) {
		CHECK(0);
		return;
	}
	if ((b = station(&ev, sb, 30, 100, NULL)) == NULL) {
		CHECK(0);
		vt_free(a);
		return;
	}
	if (ready(a) != 0 || ready(b) != 0)
		goto out;
	scan(a, ev.codes[5]);
	scan(b, ev.codes[5]);
	snprintf(valid, sizeof valid, "VALID \xe2\x80\x94 %s", ev.names[5]);
	snprintf(already, sizeof already, "ALREADY CHECKED IN \xe2\x80\x94 %s",
	    ev.names[5]);
	e2e_expect(a, "ready in", VT_DEADLINE_MS);
	e2e_expect(b, "ready in", VT_DEADLINE_MS);
	va = vt_find(a, valid, NULL, NULL);
	vb = vt_find(b, valid, NULL, NULL);
	aa = vt_find(a, already, NULL, NULL);
	ab = vt_find(b, already, NULL, NULL);
	CHECK_INT(va + vb, 1);
	CHECK_INT(aa + ab, 1);
	CHECK_INT(va, ab);
	CHECK_INT(server_checked_in(&ev), 1);
out:
	leave(a);
	leave(b);
}

/*
 * A scan queued offline (a station that died before sending it) for a
 * guest another door let in meanwhile: the server's word shows.
 */
static void
test_conflict(void)
{
	struct event		 ev;
	struct kiosk_db		*kdb;
	struct kiosk_scan	 sc;
	struct vt		*vt;
	char			 state[160], sub[200], *file, *cause = NULL;

	state_dir(state, sizeof state, "conflict");
	if (start_mock() != 0 || event_make(&ev) != 0) {
		CHECK(0);
		return;
	}
	mkdir(state, 0700);
	snprintf(sub, sizeof sub, "%s/evtop", state);
	mkdir(sub, 0700);
	file = station_file(&ev, state);
	if (file == NULL || (kdb = kiosk_db_open(file, url, ev.id,
	    &cause)) == NULL) {
		fprintf(stderr, "kiosk: %s\n", cause != NULL ? cause : "?");
		free(cause);
		free(file);
		CHECK(0);
		return;
	}
	memset(&sc, 0, sizeof sc);
	kiosk_nonce(sc.nonce);
	snprintf(sc.code, sizeof sc.code, "%s", ev.codes[0]);
	sc.scanned_at = time(NULL) - 60;
	sc.queued = sc.offline = 1;
	sc.result = KIOSK_VALID;
	snprintf(sc.name, sizeof sc.name, "%s", ev.names[0]);
	snprintf(sc.detail, sizeof sc.detail, "Accepted offline");
	CHECK_INT(kiosk_db_add_scan(kdb, &sc, &cause), 0);
	kiosk_db_close(kdb);
	free(file);

	CHECK_INT(door_checkin(&ev, ev.codes[0]), 200);
	if ((vt = station(&ev, state, 30, 100, NULL)) == NULL) {
		CHECK(0);
		return;
	}
	e2e_expect(vt, "CONFLICT", VT_DEADLINE_MS);
	e2e_expect(vt, "Let in at another door first", VT_DEADLINE_MS);
	e2e_expect_gone(vt, "queued", VT_DEADLINE_MS);
	CHECK_INT(server_checked_in(&ev), 1);
	leave(vt);
}

/* / finds a guest by name; F4 undoes, after asking. */
static void
test_find_undo(void)
{
	struct event	 ev;
	struct vt	*vt;
	struct reply	 r;
	char		 state[160], want[160], path[64];

	if ((vt = door_open(&ev, "find", state, sizeof state, 30, 100, NULL,
	    NULL)) == NULL)
		return;
	vt_send_char(vt, '/');
	e2e_expect(vt, "Find a guest by name", VT_DEADLINE_MS);
	vt_send_text(vt, "guest thr");
	e2e_expect(vt, ev.names[2], VT_DEADLINE_MS);
	e2e_expect(vt, "not in", VT_DEADLINE_MS);
	CHECK(!vt_find(vt, ev.names[1], NULL, NULL));
	vt_send_char(vt, '\r');
	snprintf(want, sizeof want, "VALID \xe2\x80\x94 %s", ev.names[2]);
	e2e_expect(vt, want, VT_DEADLINE_MS);
	CHECK_INT(server_checked_in(&ev), 1);

	vt_send_key(vt, VTERM_KEY_FUNCTION(4));
	snprintf(want, sizeof want, "Undo the check-in of %s?", ev.names[2]);
	e2e_expect(vt, want, VT_DEADLINE_MS);
	/* Enter is no. */
	vt_send_char(vt, '\r');
	e2e_expect(vt, "Nothing undone", VT_DEADLINE_MS);
	CHECK_INT(server_checked_in(&ev), 1);
	vt_send_key(vt, VTERM_KEY_FUNCTION(4));
	e2e_expect(vt, want, VT_DEADLINE_MS);
	vt_send_char(vt, 'y');
	snprintf(want, sizeof want, "Check-in of %s undone", ev.names[2]);
	e2e_expect(vt, want, VT_DEADLINE_MS);
	CHECK_INT(server_checked_in(&ev), 0);
	snprintf(path, sizeof path, "/api/events/%lld/guests?checked_in=true",
	    (long long)ev.id);
	support_http(url, "GET", path, NULL, token, &r);
	CHECK_INT(json_integer_value(json_object_get(r.json, "total")), 0);
	reply_done(&r);
	leave(vt);
}

static void
test_stop_mock(void)
{
	kiosk_fixture_done();
}

TEST_MAIN(
	TEST_CASE(test_scans),
	TEST_CASE(test_terminators),
	TEST_CASE(test_bell),
	TEST_CASE(test_locked),
	TEST_CASE(test_console),
	TEST_CASE(test_offline),
	TEST_CASE(test_killed),
	TEST_CASE(test_start_offline),
	TEST_CASE(test_two_stations),
	TEST_CASE(test_core_server),
	TEST_CASE(test_conflict),
	TEST_CASE(test_find_undo),
	TEST_CASE(test_stop_mock))
