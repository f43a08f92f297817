/*
 * The api client's insides, shared by api.c (REST, lifetimes) and
 * api-live.c (WebSocket and polling).  Not part of the interface.
 */
#ifndef EVTOP_API_PRIVATE_H
#define EVTOP_API_PRIVATE_H

#include <sys/queue.h>

#include "api.h"
#include "http.h"
#include "ws.h"

/* A REST request in flight, so api_free can cancel it. */
struct api_call {
	struct api		*api;
	struct http_request	*req;
	void			(*done)(struct api_call *,
				    const struct http_response *,
				    const char *error);
	api_done_cb		 cb;
	void			*arg;
	LIST_ENTRY(api_call)	 entry;
};
LIST_HEAD(api_calls, api_call);

struct api {
	uv_loop_t		*loop;
	struct store		*store;
	struct api_hooks	 hooks;
	void			*hooks_arg;

	char			*server;	/* no trailing slash */
	char			*cacert;
	char			*user_agent;
	int			 insecure;

	struct http		*http;
	struct api_calls	 calls;
	int			 refreshing;	/* a GET /api/events is out */

	struct session		 session;	/* token NULL: signed out */

	struct ws		*ws;
	enum api_link		 link;
	int			 live;		/* api_start_live was called */
	int64_t			 last_seq;	/* -1 before the first */
	uint64_t		 backoff_ms;
	uv_timer_t		 retry_timer;
	uv_timer_t		 poll_timer;

	int			 dead;		/* api_free was called */
	int			 handles;	/* timers still closing */
};

/* The sentence every caller shows when the token is no longer good. */
#define API_SIGNED_OUT	"signed out: sign in again"

void	api_set_link(struct api *, enum api_link, const char *why);
void	api_report_error(struct api *, const char *sentence);
void	api_signed_out(struct api *);
/* Refreshes the events for the live link (resync, polling). */
void	api_refresh_background(struct api *);

void	api_live_init(struct api *);
void	api_live_done(struct api *);

#endif
