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
	unsigned	 stall_s;	/* tests: 0 is REST_STALL_TIMEOUT */
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

/*
 * How a request that got no answer failed, for deciding whether to send
 * it again: a reset or a stalled transfer may well work a moment later;
 * a refused connection, an unknown host or a TLS failure will not.
 */
enum rest_failure {
	REST_FAILED_NONE,	/* it was answered */
	REST_FAILED_OTHER,	/* DNS, TLS, a refused connection... */
	REST_FAILED_RESET,	/* the connection dropped, nothing came back */
	REST_FAILED_TIMEOUT	/* connected, then no byte for the stall time */
};

/* How long a request may take, in seconds (rest.c). */
#define REST_CONNECT_TIMEOUT	10	/* to connect, TLS included */
#define REST_STALL_TIMEOUT	30	/* with no byte moving either way */
/* An Idempotency-Key: 32 hex digits and a NUL. */
#define REST_KEY_SIZE		33

/* What a request carries besides its method, URL, token and body. */
struct rest_extra {
	/* A write's Idempotency-Key, or NULL: rest_start makes a fresh one. */
	const char	*idempotency_key;
	int		 attempt;	/* 0 the first; a retry's number (traced) */
	const char	*etag;		/* a GET's If-None-Match (a 304 back) */
	const char	*if_match;	/* a write's If-Match (a 412 back) */
	const char	*content_type;	/* the body's; NULL: JSON */
};

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
/* rest_start with extra (NULL: as rest_start). */
struct rest_request *rest_start_extra(struct rest *, const char *method,
		    const char *url, const char *token, const char *body,
		    const struct rest_extra *, rest_done_cb, void *arg);
/*
 * Why the request got no answer; valid during its callback (error set),
 * REST_FAILED_NONE otherwise.
 */
enum rest_failure rest_failure(const struct rest_request *);
/* Fills key with a fresh Idempotency-Key; -1 when no randomness is had. */
int		 rest_idempotency_key_new(char key[REST_KEY_SIZE]);
/* Drops a request that has not completed; its callback is not called. */
void		 rest_cancel(struct rest_request *);

#endif
