#include "events.h"

#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "json-util.h"
#include "xmalloc.h"

static const char *const events_statuses[] = {
	"draft", "published", "cancelled"
};

/* Columns shared by one event and the list, in events_row's order. */
#define EVENTS_COLUMNS							\
	"e.id, e.title, e.description, e.date_time, e.location,"	\
	" e.max_capacity, e.created_by, u.name, e.created_at,"		\
	" e.updated_at, e.status, e.category, e.version,"		\
	" (SELECT COUNT(*) FROM registrations r WHERE r.event_id = e.id"\
	"  AND r.status = 'confirmed'),"				\
	" (SELECT COUNT(*) FROM registrations r WHERE r.event_id = e.id"\
	"  AND r.status = 'waitlisted'),"				\
	" COALESCE((SELECT c.checked_in FROM guest_counts c"		\
	"  WHERE c.event_id = e.id), 0)"

#define EVENTS_FILTER							\
	" WHERE (?1 OR e.date_time >= ?2)"				\
	" AND (?3 IS NULL OR e.status = ?3)"				\
	" AND (?4 IS NULL OR e.category = ?4)"

static const char events_sql_insert[] =
	"INSERT INTO events (title, description, date_time, location,"
	" max_capacity, created_by, created_at, updated_at, status, category)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char events_sql_one[] =
	"SELECT " EVENTS_COLUMNS " FROM events e"
	" LEFT JOIN users u ON u.id = e.created_by WHERE e.id = ?";
static const char events_sql_list[] =
	"SELECT " EVENTS_COLUMNS " FROM events e"
	" LEFT JOIN users u ON u.id = e.created_by" EVENTS_FILTER
	" ORDER BY e.date_time, e.id LIMIT ?5 OFFSET ?6";
static const char events_sql_count[] =
	"SELECT COUNT(*) FROM events e" EVENTS_FILTER;
static const char events_sql_counters[] =
	"SELECT e.max_capacity,"
	" (SELECT COUNT(*) FROM registrations r WHERE r.event_id = e.id"
	"  AND r.status = 'confirmed'),"
	" (SELECT COUNT(*) FROM registrations r WHERE r.event_id = e.id"
	"  AND r.status = 'waitlisted'),"
	" COALESCE((SELECT c.checked_in FROM guest_counts c"
	"  WHERE c.event_id = e.id), 0)"
	" FROM events e WHERE e.id = ?";
static const char events_sql_soonest[] =
	"SELECT id FROM events WHERE status = 'published' AND date_time >= ?"
	" ORDER BY date_time, id LIMIT 1";

int
events_status_valid(const char *status)
{
	size_t	i;

	for (i = 0; i < sizeof events_statuses / sizeof events_statuses[0];
	    i++) {
		if (strcmp(status, events_statuses[i]) == 0)
			return (1);
	}
	return (0);
}

int
events_create(struct db *db, const struct event_new *ev, time_t now,
    int64_t *id, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	stmt = db_stmt(db, events_sql_insert);
	sqlite3_bind_text(stmt, 1, ev->title, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 2, ev->description ? ev->description : "", -1,
	    SQLITE_TRANSIENT);
	sqlite3_bind_int64(stmt, 3, ev->date_time);
	sqlite3_bind_text(stmt, 4, ev->location, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(stmt, 5, ev->max_capacity);
	if (ev->created_by > 0)
		sqlite3_bind_int64(stmt, 6, ev->created_by);
	sqlite3_bind_int64(stmt, 7, now);
	sqlite3_bind_int64(stmt, 8, now);
	sqlite3_bind_text(stmt, 9, ev->status ? ev->status : "published", -1,
	    SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 10, ev->category ? ev->category : "general",
	    -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		xasprintf(cause, "cannot create event: %s",
		    sqlite3_errmsg(db_handle(db)));
		return (-1);
	}
	if (id != NULL)
		*id = db_last_id(db);
	return (0);
}

static void
events_set_time(json_t *obj, const char *key, sqlite3_stmt *stmt, int i)
{
	char	buf[32];

	json_util_format_time((time_t)sqlite3_column_int64(stmt, i), buf,
	    sizeof buf);
	json_object_set_new(obj, key, json_string(buf));
}

static void
events_set_text(json_t *obj, const char *key, sqlite3_stmt *stmt, int i)
{
	const char	*s = db_text(stmt, i);
	json_t		*v;

	/* A file edited by hand may hold bad UTF-8: send "" rather than it. */
	if ((v = json_string(s)) == NULL)
		v = json_string("");
	json_object_set_new(obj, key, v);
}

static json_t *
events_row(sqlite3_stmt *stmt)
{
	json_t	*ev;
	int64_t	 capacity, confirmed, available;

	capacity = sqlite3_column_int64(stmt, 5);
	confirmed = sqlite3_column_int64(stmt, 13);
	available = capacity - confirmed;
	if (available < 0)
		available = 0;

	ev = json_object();
	json_object_set_new(ev, "id",
	    json_integer(sqlite3_column_int64(stmt, 0)));
	events_set_text(ev, "title", stmt, 1);
	events_set_text(ev, "description", stmt, 2);
	events_set_time(ev, "date_time", stmt, 3);
	events_set_text(ev, "location", stmt, 4);
	json_object_set_new(ev, "max_capacity", json_integer(capacity));
	if (sqlite3_column_type(stmt, 6) == SQLITE_NULL) {
		json_object_set_new(ev, "created_by", json_null());
		json_object_set_new(ev, "creator_name", json_null());
	} else {
		json_object_set_new(ev, "created_by",
		    json_integer(sqlite3_column_int64(stmt, 6)));
		events_set_text(ev, "creator_name", stmt, 7);
	}
	events_set_time(ev, "created_at", stmt, 8);
	events_set_time(ev, "updated_at", stmt, 9);
	json_object_set_new(ev, "current_registrations",
	    json_integer(confirmed));
	json_object_set_new(ev, "available_spots", json_integer(available));
	events_set_text(ev, "status", stmt, 10);
	events_set_text(ev, "category", stmt, 11);
	json_object_set_new(ev, "waitlisted",
	    json_integer(sqlite3_column_int64(stmt, 14)));
	json_object_set_new(ev, "checked_in",
	    json_integer(sqlite3_column_int64(stmt, 15)));
	json_object_set_new(ev, "version",
	    json_integer(sqlite3_column_int64(stmt, 12)));
	return (ev);
}

json_t *
events_get_json(struct db *db, int64_t id)
{
	sqlite3_stmt	*stmt;
	json_t		*ev = NULL;

	stmt = db_stmt(db, events_sql_one);
	sqlite3_bind_int64(stmt, 1, id);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		ev = events_row(stmt);
	sqlite3_reset(stmt);
	return (ev);
}

static void
events_bind_filter(sqlite3_stmt *stmt, const struct events_query *q)
{
	sqlite3_bind_int(stmt, 1, q->include_past ? 1 : 0);
	sqlite3_bind_int64(stmt, 2, q->now);
	if (q->status != NULL)
		sqlite3_bind_text(stmt, 3, q->status, -1, SQLITE_TRANSIENT);
	if (q->category != NULL)
		sqlite3_bind_text(stmt, 4, q->category, -1, SQLITE_TRANSIENT);
}

json_t *
events_list_json(struct db *db, const struct events_query *q, int64_t *total)
{
	sqlite3_stmt	*stmt;
	json_t		*list;

	stmt = db_stmt(db, events_sql_count);
	events_bind_filter(stmt, q);
	*total = db_int(db, stmt, 0);

	list = json_array();
	stmt = db_stmt(db, events_sql_list);
	events_bind_filter(stmt, q);
	sqlite3_bind_int64(stmt, 5, q->per_page);
	sqlite3_bind_int64(stmt, 6, (q->page - 1) * q->per_page);
	while (sqlite3_step(stmt) == SQLITE_ROW)
		json_array_append_new(list, events_row(stmt));
	sqlite3_reset(stmt);
	return (list);
}

int
events_counters(struct db *db, int64_t id, struct event_counters *c)
{
	sqlite3_stmt	*stmt;

	memset(c, 0, sizeof *c);
	stmt = db_stmt(db, events_sql_counters);
	sqlite3_bind_int64(stmt, 1, id);
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		sqlite3_reset(stmt);
		return (1);
	}
	c->event_id = id;
	c->capacity = sqlite3_column_int64(stmt, 0);
	c->confirmed = sqlite3_column_int64(stmt, 1);
	c->waitlisted = sqlite3_column_int64(stmt, 2);
	c->checked_in = sqlite3_column_int64(stmt, 3);
	c->available = c->capacity - c->confirmed;
	if (c->available < 0)
		c->available = 0;
	sqlite3_reset(stmt);
	return (0);
}

json_t *
events_counters_json(const struct event_counters *c)
{
	return (json_pack("{sI sI sI sI sI}",
	    "event_id", (json_int_t)c->event_id,
	    "confirmed", (json_int_t)c->confirmed,
	    "waitlisted", (json_int_t)c->waitlisted,
	    "checked_in", (json_int_t)c->checked_in,
	    "available", (json_int_t)c->available));
}

int64_t
events_soonest(struct db *db, time_t now)
{
	sqlite3_stmt	*stmt;

	stmt = db_stmt(db, events_sql_soonest);
	sqlite3_bind_int64(stmt, 1, now);
	return (db_int(db, stmt, 0));
}

static const char events_sql_owner[] =
	"SELECT COALESCE(created_by, 0), version FROM events WHERE id = ?";

int
events_owner(struct db *db, int64_t id, int64_t *created_by, int64_t *version)
{
	sqlite3_stmt	*stmt;
	int		 rc = 1;

	stmt = db_stmt(db, events_sql_owner);
	sqlite3_bind_int64(stmt, 1, id);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		if (created_by != NULL)
			*created_by = sqlite3_column_int64(stmt, 0);
		if (version != NULL)
			*version = sqlite3_column_int64(stmt, 1);
		rc = 0;
	}
	sqlite3_reset(stmt);
	return (rc);
}
