#include "mockproc.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "xmalloc.h"

#define MOCKPROC_NAME		"evtop-mock"
#define MOCKPROC_BANNER		"listening on "
#define MOCKPROC_LINE_MAX	4096

static char *
mockproc_beside_self(void)
{
	char	 self[PATH_MAX], *slash, *path;
	ssize_t	 n;

	n = readlink("/proc/self/exe", self, sizeof self - 1);
	if (n <= 0)
		return (NULL);
	self[n] = '\0';
	if ((slash = strrchr(self, '/')) == NULL)
		return (NULL);
	*slash = '\0';
	xasprintf(&path, "%s/%s", self, MOCKPROC_NAME);
	if (access(path, X_OK) == 0)
		return (path);
	free(path);
	return (NULL);
}

static char *
mockproc_in_path(void)
{
	const char	*env = getenv("PATH");
	char		*copy, *dir, *save = NULL, *path;

	if (env == NULL)
		return (NULL);
	copy = xstrdup(env);
	for (dir = strtok_r(copy, ":", &save); dir != NULL;
	    dir = strtok_r(NULL, ":", &save)) {
		xasprintf(&path, "%s/%s", *dir != '\0' ? dir : ".",
		    MOCKPROC_NAME);
		if (access(path, X_OK) == 0) {
			free(copy);
			return (path);
		}
		free(path);
	}
	free(copy);
	return (NULL);
}

char *
mockproc_find(char **cause)
{
	const char	*env = getenv("EVTOP_MOCK");
	char		*path;

	if (env != NULL && *env != '\0') {
		if (access(env, X_OK) == 0)
			return (xstrdup(env));
		xasprintf(cause, "EVTOP_MOCK is %s, which is not an executable "
		    "file", env);
		return (NULL);
	}
	if ((path = mockproc_beside_self()) != NULL)
		return (path);
	if ((path = mockproc_in_path()) != NULL)
		return (path);
	xasprintf(cause, "cannot find %s beside evtop or in PATH (set "
	    "EVTOP_MOCK to its path)", MOCKPROC_NAME);
	return (NULL);
}

static void __attribute__((noreturn))
mockproc_exec(const char *path, const char *const *extra, int out_fd,
    int err_fd, pid_t parent)
{
	char	**argv;
	size_t	  n = 0, i;
	int	  null_fd;

	/* Die with the parent, however it dies (SIGKILL included). */
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() != parent)
		_exit(0);

	signal(SIGPIPE, SIG_DFL);
	null_fd = open("/dev/null", O_RDWR);
	if (null_fd == -1)
		_exit(127);
	dup2(null_fd, STDIN_FILENO);
	dup2(out_fd, STDOUT_FILENO);
	dup2(err_fd == -1 ? null_fd : err_fd, STDERR_FILENO);
	/* Leave the terminal's process group so ^C reaches evtop only. */
	setpgid(0, 0);

	while (extra != NULL && extra[n] != NULL)
		n++;
	argv = xcalloc(n + 4, sizeof *argv);
	argv[0] = xstrdup(path);
	argv[1] = xstrdup("--listen");
	argv[2] = xstrdup("127.0.0.1:0");
	for (i = 0; i < n; i++)
		argv[3 + i] = xstrdup(extra[i]);
	execv(path, argv);
	dprintf(STDERR_FILENO, "cannot run %s: %s\n", path, strerror(errno));
	_exit(127);
}

static long
mockproc_ms_left(const struct timespec *deadline)
{
	struct timespec	now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return ((deadline->tv_sec - now.tv_sec) * 1000L +
	    (deadline->tv_nsec - now.tv_nsec) / 1000000L);
}

/* Reads the child's stdout until the banner line; returns the URL or NULL. */
static char *
mockproc_read_banner(int fd, int timeout_ms, char **cause)
{
	char		 line[MOCKPROC_LINE_MAX], *nl, *url;
	size_t		 used = 0;
	ssize_t		 n;
	struct pollfd	 pfd = { .fd = fd, .events = POLLIN };
	struct timespec	 deadline;
	long		 left;

	clock_gettime(CLOCK_MONOTONIC, &deadline);
	deadline.tv_sec += timeout_ms / 1000;
	deadline.tv_nsec += (timeout_ms % 1000) * 1000000L;
	for (;;) {
		while ((nl = memchr(line, '\n', used)) != NULL) {
			*nl = '\0';
			if (strncmp(line, MOCKPROC_BANNER,
			    strlen(MOCKPROC_BANNER)) == 0) {
				url = xstrdup(line + strlen(MOCKPROC_BANNER));
				if (strncmp(url, "http://", 7) == 0)
					return (url);
				free(url);
				break;
			}
			used -= (size_t)(nl + 1 - line);
			memmove(line, nl + 1, used);
		}
		if (used == sizeof line)
			used = 0;	/* an absurd line: drop it */
		if ((left = mockproc_ms_left(&deadline)) <= 0) {
			xasprintf(cause, "the mock server did not start within "
			    "%.1f seconds", timeout_ms / 1000.0);
			return (NULL);
		}
		switch (poll(&pfd, 1, (int)left)) {
		case -1:
			if (errno == EINTR)
				continue;
			xasprintf(cause, "poll: %s", strerror(errno));
			return (NULL);
		case 0:
			continue;	/* the deadline is checked above */
		}
		n = read(fd, line + used, sizeof line - used);
		if (n == -1 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n <= 0) {
			xasprintf(cause, "the mock server exited before it was "
			    "listening");
			return (NULL);
		}
		used += (size_t)n;
	}
}

int
mockproc_start(struct mockproc *mp, const char *path,
    const char *const *extra, int stderr_fd, int timeout_ms, char **cause)
{
	int	 fds[2];
	pid_t	 pid, parent = getpid();

	mp->pid = -1;
	mp->url = NULL;
	if (pipe2(fds, O_CLOEXEC) == -1) {
		xasprintf(cause, "pipe: %s", strerror(errno));
		return (-1);
	}
	fflush(NULL);
	switch (pid = fork()) {
	case -1:
		xasprintf(cause, "fork: %s", strerror(errno));
		close(fds[0]);
		close(fds[1]);
		return (-1);
	case 0:
		close(fds[0]);
		mockproc_exec(path, extra, fds[1], stderr_fd, parent);
	default:
		break;
	}
	close(fds[1]);
	setpgid(pid, pid);	/* as the child does: whichever runs first */
	mp->pid = pid;
	mp->url = mockproc_read_banner(fds[0], timeout_ms, cause);
	/* Nothing more is read: the mock writes nothing after the banner. */
	close(fds[0]);
	if (mp->url == NULL) {
		mockproc_stop(mp);
		return (-1);
	}
	return (0);
}

int
mockproc_reap(struct mockproc *mp)
{
	int	status;

	if (mp->pid <= 0 || waitpid(mp->pid, &status, WNOHANG) != mp->pid)
		return (0);
	mp->pid = -1;
	return (1);
}

void
mockproc_stop(struct mockproc *mp)
{
	struct timespec	tick = { 0, 20 * 1000000L };
	int		status, i;

	if (mp->pid > 0) {
		/* Its own process group: anything it started goes too. */
		kill(-mp->pid, SIGTERM);
		for (i = 0; i < 150; i++) {	/* up to 3 s */
			if (waitpid(mp->pid, &status, WNOHANG) != 0)
				break;
			nanosleep(&tick, NULL);
		}
		if (i == 150) {
			kill(-mp->pid, SIGKILL);
			waitpid(mp->pid, &status, 0);
		}
	}
	mp->pid = -1;
	free(mp->url);
	mp->url = NULL;
}
