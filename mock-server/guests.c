#include "guests.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "db.h"
#include "json-util.h"
#include "log.h"
#include "rows.h"
#include "xmalloc.h"

/* 32 characters, none of them mistaken for another: no 0, O, 1 or I. */
static const char guests_alphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/* A ticket code that collides with another this many times is a bug. */
#define GUESTS_CODE_TRIES	8

static const char guests_sql_find[] =
	"SELECT id, event_id, COALESCE(user_id, 0), version, rsvp_status,"
	" ticket_code, COALESCE(checked_in_at, 0) FROM guests WHERE id = ?";
static const char guests_sql_find_code[] =
	"SELECT id, event_id, COALESCE(user_id, 0), version, rsvp_status,"
	" ticket_code, COALESCE(checked_in_at, 0) FROM guests"
	" WHERE ticket_code = ?";
static const char guests_sql_get[] =
	"SELECT " GUESTS_COLUMNS " FROM guests WHERE id = ?";
static const char guests_sql_counts[] =
	"SELECT total, checked_in, pending, accepted, declined, waitlisted"
	" FROM guest_counts WHERE event_id = ?";
static const char guests_sql_email_taken[] =
	"SELECT id FROM guests WHERE event_id = ? AND email = ? AND id != ?";
static const char guests_sql_insert[] =
	"INSERT INTO guests (event_id, name, email, phone, notes, rsvp_status,"
	" ticket_code, responded_at, created_at)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char guests_sql_update[] =
	"UPDATE guests SET name = COALESCE(?1, name),"
	" email = COALESCE(?2, email), phone = COALESCE(?3, phone),"
	" notes = COALESCE(?4, notes), rsvp_status = COALESCE(?5, rsvp_status),"
	" responded_at = CASE WHEN ?5 IS NULL OR ?5 = rsvp_status"
	"  THEN responded_at WHEN ?5 = 'pending' THEN NULL ELSE ?6 END,"
	" version = version + 1 WHERE id = ?7";
static const char guests_sql_delete[] =
	"DELETE FROM guests WHERE id = ?";
static const char guests_sql_checked_in[] =
	"UPDATE guests SET checked_in_at = ?, version = version + 1"
	" WHERE id = ?";
static const char guests_sql_rsvp[] =
	"UPDATE guests SET rsvp_status = ?1,"
	" responded_at = CASE WHEN ?1 = 'pending' THEN NULL ELSE ?2 END,"
	" version = version + 1 WHERE id = ?3";

/* Registrations and their guest rows. */
static const char guests_sql_by_user[] =
	"SELECT id FROM guests WHERE user_id = ? AND event_id = ?";
static const char guests_sql_by_user_email[] =
	"SELECT g.id FROM users u JOIN guests g ON g.event_id = ?2"
	" AND g.email = u.email WHERE u.id = ?1";
static const char guests_sql_link[] =
	"UPDATE guests SET user_id = ?1,"
	" name = (SELECT name FROM users WHERE id = ?1),"
	" rsvp_status = ?2, responded_at = ?3, version = version + 1"
	" WHERE id = ?4";
static const char guests_sql_insert_user[] =
	"INSERT INTO guests (event_id, user_id, name, email, rsvp_status,"
	" ticket_code, responded_at, created_at)"
	" SELECT ?1, id, name, email, ?2, ?3, ?4, ?4 FROM users WHERE id = ?5";
static const char guests_sql_checkin_user[] =
	"UPDATE guests SET checked_in_at = ?, version = version + 1"
	" WHERE user_id = ? AND event_id = ? AND checked_in_at IS NULL";
static const char guests_sql_unsynced[] =
	"SELECT r.user_id, r.event_id, r.status, COALESCE(r.checked_in_at, 0)"
	" FROM registrations r WHERE NOT EXISTS (SELECT 1 FROM guests g"
	" WHERE g.user_id = r.user_id AND g.event_id = r.event_id)";

/*
 * Random bytes for ticket codes, drawn from getrandom a few hundred at a
 * time: a 500,000-guest import should not cost 500,000 system calls.
 */
static unsigned char	guests_pool[512];
static size_t		guests_pool_left;

static unsigned char
guests_random_byte(void)
{
	ssize_t	n;
	size_t	got = 0;

	if (guests_pool_left == 0) {
		while (got < sizeof guests_pool) {
			n = getrandom(guests_pool + got,
			    sizeof guests_pool - got, 0);
			if (n < 0) {
				if (errno == EINTR)
					continue;
				log_fatalx("getrandom: %s",
				    strerror(errno));
			}
			got += (size_t)n;
		}
		guests_pool_left = sizeof guests_pool;
	}
	return (guests_pool[--guests_pool_left]);
}

void
guests_new_code(char *buf)
{
	int	i, letter;

	do {
		letter = 0;
		for (i = 0; i < GUESTS_CODE_LEN; i++) {
			buf[i] = guests_alphabet[guests_random_byte() & 31];
			if (buf[i] > '9')
				letter = 1;
		}
		buf[i] = '\0';
	} while (!letter);
}

static int
guests_read(sqlite3_stmt *stmt, struct guest *g)
{
	memset(g, 0, sizeof *g);
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		sqlite3_reset(stmt);
		return (1);
	}
	g->id = sqlite3_column_int64(stmt, 0);
	g->event_id = sqlite3_column_int64(stmt, 1);
	g->user_id = sqlite3_column_int64(stmt, 2);
	g->version = sqlite3_column_int64(stmt, 3);
	snprintf(g->rsvp_status, sizeof g->rsvp_status, "%s",
	    db_text(stmt, 4));
	snprintf(g->ticket_code, sizeof g->ticket_code, "%s",
	    db_text(stmt, 5));
	g->checked_in_at = (time_t)sqlite3_column_int64(stmt, 6);
	sqlite3_reset(stmt);
	return (0);
}

int
guests_find(struct db *db, int64_t id, struct guest *g)
{
	sqlite3_stmt	*stmt;

	stmt = db_stmt(db, guests_sql_find);
	sqlite3_bind_int64(stmt, 1, id);
	return (guests_read(stmt, g));
}

int
guests_find_code(struct db *db, const char *code, struct guest *g)
{
	sqlite3_stmt	*stmt;
	char		 norm[32];
	size_t		 n = 0;
	int		 digits = 1;

	memset(g, 0, sizeof *g);
	for (; *code != '\0'; code++) {
		if (*code == ' ' || *code == '-')
			continue;
		if (n == sizeof norm - 1)
			return (1);
		norm[n] = (char)(*code >= 'a' && *code <= 'z' ?
		    *code - 'a' + 'A' : *code);
		if (norm[n] < '0' || norm[n] > '9')
			digits = 0;
		n++;
	}
	norm[n] = '\0';
	if (n == 0)
		return (1);
	if (digits) {
		/* Ticket codes always hold a letter: this is a guest id. */
		if (n > 18)
			return (1);
		return (guests_find(db, strtoll(norm, NULL, 10), g));
	}
	stmt = db_stmt(db, guests_sql_find_code);
	sqlite3_bind_text(stmt, 1, norm, -1, SQLITE_TRANSIENT);
	return (guests_read(stmt, g));
}

json_t *
guests_row_json(sqlite3_stmt *stmt)
{
	json_t	*g;

	g = json_object();
	json_object_set_new(g, "id", json_integer(sqlite3_column_int64(stmt,
	    0)));
	json_object_set_new(g, "event_id",
	    json_integer(sqlite3_column_int64(stmt, 1)));
	db_json_int(g, "user_id", stmt, 2);
	db_json_text(g, "name", stmt, 3);
	db_json_text(g, "email", stmt, 4);
	db_json_text(g, "phone", stmt, 5);
	db_json_text(g, "rsvp_status", stmt, 6);
	db_json_text(g, "ticket_code", stmt, 7);
	db_json_time(g, "invited_at", stmt, 8);
	db_json_time(g, "responded_at", stmt, 9);
	db_json_time(g, "checked_in_at", stmt, 10);
	db_json_text(g, "notes", stmt, 11);
	json_object_set_new(g, "version",
	    json_integer(sqlite3_column_int64(stmt, 12)));
	db_json_time(g, "created_at", stmt, 13);
	return (g);
}

json_t *
guests_get_json(struct db *db, int64_t id)
{
	return (rows_get_json(db, guests_sql_get, id, guests_row_json));
}

void
guests_counts(struct db *db, int64_t event_id, struct guests_counts *c)
{
	sqlite3_stmt	*stmt;

	memset(c, 0, sizeof *c);
	stmt = db_stmt(db, guests_sql_counts);
	sqlite3_bind_int64(stmt, 1, event_id);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		c->total = sqlite3_column_int64(stmt, 0);
		c->checked_in = sqlite3_column_int64(stmt, 1);
		c->pending = sqlite3_column_int64(stmt, 2);
		c->accepted = sqlite3_column_int64(stmt, 3);
		c->declined = sqlite3_column_int64(stmt, 4);
		c->waitlisted = sqlite3_column_int64(stmt, 5);
	}
	sqlite3_reset(stmt);
}

/* The id of another guest of event with email (any case), or 0. */
static int64_t
guests_email_owner(struct db *db, int64_t event_id, const char *email,
    int64_t except)
{
	sqlite3_stmt	*stmt;

	stmt = db_stmt(db, guests_sql_email_taken);
	sqlite3_bind_int64(stmt, 1, event_id);
	sqlite3_bind_text(stmt, 2, email, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(stmt, 3, except);
	return (db_int(db, stmt, 0));
}

/*
 * Steps an insert that binds a fresh ticket code at index code_at, with a
 * new code each time one is taken.  The email was checked before, so the
 * only unique constraint left to fail is the code's.
 */
static int
guests_insert_coded(struct db *db, sqlite3_stmt *stmt, int code_at,
    char **cause)
{
	char	code[GUESTS_CODE_LEN + 1];
	int	tries, rc;

	for (tries = 0; tries < GUESTS_CODE_TRIES; tries++) {
		guests_new_code(code);
		sqlite3_bind_text(stmt, code_at, code, -1, SQLITE_TRANSIENT);
		rc = sqlite3_step(stmt);
		sqlite3_reset(stmt);
		if (rc == SQLITE_DONE)
			return (0);
		if ((rc & 0xff) != SQLITE_CONSTRAINT)
			break;
	}
	xasprintf(cause, "cannot add a guest: %s",
	    sqlite3_errmsg(db_handle(db)));
	return (-1);
}

void
guests_import_init(struct guests_import *imp, struct db *db,
    int64_t event_id, time_t now)
{
	memset(imp, 0, sizeof *imp);
	imp->db = db;
	imp->event_id = event_id;
	imp->now = now;
	imp->errors = json_array();
}

void
guests_import_done(struct guests_import *imp)
{
	json_decref(imp->errors);
	imp->errors = NULL;
}

int
guests_import_add(struct guests_import *imp, int64_t index,
    const struct guest_input *in, char **cause)
{
	sqlite3_stmt	*stmt;
	json_t		*errors, *e;
	const char	*rsvp;

	if ((errors = guests_input_check(in, 0)) != NULL) {
		e = json_array_get(errors, 0);
		json_array_append_new(imp->errors, json_pack("{sI sO sO}",
		    "index", (json_int_t)index,
		    "field", json_object_get(e, "field"),
		    "message", json_object_get(e, "message")));
		json_decref(errors);
		return (0);
	}
	if (guests_email_owner(imp->db, imp->event_id, in->email, 0) != 0) {
		imp->skipped++;
		return (0);
	}
	rsvp = in->rsvp_status != NULL ? in->rsvp_status : "pending";
	stmt = db_stmt(imp->db, guests_sql_insert);
	sqlite3_bind_int64(stmt, 1, imp->event_id);
	sqlite3_bind_text(stmt, 2, in->name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 3, in->email, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 4, in->phone ? in->phone : "", -1,
	    SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 5, in->notes ? in->notes : "", -1,
	    SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 6, rsvp, -1, SQLITE_TRANSIENT);
	if (strcmp(rsvp, "pending") != 0)
		sqlite3_bind_int64(stmt, 8, imp->now);
	sqlite3_bind_int64(stmt, 9, imp->now);
	if (guests_insert_coded(imp->db, stmt, 7, cause) != 0)
		return (-1);
	imp->imported++;
	imp->last_id = db_last_id(imp->db);
	return (0);
}

int
guests_update(struct db *db, int64_t id, const struct guest_input *in,
    time_t now, char **cause)
{
	sqlite3_stmt	*stmt;
	struct guest	 g;

	if (in->email != NULL) {
		if (guests_find(db, id, &g) != 0) {
			*cause = xstrdup("Guest not found");
			return (-1);
		}
		if (guests_email_owner(db, g.event_id, in->email, id) != 0)
			return (1);
	}
	stmt = db_stmt(db, guests_sql_update);
	if (in->name != NULL)
		sqlite3_bind_text(stmt, 1, in->name, -1, SQLITE_TRANSIENT);
	if (in->email != NULL)
		sqlite3_bind_text(stmt, 2, in->email, -1, SQLITE_TRANSIENT);
	if (in->phone != NULL)
		sqlite3_bind_text(stmt, 3, in->phone, -1, SQLITE_TRANSIENT);
	if (in->notes != NULL)
		sqlite3_bind_text(stmt, 4, in->notes, -1, SQLITE_TRANSIENT);
	if (in->rsvp_status != NULL)
		sqlite3_bind_text(stmt, 5, in->rsvp_status, -1,
		    SQLITE_TRANSIENT);
	sqlite3_bind_int64(stmt, 6, now);
	sqlite3_bind_int64(stmt, 7, id);
	return (db_step(db, stmt, cause));
}

int
guests_delete(struct db *db, int64_t id, char **cause)
{
	sqlite3_stmt	*stmt;

	stmt = db_stmt(db, guests_sql_delete);
	sqlite3_bind_int64(stmt, 1, id);
	return (db_step(db, stmt, cause));
}

int
guests_set_checked_in(struct db *db, const struct guest *g, time_t at,
    char **cause)
{
	sqlite3_stmt	*stmt;

	stmt = db_stmt(db, guests_sql_checked_in);
	if (at != 0)
		sqlite3_bind_int64(stmt, 1, at);
	sqlite3_bind_int64(stmt, 2, g->id);
	return (db_step(db, stmt, cause));
}

int
guests_set_rsvp(struct db *db, int64_t id, const char *status, time_t now,
    char **cause)
{
	sqlite3_stmt	*stmt;

	stmt = db_stmt(db, guests_sql_rsvp);
	sqlite3_bind_text(stmt, 1, status, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(stmt, 2, now);
	sqlite3_bind_int64(stmt, 3, id);
	return (db_step(db, stmt, cause));
}

/* The RSVP status that a registration status stands for. */
static const char *
guests_rsvp_of(const char *reg_status)
{
	if (strcmp(reg_status, "confirmed") == 0)
		return ("accepted");
	if (strcmp(reg_status, "waitlisted") == 0)
		return ("waitlisted");
	return ("declined");
}

int
guests_sync_registration(struct db *db, int64_t user_id, int64_t event_id,
    const char *reg_status, time_t now, char **cause)
{
	sqlite3_stmt	*stmt;
	const char	*rsvp = guests_rsvp_of(reg_status);
	int64_t		 id;

	stmt = db_stmt(db, guests_sql_by_user);
	sqlite3_bind_int64(stmt, 1, user_id);
	sqlite3_bind_int64(stmt, 2, event_id);
	if ((id = db_int(db, stmt, 0)) == 0) {
		stmt = db_stmt(db, guests_sql_by_user_email);
		sqlite3_bind_int64(stmt, 1, user_id);
		sqlite3_bind_int64(stmt, 2, event_id);
		id = db_int(db, stmt, 0);
	}
	if (id != 0) {
		stmt = db_stmt(db, guests_sql_link);
		sqlite3_bind_int64(stmt, 1, user_id);
		sqlite3_bind_text(stmt, 2, rsvp, -1, SQLITE_STATIC);
		sqlite3_bind_int64(stmt, 3, now);
		sqlite3_bind_int64(stmt, 4, id);
		return (db_step(db, stmt, cause));
	}
	stmt = db_stmt(db, guests_sql_insert_user);
	sqlite3_bind_int64(stmt, 1, event_id);
	sqlite3_bind_text(stmt, 2, rsvp, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 4, now);
	sqlite3_bind_int64(stmt, 5, user_id);
	return (guests_insert_coded(db, stmt, 3, cause));
}

int
guests_sync_checkin(struct db *db, int64_t user_id, int64_t event_id,
    time_t at, char **cause)
{
	sqlite3_stmt	*stmt;

	stmt = db_stmt(db, guests_sql_by_user);
	sqlite3_bind_int64(stmt, 1, user_id);
	sqlite3_bind_int64(stmt, 2, event_id);
	if (db_int(db, stmt, 0) == 0 &&
	    guests_sync_registration(db, user_id, event_id, "confirmed", at,
	    cause) != 0)
		return (-1);
	stmt = db_stmt(db, guests_sql_checkin_user);
	sqlite3_bind_int64(stmt, 1, at);
	sqlite3_bind_int64(stmt, 2, user_id);
	sqlite3_bind_int64(stmt, 3, event_id);
	return (db_step(db, stmt, cause));
}

int
guests_sync_all(struct db *db, time_t now, char **cause)
{
	struct pending {
		int64_t	user_id;
		int64_t	event_id;
		char	status[16];
		time_t	checked_in_at;
	}		*list = NULL;
	sqlite3_stmt	*stmt;
	size_t		 n = 0, size = 0, i;
	int		 rc = 0;

	/* Read first: the inserts below change what the query would see. */
	stmt = db_stmt(db, guests_sql_unsynced);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		if (n == size) {
			size = size == 0 ? 1024 : size * 2;
			list = xreallocarray(list, size, sizeof *list);
		}
		list[n].user_id = sqlite3_column_int64(stmt, 0);
		list[n].event_id = sqlite3_column_int64(stmt, 1);
		snprintf(list[n].status, sizeof list[n].status, "%s",
		    db_text(stmt, 2));
		list[n].checked_in_at = (time_t)sqlite3_column_int64(stmt, 3);
		n++;
	}
	sqlite3_reset(stmt);
	for (i = 0; i < n && rc == 0; i++) {
		rc = guests_sync_registration(db, list[i].user_id,
		    list[i].event_id, list[i].status, now, cause);
		if (rc == 0 && list[i].checked_in_at != 0)
			rc = guests_sync_checkin(db, list[i].user_id,
			    list[i].event_id, list[i].checked_in_at, cause);
	}
	free(list);
	return (rc);
}
