/*
 * libcurl's multi socket interface on a libuv loop: curl says which
 * sockets to watch (one uv_poll each) and when to wake it (one uv_timer);
 * the loop tells curl what became ready.  Nothing blocks and an idle client
 * has no wakeups at all.
 */
#include "rest.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/queue.h>

#include "http-answer.h"
#include "log.h"
#include "xmalloc.h"


struct rest_request {
	struct rest		*http;
	CURL			*easy;
	struct curl_slist	*headers;
	char			*method;
	char			*url;
	char			 error[CURL_ERROR_SIZE];

	struct http_answer	 answer;

	uint64_t		 started;	/* uv_hrtime when sent, ns */
	int			 attempt;	/* a retry's number, 0 first */
	enum rest_failure	 failure;	/* during the callback */
	rest_done_cb		 cb;
	void			*arg;
	TAILQ_ENTRY(rest_request) entry;
};
TAILQ_HEAD(rest_requests, rest_request);

/* One watched socket; freed by its own close callback. */
struct rest_socket {
	uv_poll_t		 poll;
	struct rest		*http;
	curl_socket_t		 fd;
};

struct rest {
	uv_loop_t		*loop;
	CURLM			*multi;
	uv_timer_t		 timer;
	char			*cacert;
	char			*user_agent;
	int			 insecure;
	long			 stall_s;	/* CURLOPT_LOW_SPEED_TIME */
	struct rest_requests	 requests;
	int			 depth;		/* inside a callback */
	int			 dead;		/* freed while inside one */
};

static void	rest_check_done(struct rest *);
static void	rest_teardown(struct rest *);

static void
rest_socket_closed(uv_handle_t *h)
{
	free(h->data);
}

static void
rest_socket_ready(uv_poll_t *poll, int status, int events)
{
	struct rest_socket	*hs = poll->data;
	struct rest		*http = hs->http;
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
	rest_check_done(http);
}

static int
rest_socket_cb(CURL *easy, curl_socket_t fd, int what, void *userp,
    void *socketp)
{
	struct rest		*http = userp;
	struct rest_socket	*hs = socketp;
	int			 events = 0;

	if (what == CURL_POLL_REMOVE) {
		if (hs != NULL) {
			uv_poll_stop(&hs->poll);
			uv_close((uv_handle_t *)&hs->poll, rest_socket_closed);
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
	uv_poll_start(&hs->poll, events, rest_socket_ready);
	return (0);
}

static void
rest_timer_fired(uv_timer_t *timer)
{
	struct rest	*http = timer->data;
	int		 running;

	curl_multi_socket_action(http->multi, CURL_SOCKET_TIMEOUT, 0,
	    &running);
	rest_check_done(http);
}

static int
rest_timer_cb(CURLM *multi, long ms, void *userp)
{
	struct rest	*http = userp;

	if (ms < 0)
		uv_timer_stop(&http->timer);
	else
		uv_timer_start(&http->timer, rest_timer_fired, (uint64_t)ms, 0);
	return (0);
}

static void
rest_request_free(struct rest_request *req)
{
	if (req->easy != NULL) {
		curl_multi_remove_handle(req->http->multi, req->easy);
		curl_easy_cleanup(req->easy);
	}
	curl_slist_free_all(req->headers);
	free(req->method);
	free(req->url);
	http_answer_done(&req->answer);
	free(req);
}

/*
 * Whether a request with no answer might work if sent again: a dropped
 * connection or a transfer that stalled once connected might; a timeout
 * while connecting, like a refused connection, says the server is not
 * there, and retrying would only make the user wait longer to hear it.
 */
static enum rest_failure
rest_classify(const struct rest_request *req, CURLcode code)
{
	double	connected = 0;

	switch (code) {
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_PARTIAL_FILE:
	case CURLE_HTTP2_STREAM:
		return (REST_FAILED_RESET);
	case CURLE_OPERATION_TIMEDOUT:
		curl_easy_getinfo(req->easy, CURLINFO_CONNECT_TIME,
		    &connected);
		return (connected > 0 ? REST_FAILED_TIMEOUT :
		    REST_FAILED_OTHER);
	default:
		return (REST_FAILED_OTHER);
	}
}

enum rest_failure
rest_failure(const struct rest_request *req)
{
	return (req != NULL ? req->failure : REST_FAILED_NONE);
}

/* Finishes one request: trace it, call back, free it. */
static void
rest_finish(struct rest_request *req, CURLcode code)
{
	struct rest		*http = req->http;
	struct rest_response	 resp;
	char			*error = NULL;
	long			 status = 0;

	char			 retry[32] = "";

	TAILQ_REMOVE(&http->requests, req, entry);
	memset(&resp, 0, sizeof resp);
	resp.ms = (double)(uv_hrtime() - req->started) / 1e6;
	curl_easy_getinfo(req->easy, CURLINFO_RESPONSE_CODE, &status);
	if (req->attempt > 0)
		snprintf(retry, sizeof retry, " (retry %d)", req->attempt);
	if (code != CURLE_OK || status == 0) {
		req->failure = rest_classify(req, code);
		error = http_answer_error(&req->answer, req->easy, code,
		    req->url, req->error);
		log_debug("http: %s %s%s failed after %.0f ms: %s",
		    req->method, req->url, retry, resp.ms, error);
	} else {
		http_answer_fill(&req->answer, status, &resp);
		log_debug("http: %s %s%s -> %ld, %zu bytes, %.0f ms",
		    req->method, req->url, retry, status, resp.len, resp.ms);
	}
	if (req->cb != NULL)
		req->cb(req->arg, error != NULL ? NULL : &resp, error);
	free(error);
	rest_request_free(req);
}

static void
rest_check_done(struct rest *http)
{
	struct rest_request	*req;
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
			rest_finish(req, msg->data.result);
	}
	http->depth--;
	if (http->dead && http->depth == 0)
		rest_teardown(http);
}

struct rest *
rest_new(uv_loop_t *loop, const struct rest_options *opts)
{
	struct rest	*http;

	curl_global_init(CURL_GLOBAL_DEFAULT);
	http = xcalloc(1, sizeof *http);
	http->loop = loop;
	if (opts != NULL && opts->cacert != NULL)
		http->cacert = xstrdup(opts->cacert);
	if (opts != NULL && opts->user_agent != NULL)
		http->user_agent = xstrdup(opts->user_agent);
	http->insecure = opts != NULL && opts->insecure;
	http->stall_s = opts != NULL && opts->stall_s > 0 ?
	    (long)opts->stall_s : REST_STALL_TIMEOUT;
	TAILQ_INIT(&http->requests);
	if ((http->multi = curl_multi_init()) == NULL) {
		fprintf(stderr, "evtop: cannot start libcurl\n");
		abort();
	}
	curl_multi_setopt(http->multi, CURLMOPT_SOCKETFUNCTION, rest_socket_cb);
	curl_multi_setopt(http->multi, CURLMOPT_SOCKETDATA, http);
	curl_multi_setopt(http->multi, CURLMOPT_TIMERFUNCTION, rest_timer_cb);
	curl_multi_setopt(http->multi, CURLMOPT_TIMERDATA, http);
	uv_timer_init(loop, &http->timer);
	http->timer.data = http;
	return (http);
}

static void
rest_timer_closed(uv_handle_t *h)
{
	struct rest	*http = h->data;

	free(http->cacert);
	free(http->user_agent);
	free(http);
	curl_global_cleanup();
}

static void
rest_teardown(struct rest *http)
{
	struct rest_request	*req;

	while ((req = TAILQ_FIRST(&http->requests)) != NULL) {
		TAILQ_REMOVE(&http->requests, req, entry);
		rest_request_free(req);
	}
	/* Closing the connection cache removes (and closes) each socket. */
	curl_multi_cleanup(http->multi);
	http->multi = NULL;
	uv_timer_stop(&http->timer);
	uv_close((uv_handle_t *)&http->timer, rest_timer_closed);
}

void
rest_free(struct rest *http)
{
	if (http == NULL || http->dead)
		return;
	http->dead = 1;
	if (http->depth == 0)
		rest_teardown(http);
}

int
rest_idempotency_key_new(char key[REST_KEY_SIZE])
{
	static const char	 hex[] = "0123456789abcdef";
	unsigned char		 raw[(REST_KEY_SIZE - 1) / 2];
	size_t			 i;

	if (uv_random(NULL, NULL, raw, sizeof raw, 0, NULL) != 0)
		return (-1);
	for (i = 0; i < sizeof raw; i++) {
		key[2 * i] = hex[raw[i] >> 4];
		key[2 * i + 1] = hex[raw[i] & 0xf];
	}
	key[2 * sizeof raw] = '\0';
	return (0);
}

/*
 * A write carries an Idempotency-Key, the caller's (the same for each
 * retry) or a fresh one: libcurl also sends a request again by itself
 * when a kept-alive connection turns out to be dead, and a server that
 * knows the header (API.md) then answers the second with the first answer
 * instead of acting twice.  Others ignore it.
 */
static struct curl_slist *
rest_idempotency_key(struct curl_slist *headers, const char *given)
{
	char	key[REST_KEY_SIZE], line[64];

	if (given == NULL) {
		if (rest_idempotency_key_new(key) != 0)
			return (headers);	/* none beats a weak one */
		given = key;
	}
	snprintf(line, sizeof line, "Idempotency-Key: %s", given);
	return (curl_slist_append(headers, line));
}

struct rest_request *
rest_start(struct rest *http, const char *method, const char *url,
    const char *token, const char *body, rest_done_cb cb, void *arg)
{
	return (rest_start_extra(http, method, url, token, body, NULL, cb,
	    arg));
}

struct rest_request *
rest_start_extra(struct rest *http, const char *method, const char *url,
    const char *token, const char *body, const struct rest_extra *extra,
    rest_done_cb cb, void *arg)
{
	struct rest_request	*req;
	char			*auth, *line;

	req = xcalloc(1, sizeof *req);
	req->http = http;
	req->method = xstrdup(method);
	req->url = xstrdup(url);
	req->cb = cb;
	req->arg = arg;
	req->attempt = extra != NULL ? extra->attempt : 0;
	http_answer_init(&req->answer);
	/*
	 * The time now, not the loop's: uv_now is as old as the last loop
	 * pass, and a password typed since then is not the request's time.
	 */
	req->started = uv_hrtime();
	if ((req->easy = curl_easy_init()) == NULL) {
		fprintf(stderr, "evtop: cannot start libcurl\n");
		abort();
	}

	req->headers = curl_slist_append(NULL, "Accept: application/json");
	req->headers = curl_slist_append(req->headers, "Expect:");
	if (body != NULL) {
		xasprintf(&line, "Content-Type: %s", extra != NULL &&
		    extra->content_type != NULL ? extra->content_type :
		    "application/json");
		req->headers = curl_slist_append(req->headers, line);
		free(line);
	}
	if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
		req->headers = rest_idempotency_key(req->headers,
		    extra != NULL ? extra->idempotency_key : NULL);
	if (extra != NULL && extra->if_match != NULL) {
		xasprintf(&line, "If-Match: %s", extra->if_match);
		req->headers = curl_slist_append(req->headers, line);
		free(line);
	}
	if (extra != NULL && extra->etag != NULL) {
		xasprintf(&line, "If-None-Match: %s", extra->etag);
		req->headers = curl_slist_append(req->headers, line);
		free(line);
	}
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
	/*
	 * No cap on the whole: a long export is not cut while bytes flow;
	 * one that moves nothing for REST_STALL_TIMEOUT is, as is a server
	 * that accepts the request and never answers.
	 */
	curl_easy_setopt(req->easy, CURLOPT_CONNECTTIMEOUT,
	    (long)REST_CONNECT_TIMEOUT);
	curl_easy_setopt(req->easy, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(req->easy, CURLOPT_LOW_SPEED_TIME, http->stall_s);
	curl_easy_setopt(req->easy, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(req->easy, CURLOPT_ERRORBUFFER, req->error);
	curl_easy_setopt(req->easy, CURLOPT_WRITEFUNCTION, http_answer_body);
	curl_easy_setopt(req->easy, CURLOPT_WRITEDATA, &req->answer);
	curl_easy_setopt(req->easy, CURLOPT_HEADERFUNCTION,
	    http_answer_header);
	curl_easy_setopt(req->easy, CURLOPT_HEADERDATA, &req->answer);
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

	/* Traced once, when it ends: one line a request. */
	TAILQ_INSERT_TAIL(&http->requests, req, entry);
	curl_multi_add_handle(http->multi, req->easy);
	return (req);
}

void
rest_cancel(struct rest_request *req)
{
	if (req == NULL)
		return;
	log_debug("http: %s %s cancelled", req->method, req->url);
	TAILQ_REMOVE(&req->http->requests, req, entry);
	rest_request_free(req);
}
