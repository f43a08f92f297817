#include "routes.h"

#include "http.h"

const struct route routes_table[] = {
	{ HTTP_GET, "/api/health", ROUTE_PUBLIC, routes_misc_health,
	  "liveness: {status,uptime}" },
	{ HTTP_GET, "/health", ROUTE_PUBLIC, routes_misc_health,
	  "the same, outside /api" },
	{ HTTP_GET, "/api/meta", ROUTE_PUBLIC, routes_misc_meta,
	  "server name, version and features" },
	{ HTTP_POST, "/api/auth/login", ROUTE_PUBLIC, routes_auth_login,
	  "{email,password} -> {message,user,token}" },
	{ HTTP_GET, "/api/users/profile", ROUTE_USER, routes_auth_profile,
	  "the signed-in user" },
	{ HTTP_GET, "/api/events", ROUTE_PUBLIC, routes_events_list,
	  "upcoming events: page, per_page, include_past, status, category" },
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
const size_t routes_count = sizeof routes_table / sizeof routes_table[0];

const char *const routes_features[] = {
	"ws", "pagination", "notifications", NULL
};

void
routes_dispatch(struct mock *m, struct http_req *req)
{
	router_dispatch(m, routes_table, routes_count, req);
}
