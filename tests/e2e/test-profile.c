/*
 * The profile view as a user drives it, with the server asked over REST
 * as another client each time.  A fresh account registered for one event
 * sees its stats and that registration; it renames itself and moves to
 * another address (refused first as another account's, what was typed
 * kept), and the server has both; a password change with a wrong current
 * password is refused on its field and changes nothing, then goes through
 * and only the new password signs in.
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

#define LAUNCH		"Evtop Launch Party"
#define EMAIL		"pat@example.com"
#define NEW_EMAIL	"pat.renamed@example.com"
#define PASSWORD	"first-pass-1"
#define NEW_PASSWORD	"second-pass-2"
#define CTRL_O		0x0f	/* saves the form */
#define CTRL_U		0x15	/* empties a field */

static struct mockproc	 mock = { -1, NULL };

/* A new account, registered for the launch party: its token, or NULL. */
static char *
make_account(void)
{
	struct reply	 r;
	json_t		*ev;
	char		*token = NULL, path[64];
	size_t		 i;
	int64_t		 id = -1;

	support_http(mock.url, "POST", "/api/auth/register", "{\"name\":"
	    "\"Pat Profile\",\"email\":\"" EMAIL "\",\"password\":\""
	    PASSWORD "\"}", NULL, &r);
	if (r.status == 201 && json_is_string(json_object_get(r.json,
	    "token")))
		token = strdup(json_string_value(json_object_get(r.json,
		    "token")));
	reply_done(&r);
	if (token == NULL)
		return (NULL);
	support_http(mock.url, "GET", "/api/events?per_page=200", NULL, token,
	    &r);
	json_array_foreach(json_object_get(r.json, "events"), i, ev) {
		if (strcmp(json_string_value(json_object_get(ev, "title")),
		    LAUNCH) == 0)
			id = json_integer_value(json_object_get(ev, "id"));
	}
	reply_done(&r);
	snprintf(path, sizeof path, "/api/events/%lld/register",
	    (long long)id);
	support_http(mock.url, "POST", path, "{}", token, &r);
	CHECK_INT(r.status, 201);
	reply_done(&r);
	return (token);
}

/* The profile's field as the server has it now (copied), or NULL. */
static char *
profile_field(const char *token, const char *key)
{
	struct reply	 r;
	const char	*s;
	char		*out = NULL;

	support_http(mock.url, "GET", "/api/users/profile", NULL, token, &r);
	s = json_string_value(json_object_get(json_object_get(r.json, "user"),
	    key));
	if (r.status == 200 && s != NULL)
		out = strdup(s);
	reply_done(&r);
	return (out);
}

/* 1 when email and password sign in over REST. */
static int
signs_in(const char *email, const char *password)
{
	char	*t = support_login(mock.url, email, password);

	free(t);
	return (t != NULL);
}

static void
test_profile(void)
{
	const char	*argv[] = { getenv("EVTOP_BIN"), "-s", NULL, NULL };
	const char	*env[] = { NULL, NULL };
	char		*token, *tok_env = NULL, *s;
	struct vt	*vt;

	if (e2e_start_demo_mock(&mock) != 0 || (token = make_account()) ==
	    NULL) {
		CHECK(0);
		return;
	}
	argv[2] = mock.url;
	if (asprintf(&tok_env, "EVTOP_TOKEN=%s", token) < 0) {
		free(token);
		return;
	}
	env[0] = tok_env;
	vt = vt_spawn(argv, env, 30, 110);
	free(tok_env);
	if (vt == NULL || e2e_expect(vt, LAUNCH, VT_DEADLINE_MS) != 0) {
		vt_free(vt);
		free(token);
		return;
	}

	/* :profile: who, the stats, the registration. */
	vt_send_text(vt, ":profile\r");
	e2e_expect(vt, "Pat Profile", VT_DEADLINE_MS);
	e2e_expect(vt, "Role              organizer", VT_DEADLINE_MS);
	e2e_expect(vt, "Events created    0", VT_DEADLINE_MS);
	e2e_expect(vt, "Registered for    1", VT_DEADLINE_MS);
	e2e_expect(vt, "Your registrations 1", VT_DEADLINE_MS);
	e2e_expect(vt, "confirmed", VT_DEADLINE_MS);
	e2e_expect(vt, "Evtop Launch", VT_DEADLINE_MS);

	/* Another account's address: refused on the field, all kept. */
	vt_send_char(vt, 'e');
	e2e_expect(vt, "Edit your profile", VT_DEADLINE_MS);
	vt_send_char(vt, CTRL_U);
	vt_send_text(vt, "Pat Renamed");
	vt_send_key(vt, VTERM_KEY_TAB);
	vt_send_char(vt, CTRL_U);
	vt_send_text(vt, "admin.example.com");
	e2e_expect(vt, "Email must look like you@example.com",
	    VT_DEADLINE_MS);
	vt_send_char(vt, CTRL_U);
	vt_send_text(vt, "admin@example.com");
	vt_send_char(vt, CTRL_O);
	e2e_expect(vt, "Another account already uses email", VT_DEADLINE_MS);
	CHECK(vt_find(vt, "Pat Renamed", NULL, NULL));
	s = profile_field(token, "name");
	CHECK_STR(s != NULL ? s : "", "Pat Profile");
	free(s);
	vt_send_char(vt, CTRL_U);
	vt_send_text(vt, NEW_EMAIL);
	vt_send_char(vt, CTRL_O);
	e2e_expect(vt, "Saved your profile", VT_DEADLINE_MS);
	e2e_expect_gone(vt, "Edit your profile", VT_DEADLINE_MS);
	e2e_expect(vt, "Name              Pat Renamed", VT_DEADLINE_MS);
	e2e_expect(vt, "Email             " NEW_EMAIL, VT_DEADLINE_MS);
	CHECK(vt_wait_text(vt, NEW_EMAIL, VT_DEADLINE_MS) == 0);
	s = profile_field(token, "name");
	CHECK_STR(s != NULL ? s : "", "Pat Renamed");
	free(s);
	s = profile_field(token, "email");
	CHECK_STR(s != NULL ? s : "", NEW_EMAIL);
	free(s);

	/* Mismatched new passwords: nothing sent. */
	vt_send_char(vt, 'p');
	e2e_expect(vt, "Change your password", VT_DEADLINE_MS);
	vt_send_text(vt, PASSWORD "\t" NEW_PASSWORD "\t" NEW_PASSWORD "x");
	e2e_expect(vt, "The new passwords do not match", VT_DEADLINE_MS);
	vt_send_char(vt, CTRL_O);
	e2e_expect(vt, "Not sent: a field is wrong", VT_DEADLINE_MS);
	CHECK(!vt_find(vt, PASSWORD, NULL, NULL));
	CHECK(signs_in(NEW_EMAIL, PASSWORD));
	vt_send_key(vt, VTERM_KEY_BACKSPACE);
	e2e_expect_gone(vt, "The new passwords do not match",
	    VT_DEADLINE_MS);

	/* A wrong current password: the server's sentence on its field. */
	vt_send_key(vt, VTERM_KEY_TAB);		/* around to the first */
	vt_send_char(vt, CTRL_U);
	vt_send_text(vt, "not-my-password");
	vt_send_char(vt, CTRL_O);
	e2e_expect(vt, "The current password is not correct", VT_DEADLINE_MS);
	CHECK(signs_in(NEW_EMAIL, PASSWORD));
	CHECK(!signs_in(NEW_EMAIL, NEW_PASSWORD));

	/* The right one: only the new password signs in. */
	vt_send_char(vt, CTRL_U);
	vt_send_text(vt, PASSWORD);
	e2e_expect_gone(vt, "The current password is not correct",
	    VT_DEADLINE_MS);
	vt_send_char(vt, CTRL_O);
	e2e_expect(vt, "Changed your password", VT_DEADLINE_MS);
	e2e_expect_gone(vt, "Change your password", VT_DEADLINE_MS);
	CHECK(signs_in(NEW_EMAIL, NEW_PASSWORD));
	CHECK(!signs_in(NEW_EMAIL, PASSWORD));

	vt_send_char(vt, 'q');
	CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 0);
	vt_free(vt);
	free(token);
}

static void
test_stop_mock(void)
{
	mockproc_stop(&mock);
	CHECK(mock.url == NULL);
}

TEST_MAIN(
	TEST_CASE(test_profile),
	TEST_CASE(test_stop_mock))
