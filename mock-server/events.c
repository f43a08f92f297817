#include "events.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "json-util.h"
#include "rows.h"
#include "xmalloc.h"

static const char *const events_statuses[] = {
	"draft", "published", "cancelled"
};

/* Columns shared by one event and the list, in events_row's order. */
#define EVENTS_COLUMNS							\
	"e.id, e.title, e.description, e.date_time, e.location,"	\
	" e.max_capacity, e.created_by, u.name, e.created_at,"		\
	" e.updated_at, e.status, e.category, e.version,"		\
	" COALESCE(rc.confirmed, 0), COALESCE(rc.waitlisted, 0),"	\
	" COALESCE((SELECT c.checked_in FROM guest_counts c"		\
	"  WHERE c.event_id = e.id), 0)"

/* The kept counts (db.c) of EVENTS_COLUMNS: no row before a registration. */
#define EVENTS_JOIN_COUNTS						\
	" LEFT JOIN registration_counts rc ON rc.event_id = e.id"

/*
 * Every filter of a list, bound by number (events_bind_filter): ?1
 * include_past, ?2 now, ?3 status, ?4 category, ?5 date_from, ?6 date_to,
 * ?7 and ?8 LIKE patterns for q and location, ?9 creator, ?10 the viewer
 * is an admin, ?11 the viewer's id (drafts show to admins and creators).
 * A filter left NULL matches everything.
 */
#define EVENTS_FILTER							\
	" WHERE (?1 OR e.date_time >= ?2)"				\
	" AND (?3 IS NULL OR e.status = ?3)"				\
	" AND (?4 IS NULL OR e.category = ?4)"				\
	" AND (?5 IS NULL OR e.date_time >= ?5)"			\
	" AND (?6 IS NULL OR e.date_time <= ?6)"			\
	" AND (?7 IS NULL OR e.title LIKE ?7 ESCAPE '\\'"		\
	"  OR e.description LIKE ?7 ESCAPE '\\'"			\
	"  OR e.location LIKE ?7 ESCAPE '\\')"				\
	" AND (?8 IS NULL OR e.location LIKE ?8 ESCAPE '\\')"		\
	" AND (?9 IS NULL OR e.created_by = ?9)"			\
	" AND (e.status <> 'draft' OR ?10 OR e.created_by = ?11)"

/*
 * A page: the ids in order first, then the columns (and their counts) for
 * those ids only, so neither an OFFSET nor a sort computes counters of
 * rows it throws away.  CROSS JOIN keeps the page's order.
 */
#define EVENTS_PAGE(order)						\
	"SELECT " EVENTS_COLUMNS " FROM (SELECT e.id AS pid FROM events e"\
	EVENTS_FILTER " ORDER BY " order " LIMIT ?12 OFFSET ?13) p"	\
	" CROSS JOIN events e ON e.id = p.pid"				\
	" LEFT JOIN users u ON u.id = e.created_by" EVENTS_JOIN_COUNTS

/* The orders of a list; the first is the default (index events_date). */
static const struct {
	const char	*name;
	const char	*sql;
} events_sorts[] = {
	{ "date", EVENTS_PAGE("e.date_time, e.id") },
	{ "-date", EVENTS_PAGE("e.date_time DESC, e.id DESC") },
	{ "title", EVENTS_PAGE("e.title COLLATE NOCASE, e.id") },
	{ "-title", EVENTS_PAGE("e.title COLLATE NOCASE DESC, e.id DESC") },
	{ "created", EVENTS_PAGE("e.created_at, e.id") },
	{ "-created", EVENTS_PAGE("e.created_at DESC, e.id DESC") },
	{ "capacity", EVENTS_PAGE("e.max_capacity, e.id") },
	{ "-capacity", EVENTS_PAGE("e.max_capacity DESC, e.id DESC") },
};
#define EVENTS_NSORTS	(sizeof events_sorts / sizeof events_sorts[0])

static const char events_sql_insert[] =
	"INSERT INTO events (title, description, date_time, location,"
	" max_capacity, created_by, created_at, updated_at, status, category)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char events_sql_one[] =
	"SELECT " EVENTS_COLUMNS " FROM events e"
	" LEFT JOIN users u ON u.id = e.created_by" EVENTS_JOIN_COUNTS
	" WHERE e.id = ?";
static const char events_sql_count[] =
	"SELECT COUNT(*) FROM events e" EVENTS_FILTER;
static const char events_sql_counters[] =
	"SELECT e.max_capacity,"
	" COALESCE(rc.confirmed, 0), COALESCE(rc.waitlisted, 0),"
	" COALESCE((SELECT c.checked_in FROM guest_counts c"
	"  WHERE c.event_id = e.id), 0)"
	" FROM events e" EVENTS_JOIN_COUNTS " WHERE e.id = ?";
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
	return (rows_get_json(db, events_sql_one, id, events_row));
}

int
events_sort_find(const char *name)
{
	size_t	i;

	for (i = 0; i < EVENTS_NSORTS; i++) {
		if (strcmp(name, events_sorts[i].name) == 0)
			return ((int)i);
	}
	return (-1);
}

const char *
events_sort_names(void)
{
	static char	 names[256];
	const char	*name;
	size_t		 i, at = 0, len;

	if (names[0] != '\0')
		return (names);
	for (i = 0; i < EVENTS_NSORTS; i++) {
		name = events_sorts[i].name;
		len = strlen(name);
		if (at + len + 3 > sizeof names)
			break;
		if (i > 0) {
			memcpy(names + at, ", ", 2);
			at += 2;
		}
		memcpy(names + at, name, len + 1);
		at += len;
	}
	return (names);
}

const char *
events_list_sql(int sort)
{
	if (sort < 0 || (size_t)sort >= EVENTS_NSORTS)
		sort = 0;
	return (events_sorts[sort].sql);
}

/* "%text%" for LIKE, with the pattern characters in text escaped. */
static char *
events_like(const char *text)
{
	char	*out, *o;

	out = o = xmalloc(strlen(text) * 2 + 3);
	*o++ = '%';
	for (; *text != '\0'; text++) {
		if (*text == '%' || *text == '_' || *text == '\\')
			*o++ = '\\';
		*o++ = *text;
	}
	*o++ = '%';
	*o = '\0';
	return (out);
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
	if (q->has_from)
		sqlite3_bind_int64(stmt, 5, q->date_from);
	if (q->has_to)
		sqlite3_bind_int64(stmt, 6, q->date_to);
	if (q->q != NULL)
		sqlite3_bind_text(stmt, 7, events_like(q->q), -1, free);
	if (q->location != NULL)
		sqlite3_bind_text(stmt, 8, events_like(q->location), -1, free);
	if (q->created_by > 0)
		sqlite3_bind_int64(stmt, 9, q->created_by);
	sqlite3_bind_int(stmt, 10, q->viewer_admin ? 1 : 0);
	sqlite3_bind_int64(stmt, 11, q->viewer_id);
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
	stmt = db_stmt(db, events_list_sql(q->sort));
	events_bind_filter(stmt, q);
	sqlite3_bind_int64(stmt, 12, q->per_page);
	sqlite3_bind_int64(stmt, 13, (q->page - 1) * q->per_page);
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

/* Edits: a column bound NULL keeps its value. */
static const char events_sql_update[] =
	"UPDATE events SET title = COALESCE(?1, title),"
	" description = COALESCE(?2, description),"
	" date_time = COALESCE(?3, date_time),"
	" location = COALESCE(?4, location),"
	" max_capacity = COALESCE(?5, max_capacity),"
	" status = COALESCE(?6, status), category = COALESCE(?7, category),"
	" version = version + 1, updated_at = ?8 WHERE id = ?9";
static const char events_sql_delete[] =
	"DELETE FROM events WHERE id = ?";
static const char events_sql_status[] =
	"SELECT status FROM events WHERE id = ?";

static void
events_bind_opt(sqlite3_stmt *stmt, int i, const char *s)
{
	if (s != NULL)
		sqlite3_bind_text(stmt, i, s, -1, SQLITE_TRANSIENT);
}

int
events_update(struct db *db, int64_t id, const struct event_edit *ed,
    time_t now, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	stmt = db_stmt(db, events_sql_update);
	events_bind_opt(stmt, 1, ed->title);
	events_bind_opt(stmt, 2, ed->description);
	if (ed->has_date_time)
		sqlite3_bind_int64(stmt, 3, ed->date_time);
	events_bind_opt(stmt, 4, ed->location);
	if (ed->max_capacity > 0)
		sqlite3_bind_int64(stmt, 5, ed->max_capacity);
	events_bind_opt(stmt, 6, ed->status);
	events_bind_opt(stmt, 7, ed->category);
	sqlite3_bind_int64(stmt, 8, now);
	sqlite3_bind_int64(stmt, 9, id);
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		xasprintf(cause, "cannot update event: %s",
		    sqlite3_errmsg(db_handle(db)));
		return (-1);
	}
	return (sqlite3_changes(db_handle(db)) == 0 ? 1 : 0);
}

int
events_delete(struct db *db, int64_t id, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	stmt = db_stmt(db, events_sql_delete);
	sqlite3_bind_int64(stmt, 1, id);
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		xasprintf(cause, "cannot delete event: %s",
		    sqlite3_errmsg(db_handle(db)));
		return (-1);
	}
	return (sqlite3_changes(db_handle(db)) == 0 ? 1 : 0);
}

int
events_status(struct db *db, int64_t id, char *buf, size_t len)
{
	sqlite3_stmt	*stmt;
	int		 rc = 1;

	stmt = db_stmt(db, events_sql_status);
	sqlite3_bind_int64(stmt, 1, id);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		snprintf(buf, len, "%s", db_text(stmt, 0));
		rc = 0;
	}
	sqlite3_reset(stmt);
	return (rc);
}
