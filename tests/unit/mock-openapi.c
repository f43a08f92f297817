/*
 * docs/openapi.json as the server embeds it, held against the route table:
 * every route is documented with the right method and security, every
 * $ref resolves, every path parameter is declared.
 */
#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "http.h"
#include "openapi.h"
#include "router.h"
#include "routes.h"
#include "test.h"

/*
 * Operations the document describes that the route table cannot hold:
 * the WebSocket upgrade is accepted by server.c before any route.
 */
static const char *const unrouted[] = { "/api/ws", NULL };

static const char *const methods[] = {
	"get", "put", "post", "delete", "options", "head", "patch", "trace",
	NULL
};

static json_t *
load(void)
{
	json_error_t	 error;
	json_t		*doc;

	doc = json_loadb((const char *)openapi_doc, openapi_doc_len, 0,
	    &error);
	if (doc == NULL)
		fprintf(stderr, "docs/openapi.json: line %d: %s\n", error.line,
		    error.text);
	return (doc);
}

static int
is_method(const char *name)
{
	size_t	i;

	for (i = 0; methods[i] != NULL; i++) {
		if (strcmp(methods[i], name) == 0)
			return (1);
	}
	return (0);
}

/*
 * 1 when a router pattern ("/api/events/:id") and a document path
 * ("/api/events/{id}") name the same URLs.  Parameter names may differ:
 * any ":name" segment matches any "{name}" segment.
 */
static int
same_path(const char *pattern, const char *path)
{
	size_t	plen, qlen;

	for (;;) {
		if (*pattern != '/' || *path != '/')
			return (*pattern == *path);
		pattern++;
		path++;
		plen = strcspn(pattern, "/");
		qlen = strcspn(path, "/");
		if (plen > 1 && *pattern == ':') {
			if (qlen < 3 || path[0] != '{' || path[qlen - 1] != '}')
				return (0);
		} else if (plen != qlen || strncmp(pattern, path, plen) != 0)
			return (0);
		pattern += plen;
		path += qlen;
		if (*pattern == '\0' || *path == '\0')
			return (*pattern == *path);
	}
}

/* The method as the document spells it: "get", "post". */
static void
lower_method(enum http_method method, char *out, size_t size)
{
	size_t	i;

	snprintf(out, size, "%s", http_method_name(method));
	for (i = 0; out[i] != '\0'; i++)
		out[i] = (char)tolower((unsigned char)out[i]);
}

/* The operation of doc for a route, or NULL. */
static json_t *
find_operation(json_t *doc, const char *pattern, enum http_method method)
{
	const char	*path;
	json_t		*item, *op;
	char		 name[16];

	lower_method(method, name, sizeof name);
	json_object_foreach(json_object_get(doc, "paths"), path, item) {
		if (!same_path(pattern, path))
			continue;
		if ((op = json_object_get(item, name)) != NULL)
			return (op);
	}
	return (NULL);
}

/* 1 when some route serves method on the document's path. */
static int
routed(const char *path, const char *method)
{
	const struct route	*all;
	size_t			 n, i;
	char			 name[16];

	all = routes_all(&n);
	for (i = 0; i < n; i++) {
		lower_method(all[i].method, name, sizeof name);
		if (strcmp(name, method) == 0 &&
		    same_path(all[i].pattern, path))
			return (1);
	}
	return (0);
}

/* Follows a local JSON pointer ("#/components/schemas/Event"), or NULL. */
static json_t *
resolve(json_t *doc, const char *ref)
{
	json_t		*at = doc;
	const char	*p;
	char		 key[256];
	size_t		 len, i, k;

	if (strncmp(ref, "#/", 2) != 0)
		return (NULL);
	for (p = ref + 2; at != NULL && *p != '\0'; p += len) {
		len = strcspn(p, "/");
		for (i = k = 0; i < len && k < sizeof key - 1; i++) {
			if (p[i] == '~' && i + 1 < len &&
			    (p[i + 1] == '0' || p[i + 1] == '1')) {
				key[k++] = p[i + 1] == '0' ? '~' : '/';
				i++;
			} else
				key[k++] = p[i];
		}
		key[k] = '\0';
		at = json_object_get(at, key);
		if (p[len] == '/')
			len++;
	}
	return (at);
}

/* An object itself, or what its $ref names. */
static json_t *
deref(json_t *doc, json_t *v)
{
	const char	*ref;

	if ((ref = json_string_value(json_object_get(v, "$ref"))) != NULL)
		return (resolve(doc, ref));
	return (v);
}

/* Counts the $refs under v that lead nowhere, printing each. */
static int
dangling_refs(json_t *doc, json_t *v)
{
	const char	*key, *ref;
	json_t		*child;
	size_t		 i;
	int		 bad = 0;

	if (json_is_object(v)) {
		ref = json_string_value(json_object_get(v, "$ref"));
		if (ref != NULL && resolve(doc, ref) == NULL) {
			fprintf(stderr, "dangling $ref %s\n", ref);
			bad++;
		}
		json_object_foreach(v, key, child)
			bad += dangling_refs(doc, child);
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, child)
			bad += dangling_refs(doc, child);
	}
	return (bad);
}

/* 1 when params (path-level or operation-level) declare path name. */
static int
declares(json_t *doc, json_t *params, const char *name, size_t len)
{
	json_t		*p;
	const char	*s, *in;
	size_t		 i;

	json_array_foreach(params, i, p) {
		p = deref(doc, p);
		s = json_string_value(json_object_get(p, "name"));
		in = json_string_value(json_object_get(p, "in"));
		if (s != NULL && strlen(s) == len &&
		    strncmp(s, name, len) == 0 && in != NULL &&
		    strcmp(in, "path") == 0 &&
		    json_is_true(json_object_get(p, "required")))
			return (1);
	}
	return (0);
}

static void
test_document(void)
{
	static const char *const schemas[] = {
		"Event", "User", "Registration", "Guest", "Campaign",
		"EmailLog", "Queue", "Notification", "Reminder", "ChatMessage",
		"Stats", "EventStats", "Error", "ValidationError", "Envelope",
		NULL
	};
	json_t		*doc, *info, *bearer;
	const char	*version;
	size_t		 i;

	CHECK_INT(strlen((const char *)openapi_doc), openapi_doc_len);
	if ((doc = load()) == NULL) {
		CHECK(!"docs/openapi.json is not valid JSON");
		return;
	}
	version = json_string_value(json_object_get(doc, "openapi"));
	CHECK(version != NULL && strncmp(version, "3.", 2) == 0);
	info = json_object_get(doc, "info");
	CHECK(json_string_value(json_object_get(info, "title")) != NULL);
	CHECK(json_string_value(json_object_get(info, "version")) != NULL);
	CHECK(json_object_size(json_object_get(doc, "paths")) > 0);
	for (i = 0; schemas[i] != NULL; i++) {
		if (json_object_get(json_object_get(json_object_get(doc,
		    "components"), "schemas"), schemas[i]) == NULL) {
			fprintf(stderr, "no schema %s\n", schemas[i]);
			CHECK(!"a schema is missing");
		}
	}
	bearer = resolve(doc, "#/components/securitySchemes/bearerAuth");
	CHECK_STR(json_string_value(json_object_get(bearer, "type")), "http");
	CHECK_STR(json_string_value(json_object_get(bearer, "scheme")),
	    "bearer");
	CHECK_INT(dangling_refs(doc, doc), 0);
	json_decref(doc);
}

/*
 * Every route the server has is in the document, public routes without
 * security and the others with the bearer token.
 */
static void
test_routes_documented(void)
{
	const struct route	*all;
	json_t			*doc, *op, *security;
	size_t			 n, i;
	int			 missing = 0, wrong = 0, bearer;

	if ((doc = load()) == NULL) {
		CHECK(!"docs/openapi.json is not valid JSON");
		return;
	}
	all = routes_all(&n);
	CHECK(n > 0);
	for (i = 0; i < n; i++) {
		op = find_operation(doc, all[i].pattern, all[i].method);
		if (op == NULL) {
			fprintf(stderr, "%s %s is not in docs/openapi.json\n",
			    http_method_name(all[i].method), all[i].pattern);
			missing++;
			continue;
		}
		security = json_object_get(op, "security");
		bearer = json_array_size(security) > 0 &&
		    json_object_get(json_array_get(security, 0),
		    "bearerAuth") != NULL;
		if (!json_is_array(security) ||
		    bearer != (all[i].auth != ROUTE_PUBLIC)) {
			fprintf(stderr, "%s %s: docs/openapi.json says %s\n",
			    http_method_name(all[i].method), all[i].pattern,
			    bearer ? "it needs a token, the route is public" :
			    "it is public, the route needs a token");
			wrong++;
		}
	}
	CHECK_INT(missing, 0);
	CHECK_INT(wrong, 0);
	json_decref(doc);
}

/*
 * Each operation is complete: a unique operationId, explicit security,
 * a success answer, every {param} of its path declared, and a route
 * that serves it: the document promises nothing the server lacks.
 */
static void
test_operations(void)
{
	json_t		*doc, *item, *op, *ids, *resp;
	const char	*path, *method, *id, *code, *p;
	size_t		 len;
	int		 ops = 0, unrouted_ops = 0, success, i;

	if ((doc = load()) == NULL) {
		CHECK(!"docs/openapi.json is not valid JSON");
		return;
	}
	ids = json_object();
	json_object_foreach(json_object_get(doc, "paths"), path, item) {
		json_object_foreach(item, method, op) {
			if (!is_method(method))
				continue;
			ops++;
			id = json_string_value(json_object_get(op,
			    "operationId"));
			if (id == NULL || json_object_get(ids, id) != NULL) {
				fprintf(stderr, "%s %s: operationId %s\n",
				    method, path, id ? "repeated" : "missing");
				CHECK(!"operationIds are unique");
			} else
				json_object_set_new(ids, id, json_true());
			CHECK(json_is_array(json_object_get(op, "security")));

			success = 0;
			json_object_foreach(json_object_get(op, "responses"),
			    code, resp) {
				if ((code[0] == '2' || strcmp(code, "101") ==
				    0) && json_is_object(resp))
					success = 1;
			}
			if (!success)
				fprintf(stderr, "%s %s: no success\n", method,
				    path);
			CHECK(success);

			for (p = strchr(path, '{'); p != NULL;
			    p = strchr(p + 1, '{')) {
				len = strcspn(p + 1, "}");
				if (!declares(doc, json_object_get(item,
				    "parameters"), p + 1, len) &&
				    !declares(doc, json_object_get(op,
				    "parameters"), p + 1, len)) {
					fprintf(stderr, "%s %s: {%.*s} is not "
					    "declared\n", method, path,
					    (int)len, p + 1);
					CHECK(!"path parameters declared");
				}
			}

			for (i = 0; unrouted[i] != NULL; i++) {
				if (strcmp(unrouted[i], path) == 0)
					break;
			}
			if (unrouted[i] == NULL && !routed(path, method)) {
				fprintf(stderr, "%s %s is documented but has "
				    "no route\n", method, path);
				unrouted_ops++;
			}
		}
	}
	CHECK(ops > 0);
	CHECK_INT(unrouted_ops, 0);
	json_decref(ids);
	json_decref(doc);
}

/* The comparison itself: names differ, shapes must not. */
static void
test_same_path(void)
{
	CHECK(same_path("/api/events/:id", "/api/events/{id}"));
	CHECK(same_path("/api/events/creator/:userId",
	    "/api/events/creator/{id}"));
	CHECK(same_path("/api/events/:id/checkin/:guest_id",
	    "/api/events/{id}/checkin/{guestId}"));
	CHECK(same_path("/api/events/:id/guests.csv",
	    "/api/events/{id}/guests.csv"));
	CHECK(!same_path("/api/events/:id/guests.csv",
	    "/api/events/{id}/guests"));
	CHECK(!same_path("/api/events/:id", "/api/events/search"));
	CHECK(!same_path("/api/events/search", "/api/events/{id}"));
	CHECK(!same_path("/api/events", "/api/events/{id}"));
	CHECK(!same_path("/api/events/:id", "/api/events"));
	CHECK(!same_path("/api/events/:id", "/api/events/{id}/stats"));
	CHECK(same_path("/health", "/health"));
	CHECK(!same_path("/health", "/api/health"));
}

TEST_MAIN(
	TEST_CASE(test_same_path),
	TEST_CASE(test_document),
	TEST_CASE(test_routes_documented),
	TEST_CASE(test_operations))
