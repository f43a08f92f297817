/*
 * The pieces of evtop-mock's HTTP layer on their own: the rate window,
 * fault specs, the answer cache, entity tags, If-Match and the metrics
 * page.
 */
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "fault.h"
#include "http.h"
#include "metrics.h"
#include "ratelimit.h"
#include "prometheus.h"
#include "test.h"

/* A string key and its length. */
#define KEY(s)	(s), strlen(s)

static void
test_ratelimit_parse(void)
{
	unsigned	 limit = 0, window = 0;
	char		*cause = NULL;
	size_t		 i;
	static const char *const bad[] = {
		"", "5", "/5", "5/", "abc/5", "5/abc", "0/5", "5/0", "-1/5",
		"5/-1", "5/15x", "5/15mm", " 5/5", "5 /5", "5/1e3",
		"1000001/5", "5/86401", "5/1441m", "5/25h",
	};

	CHECK_INT(ratelimit_parse("100/900", &limit, &window, &cause), 0);
	CHECK_INT(limit, 100);
	CHECK_INT(window, 900);
	CHECK_INT(ratelimit_parse("100/15m", &limit, &window, &cause), 0);
	CHECK_INT(window, 900);
	CHECK_INT(ratelimit_parse("3/1h", &limit, &window, &cause), 0);
	CHECK_INT(limit, 3);
	CHECK_INT(window, 3600);
	CHECK_INT(ratelimit_parse("1/30s", &limit, &window, &cause), 0);
	CHECK_INT(window, 30);

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cause = NULL;
		if (ratelimit_parse(bad[i], &limit, &window, &cause) != -1)
			fprintf(stderr, "accepted \"%s\"\n", bad[i]);
		CHECK(cause != NULL && strstr(cause, "--rate-limit") != NULL);
		free(cause);
	}
}

static void
test_ratelimit_window(void)
{
	struct ratelimit	*rl;
	struct ratelimit_info	 info;
	int			 i;

	rl = ratelimit_new(3, 10);
	for (i = 0; i < 3; i++) {
		CHECK_INT(ratelimit_take(rl, "10.0.0.1", 100.0 + i, &info), 1);
		CHECK_INT(info.limit, 3);
		CHECK_INT(info.remaining, 2 - i);
	}
	/* Over the limit: refused, and refusals are not counted. */
	CHECK_INT(ratelimit_take(rl, "10.0.0.1", 103.5, &info), 0);
	CHECK_INT(info.remaining, 0);
	CHECK_INT(info.reset, 7);	/* 110 - 103.5, rounded up */
	CHECK_INT(ratelimit_take(rl, "10.0.0.1", 109.9, &info), 0);
	CHECK_INT(info.reset, 1);

	/* Another address has its own window. */
	CHECK_INT(ratelimit_take(rl, "10.0.0.2", 105, &info), 1);
	CHECK_INT(info.remaining, 2);

	/* Peeking counts nothing. */
	ratelimit_peek(rl, "10.0.0.2", 105, &info);
	CHECK_INT(info.remaining, 2);
	ratelimit_peek(rl, "10.9.9.9", 105, &info);
	CHECK_INT(info.remaining, 3);
	CHECK_INT(info.reset, 10);
	CHECK_INT(ratelimit_clients(rl), 2);

	/* The window ends: a fresh one starts with the next request. */
	CHECK_INT(ratelimit_take(rl, "10.0.0.1", 110, &info), 1);
	CHECK_INT(info.remaining, 2);
	CHECK_INT(info.reset, 10);
	ratelimit_free(rl);
}

/* Many addresses come and go: old windows are forgotten. */
static void
test_ratelimit_sweep(void)
{
	struct ratelimit	*rl;
	struct ratelimit_info	 info;
	char			 key[32];
	int			 i;

	rl = ratelimit_new(1, 5);
	for (i = 0; i < 5000; i++) {
		snprintf(key, sizeof key, "10.1.%d.%d", i / 256, i % 256);
		CHECK_INT(ratelimit_take(rl, key, (double)i, &info), 1);
	}
	/* At most the addresses of the last window and a sweep's slack. */
	CHECK(ratelimit_clients(rl) < 2100);
	ratelimit_free(rl);
}

static void
test_fault_parse(void)
{
	struct fault_spec	 spec;
	char			*cause = NULL;
	size_t			 i;
	static const struct {
		const char	*spec;
		const char	*names;	/* what the sentence must quote */
	} bad[] = {
		{ "", "latency=MS" },
		{ "latency", "\"latency\" has no value" },
		{ "latency=", "\"\"" },
		{ "latency=-5", "\"-5\"" },
		{ "latency=60001", "\"60001\"" },
		{ "latency=1.5", "\"1.5\"" },
		{ "error-rate=1.5", "\"1.5\"" },
		{ "error-rate=-0.1", "\"-0.1\"" },
		{ "error-rate=nan", "\"nan\"" },
		{ "error-rate=0.5x", "\"0.5x\"" },
		{ "drop-ws=0", "\"0\"" },
		{ "drop-ws=soon", "\"soon\"" },
		{ "latency=5,,drop-ws=1", "empty part" },
		{ "latency=5,", "empty part" },
		{ "lag=5", "\"lag\"" },
		{ "latency=5,jitter=3", "\"jitter\"" },
	};

	memset(&spec, 0, sizeof spec);
	CHECK_INT(fault_parse("latency=250", &spec, &cause), 0);
	CHECK_INT(spec.latency_ms, 250);
	CHECK_INT(fault_parse("error-rate=0.25,drop-ws=30", &spec, &cause), 0);
	CHECK_INT(spec.latency_ms, 250);	/* kept from before */
	CHECK(spec.error_rate == 0.25);
	CHECK_INT(spec.drop_ws, 30);
	CHECK_INT(fault_parse("error-rate=1", &spec, &cause), 0);
	CHECK(spec.error_rate == 1);
	CHECK_INT(fault_parse("error-rate=.5", &spec, &cause), 0);
	CHECK(spec.error_rate == 0.5);

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct fault_spec	before = spec;

		cause = NULL;
		CHECK_INT(fault_parse(bad[i].spec, &spec, &cause), -1);
		if (cause == NULL || strstr(cause, bad[i].names) == NULL)
			fprintf(stderr, "\"%s\": %s\n", bad[i].spec,
			    cause != NULL ? cause : "(no cause)");
		CHECK(cause != NULL && strstr(cause, bad[i].names) != NULL);
		/* A bad list changes nothing, even its good parts. */
		CHECK(memcmp(&before, &spec, sizeof spec) == 0);
		free(cause);
	}
}

static void
test_fault_draws(void)
{
	struct fault_spec	 spec;
	struct fault		*f;
	int			 i, n500 = 0, n503 = 0, status;

	memset(&spec, 0, sizeof spec);
	CHECK(fault_new(&spec, 1) == NULL);
	CHECK_INT(fault_draw_error(NULL), 0);
	CHECK_INT(fault_latency_ms(NULL), 0);

	spec.error_rate = 1;
	f = fault_new(&spec, 42);
	for (i = 0; i < 1000; i++) {
		status = fault_draw_error(f);
		CHECK(status == 500 || status == 503);
		n500 += status == 500;
		n503 += status == 503;
	}
	/* Both kinds come up (a fixed seed: this is not a coin toss). */
	CHECK(n500 > 100 && n503 > 100);
	fault_free(f);

	spec.error_rate = 0.1;
	spec.latency_ms = 7;
	f = fault_new(&spec, 42);
	CHECK_INT(fault_latency_ms(f), 7);
	for (i = n500 = 0; i < 10000; i++)
		n500 += fault_draw_error(f) != 0;
	CHECK(n500 > 700 && n500 < 1300);
	fault_free(f);
}

/* A reply with a body and an ETag, as the router would leave it. */
static struct http_req *
reply(int status, const char *body, const char *etag)
{
	struct http_req	*req;

	req = http_req_new(HTTP_GET, "/api/x");
	http_reply_raw(req, status, "application/json", body, strlen(body));
	if (etag != NULL)
		http_reply_add_header(req, "ETag", etag);
	return (req);
}

static void
test_cache_validity(void)
{
	struct cache		*c;
	struct cache_stats	 st;
	struct http_req		*req, *hit;
	const char		*b;
	size_t			 len;

	c = cache_new(8, 1 << 20);
	req = reply(200, "{\"a\":1}", "\"abc\"");
	cache_put(c, KEY("k"), 7, 1000, req);
	http_req_free(req);

	hit = http_req_new(HTTP_GET, "/api/x");
	CHECK_INT(cache_get(c, KEY("k"), 7, 1000, hit), 1);
	CHECK_INT(http_res_status(hit), 200);
	b = http_res_body(hit, &len);
	CHECK_INT(len, 7);
	CHECK_STR(b, "{\"a\":1}");
	CHECK_STR(http_res_header_get(hit, "etag"), "\"abc\"");
	CHECK_STR(http_res_content_type(hit), "application/json");
	http_req_free(hit);

	/* Another key, a write since (generation), the next second. */
	hit = http_req_new(HTTP_GET, "/api/x");
	CHECK_INT(cache_get(c, KEY("other"), 7, 1000, hit), 0);
	CHECK_INT(cache_get(c, KEY("k"), 7, 1001, hit), 0);
	CHECK_INT(http_res_answered(hit), 0);
	http_req_free(hit);
	/* The stale entry is gone, even for its old generation and second. */
	hit = http_req_new(HTTP_GET, "/api/x");
	CHECK_INT(cache_get(c, KEY("k"), 7, 1000, hit), 0);
	http_req_free(hit);

	req = reply(200, "{}", NULL);
	cache_put(c, KEY("k"), 8, 1000, req);
	http_req_free(req);
	hit = http_req_new(HTTP_GET, "/api/x");
	CHECK_INT(cache_get(c, KEY("k"), 9, 1000, hit), 0);
	http_req_free(hit);

	/* Keys are bytes: parts split by NULs stay apart. */
	req = reply(200, "{}", NULL);
	cache_put(c, "a\0bc", 4, 8, 1000, req);
	http_req_free(req);
	hit = http_req_new(HTTP_GET, "/api/x");
	CHECK_INT(cache_get(c, "a\0b", 3, 8, 1000, hit), 0);
	CHECK_INT(cache_get(c, "ab\0c", 4, 8, 1000, hit), 0);
	CHECK_INT(cache_get(c, "a\0bc", 4, 8, 1000, hit), 1);
	http_req_free(hit);

	cache_stats(c, &st);
	CHECK_INT(st.hits, 2);
	CHECK_INT(st.misses, 6);
	CHECK_INT(st.entries, 1);
	cache_free(c);
}

static void
test_cache_bounds(void)
{
	struct cache		*c;
	struct cache_stats	 st;
	struct http_req		*req;
	char			 key[16], *big;
	int			 i;

	/* By entries: the least recently used goes first. */
	c = cache_new(3, 1 << 20);
	for (i = 0; i < 3; i++) {
		snprintf(key, sizeof key, "k%d", i);
		req = reply(200, "{}", NULL);
		cache_put(c, KEY(key), 1, 5, req);
		http_req_free(req);
	}
	req = http_req_new(HTTP_GET, "/");
	/* Reading k0 makes k1 the oldest. */
	CHECK_INT(cache_get(c, KEY("k0"), 1, 5, req), 1);
	http_req_free(req);
	req = reply(200, "{}", NULL);
	cache_put(c, KEY("k3"), 1, 5, req);
	http_req_free(req);
	req = http_req_new(HTTP_GET, "/");
	CHECK_INT(cache_get(c, KEY("k1"), 1, 5, req), 0);
	CHECK_INT(cache_get(c, KEY("k0"), 1, 5, req), 1);
	http_req_free(req);
	cache_stats(c, &st);
	CHECK_INT(st.entries, 3);
	CHECK_INT(st.evictions, 1);

	/* Storing a key again replaces it. */
	req = reply(200, "[1]", NULL);
	cache_put(c, KEY("k0"), 1, 5, req);
	http_req_free(req);
	cache_stats(c, &st);
	CHECK_INT(st.entries, 3);
	cache_free(c);

	/* By bytes: a body over an eighth of the bound is never kept. */
	c = cache_new(100, 64 * 1024);
	big = malloc(9000);
	memset(big, 'x', 8999);
	big[8999] = '\0';
	req = reply(200, big, NULL);
	cache_put(c, KEY("big"), 1, 5, req);
	http_req_free(req);
	cache_stats(c, &st);
	CHECK_INT(st.entries, 0);
	big[7000] = '\0';
	for (i = 0; i < 20; i++) {
		snprintf(key, sizeof key, "b%d", i);
		req = reply(200, big, NULL);
		cache_put(c, KEY(key), 1, 5, req);
		http_req_free(req);
	}
	cache_stats(c, &st);
	CHECK(st.bytes <= 64 * 1024);
	CHECK(st.entries >= 7 && st.entries <= 9);
	req = http_req_new(HTTP_GET, "/");
	CHECK_INT(cache_get(c, KEY("b19"), 1, 5, req), 1);
	CHECK_INT(cache_get(c, KEY("b0"), 1, 5, req), 0);
	http_req_free(req);
	free(big);
	cache_free(c);
}

static void
test_etag_matching(void)
{
	struct http_req	*req;

	CHECK(http_etag_matches("\"abc\"", "\"abc\""));
	CHECK(http_etag_matches("W/\"abc\"", "\"abc\""));
	CHECK(http_etag_matches("\"x\", W/\"abc\"", "\"abc\""));
	CHECK(http_etag_matches("\"x\",\"abc\"", "\"abc\""));
	CHECK(http_etag_matches("*", "\"abc\""));
	CHECK(http_etag_matches(" \"v3-abc\" ", "\"v3-abc\""));
	CHECK(!http_etag_matches("\"abcd\"", "\"abc\""));
	CHECK(!http_etag_matches("\"ab\"", "\"abc\""));
	CHECK(!http_etag_matches("abc", "\"abc\""));
	CHECK(!http_etag_matches("\"a,b\"", "\"a\""));
	CHECK(!http_etag_matches("", "\"abc\""));
	CHECK(!http_etag_matches(NULL, "\"abc\""));
	CHECK(!http_etag_matches("\"unterminated", "\"abc\""));
	CHECK(!http_etag_matches(",,, ,", "\"abc\""));

	/* A 200 becomes a 304 without a body; its ETag stays. */
	req = reply(200, "{\"a\":1}", "\"abc\"");
	http_reply_check_not_modified(req, "W/\"abc\"");
	CHECK_INT(http_res_status(req), 304);
	CHECK_STR(http_res_header_get(req, "ETag"), "\"abc\"");
	http_req_free(req);
	req = reply(200, "{\"a\":1}", "\"abc\"");
	http_reply_check_not_modified(req, "\"other\"");
	CHECK_INT(http_res_status(req), 200);
	http_req_free(req);
	/* Only a 200 is ever turned into a 304. */
	req = reply(404, "{}", "\"abc\"");
	http_reply_check_not_modified(req, "*");
	CHECK_INT(http_res_status(req), 404);
	http_req_free(req);
}

/* A write naming the version it was loaded at (API.md, "Caching"). */
static void
test_if_match(void)
{
	struct http_req	*req;
	size_t		 i;
	static const struct {
		const char	*if_match;
		const char	*body;
		int		 stale;
	} cases[] = {
		{ NULL, NULL, 0 },
		{ "*", NULL, 0 },
		{ " *", NULL, 0 },
		{ "\"v5-0123abcd\"", NULL, 0 },
		{ "W/\"v5-0123abcd\"", NULL, 0 },
		{ "\"v5\"", NULL, 0 },
		{ "5", NULL, 0 },
		{ "\"v4-0123abcd\"", NULL, 1 },
		{ "\"v55\"", NULL, 1 },
		{ "v", NULL, 1 },
		{ "garbage", NULL, 1 },
		{ NULL, "{\"version\":5}", 0 },
		{ NULL, "{\"version\":\"v5\"}", 0 },
		{ NULL, "{\"version\":4}", 1 },
		{ NULL, "{\"version\":true}", 1 },
		{ NULL, "{\"title\":\"x\"}", 0 },
		/* Both must agree with the current version. */
		{ "*", "{\"version\":4}", 1 },
		{ "\"v4\"", "{\"version\":5}", 1 },
	};

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		req = http_req_new(HTTP_PUT, "/api/events/1");
		if (cases[i].if_match != NULL)
			http_req_set_header(req, "If-Match", cases[i].if_match);
		if (cases[i].body != NULL) {
			http_req_append_body(req, cases[i].body,
			    strlen(cases[i].body));
			CHECK(http_req_json(req) != NULL);
		}
		if (http_req_stale(req, 5) != cases[i].stale)
			fprintf(stderr, "case %zu: If-Match %s, body %s\n", i,
			    cases[i].if_match ? cases[i].if_match : "-",
			    cases[i].body ? cases[i].body : "-");
		CHECK_INT(http_req_stale(req, 5), cases[i].stale);
		http_req_free(req);
	}
}

static void
test_request_headers(void)
{
	struct http_req	*req;
	char		*v;

	req = http_req_new(HTTP_GET, "/api/events");
	http_req_set_header(req, "If-None-Match", "\"a\"");
	http_req_set_header(req, "Authorization", "Bearer x");
	v = http_req_take_header(req, "if-none-match");
	CHECK_STR(v, "\"a\"");
	free(v);
	CHECK(http_req_header(req, "If-None-Match") == NULL);
	CHECK_STR(http_req_header(req, "authorization"), "Bearer x");
	CHECK(http_req_take_header(req, "if-none-match") == NULL);
	CHECK(http_req_peer(req) == NULL);
	http_req_set_peer(req, "127.0.0.2");
	CHECK_STR(http_req_peer(req), "127.0.0.2");
	CHECK_INT(http_res_answered(req), 0);
	CHECK_INT(http_res_no_cache(req), 0);
	http_reply_no_cache(req);
	CHECK_INT(http_res_no_cache(req), 1);
	http_reply_error(req, 422, "no");
	CHECK_INT(http_res_answered(req), 1);
	CHECK_STR(http_status_text(422), "Unprocessable Content");
	http_req_free(req);
}

static int
occurrences(const char *text, const char *s)
{
	int	n = 0;

	while ((text = strstr(text, s)) != NULL) {
		n++;
		text++;
	}
	return (n);
}

static void
test_metrics_text(void)
{
	struct metrics	*mt;
	char		*text = NULL;
	size_t		 len = 0;
	FILE		*f;

	mt = metrics_new();
	metrics_request(mt, HTTP_GET, 200, 0.0003);
	metrics_request(mt, HTTP_GET, 304, 0.002);
	metrics_request(mt, HTTP_POST, 201, 0.02);
	metrics_request(mt, HTTP_POST, 429, 30);
	metrics_request(mt, HTTP_DELETE, 503, 0.5);
	metrics_count(mt, METRICS_RATE_LIMITED);
	metrics_count(mt, METRICS_FAULT_WS_DROP);
	metrics_count(mt, METRICS_FAULT_WS_DROP);
	CHECK_INT(metrics_requests(mt), 5);
	CHECK_INT(metrics_get(mt, METRICS_FAULT_WS_DROP), 2);

	f = open_memstream(&text, &len);
	metrics_write(mt, f);
	fclose(f);
	CHECK(valid_exposition(text));
	CHECK(strstr(text, "# TYPE evtop_mock_http_requests_total counter\n")
	    != NULL);
	CHECK(strstr(text, "evtop_mock_http_requests_total{method=\"GET\","
	    "code=\"2xx\"} 1\n") != NULL);
	CHECK(strstr(text, "evtop_mock_http_requests_total{method=\"GET\","
	    "code=\"3xx\"} 1\n") != NULL);
	CHECK(strstr(text, "evtop_mock_http_requests_total{method=\"POST\","
	    "code=\"4xx\"} 1\n") != NULL);
	CHECK(strstr(text, "evtop_mock_http_requests_total{method=\"DELETE\","
	    "code=\"5xx\"} 1\n") != NULL);
	/* Buckets are cumulative; the slowest is only in +Inf. */
	CHECK(strstr(text, "# TYPE evtop_mock_http_request_duration_seconds "
	    "histogram\n") != NULL);
	CHECK(strstr(text, "_bucket{le=\"0.0005\"} 1\n") != NULL);
	CHECK(strstr(text, "_bucket{le=\"0.0025\"} 2\n") != NULL);
	CHECK(strstr(text, "_bucket{le=\"0.025\"} 3\n") != NULL);
	CHECK(strstr(text, "_bucket{le=\"10\"} 4\n") != NULL);
	CHECK(strstr(text, "_bucket{le=\"+Inf\"} 5\n") != NULL);
	CHECK(strstr(text, "evtop_mock_http_request_duration_seconds_count 5\n")
	    != NULL);
	CHECK(strstr(text, "evtop_mock_http_rate_limited_total 1\n") != NULL);
	CHECK(strstr(text, "evtop_mock_faults_total{kind=\"drop_ws\"} 2\n") !=
	    NULL);
	/* One HELP and TYPE per metric, however many labels. */
	CHECK_INT(occurrences(text, "# TYPE evtop_mock_faults_total "), 1);
	CHECK_INT(occurrences(text, "# HELP evtop_mock_faults_total "), 1);
	free(text);
	metrics_free(mt);

	/* Nothing recorded yet (or no metrics at all) is still valid. */
	text = NULL;
	f = open_memstream(&text, &len);
	metrics_write(NULL, f);
	fclose(f);
	CHECK(valid_exposition(text));
	CHECK(strstr(text, "_count 0\n") != NULL);
	free(text);
}

TEST_MAIN(
	TEST_CASE(test_ratelimit_parse),
	TEST_CASE(test_ratelimit_window),
	TEST_CASE(test_ratelimit_sweep),
	TEST_CASE(test_fault_parse),
	TEST_CASE(test_fault_draws),
	TEST_CASE(test_cache_validity),
	TEST_CASE(test_cache_bounds),
	TEST_CASE(test_etag_matching),
	TEST_CASE(test_if_match),
	TEST_CASE(test_request_headers),
	TEST_CASE(test_metrics_text))
