/*
 * GET /api/openapi.json from a real evtop-mock: the embedded OpenAPI
 * document as JSON, with an ETag that a conditional GET turns into a 304;
 * and a success answer of each route carries every top-level member the
 * document's schema for it marks required.
 */
#include <curl/curl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support-http.h"
#include "support-mock.h"
#include "test.h"

static struct mockproc	mock;
static int		mock_up;

/* GET path, with If-None-Match when inm is not NULL. */
static void
get(const char *path, const char *inm, struct reply *r)
{
	char	h[256];

	if (inm != NULL)
		snprintf(h, sizeof h, "If-None-Match: %s", inm);
	support_http_ex(mock.url, "GET", path, NULL, NULL, NULL,
	    inm != NULL ? h : NULL, r);
}

static void
test_start(void)
{
	static const char *const	 extra[] = { "--seed", "demo",
		    "--mail-rate", "0", NULL };

	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (support_mock_start(&mock, extra, -1) != 0) {
		CHECK(!"evtop-mock starts");
		return;
	}
	mock_up = 1;
}

static void
test_document_served(void)
{
	struct reply	 a, again;
	json_t		*doc;
	const char	*version;

	if (!mock_up)
		return;
	get("/api/openapi.json", NULL, &a);
	CHECK_INT(a.status, 200);
	CHECK(strncmp(a.type, "application/json", 16) == 0);
	CHECK(a.etag[0] == '"');
	doc = a.json;
	CHECK(doc != NULL);
	version = json_string_value(json_object_get(doc, "openapi"));
	CHECK(version != NULL && strncmp(version, "3.", 2) == 0);
	/* It describes itself. */
	CHECK(json_object_get(json_object_get(json_object_get(doc, "paths"),
	    "/api/openapi.json"), "get") != NULL);

	/* The document does not change while the server runs. */
	get("/api/openapi.json", "\"stale\"", &again);
	CHECK_INT(again.status, 200);
	CHECK_STR(again.etag, a.etag);
	CHECK_INT(again.len, a.len);
	reply_done(&again);

	get("/api/openapi.json", a.etag, &again);
	CHECK_INT(again.status, 304);
	CHECK_INT(again.len, 0);
	reply_done(&again);
	reply_done(&a);
}

/* node, or what its "$ref" ("#/a/b") names, followed to the end. */
static json_t *
resolve(json_t *doc, json_t *node)
{
	const char	*ref;
	char		*copy, *part, *last;
	json_t		*at;
	int		 hops;

	for (hops = 0; hops < 8 && node != NULL; hops++) {
		ref = json_string_value(json_object_get(node, "$ref"));
		if (ref == NULL || strncmp(ref, "#/", 2) != 0)
			return (node);
		copy = strdup(ref + 2);
		at = doc;
		for (part = strtok_r(copy, "/", &last); part != NULL;
		    part = strtok_r(NULL, "/", &last))
			at = json_object_get(at, part);
		free(copy);
		node = at;
	}
	return (node);
}

/* Every member schema requires that answer lacks, printed; their number. */
static int
missing_required(json_t *doc, json_t *schema, json_t *answer)
{
	json_t	*name, *part;
	size_t	 i;
	int	 missing = 0;

	schema = resolve(doc, schema);
	json_array_foreach(json_object_get(schema, "allOf"), i, part)
		missing += missing_required(doc, part, answer);
	json_array_foreach(json_object_get(schema, "required"), i, name) {
		if (json_object_get(answer, json_string_value(name)) == NULL) {
			fprintf(stderr, "  missing \"%s\"\n",
			    json_string_value(name));
			missing++;
		}
	}
	return (missing);
}

/*
 * One request; its status must be code and its body carry what the
 * document's schema for (template, method, code) requires.  The answer
 * comes back in *json when wanted.
 */
static void
conforms(json_t *doc, const char *method, const char *path,
    const char *template, const char *body, const char *token, long code,
    json_t **json)
{
	struct reply	 r;
	json_t		*op, *schema;
	char		 lower[8], status[24];
	size_t		 i;

	for (i = 0; i + 1 < sizeof lower && method[i] != '\0'; i++)
		lower[i] = (char)(method[i] | 0x20);
	lower[i] = '\0';
	snprintf(status, sizeof status, "%ld", code);
	op = json_object_get(json_object_get(json_object_get(doc, "paths"),
	    template), lower);
	schema = json_object_get(json_object_get(json_object_get(resolve(doc,
	    json_object_get(json_object_get(op, "responses"), status)),
	    "content"), "application/json"), "schema");
	support_http(mock.url, method, path, body, token, &r);
	if (r.status != code || schema == NULL || r.json == NULL ||
	    missing_required(doc, schema, r.json) != 0) {
		fprintf(stderr, "%s %s -> %ld (%s)\n", method, path, r.status,
		    schema == NULL ? "no schema" : "see above");
		CHECK(!"answer as documented");
	}
	if (json != NULL)
		*json = json_incref(r.json);
	reply_done(&r);
}

static void
test_answers_documented(void)
{
	struct reply	 r;
	json_t		*doc, *ans = NULL;
	char		*admin, *attendee, path[128], p2[128];
	int64_t		 ev, own, me;

	if (!mock_up)
		return;
	support_http(mock.url, "GET", "/api/openapi.json", NULL, NULL, &r);
	doc = json_incref(r.json);
	reply_done(&r);
	admin = support_login(mock.url, "admin@example.com", "evtop-demo");
	attendee = support_login(mock.url, "attendee@example.com",
	    "evtop-demo");
	CHECK(doc != NULL && admin != NULL && attendee != NULL);
	if (doc == NULL || admin == NULL || attendee == NULL)
		goto out;

	conforms(doc, "GET", "/api/health", "/api/health", NULL, NULL, 200,
	    NULL);
	conforms(doc, "GET", "/api/meta", "/api/meta", NULL, NULL, 200, NULL);
	conforms(doc, "GET", "/api/users/profile", "/api/users/profile", NULL,
	    admin, 200, &ans);
	me = json_integer_value(json_object_get(json_object_get(ans, "user"),
	    "id"));
	json_decref(ans);
	conforms(doc, "GET", "/api/users/stats", "/api/users/stats", NULL,
	    admin, 200, NULL);
	conforms(doc, "GET", "/api/events?per_page=1", "/api/events", NULL,
	    NULL, 200, &ans);
	ev = json_integer_value(json_object_get(json_array_get(
	    json_object_get(ans, "events"), 0), "id"));
	json_decref(ans);
	conforms(doc, "GET", "/api/events/search?q=a", "/api/events/search",
	    NULL, NULL, 200, NULL);
	snprintf(path, sizeof path, "/api/events/creator/%lld", (long long)me);
	conforms(doc, "GET", path, "/api/events/creator/{userId}", NULL, admin,
	    200, NULL);
	snprintf(path, sizeof path, "/api/events/users/%lld/registrations",
	    (long long)me);
	conforms(doc, "GET", path, "/api/events/users/{id}/registrations",
	    NULL, admin, 200, NULL);
	conforms(doc, "GET", "/api/stats", "/api/stats", NULL, admin, 200,
	    NULL);
	conforms(doc, "GET", "/api/queues", "/api/queues", NULL, admin, 200,
	    NULL);
	conforms(doc, "GET", "/api/notifications", "/api/notifications", NULL,
	    admin, 200, NULL);

#define EV(suffix) (snprintf(path, sizeof path, "/api/events/%lld%s",	\
	(long long)ev, suffix), path)
	conforms(doc, "GET", EV(""), "/api/events/{id}", NULL, NULL, 200,
	    NULL);
	conforms(doc, "GET", EV("/registrations"),
	    "/api/events/{id}/registrations", NULL, admin, 200, NULL);
	conforms(doc, "GET", EV("/guests"), "/api/events/{id}/guests", NULL,
	    admin, 200, NULL);
	conforms(doc, "POST", EV("/guests"), "/api/events/{id}/guests",
	    "{\"name\":\"Doc Guest\",\"email\":\"doc.guest@example.org\"}",
	    admin, 201, NULL);
	conforms(doc, "POST", EV("/invitations"),
	    "/api/events/{id}/invitations", "{\"all\":true}", admin, 202,
	    &ans);
	snprintf(p2, sizeof p2, "/api/campaigns/%lld", (long long)
	    json_integer_value(json_object_get(json_object_get(ans,
	    "campaign"), "id")));
	json_decref(ans);
	conforms(doc, "GET", p2, "/api/campaigns/{id}", NULL, admin, 200,
	    NULL);
	conforms(doc, "GET", EV("/campaigns"), "/api/events/{id}/campaigns",
	    NULL, admin, 200, NULL);
	conforms(doc, "GET", EV("/email-logs"), "/api/events/{id}/email-logs",
	    NULL, admin, 200, NULL);
	conforms(doc, "GET", EV("/reminders"), "/api/events/{id}/reminders",
	    NULL, admin, 200, NULL);
	conforms(doc, "POST", EV("/chat"), "/api/events/{id}/chat",
	    "{\"text\":\"Hello from the document\"}", admin, 201, NULL);
	conforms(doc, "GET", EV("/chat"), "/api/events/{id}/chat", NULL,
	    admin, 200, NULL);
	conforms(doc, "GET", EV("/stats"), "/api/events/{id}/stats", NULL,
	    admin, 200, NULL);

	/* A new event, through its whole life. */
	conforms(doc, "POST", "/api/events", "/api/events", "{\"title\":"
	    "\"Documented\",\"date_time\":\"2031-01-01T10:00:00Z\","
	    "\"location\":\"Here\",\"max_capacity\":5}", admin, 201, &ans);
	own = json_integer_value(json_object_get(json_object_get(ans,
	    "event"), "id"));
	json_decref(ans);
	ev = own;
	conforms(doc, "PUT", EV(""), "/api/events/{id}",
	    "{\"title\":\"Documented, again\"}", admin, 200, NULL);
	conforms(doc, "POST", EV("/register"), "/api/events/{id}/register",
	    NULL, attendee, 201, NULL);
	conforms(doc, "DELETE", EV("/register"), "/api/events/{id}/register",
	    NULL, attendee, 200, NULL);
	conforms(doc, "DELETE", EV(""), "/api/events/{id}", NULL, admin, 200,
	    NULL);
#undef EV
out:
	free(admin);
	free(attendee);
	json_decref(doc);
}

static void
test_stop(void)
{
	if (mock_up)
		CHECK_INT(support_mock_stop(&mock), 0);
	mock_up = 0;
	curl_global_cleanup();
}

TEST_MAIN(
	TEST_CASE(test_start),
	TEST_CASE(test_document_served),
	TEST_CASE(test_answers_documented),
	TEST_CASE(test_stop))
