/*
 * How much evtop costs while it watches: wakeups per second, CPU and
 * terminal output when idle, and frames per second under a flood of live
 * updates (the dashboard promises at most ~30).  evtop runs on a pty
 * against an evtop-mock started here, signed in by typing at its prompt.
 *
 * Usage: bench-client EVTOP EVTOP-MOCK [SECONDS]
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench-pty.h"
#include "mockproc.h"

/* A quiet gap this long ends one frame's burst of output. */
#define FRAME_GAP_MS	3.0

struct sample {
	uint64_t	ctxsw;		/* voluntary + involuntary switches */
	uint64_t	cpu_ticks;	/* utime + stime */
};

struct result {
	double	seconds;
	double	wakeups;		/* per second */
	double	cpu_pct;
	double	bytes;			/* terminal output per second */
	double	frames;			/* output bursts per second */
};

static int
sample_read(pid_t pid, struct sample *s)
{
	char		 path[64], line[256], *p;
	FILE		*f;
	unsigned long	 ut, st;
	uint64_t	 v;
	int		 i;

	s->ctxsw = 0;
	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	if ((f = fopen(path, "r")) == NULL)
		return (-1);
	while (fgets(line, sizeof line, f) != NULL) {
		if (sscanf(line, "voluntary_ctxt_switches: %" SCNu64, &v) == 1 ||
		    sscanf(line, "nonvoluntary_ctxt_switches: %" SCNu64,
		    &v) == 1)
			s->ctxsw += v;
	}
	fclose(f);
	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	if ((f = fopen(path, "r")) == NULL)
		return (-1);
	if (fgets(line, sizeof line, f) == NULL ||
	    (p = strrchr(line, ')')) == NULL) {
		fclose(f);
		return (-1);
	}
	fclose(f);
	/* Fields after the command: state is 3; utime 14, stime 15. */
	for (i = 3; i < 14 && p != NULL; i++)
		p = strchr(p + 1, ' ');
	if (p == NULL || sscanf(p, " %lu %lu", &ut, &st) != 2)
		return (-1);
	s->cpu_ticks = ut + st;
	return (0);
}

/* Drains the pty for secs, counting bytes and bursts of output. */
static void
measure(int fd, pid_t pid, double secs, struct result *r)
{
	struct sample	a, b;
	struct pollfd	pfd = { .fd = fd, .events = POLLIN };
	char		buf[65536];
	double		start, end, last = 0, t;
	uint64_t	bytes = 0, bursts = 0;
	ssize_t		n;
	long		hz = sysconf(_SC_CLK_TCK);

	sample_read(pid, &a);
	start = bench_now_ms();
	end = start + secs * 1000.0;
	while ((t = bench_now_ms()) < end) {
		if (poll(&pfd, 1, (int)(end - t) + 1) <= 0)
			continue;
		if ((n = read(fd, buf, sizeof buf)) <= 0)
			break;
		t = bench_now_ms();
		if (last == 0 || t - last >= FRAME_GAP_MS)
			bursts++;
		last = t;
		bytes += (uint64_t)n;
	}
	sample_read(pid, &b);
	r->seconds = (bench_now_ms() - start) / 1000.0;
	r->wakeups = (double)(b.ctxsw - a.ctxsw) / r->seconds;
	r->cpu_pct = 100.0 * (double)(b.cpu_ticks - a.cpu_ticks) / (double)hz /
	    r->seconds;
	r->bytes = (double)bytes / r->seconds;
	r->frames = (double)bursts / r->seconds;
}

static pid_t
spawn_evtop(const char *evtop, const char *url, int *master)
{
	struct winsize	ws = { .ws_row = 30, .ws_col = 100 };
	pid_t		pid;

	pid = forkpty(master, NULL, NULL, &ws);
	if (pid == 0) {
		setenv("TERM", "xterm-256color", 1);
		setenv("LANG", "C.UTF-8", 1);
		setenv("TZ", "UTC", 1);
		execl(evtop, evtop, "-s", url, "-u", "admin@example.com",
		    (char *)NULL);
		_exit(127);
	}
	return (pid);
}

/* One scenario: a mock at rate actions/s, evtop watching it. */
static int
run(const char *evtop, const char *mockbin, const char *rate, double secs,
    struct result *client, struct result *server)
{
	const char *const extra[] = { "--seed", "demo", "--hash-cost", "4",
	    "--simulate", rate, NULL };
	struct mockproc	 mock;
	struct sample	 a, b;
	char		*cause = NULL;
	int		 master, status, rc = -1;
	pid_t		 pid;
	long		 hz = sysconf(_SC_CLK_TCK);

	if (mockproc_start(&mock, mockbin, extra, -1, 60000, &cause) != 0) {
		fprintf(stderr, "bench: %s\n", cause);
		free(cause);
		return (-1);
	}
	if ((pid = spawn_evtop(evtop, mock.url, &master)) <= 0)
		goto out;
	if (bench_wait_for(master, "Password", bench_now_ms() + 30000) != 0 ||
	    write(master, "evtop-demo\r", 11) != 11 ||
	    bench_wait_for(master, "LIVE", bench_now_ms() + 30000) != 0) {
		fprintf(stderr, "bench: evtop did not reach the dashboard\n");
		goto stop;
	}
	measure(master, pid, 1.0, client);	/* let the first screens pass */
	sample_read(mock.pid, &a);
	measure(master, pid, secs, client);
	sample_read(mock.pid, &b);
	server->seconds = client->seconds;
	server->wakeups = (double)(b.ctxsw - a.ctxsw) / server->seconds;
	server->cpu_pct = 100.0 * (double)(b.cpu_ticks - a.cpu_ticks) /
	    (double)hz / server->seconds;
	rc = 0;
stop:
	(void)!write(master, "q", 1);
	for (int i = 0; i < 100 && waitpid(pid, &status, WNOHANG) == 0; i++)
		poll(NULL, 0, 20);
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	close(master);
out:
	mockproc_stop(&mock);
	return (rc);
}

int
main(int argc, char **argv)
{
	static const struct {
		const char	*name, *rate;
	} scenarios[] = {
		{ "idle (no activity)", "0" },
		{ "demo (5 actions/s)", "5" },
		{ "flood (1000 actions/s)", "1000" },
	};
	struct result	c, s;
	double		secs = argc > 3 ? atof(argv[3]) : 10.0;
	size_t		i;

	if (argc < 3) {
		fprintf(stderr, "usage: %s EVTOP EVTOP-MOCK [SECONDS]\n",
		    argv[0]);
		return (2);
	}
	signal(SIGPIPE, SIG_IGN);
	printf("evtop on a 100x30 pty, %.0f s per scenario\n", secs);
	printf("%-24s %12s %8s %12s %10s | %14s %8s\n", "scenario",
	    "wakeups/s", "cpu %", "tty bytes/s", "frames/s",
	    "mock wakeups/s", "cpu %");
	for (i = 0; i < sizeof scenarios / sizeof scenarios[0]; i++) {
		if (run(argv[1], argv[2], scenarios[i].rate, secs, &c,
		    &s) != 0)
			return (1);
		printf("%-24s %12.1f %8.2f %12.0f %10.1f | %14.1f %8.2f\n",
		    scenarios[i].name, c.wakeups, c.cpu_pct, c.bytes,
		    c.frames, s.wakeups, s.cpu_pct);
		fflush(stdout);
	}
	printf("frames/s counts bursts of terminal output %.0f ms apart: "
	    "the dashboard draws at most ~30 a second.\n", FRAME_GAP_MS);
	return (0);
}
