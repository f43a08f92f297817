#include "bench-pty.h"

#include <poll.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

double
bench_now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6);
}

int
bench_wait_for(int fd, const char *text, double deadline_ms)
{
	char		buf[8192], seen[16384];
	size_t		used = 0;
	ssize_t		n;
	struct pollfd	pfd = { .fd = fd, .events = POLLIN };

	while (bench_now_ms() < deadline_ms) {
		if (poll(&pfd, 1, 20) <= 0)
			continue;
		if ((n = read(fd, buf, sizeof buf)) <= 0)
			return (-1);
		if (used + (size_t)n >= sizeof seen) {
			/* Keep the tail: the text may straddle reads. */
			memmove(seen, seen + used / 2, used - used / 2);
			used -= used / 2;
		}
		if ((size_t)n < sizeof seen - used - 1) {
			memcpy(seen + used, buf, (size_t)n);
			used += (size_t)n;
		}
		if (memmem(seen, used, text, strlen(text)) != NULL)
			return (0);
	}
	return (-1);
}

void
bench_drain(int fd, double ms)
{
	char		buf[8192];
	struct pollfd	pfd = { .fd = fd, .events = POLLIN };
	double		end = bench_now_ms() + ms;

	while (bench_now_ms() < end) {
		if (poll(&pfd, 1, 20) > 0 && read(fd, buf, sizeof buf) <= 0)
			return;
	}
}
