/*
 * However evtop is stopped, the terminal comes back and the demo server
 * goes: a quit signal (SIGTERM) goes through the loop and exits 128+15; a
 * fatal one (SIGSEGV) is caught, the screen restored, a line saying so
 * (with a backtrace) printed, and re-raised.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "test.h"
#include "vt-harness.h"

#define START_MS	60000

static void
run_signal(int signo, int want_status)
{
	const char	*bin = getenv("EVTOP_BIN");
	const char	*argv[] = { bin, "--demo", NULL };
	struct vt	*vt;
	pid_t		 sid, pids[64];
	size_t		 npids;
	int		 status;

	CHECK(bin != NULL);
	if (bin == NULL || (vt = vt_spawn(argv, NULL, 24, 80)) == NULL)
		return;
	sid = vt_pid(vt);
	if (vt_wait_text(vt, "q Quit", START_MS) != 0 ||
	    vt_wait_text(vt, "Evtop Launch Party", START_MS) != 0) {
		vt_dump(vt, stderr);
		CHECK(0);
		goto out;
	}
	npids = vt_session_pids(sid, pids, sizeof pids / sizeof pids[0]);

	kill(vt_pid(vt), signo);
	status = vt_wait_exit(vt, VT_DEADLINE_MS);
	CHECK_INT(status, want_status);
	/* A crash says so, with where it happened, on the restored screen. */
	if (signo == SIGSEGV)
		CHECK(vt_find(vt, "evtop: crashed on signal 11", NULL, NULL));

	/* The alternate screen was left: the dashboard is gone. */
	if (vt_find(vt, "q Quit", NULL, NULL)) {
		fprintf(stderr, "e2e: the dashboard is still on screen after "
		    "signal %d\n", signo);
		vt_dump(vt, stderr);
		CHECK(0);
	}

	CHECK_INT(vt_session_wait_gone(sid, pids, npids, 5000), 0);
out:
	vt_free(vt);
}

static void
test_sigterm(void)
{
	run_signal(SIGTERM, 128 + SIGTERM);
}

static void
test_sigsegv(void)
{
	struct rlimit	rl = { 0, 0 };

	setrlimit(RLIMIT_CORE, &rl);	/* no core file from the re-raise */
	run_signal(SIGSEGV, 128 + SIGSEGV);
}

TEST_MAIN(
	TEST_CASE(test_sigterm),
	TEST_CASE(test_sigsegv))
