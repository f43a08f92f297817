/*
 * Signing in again without leaving, as a user would.  The mock gives
 * tokens a short life (--token-ttl), so the one evtop signed in with runs
 * out while the dashboard is up (the header says so); R is then refused
 * for the token, and the sign-in box goes up over the dashboard with the
 * address filled in.  A wrong password shows the server's sentence and
 * keeps the box; the right one closes it, the registration that was
 * refused is sent again and made (the server says so over REST), the
 * header is live again and the kept sign-in holds the new token.  Esc
 * instead leaves evtop signed out: the registration fails once, a banner
 * names the key that opens the box again, and q exits 4.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "mockproc.h"
#include "support-http.h"
#include "test.h"
#include "tokens.h"
#include "e2e.h"
#include "vt-harness.h"

#define ATTENDEE	"attendee@example.com"
#define PASSWORD	"evtop-demo"
#define WRONG		"not-the-Password-42"
#define LAUNCH		"Evtop Launch Party"	/* selected first */
#define TTL		"6"	/* seconds a token lasts */
#define BOX_WHY		"The server signed you out: token expired."
#define BOX_HINT	"Esc: stay signed out"
#define REFUSED		"Invalid email or password"	/* the mock's */
#define BANNER		"Signed out by the server: press S to sign in again"
#define MOCK_START_MS	60000

static struct mockproc	mock = { -1, NULL };
static char		state[] = "/tmp/evtop-e2e-again-XXXXXX";
static int		state_made;
static char		state_env[128];

static int
setup(void)
{
	static const char *const extra[] = { "--seed", "demo",
	    "--hash-cost", "4", "--token-ttl", TTL, NULL };
	char	*cause = NULL;

	if (mock.url != NULL)
		return (0);
	if (!state_made) {
		if (mkdtemp(state) == NULL)
			return (-1);
		state_made = 1;
	}
	snprintf(state_env, sizeof state_env, "XDG_STATE_HOME=%s", state);
	if (mockproc_start(&mock, getenv("EVTOP_MOCK"), extra, -1,
	    MOCK_START_MS, &cause) != 0) {
		fprintf(stderr, "e2e: no mock: %s\n", cause != NULL ? cause :
		    "");
		free(cause);
		return (-1);
	}
	return (0);
}

/* The kept sign-in's token, or NULL. */
static char *
kept_token(void)
{
	struct stored_token	 st;
	char			*cause = NULL, *token = NULL;

	setenv("XDG_STATE_HOME", state, 1);
	if (tokens_load(mock.url, &st, &cause) == 1) {
		token = st.token;
		st.token = NULL;
		stored_token_done(&st);
	}
	unsetenv("XDG_STATE_HOME");
	free(cause);
	return (token);
}

/* The kept sign-in's file. */
static void
kept_path(char *buf, size_t len)
{
	snprintf(buf, len, "%s/evtop/tokens/http_127.0.0.1_%s", state,
	    strrchr(mock.url, ':') + 1);
}

/*
 * The attendee's registrations for the launch party as the server has
 * them (asked with a token of the test's own): 0 or 1, -1 when it could
 * not say.
 */
static int
registered_for_launch(void)
{
	struct reply	 r;
	json_t		*list, *reg, *user;
	char		*token, path[96], body[128];
	size_t		 i;
	int		 n = -1;

	snprintf(body, sizeof body, "{\"email\":\"%s\",\"password\":\"%s\"}",
	    ATTENDEE, PASSWORD);
	support_http(mock.url, "POST", "/api/auth/login", body, NULL, &r);
	if (r.status != 200 || !json_is_string(json_object_get(r.json,
	    "token")) || (user = json_object_get(r.json, "user")) == NULL) {
		reply_done(&r);
		return (-1);
	}
	token = strdup(json_string_value(json_object_get(r.json, "token")));
	snprintf(path, sizeof path, "/api/events/users/%lld/registrations",
	    (long long)json_integer_value(json_object_get(user, "id")));
	reply_done(&r);
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
	free(token);
	return (n);
}

/* evtop signed in as the attendee with the password, on the dashboard. */
static struct vt *
sign_in(int rows, int cols)
{
	const char	*argv[] = { getenv("EVTOP_BIN"), "-s", mock.url, "-u",
	    ATTENDEE, NULL };
	const char	*env[] = { state_env, NULL };
	struct vt	*vt;

	if (argv[0] == NULL || (vt = vt_spawn(argv, env, rows, cols)) == NULL)
		return (NULL);
	if (e2e_expect(vt, "Password for", VT_DEADLINE_MS) != 0) {
		vt_free(vt);
		return (NULL);
	}
	vt_send_text(vt, PASSWORD "\r");
	if (e2e_expect(vt, LAUNCH, VT_DEADLINE_MS) != 0 ||
	    e2e_expect(vt, "LIVE", VT_DEADLINE_MS) != 0) {
		vt_free(vt);
		return (NULL);
	}
	return (vt);
}

/*
 * The token runs out (the header says so at its exp), then R is refused
 * for it: the box goes up with the address in it, and the registration
 * waits.
 */
static int
refused_register(struct vt *vt)
{
	int	row = -1, col = -1, erow = -2, ecol = -2;

	if (e2e_expect(vt, "token expired", VT_DEADLINE_MS) != 0)
		return (-1);
	CHECK(!vt_find(vt, BOX_WHY, NULL, NULL));
	vt_send_char(vt, 'R');
	if (e2e_expect(vt, BOX_WHY, VT_DEADLINE_MS) != 0)
		return (-1);
	e2e_expect(vt, "What you asked for", VT_DEADLINE_MS);
	e2e_expect(vt, "signed out", VT_DEADLINE_MS);
	/* The address on the email field's row (the frame may still come). */
	e2e_expect(vt, BOX_HINT, VT_DEADLINE_MS);
	CHECK(vt_find(vt, "Email", &row, &col));
	CHECK(vt_find(vt, ATTENDEE, &erow, &ecol));
	CHECK_INT(erow, row);
	CHECK(ecol > col);
	return (0);
}

static void
test_sign_in_again(void)
{
	struct vt	*vt;
	struct stat	 sb;
	char		*first, *second, path[300];

	if (setup() != 0 || (vt = sign_in(30, 100)) == NULL) {
		CHECK(0);
		return;
	}
	first = kept_token();
	CHECK(first != NULL);
	CHECK_INT(registered_for_launch(), 0);
	if (refused_register(vt) != 0)
		goto out;
	CHECK_INT(registered_for_launch(), 0);

	/* A wrong password: the server's sentence, the box and address stay. */
	vt_send_text(vt, WRONG);
	e2e_expect(vt, "\xe2\x80\xa2\xe2\x80\xa2\xe2\x80\xa2\xe2\x80\xa2",
	    VT_DEADLINE_MS);
	CHECK(!vt_find(vt, WRONG, NULL, NULL));
	vt_send_text(vt, "\r");
	e2e_expect(vt, REFUSED, VT_DEADLINE_MS);
	e2e_expect(vt, BOX_HINT, VT_DEADLINE_MS);
	CHECK(vt_find(vt, ATTENDEE, NULL, NULL));
	CHECK(!vt_find(vt, "\xe2\x80\xa2", NULL, NULL));	/* wiped */
	CHECK_INT(registered_for_launch(), 0);

	/* The right one: the box goes, the registration is made, live again. */
	vt_send_text(vt, PASSWORD "\r");
	e2e_expect_gone(vt, BOX_HINT, VT_DEADLINE_MS);
	e2e_expect(vt, "Registered for " LAUNCH, VT_DEADLINE_MS);
	e2e_expect(vt, "LIVE", VT_DEADLINE_MS);
	CHECK(!vt_find(vt, "Signed out by the server", NULL, NULL));
	CHECK(!vt_find(vt, "signed out", NULL, NULL));
	CHECK_INT(registered_for_launch(), 1);

	/* The kept sign-in holds the new token, still for our eyes only. */
	second = kept_token();
	CHECK(second != NULL && first != NULL && strcmp(first, second) != 0);
	kept_path(path, sizeof path);
	CHECK_INT(stat(path, &sb), 0);
	CHECK_INT(sb.st_mode & 0777, 0600);
	free(second);

	vt_send_char(vt, 'q');
	CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 0);
out:
	free(first);
	vt_free(vt);
}

/* Esc: signed out it stays, and says how to sign in again. */
static void
test_give_up(void)
{
	struct vt	*vt;
	char		 path[300];

	/* Not the sign-in kept from before: a password sign-in, now. */
	if (setup() != 0) {
		CHECK(0);
		return;
	}
	kept_path(path, sizeof path);
	unlink(path);
	if ((vt = sign_in(24, 80)) == NULL) {
		CHECK(0);
		return;
	}
	if (refused_register(vt) != 0)
		goto out;
	vt_send_key(vt, VTERM_KEY_ESCAPE);
	e2e_expect_gone(vt, BOX_HINT, VT_DEADLINE_MS);
	/* The parked registration fails, once, and the banner says why. */
	e2e_expect(vt, "Not registered for", VT_DEADLINE_MS);
	e2e_expect(vt, BANNER, VT_DEADLINE_MS);
	e2e_expect(vt, "S Sign in", VT_DEADLINE_MS);
	e2e_expect(vt, "signed out", VT_DEADLINE_MS);

	/* S opens the box again; Esc closes it; q leaves "not signed in". */
	vt_send_char(vt, 'S');
	e2e_expect(vt, BOX_HINT, VT_DEADLINE_MS);
	e2e_expect(vt, ATTENDEE, VT_DEADLINE_MS);
	vt_send_key(vt, VTERM_KEY_ESCAPE);
	e2e_expect_gone(vt, BOX_HINT, VT_DEADLINE_MS);
	vt_send_char(vt, 'q');
	CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 4);
	/* Refused and not replaced: the kept sign-in is gone. */
	kept_path(path, sizeof path);
	CHECK_INT(access(path, F_OK), -1);
out:
	vt_free(vt);
}

static void
test_cleanup(void)
{
	char	path[300];

	if (mock.url != NULL) {
		kept_path(path, sizeof path);
		unlink(path);
	}
	mockproc_stop(&mock);
	CHECK(mock.url == NULL);
	if (!state_made)
		return;
	snprintf(path, sizeof path, "%s/evtop/tokens", state);
	rmdir(path);
	snprintf(path, sizeof path, "%s/evtop", state);
	rmdir(path);
	CHECK_INT(rmdir(state), 0);
}

TEST_MAIN(
	TEST_CASE(test_sign_in_again),
	TEST_CASE(test_give_up),
	TEST_CASE(test_cleanup)
)
