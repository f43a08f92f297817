/*
 * The trace log: off by default, on with -v or EVTOP_TRACE.  Every HTTP and
 * WebSocket exchange can be traced; tokens and passwords never are.
 */
#ifndef EVTOP_LOG_H
#define EVTOP_LOG_H

/* Opens (appends to) path; returns 0, or -1 with errno set. */
int	log_open(const char *path);
void	log_close(void);
int	log_enabled(void);
void	log_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
