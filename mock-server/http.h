/*
 * One HTTP exchange, independent of libwebsockets: what the request said
 * (method, path, query, headers, body, route parameters, the caller's
 * token claims) and the reply a handler chose.  server.c fills requests
 * from the socket and writes replies; tests build them by hand.
 */
#ifndef EVTOP_MOCK_HTTP_H
#define EVTOP_MOCK_HTTP_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

struct auth_claims;
struct query;

enum http_method {
	HTTP_GET,
	HTTP_POST,
	HTTP_PUT,
	HTTP_PATCH,
	HTTP_DELETE,
	HTTP_OPTIONS,
	HTTP_HEAD,
	HTTP_OTHER
};

#define HTTP_BODY_MAX		(1024 * 1024)
#define HTTP_PARAMS_MAX		4
#define HTTP_HEADERS_MAX	16

struct http_req;

const char	*http_method_name(enum http_method);

struct http_req	*http_req_new(enum http_method, const char *path);
void		 http_req_free(struct http_req *);

/* Building a request. */
void		 http_req_set_header(struct http_req *, const char *name,
		     const char *value);
/* Appends to the body; -1 when it would pass HTTP_BODY_MAX. */
int		 http_req_append_body(struct http_req *, const void *,
		     size_t);
void		 http_req_set_param(struct http_req *, const char *name,
		     const char *value);
void		 http_req_clear_params(struct http_req *);
void		 http_req_set_claims(struct http_req *,
		     const struct auth_claims *);
/* The client's address ("127.0.0.1"), for rate limits and logs. */
void		 http_req_set_peer(struct http_req *, const char *addr);

/* Reading a request. */
enum http_method http_req_method(const struct http_req *);
const char	*http_req_path(const struct http_req *);
struct query	*http_req_query(struct http_req *);
/* A header by case-insensitive name, or NULL. */
const char	*http_req_header(const struct http_req *, const char *name);
/* Removes a header and hands its value over (NULL when absent). */
char		*http_req_take_header(struct http_req *, const char *name);
const char	*http_req_body(const struct http_req *, size_t *len);
const char	*http_req_param(const struct http_req *, const char *name);
/* A positive integer parameter: 0 and *out, or -1. */
int		 http_req_param_id(const struct http_req *, const char *name,
		     int64_t *out);
/* The caller's claims when the route checked a token, else NULL. */
const struct auth_claims *http_req_claims(const struct http_req *);
/* The client's address, or NULL when it came from no socket. */
const char	*http_req_peer(const struct http_req *);
/*
 * The body as a JSON object.  On failure replies 400 with a message and
 * returns NULL.  The object belongs to the request.
 */
json_t		*http_req_json(struct http_req *);

/* Replying: the last reply wins. */
void		 http_reply_json(struct http_req *, int status, json_t *body);
void		 http_reply_error(struct http_req *, int status,
		     const char *fmt, ...)
		     __attribute__((format(printf, 3, 4)));
void		 http_reply_add_header(struct http_req *, const char *name,
		     const char *value);
/* A reply that is not JSON (CSV, Prometheus text); body is copied. */
void		 http_reply_raw(struct http_req *, int status,
		     const char *content_type, const char *body, size_t len);
/*
 * A body made while it is sent, for answers too big to build whole (the
 * guest export).  The server asks for the next piece each time the socket
 * can take more, and frees the stream when the exchange ends, finished or
 * not (a client may hang up half-way).
 */
struct http_stream_ops {
	/*
	 * Puts at most size bytes of the body in buf and their count in
	 * *len, which may be 0 (nothing ready yet: ask again).  Returns 1
	 * while more is to come, 0 when these bytes end the body, -1 when
	 * it cannot be finished: the server then hangs up before the end of
	 * the body, so that the client can tell it was cut short.
	 */
	int	(*read)(void *arg, char *buf, size_t size, size_t *len);
	void	(*free)(void *arg);
};
/*
 * A streamed reply; arg belongs to the request from now on.  Its body is
 * not known before it is sent, so it has no ETag and is never cached or
 * turned into a 304.
 */
void		 http_reply_stream(struct http_req *, int status,
		     const char *content_type, const struct http_stream_ops *,
		     void *arg);

/*
 * Successful GET answers are cached (pipeline.h) while the database is
 * unchanged and the clock is in the same second.  A handler whose answer
 * depends on anything else (uptime, counters kept in memory, a timer's
 * state) calls this.
 */
void		 http_reply_no_cache(struct http_req *);

/*
 * Versioned resources (events, guests).  A handler that answers with one
 * resource names its version: the ETag then reads "v<version>-<hash>", so
 * a client can send it back in If-Match.  0 means not versioned.
 */
void		 http_reply_set_version(struct http_req *, int64_t version);
int64_t		 http_res_version(const struct http_req *);
/*
 * 1 when a write is stale: its If-Match header (an ETag from this server,
 * "v7" or "7"; "*" always matches) or the "version" member of its JSON
 * body names another version than current.  0 when it names none or the
 * same.  The handler then answers 412 with the current resource.
 */
int		 http_req_stale(struct http_req *, int64_t current);

/* The reply, for the server glue and tests. */
/* 1 once any http_reply_* was called. */
int		 http_res_answered(const struct http_req *);
int		 http_res_no_cache(const struct http_req *);
/* 1 when the reply is a stream (http_reply_stream). */
int		 http_res_streamed(const struct http_req *);
/* The next piece of a streamed body, as http_stream_ops.read says. */
int		 http_res_stream_read(struct http_req *, char *buf,
		     size_t size, size_t *len);
int		 http_res_status(const struct http_req *);
const char	*http_res_body(const struct http_req *, size_t *len);
const char	*http_res_content_type(const struct http_req *);
size_t		 http_res_header_count(const struct http_req *);
void		 http_res_header(const struct http_req *, size_t i,
		     const char **name, const char **value);
/* A reply header by case-insensitive name, or NULL. */
const char	*http_res_header_get(const struct http_req *, const char *name);

/*
 * 1 when an If-None-Match value ("*" or a list of entity tags, weak or
 * not) matches etag.
 */
int		 http_etag_matches(const char *if_none_match,
		     const char *etag);
/*
 * Turns a 200 whose ETag matches inm (an If-None-Match value, may be
 * NULL) into a 304 without a body; the headers stay.
 */
void		 http_reply_check_not_modified(struct http_req *,
		     const char *inm);

/* The standard reason phrase for status, or "Unknown". */
const char	*http_status_text(int status);

#endif
