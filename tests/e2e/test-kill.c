/*
 * The demo server never outlives evtop: not when the user presses Ctrl-C
 * (the terminal's SIGINT reaches evtop alone, which restores the screen),
 * and not when evtop is killed outright with SIGKILL and can do nothing.
 */
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

#include "test.h"
#include "vt-harness.h"

#define START_MS	60000

static struct vt *
start_demo(pid_t *pids, size_t max, size_t *npids)
{
	const char	*argv[] = { getenv("EVTOP_BIN"), "--demo", NULL };
	struct vt	*vt;

	if (argv[0] == NULL || (vt = vt_spawn(argv, NULL, 24, 80)) == NULL)
		return (NULL);
	if (vt_wait_text(vt, "Evtop Launch Party", START_MS) != 0) {
		vt_dump(vt, stderr);
		vt_free(vt);
		return (NULL);
	}
	*npids = vt_session_pids(vt_pid(vt), pids, max);
	return (vt);
}

static int
survivors(pid_t sid, const pid_t *pids, size_t npids)
{
	int	left;

	for (left = 50; left > 0; left--) {
		if (vt_session_count(sid, pids, npids) == 0)
			break;
		poll(NULL, 0, 100);
	}
	return (vt_session_count(sid, pids, npids));
}

static void
test_ctrl_c(void)
{
	pid_t		 pids[64], sid;
	size_t		 npids = 0;
	struct vt	*vt;

	vt = start_demo(pids, 64, &npids);
	CHECK(vt != NULL);
	if (vt == NULL)
		return;
	CHECK(npids >= 2);	/* evtop and its evtop-mock */
	sid = vt_pid(vt);
	vt_send_char(vt, 0x03);
	CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 128 + SIGINT);
	CHECK(!vt_find(vt, "q Quit", NULL, NULL));
	CHECK_INT(survivors(sid, pids, npids), 0);
	vt_free(vt);
}

static void
test_sigkill(void)
{
	pid_t		 pids[64], sid;
	size_t		 npids = 0;
	struct vt	*vt;

	vt = start_demo(pids, 64, &npids);
	CHECK(vt != NULL);
	if (vt == NULL)
		return;
	CHECK(npids >= 2);
	sid = vt_pid(vt);
	kill(sid, SIGKILL);
	CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 128 + SIGKILL);
	CHECK_INT(survivors(sid, pids, npids), 0);
	vt_free(vt);
}

TEST_MAIN(
	TEST_CASE(test_ctrl_c),
	TEST_CASE(test_sigkill)
)
