#include "registrations-list.h"

#include <stdio.h>
#include <string.h>

#include "db.h"
#include "json-util.h"
#include "registrations.h"

static const char *const reglist_statuses[] = {
	"confirmed", "waitlisted", "cancelled", "all"
};

/* ?2: a status, "all", or NULL for the live ones. */
#define REGLIST_FILTER							\
	" AND ((?2 IS NULL AND r.status <> 'cancelled') OR ?2 = 'all'"	\
	" OR r.status = ?2)"
/* The check-in time is the guest row's, as in registrations_find. */
#define REGLIST_COLUMNS							\
	"r.id, r.user_id, r.event_id, r.status, r.registration_date,"	\
	" (SELECT g.checked_in_at FROM guests g WHERE g.user_id = r.user_id"\
	" AND g.event_id = r.event_id)"

static const char reglist_sql_event[] =
	"SELECT " REGLIST_COLUMNS ", u.name, u.email FROM registrations r"
	" JOIN users u ON u.id = r.user_id WHERE r.event_id = ?1"
	REGLIST_FILTER " ORDER BY r.registration_date, r.id"
	" LIMIT ?3 OFFSET ?4";
/* An event's total is its kept counts (db.c), whatever the filter. */
static const char reglist_sql_event_count[] =
	"SELECT CASE WHEN ?2 IS NULL THEN confirmed + waitlisted"
	" WHEN ?2 = 'all' THEN confirmed + waitlisted + cancelled"
	" WHEN ?2 = 'confirmed' THEN confirmed"
	" WHEN ?2 = 'waitlisted' THEN waitlisted"
	" WHEN ?2 = 'cancelled' THEN cancelled ELSE 0 END"
	" FROM registration_counts WHERE event_id = ?1";
static const char reglist_sql_user[] =
	"SELECT " REGLIST_COLUMNS ", e.title, e.date_time, e.location,"
	" e.status FROM registrations r JOIN events e ON e.id = r.event_id"
	" WHERE r.user_id = ?1" REGLIST_FILTER
	" ORDER BY e.date_time, r.id LIMIT ?3 OFFSET ?4";
static const char reglist_sql_user_count[] =
	"SELECT COUNT(*) FROM registrations r WHERE r.user_id = ?1"
	REGLIST_FILTER;

int
registrations_list_status_valid(const char *status)
{
	size_t	i;

	for (i = 0; i < sizeof reglist_statuses / sizeof reglist_statuses[0];
	    i++) {
		if (strcmp(status, reglist_statuses[i]) == 0)
			return (1);
	}
	return (0);
}

/* The registration in the first columns, as registrations_to_json has it. */
static json_t *
reglist_row(sqlite3_stmt *stmt)
{
	struct registration	r;

	memset(&r, 0, sizeof r);
	r.id = sqlite3_column_int64(stmt, 0);
	r.user_id = sqlite3_column_int64(stmt, 1);
	r.event_id = sqlite3_column_int64(stmt, 2);
	snprintf(r.status, sizeof r.status, "%s", db_text(stmt, 3));
	r.registration_date = (time_t)sqlite3_column_int64(stmt, 4);
	r.checked_in_at = (time_t)sqlite3_column_int64(stmt, 5);
	return (registrations_to_json(&r));
}

static void
reglist_bind(sqlite3_stmt *stmt, int64_t id,
    const struct registrations_query *q, int page)
{
	sqlite3_bind_int64(stmt, 1, id);
	if (q->status != NULL)
		sqlite3_bind_text(stmt, 2, q->status, -1, SQLITE_TRANSIENT);
	if (page) {
		sqlite3_bind_int64(stmt, 3, q->per_page);
		sqlite3_bind_int64(stmt, 4, (q->page - 1) * q->per_page);
	}
}

json_t *
registrations_list_event(struct db *db, int64_t event_id,
    const struct registrations_query *q, int64_t *total)
{
	sqlite3_stmt	*stmt;
	json_t		*list, *item;

	stmt = db_stmt(db, reglist_sql_event_count);
	reglist_bind(stmt, event_id, q, 0);
	*total = db_int(db, stmt, 0);

	list = json_array();
	stmt = db_stmt(db, reglist_sql_event);
	reglist_bind(stmt, event_id, q, 1);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		item = reglist_row(stmt);
		db_json_text(item, "user_name", stmt, 6);
		db_json_text(item, "user_email", stmt, 7);
		json_array_append_new(list, item);
	}
	sqlite3_reset(stmt);
	return (list);
}

json_t *
registrations_list_user(struct db *db, int64_t user_id,
    const struct registrations_query *q, int64_t *total)
{
	sqlite3_stmt	*stmt;
	json_t		*list, *item;
	char		 date[32];

	stmt = db_stmt(db, reglist_sql_user_count);
	reglist_bind(stmt, user_id, q, 0);
	*total = db_int(db, stmt, 0);

	list = json_array();
	stmt = db_stmt(db, reglist_sql_user);
	reglist_bind(stmt, user_id, q, 1);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		item = reglist_row(stmt);
		db_json_text(item, "event_title", stmt, 6);
		json_util_format_time((time_t)sqlite3_column_int64(stmt, 7),
		    date, sizeof date);
		json_object_set_new(item, "event_date_time",
		    json_string(date));
		db_json_text(item, "event_location", stmt, 8);
		db_json_text(item, "event_status", stmt, 9);
		json_array_append_new(list, item);
	}
	sqlite3_reset(stmt);
	return (list);
}
