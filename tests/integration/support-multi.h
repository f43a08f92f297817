/*
 * Requests described in one struct, and many of them at once through
 * libcurl's multi interface, each on a connection of its own, as that many
 * separate clients would send them.
 */
#ifndef EVTOP_SUPPORT_MULTI_H
#define EVTOP_SUPPORT_MULTI_H

#include <stddef.h>

#include "support-http.h"

struct request {
	const char	*method;
	char		 path[1024];
	const char	*body;		/* NULL: none */
	const char	*token;		/* NULL: none */
	const char	*header;	/* one more "Name: value", or NULL */
	struct reply	 reply;
	char		 etag[128];	/* the answer's ETag, "" when none */
};

/*
 * Sends n requests to base, at most parallel at a time (0: all of them
 * at once), and waits for every answer (or its time-out).
 */
void	support_http_many(const char *base, struct request *, size_t n,
	    size_t parallel);
/* Sends one request and waits for the answer. */
void	support_http_request(const char *base, struct request *);
/* Frees the replies of n requests. */
void	support_requests_done(struct request *, size_t n);

/*
 * Raises this process's open-file limit (children inherit it) to the hard
 * limit: thousands of connections need thousands of descriptors on both
 * ends.  Returns the soft limit now in force.
 */
long	support_raise_nofile(void);

#endif
