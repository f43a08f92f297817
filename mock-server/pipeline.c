#include "pipeline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth.h"
#include "buf.h"
#include "cache.h"
#include "clock.h"
#include "db.h"
#include "fault.h"
#include "http.h"
#include "idempotency.h"
#include "metrics.h"
#include "mock.h"
#include "query.h"
#include "ratelimit.h"
#include "router.h"
#include "routes.h"
#include "xmalloc.h"

static const char *const pipeline_exempt_paths[] = {
	"/health", "/api/health", "/metrics"
};

int
pipeline_exempt(const char *path)
{
	size_t	i;

	for (i = 0; i < sizeof pipeline_exempt_paths /
	    sizeof pipeline_exempt_paths[0]; i++) {
		if (strcmp(path, pipeline_exempt_paths[i]) == 0)
			return (1);
	}
	return (0);
}

/*
 * Step 1: 0 to go on, -1 when refused with 429.  *info is filled for the
 * headers either way (limit 0: no limit configured).
 */
static int
pipeline_rate_limit(struct mock *m, struct http_req *req,
    struct ratelimit_info *info)
{
	const char	*peer = http_req_peer(req);
	char		 value[32];

	memset(info, 0, sizeof *info);
	if (m->ratelimit == NULL)
		return (0);
	if (peer == NULL)
		peer = "local";
	if (pipeline_exempt(http_req_path(req))) {
		ratelimit_peek(m->ratelimit, peer, mock_now_monotonic(), info);
		return (0);
	}
	if (ratelimit_take(m->ratelimit, peer, mock_now_monotonic(), info))
		return (0);
	metrics_count(m->metrics, METRICS_RATE_LIMITED);
	http_reply_error(req, 429, "Too many requests: at most %u in %u s "
	    "from one address; try again in %u s", info->limit, info->window,
	    info->reset);
	snprintf(value, sizeof value, "%u", info->reset);
	http_reply_add_header(req, "Retry-After", value);
	return (-1);
}

static void
pipeline_rate_headers(struct http_req *req, const struct ratelimit_info *info)
{
	char	value[32];

	if (info->limit == 0)
		return;
	snprintf(value, sizeof value, "%u", info->limit);
	http_reply_add_header(req, "RateLimit-Limit", value);
	snprintf(value, sizeof value, "%u", info->remaining);
	http_reply_add_header(req, "RateLimit-Remaining", value);
	snprintf(value, sizeof value, "%u", info->reset);
	http_reply_add_header(req, "RateLimit-Reset", value);
}

/* Step 2: 1 when an injected error answered req. */
static int
pipeline_fault(struct mock *m, struct http_req *req)
{
	const char	*path = http_req_path(req);
	int		 status;

	if (m->fault == NULL || (strcmp(path, "/api") != 0 &&
	    strncmp(path, "/api/", 5) != 0))
		return (0);
	if ((status = fault_draw_error(m->fault)) == 0)
		return (0);
	metrics_count(m->metrics, METRICS_FAULT_ERROR);
	if (status == 503) {
		http_reply_error(req, 503, "Service unavailable (a fault "
		    "injected by --fault error-rate): nothing was done; try "
		    "again in 1 s");
		http_reply_add_header(req, "Retry-After", "1");
	} else
		http_reply_error(req, 500, "Internal server error (a fault "
		    "injected by --fault error-rate): nothing was done");
	return (1);
}

/* Who is asking, for the idempotency store: the user, or the address. */
static void
pipeline_caller(const struct http_req *req, char *out, size_t size)
{
	const struct auth_claims	*claims = http_req_claims(req);

	if (claims != NULL)
		snprintf(out, size, "user:%lld", (long long)claims->user_id);
	else
		snprintf(out, size, "addr:%s", http_req_peer(req) != NULL ?
		    http_req_peer(req) : "local");
}

/* Step 3: a write with an Idempotency-Key. */
static void
pipeline_idempotent(struct mock *m, struct http_req *req, const char *key)
{
	char	caller[96];
	time_t	now = clock_now();

	pipeline_caller(req, caller, sizeof caller);
	if (idempotency_check(m->db, caller, key, req, now) != 0) {
		if (http_res_header_get(req, "Idempotent-Replayed") != NULL)
			metrics_count(m->metrics, METRICS_IDEMPOTENT_REPLAY);
		return;
	}
	routes_dispatch(m, req);
	idempotency_save(m->db, caller, key, req, now);
}

static void
pipeline_key_add(struct buf *k, const char *s)
{
	buf_add(k, s, strlen(s) + 1);	/* the NUL ends each part */
}

/*
 * The cache key: who asks (the answer may depend on the user and role),
 * the path and the query.  No part can hold a NUL, so NULs between them
 * keep any two requests apart; no formatting on the way.
 */
static void
pipeline_cache_key(struct http_req *req, struct buf *k)
{
	const struct auth_claims	*claims = http_req_claims(req);
	const struct query		*q = http_req_query(req);
	const char			*name, *value;
	char				 id[24], *p;
	uint64_t			 n;
	size_t				 i;

	p = id + sizeof id;
	*--p = '\0';
	n = claims != NULL ? (uint64_t)claims->user_id : 0;
	do
		*--p = (char)('0' + n % 10);
	while ((n /= 10) != 0);
	pipeline_key_add(k, p);
	pipeline_key_add(k, claims != NULL ? claims->role : "");
	pipeline_key_add(k, http_req_path(req));
	for (i = 0; i < query_count(q); i++) {
		query_at(q, i, &name, &value);
		pipeline_key_add(k, name);
		pipeline_key_add(k, value);
	}
}

/* Step 4: a GET or HEAD, through the cache when there is one. */
static void
pipeline_cached(struct mock *m, struct http_req *req)
{
	sqlite3			*sqlite = db_handle(m->db);
	sqlite3_int64		 generation;
	struct buf		 key;
	char			*inm;
	time_t			 now;

	if (m->cache == NULL) {
		routes_dispatch(m, req);
		return;
	}
	/* The 304 is decided here, so the full answer can be kept. */
	inm = http_req_take_header(req, "if-none-match");
	buf_init(&key);
	pipeline_cache_key(req, &key);
	now = clock_now();
	generation = sqlite3_total_changes64(sqlite);
	if (!cache_get(m->cache, key.data, key.len, (uint64_t)generation, now,
	    req)) {
		routes_dispatch(m, req);
		/* A GET that wrote something must run every time. */
		if (http_res_status(req) == 200 && !http_res_no_cache(req) &&
		    sqlite3_total_changes64(sqlite) == generation &&
		    clock_now() == now)
			cache_put(m->cache, key.data, key.len,
			    (uint64_t)generation, now, req);
	}
	http_reply_check_not_modified(req, inm);
	free(inm);
	buf_done(&key);
}

void
pipeline_serve(struct mock *m, struct http_req *req)
{
	struct ratelimit_info	 info;
	const char		*key;

	if (pipeline_rate_limit(m, req, &info) != 0)
		goto out;
	if (http_res_answered(req) || pipeline_fault(m, req))
		goto out;
	router_authenticate(m, req, NULL);
	switch (http_req_method(req)) {
	case HTTP_POST:
	case HTTP_PUT:
	case HTTP_PATCH:
	case HTTP_DELETE:
		if ((key = http_req_header(req, "idempotency-key")) != NULL)
			pipeline_idempotent(m, req, key);
		else
			routes_dispatch(m, req);
		break;
	case HTTP_GET:
	case HTTP_HEAD:
		pipeline_cached(m, req);
		break;
	default:
		routes_dispatch(m, req);
		break;
	}
out:
	pipeline_rate_headers(req, &info);
}
