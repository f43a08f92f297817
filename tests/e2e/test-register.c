/*
 * Registering for an event from the dashboard, as an attendee would: R
 * registers for the selected event and says so, U asks before cancelling
 * and n leaves the registration alone, y cancels it.  The server is asked
 * over REST each time, so the toast is not the only witness.  With
 * --readonly both keys are refused with a toast, the help and the bar
 * leave them out, and the server gets nothing.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "mockproc.h"
#include "support-http.h"
#include "test.h"
#include "e2e.h"
#include "vt-harness.h"

#define ATTENDEE	"attendee@example.com"
#define PASSWORD	"evtop-demo"
#define LAUNCH		"Evtop Launch Party"	/* soonest: selected first */

static struct mockproc	 mock = { -1, NULL };
static char		*token;		/* the attendee's, for REST checks */
static int64_t		 attendee_id = -1;

static int
start_mock(void)
{
	char		 body[128];
	struct reply	 r;

	if (token != NULL)
		return (0);
	if (e2e_start_demo_mock(&mock) != 0)
		return (-1);
	snprintf(body, sizeof body, "{\"email\":\"%s\",\"password\":\"%s\"}",
	    ATTENDEE, PASSWORD);
	support_http(mock.url, "POST", "/api/auth/login", body, NULL, &r);
	if (r.status == 200 && json_is_string(json_object_get(r.json,
	    "token"))) {
		token = strdup(json_string_value(json_object_get(r.json,
		    "token")));
		attendee_id = json_integer_value(json_object_get(
		    json_object_get(r.json, "user"), "id"));
	}
	reply_done(&r);
	return (token != NULL ? 0 : -1);
}

/*
 * The attendee's active registrations for the launch party, as the
 * server tells them (cancelled ones are not listed): 0 or 1, -1 when the
 * server could not say.
 */
static int
registered_for_launch(void)
{
	struct reply	 r;
	json_t		*list, *reg;
	char		 path[96];
	size_t		 i;
	int		 n = -1;

	snprintf(path, sizeof path, "/api/events/users/%lld/registrations",
	    (long long)attendee_id);
	support_http(mock.url, "GET", path, NULL, token, &r);
	if (r.status == 200 && json_is_array(list = json_object_get(r.json,
	    "registrations"))) {
		n = 0;
		json_array_foreach(list, i, reg) {
			if (json_integer_value(json_object_get(reg,
			    "event_id")) == 1)
				n++;
		}
	}
	reply_done(&r);
	return (n);
}

/* evtop signed in as the attendee through EVTOP_TOKEN, at 30x100. */
static struct vt *
spawn(const char *flag)
{
	const char	*argv[] = { getenv("EVTOP_BIN"), "-s", mock.url,
	    flag, NULL };
	const char	*env[] = { NULL, NULL };
	char		*tok_env = NULL;
	struct vt	*vt;

	if (argv[0] == NULL || asprintf(&tok_env, "EVTOP_TOKEN=%s",
	    token) < 0)
		return (NULL);
	env[0] = tok_env;
	vt = vt_spawn(argv, env, 30, 100);
	free(tok_env);
	if (vt != NULL && e2e_expect(vt, LAUNCH, VT_DEADLINE_MS) != 0) {
		vt_free(vt);
		return (NULL);
	}
	return (vt);
}

static void
test_register_then_cancel(void)
{
	struct vt	*vt;

	if (start_mock() != 0 || (vt = spawn(NULL)) == NULL) {
		CHECK(0);
		return;
	}
	CHECK_INT(registered_for_launch(), 0);
	e2e_expect(vt, "R Register", VT_DEADLINE_MS);
	/* The row starts at 120 of 200 and counts the new seat live. */
	e2e_expect(vt, "120/200", VT_DEADLINE_MS);

	vt_send_char(vt, 'R');
	e2e_expect(vt, "Registered for " LAUNCH, VT_DEADLINE_MS);
	CHECK_INT(registered_for_launch(), 1);
	e2e_expect(vt, "121/200", VT_DEADLINE_MS);

	/* U asks; n keeps the registration. */
	vt_send_char(vt, 'U');
	e2e_expect(vt, "Cancel your registration for " LAUNCH "?", VT_DEADLINE_MS);
	e2e_expect(vt, "n, Esc or Enter: no", VT_DEADLINE_MS);
	vt_send_char(vt, 'x');		/* not an answer: still asking */
	vt_send_char(vt, 'n');
	e2e_expect_gone(vt, "Cancel your registration", VT_DEADLINE_MS);
	CHECK_INT(registered_for_launch(), 1);

	/* Esc is no as well. */
	vt_send_char(vt, 'U');
	e2e_expect(vt, "Cancel your registration for " LAUNCH "?", VT_DEADLINE_MS);
	vt_send_key(vt, VTERM_KEY_ESCAPE);
	e2e_expect_gone(vt, "Cancel your registration", VT_DEADLINE_MS);
	CHECK_INT(registered_for_launch(), 1);

	/* y cancels it. */
	vt_send_char(vt, 'U');
	e2e_expect(vt, "Cancel your registration for " LAUNCH "?", VT_DEADLINE_MS);
	vt_send_char(vt, 'y');
	e2e_expect(vt, "Registration cancelled for " LAUNCH, VT_DEADLINE_MS);
	CHECK_INT(registered_for_launch(), 0);
	e2e_expect(vt, "120/200", VT_DEADLINE_MS);

	/* Cancelling again: the server's own sentence. */
	vt_send_char(vt, 'U');
	e2e_expect(vt, "Cancel your registration for " LAUNCH "?", VT_DEADLINE_MS);
	vt_send_char(vt, 'y');
	e2e_expect(vt, "Registration not found", VT_DEADLINE_MS);

	vt_send_char(vt, 'q');
	CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 0);
	vt_free(vt);
}

/* Rows on screen holding text. */
static int
rows_with(struct vt *vt, const char *text)
{
	int	rows, cols, r, n = 0;
	char	*row;

	vt_size(vt, &rows, &cols);
	for (r = 0; r < rows; r++) {
		row = vt_row(vt, r);
		n += strstr(row, text) != NULL;
		free(row);
	}
	return (n);
}

static void
test_readonly_refuses(void)
{
	struct vt	*vt;

	if (start_mock() != 0 || (vt = spawn("--readonly")) == NULL) {
		CHECK(0);
		return;
	}
	CHECK(!vt_find(vt, "R Register", NULL, NULL));
	CHECK(!vt_find(vt, "U Cancel", NULL, NULL));

	vt_send_char(vt, 'R');
	e2e_expect(vt, "evtop is read-only: register was not sent", VT_DEADLINE_MS);
	vt_send_char(vt, 'U');
	e2e_expect(vt, "evtop is read-only: unregister was not sent", VT_DEADLINE_MS);
	/* No question: there is nothing to confirm. */
	CHECK(!vt_find(vt, "Cancel your registration", NULL, NULL));
	CHECK_INT(registered_for_launch(), 0);

	/* The help leaves both out; signing out is still there. */
	vt_send_char(vt, '?');
	e2e_expect(vt, "Sign out and delete the kept sign-in", VT_DEADLINE_MS);
	CHECK_INT(rows_with(vt, "Register for the selected event"), 0);
	CHECK_INT(rows_with(vt, "Cancel your registration (asks"), 0);
	vt_send_key(vt, VTERM_KEY_ESCAPE);
	e2e_expect_gone(vt, "Sign out and delete the kept sign-in", VT_DEADLINE_MS);

	vt_send_char(vt, 'q');
	CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 0);
	vt_free(vt);
	CHECK_INT(registered_for_launch(), 0);
}

/* Without --readonly the help lists both writes. */
static void
test_help_lists_writes(void)
{
	struct vt	*vt;

	if (start_mock() != 0 || (vt = spawn(NULL)) == NULL) {
		CHECK(0);
		return;
	}
	vt_send_char(vt, '?');
	e2e_expect(vt, "Register for the selected event", VT_DEADLINE_MS);
	e2e_expect(vt, "Cancel your registration (asks first)", VT_DEADLINE_MS);
	vt_send_char(vt, 'q');		/* closes the help */
	e2e_expect_gone(vt, "Register for the selected event", VT_DEADLINE_MS);
	vt_send_char(vt, 'q');
	CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 0);
	vt_free(vt);
}

/* An event of the list that is full, its row and its waitlist. */
struct full_event {
	int64_t	 id;
	int	 row;		/* in date order, from 0 */
	int64_t	 waitlisted;
	char	 title[256];
};

static int
find_full_event(struct full_event *fe)
{
	struct reply	 r;
	json_t		*list, *ev, *other;
	const char	*when, *w2;
	size_t		 i, j;
	int		 found = -1;

	support_http(mock.url, "GET", "/api/events?per_page=200", NULL, token,
	    &r);
	list = json_object_get(r.json, "events");
	json_array_foreach(list, i, ev) {
		if (json_integer_value(json_object_get(ev,
		    "available_spots")) != 0 || strcmp(json_string_value(
		    json_object_get(ev, "status")), "published") != 0)
			continue;
		fe->id = json_integer_value(json_object_get(ev, "id"));
		fe->waitlisted = json_integer_value(json_object_get(ev,
		    "waitlisted"));
		snprintf(fe->title, sizeof fe->title, "%s", json_string_value(
		    json_object_get(ev, "title")));
		/* Its row: the events before it by date, then id. */
		when = json_string_value(json_object_get(ev, "date_time"));
		fe->row = 0;
		json_array_foreach(list, j, other) {
			w2 = json_string_value(json_object_get(other,
			    "date_time"));
			if (strcmp(w2, when) < 0 || (strcmp(w2, when) == 0 &&
			    json_integer_value(json_object_get(other, "id")) <
			    fe->id))
				fe->row++;
		}
		found = 0;
		break;
	}
	reply_done(&r);
	return (found);
}

/* A full event puts the attendee on its waitlist, at the back. */
static void
test_waitlist(void)
{
	struct full_event	 fe;
	struct vt		*vt;
	char			 want[400];
	int			 i;

	if (start_mock() != 0 || find_full_event(&fe) != 0 ||
	    (vt = spawn(NULL)) == NULL) {
		CHECK(0);
		return;
	}
	for (i = 0; i < fe.row; i++)
		vt_send_char(vt, 'j');
	/* The details pane names the selected event. */
	snprintf(want, sizeof want, "%.20s", fe.title);
	e2e_expect(vt, want, VT_DEADLINE_MS);
	vt_send_char(vt, 'R');
	snprintf(want, sizeof want, "Waitlisted for %s (position %lld)",
	    fe.title, (long long)fe.waitlisted + 1);
	/* A toast holds 48 columns: a long title cuts the end off. */
	if (strlen(want) > 48)
		want[40] = '\0';
	e2e_expect(vt, want, VT_DEADLINE_MS);
	vt_send_char(vt, 'q');
	CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 0);
	vt_free(vt);
}

static void
test_stop_mock(void)
{
	mockproc_stop(&mock);
	free(token);
	token = NULL;
	CHECK(mock.url == NULL);
}

TEST_MAIN(
	TEST_CASE(test_register_then_cancel),
	TEST_CASE(test_readonly_refuses),
	TEST_CASE(test_help_lists_writes),
	TEST_CASE(test_waitlist),
	TEST_CASE(test_stop_mock)
)
