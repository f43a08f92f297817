#include "db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json-util.h"
#include "log.h"
#include "xmalloc.h"

struct db_cached {
	const char	*sql;
	sqlite3_stmt	*stmt;
};

struct db {
	sqlite3			*sqlite;
	struct db_cached	*cache;
	size_t			 ncache;
};

/*
 * Times are Unix seconds (UTC); the REST layer formats them.  Each area
 * appends its tables in a commented block of its own.
 */
/*
 * The guest_counts triggers' two halves: the OLD guest taken out of its
 * event's row, the NEW one added to its own (made when missing).
 */
#define DB_GUEST_COUNT_SUB						\
	" UPDATE guest_counts SET total = total - 1,"			\
	"  checked_in = checked_in - (OLD.checked_in_at IS NOT NULL),"	\
	"  pending = pending - (OLD.rsvp_status = 'pending'),"		\
	"  accepted = accepted - (OLD.rsvp_status = 'accepted'),"	\
	"  declined = declined - (OLD.rsvp_status = 'declined'),"	\
	"  waitlisted = waitlisted - (OLD.rsvp_status = 'waitlisted')"	\
	"  WHERE event_id = OLD.event_id;"
#define DB_GUEST_COUNT_ADD						\
	" INSERT INTO guest_counts (event_id, total, checked_in,"	\
	"  pending, accepted, declined, waitlisted)"			\
	" VALUES (NEW.event_id, 1,"					\
	"  NEW.checked_in_at IS NOT NULL, NEW.rsvp_status = 'pending',"	\
	"  NEW.rsvp_status = 'accepted', NEW.rsvp_status = 'declined',"	\
	"  NEW.rsvp_status = 'waitlisted')"				\
	"  ON CONFLICT (event_id) DO UPDATE SET total = total + 1,"	\
	"  checked_in = checked_in + excluded.checked_in,"		\
	"  pending = pending + excluded.pending,"			\
	"  accepted = accepted + excluded.accepted,"			\
	"  declined = declined + excluded.declined,"			\
	"  waitlisted = waitlisted + excluded.waitlisted;"

/* The same for registration_counts. */
#define DB_REG_COUNT_SUB						\
	" UPDATE registration_counts SET"				\
	"  confirmed = confirmed - (OLD.status = 'confirmed'),"		\
	"  waitlisted = waitlisted - (OLD.status = 'waitlisted'),"	\
	"  cancelled = cancelled - (OLD.status = 'cancelled')"		\
	"  WHERE event_id = OLD.event_id;"
#define DB_REG_COUNT_ADD						\
	" INSERT INTO registration_counts (event_id, confirmed,"	\
	"  waitlisted, cancelled) VALUES (NEW.event_id,"		\
	"  NEW.status = 'confirmed', NEW.status = 'waitlisted',"	\
	"  NEW.status = 'cancelled')"					\
	"  ON CONFLICT (event_id) DO UPDATE SET"			\
	"  confirmed = confirmed + excluded.confirmed,"			\
	"  waitlisted = waitlisted + excluded.waitlisted,"		\
	"  cancelled = cancelled + excluded.cancelled;"

/*
 * A file from before the search columns joined guests_name: its narrower
 * index goes, and the schema below builds the wider one.
 */
static const char db_sql_old_guests_name[] =
	"SELECT 1 FROM sqlite_master WHERE type = 'index' AND"
	" name = 'guests_name' AND sql NOT LIKE '%ticket_code%'";

static const char db_schema[] =
	"CREATE TABLE IF NOT EXISTS users ("
	" id INTEGER PRIMARY KEY,"
	" email TEXT NOT NULL UNIQUE COLLATE NOCASE,"
	" name TEXT NOT NULL,"
	" role TEXT NOT NULL CHECK (role IN"
	"  ('admin','organizer','staff','attendee')),"
	" password_hash TEXT NOT NULL,"
	" created_at INTEGER NOT NULL);"
	"CREATE TABLE IF NOT EXISTS events ("
	" id INTEGER PRIMARY KEY,"
	" title TEXT NOT NULL,"
	" description TEXT NOT NULL DEFAULT '',"
	" date_time INTEGER NOT NULL,"
	" location TEXT NOT NULL,"
	" max_capacity INTEGER NOT NULL CHECK (max_capacity >= 1),"
	" created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,"
	" created_at INTEGER NOT NULL,"
	" updated_at INTEGER NOT NULL,"
	" status TEXT NOT NULL DEFAULT 'published' CHECK (status IN"
	"  ('draft','published','cancelled')),"
	" category TEXT NOT NULL DEFAULT 'general',"
	" version INTEGER NOT NULL DEFAULT 1);"
	"CREATE INDEX IF NOT EXISTS events_date ON events(date_time, id);"
	"CREATE TABLE IF NOT EXISTS registrations ("
	" id INTEGER PRIMARY KEY,"
	" user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
	" event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,"
	" status TEXT NOT NULL CHECK (status IN"
	"  ('confirmed','waitlisted','cancelled')),"
	" registration_date INTEGER NOT NULL,"
	" checked_in_at INTEGER,"
	" UNIQUE (user_id, event_id));"
	"CREATE INDEX IF NOT EXISTS registrations_event"
	" ON registrations(event_id, status, id);"
	"CREATE TABLE IF NOT EXISTS notifications ("
	" id INTEGER PRIMARY KEY,"
	" seq INTEGER NOT NULL,"
	" type TEXT NOT NULL,"
	" level TEXT NOT NULL CHECK (level IN"
	"  ('info','success','warning','error')),"
	" title TEXT NOT NULL,"
	" message TEXT NOT NULL,"
	" event_id INTEGER REFERENCES events(id) ON DELETE SET NULL,"
	" created_at INTEGER NOT NULL);"
	"CREATE INDEX IF NOT EXISTS notifications_seq ON notifications(seq);"
	/*
	 * Guests: the people expected at the door.  A registration keeps one
	 * guest row for its user (user_id set); imported guests have none.
	 * checked_in_at is when the scan happened (scanned_at for offline
	 * scans); the partial index makes "how many are in" cheap at 500,000.
	 */
	"CREATE TABLE IF NOT EXISTS guests ("
	" id INTEGER PRIMARY KEY,"
	" event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,"
	" user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,"
	" name TEXT NOT NULL,"
	" email TEXT NOT NULL COLLATE NOCASE,"
	" phone TEXT NOT NULL DEFAULT '',"
	" rsvp_status TEXT NOT NULL DEFAULT 'pending' CHECK (rsvp_status IN"
	"  ('pending','accepted','declined','waitlisted')),"
	" ticket_code TEXT NOT NULL UNIQUE,"
	" invited_at INTEGER,"
	" responded_at INTEGER,"
	" checked_in_at INTEGER,"
	" notes TEXT NOT NULL DEFAULT '',"
	" version INTEGER NOT NULL DEFAULT 1,"
	" created_at INTEGER NOT NULL,"
	" UNIQUE (event_id, email));"
	"CREATE INDEX IF NOT EXISTS guests_event ON guests(event_id, id);"
	"CREATE INDEX IF NOT EXISTS guests_checked_in"
	" ON guests(event_id, checked_in_at) WHERE checked_in_at IS NOT NULL;"
	/*
	 * Jobs: invitation campaigns and their mail queue, reminders, chat.
	 * A campaign of every guest is copied into email_logs a chunk at a
	 * time by the mail queue (fill_after up to fill_until), so creating
	 * one for 500,000 guests does not stall the loop; its counters are
	 * kept up to date so that totals never need a COUNT over the logs.
	 * email_logs.guest_id is no foreign key: a log is history, and
	 * deleting a guest must not scan the logs.  due_ms is when a mail
	 * may next be tried, in milliseconds, as retries can be that quick.
	 */
	"CREATE TABLE IF NOT EXISTS campaigns ("
	" id INTEGER PRIMARY KEY,"
	" event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,"
	" created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,"
	" status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN"
	"  ('queued','sending','done')),"
	" total INTEGER NOT NULL,"
	" filled INTEGER NOT NULL DEFAULT 0,"
	" fill_rsvp TEXT,"
	" fill_after INTEGER NOT NULL DEFAULT 0,"
	" fill_until INTEGER NOT NULL DEFAULT 0,"
	" active INTEGER NOT NULL DEFAULT 0,"
	" delayed INTEGER NOT NULL DEFAULT 0,"
	" sent INTEGER NOT NULL DEFAULT 0,"
	" failed INTEGER NOT NULL DEFAULT 0,"
	" created_at INTEGER NOT NULL,"
	" updated_at INTEGER NOT NULL,"
	" finished_at INTEGER);"
	"CREATE INDEX IF NOT EXISTS campaigns_event ON campaigns(event_id, id);"
	"CREATE TABLE IF NOT EXISTS email_logs ("
	" id INTEGER PRIMARY KEY,"
	" campaign_id INTEGER NOT NULL REFERENCES campaigns(id)"
	"  ON DELETE CASCADE,"
	" event_id INTEGER NOT NULL,"
	" guest_id INTEGER,"
	" email TEXT NOT NULL,"
	" status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN"
	"  ('queued','active','sent','failed','delayed')),"
	" attempts INTEGER NOT NULL DEFAULT 0,"
	" error TEXT,"
	" due_ms INTEGER NOT NULL,"
	" updated_at INTEGER NOT NULL,"
	" UNIQUE (campaign_id, guest_id));"
	"CREATE INDEX IF NOT EXISTS email_logs_event ON email_logs(event_id, id);"
	"CREATE INDEX IF NOT EXISTS email_logs_due ON email_logs(due_ms, id)"
	" WHERE status IN ('queued','delayed');"
	"CREATE INDEX IF NOT EXISTS email_logs_active ON email_logs(id)"
	" WHERE status = 'active';"
	"CREATE TABLE IF NOT EXISTS reminders ("
	" id INTEGER PRIMARY KEY,"
	" event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,"
	" created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,"
	" at INTEGER NOT NULL,"
	" message TEXT NOT NULL,"
	" status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN"
	"  ('pending','sent','failed')),"
	" notification_seq INTEGER,"
	" created_at INTEGER NOT NULL,"
	" sent_at INTEGER);"
	"CREATE INDEX IF NOT EXISTS reminders_event ON reminders(event_id, at);"
	"CREATE INDEX IF NOT EXISTS reminders_due ON reminders(at, id)"
	" WHERE status = 'pending';"
	"CREATE TABLE IF NOT EXISTS chat_messages ("
	" id INTEGER PRIMARY KEY,"
	" event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,"
	" user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,"
	" user_name TEXT NOT NULL,"
	" text TEXT NOT NULL,"
	" created_at INTEGER NOT NULL);"
	"CREATE INDEX IF NOT EXISTS chat_messages_event"
	" ON chat_messages(event_id, id);"
	"CREATE INDEX IF NOT EXISTS chat_messages_user"
	" ON chat_messages(user_id, created_at);"
	/*
	 * HTTP: the first answer to each write that carried an
	 * Idempotency-Key, per caller ("user:ID" or "addr:IP"), for 24 h.
	 * method, path and body_hash tell a retry from a reused key.
	 */
	"CREATE TABLE IF NOT EXISTS idempotency_keys ("
	" caller TEXT NOT NULL,"
	" key TEXT NOT NULL,"
	" method TEXT NOT NULL,"
	" path TEXT NOT NULL,"
	" body_hash TEXT NOT NULL,"
	" status INTEGER NOT NULL,"
	" content_type TEXT NOT NULL,"
	" headers TEXT NOT NULL,"
	" body BLOB NOT NULL,"
	" created_at INTEGER NOT NULL,"
	" PRIMARY KEY (caller, key));"
	"CREATE INDEX IF NOT EXISTS idempotency_keys_created"
	" ON idempotency_keys(created_at);"
	/*
	 * Guests, continued (guests.c).  One index per sort of the list, each
	 * carrying the columns the filters read, so that a page, even a deep
	 * one, is picked from an index without visiting 500,000 rows; by name
	 * with the columns a search (q) reads too (a file made before email
	 * and ticket_code joined guests_name has its index rebuilt at open:
	 * db_sql_old_guests_name).
	 * guest_counts is kept by triggers, so an unfiltered total (and one
	 * by RSVP status, and the live checked_in counter) is one row read,
	 * not a count, whoever writes the guests.
	 */
	"CREATE INDEX IF NOT EXISTS guests_name ON guests(event_id,"
	" name COLLATE NOCASE, id, rsvp_status, checked_in_at, email,"
	" ticket_code);"
	"CREATE INDEX IF NOT EXISTS guests_rsvp"
	" ON guests(event_id, rsvp_status, id);"
	"CREATE INDEX IF NOT EXISTS guests_door"
	" ON guests(event_id, checked_in_at, id);"
	"CREATE INDEX IF NOT EXISTS guests_user"
	" ON guests(user_id, event_id) WHERE user_id IS NOT NULL;"
	"CREATE TABLE IF NOT EXISTS guest_counts ("
	" event_id INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,"
	" total INTEGER NOT NULL DEFAULT 0,"
	" checked_in INTEGER NOT NULL DEFAULT 0,"
	" pending INTEGER NOT NULL DEFAULT 0,"
	" accepted INTEGER NOT NULL DEFAULT 0,"
	" declined INTEGER NOT NULL DEFAULT 0,"
	" waitlisted INTEGER NOT NULL DEFAULT 0);"
	"CREATE TRIGGER IF NOT EXISTS guests_count_insert AFTER INSERT ON guests"
	" BEGIN" DB_GUEST_COUNT_ADD " END;"
	"CREATE TRIGGER IF NOT EXISTS guests_count_delete AFTER DELETE ON guests"
	" BEGIN" DB_GUEST_COUNT_SUB " END;"
	"CREATE TRIGGER IF NOT EXISTS guests_count_update"
	" AFTER UPDATE OF event_id, rsvp_status, checked_in_at ON guests"
	" WHEN OLD.event_id != NEW.event_id"
	"  OR OLD.rsvp_status != NEW.rsvp_status"
	"  OR (OLD.checked_in_at IS NULL) != (NEW.checked_in_at IS NULL)"
	" BEGIN" DB_GUEST_COUNT_SUB " " DB_GUEST_COUNT_ADD " END;"
	/*
	 * A scanning station's nonce and the answer its scan got: the same
	 * nonce again gets that answer back, after a restart too.
	 */
	"CREATE TABLE IF NOT EXISTS checkin_nonces ("
	" event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,"
	" nonce TEXT NOT NULL,"
	" code TEXT NOT NULL,"
	" answer TEXT NOT NULL,"
	" created_at INTEGER NOT NULL,"
	" PRIMARY KEY (event_id, nonce)) WITHOUT ROWID;"
	/*
	 * Registrations per event and status, kept by triggers as
	 * guest_counts is: the capacity check of every registration, the
	 * counters envelope and each event's JSON read one row instead of
	 * counting a crowd of 10,000 several times a request.  A file made
	 * before the table existed is counted once at open
	 * (db_backfill_registration_counts).  The partial index is the
	 * waitlist in promotion order, so the first in line is one seek.
	 */
	"CREATE TABLE IF NOT EXISTS registration_counts ("
	" event_id INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,"
	" confirmed INTEGER NOT NULL DEFAULT 0,"
	" waitlisted INTEGER NOT NULL DEFAULT 0,"
	" cancelled INTEGER NOT NULL DEFAULT 0);"
	"CREATE TRIGGER IF NOT EXISTS registrations_count_insert"
	" AFTER INSERT ON registrations"
	" BEGIN" DB_REG_COUNT_ADD " END;"
	"CREATE TRIGGER IF NOT EXISTS registrations_count_delete"
	" AFTER DELETE ON registrations"
	" BEGIN" DB_REG_COUNT_SUB " END;"
	"CREATE TRIGGER IF NOT EXISTS registrations_count_update"
	" AFTER UPDATE OF event_id, status ON registrations"
	" WHEN OLD.event_id != NEW.event_id OR OLD.status != NEW.status"
	" BEGIN" DB_REG_COUNT_SUB " " DB_REG_COUNT_ADD " END;"
	"CREATE INDEX IF NOT EXISTS registrations_waitlist"
	" ON registrations(event_id, registration_date, id)"
	" WHERE status = 'waitlisted';"
	/*
	 * The WebSocket stream's mark (stream.h): no seq has gone past it,
	 * and after a clean stop it is the last one.  One row.
	 */
	"CREATE TABLE IF NOT EXISTS stream_mark ("
	" id INTEGER PRIMARY KEY CHECK (id = 1),"
	" seq INTEGER NOT NULL);";

/* Whether registration_counts is there yet: a file from before it is not. */
static const char db_sql_has_registration_counts[] =
	"SELECT 1 FROM sqlite_master WHERE type = 'table'"
	" AND name = 'registration_counts'";
static const char db_sql_backfill_registration_counts[] =
	"INSERT OR REPLACE INTO registration_counts (event_id, confirmed,"
	" waitlisted, cancelled) SELECT event_id, SUM(status = 'confirmed'),"
	" SUM(status = 'waitlisted'), SUM(status = 'cancelled')"
	" FROM registrations GROUP BY event_id";

static const char db_pragmas_file[] =
	"PRAGMA journal_mode = WAL;"
	"PRAGMA synchronous = NORMAL;";

static const char db_pragmas[] =
	"PRAGMA foreign_keys = ON;";

/* 1 when the query sql finds a row, 0 when not, -1 on error. */
static int
db_has_row(struct db *db, const char *sql)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	if (sqlite3_prepare_v2(db->sqlite, sql, -1, &stmt, NULL) != SQLITE_OK)
		return (-1);
	rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	if (rc == SQLITE_ROW)
		return (1);
	return (rc == SQLITE_DONE ? 0 : -1);
}

struct db *
db_open(const char *path, char **cause)
{
	struct db	*db;
	int		 memory, rc, counted, old;

	memory = (path == NULL || strcmp(path, ":memory:") == 0);
	db = xcalloc(1, sizeof *db);
	rc = sqlite3_open_v2(memory ? ":memory:" : path, &db->sqlite,
	    SQLITE_OPEN_READWRITE|SQLITE_OPEN_CREATE|SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		xasprintf(cause, "cannot open database %s: %s", path,
		    db->sqlite ? sqlite3_errmsg(db->sqlite) :
		    sqlite3_errstr(rc));
		goto fail;
	}
	sqlite3_busy_timeout(db->sqlite, 5000);
	if (!memory && db_exec(db, db_pragmas_file, cause) != 0)
		goto fail;
	if (db_exec(db, db_pragmas, cause) != 0)
		goto fail;
	/*
	 * One transaction: a file left with the new table but without its
	 * counts would never be counted again.
	 */
	if (db_begin(db, cause) != 0)
		goto fail;
	if ((counted = db_has_row(db, db_sql_has_registration_counts)) == -1 ||
	    (old = db_has_row(db, db_sql_old_guests_name)) == -1) {
		xasprintf(cause, "cannot read database %s: %s",
		    memory ? ":memory:" : path, sqlite3_errmsg(db->sqlite));
		goto fail_rollback;
	}
	if (old && db_exec(db, "DROP INDEX guests_name", cause) != 0)
		goto fail_rollback;
	if (db_exec(db, db_schema, cause) != 0)
		goto fail_rollback;
	/* The triggers only count from now on: count what was there. */
	if (!counted && db_exec(db, db_sql_backfill_registration_counts,
	    cause) != 0)
		goto fail_rollback;
	if (db_commit(db, cause) != 0)
		goto fail;
	return (db);

fail_rollback:
	db_rollback(db);

fail:
	db_close(db);
	return (NULL);
}

void
db_close(struct db *db)
{
	size_t	i;

	if (db == NULL)
		return;
	for (i = 0; i < db->ncache; i++)
		sqlite3_finalize(db->cache[i].stmt);
	free(db->cache);
	sqlite3_close(db->sqlite);
	free(db);
}

sqlite3 *
db_handle(struct db *db)
{
	return (db->sqlite);
}

sqlite3_stmt *
db_stmt(struct db *db, const char *sql)
{
	sqlite3_stmt	*stmt;
	size_t		 i;

	for (i = 0; i < db->ncache; i++) {
		if (db->cache[i].sql == sql) {
			stmt = db->cache[i].stmt;
			sqlite3_reset(stmt);
			sqlite3_clear_bindings(stmt);
			return (stmt);
		}
	}
	if (sqlite3_prepare_v3(db->sqlite, sql, -1, SQLITE_PREPARE_PERSISTENT,
	    &stmt, NULL) != SQLITE_OK) {
		log_fatalx("bad SQL (%s): %s",
		    sqlite3_errmsg(db->sqlite), sql);
	}
	db->cache = xreallocarray(db->cache, db->ncache + 1,
	    sizeof *db->cache);
	db->cache[db->ncache].sql = sql;
	db->cache[db->ncache].stmt = stmt;
	db->ncache++;
	return (stmt);
}

int
db_exec(struct db *db, const char *sql, char **cause)
{
	char	*error = NULL;

	if (sqlite3_exec(db->sqlite, sql, NULL, NULL, &error) != SQLITE_OK) {
		xasprintf(cause, "database error: %s",
		    error ? error : sqlite3_errmsg(db->sqlite));
		sqlite3_free(error);
		return (-1);
	}
	return (0);
}

int
db_begin(struct db *db, char **cause)
{
	return (db_exec(db, "BEGIN IMMEDIATE", cause));
}

int
db_commit(struct db *db, char **cause)
{
	if (db_exec(db, "COMMIT", cause) != 0) {
		db_rollback(db);
		return (-1);
	}
	return (0);
}

void
db_rollback(struct db *db)
{
	if (!sqlite3_get_autocommit(db->sqlite))
		sqlite3_exec(db->sqlite, "ROLLBACK", NULL, NULL, NULL);
}

int64_t
db_last_id(struct db *db)
{
	return (sqlite3_last_insert_rowid(db->sqlite));
}

int
db_step(struct db *db, sqlite3_stmt *stmt, char **cause)
{
	int	rc;

	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		if (cause != NULL)
			xasprintf(cause, "database error: %s",
			    sqlite3_errmsg(db->sqlite));
		return (-1);
	}
	return (0);
}

int64_t
db_int(struct db *db, sqlite3_stmt *stmt, int64_t def)
{
	int64_t	v = def;

	(void)db;
	if (sqlite3_step(stmt) == SQLITE_ROW &&
	    sqlite3_column_type(stmt, 0) != SQLITE_NULL)
		v = sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	return (v);
}

const char *
db_text(sqlite3_stmt *stmt, int i)
{
	const unsigned char	*s;

	s = sqlite3_column_text(stmt, i);
	return (s != NULL ? (const char *)s : "");
}

void
db_json_text(json_t *obj, const char *key, sqlite3_stmt *stmt, int i)
{
	json_t	*v;

	if ((v = json_string(db_text(stmt, i))) == NULL)
		v = json_string("");
	json_object_set_new(obj, key, v);
}

void
db_json_time(json_t *obj, const char *key, sqlite3_stmt *stmt, int i)
{
	char	buf[32];

	if (sqlite3_column_type(stmt, i) == SQLITE_NULL) {
		json_object_set_new(obj, key, json_null());
		return;
	}
	json_util_format_time((time_t)sqlite3_column_int64(stmt, i), buf,
	    sizeof buf);
	json_object_set_new(obj, key, json_string(buf));
}

void
db_json_int(json_t *obj, const char *key, sqlite3_stmt *stmt, int i)
{
	json_object_set_new(obj, key,
	    sqlite3_column_type(stmt, i) == SQLITE_NULL ? json_null() :
	    json_integer(sqlite3_column_int64(stmt, i)));
}
