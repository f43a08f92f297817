/*
 * Accounts on a real evtop-mock: sign-up, profile and password changes,
 * a user's own figures; every answer a client can get from them.
 */
#include <curl/curl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support-mock.h"
#include "test.h"

static struct mockproc	mock;

static void
call(const char *method, const char *path, const char *body,
    const char *token, struct request *req)
{
	support_call(mock.url, method, path, body, token, NULL, req);
}

static size_t
error_count(const struct request *req)
{
	return (json_array_size(json_object_get(req->reply.json, "errors")));
}

/* Signs in: a new token, or NULL when refused. */
static char *
login(const char *email, const char *password)
{
	return (support_login_id(mock.url, email, password, NULL));
}

/* Signs up: the token, or NULL. */
static char *
signup(const char *name, const char *email, const char *password)
{
	struct request	 req;
	char		 body[512], *token = NULL;

	snprintf(body, sizeof body, "{\"name\":\"%s\",\"email\":\"%s\","
	    "\"password\":\"%s\"}", name, email, password);
	call("POST", "/api/auth/register", body, NULL, &req);
	if (req.reply.status == 201)
		token = strdup(get_str(req.reply.json, "token"));
	reply_done(&req.reply);
	return (token);
}

static void
test_start(void)
{
	static const char *const extra[] = { "--seed", "demo", NULL };

	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (support_mock_start(&mock, extra, 2) != 0)
		exit(1);
}

static void
test_register(void)
{
	struct request	 req;
	json_t		*user;
	char		*token, *again;

	call("POST", "/api/auth/register", "{\"name\":\"  Nora Newcomer \","
	    "\"email\":\"nora@example.org\",\"password\":\"a long secret\"}",
	    NULL, &req);
	CHECK_INT(req.reply.status, 201);
	CHECK(get_str(req.reply.json, "message") != NULL);
	user = json_object_get(req.reply.json, "user");
	CHECK(get_int(user, "id") > 0);
	CHECK_STR(get_str(user, "name"), "Nora Newcomer");
	CHECK_STR(get_str(user, "email"), "nora@example.org");
	/* Self-registration makes an organizer, as on core servers. */
	CHECK_STR(get_str(user, "role"), "organizer");
	CHECK(get_str(user, "created_at") != NULL);
	CHECK(json_object_get(user, "password_hash") == NULL);
	token = strdup(get_str(req.reply.json, "token"));
	reply_done(&req.reply);

	/* The token works at once, and so does the password. */
	call("GET", "/api/users/profile", NULL, token, &req);
	CHECK_INT(req.reply.status, 200);
	CHECK_STR(get_str(json_object_get(req.reply.json, "user"), "email"),
	    "nora@example.org");
	reply_done(&req.reply);
	again = login("nora@example.org", "a long secret");
	CHECK(again != NULL);
	free(again);
	free(token);
}

static void
test_register_validation(void)
{
	/* Shapes of email that are not addresses. */
	static const char *const bad[] = { "a@b", "@example.org",
	    "a b@example.org", "a@@example.org", "a@example.", "a@.org" };
	struct request	 req;
	char		 body[1024], name[300];
	size_t		 i;

	/* Every problem at once. */
	call("POST", "/api/auth/register", "{}", NULL, &req);
	CHECK_INT(req.reply.status, 400);
	CHECK_STR(get_str(req.reply.json, "message"), "Validation failed");
	CHECK_INT(error_count(&req), 3);
	CHECK_STR(field_error(&req, "name"), "Name is required");
	CHECK_STR(field_error(&req, "email"), "Email is required");
	CHECK_STR(field_error(&req, "password"), "Password is required");
	reply_done(&req.reply);

	call("POST", "/api/auth/register", "{\"name\":\"   \",\"email\":"
	    "\"no-at-sign\",\"password\":\"1234567\"}", NULL, &req);
	CHECK_INT(req.reply.status, 400);
	CHECK_INT(error_count(&req), 3);
	CHECK_STR(field_error(&req, "name"), "Name cannot be empty");
	CHECK(field_error(&req, "email") != NULL);
	CHECK_STR(field_error(&req, "password"),
	    "Password must be at least 8 characters long");
	reply_done(&req.reply);

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(body, sizeof body, "{\"name\":\"X\",\"email\":\"%s\","
		    "\"password\":\"12345678\"}", bad[i]);
		call("POST", "/api/auth/register", body, NULL, &req);
		CHECK_INT(req.reply.status, 400);
		CHECK(field_error(&req, "email") != NULL);
		CHECK_INT(error_count(&req), 1);
		reply_done(&req.reply);
	}

	/* Wrong types, and a name one character too long. */
	memset(name, 'n', 256);
	name[256] = '\0';
	snprintf(body, sizeof body, "{\"name\":\"%s\",\"email\":42,"
	    "\"password\":true}", name);
	call("POST", "/api/auth/register", body, NULL, &req);
	CHECK_INT(req.reply.status, 400);
	CHECK_STR(field_error(&req, "name"),
	    "Name must be at most 255 characters long");
	CHECK_STR(field_error(&req, "email"), "Email must be a string");
	CHECK_STR(field_error(&req, "password"), "Password must be a string");
	reply_done(&req.reply);

	/* bcrypt reads 72 bytes: a longer password would be cut silently. */
	memset(name, 'p', 73);
	name[73] = '\0';
	snprintf(body, sizeof body, "{\"name\":\"X\",\"email\":"
	    "\"long@example.org\",\"password\":\"%s\"}", name);
	call("POST", "/api/auth/register", body, NULL, &req);
	CHECK_INT(req.reply.status, 400);
	CHECK(field_error(&req, "password") != NULL);
	reply_done(&req.reply);

	call("POST", "/api/auth/register", "[1,2]", NULL, &req);
	CHECK_INT(req.reply.status, 400);
	reply_done(&req.reply);
	call("POST", "/api/auth/register", "{\"name\":", NULL, &req);
	CHECK_INT(req.reply.status, 400);
	reply_done(&req.reply);
}

static void
test_register_duplicate(void)
{
	struct request	req;

	/* Addresses compare without regard to case. */
	call("POST", "/api/auth/register", "{\"name\":\"Copy\",\"email\":"
	    "\"ADMIN@example.com\",\"password\":\"12345678\"}", NULL, &req);
	CHECK_INT(req.reply.status, 400);
	CHECK(strstr(get_str(req.reply.json, "message"), "already exists") !=
	    NULL);
	CHECK(field_error(&req, "email") != NULL);
	reply_done(&req.reply);
}

static void
test_profile(void)
{
	struct request	 req;
	char		*token, *fresh, *again;

	token = signup("Paul", "paul@example.org", "paul-secret");
	CHECK(token != NULL);

	call("PUT", "/api/users/profile", "{\"name\":\"Paul Renamed\"}", token,
	    &req);
	CHECK_INT(req.reply.status, 200);
	CHECK_STR(get_str(json_object_get(req.reply.json, "user"), "name"),
	    "Paul Renamed");
	CHECK_STR(get_str(json_object_get(req.reply.json, "user"), "email"),
	    "paul@example.org");
	reply_done(&req.reply);

	/* A new email: the answer carries a token that names it. */
	call("PUT", "/api/users/profile", "{\"email\":\"paul2@example.org\"}",
	    token, &req);
	CHECK_INT(req.reply.status, 200);
	fresh = strdup(get_str(req.reply.json, "token"));
	reply_done(&req.reply);
	call("GET", "/api/users/profile", NULL, fresh, &req);
	CHECK_STR(get_str(json_object_get(req.reply.json, "user"), "email"),
	    "paul2@example.org");
	CHECK_STR(get_str(json_object_get(req.reply.json, "user"), "name"),
	    "Paul Renamed");
	reply_done(&req.reply);
	again = login("paul2@example.org", "paul-secret");
	CHECK(again != NULL);
	free(again);
	CHECK(login("paul@example.org", "paul-secret") == NULL);

	/* Taken by another account: 400, about the email. */
	call("PUT", "/api/users/profile", "{\"email\":\"organizer@example.com\"}",
	    fresh, &req);
	CHECK_INT(req.reply.status, 400);
	CHECK(field_error(&req, "email") != NULL);
	CHECK(strstr(get_str(req.reply.json, "message"), "organizer@") !=
	    NULL);
	reply_done(&req.reply);

	call("PUT", "/api/users/profile", "{\"email\":\"nope\",\"name\":\"\"}",
	    fresh, &req);
	CHECK_INT(req.reply.status, 400);
	CHECK_INT(error_count(&req), 2);
	reply_done(&req.reply);
	call("PUT", "/api/users/profile", "{}", fresh, &req);
	CHECK_INT(req.reply.status, 400);
	CHECK_INT(error_count(&req), 1);
	reply_done(&req.reply);
	call("PUT", "/api/users/profile", "{\"name\":\"X\"}", NULL, &req);
	CHECK_INT(req.reply.status, 401);
	reply_done(&req.reply);
	free(fresh);
	free(token);
}

static void
test_change_password(void)
{
	struct request	 req;
	char		*token, *again;

	token = signup("Pia", "pia@example.org", "first-secret");
	CHECK(token != NULL);

	/* A wrong current password is a 400: the session itself is fine. */
	call("PUT", "/api/users/change-password", "{\"currentPassword\":"
	    "\"guess-work\",\"newPassword\":\"second-secret\"}", token, &req);
	CHECK_INT(req.reply.status, 400);
	CHECK_STR(field_error(&req, "currentPassword"),
	    "The current password is not correct");
	reply_done(&req.reply);

	call("PUT", "/api/users/change-password", "{\"currentPassword\":"
	    "\"first-secret\",\"newPassword\":\"short\"}", token, &req);
	CHECK_INT(req.reply.status, 400);
	CHECK(field_error(&req, "newPassword") != NULL);
	CHECK_INT(error_count(&req), 1);
	reply_done(&req.reply);

	call("PUT", "/api/users/change-password", "{}", token, &req);
	CHECK_INT(req.reply.status, 400);
	CHECK_INT(error_count(&req), 2);
	reply_done(&req.reply);

	call("PUT", "/api/users/change-password", "{\"currentPassword\":"
	    "\"first-secret\",\"newPassword\":\"second-secret\"}", NULL, &req);
	CHECK_INT(req.reply.status, 401);
	reply_done(&req.reply);

	call("PUT", "/api/users/change-password", "{\"currentPassword\":"
	    "\"first-secret\",\"newPassword\":\"second-secret\"}", token, &req);
	CHECK_INT(req.reply.status, 200);
	CHECK_STR(get_str(req.reply.json, "message"), "Password changed");
	reply_done(&req.reply);
	CHECK(login("pia@example.org", "first-secret") == NULL);
	again = login("pia@example.org", "second-secret");
	CHECK(again != NULL);
	free(again);
	free(token);
}

/* The id of the first event of a list path, or 0. */
static int64_t
first_event(const char *path)
{
	struct request	req;
	int64_t		id;

	call("GET", path, NULL, NULL, &req);
	id = get_int(json_array_get(json_object_get(req.reply.json,
	    "events"), 0), "id");
	reply_done(&req.reply);
	return (id);
}

static void
test_stats(void)
{
	struct request	 req;
	json_t		*stats;
	char		*token, path[64], inm[160];
	int64_t		 upcoming, past, own;

	token = signup("Sol", "sol@example.org", "sol-secret");
	call("GET", "/api/users/stats", NULL, token, &req);
	CHECK_INT(req.reply.status, 200);
	stats = json_object_get(req.reply.json, "stats");
	CHECK_INT(get_int(stats, "events_created"), 0);
	CHECK_INT(get_int(stats, "events_registered"), 0);
	CHECK_INT(get_int(stats, "upcoming_events"), 0);
	reply_done(&req.reply);

	call("POST", "/api/events", "{\"title\":\"Sol's\",\"date_time\":"
	    "\"2099-01-01T10:00:00Z\",\"location\":\"Sun\",\"max_capacity\":5}",
	    token, &req);
	CHECK_INT(req.reply.status, 201);
	own = get_int(json_object_get(req.reply.json, "event"), "id");
	reply_done(&req.reply);
	upcoming = first_event("/api/events");
	past = first_event("/api/events?include_past=1");
	snprintf(path, sizeof path, "/api/events/%lld/register",
	    (long long)upcoming);
	call("POST", path, NULL, token, &req);
	CHECK_INT(req.reply.status, 201);
	reply_done(&req.reply);

	/* An event that has begun takes no more registrations. */
	snprintf(path, sizeof path, "/api/events/%lld/register",
	    (long long)past);
	call("POST", path, NULL, token, &req);
	CHECK_INT(req.reply.status, 400);
	CHECK_STR(reply_message(&req.reply),
	    "Event has already started: registration is closed");
	reply_done(&req.reply);

	/* A registration whose event then moves into the past. */
	snprintf(path, sizeof path, "/api/events/%lld/register",
	    (long long)own);
	call("POST", path, NULL, token, &req);
	CHECK_INT(req.reply.status, 201);
	reply_done(&req.reply);
	snprintf(path, sizeof path, "/api/events/%lld", (long long)own);
	call("PUT", path, "{\"date_time\":\"2001-01-01T10:00:00Z\"}", token,
	    &req);
	CHECK_INT(req.reply.status, 200);
	reply_done(&req.reply);

	call("GET", "/api/users/stats", NULL, token, &req);
	stats = json_object_get(req.reply.json, "stats");
	CHECK_INT(get_int(stats, "events_created"), 1);
	CHECK_INT(get_int(stats, "events_registered"), 2);
	CHECK_INT(get_int(stats, "upcoming_events"), 1);
	CHECK(req.etag[0] != '\0');
	snprintf(inm, sizeof inm, "If-None-Match: %s", req.etag);
	reply_done(&req.reply);

	/* Unchanged figures: 304 for the ETag just seen. */
	memset(&req, 0, sizeof req);
	req.method = "GET";
	snprintf(req.path, sizeof req.path, "/api/users/stats");
	req.token = token;
	req.header = inm;
	support_http_request(mock.url, &req);
	CHECK_INT(req.reply.status, 304);
	reply_done(&req.reply);

	call("GET", "/api/users/stats", NULL, NULL, &req);
	CHECK_INT(req.reply.status, 401);
	reply_done(&req.reply);
	free(token);
}

static void
test_stop(void)
{
	/* A clean exit: 0, with nothing leaked or misused on the way. */
	CHECK_INT(support_mock_stop(&mock), 0);
	curl_global_cleanup();
}

TEST_MAIN(
	TEST_CASE(test_start),
	TEST_CASE(test_register),
	TEST_CASE(test_register_validation),
	TEST_CASE(test_register_duplicate),
	TEST_CASE(test_profile),
	TEST_CASE(test_change_password),
	TEST_CASE(test_stats),
	TEST_CASE(test_stop))
