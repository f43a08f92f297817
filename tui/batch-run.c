/*
 * Batch mode on the loop: fetch, print, wait on a timer, again.  Nothing
 * blocks outside the loop, so a request and the wait between snapshots
 * are the same kind of thing to it.
 */
#include "batch.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "clock.h"
#include "xmalloc.h"

#define BATCH_NOTIFICATIONS	10	/* the latest, in a snapshot */

struct batch_run {
	uv_loop_t		*loop;
	struct api		*api;
	struct store		*store;
	struct batch_options	 opts;
	uv_timer_t		 timer;
	long			 n;		/* snapshots printed */

	int			 done;
	int			 status;
	char			*cause;
};

static void	batch_snapshot(struct batch_run *);

static void
batch_finish(struct batch_run *br, int status, const char *cause)
{
	br->done = 1;
	br->status = status;
	br->cause = cause != NULL ? xstrdup(cause) : NULL;
}

/* One snapshot as text or one line of JSON; -1 when it cannot be written. */
static int
batch_print(struct batch_run *br)
{
	const struct session	*s = api_session(br->api);
	const char		*user, *server = api_server(br->api);
	time_t			 now = clock_now();
	int			 rc = 0;

	user = s != NULL && s->user.email != NULL && *s->user.email != '\0' ?
	    s->user.email : NULL;
	if (br->opts.json)
		return (batch_print_json(stdout, br->store, server, user, now,
		    BATCH_NOTIFICATIONS, s != NULL));
	if (br->n > 0 && fputc('\n', stdout) == EOF)
		rc = -1;
	if (rc == 0)
		rc = batch_print_header(stdout, br->opts.label != NULL ?
		    br->opts.label : server, user, now);
	if (rc == 0)
		rc = batch_print_events(stdout, br->store, now);
	if (rc == 0)
		rc = batch_print_notifications(stdout, br->store,
		    BATCH_NOTIFICATIONS, s != NULL);
	return (rc);
}

static void
batch_tick(uv_timer_t *t)
{
	batch_snapshot(t->data);
}

/*
 * How long the server asked every request to wait, said on stderr;
 * 0 when it asked for nothing.
 */
static uint64_t
batch_hold_say(struct api *api)
{
	uint64_t	 left;
	char		*wait;

	if ((wait = api_hold_sentence(api, &left)) == NULL)
		return (0);
	fprintf(stderr, "evtop: %s: waiting\n", wait);
	free(wait);
	return (left);
}

/* A wait the server asked for: the snapshot is taken again after it. */
static int
batch_held(struct batch_run *br)
{
	uint64_t	left;

	if ((left = batch_hold_say(br->api)) == 0)
		return (0);
	uv_timer_start(&br->timer, batch_tick, left, 0);
	return (1);
}

static void
batch_waited(uv_timer_t *t)
{
	*(int *)t->data = 1;
}

static void
batch_wait_closed(uv_handle_t *h)
{
	*(int *)h->data = 2;
}

int
batch_wait_hold(uv_loop_t *loop, struct api *api)
{
	uv_timer_t	timer;
	uint64_t	left;
	int		state = 0;

	if ((left = batch_hold_say(api)) == 0)
		return (0);
	uv_timer_init(loop, &timer);
	timer.data = &state;
	uv_timer_start(&timer, batch_waited, left, 0);
	while (state == 0)
		uv_run(loop, UV_RUN_ONCE);
	uv_close((uv_handle_t *)&timer, batch_wait_closed);
	while (state != 2)
		uv_run(loop, UV_RUN_ONCE);
	return (1);
}

/* Prints what was fetched, then waits for the next, or is done. */
static void
batch_printed(struct batch_run *br)
{
	char	*cause;

	if (batch_print(br) != 0 || fflush(stdout) != 0) {
		/* The reader has gone (| head): end quietly, as cat does. */
		if (errno == EPIPE) {
			signal(SIGPIPE, SIG_DFL);
			raise(SIGPIPE);
		}
		xasprintf(&cause, "cannot write the snapshot: %s",
		    strerror(errno));
		batch_finish(br, API_ERR_FAILED, cause);
		free(cause);
		return;
	}
	br->n++;
	if (br->opts.iterations != 0 && br->n >= br->opts.iterations) {
		batch_finish(br, API_OK, NULL);
		return;
	}
	uv_timer_start(&br->timer, batch_tick,
	    (uint64_t)(br->opts.delay * 1000), 0);
}

/* The log is a nicety: a failure is traced by the api, not fatal. */
static void
batch_noted(void *arg, int status, const char *cause)
{
	batch_printed(arg);
}

static void
batch_fetched(void *arg, int status, const char *cause)
{
	struct batch_run	*br = arg;

	if (status != API_OK) {
		/* A 429 (or 503) is waited out; the snapshot is taken again. */
		if (status != API_ERR_AUTH && batch_held(br))
			return;
		batch_finish(br, status, cause);
		return;
	}
	if (api_session(br->api) != NULL)
		api_load_notifications(br->api, batch_noted, br);
	else
		batch_printed(br);
}

static void
batch_snapshot(struct batch_run *br)
{
	if (batch_held(br))
		return;
	api_refresh_events(br->api, batch_fetched, br);
	/* Batch prints every event: the window is the whole list. */
	store_events_view(br->store, 0, SIZE_MAX);
}

static void
batch_closed(uv_handle_t *h)
{
	free(h->data);
}

int
batch_run(uv_loop_t *loop, struct api *api, struct store *store,
    const struct batch_options *opts, char **cause)
{
	struct batch_run	*br;
	int			 status;

	br = xcalloc(1, sizeof *br);
	br->loop = loop;
	br->api = api;
	br->store = store;
	br->opts = *opts;
	uv_timer_init(loop, &br->timer);
	br->timer.data = br;

	batch_snapshot(br);
	while (!br->done) {
		if (uv_run(loop, UV_RUN_ONCE) == 0 && !br->done)
			batch_finish(br, API_ERR_FAILED,
			    "the request was dropped");
	}
	status = br->status;
	*cause = br->cause;
	uv_close((uv_handle_t *)&br->timer, batch_closed);
	return (status);
}
