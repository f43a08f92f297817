#include "chat.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "hub.h"
#include "json-util.h"
#include "mock.h"
#include "publish.h"
#include "utf8.h"
#include "xmalloc.h"

#define CHAT_COLUMNS	"id, event_id, user_id, user_name, text, created_at"

static const char chat_sql_event[] =
	"SELECT status FROM events WHERE id = ?";
static const char chat_sql_user[] =
	"SELECT name FROM users WHERE id = ?";
static const char chat_sql_recent[] =
	"SELECT COUNT(*), MIN(created_at) FROM chat_messages"
	" WHERE user_id = ? AND created_at > ?";
static const char chat_sql_insert[] =
	"INSERT INTO chat_messages (event_id, user_id, user_name, text,"
	" created_at) VALUES (?, ?, ?, ?, ?)";
static const char chat_sql_one[] =
	"SELECT " CHAT_COLUMNS " FROM chat_messages WHERE id = ?";
static const char chat_sql_after[] =
	"SELECT " CHAT_COLUMNS " FROM chat_messages WHERE event_id = ?"
	" AND id > ? ORDER BY id LIMIT ?";
static const char chat_sql_latest[] =
	"SELECT * FROM (SELECT " CHAT_COLUMNS " FROM chat_messages"
	" WHERE event_id = ? ORDER BY id DESC LIMIT ?) ORDER BY id";

const char *
chat_text_problem(const char *text)
{
	const unsigned char	*p;
	int			 blank = 1;

	for (p = (const unsigned char *)text; *p != '\0'; p++) {
		if ((*p < 0x20 && strchr("\t\n\r", *p) == NULL) ||
		    *p == 0x7f)
			return ("must not contain control characters");
		if (strchr(" \t\n\r", *p) == NULL)
			blank = 0;
	}
	if (blank)
		return ("must not be empty");
	/* jansson has checked the UTF-8. */
	if (utf8_length(text) > CHAT_TEXT_MAX)
		return ("must be at most 1000 characters");
	return (NULL);
}

static json_t *
chat_row(sqlite3_stmt *stmt)
{
	json_t	*msg;
	char	 created[32];

	json_util_format_time((time_t)sqlite3_column_int64(stmt, 5), created,
	    sizeof created);
	msg = json_pack("{sI sI ss ss ss}",
	    "id", (json_int_t)sqlite3_column_int64(stmt, 0),
	    "event_id", (json_int_t)sqlite3_column_int64(stmt, 1),
	    "user_name", db_text(stmt, 3), "text", db_text(stmt, 4),
	    "created_at", created);
	if (msg == NULL)
		return (NULL);	/* bad UTF-8 in a hand-edited file */
	db_json_int(msg, "user_id", stmt, 2);
	return (msg);
}

/* Checks event and user, and the user's pace; 0 or a negative result. */
static int
chat_check(struct mock *m, int64_t event_id, int64_t user_id, time_t now,
    char *name, size_t namelen, int64_t *retry_after, char **cause)
{
	sqlite3_stmt	*stmt;
	int64_t		 recent, oldest;
	int		 result = CHAT_OK;

	stmt = db_stmt(m->db, chat_sql_event);
	sqlite3_bind_int64(stmt, 1, event_id);
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		*cause = xstrdup("Event not found");
		result = CHAT_NOT_FOUND;
	} else if (strcmp(db_text(stmt, 0), "cancelled") == 0) {
		*cause = xstrdup("Event is cancelled: its chat is read-only");
		result = CHAT_CLOSED;
	}
	sqlite3_reset(stmt);
	if (result != CHAT_OK)
		return (result);

	stmt = db_stmt(m->db, chat_sql_user);
	sqlite3_bind_int64(stmt, 1, user_id);
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		*cause = xstrdup("User not found");
		result = CHAT_NOT_FOUND;
	} else
		snprintf(name, namelen, "%s", db_text(stmt, 0));
	sqlite3_reset(stmt);
	if (result != CHAT_OK)
		return (result);

	stmt = db_stmt(m->db, chat_sql_recent);
	sqlite3_bind_int64(stmt, 1, user_id);
	sqlite3_bind_int64(stmt, 2, now - CHAT_RATE_WINDOW);
	recent = oldest = 0;
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		recent = sqlite3_column_int64(stmt, 0);
		oldest = sqlite3_column_int64(stmt, 1);
	}
	sqlite3_reset(stmt);
	if (recent >= CHAT_RATE_COUNT) {
		/* Room again once the oldest of them leaves the window. */
		*retry_after = oldest + CHAT_RATE_WINDOW - now;
		if (*retry_after < 1)
			*retry_after = 1;
		xasprintf(cause, "Too many messages: at most %d in %d seconds; "
		    "try again in %" PRId64 " s", CHAT_RATE_COUNT,
		    CHAT_RATE_WINDOW, *retry_after);
		return (CHAT_LIMITED);
	}
	return (CHAT_OK);
}

int
chat_post(struct mock *m, int64_t event_id, int64_t user_id,
    const char *text, time_t now, json_t **out, int64_t *retry_after,
    char **cause)
{
	const char	*topics[2];
	sqlite3_stmt	*stmt;
	char		 name[256], topic[32];
	int64_t		 id;
	int		 result, rc;

	*out = NULL;
	*retry_after = 0;
	if (db_begin(m->db, cause) != 0)
		return (CHAT_FAILED);
	result = chat_check(m, event_id, user_id, now, name, sizeof name,
	    retry_after, cause);
	if (result != CHAT_OK) {
		db_rollback(m->db);
		return (result);
	}
	stmt = db_stmt(m->db, chat_sql_insert);
	sqlite3_bind_int64(stmt, 1, event_id);
	sqlite3_bind_int64(stmt, 2, user_id);
	sqlite3_bind_text(stmt, 3, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 4, text, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(stmt, 5, now);
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	id = db_last_id(m->db);
	if (rc != SQLITE_DONE) {
		xasprintf(cause, "cannot store the message: %s",
		    sqlite3_errmsg(db_handle(m->db)));
		db_rollback(m->db);
		return (CHAT_FAILED);
	}
	if (db_commit(m->db, cause) != 0)
		return (CHAT_FAILED);

	stmt = db_stmt(m->db, chat_sql_one);
	sqlite3_bind_int64(stmt, 1, id);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		*out = chat_row(stmt);
	sqlite3_reset(stmt);
	if (*out == NULL) {
		*cause = xstrdup("cannot read the message back");
		return (CHAT_FAILED);
	}
	snprintf(topic, sizeof topic, "chat:%" PRId64, event_id);
	topics[0] = topic;
	topics[1] = NULL;
	publish_about(m, event_id, topics, "chat.message", json_incref(*out));
	return (CHAT_OK);
}

json_t *
chat_list_json(struct db *db, int64_t event_id, int has_since, int64_t since,
    int64_t limit)
{
	sqlite3_stmt	*stmt;
	json_t		*list, *msg;

	if (has_since) {
		stmt = db_stmt(db, chat_sql_after);
		sqlite3_bind_int64(stmt, 1, event_id);
		sqlite3_bind_int64(stmt, 2, since);
		sqlite3_bind_int64(stmt, 3, limit);
	} else {
		stmt = db_stmt(db, chat_sql_latest);
		sqlite3_bind_int64(stmt, 1, event_id);
		sqlite3_bind_int64(stmt, 2, limit);
	}
	list = json_array();
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		if ((msg = chat_row(stmt)) != NULL)
			json_array_append_new(list, msg);
	}
	sqlite3_reset(stmt);
	return (list);
}
