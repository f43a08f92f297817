/* Invitations, campaigns, email logs and queues (routes-jobs.c lists them). */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth.h"
#include "campaigns.h"
#include "clock.h"
#include "db.h"
#include "events.h"
#include "http.h"
#include "json-util.h"
#include "mailq.h"
#include "mock.h"
#include "perm.h"
#include "query.h"
#include "reminders.h"
#include "routes-util.h"
#include "routes.h"
#include "xmalloc.h"

/*
 * Listed guests are queued while the request waits, about 12 us each: past
 * this many the loop would stall, and all:true (queued a chunk at a time)
 * is the way.
 */
#define ROUTES_CAMPAIGNS_IDS_MAX	10000

static const char routes_campaigns_sql_status[] =
	"SELECT status FROM events WHERE id = ?";

/* The guest ids of a body's guest_ids (a new array), or NULL after 400. */
static int64_t *
routes_campaigns_ids(struct http_req *req, const json_t *list, size_t *n)
{
	const json_t	*v;
	int64_t		*ids;
	size_t		 i;

	if (!json_is_array(list)) {
		routes_invalid(req, "guest_ids",
		    "must be an array of guest ids");
		return (NULL);
	}
	if (json_array_size(list) == 0) {
		routes_invalid(req, "guest_ids",
		    "must list at least one guest");
		return (NULL);
	}
	if (json_array_size(list) > ROUTES_CAMPAIGNS_IDS_MAX) {
		routes_invalid(req, "guest_ids",
		    "can list at most 10000 guests; use all:true for more");
		return (NULL);
	}
	ids = xreallocarray(NULL, json_array_size(list), sizeof *ids);
	json_array_foreach(list, i, v) {
		if (json_util_value_count(v, &ids[i]) != 0 || ids[i] < 1) {
			free(ids);
			routes_invalid(req, "guest_ids",
			    "must hold positive guest ids only");
			return (NULL);
		}
	}
	*n = json_array_size(list);
	return (ids);
}

/* Reads who to invite into *sel; -1 after replying 400. */
static int
routes_campaigns_select(struct http_req *req, const json_t *body,
    struct campaign_select *sel, int64_t **ids)
{
	const json_t	*all, *list, *rsvp;

	memset(sel, 0, sizeof *sel);
	*ids = NULL;
	list = json_object_get(body, "guest_ids");
	all = json_object_get(body, "all");
	rsvp = json_object_get(body, "rsvp");
	if (all != NULL && !json_is_boolean(all)) {
		routes_invalid(req, "all", "must be true or false");
		return (-1);
	}
	if (list != NULL && json_is_true(all)) {
		routes_invalid(req, "guest_ids",
		    "give guest_ids or all:true, not both");
		return (-1);
	}
	if (list != NULL) {
		if ((*ids = routes_campaigns_ids(req, list,
		    &sel->nguest_ids)) == NULL)
			return (-1);
		sel->guest_ids = *ids;
		return (0);
	}
	if (!json_is_true(all)) {
		routes_invalid(req, "guest_ids",
		    "give the guests to invite, or all:true for every guest");
		return (-1);
	}
	if (rsvp != NULL && !json_is_null(rsvp)) {
		if (!json_is_string(rsvp) ||
		    !campaigns_rsvp_valid(json_string_value(rsvp))) {
			routes_invalid(req, "rsvp", "must be pending, "
			    "accepted, declined or waitlisted");
			return (-1);
		}
		sel->rsvp = json_string_value(rsvp);
	}
	return (0);
}

void
routes_campaigns_invite(struct mock *m, struct http_req *req)
{
	struct campaign_select	 sel;
	sqlite3_stmt		*stmt;
	json_t			*body, *c;
	int64_t			 event_id, id, skipped, *ids;
	char			*cause = NULL;
	int			 result, cancelled;

	if ((event_id = routes_event_find(m, req, perm_can_manage_event,
	    "Only the event's organizer or an admin can send invitations",
	    NULL, NULL)) == 0)
		return;
	if ((body = http_req_json(req)) == NULL)
		return;
	if (routes_campaigns_select(req, body, &sel, &ids) != 0)
		return;
	stmt = db_stmt(m->db, routes_campaigns_sql_status);
	sqlite3_bind_int64(stmt, 1, event_id);
	cancelled = sqlite3_step(stmt) == SQLITE_ROW &&
	    strcmp(db_text(stmt, 0), "cancelled") == 0;
	sqlite3_reset(stmt);
	if (cancelled) {
		free(ids);
		http_reply_error(req, 400,
		    "Event is cancelled: invitations cannot be sent");
		return;
	}

	result = campaigns_create(m->db, event_id, http_req_claims(req)->user_id,
	    &sel, clock_now_ms(), &id, &skipped, &cause);
	free(ids);
	if (result == CAMPAIGNS_EMPTY) {
		routes_invalid(req, sel.guest_ids != NULL ? "guest_ids" :
		    sel.rsvp != NULL ? "rsvp" : "all", cause);
		free(cause);
		return;
	}
	if (result != CAMPAIGNS_OK || (c = campaigns_get_json(m->db, id,
	    NULL)) == NULL) {
		http_reply_error(req, 500, "%s", cause != NULL ? cause :
		    "the campaign vanished");
		free(cause);
		return;
	}
	mailq_kick(m->mailq);
	http_reply_json(req, 202, json_pack("{ss so sI}",
	    "message", "Invitations queued", "campaign", c,
	    "skipped", (json_int_t)skipped));
}

void
routes_campaigns_list(struct mock *m, struct http_req *req)
{
	json_t	*list;
	int64_t	 id, page, per_page, total;

	if ((id = routes_event_find(m, req, perm_can_read_event,
	    "Only the event's organizer, staff or an admin can see its "
	    "campaigns", NULL, NULL)) == 0)
		return;
	if (routes_paging(req, CAMPAIGNS_PER_PAGE_DEFAULT,
	    CAMPAIGNS_PER_PAGE_MAX, &page, &per_page) != 0)
		return;
	list = campaigns_list_json(m->db, id, page, per_page, &total);
	http_reply_json(req, 200, json_pack("{so sI sI sI}", "campaigns", list,
	    "total", (json_int_t)total, "page", (json_int_t)page,
	    "per_page", (json_int_t)per_page));
}

void
routes_campaigns_logs(struct mock *m, struct http_req *req)
{
	struct campaigns_logs_query	 q;
	struct query			*args = http_req_query(req);
	json_t				*list;
	int64_t				 total;
	char				*cause = NULL;

	memset(&q, 0, sizeof q);
	if ((q.event_id = routes_event_find(m, req, perm_can_read_event,
	    "Only the event's organizer, staff or an admin can see its "
	    "email logs", NULL, NULL)) == 0)
		return;
	if (routes_paging(req, CAMPAIGNS_PER_PAGE_DEFAULT,
	    CAMPAIGNS_PER_PAGE_MAX, &q.page, &q.per_page) != 0)
		return;
	if (query_get_int(args, "campaign_id", 0, 1, INT64_MAX,
	    &q.campaign_id, &cause) != 0) {
		http_reply_error(req, 400, "%s", cause);
		free(cause);
		return;
	}
	q.status = query_get(args, "status");
	if (q.status != NULL && *q.status == '\0')
		q.status = NULL;
	if (q.status != NULL && !campaigns_log_status_valid(q.status)) {
		http_reply_error(req, 400, "status must be queued, active, "
		    "sent, failed or delayed");
		return;
	}
	list = campaigns_logs_json(m->db, &q, &total);
	http_reply_json(req, 200, json_pack("{so sI sI sI}", "logs", list,
	    "total", (json_int_t)total, "page", (json_int_t)q.page,
	    "per_page", (json_int_t)q.per_page));
}

void
routes_campaigns_get(struct mock *m, struct http_req *req)
{
	json_t	*c;
	int64_t	 id, event_id, created_by = 0;

	if (http_req_param_id(req, "id", &id) != 0 ||
	    (c = campaigns_get_json(m->db, id, &event_id)) == NULL) {
		http_reply_error(req, 404, "Campaign not found");
		return;
	}
	if (!routes_event_visible(m, http_req_claims(req), event_id,
	    &created_by)) {
		json_decref(c);
		http_reply_error(req, 404, "Campaign not found");
		return;
	}
	if (!perm_can_read_event(http_req_claims(req), created_by)) {
		json_decref(c);
		http_reply_error(req, 403, "Only the event's organizer, staff "
		    "or an admin can see its campaigns");
		return;
	}
	http_reply_json(req, 200, json_pack("{so}", "campaign", c));
}

void
routes_campaigns_queues(struct mock *m, struct http_req *req)
{
	http_reply_json(req, 200, json_pack("{s[oo]}", "queues",
	    campaigns_queue_json(m->db),
	    reminders_queue_json(m->db, clock_now())));
}
