/*
 * The demo server's life: started before anything else, watched while the
 * dashboard runs, stopped on every ordinary way out (and by
 * PR_SET_PDEATHSIG, in mockproc.c, on the others).
 */
#include "demo.h"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include "app.h"
#include "mockproc.h"
#include "paths.h"
#include "xmalloc.h"

#define DEMO_RATE	"5"	/* simulated activity, --simulate */
#define DEMO_START_MS	20000
#define DEMO_LOG	"demo-mock.log"

struct demo {
	struct mockproc	 mock;
	struct app	*app;		/* told when the child dies */
	uv_signal_t	 sigchld;
	int		 watching;
};

struct demo *
demo_start(char **cause)
{
	static const char *const extra[] = {
		"--seed", "demo", "--simulate", DEMO_RATE, NULL
	};
	struct demo	*d;
	char		*mock, *logpath;
	int		 fd = -1, rc;

	if ((mock = mockproc_find(cause)) == NULL)
		return (NULL);
	d = xcalloc(1, sizeof *d);
	logpath = paths_state_file(DEMO_LOG, NULL);
	if (logpath != NULL)
		fd = open(logpath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
		    0600);
	rc = mockproc_start(&d->mock, mock, extra, fd, DEMO_START_MS, cause);
	if (fd != -1)
		close(fd);
	free(logpath);
	free(mock);
	if (rc != 0) {
		free(d);
		return (NULL);
	}
	return (d);
}

const char *
demo_url(const struct demo *d)
{
	return (d->mock.url);
}

static void
demo_exited(uv_signal_t *h, int signo)
{
	struct demo	*d = h->data;
	char		*path, *sentence;

	if (!mockproc_reap(&d->mock))
		return;
	path = paths_state_file(DEMO_LOG, NULL);
	xasprintf(&sentence, "Demo server stopped; log: %s",
	    path != NULL ? path : DEMO_LOG " in the state directory");
	app_set_banner(d->app, NOTIFY_ERROR, sentence);
	free(sentence);
	free(path);
	uv_signal_stop(h);
}

void
demo_watch(struct demo *d, uv_loop_t *loop, struct app *app)
{
	if (d == NULL || d->watching)
		return;
	d->app = app;
	uv_signal_init(loop, &d->sigchld);
	d->sigchld.data = d;
	uv_signal_start(&d->sigchld, demo_exited, SIGCHLD);
	d->watching = 1;
}

void
demo_unwatch(struct demo *d)
{
	if (d == NULL || !d->watching)
		return;
	uv_close((uv_handle_t *)&d->sigchld, NULL);
	d->app = NULL;
	d->watching = 0;
}

void
demo_free(struct demo *d)
{
	if (d == NULL)
		return;
	mockproc_stop(&d->mock);
	free(d);
}
