/*
 * Prepares the data the peers serve, from a running evtop-mock:
 *
 * - OUTDIR/page.json: the exact bytes of the mock's page of 50 events
 *   (GET /api/events?page=1&per_page=50, anonymous), for nginx;
 * - OUTDIR/db.json for json-server: "events" holds every event read over
 *   the mock's API (the page's 50 first, so json-server's first page is
 *   the same events), "guests" holds GUESTS rows from a deterministic
 *   generator with the fields of API.md's Guest (the mock's guests are not
 *   read back: 500,000 rows over the API would cost more than the run);
 * - on stdout, KEY=VALUE lines (a shell can source them): how many
 *   events, the single event's id, the event holding the mock's guests
 *   and how many, whether the mock takes POST /api/events/:id/guests, and
 *   the admin token the POST workload uses.
 *
 * Usage: bench-mock-data URL ADMIN_EMAIL ADMIN_PASSWORD OUTDIR [GUESTS]
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench-util.h"
#include "json-util.h"
#include "xmalloc.h"

#define DATA_PAGE_PATH		"/api/events?page=1&per_page=50"
#define DATA_GUESTS_DEFAULT	500000
/* An event with at least this many guests is the big one. */
#define DATA_BIG_EVENT		100000

struct data {
	const char	*url;
	char		*token;
	const char	*outdir;
	json_t		*events;	/* every event, page first */
	int64_t		 single_id;
	int64_t		 guest_event;
	int64_t		 mock_guests;
	long		 post_status;
	char		*guests_note;	/* why the mock has no big event */
	char		*post_note;	/* why the POST workload cannot run */
};

static void
data_die(const char *what, const char *why)
{
	fprintf(stderr, "bench-mock-data: %s: %s\n", what, why);
	exit(1);
}

/* A sentence for the table, safe inside single quotes. */
static void
data_note(char **note, const char *text)
{
	char	*p;

	if (*note != NULL)
		return;
	*note = xstrdup(text);
	for (p = *note; *p != '\0'; p++) {
		if (*p == '\'' || *p == '\n')
			*p = '"';
	}
}

static void
data_write_file(const char *dir, const char *name, const char *buf,
    size_t len)
{
	char	*path;
	FILE	*f;

	xasprintf(&path, "%s/%s", dir, name);
	if ((f = fopen(path, "w")) == NULL ||
	    fwrite(buf, 1, len, f) != len || fclose(f) != 0)
		data_die(path, "cannot write");
	free(path);
}

/* The page nginx serves, and its events at the head of the export. */
static void
data_read_page(struct data *d)
{
	struct bench_reply	 r;
	json_t			*list, *ev;
	size_t			 i;

	bench_http(d->url, "GET", DATA_PAGE_PATH, NULL, NULL, &r);
	list = json_object_get(r.json, "events");
	if (r.status != 200 || !json_is_array(list) ||
	    json_array_size(list) == 0)
		data_die(DATA_PAGE_PATH, "no page of events to serve");
	data_write_file(d->outdir, "page.json", r.body, r.len);
	json_array_foreach(list, i, ev)
		json_array_append(d->events, ev);
	d->single_id = json_integer_value(json_object_get(
	    json_array_get(list, 0), "id"));
	bench_reply_done(&r);
}

static int
data_has_id(json_t *events, size_t upto, json_int_t id)
{
	size_t	i;

	for (i = 0; i < upto; i++) {
		if (json_integer_value(json_object_get(json_array_get(events,
		    i), "id")) == id)
			return (1);
	}
	return (0);
}

/* Every event, past ones too, as the admin sees them. */
static void
data_read_events(struct data *d)
{
	struct bench_reply	 r;
	json_t			*list, *ev;
	char			*path;
	size_t			 i, head = json_array_size(d->events);
	int64_t			 page, total = -1;

	for (page = 1;; page++) {
		xasprintf(&path, "/api/events?include_past=1&per_page=200"
		    "&page=%" PRId64, page);
		bench_http(d->url, "GET", path, NULL, d->token, &r);
		free(path);
		list = json_object_get(r.json, "events");
		if (r.status != 200 || !json_is_array(list))
			data_die("GET /api/events", bench_reply_message(&r));
		if (total < 0)
			json_util_count(r.json, "total", &total, NULL);
		json_array_foreach(list, i, ev) {
			if (!data_has_id(d->events, head, json_integer_value(
			    json_object_get(ev, "id"))))
				json_array_append(d->events, ev);
		}
		i = json_array_size(list);
		bench_reply_done(&r);
		if (i == 0 || (int64_t)json_array_size(d->events) >= total)
			break;
	}
}

/* The guests total of event id: -1 when the route is missing. */
static int64_t
data_guest_total(struct data *d, int64_t id)
{
	struct bench_reply	 r;
	char			*path;
	int64_t			 total = -1;

	xasprintf(&path, "/api/events/%" PRId64 "/guests?per_page=1", id);
	bench_http(d->url, "GET", path, NULL, d->token, &r);
	free(path);
	if (r.status == 200 &&
	    json_util_count(r.json, "total", &total, NULL) != 0)
		total = -1;
	bench_reply_done(&r);
	return (total);
}

/*
 * Finds the event holding the mock's guests (--seed big): the first with
 * at least DATA_BIG_EVENT, else the one with the most.  The page's events
 * come first, then the others from the newest.
 */
static void
data_find_guests(struct data *d)
{
	json_t	*ev;
	size_t	 i, n = json_array_size(d->events), head;
	int64_t	 id, total;

	if (data_guest_total(d, d->single_id) < 0) {
		data_note(&d->guests_note, "no guests: GET "
		    "/api/events/:id/guests not supported by this evtop-mock");
		return;
	}
	head = n < 50 ? n : 50;
	for (i = 0; i < n; i++) {
		ev = json_array_get(d->events, i < head ? i :
		    n - 1 - (i - head));
		id = json_integer_value(json_object_get(ev, "id"));
		if ((total = data_guest_total(d, id)) > d->mock_guests) {
			d->mock_guests = total;
			d->guest_event = id;
		}
		if (d->mock_guests >= DATA_BIG_EVENT)
			break;
	}
	if (d->mock_guests < DATA_BIG_EVENT)
		data_note(&d->guests_note, "no event with 500,000 guests: "
		    "--seed big not supported by this evtop-mock");
}

/* Whether the mock takes one guest: the POST workload's request. */
static void
data_probe_post(struct data *d)
{
	struct bench_reply	 r;
	char			*path, *why;
	int64_t			 id;

	id = d->guest_event != 0 ? d->guest_event : d->single_id;
	xasprintf(&path, "/api/events/%" PRId64 "/guests", id);
	bench_http(d->url, "POST", path, "{\"name\":\"Probe Guest\","
	    "\"email\":\"bench-probe@example.net\"}", d->token, &r);
	free(path);
	d->post_status = r.status;
	if (r.status != 201) {
		xasprintf(&why, "POST /api/events/:id/guests not supported by "
		    "this evtop-mock (%ld %s)", r.status,
		    bench_reply_message(&r));
		data_note(&d->post_note, why);
		free(why);
	}
	bench_reply_done(&r);
}

static const char data_alphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/* One generated guest; the shapes of API.md's Guest, fixed PRNG. */
static void
data_write_guest(FILE *f, int64_t i, int64_t event_id, uint32_t *rng,
    time_t base)
{
	static const char *const	 rsvp[] = {
		"accepted", "accepted", "accepted", "pending", "pending",
		"declined", "waitlisted"
	};
	const char			*status;
	char				 code[11], invited[32], responded[32];
	char				 checked[32];
	size_t				 k;

	for (k = 0; k < 10; k++) {
		*rng = *rng * 1103515245u + 12345u;
		code[k] = data_alphabet[(*rng >> 16) % 32];
	}
	code[10] = '\0';
	*rng = *rng * 1103515245u + 12345u;
	status = rsvp[(*rng >> 16) % (sizeof rsvp / sizeof rsvp[0])];
	json_util_format_time(base - (i % 86400), invited, sizeof invited);
	json_util_format_time(base - (i % 86400) + 3600, responded,
	    sizeof responded);
	json_util_format_time(base + 7200 + (i % 3600), checked,
	    sizeof checked);
	fprintf(f, "%s\n    {\"id\": %" PRId64 ", \"event_id\": %" PRId64
	    ", \"name\": \"Guest %06" PRId64 "\", \"email\": \"guest%06"
	    PRId64 "@example.net\", \"phone\": \"+351 91%07" PRId64 "\", "
	    "\"rsvp_status\": \"%s\", \"ticket_code\": \"%s\", "
	    "\"invited_at\": \"%s\", \"responded_at\": %s%s%s, "
	    "\"checked_in_at\": %s%s%s, \"notes\": %s}",
	    i == 1 ? "" : ",", i, event_id, i, i, i % 10000000, status, code,
	    invited,
	    strcmp(status, "pending") == 0 ? "null" : "\"",
	    strcmp(status, "pending") == 0 ? "" : responded,
	    strcmp(status, "pending") == 0 ? "" : "\"",
	    strcmp(status, "accepted") == 0 && i % 5 == 0 ? "\"" : "null",
	    strcmp(status, "accepted") == 0 && i % 5 == 0 ? checked : "",
	    strcmp(status, "accepted") == 0 && i % 5 == 0 ? "\"" : "",
	    i % 7 == 0 ? "\"Needs a vegetarian meal.\"" : "null");
}

/* db.json, written as it goes: the guests would not fit a json_t well. */
static void
data_write_db(struct data *d, int64_t nguests)
{
	json_t		*ev;
	char		*path, *text;
	FILE		*f;
	size_t		 i;
	int64_t		 g, event_id;
	uint32_t	 rng = 20260615;
	time_t		 base = time(NULL);

	xasprintf(&path, "%s/db.json", d->outdir);
	if ((f = fopen(path, "w")) == NULL)
		data_die(path, "cannot write");
	fputs("{\n  \"events\": [", f);
	json_array_foreach(d->events, i, ev) {
		text = json_dumps(ev, JSON_COMPACT);
		fprintf(f, "%s\n    %s", i == 0 ? "" : ",", text);
		free(text);
	}
	fputs("\n  ],\n  \"guests\": [", f);
	event_id = d->guest_event != 0 ? d->guest_event : d->single_id;
	for (g = 1; g <= nguests; g++)
		data_write_guest(f, g, event_id, &rng, base);
	fputs("\n  ]\n}\n", f);
	if (ferror(f) || fclose(f) != 0)
		data_die(path, "cannot write");
	free(path);
}

int
main(int argc, char **argv)
{
	struct data	 d;
	char		*cause = NULL;
	int64_t		 nguests = DATA_GUESTS_DEFAULT;

	if (argc != 5 && argc != 6) {
		fprintf(stderr, "usage: bench-mock-data URL ADMIN_EMAIL "
		    "ADMIN_PASSWORD OUTDIR [GUESTS]\n");
		return (2);
	}
	if (argc == 6)
		nguests = strtoll(argv[5], NULL, 10);
	memset(&d, 0, sizeof d);
	d.url = argv[1];
	d.outdir = argv[4];
	d.events = json_array();
	if ((d.token = bench_login(d.url, argv[2], argv[3], &cause)) == NULL)
		data_die("admin", cause);

	data_read_page(&d);
	data_read_events(&d);
	data_find_guests(&d);
	data_probe_post(&d);
	data_write_db(&d, nguests);

	printf("EVENTS=%zu\n", json_array_size(d.events));
	printf("SINGLE_ID=%" PRId64 "\n", d.single_id);
	printf("GUEST_EVENT=%" PRId64 "\n", d.guest_event != 0 ?
	    d.guest_event : d.single_id);
	printf("MOCK_GUESTS=%" PRId64 "\n", d.mock_guests);
	printf("DB_GUESTS=%" PRId64 "\n", nguests);
	printf("POST_STATUS=%ld\n", d.post_status);
	printf("TOKEN=%s\n", d.token);
	printf("GUESTS_NOTE='%s'\n", d.guests_note != NULL ?
	    d.guests_note : "");
	printf("POST_NOTE='%s'\n", d.post_note != NULL ? d.post_note : "");

	json_decref(d.events);
	free(d.token);
	free(d.guests_note);
	free(d.post_note);
	return (0);
}
