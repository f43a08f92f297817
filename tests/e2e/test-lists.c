/*
 * The list keys on the demo list, as a user drives them: / filters as
 * typed and ! keeps the other rows, Esc clears; < > s sort with an arrow
 * in the header; Space marks rows; Z freezes and thaws; x exports the
 * marked events, then every listed one, to an .ics file that libical
 * and Python's icalendar both read, and asks before writing over it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>
#include <libical/ical.h>

#include "mockproc.h"
#include "support-http.h"
#include "test.h"
#include "e2e.h"
#include "vt-harness.h"

#define ATTENDEE	"attendee@example.com"
#define PASSWORD	"evtop-demo"
#define LAUNCH		"Evtop Launch Party"	/* soonest: selected first */

static struct mockproc	 mock = { -1, NULL };

static char *
sign_in(void)
{
	char		 body[128], *token = NULL;
	struct reply	 r;

	if (e2e_start_demo_mock(&mock) != 0)
		return (NULL);
	snprintf(body, sizeof body, "{\"email\":\"%s\",\"password\":\"%s\"}",
	    ATTENDEE, PASSWORD);
	support_http(mock.url, "POST", "/api/auth/login", body, NULL, &r);
	if (r.status == 200 && json_is_string(json_object_get(r.json,
	    "token")))
		token = strdup(json_string_value(json_object_get(r.json,
		    "token")));
	reply_done(&r);
	return (token);
}

/* The VEVENTs libical finds in path, -1 when it cannot read it. */
static int
ical_events(const char *path, char **summaries)
{
	FILE		*f;
	char		*text;
	long		 len;
	icalcomponent	*cal, *ev;
	int		 n = 0;

	if ((f = fopen(path, "rb")) == NULL)
		return (-1);
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	text = calloc(1, (size_t)len + 1);
	if (text == NULL || fread(text, 1, (size_t)len, f) != (size_t)len) {
		fclose(f);
		free(text);
		return (-1);
	}
	fclose(f);
	cal = icalparser_parse_string(text);
	free(text);
	if (cal == NULL)
		return (-1);
	*summaries = calloc(1, 4096);
	for (ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	    ev != NULL;
	    ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
		n++;
		if (strlen(*summaries) + 256 < 4096) {
			strcat(*summaries, icalcomponent_get_summary(ev));
			strcat(*summaries, "\n");
		}
	}
	icalcomponent_free(cal);
	return (n);
}

/* The VEVENT lines Python's icalendar prints for path, -1 on failure. */
static int
python_events(const char *path)
{
	const char	*py = getenv("EVTOP_PYTHON3");
	const char	*src = getenv("EVTOP_SOURCE_DIR");
	char		 cmd[2048], line[1024];
	FILE		*p;
	int		 n = 0;

	if (py == NULL || *py == '\0' || src == NULL)
		return (-1);
	snprintf(cmd, sizeof cmd, "'%s' '%s/tests/unit/check-ics.py' '%s'",
	    py, src, path);
	if ((p = popen(cmd, "r")) == NULL)
		return (-1);
	while (fgets(line, sizeof line, p) != NULL)
		n++;
	return (pclose(p) == 0 ? n : -1);
}

/* x, the file name typed over the default, Enter. */
static void
export_to(struct vt *vt, const char *path)
{
	vt_send_char(vt, 'x');
	e2e_expect(vt, "Export to: events.ics", VT_DEADLINE_MS);
	vt_send_char(vt, 0x15);		/* C-u: the default goes */
	vt_send_text(vt, path);
	vt_send_key(vt, VTERM_KEY_ENTER);
}

/* The list's first row (screen row 3) is some other event than the launch. */
static int
first_row_not_launch(struct vt *vt, void *arg)
{
	char	*row = vt_row(vt, 3);
	int	 ok = row != NULL && strstr(row, LAUNCH) == NULL &&
	    strchr(row, '2') != NULL;	/* a row with a date, not blank */

	(void)arg;
	free(row);
	return (ok);
}

static void
test_list_keys(void)
{
	const char	*argv[] = { getenv("EVTOP_BIN"), "-s", NULL, NULL };
	const char	*env[] = { NULL, NULL };
	char		*token, *tok_env = NULL, *path = NULL;
	char		*path2 = NULL, *sums = NULL, want[64];
	struct stat	 st, st2;
	struct vt	*vt;
	int		 n;

	if ((token = sign_in()) == NULL || argv[0] == NULL ||
	    asprintf(&tok_env, "EVTOP_TOKEN=%s", token) < 0) {
		CHECK(0);
		free(token);
		return;
	}
	argv[2] = mock.url;
	env[0] = tok_env;
	vt = vt_spawn(argv, env, 30, 100);
	if (vt == NULL || e2e_expect(vt, LAUNCH, VT_DEADLINE_MS) != 0)
		goto out;
	e2e_expect(vt, "DATE\xe2\x96\xb2", VT_DEADLINE_MS);

	/* / narrows the list as typed; Enter keeps it, Esc clears it. */
	vt_send_text(vt, "/launch");
	e2e_expect(vt, "/launch (filtered here)", VT_DEADLINE_MS);
	e2e_expect_gone(vt, "Terminal UI Round", VT_DEADLINE_MS);
	vt_send_key(vt, VTERM_KEY_ENTER);
	e2e_expect_gone(vt, "Enter keeps", VT_DEADLINE_MS);
	CHECK(vt_find(vt, "/launch", NULL, NULL));
	vt_send_key(vt, VTERM_KEY_ESCAPE);
	e2e_expect_gone(vt, "/launch", VT_DEADLINE_MS);
	e2e_expect(vt, "Terminal UI Round", VT_DEADLINE_MS);
	/* ! keeps the rows without it: the first row is not the launch. */
	vt_send_text(vt, "/!launch\r");
	e2e_expect(vt, "/!launch (filtered here)", VT_DEADLINE_MS);
	/* The rows may come a moment after the title: waited for. */
	CHECK_INT(vt_wait(vt, first_row_not_launch, NULL, VT_DEADLINE_MS), 0);
	vt_send_key(vt, VTERM_KEY_ESCAPE);
	e2e_expect_gone(vt, "/!launch", VT_DEADLINE_MS);

	/* < sorts by title, s reverses, > goes back to the date. */
	vt_send_char(vt, '<');
	e2e_expect(vt, "TITLE\xe2\x96\xb2", VT_DEADLINE_MS);
	vt_send_char(vt, 's');
	e2e_expect(vt, "TITLE\xe2\x96\xbc", VT_DEADLINE_MS);
	vt_send_char(vt, '>');
	e2e_expect(vt, "DATE\xe2\x96\xb2", VT_DEADLINE_MS);
	vt_send_key(vt, VTERM_KEY_HOME);

	/* Z freezes, Z thaws. */
	vt_send_char(vt, 'Z');
	e2e_expect(vt, "FROZEN", VT_DEADLINE_MS);
	vt_send_char(vt, 'Z');
	e2e_expect_gone(vt, "FROZEN", VT_DEADLINE_MS);

	/* Two marks, exported: both, and nothing else. */
	vt_send_text(vt, "  ");
	e2e_expect(vt, " 2 marked \xe2\x94\x80", VT_DEADLINE_MS);
	if (asprintf(&path, "%s/marked.ics", vt_home(vt)) < 0 ||
	    asprintf(&path2, "%s/all.ics", vt_home(vt)) < 0)
		goto out;
	export_to(vt, path);
	e2e_expect(vt, "Wrote 2 marked events", VT_DEADLINE_MS);
	CHECK_INT(ical_events(path, &sums), 2);
	CHECK(sums != NULL && strstr(sums, LAUNCH) != NULL);
	CHECK_INT(python_events(path), 2);

	/* Again: it asks, and n leaves the file as it was. */
	CHECK_INT(stat(path, &st), 0);
	export_to(vt, path);
	e2e_expect(vt, "Write over it?", VT_DEADLINE_MS);
	vt_send_char(vt, 'n');
	e2e_expect_gone(vt, "Write over it?", VT_DEADLINE_MS);
	CHECK_INT(stat(path, &st2), 0);
	CHECK(st.st_ino == st2.st_ino);

	/* No marks: every event listed. */
	vt_send_key(vt, VTERM_KEY_ESCAPE);
	e2e_expect_gone(vt, " 2 marked \xe2\x94\x80", VT_DEADLINE_MS);
	export_to(vt, path2);
	e2e_expect_gone(vt, "Export to:", VT_DEADLINE_MS);
	e2e_expect(vt, "/all.ics", VT_DEADLINE_MS);
	free(sums);
	sums = NULL;
	n = ical_events(path2, &sums);
	CHECK(n > 2);
	snprintf(want, sizeof want, "Wrote %d events", n);
	CHECK(vt_find(vt, want, NULL, NULL));
	snprintf(want, sizeof want, "%d events", n);
	CHECK(vt_find(vt, want, NULL, NULL));
	CHECK_INT(python_events(path2), n);

	vt_send_char(vt, 'q');
	CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 0);
out:
	free(sums);
	free(path);
	free(path2);
	vt_free(vt);
	free(tok_env);
	free(token);
}

/*
 * Below 80x24 one pane at a time has the screen, and Tab brings the
 * next; every key works as at full size.  Back at full size, all three.
 */
static void
test_small_terminal(void)
{
	const char	*argv[] = { getenv("EVTOP_BIN"), "-s", NULL, NULL };
	const char	*env[] = { NULL, NULL };
	char		*token, *tok_env = NULL;
	struct vt	*vt;

	if ((token = sign_in()) == NULL || argv[0] == NULL ||
	    asprintf(&tok_env, "EVTOP_TOKEN=%s", token) < 0) {
		CHECK(0);
		free(token);
		return;
	}
	argv[2] = mock.url;
	env[0] = tok_env;
	if ((vt = vt_spawn(argv, env, 20, 70)) == NULL) {
		CHECK(0);
		goto out;
	}
	e2e_expect(vt, "Events 31", VT_DEADLINE_MS);
	CHECK(!vt_find(vt, "too small", NULL, NULL));
	CHECK(!vt_find(vt, "Notifications", NULL, NULL));
	vt_send_char(vt, 'j');
	vt_send_char(vt, '\t');
	e2e_expect(vt, "Capacity", VT_DEADLINE_MS);
	e2e_expect_gone(vt, "Events 31", VT_DEADLINE_MS);
	vt_send_char(vt, '\t');
	e2e_expect(vt, "Notifications", VT_DEADLINE_MS);
	vt_send_char(vt, '\t');
	e2e_expect(vt, "Events 31", VT_DEADLINE_MS);
	/* Enter opens the second event, selected by j above. */
	vt_send_char(vt, '\r');
	e2e_expect(vt, "events \xe2\x80\xba Terminal UI", VT_DEADLINE_MS);
	vt_send_key(vt, VTERM_KEY_ESCAPE);
	e2e_expect(vt, "Events 31", VT_DEADLINE_MS);
	vt_resize(vt, 24, 80);
	e2e_expect(vt, "Notifications", VT_DEADLINE_MS);
	e2e_expect(vt, "Events 31", VT_DEADLINE_MS);
	vt_send_char(vt, 'q');
	CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 0);
	vt_free(vt);
out:
	free(tok_env);
	free(token);
}

static void
test_stop_mock(void)
{
	mockproc_stop(&mock);
	CHECK(mock.url == NULL);
}

TEST_MAIN(
	TEST_CASE(test_list_keys),
	TEST_CASE(test_small_terminal),
	TEST_CASE(test_stop_mock)
)
