/*
 * Batch output against a store filled by hand: a header, one aligned row
 * per event in date order, a totals line, and never an escape byte.
 */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "store.h"
#include "textw.h"
#include "xmalloc.h"

#include "test.h"

__attribute__((constructor)) static void
setup_locale(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
	setlocale(LC_ALL, "C.UTF-8");
}

static void
fill_event(struct event *e, int64_t id, const char *title, time_t when,
    const char *status, int64_t confirmed, int64_t cap, int64_t waitlisted,
    int64_t checked_in)
{
	memset(e, 0, sizeof *e);
	e->id = id;
	e->title = xstrdup(title);
	e->date_time = when;
	e->location = xstrdup("Lisbon");
	e->max_capacity = cap;
	e->created_by = -1;
	e->current_registrations = confirmed;
	e->available_spots = cap >= 0 ? cap - confirmed : -1;
	e->status = status != NULL ? xstrdup(status) : NULL;
	e->waitlisted = waitlisted;
	e->checked_in = checked_in;
	e->version = -1;
}

static struct store *
make_store(int64_t total)
{
	struct store	*s = store_new();
	struct event	*evs = xcalloc(3, sizeof *evs);

	/* 2026-06-15 09:00 UTC, a day later, and a week later. */
	fill_event(&evs[0], 12, "\xe6\x97\xa5\xe6\x9c\xac Meetup", 1781600400 +
	    86400, "draft", 5, 40, 0, 0);
	fill_event(&evs[1], 7, "Evtop Launch Party", 1781600400,
	    "published", 124, 200, 3, 40);
	fill_event(&evs[2], 1031, "Core server event", 1781600400 + 7 * 86400,
	    NULL, 9, 10, -1, -1);
	store_set_events(s, evs, 3, total);
	return (s);
}

static char *
print(struct store *s, time_t now)
{
	char	*buf = NULL;
	size_t	 len = 0;
	FILE	*f = open_memstream(&buf, &len);

	CHECK_INT(batch_print_events(f, s, now), 0);
	fclose(f);
	return (buf);
}

/* The display column where TITLE starts on each line must be the same. */
static int
title_column(const char *line, const char *title)
{
	const char	*at = strstr(line, title);
	char		*prefix;
	int		 w;

	if (at == NULL)
		return (-1);
	prefix = xstrndup(line, (size_t)(at - line));
	w = textw_width(prefix);
	free(prefix);
	return (w);
}

static void
test_batch_rows(void)
{
	struct store	*s = make_store(3);
	char		*out = print(s, 1781600400 - 3600);
	char		*lines[8], *p, *save = NULL;
	int		 n = 0, col;

	CHECK(strchr(out, '\033') == NULL);
	for (p = strtok_r(out, "\n", &save); p != NULL && n < 8;
	    p = strtok_r(NULL, "\n", &save))
		lines[n++] = p;
	CHECK_INT(n, 5);
	if (n != 5)
		goto out;
	CHECK(strncmp(lines[0], "  ID  DATE", 10) == 0);
	CHECK(strstr(lines[0], "CONFIRMED/CAPACITY") != NULL);
	CHECK(strstr(lines[0], "WAITLIST") != NULL);
	CHECK(strstr(lines[0], "CHECKED-IN") != NULL);

	/* Date order, dates as YYYY-MM-DD and HH:MM. */
	CHECK(strstr(lines[1], "Evtop Launch Party") != NULL);
	CHECK(strstr(lines[1], "2026-06-16") != NULL);
	CHECK(strstr(lines[1], "09:00") != NULL);
	CHECK(strstr(lines[1], "124/200") != NULL);
	CHECK(strstr(lines[1], "published") != NULL);
	CHECK(strstr(lines[2], "\xe6\x97\xa5\xe6\x9c\xac Meetup") != NULL);
	CHECK(strstr(lines[2], "2026-06-17") != NULL);
	CHECK(strstr(lines[3], "Core server event") != NULL);
	CHECK(strncmp(lines[3], "1031", 4) == 0);

	/* Absent values are a dash, never -1. */
	CHECK(strstr(lines[3], "-1") == NULL);
	CHECK(strstr(lines[3], "  -  ") != NULL);

	/* Columns line up, CJK included. */
	col = title_column(lines[0], "TITLE");
	CHECK(col > 0);
	CHECK_INT(title_column(lines[1], "Evtop"), col);
	CHECK_INT(title_column(lines[2], "\xe6\x97\xa5"), col);
	CHECK_INT(title_column(lines[3], "Core"), col);

	CHECK_STR(lines[4], "3 events (3 upcoming), 138 confirmed of 250 "
	    "capacity, 3 waitlisted, 40 checked in");
out:
	free(out);
	store_free(s);
}

static void
test_batch_totals(void)
{
	struct store	*s = make_store(120);
	char		*out = print(s, 1781600400 + 2 * 86400);
	struct event	*evs;

	/* Paginated: the server's total is said, and what is past counted. */
	CHECK(strstr(out, "3 events (1 upcoming)") != NULL);
	CHECK(strstr(out, "the server has 120 in all") != NULL);
	free(out);
	store_free(s);

	s = store_new();
	out = print(s, 0);
	CHECK(strstr(out, "TITLE\n0 events (0 upcoming)") != NULL);
	free(out);
	store_free(s);

	/* A core server counts no waitlist or check-ins: a dash, not 0. */
	s = store_new();
	evs = xcalloc(2, sizeof *evs);
	fill_event(&evs[0], 1, "Core one", 1781600400, "published", 9, 10,
	    -1, -1);
	fill_event(&evs[1], 2, "Core two", 1781600400 + 60, "published", 1,
	    5, -1, -1);
	store_set_events(s, evs, 2, -1);
	out = print(s, 0);
	CHECK(strstr(out, "2 events (2 upcoming), 10 confirmed of 15 "
	    "capacity, - waitlisted, - checked in\n") != NULL);
	free(out);
	store_free(s);
}

/* A whole text snapshot: the header line, the events, the notifications. */
static char *
print_snapshot(struct store *s, time_t now)
{
	char	*buf = NULL;
	size_t	 len = 0;
	FILE	*f = open_memstream(&buf, &len);

	CHECK_INT(batch_print_header(f, "http://ev.test", NULL, now), 0);
	CHECK_INT(batch_print_events(f, s, now), 0);
	CHECK_INT(batch_print_notifications(f, s, 5, 1), 0);
	fclose(f);
	return (buf);
}

static void
add_notification(struct store *s, time_t when)
{
	struct notification	n;

	memset(&n, 0, sizeof n);
	n.id = 1;
	n.seq = 1;
	n.level = NOTIFY_INFO;
	n.title = xstrdup("Doors open");
	n.event_id = -1;
	n.created_at = when;
	CHECK_INT(store_add_notification(s, &n), 1);
}

/*
 * One zone for every time of a snapshot, and the first line names it:
 * 09:00 UTC is 14:30 in Kolkata and 05:00 in New York (summer time).
 */
static void
test_batch_zone(void)
{
	static const struct {
		const char	*tz;
		const char	*header;	/* the first line's time */
		const char	*row;		/* the launch party's */
		const char	*note;		/* the notification's */
	} zones[] = {
		{ "UTC", "at 2026-06-16 08:00:00 UTC\n", "2026-06-16  09:00",
		  "  2026-06-16 08:30  info" },
		{ "Asia/Kolkata", "at 2026-06-16 13:30:00 IST (UTC+0530)\n",
		  "2026-06-16  14:30", "  2026-06-16 14:00  info" },
		{ "America/New_York", "at 2026-06-16 04:00:00 EDT "
		  "(UTC-0400)\n", "2026-06-16  05:00",
		  "  2026-06-16 04:30  info" },
	};
	struct store	*s;
	char		*out;
	size_t		 i;

	for (i = 0; i < sizeof zones / sizeof zones[0]; i++) {
		setenv("TZ", zones[i].tz, 1);
		tzset();
		s = make_store(3);
		add_notification(s, 1781600400 - 1800);
		out = print_snapshot(s, 1781600400 - 3600);
		CHECK(strstr(out, zones[i].header) != NULL);
		CHECK(strstr(out, zones[i].row) != NULL);
		CHECK(strstr(out, zones[i].note) != NULL);
		if (test_failures)
			fprintf(stderr, "TZ=%s:\n%s", zones[i].tz, out);
		free(out);
		store_free(s);
	}
	setenv("TZ", "UTC", 1);
	tzset();
}

static void
test_batch_write_error(void)
{
	struct store	*s = make_store(3);
	FILE		*f = fopen("/dev/full", "w");

	if (f == NULL)
		return;
	CHECK_INT(batch_print_events(f, s, 0), -1);
	fclose(f);
	store_free(s);
}

TEST_MAIN(
	TEST_CASE(test_batch_rows),
	TEST_CASE(test_batch_totals),
	TEST_CASE(test_batch_zone),
	TEST_CASE(test_batch_write_error))
