/*
 * The answer to one request as libcurl hands it over: body and headers
 * while it arrives, a sentence when nothing came.
 */
#include "http-answer.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "clock.h"
#include "url.h"
#include "xmalloc.h"

#define HTTP_BODY_MAX		(64UL * 1024 * 1024)
#define HTTP_ETAG_MAX		256
/* A "seconds" header this large is a Unix time (2001 on). */
#define HTTP_EPOCH_MIN		1000000000L

/* Rate-limit headers: both the draft standard and the older X- names. */
static const struct {
	const char	*name;
	size_t		 offset;
} http_rate_headers[] = {
	{ "Retry-After", offsetof(struct http_answer, retry_after) },
	{ "RateLimit-Limit", offsetof(struct http_answer, rate_limit) },
	{ "X-RateLimit-Limit", offsetof(struct http_answer, rate_limit) },
	{ "RateLimit-Remaining",
	    offsetof(struct http_answer, rate_remaining) },
	{ "X-RateLimit-Remaining",
	    offsetof(struct http_answer, rate_remaining) },
	{ "RateLimit-Reset", offsetof(struct http_answer, rate_reset) },
	{ "X-RateLimit-Reset", offsetof(struct http_answer, rate_reset) },
};

#define HTTP_NRATE (sizeof http_rate_headers / sizeof http_rate_headers[0])

/* Transport failures as sentences: %1$s is the URL or host, %2$s detail. */
static const struct {
	CURLcode	 code;
	int		 host;		/* name the host, not the URL */
	const char	*fmt;
} http_errors[] = {
	{ CURLE_COULDNT_RESOLVE_HOST, 1,
	    "cannot find the server %s (check the address)%.0s" },
	{ CURLE_COULDNT_CONNECT, 0, "cannot reach %s: %s" },
	{ CURLE_OPERATION_TIMEDOUT, 0,
	    "%s did not answer in time (%s); try again later" },
	{ CURLE_PEER_FAILED_VERIFICATION, 1,
	    "TLS certificate of %s not trusted (use --cacert FILE)%.0s" },
	{ CURLE_SSL_CACERT_BADFILE, 1,
	    "cannot read the CA file to check %s (check --cacert): %s" },
	{ CURLE_SSL_CONNECT_ERROR, 1, "TLS handshake with %s failed: %s" },
	{ CURLE_GOT_NOTHING, 0, "%s closed the connection without an "
	    "answer%.0s" },
	{ CURLE_RECV_ERROR, 0, "the connection to %s was lost: %s" },
	{ CURLE_SEND_ERROR, 0, "the connection to %s was lost: %s" },
	{ CURLE_UNSUPPORTED_PROTOCOL, 0,
	    "%s is not an http:// or https:// address%.0s" },
	{ CURLE_URL_MALFORMAT, 0, "%s is not a valid address%.0s" },
};

/* Forgets the headers of an earlier response (100 Continue, redirect). */
static void
http_answer_reset(struct http_answer *a)
{
	size_t	i;

	free(a->etag);
	a->etag = NULL;
	for (i = 0; i < HTTP_NRATE; i++)
		*(long *)((char *)a + http_rate_headers[i].offset) = -1;
}

void
http_answer_init(struct http_answer *a)
{
	memset(a, 0, sizeof *a);
	http_answer_reset(a);
}

void
http_answer_done(struct http_answer *a)
{
	buf_done(&a->body);
	free(a->etag);
	a->etag = NULL;
}

void
http_answer_fill(const struct http_answer *a, long status,
    struct rest_response *resp)
{
	resp->status = status;
	resp->body = buf_str(&a->body);
	resp->len = a->body.len;
	resp->etag = a->etag;
	resp->retry_after = a->retry_after;
	resp->rate_limit = a->rate_limit;
	resp->rate_remaining = a->rate_remaining;
	resp->rate_reset = a->rate_reset;
}

size_t
http_answer_body(char *data, size_t size, size_t n, void *userp)
{
	struct http_answer	*a = userp;
	size_t			 len = size * n;

	if (len > HTTP_BODY_MAX - a->body.len) {
		a->too_big = 1;
		return (0);
	}
	buf_add(&a->body, data, len);
	return (len);
}

/*
 * A header value as a number, or -1.  Times come as seconds from now, but
 * Retry-After may be an HTTP date and some servers send X-RateLimit-Reset
 * as a Unix time: both become seconds from now.
 */
static long
http_header_number(const char *v, size_t len)
{
	char	buf[64], *end;
	long	n;
	time_t	t, now = clock_now();

	if (len == 0 || len >= sizeof buf)
		return (-1);
	memcpy(buf, v, len);
	buf[len] = '\0';
	errno = 0;
	n = strtol(buf, &end, 10);
	if (end == buf || *end != '\0') {
		if ((t = curl_getdate(buf, NULL)) <= 0)
			return (-1);
		return (t > now ? (long)(t - now) : 0);
	}
	if (errno != 0 || n < 0)
		return (-1);
	if (n >= HTTP_EPOCH_MIN)
		return (n > now ? (long)(n - now) : 0);
	return (n);
}

size_t
http_answer_header(char *data, size_t size, size_t n, void *userp)
{
	struct http_answer	*a = userp;
	size_t			 len = size * n, nlen, i;
	const char		*colon, *v;

	if (len >= 5 && strncmp(data, "HTTP/", 5) == 0) {
		/* A new response (after 100 Continue or a redirect). */
		http_answer_reset(a);
		return (len);
	}
	if ((colon = memchr(data, ':', len)) == NULL)
		return (len);
	nlen = (size_t)(colon - data);
	v = colon + 1;
	while (v < data + len && (*v == ' ' || *v == '\t'))
		v++;
	while (len > 0 && (data[len - 1] == '\r' || data[len - 1] == '\n' ||
	    data[len - 1] == ' '))
		len--;
	if (v > data + len)
		v = data + len;
	if (nlen == 4 && strncasecmp(data, "ETag", 4) == 0 &&
	    (size_t)(data + len - v) < HTTP_ETAG_MAX) {
		free(a->etag);
		a->etag = xstrndup(v, (size_t)(data + len - v));
		return (size * n);
	}
	for (i = 0; i < HTTP_NRATE; i++) {
		if (strlen(http_rate_headers[i].name) == nlen &&
		    strncasecmp(data, http_rate_headers[i].name, nlen) == 0) {
			*(long *)((char *)a + http_rate_headers[i].offset) =
			    http_header_number(v, (size_t)(data + len - v));
		}
	}
	return (size * n);
}

/* The host part of a URL, for sentences about TLS and DNS. */
static char *
http_host(const char *s)
{
	struct url	 url;
	char		*host, *cause = NULL;

	if (url_parse(s, &url, &cause) != 0) {
		free(cause);
		return (xstrdup(s));
	}
	host = url.host;
	url.host = NULL;
	url_done(&url);
	return (host);
}

char *
http_answer_error(const struct http_answer *a, CURL *easy, CURLcode code,
    const char *url, const char *errbuf)
{
	const char	*detail;
	char		*target, *out;
	long		 oserr = 0;
	size_t		 i;

	if (a->too_big) {
		xasprintf(&out, "the answer from %s is larger than %lu MiB",
		    url, HTTP_BODY_MAX / (1024 * 1024));
		return (out);
	}
	curl_easy_getinfo(easy, CURLINFO_OS_ERRNO, &oserr);
	if (code == CURLE_COULDNT_CONNECT && oserr != 0)
		detail = strerror((int)oserr);
	else if (errbuf != NULL && errbuf[0] != '\0')
		detail = errbuf;
	else
		detail = curl_easy_strerror(code);
	/* https:// to a plain HTTP port: OpenSSL's words help nobody. */
	if (code == CURLE_SSL_CONNECT_ERROR &&
	    strstr(detail, "wrong version number") != NULL) {
		target = http_host(url);
		xasprintf(&out, "%s does not speak TLS on that port (try "
		    "http:// instead of https://)", target);
		free(target);
		return (out);
	}
	for (i = 0; i < sizeof http_errors / sizeof http_errors[0]; i++) {
		if (http_errors[i].code != code)
			continue;
		target = http_errors[i].host ? http_host(url) :
		    xstrdup(url);
		xasprintf(&out, http_errors[i].fmt, target, detail);
		free(target);
		return (out);
	}
	xasprintf(&out, "request to %s failed: %s", url, detail);
	return (out);
}

