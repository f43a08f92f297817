/*
 * The event view and running an event from it, as an admin would, with
 * the server asked over REST each time and other clients played by the
 * test over REST too.  Each case makes an event of its own (a few
 * minutes ahead, so it heads the list) with the registrations it needs:
 * another client's registration moves the open view's counters and
 * timeline; the registrations view lists names, confirmed or
 * waitlisted, and Esc walks back; P publishes and unpublishes; C refuses
 * a capacity under the confirmed count with the server's sentence under
 * the field and saves a good one; D wants the title typed; X cancels
 * after the question; and a change by someone else meanwhile is a 412
 * that shows the server's value, with a second try that goes through.
 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "mockproc.h"
#include "support-http.h"
#include "test.h"
#include "e2e.h"
#include "vt-harness.h"

#define ADMIN		"admin@example.com"
#define PASSWORD	"evtop-demo"
#define LAUNCH		"Evtop Launch Party"
#define CTRL_U		0x15	/* empties a field */
#define LIVE_MS		3000	/* "within a second or so", with room */

static struct mockproc	 mock = { -1, NULL };
static char		*token;		/* the admin's */
static int		 others;	/* users made so far */

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

/*
 * A new event minutes ahead (sooner than anything the demo has, so it
 * is listed first); its id, or -1.
 */
static int64_t
event_make(const char *title, const char *status, int capacity, int minutes)
{
	struct reply	 r;
	char		 body[512], when[32];
	time_t		 t = time(NULL) + minutes * 60;
	int64_t		 id = -1;

	t -= t % 60;
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime(&t));
	snprintf(body, sizeof body, "{\"title\":\"%s\",\"description\":"
	    "\"Made by a test.\",\"date_time\":\"%s\",\"location\":"
	    "\"Test Hall\",\"max_capacity\":%d,\"status\":\"%s\"}", title,
	    when, capacity, status);
	support_http(mock.url, "POST", "/api/events", body, token, &r);
	if (r.status == 201)
		id = json_integer_value(json_object_get(json_object_get(r.json,
		    "event"), "id"));
	else
		fprintf(stderr, "e2e: making %s: %ld %s\n", title, r.status,
		    r.body != NULL ? r.body : "");
	reply_done(&r);
	return (id);
}

/* Another user, new, registers for event id: 0, or -1. */
static int
register_other(int64_t id)
{
	struct reply	 r;
	char		 body[256], path[64];
	char		*tok = NULL;
	int		 n = ++others;

	snprintf(body, sizeof body, "{\"name\":\"Other Person %d\",\"email\":"
	    "\"other%d@example.org\",\"password\":\"%s\"}", n, n, PASSWORD);
	support_http(mock.url, "POST", "/api/auth/register", body, NULL, &r);
	if (r.status == 201 && json_is_string(json_object_get(r.json,
	    "token")))
		tok = strdup(json_string_value(json_object_get(r.json,
		    "token")));
	reply_done(&r);
	if (tok == NULL)
		return (-1);
	snprintf(path, sizeof path, "/api/events/%lld/register",
	    (long long)id);
	support_http(mock.url, "POST", path, NULL, tok, &r);
	free(tok);
	n = r.status == 201 ? 0 : -1;
	reply_done(&r);
	return (n);
}

/* GET /api/events/:id: the status, and the event (a new reference). */
static long
event_get(int64_t id, json_t **ev)
{
	struct reply	 r;
	char		 path[64];
	long		 status;

	snprintf(path, sizeof path, "/api/events/%lld", (long long)id);
	support_http(mock.url, "GET", path, NULL, token, &r);
	status = r.status;
	if (ev != NULL)
		*ev = json_incref(json_object_get(r.json, "event"));
	reply_done(&r);
	return (status);
}

/* A member of the server's event: a string ("" when none). */
static char *
event_str(int64_t id, const char *key)
{
	json_t	*ev = NULL;
	char	*s;

	event_get(id, &ev);
	s = strdup(json_is_string(json_object_get(ev, key)) ?
	    json_string_value(json_object_get(ev, key)) : "");
	json_decref(ev);
	return (s);
}

static int64_t
event_int(int64_t id, const char *key)
{
	json_t	*ev = NULL;
	int64_t	 n;

	event_get(id, &ev);
	n = json_integer_value(json_object_get(ev, key));
	json_decref(ev);
	return (n);
}

/* Another client's edit of event id, with the version it read. */
static long
event_put_other(int64_t id, const char *fields)
{
	struct reply	 r;
	char		 path[64], body[256];
	long		 status;

	snprintf(path, sizeof path, "/api/events/%lld", (long long)id);
	snprintf(body, sizeof body, "{\"version\":%lld,%s}",
	    (long long)event_int(id, "version"), fields);
	support_http(mock.url, "PUT", path, body, token, &r);
	status = r.status;
	reply_done(&r);
	return (status);
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
	if (vt != NULL && (e2e_expect(vt, LAUNCH, VT_DEADLINE_MS) != 0 ||
	    e2e_expect(vt, "LIVE", VT_DEADLINE_MS) != 0)) {
		vt_free(vt);
		return (NULL);
	}
	return (vt);
}

/* :event id, and its view is up with its counters. */
static int
open_event(struct vt *vt, int64_t id, const char *title)
{
	char	cmd[64];

	snprintf(cmd, sizeof cmd, ":event %lld\r", (long long)id);
	vt_send_text(vt, cmd);
	if (e2e_expect(vt, "events \xe2\x80\xba " , VT_DEADLINE_MS) != 0 ||
	    e2e_expect(vt, title, VT_DEADLINE_MS) != 0)
		return (-1);
	return (e2e_expect(vt, "Registrations a minute", VT_DEADLINE_MS));
}

/* Both texts on one row below the header (not in a toast's sentence). */
struct pair {
	const char	*a;
	const char	*b;
	const char	*not;
};

static int
row_has_pair(struct vt *vt, void *arg)
{
	const struct pair	*p = arg;
	char			*row;
	int			 rows, cols, y, ok = 0;

	vt_size(vt, &rows, &cols);
	for (y = 1; y < rows && !ok; y++) {
		row = vt_row(vt, y);
		ok = strstr(row, p->a) != NULL && strstr(row, p->b) != NULL &&
		    (p->not == NULL || strstr(row, p->not) == NULL);
		free(row);
	}
	return (ok);
}

static int
expect_row(struct vt *vt, const char *a, const char *b, int ms)
{
	struct pair	p = { a, b, " is " };

	if (vt_wait(vt, row_has_pair, &p, ms) == 0)
		return (0);
	fprintf(stderr, "e2e: never saw \"%s\" with \"%s\" on a row\n", a, b);
	vt_dump(vt, stderr);
	CHECK(0);
	return (-1);
}

/* The dashboard: no path in the header, the notifications pane shown. */
static int
at_dashboard(struct vt *vt, void *arg)
{
	char	*top = vt_row(vt, 0);
	int	 ok = strstr(top, "\xe2\x80\xba") == NULL;

	free(top);
	return (ok && vt_find(vt, "Notifications", NULL, NULL));
}

static int
expect_dashboard(struct vt *vt)
{
	if (vt_wait(vt, at_dashboard, NULL, VT_DEADLINE_MS) == 0)
		return (0);
	fprintf(stderr, "e2e: the dashboard never came back\n");
	vt_dump(vt, stderr);
	CHECK(0);
	return (-1);
}

static void
quit(struct vt *vt)
{
	vt_send_char(vt, 'q');
	CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 0);
	vt_free(vt);
}

/* Another client registers: counters and timeline move at once. */
static void
test_live_counters(void)
{
	struct vt	*vt;
	int64_t		 id;

	if (start_mock() != 0 || (id = event_make("Live Counter Check",
	    "published", 50, 11)) < 0 || register_other(id) != 0 ||
	    register_other(id) != 0 || (vt = spawn()) == NULL) {
		CHECK(0);
		return;
	}
	if (open_event(vt, id, "Live Counter Check") != 0)
		goto out;
	e2e_expect(vt, "2 of 50", VT_DEADLINE_MS);
	e2e_expect(vt, "2 in all", VT_DEADLINE_MS);

	CHECK_INT(register_other(id), 0);
	e2e_expect(vt, "3 of 50", LIVE_MS);
	e2e_expect(vt, "3 in all", LIVE_MS);
	CHECK_INT(register_other(id), 0);
	CHECK_INT(register_other(id), 0);
	e2e_expect(vt, "5 of 50", LIVE_MS);
	e2e_expect(vt, "5 in all", LIVE_MS);
	e2e_expect(vt, "Available   45", LIVE_MS);
out:
	quit(vt);
}

/* :regs and w as an admin: names, s between the lists, Esc back. */
static void
test_registrations(void)
{
	struct vt	*vt;
	int64_t		 id;
	int		 first = others + 1;
	char		 name[64];

	if (start_mock() != 0 || (id = event_make("Regs View Check",
	    "published", 2, 12)) < 0 || register_other(id) != 0 ||
	    register_other(id) != 0 || register_other(id) != 0 ||
	    (vt = spawn()) == NULL) {
		CHECK(0);
		return;
	}
	if (open_event(vt, id, "Regs View Check") != 0)
		goto out;
	vt_send_text(vt, ":regs\r");
	e2e_expect(vt, "Registrations: confirmed 2 (s: waitlisted)",
	    VT_DEADLINE_MS);
	e2e_expect(vt, "\xe2\x80\xba registrations", VT_DEADLINE_MS);
	snprintf(name, sizeof name, "Other Person %d", first);
	expect_row(vt, name, "confirmed", VT_DEADLINE_MS);
	snprintf(name, sizeof name, "Other Person %d", first + 1);
	expect_row(vt, name, "confirmed", VT_DEADLINE_MS);
	snprintf(name, sizeof name, "Other Person %d", first + 2);
	CHECK(!vt_find(vt, name, NULL, NULL));

	vt_send_char(vt, 's');
	e2e_expect(vt, "Registrations: waitlisted 1 (s: confirmed)",
	    VT_DEADLINE_MS);
	expect_row(vt, name, "waitlisted", VT_DEADLINE_MS);
	snprintf(name, sizeof name, "Other Person %d", first);
	e2e_expect_gone(vt, name, VT_DEADLINE_MS);

	/* Esc: the event view; w: the list again; Esc, Esc: home. */
	vt_send_key(vt, VTERM_KEY_ESCAPE);
	e2e_expect_gone(vt, "Registrations:", VT_DEADLINE_MS);
	e2e_expect(vt, "Registrations a minute", VT_DEADLINE_MS);
	e2e_expect(vt, "2 of 2", VT_DEADLINE_MS);
	vt_send_char(vt, 'w');
	e2e_expect(vt, "Registrations: confirmed 2", VT_DEADLINE_MS);
	expect_row(vt, name, "confirmed", VT_DEADLINE_MS);
	vt_send_key(vt, VTERM_KEY_ESCAPE);
	e2e_expect(vt, "Registrations a minute", VT_DEADLINE_MS);
	vt_send_key(vt, VTERM_KEY_ESCAPE);
	expect_dashboard(vt);
out:
	quit(vt);
}

/* P publishes a draft and unpublishes it: the server, view and list. */
static void
test_publish(void)
{
	struct vt	*vt;
	int64_t		 id;
	char		*s;

	if (start_mock() != 0 || (id = event_make("Publish Check", "draft",
	    30, 13)) < 0 || (vt = spawn()) == NULL) {
		CHECK(0);
		return;
	}
	if (open_event(vt, id, "Publish Check") != 0)
		goto out;
	expect_row(vt, "Publish Check", "draft", VT_DEADLINE_MS);
	vt_send_char(vt, 'P');
	e2e_expect(vt, "Publish Check is now published", VT_DEADLINE_MS);
	expect_row(vt, "Publish Check", "published", VT_DEADLINE_MS);
	CHECK_STR(s = event_str(id, "status"), "published");
	free(s);
	vt_send_key(vt, VTERM_KEY_ESCAPE);
	expect_dashboard(vt);
	expect_row(vt, "Publish Check", "published", VT_DEADLINE_MS);

	if (open_event(vt, id, "Publish Check") != 0)
		goto out;
	vt_send_char(vt, 'P');
	e2e_expect(vt, "Publish Check is now draft", VT_DEADLINE_MS);
	expect_row(vt, "Publish Check", "draft", VT_DEADLINE_MS);
	CHECK_STR(s = event_str(id, "status"), "draft");
	free(s);
	vt_send_key(vt, VTERM_KEY_ESCAPE);
	expect_dashboard(vt);
	expect_row(vt, "Publish Check", "draft", VT_DEADLINE_MS);
out:
	quit(vt);
}

/* C: under the confirmed count is the server's field error; then saved. */
static void
test_capacity(void)
{
	struct vt	*vt;
	int64_t		 id, version;

	if (start_mock() != 0 || (id = event_make("Capacity Check",
	    "published", 10, 14)) < 0 || register_other(id) != 0 ||
	    register_other(id) != 0 || register_other(id) != 0 ||
	    (vt = spawn()) == NULL) {
		CHECK(0);
		return;
	}
	version = event_int(id, "version");
	if (open_event(vt, id, "Capacity Check") != 0)
		goto out;
	e2e_expect(vt, "3 of 10", VT_DEADLINE_MS);
	vt_send_char(vt, 'C');
	e2e_expect(vt, "The capacity of Capacity Check (3 confirmed now):",
	    VT_DEADLINE_MS);
	vt_send_char(vt, CTRL_U);
	vt_send_text(vt, "2\r");
	e2e_expect(vt, "Capacity cannot go below the 3 confirmed",
	    VT_DEADLINE_MS);
	CHECK_INT(event_int(id, "max_capacity"), 10);
	CHECK_INT(event_int(id, "version"), version);

	vt_send_char(vt, CTRL_U);
	vt_send_text(vt, "40\r");
	e2e_expect(vt, "The capacity of Capacity Check is now 40",
	    VT_DEADLINE_MS);
	e2e_expect_gone(vt, "Capacity:", VT_DEADLINE_MS);
	e2e_expect(vt, "3 of 40", VT_DEADLINE_MS);
	CHECK_INT(event_int(id, "max_capacity"), 40);
out:
	quit(vt);
}

/* D with registrations: the title, typed right, deletes it. */
static void
test_delete(void)
{
	struct vt	*vt;
	int64_t		 id;

	if (start_mock() != 0 || (id = event_make("Delete Check",
	    "published", 10, 15)) < 0 || register_other(id) != 0 ||
	    register_other(id) != 0 || (vt = spawn()) == NULL) {
		CHECK(0);
		return;
	}
	if (open_event(vt, id, "Delete Check") != 0)
		goto out;
	vt_send_char(vt, 'D');
	e2e_expect(vt, "Delete Delete Check and its 2 registrations?",
	    VT_DEADLINE_MS);
	vt_send_text(vt, "Delete Chek\r");
	e2e_expect(vt, "Delete Chek", VT_DEADLINE_MS);
	/* The wrong title sent nothing; the question stays up. */
	CHECK_INT(event_get(id, NULL), 200);
	e2e_expect(vt, "and its 2 registrations?", VT_DEADLINE_MS);

	vt_send_char(vt, CTRL_U);
	vt_send_text(vt, "Delete Check\r");
	e2e_expect(vt, "Deleted Delete Check", VT_DEADLINE_MS);
	expect_dashboard(vt);
	e2e_expect_gone(vt, "Delete Check", VT_DEADLINE_MS);
	CHECK_INT(event_get(id, NULL), 404);
out:
	quit(vt);
}

/* X asks; n leaves the event alone, y cancels it. */
static void
test_cancel(void)
{
	struct vt	*vt;
	int64_t		 id;
	char		*s;

	if (start_mock() != 0 || (id = event_make("Cancel Check",
	    "published", 10, 16)) < 0 || register_other(id) != 0 ||
	    (vt = spawn()) == NULL) {
		CHECK(0);
		return;
	}
	if (open_event(vt, id, "Cancel Check") != 0)
		goto out;
	vt_send_char(vt, 'X');
	e2e_expect(vt, "Cancel Cancel Check? Its 1 registered",
	    VT_DEADLINE_MS);
	vt_send_char(vt, 'n');
	e2e_expect_gone(vt, "Cancel Cancel Check?", VT_DEADLINE_MS);
	CHECK_STR(s = event_str(id, "status"), "published");
	free(s);

	vt_send_char(vt, 'X');
	e2e_expect(vt, "Cancel Cancel Check?", VT_DEADLINE_MS);
	vt_send_char(vt, 'y');
	e2e_expect(vt, "Cancel Check is cancelled", VT_DEADLINE_MS);
	expect_row(vt, "Cancel Check", "cancelled", VT_DEADLINE_MS);
	CHECK_STR(s = event_str(id, "status"), "cancelled");
	free(s);
out:
	quit(vt);
}

/*
 * Someone else changes the event between the view's read and P.  The
 * live link tells evtop within milliseconds, so the other client's
 * write is made while evtop is stopped with P already typed: the key is
 * read before the envelope, and goes with the version evtop had.
 */
static void
test_conflict_publish(void)
{
	struct vt	*vt;
	int64_t		 id;
	char		*s;

	if (start_mock() != 0 || (id = event_make("Conflict Publish",
	    "draft", 30, 17)) < 0 || (vt = spawn()) == NULL) {
		CHECK(0);
		return;
	}
	if (open_event(vt, id, "Conflict Publish") != 0)
		goto out;
	kill(vt_pid(vt), SIGSTOP);
	vt_send_char(vt, 'P');
	CHECK_INT(event_put_other(id, "\"location\":\"Other Hall\""), 200);
	kill(vt_pid(vt), SIGCONT);
	e2e_expect(vt, "Changed by someone else: now draft", VT_DEADLINE_MS);
	e2e_expect(vt, "Other Hall", VT_DEADLINE_MS);
	CHECK_STR(s = event_str(id, "status"), "draft");
	free(s);

	vt_send_char(vt, 'P');
	e2e_expect(vt, "Conflict Publish is now published", VT_DEADLINE_MS);
	CHECK_STR(s = event_str(id, "status"), "published");
	free(s);
	CHECK_STR(s = event_str(id, "location"), "Other Hall");
	free(s);
out:
	quit(vt);
}

/* The capacity typed against a version someone else has moved on from. */
static void
test_conflict_capacity(void)
{
	struct vt	*vt;
	int64_t		 id;

	if (start_mock() != 0 || (id = event_make("Conflict Capacity",
	    "published", 20, 18)) < 0 || (vt = spawn()) == NULL) {
		CHECK(0);
		return;
	}
	if (open_event(vt, id, "Conflict Capacity") != 0)
		goto out;
	vt_send_char(vt, 'C');
	e2e_expect(vt, "Capacity:", VT_DEADLINE_MS);
	vt_send_char(vt, CTRL_U);
	vt_send_text(vt, "35");
	CHECK_INT(event_put_other(id, "\"max_capacity\":25"), 200);
	e2e_expect(vt, "0 of 25", VT_DEADLINE_MS);
	vt_send_char(vt, '\r');
	e2e_expect(vt, "Changed by someone else: capacity now 25",
	    VT_DEADLINE_MS);
	CHECK_INT(event_int(id, "max_capacity"), 25);

	/* Enter again sends mine over theirs. */
	vt_send_char(vt, '\r');
	e2e_expect(vt, "The capacity of Conflict Capacity is now 35",
	    VT_DEADLINE_MS);
	e2e_expect(vt, "0 of 35", VT_DEADLINE_MS);
	CHECK_INT(event_int(id, "max_capacity"), 35);
out:
	quit(vt);
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
	TEST_CASE(test_live_counters),
	TEST_CASE(test_registrations),
	TEST_CASE(test_publish),
	TEST_CASE(test_capacity),
	TEST_CASE(test_delete),
	TEST_CASE(test_cancel),
	TEST_CASE(test_conflict_publish),
	TEST_CASE(test_conflict_capacity),
	TEST_CASE(test_stop_mock))
