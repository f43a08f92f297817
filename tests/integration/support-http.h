/* Blocking HTTP requests for integration tests (libcurl's easy API). */
#ifndef EVTOP_SUPPORT_HTTP_H
#define EVTOP_SUPPORT_HTTP_H

#include <jansson.h>
#include <stddef.h>

struct reply {
	long	 status;	/* 0 when no answer came */
	char	*body;
	size_t	 len;
	json_t	*json;		/* NULL when the body is not JSON */
	char	 etag[128];	/* the answer's ETag, or "" */
	char	 type[128];	/* its Content-Type, or "" */
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
void		 reply_done(struct reply *);
/* Signs in; a new token, or NULL when refused. */
char		*support_login(const char *base, const char *email,
		     const char *password);
/* The answer's "message", or NULL. */
const char	*reply_message(const struct reply *);

#endif
