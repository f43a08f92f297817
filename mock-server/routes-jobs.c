/* Reminders, chat and stats, and the one table of every jobs route. */
#include <inttypes.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth.h"
#include "chat.h"
#include "clock.h"
#include "events.h"
#include "http.h"
#include "json-util.h"
#include "mock.h"
#include "perm.h"
#include "query.h"
#include "reminders.h"
#include "routes-util.h"
#include "routes.h"
#include "stats.h"

const struct route routes_jobs_table[] = {
	{ HTTP_POST, "/api/events/:id/invitations", ROUTE_USER,
	  routes_campaigns_invite,
	  "{guest_ids:[...]} or {all:true,rsvp?} -> 202 {campaign} (managers)" },
	{ HTTP_GET, "/api/events/:id/campaigns", ROUTE_USER,
	  routes_campaigns_list,
	  "the event's campaigns, newest first: page, per_page" },
	{ HTTP_GET, "/api/events/:id/email-logs", ROUTE_USER,
	  routes_campaigns_logs,
	  "mails of the event's campaigns: status, campaign_id, page, "
	  "per_page" },
	{ HTTP_GET, "/api/campaigns/:id", ROUTE_USER, routes_campaigns_get,
	  "one campaign and its counters" },
	{ HTTP_GET, "/api/queues", ROUTE_ADMIN, routes_campaigns_queues,
	  "the email and reminders queues (admin)" },
	{ HTTP_POST, "/api/events/:id/reminders", ROUTE_USER,
	  routes_jobs_remind,
	  "{at,message} -> 201 {reminder}: a notification at that time "
	  "(managers)" },
	{ HTTP_GET, "/api/events/:id/reminders", ROUTE_USER,
	  routes_jobs_reminders,
	  "the event's reminders, soonest first: page, per_page" },
	{ HTTP_GET, "/api/events/:id/chat", ROUTE_USER, routes_jobs_chat,
	  "chat messages, oldest first: since (a message id), limit" },
	{ HTTP_POST, "/api/events/:id/chat", ROUTE_USER, routes_jobs_chat_post,
	  "{text} -> 201 {message}; 429 when posting too fast" },
	{ HTTP_GET, "/api/events/:id/stats", ROUTE_USER, routes_jobs_stats,
	  "counters, RSVP answers and a per-minute timeline: minutes, until" },
	{ HTTP_GET, "/api/stats", ROUTE_USER, routes_jobs_stats_all,
	  "totals across every event" },
};
const size_t routes_jobs_count =
    sizeof routes_jobs_table / sizeof routes_jobs_table[0];

/* Reads {at,message} of a reminder; -1 after replying 400. */
static int
routes_jobs_reminder_body(struct http_req *req, time_t now, time_t *at,
    const char **message)
{
	const char	*s, *problem;
	json_t		*body;

	if ((body = http_req_json(req)) == NULL)
		return (-1);
	if ((s = json_util_string(body, "at")) == NULL) {
		routes_invalid(req, "at", "is required: an ISO 8601 time");
		return (-1);
	}
	if (json_util_parse_time(s, at) != 0) {
		routes_invalid(req, "at", "must be an ISO 8601 time, like "
		    "2026-06-15T09:00:00Z");
		return (-1);
	}
	if (*at <= now) {
		routes_invalid(req, "at", "must be in the future");
		return (-1);
	}
	if (*at - now > REMINDERS_AHEAD_MAX) {
		routes_invalid(req, "at", "must be within a year");
		return (-1);
	}
	if ((*message = json_util_string(body, "message")) == NULL) {
		routes_invalid(req, "message", "is required");
		return (-1);
	}
	if ((problem = chat_text_problem(*message)) != NULL) {
		routes_invalid(req, "message", problem);
		return (-1);
	}
	return (0);
}

void
routes_jobs_remind(struct mock *m, struct http_req *req)
{
	const char	*message;
	json_t		*r;
	int64_t		 id;
	time_t		 at, now = clock_now();
	char		*cause = NULL;
	int		 result;

	if ((id = routes_event_find(m, req, perm_can_manage_event,
	    "Only the event's organizer or an admin can schedule its "
	    "reminders", NULL, NULL)) == 0)
		return;
	if (routes_jobs_reminder_body(req, now, &at, &message) != 0)
		return;
	result = reminders_create(m->db, id, http_req_claims(req)->user_id,
	    at, message, now, &r, &cause);
	if (result != REMINDERS_OK) {
		http_reply_error(req, result == REMINDERS_FULL ? 400 : 500,
		    "%s", cause);
		free(cause);
		return;
	}
	reminders_kick(m->reminders);
	http_reply_json(req, 201, json_pack("{ss so}",
	    "message", "Reminder scheduled", "reminder", r));
}

void
routes_jobs_reminders(struct mock *m, struct http_req *req)
{
	json_t	*list;
	int64_t	 id, page, per_page, total;

	if ((id = routes_event_find(m, req, perm_can_read_event,
	    "Only the event's organizer, staff or an admin can see its "
	    "reminders", NULL, NULL)) == 0)
		return;
	if (routes_paging(req, 50, 200, &page, &per_page) != 0)
		return;
	list = reminders_list_json(m->db, id, page, per_page, &total);
	http_reply_json(req, 200, json_pack("{so sI sI sI}", "reminders", list,
	    "total", (json_int_t)total, "page", (json_int_t)page,
	    "per_page", (json_int_t)per_page));
}

void
routes_jobs_chat(struct mock *m, struct http_req *req)
{
	struct query	*q = http_req_query(req);
	const char	*s;
	int64_t		 id, since, limit;
	char		*cause = NULL;

	if ((id = routes_event_find(m, req, NULL, NULL, NULL, NULL)) == 0)
		return;
	if (query_get_int(q, "since", 0, 0, INT64_MAX, &since, &cause) != 0 ||
	    query_get_int(q, "limit", CHAT_LIMIT_DEFAULT, 1, CHAT_LIMIT_MAX,
	    &limit, &cause) != 0) {
		http_reply_error(req, 400, "%s", cause);
		free(cause);
		return;
	}
	s = query_get(q, "since");
	http_reply_json(req, 200, json_pack("{so}", "messages",
	    chat_list_json(m->db, id, s != NULL && *s != '\0', since, limit)));
}

void
routes_jobs_chat_post(struct mock *m, struct http_req *req)
{
	const char	*text, *problem;
	json_t		*body, *msg;
	int64_t		 id, retry;
	char		*cause = NULL, num[32];
	int		 result;

	if ((id = routes_event_find(m, req, NULL, NULL, NULL, NULL)) == 0)
		return;
	if ((body = http_req_json(req)) == NULL)
		return;
	if ((text = json_util_string(body, "text")) == NULL) {
		routes_invalid(req, "text", "is required");
		return;
	}
	if ((problem = chat_text_problem(text)) != NULL) {
		routes_invalid(req, "text", problem);
		return;
	}
	result = chat_post(m, id, http_req_claims(req)->user_id, text,
	    clock_now(), &msg, &retry, &cause);
	switch (result) {
	case CHAT_OK:
		http_reply_json(req, 201, json_pack("{so}", "message", msg));
		return;
	case CHAT_LIMITED:
		http_reply_error(req, 429, "%s", cause);
		snprintf(num, sizeof num, "%" PRId64, retry);
		http_reply_add_header(req, "Retry-After", num);
		http_reply_add_header(req, "RateLimit-Reset", num);
		snprintf(num, sizeof num, "%d", CHAT_RATE_COUNT);
		http_reply_add_header(req, "RateLimit-Limit", num);
		http_reply_add_header(req, "RateLimit-Remaining", "0");
		break;
	case CHAT_NOT_FOUND:
		http_reply_error(req, 404, "%s", cause);
		break;
	case CHAT_CLOSED:
		http_reply_error(req, 400, "%s", cause);
		break;
	default:
		http_reply_error(req, 500, "%s", cause);
		break;
	}
	free(cause);
}

void
routes_jobs_stats(struct mock *m, struct http_req *req)
{
	struct query	*q = http_req_query(req);
	const char	*s;
	json_t		*stats;
	int64_t		 id, minutes;
	time_t		 until = 0;
	char		*cause = NULL;

	if ((id = routes_event_find(m, req, perm_can_read_event,
	    "Only the event's organizer, staff or an admin can see its "
	    "stats", NULL, NULL)) == 0)
		return;
	if (query_get_int(q, "minutes", STATS_MINUTES_DEFAULT, 1,
	    STATS_MINUTES_MAX, &minutes, &cause) != 0) {
		http_reply_error(req, 400, "%s", cause);
		free(cause);
		return;
	}
	if ((s = query_get(q, "until")) != NULL && *s != '\0' &&
	    (json_util_parse_time(s, &until) != 0 || until < 86400)) {
		http_reply_error(req, 400, "until must be an ISO 8601 time, "
		    "like 2026-06-15T09:00:00Z");
		return;
	}
	if ((stats = stats_event_json(m->db, id, clock_now(), until,
	    minutes)) == NULL) {
		http_reply_error(req, 404, "Event not found");
		return;
	}
	http_reply_json(req, 200, json_pack("{so}", "stats", stats));
}

void
routes_jobs_stats_all(struct mock *m, struct http_req *req)
{
	http_reply_json(req, 200, json_pack("{so}", "stats",
	    stats_global_json(m->db, clock_now())));
}
