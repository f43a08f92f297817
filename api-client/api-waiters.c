/*
 * Callers waiting on one thing the client does once for all of them (a
 * refresh of the event list, the notifications asked for before
 * discovery's verdict): each hears the answer exactly once, in the order
 * it asked.
 */
#include <stdlib.h>
#include <sys/queue.h>

#include "api-private.h"
#include "xmalloc.h"

struct api_waiter {
	api_done_cb			 cb;
	void				*arg;
	TAILQ_ENTRY(api_waiter)		 entry;
};
TAILQ_HEAD(api_waiter_list, api_waiter);

struct api_waiters {
	struct api_waiter_list		 list;
};

struct api_waiters *
api_waiters_new(void)
{
	struct api_waiters	*w;

	w = xcalloc(1, sizeof *w);
	TAILQ_INIT(&w->list);
	return (w);
}

void
api_waiters_add(struct api_waiters *w, api_done_cb cb, void *arg)
{
	struct api_waiter	*one;

	one = xcalloc(1, sizeof *one);
	one->cb = cb;
	one->arg = arg;
	TAILQ_INSERT_TAIL(&w->list, one, entry);
}

int
api_waiters_empty(const struct api_waiters *w)
{
	return (w == NULL || TAILQ_EMPTY(&w->list));
}

void
api_waiters_fire(struct api_waiters *w, int status, const char *cause)
{
	struct api_waiter_list	 now = TAILQ_HEAD_INITIALIZER(now);
	struct api_waiter	*one;

	if (w == NULL)
		return;
	/* Those who ask from a callback wait for the next answer. */
	TAILQ_CONCAT(&now, &w->list, entry);
	while ((one = TAILQ_FIRST(&now)) != NULL) {
		TAILQ_REMOVE(&now, one, entry);
		one->cb(one->arg, status, cause);
		free(one);
	}
}

void
api_waiters_free(struct api_waiters *w)
{
	struct api_waiter	*one;

	if (w == NULL)
		return;
	while ((one = TAILQ_FIRST(&w->list)) != NULL) {
		TAILQ_REMOVE(&w->list, one, entry);
		free(one);
	}
	free(w);
}

/* The refresh's one callback: every caller of api_refresh_events. */
static void
api_events_fire(void *arg, int status, const char *cause)
{
	struct api	*api = arg;

	if (!api->dead)
		api_waiters_fire(api->events_waiters, status, cause);
}

api_done_cb
api_events_join(struct api *api, api_done_cb cb, void *arg)
{
	if (cb == NULL)
		return (NULL);
	if (api->events_waiters == NULL)
		api->events_waiters = api_waiters_new();
	api_waiters_add(api->events_waiters, cb, arg);
	return (api_events_fire);
}
