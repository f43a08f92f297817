#include "routes.h"

#include <string.h>

#include "http.h"
#include "xmalloc.h"

const struct route routes_core_table[] = {
	{ HTTP_GET, "/api/health", ROUTE_PUBLIC, routes_misc_health,
	  "liveness: {status,uptime}" },
	{ HTTP_GET, "/health", ROUTE_PUBLIC, routes_misc_health,
	  "the same, outside /api" },
	{ HTTP_GET, "/api/meta", ROUTE_PUBLIC, routes_misc_meta,
	  "server name, version and features" },
	{ HTTP_GET, "/api/openapi.json", ROUTE_PUBLIC, routes_misc_openapi,
	  "the OpenAPI 3 description of the API (docs/openapi.json)" },
	{ HTTP_POST, "/api/auth/login", ROUTE_PUBLIC, routes_auth_login,
	  "{email,password} -> {message,user,token}" },
	{ HTTP_GET, "/api/users/profile", ROUTE_USER, routes_auth_profile,
	  "the signed-in user" },
	{ HTTP_GET, "/api/events", ROUTE_PUBLIC, routes_events_list,
	  "upcoming events: q, location, category, status, date_from, "
	  "date_to, sort, page, per_page, include_past" },
	{ HTTP_GET, "/api/events/:id", ROUTE_PUBLIC, routes_events_get,
	  "one event" },
	{ HTTP_POST, "/api/events/:id/register", ROUTE_USER,
	  routes_events_register,
	  "register the signed-in user (waitlisted when full)" },
	{ HTTP_DELETE, "/api/events/:id/register", ROUTE_USER,
	  routes_events_unregister,
	  "cancel the signed-in user's registration" },
	{ HTTP_GET, "/api/notifications", ROUTE_USER,
	  routes_misc_notifications, "notifications: since, limit" },
};
const size_t routes_core_count =
    sizeof routes_core_table / sizeof routes_core_table[0];

/* The areas in matching order: add a line for a new routes-*.c table. */
static const struct routes_area routes_areas[] = {
	{ routes_users_table, &routes_users_count },
	{ routes_events_table, &routes_events_count },
	{ routes_core_table, &routes_core_count },
	{ routes_jobs_table, &routes_jobs_count },
	{ routes_guests_table, &routes_guests_count },
	{ routes_http_table, &routes_http_count },
};

const char *const routes_features[] = {
	"ws", "pagination", "notifications", "guests", "checkin",
	"campaigns", "reminders", "chat",
	"etag", "idempotency",		/* every route, through pipeline.c */
	NULL
};

const struct route *
routes_all(size_t *n)
{
	static struct route	*all;
	static size_t		 nall;
	size_t			 i, at;

	if (all == NULL) {
		for (i = 0; i < sizeof routes_areas / sizeof routes_areas[0];
		    i++)
			nall += *routes_areas[i].count;
		all = xcalloc(nall, sizeof *all);
		for (i = at = 0; i < sizeof routes_areas /
		    sizeof routes_areas[0]; i++) {
			memcpy(all + at, routes_areas[i].table,
			    *routes_areas[i].count * sizeof *all);
			at += *routes_areas[i].count;
		}
	}
	*n = nall;
	return (all);
}

void
routes_dispatch(struct mock *m, struct http_req *req)
{
	const struct route	*all;
	size_t			 n;

	all = routes_all(&n);
	router_dispatch(m, all, n, req);
}
