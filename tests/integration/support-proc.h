/* Ending a child server the way a user does, and hearing how it ended. */
#ifndef EVTOP_SUPPORT_PROC_H
#define EVTOP_SUPPORT_PROC_H

#include <sys/types.h>

/*
 * Sends SIGTERM to pid and reaps it: its exit status, or -1 when a signal
 * ended it (after a time-out it is killed).  Under the sanitizers a leak
 * or an error in the child shows here as a status other than 0.
 */
int	support_proc_stop(pid_t pid);

#endif
