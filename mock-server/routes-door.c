/*
 * At the door and in the invitation: POST /api/events/:id/checkin, its
 * undo, and POST /api/rsvp/:token (no account needed: the token is the
 * permission).
 */
#include <ctype.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth.h"
#include "checkin.h"
#include "clock.h"
#include "db.h"
#include "events.h"
#include "guests.h"
#include "http.h"
#include "json-util.h"
#include "mock.h"
#include "perm.h"
#include "routes-util.h"
#include "routes.h"
#include "rsvp.h"
#include "validate.h"
#include "xmalloc.h"

static const char routes_door_denied[] =
	"Only the event's organizer, admins and staff can check guests in";

static void
routes_door_error(json_t *errors, const char *field, const char *message)
{
	json_array_append_new(errors, json_pack("{ss ss}", "field", field,
	    "message", message));
}

/* 1 when s is 1..CHECKIN_NONCE_MAX printable ASCII characters. */
static int
routes_door_nonce_valid(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++, n++) {
		if (!isprint((unsigned char)*s) || n == CHECKIN_NONCE_MAX)
			return (0);
	}
	return (n > 0);
}

/*
 * Reads {code, nonce?, scanned_at?} into scan; code may be a guest id as
 * a number.  Returns NULL or the validation errors.
 */
static json_t *
routes_door_scan(const json_t *body, struct checkin_scan *scan, char *code,
    size_t len)
{
	const json_t	*v;
	const char	*s;
	json_t		*errors = json_array();
	time_t		 t;

	v = json_object_get(body, "code");
	if (json_is_integer(v) && json_integer_value(v) > 0)
		snprintf(code, len, "%lld", (long long)json_integer_value(v));
	else if (json_is_string(v) && *json_string_value(v) != '\0' &&
	    strlen(json_string_value(v)) <= CHECKIN_CODE_MAX)
		snprintf(code, len, "%s", json_string_value(v));
	else
		routes_door_error(errors, "code", "code must be a ticket code "
		    "or a guest id");
	scan->code = code;

	v = json_object_get(body, "nonce");
	if (v != NULL && !json_is_null(v)) {
		if (!json_is_string(v) ||
		    !routes_door_nonce_valid(json_string_value(v)))
			routes_door_error(errors, "nonce", "nonce must be 1 to "
			    "128 printable ASCII characters");
		else
			scan->nonce = json_string_value(v);
	}

	scan->at = scan->now;
	v = json_object_get(body, "scanned_at");
	if (v != NULL && !json_is_null(v)) {
		s = json_string_value(v);
		if (s == NULL || json_util_parse_time(s, &t) != 0)
			routes_door_error(errors, "scanned_at", "scanned_at "
			    "must be an ISO 8601 time like "
			    "2026-06-15T09:00:00Z");
		else if (t > scan->now + CHECKIN_SKEW)
			routes_door_error(errors, "scanned_at", "scanned_at "
			    "is in the future: check the scanner's clock");
		else if (t < scan->now - CHECKIN_OLDEST)
			routes_door_error(errors, "scanned_at", "scanned_at "
			    "is more than 30 days ago");
		else
			scan->at = t < scan->now ? t : scan->now;
	}
	if (json_array_size(errors) == 0) {
		json_decref(errors);
		return (NULL);
	}
	return (errors);
}

void
routes_guests_checkin(struct mock *m, struct http_req *req)
{
	struct checkin_scan	 scan;
	enum checkin_result	 result;
	json_t			*body, *errors, *answer;
	char			 code[CHECKIN_CODE_MAX + 1];
	int64_t			 id;

	if ((id = routes_event_find(m, req, perm_can_checkin,
	    routes_door_denied, NULL, NULL)) == 0)
		return;
	if ((body = http_req_json(req)) == NULL)
		return;
	memset(&scan, 0, sizeof scan);
	scan.event_id = id;
	scan.now = clock_now();
	if ((errors = routes_door_scan(body, &scan, code, sizeof code)) !=
	    NULL) {
		validate_reply(req, errors);
		return;
	}
	result = checkin_scan(m, &scan, &answer);
	http_reply_json(req, checkin_http_status(result), answer);
}

void
routes_guests_checkin_undo(struct mock *m, struct http_req *req)
{
	enum checkin_result	 result;
	json_t			*answer;
	int64_t			 id, guest_id;

	if ((id = routes_event_find(m, req, perm_can_checkin,
	    routes_door_denied, NULL, NULL)) == 0)
		return;
	if (http_req_param_id(req, "guest_id", &guest_id) != 0) {
		http_reply_error(req, 404, "This event has no such guest");
		return;
	}
	result = checkin_undo(m, id, guest_id, &answer);
	http_reply_json(req, checkin_http_status(result), answer);
}

/* The part of the event a guest following a link may see. */
static json_t *
routes_door_event(struct mock *m, int64_t id)
{
	json_t	*ev, *out;

	if ((ev = events_get_json(m->db, id)) == NULL)
		return (json_null());
	out = json_pack("{sO sO sO sO}", "id", json_object_get(ev, "id"),
	    "title", json_object_get(ev, "title"), "date_time",
	    json_object_get(ev, "date_time"), "location",
	    json_object_get(ev, "location"));
	json_decref(ev);
	return (out);
}

void
routes_guests_rsvp(struct mock *m, struct http_req *req)
{
	static const int	 statuses[] = {
		[RSVP_OK] = 200, [RSVP_NOT_FOUND] = 404,
		[RSVP_REGISTERED] = 409, [RSVP_CLOSED] = 409,
		[RSVP_FAILED] = 500,
	};
	enum rsvp_result	 result;
	json_t			*body, *guest, *out;
	const char		*response, *message;
	char			*cause = NULL, status[16];
	int64_t			 guest_id, event_id;
	int			 rc;

	rc = auth_verify_rsvp(m->auth, http_req_param(req, "token"),
	    clock_now(), &guest_id, &event_id, &cause);
	if (rc != 0) {
		http_reply_error(req, rc == AUTH_RSVP_EXPIRED ? 401 : 400,
		    "%s", cause);
		free(cause);
		return;
	}
	if ((body = http_req_json(req)) == NULL)
		return;
	response = json_string_value(json_object_get(body, "response"));
	if (response == NULL || (strcmp(response, "accepted") != 0 &&
	    strcmp(response, "declined") != 0)) {
		validate_reply(req, json_pack("[{ss ss}]", "field",
		    "response", "message", "response must be \"accepted\" or "
		    "\"declined\""));
		return;
	}
	result = rsvp_answer(m, guest_id, event_id, response, clock_now(),
	    status, sizeof status, &cause);
	if (result != RSVP_OK) {
		http_reply_error(req, statuses[result], "%s", cause);
		free(cause);
		return;
	}
	if (strcmp(status, "accepted") == 0)
		message = "Thank you: your place is kept";
	else if (strcmp(status, "waitlisted") == 0)
		message = "The event is full: you are on the waitlist";
	else
		message = "Thank you for letting us know";
	guest = guests_get_json(m->db, guest_id);
	out = json_pack("{sO sO sO sO sO}", "id", json_object_get(guest, "id"),
	    "event_id", json_object_get(guest, "event_id"), "name",
	    json_object_get(guest, "name"), "rsvp_status",
	    json_object_get(guest, "rsvp_status"), "responded_at",
	    json_object_get(guest, "responded_at"));
	json_decref(guest);
	http_reply_json(req, 200, json_pack("{ss so so}", "message", message,
	    "guest", out, "event", routes_door_event(m, event_id)));
}
