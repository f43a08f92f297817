#include "stats.h"

#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "events.h"
#include "json-util.h"
#include "xmalloc.h"

static const char stats_sql_events[] =
	"SELECT COUNT(*), TOTAL(status = 'published' AND date_time >= ?)"
	" FROM events";
/*
 * Check-ins are the guest rows' (the door's and registrations' alike), as
 * in each event's counters: the sum of guest_counts.  Registrations are
 * the sums of the kept registration_counts (db.c), not a scan.
 */
static const char stats_sql_registrations[] =
	"SELECT TOTAL(confirmed), TOTAL(waitlisted),"
	" (SELECT TOTAL(checked_in) FROM guest_counts)"
	" FROM registration_counts";
/* Grouped in the index's order, so nothing is sorted. */
static const char stats_sql_rsvp_all[] =
	"SELECT rsvp_status, COUNT(*) FROM guests"
	" GROUP BY event_id, rsvp_status";
static const char stats_sql_rsvp[] =
	"SELECT rsvp_status, COUNT(*) FROM guests WHERE event_id = ?"
	" GROUP BY rsvp_status";
static const char stats_sql_start[] =
	"SELECT date_time FROM events WHERE id = ?";
static const char stats_sql_confirmed[] =
	"SELECT registration_date / 60, COUNT(*) FROM registrations"
	" WHERE event_id = ?1 AND status = 'confirmed'"
	" AND registration_date >= ?2 AND registration_date < ?3 GROUP BY 1";
/* Every check-in reaches the guest row, whichever way it was made. */
static const char stats_sql_checkins[] =
	"SELECT checked_in_at / 60, COUNT(*) FROM guests"
	" WHERE event_id = ?1 AND checked_in_at >= ?2"
	" AND checked_in_at < ?3 GROUP BY 1";

/* {accepted,declined,pending,waitlisted} and their sum in *guests. */
static json_t *
stats_rsvp(sqlite3_stmt *stmt, json_int_t *guests)
{
	json_t		*rsvp, *v;
	json_int_t	 n;

	rsvp = json_pack("{sI sI sI sI}", "accepted", (json_int_t)0,
	    "declined", (json_int_t)0, "pending", (json_int_t)0,
	    "waitlisted", (json_int_t)0);
	*guests = 0;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		n = sqlite3_column_int64(stmt, 1);
		*guests += n;
		v = json_object_get(rsvp, db_text(stmt, 0));
		if (v != NULL)
			json_integer_set(v, json_integer_value(v) + n);
	}
	sqlite3_reset(stmt);
	return (rsvp);
}

json_t *
stats_global_json(struct db *db, time_t now)
{
	sqlite3_stmt	*stmt;
	json_int_t	 events = 0, upcoming = 0, guests;
	json_int_t	 confirmed = 0, waitlisted = 0, checked_in = 0;
	json_t		*rsvp;

	stmt = db_stmt(db, stats_sql_events);
	sqlite3_bind_int64(stmt, 1, now);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		events = sqlite3_column_int64(stmt, 0);
		upcoming = (json_int_t)sqlite3_column_double(stmt, 1);
	}
	sqlite3_reset(stmt);
	stmt = db_stmt(db, stats_sql_registrations);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		confirmed = (json_int_t)sqlite3_column_double(stmt, 0);
		waitlisted = (json_int_t)sqlite3_column_double(stmt, 1);
		checked_in = (json_int_t)sqlite3_column_double(stmt, 2);
	}
	sqlite3_reset(stmt);
	rsvp = stats_rsvp(db_stmt(db, stats_sql_rsvp_all), &guests);
	return (json_pack("{sI sI sI sI sI sI so}", "events", events,
	    "upcoming", upcoming, "confirmed", confirmed,
	    "waitlisted", waitlisted, "checked_in", checked_in,
	    "guests", guests, "rsvp", rsvp));
}

/* Adds the per-minute counts of stmt into counts[] (minutes from first). */
static void
stats_buckets(sqlite3_stmt *stmt, int64_t id, time_t from, time_t until,
    int64_t first, int64_t minutes, int64_t *counts)
{
	int64_t	minute;

	sqlite3_bind_int64(stmt, 1, id);
	sqlite3_bind_int64(stmt, 2, from);
	sqlite3_bind_int64(stmt, 3, until);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		minute = sqlite3_column_int64(stmt, 0) - first;
		if (minute >= 0 && minute < minutes)
			counts[minute] += sqlite3_column_int64(stmt, 1);
	}
	sqlite3_reset(stmt);
}

static json_t *
stats_timeline(struct db *db, int64_t id, time_t until, int64_t minutes)
{
	json_t		*list;
	int64_t		*confirmed, *checked, first, i;
	time_t		 from;
	char		 t[32];

	first = (int64_t)until / 60 - minutes;
	from = (time_t)(first * 60);
	confirmed = xcalloc((size_t)minutes, sizeof *confirmed);
	checked = xcalloc((size_t)minutes, sizeof *checked);
	stats_buckets(db_stmt(db, stats_sql_confirmed), id, from, until,
	    first, minutes, confirmed);
	stats_buckets(db_stmt(db, stats_sql_checkins), id, from, until,
	    first, minutes, checked);

	list = json_array();
	for (i = 0; i < minutes; i++) {
		json_util_format_time((time_t)((first + i) * 60), t, sizeof t);
		json_array_append_new(list, json_pack("{ss sI sI}", "t", t,
		    "confirmed", (json_int_t)confirmed[i],
		    "checked_in", (json_int_t)checked[i]));
	}
	free(confirmed);
	free(checked);
	return (list);
}

json_t *
stats_event_json(struct db *db, int64_t id, time_t now, time_t until,
    int64_t minutes)
{
	struct event_counters	 c;
	sqlite3_stmt		*stmt;
	json_int_t		 guests;
	json_t			*rsvp, *stats;
	time_t			 start;
	char			 from_s[32], until_s[32];

	if (events_counters(db, id, &c) != 0)
		return (NULL);
	if (until == 0) {
		stmt = db_stmt(db, stats_sql_start);
		sqlite3_bind_int64(stmt, 1, id);
		start = (time_t)db_int(db, stmt, now);
		until = now;
		if (start + STATS_AFTER_START < until)
			until = start + STATS_AFTER_START;
	}
	/* Whole minutes: the one under way is the last bucket. */
	until = (until + 59) / 60 * 60;
	if (minutes < 1 || minutes > STATS_MINUTES_MAX)
		minutes = STATS_MINUTES_DEFAULT;

	stmt = db_stmt(db, stats_sql_rsvp);
	sqlite3_bind_int64(stmt, 1, id);
	rsvp = stats_rsvp(stmt, &guests);
	json_util_format_time(until - minutes * 60, from_s, sizeof from_s);
	json_util_format_time(until, until_s, sizeof until_s);
	stats = json_pack("{sI sI sI sI sI sI sI so si ss ss}",
	    "event_id", (json_int_t)id, "capacity", (json_int_t)c.capacity,
	    "confirmed", (json_int_t)c.confirmed,
	    "waitlisted", (json_int_t)c.waitlisted,
	    "checked_in", (json_int_t)c.checked_in,
	    "available", (json_int_t)c.available, "guests", guests,
	    "rsvp", rsvp, "bucket_seconds", 60,
	    "timeline_from", from_s, "timeline_until", until_s);
	json_object_set_new(stats, "timeline",
	    stats_timeline(db, id, until, minutes));
	return (stats);
}
