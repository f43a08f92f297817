/*
 * Batch output.  Columns are sized to their widest value (in terminal
 * columns, so a wide status still lines up); TITLE comes last and is never
 * cut.  Every time is local, like the dashboard's, and the first line
 * names the zone (tests run with TZ=UTC); JSON times are UTC.
 */
#include "batch.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "json-util.h"
#include "textw.h"
#include "xmalloc.h"

enum {
	BATCH_ID,
	BATCH_DATE,
	BATCH_TIME,
	BATCH_STATUS,
	BATCH_FILL,
	BATCH_WAITLIST,
	BATCH_CHECKED_IN,
	BATCH_TITLE,
	BATCH__COUNT
};

static const struct {
	const char	*title;
	int		 right;
} batch_columns[BATCH__COUNT] = {
	[BATCH_ID] =		{ "ID",			1 },
	[BATCH_DATE] =		{ "DATE",		0 },
	[BATCH_TIME] =		{ "TIME",		0 },
	[BATCH_STATUS] =	{ "STATUS",		0 },
	[BATCH_FILL] =		{ "CONFIRMED/CAPACITY",	1 },
	[BATCH_WAITLIST] =	{ "WAITLIST",		1 },
	[BATCH_CHECKED_IN] =	{ "CHECKED-IN",		1 },
	[BATCH_TITLE] =		{ "TITLE",		0 },
};

static char *
batch_count(int64_t v)
{
	char	*s;

	if (v < 0)
		return (xstrdup("-"));
	xasprintf(&s, "%" PRId64, v);
	return (s);
}

/* A total of counts some of which may be unknown (< 0). */
struct batch_sum {
	int64_t	sum;
	size_t	known;
	size_t	seen;
};

static void
batch_sum_add(struct batch_sum *t, int64_t v)
{
	t->seen++;
	if (v < 0)
		return;
	t->sum += v;
	t->known++;
}

/* The sum of the known values; -1 when there were values, none known. */
static int64_t
batch_sum_value(const struct batch_sum *t)
{
	return (t->seen > 0 && t->known == 0 ? -1 : t->sum);
}

/* The totals line of a snapshot, text or JSON alike. */
struct batch_totals {
	size_t			upcoming;
	int64_t			confirmed;
	int64_t			capacity;
	struct batch_sum	waitlisted;
	struct batch_sum	checked_in;
};

static void
batch_totals_add(struct batch_totals *t, const struct event *e, time_t now)
{
	if (e->current_registrations > 0)
		t->confirmed += e->current_registrations;
	if (e->max_capacity > 0)
		t->capacity += e->max_capacity;
	/* A core server counts neither: a dash, not 0. */
	batch_sum_add(&t->waitlisted, e->waitlisted);
	batch_sum_add(&t->checked_in, e->checked_in);
	if (e->date_time >= now)
		t->upcoming++;
}

/* The cells of one event row, each a new string. */
static void
batch_cells(const struct event *e, char **cells)
{
	struct tm	tm;
	char		buf[32];
	char		*c, *m;

	if (e->date_time > 0 && localtime_r(&e->date_time, &tm) != NULL) {
		strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
		cells[BATCH_DATE] = xstrdup(buf);
		strftime(buf, sizeof buf, "%H:%M", &tm);
		cells[BATCH_TIME] = xstrdup(buf);
	} else {
		cells[BATCH_DATE] = xstrdup("-");
		cells[BATCH_TIME] = xstrdup("-");
	}
	xasprintf(&cells[BATCH_ID], "%" PRId64, e->id);
	cells[BATCH_STATUS] = xstrdup(e->status != NULL ? e->status : "-");
	c = batch_count(e->current_registrations);
	if (e->max_capacity > 0) {
		m = batch_count(e->max_capacity);
		xasprintf(&cells[BATCH_FILL], "%s/%s", c, m);
		free(m);
		free(c);
	} else
		cells[BATCH_FILL] = c;
	cells[BATCH_WAITLIST] = batch_count(e->waitlisted);
	cells[BATCH_CHECKED_IN] = batch_count(e->checked_in);
	cells[BATCH_TITLE] = xstrdup(e->title != NULL ? e->title : "");
}

static int
batch_print_row(FILE *f, char *const *cells, const int *widths)
{
	char	*pad;
	int	 i, flags;

	for (i = 0; i < BATCH__COUNT; i++) {
		if (i == BATCH__COUNT - 1) {
			if (fprintf(f, "%s\n", cells[i]) < 0)
				return (-1);
			break;
		}
		flags = TEXTW_PAD|(batch_columns[i].right ? TEXTW_RIGHT : 0);
		pad = textw_fit(cells[i], widths[i], flags);
		if (fprintf(f, "%s  ", pad) < 0) {
			free(pad);
			return (-1);
		}
		free(pad);
	}
	return (0);
}

int
batch_print_events(FILE *f, const struct store *s, time_t now)
{
	const struct event	*e;
	size_t			 n = store_event_count(s), i, j, m;
	char			*(*rows)[BATCH__COUNT];
	char			*header[BATCH__COUNT];
	int			 widths[BATCH__COUNT], w, rc = 0;
	int64_t			 total;
	struct batch_totals	 t;
	char			*wl, *ci;

	memset(&t, 0, sizeof t);

	rows = xcalloc(n > 0 ? n : 1, sizeof *rows);
	for (j = 0; j < BATCH__COUNT; j++) {
		header[j] = (char *)(uintptr_t)batch_columns[j].title;
		widths[j] = textw_width(batch_columns[j].title);
	}
	for (i = 0, m = 0; i < n; i++) {
		/* A row whose page did not come is left out, not guessed. */
		if ((e = store_event_at(s, i)) == NULL)
			continue;
		batch_cells(e, rows[m]);
		for (j = 0; j < BATCH__COUNT; j++) {
			if ((w = textw_width(rows[m][j])) > widths[j])
				widths[j] = w;
		}
		batch_totals_add(&t, e, now);
		m++;
	}
	n = m;

	if (batch_print_row(f, header, widths) != 0)
		rc = -1;
	for (i = 0; i < n && rc == 0; i++) {
		if (batch_print_row(f, rows[i], widths) != 0)
			rc = -1;
	}
	total = store_event_total(s);
	wl = batch_count(batch_sum_value(&t.waitlisted));
	ci = batch_count(batch_sum_value(&t.checked_in));
	if (rc == 0 && fprintf(f, "%zu event%s (%zu upcoming), %" PRId64
	    " confirmed of %" PRId64 " capacity, %s waitlisted, %s checked in",
	    n, n == 1 ? "" : "s", t.upcoming, t.confirmed, t.capacity, wl,
	    ci) < 0)
		rc = -1;
	free(wl);
	free(ci);
	if (rc == 0 && total > (int64_t)n &&
	    fprintf(f, "; the server has %" PRId64 " in all", total) < 0)
		rc = -1;
	if (rc == 0 && fprintf(f, "\n") < 0)
		rc = -1;

	for (i = 0; i < n; i++) {
		for (j = 0; j < BATCH__COUNT; j++)
			free(rows[i][j]);
	}
	free(rows);
	if (rc == 0 && fflush(f) != 0)
		rc = -1;
	return (rc);
}

int
batch_print_header(FILE *f, const char *server, const char *user, time_t now)
{
	struct tm	tm;
	char		buf[64];
	size_t		n;

	/*
	 * The zone of every time below: its name, and its offset too when
	 * it is not UTC, since a name like IST means more than one zone.
	 */
	if (localtime_r(&now, &tm) == NULL)
		gmtime_r(&now, &tm);
	n = strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S %Z", &tm);
	if (tm.tm_gmtoff != 0 && n > 0)
		strftime(buf + n, sizeof buf - n, " (UTC%z)", &tm);
	if (fprintf(f, "evtop: %s%s%s at %s\n", server, user != NULL ?
	    " as " : "", user != NULL ? user : "", buf) < 0)
		return (-1);
	return (0);
}

int
batch_print_notifications(FILE *f, const struct store *s, size_t max,
    int signed_in)
{
	const struct notification	*n;
	size_t				 count, i, first;
	struct tm			 tm;
	char				 when[32];

	if (!signed_in)
		return (fprintf(f, "Notifications: sign in to see them\n") < 0 ?
		    -1 : 0);
	if (!store_notifications_supported(s))
		return (fprintf(f, "Notifications: this server keeps none\n") <
		    0 ? -1 : 0);
	count = store_notification_count(s);
	if (count == 0)
		return (fprintf(f, "Notifications: none yet\n") < 0 ? -1 : 0);
	first = count > max ? count - max : 0;
	if (fprintf(f, "Latest notifications:\n") < 0)
		return (-1);
	for (i = first; i < count; i++) {
		n = store_notification_at(s, i);
		if (n->created_at > 0 && localtime_r(&n->created_at, &tm) !=
		    NULL)
			strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
		else
			snprintf(when, sizeof when, "-");
		if (fprintf(f, "  %s  %-7s  %s%s%s\n", when,
		    notification_level_name(n->level), n->title != NULL ?
		    n->title : "", n->message != NULL ? ": " : "",
		    n->message != NULL ? n->message : "") < 0)
			return (-1);
	}
	return (0);
}

/* A count, or null when the server did not send it. */
static json_t *
batch_json_count(int64_t v)
{
	return (v < 0 ? json_null() : json_integer((json_int_t)v));
}

static json_t *
batch_json_string(const char *s)
{
	return (s != NULL ? json_string(s) : json_null());
}

static json_t *
batch_json_time(time_t t)
{
	char	buf[32];

	if (t <= 0)
		return (json_null());
	json_util_format_time(t, buf, sizeof buf);
	return (json_string(buf));
}

static json_t *
batch_json_events(const struct store *s, time_t now, json_t *totals)
{
	const struct event	*e;
	json_t			*events = json_array();
	size_t			 i, m, n = store_event_count(s);
	struct batch_totals	 t;

	memset(&t, 0, sizeof t);
	for (i = 0, m = 0; i < n; i++) {
		if ((e = store_event_at(s, i)) == NULL)
			continue;
		m++;
		json_array_append_new(events, json_pack("{s:I, s:o, s:o, s:o, "
		    "s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
		    "id", (json_int_t)e->id,
		    "title", batch_json_string(e->title),
		    "date_time", batch_json_time(e->date_time),
		    "location", batch_json_string(e->location),
		    "status", batch_json_string(e->status),
		    "category", batch_json_string(e->category),
		    "max_capacity", batch_json_count(e->max_capacity),
		    "confirmed", batch_json_count(e->current_registrations),
		    "available", batch_json_count(e->available_spots),
		    "waitlisted", batch_json_count(e->waitlisted),
		    "checked_in", batch_json_count(e->checked_in)));
		batch_totals_add(&t, e, now);
	}
	json_object_set_new(totals, "events", json_integer((json_int_t)m));
	json_object_set_new(totals, "upcoming",
	    json_integer((json_int_t)t.upcoming));
	json_object_set_new(totals, "confirmed", json_integer(t.confirmed));
	json_object_set_new(totals, "capacity", json_integer(t.capacity));
	json_object_set_new(totals, "waitlisted",
	    batch_json_count(batch_sum_value(&t.waitlisted)));
	json_object_set_new(totals, "checked_in",
	    batch_json_count(batch_sum_value(&t.checked_in)));
	json_object_set_new(totals, "server_total",
	    batch_json_count(store_event_total(s)));
	return (events);
}

static json_t *
batch_json_notifications(const struct store *s, size_t max)
{
	const struct notification	*n;
	json_t				*a = json_array();
	size_t				 count, i;

	count = store_notification_count(s);
	for (i = count > max ? count - max : 0; i < count; i++) {
		n = store_notification_at(s, i);
		json_array_append_new(a, json_pack("{s:o, s:o, s:s, s:o, s:o, "
		    "s:o, s:o, s:o}",
		    "id", batch_json_count(n->id),
		    "seq", batch_json_count(n->seq),
		    "level", notification_level_name(n->level),
		    "type", batch_json_string(n->type),
		    "title", batch_json_string(n->title),
		    "message", batch_json_string(n->message),
		    "event_id", batch_json_count(n->event_id),
		    "created_at", batch_json_time(n->created_at)));
	}
	return (a);
}

int
batch_print_json(FILE *f, const struct store *s, const char *server,
    const char *user, time_t now, size_t max, int signed_in)
{
	json_t	*doc, *totals = json_object(), *events;
	char	*text;
	int	 rc = 0;

	events = batch_json_events(s, now, totals);
	doc = json_pack("{s:o, s:s, s:o, s:o, s:o, s:o}",
	    "time", batch_json_time(now),
	    "server", server,
	    "user", batch_json_string(user),
	    "events", events,
	    "totals", totals,
	    "notifications", signed_in && store_notifications_supported(s) ?
	    batch_json_notifications(s, max) : json_null());
	/* Compact: one document a line, so jq reads a stream of them. */
	text = doc != NULL ? json_dumps(doc, JSON_COMPACT) : NULL;
	json_decref(doc);
	if (text == NULL)
		return (-1);
	if (fprintf(f, "%s\n", text) < 0 || fflush(f) != 0)
		rc = -1;
	free(text);
	return (rc);
}
