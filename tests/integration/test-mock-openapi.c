/*
 * GET /api/openapi.json from a real evtop-mock: the embedded OpenAPI
 * document as JSON, with an ETag that a conditional GET turns into a 304.
 */
#include <curl/curl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mockproc.h"
#include "test.h"

/* Seconds: only a guard against hangs, never asserted. */
#define DEADLINE	30

static struct mockproc	mock;
static int		mock_up;

struct answer {
	long	 status;
	char	*body;
	size_t	 len;
	char	 etag[128];
	char	 type[128];
};

static size_t
on_body(char *data, size_t size, size_t n, void *arg)
{
	struct answer	*a = arg;

	a->body = realloc(a->body, a->len + size * n + 1);
	if (a->body == NULL)
		abort();
	memcpy(a->body + a->len, data, size * n);
	a->len += size * n;
	a->body[a->len] = '\0';
	return (size * n);
}

/* Keeps the ETag header's value (support-http.c reads no headers). */
static size_t
on_header(char *data, size_t size, size_t n, void *arg)
{
	struct answer	*a = arg;
	size_t		 len = size * n;

	if (len > 5 && strncasecmp(data, "ETag:", 5) == 0) {
		data += 5;
		len -= 5;
		while (len > 0 && (*data == ' ' || *data == '\t')) {
			data++;
			len--;
		}
		while (len > 0 && (data[len - 1] == '\r' ||
		    data[len - 1] == '\n' || data[len - 1] == ' '))
			len--;
		if (len >= sizeof a->etag)
			len = sizeof a->etag - 1;
		memcpy(a->etag, data, len);
		a->etag[len] = '\0';
	}
	return (size * n);
}

/* GET path, with If-None-Match when inm is not NULL. */
static void
get(const char *path, const char *inm, struct answer *a)
{
	CURL			*curl;
	struct curl_slist	*headers = NULL;
	const char		*type = NULL;
	char			 url[256], h[256];

	memset(a, 0, sizeof *a);
	snprintf(url, sizeof url, "%s%s", mock.url, path);
	curl = curl_easy_init();
	curl_easy_setopt(curl, CURLOPT_URL, url);
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, a);
	curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(curl, CURLOPT_HEADERDATA, a);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, (long)DEADLINE);
	if (inm != NULL) {
		snprintf(h, sizeof h, "If-None-Match: %s", inm);
		headers = curl_slist_append(headers, h);
		curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
	}
	if (curl_easy_perform(curl) == CURLE_OK) {
		curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &a->status);
		curl_easy_getinfo(curl, CURLINFO_CONTENT_TYPE, &type);
		if (type != NULL)
			snprintf(a->type, sizeof a->type, "%s", type);
	}
	curl_slist_free_all(headers);
	curl_easy_cleanup(curl);
}

static void
answer_done(struct answer *a)
{
	free(a->body);
	memset(a, 0, sizeof *a);
}

static void
test_start(void)
{
	static const char *const	 extra[] = { "--hash-cost", "4", NULL };
	char				*cause = NULL;

	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (mockproc_start(&mock, getenv("EVTOP_MOCK"), extra, -1,
	    DEADLINE * 1000, &cause) != 0) {
		fprintf(stderr, "evtop-mock did not start: %s\n", cause);
		free(cause);
		CHECK(!"evtop-mock starts");
		return;
	}
	mock_up = 1;
}

static void
test_document_served(void)
{
	struct answer	 a, again;
	json_t		*doc;
	const char	*version;

	if (!mock_up)
		return;
	get("/api/openapi.json", NULL, &a);
	CHECK_INT(a.status, 200);
	CHECK(strncmp(a.type, "application/json", 16) == 0);
	CHECK(a.etag[0] == '"');
	doc = a.body != NULL ? json_loads(a.body, 0, NULL) : NULL;
	CHECK(doc != NULL);
	version = json_string_value(json_object_get(doc, "openapi"));
	CHECK(version != NULL && strncmp(version, "3.", 2) == 0);
	/* It describes itself. */
	CHECK(json_object_get(json_object_get(json_object_get(doc, "paths"),
	    "/api/openapi.json"), "get") != NULL);
	json_decref(doc);

	/* The document does not change while the server runs. */
	get("/api/openapi.json", "\"stale\"", &again);
	CHECK_INT(again.status, 200);
	CHECK_STR(again.etag, a.etag);
	CHECK_INT(again.len, a.len);
	answer_done(&again);

	get("/api/openapi.json", a.etag, &again);
	CHECK_INT(again.status, 304);
	CHECK_INT(again.len, 0);
	answer_done(&again);
	answer_done(&a);
}

static void
test_stop(void)
{
	if (mock_up)
		mockproc_stop(&mock);
	mock_up = 0;
	curl_global_cleanup();
}

TEST_MAIN(
	TEST_CASE(test_start),
	TEST_CASE(test_document_served),
	TEST_CASE(test_stop))
