/*
 * :search as a user types it: on evtop-mock the server searches (words,
 * a place, dates) and the title says so; a filter the server answers
 * with nothing shows the sentence for it; Enter opens what was found.
 * The core server's side (no search there: searched here) is in
 * test-core.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "mockproc.h"
#include "support-http.h"
#include "test.h"
#include "e2e.h"
#include "vt-harness.h"

static struct mockproc	 mock = { -1, NULL };

static char *
sign_in(void)
{
	struct reply	 r;
	char		*token = NULL;

	support_http(mock.url, "POST", "/api/auth/login",
	    "{\"email\":\"attendee@example.com\",\"password\":\"evtop-demo\"}",
	    NULL, &r);
	if (r.status == 200 && json_is_string(json_object_get(r.json,
	    "token")))
		token = strdup(json_string_value(json_object_get(r.json,
		    "token")));
	reply_done(&r);
	return (token);
}

static void
test_search_on_the_server(void)
{
	const char	*argv[] = { getenv("EVTOP_BIN"), "-s", NULL, NULL };
	const char	*env[] = { NULL, NULL };
	char		*token, *tok_env = NULL;
	struct vt	*vt;

	if (e2e_start_demo_mock(&mock) != 0 || (token = sign_in()) == NULL ||
	    argv[0] == NULL || asprintf(&tok_env, "EVTOP_TOKEN=%s",
	    token) < 0) {
		CHECK(0);
		return;
	}
	argv[2] = mock.url;
	env[0] = tok_env;
	if ((vt = vt_spawn(argv, env, 30, 120)) == NULL) {
		CHECK(0);
		goto out;
	}
	e2e_expect(vt, "Evtop Launch Party", VT_DEADLINE_MS);
	vt_send_text(vt, ":search launch location=lisbon\r");
	e2e_expect(vt, "(on the server)", VT_DEADLINE_MS);
	e2e_expect(vt, "Search launch: 1", VT_DEADLINE_MS);
	/* The rows come in the same frame as the title: waited for too. */
	e2e_expect(vt, "\xe2\x94\x82" "Evtop Launch Party", VT_DEADLINE_MS);
	CHECK(!vt_find(vt, "Terminal UI Roundtable", NULL, NULL));
	/* Enter opens it. */
	vt_send_text(vt, "\r");
	e2e_expect(vt, "search \xe2\x80\xba Evtop Launch Party",
	    VT_DEADLINE_MS);
	vt_send_key(vt, VTERM_KEY_ESCAPE);
	vt_send_key(vt, VTERM_KEY_ESCAPE);
	e2e_expect_gone(vt, "Search launch", VT_DEADLINE_MS);
	/* A place nobody meets in. */
	vt_send_text(vt, ":search launch location=atlantis\r");
	e2e_expect(vt, "No event matches", VT_DEADLINE_MS);
	vt_send_key(vt, VTERM_KEY_ESCAPE);
	/* A date that is none: said, nothing opens. */
	vt_send_text(vt, ":search x from=june\r");
	e2e_expect(vt, "june is not a date", VT_DEADLINE_MS);
	if (test_failures)
		vt_dump(vt, stderr);
	vt_send_char(vt, 'q');
	CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 0);
	vt_free(vt);
out:
	free(tok_env);
	free(token);
}

static void
test_cleanup(void)
{
	mockproc_stop(&mock);
}

TEST_MAIN(
	TEST_CASE(test_search_on_the_server),
	TEST_CASE(test_cleanup))
