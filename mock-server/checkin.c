#include "checkin.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "guests.h"
#include "hub.h"
#include "json-util.h"
#include "mock.h"
#include "publish.h"
#include "registrations.h"
#include "xmalloc.h"

static const char checkin_sql_nonce[] =
	"SELECT code, answer FROM checkin_nonces WHERE event_id = ?"
	" AND nonce = ?";
static const char checkin_sql_remember[] =
	"INSERT INTO checkin_nonces (event_id, nonce, code, answer, created_at)"
	" VALUES (?, ?, ?, ?, ?)";
static const char checkin_sql_registration[] =
	"UPDATE registrations SET checked_in_at = ?1 WHERE user_id = ?2"
	" AND event_id = ?3 AND (?1 IS NULL OR (status = 'confirmed'"
	" AND checked_in_at IS NULL))";

static const struct {
	enum checkin_result	result;
	int			status;
} checkin_statuses[] = {
	{ CHECKIN_OK, 200 },
	{ CHECKIN_REPLAYED, 200 },
	{ CHECKIN_ALREADY, 409 },
	{ CHECKIN_WAITLISTED, 409 },
	{ CHECKIN_NOT_FOUND, 404 },
	{ CHECKIN_OTHER_EVENT, 404 },
	{ CHECKIN_NONCE_REUSED, 400 },
	{ CHECKIN_FAILED, 500 },
};

int
checkin_http_status(enum checkin_result result)
{
	size_t	i;

	for (i = 0; i < sizeof checkin_statuses / sizeof checkin_statuses[0];
	    i++) {
		if (checkin_statuses[i].result == result)
			return (checkin_statuses[i].status);
	}
	return (500);
}

static json_t *checkin_message(const char *, ...)
    __attribute__((format(printf, 1, 2)));

/* {"message": ...}: a sentence for the door. */
static json_t *
checkin_message(const char *fmt, ...)
{
	va_list	 ap;
	json_t	*body, *s;

	va_start(ap, fmt);
	s = json_util_vformat("Check-in failed", fmt, ap);
	va_end(ap);
	body = json_object();
	json_object_set_new(body, "message", s);
	return (body);
}

static void
checkin_publish(struct mock *m, int64_t event_id, json_t *data)
{
	publish_event(m, event_id, "checkin", data);
	registrations_publish_counters(m, event_id);
}

/* The answer a nonce got the first time, or NULL (*reused: another code). */
static json_t *
checkin_replay(struct mock *m, const struct checkin_scan *s, int *reused)
{
	sqlite3_stmt	*stmt;
	json_t		*answer = NULL;

	*reused = 0;
	stmt = db_stmt(m->db, checkin_sql_nonce);
	sqlite3_bind_int64(stmt, 1, s->event_id);
	sqlite3_bind_text(stmt, 2, s->nonce, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		if (strcmp(db_text(stmt, 0), s->code) != 0)
			*reused = 1;
		else
			answer = json_loads(db_text(stmt, 1), 0, NULL);
	}
	sqlite3_reset(stmt);
	return (answer);
}

static int
checkin_remember(struct mock *m, const struct checkin_scan *s,
    const json_t *answer, char **cause)
{
	sqlite3_stmt	*stmt;
	char		*text;
	int		 rc;

	text = json_dumps(answer, JSON_COMPACT);
	stmt = db_stmt(m->db, checkin_sql_remember);
	sqlite3_bind_int64(stmt, 1, s->event_id);
	sqlite3_bind_text(stmt, 2, s->nonce, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 3, s->code, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 4, text, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(stmt, 5, s->now);
	rc = db_step(m->db, stmt, cause);
	free(text);
	return (rc);
}

/* Keeps the registration of a guest with an account in step. */
static int
checkin_registration(struct mock *m, const struct guest *g, time_t at,
    char **cause)
{
	sqlite3_stmt	*stmt;

	if (g->user_id == 0)
		return (0);
	stmt = db_stmt(m->db, checkin_sql_registration);
	if (at != 0)
		sqlite3_bind_int64(stmt, 1, at);
	sqlite3_bind_int64(stmt, 2, g->user_id);
	sqlite3_bind_int64(stmt, 3, g->event_id);
	return (db_step(m->db, stmt, cause));
}

/*
 * {message,guest,checked_in_at,reason} for a guest turned away; the
 * message follows the guest's name.
 */
static json_t *
checkin_refusal(json_t *guest, const char *why, const char *reason)
{
	json_t	*answer;

	answer = checkin_message("%s %s", json_string_value(json_object_get(
	    guest, "name")), why);
	json_object_set(answer, "checked_in_at", json_object_get(guest,
	    "checked_in_at"));
	json_object_set_new(answer, "guest", guest);
	json_object_set_new(answer, "reason", json_string(reason));
	return (answer);
}

enum checkin_result
checkin_scan(struct mock *m, const struct checkin_scan *s, json_t **answer)
{
	enum checkin_result	 result;
	struct guest		 g;
	json_t			*guest;
	char			*cause = NULL;
	int			 reused;

	*answer = NULL;
	if (db_begin(m->db, &cause) != 0)
		goto failed;
	if (s->nonce != NULL &&
	    ((*answer = checkin_replay(m, s, &reused)) != NULL || reused)) {
		db_rollback(m->db);
		if (reused) {
			*answer = checkin_message("This nonce was already used "
			    "for another code: each scan needs its own");
			return (CHECKIN_NONCE_REUSED);
		}
		json_object_set_new(*answer, "replayed", json_true());
		return (CHECKIN_REPLAYED);
	}
	if (guests_find_code(m->db, s->code, &g) != 0) {
		*answer = checkin_message("No guest has the code %s", s->code);
		result = CHECKIN_NOT_FOUND;
		goto refuse;
	}
	if (g.event_id != s->event_id) {
		*answer = checkin_message("This ticket is not for this "
		    "event");
		result = CHECKIN_OTHER_EVENT;
		goto refuse;
	}
	guest = guests_get_json(m->db, g.id);
	if (g.checked_in_at != 0) {
		*answer = checkin_refusal(guest, "is already checked in",
		    "already_checked_in");
		result = CHECKIN_ALREADY;
		goto refuse;
	}
	if (strcmp(g.rsvp_status, "waitlisted") == 0) {
		*answer = checkin_refusal(guest, "is on the waitlist: no seat "
		    "is confirmed for them", "waitlisted");
		result = CHECKIN_WAITLISTED;
		goto refuse;
	}
	json_decref(guest);

	if (guests_set_checked_in(m->db, &g, s->at, &cause) != 0 ||
	    checkin_registration(m, &g, s->at, &cause) != 0)
		goto failed;
	guest = guests_get_json(m->db, g.id);
	*answer = json_object();
	json_object_set(*answer, "checked_in_at", json_object_get(guest,
	    "checked_in_at"));
	if (strcmp(g.rsvp_status, "declined") == 0)
		json_object_set_new(*answer, "warning", json_string("This "
		    "guest declined the invitation: the ticket is valid"));
	json_object_set_new(*answer, "guest", json_incref(guest));
	if (s->nonce != NULL &&
	    checkin_remember(m, s, *answer, &cause) != 0) {
		json_decref(guest);
		goto failed;
	}
	if (db_commit(m->db, &cause) != 0) {
		json_decref(guest);
		goto failed;
	}
	checkin_publish(m, s->event_id, guest);
	return (CHECKIN_OK);

refuse:
	db_rollback(m->db);
	return (result);

failed:
	db_rollback(m->db);
	json_decref(*answer);
	*answer = checkin_message("%s", cause != NULL ? cause :
	    "database error");
	free(cause);
	return (CHECKIN_FAILED);
}

enum checkin_result
checkin_undo(struct mock *m, int64_t event_id, int64_t guest_id,
    json_t **answer)
{
	struct guest	 g;
	json_t		*guest, *data;
	char		*cause = NULL;

	*answer = NULL;
	if (db_begin(m->db, &cause) != 0)
		goto failed;
	if (guests_find(m->db, guest_id, &g) != 0 || g.event_id != event_id) {
		db_rollback(m->db);
		*answer = checkin_message("This event has no guest %lld",
		    (long long)guest_id);
		return (CHECKIN_NOT_FOUND);
	}
	if (g.checked_in_at == 0) {
		db_rollback(m->db);
		guest = guests_get_json(m->db, g.id);
		*answer = checkin_message("%s is not checked in",
		    json_string_value(json_object_get(guest, "name")));
		json_decref(guest);
		return (CHECKIN_NOT_FOUND);
	}
	if (guests_set_checked_in(m->db, &g, 0, &cause) != 0 ||
	    checkin_registration(m, &g, 0, &cause) != 0 ||
	    db_commit(m->db, &cause) != 0)
		goto failed;
	guest = guests_get_json(m->db, g.id);
	*answer = checkin_message("Check-in of %s undone",
	    json_string_value(json_object_get(guest, "name")));
	json_object_set(*answer, "guest", guest);
	data = json_deep_copy(guest);
	json_object_set_new(data, "undone", json_true());
	json_decref(guest);
	checkin_publish(m, event_id, data);
	return (CHECKIN_OK);

failed:
	db_rollback(m->db);
	*answer = checkin_message("%s", cause != NULL ? cause :
	    "database error");
	free(cause);
	return (CHECKIN_FAILED);
}
