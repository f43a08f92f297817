/*
 * Signing out, as a user would: L in the dashboard deletes the kept
 * sign-in and leaves with status 0 and a sentence, so the next start asks
 * for the password again (and batch mode, which never asks, exits 4); a
 * token given in a file is left alone and said to be; the demo keeps
 * nothing and stays.  `evtop logout` deletes the kept sign-in without
 * starting the dashboard, and says when there was none.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mockproc.h"
#include "support-http.h"
#include "test.h"
#include "tokens.h"
#include "e2e.h"
#include "vt-harness.h"

#define ATTENDEE	"attendee@example.com"
#define PASSWORD	"evtop-demo"
#define LAUNCH		"Evtop Launch Party"
#define DEMO_START_MS	60000	/* the demo server seeds its data first */

static struct mockproc	mock = { -1, NULL };
static char		state[] = "/tmp/evtop-e2e-signout-XXXXXX";
static int		state_made;
static char		state_env[128];
static char		token_path[256];	/* the kept sign-in's file */

static int
setup(void)
{
	const char	*port;

	if (mock.url != NULL)
		return (0);
	if (!state_made) {
		if (mkdtemp(state) == NULL)
			return (-1);
		state_made = 1;
	}
	snprintf(state_env, sizeof state_env, "XDG_STATE_HOME=%s", state);
	if (e2e_start_demo_mock(&mock) != 0)
		return (-1);
	port = strrchr(mock.url, ':');
	snprintf(token_path, sizeof token_path,
	    "%s/evtop/tokens/http_127.0.0.1_%s", state, port + 1);
	return (0);
}

/* evtop with the test's state folder; a1... may end early with NULL. */
static struct vt *
spawn(const char *a1, const char *a2, const char *a3, const char *a4,
    const char *a5)
{
	const char	*argv[] = { getenv("EVTOP_BIN"), a1, a2, a3, a4, a5,
	    NULL };
	const char	*env[] = { state_env, NULL };

	if (argv[0] == NULL)
		return (NULL);
	return (vt_spawn(argv, env, 30, 100));
}

/* Signs in with the password; the sign-in is kept. */
static int
sign_in(void)
{
	struct vt	*vt;
	int		 rc = -1;

	if ((vt = spawn("-s", mock.url, "-u", ATTENDEE, NULL)) == NULL)
		return (-1);
	if (e2e_expect(vt, "Password for", VT_DEADLINE_MS) == 0) {
		vt_send_text(vt, PASSWORD "\r");
		if (e2e_expect(vt, LAUNCH, VT_DEADLINE_MS) == 0) {
			vt_send_char(vt, 'q');
			if (vt_wait_exit(vt, VT_DEADLINE_MS) == 0)
				rc = 0;
		}
	}
	vt_free(vt);
	return (access(token_path, F_OK) == 0 ? rc : -1);
}

static void
test_sign_out_key(void)
{
	struct vt	*vt;
	char		 want[256];

	if (setup() != 0 || sign_in() != 0) {
		CHECK(0);
		return;
	}
	/* Kept: straight in; L deletes it and leaves with a sentence. */
	if ((vt = spawn("-s", mock.url, NULL, NULL, NULL)) == NULL) {
		CHECK(0);
		return;
	}
	e2e_expect(vt, LAUNCH, VT_DEADLINE_MS);
	CHECK(!vt_find(vt, "Password for", NULL, NULL));
	vt_send_char(vt, 'L');
	CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 0);
	snprintf(want, sizeof want, "evtop: signed out of %s; the kept "
	    "sign-in was deleted", mock.url);
	e2e_expect(vt, want, VT_DEADLINE_MS);
	vt_free(vt);
	CHECK_INT(access(token_path, F_OK), -1);

	/* The next start asks for the password again... */
	if ((vt = spawn("-s", mock.url, "-u", ATTENDEE, NULL)) == NULL) {
		CHECK(0);
		return;
	}
	e2e_expect(vt, "Password for " ATTENDEE, VT_DEADLINE_MS);
	vt_free(vt);
	/* ...and batch mode, which never asks, says so and exits 4. */
	if ((vt = spawn("-b", "-s", mock.url, "-u", ATTENDEE)) == NULL) {
		CHECK(0);
		return;
	}
	CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 4);
	e2e_expect(vt, "batch mode never asks for a password", VT_DEADLINE_MS);
	vt_free(vt);
}

static void
test_logout_command(void)
{
	struct vt	*vt;
	char		 want[256];

	if (setup() != 0 || sign_in() != 0) {
		CHECK(0);
		return;
	}
	if ((vt = spawn("logout", "-s", mock.url, NULL, NULL)) == NULL) {
		CHECK(0);
		return;
	}
	CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 0);
	snprintf(want, sizeof want, "Signed out of %s (" ATTENDEE "): the "
	    "kept sign-in was deleted", mock.url);
	e2e_expect(vt, want, VT_DEADLINE_MS);
	vt_free(vt);
	CHECK_INT(access(token_path, F_OK), -1);

	/* Again: there is none, and that is no failure. */
	if ((vt = spawn("logout", "-s", mock.url, NULL, NULL)) == NULL) {
		CHECK(0);
		return;
	}
	CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 0);
	snprintf(want, sizeof want, "There was no kept sign-in for %s",
	    mock.url);
	e2e_expect(vt, want, VT_DEADLINE_MS);
	vt_free(vt);

	/* A bad command line: status 2 and a sentence. */
	if ((vt = spawn("logout", NULL, NULL, NULL, NULL)) == NULL) {
		CHECK(0);
		return;
	}
	CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 2);
	e2e_expect(vt, "evtop logout needs the server to sign out of",
	    VT_DEADLINE_MS);
	vt_free(vt);
	if ((vt = spawn("logout", "--demo", NULL, NULL, NULL)) == NULL) {
		CHECK(0);
		return;
	}
	CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 2);
	e2e_expect(vt, "--demo does not apply", VT_DEADLINE_MS);
	vt_free(vt);
	if ((vt = spawn("logout", "-s", mock.url, "now", NULL)) == NULL) {
		CHECK(0);
		return;
	}
	CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 2);
	e2e_expect(vt, "unexpected argument 'now'", VT_DEADLINE_MS);
	vt_free(vt);
}

/* A token the user gave in a file is theirs: evtop leaves it. */
static void
test_sign_out_token_file(void)
{
	struct vt	*vt;
	char		 file[300], want[512], *token;
	FILE		*f;

	if (setup() != 0 ||
	    (token = support_login(mock.url, ATTENDEE, PASSWORD)) == NULL) {
		CHECK(0);
		return;
	}
	snprintf(file, sizeof file, "%s/token", state);
	if ((f = fopen(file, "w")) == NULL) {
		free(token);
		CHECK(0);
		return;
	}
	fprintf(f, "%s\n", token);
	fclose(f);
	free(token);
	chmod(file, 0600);
	if ((vt = spawn("-s", mock.url, "--token-file", file, NULL)) == NULL) {
		CHECK(0);
		return;
	}
	e2e_expect(vt, LAUNCH, VT_DEADLINE_MS);
	vt_send_char(vt, 'L');
	CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 0);
	/* The sentence wraps at 100 columns: its two ends. */
	snprintf(want, sizeof want, "evtop: signed out of %s; the token in ",
	    mock.url);
	e2e_expect(vt, want, VT_DEADLINE_MS);
	e2e_expect(vt, "t touched", VT_DEADLINE_MS);
	CHECK(!vt_find(vt, "kept sign-in was deleted", NULL, NULL));
	vt_free(vt);
	CHECK_INT(access(file, F_OK), 0);
	unlink(file);
}

/* A kept sign-in that has run out is deleted before it is tried. */
static void
test_kept_run_out(void)
{
	struct stored_token	 t;
	struct vt		*vt;
	char			*cause = NULL;

	if (setup() != 0) {
		CHECK(0);
		return;
	}
	memset(&t, 0, sizeof t);
	t.server = mock.url;
	t.user = (char *)(uintptr_t)ATTENDEE;
	t.token = (char *)(uintptr_t)"aaa.bbb.ccc";
	t.exp = 1;
	setenv("XDG_STATE_HOME", state, 1);
	CHECK_INT(tokens_save(&t, &cause), 0);
	unsetenv("XDG_STATE_HOME");
	free(cause);
	CHECK_INT(access(token_path, F_OK), 0);
	if ((vt = spawn("-s", mock.url, "-u", ATTENDEE, NULL)) == NULL) {
		CHECK(0);
		return;
	}
	if (e2e_expect(vt, "Password for", VT_DEADLINE_MS) == 0) {
		CHECK_INT(access(token_path, F_OK), -1);
		vt_send_text(vt, PASSWORD "\r");
		e2e_expect(vt, LAUNCH, VT_DEADLINE_MS);
		vt_send_char(vt, 'q');
		CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 0);
	}
	vt_free(vt);
	/* The new sign-in is kept in its place. */
	CHECK_INT(access(token_path, F_OK), 0);
}

/*
 * A server that signs the dashboard out (its token runs out while evtop
 * runs, and the next request is refused): the sign-in box is declined,
 * q leaves with status 4, and the kept sign-in is gone, so the next start
 * asks for the password.
 */
static void
test_signed_out_by_server(void)
{
	static const char *const	 extra[] = { "--seed", "demo",
	    "--hash-cost", "4", "--token-ttl", "2", NULL };
	struct mockproc			 brief = { -1, NULL };
	struct vt			*vt = NULL;
	char				 path[256], *cause = NULL;
	int				 i, out = -1;

	if (setup() != 0 || mockproc_start(&brief, getenv("EVTOP_MOCK"),
	    extra, -1, DEMO_START_MS, &cause) != 0) {
		fprintf(stderr, "e2e: no mock: %s\n", cause != NULL ? cause :
		    "");
		free(cause);
		CHECK(0);
		return;
	}
	snprintf(path, sizeof path, "%s/evtop/tokens/http_127.0.0.1_%s",
	    state, strrchr(brief.url, ':') + 1);
	if ((vt = spawn("-s", brief.url, "-u", ATTENDEE, NULL)) == NULL) {
		CHECK(0);
		mockproc_stop(&brief);
		return;
	}
	if (e2e_expect(vt, "Password for", VT_DEADLINE_MS) == 0) {
		vt_send_text(vt, PASSWORD "\r");
		if (e2e_expect(vt, LAUNCH, VT_DEADLINE_MS) == 0)
			CHECK_INT(access(path, F_OK), 0);
		/*
		 * Register until one is refused: the token has run out, and
		 * the sign-in box asks for the password again.  Esc declines.
		 */
		for (i = 0; i < 40 && out != 0; i++) {
			vt_send_char(vt, 'R');
			out = vt_wait_text(vt, "The server signed you out",
			    500);
		}
		CHECK_INT(out, 0);
		vt_send_key(vt, VTERM_KEY_ESCAPE);
		e2e_expect(vt, "Signed out by the server", VT_DEADLINE_MS);
		vt_send_char(vt, 'q');
		CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 4);
	}
	vt_free(vt);
	CHECK_INT(access(path, F_OK), -1);
	unlink(path);
	mockproc_stop(&brief);
}

/* The demo keeps no sign-in: L says so and the dashboard stays. */
static void
test_sign_out_demo(void)
{
	const char	*argv[] = { getenv("EVTOP_BIN"), "--demo", NULL };
	const char	*env[] = { state_env, NULL };
	struct vt	*vt;

	if (setup() != 0 || (vt = vt_spawn(argv, env, 30, 100)) == NULL) {
		CHECK(0);
		return;
	}
	if (e2e_expect(vt, LAUNCH, DEMO_START_MS) == 0) {
		vt_send_char(vt, 'L');
		e2e_expect(vt, "The demo signs in by itself", VT_DEADLINE_MS);
		CHECK(vt_find(vt, LAUNCH, NULL, NULL));
		vt_send_char(vt, 'q');
		CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 0);
	}
	vt_free(vt);
}

static void
test_cleanup(void)
{
	char	path[300];

	mockproc_stop(&mock);
	CHECK(mock.url == NULL);
	if (!state_made)
		return;
	unlink(token_path);
	snprintf(path, sizeof path, "%s/evtop/tokens", state);
	rmdir(path);
	snprintf(path, sizeof path, "%s/evtop/demo-mock.log", state);
	unlink(path);
	snprintf(path, sizeof path, "%s/evtop", state);
	rmdir(path);
	CHECK_INT(rmdir(state), 0);
}

TEST_MAIN(
	TEST_CASE(test_sign_out_key),
	TEST_CASE(test_logout_command),
	TEST_CASE(test_sign_out_token_file),
	TEST_CASE(test_sign_out_demo),
	TEST_CASE(test_kept_run_out),
	TEST_CASE(test_signed_out_by_server),
	TEST_CASE(test_cleanup)
)
