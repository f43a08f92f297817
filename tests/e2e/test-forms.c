/*
 * Creating and editing events in the form, as an admin would, with the
 * server asked over REST each time.  A new event with a capacity of 0
 * shows the problem on the field and sends nothing (the server's count
 * stays); put right, it is saved, listed, and the server has it.  An
 * edit made while another client changes the same event (a PUT with its
 * version) is refused as stale; the merge takes theirs for one field and
 * keeps mine for another, and the server ends with exactly those.
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

#define ADMIN		"admin@example.com"
#define PASSWORD	"evtop-demo"
#define LAUNCH		"Evtop Launch Party"	/* soonest: selected first */
#define NEW_TITLE	"Forms Workshop"
#define CTRL_O		0x0f	/* saves the form */
#define CTRL_U		0x15	/* empties a field */

static struct mockproc	 mock = { -1, NULL };
static char		*token;

static int
start_mock(void)
{
	if (token != NULL)
		return (0);
	if (e2e_start_demo_mock(&mock) != 0)
		return (-1);
	token = support_login(mock.url, ADMIN, PASSWORD);
	return (token != NULL ? 0 : -1);
}

/* The server's total of events (drafts and past ones too), or -1. */
static int64_t
event_total(void)
{
	struct reply	r;
	int64_t		n = -1;

	support_http(mock.url, "GET", "/api/events?include_past=true&"
	    "per_page=1", NULL, token, &r);
	if (r.status == 200 && json_is_integer(json_object_get(r.json,
	    "total")))
		n = json_integer_value(json_object_get(r.json, "total"));
	reply_done(&r);
	return (n);
}

/* The events the dashboard lists (upcoming ones), or -1. */
static int64_t
listed_total(void)
{
	struct reply	r;
	int64_t		n = -1;

	support_http(mock.url, "GET", "/api/events?per_page=1", NULL, token,
	    &r);
	if (r.status == 200 && json_is_integer(json_object_get(r.json,
	    "total")))
		n = json_integer_value(json_object_get(r.json, "total"));
	reply_done(&r);
	return (n);
}

/* The event called title, as the server has it (a new reference). */
static json_t *
event_titled(const char *title)
{
	struct reply	 r;
	json_t		*ev, *found = NULL;
	size_t		 i;

	support_http(mock.url, "GET", "/api/events?include_past=true&"
	    "per_page=200", NULL, token, &r);
	json_array_foreach(json_object_get(r.json, "events"), i, ev) {
		if (json_is_string(json_object_get(ev, "title")) &&
		    strcmp(json_string_value(json_object_get(ev, "title")),
		    title) == 0)
			found = json_incref(ev);
	}
	reply_done(&r);
	return (found);
}

static const char *
str(json_t *ev, const char *key)
{
	const char	*s = json_string_value(json_object_get(ev, key));

	return (s != NULL ? s : "");
}

static struct vt *
spawn(void)
{
	const char	*argv[] = { getenv("EVTOP_BIN"), "-s", mock.url,
	    NULL };
	const char	*env[] = { NULL, NULL };
	char		*tok_env = NULL;
	struct vt	*vt;

	if (argv[0] == NULL || asprintf(&tok_env, "EVTOP_TOKEN=%s",
	    token) < 0)
		return (NULL);
	env[0] = tok_env;
	vt = vt_spawn(argv, env, 30, 110);
	free(tok_env);
	if (vt != NULL && e2e_expect(vt, LAUNCH, VT_DEADLINE_MS) != 0) {
		vt_free(vt);
		return (NULL);
	}
	return (vt);
}

static void
tab(struct vt *vt, int n)
{
	while (n-- > 0)
		vt_send_key(vt, VTERM_KEY_TAB);
}

static void
test_create(void)
{
	struct vt	*vt;
	json_t		*ev;
	int64_t		 before, listed;
	char		 count[32];

	if (start_mock() != 0 || (vt = spawn()) == NULL) {
		CHECK(0);
		return;
	}
	before = event_total();
	listed = listed_total();
	CHECK(before > 0);
	snprintf(count, sizeof count, "%lld events", (long long)listed);
	e2e_expect(vt, count, VT_DEADLINE_MS);
	vt_send_char(vt, 'n');
	e2e_expect(vt, "New event", VT_DEADLINE_MS);
	vt_send_text(vt, NEW_TITLE);
	tab(vt, 1);
	vt_send_text(vt, "Hands on.");
	vt_send_key(vt, VTERM_KEY_ENTER);	/* a new line */
	vt_send_text(vt, "Bring a laptop.");
	tab(vt, 1);
	vt_send_text(vt, "2030-09-01 18:30");
	tab(vt, 1);
	vt_send_text(vt, "Porto");
	tab(vt, 1);
	vt_send_text(vt, "0");
	e2e_expect(vt, "Capacity must be at least 1", VT_DEADLINE_MS);
	tab(vt, 1);
	vt_send_key(vt, VTERM_KEY_RIGHT);	/* published */
	vt_send_char(vt, CTRL_O);
	e2e_expect(vt, "Not sent: put right the fields marked first",
	    VT_DEADLINE_MS);
	/* Nothing went: the server counts as many events as before. */
	CHECK_INT(event_total(), before);
	CHECK(event_titled(NEW_TITLE) == NULL);

	/* The save took the cursor to the wrong field: it is put right. */
	vt_send_key(vt, VTERM_KEY_BACKSPACE);
	vt_send_text(vt, "25");
	e2e_expect_gone(vt, "Capacity must be", VT_DEADLINE_MS);
	vt_send_char(vt, CTRL_O);
	e2e_expect(vt, "Created " NEW_TITLE, VT_DEADLINE_MS);
	e2e_expect_gone(vt, "New event", VT_DEADLINE_MS);
	CHECK_INT(event_total(), before + 1);
	if ((ev = event_titled(NEW_TITLE)) == NULL)
		CHECK(0);
	else {
		CHECK_STR(str(ev, "description"), "Hands on.\nBring a laptop.");
		CHECK_STR(str(ev, "location"), "Porto");
		CHECK_STR(str(ev, "status"), "published");
		CHECK_STR(str(ev, "date_time"), "2030-09-01T18:30:00Z");
		CHECK_INT(json_integer_value(json_object_get(ev,
		    "max_capacity")), 25);
		json_decref(ev);
	}
	/* The list has it (the list is fetched again after the write). */
	snprintf(count, sizeof count, "%lld events", (long long)listed + 1);
	e2e_expect(vt, count, VT_DEADLINE_MS);

	vt_send_char(vt, 'q');
	CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 0);
	vt_free(vt);
}

static void
test_conflict_merge(void)
{
	struct vt	*vt;
	json_t		*ev;
	char		 path[64], body[256];
	struct reply	 r;
	int64_t		 id, version;

	if (start_mock() != 0 || (ev = event_titled(LAUNCH)) == NULL) {
		CHECK(0);
		return;
	}
	id = json_integer_value(json_object_get(ev, "id"));
	version = json_integer_value(json_object_get(ev, "version"));
	json_decref(ev);
	if ((vt = spawn()) == NULL) {
		CHECK(0);
		return;
	}
	vt_send_char(vt, 'e');
	e2e_expect(vt, "Edit: " LAUNCH, VT_DEADLINE_MS);
	/* Mine: the location and the capacity. */
	tab(vt, 3);
	vt_send_char(vt, CTRL_U);
	vt_send_text(vt, "Lisbon, Hall B");
	tab(vt, 1);
	vt_send_char(vt, CTRL_U);
	vt_send_text(vt, "250");
	e2e_expect(vt, "Hall B", VT_DEADLINE_MS);

	/* Theirs meanwhile: the location and the description. */
	snprintf(path, sizeof path, "/api/events/%lld", (long long)id);
	snprintf(body, sizeof body, "{\"version\":%lld,\"location\":"
	    "\"Lisbon, Hall C\",\"description\":\"Moved upstairs.\"}",
	    (long long)version);
	support_http(mock.url, "PUT", path, body, token, &r);
	CHECK_INT(r.status, 200);
	reply_done(&r);

	vt_send_char(vt, CTRL_O);
	e2e_expect(vt, "Changed meanwhile: " LAUNCH, VT_DEADLINE_MS);
	e2e_expect(vt, "1 field changed on both sides", VT_DEADLINE_MS);
	e2e_expect(vt, "yours !", VT_DEADLINE_MS);
	/* The location is the conflict: theirs, by a toggle on its row. */
	vt_send_key(vt, VTERM_KEY_DOWN);
	vt_send_key(vt, VTERM_KEY_DOWN);
	vt_send_key(vt, VTERM_KEY_DOWN);
	vt_send_char(vt, ' ');
	e2e_expect(vt, "theirs !", VT_DEADLINE_MS);

	/* Another change meanwhile: a second 412, the merge again. */
	snprintf(body, sizeof body, "{\"version\":%lld,\"title\":"
	    "\"" LAUNCH " 2026\"}", (long long)version + 1);
	support_http(mock.url, "PUT", path, body, token, &r);
	CHECK_INT(r.status, 200);
	reply_done(&r);
	vt_send_char(vt, CTRL_O);
	snprintf(body, sizeof body, "has version %lld now",
	    (long long)version + 2);
	e2e_expect(vt, body, VT_DEADLINE_MS);
	e2e_expect(vt, "No field changed on both sides", VT_DEADLINE_MS);
	/* What was picked is now mine; the new title only theirs. */
	vt_send_char(vt, CTRL_O);
	e2e_expect(vt, "Saved " LAUNCH " 2026", VT_DEADLINE_MS);

	support_http(mock.url, "GET", path, NULL, token, &r);
	ev = json_object_get(r.json, "event");
	CHECK_STR(str(ev, "title"), LAUNCH " 2026");	/* theirs */
	CHECK_STR(str(ev, "location"), "Lisbon, Hall C");	/* theirs */
	CHECK_STR(str(ev, "description"), "Moved upstairs.");	/* theirs */
	CHECK_INT(json_integer_value(json_object_get(ev, "max_capacity")),
	    250);						/* mine */
	CHECK_INT(json_integer_value(json_object_get(ev, "version")),
	    version + 3);
	reply_done(&r);

	vt_send_char(vt, 'q');
	CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 0);
	vt_free(vt);
}

static void
test_readonly(void)
{
	const char	*argv[] = { getenv("EVTOP_BIN"), "-s", NULL,
	    "--readonly", NULL };
	const char	*env[] = { NULL, NULL };
	char		*tok_env = NULL;
	struct vt	*vt;

	if (start_mock() != 0 || asprintf(&tok_env, "EVTOP_TOKEN=%s",
	    token) < 0) {
		CHECK(0);
		return;
	}
	argv[2] = mock.url;
	env[0] = tok_env;
	vt = vt_spawn(argv, env, 30, 110);
	free(tok_env);
	if (vt == NULL || e2e_expect(vt, LAUNCH, VT_DEADLINE_MS) != 0) {
		vt_free(vt);
		return;
	}
	vt_send_char(vt, 'n');
	e2e_expect(vt, "evtop is read-only: event-new was not sent",
	    VT_DEADLINE_MS);
	vt_send_char(vt, 'e');
	e2e_expect(vt, "evtop is read-only: event-edit was not sent",
	    VT_DEADLINE_MS);
	CHECK(!vt_find(vt, "New event", NULL, NULL));
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
	TEST_CASE(test_create),
	TEST_CASE(test_conflict_merge),
	TEST_CASE(test_readonly),
	TEST_CASE(test_stop_mock))
