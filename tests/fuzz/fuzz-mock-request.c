/*
 * Fuzz target: any request evtop-mock's pipeline and routes can be
 * handed.  The input is one byte (method in bits 0-2; bit 3: headers
 * follow), then "path?query\n", then "token\n", then with bit 3 lines of
 * "Name: value\n" up to an empty line, then the body.  A token line of
 * "@admin", "@organizer", "@staff" or "@attendee" becomes a valid token
 * for that demo account, so routes are explored with real authority.
 * Whatever it is, the answer has a real status and, when JSON, parses.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "auth.h"
#include "cache.h"
#include "db.h"
#include "http.h"
#include "hub.h"
#include "metrics.h"
#include "mock.h"
#include "pipeline.h"
#include "query.h"
#include "seed.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const enum http_method fuzz_methods[] = {
	HTTP_GET, HTTP_POST, HTTP_PUT, HTTP_PATCH, HTTP_DELETE, HTTP_HEAD,
	HTTP_OPTIONS, HTTP_OTHER
};

#define FUZZ_HEADERS	0x08	/* bit of the first byte */

static struct mock	fuzz_mock;

/* A valid token per demo role, signed again every few minutes. */
static const char *const fuzz_roles[] = {
	"admin", "organizer", "staff", "attendee"
};
static char	*fuzz_tokens[sizeof fuzz_roles / sizeof fuzz_roles[0]];
static time_t	 fuzz_signed;

static void
fuzz_sign_tokens(void)
{
	sqlite3_stmt	*stmt;
	size_t		 i;
	time_t		 now = time(NULL);

	if (fuzz_tokens[0] != NULL && now - fuzz_signed < 600)
		return;
	stmt = db_stmt(fuzz_mock.db, "SELECT id, email FROM users"
	    " WHERE role = ? ORDER BY id LIMIT 1");
	for (i = 0; i < sizeof fuzz_roles / sizeof fuzz_roles[0]; i++) {
		free(fuzz_tokens[i]);
		fuzz_tokens[i] = NULL;
		sqlite3_reset(stmt);
		sqlite3_bind_text(stmt, 1, fuzz_roles[i], -1, SQLITE_STATIC);
		if (sqlite3_step(stmt) != SQLITE_ROW)
			abort();
		fuzz_tokens[i] = auth_sign_token(fuzz_mock.auth,
		    sqlite3_column_int64(stmt, 0), fuzz_roles[i],
		    db_text(stmt, 1), now);
	}
	sqlite3_reset(stmt);
	fuzz_signed = now;
}

static void
fuzz_setup(void)
{
	char	*cause = NULL;

	if (fuzz_mock.db == NULL) {
		fuzz_mock.auth = auth_new(NULL, 0, 4, 3600);
		fuzz_mock.db = db_open(NULL, &cause);
		fuzz_mock.hub = hub_new(64, 64);
		fuzz_mock.cache = cache_new(64, 1024 * 1024);
		fuzz_mock.metrics = metrics_new();
		if (fuzz_mock.db == NULL ||
		    seed_demo(&fuzz_mock, time(NULL), 4, &cause) != 0)
			abort();
	}
	fuzz_sign_tokens();
}

/* The token a token line stands for. */
static const char *
fuzz_token(const char *line)
{
	size_t	i;

	if (*line == '@') {
		for (i = 0; i < sizeof fuzz_roles / sizeof fuzz_roles[0]; i++) {
			if (strcmp(line + 1, fuzz_roles[i]) == 0)
				return (fuzz_tokens[i]);
		}
	}
	return (line);
}

/* The next line of the input (up to '\n') as a new string. */
static char *
fuzz_line(const uint8_t **p, size_t *left)
{
	const uint8_t	*nl = memchr(*p, '\n', *left);
	size_t		 n = nl != NULL ? (size_t)(nl - *p) : *left;
	char		*s = malloc(n + 1);

	if (s == NULL)
		abort();
	memcpy(s, *p, n);
	s[n] = '\0';
	*p += n + (nl != NULL);
	*left -= n + (nl != NULL);
	return (s);
}

/* Header lines up to an empty one: "Name: value" (or "Name:value"). */
static void
fuzz_headers(struct http_req *req, const uint8_t **p, size_t *left)
{
	char	*line, *colon, *value;

	while (*left > 0) {
		line = fuzz_line(p, left);
		if (*line == '\0') {
			free(line);
			break;
		}
		if ((colon = strchr(line, ':')) != NULL) {
			*colon = '\0';
			value = colon + 1;
			while (*value == ' ')
				value++;
			http_req_set_header(req, line, value);
		}
		free(line);
	}
}

/*
 * A streamed body (the guest export) read to its end, as the server
 * would, in pieces of a size that changes, so the stream's own code runs
 * too.  The demo data are small: a piece that never ends is a bug.
 */
static void
fuzz_drain(struct http_req *req)
{
	char	buf[4096];
	size_t	len, size = 1;
	int	more, pieces = 0;

	do {
		if (++pieces > 100000)
			abort();
		len = 0;
		more = http_res_stream_read(req, buf, size, &len);
		if (len > size)
			abort();
		size = size * 7 % sizeof buf + 1;
	} while (more == 1);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct http_req	*req;
	const uint8_t	*p = data;
	size_t		 left = size, len;
	char		*target, *query, *token, auth[4096];
	const char	*body, *type;
	json_t		*j;
	int		 status;

	if (size == 0)
		return (0);
	fuzz_setup();
	p++;
	left--;
	target = fuzz_line(&p, &left);
	token = fuzz_line(&p, &left);

	if ((query = strchr(target, '?')) != NULL)
		*query++ = '\0';
	req = http_req_new(fuzz_methods[data[0] % (sizeof fuzz_methods /
	    sizeof fuzz_methods[0])], target);
	http_req_set_peer(req, "127.0.0.1");
	if (query != NULL)
		query_parse(http_req_query(req), query);
	if (*token != '\0') {
		snprintf(auth, sizeof auth, "Bearer %s", fuzz_token(token));
		http_req_set_header(req, "authorization", auth);
	}
	if (data[0] & FUZZ_HEADERS)
		fuzz_headers(req, &p, &left);
	if (left > 0)
		http_req_append_body(req, p, left);
	pipeline_serve(&fuzz_mock, req);

	status = http_res_status(req);
	if (status < 100 || status > 599)
		abort();
	body = http_res_body(req, &len);
	type = http_res_content_type(req);
	if (len > 0 && type != NULL && strstr(type, "json") != NULL) {
		if ((j = json_loadb(body, len, 0, NULL)) == NULL)
			abort();
		json_decref(j);
	}
	/* A 304 never has a body. */
	if (status == 304 && len != 0)
		abort();
	if (http_res_streamed(req))
		fuzz_drain(req);
	http_req_free(req);
	free(target);
	free(token);
	return (0);
}
