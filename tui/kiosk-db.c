/*
 * The kiosk's SQLite file (kiosk-db.h).  synchronous = FULL: a scan is on
 * disk when kiosk_db_add_scan returns, whatever happens to the machine
 * next; WAL keeps that cheap (a fraction of a millisecond a scan).
 */
#include "kiosk-db.h"

#include <inttypes.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "model-calls.h"
#include "utf8.h"
#include "xmalloc.h"

static const char kiosk_db_schema[] =
	"PRAGMA journal_mode = WAL;"
	"PRAGMA synchronous = FULL;"
	"PRAGMA foreign_keys = ON;"
	"CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);"
	"CREATE TABLE IF NOT EXISTS guests ("
	" id INTEGER PRIMARY KEY, code TEXT NOT NULL, name TEXT NOT NULL,"
	" name_key TEXT NOT NULL, rsvp TEXT NOT NULL DEFAULT '',"
	" checked_in_at INTEGER NOT NULL DEFAULT 0,"
	" local_at INTEGER NOT NULL DEFAULT 0,"
	" gen INTEGER NOT NULL DEFAULT 0);"
	"CREATE INDEX IF NOT EXISTS guests_code ON guests (code);"
	"CREATE INDEX IF NOT EXISTS guests_name ON guests (name_key);"
	/* The few let in here and not yet sent, counted at each change. */
	"CREATE INDEX IF NOT EXISTS guests_local ON guests (local_at)"
	" WHERE local_at != 0;"
	"CREATE TABLE IF NOT EXISTS scans ("
	" seq INTEGER PRIMARY KEY AUTOINCREMENT,"
	" nonce TEXT NOT NULL UNIQUE, code TEXT NOT NULL,"
	" scanned_at INTEGER NOT NULL, queued INTEGER NOT NULL,"
	" offline INTEGER NOT NULL, conflict INTEGER NOT NULL DEFAULT 0,"
	" result INTEGER NOT NULL, guest_id INTEGER NOT NULL DEFAULT 0,"
	" name TEXT NOT NULL DEFAULT '', detail TEXT NOT NULL DEFAULT '',"
	" first_at INTEGER NOT NULL DEFAULT 0,"
	" undone INTEGER NOT NULL DEFAULT 0);"
	"CREATE INDEX IF NOT EXISTS scans_queued ON scans (queued, seq);";

enum {
	KDB_META_GET,
	KDB_META_SET,
	KDB_PUT_GUEST,
	KDB_SWEEP,
	KDB_FIND_CODE,
	KDB_FIND_ID,
	KDB_SEARCH,
	KDB_GUESTS,
	KDB_ADD_SCAN,
	KDB_MARK_LOCAL,
	KDB_UPDATE_SCAN,
	KDB_SET_CHECKED_IN,
	KDB_NEXT_QUEUED,
	KDB_QUEUED,
	KDB_LOCAL,
	KDB_RECENT,
	KDB_SCAN_GET,
	KDB_DROP_SCAN,
	KDB_UNMARK_LOCAL,
	KDB__COUNT
};

#define KDB_SCAN_COLUMNS						\
	"seq, nonce, code, scanned_at, queued, offline, conflict,"	\
	" result, guest_id, name, detail, first_at, undone"
#define KDB_GUEST_COLUMNS						\
	"id, code, name, rsvp, checked_in_at, local_at"

static const char *const kiosk_db_sql[KDB__COUNT] = {
	[KDB_META_GET] = "SELECT value FROM meta WHERE key = ?",
	[KDB_META_SET] = "INSERT INTO meta (key, value) VALUES (?, ?)"
	    " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
	/*
	 * The server's word on a check-in is final, except that a mark made
	 * here stays until the server has the guest checked in itself.
	 */
	[KDB_PUT_GUEST] = "INSERT INTO guests (id, code, name, name_key, rsvp,"
	    " checked_in_at, gen) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
	    " ON CONFLICT (id) DO UPDATE SET code = ?2, name = ?3,"
	    " name_key = ?4, rsvp = ?5, checked_in_at = ?6, gen = ?7,"
	    " local_at = CASE WHEN ?6 != 0 THEN 0 ELSE local_at END",
	/* A whole copy made: who it did not list is gone from the server. */
	[KDB_SWEEP] = "DELETE FROM guests WHERE gen < ? AND local_at = 0",
	[KDB_FIND_CODE] = "SELECT " KDB_GUEST_COLUMNS " FROM guests"
	    " WHERE code = ?",
	[KDB_FIND_ID] = "SELECT " KDB_GUEST_COLUMNS " FROM guests"
	    " WHERE id = ?",
	[KDB_SEARCH] = "SELECT " KDB_GUEST_COLUMNS " FROM guests"
	    " WHERE name_key LIKE ?1 ESCAPE '\\' AND name_key LIKE ?2"
	    " ESCAPE '\\' AND name_key LIKE ?3 ESCAPE '\\'"
	    " ORDER BY name_key, id LIMIT ?4",
	[KDB_GUESTS] = "SELECT count(*) FROM guests",
	[KDB_ADD_SCAN] = "INSERT INTO scans (nonce, code, scanned_at, queued,"
	    " offline, conflict, result, guest_id, name, detail, first_at,"
	    " undone) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[KDB_MARK_LOCAL] = "UPDATE guests SET local_at = ?2 WHERE id = ?1",
	[KDB_UPDATE_SCAN] = "UPDATE scans SET queued = ?2, offline = ?3,"
	    " conflict = ?4, result = ?5, guest_id = ?6, name = ?7,"
	    " detail = ?8, first_at = ?9, undone = ?10 WHERE seq = ?1",
	[KDB_SET_CHECKED_IN] = "UPDATE guests SET checked_in_at = ?2,"
	    " local_at = 0 WHERE id = ?1",
	[KDB_NEXT_QUEUED] = "SELECT " KDB_SCAN_COLUMNS " FROM scans"
	    " WHERE queued = 1 ORDER BY seq LIMIT 1",
	[KDB_QUEUED] = "SELECT count(*) FROM scans WHERE queued = 1",
	[KDB_LOCAL] = "SELECT count(*) FROM guests WHERE local_at != 0"
	    " AND checked_in_at = 0",
	[KDB_RECENT] = "SELECT " KDB_SCAN_COLUMNS " FROM scans"
	    " ORDER BY seq DESC LIMIT ?",
	[KDB_SCAN_GET] = "SELECT " KDB_SCAN_COLUMNS " FROM scans"
	    " WHERE seq = ?",
	[KDB_DROP_SCAN] = "DELETE FROM scans WHERE seq = ? AND queued = 1",
	[KDB_UNMARK_LOCAL] = "UPDATE guests SET local_at = 0 WHERE id = ?",
};

struct kiosk_db {
	sqlite3		*db;
	sqlite3_stmt	*stmt[KDB__COUNT];
	int		 in_tx;
	int64_t		 gen;		/* the copy guests are put in */
};

void
kiosk_copy(char *dst, size_t size, const char *src)
{
	size_t	n;

	if (src == NULL)
		src = "";
	if ((n = strlen(src)) > size - 1)
		n = utf8_cut(src, size - 1);
	memcpy(dst, src, n);
	dst[n] = '\0';
}

static int64_t	kiosk_db_meta_count(struct kiosk_db *, const char *);

static int
kiosk_db_fail(struct kiosk_db *k, const char *what, char **cause)
{
	if (cause != NULL)
		xasprintf(cause, "the kiosk's file: %s: %s", what,
		    sqlite3_errmsg(k->db));
	log_debug("kiosk-db: %s: %s", what, sqlite3_errmsg(k->db));
	return (-1);
}

static sqlite3_stmt *
kiosk_db_stmt(struct kiosk_db *k, int which)
{
	sqlite3_stmt	*s = k->stmt[which];

	if (s == NULL && sqlite3_prepare_v2(k->db, kiosk_db_sql[which], -1,
	    &k->stmt[which], NULL) != SQLITE_OK) {
		log_debug("kiosk-db: cannot prepare %d: %s", which,
		    sqlite3_errmsg(k->db));
		return (NULL);
	}
	s = k->stmt[which];
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return (s);
}

/* Steps a statement that returns nothing: 0, or -1 with a sentence. */
static int
kiosk_db_run(struct kiosk_db *k, sqlite3_stmt *s, const char *what,
    char **cause)
{
	int	rc;

	if (s == NULL)
		return (kiosk_db_fail(k, what, cause));
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return (kiosk_db_fail(k, what, cause));
	return (0);
}

static int64_t
kiosk_db_count(struct kiosk_db *k, int which)
{
	sqlite3_stmt	*s = kiosk_db_stmt(k, which);
	int64_t		 n = 0;

	if (s != NULL && sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	if (s != NULL)
		sqlite3_reset(s);
	return (n);
}

static const char *
kiosk_db_text(sqlite3_stmt *s, int col)
{
	const unsigned char	*t = sqlite3_column_text(s, col);

	return (t != NULL ? (const char *)t : "");
}

static char *
kiosk_db_meta(struct kiosk_db *k, const char *key)
{
	sqlite3_stmt	*s = kiosk_db_stmt(k, KDB_META_GET);
	char		*v = NULL;

	if (s == NULL)
		return (NULL);
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = xstrdup(kiosk_db_text(s, 0));
	sqlite3_reset(s);
	return (v);
}

static int
kiosk_db_set_meta(struct kiosk_db *k, const char *key, const char *value,
    char **cause)
{
	sqlite3_stmt	*s = kiosk_db_stmt(k, KDB_META_SET);

	if (s != NULL) {
		sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, value, -1, SQLITE_STATIC);
	}
	return (kiosk_db_run(k, s, "cannot write", cause));
}

/* The file must be this server's and this event's, or new. */
static int
kiosk_db_claim(struct kiosk_db *k, const char *server, int64_t event_id,
    char **cause)
{
	char	*was_server, *was_event, id[32];
	int	 rc = 0;

	snprintf(id, sizeof id, "%" PRId64, event_id);
	was_server = kiosk_db_meta(k, "server");
	was_event = kiosk_db_meta(k, "event");
	if (was_server == NULL && was_event == NULL) {
		if (kiosk_db_set_meta(k, "server", server, cause) != 0 ||
		    kiosk_db_set_meta(k, "event", id, cause) != 0)
			rc = -1;
	} else if (was_server == NULL || was_event == NULL ||
	    strcmp(was_server, server) != 0 || strcmp(was_event, id) != 0) {
		xasprintf(cause, "the kiosk's file is for event %s on %s, not "
		    "event %s on %s", was_event != NULL ? was_event : "?",
		    was_server != NULL ? was_server : "?", id, server);
		rc = -1;
	}
	free(was_server);
	free(was_event);
	return (rc);
}

struct kiosk_db *
kiosk_db_open(const char *path, const char *server, int64_t event_id,
    char **cause)
{
	struct kiosk_db	*k = xcalloc(1, sizeof *k);
	char		*err = NULL;

	if (sqlite3_open_v2(path, &k->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, NULL) != SQLITE_OK) {
		xasprintf(cause, "cannot open the kiosk's file %s: %s", path,
		    k->db != NULL ? sqlite3_errmsg(k->db) : "out of memory");
		kiosk_db_close(k);
		return (NULL);
	}
	sqlite3_busy_timeout(k->db, 2000);
	if (sqlite3_exec(k->db, kiosk_db_schema, NULL, NULL, &err) !=
	    SQLITE_OK) {
		xasprintf(cause, "cannot use the kiosk's file %s: %s", path,
		    err != NULL ? err : sqlite3_errmsg(k->db));
		sqlite3_free(err);
		kiosk_db_close(k);
		return (NULL);
	}
	if (kiosk_db_claim(k, server, event_id, cause) != 0) {
		kiosk_db_close(k);
		return (NULL);
	}
	k->gen = kiosk_db_meta_count(k, "gen");
	return (k);
}

void
kiosk_db_close(struct kiosk_db *k)
{
	size_t	i;

	if (k == NULL)
		return;
	for (i = 0; i < KDB__COUNT; i++)
		sqlite3_finalize(k->stmt[i]);
	if (k->db != NULL)
		sqlite3_close(k->db);
	free(k);
}

int
kiosk_db_begin(struct kiosk_db *k, char **cause)
{
	if (sqlite3_exec(k->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) !=
	    SQLITE_OK)
		return (kiosk_db_fail(k, "cannot begin", cause));
	k->in_tx = 1;
	return (0);
}

int
kiosk_db_commit(struct kiosk_db *k, char **cause)
{
	if (sqlite3_exec(k->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		kiosk_db_fail(k, "cannot commit", cause);
		kiosk_db_rollback(k);
		return (-1);
	}
	k->in_tx = 0;
	return (0);
}

void
kiosk_db_rollback(struct kiosk_db *k)
{
	if (k->in_tx)
		sqlite3_exec(k->db, "ROLLBACK", NULL, NULL, NULL);
	k->in_tx = 0;
}

/* A name folded for searching: ASCII letters in lower case. */
static char *
kiosk_db_name_key(const char *name)
{
	char	*key = xstrdup(name != NULL ? name : ""), *p;

	for (p = key; *p != '\0'; p++) {
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	}
	return (key);
}

int
kiosk_db_put_guest(struct kiosk_db *k, const struct guest *g, char **cause)
{
	sqlite3_stmt	*s = kiosk_db_stmt(k, KDB_PUT_GUEST);
	char		*key;
	int		 rc;

	if (g->id <= 0 || g->ticket_code == NULL)
		return (0);	/* nothing a scan could find */
	key = kiosk_db_name_key(g->name);
	if (s != NULL) {
		sqlite3_bind_int64(s, 1, g->id);
		sqlite3_bind_text(s, 2, g->ticket_code, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, g->name != NULL ? g->name : "", -1,
		    SQLITE_STATIC);
		sqlite3_bind_text(s, 4, key, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 5, g->rsvp_status != NULL ?
		    g->rsvp_status : "", -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 6, (int64_t)g->checked_in_at);
		sqlite3_bind_int64(s, 7, k->gen);
	}
	rc = kiosk_db_run(k, s, "cannot keep a guest", cause);
	free(key);
	return (rc);
}

static void
kiosk_db_read_guest(sqlite3_stmt *s, struct kiosk_guest *g)
{
	memset(g, 0, sizeof *g);
	g->id = sqlite3_column_int64(s, 0);
	kiosk_copy(g->code, sizeof g->code, kiosk_db_text(s, 1));
	kiosk_copy(g->name, sizeof g->name, kiosk_db_text(s, 2));
	kiosk_copy(g->rsvp, sizeof g->rsvp, kiosk_db_text(s, 3));
	g->checked_in_at = (time_t)sqlite3_column_int64(s, 4);
	g->local_at = (time_t)sqlite3_column_int64(s, 5);
}

/* A code of digits only may be a guest id, as the server takes it. */
static int64_t
kiosk_db_code_id(const char *code)
{
	int64_t	 id = 0;

	if (*code == '\0' || strlen(code) > 18)
		return (0);
	for (; *code != '\0'; code++) {
		if (*code < '0' || *code > '9')
			return (0);
		id = id * 10 + (*code - '0');
	}
	return (id);
}

int
kiosk_db_find(struct kiosk_db *k, const char *code, struct kiosk_guest *out)
{
	sqlite3_stmt	*s;
	int64_t		 id;
	int		 found = 0;

	if ((s = kiosk_db_stmt(k, KDB_FIND_CODE)) != NULL) {
		sqlite3_bind_text(s, 1, code, -1, SQLITE_STATIC);
		if (sqlite3_step(s) == SQLITE_ROW) {
			kiosk_db_read_guest(s, out);
			found = 1;
		}
		sqlite3_reset(s);
	}
	if (!found && (id = kiosk_db_code_id(code)) != 0 &&
	    (s = kiosk_db_stmt(k, KDB_FIND_ID)) != NULL) {
		sqlite3_bind_int64(s, 1, id);
		if (sqlite3_step(s) == SQLITE_ROW) {
			kiosk_db_read_guest(s, out);
			found = 1;
		}
		sqlite3_reset(s);
	}
	return (found ? 0 : 1);
}

/* "%word%" for LIKE, with % _ and \ taken literally. */
static char *
kiosk_db_like(const char *word, size_t len)
{
	char	*out = xmalloc(len * 2 + 3), *p = out;
	size_t	 i;

	*p++ = '%';
	for (i = 0; i < len; i++) {
		if (word[i] == '%' || word[i] == '_' || word[i] == '\\')
			*p++ = '\\';
		*p++ = word[i];
	}
	*p++ = '%';
	*p = '\0';
	return (out);
}

size_t
kiosk_db_search(struct kiosk_db *k, const char *words,
    struct kiosk_guest *out, size_t max)
{
	sqlite3_stmt	*s;
	char		*key, *pat[3] = { NULL, NULL, NULL }, *w;
	size_t		 n = 0, np = 0, len;
	int		 i;

	key = kiosk_db_name_key(words);
	/* Up to three words, each anywhere in the name. */
	for (w = key; np < 3 && *w != '\0';) {
		while (*w == ' ')
			w++;
		if ((len = strcspn(w, " ")) == 0)
			break;
		pat[np++] = kiosk_db_like(w, len);
		w += len;
	}
	free(key);
	if (np == 0 || (s = kiosk_db_stmt(k, KDB_SEARCH)) == NULL)
		goto out;
	for (i = 0; i < 3; i++)
		sqlite3_bind_text(s, i + 1, pat[i] != NULL ? pat[i] : "%", -1,
		    SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, (int64_t)max);
	while (n < max && sqlite3_step(s) == SQLITE_ROW)
		kiosk_db_read_guest(s, &out[n++]);
	sqlite3_reset(s);
out:
	for (i = 0; i < 3; i++)
		free(pat[i]);
	return (n);
}

int64_t
kiosk_db_guests(struct kiosk_db *k)
{
	return (kiosk_db_count(k, KDB_GUESTS));
}

/* A number kept in meta, 0 when it is not there. */
static int64_t
kiosk_db_meta_count(struct kiosk_db *k, const char *key)
{
	char	*v = kiosk_db_meta(k, key);
	int64_t	 n = 0;

	if (v != NULL)
		n = strtoll(v, NULL, 10);
	free(v);
	return (n);
}

time_t
kiosk_db_copied_at(struct kiosk_db *k)
{
	return ((time_t)kiosk_db_meta_count(k, "copied_at"));
}

int
kiosk_db_set_copied_at(struct kiosk_db *k, time_t t, char **cause)
{
	char	v[32];

	snprintf(v, sizeof v, "%lld", (long long)t);
	return (kiosk_db_set_meta(k, "copied_at", v, cause));
}

void
kiosk_db_copy_begin(struct kiosk_db *k)
{
	k->gen = kiosk_db_meta_count(k, "gen") + 1;
}

int
kiosk_db_copy_end(struct kiosk_db *k, time_t t, char **cause)
{
	sqlite3_stmt	*s;
	char		 v[32];

	if (kiosk_db_begin(k, cause) != 0)
		return (-1);
	if ((s = kiosk_db_stmt(k, KDB_SWEEP)) != NULL)
		sqlite3_bind_int64(s, 1, k->gen);
	snprintf(v, sizeof v, "%lld", (long long)k->gen);
	if (kiosk_db_run(k, s, "cannot drop old guests", cause) != 0 ||
	    kiosk_db_set_meta(k, "gen", v, cause) != 0 ||
	    kiosk_db_set_copied_at(k, t, cause) != 0) {
		kiosk_db_rollback(k);
		return (-1);
	}
	return (kiosk_db_commit(k, cause));
}

/*
 * What a scan came to, from parameter i on, in the order both the insert
 * and the update name them: queued, offline, conflict, result, guest_id,
 * name, detail, first_at, undone.
 */
static void
kiosk_db_bind_outcome(sqlite3_stmt *s, int i, const struct kiosk_scan *sc)
{
	sqlite3_bind_int(s, i++, sc->queued);
	sqlite3_bind_int(s, i++, sc->offline);
	sqlite3_bind_int(s, i++, sc->conflict);
	sqlite3_bind_int(s, i++, (int)sc->result);
	sqlite3_bind_int64(s, i++, sc->guest_id);
	sqlite3_bind_text(s, i++, sc->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, i++, sc->detail, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, i++, (int64_t)sc->first_at);
	sqlite3_bind_int(s, i, sc->undone);
}

/* Accepted here: the guest is in, as far as this door knows. */
static int
kiosk_db_mark(struct kiosk_db *k, const struct kiosk_scan *sc, char **cause)
{
	sqlite3_stmt	*s;

	if (!sc->offline || !sc->queued || sc->result != KIOSK_VALID ||
	    sc->guest_id == 0)
		return (0);
	if ((s = kiosk_db_stmt(k, KDB_MARK_LOCAL)) != NULL) {
		sqlite3_bind_int64(s, 1, sc->guest_id);
		sqlite3_bind_int64(s, 2, (int64_t)sc->scanned_at);
	}
	return (kiosk_db_run(k, s, "cannot mark the guest", cause));
}

int
kiosk_db_add_scan(struct kiosk_db *k, struct kiosk_scan *sc, char **cause)
{
	sqlite3_stmt	*s;

	if (kiosk_db_begin(k, cause) != 0)
		return (-1);
	if ((s = kiosk_db_stmt(k, KDB_ADD_SCAN)) != NULL) {
		sqlite3_bind_text(s, 1, sc->nonce, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, sc->code, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 3, (int64_t)sc->scanned_at);
		kiosk_db_bind_outcome(s, 4, sc);
	}
	if (kiosk_db_run(k, s, "cannot keep the scan", cause) != 0)
		goto fail;
	sc->seq = sqlite3_last_insert_rowid(k->db);
	if (kiosk_db_mark(k, sc, cause) != 0)
		goto fail;
	return (kiosk_db_commit(k, cause));
fail:
	kiosk_db_rollback(k);
	return (-1);
}

int
kiosk_db_update_scan(struct kiosk_db *k, const struct kiosk_scan *sc,
    time_t at, char **cause)
{
	sqlite3_stmt	*s;

	if (kiosk_db_begin(k, cause) != 0)
		return (-1);
	if ((s = kiosk_db_stmt(k, KDB_UPDATE_SCAN)) != NULL) {
		sqlite3_bind_int64(s, 1, sc->seq);
		kiosk_db_bind_outcome(s, 2, sc);
	}
	if (kiosk_db_run(k, s, "cannot write the scan", cause) != 0)
		goto fail;
	if (kiosk_db_mark(k, sc, cause) != 0)
		goto fail;
	if (at != 0 && sc->guest_id != 0) {
		if ((s = kiosk_db_stmt(k, KDB_SET_CHECKED_IN)) != NULL) {
			sqlite3_bind_int64(s, 1, sc->guest_id);
			sqlite3_bind_int64(s, 2, (int64_t)at);
		}
		if (kiosk_db_run(k, s, "cannot mark the guest", cause) != 0)
			goto fail;
	}
	return (kiosk_db_commit(k, cause));
fail:
	kiosk_db_rollback(k);
	return (-1);
}

static void
kiosk_db_read_scan(sqlite3_stmt *s, struct kiosk_scan *sc)
{
	memset(sc, 0, sizeof *sc);
	sc->seq = sqlite3_column_int64(s, 0);
	kiosk_copy(sc->nonce, sizeof sc->nonce, kiosk_db_text(s, 1));
	kiosk_copy(sc->code, sizeof sc->code, kiosk_db_text(s, 2));
	sc->scanned_at = (time_t)sqlite3_column_int64(s, 3);
	sc->queued = sqlite3_column_int(s, 4);
	sc->offline = sqlite3_column_int(s, 5);
	sc->conflict = sqlite3_column_int(s, 6);
	switch (sqlite3_column_int(s, 7)) {
	case KIOSK_VALID:
		sc->result = KIOSK_VALID;
		break;
	case KIOSK_ALREADY:
		sc->result = KIOSK_ALREADY;
		break;
	default:
		sc->result = KIOSK_INVALID;
		break;
	}
	sc->guest_id = sqlite3_column_int64(s, 8);
	kiosk_copy(sc->name, sizeof sc->name, kiosk_db_text(s, 9));
	kiosk_copy(sc->detail, sizeof sc->detail, kiosk_db_text(s, 10));
	sc->first_at = (time_t)sqlite3_column_int64(s, 11);
	sc->undone = sqlite3_column_int(s, 12);
}

int
kiosk_db_next_queued(struct kiosk_db *k, struct kiosk_scan *out)
{
	sqlite3_stmt	*s = kiosk_db_stmt(k, KDB_NEXT_QUEUED);
	int		 found = 0;

	if (s == NULL)
		return (1);
	if (sqlite3_step(s) == SQLITE_ROW) {
		kiosk_db_read_scan(s, out);
		found = 1;
	}
	sqlite3_reset(s);
	return (found ? 0 : 1);
}

int64_t
kiosk_db_queued(struct kiosk_db *k)
{
	return (kiosk_db_count(k, KDB_QUEUED));
}

int64_t
kiosk_db_local_checkins(struct kiosk_db *k)
{
	return (kiosk_db_count(k, KDB_LOCAL));
}

size_t
kiosk_db_recent(struct kiosk_db *k, struct kiosk_scan *out, size_t max)
{
	sqlite3_stmt	*s = kiosk_db_stmt(k, KDB_RECENT);
	size_t		 n = 0;

	if (s == NULL)
		return (0);
	sqlite3_bind_int64(s, 1, (int64_t)max);
	while (n < max && sqlite3_step(s) == SQLITE_ROW)
		kiosk_db_read_scan(s, &out[n++]);
	sqlite3_reset(s);
	return (n);
}

int
kiosk_db_drop_scan(struct kiosk_db *k, int64_t seq, char **cause)
{
	struct kiosk_scan	 sc;
	sqlite3_stmt		*s;
	int			 found = 0;

	if (kiosk_db_begin(k, cause) != 0)
		return (-1);
	if ((s = kiosk_db_stmt(k, KDB_SCAN_GET)) != NULL) {
		sqlite3_bind_int64(s, 1, seq);
		if (sqlite3_step(s) == SQLITE_ROW) {
			kiosk_db_read_scan(s, &sc);
			found = sc.queued;
		}
		sqlite3_reset(s);
	}
	if (!found) {
		kiosk_db_rollback(k);
		if (cause != NULL)
			*cause = xstrdup("that scan was sent already");
		return (-1);
	}
	if ((s = kiosk_db_stmt(k, KDB_DROP_SCAN)) != NULL)
		sqlite3_bind_int64(s, 1, seq);
	if (kiosk_db_run(k, s, "cannot drop the scan", cause) != 0)
		goto fail;
	if (sc.guest_id != 0) {
		if ((s = kiosk_db_stmt(k, KDB_UNMARK_LOCAL)) != NULL)
			sqlite3_bind_int64(s, 1, sc.guest_id);
		if (kiosk_db_run(k, s, "cannot unmark the guest", cause) != 0)
			goto fail;
	}
	return (kiosk_db_commit(k, cause));
fail:
	kiosk_db_rollback(k);
	return (-1);
}

int
kiosk_db_set_checked_in(struct kiosk_db *k, int64_t guest_id, time_t at,
    char **cause)
{
	sqlite3_stmt	*s = kiosk_db_stmt(k, KDB_SET_CHECKED_IN);

	if (s != NULL) {
		sqlite3_bind_int64(s, 1, guest_id);
		sqlite3_bind_int64(s, 2, (int64_t)at);
	}
	return (kiosk_db_run(k, s, "cannot mark the guest", cause));
}
