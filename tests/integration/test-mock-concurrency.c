/*
 * Capacity under a crowd: 2,000 people register for 50 seats at the same
 * moment, each on a connection of their own, against a real evtop-mock.
 * Exactly 50 get a seat, in the order they arrived, the rest wait in that
 * order, nobody is in twice and nothing fails; when 10 give their seat
 * up, the first 10 waiting take it.  One person registering many times at
 * once is registered once.
 */
#include <curl/curl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support-mock.h"
#include "test.h"

#define CROWD		2000
#define SEATS		50
#define LEAVERS		10
#define SIGNUPS_AT_ONCE	64
#define REPEATS		50

static struct mockproc	 mock;
static char		*organizer;
static int64_t		 user_ids[CROWD];
static char		*tokens[CROWD];
static int64_t		 event_id;

/* One request; the reply is the caller's to free. */
static void
call(const char *method, const char *path, const char *body,
    const char *token, struct request *req)
{
	support_call(mock.url, method, path, body, token, NULL, req);
}

/* Creates an event with this capacity as the organizer: its id, or 0. */
static int64_t
make_event(int capacity)
{
	struct request	 req;
	char		 body[256];
	int64_t		 id;

	snprintf(body, sizeof body, "{\"title\":\"Crowd test\",\"date_time\":"
	    "\"2099-06-15T09:00:00Z\",\"location\":\"Hall\","
	    "\"max_capacity\":%d}", capacity);
	call("POST", "/api/events", body, organizer, &req);
	CHECK_INT(req.reply.status, 201);
	id = get_int(json_object_get(req.reply.json, "event"), "id");
	reply_done(&req.reply);
	return (id);
}

static void
test_start(void)
{
	struct request	 req;

	curl_global_init(CURL_GLOBAL_DEFAULT);
	/* 2,000 connections each way, and a margin. */
	if (support_raise_nofile() < 2 * CROWD + 256)
		fprintf(stderr, "open-file limit below %d: connections may "
		    "queue\n", 2 * CROWD + 256);
	if (support_mock_start(&mock, NULL, 2) != 0)
		exit(1);
	call("POST", "/api/auth/register", "{\"name\":\"Olga Organizer\","
	    "\"email\":\"olga@example.org\",\"password\":\"crowd-test-1\"}",
	    NULL, &req);
	CHECK_INT(req.reply.status, 201);
	organizer = strdup(json_string_value(json_object_get(req.reply.json,
	    "token")));
	reply_done(&req.reply);
}

/*
 * Sign-up is the way in a crowd arrives, so the accounts come from it
 * too (bcrypt cost 4 keeps it to a few seconds), a few dozen at a time.
 */
static void
test_signups(void)
{
	struct request	*reqs;
	char		(*bodies)[160];
	size_t		 i, created = 0;

	reqs = calloc(CROWD, sizeof *reqs);
	bodies = calloc(CROWD, sizeof *bodies);
	for (i = 0; i < CROWD; i++) {
		snprintf(bodies[i], sizeof bodies[i], "{\"name\":\"Person "
		    "%zu\",\"email\":\"person%zu@example.org\",\"password\":"
		    "\"crowd-test-1\"}", i, i);
		reqs[i].method = "POST";
		snprintf(reqs[i].path, sizeof reqs[i].path,
		    "/api/auth/register");
		reqs[i].body = bodies[i];
	}
	support_http_many(mock.url, reqs, CROWD, SIGNUPS_AT_ONCE);
	for (i = 0; i < CROWD; i++) {
		if (reqs[i].reply.status != 201)
			continue;
		created++;
		tokens[i] = strdup(json_string_value(json_object_get(
		    reqs[i].reply.json, "token")));
		user_ids[i] = get_int(json_object_get(reqs[i].reply.json,
		    "user"), "id");
	}
	CHECK_INT(created, CROWD);
	support_requests_done(reqs, CROWD);
	free(reqs);
	free(bodies);
}

/*
 * The registrations of the event with this status, in registration
 * order, as user ids into out (up to max).  Returns the total.
 */
static int64_t
list_registrations(const char *status, int64_t *out, size_t max)
{
	struct request	 req;
	json_t		*item;
	char		 path[160];
	int64_t		 total = -1, page;
	size_t		 n = 0, i;

	for (page = 1; page <= 10; page++) {
		snprintf(path, sizeof path, "/api/events/%lld/registrations?"
		    "status=%s&per_page=500&page=%lld", (long long)event_id,
		    status, (long long)page);
		call("GET", path, NULL, organizer, &req);
		CHECK_INT(req.reply.status, 200);
		total = get_int(req.reply.json, "total");
		json_array_foreach(json_object_get(req.reply.json,
		    "registrations"), i, item) {
			if (n < max)
				out[n] = get_int(item, "user_id");
			n++;
		}
		reply_done(&req.reply);
		if ((int64_t)n >= total)
			break;
	}
	CHECK_INT(n, total);
	return (total);
}

/* The event's own counters. */
static void
check_counters(int64_t confirmed, int64_t waitlisted)
{
	struct request	 req;
	json_t		*ev;
	char		 path[64];

	snprintf(path, sizeof path, "/api/events/%lld", (long long)event_id);
	call("GET", path, NULL, organizer, &req);
	ev = json_object_get(req.reply.json, "event");
	CHECK_INT(get_int(ev, "current_registrations"), confirmed);
	CHECK_INT(get_int(ev, "waitlisted"), waitlisted);
	CHECK_INT(get_int(ev, "available_spots"), SEATS - confirmed);
	reply_done(&req.reply);
}

static int
cmp_id(const void *a, const void *b)
{
	int64_t	x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x < y ? -1 : x > y);
}

static size_t
index_of(int64_t user)
{
	size_t	i;

	for (i = 0; i < CROWD; i++) {
		if (user_ids[i] == user)
			return (i);
	}
	return (CROWD);
}

static int64_t	order[CROWD];		/* registration order, by user id */

static void
test_crowd_registers_at_once(void)
{
	struct request	*reqs;
	const char	*status;
	int64_t		 sorted[CROWD];
	size_t		 i, ok = 0, confirmed = 0, waitlisted = 0, failed = 0;
	size_t		 distinct;

	event_id = make_event(SEATS);
	reqs = calloc(CROWD, sizeof *reqs);
	for (i = 0; i < CROWD; i++) {
		reqs[i].method = "POST";
		snprintf(reqs[i].path, sizeof reqs[i].path,
		    "/api/events/%lld/register", (long long)event_id);
		reqs[i].token = tokens[i];
	}
	support_http_many(mock.url, reqs, CROWD, 0);
	for (i = 0; i < CROWD; i++) {
		if (reqs[i].reply.status == 0 || reqs[i].reply.status >= 500)
			failed++;
		if (reqs[i].reply.status != 201)
			continue;
		ok++;
		status = json_string_value(json_object_get(json_object_get(
		    reqs[i].reply.json, "registration"), "status"));
		if (status != NULL && strcmp(status, "confirmed") == 0)
			confirmed++;
		if (status != NULL && strcmp(status, "waitlisted") == 0)
			waitlisted++;
	}
	support_requests_done(reqs, CROWD);
	free(reqs);
	CHECK_INT(failed, 0);
	CHECK_INT(ok, CROWD);
	CHECK_INT(confirmed, SEATS);
	CHECK_INT(waitlisted, CROWD - SEATS);
	check_counters(SEATS, CROWD - SEATS);

	/* Everyone once, and the first to arrive have the seats. */
	CHECK_INT(list_registrations("all", order, CROWD), CROWD);
	memcpy(sorted, order, sizeof sorted);
	qsort(sorted, CROWD, sizeof sorted[0], cmp_id);
	for (i = 1, distinct = 1; i < CROWD; i++) {
		if (sorted[i] != sorted[i - 1])
			distinct++;
	}
	CHECK_INT(distinct, CROWD);
	for (i = 0; i < CROWD; i++)
		CHECK(index_of(order[i]) < CROWD);
	CHECK_INT(list_registrations("confirmed", sorted, CROWD), SEATS);
	qsort(sorted, SEATS, sizeof sorted[0], cmp_id);
	for (i = 0; i < SEATS; i++)
		CHECK(bsearch(&order[i], sorted, SEATS, sizeof sorted[0],
		    cmp_id) != NULL);
}

static void
test_seats_given_up_go_to_the_first_waiting(void)
{
	struct request	 reqs[LEAVERS];
	int64_t		 confirmed[SEATS], waiting[CROWD];
	size_t		 i, k;

	CHECK_INT(list_registrations("waitlisted", waiting, CROWD),
	    CROWD - SEATS);
	memset(reqs, 0, sizeof reqs);
	for (i = 0; i < LEAVERS; i++) {
		reqs[i].method = "DELETE";
		snprintf(reqs[i].path, sizeof reqs[i].path,
		    "/api/events/%lld/register", (long long)event_id);
		k = index_of(order[i * 3]);	/* confirmed: among the first */
		reqs[i].token = k < CROWD ? tokens[k] : NULL;
	}
	support_http_many(mock.url, reqs, LEAVERS, 0);
	for (i = 0; i < LEAVERS; i++)
		CHECK_INT(reqs[i].reply.status, 200);
	support_requests_done(reqs, LEAVERS);

	check_counters(SEATS, CROWD - SEATS - LEAVERS);
	CHECK_INT(list_registrations("confirmed", confirmed, SEATS), SEATS);
	qsort(confirmed, SEATS, sizeof confirmed[0], cmp_id);
	/* The first ten waiting have seats; the eleventh still waits. */
	for (i = 0; i < LEAVERS; i++)
		CHECK(bsearch(&waiting[i], confirmed, SEATS,
		    sizeof confirmed[0], cmp_id) != NULL);
	CHECK(bsearch(&waiting[LEAVERS], confirmed, SEATS,
	    sizeof confirmed[0], cmp_id) == NULL);
	CHECK_INT(list_registrations("waitlisted", waiting, CROWD),
	    CROWD - SEATS - LEAVERS);
}

static void
test_one_person_many_times_at_once(void)
{
	struct request	 reqs[REPEATS];
	int64_t		 users[4];
	size_t		 i, created = 0, refused = 0;

	event_id = make_event(5);
	memset(reqs, 0, sizeof reqs);
	for (i = 0; i < REPEATS; i++) {
		reqs[i].method = "POST";
		snprintf(reqs[i].path, sizeof reqs[i].path,
		    "/api/events/%lld/register", (long long)event_id);
		reqs[i].token = tokens[0];
	}
	support_http_many(mock.url, reqs, REPEATS, 0);
	for (i = 0; i < REPEATS; i++) {
		if (reqs[i].reply.status == 201)
			created++;
		else if (reqs[i].reply.status == 400)
			refused++;
	}
	support_requests_done(reqs, REPEATS);
	CHECK_INT(created, 1);
	CHECK_INT(refused, REPEATS - 1);
	CHECK_INT(list_registrations("all", users, 4), 1);
	CHECK_INT(users[0], user_ids[0]);
}

static void
test_stop(void)
{
	size_t	i;

	/* A clean exit: 0, with nothing leaked or misused on the way. */
	CHECK_INT(support_mock_stop(&mock), 0);
	for (i = 0; i < CROWD; i++)
		free(tokens[i]);
	free(organizer);
	curl_global_cleanup();
}

TEST_MAIN(
	TEST_CASE(test_start),
	TEST_CASE(test_signups),
	TEST_CASE(test_crowd_registers_at_once),
	TEST_CASE(test_seats_given_up_go_to_the_first_waiting),
	TEST_CASE(test_one_person_many_times_at_once),
	TEST_CASE(test_stop))
