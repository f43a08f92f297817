#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>

#include "auth.h"
#include "db.h"
#include "http.h"
#include "json-util.h"
#include "mock.h"
#include "openapi.h"
#include "perm.h"
#include "query.h"
#include "routes.h"

/*
 * With since: the oldest after it (paging forward).  Without: the latest.
 * A notification about a draft is shown only to those who may see the
 * draft (its creator, admins), the rule of perm_can_see_event: ?2 is the
 * reader's id, ?3 1 for an admin.  Filtering in SQL keeps LIMIT honest.
 */
#define MISC_SQL_VISIBLE						\
	" (n.event_id IS NULL OR ?3 OR NOT EXISTS (SELECT 1 FROM events e" \
	"  WHERE e.id = n.event_id AND e.status = 'draft'"		\
	"  AND e.created_by IS NOT ?2))"
static const char misc_sql_notifications[] =
	"SELECT id, seq, type, level, title, message, event_id, created_at"
	" FROM notifications n WHERE seq > ?1 AND" MISC_SQL_VISIBLE
	" ORDER BY seq LIMIT ?4";
static const char misc_sql_notifications_latest[] =
	"SELECT * FROM (SELECT id, seq, type, level, title, message, event_id,"
	" created_at FROM notifications n WHERE" MISC_SQL_VISIBLE
	" ORDER BY seq DESC LIMIT ?4) ORDER BY seq";

void
routes_misc_health(struct mock *m, struct http_req *req)
{
	http_reply_json(req, 200, json_pack("{ss sf}", "status", "OK",
	    "uptime", mock_now_monotonic() - m->started));
	http_reply_no_cache(req);	/* the uptime moves */
}

void
routes_misc_meta(struct mock *m, struct http_req *req)
{
	json_t	*features;
	size_t	 i;

	(void)m;
	features = json_array();
	for (i = 0; routes_features[i] != NULL; i++)
		json_array_append_new(features,
		    json_string(routes_features[i]));
	http_reply_json(req, 200, json_pack("{ss ss so}", "name", MOCK_NAME,
	    "version", EVTOP_VERSION, "features", features));
}

/* The document embedded at build time; the router adds its ETag. */
void
routes_misc_openapi(struct mock *m, struct http_req *req)
{
	(void)m;
	http_reply_raw(req, 200, "application/json",
	    (const char *)openapi_doc, openapi_doc_len);
}

void
routes_misc_notifications(struct mock *m, struct http_req *req)
{
	const struct auth_claims	*claims;
	sqlite3_stmt	*stmt;
	json_t		*list, *n;
	int64_t		 since, limit;
	char		*cause = NULL, created[32];

	if (query_get_int(http_req_query(req), "since", 0, 0, INT64_MAX,
	    &since, &cause) != 0 ||
	    query_get_int(http_req_query(req), "limit", 50, 1, 500, &limit,
	    &cause) != 0) {
		http_reply_error(req, 400, "%s", cause);
		free(cause);
		return;
	}
	list = json_array();
	stmt = db_stmt(m->db, query_get(http_req_query(req), "since") != NULL ?
	    misc_sql_notifications : misc_sql_notifications_latest);
	if (query_get(http_req_query(req), "since") != NULL)
		sqlite3_bind_int64(stmt, 1, since);
	claims = http_req_claims(req);
	sqlite3_bind_int64(stmt, 2, claims != NULL ? claims->user_id : 0);
	sqlite3_bind_int(stmt, 3, perm_is_admin(claims));
	sqlite3_bind_int64(stmt, 4, limit);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		json_util_format_time((time_t)sqlite3_column_int64(stmt, 7),
		    created, sizeof created);
		n = json_pack("{sI sI ss ss ss ss ss}",
		    "id", (json_int_t)sqlite3_column_int64(stmt, 0),
		    "seq", (json_int_t)sqlite3_column_int64(stmt, 1),
		    "type", db_text(stmt, 2), "level", db_text(stmt, 3),
		    "title", db_text(stmt, 4), "message", db_text(stmt, 5),
		    "created_at", created);
		if (n == NULL)
			continue;	/* bad UTF-8 in a hand-edited file */
		db_json_int(n, "event_id", stmt, 6);
		json_array_append_new(list, n);
	}
	sqlite3_reset(stmt);
	http_reply_json(req, 200, json_pack("{so}", "notifications", list));
}
