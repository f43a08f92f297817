#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth.h"
#include "events.h"
#include "http.h"
#include "mock.h"
#include "query.h"
#include "registrations.h"
#include "routes.h"

void
routes_events_list(struct mock *m, struct http_req *req)
{
	struct query		*q = http_req_query(req);
	struct events_query	 eq;
	json_t			*list;
	int64_t			 total;
	char			*cause = NULL;

	memset(&eq, 0, sizeof eq);
	if (query_get_int(q, "page", 1, 1, INT32_MAX, &eq.page, &cause) != 0 ||
	    query_get_int(q, "per_page", EVENTS_PER_PAGE_DEFAULT, 1,
	    EVENTS_PER_PAGE_MAX, &eq.per_page, &cause) != 0) {
		http_reply_error(req, 400, "%s", cause);
		free(cause);
		return;
	}
	eq.include_past = query_get_bool(q, "include_past");
	eq.now = time(NULL);
	eq.status = query_get(q, "status");
	if (eq.status != NULL && *eq.status == '\0')
		eq.status = NULL;
	if (eq.status != NULL && !events_status_valid(eq.status)) {
		http_reply_error(req, 400,
		    "status must be draft, published or cancelled");
		return;
	}
	eq.category = query_get(q, "category");
	if (eq.category != NULL && *eq.category == '\0')
		eq.category = NULL;

	list = events_list_json(m->db, &eq, &total);
	http_reply_json(req, 200, json_pack("{so sI sI sI}", "events", list,
	    "total", (json_int_t)total, "page", (json_int_t)eq.page,
	    "per_page", (json_int_t)eq.per_page));
}

/* The :id parameter, or 0 after replying 404. */
static int64_t
routes_events_id(struct mock *m, struct http_req *req)
{
	int64_t	id;

	(void)m;
	if (http_req_param_id(req, "id", &id) != 0) {
		http_reply_error(req, 404, "Event not found");
		return (0);
	}
	return (id);
}

void
routes_events_get(struct mock *m, struct http_req *req)
{
	json_t	*ev;
	int64_t	 id;

	if ((id = routes_events_id(m, req)) == 0)
		return;
	if ((ev = events_get_json(m->db, id)) == NULL) {
		http_reply_error(req, 404, "Event not found");
		return;
	}
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
	int64_t			 id;
	int			 result;
	char			*cause = NULL;

	if ((id = routes_events_id(m, req)) == 0)
		return;
	result = registrations_create(m, http_req_claims(req)->user_id, id,
	    time(NULL), &r, &cause);
	if (result != REGISTRATIONS_OK) {
		http_reply_error(req, routes_events_status(result), "%s",
		    cause);
		free(cause);
		return;
	}
	http_reply_json(req, 201, json_pack("{ss so}", "message",
	    strcmp(r.status, "confirmed") == 0 ? "Registered for the event" :
	    "The event is full: you are on the waitlist",
	    "registration", registrations_to_json(&r)));
}

void
routes_events_unregister(struct mock *m, struct http_req *req)
{
	int64_t	 id;
	int	 result;
	char	*cause = NULL;

	if ((id = routes_events_id(m, req)) == 0)
		return;
	result = registrations_cancel(m, http_req_claims(req)->user_id, id,
	    time(NULL), NULL, &cause);
	if (result != REGISTRATIONS_OK) {
		http_reply_error(req, routes_events_status(result), "%s",
		    cause);
		free(cause);
		return;
	}
	http_reply_json(req, 200, json_pack("{ss}", "message",
	    "Registration cancelled"));
}
