/*
 * evtop-mock's HTTP behaviour seen from outside, against real processes:
 * --rate-limit (429 and RateLimit-* headers), Idempotency-Key replays,
 * 304s, HEAD, error shapes, /metrics, and --fault (injected 5xx, latency
 * that blocks nobody else, dropped WebSockets).
 */
#include <curl/curl.h>
#include <jansson.h>
#include <libwebsockets.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "support-http.h"
#include "support-mock.h"
#include "prometheus.h"
#include "test.h"

/* Seconds: only a guard against hangs, never asserted. */
#define DEADLINE	30

struct mock_proc {
	struct mockproc	proc;
	int		port;
	char		url[64];
};

/* Starts evtop-mock on the demo data with extra arguments (NULL-ended). */
static int
mock_start(struct mock_proc *p, ...)
{
	const char	*argv[32];
	size_t		 argc = 0;
	va_list		 ap;

	memset(p, 0, sizeof *p);
	argv[argc++] = "--seed";
	argv[argc++] = "demo";
	va_start(ap, p);
	while (argc < 31 && (argv[argc] = va_arg(ap, const char *)) != NULL)
		argc++;
	va_end(ap);
	argv[argc] = NULL;
	if (support_mock_start(&p->proc, argv, 2) != 0)
		return (-1);
	snprintf(p->url, sizeof p->url, "%s", p->proc.url);
	p->port = atoi(strrchr(p->url, ':') + 1);
	return (0);
}

static void
mock_stop(struct mock_proc *p)
{
	if (p->proc.pid <= 0)
		return;
	CHECK_INT(support_mock_stop(&p->proc), 0);
}

/* One request to the mock; o may be NULL. */
static void
request(const struct mock_proc *p, const char *method, const char *path,
    const struct http_opts *o, struct reply *r)
{
	support_http_opts(p->url, method, path, o, r);
}

static char *
login(const struct mock_proc *p, const char *email)
{
	return (support_login(p->url, email, SUPPORT_DEMO_PASSWORD));
}

static long
header_number(const struct reply *a, const char *name)
{
	char	buf[64];

	if (reply_header(a, name, buf, sizeof buf) == NULL)
		return (-1);
	return (strtol(buf, NULL, 10));
}

static void
test_rate_limit(void)
{
	struct mock_proc	p;
	struct reply		a;
	struct http_opts	o = { 0 };
	long			i, reset;

	CHECK_INT(mock_start(&p, "--rate-limit", "5/60", NULL), 0);
	for (i = 0; i < 5; i++) {
		request(&p, "GET", "/api/events/1", NULL, &a);
		CHECK_INT(a.status, 200);
		CHECK_INT(header_number(&a, "RateLimit-Limit"), 5);
		CHECK_INT(header_number(&a, "RateLimit-Remaining"), 4 - i);
		reset = header_number(&a, "RateLimit-Reset");
		CHECK(reset >= 1 && reset <= 60);
		if (reset < 1 || reset > 60)
			fprintf(stderr, "request %ld: RateLimit-Reset is %ld "
			    "(-1: absent)\n", i + 1, reset);
		reply_done(&a);
	}
	request(&p, "GET", "/api/events/1", NULL, &a);
	CHECK_INT(a.status, 429);
	CHECK(reply_message(&a) != NULL &&
	    strncmp(reply_message(&a), "Too many requests", 17) == 0);
	CHECK(header_number(&a, "Retry-After") >= 1 &&
	    header_number(&a, "Retry-After") <= 60);
	CHECK_INT(header_number(&a, "RateLimit-Remaining"), 0);
	reply_done(&a);

	/* Writes are refused as well, before anything happens. */
	o.body = "{\"email\":\"admin@example.com\",\"password\":\"x\"}";
	request(&p, "POST", "/api/auth/login", &o, &a);
	CHECK_INT(a.status, 429);
	reply_done(&a);

	/* Health checks are exempt. */
	request(&p, "GET", "/api/health", NULL, &a);
	CHECK_INT(a.status, 200);
	CHECK_INT(header_number(&a, "RateLimit-Remaining"), 0);
	reply_done(&a);

	/* The limit is per client address. */
	memset(&o, 0, sizeof o);
	o.from = "127.0.0.2";
	request(&p, "GET", "/api/events/1", &o, &a);
	if (a.status == 0)
		fprintf(stderr, "(cannot send from 127.0.0.2: skipped)\n");
	else {
		CHECK_INT(a.status, 200);
		CHECK_INT(header_number(&a, "RateLimit-Remaining"), 4);
	}
	reply_done(&a);

	request(&p, "GET", "/metrics", NULL, &a);
	CHECK(strstr(a.body, "evtop_mock_http_rate_limited_total 2\n") !=
	    NULL);
	reply_done(&a);
	mock_stop(&p);
}

static int64_t
event_count(const struct mock_proc *p, const char *field)
{
	struct reply	a;
	int64_t		n;

	request(p, "GET", "/api/events/1", NULL, &a);
	n = json_integer_value(json_object_get(json_object_get(a.json,
	    "event"), field));
	reply_done(&a);
	return (n);
}

static void
test_idempotent_register(void)
{
	struct mock_proc	 p;
	struct reply		 a, b;
	struct http_opts	 o = { 0 };
	char			 buf[64], *token;
	int64_t			 before;

	CHECK_INT(mock_start(&p, NULL), 0);
	token = login(&p, "attendee@example.com");
	CHECK(token != NULL);
	before = event_count(&p, "current_registrations");

	o.token = token;
	o.header = "Idempotency-Key: 0b6f3f4c-register-once";
	request(&p, "POST", "/api/events/1/register", &o, &a);
	CHECK_INT(a.status, 201);
	CHECK(reply_header(&a, "Idempotent-Replayed", buf,
	    sizeof buf) == NULL);
	/* The answer was lost, say: the client sends it again. */
	request(&p, "POST", "/api/events/1/register", &o, &b);
	CHECK_INT(b.status, 201);
	CHECK_STR(b.body, a.body);
	CHECK_STR(reply_header(&b, "Idempotent-Replayed", buf,
	    sizeof buf), "true");
	CHECK_STR(reply_header(&b, "Content-Type", buf, sizeof buf),
	    "application/json");
	reply_done(&b);
	CHECK_INT(event_count(&p, "current_registrations"), before + 1);

	/* Without the key the second attempt is a second request. */
	o.header = NULL;
	request(&p, "POST", "/api/events/1/register", &o, &b);
	CHECK_INT(b.status, 400);
	reply_done(&b);

	/* The key used for something else: 422, and nothing cancelled. */
	o.header = "Idempotency-Key: 0b6f3f4c-register-once";
	request(&p, "DELETE", "/api/events/1/register", &o, &b);
	CHECK_INT(b.status, 422);
	CHECK(reply_message(&b) != NULL);
	reply_done(&b);
	CHECK_INT(event_count(&p, "current_registrations"), before + 1);

	request(&p, "GET", "/metrics", NULL, &b);
	CHECK(strstr(b.body, "evtop_mock_http_idempotent_replays_total 1\n") !=
	    NULL);
	reply_done(&b);
	reply_done(&a);
	free(token);
	mock_stop(&p);
}

/* 304s for a list and a single event, HEAD, and the error shapes. */
static void
test_http_basics(void)
{
	struct mock_proc	p;
	struct reply		a, b;
	struct http_opts	o = { 0 };
	char			etag[128], inm[256], buf[64];
	const char		*paths[] = { "/api/events?per_page=10",
	    "/api/events/1" };
	size_t			i;

	CHECK_INT(mock_start(&p, NULL), 0);
	for (i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		request(&p, "GET", paths[i], NULL, &a);
		CHECK_INT(a.status, 200);
		CHECK(reply_header(&a, "ETag", etag, sizeof etag) !=
		    NULL);

		snprintf(inm, sizeof inm, "If-None-Match: %s", etag);
		o.header = inm;
		request(&p, "GET", paths[i], &o, &b);
		CHECK_INT(b.status, 304);
		CHECK_INT(b.len, 0);
		CHECK_STR(reply_header(&b, "ETag", buf, sizeof buf),
		    etag);
		reply_done(&b);

		snprintf(inm, sizeof inm, "If-None-Match: \"stale\", W/%s",
		    etag);
		request(&p, "GET", paths[i], &o, &b);
		CHECK_INT(b.status, 304);
		reply_done(&b);

		o.header = "If-None-Match: \"stale\"";
		request(&p, "GET", paths[i], &o, &b);
		CHECK_INT(b.status, 200);
		CHECK_STR(b.body, a.body);
		reply_done(&b);

		/* HEAD: the headers of the GET, no body. */
		request(&p, "HEAD", paths[i], NULL, &b);
		CHECK_INT(b.status, 200);
		CHECK_INT(b.len, 0);
		CHECK_INT(header_number(&b, "Content-Length"), (long)a.len);
		CHECK_STR(reply_header(&b, "ETag", buf, sizeof buf),
		    etag);
		reply_done(&b);
		reply_done(&a);
		o.header = NULL;
	}

	request(&p, "GET", "/api/no/such/thing", NULL, &a);
	CHECK_INT(a.status, 404);
	CHECK(reply_message(&a) != NULL);
	reply_done(&a);
	request(&p, "PUT", "/api/health", NULL, &a);
	CHECK_INT(a.status, 405);
	CHECK(reply_message(&a) != NULL);
	reply_done(&a);
	o.body = "{\"email\": \"a\",";
	request(&p, "POST", "/api/auth/login", &o, &a);
	CHECK_INT(a.status, 400);
	CHECK(reply_message(&a) != NULL &&
	    strstr(reply_message(&a), "JSON") != NULL);
	reply_done(&a);
	mock_stop(&p);
}

/* An answer bigger than one write leaves in pieces, whole, twice. */
static void
test_large_answer(void)
{
	struct mock_proc	p;
	struct reply		a, b;

	CHECK_INT(mock_start(&p, "--seed", "300", NULL), 0);
	request(&p, "GET", "/api/events?per_page=200&include_past=1", NULL,
	    &a);
	CHECK_INT(a.status, 200);
	CHECK(a.len > 65536);
	CHECK_INT(header_number(&a, "Content-Length"), (long)a.len);
	CHECK_INT(json_array_size(json_object_get(a.json, "events")), 200);
	request(&p, "GET", "/api/events?per_page=200&include_past=1", NULL,
	    &b);
	CHECK_INT(b.status, 200);
	CHECK_INT(b.len, a.len);
	CHECK(b.body != NULL && a.body != NULL &&
	    memcmp(a.body, b.body, a.len) == 0);
	reply_done(&b);
	reply_done(&a);
	mock_stop(&p);
}

static int
has_cache_hit(const char *text)
{
	const char	*s = strstr(text, "\nevtop_mock_cache_hits_total ");

	return (s != NULL && atoi(s + strlen(
	    "\nevtop_mock_cache_hits_total ")) > 0);
}

static void
test_metrics(void)
{
	struct mock_proc	p;
	struct reply		a;
	char			buf[128];
	time_t			until;
	int			hit = 0;

	CHECK_INT(mock_start(&p, NULL), 0);
	request(&p, "GET", "/api/events", NULL, &a);
	reply_done(&a);
	request(&p, "GET", "/api/nowhere", NULL, &a);
	reply_done(&a);
	request(&p, "GET", "/metrics", NULL, &a);
	CHECK_INT(a.status, 200);
	CHECK_STR(reply_header(&a, "Content-Type", buf, sizeof buf),
	    "text/plain; version=0.0.4");
	CHECK(valid_exposition(a.body));
	CHECK(strstr(a.body, "# TYPE evtop_mock_http_requests_total "
	    "counter\n") != NULL);
	CHECK(strstr(a.body, "evtop_mock_http_requests_total{method=\"GET\","
	    "code=\"2xx\"} 1\n") != NULL);
	CHECK(strstr(a.body, "evtop_mock_http_requests_total{method=\"GET\","
	    "code=\"4xx\"} 1\n") != NULL);
	CHECK(strstr(a.body, "evtop_mock_http_request_duration_seconds_bucket"
	    "{le=\"+Inf\"} 2\n") != NULL);
	CHECK(strstr(a.body, "evtop_mock_http_request_duration_seconds_count "
	    "2\n") != NULL);
	CHECK(strstr(a.body, "evtop_mock_rows{table=\"events\"} 36\n") !=
	    NULL);
	CHECK(strstr(a.body, "evtop_mock_rows{table=\"users\"} 404\n") !=
	    NULL);
	CHECK(strstr(a.body, "evtop_mock_rows{table=\"guests\"} ") != NULL);
	CHECK(strstr(a.body, "evtop_mock_rows{table=\"registrations\"} ") !=
	    NULL);
	CHECK(strstr(a.body, "evtop_mock_websocket_clients 0\n") != NULL);
	CHECK(strstr(a.body, "\nevtop_mock_hub_seq ") != NULL);
	CHECK(strstr(a.body, "\nevtop_mock_uptime_seconds ") != NULL);
	CHECK(strstr(a.body, "evtop_mock_cache_misses_total ") != NULL);
	reply_done(&a);

	/* The same GET twice within a second comes from the cache. */
	until = time(NULL) + DEADLINE;
	while (!hit && time(NULL) < until) {
		request(&p, "GET", "/api/events/2", NULL, &a);
		reply_done(&a);
		request(&p, "GET", "/api/events/2", NULL, &a);
		reply_done(&a);
		request(&p, "GET", "/metrics", NULL, &a);
		hit = has_cache_hit(a.body);
		reply_done(&a);
	}
	CHECK(hit);
	mock_stop(&p);
}

/* A bare WebSocket client: pings, and notes pongs and the close. */
struct wsc {
	int		 pongs;
	int		 closed;
	int		 close_code;
	int		 failed;
	int		 want_ping;
	struct lws	*wsi;
};

static int
wsc_callback(struct lws *wsi, enum lws_callback_reasons reason, void *user,
    void *in, size_t len)
{
	struct wsc	*w = lws_get_opaque_user_data(wsi);
	unsigned char	 buf[LWS_PRE + 64];
	static const char ping[] = "{\"type\":\"ping\"}";

	switch (reason) {
	case LWS_CALLBACK_CLIENT_CONNECTION_ERROR:
		if (w != NULL)
			w->failed = 1;
		break;
	case LWS_CALLBACK_CLIENT_ESTABLISHED:
		w->want_ping = 1;
		lws_callback_on_writable(wsi);
		break;
	case LWS_CALLBACK_CLIENT_WRITEABLE:
		if (!w->want_ping)
			break;
		w->want_ping = 0;
		memcpy(buf + LWS_PRE, ping, sizeof ping - 1);
		if (lws_write(wsi, buf + LWS_PRE, sizeof ping - 1,
		    LWS_WRITE_TEXT) < (int)sizeof ping - 1)
			return (-1);
		break;
	case LWS_CALLBACK_CLIENT_RECEIVE:
		if (len >= 15 && memmem(in, len, "\"pong\"", 6) != NULL)
			w->pongs++;
		break;
	case LWS_CALLBACK_WS_PEER_INITIATED_CLOSE:
		if (len >= 2)
			w->close_code = ((unsigned char *)in)[0] << 8 |
			    ((unsigned char *)in)[1];
		break;
	case LWS_CALLBACK_CLIENT_CLOSED:
		w->closed = 1;
		break;
	default:
		break;
	}
	return (lws_callback_http_dummy(wsi, reason, user, in, len));
}

static const struct lws_protocols wsc_protocols[] = {
	{ "evtop-test", wsc_callback, 0, 0, 0, NULL, 0 },
	{ NULL, NULL, 0, 0, 0, NULL, 0 }
};

static struct lws_context *
wsc_context(void)
{
	struct lws_context_creation_info	info;

	lws_set_log_level(LLL_ERR, NULL);
	memset(&info, 0, sizeof info);
	info.port = CONTEXT_PORT_NO_LISTEN;
	info.protocols = wsc_protocols;
	return (lws_create_context(&info));
}

static void
wsc_open(struct lws_context *ctx, const struct mock_proc *p, struct wsc *w)
{
	struct lws_client_connect_info	ci;

	memset(w, 0, sizeof *w);
	memset(&ci, 0, sizeof ci);
	ci.context = ctx;
	ci.address = "127.0.0.1";
	ci.port = p->port;
	ci.path = "/api/ws";
	ci.host = "127.0.0.1";
	ci.origin = "127.0.0.1";
	ci.local_protocol_name = "evtop-test";
	ci.opaque_user_data = w;
	ci.pwsi = &w->wsi;
	if (lws_client_connect_via_info(&ci) == NULL)
		w->failed = 1;
}

static void
wsc_wait(struct lws_context *ctx, struct wsc *w, int closed)
{
	time_t	until = time(NULL) + DEADLINE;

	while (!w->failed && (closed ? !w->closed : w->pongs == 0) &&
	    time(NULL) < until)
		lws_service(ctx, 50);
}

static void
test_fault_errors_and_drops(void)
{
	struct mock_proc	 p;
	struct lws_context	*ctx;
	struct reply		 a;
	struct http_opts	 o = { 0 };
	struct wsc		 w;
	const char		*regs;
	char			 before[64], *s;
	size_t			 n;
	int			 i, n5xx = 0;

	CHECK_INT(mock_start(&p, "--fault", "error-rate=1,drop-ws=1", NULL),
	    0);
	regs = "evtop_mock_rows{table=\"registrations\"} ";
	request(&p, "GET", "/metrics", NULL, &a);
	s = strstr(a.body, regs);
	CHECK(s != NULL);
	n = strcspn(s, "\n") + 1;	/* the line, with its newline */
	if (n >= sizeof before)
		n = sizeof before - 1;
	memcpy(before, s, n);
	before[n] = '\0';
	reply_done(&a);

	for (i = 0; i < 6; i++) {
		request(&p, "GET", "/api/events", NULL, &a);
		CHECK(a.status == 500 || a.status == 503);
		CHECK(reply_message(&a) != NULL);
		if (a.status == 503)
			CHECK_INT(header_number(&a, "Retry-After"), 1);
		n5xx += a.status >= 500;
		reply_done(&a);
	}
	/* A write fails before it is made. */
	o.body = "{}";
	request(&p, "POST", "/api/events/1/register", &o, &a);
	CHECK(a.status == 500 || a.status == 503);
	reply_done(&a);
	request(&p, "GET", "/health", NULL, &a);
	CHECK_INT(a.status, 200);
	reply_done(&a);
	request(&p, "GET", "/metrics", NULL, &a);
	CHECK(strstr(a.body, before) != NULL);
	CHECK(strstr(a.body, "evtop_mock_faults_total{kind=\"error\"} 7\n") !=
	    NULL);
	reply_done(&a);
	CHECK_INT(n5xx, 6);

	/*
	 * Every WebSocket is dropped within a second, without a close frame
	 * (as a lost network would); a new one works.
	 */
	ctx = wsc_context();
	wsc_open(ctx, &p, &w);
	wsc_wait(ctx, &w, 0);
	CHECK(w.pongs > 0);
	wsc_wait(ctx, &w, 1);
	CHECK(w.closed);
	CHECK_INT(w.close_code, 0);
	wsc_open(ctx, &p, &w);
	wsc_wait(ctx, &w, 0);
	CHECK(w.pongs > 0);
	CHECK(!w.failed);
	lws_context_destroy(ctx);
	request(&p, "GET", "/metrics", NULL, &a);
	CHECK(strstr(a.body, "evtop_mock_faults_total{kind=\"drop_ws\"} 0\n") ==
	    NULL);
	reply_done(&a);
	mock_stop(&p);
}

static double
now_seconds(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((double)ts.tv_sec + (double)ts.tv_nsec / 1e9);
}

/*
 * latency=MS holds every HTTP answer that long without holding the loop:
 * a WebSocket ping is answered while an HTTP request is still waiting.
 */
static void
test_fault_latency(void)
{
	struct mock_proc	 p;
	struct lws_context	*ctx;
	struct reply		 a;
	struct wsc		 w;
	CURLM			*multi;
	CURLMsg			*msg;
	CURL			*curl;
	double			 started;
	int			 running = 1, pending_at_pong = 0, left;

	CHECK_INT(mock_start(&p, "--fault", "latency=2000", NULL), 0);
	multi = curl_multi_init();
	curl = support_http_begin(p.url, "GET", "/health", NULL, &a);
	curl_multi_add_handle(multi, curl);
	started = now_seconds();
	curl_multi_perform(multi, &running);

	ctx = wsc_context();
	wsc_open(ctx, &p, &w);
	while (!w.failed && w.pongs == 0 && now_seconds() < started +
	    DEADLINE) {
		lws_service(ctx, 10);
		curl_multi_perform(multi, &running);
	}
	CHECK(w.pongs > 0);
	pending_at_pong = running;
	CHECK_INT(pending_at_pong, 1);
	while (running && now_seconds() < started + DEADLINE) {
		curl_multi_poll(multi, NULL, 0, 100, NULL);
		curl_multi_perform(multi, &running);
	}
	/* A lower bound only: a timer cannot fire early. */
	CHECK(now_seconds() - started >= 2.0);
	msg = curl_multi_info_read(multi, &left);
	curl_multi_remove_handle(multi, curl);
	support_http_end(curl, msg != NULL && msg->msg == CURLMSG_DONE ?
	    msg->data.result : CURLE_OPERATION_TIMEDOUT, &a);
	CHECK_INT(a.status, 200);
	reply_done(&a);
	curl_multi_cleanup(multi);
	lws_context_destroy(ctx);
	mock_stop(&p);
}

static void
test_init(void)
{
	CHECK_INT(curl_global_init(CURL_GLOBAL_DEFAULT), 0);
	if (getenv("EVTOP_MOCK") == NULL) {
		fprintf(stderr, "EVTOP_MOCK is not set\n");
		exit(1);
	}
}

TEST_MAIN(
	TEST_CASE(test_init),
	TEST_CASE(test_rate_limit),
	TEST_CASE(test_idempotent_register),
	TEST_CASE(test_http_basics),
	TEST_CASE(test_large_answer),
	TEST_CASE(test_metrics),
	TEST_CASE(test_fault_errors_and_drops),
	TEST_CASE(test_fault_latency))
