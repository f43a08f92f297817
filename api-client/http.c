/*
 * libcurl's multi socket interface on a libuv loop: curl says which
 * sockets to watch (one uv_poll each) and when to wake it (one uv_timer);
 * the loop tells curl what became ready.  Nothing blocks and an idle client
 * has no wakeups at all.
 */
#include "http.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/queue.h>
#include <time.h>

#include "log.h"
#include "xmalloc.h"

#define HTTP_BODY_MAX		(64UL * 1024 * 1024)
#define HTTP_CONNECT_TIMEOUT	10L
#define HTTP_TOTAL_TIMEOUT	30L
#define HTTP_ETAG_MAX		256
/* A "seconds" header this large is a Unix time (2001 on). */
#define HTTP_EPOCH_MIN		1000000000L

struct http_request {
	struct http		*http;
	CURL			*easy;
	struct curl_slist	*headers;
	char			*method;
	char			*url;
	char			 error[CURL_ERROR_SIZE];

	char			*body;
	size_t			 len;
	size_t			 cap;
	int			 too_big;

	char			*etag;
	long			 retry_after;
	long			 rate_limit;
	long			 rate_remaining;
	long			 rate_reset;

	uint64_t		 started;	/* uv_now, ms */
	http_done_cb		 cb;
	void			*arg;
	TAILQ_ENTRY(http_request) entry;
};
TAILQ_HEAD(http_requests, http_request);

/* One watched socket; freed by its own close callback. */
struct http_socket {
	uv_poll_t		 poll;
	struct http		*http;
	curl_socket_t		 fd;
};

struct http {
	uv_loop_t		*loop;
	CURLM			*multi;
	uv_timer_t		 timer;
	char			*cacert;
	char			*user_agent;
	int			 insecure;
	struct http_requests	 requests;
	int			 depth;		/* inside a callback */
	int			 dead;		/* freed while inside one */
};

/* Rate-limit headers: both the draft standard and the older X- names. */
static const struct {
	const char	*name;
	size_t		 offset;
} http_rate_headers[] = {
	{ "Retry-After", offsetof(struct http_request, retry_after) },
	{ "RateLimit-Limit", offsetof(struct http_request, rate_limit) },
	{ "X-RateLimit-Limit", offsetof(struct http_request, rate_limit) },
	{ "RateLimit-Remaining",
	    offsetof(struct http_request, rate_remaining) },
	{ "X-RateLimit-Remaining",
	    offsetof(struct http_request, rate_remaining) },
	{ "RateLimit-Reset", offsetof(struct http_request, rate_reset) },
	{ "X-RateLimit-Reset", offsetof(struct http_request, rate_reset) },
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

static void	http_check_done(struct http *);
static void	http_teardown(struct http *);

static void
http_socket_closed(uv_handle_t *h)
{
	free(h->data);
}

static void
http_socket_ready(uv_poll_t *poll, int status, int events)
{
	struct http_socket	*hs = poll->data;
	struct http		*http = hs->http;
	int			 flags = 0, running;

	if (status < 0)
		flags = CURL_CSELECT_ERR;
	else {
		if (events & UV_READABLE)
			flags |= CURL_CSELECT_IN;
		if (events & UV_WRITABLE)
			flags |= CURL_CSELECT_OUT;
	}
	curl_multi_socket_action(http->multi, hs->fd, flags, &running);
	http_check_done(http);
}

static int
http_socket_cb(CURL *easy, curl_socket_t fd, int what, void *userp,
    void *socketp)
{
	struct http		*http = userp;
	struct http_socket	*hs = socketp;
	int			 events = 0;

	if (what == CURL_POLL_REMOVE) {
		if (hs != NULL) {
			uv_poll_stop(&hs->poll);
			uv_close((uv_handle_t *)&hs->poll, http_socket_closed);
			curl_multi_assign(http->multi, fd, NULL);
		}
		return (0);
	}
	if (hs == NULL) {
		hs = xcalloc(1, sizeof *hs);
		hs->http = http;
		hs->fd = fd;
		if (uv_poll_init_socket(http->loop, &hs->poll, fd) != 0) {
			free(hs);
			return (-1);
		}
		hs->poll.data = hs;
		curl_multi_assign(http->multi, fd, hs);
	}
	if (what == CURL_POLL_IN || what == CURL_POLL_INOUT)
		events |= UV_READABLE;
	if (what == CURL_POLL_OUT || what == CURL_POLL_INOUT)
		events |= UV_WRITABLE;
	uv_poll_start(&hs->poll, events, http_socket_ready);
	return (0);
}

static void
http_timer_fired(uv_timer_t *timer)
{
	struct http	*http = timer->data;
	int		 running;

	curl_multi_socket_action(http->multi, CURL_SOCKET_TIMEOUT, 0,
	    &running);
	http_check_done(http);
}

static int
http_timer_cb(CURLM *multi, long ms, void *userp)
{
	struct http	*http = userp;

	if (ms < 0)
		uv_timer_stop(&http->timer);
	else
		uv_timer_start(&http->timer, http_timer_fired, (uint64_t)ms, 0);
	return (0);
}

static size_t
http_write_cb(char *data, size_t size, size_t n, void *userp)
{
	struct http_request	*req = userp;
	size_t			 len = size * n;

	if (len > HTTP_BODY_MAX - req->len) {
		req->too_big = 1;
		return (0);
	}
	if (req->len + len + 1 > req->cap) {
		req->cap = req->cap == 0 ? 16384 : req->cap;
		while (req->cap < req->len + len + 1)
			req->cap *= 2;
		req->body = xrealloc(req->body, req->cap);
	}
	memcpy(req->body + req->len, data, len);
	req->len += len;
	req->body[req->len] = '\0';
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
	time_t	t, now = time(NULL);

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

static size_t
http_header_cb(char *data, size_t size, size_t n, void *userp)
{
	struct http_request	*req = userp;
	size_t			 len = size * n, nlen, i;
	const char		*colon, *v;

	if (len >= 5 && strncmp(data, "HTTP/", 5) == 0) {
		/* A new response (after 100 Continue or a redirect). */
		free(req->etag);
		req->etag = NULL;
		for (i = 0; i < HTTP_NRATE; i++)
			*(long *)((char *)req + http_rate_headers[i].offset) =
			    -1;
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
		free(req->etag);
		req->etag = xstrndup(v, (size_t)(data + len - v));
		return (size * n);
	}
	for (i = 0; i < HTTP_NRATE; i++) {
		if (strlen(http_rate_headers[i].name) == nlen &&
		    strncasecmp(data, http_rate_headers[i].name, nlen) == 0) {
			*(long *)((char *)req + http_rate_headers[i].offset) =
			    http_header_number(v, (size_t)(data + len - v));
		}
	}
	return (size * n);
}

/* The host part of a URL, for sentences about TLS and DNS. */
static char *
http_host(const char *url)
{
	CURLU	*u;
	char	*host = NULL, *out;

	if ((u = curl_url()) == NULL)
		return (xstrdup(url));
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK) {
		curl_url_cleanup(u);
		return (xstrdup(url));
	}
	out = xstrdup(host);
	curl_free(host);
	curl_url_cleanup(u);
	return (out);
}

/* A sentence for a request that got no answer. */
static char *
http_error_sentence(struct http_request *req, CURLcode code)
{
	const char	*detail;
	char		*target, *out;
	long		 oserr = 0;
	size_t		 i;

	if (req->too_big) {
		xasprintf(&out, "the answer from %s is larger than %lu MiB",
		    req->url, HTTP_BODY_MAX / (1024 * 1024));
		return (out);
	}
	curl_easy_getinfo(req->easy, CURLINFO_OS_ERRNO, &oserr);
	if (code == CURLE_COULDNT_CONNECT && oserr != 0)
		detail = strerror((int)oserr);
	else if (req->error[0] != '\0')
		detail = req->error;
	else
		detail = curl_easy_strerror(code);
	for (i = 0; i < sizeof http_errors / sizeof http_errors[0]; i++) {
		if (http_errors[i].code != code)
			continue;
		target = http_errors[i].host ? http_host(req->url) :
		    xstrdup(req->url);
		xasprintf(&out, http_errors[i].fmt, target, detail);
		free(target);
		return (out);
	}
	xasprintf(&out, "request to %s failed: %s", req->url, detail);
	return (out);
}

static void
http_request_free(struct http_request *req)
{
	if (req->easy != NULL) {
		curl_multi_remove_handle(req->http->multi, req->easy);
		curl_easy_cleanup(req->easy);
	}
	curl_slist_free_all(req->headers);
	free(req->method);
	free(req->url);
	free(req->body);
	free(req->etag);
	free(req);
}

/* Finishes one request: trace it, call back, free it. */
static void
http_finish(struct http_request *req, CURLcode code)
{
	struct http		*http = req->http;
	struct http_response	 resp;
	char			*error = NULL;
	long			 status = 0;

	TAILQ_REMOVE(&http->requests, req, entry);
	memset(&resp, 0, sizeof resp);
	resp.ms = (double)(uv_now(http->loop) - req->started);
	curl_easy_getinfo(req->easy, CURLINFO_RESPONSE_CODE, &status);
	if (code != CURLE_OK || status == 0) {
		error = http_error_sentence(req, code);
		log_debug("http: %s %s failed after %.0f ms: %s", req->method,
		    req->url, resp.ms, error);
	} else {
		resp.status = status;
		resp.body = req->body != NULL ? req->body : "";
		resp.len = req->len;
		resp.etag = req->etag;
		resp.retry_after = req->retry_after;
		resp.rate_limit = req->rate_limit;
		resp.rate_remaining = req->rate_remaining;
		resp.rate_reset = req->rate_reset;
		log_debug("http: %s %s -> %ld, %zu bytes, %.0f ms",
		    req->method, req->url, status, req->len, resp.ms);
	}
	if (req->cb != NULL)
		req->cb(req->arg, error != NULL ? NULL : &resp, error);
	free(error);
	http_request_free(req);
}

static void
http_check_done(struct http *http)
{
	struct http_request	*req;
	CURLMsg			*msg;
	int			 left;
	void			*p;

	http->depth++;
	while (!http->dead &&
	    (msg = curl_multi_info_read(http->multi, &left)) != NULL) {
		if (msg->msg != CURLMSG_DONE)
			continue;
		p = NULL;
		curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &p);
		if ((req = p) != NULL)
			http_finish(req, msg->data.result);
	}
	http->depth--;
	if (http->dead && http->depth == 0)
		http_teardown(http);
}

struct http *
http_new(uv_loop_t *loop, const struct http_options *opts)
{
	struct http	*http;

	curl_global_init(CURL_GLOBAL_DEFAULT);
	http = xcalloc(1, sizeof *http);
	http->loop = loop;
	if (opts != NULL && opts->cacert != NULL)
		http->cacert = xstrdup(opts->cacert);
	if (opts != NULL && opts->user_agent != NULL)
		http->user_agent = xstrdup(opts->user_agent);
	http->insecure = opts != NULL && opts->insecure;
	TAILQ_INIT(&http->requests);
	if ((http->multi = curl_multi_init()) == NULL) {
		fprintf(stderr, "evtop: cannot start libcurl\n");
		abort();
	}
	curl_multi_setopt(http->multi, CURLMOPT_SOCKETFUNCTION, http_socket_cb);
	curl_multi_setopt(http->multi, CURLMOPT_SOCKETDATA, http);
	curl_multi_setopt(http->multi, CURLMOPT_TIMERFUNCTION, http_timer_cb);
	curl_multi_setopt(http->multi, CURLMOPT_TIMERDATA, http);
	uv_timer_init(loop, &http->timer);
	http->timer.data = http;
	return (http);
}

static void
http_timer_closed(uv_handle_t *h)
{
	struct http	*http = h->data;

	free(http->cacert);
	free(http->user_agent);
	free(http);
	curl_global_cleanup();
}

static void
http_teardown(struct http *http)
{
	struct http_request	*req;

	while ((req = TAILQ_FIRST(&http->requests)) != NULL) {
		TAILQ_REMOVE(&http->requests, req, entry);
		http_request_free(req);
	}
	/* Closing the connection cache removes (and closes) each socket. */
	curl_multi_cleanup(http->multi);
	http->multi = NULL;
	uv_timer_stop(&http->timer);
	uv_close((uv_handle_t *)&http->timer, http_timer_closed);
}

void
http_free(struct http *http)
{
	if (http == NULL || http->dead)
		return;
	http->dead = 1;
	if (http->depth == 0)
		http_teardown(http);
}

struct http_request *
http_start(struct http *http, const char *method, const char *url,
    const char *token, const char *body, http_done_cb cb, void *arg)
{
	struct http_request	*req;
	char			*auth;
	size_t			 i;

	req = xcalloc(1, sizeof *req);
	req->http = http;
	req->method = xstrdup(method);
	req->url = xstrdup(url);
	req->cb = cb;
	req->arg = arg;
	for (i = 0; i < HTTP_NRATE; i++)
		*(long *)((char *)req + http_rate_headers[i].offset) = -1;
	req->started = uv_now(http->loop);
	if ((req->easy = curl_easy_init()) == NULL) {
		fprintf(stderr, "evtop: cannot start libcurl\n");
		abort();
	}

	req->headers = curl_slist_append(NULL, "Accept: application/json");
	req->headers = curl_slist_append(req->headers, "Expect:");
	if (body != NULL)
		req->headers = curl_slist_append(req->headers,
		    "Content-Type: application/json");
	if (token != NULL) {
		xasprintf(&auth, "Authorization: Bearer %s", token);
		req->headers = curl_slist_append(req->headers, auth);
		explicit_bzero(auth, strlen(auth));
		free(auth);
	}

	curl_easy_setopt(req->easy, CURLOPT_URL, url);
	curl_easy_setopt(req->easy, CURLOPT_CUSTOMREQUEST, method);
	if (strcmp(method, "GET") == 0)
		curl_easy_setopt(req->easy, CURLOPT_HTTPGET, 1L);
	if (body != NULL) {
		curl_easy_setopt(req->easy, CURLOPT_POSTFIELDSIZE,
		    (long)strlen(body));
		curl_easy_setopt(req->easy, CURLOPT_COPYPOSTFIELDS, body);
	}
	curl_easy_setopt(req->easy, CURLOPT_HTTPHEADER, req->headers);
	curl_easy_setopt(req->easy, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(req->easy, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(req->easy, CURLOPT_CONNECTTIMEOUT,
	    HTTP_CONNECT_TIMEOUT);
	curl_easy_setopt(req->easy, CURLOPT_TIMEOUT, HTTP_TOTAL_TIMEOUT);
	curl_easy_setopt(req->easy, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(req->easy, CURLOPT_ERRORBUFFER, req->error);
	curl_easy_setopt(req->easy, CURLOPT_WRITEFUNCTION, http_write_cb);
	curl_easy_setopt(req->easy, CURLOPT_WRITEDATA, req);
	curl_easy_setopt(req->easy, CURLOPT_HEADERFUNCTION, http_header_cb);
	curl_easy_setopt(req->easy, CURLOPT_HEADERDATA, req);
	curl_easy_setopt(req->easy, CURLOPT_PRIVATE, req);
	curl_easy_setopt(req->easy, CURLOPT_USERAGENT,
	    http->user_agent != NULL ? http->user_agent :
	    "evtop/" EVTOP_VERSION);
	if (http->cacert != NULL)
		curl_easy_setopt(req->easy, CURLOPT_CAINFO, http->cacert);
	if (http->insecure) {
		curl_easy_setopt(req->easy, CURLOPT_SSL_VERIFYPEER, 0L);
		curl_easy_setopt(req->easy, CURLOPT_SSL_VERIFYHOST, 0L);
	}

	TAILQ_INSERT_TAIL(&http->requests, req, entry);
	log_debug("http: %s %s%s", method, url, body != NULL ?
	    " (with a JSON body)" : "");
	curl_multi_add_handle(http->multi, req->easy);
	return (req);
}

void
http_cancel(struct http_request *req)
{
	if (req == NULL)
		return;
	log_debug("http: %s %s cancelled", req->method, req->url);
	TAILQ_REMOVE(&req->http->requests, req, entry);
	http_request_free(req);
}
