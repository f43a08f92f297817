#include "support-proc.h"

#include <sys/wait.h>

#include <signal.h>
#include <time.h>
#include <unistd.h>

/* Seconds: only a guard against hangs, never asserted. */
#define SUPPORT_PROC_DEADLINE	30

int
support_proc_stop(pid_t pid)
{
	struct timespec	tick = { 0, 10 * 1000000L };
	time_t		until = time(NULL) + SUPPORT_PROC_DEADLINE;
	pid_t		got;
	int		status = 0;

	if (pid <= 0 || kill(pid, SIGTERM) != 0)
		return (-1);
	while ((got = waitpid(pid, &status, WNOHANG)) == 0 &&
	    time(NULL) < until)
		nanosleep(&tick, NULL);
	if (got == 0) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		return (-1);
	}
	return (WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}
