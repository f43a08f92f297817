/*
 * The guest list of the big event against evtop-mock:
 *
 * - the CSV export (GET /api/events/:id/guests.csv): its bytes, how long
 *   it takes, and evtop-mock's peak memory while it runs (VmHWM, reset
 *   through /proc/PID/clear_refs just before, so the figure is the
 *   export's own); meanwhile GET /api/health is sent again and again, one
 *   at a time on another connection, to show whether the server goes on
 *   answering during an export;
 * - a deep search: a q that every guest matches, page 9,000 of 50, sent
 *   SEARCH_RUNS times one after the other (each with a different "run"
 *   parameter, which the route ignores, so that the GET cache never
 *   answers).
 *
 * Prints KEY=VALUE lines (a shell can source them) on stdout.
 *
 * Usage: bench-export URL ADMIN_EMAIL ADMIN_PASSWORD EVENT_ID MOCK_PID
 */
#include <curl/curl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench-util.h"
#include "xmalloc.h"

#define SEARCH_QUERY	"q=example&page=9000&per_page=50"
#define SEARCH_RUNS	5
#define SIDE_MAX	100000

struct sink {
	size_t	bytes;
	size_t	lines;		/* the header and a line a guest */
};

static size_t
export_write(char *p, size_t size, size_t n, void *arg)
{
	struct sink	*sink = arg;
	char		*end = p + size * n;

	sink->bytes += size * n;
	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		sink->lines++;
		p++;
	}
	return (size * n);
}

/* A value in kB from /proc/PID/status ("VmHWM"), or -1. */
static long
export_status_kb(long pid, const char *key)
{
	char	 path[64], line[256];
	FILE	*f;
	long	 kb = -1;
	size_t	 len = strlen(key);

	snprintf(path, sizeof path, "/proc/%ld/status", pid);
	if ((f = fopen(path, "r")) == NULL)
		return (-1);
	while (fgets(line, sizeof line, f) != NULL) {
		if (strncmp(line, key, len) == 0 && line[len] == ':') {
			kb = strtol(line + len + 1, NULL, 10);
			break;
		}
	}
	fclose(f);
	return (kb);
}

/* Resets the peak RSS of pid (Linux 4.0 and later): 1 when it worked. */
static int
export_reset_peak(long pid)
{
	char	 path[64];
	FILE	*f;
	int	 ok;

	snprintf(path, sizeof path, "/proc/%ld/clear_refs", pid);
	if ((f = fopen(path, "w")) == NULL)
		return (0);
	ok = fputs("5", f) >= 0;
	return (fclose(f) == 0 && ok);
}

static CURL *
export_easy(const char *url, struct curl_slist *headers, struct sink *sink)
{
	CURL	*e;

	e = curl_easy_init();
	curl_easy_setopt(e, CURLOPT_URL, url);
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, export_write);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, sink);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	return (e);
}

/*
 * The export, with health checks beside it; prints EXPORT_* lines.
 * Returns 0, or -1 when the export did not end well.
 */
static int
export_run(const char *url, const char *token, const char *event, long pid)
{
	struct curl_slist	*headers = NULL;
	struct sink		 sink = { 0 }, side_sink = { 0 };
	CURLM			*multi;
	CURL			*ex, *side;
	CURLMsg			*msg;
	CURLcode		 ex_result = CURLE_OK;
	char			*auth, *ex_url, *side_url;
	double			*samples, started, side_started = 0, took = 0;
	struct bench_stats	 st;
	size_t			 nsamples = 0;
	long			 status = 0, before, peak;
	int			 running, left, reset, ex_done = 0;

	xasprintf(&auth, "Authorization: Bearer %s", token);
	headers = curl_slist_append(headers, auth);
	xasprintf(&ex_url, "%s/api/events/%s/guests.csv", url, event);
	xasprintf(&side_url, "%s/api/health", url);
	samples = xreallocarray(NULL, SIDE_MAX, sizeof *samples);
	multi = curl_multi_init();
	ex = export_easy(ex_url, headers, &sink);
	side = export_easy(side_url, NULL, &side_sink);

	before = export_status_kb(pid, "VmRSS");
	reset = export_reset_peak(pid);
	started = bench_now_ms();
	curl_multi_add_handle(multi, ex);
	side_started = bench_now_ms();
	curl_multi_add_handle(multi, side);
	do {
		curl_multi_perform(multi, &running);
		while ((msg = curl_multi_info_read(multi, &left)) != NULL) {
			if (msg->msg != CURLMSG_DONE)
				continue;
			curl_multi_remove_handle(multi, msg->easy_handle);
			if (msg->easy_handle == ex) {
				ex_result = msg->data.result;
				curl_easy_getinfo(ex, CURLINFO_RESPONSE_CODE,
				    &status);
				took = bench_now_ms() - started;
				ex_done = 1;
				continue;
			}
			/* A health check answered: send the next one. */
			if (nsamples < SIDE_MAX)
				samples[nsamples++] = bench_now_ms() -
				    side_started;
			if (!ex_done) {
				side_started = bench_now_ms();
				curl_multi_add_handle(multi, side);
			}
		}
		if (running > 0)
			curl_multi_poll(multi, NULL, 0, 100, NULL);
	} while (running > 0 || !ex_done);
	peak = export_status_kb(pid, "VmHWM");

	bench_stats(samples, nsamples, &st);
	printf("EXPORT_STATUS=%ld\n", status);
	printf("EXPORT_OK=%d\n", ex_result == CURLE_OK && status == 200);
	printf("EXPORT_BYTES=%zu\n", sink.bytes);
	printf("EXPORT_ROWS=%zu\n", sink.lines > 0 ? sink.lines - 1 : 0);
	printf("EXPORT_MS=%.0f\n", took);
	printf("EXPORT_RSS_BEFORE_KB=%ld\n", before);
	printf("EXPORT_PEAK_KB=%ld\n", peak);
	printf("EXPORT_PEAK_RESET=%d\n", reset);
	printf("EXPORT_SIDE_N=%zu\n", st.n);
	printf("EXPORT_SIDE_P50=%.2f\n", st.p50);
	printf("EXPORT_SIDE_MAX=%.2f\n", st.max);
	if (ex_result != CURLE_OK)
		fprintf(stderr, "bench-export: export: %s\n",
		    curl_easy_strerror(ex_result));

	curl_easy_cleanup(ex);
	curl_easy_cleanup(side);
	curl_multi_cleanup(multi);
	curl_slist_free_all(headers);
	free(samples);
	free(side_url);
	free(ex_url);
	free(auth);
	return (ex_result == CURLE_OK && status == 200 ? 0 : -1);
}

/* The deep search, SEARCH_RUNS times; prints SEARCH_* lines. */
static void
export_search(const char *url, const char *token, const char *event)
{
	struct bench_reply	 r;
	struct bench_stats	 st;
	double			 ms[SEARCH_RUNS], t;
	char			*path;
	long long		 total = -1;
	size_t			 i, n = 0;

	for (i = 0; i < SEARCH_RUNS; i++) {
		xasprintf(&path, "/api/events/%s/guests?%s&run=%zu", event,
		    SEARCH_QUERY, i);
		t = bench_now_ms();
		bench_http(url, "GET", path, NULL, token, &r);
		t = bench_now_ms() - t;
		if (r.status == 200 && r.json != NULL) {
			ms[n++] = t;
			total = (long long)json_integer_value(
			    json_object_get(r.json, "total"));
		} else
			fprintf(stderr, "bench-export: search: %s\n",
			    bench_reply_message(&r));
		bench_reply_done(&r);
		free(path);
	}
	bench_stats(ms, n, &st);
	printf("SEARCH_QUERY='%s'\n", SEARCH_QUERY);
	printf("SEARCH_N=%zu\n", st.n);
	printf("SEARCH_P50=%.1f\n", st.p50);
	printf("SEARCH_MAX=%.1f\n", st.max);
	printf("SEARCH_TOTAL=%lld\n", total);
}

int
main(int argc, char **argv)
{
	char	*token, *cause = NULL;
	long	 pid;
	int	 rc;

	if (argc != 6) {
		fprintf(stderr, "usage: bench-export URL ADMIN_EMAIL "
		    "ADMIN_PASSWORD EVENT_ID MOCK_PID\n");
		return (2);
	}
	pid = strtol(argv[5], NULL, 10);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	if ((token = bench_login(argv[1], argv[2], argv[3], &cause)) == NULL) {
		fprintf(stderr, "bench-export: sign-in: %s\n", cause);
		free(cause);
		curl_global_cleanup();
		return (1);
	}
	rc = export_run(argv[1], token, argv[4], pid);
	export_search(argv[1], token, argv[4]);
	free(token);
	curl_global_cleanup();
	return (rc == 0 ? 0 : 1);
}
