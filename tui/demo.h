/*
 * evtop --demo: the bundled evtop-mock as a child on an ephemeral loopback
 * port, with an account for every role and simulated activity; evtop
 * signs in as its admin.  While the dashboard runs the child is watched,
 * and if it dies a banner says so and where its log is.
 */
#ifndef EVTOP_DEMO_H
#define EVTOP_DEMO_H

#include <uv.h>

/* The account `evtop-mock --seed demo` makes for its admin. */
#define DEMO_EMAIL	"admin@example.com"
#define DEMO_PASSWORD	"evtop-demo"

struct app;
struct demo;

/*
 * Starts evtop-mock, its log in demo-mock.log in the state directory, and
 * waits for it to listen.  NULL with a sentence in *cause.
 */
struct demo	*demo_start(char **cause);
/* http://127.0.0.1:PORT */
const char	*demo_url(const struct demo *);
/* Watches the child (SIGCHLD through the loop) while app runs. */
void		 demo_watch(struct demo *, uv_loop_t *, struct app *);
/* Stops watching; the caller's loop finishes closing the handle. */
void		 demo_unwatch(struct demo *);
/*
 * Stops the child (its process group, then reaps it) and frees the demo;
 * after demo_unwatch, only once the loop has run.  NULL does nothing, and
 * so do the others.
 */
void		 demo_free(struct demo *);

#endif
