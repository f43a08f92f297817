/*
 * Signing in to a server by hand, on a terminal: the password prompt does
 * not echo, a wrong password or an unreachable server ends with a sentence
 * and its documented exit status, the right one opens the dashboard, a
 * bad option is refused with a usage hint, and an address that is not one
 * is asked for again (or refused on the command line).
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mockproc.h"
#include "test.h"
#include "e2e.h"
#include "vt-harness.h"

#define SECRET_WRONG	"not-the-Password-42"

static struct mockproc	mock = { -1, NULL };

static int
start_mock(void)
{
	return (e2e_start_demo_mock(&mock));
}

static struct vt *
spawn(const char *a1, const char *a2, const char *a3, const char *a4)
{
	const char	*argv[] = { getenv("EVTOP_BIN"), a1, a2, a3, a4, NULL };

	if (argv[0] == NULL)
		return (NULL);
	return (vt_spawn(argv, NULL, 30, 100));
}

/* Rows on screen holding text. */
static int
rows_with(struct vt *vt, void *arg)
{
	int	rows, cols, r, n = 0;
	char	*row;

	vt_size(vt, &rows, &cols);
	for (r = 0; r < rows; r++) {
		row = vt_row(vt, r);
		n += strstr(row, (const char *)arg) != NULL;
		free(row);
	}
	return (n);
}

struct prompts {
	int	want;
};

static int
prompts_shown(struct vt *vt, void *arg)
{
	return (rows_with(vt, (void *)(uintptr_t)"Password for") >=
	    ((struct prompts *)arg)->want);
}

/*
 * Waits for the n-th password prompt: the prompt flushes what was typed
 * ahead (as sudo's does), so a key sent before it would be lost.
 */
static void
expect_prompt(struct vt *vt, int n)
{
	struct prompts	p = { n };

	if (vt_wait(vt, prompts_shown, &p, VT_DEADLINE_MS) != 0) {
		fprintf(stderr, "e2e: never saw password prompt %d\n", n);
		vt_dump(vt, stderr);
		CHECK(0);
	}
}

/* Three wrong passwords, as ssh allows; none of them is ever shown. */
static void
test_wrong_password_is_refused_without_echo(void)
{
	struct vt	*vt;
	int		 i;

	CHECK(start_mock() == 0);
	if (mock.url == NULL)
		return;
	vt = spawn("-s", mock.url, "-u", "admin@example.com");
	CHECK(vt != NULL);
	if (vt == NULL)
		return;
	for (i = 0; i < 3; i++) {
		expect_prompt(vt, i + 1);
		vt_send_text(vt, i == 1 ? "\r" : SECRET_WRONG "\r");
	}
	e2e_expect(vt, "the password is empty; try again", VT_DEADLINE_MS);
	e2e_expect(vt, "Invalid email or password; try again", VT_DEADLINE_MS);
	CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 4);
	CHECK_INT(rows_with(vt, (void *)(uintptr_t)"sign-in refused"), 2);
	CHECK(!vt_find(vt, SECRET_WRONG, NULL, NULL));
	vt_free(vt);
}

/* A wrong password, then the right one: in. */
static void
test_second_try(void)
{
	struct vt	*vt;

	CHECK(start_mock() == 0);
	if (mock.url == NULL)
		return;
	/* A pasted API base with a trailing slash works as well. */
	{
		char	url[128];

		snprintf(url, sizeof url, "%s/api/", mock.url);
		vt = spawn("-s", url, "-u", "admin@example.com");
	}
	CHECK(vt != NULL);
	if (vt == NULL)
		return;
	expect_prompt(vt, 1);
	vt_send_text(vt, SECRET_WRONG "\r");
	expect_prompt(vt, 2);
	vt_send_text(vt, "evtop-demo\r");
	e2e_expect(vt, "Evtop Launch Party", VT_DEADLINE_MS);
	vt_send_char(vt, 'q');
	CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 0);
	vt_free(vt);
}

static void
test_email_prompt_then_dashboard(void)
{
	struct vt	*vt;

	CHECK(start_mock() == 0);
	if (mock.url == NULL)
		return;
	vt = spawn("--server", mock.url, NULL, NULL);
	CHECK(vt != NULL);
	if (vt == NULL)
		return;
	e2e_expect(vt, "Email:", VT_DEADLINE_MS);
	vt_send_text(vt, "admin@example.com\r");
	e2e_expect(vt, "Email: admin@example.com", VT_DEADLINE_MS);	/* the email is echoed */
	e2e_expect(vt, "Password for admin@example.com", VT_DEADLINE_MS);
	vt_send_text(vt, "evtop-demo\r");
	e2e_expect(vt, "Evtop Launch Party", VT_DEADLINE_MS);
	e2e_expect(vt, "admin@example.com (admin)", VT_DEADLINE_MS);
	CHECK(!vt_find(vt, "evtop-demo", NULL, NULL));
	vt_send_char(vt, 'q');
	CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 0);
	vt_free(vt);
}

/* A token about to run out is announced in the header. */
static void
test_expiry_warning(void)
{
	static const char *const extra[] = { "--seed", "demo", "--hash-cost",
	    "4", "--token-ttl", "300", NULL };
	struct mockproc	 shortlived;
	struct vt	*vt;
	char		*cause = NULL;

	if (mockproc_start(&shortlived, getenv("EVTOP_MOCK"), extra, -1,
	    60000, &cause) != 0) {
		fprintf(stderr, "e2e: %s\n", cause);
		free(cause);
		CHECK(0);
		return;
	}
	vt = spawn("-s", shortlived.url, "-u", "admin@example.com");
	CHECK(vt != NULL);
	if (vt != NULL) {
		e2e_expect(vt, "Password for", VT_DEADLINE_MS);
		vt_send_text(vt, "evtop-demo\r");
		e2e_expect(vt, "Evtop Launch Party", VT_DEADLINE_MS);
		e2e_expect(vt, "token expires in 5 min", VT_DEADLINE_MS);
		vt_send_char(vt, 'q');
		CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 0);
		vt_free(vt);
	}
	mockproc_stop(&shortlived);
}

/* Nobody is asked for a password for a server that is not there. */
static void
test_unreachable_server(void)
{
	struct vt	*vt;

	/* Port 1 on loopback: nothing listens there. */
	vt = spawn("-s", "http://127.0.0.1:1", "-u", "admin@example.com");
	CHECK(vt != NULL);
	if (vt == NULL)
		return;
	e2e_expect(vt, "cannot reach", VT_DEADLINE_MS);
	CHECK(!vt_find(vt, "Password", NULL, NULL));
	CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 3);
	vt_free(vt);
}

static void
test_bad_option(void)
{
	struct vt	*vt;

	vt = spawn("--frobnicate", NULL, NULL, NULL);
	CHECK(vt != NULL);
	if (vt == NULL)
		return;
	e2e_expect(vt, "unknown option --frobnicate", VT_DEADLINE_MS);
	e2e_expect(vt, "Try 'evtop --help'", VT_DEADLINE_MS);
	CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 2);
	vt_free(vt);
}

/*
 * The sign-in is kept: a second run opens the dashboard without asking,
 * the kept token is private (0600) and a server that refuses it gets the
 * password prompt again, the refused token gone.
 */
static void
test_kept_sign_in(void)
{
	char		 state[] = "/tmp/evtop-e2e-state-XXXXXX", env[128];
	char		 path[256], cmd[300];
	const char	*argv[] = { getenv("EVTOP_BIN"), "-s", mock.url, "-u",
	    "admin@example.com", NULL };
	const char	*envp[] = { env, NULL };
	struct stat	 st;
	struct vt	*vt;
	const char	*p;
	FILE		*f;

	CHECK(start_mock() == 0);
	if (mock.url == NULL || mkdtemp(state) == NULL)
		return;
	argv[2] = mock.url;
	snprintf(env, sizeof env, "XDG_STATE_HOME=%s", state);
	if ((vt = vt_spawn(argv, envp, 30, 100)) == NULL) {
		CHECK(0);
		return;
	}
	expect_prompt(vt, 1);
	vt_send_text(vt, "evtop-demo\r");
	e2e_expect(vt, "Evtop Launch Party", VT_DEADLINE_MS);
	vt_send_char(vt, 'q');
	CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 0);
	vt_free(vt);

	p = strrchr(mock.url, ':');
	snprintf(path, sizeof path, "%s/evtop/tokens/http_127.0.0.1_%s",
	    state, p != NULL ? p + 1 : "");
	CHECK_INT(stat(path, &st), 0);
	CHECK_INT(st.st_mode & 0777, 0600);

	/* Again: straight to the dashboard. */
	if ((vt = vt_spawn(argv, envp, 30, 100)) == NULL) {
		CHECK(0);
		return;
	}
	e2e_expect(vt, "admin@example.com (admin)", VT_DEADLINE_MS);
	CHECK(!vt_find(vt, "Password for", NULL, NULL));
	vt_send_char(vt, 'q');
	CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 0);
	vt_free(vt);

	/* A token the server does not take: forgotten, and asked again. */
	if ((f = fopen(path, "w")) != NULL) {
		fprintf(f, "{\"server\":\"%s\",\"user\":\"admin@example.com"
		    "\",\"token\":\"aaa.bbb.ccc\",\"exp\":0}", mock.url);
		fclose(f);
	}
	if ((vt = vt_spawn(argv, envp, 30, 100)) == NULL) {
		CHECK(0);
		return;
	}
	expect_prompt(vt, 1);
	CHECK_INT(access(path, F_OK), -1);
	vt_send_text(vt, "evtop-demo\r");
	e2e_expect(vt, "Evtop Launch Party", VT_DEADLINE_MS);
	vt_send_char(vt, 'q');
	CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 0);
	vt_free(vt);
	CHECK_INT(access(path, F_OK), 0);

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", state);
	(void)!system(cmd);
}

/* Rows on screen holding "Email:" are at least want. */
static int
email_prompts(struct vt *vt, void *arg)
{
	return (rows_with(vt, (void *)(uintptr_t)"Email:") >= *(int *)arg);
}

static void
expect_email_prompt(struct vt *vt, int n)
{
	if (vt_wait(vt, email_prompts, &n, VT_DEADLINE_MS) != 0) {
		fprintf(stderr, "e2e: never saw email prompt %d\n", n);
		vt_dump(vt, stderr);
		CHECK(0);
	}
}

/* -u with a name, not an address: refused at once, no password asked. */
static void
test_user_not_an_email(void)
{
	struct vt	*vt;

	vt = spawn("-s", "http://127.0.0.1:1", "-u", "alice");
	CHECK(vt != NULL);
	if (vt == NULL)
		return;
	e2e_expect(vt, "option --user wants an email address, like "
	    "you@example.com, not \"alice\"", VT_DEADLINE_MS);
	e2e_expect(vt, "Try 'evtop --help'", VT_DEADLINE_MS);
	CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 2);
	CHECK(!vt_find(vt, "Password", NULL, NULL));
	vt_free(vt);
}

/* A name typed at the Email prompt: the address is asked for again. */
static void
test_email_prompt_wants_an_address(void)
{
	struct vt	*vt;

	CHECK(start_mock() == 0);
	if (mock.url == NULL)
		return;
	vt = spawn("--server", mock.url, NULL, NULL);
	CHECK(vt != NULL);
	if (vt == NULL)
		return;
	expect_email_prompt(vt, 1);
	vt_send_text(vt, "alice\r");
	e2e_expect(vt, "that is not an email address (like you@example.com); "
	    "try again", VT_DEADLINE_MS);
	expect_email_prompt(vt, 2);
	CHECK(!vt_find(vt, "Password for", NULL, NULL));
	vt_send_text(vt, "admin@example.com\r");
	e2e_expect(vt, "Password for admin@example.com", VT_DEADLINE_MS);
	vt_send_text(vt, "evtop-demo\r");
	e2e_expect(vt, "admin@example.com (admin)", VT_DEADLINE_MS);
	vt_send_char(vt, 'q');
	CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 0);
	vt_free(vt);
}

/*
 * A server that refuses the address itself (express-validator's field
 * error on email), in a child process: health answers, sign-in never.
 */
static pid_t
start_address_refuser(int *port)
{
	static const char health[] = "HTTP/1.1 200 OK\r\nContent-Type: "
	    "application/json\r\nContent-Length: 15\r\nConnection: close"
	    "\r\n\r\n{\"status\":\"OK\"}";
	static const char refused[] = "{\"errors\":[{\"type\":\"field\","
	    "\"path\":\"email\",\"msg\":\"Please provide a valid email\"}]}";
	struct sockaddr_in	 sin;
	socklen_t		 len = sizeof sin;
	char			 buf[8192], out[512];
	ssize_t			 n;
	size_t			 got;
	pid_t			 pid;
	int			 s, c;

	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((s = socket(AF_INET, SOCK_STREAM, 0)) == -1 ||
	    bind(s, (struct sockaddr *)&sin, sizeof sin) != 0 ||
	    listen(s, 8) != 0 ||
	    getsockname(s, (struct sockaddr *)&sin, &len) != 0)
		return (-1);
	*port = ntohs(sin.sin_port);
	if ((pid = fork()) != 0) {
		close(s);
		return (pid);
	}
	for (;;) {
		if ((c = accept(s, NULL, NULL)) == -1)
			continue;
		got = 0;
		while (got < sizeof buf - 1 && (n = read(c, buf + got,
		    sizeof buf - 1 - got)) > 0) {
			got += (size_t)n;
			buf[got] = '\0';
			if (strstr(buf, "\r\n\r\n") != NULL &&
			    (strncmp(buf, "POST", 4) != 0 ||
			    strchr(strstr(buf, "\r\n\r\n"), '}') != NULL))
				break;
		}
		if (strncmp(buf, "POST /api/auth/login ", 21) == 0) {
			snprintf(out, sizeof out, "HTTP/1.1 400 Bad Request\r\n"
			    "Content-Type: application/json\r\nContent-Length: "
			    "%zu\r\nConnection: close\r\n\r\n%s",
			    strlen(refused), refused);
			(void)!write(c, out, strlen(out));
		} else
			(void)!write(c, health, sizeof health - 1);
		close(c);
	}
}

/* The server says the address is wrong: ask for it, not the password. */
static void
test_server_refuses_the_address(void)
{
	struct vt	*vt;
	char		 url[64];
	pid_t		 pid;
	int		 port = 0;

	if ((pid = start_address_refuser(&port)) <= 0) {
		CHECK(0);
		return;
	}
	snprintf(url, sizeof url, "http://127.0.0.1:%d", port);
	vt = spawn("-s", url, "-u", "bob@example.com");
	CHECK(vt != NULL);
	if (vt != NULL) {
		expect_prompt(vt, 1);
		vt_send_text(vt, SECRET_WRONG "\r");
		e2e_expect(vt, "email: Please provide a valid email; try again",
		    VT_DEADLINE_MS);
		expect_email_prompt(vt, 1);
		vt_send_text(vt, "carol@example.com\r");
		e2e_expect(vt, "Password for carol@example.com",
		    VT_DEADLINE_MS);
		vt_send_text(vt, SECRET_WRONG "\r");
		expect_email_prompt(vt, 2);
		vt_send_text(vt, "dave@example.com\r");
		e2e_expect(vt, "Password for dave@example.com",
		    VT_DEADLINE_MS);
		vt_send_text(vt, SECRET_WRONG "\r");
		/* Three tries in all, as for passwords: then not signed in. */
		CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 4);
		CHECK(!vt_find(vt, SECRET_WRONG, NULL, NULL));
		vt_free(vt);
	}
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

static void
test_stop_mock(void)
{
	mockproc_stop(&mock);
	CHECK(mock.url == NULL);
}

TEST_MAIN(
	TEST_CASE(test_wrong_password_is_refused_without_echo),
	TEST_CASE(test_second_try),
	TEST_CASE(test_email_prompt_then_dashboard),
	TEST_CASE(test_expiry_warning),
	TEST_CASE(test_unreachable_server),
	TEST_CASE(test_bad_option),
	TEST_CASE(test_kept_sign_in),
	TEST_CASE(test_user_not_an_email),
	TEST_CASE(test_email_prompt_wants_an_address),
	TEST_CASE(test_server_refuses_the_address),
	TEST_CASE(test_stop_mock)
)
