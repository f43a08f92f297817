#include "bench-util.h"

#include <sys/resource.h>

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "xmalloc.h"

/* Seconds: a guard against a hung server while setting up, not a figure. */
#define BENCH_HTTP_DEADLINE	120

double
bench_now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6);
}

long
bench_raise_nofile(void)
{
	struct rlimit	rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
		return (-1);
	if (rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		if (setrlimit(RLIMIT_NOFILE, &rl) != 0)
			getrlimit(RLIMIT_NOFILE, &rl);
	}
	return (rl.rlim_cur == RLIM_INFINITY ? -1 : (long)rl.rlim_cur);
}

static int
bench_cmp_double(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return ((x > y) - (x < y));
}

/* The nearest-rank percentile of sorted v. */
static double
bench_rank(const double *v, size_t n, double p)
{
	size_t	i;

	i = (size_t)(p / 100.0 * (double)n + 0.999999);
	if (i < 1)
		i = 1;
	if (i > n)
		i = n;
	return (v[i - 1]);
}

void
bench_stats(double *v, size_t n, struct bench_stats *st)
{
	memset(st, 0, sizeof *st);
	st->n = n;
	if (n == 0)
		return;
	qsort(v, n, sizeof *v, bench_cmp_double);
	st->p50 = bench_rank(v, n, 50);
	st->p95 = bench_rank(v, n, 95);
	st->p99 = bench_rank(v, n, 99);
	st->max = v[n - 1];
}

static size_t
bench_http_write(char *data, size_t size, size_t n, void *arg)
{
	struct bench_reply	*r = arg;

	r->body = xrealloc(r->body, r->len + size * n + 1);
	memcpy(r->body + r->len, data, size * n);
	r->len += size * n;
	r->body[r->len] = '\0';
	return (size * n);
}

void
bench_http(const char *base, const char *method, const char *path,
    const char *body, const char *token, struct bench_reply *r)
{
	static CURL		*curl;
	struct curl_slist	*headers = NULL;
	char			*url, *auth = NULL;

	memset(r, 0, sizeof *r);
	if (curl == NULL && (curl = curl_easy_init()) == NULL)
		return;
	curl_easy_reset(curl);
	xasprintf(&url, "%s%s", base, path);
	curl_easy_setopt(curl, CURLOPT_URL, url);
	curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, bench_http_write);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, r);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, (long)BENCH_HTTP_DEADLINE);
	headers = curl_slist_append(headers, "Content-Type: application/json");
	if (token != NULL) {
		xasprintf(&auth, "Authorization: Bearer %s", token);
		headers = curl_slist_append(headers, auth);
	}
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
	if (body != NULL) {
		curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE,
		    (long)strlen(body));
	}
	if (curl_easy_perform(curl) == CURLE_OK)
		curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &r->status);
	curl_slist_free_all(headers);
	free(auth);
	free(url);
	if (r->body != NULL)
		r->json = json_loadb(r->body, r->len, 0, NULL);
}

void
bench_reply_done(struct bench_reply *r)
{
	free(r->body);
	json_decref(r->json);
	memset(r, 0, sizeof *r);
}

const char *
bench_reply_message(const struct bench_reply *r)
{
	const char	*s;

	if (r->status == 0)
		return ("no answer");
	s = json_string_value(json_object_get(r->json, "message"));
	return (s != NULL ? s : "an answer without a message");
}

char *
bench_login(const char *base, const char *email, const char *password,
    char **cause)
{
	struct bench_reply	 r;
	json_t			*body;
	char			*text, *token = NULL;
	const char		*s;

	body = json_pack("{ss ss}", "email", email, "password", password);
	text = json_dumps(body, JSON_COMPACT);
	json_decref(body);
	bench_http(base, "POST", "/api/auth/login", text, NULL, &r);
	free(text);
	s = json_string_value(json_object_get(r.json, "token"));
	if (r.status == 200 && s != NULL)
		token = xstrdup(s);
	else
		xasprintf(cause, "cannot sign in as %s: %ld %s", email,
		    r.status, bench_reply_message(&r));
	bench_reply_done(&r);
	return (token);
}
