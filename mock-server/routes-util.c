/*
 * Helpers every area's routes share (routes-util.h).  One place decides
 * whether a request may know that an event exists, so that no route lets
 * a draft show through a different answer than GET /api/events/:id.
 */
#include "routes-util.h"

#include <stdint.h>
#include <stdlib.h>

#include <jansson.h>

#include "auth.h"
#include "db.h"
#include "events.h"
#include "http.h"
#include "mock.h"
#include "perm.h"
#include "query.h"

int
routes_event_visible(struct mock *m, const struct auth_claims *claims,
    int64_t event_id, int64_t *created_by)
{
	char	status[16];
	int64_t	owner;

	if (events_owner(m->db, event_id, &owner, NULL) != 0 ||
	    events_status(m->db, event_id, status, sizeof status) != 0 ||
	    !perm_can_see_event(claims, owner, status))
		return (0);
	if (created_by != NULL)
		*created_by = owner;
	return (1);
}

int64_t
routes_event_find(struct mock *m, struct http_req *req,
    int (*allowed)(const struct auth_claims *, int64_t), const char *refusal,
    int64_t *created_by, int64_t *version)
{
	int64_t	id, owner, v;

	if (http_req_param_id(req, "id", &id) != 0 ||
	    !routes_event_visible(m, http_req_claims(req), id, &owner) ||
	    events_owner(m->db, id, &owner, &v) != 0) {
		http_reply_error(req, 404, "Event not found");
		return (0);
	}
	if (allowed != NULL && !allowed(http_req_claims(req), owner)) {
		http_reply_error(req, 403, "%s", refusal);
		return (0);
	}
	if (created_by != NULL)
		*created_by = owner;
	if (version != NULL)
		*version = v;
	return (id);
}

void
routes_invalid(struct http_req *req, const char *field, const char *message)
{
	http_reply_json(req, 400, json_pack("{ss s[{ss ss}]}",
	    "message", "Validation failed", "errors",
	    "field", field, "message", message));
}

int
routes_paging(struct http_req *req, int64_t def, int64_t max, int64_t *page,
    int64_t *per_page)
{
	struct query	*q = http_req_query(req);
	char		*cause = NULL;

	if (query_get_int(q, "page", 1, 1, INT32_MAX, page, &cause) != 0 ||
	    query_get_int(q, "per_page", def, 1, max, per_page,
	    &cause) != 0) {
		http_reply_error(req, 400, "%s", cause);
		free(cause);
		return (-1);
	}
	return (0);
}

void
routes_write_failed(struct mock *m, struct http_req *req, char *cause)
{
	db_rollback(m->db);
	http_reply_error(req, 500, "%s", cause);
	free(cause);
}
