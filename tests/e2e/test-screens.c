/*
 * Expected screens: the dashboard, its help, the question it asks before
 * cancelling a registration, the sign-in box it puts up when the
 * server signs the user out, the event form and its merge after a
 * stale save, and the event and registrations views as an admin sees
 * them, at 80x24 and 120x40, compared cell
 * for cell with tests/screens/ (vt-screen.h).  Everything on them is made
 * the same on every run rather than matched loosely: the clock is fixed
 * (EVTOP_TEST_NOW, for evtop and evtop-mock alike, so the demo's dates,
 * notification times and token are the same), the mock seeds the demo
 * with no simulated activity, the header names the server by --label
 * instead of its ephemeral port, and each screen is taken once what it
 * waits for is on it (the live link included) and evtop has stopped
 * drawing.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "mockproc.h"
#include "support-http.h"
#include "test.h"
#include "e2e.h"
#include "vt-harness.h"
#include "vt-screen.h"

#define NOW		"2026-06-01T09:00:00Z"
#define ATTENDEE	"attendee@example.com"
#define PASSWORD	"evtop-demo"
#define LAUNCH		"Evtop Launch Party"	/* selected first */
#define LABEL		"evtop-mock"
#define QUESTION	"Cancel your registration for " LAUNCH "?"
#define SIGNED_OUT	"The server signed you out"
#define WRONG		"not-the-Password-42"
#define REFUSED		"Invalid email or password"	/* the mock's */

static struct mockproc	 mock = { -1, NULL };
static char		*token;		/* the attendee's */

/*
 * The demo mock on the fixed clock, and the attendee signed in and
 * registered for the launch party, so that U asks about a registration
 * there is.
 */
static int
start_mock(void)
{
	char		 body[128];
	struct reply	 r;

	if (token != NULL)
		return (0);
	/* The mock and evtop inherit it. */
	setenv("EVTOP_TEST_NOW", NOW, 1);
	if (e2e_start_demo_mock(&mock) != 0)
		return (-1);
	snprintf(body, sizeof body, "{\"email\":\"%s\",\"password\":\"%s\"}",
	    ATTENDEE, PASSWORD);
	support_http(mock.url, "POST", "/api/auth/login", body, NULL, &r);
	if (r.status == 200 && json_is_string(json_object_get(r.json,
	    "token")))
		token = strdup(json_string_value(json_object_get(r.json,
		    "token")));
	reply_done(&r);
	if (token == NULL) {
		fprintf(stderr, "screens: the attendee cannot sign in\n");
		return (-1);
	}
	support_http(mock.url, "POST", "/api/events/1/register", NULL, token,
	    &r);
	if (r.status != 200 && r.status != 201) {
		fprintf(stderr, "screens: registering for the launch party: "
		    "%ld %s\n", r.status, r.body != NULL ? r.body : "");
		reply_done(&r);
		return (-1);
	}
	reply_done(&r);
	return (0);
}

/* A text on the header row (row 0). */
static int
header_has(struct vt *vt, const char *text)
{
	char	*top = vt_row(vt, 0);
	int	 ok = strstr(top, text) != NULL;

	free(top);
	return (ok);
}

/*
 * Everything the dashboard fetches is in: the live link, the events, the
 * selected event's counters, the notification log, the key bar.
 */
static int
dashboard_settled(struct vt *vt, void *arg)
{
	return (header_has(vt, "LIVE") && header_has(vt, LABEL) &&
	    vt_find(vt, LAUNCH, NULL, NULL) &&
	    vt_find(vt, "Confirmed", NULL, NULL) &&
	    vt_find(vt, "Badge printer low", NULL, NULL) &&
	    vt_find(vt, "q Quit", NULL, NULL));
}

static struct vt	*spawn_as(int, int, const char *);

static struct vt *
spawn(int rows, int cols)
{
	return (spawn_as(rows, cols, token));
}

static struct vt *
spawn_as(int rows, int cols, const char *tok)
{
	const char	*argv[] = { getenv("EVTOP_BIN"), "-s", mock.url,
	    "--label", LABEL, NULL };
	const char	*env[] = { NULL, NULL };
	char		*tok_env = NULL;
	struct vt	*vt;

	if (argv[0] == NULL || asprintf(&tok_env, "EVTOP_TOKEN=%s",
	    tok) < 0)
		return (NULL);
	env[0] = tok_env;
	vt = vt_spawn(argv, env, rows, cols);
	free(tok_env);
	return (vt);
}

static int
wait_dashboard(struct vt *vt)
{
	if (vt_wait(vt, dashboard_settled, NULL, VT_DEADLINE_MS) == 0)
		return (0);
	fprintf(stderr, "screens: the dashboard never settled\n");
	vt_dump(vt, stderr);
	return (-1);
}

/*
 * The dashboard, filtered and asking where to export, its help and
 * question, and two views, at one size.
 */
static void
screens_at(int rows, int cols)
{
	struct vt	*vt;
	char		 name[64];

	if (start_mock() != 0 || (vt = spawn(rows, cols)) == NULL) {
		CHECK(0);
		return;
	}
	if (wait_dashboard(vt) != 0) {
		CHECK(0);
		goto out;
	}
	snprintf(name, sizeof name, "dashboard-%dx%d", cols, rows);
	CHECK_INT(vt_screen_check(vt, name), 0);

	/* The list filtered and kept, then the export's question. */
	vt_send_text(vt, "/launch\r");
	if (e2e_expect(vt, "/launch (filtered here)", VT_DEADLINE_MS) == 0 &&
	    e2e_expect_gone(vt, "Enter keeps", VT_DEADLINE_MS) == 0) {
		snprintf(name, sizeof name, "filtered-%dx%d", cols, rows);
		CHECK_INT(vt_screen_check(vt, name), 0);
	}
	vt_send_char(vt, 'x');
	if (e2e_expect(vt, "Export to: events.ics", VT_DEADLINE_MS) == 0) {
		snprintf(name, sizeof name, "export-%dx%d", cols, rows);
		CHECK_INT(vt_screen_check(vt, name), 0);
	}
	vt_send_key(vt, VTERM_KEY_ESCAPE);
	e2e_expect_gone(vt, "Export to:", VT_DEADLINE_MS);
	vt_send_key(vt, VTERM_KEY_ESCAPE);
	e2e_expect_gone(vt, "/launch", VT_DEADLINE_MS);
	if (wait_dashboard(vt) != 0)
		CHECK(0);

	vt_send_char(vt, '?');
	if (e2e_expect(vt, "Show or hide this help", VT_DEADLINE_MS) == 0) {
		snprintf(name, sizeof name, "help-%dx%d", cols, rows);
		CHECK_INT(vt_screen_check(vt, name), 0);
	}
	vt_send_key(vt, VTERM_KEY_ESCAPE);
	e2e_expect_gone(vt, "Show or hide this help", VT_DEADLINE_MS);
	if (wait_dashboard(vt) != 0)
		CHECK(0);

	vt_send_char(vt, 'U');
	if (e2e_expect(vt, QUESTION, VT_DEADLINE_MS) == 0) {
		snprintf(name, sizeof name, "confirm-%dx%d", cols, rows);
		CHECK_INT(vt_screen_check(vt, name), 0);
	}
	vt_send_char(vt, 'n');
	e2e_expect_gone(vt, QUESTION, VT_DEADLINE_MS);

	/* Enter: the selected event in a view of its own. */
	vt_send_key(vt, VTERM_KEY_ENTER);
	if (e2e_expect(vt, "events \xe2\x80\xba " LAUNCH, VT_DEADLINE_MS) ==
	    0 && e2e_expect(vt, "Esc Back", VT_DEADLINE_MS) == 0 &&
	    e2e_expect_gone(vt, "Loading the stats", VT_DEADLINE_MS) == 0) {
		snprintf(name, sizeof name, "event-%dx%d", cols, rows);
		CHECK_INT(vt_screen_check(vt, name), 0);
	}
	/* w: who registered for it. */
	vt_send_char(vt, 'w');
	if (e2e_expect(vt, "Registrations: confirmed", VT_DEADLINE_MS) == 0 &&
	    e2e_expect_gone(vt, "Loading the registrations",
	    VT_DEADLINE_MS) == 0) {
		snprintf(name, sizeof name, "registrations-%dx%d", cols, rows);
		CHECK_INT(vt_screen_check(vt, name), 0);
	}
	vt_send_key(vt, VTERM_KEY_ESCAPE);
	e2e_expect_gone(vt, "Registrations: confirmed", VT_DEADLINE_MS);
	/* :notif over it; the path says where. */
	vt_send_text(vt, ":notif\r");
	if (e2e_expect(vt, "\xe2\x80\xba notifications", VT_DEADLINE_MS) ==
	    0) {
		snprintf(name, sizeof name, "notifications-%dx%d", cols, rows);
		CHECK_INT(vt_screen_check(vt, name), 0);
	}
	vt_send_key(vt, VTERM_KEY_ESCAPE);
	vt_send_key(vt, VTERM_KEY_ESCAPE);
	if (wait_dashboard(vt) != 0)
		CHECK(0);
	/* :profile: who is signed in, their stats and registrations. */
	vt_send_text(vt, ":profile\r");
	if (e2e_expect(vt, "Events created", VT_DEADLINE_MS) == 0 &&
	    e2e_expect(vt, "Your registrations 1", VT_DEADLINE_MS) == 0) {
		snprintf(name, sizeof name, "profile-%dx%d", cols, rows);
		CHECK_INT(vt_screen_check(vt, name), 0);
	}
	vt_send_key(vt, VTERM_KEY_ESCAPE);
	if (wait_dashboard(vt) != 0)
		CHECK(0);
	/* :search on the server, with a place. */
	vt_send_text(vt, ":search summit\r");
	if (e2e_expect(vt, "(on the server)", VT_DEADLINE_MS) == 0) {
		snprintf(name, sizeof name, "search-%dx%d", cols, rows);
		CHECK_INT(vt_screen_check(vt, name), 0);
	}
	vt_send_key(vt, VTERM_KEY_ESCAPE);
	if (wait_dashboard(vt) != 0)
		CHECK(0);

	vt_send_char(vt, 'q');
	CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 0);
out:
	vt_free(vt);
}

/* A secret file for the mock: 32 bytes of c, 0600. */
static int
write_secret(const char *path, char c)
{
	char	buf[32];
	int	fd, ok;

	memset(buf, c, sizeof buf);
	if ((fd = open(path, O_WRONLY|O_CREAT|O_TRUNC, 0600)) == -1)
		return (-1);
	ok = write(fd, buf, sizeof buf) == (ssize_t)sizeof buf;
	return (close(fd) == 0 && ok ? 0 : -1);
}

/*
 * The sign-in box, as a user meets it: evtop signed in on a mock that
 * is then started again on the same port and database with a new signing
 * secret (a server whose key was changed), so the live link's token is
 * refused when it reconnects; a wrong password then shows the server's
 * sentence in the box.
 */
static void
signin_at(int rows, int cols)
{
	const char	*argv[] = { getenv("EVTOP_BIN"), "-s", NULL,
	    "--label", LABEL, NULL };
	const char	*env[] = { NULL, NULL };
	const char	*first[] = { "--seed", "demo", "--hash-cost", "4",
	    "--db", NULL, "--secret-file", NULL, NULL };
	const char	*again[] = { "--listen", NULL, "--hash-cost", "4",
	    "--db", NULL, "--secret-file", NULL, NULL };
	struct mockproc	 m = { -1, NULL };
	struct vt	*vt = NULL;
	struct reply	 r;
	char		 dir[] = "/tmp/evtop-screens-XXXXXX", db[64], s1[64];
	char		 s2[64], listen[64], body[128], *tok = NULL, *cause = NULL;
	char		 name[64], *tok_env = NULL;

	if (start_mock() != 0 || mkdtemp(dir) == NULL) {
		CHECK(0);
		return;
	}
	snprintf(db, sizeof db, "%s/mock.db", dir);
	snprintf(s1, sizeof s1, "%s/secret1", dir);
	snprintf(s2, sizeof s2, "%s/secret2", dir);
	first[5] = again[5] = db;
	first[7] = s1;
	again[7] = s2;
	if (write_secret(s1, 'a') != 0 || write_secret(s2, 'b') != 0 ||
	    mockproc_start(&m, getenv("EVTOP_MOCK"), first, -1, 60000,
	    &cause) != 0) {
		fprintf(stderr, "screens: %s\n", cause != NULL ? cause :
		    "no secret files");
		CHECK(0);
		goto out;
	}
	snprintf(body, sizeof body, "{\"email\":\"%s\",\"password\":\"%s\"}",
	    ATTENDEE, PASSWORD);
	support_http(m.url, "POST", "/api/auth/login", body, NULL, &r);
	if (r.status == 200 && json_is_string(json_object_get(r.json,
	    "token")))
		tok = strdup(json_string_value(json_object_get(r.json,
		    "token")));
	reply_done(&r);
	if (tok == NULL || asprintf(&tok_env, "EVTOP_TOKEN=%s", tok) < 0) {
		CHECK(0);
		goto out;
	}
	env[0] = tok_env;
	argv[2] = m.url;
	if ((vt = vt_spawn(argv, env, rows, cols)) == NULL ||
	    wait_dashboard(vt) != 0) {
		CHECK(0);
		goto out;
	}
	/* The same server, port and data; a new key. */
	snprintf(listen, sizeof listen, "%s", strstr(m.url, "//") + 2);
	again[1] = listen;
	mockproc_stop(&m);
	if (mockproc_start(&m, getenv("EVTOP_MOCK"), again, -1, 60000,
	    &cause) != 0) {
		fprintf(stderr, "screens: the mock again: %s\n", cause);
		CHECK(0);
		goto out;
	}
	if (e2e_expect(vt, SIGNED_OUT, VT_DEADLINE_MS) != 0)
		goto out;
	/*
	 * The toasts of the drop and of the socket's error envelope have
	 * gone (the log keeps the error); the box's news stays.
	 */
	e2e_expect_gone(vt, "Live link lost", VT_DEADLINE_MS);
	e2e_expect_gone(vt, "Error: the live server", VT_DEADLINE_MS);
	vt_send_text(vt, WRONG "\r");
	if (e2e_expect(vt, REFUSED, VT_DEADLINE_MS) == 0) {
		snprintf(name, sizeof name, "signin-%dx%d", cols, rows);
		CHECK_INT(vt_screen_check(vt, name), 0);
	}
	vt_send_key(vt, VTERM_KEY_ESCAPE);
	e2e_expect_gone(vt, SIGNED_OUT, VT_DEADLINE_MS);
	vt_send_char(vt, 'q');
	CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 4);
out:
	vt_free(vt);
	mockproc_stop(&m);
	free(cause);
	free(tok);
	free(tok_env);
	test_remove_sqlite(db);
	unlink(s1);
	unlink(s2);
	rmdir(dir);
}

static void
test_signin_80x24(void)
{
	signin_at(24, 80);
}

static void
test_signin_120x40(void)
{
	signin_at(40, 120);
}

static void
test_screens_80x24(void)
{
	screens_at(24, 80);
}

static void
test_screens_120x40(void)
{
	screens_at(40, 120);
}

/* A wide terminal: the same screens, laid out for 200 columns. */
static void
test_screens_200x60(void)
{
	screens_at(60, 200);
}

/*
 * The admin's form on the launch party, with a new location typed; then
 * another client's change to the same event, and the merge the save
 * puts up.  Esc, Esc and y leave without saving.
 */
static void
form_at(int rows, int cols)
{
	struct vt	*vt = NULL;
	struct reply	 r;
	json_t		*ev;
	char		*admin, name[64], body[256];
	long long	 version;

	if (start_mock() != 0 || (admin = support_login(mock.url,
	    "admin@example.com", PASSWORD)) == NULL) {
		CHECK(0);
		return;
	}
	if ((vt = spawn_as(rows, cols, admin)) == NULL ||
	    wait_dashboard(vt) != 0) {
		CHECK(0);
		goto out;
	}
	vt_send_char(vt, 'e');
	e2e_expect(vt, "Edit: " LAUNCH, VT_DEADLINE_MS);
	vt_send_text(vt, "\t\t\t\x15Porto");
	if (e2e_expect(vt, "Porto", VT_DEADLINE_MS) == 0) {
		snprintf(name, sizeof name, "form-%dx%d", cols, rows);
		CHECK_INT(vt_screen_check(vt, name), 0);
	}
	support_http(mock.url, "GET", "/api/events/1", NULL, admin, &r);
	ev = json_object_get(r.json, "event");
	version = json_integer_value(json_object_get(ev, "version"));
	reply_done(&r);
	snprintf(body, sizeof body, "{\"version\":%lld,\"location\":"
	    "\"Hall %d\",\"description\":\"Moved to hall %d.\"}", version,
	    cols, cols);
	support_http(mock.url, "PUT", "/api/events/1", body, admin, &r);
	CHECK_INT(r.status, 200);
	reply_done(&r);
	vt_send_char(vt, 0x0f);
	if (e2e_expect(vt, "Changed meanwhile", VT_DEADLINE_MS) == 0) {
		snprintf(name, sizeof name, "merge-%dx%d", cols, rows);
		CHECK_INT(vt_screen_check(vt, name), 0);
	}
	vt_send_key(vt, VTERM_KEY_ESCAPE);
	e2e_expect_gone(vt, "Changed meanwhile", VT_DEADLINE_MS);
	vt_send_key(vt, VTERM_KEY_ESCAPE);
	e2e_expect(vt, "Discard your changes", VT_DEADLINE_MS);
	vt_send_char(vt, 'y');
	e2e_expect_gone(vt, "Edit: " LAUNCH, VT_DEADLINE_MS);
	vt_send_char(vt, 'q');
	CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 0);
out:
	vt_free(vt);
	free(admin);
}

/*
 * The event view and the registrations view as an admin sees them: the
 * stats (RSVPs, the timeline) and the names, where the attendee's
 * screens above have the sentence for a refused role.
 */
static void
admin_views_at(int rows, int cols)
{
	struct vt	*vt = NULL;
	char		*admin, name[64];

	if (start_mock() != 0 || (admin = support_login(mock.url,
	    "admin@example.com", PASSWORD)) == NULL) {
		CHECK(0);
		return;
	}
	if ((vt = spawn_as(rows, cols, admin)) == NULL ||
	    wait_dashboard(vt) != 0) {
		CHECK(0);
		goto out;
	}
	vt_send_key(vt, VTERM_KEY_ENTER);
	if (e2e_expect(vt, "events \xe2\x80\xba " LAUNCH, VT_DEADLINE_MS) ==
	    0 && e2e_expect(vt, "Registrations a minute", VT_DEADLINE_MS) ==
	    0) {
		snprintf(name, sizeof name, "event-admin-%dx%d", cols, rows);
		CHECK_INT(vt_screen_check(vt, name), 0);
	}
	vt_send_char(vt, 'w');
	if (e2e_expect(vt, "Registrations: confirmed", VT_DEADLINE_MS) == 0 &&
	    e2e_expect(vt, "@example.net", VT_DEADLINE_MS) == 0) {
		snprintf(name, sizeof name, "registrations-admin-%dx%d", cols,
		    rows);
		CHECK_INT(vt_screen_check(vt, name), 0);
	}
	vt_send_char(vt, 'q');
	CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 0);
out:
	vt_free(vt);
	free(admin);
}

static void
test_admin_views_80x24(void)
{
	admin_views_at(24, 80);
}

static void
test_admin_views_120x40(void)
{
	admin_views_at(40, 120);
}

static void
test_form_80x24(void)
{
	form_at(24, 80);
}

static void
test_form_120x40(void)
{
	form_at(40, 120);
}

static void
test_stop_mock(void)
{
	mockproc_stop(&mock);
	free(token);
	token = NULL;
	unsetenv("EVTOP_TEST_NOW");
	CHECK(mock.url == NULL);
}

TEST_MAIN(
	TEST_CASE(test_screens_80x24),
	TEST_CASE(test_screens_120x40),
	TEST_CASE(test_screens_200x60),
	TEST_CASE(test_signin_80x24),
	TEST_CASE(test_signin_120x40),
	TEST_CASE(test_admin_views_80x24),
	TEST_CASE(test_admin_views_120x40),
	TEST_CASE(test_form_80x24),
	TEST_CASE(test_form_120x40),
	TEST_CASE(test_stop_mock)
)
