/*
 * evtop from shells and scripts: a reader that goes away early (| head)
 * ends batch output quietly, batch mode refuses to pretend it can sign in
 * as a user it has no kept sign-in for,
 * and a dashboard whose standard input is not the terminal reads its keys
 * from the terminal all the same.
 */
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"
#include "vt-harness.h"

static int
rm_cb(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	return (remove(path));
}

/* Removes a private HOME and what evtop left in it (the demo's log). */
static void
rm_tree(const char *dir)
{
	nftw(dir, rm_cb, 8, FTW_DEPTH | FTW_PHYS);
}

/*
 * Runs evtop with argv, stdin /dev/null, stdout a pipe (closed at once
 * when close_reader), stderr collected into err; returns the wait status.
 */
static int
run(const char *const *argv, int close_reader, char *err, size_t len)
{
	int	out[2], errp[2], status, null;
	size_t	used = 0;
	ssize_t	n;
	pid_t	pid;
	char	home[] = "/tmp/evtop-cli.XXXXXX";

	if (pipe(out) != 0 || pipe(errp) != 0 || mkdtemp(home) == NULL)
		return (-1);
	if (close_reader)
		close(out[0]);
	if ((pid = fork()) == 0) {
		null = open("/dev/null", O_RDONLY);
		dup2(null, STDIN_FILENO);
		dup2(out[1], STDOUT_FILENO);
		dup2(errp[1], STDERR_FILENO);
		setenv("HOME", home, 1);
		setenv("XDG_STATE_HOME", home, 1);
		execv(argv[0], (char *const *)(uintptr_t)argv);
		_exit(127);
	}
	close(out[1]);
	close(errp[1]);
	while (used < len - 1 &&
	    (n = read(errp[0], err + used, len - 1 - used)) > 0)
		used += (size_t)n;
	err[used] = '\0';
	close(errp[0]);
	if (!close_reader)
		close(out[0]);
	waitpid(pid, &status, 0);
	rm_tree(home);
	return (status);
}

static void
test_reader_gone(void)
{
	const char	*argv[] = { getenv("EVTOP_BIN"), "--demo", "-b", NULL };
	char		 err[4096];
	int		 status;

	status = run(argv, 1, err, sizeof err);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE);
	if (err[0] != '\0')
		fprintf(stderr, "e2e: evtop said: %s\n", err);
	CHECK_STR(err, "");
}

static void
test_batch_cannot_sign_in(void)
{
	const char	*argv[] = { getenv("EVTOP_BIN"), "-s",
	    "http://127.0.0.1:1", "-u", "ops@example.com", NULL };
	char		 err[4096];
	int		 status;

	/*
	 * stdout a pipe: batch mode on its own, and with no sign-in kept
	 * for that user it cannot sign in: "not signed in".
	 */
	status = run(argv, 0, err, sizeof err);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 4);
	CHECK(strstr(err, "batch mode never asks for a password") != NULL);
}

static void
test_keys_from_the_terminal(void)
{
	const char	*argv[] = { "/bin/sh", "-c",
	    "exec \"$0\" --demo </dev/null", getenv("EVTOP_BIN"), NULL };
	struct vt	*vt;

	if ((vt = vt_spawn(argv, NULL, 24, 80)) == NULL) {
		CHECK(0);
		return;
	}
	if (vt_wait_text(vt, "Evtop Launch Party", 60000) != 0) {
		vt_dump(vt, stderr);
		CHECK(0);
	}
	vt_send_char(vt, 'j');
	vt_send_char(vt, 'q');
	CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 0);
	vt_free(vt);
}

TEST_MAIN(
	TEST_CASE(test_reader_gone),
	TEST_CASE(test_batch_cannot_sign_in),
	TEST_CASE(test_keys_from_the_terminal)
)
