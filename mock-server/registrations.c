#include "registrations.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "db.h"
#include "events.h"
#include "guests.h"
#include "hub.h"
#include "json-util.h"
#include "mock.h"
#include "publish.h"
#include "xmalloc.h"

/* The check-in time is the guest row's: the door and this file both set it. */
static const char reg_sql_find[] =
	"SELECT r.id, r.user_id, r.event_id, r.status, r.registration_date,"
	" (SELECT g.checked_in_at FROM guests g WHERE g.user_id = r.user_id"
	"  AND g.event_id = r.event_id) FROM registrations r"
	" WHERE r.user_id = ?1 AND r.event_id = ?2";
static const char reg_sql_event[] =
	"SELECT status, date_time FROM events WHERE id = ?";
static const char reg_sql_user[] =
	"SELECT 1 FROM users WHERE id = ?";
static const char reg_sql_insert[] =
	"INSERT INTO registrations (user_id, event_id, status,"
	" registration_date) VALUES (?, ?, ?, ?)";
static const char reg_sql_reactivate[] =
	"UPDATE registrations SET status = ?, registration_date = ?,"
	" checked_in_at = NULL WHERE id = ?";
static const char reg_sql_set_status[] =
	"UPDATE registrations SET status = ? WHERE id = ?";
static const char reg_sql_checkin[] =
	"UPDATE registrations SET checked_in_at = ? WHERE id = ?";
static const char reg_sql_first_waitlisted[] =
	"SELECT user_id FROM registrations WHERE event_id = ?"
	" AND status = 'waitlisted' ORDER BY registration_date, id LIMIT 1";

/*
 * A place in the promotion order of reg_sql_first_waitlisted: the kept
 * waitlist count less those behind it.  Counting those ahead instead
 * walks the whole waitlist for each newcomer, who is always last: with
 * thousands waiting, that was most of a registration's time.  Two ranges
 * of registrations_waitlist, as SQLite seeks a row value (date, id) by
 * its date alone, and thousands can register in the same second.
 */
static const char reg_sql_position[] =
	"SELECT (SELECT waitlisted FROM registration_counts"
	" WHERE event_id = ?1) - (SELECT COUNT(*) FROM registrations"
	" WHERE event_id = ?1 AND status = 'waitlisted'"
	" AND registration_date = ?2 AND id > ?3) - (SELECT COUNT(*)"
	" FROM registrations WHERE event_id = ?1 AND status = 'waitlisted'"
	" AND registration_date > ?2)";

int64_t
registrations_waitlist_position(struct mock *m, const struct registration *r)
{
	sqlite3_stmt	*stmt;

	if (strcmp(r->status, "waitlisted") != 0)
		return (0);
	stmt = db_stmt(m->db, reg_sql_position);
	sqlite3_bind_int64(stmt, 1, r->event_id);
	sqlite3_bind_int64(stmt, 2, (int64_t)r->registration_date);
	sqlite3_bind_int64(stmt, 3, r->id);
	return (db_int(m->db, stmt, 0));
}

int
registrations_find(struct mock *m, int64_t user_id, int64_t event_id,
    struct registration *out)
{
	sqlite3_stmt	*stmt;

	memset(out, 0, sizeof *out);
	stmt = db_stmt(m->db, reg_sql_find);
	sqlite3_bind_int64(stmt, 1, user_id);
	sqlite3_bind_int64(stmt, 2, event_id);
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		sqlite3_reset(stmt);
		return (1);
	}
	out->id = sqlite3_column_int64(stmt, 0);
	out->user_id = sqlite3_column_int64(stmt, 1);
	out->event_id = sqlite3_column_int64(stmt, 2);
	snprintf(out->status, sizeof out->status, "%s", db_text(stmt, 3));
	out->registration_date = (time_t)sqlite3_column_int64(stmt, 4);
	out->checked_in_at = (time_t)sqlite3_column_int64(stmt, 5);
	sqlite3_reset(stmt);
	return (0);
}

json_t *
registrations_to_json(const struct registration *r)
{
	char	date[32], checked[32];
	json_t	*obj;

	json_util_format_time(r->registration_date, date, sizeof date);
	obj = json_pack("{sI sI sI ss ss}", "id", (json_int_t)r->id,
	    "user_id", (json_int_t)r->user_id,
	    "event_id", (json_int_t)r->event_id,
	    "registration_date", date, "status", r->status);
	if (r->checked_in_at != 0) {
		json_util_format_time(r->checked_in_at, checked,
		    sizeof checked);
		json_object_set_new(obj, "checked_in_at", json_string(checked));
	} else
		json_object_set_new(obj, "checked_in_at", json_null());
	return (obj);
}

static void
reg_publish(struct mock *m, int64_t event_id, const char *type, json_t *data)
{
	publish_event(m, event_id, type, data);
}

void
registrations_publish_counters(struct mock *m, int64_t event_id)
{
	struct event_counters	c;

	if (events_counters(m->db, event_id, &c) == 0)
		reg_publish(m, event_id, "counters", events_counters_json(&c));
}

static void
reg_publish_registration(struct mock *m, const char *type, int64_t user_id,
    int64_t event_id)
{
	struct registration	r;

	if (registrations_find(m, user_id, event_id, &r) == 0)
		reg_publish(m, event_id, type, registrations_to_json(&r));
}

/* The user's live (not cancelled) registration, or a not-found result. */
static int
reg_find_active(struct mock *m, int64_t user_id, int64_t event_id,
    struct registration *r, char **cause)
{
	if (registrations_find(m, user_id, event_id, r) != 0 ||
	    strcmp(r->status, "cancelled") == 0) {
		*cause = xstrdup("Registration not found");
		return (REGISTRATIONS_NOT_FOUND);
	}
	return (REGISTRATIONS_OK);
}

static int
reg_set_status(struct mock *m, int64_t id, const char *status, char **cause)
{
	sqlite3_stmt	*stmt;

	stmt = db_stmt(m->db, reg_sql_set_status);
	sqlite3_bind_text(stmt, 1, status, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 2, id);
	return (db_step(m->db, stmt, cause));
}

/*
 * Checks the event takes registrations: published and not yet begun.
 * 0 or a negative result with *cause.
 */
static int
reg_check_event(struct mock *m, int64_t event_id, time_t now, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 result = REGISTRATIONS_OK;

	stmt = db_stmt(m->db, reg_sql_event);
	sqlite3_bind_int64(stmt, 1, event_id);
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		*cause = xstrdup("Event not found");
		result = REGISTRATIONS_NOT_FOUND;
	} else if (strcmp(db_text(stmt, 0), "published") != 0) {
		xasprintf(cause, "Event is %s: registration is closed",
		    db_text(stmt, 0));
		result = REGISTRATIONS_CLOSED;
	} else if (sqlite3_column_int64(stmt, 1) < (int64_t)now) {
		*cause = xstrdup("Event has already started: registration is "
		    "closed");
		result = REGISTRATIONS_CLOSED;
	}
	sqlite3_reset(stmt);
	return (result);
}

int
registrations_create(struct mock *m, int64_t user_id, int64_t event_id,
    time_t now, struct registration *out, char **cause)
{
	struct registration	 old;
	struct event_counters	 c;
	sqlite3_stmt		*stmt;
	const char		*status;
	int			 result, found;

	if (db_begin(m->db, cause) != 0)
		return (REGISTRATIONS_FAILED);
	if ((result = reg_check_event(m, event_id, now, cause)) != 0)
		goto fail;
	stmt = db_stmt(m->db, reg_sql_user);
	sqlite3_bind_int64(stmt, 1, user_id);
	if (db_int(m->db, stmt, 0) != 1) {
		*cause = xstrdup("User not found");
		result = REGISTRATIONS_NOT_FOUND;
		goto fail;
	}
	found = (registrations_find(m, user_id, event_id, &old) == 0);
	if (found && strcmp(old.status, "cancelled") != 0) {
		xasprintf(cause, "Already registered for this event (%s)",
		    old.status);
		result = REGISTRATIONS_CONFLICT;
		goto fail;
	}
	if (events_counters(m->db, event_id, &c) != 0) {
		*cause = xstrdup("Event not found");
		result = REGISTRATIONS_NOT_FOUND;
		goto fail;
	}
	status = c.confirmed < c.capacity ? "confirmed" : "waitlisted";
	if (found) {
		stmt = db_stmt(m->db, reg_sql_reactivate);
		sqlite3_bind_text(stmt, 1, status, -1, SQLITE_STATIC);
		sqlite3_bind_int64(stmt, 2, now);
		sqlite3_bind_int64(stmt, 3, old.id);
	} else {
		stmt = db_stmt(m->db, reg_sql_insert);
		sqlite3_bind_int64(stmt, 1, user_id);
		sqlite3_bind_int64(stmt, 2, event_id);
		sqlite3_bind_text(stmt, 3, status, -1, SQLITE_STATIC);
		sqlite3_bind_int64(stmt, 4, now);
	}
	if (db_step(m->db, stmt, cause) != 0 ||
	    guests_sync_registration(m->db, user_id, event_id, status, now,
	    cause) != 0 ||
	    db_commit(m->db, cause) != 0) {
		result = REGISTRATIONS_FAILED;
		goto fail;
	}

	/* Read once for the caller and the envelope. */
	if (registrations_find(m, user_id, event_id, &old) == 0) {
		reg_publish(m, event_id, "registration.created",
		    registrations_to_json(&old));
		if (out != NULL)
			*out = old;
	} else if (out != NULL)
		memset(out, 0, sizeof *out);
	/* As committed: a row of registration_counts, no count. */
	registrations_publish_counters(m, event_id);
	return (REGISTRATIONS_OK);

fail:
	db_rollback(m->db);
	return (result);
}

int
registrations_cancel(struct mock *m, int64_t user_id, int64_t event_id,
    time_t now, int64_t *promoted, char **cause)
{
	struct registration	 r, w;
	sqlite3_stmt		*stmt;
	int64_t			 next = 0;
	int			 result;

	if (promoted != NULL)
		*promoted = 0;
	if (db_begin(m->db, cause) != 0)
		return (REGISTRATIONS_FAILED);
	if ((result = reg_find_active(m, user_id, event_id, &r, cause)) != 0)
		goto fail;
	if (reg_set_status(m, r.id, "cancelled", cause) != 0 ||
	    guests_sync_registration(m->db, user_id, event_id, "cancelled",
	    now, cause) != 0) {
		result = REGISTRATIONS_FAILED;
		goto fail;
	}
	/* A confirmed seat freed goes to the first on the waitlist. */
	if (strcmp(r.status, "confirmed") == 0) {
		stmt = db_stmt(m->db, reg_sql_first_waitlisted);
		sqlite3_bind_int64(stmt, 1, event_id);
		next = db_int(m->db, stmt, 0);
	}
	if (next != 0) {
		/* Found by the query above, in this transaction. */
		registrations_find(m, next, event_id, &w);
		if (reg_set_status(m, w.id, "confirmed", cause) != 0 ||
		    guests_sync_registration(m->db, next, event_id,
		    "confirmed", now, cause) != 0) {
			result = REGISTRATIONS_FAILED;
			goto fail;
		}
	}
	if (db_commit(m->db, cause) != 0) {
		result = REGISTRATIONS_FAILED;
		goto fail;
	}

	if (promoted != NULL)
		*promoted = next;
	reg_publish_registration(m, "registration.cancelled", user_id,
	    event_id);
	if (next != 0)
		reg_publish_registration(m, "registration.promoted", next,
		    event_id);
	registrations_publish_counters(m, event_id);
	return (REGISTRATIONS_OK);

fail:
	db_rollback(m->db);
	return (result);
}

int
registrations_checkin(struct mock *m, int64_t user_id, int64_t event_id,
    time_t now, char **cause)
{
	struct registration	 r;
	sqlite3_stmt		*stmt;
	json_t			*data;
	int			 result;

	if (db_begin(m->db, cause) != 0)
		return (REGISTRATIONS_FAILED);
	if ((result = reg_find_active(m, user_id, event_id, &r, cause)) != 0)
		goto fail;
	if (strcmp(r.status, "confirmed") != 0) {
		*cause = xstrdup("Only a confirmed registration can check in");
		result = REGISTRATIONS_CONFLICT;
		goto fail;
	}
	if (r.checked_in_at != 0) {
		*cause = xstrdup("Already checked in");
		result = REGISTRATIONS_CONFLICT;
		goto fail;
	}
	stmt = db_stmt(m->db, reg_sql_checkin);
	sqlite3_bind_int64(stmt, 1, now);
	sqlite3_bind_int64(stmt, 2, r.id);
	if (db_step(m->db, stmt, cause) != 0 ||
	    guests_sync_checkin(m->db, user_id, event_id, now, cause) != 0 ||
	    db_commit(m->db, cause) != 0) {
		result = REGISTRATIONS_FAILED;
		goto fail;
	}

	r.checked_in_at = now;
	data = registrations_to_json(&r);
	reg_publish(m, event_id, "checkin", data);
	registrations_publish_counters(m, event_id);
	return (REGISTRATIONS_OK);

fail:
	db_rollback(m->db);
	return (result);
}

/*
 * Promotions when an event grows (PUT /api/events/:id): the same order as
 * registrations_cancel's, any number of seats at once.
 */
static const char reg_sql_waitlist_head[] =
	"SELECT user_id FROM registrations WHERE event_id = ?"
	" AND status = 'waitlisted' ORDER BY registration_date, id LIMIT ?";
static const char reg_sql_promote[] =
	"UPDATE registrations SET status = 'confirmed'"
	" WHERE event_id = ? AND user_id = ?";

int
registrations_fill_seats(struct mock *m, int64_t event_id, int64_t **users,
    size_t *n, char **cause)
{
	struct event_counters	 c;
	sqlite3_stmt		*stmt;
	time_t			 now = clock_now();
	size_t			 i;

	*users = NULL;
	*n = 0;
	if (events_counters(m->db, event_id, &c) != 0 || c.available == 0 ||
	    c.waitlisted == 0)
		return (0);
	stmt = db_stmt(m->db, reg_sql_waitlist_head);
	sqlite3_bind_int64(stmt, 1, event_id);
	sqlite3_bind_int64(stmt, 2, c.available);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		*users = xreallocarray(*users, *n + 1, sizeof **users);
		(*users)[(*n)++] = sqlite3_column_int64(stmt, 0);
	}
	sqlite3_reset(stmt);
	for (i = 0; i < *n; i++) {
		stmt = db_stmt(m->db, reg_sql_promote);
		sqlite3_bind_int64(stmt, 1, event_id);
		sqlite3_bind_int64(stmt, 2, (*users)[i]);
		/* A seat found this way is an accepted RSVP, as on cancel. */
		if (db_step(m->db, stmt, cause) != 0 ||
		    guests_sync_registration(m->db, (*users)[i], event_id,
		    "confirmed", now, cause) != 0) {
			free(*users);
			*users = NULL;
			*n = 0;
			return (-1);
		}
	}
	return (0);
}

void
registrations_publish_promoted(struct mock *m, int64_t event_id,
    const int64_t *users, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		reg_publish_registration(m, "registration.promoted", users[i],
		    event_id);
}
