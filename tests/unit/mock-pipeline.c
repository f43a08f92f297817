/*
 * evtop-mock's request pipeline in-process, with the real routes and a
 * seeded store: the GET cache and its invalidation, If-None-Match on
 * cached answers, the Idempotency-Key store, the rate limit and injected
 * errors.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "auth.h"
#include "cache.h"
#include "db.h"
#include "fault.h"
#include "http.h"
#include "hub.h"
#include "idempotency.h"
#include "metrics.h"
#include "mock.h"
#include "pipeline.h"
#include "query.h"
#include "ratelimit.h"
#include "seed.h"
#include "test.h"

static struct mock	m;
static char		*tok_admin, *tok_attendee, *tok_staff;

/* A token for a demo account, signed by this mock. */
static char *
token_for(const char *email)
{
	sqlite3_stmt	*stmt;
	char		*token = NULL;

	stmt = db_stmt(m.db, "SELECT id, role FROM users WHERE email = ?");
	sqlite3_bind_text(stmt, 1, email, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		token = auth_sign_token(m.auth, sqlite3_column_int64(stmt, 0),
		    db_text(stmt, 1), email, time(NULL));
	sqlite3_reset(stmt);
	return (token);
}

static void
setup(const char *path)
{
	sqlite3_stmt	*stmt;
	char		*cause = NULL;

	memset(&m, 0, sizeof m);
	m.auth = auth_new("0123456789abcdef0123456789abcdef", 32, 4, 3600);
	m.db = db_open(path, &cause);
	m.hub = hub_new(64, 64);
	m.cache = cache_new(CACHE_ENTRIES_DEFAULT, CACHE_BYTES_DEFAULT);
	m.metrics = metrics_new();
	CHECK(m.db != NULL);
	if (m.db == NULL)
		exit(1);
	stmt = db_stmt(m.db, "SELECT COUNT(*) FROM users");
	if (db_int(m.db, stmt, 0) == 0)
		CHECK_INT(seed_demo(&m, time(NULL), 6, &cause), 0);
	tok_admin = token_for("admin@example.com");
	tok_attendee = token_for("attendee@example.com");
	tok_staff = token_for("staff@example.com");
}

static void
teardown(void)
{
	free(tok_admin);
	free(tok_attendee);
	free(tok_staff);
	ratelimit_free(m.ratelimit);
	fault_free(m.fault);
	cache_free(m.cache);
	metrics_free(m.metrics);
	hub_free(m.hub);
	db_close(m.db);
	auth_free(m.auth);
	memset(&m, 0, sizeof m);
}

struct answer {
	int	 status;
	char	*body;
	char	*etag;
	char	*replayed;	/* Idempotent-Replayed */
	char	*retry_after;
	char	*remaining;	/* RateLimit-Remaining */
	json_t	*json;
};

static void
answer_done(struct answer *a)
{
	free(a->body);
	free(a->etag);
	free(a->replayed);
	free(a->retry_after);
	free(a->remaining);
	json_decref(a->json);
	memset(a, 0, sizeof *a);
}

static char *
dup_or_null(const char *s)
{
	return (s != NULL ? strdup(s) : NULL);
}

/*
 * One request through the pipeline.  headers is NULL or "Name: value"
 * lines separated by '\n'.
 */
static void
serve(enum http_method method, const char *path, const char *query,
    const char *token, const char *headers, const char *body,
    struct answer *a)
{
	struct http_req	*req;
	const char	*b;
	char		*h, *line, *rest, *colon, auth[2048];
	size_t		 len;

	memset(a, 0, sizeof *a);
	req = http_req_new(method, path);
	http_req_set_peer(req, "127.0.0.1");
	if (query != NULL)
		query_parse(http_req_query(req), query);
	if (token != NULL) {
		snprintf(auth, sizeof auth, "Bearer %s", token);
		http_req_set_header(req, "authorization", auth);
	}
	if (headers != NULL) {
		h = rest = strdup(headers);
		while ((line = strsep(&rest, "\n")) != NULL) {
			if ((colon = strchr(line, ':')) == NULL)
				continue;
			*colon = '\0';
			http_req_set_header(req, line, colon + 2);
		}
		free(h);
	}
	if (body != NULL)
		http_req_append_body(req, body, strlen(body));
	pipeline_serve(&m, req);
	a->status = http_res_status(req);
	b = http_res_body(req, &len);
	a->body = strndup(b, len);
	a->json = json_loadb(b, len, 0, NULL);
	a->etag = dup_or_null(http_res_header_get(req, "ETag"));
	a->replayed = dup_or_null(http_res_header_get(req,
	    "Idempotent-Replayed"));
	a->retry_after = dup_or_null(http_res_header_get(req, "Retry-After"));
	a->remaining = dup_or_null(http_res_header_get(req,
	    "RateLimit-Remaining"));
	http_req_free(req);
}

static int64_t
count(const char *sql)
{
	return (db_int(m.db, db_stmt(m.db, sql), -1));
}

static int64_t
confirmed_of_event_1(void)
{
	struct answer	a;
	int64_t		n;

	serve(HTTP_GET, "/api/events/1", NULL, NULL, NULL, NULL, &a);
	n = json_integer_value(json_object_get(json_object_get(a.json,
	    "event"), "current_registrations"));
	answer_done(&a);
	return (n);
}

static void
test_cache_hits_and_invalidation(void)
{
	struct answer		a, b;
	struct cache_stats	st;
	int64_t			before;
	time_t			now;
	int			same;

	setup(NULL);
	/* Both in one second, or the second would rightly be a miss. */
	do {
		cache_stats(m.cache, &st);
		before = (int64_t)st.hits;
		now = time(NULL);
		serve(HTTP_GET, "/api/events", "per_page=5", NULL, NULL, NULL,
		    &a);
		serve(HTTP_GET, "/api/events", "per_page=5", NULL, NULL, NULL,
		    &b);
		same = (time(NULL) == now);
		if (!same) {
			answer_done(&a);
			answer_done(&b);
		}
	} while (!same);
	CHECK_INT(a.status, 200);
	CHECK(a.etag != NULL);
	CHECK_INT(b.status, 200);
	CHECK_STR(b.body, a.body);
	CHECK_STR(b.etag, a.etag);
	cache_stats(m.cache, &st);
	CHECK_INT((int64_t)st.hits - before, 1);
	answer_done(&b);

	/* Another query is another answer. */
	serve(HTTP_GET, "/api/events", "per_page=6", NULL, NULL, NULL, &b);
	CHECK(strcmp(b.body, a.body) != 0);
	answer_done(&b);
	answer_done(&a);

	/* A write anywhere: the next GET sees it, never the old answer. */
	before = confirmed_of_event_1();
	CHECK_INT(confirmed_of_event_1(), before);
	serve(HTTP_POST, "/api/events/1/register", NULL, tok_attendee, NULL,
	    NULL, &a);
	CHECK_INT(a.status, 201);
	answer_done(&a);
	CHECK_INT(confirmed_of_event_1(), before + 1);
	serve(HTTP_DELETE, "/api/events/1/register", NULL, tok_attendee, NULL,
	    NULL, &a);
	CHECK_INT(a.status, 200);
	answer_done(&a);
	CHECK_INT(confirmed_of_event_1(), before);
	teardown();
}

/* The answer may depend on who asks: each caller has entries of its own. */
static void
test_cache_per_caller(void)
{
	struct answer		a;
	struct cache_stats	st;
	size_t			entries;

	setup(NULL);
	serve(HTTP_GET, "/api/users/profile", NULL, tok_admin, NULL, NULL, &a);
	CHECK_INT(a.status, 200);
	CHECK(strstr(a.body, "admin@example.com") != NULL);
	answer_done(&a);
	serve(HTTP_GET, "/api/users/profile", NULL, tok_staff, NULL, NULL, &a);
	CHECK_INT(a.status, 200);
	CHECK(strstr(a.body, "staff@example.com") != NULL);
	answer_done(&a);
	serve(HTTP_GET, "/api/users/profile", NULL, NULL, NULL, NULL, &a);
	CHECK_INT(a.status, 401);
	answer_done(&a);
	serve(HTTP_GET, "/api/users/profile", NULL, "forged", NULL, NULL, &a);
	CHECK_INT(a.status, 401);
	answer_done(&a);
	serve(HTTP_GET, "/api/users/profile", NULL, tok_admin, NULL, NULL, &a);
	CHECK(strstr(a.body, "admin@example.com") != NULL);
	answer_done(&a);

	/* What handlers mark as uncacheable is never kept. */
	cache_stats(m.cache, &st);
	entries = st.entries;
	serve(HTTP_GET, "/api/health", NULL, NULL, NULL, NULL, &a);
	CHECK_INT(a.status, 200);
	answer_done(&a);
	serve(HTTP_GET, "/metrics", NULL, NULL, NULL, NULL, &a);
	CHECK_INT(a.status, 200);
	answer_done(&a);
	cache_stats(m.cache, &st);
	CHECK_INT(st.entries, entries);
	teardown();
}

static void
test_cache_not_modified(void)
{
	struct answer	a, b;
	char		hdr[256];

	setup(NULL);
	serve(HTTP_GET, "/api/events/1", NULL, NULL, NULL, NULL, &a);
	CHECK_INT(a.status, 200);
	CHECK(a.etag != NULL);

	/* Twice: once answered by the route, once from the cache. */
	snprintf(hdr, sizeof hdr, "If-None-Match: %s", a.etag);
	serve(HTTP_GET, "/api/events/1", NULL, NULL, hdr, NULL, &b);
	CHECK_INT(b.status, 304);
	CHECK_STR(b.body, "");
	CHECK_STR(b.etag, a.etag);
	answer_done(&b);
	serve(HTTP_GET, "/api/events/1", NULL, NULL, hdr, NULL, &b);
	CHECK_INT(b.status, 304);
	answer_done(&b);
	snprintf(hdr, sizeof hdr, "If-None-Match: \"nope\", W/%s", a.etag);
	serve(HTTP_GET, "/api/events/1", NULL, NULL, hdr, NULL, &b);
	CHECK_INT(b.status, 304);
	answer_done(&b);
	serve(HTTP_GET, "/api/events/1", NULL, NULL, "If-None-Match: \"nope\"",
	    NULL, &b);
	CHECK_INT(b.status, 200);
	CHECK_STR(b.body, a.body);
	answer_done(&b);
	serve(HTTP_HEAD, "/api/events/1", NULL, NULL, NULL, NULL, &b);
	CHECK_INT(b.status, 200);
	CHECK_STR(b.etag, a.etag);
	answer_done(&b);

	/* After a change the old tag no longer matches. */
	serve(HTTP_POST, "/api/events/1/register", NULL, tok_attendee, NULL,
	    NULL, &b);
	answer_done(&b);
	snprintf(hdr, sizeof hdr, "If-None-Match: %s", a.etag);
	serve(HTTP_GET, "/api/events/1", NULL, NULL, hdr, NULL, &b);
	CHECK_INT(b.status, 200);
	CHECK(strcmp(b.etag, a.etag) != 0);
	answer_done(&b);
	answer_done(&a);
	teardown();
}

static void
test_idempotent_replay(void)
{
	struct answer	a, b;
	int64_t		regs;
	char		key[300];

	setup(NULL);
	regs = count("SELECT COUNT(*) FROM registrations");
	serve(HTTP_POST, "/api/events/1/register", NULL, tok_attendee,
	    "Idempotency-Key: k-1", NULL, &a);
	CHECK_INT(a.status, 201);
	CHECK(a.replayed == NULL);
	serve(HTTP_POST, "/api/events/1/register", NULL, tok_attendee,
	    "Idempotency-Key: k-1", NULL, &b);
	CHECK_INT(b.status, 201);
	CHECK_STR(b.body, a.body);
	CHECK_STR(b.replayed, "true");
	answer_done(&b);
	CHECK_INT(count("SELECT COUNT(*) FROM registrations"), regs + 1);
	CHECK_INT(metrics_get(m.metrics, METRICS_IDEMPOTENT_REPLAY), 1);

	/* The same key for another request: refused, nothing done. */
	serve(HTTP_DELETE, "/api/events/1/register", NULL, tok_attendee,
	    "Idempotency-Key: k-1", NULL, &b);
	CHECK_INT(b.status, 422);
	CHECK(strstr(json_string_value(json_object_get(b.json, "message")),
	    "POST /api/events/1/register") != NULL);
	answer_done(&b);
	serve(HTTP_POST, "/api/events/2/register", NULL, tok_attendee,
	    "Idempotency-Key: k-1", NULL, &b);
	CHECK_INT(b.status, 422);
	answer_done(&b);
	serve(HTTP_POST, "/api/events/1/register", NULL, tok_attendee,
	    "Idempotency-Key: k-1", "{\"note\":1}", &b);
	CHECK_INT(b.status, 422);
	CHECK(strstr(b.body, "different body") != NULL);
	answer_done(&b);
	CHECK_INT(count("SELECT COUNT(*) FROM registrations"), regs + 1);

	/* Keys belong to their caller: another user's k-1 is new. */
	serve(HTTP_POST, "/api/events/1/register", NULL, tok_staff,
	    "Idempotency-Key: k-1", NULL, &b);
	CHECK_INT(b.status, 201);
	CHECK(b.replayed == NULL);
	answer_done(&b);
	CHECK_INT(count("SELECT COUNT(*) FROM registrations"), regs + 2);

	/* Errors are answers too (below 500): the 400 is replayed. */
	serve(HTTP_POST, "/api/events/1/register", NULL, tok_attendee,
	    "Idempotency-Key: k-2", NULL, &b);
	CHECK_INT(b.status, 400);
	CHECK(b.replayed == NULL);
	answer_done(&b);
	serve(HTTP_POST, "/api/events/1/register", NULL, tok_attendee,
	    "Idempotency-Key: k-2", NULL, &b);
	CHECK_INT(b.status, 400);
	CHECK_STR(b.replayed, "true");
	answer_done(&b);

	/* Malformed keys. */
	memset(key, 'k', sizeof key);
	memcpy(key, "Idempotency-Key: ", 17);
	key[17 + IDEMPOTENCY_KEY_MAX] = '\0';
	serve(HTTP_DELETE, "/api/events/1/register", NULL, tok_attendee, key,
	    NULL, &b);
	CHECK_INT(b.status, 200);		/* 255 bytes: fine */
	answer_done(&b);
	key[17 + IDEMPOTENCY_KEY_MAX] = 'k';
	key[17 + IDEMPOTENCY_KEY_MAX + 1] = '\0';
	serve(HTTP_POST, "/api/events/1/register", NULL, tok_attendee, key,
	    NULL, &b);
	CHECK_INT(b.status, 400);
	CHECK(strstr(b.body, "255") != NULL);
	answer_done(&b);
	serve(HTTP_POST, "/api/events/1/register", NULL, tok_attendee,
	    "Idempotency-Key: ", NULL, &b);
	CHECK_INT(b.status, 400);
	answer_done(&b);

	/* A GET ignores the header. */
	serve(HTTP_GET, "/api/events/1", NULL, NULL, "Idempotency-Key: k-1",
	    NULL, &b);
	CHECK_INT(b.status, 200);
	answer_done(&b);
	answer_done(&a);
	teardown();
}

/* A server error is not kept: retrying it with the same key acts. */
static void
test_idempotent_after_fault(void)
{
	struct fault_spec	spec;
	struct answer		a;
	int64_t			regs;

	setup(NULL);
	memset(&spec, 0, sizeof spec);
	spec.error_rate = 1;
	m.fault = fault_new(&spec, 7);
	regs = count("SELECT COUNT(*) FROM registrations");
	serve(HTTP_POST, "/api/events/1/register", NULL, tok_attendee,
	    "Idempotency-Key: retry-me", NULL, &a);
	CHECK(a.status == 500 || a.status == 503);
	CHECK(json_is_string(json_object_get(a.json, "message")));
	if (a.status == 503)
		CHECK_STR(a.retry_after, "1");
	answer_done(&a);
	CHECK_INT(count("SELECT COUNT(*) FROM registrations"), regs);
	CHECK_INT(count("SELECT COUNT(*) FROM idempotency_keys"), 0);
	CHECK_INT(metrics_get(m.metrics, METRICS_FAULT_ERROR), 1);

	/* Outside /api nothing is injected. */
	serve(HTTP_GET, "/health", NULL, NULL, NULL, NULL, &a);
	CHECK_INT(a.status, 200);
	answer_done(&a);
	serve(HTTP_GET, "/metrics", NULL, NULL, NULL, NULL, &a);
	CHECK_INT(a.status, 200);
	answer_done(&a);

	fault_free(m.fault);
	m.fault = NULL;
	serve(HTTP_POST, "/api/events/1/register", NULL, tok_attendee,
	    "Idempotency-Key: retry-me", NULL, &a);
	CHECK_INT(a.status, 201);
	CHECK(a.replayed == NULL);
	answer_done(&a);
	CHECK_INT(count("SELECT COUNT(*) FROM registrations"), regs + 1);
	teardown();
}

/* Kept in the database: a restart with --db replays; 24 h forgets. */
static void
test_idempotent_lifetime(void)
{
	struct http_req	*req;
	struct answer	 a, b;
	char		 path[] = "/tmp/evtop-mock-pipeline-XXXXXX";
	int		 fd;
	time_t		 now = time(NULL);

	fd = mkstemp(path);
	CHECK(fd >= 0);
	close(fd);
	setup(path);
	serve(HTTP_POST, "/api/events/1/register", NULL, tok_attendee,
	    "Idempotency-Key: survive", NULL, &a);
	CHECK_INT(a.status, 201);
	teardown();

	setup(path);
	serve(HTTP_POST, "/api/events/1/register", NULL, tok_attendee,
	    "Idempotency-Key: survive", NULL, &b);
	CHECK_INT(b.status, 201);
	CHECK_STR(b.replayed, "true");
	CHECK_STR(b.body, a.body);
	answer_done(&b);
	answer_done(&a);

	/*
	 * The rest runs on a clock of its own, from after the keyed
	 * requests above, which the server stamped with the real time.
	 */
	now = time(NULL);

	/* Server errors are not kept: a retry should be able to succeed. */
	req = http_req_new(HTTP_POST, "/api/events/1/register");
	CHECK_INT(idempotency_check(m.db, "user:1", "5xx", req, now), 0);
	http_reply_error(req, 503, "busy");
	idempotency_save(m.db, "user:1", "5xx", req, now);
	http_req_free(req);
	req = http_req_new(HTTP_POST, "/api/events/1/register");
	CHECK_INT(idempotency_check(m.db, "user:1", "5xx", req, now), 0);
	http_req_free(req);

	/* A day later the key is forgotten (and purged). */
	req = http_req_new(HTTP_POST, "/api/events/1/register");
	CHECK_INT(idempotency_check(m.db, "user:1", "old", req, now), 0);
	http_reply_error(req, 400, "kept");
	idempotency_save(m.db, "user:1", "old", req, now);
	http_req_free(req);
	req = http_req_new(HTTP_POST, "/api/events/1/register");
	CHECK_INT(idempotency_check(m.db, "user:1", "old", req,
	    now + IDEMPOTENCY_TTL - 1), 1);
	CHECK_INT(http_res_status(req), 400);
	http_req_free(req);
	req = http_req_new(HTTP_POST, "/api/events/1/register");
	CHECK_INT(idempotency_check(m.db, "user:1", "old", req,
	    now + IDEMPOTENCY_TTL + 1), 0);
	CHECK_INT(http_res_answered(req), 0);
	http_req_free(req);
	CHECK_INT(count("SELECT COUNT(*) FROM idempotency_keys"), 0);
	teardown();
	test_remove_sqlite(path);
}

static void
test_rate_limit(void)
{
	struct answer	a;
	int		i;

	setup(NULL);
	m.ratelimit = ratelimit_new(3, 3600);
	for (i = 0; i < 3; i++) {
		serve(HTTP_GET, "/api/events/1", NULL, NULL, NULL, NULL, &a);
		CHECK_INT(a.status, 200);
		CHECK_INT(atoi(a.remaining), 2 - i);
		answer_done(&a);
	}
	serve(HTTP_POST, "/api/events/1/register", NULL, tok_attendee, NULL,
	    NULL, &a);
	CHECK_INT(a.status, 429);
	CHECK(strstr(json_string_value(json_object_get(a.json, "message")),
	    "Too many requests") != NULL);
	CHECK(a.retry_after != NULL && atoi(a.retry_after) > 0);
	CHECK_STR(a.remaining, "0");
	answer_done(&a);
	/* Nothing ran. */
	CHECK_INT(count("SELECT COUNT(*) FROM registrations WHERE event_id = 1"
	    " AND user_id = (SELECT id FROM users WHERE email ="
	    " 'attendee@example.com')"), 0);
	/* Health checks are exempt, and say how things stand. */
	serve(HTTP_GET, "/api/health", NULL, NULL, NULL, NULL, &a);
	CHECK_INT(a.status, 200);
	CHECK_STR(a.remaining, "0");
	answer_done(&a);
	CHECK_INT(metrics_get(m.metrics, METRICS_RATE_LIMITED), 1);
	teardown();
}

/* What the server glue answered itself (413) stays answered. */
static void
test_pre_answered(void)
{
	struct http_req	*req;

	setup(NULL);
	req = http_req_new(HTTP_POST, "/api/auth/login");
	http_reply_error(req, 413, "Request body is too large");
	pipeline_serve(&m, req);
	CHECK_INT(http_res_status(req), 413);
	http_req_free(req);

	/* A request that nobody answered is routed (404 JSON here). */
	req = http_req_new(HTTP_GET, "/api/nothing");
	pipeline_serve(&m, req);
	CHECK_INT(http_res_status(req), 404);
	CHECK_STR(http_res_content_type(req), "application/json");
	http_req_free(req);
	teardown();
}

TEST_MAIN(
	TEST_CASE(test_cache_hits_and_invalidation),
	TEST_CASE(test_cache_per_caller),
	TEST_CASE(test_cache_not_modified),
	TEST_CASE(test_idempotent_replay),
	TEST_CASE(test_idempotent_after_fault),
	TEST_CASE(test_idempotent_lifetime),
	TEST_CASE(test_rate_limit),
	TEST_CASE(test_pre_answered))
