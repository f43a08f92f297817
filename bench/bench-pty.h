/* What the client benchmarks share: a clock, and reading evtop's pty. */
#ifndef EVTOP_BENCH_PTY_H
#define EVTOP_BENCH_PTY_H

/* The monotonic clock, in milliseconds. */
double	bench_now_ms(void);
/* Reads the pty until text shows up (or the deadline); 0 when it did. */
int	bench_wait_for(int fd, const char *text, double deadline_ms);
/* Reads and drops what the pty says for ms. */
void	bench_drain(int fd, double ms);

#endif
