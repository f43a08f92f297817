/*
 * bench-live EVTOP-MOCK [SECONDS]: what the live path costs.
 *
 * 1. Envelopes per second the client parses and applies: the api client
 *    (the dashboard's own code, in this process) over evtop-mock --seed
 *    10000, its window on the list's first rows, is fed a stream of
 *    counters, event.updated and notification envelopes through
 *    api_live_receive; beside it, the same stream through json_loadb
 *    alone, the floor any client pays.
 * 2. Requests per minute of an idle dashboard: signed in, the list, the
 *    notifications and the live link, then SECONDS (default 60) of
 *    nothing; the requests counted at the server.  Against evtop-mock
 *    (WebSocket) in real time, and against a core-only server (polling,
 *    100 requests per 15 minutes) whose hour is simulated with the
 *    client's time_scale: SECONDS of real time are SECONDS minutes.
 *
 * Figures, not a test: nothing here passes or fails.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <uv.h>

#include "api.h"
#include "api-private.h"
#include "listwin.h"
#include "mockproc.h"
#include "store.h"
#include "support-core.h"
#include "support-http.h"
#include "xmalloc.h"

#define ENVELOPES	300000
#define GIVE_UP_MS	60000
/* The core-only server's hour in a minute. */
#define CORE_SCALE	60

static uv_loop_t	 loop;
static uv_timer_t	 tick;	/* wakes the loop to look at the clock */
static int		 flag;

static double
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec * 1e3 + ts.tv_nsec / 1e6);
}

static void
on_done(void *arg, int status, const char *cause)
{
	(void)arg;
	if (status != API_OK)
		fprintf(stderr, "bench-live: %s\n", cause != NULL ? cause : "?");
	flag = 1;
}

static void
on_link(void *arg, enum api_link link, const struct api_why *why)
{
	(void)arg;
	(void)why;
	if (link == API_LINK_LIVE || link == API_LINK_POLLING)
		flag = 1;
}

static const struct api_hooks hooks = { .link_changed = on_link };

static void
on_tick(uv_timer_t *t)
{
	(void)t;
}

/* Frees the client and runs the loop until its handles have closed. */
static void
client_free(struct api *api)
{
	api_free(api);
	uv_timer_stop(&tick);
	uv_run(&loop, UV_RUN_DEFAULT);
	uv_timer_start(&tick, on_tick, 50, 50);
}

/* Runs the loop until flag is set, or for ms when until is 0. */
static int
run_for(double ms, int until)
{
	double	end = now_ms() + ms;

	flag = 0;
	while ((!until || !flag) && now_ms() < end)
		uv_run(&loop, UV_RUN_ONCE);
	return (flag);
}

/* Requests evtop-mock has answered, every method and status. */
static long
mock_requests(const char *url)
{
	struct reply	 r;
	const char	*at;
	long		 n = 0;

	memset(&r, 0, sizeof r);
	support_http(url, "GET", "/metrics", NULL, NULL, &r);
	for (at = r.body; at != NULL &&
	    (at = strstr(at, "evtop_mock_http_requests_total{")) != NULL;
	    at++) {
		if ((at = strchr(at, '}')) == NULL)
			break;
		n += strtol(at + 1, NULL, 10);
	}
	reply_done(&r);
	return (n);
}

static struct api *
client(const char *url, struct store *store, unsigned scale)
{
	struct api_options	opts;

	memset(&opts, 0, sizeof opts);
	opts.server = url;
	opts.time_scale = scale;
	return (api_new(&loop, &opts, store, &hooks, NULL));
}

/* The stream: 80% counters, 15% event.updated, 5% notifications. */
static char **
make_stream(size_t n, size_t *bytes)
{
	char		**v = xcalloc(n, sizeof *v);
	uint32_t	  x = 2463534242u;
	size_t		  i;
	long		  id;

	*bytes = 0;
	for (i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		id = (long)(x % 10000) + 1;
		if (i % 20 < 16)
			xasprintf(&v[i], "{\"seq\":%zu,\"type\":\"counters\","
			    "\"ts\":\"2026-06-15T09:00:00Z\",\"data\":{"
			    "\"event_id\":%ld,\"confirmed\":%zu,\"waitlisted\":"
			    "3,\"checked_in\":%zu,\"available\":%zu}}",
			    i + 1000000, id, i % 500, i % 200, 500 - i % 500);
		else if (i % 20 < 19)
			xasprintf(&v[i], "{\"seq\":%zu,\"type\":"
			    "\"event.updated\",\"ts\":\"2026-06-15T09:00:00Z\","
			    "\"data\":{\"event\":{\"id\":%ld,\"title\":"
			    "\"Event %ld\",\"description\":\"Updated\","
			    "\"date_time\":\"2027-06-15T09:00:00Z\",\"location\":"
			    "\"Hall\",\"max_capacity\":500,"
			    "\"current_registrations\":%zu,\"status\":"
			    "\"published\"}}}", i + 1000000, id, id, i % 500);
		else
			xasprintf(&v[i], "{\"seq\":%zu,\"type\":"
			    "\"notification\",\"ts\":\"2026-06-15T09:00:00Z\","
			    "\"data\":{\"id\":%zu,\"seq\":%zu,\"type\":"
			    "\"activity\",\"level\":\"info\",\"title\":"
			    "\"Registration\",\"message\":\"Someone registered "
			    "for event %ld\",\"event_id\":%ld,\"created_at\":"
			    "\"2026-06-15T09:00:00Z\"}}", i + 1000000, i,
			    i + 1000000, id, id);
		*bytes += strlen(v[i]);
	}
	return (v);
}

static void
bench_envelopes(const char *mockbin)
{
	const char *const extra[] = { "--seed", "10000", "--hash-cost", "4",
	    NULL };
	struct mockproc	 mock;
	struct store	*store = store_new();
	struct api	*api;
	char		**stream, *cause = NULL;
	size_t		 i, bytes;
	double		 t0, parse_ms, apply_ms;
	json_t		*j;
	long		 before;

	if (mockproc_start(&mock, mockbin, extra, -1, 120000, &cause) != 0) {
		fprintf(stderr, "bench-live: %s\n", cause);
		free(cause);
		return;
	}
	api = client(mock.url, store, 0);
	api_refresh_events(api, on_done, NULL);
	store_events_view(store, 0, 30);
	run_for(GIVE_UP_MS, 1);
	while (listwin_pending(store_window(store)) > 0)
		run_for(100, 0);
	stream = make_stream(ENVELOPES, &bytes);

	/* The floor: parsing alone. */
	t0 = now_ms();
	for (i = 0; i < ENVELOPES; i++) {
		j = json_loadb(stream[i], strlen(stream[i]), 0, NULL);
		json_decref(j);
	}
	parse_ms = now_ms() - t0;

	before = mock_requests(mock.url);
	t0 = now_ms();
	for (i = 0; i < ENVELOPES; i++)
		api_live_receive(api, stream[i], strlen(stream[i]));
	apply_ms = now_ms() - t0;
	/* The refreshes those event envelopes owe, as the loop runs them. */
	run_for(2000, 0);
	while (listwin_pending(store_window(store)) > 0 || api->refresh_due)
		run_for(100, 0);

	printf("## envelopes parsed and applied (in process)\n\n");
	printf("%d envelopes (80%% counters, 15%% event.updated, 5%% "
	    "notifications; %.0f bytes each on average), events total %lld, "
	    "rows held %zu\n\n", ENVELOPES, (double)bytes / ENVELOPES,
	    (long long)store_event_total(store),
	    listwin_held(store_window(store)));
	printf("| | envelopes/s | us each |\n| --- | ---: | ---: |\n");
	printf("| json_loadb alone (the floor) | %.0f | %.2f |\n",
	    ENVELOPES / (parse_ms / 1e3), parse_ms * 1e3 / ENVELOPES);
	printf("| api_live_receive (parse, apply, hooks) | %.0f | %.2f |\n\n",
	    ENVELOPES / (apply_ms / 1e3), apply_ms * 1e3 / ENVELOPES);
	printf("Applied %.2fx the time of parsing alone; target >= 200,000/s: "
	    "%s.  The %d event.updated envelopes then cost %ld list "
	    "requests (refreshes coalesced, one per %d ms at most).\n\n",
	    apply_ms / parse_ms, ENVELOPES / (apply_ms / 1e3) >= 200000 ?
	    "PASS" : "MISS", ENVELOPES * 3 / 20,
	    mock_requests(mock.url) - before - 1, API_REFRESH_GAP_MS);

	for (i = 0; i < ENVELOPES; i++)
		free(stream[i]);
	free(stream);
	client_free(api);
	store_free(store);
	mockproc_stop(&mock);
}

/* Signs in, loads what the dashboard loads, and goes live or polls. */
static int
dashboard_start(struct api *api, struct store *store, const char *token)
{
	flag = 0;
	if (token != NULL)
		api_resume(api, token, on_done, NULL);
	else
		api_login(api, "admin@example.com", "evtop-demo", on_done,
		    NULL);
	if (!run_for(GIVE_UP_MS, 1))
		return (-1);
	api_refresh_events(api, on_done, NULL);
	store_events_view(store, 0, 20);
	run_for(GIVE_UP_MS, 1);
	api_load_notifications(api, NULL, NULL);
	api_start_live(api);
	return (run_for(GIVE_UP_MS, 1) ? 0 : -1);
}

static double
idle_mock(const char *mockbin, int seconds, long *startup)
{
	const char *const extra[] = { "--seed", "demo", "--hash-cost", "4",
	    NULL };
	struct mockproc	 mock;
	struct store	*store = store_new();
	struct api	*api;
	char		*cause = NULL;
	long		 before, after;

	if (mockproc_start(&mock, mockbin, extra, -1, 120000, &cause) != 0) {
		fprintf(stderr, "bench-live: %s\n", cause);
		free(cause);
		return (-1);
	}
	api = client(mock.url, store, 0);
	if (dashboard_start(api, store, NULL) != 0)
		fprintf(stderr, "bench-live: the mock's link is not live\n");
	run_for(2000, 0);	/* what the start asked for settles */
	before = mock_requests(mock.url);
	*startup = before;
	run_for(seconds * 1e3, 0);
	after = mock_requests(mock.url);
	client_free(api);
	store_free(store);
	mockproc_stop(&mock);
	/* Less the first /metrics read, counted in the second. */
	return ((after - before - 1) * 60.0 / seconds);
}

static double
idle_core(int seconds, long *startup, long *worst)
{
	struct core_options	 o;
	struct core_server	*cs;
	struct core_counts	 c;
	struct store		*store = store_new();
	struct api		*api;
	long			 before;

	memset(&o, 0, sizeof o);
	o.window_ms = 15 * 60 * 1000 / CORE_SCALE;
	o.scale = CORE_SCALE;
	if ((cs = core_start(&o)) == NULL)
		return (-1);
	api = client(core_url(cs), store, CORE_SCALE);
	if (dashboard_start(api, store, CORE_TOKEN_2) != 0)
		fprintf(stderr, "bench-live: the core server is not polled\n");
	core_counts(cs, &c);
	*startup = c.requests;
	before = c.requests;
	run_for(seconds * 1e3, 0);
	core_counts(cs, &c);
	*worst = c.worst;
	client_free(api);
	store_free(store);
	core_stop(cs);
	/* seconds of real time are seconds minutes of the client's. */
	return ((double)(c.requests - before) / seconds);
}

int
main(int argc, char **argv)
{
	double		 mock_rpm, core_rpm;
	long		 mock_start = 0, core_start_n = 0, worst = 0;
	int		 seconds = argc > 2 ? atoi(argv[2]) : 60;

	if (argc < 2 || seconds <= 0) {
		fprintf(stderr, "usage: bench-live EVTOP-MOCK [SECONDS]\n");
		return (1);
	}
	uv_loop_init(&loop);
	uv_timer_init(&loop, &tick);
	uv_timer_start(&tick, on_tick, 50, 50);

	printf("# bench-live: the live path\n\n");
	bench_envelopes(argv[1]);

	mock_rpm = idle_mock(argv[1], seconds, &mock_start);
	core_rpm = idle_core(seconds, &core_start_n, &worst);
	printf("## an idle dashboard's requests\n\n");
	printf("| server | link | at start | idle, per minute | measured "
	    "over |\n| --- | --- | ---: | ---: | --- |\n");
	printf("| evtop-mock --seed demo | WebSocket | %ld | %.2f | %d s of "
	    "real time |\n", mock_start, mock_rpm, seconds);
	printf("| core-only (100 per 15 min) | polling | %ld | %.2f | %d "
	    "simulated minutes (time_scale %d, %d s of real time) |\n\n",
	    core_start_n, core_rpm, seconds, CORE_SCALE, seconds);
	printf("Core-only: at most %ld requests in one 15-minute window (its "
	    "limit 100; the background share %d%%).\n", worst,
	    BUDGET_SHARE_PCT);

	uv_timer_stop(&tick);
	uv_close((uv_handle_t *)&tick, NULL);
	uv_run(&loop, UV_RUN_DEFAULT);
	uv_loop_close(&loop);
	return (0);
}
