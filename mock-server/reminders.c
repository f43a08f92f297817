#include "reminders.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "db.h"
#include "json-util.h"
#include "log.h"
#include "mock.h"
#include "notify.h"
#include "rows.h"
#include "xmalloc.h"

struct reminders {
	struct mock	*m;
	uv_timer_t	 timer;
};

/* Fired per timer pass: the rest go on the next pass, after any I/O. */
#define REMINDERS_BATCH		100
/* However far off the next one is, look again this often (ms). */
#define REMINDERS_SLEEP_MAX	60000
/* After a database error, try again later rather than spin (ms). */
#define REMINDERS_RETRY_MS	5000

#define REMINDERS_COLUMNS						\
	"id, event_id, created_by, at, message, status, created_at, sent_at"

static const char rem_sql_insert[] =
	"INSERT INTO reminders (event_id, created_by, at, message,"
	" created_at) VALUES (?, ?, ?, ?, ?)";
static const char rem_sql_pending[] =
	"SELECT COUNT(*) FROM reminders WHERE event_id = ?"
	" AND status = 'pending'";
static const char rem_sql_one[] =
	"SELECT " REMINDERS_COLUMNS " FROM reminders WHERE id = ?";
static const char rem_sql_list[] =
	"SELECT " REMINDERS_COLUMNS " FROM reminders WHERE event_id = ?"
	" ORDER BY at, id LIMIT ? OFFSET ?";
static const char rem_sql_count[] =
	"SELECT COUNT(*) FROM reminders WHERE event_id = ?";
static const char rem_sql_due[] =
	"SELECT r.id, r.event_id, r.message, e.title FROM reminders r"
	" JOIN events e ON e.id = r.event_id"
	" WHERE r.status = 'pending' AND r.at <= ? ORDER BY r.at, r.id LIMIT 1";
static const char rem_sql_mark[] =
	"UPDATE reminders SET status = ?, sent_at = ?, notification_seq = ?"
	" WHERE id = ? AND status = 'pending'";
static const char rem_sql_next[] =
	"SELECT MIN(at) FROM reminders WHERE status = 'pending'";
static const char rem_sql_queue[] =
	"SELECT TOTAL(status = 'pending' AND at <= ?1),"
	" TOTAL(status = 'sent'), TOTAL(status = 'failed'),"
	" TOTAL(status = 'pending' AND at > ?1) FROM reminders";

/* One row of REMINDERS_COLUMNS, or NULL when its text is not UTF-8. */
static json_t *
rem_row(sqlite3_stmt *stmt)
{
	json_t	*r;

	r = json_pack("{sI sI ss ss}",
	    "id", (json_int_t)sqlite3_column_int64(stmt, 0),
	    "event_id", (json_int_t)sqlite3_column_int64(stmt, 1),
	    "message", db_text(stmt, 4), "status", db_text(stmt, 5));
	if (r == NULL)
		return (NULL);
	db_json_int(r, "created_by", stmt, 2);
	db_json_time(r, "at", stmt, 3);
	db_json_time(r, "created_at", stmt, 6);
	db_json_time(r, "sent_at", stmt, 7);
	return (r);
}

int
reminders_create(struct db *db, int64_t event_id, int64_t user_id, time_t at,
    const char *message, time_t now, json_t **out, char **cause)
{
	sqlite3_stmt	*stmt;
	int64_t		 id;
	int		 rc;

	*out = NULL;
	if (db_begin(db, cause) != 0)
		return (REMINDERS_FAILED);
	stmt = db_stmt(db, rem_sql_pending);
	sqlite3_bind_int64(stmt, 1, event_id);
	if (db_int(db, stmt, 0) >= REMINDERS_PENDING_MAX) {
		xasprintf(cause, "An event can have at most %d pending "
		    "reminders", REMINDERS_PENDING_MAX);
		db_rollback(db);
		return (REMINDERS_FULL);
	}
	stmt = db_stmt(db, rem_sql_insert);
	sqlite3_bind_int64(stmt, 1, event_id);
	if (user_id > 0)
		sqlite3_bind_int64(stmt, 2, user_id);
	sqlite3_bind_int64(stmt, 3, at);
	sqlite3_bind_text(stmt, 4, message, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(stmt, 5, now);
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		xasprintf(cause, "cannot store the reminder: %s",
		    sqlite3_errmsg(db_handle(db)));
		db_rollback(db);
		return (REMINDERS_FAILED);
	}
	id = db_last_id(db);
	if (db_commit(db, cause) != 0)
		return (REMINDERS_FAILED);

	if ((*out = rows_get_json(db, rem_sql_one, id, rem_row)) == NULL)
		*out = json_pack("{sI}", "id", (json_int_t)id);
	return (REMINDERS_OK);
}

json_t *
reminders_list_json(struct db *db, int64_t event_id, int64_t page,
    int64_t per_page, int64_t *total)
{
	return (rows_page_json(db, rem_sql_count, rem_sql_list, event_id,
	    page, per_page, rem_row, total));
}

/*
 * Fires the soonest due reminder: 1 when one fired (or failed for good),
 * 0 when none is due, -1 on a database error.
 */
static int
rem_fire_one(struct mock *m, time_t now)
{
	sqlite3_stmt	*stmt;
	json_t		*data = NULL;
	uint64_t	 seq;
	int64_t		 id, event_id;
	char		*message, *title, *cause = NULL;

	if (db_begin(m->db, &cause) != 0)
		goto fail;
	stmt = db_stmt(m->db, rem_sql_due);
	sqlite3_bind_int64(stmt, 1, now);
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		sqlite3_reset(stmt);
		db_rollback(m->db);
		return (0);
	}
	id = sqlite3_column_int64(stmt, 0);
	event_id = sqlite3_column_int64(stmt, 1);
	message = xstrdup(db_text(stmt, 2));
	xasprintf(&title, "Reminder: %.200s", db_text(stmt, 3));
	sqlite3_reset(stmt);

	seq = notify_store(m, "reminder", "info", title, message, event_id,
	    now, &data, &cause);
	free(title);
	free(message);
	if (seq == 0) {
		/* Text a hand-edited file spoiled: give up on this one. */
		log_warnx("reminder %" PRId64 ": %s", id, cause);
		free(cause);
		cause = NULL;
	}
	stmt = db_stmt(m->db, rem_sql_mark);
	sqlite3_bind_text(stmt, 1, seq != 0 ? "sent" : "failed", -1,
	    SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 2, now);
	if (seq != 0)
		sqlite3_bind_int64(stmt, 3, (sqlite3_int64)seq);
	sqlite3_bind_int64(stmt, 4, id);
	if (db_step(m->db, stmt, &cause) != 0)
		goto fail;
	if (db_commit(m->db, &cause) != 0)
		goto fail;
	if (data != NULL)
		notify_publish(m, data);
	return (1);

fail:
	json_decref(data);
	db_rollback(m->db);
	log_warnx("reminders: %s", cause);
	free(cause);
	return (-1);
}

int
reminders_fire_due(struct mock *m, time_t now, int max)
{
	int	n = 0;

	while (n < max && rem_fire_one(m, now) > 0)
		n++;
	return (n);
}

time_t
reminders_next(struct db *db)
{
	return ((time_t)db_int(db, db_stmt(db, rem_sql_next), 0));
}

json_t *
reminders_queue_json(struct db *db, time_t now)
{
	sqlite3_stmt	*stmt;
	json_int_t	 n[4] = { 0, 0, 0, 0 };
	int		 i;

	stmt = db_stmt(db, rem_sql_queue);
	sqlite3_bind_int64(stmt, 1, now);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		for (i = 0; i < 4; i++)
			n[i] = (json_int_t)sqlite3_column_double(stmt, i);
	}
	sqlite3_reset(stmt);
	/* Due ones wait for the timer; later ones are Bull's "delayed". */
	return (json_pack("{ss sI sI sI sI sI}", "name", "reminders",
	    "waiting", n[0], "active", (json_int_t)0, "completed", n[1],
	    "failed", n[2], "delayed", n[3]));
}

static void	rem_tick(uv_timer_t *);

/* Sleeps until the soonest pending reminder (or a minute at most). */
static void
rem_arm(struct reminders *r, int64_t delay)
{
	time_t	next;
	int64_t	now;

	if (delay < 0) {
		if ((next = reminders_next(r->m->db)) == 0) {
			uv_timer_stop(&r->timer);
			return;
		}
		now = clock_now_ms();
		delay = (int64_t)next * 1000 - now;
		if (delay < 0)
			delay = 0;
	}
	if (delay > REMINDERS_SLEEP_MAX)
		delay = REMINDERS_SLEEP_MAX;
	uv_timer_start(&r->timer, rem_tick, (uint64_t)delay, 0);
}

static void
rem_tick(uv_timer_t *timer)
{
	struct reminders	*r = timer->data;
	time_t			 now = (time_t)(clock_now_ms() / 1000);
	int			 n;

	n = reminders_fire_due(r->m, now, REMINDERS_BATCH);
	if (n == REMINDERS_BATCH)
		rem_arm(r, 0);
	else if (reminders_next(r->m->db) != 0 &&
	    reminders_next(r->m->db) <= now)
		rem_arm(r, REMINDERS_RETRY_MS);	/* due, yet it did not fire */
	else
		rem_arm(r, -1);
}

struct reminders *
reminders_new(struct mock *m, uv_loop_t *loop)
{
	struct reminders	*r;

	r = xcalloc(1, sizeof *r);
	r->m = m;
	uv_timer_init(loop, &r->timer);
	r->timer.data = r;
	rem_arm(r, -1);
	return (r);
}

void
reminders_kick(struct reminders *r)
{
	if (r != NULL)
		rem_arm(r, -1);
}

static void
rem_closed(uv_handle_t *handle)
{
	free(handle->data);
}

void
reminders_free(struct reminders *r)
{
	if (r == NULL)
		return;
	uv_timer_stop(&r->timer);
	uv_close((uv_handle_t *)&r->timer, rem_closed);
}
