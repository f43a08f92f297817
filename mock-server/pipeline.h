/*
 * What every HTTP request goes through, whatever its route, independent
 * of libwebsockets (server.c reads the socket, then calls this):
 *
 *   1. the rate limit (--rate-limit), per client address: 429 when over,
 *      RateLimit-* headers on every answer;
 *   2. injected errors (--fault error-rate) on /api, before any handler;
 *   3. for POST/PUT/PATCH/DELETE with an Idempotency-Key: a replay of the
 *      first answer (idempotency.h);
 *   4. for GET/HEAD: the answer cache (cache.h); If-None-Match is taken
 *      off the request before the route runs and applied to its answer,
 *      so a 304 and a 200 share one entry;
 *   5. the router (auth, handler, ETag).
 *
 * /health, /api/health and /metrics are exempt from the rate limit (they
 * are not counted, and never refused) so probes keep working; they still
 * carry the headers.  What a handler marks with http_reply_no_cache()
 * (health's uptime, /metrics) is never cached.
 */
#ifndef EVTOP_MOCK_PIPELINE_H
#define EVTOP_MOCK_PIPELINE_H

struct http_req;
struct mock;

/*
 * Answers req.  A request the server glue has already answered (413) only
 * goes through step 1.
 */
void	pipeline_serve(struct mock *, struct http_req *);

/* 1 for the paths the rate limit leaves alone. */
int	pipeline_exempt(const char *path);

#endif
