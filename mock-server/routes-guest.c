/*
 * One guest: GET, PUT and DELETE /api/guests/:id.  A guest who came
 * through a registration keeps the name, email and RSVP status of that
 * registration: only phone and notes can be edited, and it cannot be
 * deleted (cancelling the registration declines it).
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth.h"
#include "clock.h"
#include "db.h"
#include "events.h"
#include "guests.h"
#include "http.h"
#include "mock.h"
#include "perm.h"
#include "registrations.h"
#include "routes-util.h"
#include "routes.h"
#include "rsvp.h"
#include "validate.h"
#include "xmalloc.h"

/*
 * The guest of the :id parameter and whether the caller manages its
 * event; 0, or -1 after replying 404 or 403 (when read-only callers are
 * not enough and the caller only reads, or cannot even read).
 */
static int
routes_guest_find(struct mock *m, struct http_req *req, int manage,
    struct guest *g, int *manager)
{
	const struct auth_claims	*c = http_req_claims(req);
	int64_t				 id, created_by = 0;

	if (http_req_param_id(req, "id", &id) != 0 ||
	    guests_find(m->db, id, g) != 0 ||
	    !routes_event_visible(m, c, g->event_id, &created_by)) {
		http_reply_error(req, 404, "Guest not found");
		return (-1);
	}
	*manager = perm_can_manage_event(c, created_by);
	if (manage && !*manager) {
		http_reply_error(req, 403, "Only the event's organizer or an "
		    "admin can change its guests");
		return (-1);
	}
	if (!*manager && !perm_can_read_event(c, created_by)) {
		http_reply_error(req, 403, "Only the event's organizer, admins "
		    "and staff can see its guests");
		return (-1);
	}
	return (0);
}

void
routes_guests_get(struct mock *m, struct http_req *req)
{
	struct guest	 g;
	json_t		*guest;
	char		*token;
	int		 manager;

	if (routes_guest_find(m, req, 0, &g, &manager) != 0)
		return;
	guest = guests_get_json(m->db, g.id);
	/* The invitation link, for those who send invitations. */
	if (manager && (token = rsvp_token(m, g.id)) != NULL) {
		json_object_set_new(guest, "rsvp_token", json_string(token));
		free(token);
	}
	http_reply_set_version(req, g.version);
	http_reply_json(req, 200, json_pack("{so}", "guest", guest));
}

/*
 * Refuses edits of what a registration decides: fields of in that differ
 * from the current guest.  Returns the errors or NULL.
 */
static json_t *
routes_guest_registered(const struct guest_input *in, const json_t *current)
{
	static const char *const fields[] = { "name", "email", "rsvp_status" };
	const char	*values[3], *now;
	json_t		*errors = NULL;
	char		 message[160];
	size_t		 i;

	values[0] = in->name;
	values[1] = in->email;
	values[2] = in->rsvp_status;
	for (i = 0; i < 3; i++) {
		now = json_string_value(json_object_get(current, fields[i]));
		if (values[i] == NULL || (now != NULL &&
		    strcmp(values[i], now) == 0))
			continue;
		if (errors == NULL)
			errors = json_array();
		snprintf(message, sizeof message, "%s follows the guest's "
		    "registration and cannot be edited here", fields[i]);
		json_array_append_new(errors, json_pack("{ss ss}", "field",
		    fields[i], "message", message));
	}
	return (errors);
}

void
routes_guests_update(struct mock *m, struct http_req *req)
{
	struct guest		 g;
	struct guest_input	 in;
	json_t			*body, *errors, *current;
	char			*cause = NULL;
	int			 manager, rc = 0;

	if (routes_guest_find(m, req, 1, &g, &manager) != 0)
		return;
	if ((body = http_req_json(req)) == NULL)
		return;
	current = guests_get_json(m->db, g.id);
	if (http_req_stale(req, g.version)) {
		http_reply_json(req, 412, json_pack("{ss so}", "message",
		    "This guest was changed since you loaded it: check the "
		    "current version and try again", "guest", current));
		return;
	}
	memset(&in, 0, sizeof in);
	if ((errors = guests_input_from_json(&in, body)) == NULL)
		errors = guests_input_check(&in, 1);
	if (errors == NULL && g.user_id != 0)
		errors = routes_guest_registered(&in, current);
	json_decref(current);
	if (errors != NULL) {
		guests_input_done(&in);
		validate_reply(req, errors);
		return;
	}
	if (db_begin(m->db, &cause) != 0 ||
	    (rc = guests_update(m->db, g.id, &in, clock_now(), &cause)) < 0 ||
	    (rc == 0 && db_commit(m->db, &cause) != 0)) {
		db_rollback(m->db);
		guests_input_done(&in);
		http_reply_error(req, 500, "%s", cause);
		free(cause);
		return;
	}
	guests_input_done(&in);
	if (rc == 1) {
		db_rollback(m->db);
		validate_reply(req, json_pack("[{ss ss}]", "field",
		    "email", "message", "Another guest of this event has this "
		    "email"));
		return;
	}
	guests_find(m->db, g.id, &g);
	http_reply_set_version(req, g.version);
	http_reply_json(req, 200, json_pack("{ss so}", "message",
	    "Guest updated", "guest", guests_get_json(m->db, g.id)));
}

void
routes_guests_delete(struct mock *m, struct http_req *req)
{
	struct guest	 g;
	char		*cause = NULL;
	int		 manager;

	if (routes_guest_find(m, req, 1, &g, &manager) != 0)
		return;
	if (http_req_stale(req, g.version)) {
		http_reply_json(req, 412, json_pack("{ss so}", "message",
		    "This guest was changed since you loaded it: check the "
		    "current version and try again", "guest",
		    guests_get_json(m->db, g.id)));
		return;
	}
	if (g.user_id != 0) {
		http_reply_error(req, 409, "This guest registered for the "
		    "event: cancel the registration instead");
		return;
	}
	if (db_begin(m->db, &cause) != 0 ||
	    guests_delete(m->db, g.id, &cause) != 0 ||
	    db_commit(m->db, &cause) != 0) {
		routes_write_failed(m, req, cause);
		return;
	}
	/* One fewer at the door. */
	if (g.checked_in_at != 0)
		registrations_publish_counters(m, g.event_id);
	http_reply_json(req, 200, json_pack("{ss}", "message",
	    "Guest deleted"));
}
