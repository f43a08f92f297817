/*
 * HTTP requests on the caller's libuv loop, through libcurl's multi socket
 * interface.  Internal to the api client: the api module turns answers into
 * model structs and sentences.
 */
#ifndef EVTOP_REST_H
#define EVTOP_REST_H

#include <stddef.h>
#include <uv.h>

struct rest;
struct rest_request;

struct rest_options {
	const char	*cacert;	/* CA bundle file, or NULL */
	int		 insecure;	/* skip TLS verification (asked by name) */
	const char	*user_agent;	/* or NULL */
};

/* What came back.  Strings are valid only during the callback. */
struct rest_response {
	long		 status;	/* HTTP status */
	const char	*body;		/* NUL-terminated, maybe empty */
	size_t		 len;
	const char	*etag;		/* or NULL */
	long		 retry_after;	/* seconds, -1 when absent */
	long		 rate_limit;	/* RateLimit-Limit or X-, -1 */
	long		 rate_remaining;	/* -1 when absent */
	long		 rate_reset;	/* seconds, -1 when absent */
	double		 ms;		/* how long the exchange took */
};

/*
 * Called once per request unless it was cancelled.  On a transport error
 * (no answer at all) resp is NULL and error is a sentence; otherwise error
 * is NULL and resp->status says how the server answered.
 */
typedef void	(*rest_done_cb)(void *arg, const struct rest_response *resp,
		    const char *error);

struct rest	*rest_new(uv_loop_t *, const struct rest_options *);
/* Cancels every request (no callback) and starts closing handles. */
void		 rest_free(struct rest *);

/*
 * Starts a request.  token (sent as a Bearer) and body (JSON) may be NULL.
 * The token and the body are never logged.
 */
struct rest_request *rest_start(struct rest *, const char *method,
		    const char *url, const char *token, const char *body,
		    rest_done_cb, void *arg);
/* rest_start with If-None-Match: etag when etag is not NULL (a 304 back). */
struct rest_request *rest_start_if(struct rest *, const char *method,
		    const char *url, const char *token, const char *body,
		    const char *etag, rest_done_cb, void *arg);
/* Drops a request that has not completed; its callback is not called. */
void		 rest_cancel(struct rest_request *);

#endif
