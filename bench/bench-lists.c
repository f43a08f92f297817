/*
 * What a long event list costs evtop: the time from the password to the
 * first row on screen and the requests for the list before it, the
 * requests of one refresh (r), and evtop's resident memory, with the
 * demo's events and with 10,000, side by side in one run.  evtop runs on
 * a pty with a private HOME and a trace log (EVTOP_TRACE) whose request
 * lines are counted.
 *
 * Usage: bench-lists EVTOP EVTOP-MOCK
 */
#include <fcntl.h>
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

struct figures {
	size_t	events;
	double	first_ms;	/* password typed to the first row drawn */
	int	first_requests;	/* GET /api/events answered before it */
	int	refresh_requests;	/* of one r */
	int	refresh_304;	/* of those, answered 304 */
	long	rss_kb;
};

/* Answered GETs of the event list in the trace so far, and the 304s. */
static int
trace_count(const char *path, int *not_modified)
{
	FILE	*f;
	char	 line[2048];
	int	 n = 0;

	*not_modified = 0;
	if ((f = fopen(path, "r")) == NULL)
		return (0);
	while (fgets(line, sizeof line, f) != NULL) {
		if (strstr(line, "http: GET ") == NULL ||
		    strstr(line, "/api/events?") == NULL ||
		    strstr(line, " -> ") == NULL)
			continue;
		n++;
		if (strstr(line, " -> 304") != NULL)
			(*not_modified)++;
	}
	fclose(f);
	return (n);
}

static long
rss_kb(pid_t pid)
{
	char	 path[64], line[256];
	FILE	*f;
	long	 kb = -1;

	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	if ((f = fopen(path, "r")) == NULL)
		return (-1);
	while (fgets(line, sizeof line, f) != NULL) {
		if (sscanf(line, "VmRSS: %ld", &kb) == 1)
			break;
	}
	fclose(f);
	return (kb);
}

static int
run(const char *evtop, const char *mockbin, const char *seed,
    struct figures *fig)
{
	const char *const extra[] = { "--seed", seed, "--hash-cost", "4",
	    NULL };
	struct winsize	 ws = { .ws_row = 30, .ws_col = 100 };
	struct mockproc	 mock;
	char		 home[] = "/tmp/bench-lists.XXXXXX", trace[128];
	char		*cause = NULL;
	int		 master, status, rc = -1, before, after, same, same0;
	double		 t0;
	pid_t		 pid;

	if (mkdtemp(home) == NULL)
		return (-1);
	snprintf(trace, sizeof trace, "%s/trace.log", home);
	if (mockproc_start(&mock, mockbin, extra, -1, 120000, &cause) != 0) {
		fprintf(stderr, "bench: %s\n", cause);
		free(cause);
		return (-1);
	}
	pid = forkpty(&master, NULL, NULL, &ws);
	if (pid == 0) {
		setenv("TERM", "xterm-256color", 1);
		setenv("LANG", "C.UTF-8", 1);
		setenv("TZ", "UTC", 1);
		setenv("HOME", home, 1);
		unsetenv("XDG_CONFIG_HOME");
		unsetenv("XDG_STATE_HOME");
		unsetenv("XDG_CACHE_HOME");
		setenv("EVTOP_TRACE", trace, 1);
		execl(evtop, evtop, "-s", mock.url, "-u", "admin@example.com",
		    (char *)NULL);
		_exit(127);
	}
	if (pid < 0)
		goto out;
	if (bench_wait_for(master, "Password", bench_now_ms() + 30000) != 0)
		goto stop;
	t0 = bench_now_ms();
	if (write(master, "evtop-demo\r", 11) != 11 ||
	    bench_wait_for(master, "CONF/CAP", bench_now_ms() + 60000) != 0) {
		fprintf(stderr, "bench: no rows on screen\n");
		goto stop;
	}
	fig->first_ms = bench_now_ms() - t0;
	fig->first_requests = trace_count(trace, &same);
	/* Settle (the page after the window, the live link), then r. */
	bench_drain(master, 2000);
	fig->rss_kb = rss_kb(pid);
	before = trace_count(trace, &same0);
	if (write(master, "r", 1) != 1)
		goto stop;
	bench_drain(master, 2000);
	after = trace_count(trace, &same);
	fig->refresh_requests = after - before;
	fig->refresh_304 = same - same0;
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
	unlink(trace);
	rmdir(home);
	return (rc);
}

int
main(int argc, char **argv)
{
	static const struct {
		const char	*name, *seed;
	} lists[] = {
		{ "demo (36 events)", "demo" },
		{ "10,000 events", "10000" },
	};
	struct figures	 fig[2];
	size_t		 i;

	if (argc < 3) {
		fprintf(stderr, "usage: %s EVTOP EVTOP-MOCK\n", argv[0]);
		return (2);
	}
	signal(SIGPIPE, SIG_IGN);
	printf("evtop on a 100x30 pty; first row: from the password typed "
	    "(sign-in included)\n");
	printf("%-18s %14s %16s %14s %10s %10s\n", "list", "first row ms",
	    "GETs before it", "GETs per r", "of them 304", "RSS KiB");
	for (i = 0; i < 2; i++) {
		memset(&fig[i], 0, sizeof fig[i]);
		if (run(argv[1], argv[2], lists[i].seed, &fig[i]) != 0)
			return (1);
		printf("%-18s %14.0f %16d %14d %10d %10ld\n", lists[i].name,
		    fig[i].first_ms, fig[i].first_requests,
		    fig[i].refresh_requests, fig[i].refresh_304,
		    fig[i].rss_kb);
		fflush(stdout);
	}
	printf("first row, 10,000 / demo: %.2fx; RSS, 10,000 / demo: %.2fx\n",
	    fig[1].first_ms / (fig[0].first_ms > 0 ? fig[0].first_ms : 1),
	    (double)fig[1].rss_kb / (fig[0].rss_kb > 0 ? fig[0].rss_kb : 1));
	return (0);
}
