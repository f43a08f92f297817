/*
 * Registration lists: an event's for those who run it, a user's for
 * themself.  Registering and cancelling are in routes-events.c.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "http.h"
#include "mock.h"
#include "perm.h"
#include "query.h"
#include "registrations-list.h"
#include "routes-util.h"
#include "routes.h"
#include "users.h"

/* page, per_page and status into rq: 0, or -1 after replying 400. */
static int
reg_routes_query(struct http_req *req, struct registrations_query *rq)
{
	struct query	*q = http_req_query(req);
	char		*cause = NULL;

	memset(rq, 0, sizeof *rq);
	if (query_get_int(q, "page", 1, 1, INT32_MAX, &rq->page, &cause) != 0 ||
	    query_get_int(q, "per_page", REGISTRATIONS_PER_PAGE_DEFAULT, 1,
	    REGISTRATIONS_PER_PAGE_MAX, &rq->per_page, &cause) != 0) {
		http_reply_error(req, 400, "%s", cause);
		free(cause);
		return (-1);
	}
	rq->status = query_get(q, "status");
	if (rq->status != NULL && *rq->status == '\0')
		rq->status = NULL;
	if (rq->status != NULL &&
	    !registrations_list_status_valid(rq->status)) {
		http_reply_error(req, 400, "status must be confirmed, "
		    "waitlisted, cancelled or all");
		return (-1);
	}
	return (0);
}

static void
reg_routes_reply(struct http_req *req, json_t *list, int64_t total,
    const struct registrations_query *rq)
{
	http_reply_json(req, 200, json_pack("{so sI sI sI}", "registrations",
	    list, "total", (json_int_t)total, "page", (json_int_t)rq->page,
	    "per_page", (json_int_t)rq->per_page));
}

void
routes_registrations_event(struct mock *m, struct http_req *req)
{
	struct registrations_query	 rq;
	json_t				*list;
	int64_t				 id, created_by, total;

	if ((id = routes_event_find(m, req, NULL, NULL, &created_by,
	    NULL)) == 0)
		return;
	if (!perm_can_read_event(http_req_claims(req), created_by)) {
		http_reply_error(req, 403, "Only the event's creator, an admin "
		    "or staff can list its registrations");
		return;
	}
	if (reg_routes_query(req, &rq) != 0)
		return;
	list = registrations_list_event(m->db, id, &rq, &total);
	reg_routes_reply(req, list, total, &rq);
}

void
routes_registrations_user(struct mock *m, struct http_req *req)
{
	const struct auth_claims	*claims = http_req_claims(req);
	struct registrations_query	 rq;
	struct user			 u;
	json_t				*list;
	int64_t				 id, total;

	if (http_req_param_id(req, "id", &id) != 0) {
		http_reply_error(req, 404, "User not found");
		return;
	}
	if (id != claims->user_id && !perm_is_admin(claims)) {
		http_reply_error(req, 403,
		    "You can only list your own registrations");
		return;
	}
	if (users_find(m->db, id, &u) != 0) {
		http_reply_error(req, 404, "User not found");
		return;
	}
	users_done(&u);
	if (reg_routes_query(req, &rq) != 0)
		return;
	list = registrations_list_user(m->db, id, &rq, &total);
	reg_routes_reply(req, list, total, &rq);
}
