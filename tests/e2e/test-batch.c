/*
 * evtop --demo -b with standard output a pipe and standard input
 * /dev/null: exit 0, one row per event with a YYYY-MM-DD date, the seeded
 * Evtop Launch Party among them, and not one escape byte.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "test.h"
#include "vt-harness.h"

static int
rm_cb(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	remove(path);
	return (0);
}

/* Runs argv with stdin /dev/null, collecting stdout; returns the status. */
static int
run(const char *const *argv, const char *home, char **out, size_t *len)
{
	struct pollfd	pfd;
	char		buf[4096];
	ssize_t		n;
	pid_t		pid;
	int		fds[2], status, waited = 0;

	*out = NULL;
	*len = 0;
	if (pipe(fds) != 0)
		return (-1);
	if ((pid = fork()) == -1)
		return (-1);
	if (pid == 0) {
		int null = open("/dev/null", O_RDONLY);

		dup2(null, STDIN_FILENO);
		dup2(fds[1], STDOUT_FILENO);
		close(fds[0]);
		close(fds[1]);
		setenv("HOME", home, 1);
		setenv("XDG_CONFIG_HOME", home, 1);
		setenv("XDG_STATE_HOME", home, 1);
		setenv("XDG_DATA_HOME", home, 1);
		setenv("XDG_CACHE_HOME", home, 1);
		setenv("TZ", "UTC", 1);
		setenv("LANG", "C.UTF-8", 1);
		setenv("LC_ALL", "C.UTF-8", 1);
		setenv("TERM", "xterm-256color", 1);
		execv(argv[0], (char *const *)(uintptr_t)argv);
		_exit(127);
	}
	close(fds[1]);
	pfd.fd = fds[0];
	pfd.events = POLLIN;
	/* The deadline bounds a hang; it is not a timing check. */
	for (;;) {
		if (poll(&pfd, 1, VT_DEADLINE_MS * 2) <= 0) {
			fprintf(stderr, "e2e: evtop -b wrote nothing for a "
			    "long time; killing it\n");
			kill(pid, SIGKILL);
			break;
		}
		n = read(fds[0], buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		*out = realloc(*out, *len + (size_t)n + 1);
		memcpy(*out + *len, buf, (size_t)n);
		*len += (size_t)n;
		(*out)[*len] = '\0';
	}
	close(fds[0]);
	if (waitpid(pid, &status, 0) == pid)
		waited = 1;
	if (!waited)
		return (-1);
	if (WIFEXITED(status))
		return (WEXITSTATUS(status));
	return (128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0));
}

static void
test_batch_demo(void)
{
	const char	*bin = getenv("EVTOP_BIN");
	const char	*argv[] = { bin, "--demo", "-b", NULL };
	char		 home[] = "/tmp/evtop-e2e-XXXXXX", *out, *line, *save;
	size_t		 len;
	int		 status, rows = 0, y, m, d;

	CHECK(bin != NULL);
	if (bin == NULL || mkdtemp(home) == NULL)
		return;
	status = run(argv, home, &out, &len);
	CHECK_INT(status, 0);
	CHECK(out != NULL);
	if (out == NULL)
		goto out;
	CHECK(memchr(out, '\033', len) == NULL);
	CHECK(strlen(out) == len);		/* no NUL either */
	CHECK(strstr(out, "Evtop Launch Party") != NULL);
	for (line = strtok_r(out, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		if (sscanf(line, "%*d %4d-%2d-%2d", &y, &m, &d) == 3 &&
		    y >= 2000 && m >= 1 && m <= 12 && d >= 1 && d <= 31)
			rows++;
	}
	/* The demo seeds a few dozen events. */
	if (rows < 10) {
		fprintf(stderr, "e2e: only %d event rows\n", rows);
		CHECK(0);
	}
out:
	free(out);
	nftw(home, rm_cb, 16, FTW_DEPTH|FTW_PHYS);
}

TEST_MAIN(TEST_CASE(test_batch_demo))
