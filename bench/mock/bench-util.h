/*
 * What the bench/mock tools share: a clock, latency percentiles, the open
 * file limit, and blocking JSON requests to evtop-mock for setting a run
 * up (the measured requests never go through these).
 */
#ifndef EVTOP_BENCH_UTIL_H
#define EVTOP_BENCH_UTIL_H

#include <jansson.h>
#include <stddef.h>

struct bench_reply {
	long	 status;	/* 0 when no answer came */
	char	*body;
	size_t	 len;
	json_t	*json;		/* NULL when the body is not JSON */
};

/* Latency figures over a set of samples, in milliseconds. */
struct bench_stats {
	size_t	n;
	double	p50;
	double	p95;
	double	p99;
	double	max;
};

/* Monotonic milliseconds. */
double	 bench_now_ms(void);

/*
 * Raises the soft RLIMIT_NOFILE to the hard limit: one socket per client.
 * Returns the soft limit now in force.
 */
long	 bench_raise_nofile(void);

/* Sorts v (n samples, ms) and fills *st; all zero when n is 0. */
void	 bench_stats(double *v, size_t n, struct bench_stats *st);

/*
 * One blocking request to base + path on a kept-alive connection; body
 * (JSON) and token may be NULL.  Free the reply with bench_reply_done.
 */
void	 bench_http(const char *base, const char *method, const char *path,
	     const char *body, const char *token, struct bench_reply *);
void	 bench_reply_done(struct bench_reply *);
/* The reply's "message", or a description of what came back. */
const char *bench_reply_message(const struct bench_reply *);

/* Signs in (POST /api/auth/login): a new token or NULL with a sentence. */
char	*bench_login(const char *base, const char *email,
	     const char *password, char **cause);

#endif
