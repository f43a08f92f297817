/*
 * Reading events: the list, search, one creator's events and one event.
 * Registering and cancelling are here too; writes to events are in
 * routes-events-edit.c, registration lists in routes-registrations.c.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth.h"
#include "clock.h"
#include "events.h"
#include "http.h"
#include "json-util.h"
#include "mock.h"
#include "perm.h"
#include "query.h"
#include "registrations.h"
#include "routes-util.h"
#include "routes.h"
#include "users.h"

const struct route routes_events_table[] = {
	{ HTTP_GET, "/api/events/search", ROUTE_PUBLIC, routes_events_search,
	  "the list's filters: q, location, date_from, date_to..." },
	{ HTTP_GET, "/api/events/creator/:userId", ROUTE_USER,
	  routes_events_creator, "a user's own events (self or admin)" },
	{ HTTP_GET, "/api/events/users/:id/registrations", ROUTE_USER,
	  routes_registrations_user,
	  "a user's registrations (self or admin): status, page, per_page" },
	{ HTTP_POST, "/api/events", ROUTE_USER, routes_events_create,
	  "create an event (organizer, admin)" },
	{ HTTP_PUT, "/api/events/:id", ROUTE_USER, routes_events_update,
	  "change an event (its creator, admin); If-Match or version" },
	{ HTTP_DELETE, "/api/events/:id", ROUTE_USER, routes_events_delete,
	  "delete an event (its creator, admin)" },
	{ HTTP_GET, "/api/events/:id/registrations", ROUTE_USER,
	  routes_registrations_event,
	  "an event's registrations (creator, admin, staff): status, page, "
	  "per_page" },
};
const size_t routes_events_count =
    sizeof routes_events_table / sizeof routes_events_table[0];

#define ROUTES_EVENTS_TEXT_MAX	255

/* A text filter: NULL when absent or empty, -1 after replying 400. */
static int
routes_events_text(struct http_req *req, const char *name, const char **out)
{
	const char	*s;

	s = query_get(http_req_query(req), name);
	*out = (s != NULL && *s != '\0') ? s : NULL;
	if (*out != NULL && strlen(*out) > ROUTES_EVENTS_TEXT_MAX) {
		http_reply_error(req, 400, "%s must be at most %d bytes long",
		    name, ROUTES_EVENTS_TEXT_MAX);
		return (-1);
	}
	return (0);
}

/*
 * A date bound: absent, or an ISO 8601 date-time, or a bare date (its
 * first second for date_from, its last for date_to, so both include the
 * day).  -1 after replying 400.
 */
static int
routes_events_date(struct http_req *req, const char *name, int end,
    int *has, time_t *out)
{
	const char	*s;

	s = query_get(http_req_query(req), name);
	*has = 0;
	if (s == NULL || *s == '\0')
		return (0);
	if (json_util_parse_time(s, out) != 0) {
		http_reply_error(req, 400, "%s must be an ISO 8601 date or "
		    "date-time such as 2026-06-15 or 2026-06-15T09:00:00Z", name);
		return (-1);
	}
	if (end && strlen(s) == 10)
		*out += 86400 - 1;
	*has = 1;
	return (0);
}

/*
 * The list's query string into eq: 0, or -1 after replying 400.  Without
 * include_past only upcoming events are listed, unless a date bound says
 * which dates to list.
 */
static int
routes_events_query(struct http_req *req, struct events_query *eq)
{
	const struct auth_claims	*claims = http_req_claims(req);
	struct query			*q = http_req_query(req);
	const char			*sort;
	char				*cause = NULL;

	memset(eq, 0, sizeof *eq);
	if (query_get_int(q, "page", 1, 1, INT32_MAX, &eq->page, &cause) != 0 ||
	    query_get_int(q, "per_page", EVENTS_PER_PAGE_DEFAULT, 1,
	    EVENTS_PER_PAGE_MAX, &eq->per_page, &cause) != 0) {
		http_reply_error(req, 400, "%s", cause);
		free(cause);
		return (-1);
	}
	eq->include_past = query_get_bool(q, "include_past");
	eq->now = clock_now();
	if (routes_events_text(req, "status", &eq->status) != 0 ||
	    routes_events_text(req, "category", &eq->category) != 0 ||
	    routes_events_text(req, "q", &eq->q) != 0 ||
	    routes_events_text(req, "location", &eq->location) != 0 ||
	    routes_events_date(req, "date_from", 0, &eq->has_from,
	    &eq->date_from) != 0 ||
	    routes_events_date(req, "date_to", 1, &eq->has_to,
	    &eq->date_to) != 0)
		return (-1);
	if (eq->status != NULL && !events_status_valid(eq->status)) {
		http_reply_error(req, 400,
		    "status must be draft, published or cancelled");
		return (-1);
	}
	if (eq->has_from && eq->has_to && eq->date_from > eq->date_to) {
		http_reply_error(req, 400, "date_from must not be after date_to");
		return (-1);
	}
	if (eq->has_from || eq->has_to)
		eq->include_past = 1;
	sort = query_get(q, "sort");
	if (sort != NULL && *sort != '\0' &&
	    (eq->sort = events_sort_find(sort)) < 0) {
		http_reply_error(req, 400, "sort must be one of %s",
		    events_sort_names());
		return (-1);
	}
	if (claims != NULL) {
		eq->viewer_id = claims->user_id;
		eq->viewer_admin = perm_is_admin(claims);
	}
	return (0);
}

static void
routes_events_reply_list(struct mock *m, struct http_req *req,
    const struct events_query *eq)
{
	json_t	*list;
	int64_t	 total;

	list = events_list_json(m->db, eq, &total);
	http_reply_json(req, 200, json_pack("{so sI sI sI}", "events", list,
	    "total", (json_int_t)total, "page", (json_int_t)eq->page,
	    "per_page", (json_int_t)eq->per_page));
}

void
routes_events_list(struct mock *m, struct http_req *req)
{
	struct events_query	eq;

	if (routes_events_query(req, &eq) == 0)
		routes_events_reply_list(m, req, &eq);
}

/* The same list: core servers have search as a route of its own. */
void
routes_events_search(struct mock *m, struct http_req *req)
{
	routes_events_list(m, req);
}

void
routes_events_creator(struct mock *m, struct http_req *req)
{
	const struct auth_claims	*claims = http_req_claims(req);
	struct events_query		 eq;
	struct user			 u;
	int64_t				 id;

	if (http_req_param_id(req, "userId", &id) != 0) {
		http_reply_error(req, 404, "User not found");
		return;
	}
	if (id != claims->user_id && !perm_is_admin(claims)) {
		http_reply_error(req, 403,
		    "You can only list the events you created");
		return;
	}
	if (users_find(m->db, id, &u) != 0) {
		http_reply_error(req, 404, "User not found");
		return;
	}
	users_done(&u);
	if (routes_events_query(req, &eq) != 0)
		return;
	/* One's own events: past ones too, unless told otherwise. */
	if (query_get(http_req_query(req), "include_past") == NULL)
		eq.include_past = 1;
	eq.created_by = id;
	routes_events_reply_list(m, req, &eq);
}

void
routes_events_get(struct mock *m, struct http_req *req)
{
	json_t	*ev;
	int64_t	 id, version;

	if ((id = routes_event_find(m, req, NULL, NULL, NULL, &version)) == 0)
		return;
	if ((ev = events_get_json(m->db, id)) == NULL) {
		http_reply_error(req, 404, "Event not found");
		return;
	}
	http_reply_set_version(req, version);
	http_reply_json(req, 200, json_pack("{so}", "event", ev));
}

/* The HTTP status for a registrations_* result. */
static int
routes_events_status(int result)
{
	static const struct {
		int	result;
		int	status;
	} map[] = {
		{ REGISTRATIONS_NOT_FOUND, 404 },
		{ REGISTRATIONS_CONFLICT, 400 },
		{ REGISTRATIONS_CLOSED, 400 },
		{ REGISTRATIONS_FAILED, 500 },
	};
	size_t	i;

	for (i = 0; i < sizeof map / sizeof map[0]; i++) {
		if (map[i].result == result)
			return (map[i].status);
	}
	return (500);
}

void
routes_events_register(struct mock *m, struct http_req *req)
{
	struct registration	 r;
	json_t			*reg;
	int64_t			 id, position;
	int			 result;
	char			*cause = NULL;

	/* A draft the caller may not see is not found, rather than closed. */
	if ((id = routes_event_find(m, req, NULL, NULL, NULL, NULL)) == 0)
		return;
	result = registrations_create(m, http_req_claims(req)->user_id, id,
	    clock_now(), &r, &cause);
	if (result != REGISTRATIONS_OK) {
		http_reply_error(req, routes_events_status(result), "%s",
		    cause);
		free(cause);
		return;
	}
	reg = registrations_to_json(&r);
	/* Where in the queue, so a client can say so. */
	if ((position = registrations_waitlist_position(m, &r)) > 0)
		json_object_set_new(reg, "position", json_integer(position));
	http_reply_json(req, 201, json_pack("{ss so}", "message",
	    strcmp(r.status, "confirmed") == 0 ? "Registered for the event" :
	    "The event is full: you are on the waitlist",
	    "registration", reg));
}

void
routes_events_unregister(struct mock *m, struct http_req *req)
{
	int64_t	 id;
	int	 result;
	char	*cause = NULL;

	if ((id = routes_event_find(m, req, NULL, NULL, NULL, NULL)) == 0)
		return;
	result = registrations_cancel(m, http_req_claims(req)->user_id, id,
	    clock_now(), NULL, &cause);
	if (result != REGISTRATIONS_OK) {
		http_reply_error(req, routes_events_status(result), "%s",
		    cause);
		free(cause);
		return;
	}
	http_reply_json(req, 200, json_pack("{ss}", "message",
	    "Registration cancelled"));
}
