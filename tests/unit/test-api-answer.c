/*
 * What an answer means: each shape of a failed answer, and each way the
 * WebSocket closes, maps to one reason, a status and a sentence.
 */
#include <stdlib.h>
#include <string.h>

#include "api-private.h"
#include "model.h"
#include "test.h"

#define SERVER	"http://ev.example"

static void
answer(struct rest_response *resp, long status, const char *body)
{
	memset(resp, 0, sizeof *resp);
	resp->status = status;
	resp->body = body;
	resp->len = strlen(body);
	resp->retry_after = -1;
	resp->rate_limit = -1;
	resp->rate_remaining = -1;
	resp->rate_reset = -1;
}

static void
test_answers(void)
{
	static const struct {
		long		 status;
		const char	*body;
		long		 retry_after;
		int		 sign_in;
		int		 want_status;
		enum api_reason	 want_reason;
		const char	*want_sentence;
	} cases[] = {
		/* A 401 is a sign-out whatever it says. */
		{ 401, "{\"message\":\"jwt malformed\"}", -1, 0, API_ERR_AUTH,
		  API_REASON_SIGNED_OUT, "signed out: sign in again" },
		{ 401, "", -1, 0, API_ERR_AUTH,
		  API_REASON_SIGNED_OUT, "signed out: sign in again" },
		/* A 403 only when it speaks of the token (API.md). */
		{ 403, "{\"message\":\"Invalid token\"}", -1, 0, API_ERR_AUTH,
		  API_REASON_SIGNED_OUT, "signed out: sign in again" },
		{ 403, "{\"message\":\"Token expired\"}", -1, 0, API_ERR_AUTH,
		  API_REASON_SIGNED_OUT, "signed out: sign in again" },
		{ 403, "{\"error\":\"TOKEN revoked\"}", -1, 0, API_ERR_AUTH,
		  API_REASON_SIGNED_OUT, "signed out: sign in again" },
		{ 403, "{\"message\":\"Not the creator\"}", -1, 0,
		  API_ERR_FAILED, API_REASON_REFUSED,
		  "server answered 403: Not the creator" },
		{ 403, "", -1, 0, API_ERR_FAILED, API_REASON_REFUSED,
		  "server answered 403" },
		{ 404, "", -1, 0, API_ERR_FAILED, API_REASON_NOT_FOUND,
		  "the server has no such resource (is " SERVER " an Event "
		  "API server?)" },
		{ 404, "{\"message\":\"Event not found\"}", -1, 0,
		  API_ERR_FAILED, API_REASON_NOT_FOUND,
		  "server answered 404: Event not found" },
		{ 400, "{\"message\":\"Validation failed\",\"errors\":["
		  "{\"field\":\"title\",\"message\":\"is required\"}]}", -1, 0,
		  API_ERR_FAILED, API_REASON_REFUSED,
		  "server answered 400: Validation failed: title: is "
		  "required" },
		{ 412, "{\"message\":\"Stale\"}", -1, 0, API_ERR_FAILED,
		  API_REASON_REFUSED, "server answered 412: Stale" },
		{ 429, "", 30, 0, API_ERR_FAILED, API_REASON_RATE_LIMITED,
		  "the server asks to wait 30 s (rate limited)" },
		{ 429, "", -1, 0, API_ERR_FAILED, API_REASON_RATE_LIMITED,
		  "the server is limiting requests (rate limited); try "
		  "again later" },
		{ 500, "<html>oops</html>", -1, 0, API_ERR_FAILED,
		  API_REASON_SERVER_ERROR,
		  "server answered 500 with something that is not JSON" },
		{ 503, "{\"message\":\"Down for upkeep\"}", 5, 0,
		  API_ERR_FAILED, API_REASON_SERVER_ERROR,
		  "server answered 503: Down for upkeep" },
		{ 302, "", -1, 0, API_ERR_FAILED, API_REASON_SERVER_ERROR,
		  "server answered 302" },
		/* The answer to a sign-in: a refused password. */
		{ 401, "", -1, 1, API_ERR_AUTH, API_REASON_SIGN_IN_REFUSED,
		  "sign-in refused: wrong email or password" },
		{ 400, "{\"message\":\"Invalid credentials\"}", -1, 1,
		  API_ERR_AUTH, API_REASON_SIGN_IN_REFUSED,
		  "sign-in refused: Invalid credentials" },
		{ 403, "{\"message\":\"Invalid token\"}", -1, 1, API_ERR_AUTH,
		  API_REASON_SIGN_IN_REFUSED,
		  "sign-in refused: Invalid token" },
		/* ... or one for the address itself: ask for it again. */
		{ 400, "{\"message\":\"Validation failed\",\"errors\":["
		  "{\"field\":\"email\",\"message\":\"must be an email\"}]}",
		  -1, 1, API_ERR_AUTH, API_REASON_BAD_EMAIL,
		  "sign-in refused: Validation failed: email: must be an "
		  "email" },
		{ 400, "{\"errors\":[{\"type\":\"field\",\"path\":\"email\","
		  "\"msg\":\"Please provide a valid email\"}]}", -1, 1,
		  API_ERR_AUTH, API_REASON_BAD_EMAIL, "sign-in refused: "
		  "Validation failed: email: Please provide a valid email" },
		{ 404, "{\"message\":\"User not found\"}", -1, 1, API_ERR_AUTH,
		  API_REASON_BAD_EMAIL, "sign-in refused: User not found" },
		{ 400, "{\"errors\":[{\"path\":\"password\",\"msg\":\"is "
		  "required\"}]}", -1, 1, API_ERR_AUTH,
		  API_REASON_SIGN_IN_REFUSED, "sign-in refused: Validation "
		  "failed: password: is required" },
		/* No such route at all is not about the user. */
		{ 404, "", -1, 1, API_ERR_FAILED, API_REASON_NOT_FOUND,
		  "the server has no such resource (is " SERVER " an Event "
		  "API server?)" },
		{ 500, "", -1, 1, API_ERR_FAILED, API_REASON_SERVER_ERROR,
		  "server answered 500" },
		{ 429, "", 9, 1, API_ERR_FAILED, API_REASON_RATE_LIMITED,
		  "the server asks to wait 9 s (rate limited)" },
	};
	struct rest_response	 resp;
	enum api_reason		 reason;
	char			*sentence;
	size_t			 i;
	int			 status, before;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		before = test_failures;
		answer(&resp, cases[i].status, cases[i].body);
		resp.retry_after = cases[i].retry_after;
		sentence = NULL;
		reason = API_REASON_NONE;
		status = api_answer_judge(&resp, SERVER, cases[i].sign_in,
		    &reason, &sentence);
		CHECK_INT(status, cases[i].want_status);
		CHECK_INT(reason, cases[i].want_reason);
		CHECK_STR(sentence, cases[i].want_sentence);
		if (test_failures != before)
			fprintf(stderr, "  case %zu: %ld %s\n", i,
			    cases[i].status, cases[i].body);
		free(sentence);
	}
}

/*
 * A refused registration, read once: what core servers and the mock say
 * in a 400 becomes an outcome; anything else stays a plain failure.
 */
static void
test_registrations(void)
{
	static const struct {
		long			 status;
		const char		*body;
		enum api_reg_outcome	 want;
	} cases[] = {
		{ 400, "{\"message\":\"Event is at full capacity\"}",
		  API_REG_FULL },
		{ 400, "{\"message\":\"This event is full\"}", API_REG_FULL },
		{ 400, "{\"message\":\"You are already registered for this "
		  "event\"}", API_REG_ALREADY },
		{ 400, "{\"message\":\"Already registered for this event "
		  "(confirmed)\"}", API_REG_ALREADY },		/* the mock */
		{ 409, "{\"error\":\"User already registered\"}",
		  API_REG_ALREADY },
		{ 400, "{\"message\":\"Registration is closed\"}",
		  API_REG_FAILED },
		{ 400, "", API_REG_FAILED },
		{ 404, "{\"message\":\"Registration not found\"}",
		  API_REG_FAILED },
		/* Never from a token, a rate limit or a server's fault. */
		{ 403, "{\"message\":\"Token expired: already registered?"
		  "\"}", API_REG_FAILED },
		{ 429, "{\"message\":\"Event is at full capacity\"}",
		  API_REG_FAILED },
		{ 500, "{\"message\":\"Event is at full capacity\"}",
		  API_REG_FAILED },
	};
	struct rest_response	 resp;
	enum api_reason		 reason;
	char			*sentence, *msg;
	size_t			 i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		answer(&resp, cases[i].status, cases[i].body);
		sentence = NULL;
		api_answer_judge(&resp, SERVER, 0, &reason, &sentence);
		msg = model_parse_error(resp.body, resp.len);
		CHECK_INT(api_answer_registration(reason, msg), cases[i].want);
		if (api_answer_registration(reason, msg) != cases[i].want)
			fprintf(stderr, "  case %zu: %ld %s\n", i,
			    cases[i].status, cases[i].body);
		free(msg);
		free(sentence);
	}
}

/* How long a server asks us to wait before the next request. */
static void
test_waits(void)
{
	struct rest_response	resp;

	answer(&resp, 429, "");
	CHECK_INT(api_answer_wait(&resp), API_RATE_WAIT_DEFAULT);
	resp.rate_reset = 7;
	CHECK_INT(api_answer_wait(&resp), 7);
	resp.retry_after = 3;
	CHECK_INT(api_answer_wait(&resp), 3);
	answer(&resp, 503, "");
	CHECK_INT(api_answer_wait(&resp), -1);
	resp.retry_after = 5;
	CHECK_INT(api_answer_wait(&resp), 5);
	answer(&resp, 500, "");
	resp.retry_after = 5;
	CHECK_INT(api_answer_wait(&resp), -1);
}

/* The WebSocket's ways of closing. */
static void
test_closed(void)
{
	CHECK_INT(api_answer_closed(4401, 0), API_REASON_SIGNED_OUT);
	CHECK_INT(api_answer_closed(0, 401), API_REASON_SIGNED_OUT);
	CHECK_INT(api_answer_closed(0, 403), API_REASON_SIGNED_OUT);
	CHECK_INT(api_answer_closed(0, 404), API_REASON_NO_WEBSOCKET);
	CHECK_INT(api_answer_closed(1006, 0), API_REASON_LINK_LOST);
	CHECK_INT(api_answer_closed(1001, 0), API_REASON_LINK_LOST);
	CHECK_INT(api_answer_closed(0, 500), API_REASON_LINK_LOST);
	CHECK_INT(api_answer_closed(0, 0), API_REASON_LINK_LOST);
}

/* An error is read once: the reason, the server's message, each field. */
static void
test_error_fields(void)
{
	struct rest_response	 resp;
	struct api_error	 e;

	/* This API's shape. */
	answer(&resp, 400, "{\"message\":\"Validation failed\",\"errors\":["
	    "{\"field\":\"title\",\"message\":\"is required\"},"
	    "{\"field\":\"max_capacity\",\"message\":\"must be at least "
	    "1\"}]}");
	CHECK_INT(api_answer_error(&resp, SERVER, 0, &e), API_ERR_FAILED);
	CHECK_INT(e.reason, API_REASON_REFUSED);
	CHECK_INT(e.http, 400);
	CHECK_STR(e.message, "Validation failed");
	CHECK_STR(e.sentence, "server answered 400: Validation failed: title: "
	    "is required; max_capacity: must be at least 1");
	CHECK_INT(e.nfields, 2);
	if (e.nfields == 2) {
		CHECK_STR(e.fields[0].field, "title");
		CHECK_STR(e.fields[0].message, "is required");
		CHECK_STR(e.fields[1].field, "max_capacity");
	}
	CHECK(e.current == NULL);
	api_error_done(&e);

	/* express-validator's shape, with no message of its own. */
	answer(&resp, 400, "{\"errors\":[{\"type\":\"field\",\"path\":"
	    "\"title\",\"msg\":\"Title is required\",\"location\":"
	    "\"body\"}]}");
	CHECK_INT(api_answer_error(&resp, SERVER, 0, &e), API_ERR_FAILED);
	CHECK_INT(e.reason, API_REASON_REFUSED);
	CHECK(e.message == NULL);
	CHECK_INT(e.nfields, 1);
	if (e.nfields == 1) {
		CHECK_STR(e.fields[0].field, "title");
		CHECK_STR(e.fields[0].message, "Title is required");
	}
	CHECK_STR(e.sentence, "server answered 400: Validation failed: title: "
	    "Title is required");
	api_error_done(&e);

	/* A plain message; a page that is no JSON; no answer at all. */
	answer(&resp, 403, "{\"message\":\"Not the creator\"}");
	api_answer_error(&resp, SERVER, 0, &e);
	CHECK_INT(e.reason, API_REASON_REFUSED);
	CHECK_STR(e.message, "Not the creator");
	CHECK_INT(e.nfields, 0);
	api_error_done(&e);
	answer(&resp, 502, "<html>Bad gateway</html>");
	api_answer_error(&resp, SERVER, 0, &e);
	CHECK_INT(e.reason, API_REASON_SERVER_ERROR);
	CHECK(e.message == NULL);
	CHECK_STR(e.sentence, "server answered 502 with something that is not "
	    "JSON");
	api_error_done(&e);
	api_answer_unreachable("cannot connect to ev.example", &e);
	CHECK_INT(e.status, API_ERR_UNREACHABLE);
	CHECK_INT(e.reason, API_REASON_UNREACHABLE);
	CHECK_INT(e.http, 0);
	CHECK_STR(e.sentence, "cannot connect to ev.example");
	api_error_done(&e);

	/* The sign-in's reading is the same as api_answer_judge's. */
	answer(&resp, 400, "{\"errors\":[{\"path\":\"email\",\"msg\":"
	    "\"Please provide a valid email\"}]}");
	CHECK_INT(api_answer_error(&resp, SERVER, 1, &e), API_ERR_AUTH);
	CHECK_INT(e.reason, API_REASON_BAD_EMAIL);
	api_error_done(&e);
}

/* A 412 is a conflict carrying the server's version, for a diff. */
static void
test_error_conflict(void)
{
	static const char	 body[] = "{\"message\":\"Stale version\","
	    "\"event\":{\"id\":5,\"title\":\"Theirs\",\"version\":4}}";
	struct rest_response	 resp;
	struct api_error	 e;
	enum api_reason		 reason;
	char			*sentence;

	answer(&resp, 412, body);
	CHECK_INT(api_answer_error(&resp, SERVER, 0, &e), API_ERR_FAILED);
	CHECK_INT(e.reason, API_REASON_CONFLICT);
	CHECK_INT(e.http, 412);
	CHECK_STR(e.sentence, "changed by someone else since it was read: "
	    "Stale version");
	CHECK_STR(e.current, body);
	CHECK_INT(e.current_len, strlen(body));
	api_error_done(&e);
	CHECK(e.current == NULL && e.sentence == NULL);
	/* Callers that know no conflicts still see a refusal. */
	api_answer_judge(&resp, SERVER, 0, &reason, &sentence);
	CHECK_INT(reason, API_REASON_REFUSED);
	free(sentence);
}

/* Which failures are sent again, and after how long. */
static void
test_retry_policy(void)
{
	struct rest_response	 resp;
	uint32_t		 rng = 12345;
	long			 ms, prev_max = 0;
	int			 tries, i;

	/* Reads: a 5xx, a reset, a stall; with back-off, then no more. */
	for (tries = 1; tries < API_RETRY_TRIES; tries++) {
		answer(&resp, 500, "");
		for (i = 0; i < 50; i++) {
			ms = api_answer_retry(0, 0, tries, &resp,
			    REST_FAILED_NONE, &rng);
			CHECK(ms >= API_RETRY_BASE_MS / 2);
			CHECK(ms <= API_RETRY_CAP_MS);
			if (ms > prev_max)
				prev_max = ms;
		}
	}
	CHECK(prev_max > API_RETRY_CAP_MS / 2);
	CHECK_INT(api_answer_retry(0, 0, API_RETRY_TRIES, &resp,
	    REST_FAILED_NONE, &rng), -1);
	CHECK(api_answer_retry(0, 0, 1, NULL, REST_FAILED_RESET, &rng) > 0);
	CHECK(api_answer_retry(0, 0, 1, NULL, REST_FAILED_TIMEOUT, &rng) > 0);
	CHECK_INT(api_answer_retry(0, 0, 1, NULL, REST_FAILED_OTHER, &rng),
	    -1);
	answer(&resp, 504, "");
	CHECK(api_answer_retry(0, 0, 1, &resp, REST_FAILED_NONE, &rng) > 0);
	/* A refusal or a 501 is the answer. */
	answer(&resp, 404, "");
	CHECK_INT(api_answer_retry(0, 0, 1, &resp, REST_FAILED_NONE, &rng), -1);
	answer(&resp, 501, "");
	CHECK_INT(api_answer_retry(0, 0, 1, &resp, REST_FAILED_NONE, &rng), -1);
	/* A 429 is never sent again here: its Retry-After holds it. */
	answer(&resp, 429, "");
	resp.retry_after = 1;
	CHECK_INT(api_answer_retry(0, 0, 1, &resp, REST_FAILED_NONE, &rng), -1);
	/* A 503's Retry-After is waited out, unless it is long. */
	answer(&resp, 503, "");
	resp.retry_after = 3;
	CHECK(api_answer_retry(0, 0, 1, &resp, REST_FAILED_NONE, &rng) >=
	    3000);
	resp.retry_after = API_RETRY_AFTER_MAX + 1;
	CHECK_INT(api_answer_retry(0, 0, 1, &resp, REST_FAILED_NONE, &rng), -1);
	/* Writes: only without an answer, and only with idempotency. */
	CHECK_INT(api_answer_retry(1, 0, 1, NULL, REST_FAILED_RESET, &rng), -1);
	CHECK(api_answer_retry(1, 1, 1, NULL, REST_FAILED_RESET, &rng) > 0);
	CHECK(api_answer_retry(1, 1, 1, NULL, REST_FAILED_TIMEOUT, &rng) > 0);
	CHECK_INT(api_answer_retry(1, 1, 1, NULL, REST_FAILED_OTHER, &rng), -1);
	answer(&resp, 503, "");
	CHECK_INT(api_answer_retry(1, 1, 1, &resp, REST_FAILED_NONE, &rng), -1);
	answer(&resp, 500, "");
	CHECK_INT(api_answer_retry(1, 1, 1, &resp, REST_FAILED_NONE, &rng), -1);
}

/* Every reason has a name of its own for the trace log. */
static void
test_names(void)
{
	int	i, j;

	for (i = 0; i < API_REASON_COUNT; i++) {
		CHECK(strcmp(api_reason_name(i), "?") != 0);
		for (j = 0; j < i; j++)
			CHECK(strcmp(api_reason_name(i), api_reason_name(j)) !=
			    0);
	}
	CHECK_STR(api_reason_name(API_REASON_SIGNED_OUT), "signed-out");
	CHECK_STR(api_reason_name(API_REASON_COUNT), "?");
	CHECK_STR(api_reason_name((enum api_reason)-1), "?");
}

TEST_MAIN(
	TEST_CASE(test_answers),
	TEST_CASE(test_registrations),
	TEST_CASE(test_waits),
	TEST_CASE(test_closed),
	TEST_CASE(test_names),
	TEST_CASE(test_error_fields),
	TEST_CASE(test_error_conflict),
	TEST_CASE(test_retry_policy)
)
