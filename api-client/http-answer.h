/*
 * What a server sends back to one HTTP request, gathered from libcurl's
 * header and body callbacks: the body (capped), the ETag and the
 * rate-limit headers; and the sentence for a request that got no answer.
 * Internal to http.c.
 */
#ifndef EVTOP_HTTP_ANSWER_H
#define EVTOP_HTTP_ANSWER_H

#include <curl/curl.h>
#include <stddef.h>

#include "buf.h"
#include "rest.h"

struct http_answer {
	struct buf	 body;
	int		 too_big;	/* over the cap: the transfer was stopped */

	char		*etag;
	long		 retry_after;
	long		 rate_limit;
	long		 rate_remaining;
	long		 rate_reset;
};

void	 http_answer_init(struct http_answer *);
void	 http_answer_done(struct http_answer *);
/* CURLOPT_WRITEFUNCTION and CURLOPT_HEADERFUNCTION; userp is the answer. */
size_t	 http_answer_body(char *data, size_t size, size_t n, void *userp);
size_t	 http_answer_header(char *data, size_t size, size_t n, void *userp);
/* Points resp at the answer; valid while the answer lives. */
void	 http_answer_fill(const struct http_answer *, long status,
	    struct rest_response *resp);
/* The sentence for a request that got no answer; the caller frees it. */
char	*http_answer_error(const struct http_answer *, CURL *easy,
	    CURLcode code, const char *url, const char *errbuf);

#endif
