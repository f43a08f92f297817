#include "users.h"

#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "json-util.h"
#include "xmalloc.h"

static const char *const users_roles[] = {
	"admin", "organizer", "staff", "attendee"
};

static const char users_sql_insert[] =
	"INSERT INTO users (email, name, role, password_hash, created_at)"
	" VALUES (?, ?, ?, ?, ?)";
static const char users_sql_update_login[] =
	"UPDATE users SET role = ?, password_hash = ? WHERE id = ?";
static const char users_sql_by_email[] =
	"SELECT id, email, name, role, password_hash, created_at"
	" FROM users WHERE email = ?";
static const char users_sql_by_id[] =
	"SELECT id, email, name, role, password_hash, created_at"
	" FROM users WHERE id = ?";

int
users_role_valid(const char *role)
{
	size_t	i;

	for (i = 0; i < sizeof users_roles / sizeof users_roles[0]; i++) {
		if (strcmp(role, users_roles[i]) == 0)
			return (1);
	}
	return (0);
}

int
users_create(struct db *db, const char *email, const char *name,
    const char *role, const char *hash, time_t now, int64_t *id,
    char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	if (!users_role_valid(role)) {
		xasprintf(cause, "unknown role \"%s\"", role);
		return (-1);
	}
	stmt = db_stmt(db, users_sql_insert);
	sqlite3_bind_text(stmt, 1, email, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 2, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 3, role, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, hash, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(stmt, 5, now);
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc == SQLITE_CONSTRAINT) {
		xasprintf(cause, "a user with email %s already exists", email);
		return (-1);
	}
	if (rc != SQLITE_DONE) {
		xasprintf(cause, "cannot create user: %s",
		    sqlite3_errmsg(db_handle(db)));
		return (-1);
	}
	if (id != NULL)
		*id = db_last_id(db);
	return (0);
}

int
users_update_login(struct db *db, int64_t id, const char *role,
    const char *hash, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	stmt = db_stmt(db, users_sql_update_login);
	sqlite3_bind_text(stmt, 1, role, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, hash, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(stmt, 3, id);
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		xasprintf(cause, "cannot update user: %s",
		    sqlite3_errmsg(db_handle(db)));
		return (-1);
	}
	return (0);
}

static int
users_fill(sqlite3_stmt *stmt, struct user *u)
{
	int	rc;

	memset(u, 0, sizeof *u);
	rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(stmt);
		return (1);
	}
	u->id = sqlite3_column_int64(stmt, 0);
	u->email = xstrdup(db_text(stmt, 1));
	u->name = xstrdup(db_text(stmt, 2));
	u->role = xstrdup(db_text(stmt, 3));
	u->password_hash = xstrdup(db_text(stmt, 4));
	u->created_at = (time_t)sqlite3_column_int64(stmt, 5);
	sqlite3_reset(stmt);
	return (0);
}

int
users_find_by_email(struct db *db, const char *email, struct user *u)
{
	sqlite3_stmt	*stmt;

	stmt = db_stmt(db, users_sql_by_email);
	sqlite3_bind_text(stmt, 1, email, -1, SQLITE_TRANSIENT);
	return (users_fill(stmt, u));
}

int
users_find(struct db *db, int64_t id, struct user *u)
{
	sqlite3_stmt	*stmt;

	stmt = db_stmt(db, users_sql_by_id);
	sqlite3_bind_int64(stmt, 1, id);
	return (users_fill(stmt, u));
}

void
users_done(struct user *u)
{
	free(u->email);
	free(u->name);
	free(u->role);
	free(u->password_hash);
	memset(u, 0, sizeof *u);
}

json_t *
users_to_json(const struct user *u)
{
	char	created[32];

	json_util_format_time(u->created_at, created, sizeof created);
	return (json_pack("{sI ss ss ss ss}", "id", (json_int_t)u->id,
	    "email", u->email, "name", u->name, "role", u->role,
	    "created_at", created));
}

static const char users_sql_update_profile[] =
	"UPDATE users SET name = COALESCE(?1, name),"
	" email = COALESCE(?2, email) WHERE id = ?3";
static const char users_sql_email_taken[] =
	"SELECT COUNT(*) FROM users WHERE email = ? AND id <> ?";
static const char users_sql_set_password[] =
	"UPDATE users SET password_hash = ? WHERE id = ?";
static const char users_sql_events_created[] =
	"SELECT COUNT(*) FROM events WHERE created_by = ?";
static const char users_sql_registered[] =
	"SELECT COUNT(*) FROM registrations WHERE user_id = ?"
	" AND status <> 'cancelled'";
static const char users_sql_upcoming[] =
	"SELECT COUNT(*) FROM registrations r JOIN events e"
	" ON e.id = r.event_id WHERE r.user_id = ? AND r.status <> 'cancelled'"
	" AND e.status <> 'cancelled' AND e.date_time >= ?";

/* Runs stmt to its end; 0, or -1 with *cause saying what failed. */
static int
users_step(struct db *db, sqlite3_stmt *stmt, const char *what, char **cause)
{
	int	rc;

	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		xasprintf(cause, "cannot %s: %s", what,
		    sqlite3_errmsg(db_handle(db)));
		return (-1);
	}
	return (0);
}

int
users_update_profile(struct db *db, int64_t id, const char *name,
    const char *email, char **cause)
{
	sqlite3_stmt	*stmt;

	if (email != NULL) {
		stmt = db_stmt(db, users_sql_email_taken);
		sqlite3_bind_text(stmt, 1, email, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(stmt, 2, id);
		if (db_int(db, stmt, 0) != 0)
			return (1);
	}
	stmt = db_stmt(db, users_sql_update_profile);
	if (name != NULL)
		sqlite3_bind_text(stmt, 1, name, -1, SQLITE_TRANSIENT);
	if (email != NULL)
		sqlite3_bind_text(stmt, 2, email, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(stmt, 3, id);
	return (users_step(db, stmt, "update the profile", cause));
}

int
users_set_password(struct db *db, int64_t id, const char *hash, char **cause)
{
	sqlite3_stmt	*stmt;

	stmt = db_stmt(db, users_sql_set_password);
	sqlite3_bind_text(stmt, 1, hash, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(stmt, 2, id);
	return (users_step(db, stmt, "change the password", cause));
}

void
users_stats(struct db *db, int64_t id, time_t now, struct users_stats *st)
{
	sqlite3_stmt	*stmt;

	stmt = db_stmt(db, users_sql_events_created);
	sqlite3_bind_int64(stmt, 1, id);
	st->events_created = db_int(db, stmt, 0);
	stmt = db_stmt(db, users_sql_registered);
	sqlite3_bind_int64(stmt, 1, id);
	st->events_registered = db_int(db, stmt, 0);
	stmt = db_stmt(db, users_sql_upcoming);
	sqlite3_bind_int64(stmt, 1, id);
	sqlite3_bind_int64(stmt, 2, now);
	st->upcoming_events = db_int(db, stmt, 0);
}
