/*
 * bench-kiosk EVTOP EVTOP-MOCK [SCANS [KEYED]]: what a check-in station
 * takes.
 *
 * evtop-mock gets an event with GUESTS guests.  Then:
 *
 * 1. The station in this process (kiosk.c on its own loop, an api signed
 *    in with the admin's token, its file in a temporary folder) copies
 *    the guest list, and takes SCANS (default 500) distinct valid codes
 *    back to back (the next as soon as the result hook said the last):
 *    - online, each decided by the server; beside it, in blocks taken in
 *      turns, the bare POST /checkin through the same api client, the
 *      floor the station adds its two commits to;
 *    - offline (the mock stopped, the link said lost as app-kiosk.c says
 *      it), each decided against the copy and committed before the hook
 *      fires; beside it a bare SQLite INSERT committed the same way (WAL,
 *      synchronous = FULL) in the same folder;
 *    - the queue sent once the mock is back on the same database.
 * 2. Enter to banner on a pty, the closest to the user
 *    (bench-kiosk-pty.c): the real `evtop --kiosk` on a 100x30 pty read
 *    through libvterm, a code and Enter written in one burst as a scanner
 *    writes them, timed until "VALID — NAME" is on the screen; KEYED
 *    (default 40) scans online, then the mock stopped and KEYED offline.
 *    Beside it, a code's echo in the field (no Enter), which the station
 *    holds 30 ms for more keys, so that a burst is one frame.
 *
 * Figures, not a test: nothing here passes or fails.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <inttypes.h>
#include <jansson.h>
#include <linux/magic.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <time.h>
#include <unistd.h>
#include <uv.h>

#include "api.h"
#include "api-calls.h"
#include "bench-kiosk-pty.h"
#include "bench-pty.h"
#include "bench-samples.h"
#include "kiosk.h"
#include "mockproc.h"
#include "store.h"
#include "support-http.h"
#include "xmalloc.h"

#define ADMIN		"admin@example.com"
#define PASSWORD	"evtop-demo"
#define GUESTS		2000
#define CHUNK		500	/* guests an import request */
#define BLOCK		50	/* floor, then station, in turns */
#define FRAME_MS	33.0	/* one frame at 30 a second */
#define GIVE_UP_MS	30000
#define FLOOR_WARM	1000	/* commits before the floor counts */

static uv_loop_t	 loop;
static uv_timer_t	 tick;
static struct mockproc	 mock = { -1, NULL };
static char		 dir[] = "/tmp/bench-kiosk-XXXXXX";
static char		 mockdb[128], secret[128], listen_at[80], url[80];
static char		*token;
static const char	*mockbin;
static int64_t		 event_id;
static struct bench_guest	*guests;
static size_t		 nguests;

/* What the hooks saw. */
static int		 flag;
static double		 hook_ms;
static struct kiosk_scan	 last;

static void
on_tick(uv_timer_t *t)
{
	(void)t;
}

/* Runs the loop until flag is set; 0, or -1 after ms. */
static int
run_until(double ms)
{
	double	end = bench_now_ms() + ms;

	while (!flag && bench_now_ms() < end)
		uv_run(&loop, UV_RUN_ONCE);
	return (flag ? 0 : -1);
}

static int
write_file(const char *path, const char *text)
{
	int	fd, ok;

	if ((fd = open(path, O_WRONLY|O_CREAT|O_TRUNC, 0600)) == -1)
		return (-1);
	ok = write(fd, text, strlen(text)) == (ssize_t)strlen(text);
	return (close(fd) == 0 && ok ? 0 : -1);
}

static int
rm_cb(const char *path, const struct stat *sb, int type, struct FTW *f)
{
	(void)sb;
	(void)type;
	(void)f;
	return (remove(path));
}

/* The mock on the folder's database and secret: seeded, or again. */
static int
mock_run(int again)
{
	const char	*seeded[] = { "--seed", "demo", "--hash-cost", "4",
	    "--db", mockdb, "--secret-file", secret, NULL };
	const char	*same[] = { "--listen", listen_at, "--hash-cost", "4",
	    "--db", mockdb, "--secret-file", secret, NULL };
	char		*cause = NULL;

	if (mockproc_start(&mock, mockbin, again ? same :
	    seeded, -1, 60000, &cause) != 0) {
		fprintf(stderr, "bench-kiosk: evtop-mock: %s\n", cause);
		free(cause);
		return (-1);
	}
	return (0);
}

/* An event with n guests named "Bench Guest NNNN"; their codes. */
static int
event_make(size_t n)
{
	struct reply	 r;
	json_t		*body, *list, *g;
	char		 when[32], path[128], name[64], email[64], *s;
	const char	*code, *gname;
	time_t		 t = time(NULL) + 3600;
	size_t		 i, j, page;

	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:00Z", gmtime(&t));
	body = json_pack("{s:s, s:s, s:s, s:s, s:i, s:s}", "title",
	    "Bench door", "description", "The check-in benchmark.",
	    "date_time", when, "location", "Hall", "max_capacity", 5000,
	    "status", "published");
	s = json_dumps(body, JSON_COMPACT);
	json_decref(body);
	support_http(url, "POST", "/api/events", s, token, &r);
	free(s);
	if (r.status == 201)
		event_id = json_integer_value(json_object_get(json_object_get(
		    r.json, "event"), "id"));
	reply_done(&r);
	if (event_id <= 0)
		return (-1);

	snprintf(path, sizeof path, "/api/events/%" PRId64 "/guests",
	    event_id);
	for (i = 0; i < n; i += CHUNK) {
		list = json_array();
		for (j = i; j < n && j < i + CHUNK; j++) {
			snprintf(name, sizeof name, "Bench Guest %04zu", j);
			snprintf(email, sizeof email, "bench.%04zu@example.org",
			    j);
			json_array_append_new(list, json_pack("{s:s, s:s, s:s}",
			    "name", name, "email", email, "rsvp_status",
			    "accepted"));
		}
		body = json_pack("{s:o}", "guests", list);
		s = json_dumps(body, JSON_COMPACT);
		json_decref(body);
		support_http(url, "POST", path, s, token, &r);
		free(s);
		j = r.status == 201;
		reply_done(&r);
		if (!j)
			return (-1);
	}

	guests = xcalloc(n, sizeof *guests);
	for (page = 1; nguests < n; page++) {
		snprintf(path, sizeof path, "/api/events/%" PRId64 "/guests?"
		    "per_page=500&page=%zu", event_id, page);
		support_http(url, "GET", path, NULL, token, &r);
		list = json_object_get(r.json, "guests");
		if (r.status != 200 || json_array_size(list) == 0) {
			reply_done(&r);
			break;
		}
		for (i = 0; i < json_array_size(list) && nguests < n; i++) {
			g = json_array_get(list, i);
			code = json_string_value(json_object_get(g,
			    "ticket_code"));
			gname = json_string_value(json_object_get(g, "name"));
			if (code == NULL || gname == NULL ||
			    strlen(code) > KIOSK_CODE_MAX)
				continue;
			snprintf(guests[nguests].code,
			    sizeof guests[nguests].code, "%s", code);
			snprintf(guests[nguests].name,
			    sizeof guests[nguests].name, "%s", gname);
			nguests++;
		}
		reply_done(&r);
	}
	return (nguests == n ? 0 : -1);
}

/* The server's count of checked-in guests, or -1. */
static int64_t
server_checked_in(void)
{
	struct reply	r;
	char		path[64];
	int64_t		n = -1;

	snprintf(path, sizeof path, "/api/events/%" PRId64 "/stats",
	    event_id);
	support_http(url, "GET", path, NULL, token, &r);
	if (r.status == 200)
		n = json_integer_value(json_object_get(json_object_get(r.json,
		    "stats"), "checked_in"));
	reply_done(&r);
	return (n);
}

/* ---- the station in this process ---- */

static void
on_signed_in(void *arg, int status, const char *cause)
{
	(void)arg;
	if (status != API_OK)
		fprintf(stderr, "bench-kiosk: sign-in: %s\n", cause != NULL ?
		    cause : "?");
	flag = 1;
}

static void
on_changed(void *arg)
{
	(void)arg;
}

static void
on_result(void *arg, const struct kiosk_scan *sc)
{
	(void)arg;
	hook_ms = bench_now_ms();
	last = *sc;
	flag = 1;
}

static void
on_note(void *arg, const char *sentence)
{
	(void)arg;
	fprintf(stderr, "bench-kiosk: station: %s\n", sentence);
}

static const struct kiosk_hooks hooks = {
	.changed = on_changed,
	.result = on_result,
	.note = on_note,
};

static void
on_checkin(void *arg, const struct api_result *r)
{
	int	*ok = arg;

	hook_ms = bench_now_ms();
	*ok = r->status == API_OK && r->http == 200;
	flag = 1;
}

/* One scan by the station, offline or not: its latency into s. */
static int
station_scan(struct kiosk *k, const char *code, int offline,
    struct samples *s)
{
	double	t0;

	flag = 0;
	t0 = bench_now_ms();
	if (kiosk_scan(k, code) != 0 || run_until(GIVE_UP_MS) != 0)
		return (-1);
	samples_add(s, hook_ms - t0);
	if (last.result != KIOSK_VALID || last.offline != offline)
		s->odd++;
	/* What the loop owes after the hook (a drain, timers). */
	uv_run(&loop, UV_RUN_NOWAIT);
	return (0);
}

/* The bare check-in through the same client: the server's answer. */
static int
bare_checkin(struct api *api, const char *code, struct samples *s)
{
	char	nonce[KIOSK_NONCE_LEN + 1];
	double	t0;
	int	ok = 0;

	flag = 0;
	kiosk_nonce(nonce);
	t0 = bench_now_ms();
	if (api_checkin(api, event_id, code, nonce, time(NULL), on_checkin,
	    &ok) != 0 || run_until(GIVE_UP_MS) != 0)
		return (-1);
	samples_add(s, hook_ms - t0);
	if (!ok)
		s->odd++;
	uv_run(&loop, UV_RUN_NOWAIT);
	return (0);
}

/* The floor offline: a row like a scan's, committed on its own. */
struct floor_db {
	sqlite3		*db;
	sqlite3_stmt	*insert;
};

static int
floor_open(struct floor_db *f, const char *path)
{
	memset(f, 0, sizeof *f);
	if (sqlite3_open(path, &f->db) != SQLITE_OK ||
	    sqlite3_exec(f->db, "PRAGMA journal_mode = WAL;"
	    "PRAGMA synchronous = FULL;"
	    "CREATE TABLE scans (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
	    " nonce TEXT NOT NULL UNIQUE, code TEXT NOT NULL,"
	    " scanned_at INTEGER NOT NULL, result INTEGER NOT NULL,"
	    " name TEXT NOT NULL);", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(f->db, "INSERT INTO scans (nonce, code,"
	    " scanned_at, result, name) VALUES (?, ?, ?, 0, ?)", -1,
	    &f->insert, NULL) != SQLITE_OK) {
		fprintf(stderr, "bench-kiosk: %s: %s\n", path,
		    sqlite3_errmsg(f->db));
		sqlite3_close(f->db);
		return (-1);
	}
	return (0);
}

static int
floor_insert(struct floor_db *f, const struct bench_guest *g,
    struct samples *s)
{
	char	nonce[KIOSK_NONCE_LEN + 1];
	double	t0;
	int	rc;

	kiosk_nonce(nonce);
	t0 = bench_now_ms();
	sqlite3_bind_text(f->insert, 1, nonce, -1, SQLITE_STATIC);
	sqlite3_bind_text(f->insert, 2, g->code, -1, SQLITE_STATIC);
	sqlite3_bind_int64(f->insert, 3, (int64_t)time(NULL));
	sqlite3_bind_text(f->insert, 4, g->name, -1, SQLITE_STATIC);
	rc = sqlite3_step(f->insert);
	sqlite3_reset(f->insert);
	samples_add(s, bench_now_ms() - t0);
	return (rc == SQLITE_DONE ? 0 : -1);
}

/*
 * Commits until the file is in the state the station's is by then: its
 * write-ahead log past a checkpoint, written over instead of growing (a
 * sync that grows a file also syncs its size).
 */
static int
floor_warm(struct floor_db *f, size_t n)
{
	struct samples	s;
	size_t		i;
	int		rc = 0;

	samples_init(&s, n);
	for (i = 0; i < n && rc == 0; i++)
		rc = floor_insert(f, &guests[i % nguests], &s);
	samples_done(&s);
	return (rc);
}

static void
floor_close(struct floor_db *f)
{
	sqlite3_finalize(f->insert);
	sqlite3_close(f->db);
}

struct station_figures {
	struct samples	online, bare, offline, sqlite;
	double		copy_ms;
	double		drain_first_ms;	/* to the first synced */
	double		drain_ms;	/* then to the last */
	int64_t		drained;
	int64_t		server_before, server_after;
};

struct station {
	struct store	*store;
	struct api	*api;
	struct kiosk	*k;
};

static void
station_close(struct station *st)
{
	kiosk_free(st->k);
	if (st->api != NULL)
		api_free(st->api);
	uv_timer_stop(&tick);
	uv_run(&loop, UV_RUN_DEFAULT);
	uv_timer_start(&tick, on_tick, 50, 50);
	store_free(st->store);
}

/* Signed in with the token, its file in the folder, the list copied. */
static int
station_open(struct station *st, struct station_figures *sf)
{
	struct api_options	 ao;
	struct kiosk_options	 ko;
	struct kiosk_state	 ks;
	char			 path[160], *cause = NULL;
	double			 t0;

	memset(st, 0, sizeof *st);
	st->store = store_new();
	memset(&ao, 0, sizeof ao);
	ao.server = url;
	st->api = api_new(&loop, &ao, st->store, NULL, NULL);
	flag = 0;
	api_resume(st->api, token, on_signed_in, NULL);
	if (run_until(GIVE_UP_MS) != 0 || api_session(st->api) == NULL)
		return (-1);

	snprintf(path, sizeof path, "%s/station.db", dir);
	memset(&ko, 0, sizeof ko);
	ko.event_id = event_id;
	ko.server = url;
	ko.path = path;
	if ((st->k = kiosk_new(&loop, st->api, &ko, &hooks, NULL,
	    &cause)) == NULL) {
		fprintf(stderr, "bench-kiosk: %s\n", cause);
		free(cause);
		return (-1);
	}
	t0 = bench_now_ms();
	kiosk_start(st->k);
	do {
		uv_run(&loop, UV_RUN_ONCE);
		kiosk_state(st->k, &ks);
	} while (ks.copied_at == 0 && bench_now_ms() < t0 + GIVE_UP_MS);
	sf->copy_ms = bench_now_ms() - t0;
	if (ks.copied_at == 0 || ks.guests < (int64_t)nguests) {
		fprintf(stderr, "bench-kiosk: the guest list was not copied\n");
		return (-1);
	}
	/* What the start asked for (the event, the counters) settles. */
	while (bench_now_ms() < t0 + sf->copy_ms + 300)
		uv_run(&loop, UV_RUN_ONCE);
	return (0);
}

/* Guests [0, n) scanned by the station, [n, 2n) checked in bare. */
static int
station_online(struct station *st, size_t n, struct station_figures *sf)
{
	double	t0, t1;
	size_t	i, b;

	samples_init(&sf->online, n);
	samples_init(&sf->bare, n);
	for (b = 0; b < n; b += BLOCK) {
		t0 = bench_now_ms();
		for (i = b; i < n && i < b + BLOCK; i++) {
			if (bare_checkin(st->api, guests[n + i].code,
			    &sf->bare) != 0)
				return (-1);
		}
		t1 = bench_now_ms();
		sf->bare.wall += t1 - t0;
		for (i = b; i < n && i < b + BLOCK; i++) {
			if (station_scan(st->k, guests[i].code, 0,
			    &sf->online) != 0)
				return (-1);
		}
		sf->online.wall += bench_now_ms() - t1;
	}
	sf->server_before = server_checked_in();
	return (0);
}

/*
 * The server gone and the link lost, as the app hears it: guests
 * [2n, 3n) scanned, and as many rows committed bare in turns.
 */
static int
station_offline(struct station *st, size_t n, struct station_figures *sf)
{
	struct floor_db	 fl;
	char		 path[160];
	double		 t0, t1;
	size_t		 i, b;
	int		 rc = -1;

	mockproc_stop(&mock);
	kiosk_heard_link(st->k, 0);
	snprintf(path, sizeof path, "%s/floor.db", dir);
	if (floor_open(&fl, path) != 0)
		return (-1);
	if (floor_warm(&fl, FLOOR_WARM) != 0)
		goto out;
	samples_init(&sf->offline, n);
	samples_init(&sf->sqlite, n);
	for (b = 0; b < n; b += BLOCK) {
		t0 = bench_now_ms();
		for (i = b; i < n && i < b + BLOCK; i++) {
			if (floor_insert(&fl, &guests[2 * n + i],
			    &sf->sqlite) != 0)
				goto out;
		}
		t1 = bench_now_ms();
		sf->sqlite.wall += t1 - t0;
		for (i = b; i < n && i < b + BLOCK; i++) {
			if (station_scan(st->k, guests[2 * n + i].code, 1,
			    &sf->offline) != 0)
				goto out;
		}
		sf->offline.wall += bench_now_ms() - t1;
	}
	rc = 0;
out:
	floor_close(&fl);
	return (rc);
}

/* The mock back on the same database: the queue goes, in order. */
static int
station_back(struct station *st, struct station_figures *sf)
{
	struct kiosk_state	ks;
	double			t0, first = 0;
	int64_t			before;

	kiosk_state(st->k, &ks);
	before = ks.queued;
	if (mock_run(1) != 0)
		return (-1);
	t0 = bench_now_ms();
	kiosk_heard_link(st->k, 1);
	while (ks.queued > 0 && bench_now_ms() < t0 + GIVE_UP_MS) {
		uv_run(&loop, UV_RUN_ONCE);
		kiosk_state(st->k, &ks);
		if (ks.queued < before && first == 0)
			first = bench_now_ms();
	}
	if (first != 0) {
		sf->drain_first_ms = first - t0;
		sf->drain_ms = bench_now_ms() - first;
	}
	sf->drained = before - ks.queued;
	sf->server_after = server_checked_in();
	return (0);
}

static int
bench_station(size_t n, struct station_figures *sf)
{
	struct station	st;
	int		rc = -1;

	if (station_open(&st, sf) == 0 && station_online(&st, n, sf) == 0 &&
	    station_offline(&st, n, sf) == 0 && station_back(&st, sf) == 0)
		rc = 0;
	station_close(&st);
	return (rc);
}

/* Between the pty's two halves. */
static void
stop_mock(void *arg)
{
	mockproc_stop(arg);
}

static void
station_figures_done(struct station_figures *sf)
{
	samples_done(&sf->online);
	samples_done(&sf->bare);
	samples_done(&sf->offline);
	samples_done(&sf->sqlite);
}

/* ---- the report ---- */

static void
report_row(const char *name, struct samples *s)
{
	printf("| %s | %zu | %.0f | %.2f | %.2f | %.2f |\n", name, s->n,
	    samples_rate(s), samples_quantile(s, 0.5),
	    samples_quantile(s, 0.95), samples_quantile(s, 1.0));
}

static void
report_station(size_t n, struct station_figures *sf)
{
	double	on50, bare50, off50, sql50;

	printf("## the station in process (%zu guests, %zu scans each way)"
	    "\n\n", nguests, n);
	printf("Guest list copied in %.0f ms.\n\n", sf->copy_ms);
	printf("| back to back | scans | per second | p50 ms | p95 ms | "
	    "max ms |\n| --- | ---: | ---: | ---: | ---: | ---: |\n");
	report_row("bare POST /checkin, same api client (the floor)",
	    &sf->bare);
	report_row("station online: kiosk_scan to the result hook",
	    &sf->online);
	report_row("bare SQLite INSERT, WAL, synchronous=FULL (the floor)",
	    &sf->sqlite);
	report_row("station offline: kiosk_scan to the result hook",
	    &sf->offline);
	printf("\n");
	on50 = samples_quantile(&sf->online, 0.5);
	bare50 = samples_quantile(&sf->bare, 0.5);
	off50 = samples_quantile(&sf->offline, 0.5);
	sql50 = samples_quantile(&sf->sqlite, 0.5);
	printf("Online: the station takes %.2fx the bare round trip at p50 "
	    "(%+.2f ms); %.2fx the rate.  Offline: %.2fx a bare committed "
	    "INSERT at p50 (%+.2f ms); %.2fx the rate.\n",
	    bare50 > 0 ? on50 / bare50 : 0, on50 - bare50,
	    samples_rate(&sf->bare) > 0 ? samples_rate(&sf->online) /
	    samples_rate(&sf->bare) : 0, sql50 > 0 ? off50 / sql50 : 0,
	    off50 - sql50, samples_rate(&sf->sqlite) > 0 ?
	    samples_rate(&sf->offline) / samples_rate(&sf->sqlite) : 0);
	if (sf->online.odd + sf->bare.odd + sf->offline.odd > 0)
		printf("Unexpected results: %zu online, %zu bare, %zu "
		    "offline.\n", sf->online.odd, sf->bare.odd,
		    sf->offline.odd);
	printf("Back online: the first queued scan synced %.0f ms after "
	    "the link came back, then %" PRId64 " more in %.0f ms (%.0f "
	    "scans/s synced).  The server counts %" PRId64 " checked in "
	    "before the offline scans, %" PRId64 " after the queue (%zu "
	    "expected).\n\n", sf->drain_first_ms, sf->drained > 0 ?
	    sf->drained - 1 : 0, sf->drain_ms, sf->drain_ms > 0 ?
	    (double)(sf->drained - 1) / (sf->drain_ms / 1e3) : 0,
	    sf->server_before, sf->server_after, 3 * n);
}

static void
report_pty_row(const char *name, struct samples *s, double target)
{
	printf("| %s | %zu | %.1f | %.1f | %.1f | %zu within %.1f ms |\n",
	    name, s->n, samples_quantile(s, 0.5), samples_quantile(s, 0.95),
	    samples_quantile(s, 1.0), samples_within(s, target), target);
}

static void
report_pty(struct kiosk_pty_figures *pf, double bare50)
{

	printf("## Enter to banner: evtop --kiosk on a 100x30 pty\n\n");
	printf("Ready to scan %.0f ms after evtop started (guest list "
	    "copied); OFFLINE on screen %.0f ms after the mock was "
	    "told to stop.\n\n", pf->ready_ms, pf->offline_ms);
	printf("| on the pty | scans | p50 ms | p95 ms | max ms | within "
	    "target |\n| --- | ---: | ---: | ---: | ---: | ---: |\n");
	report_pty_row("a code's echo in the field (held 30 ms for more)",
	    &pf->echo, FRAME_MS);
	report_pty_row("online: code + Enter to \"VALID \xe2\x80\x94 NAME\"",
	    &pf->online, bare50 + FRAME_MS);
	report_pty_row("offline: code + Enter to \"VALID \xe2\x80\x94 NAME\"",
	    &pf->offline, FRAME_MS);
	printf("\nTargets: offline within one frame (%.0f ms); online within "
	    "the server's answer plus a frame, the answer taken as the bare "
	    "round trip's p50 above (%.2f ms).\n", FRAME_MS, bare50);
}

int
main(int argc, char **argv)
{
	struct station_figures	 sf;
	struct kiosk_pty_opts	 po;
	struct kiosk_pty_figures pf;
	struct statfs		 fs;
	char			 text[64], load[16] = "?";
	FILE			*f;
	size_t			 n, k;
	int			 rc = 1;

	n = argc > 3 ? strtoul(argv[3], NULL, 10) : 500;
	k = argc > 4 ? strtoul(argv[4], NULL, 10) : 40;
	if (argc < 3 || n == 0 || k == 0 || 3 * n + 2 * k > GUESTS) {
		fprintf(stderr, "usage: bench-kiosk EVTOP EVTOP-MOCK [SCANS "
		    "[KEYED]]  (3 SCANS + 2 KEYED <= %d)\n", GUESTS);
		return (2);
	}
	mockbin = argv[2];
	if (mkdtemp(dir) == NULL) {
		fprintf(stderr, "bench-kiosk: mkdtemp: %s\n", strerror(errno));
		return (1);
	}
	snprintf(mockdb, sizeof mockdb, "%s/mock.db", dir);
	snprintf(secret, sizeof secret, "%s/secret", dir);
	uv_loop_init(&loop);
	uv_timer_init(&loop, &tick);
	uv_timer_start(&tick, on_tick, 50, 50);
	memset(&sf, 0, sizeof sf);
	memset(&pf, 0, sizeof pf);

	if ((f = fopen("/proc/loadavg", "r")) != NULL) {
		if (fscanf(f, "%15s", load) != 1)
			snprintf(load, sizeof load, "?");
		fclose(f);
	}
	if (write_file(secret, "bench-kiosk-secret-bench-kiosk-secret") != 0 ||
	    mock_run(0) != 0)
		goto out;
	snprintf(url, sizeof url, "%s", mock.url);
	snprintf(listen_at, sizeof listen_at, "%s", url + strlen("http://"));
	if ((token = support_login(url, ADMIN, PASSWORD)) == NULL ||
	    event_make(GUESTS) != 0) {
		fprintf(stderr, "bench-kiosk: no event with guests\n");
		goto out;
	}

	text[0] = '\0';
	if (statfs(dir, &fs) == 0 && fs.f_type == TMPFS_MAGIC)
		snprintf(text, sizeof text, " (tmpfs: a sync costs nothing)");
	printf("# bench-kiosk: a check-in station\n\n");
	printf("evtop-mock at %s, event %" PRId64 ", files in %s%s; load "
	    "average %s before\n\n", url, event_id, dir, text, load);
	fflush(stdout);
	if (bench_station(n, &sf) != 0)
		goto out;
	report_station(n, &sf);
	fflush(stdout);
	memset(&po, 0, sizeof po);
	po.evtop = argv[1];
	po.url = url;
	po.token = token;
	po.folder = dir;
	po.event_id = event_id;
	po.guests = guests + 3 * n;
	po.count = k;
	po.stop_server = stop_mock;
	po.arg = &mock;
	if (kiosk_pty_run(&po, &pf) != 0)
		goto out;
	report_pty(&pf, samples_quantile(&sf.bare, 0.5));
	rc = 0;
out:
	station_figures_done(&sf);
	kiosk_pty_figures_done(&pf);
	mockproc_stop(&mock);
	free(token);
	free(guests);
	uv_timer_stop(&tick);
	uv_close((uv_handle_t *)&tick, NULL);
	uv_run(&loop, UV_RUN_DEFAULT);
	uv_loop_close(&loop);
	nftw(dir, rm_cb, 16, FTW_DEPTH|FTW_PHYS);
	return (rc);
}
