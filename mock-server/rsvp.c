#include "rsvp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "db.h"
#include "guests.h"
#include "mock.h"
#include "xmalloc.h"

static const char rsvp_sql_event[] =
	"SELECT status, max_capacity, date_time FROM events WHERE id = ?";
static const char rsvp_sql_token[] =
	"SELECT g.event_id, g.created_at, e.date_time FROM guests g"
	" JOIN events e ON e.id = g.event_id"
	" WHERE g.id = ? AND g.user_id IS NULL";

/* The status an acceptance gets: accepted while seats are left. */
static const char *
rsvp_accept_status(struct mock *m, const struct guest *g, int64_t capacity)
{
	struct guests_counts	c;

	if (strcmp(g->rsvp_status, "accepted") == 0)
		return ("accepted");
	guests_counts(m->db, g->event_id, &c);
	return (c.accepted < capacity ? "accepted" : "waitlisted");
}

enum rsvp_result
rsvp_answer(struct mock *m, int64_t guest_id, int64_t event_id,
    const char *response, time_t now, char *status, size_t len, char **cause)
{
	enum rsvp_result	 result = RSVP_FAILED;
	struct guest		 g;
	sqlite3_stmt		*stmt;
	const char		*chosen;
	int64_t			 capacity;
	int			 cancelled;

	if (db_begin(m->db, cause) != 0)
		return (RSVP_FAILED);
	if (guests_find(m->db, guest_id, &g) != 0 || g.event_id != event_id) {
		*cause = xstrdup("This invitation is no longer on the guest "
		    "list");
		result = RSVP_NOT_FOUND;
		goto fail;
	}
	if (g.user_id != 0) {
		*cause = xstrdup("This guest registered for the event: answer "
		    "by registering or cancelling the registration");
		result = RSVP_REGISTERED;
		goto fail;
	}
	stmt = db_stmt(m->db, rsvp_sql_event);
	sqlite3_bind_int64(stmt, 1, event_id);
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		sqlite3_reset(stmt);
		*cause = xstrdup("Event not found");
		result = RSVP_NOT_FOUND;
		goto fail;
	}
	cancelled = strcmp(db_text(stmt, 0), "cancelled") == 0;
	capacity = sqlite3_column_int64(stmt, 1);
	sqlite3_reset(stmt);
	if (cancelled) {
		*cause = xstrdup("This event was cancelled: there is nothing "
		    "to answer");
		result = RSVP_CLOSED;
		goto fail;
	}
	chosen = strcmp(response, "accepted") == 0 ?
	    rsvp_accept_status(m, &g, capacity) : "declined";
	if (guests_set_rsvp(m->db, g.id, chosen, now, cause) != 0 ||
	    db_commit(m->db, cause) != 0)
		goto fail;
	snprintf(status, len, "%s", chosen);
	return (RSVP_OK);

fail:
	db_rollback(m->db);
	return (result);
}

char *
rsvp_token(struct mock *m, int64_t guest_id)
{
	sqlite3_stmt	*stmt;
	char		*token = NULL;
	int64_t		 event_id;
	time_t		 created, starts;

	stmt = db_stmt(m->db, rsvp_sql_token);
	sqlite3_bind_int64(stmt, 1, guest_id);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		event_id = sqlite3_column_int64(stmt, 0);
		created = (time_t)sqlite3_column_int64(stmt, 1);
		starts = (time_t)sqlite3_column_int64(stmt, 2);
		token = auth_sign_rsvp(m->auth, guest_id, event_id, created,
		    starts + RSVP_GRACE);
	}
	sqlite3_reset(stmt);
	return (token);
}
