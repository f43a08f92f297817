/* evtop-mock's routing table, query strings and request handling. */
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "db.h"
#include "http.h"
#include "hub.h"
#include "mock.h"
#include "query.h"
#include "router.h"
#include "routes.h"
#include "seed.h"
#include "test.h"

static int	calls;

static void
handler(struct mock *m, struct http_req *req)
{
	(void)m;
	calls++;
	http_reply_json(req, 200, json_pack("{ss}", "id",
	    http_req_param(req, "id") ? http_req_param(req, "id") : ""));
}

static const struct route table[] = {
	{ HTTP_GET, "/api/events", ROUTE_PUBLIC, handler, "" },
	{ HTTP_GET, "/api/events/:id", ROUTE_PUBLIC, handler, "" },
	{ HTTP_POST, "/api/events/:id/register", ROUTE_USER, handler, "" },
	{ HTTP_DELETE, "/api/admin/:id", ROUTE_ADMIN, handler, "" },
};

static void
test_pattern_matching(void)
{
	struct http_req	*req;

	req = http_req_new(HTTP_GET, "/");
	CHECK(router_path_matches("/api/events", "/api/events", req));
	CHECK(!router_path_matches("/api/events", "/api/event", req));
	CHECK(!router_path_matches("/api/events", "/api/events/1", req));
	CHECK(!router_path_matches("/api/events/:id", "/api/events", req));
	CHECK(!router_path_matches("/api/events/:id", "/api/events/", req));
	CHECK(router_path_matches("/api/events/:id", "/api/events/42", req));
	CHECK_STR(http_req_param(req, "id"), "42");
	CHECK(router_path_matches("/api/events/:id/register",
	    "/api/events/7/register", req));
	CHECK_STR(http_req_param(req, "id"), "7");
	CHECK(!router_path_matches("/api/events/:id/register",
	    "/api/events/7/registers", req));
	CHECK(http_req_param(req, "id") == NULL);
	http_req_free(req);
}

static int
dispatch(struct mock *m, enum http_method method, const char *path,
    const char *token, char **body)
{
	struct http_req	*req;
	const char	*b;
	size_t		 len;
	int		 status;
	char		*h;

	req = http_req_new(method, path);
	if (token != NULL) {
		if (asprintf(&h, "Bearer %s", token) < 0)
			abort();
		http_req_set_header(req, "Authorization", h);
		free(h);
	}
	router_dispatch(m, table, sizeof table / sizeof table[0], req);
	status = http_res_status(req);
	b = http_res_body(req, &len);
	if (body != NULL)
		*body = strndup(b, len);
	http_req_free(req);
	return (status);
}

static void
test_dispatch(void)
{
	struct mock	 m;
	char		*body, *user, *admin, *expired;

	memset(&m, 0, sizeof m);
	m.auth = auth_new(NULL, 0, 4, 60);
	user = auth_sign_token(m.auth, 5, "attendee", "u@example.com",
	    time(NULL));
	admin = auth_sign_token(m.auth, 1, "admin", "a@example.com",
	    time(NULL));
	expired = auth_sign_token(m.auth, 1, "admin", "a@example.com",
	    time(NULL) - 3600);
	calls = 0;

	CHECK_INT(dispatch(&m, HTTP_GET, "/api/events/", NULL, NULL), 200);
	CHECK_INT(dispatch(&m, HTTP_GET, "/api/events/42", NULL, &body), 200);
	CHECK_STR(body, "{\"id\":\"42\"}");
	free(body);
	CHECK_INT(dispatch(&m, HTTP_HEAD, "/api/events", NULL, NULL), 200);

	CHECK_INT(dispatch(&m, HTTP_GET, "/api/nothing", NULL, &body), 404);
	CHECK(strstr(body, "\"message\"") != NULL);
	free(body);
	CHECK_INT(dispatch(&m, HTTP_PUT, "/api/events", NULL, &body), 405);
	CHECK(strstr(body, "\"message\"") != NULL);
	free(body);

	CHECK_INT(dispatch(&m, HTTP_POST, "/api/events/1/register", NULL,
	    NULL), 401);
	CHECK_INT(dispatch(&m, HTTP_POST, "/api/events/1/register", "junk",
	    NULL), 401);
	CHECK_INT(dispatch(&m, HTTP_POST, "/api/events/1/register", expired,
	    &body), 401);
	CHECK_STR(body, "{\"message\":\"Token expired\"}");
	free(body);
	CHECK_INT(dispatch(&m, HTTP_POST, "/api/events/1/register", user,
	    NULL), 200);
	CHECK_INT(dispatch(&m, HTTP_DELETE, "/api/admin/1", user, NULL), 403);
	CHECK_INT(dispatch(&m, HTTP_DELETE, "/api/admin/1", admin, NULL), 200);
	/* Only the routes that passed every check ran the handler. */
	CHECK_INT(calls, 5);

	free(user);
	free(admin);
	free(expired);
	auth_free(m.auth);
}

static void
test_query_parsing(void)
{
	struct query	*q;
	int64_t		 n;
	char		*cause = NULL;

	q = query_new();
	query_parse(q, "?page=2&per_page=500&q=caf%C3%A9+bar&flag&bad=%zz&e=");
	CHECK_INT(query_count(q), 6);
	CHECK_STR(query_get(q, "q"), "café bar");
	CHECK_STR(query_get(q, "flag"), "");
	CHECK_STR(query_get(q, "bad"), "%zz");
	CHECK(query_get(q, "missing") == NULL);

	CHECK_INT(query_get_int(q, "page", 1, 1, 100, &n, &cause), 0);
	CHECK_INT(n, 2);
	CHECK_INT(query_get_int(q, "per_page", 50, 1, 200, &n, &cause), 0);
	CHECK_INT(n, 200);		/* clamped */
	CHECK_INT(query_get_int(q, "missing", 50, 1, 200, &n, &cause), 0);
	CHECK_INT(n, 50);
	CHECK_INT(query_get_int(q, "e", 7, 1, 200, &n, &cause), 0);
	CHECK_INT(n, 7);
	CHECK_INT(query_get_int(q, "q", 1, 1, 200, &n, &cause), -1);
	CHECK_STR(cause, "q must be a whole number of at least 1");
	free(cause);
	query_free(q);

	q = query_new();
	query_add_pair(q, "page=0");
	query_add_pair(q, "include_past=true");
	query_add_pair(q, "x=1e3");
	CHECK_INT(query_get_int(q, "page", 1, 1, 100, &n, &cause), -1);
	free(cause);
	CHECK_INT(query_get_int(q, "x", 1, 1, 100, &n, &cause), -1);
	free(cause);
	CHECK(query_get_bool(q, "include_past"));
	CHECK(!query_get_bool(q, "nothing"));
	query_free(q);
}

static void
test_request_json(void)
{
	struct http_req	*req;
	const char	*b;
	size_t		 len;

	req = http_req_new(HTTP_POST, "/api/auth/login");
	http_req_append_body(req, "{\"email\":", 9);
	CHECK(http_req_json(req) == NULL);
	CHECK_INT(http_res_status(req), 400);
	b = http_res_body(req, &len);
	CHECK(strstr(b, "\"message\":\"Malformed JSON") != NULL);
	http_req_free(req);

	req = http_req_new(HTTP_POST, "/api/auth/login");
	http_req_append_body(req, "[1,2]", 5);
	CHECK(http_req_json(req) == NULL);
	CHECK_INT(http_res_status(req), 400);
	http_req_free(req);

	req = http_req_new(HTTP_POST, "/x");
	CHECK_INT(http_req_append_body(req, "", HTTP_BODY_MAX + 1), -1);
	http_req_free(req);
}

/* The real table: login, events and the shapes the client relies on. */
static void
test_real_routes(void)
{
	struct mock	 m;
	struct http_req	*req;
	json_t		*body;
	const char	*b;
	size_t		 len;
	char		*cause = NULL;
	static const char login[] =
	    "{\"email\":\"ADMIN@example.com\",\"password\":\"evtop-demo\"}";

	memset(&m, 0, sizeof m);
	m.auth = auth_new(NULL, 0, 4, 60);
	m.db = db_open(NULL, &cause);
	m.hub = hub_new(16, 16);
	CHECK_INT(seed_demo(&m, time(NULL), 6, &cause), 0);

	req = http_req_new(HTTP_POST, "/api/auth/login");
	http_req_append_body(req, login, strlen(login));
	routes_dispatch(&m, req);
	CHECK_INT(http_res_status(req), 200);
	b = http_res_body(req, &len);
	body = json_loadb(b, len, 0, NULL);
	CHECK_STR(json_string_value(json_object_get(body, "message")),
	    "Login successful");
	CHECK_STR(json_string_value(json_object_get(json_object_get(body,
	    "user"), "role")), "admin");
	CHECK(json_object_get(json_object_get(body, "user"),
	    "password_hash") == NULL);
	CHECK(json_is_string(json_object_get(body, "token")));
	json_decref(body);
	http_req_free(req);

	req = http_req_new(HTTP_GET, "/api/events");
	query_add_pair(http_req_query(req), "per_page=2");
	routes_dispatch(&m, req);
	CHECK_INT(http_res_status(req), 200);
	b = http_res_body(req, &len);
	body = json_loadb(b, len, 0, NULL);
	CHECK_INT(json_array_size(json_object_get(body, "events")), 2);
	CHECK_INT(json_integer_value(json_object_get(body, "per_page")), 2);
	CHECK(json_integer_value(json_object_get(body, "total")) >= 2);
	CHECK_STR(json_string_value(json_object_get(json_array_get(
	    json_object_get(body, "events"), 0), "title")),
	    "Evtop Launch Party");
	json_decref(body);
	http_req_free(req);

	req = http_req_new(HTTP_GET, "/api/events");
	query_add_pair(http_req_query(req), "page=zero");
	routes_dispatch(&m, req);
	CHECK_INT(http_res_status(req), 400);
	http_req_free(req);

	req = http_req_new(HTTP_GET, "/api/events/abc");
	routes_dispatch(&m, req);
	CHECK_INT(http_res_status(req), 404);
	http_req_free(req);

	hub_free(m.hub);
	db_close(m.db);
	auth_free(m.auth);
}

TEST_MAIN(
	TEST_CASE(test_pattern_matching),
	TEST_CASE(test_dispatch),
	TEST_CASE(test_query_parsing),
	TEST_CASE(test_request_json),
	TEST_CASE(test_real_routes))
