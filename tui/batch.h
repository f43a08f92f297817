/*
 * Batch output (evtop -b): the event list as plain text for pipes and
 * scripts, with no escape codes.
 */
#ifndef EVTOP_BATCH_H
#define EVTOP_BATCH_H

#include <stdio.h>
#include <time.h>
#include <uv.h>

#include "store.h"

struct api;

/*
 * Prints a header line, one row per event and a totals line.  Returns 0,
 * or -1 when writing failed (errno set).
 */
int	batch_print_events(FILE *, const struct store *, time_t now);
/* "evtop: SERVER at YYYY-MM-DD HH:MM:SS UTC", as top's first line. */
int	batch_print_header(FILE *, const char *server, const char *user,
	    time_t now);
/*
 * The latest notifications (at most max, oldest first), or a line saying
 * why there are none (not signed in: signed_in 0).
 */
int	batch_print_notifications(FILE *, const struct store *, size_t max,
	    int signed_in);
/*
 * One snapshot as one line of JSON: time, server, user (or null), events,
 * totals and the latest notifications (null when not signed in).  Counts
 * a server did not send are null.
 */
int	batch_print_json(FILE *, const struct store *, const char *server,
	    const char *user, time_t now, size_t max, int signed_in);

/* What batch_run prints, and how often. */
struct batch_options {
	long		 iterations;	/* snapshots; 0: until stopped */
	double		 delay;		/* seconds from one to the next */
	int		 json;		/* JSON Lines instead of text */
	const char	*label;		/* the text header's server, or NULL */
};

/*
 * Snapshots on the loop, like top -b (batch-run.c): one at once, then one
 * on a uv_timer delay seconds after the last was printed.  Each fetches
 * the events (and, signed in, the latest notifications) through api into
 * store and prints them to stdout.  Returns an enum api_status, with a
 * sentence in *cause unless API_OK; when the reader has gone away (| head)
 * evtop ends quietly by SIGPIPE, as cat does.
 */
int	batch_run(uv_loop_t *, struct api *, struct store *,
	    const struct batch_options *, char **cause);
/*
 * When the server asked to wait (a 429's Retry-After), says so on stderr
 * and runs the loop until the wait is over: 1 when it waited, 0 when
 * there was nothing to wait for.  For the requests before batch_run.
 */
int	batch_wait_hold(uv_loop_t *, struct api *);

#endif
