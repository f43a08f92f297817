/* Blocking HTTP requests for integration tests (libcurl's easy API). */
#ifndef EVTOP_SUPPORT_HTTP_H
#define EVTOP_SUPPORT_HTTP_H

#include <curl/curl.h>
#include <jansson.h>
#include <stddef.h>

struct reply {
	long			 status;	/* 0 when no answer came */
	char			*body;
	size_t			 len;
	json_t			*json;		/* NULL when not JSON */
	char			 etag[128];	/* the answer's ETag, or "" */
	char			 type[128];	/* its Content-Type, or "" */
	char			*headers;	/* its header lines, as sent */
	struct curl_slist	*sent;		/* ours, until the end */
};

/* What a request carries besides method and path; zero what is not wanted. */
struct http_opts {
	const char	*body;
	const char	*token;
	const char	*type;		/* Content-Type; NULL: JSON */
	const char	*header;	/* one more "Name: value" line */
	const char	*header2;	/* and another */
	const char	*from;		/* local address to send from */
};

/* One request to base + path; body and token may be NULL. */
void		 support_http(const char *base, const char *method,
		     const char *path, const char *body, const char *token,
		     struct reply *);
/*
 * The same with a Content-Type of its own (NULL: JSON) and one extra
 * "Name: value" header line (or NULL).
 */
void		 support_http_ex(const char *base, const char *method,
		     const char *path, const char *body, const char *token,
		     const char *type, const char *header, struct reply *);
/* The same with every option; o may be NULL.  HEAD asks for no body. */
void		 support_http_opts(const char *base, const char *method,
		     const char *path, const struct http_opts *o,
		     struct reply *);
/*
 * The request as an easy handle not yet sent, for callers that drive it
 * themselves (through a multi handle); support_http_end() takes how the
 * transfer ended, keeps the answer in the reply and frees the handle.
 */
CURL		*support_http_begin(const char *base, const char *method,
		     const char *path, const struct http_opts *o,
		     struct reply *);
void		 support_http_end(CURL *, CURLcode, struct reply *);
void		 reply_done(struct reply *);
/*
 * The value of the answer's header name (case ignored), copied into buf;
 * NULL when the answer has none.
 */
const char	*reply_header(const struct reply *, const char *name,
		     char *buf, size_t size);
/* Signs in; a new token, or NULL when refused. */
char		*support_login(const char *base, const char *email,
		     const char *password);
/* The answer's "message", or NULL. */
const char	*reply_message(const struct reply *);

#endif
