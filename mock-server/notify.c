#include "notify.h"

#include <string.h>

#include "db.h"
#include "hub.h"
#include "json-util.h"
#include "mock.h"
#include "publish.h"
#include "xmalloc.h"

static const char *const notify_levels[] = {
	"info", "success", "warning", "error"
};

static const char notify_sql_insert[] =
	"INSERT INTO notifications (seq, type, level, title, message,"
	" event_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
static const char notify_sql_last_seq[] =
	"SELECT MAX(seq) FROM notifications";

int
notify_level_valid(const char *level)
{
	size_t	i;

	for (i = 0; i < sizeof notify_levels / sizeof notify_levels[0]; i++) {
		if (strcmp(level, notify_levels[i]) == 0)
			return (1);
	}
	return (0);
}

uint64_t
notify_store(struct mock *m, const char *type, const char *level,
    const char *title, const char *message, int64_t event_id, time_t now,
    json_t **out, char **cause)
{
	sqlite3_stmt	*stmt;
	uint64_t	 seq;
	char		 created[32];
	json_t		*data;
	int		 rc;

	*out = NULL;
	if (!notify_level_valid(level)) {
		xasprintf(cause, "unknown notification level \"%s\"", level);
		return (0);
	}
	json_util_format_time(now, created, sizeof created);
	data = json_pack("{sI ss ss ss ss ss}", "seq", (json_int_t)0,
	    "type", type, "level", level, "title", title, "message", message,
	    "created_at", created);
	if (data == NULL) {
		*cause = xstrdup("notification text is not valid UTF-8");
		return (0);
	}

	/* Single-threaded: the next publish gets exactly this seq. */
	seq = hub_next_seq(m->hub);
	stmt = db_stmt(m->db, notify_sql_insert);
	sqlite3_bind_int64(stmt, 1, (sqlite3_int64)seq);
	sqlite3_bind_text(stmt, 2, type, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 3, level, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, title, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 5, message, -1, SQLITE_TRANSIENT);
	if (event_id > 0)
		sqlite3_bind_int64(stmt, 6, event_id);
	sqlite3_bind_int64(stmt, 7, now);
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		xasprintf(cause, "cannot store notification: %s",
		    sqlite3_errmsg(db_handle(m->db)));
		json_decref(data);
		return (0);
	}

	json_object_set_new(data, "id", json_integer(db_last_id(m->db)));
	json_object_set_new(data, "seq", json_integer((json_int_t)seq));
	json_object_set_new(data, "event_id",
	    event_id > 0 ? json_integer(event_id) : json_null());
	*out = data;
	return (seq);
}

uint64_t
notify_publish(struct mock *m, json_t *data)
{
	static const char *const	 topics[] = { "notifications", NULL };
	json_t				*id;

	/* One about a draft (a reminder, invitations sent) is the draft's. */
	id = json_object_get(data, "event_id");
	return (publish_about(m, json_is_integer(id) ?
	    json_integer_value(id) : 0, topics, "notification", data));
}

uint64_t
notify_post(struct mock *m, const char *type, const char *level,
    const char *title, const char *message, int64_t event_id, time_t now,
    char **cause)
{
	json_t	*data;

	if (notify_store(m, type, level, title, message, event_id, now, &data,
	    cause) == 0)
		return (0);
	return (notify_publish(m, data));
}

uint64_t
notify_last_seq(struct mock *m)
{
	sqlite3_stmt	*stmt;
	int64_t		 seq;

	stmt = db_stmt(m->db, notify_sql_last_seq);
	seq = db_int(m->db, stmt, 0);
	return (seq > 0 ? (uint64_t)seq : 0);
}
