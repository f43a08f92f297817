/*
 * The bundled evtop-mock as a child process: `evtop --demo` and the tests
 * start it on an ephemeral loopback port and stop it however evtop exits.
 */
#ifndef EVTOP_MOCKPROC_H
#define EVTOP_MOCKPROC_H

#include <sys/types.h>

struct mockproc {
	pid_t	 pid;
	char	*url;		/* http://127.0.0.1:PORT */
};

/*
 * Finds the evtop-mock binary: $EVTOP_MOCK, then beside the running
 * executable, then $PATH.  Returns a new string or NULL with *cause set.
 */
char	*mockproc_find(char **cause);

/*
 * Starts path with `--listen 127.0.0.1:0` and extra (NULL-terminated) and
 * waits up to timeout_ms for its "listening on URL" line.  The child's
 * stderr goes to stderr_fd (-1: /dev/null) and it dies with its parent.
 * Returns 0, or -1 with a sentence in *cause.
 */
int	mockproc_start(struct mockproc *, const char *path,
	    const char *const *extra, int stderr_fd, int timeout_ms,
	    char **cause);
/*
 * Reaps the child if it has exited (on SIGCHLD): returns 1 and forgets
 * it, 0 while it runs.
 */
int	mockproc_reap(struct mockproc *);
/* SIGTERM, wait a little, then SIGKILL; reaps the child. */
void	mockproc_stop(struct mockproc *);

#endif
