#include "campaigns.h"

#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "json-util.h"
#include "rows.h"
#include "xmalloc.h"

static const char *const campaigns_rsvps[] = {
	"pending", "accepted", "declined", "waitlisted"
};
static const char *const campaigns_log_statuses[] = {
	"queued", "active", "sent", "failed", "delayed"
};

/* Columns of one campaign, in campaigns_row's order. */
#define CAMPAIGNS_COLUMNS						\
	"id, event_id, created_by, status, total, filled, active,"	\
	" delayed, sent, failed, created_at, updated_at, finished_at"

static const char campaigns_sql_insert[] =
	"INSERT INTO campaigns (event_id, created_by, status, total, filled,"
	" fill_rsvp, fill_after, fill_until, created_at, updated_at)"
	" VALUES (?, ?, 'queued', ?, 0, ?, 0, ?, ?, ?)";
static const char campaigns_sql_queue_guest[] =
	"INSERT OR IGNORE INTO email_logs (campaign_id, event_id, guest_id,"
	" email, status, due_ms, updated_at) SELECT ?1, event_id, id, email,"
	" 'queued', ?2, ?3 FROM guests WHERE id = ?4 AND event_id = ?5";
static const char campaigns_sql_set_total[] =
	"UPDATE campaigns SET total = ?1, filled = ?1 WHERE id = ?2";
static const char campaigns_sql_selection[] =
	"SELECT COUNT(*), MAX(id) FROM guests WHERE event_id = ?1"
	" AND (?2 IS NULL OR rsvp_status = ?2)";
static const char campaigns_sql_to_fill[] =
	"SELECT id, event_id, fill_rsvp, fill_after, fill_until, created_at"
	" FROM campaigns WHERE fill_after < fill_until ORDER BY id LIMIT 1";
static const char campaigns_sql_chunk_end[] =
	"SELECT id FROM guests WHERE event_id = ?1 AND id > ?2 AND id <= ?3"
	" ORDER BY id LIMIT 1 OFFSET ?4";
static const char campaigns_sql_fill[] =
	"INSERT OR IGNORE INTO email_logs (campaign_id, event_id, guest_id,"
	" email, status, due_ms, updated_at) SELECT ?1, event_id, id, email,"
	" 'queued', ?2, ?3 FROM guests WHERE event_id = ?4 AND id > ?5"
	" AND id <= ?6 AND (?7 IS NULL OR rsvp_status = ?7) ORDER BY id";
/* Once every guest is queued, the total is what really was. */
static const char campaigns_sql_filled[] =
	"UPDATE campaigns SET filled = filled + ?1, fill_after = ?2,"
	" total = CASE WHEN ?2 >= fill_until THEN filled + ?1 ELSE total END,"
	" updated_at = ?3 WHERE id = ?4";
static const char campaigns_sql_one[] =
	"SELECT " CAMPAIGNS_COLUMNS " FROM campaigns WHERE id = ?";
static const char campaigns_sql_list[] =
	"SELECT " CAMPAIGNS_COLUMNS " FROM campaigns WHERE event_id = ?"
	" ORDER BY id DESC LIMIT ? OFFSET ?";
static const char campaigns_sql_count[] =
	"SELECT COUNT(*) FROM campaigns WHERE event_id = ?";
static const char campaigns_sql_logs[] =
	"SELECT id, campaign_id, guest_id, email, status, attempts, error,"
	" updated_at FROM email_logs WHERE event_id = ?1"
	" AND (?2 IS NULL OR status = ?2) AND (?3 = 0 OR campaign_id = ?3)"
	" ORDER BY id DESC LIMIT ?4 OFFSET ?5";
static const char campaigns_sql_log_totals[] =
	"SELECT TOTAL(filled), TOTAL(active), TOTAL(delayed), TOTAL(sent),"
	" TOTAL(failed) FROM campaigns WHERE event_id = ?1"
	" AND (?2 = 0 OR id = ?2)";
static const char campaigns_sql_queue[] =
	"SELECT TOTAL(total - active - delayed - sent - failed), TOTAL(active),"
	" TOTAL(sent), TOTAL(failed), TOTAL(delayed) FROM campaigns";

static int
campaigns_in(const char *s, const char *const *list, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (strcmp(s, list[i]) == 0)
			return (1);
	}
	return (0);
}

int
campaigns_rsvp_valid(const char *rsvp)
{
	return (campaigns_in(rsvp, campaigns_rsvps,
	    sizeof campaigns_rsvps / sizeof campaigns_rsvps[0]));
}

int
campaigns_log_status_valid(const char *status)
{
	return (campaigns_in(status, campaigns_log_statuses,
	    sizeof campaigns_log_statuses / sizeof campaigns_log_statuses[0]));
}

static int
campaigns_cmp_id(const void *a, const void *b)
{
	int64_t	x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x < y ? -1 : x > y);
}

/* Queues the listed guests of event_id: 0 and how many, or -1. */
static int
campaigns_queue_listed(struct db *db, int64_t id, int64_t event_id,
    const struct campaign_select *sel, int64_t now_ms, int64_t *queued,
    int64_t *skipped, char **cause)
{
	sqlite3_stmt	*stmt;
	int64_t		*ids;
	size_t		 i, n = 0;
	int		 rc = 0;

	/* Sorted and without repeats: a guest listed twice gets one mail. */
	ids = xreallocarray(NULL, sel->nguest_ids, sizeof *ids);
	memcpy(ids, sel->guest_ids, sel->nguest_ids * sizeof *ids);
	qsort(ids, sel->nguest_ids, sizeof *ids, campaigns_cmp_id);
	for (i = 0; i < sel->nguest_ids; i++) {
		if (n == 0 || ids[n - 1] != ids[i])
			ids[n++] = ids[i];
	}
	*queued = 0;
	for (i = 0; i < n; i++) {
		stmt = db_stmt(db, campaigns_sql_queue_guest);
		sqlite3_bind_int64(stmt, 1, id);
		sqlite3_bind_int64(stmt, 2, now_ms);
		sqlite3_bind_int64(stmt, 3, now_ms / 1000);
		sqlite3_bind_int64(stmt, 4, ids[i]);
		sqlite3_bind_int64(stmt, 5, event_id);
		if ((rc = db_step(db, stmt, cause)) != 0)
			break;
		*queued += sqlite3_changes(db_handle(db));
	}
	*skipped = (int64_t)n - *queued;
	free(ids);
	return (rc);
}

int
campaigns_create(struct db *db, int64_t event_id, int64_t user_id,
    const struct campaign_select *sel, int64_t now_ms, int64_t *id,
    int64_t *skipped, char **cause)
{
	sqlite3_stmt	*stmt;
	int64_t		 total = 0, until = 0, queued;
	int		 result = CAMPAIGNS_FAILED;

	*skipped = 0;
	if (db_begin(db, cause) != 0)
		return (CAMPAIGNS_FAILED);
	if (sel->guest_ids == NULL) {
		stmt = db_stmt(db, campaigns_sql_selection);
		sqlite3_bind_int64(stmt, 1, event_id);
		if (sel->rsvp != NULL)
			sqlite3_bind_text(stmt, 2, sel->rsvp, -1,
			    SQLITE_TRANSIENT);
		if (sqlite3_step(stmt) == SQLITE_ROW) {
			total = sqlite3_column_int64(stmt, 0);
			until = sqlite3_column_int64(stmt, 1);
		}
		sqlite3_reset(stmt);
		if (total == 0) {
			*cause = xstrdup(sel->rsvp != NULL ?
			    "No guest of this event has that RSVP" :
			    "This event has no guests to invite");
			result = CAMPAIGNS_EMPTY;
			goto fail;
		}
	}
	stmt = db_stmt(db, campaigns_sql_insert);
	sqlite3_bind_int64(stmt, 1, event_id);
	if (user_id > 0)
		sqlite3_bind_int64(stmt, 2, user_id);
	sqlite3_bind_int64(stmt, 3, total);
	if (sel->guest_ids == NULL && sel->rsvp != NULL)
		sqlite3_bind_text(stmt, 4, sel->rsvp, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(stmt, 5, until);
	sqlite3_bind_int64(stmt, 6, now_ms / 1000);
	sqlite3_bind_int64(stmt, 7, now_ms / 1000);
	if (db_step(db, stmt, cause) != 0)
		goto fail;
	*id = db_last_id(db);

	if (sel->guest_ids != NULL) {
		if (campaigns_queue_listed(db, *id, event_id, sel, now_ms,
		    &queued, skipped, cause) != 0)
			goto fail;
		if (queued == 0) {
			*cause = xstrdup("None of these guests belongs to this "
			    "event");
			result = CAMPAIGNS_EMPTY;
			goto fail;
		}
		stmt = db_stmt(db, campaigns_sql_set_total);
		sqlite3_bind_int64(stmt, 1, queued);
		sqlite3_bind_int64(stmt, 2, *id);
		if (db_step(db, stmt, cause) != 0)
			goto fail;
	}
	if (db_commit(db, cause) != 0)
		goto fail;
	return (CAMPAIGNS_OK);

fail:
	db_rollback(db);
	return (result);
}

int
campaigns_fill(struct db *db, int64_t now_ms, int64_t budget,
    void (*fn)(int64_t, void *), void *arg)
{
	sqlite3_stmt	*stmt;
	char		*rsvp = NULL;
	int64_t		 id, event_id, after, until, upto, added, made;
	int		 more;

	stmt = db_stmt(db, campaigns_sql_to_fill);
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		sqlite3_reset(stmt);
		return (0);
	}
	id = sqlite3_column_int64(stmt, 0);
	event_id = sqlite3_column_int64(stmt, 1);
	if (sqlite3_column_type(stmt, 2) != SQLITE_NULL)
		rsvp = xstrdup(db_text(stmt, 2));
	after = sqlite3_column_int64(stmt, 3);
	until = sqlite3_column_int64(stmt, 4);
	made = sqlite3_column_int64(stmt, 5);
	sqlite3_reset(stmt);

	/* The chunk ends at the budget-th guest id, whatever its RSVP. */
	stmt = db_stmt(db, campaigns_sql_chunk_end);
	sqlite3_bind_int64(stmt, 1, event_id);
	sqlite3_bind_int64(stmt, 2, after);
	sqlite3_bind_int64(stmt, 3, until);
	sqlite3_bind_int64(stmt, 4, budget > 1 ? budget - 1 : 0);
	upto = db_int(db, stmt, until);

	/* Mails of one campaign are due in the order it was made. */
	stmt = db_stmt(db, campaigns_sql_fill);
	sqlite3_bind_int64(stmt, 1, id);
	sqlite3_bind_int64(stmt, 2, made * 1000);
	sqlite3_bind_int64(stmt, 3, now_ms / 1000);
	sqlite3_bind_int64(stmt, 4, event_id);
	sqlite3_bind_int64(stmt, 5, after);
	sqlite3_bind_int64(stmt, 6, upto);
	if (rsvp != NULL)
		sqlite3_bind_text(stmt, 7, rsvp, -1, SQLITE_TRANSIENT);
	free(rsvp);
	if (db_step(db, stmt, NULL) != 0)
		return (-1);
	added = sqlite3_changes(db_handle(db));

	stmt = db_stmt(db, campaigns_sql_filled);
	sqlite3_bind_int64(stmt, 1, added);
	sqlite3_bind_int64(stmt, 2, upto);
	sqlite3_bind_int64(stmt, 3, now_ms / 1000);
	sqlite3_bind_int64(stmt, 4, id);
	if (db_step(db, stmt, NULL) != 0)
		return (-1);
	if (fn != NULL)
		fn(id, arg);

	stmt = db_stmt(db, campaigns_sql_to_fill);
	more = (sqlite3_step(stmt) == SQLITE_ROW);
	sqlite3_reset(stmt);
	return (more);
}

/* One row of CAMPAIGNS_COLUMNS as JSON. */
static json_t *
campaigns_row(sqlite3_stmt *stmt)
{
	json_t	*c;
	int64_t	 total, active, delayed, sent, failed;

	total = sqlite3_column_int64(stmt, 4);
	active = sqlite3_column_int64(stmt, 6);
	delayed = sqlite3_column_int64(stmt, 7);
	sent = sqlite3_column_int64(stmt, 8);
	failed = sqlite3_column_int64(stmt, 9);
	c = json_pack("{sI sI ss sI sI sI sI sI sI}",
	    "id", (json_int_t)sqlite3_column_int64(stmt, 0),
	    "event_id", (json_int_t)sqlite3_column_int64(stmt, 1),
	    "status", db_text(stmt, 3),
	    "total", (json_int_t)total,
	    "queued", (json_int_t)(total - active - delayed - sent - failed),
	    "active", (json_int_t)active, "delayed", (json_int_t)delayed,
	    "sent", (json_int_t)sent, "failed", (json_int_t)failed);
	db_json_int(c, "created_by", stmt, 2);
	db_json_time(c, "created_at", stmt, 10);
	db_json_time(c, "updated_at", stmt, 11);
	db_json_time(c, "finished_at", stmt, 12);
	return (c);
}

json_t *
campaigns_get_json(struct db *db, int64_t id, int64_t *event_id)
{
	json_t	*c;

	c = rows_get_json(db, campaigns_sql_one, id, campaigns_row);
	if (c != NULL && event_id != NULL)
		*event_id = json_integer_value(json_object_get(c, "event_id"));
	return (c);
}

json_t *
campaigns_list_json(struct db *db, int64_t event_id, int64_t page,
    int64_t per_page, int64_t *total)
{
	return (rows_page_json(db, campaigns_sql_count, campaigns_sql_list,
	    event_id, page, per_page, campaigns_row, total));
}

/* How many logs match q, from the campaigns' counters. */
static int64_t
campaigns_logs_total(struct db *db, const struct campaigns_logs_query *q)
{
	sqlite3_stmt	*stmt;
	int64_t		 n[5] = { 0, 0, 0, 0, 0 }, total;
	size_t		 i;

	stmt = db_stmt(db, campaigns_sql_log_totals);
	sqlite3_bind_int64(stmt, 1, q->event_id);
	sqlite3_bind_int64(stmt, 2, q->campaign_id);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		for (i = 0; i < 5; i++)
			n[i] = (int64_t)sqlite3_column_double(stmt, (int)i);
	}
	sqlite3_reset(stmt);
	/* filled, active, delayed, sent, failed */
	if (q->status == NULL)
		total = n[0];
	else if (strcmp(q->status, "queued") == 0)
		total = n[0] - n[1] - n[2] - n[3] - n[4];
	else if (strcmp(q->status, "active") == 0)
		total = n[1];
	else if (strcmp(q->status, "delayed") == 0)
		total = n[2];
	else if (strcmp(q->status, "sent") == 0)
		total = n[3];
	else
		total = n[4];
	return (total);
}

json_t *
campaigns_logs_json(struct db *db, const struct campaigns_logs_query *q,
    int64_t *total)
{
	sqlite3_stmt	*stmt;
	json_t		*list, *log;
	char		 updated[32];

	*total = campaigns_logs_total(db, q);
	list = json_array();
	stmt = db_stmt(db, campaigns_sql_logs);
	sqlite3_bind_int64(stmt, 1, q->event_id);
	if (q->status != NULL)
		sqlite3_bind_text(stmt, 2, q->status, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(stmt, 3, q->campaign_id);
	sqlite3_bind_int64(stmt, 4, q->per_page);
	sqlite3_bind_int64(stmt, 5, (q->page - 1) * q->per_page);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		json_util_format_time((time_t)sqlite3_column_int64(stmt, 7),
		    updated, sizeof updated);
		log = json_pack("{sI sI ss ss sI ss}",
		    "id", (json_int_t)sqlite3_column_int64(stmt, 0),
		    "campaign_id", (json_int_t)sqlite3_column_int64(stmt, 1),
		    "email", db_text(stmt, 3), "status", db_text(stmt, 4),
		    "attempts", (json_int_t)sqlite3_column_int64(stmt, 5),
		    "updated_at", updated);
		if (log == NULL)
			continue;	/* bad UTF-8 in a hand-edited file */
		db_json_int(log, "guest_id", stmt, 2);
		json_object_set_new(log, "error",
		    sqlite3_column_type(stmt, 6) == SQLITE_NULL ? json_null() :
		    json_string(db_text(stmt, 6)));
		json_array_append_new(list, log);
	}
	sqlite3_reset(stmt);
	return (list);
}

json_t *
campaigns_queue_json(struct db *db)
{
	sqlite3_stmt	*stmt;
	json_int_t	 n[5] = { 0, 0, 0, 0, 0 };
	size_t		 i;

	stmt = db_stmt(db, campaigns_sql_queue);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		for (i = 0; i < 5; i++)
			n[i] = (json_int_t)sqlite3_column_double(stmt, (int)i);
	}
	sqlite3_reset(stmt);
	return (json_pack("{ss sI sI sI sI sI}", "name", "email",
	    "waiting", n[0], "active", n[1], "completed", n[2],
	    "failed", n[3], "delayed", n[4]));
}
