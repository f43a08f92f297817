/*
 * evtop from scripts, against a real evtop-mock: batch text and JSON
 * Lines, signed in with --token-file, EVTOP_TOKEN or a stored token, or
 * reading what is public; evtop info; and every documented exit code
 * (0 ok, 1 failure, 2 usage or config, 3 unreachable, 4 not signed in).
 */
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mockproc.h"
#include "support-http.h"
#include "support-run.h"
#include "test.h"
#include "tokens.h"

#define UNREACHABLE	"http://127.0.0.1:1"

static struct mockproc	 mock = { -1, NULL };
static char		 home[] = "/tmp/evtop-cli-XXXXXX";
static int		 home_made;
static char		*token;		static void
report(const struct support_run *r)
{
	fprintf(stderr, "--- exit %d\n--- stdout:\n%s--- stderr:\n%s---\n",
	    r->status, r->out, r->err);
}

static void
write_file(const char *name, const char *text, mode_t mode, char *path,
    size_t len)
{
	int	fd;

	snprintf(path, len, "%s/%s", home, name);
	unlink(path);
	fd = open(path, O_WRONLY|O_CREAT|O_TRUNC, 0600);
	if (fd == -1 || write(fd, text, strlen(text)) < 0)
		abort();
	fchmod(fd, mode);
	close(fd);
}

static int
setup(void)
{
	static const char *const extra[] = {
		"--seed", "demo", "--hash-cost", "4", NULL
	};
	struct reply	 r;
	char		*cause = NULL;

	if (mock.url != NULL)
		return (0);
	if (!home_made && mkdtemp(home) != NULL)
		home_made = 1;
	if (!home_made || getenv("EVTOP_BIN") == NULL ||
	    mockproc_start(&mock, getenv("EVTOP_MOCK"), extra, -1, 60000,
	    &cause) != 0) {
		fprintf(stderr, "cannot start: %s\n", cause != NULL ? cause :
		    "EVTOP_BIN/EVTOP_MOCK not set");
		free(cause);
		return (-1);
	}
	support_http(mock.url, "POST", "/api/auth/login",
	    "{\"email\":\"admin@example.com\",\"password\":\"evtop-demo\"}",
	    NULL, &r);
	if (json_is_string(json_object_get(r.json, "token")))
		token = strdup(json_string_value(json_object_get(r.json,
		    "token")));
	reply_done(&r);
	return (token != NULL ? 0 : -1);
}

static int
count_lines(const char *s)
{
	int	n = 0;

	for (; *s != '\0'; s++)
		n += *s == '\n';
	return (n);
}

/* Not signed in: the public list, totals, and a word on notifications. */
static void
test_text_public(void)
{
	const char	*args[] = { "-s", mock.url, "-b", NULL };
	struct support_run	 r;
	char		 want[200];

	if (setup() != 0) {
		CHECK(0);
		return;
	}
	support_run(&r, home, args, NULL);
	CHECK_INT(r.status, 0);
	snprintf(want, sizeof want, "evtop: %s at ", mock.url);
	CHECK(strncmp(r.out, want, strlen(want)) == 0);
	CHECK(strstr(r.out, "CONFIRMED/CAPACITY") != NULL);
	CHECK(strstr(r.out, "Evtop Launch Party") != NULL);
	CHECK(strstr(r.out, " confirmed of ") != NULL);
	CHECK(strstr(r.out, "Notifications: sign in to see them\n") != NULL);
	CHECK(strchr(r.out, '\033') == NULL);
	CHECK_STR(r.err, "");
	if (test_failures)
		report(&r);
	support_run_done(&r);
}

/* -n 3 -d 0.1 --json: three lines, each a whole JSON document. */
static void
test_json_lines(void)
{
	char		 path[300];
	const char	*args[] = { "-s", mock.url, "--json", "-n", "3", "-d",
	    "0.1", "--token-file", path, NULL };
	struct support_run	 r;
	json_t		*doc;
	char		*line, *save = NULL;
	int		 n = 0, before = test_failures;

	if (setup() != 0) {
		CHECK(0);
		return;
	}
	write_file("token", token, 0600, path, sizeof path);
	support_run(&r, home, args, NULL);
	CHECK_INT(r.status, 0);
	CHECK_INT(count_lines(r.out), 3);
	for (line = strtok_r(r.out, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		n++;
		doc = json_loads(line, 0, NULL);
		CHECK(json_is_object(doc));
		CHECK_STR(json_string_value(json_object_get(doc, "server")),
		    mock.url);
		CHECK_STR(json_string_value(json_object_get(doc, "user")),
		    "admin@example.com");
		CHECK(json_array_size(json_object_get(doc, "events")) > 10);
		CHECK_INT(json_array_size(json_object_get(doc, "events")),
		    json_integer_value(json_object_get(json_object_get(doc,
		    "totals"), "events")));
		CHECK(json_is_array(json_object_get(doc, "notifications")));
		CHECK(json_is_string(json_object_get(json_array_get(
		    json_object_get(doc, "events"), 0), "title")));
		json_decref(doc);
	}
	CHECK_INT(n, 3);
	if (test_failures != before)
		report(&r);
	support_run_done(&r);
}

/* The same without a token: notifications are null, not an error. */
static void
test_json_public(void)
{
	const char	*args[] = { "-s", mock.url, "--json", NULL };
	struct support_run	 r;
	json_t		*doc;

	if (setup() != 0) {
		CHECK(0);
		return;
	}
	support_run(&r, home, args, NULL);
	CHECK_INT(r.status, 0);
	CHECK_INT(count_lines(r.out), 1);
	doc = json_loads(r.out, 0, NULL);
	CHECK(json_is_null(json_object_get(doc, "notifications")));
	CHECK(json_is_null(json_object_get(doc, "user")));
	CHECK(json_integer_value(json_object_get(json_object_get(doc,
	    "totals"), "confirmed")) > 0);
	json_decref(doc);
	support_run_done(&r);
}

static void
test_token_sources(void)
{
	char		 path[300], env[4096];
	const char	*file[] = { "-s", mock.url, "-b", "--token-file", path,
	    NULL };
	const char	*plain[] = { "-s", mock.url, "-b", NULL };
	const char	*envs[] = { env, NULL };
	const char	*bogus[] = { "EVTOP_TOKEN=aaa.bbb.ccc", NULL };
	struct support_run	 r;

	if (setup() != 0) {
		CHECK(0);
		return;
	}
	/* --token-file: signed in, so the notifications are there. */
	write_file("token", token, 0600, path, sizeof path);
	support_run(&r, home, file, NULL);
	CHECK_INT(r.status, 0);
	CHECK(strstr(r.out, " as admin@example.com at ") != NULL);
	CHECK(strstr(r.out, "Latest notifications:\n") != NULL);
	support_run_done(&r);

	/* Readable by others: refused, with the fix, and exit 4. */
	write_file("token", token, 0644, path, sizeof path);
	support_run(&r, home, file, NULL);
	CHECK_INT(r.status, 4);
	CHECK(strstr(r.err, "is readable by others (mode 0644): chmod 600 ")
	    != NULL);
	CHECK(strstr(r.err, token) == NULL);
	CHECK_STR(r.out, "");
	support_run_done(&r);

	/* EVTOP_TOKEN, good and bad. */
	snprintf(env, sizeof env, "EVTOP_TOKEN=%s", token);
	support_run(&r, home, plain, envs);
	CHECK_INT(r.status, 0);
	CHECK(strstr(r.out, "Latest notifications:\n") != NULL);
	support_run_done(&r);
	support_run(&r, home, plain, bogus);
	CHECK_INT(r.status, 4);
	CHECK(strstr(r.err, "the server refused the token in EVTOP_TOKEN")
	    != NULL);
	support_run_done(&r);
}

/* A stored token is used, and forgotten once the server refuses it. */
static void
test_stored_token(void)
{
	const char		*args[] = { "-s", mock.url, "-b", NULL };
	const char		*as[] = { "-s", mock.url, "-b", "-u",
	    "staff@example.com", NULL };
	struct stored_token	 t;
	struct support_run	 r;
	char			*cause = NULL, *path;

	if (setup() != 0) {
		CHECK(0);
		return;
	}
	setenv("XDG_STATE_HOME", home, 1);
	memset(&t, 0, sizeof t);
	t.server = mock.url;
	t.user = (char *)(uintptr_t)"admin@example.com";
	t.token = token;
	CHECK_INT(tokens_save(&t, &cause), 0);
	support_run(&r, home, args, NULL);
	CHECK_INT(r.status, 0);
	CHECK(strstr(r.out, " as admin@example.com at ") != NULL);
	support_run_done(&r);

	/* Kept for another user: not used, and batch cannot ask. */
	support_run(&r, home, as, NULL);
	CHECK_INT(r.status, 4);
	CHECK(strstr(r.err, "batch mode never asks for a password") != NULL);
	support_run_done(&r);

	/* One the server refuses: public data, and the file is gone. */
	t.token = (char *)(uintptr_t)"aaa.bbb.ccc";
	CHECK_INT(tokens_save(&t, &cause), 0);
	path = tokens_path(mock.url, 0, &cause);
	support_run(&r, home, args, NULL);
	CHECK_INT(r.status, 0);
	CHECK(strstr(r.out, "Notifications: sign in to see them") != NULL);
	CHECK_INT(access(path, F_OK), -1);
	support_run_done(&r);
	free(path);
	unsetenv("XDG_STATE_HOME");
}

/* A profile in the config file names the server. */
static void
test_profile(void)
{
	char		 path[300], text[512], want[700];
	const char	*args[] = { "-p", "venue", "-b", NULL };
	const char	*bad[] = { "-b", NULL };
	struct support_run	 r;

	if (setup() != 0) {
		CHECK(0);
		return;
	}
	snprintf(text, sizeof text, "[profile venue]\nserver = %s\n",
	    mock.url);
	mkdir(strcat(strcpy(path, home), "/evtop"), 0700);
	write_file("evtop/config.ini", text, 0600, path, sizeof path);
	support_run(&r, home, args, NULL);
	CHECK_INT(r.status, 0);
	snprintf(want, sizeof want, "evtop: %s at", mock.url);
	CHECK(strstr(r.out, want) != NULL);
	support_run_done(&r);

	/* A config it cannot read: no start, file:line, exit 2. */
	write_file("evtop/config.ini", "[profile venue]\nreadonly = maybe\n",
	    0600, path, sizeof path);
	support_run(&r, home, bad, NULL);
	CHECK_INT(r.status, 2);
	snprintf(want, sizeof want, "evtop: %s:2: readonly wants true or "
	    "false, not \"maybe\"\n", path);
	CHECK_STR(r.err, want);
	CHECK_STR(r.out, "");
	support_run_done(&r);
	unlink(path);
}

static void
test_exit_codes(void)
{
	static const struct {
		const char	*args[6];
		const char	*env;
		int		 status;
		const char	*says;
	} cases[] = {
		{ { "--bogus", NULL }, NULL, 2, "unknown option --bogus" },
		{ { "-b", "-n", "x", NULL }, NULL, 2,
		  "option --iterations wants a whole number" },
		{ { "-s", UNREACHABLE, "-b", NULL }, NULL, 3,
		  "Connection refused" },
		{ { "-s", UNREACHABLE, "--json", NULL }, NULL, 3,
		  "Connection refused" },
		{ { "--demo", "-b", NULL }, "EVTOP_MOCK=/bin/false", 1,
		  "cannot start the demo" },
		{ { "-s", "MOCK", "-b", "-u", "nobody@example.com", NULL },
		  NULL, 4, "batch mode never asks for a password" },
		{ { "-s", "MOCK", "-b", "-n", "2", NULL }, NULL, 0, NULL },
	};
	const char	*args[8], *env[2];
	struct support_run	 r;
	size_t		 i, j;
	int		 before;

	if (setup() != 0) {
		CHECK(0);
		return;
	}
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		for (j = 0; cases[i].args[j] != NULL; j++)
			args[j] = strcmp(cases[i].args[j], "MOCK") == 0 ?
			    mock.url : cases[i].args[j];
		args[j] = NULL;
		env[0] = cases[i].env;
		env[1] = NULL;
		before = test_failures;
		support_run(&r, home, args, env);
		CHECK_INT(r.status, cases[i].status);
		if (cases[i].says != NULL)
			CHECK(strstr(r.err, cases[i].says) != NULL);
		else
			CHECK_STR(r.err, "");
		if (test_failures != before)
			report(&r);
		support_run_done(&r);
	}
}

static void
test_info(void)
{
	char		 path[300];
	const char	*text[] = { "-s", mock.url, "info", NULL };
	const char	*json[] = { "info", "--json", "-s", mock.url,
	    "--token-file", path, NULL };
	const char	*down[] = { "info", "--json", "-s", UNREACHABLE, NULL };
	const char	*none[] = { "info", NULL };
	struct support_run	 r;
	json_t		*doc, *features;
	size_t		 i;
	int		 ws = 0;

	if (setup() != 0) {
		CHECK(0);
		return;
	}
	support_run(&r, home, text, NULL);
	CHECK_INT(r.status, 0);
	CHECK(strncmp(r.out, "evtop ", 6) == 0);
	CHECK(strstr(r.out, "config file:  ") != NULL);
	CHECK(strstr(r.out, "(not found)") != NULL);
	CHECK(strstr(r.out, "state dir:    ") != NULL);
	CHECK(strstr(r.out, "server says:  evtop-mock ") != NULL);
	CHECK(strstr(r.out, "sign-in:      no stored token") != NULL);
	support_run_done(&r);

	write_file("token", token, 0600, path, sizeof path);
	support_run(&r, home, json, NULL);
	CHECK_INT(r.status, 0);
	doc = json_loads(r.out, 0, NULL);
	CHECK_STR(json_string_value(json_object_get(json_object_get(doc,
	    "meta"), "name")), "evtop-mock");
	features = json_object_get(json_object_get(doc, "meta"), "features");
	for (i = 0; i < json_array_size(features); i++)
		ws |= strcmp(json_string_value(json_array_get(features, i)),
		    "ws") == 0;
	CHECK(ws);
	CHECK_STR(json_string_value(json_object_get(json_object_get(doc,
	    "token"), "source")), "--token-file");
	CHECK_STR(json_string_value(json_object_get(json_object_get(doc,
	    "token"), "user")), "admin@example.com");
	/* Never the token itself. */
	CHECK(strstr(r.out, token) == NULL);
	json_decref(doc);
	support_run_done(&r);

	support_run(&r, home, down, NULL);
	CHECK_INT(r.status, 3);
	doc = json_loads(r.out, 0, NULL);
	CHECK(json_is_string(json_object_get(json_object_get(doc, "meta"),
	    "error")));
	json_decref(doc);
	support_run_done(&r);

	support_run(&r, home, none, NULL);
	CHECK_INT(r.status, 0);
	CHECK(strstr(r.out, "server:       none") != NULL);
	support_run_done(&r);
}

static void
test_cleanup(void)
{
	char	cmd[300];

	mockproc_stop(&mock);
	free(mock.url);
	free(token);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", home);
	if (home_made)
		(void)!system(cmd);
}

/* First, so the other tests' argument lists can name the mock's URL. */
static void
test_setup(void)
{
	CHECK_INT(setup(), 0);
}

TEST_MAIN(
	TEST_CASE(test_setup),
	TEST_CASE(test_text_public),
	TEST_CASE(test_json_lines),
	TEST_CASE(test_json_public),
	TEST_CASE(test_token_sources),
	TEST_CASE(test_stored_token),
	TEST_CASE(test_profile),
	TEST_CASE(test_exit_codes),
	TEST_CASE(test_info),
	TEST_CASE(test_cleanup)
)
