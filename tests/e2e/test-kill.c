/*
 * The demo server never outlives evtop: not when the user presses Ctrl-C
 * (the terminal's SIGINT reaches evtop alone, which restores the screen),
 * and not when evtop is killed outright with SIGKILL and can do nothing.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

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

/* Starts the demo, stops evtop with how, and checks what is left. */
static void
stop_and_check(void (*how)(struct vt *), int want_status, int restores)
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
	how(vt);
	CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), want_status);
	if (restores)
		CHECK(!vt_find(vt, "q Quit", NULL, NULL));
	CHECK_INT(vt_session_wait_gone(sid, pids, npids, 5000), 0);
	vt_free(vt);
}

static void
press_ctrl_c(struct vt *vt)
{
	vt_send_char(vt, 0x03);
}

static void
send_sigkill(struct vt *vt)
{
	kill(vt_pid(vt), SIGKILL);
}

static void
test_ctrl_c(void)
{
	stop_and_check(press_ctrl_c, 128 + SIGINT, 1);
}

/* SIGKILL leaves the screen as it was: only the server must go. */
static void
test_sigkill(void)
{
	stop_and_check(send_sigkill, 128 + SIGKILL, 0);
}

/* The demo server dying is said on screen, and its process is reaped. */
static void
test_demo_server_dies(void)
{
	pid_t		 pids[64], sid, mock = -1;
	size_t		 npids = 0, i;
	struct vt	*vt;
	char		 proc[64];

	vt = start_demo(pids, 64, &npids);
	CHECK(vt != NULL);
	if (vt == NULL)
		return;
	sid = vt_pid(vt);
	for (i = 0; i < npids; i++) {
		if (pids[i] != sid)
			kill((mock = pids[i]), SIGKILL);
	}
	CHECK(mock > 0);
	if (vt_wait_text(vt, "Demo server stopped", VT_DEADLINE_MS) != 0) {
		vt_dump(vt, stderr);
		CHECK(0);
	}
	/* Reaped: not even a zombie is left of it. */
	snprintf(proc, sizeof proc, "/proc/%d", (int)mock);
	CHECK(access(proc, F_OK) != 0);
	vt_send_char(vt, 'q');
	CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 0);
	vt_free(vt);
}

TEST_MAIN(
	TEST_CASE(test_ctrl_c),
	TEST_CASE(test_sigkill),
	TEST_CASE(test_demo_server_dies)
)
