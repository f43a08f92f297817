/*
 * Starting the demo server: one that never says it is listening is given
 * up on in time and taken down with whatever it started; one that dies
 * first is reported; a real one is found, started and stopped.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mockproc.h"
#include "test.h"

static char	dir[] = "/tmp/evtop-mockproc.XXXXXX";

static char *
script(const char *name, const char *body)
{
	char	*path;
	FILE	*f;

	if (asprintf(&path, "%s/%s", dir, name) < 0)
		abort();
	f = fopen(path, "w");
	fprintf(f, "#!/bin/sh\n%s\n", body);
	fclose(f);
	chmod(path, 0700);
	return (path);
}

/* 1 while pid is a live process (a zombie counts as gone). */
static int
alive(pid_t pid)
{
	char	path[64], buf[256], *p;
	FILE	*f;

	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	if ((f = fopen(path, "r")) == NULL)
		return (0);
	p = fgets(buf, sizeof buf, f);
	fclose(f);
	if (p == NULL || (p = strrchr(buf, ')')) == NULL)
		return (0);
	return (p[2] != 'Z');
}

static void
test_silent_server_given_up(void)
{
	struct mockproc	 mp;
	char		*path, *pidfile, *cause = NULL, body[512];
	FILE		*f;
	int		 shell = 0, child = 0, i;

	if (asprintf(&pidfile, "%s/pids", dir) < 0)
		abort();
	snprintf(body, sizeof body, "sleep 60 & echo $$ $! > %s; wait",
	    pidfile);
	path = script("silent", body);
	CHECK_INT(mockproc_start(&mp, path, NULL, -1, 700, &cause), -1);
	CHECK(cause != NULL && strstr(cause, "did not start within 0.7 "
	    "seconds") != NULL);
	CHECK_INT(mp.pid, -1);
	/* The script and the sleep it started are both gone. */
	if ((f = fopen(pidfile, "r")) != NULL) {
		CHECK_INT(fscanf(f, "%d %d", &shell, &child), 2);
		fclose(f);
	}
	CHECK(shell > 0 && child > 0);
	for (i = 0; i < 50 && (alive(shell) || alive(child)); i++)
		usleep(20000);
	CHECK(!alive(shell));
	CHECK(!alive(child));
	unlink(pidfile);
	unlink(path);
	free(pidfile);
	free(path);
	free(cause);
}

static void
test_server_dies_first(void)
{
	struct mockproc	 mp;
	char		*path, *cause = NULL;

	path = script("dies", "echo 'evtop-mock: cannot open database' >&2; "
	    "exit 1");
	CHECK_INT(mockproc_start(&mp, path, NULL, -1, 10000, &cause), -1);
	CHECK_STR(cause, "the mock server exited before it was listening");
	unlink(path);
	free(path);
	free(cause);
}

static void
test_real_server(void)
{
	static const char *const extra[] = { "--hash-cost", "4", NULL };
	struct mockproc	 mp;
	char		*path, *cause = NULL;
	pid_t		 pid;

	path = mockproc_find(&cause);	/* EVTOP_MOCK, set by ctest */
	CHECK(path != NULL);
	if (path == NULL)
		return;
	CHECK_INT(mockproc_start(&mp, path, extra, -1, 30000, &cause), 0);
	CHECK(mp.url != NULL && strncmp(mp.url, "http://127.0.0.1:", 17) == 0);
	pid = mp.pid;
	CHECK_INT(mockproc_reap(&mp), 0);	/* still running */
	mockproc_stop(&mp);
	CHECK(!alive(pid));
	CHECK(mp.url == NULL);
	free(path);
}

static void
test_not_found(void)
{
	char	*cause = NULL;

	setenv("EVTOP_MOCK", "/nonexistent/evtop-mock", 1);
	CHECK(mockproc_find(&cause) == NULL);
	CHECK(cause != NULL && strstr(cause, "EVTOP_MOCK") != NULL);
	free(cause);
}

static void
setup(void)
{
	CHECK(mkdtemp(dir) != NULL);
}

static void
teardown(void)
{
	CHECK_INT(rmdir(dir), 0);
}

TEST_MAIN(
	TEST_CASE(setup),
	TEST_CASE(test_silent_server_given_up),
	TEST_CASE(test_server_dies_first),
	TEST_CASE(test_real_server),
	TEST_CASE(test_not_found),
	TEST_CASE(teardown)
)
