/*
 * The mock's SQLite store: schema, a cache of prepared statements and
 * transactions.  One connection, used from the event loop thread only.
 */
#ifndef EVTOP_MOCK_DB_H
#define EVTOP_MOCK_DB_H

#include <jansson.h>
#include <sqlite3.h>
#include <stdint.h>

struct db;

/*
 * Opens path (NULL or ":memory:" for a private in-memory store), sets the
 * pragmas and creates the schema.  Returns NULL with a sentence in *cause.
 */
struct db	*db_open(const char *path, char **cause);
void		 db_close(struct db *);

/* The underlying connection, for modules that run their own SQL. */
sqlite3		*db_handle(struct db *);

/*
 * A cached prepared statement for sql, which must be a string with static
 * storage (the pointer is the cache key).  The statement comes back reset
 * with its bindings cleared.  Aborts on a syntax error: that is a bug.
 */
sqlite3_stmt	*db_stmt(struct db *, const char *sql);

/* Runs one or more statements without results; -1 with *cause on error. */
int		 db_exec(struct db *, const char *sql, char **cause);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK.  Return 0 or -1 with *cause. */
int		 db_begin(struct db *, char **cause);
int		 db_commit(struct db *, char **cause);
void		 db_rollback(struct db *);

/* The rowid of the last insert. */
int64_t		 db_last_id(struct db *);

/*
 * Steps a statement that returns no rows and resets it; -1 with
 * "database error: ..." in *cause (when cause is not NULL) on failure.
 */
int		 db_step(struct db *, sqlite3_stmt *, char **cause);

/* Runs a statement expected to return one integer; def when no row. */
int64_t		 db_int(struct db *, sqlite3_stmt *, int64_t def);

/* The text of column i of stmt, never NULL. */
const char	*db_text(sqlite3_stmt *, int i);

/*
 * Column i of stmt into obj[key]: text ("" rather than bad UTF-8 from a
 * hand-edited file), or a time in Unix seconds as ISO 8601 (null for
 * NULL).
 */
void		 db_json_text(json_t *obj, const char *key, sqlite3_stmt *,
		     int i);
void		 db_json_time(json_t *obj, const char *key, sqlite3_stmt *,
		     int i);
/* Column i of stmt into obj[key]: an integer, or null for NULL. */
void		 db_json_int(json_t *obj, const char *key, sqlite3_stmt *,
		     int i);

#endif
