/*
 * Fuzz target: any request evtop-mock's routes can be handed.  The input
 * is one method byte, then "path?query\n", then "token\n", then the body.
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
#include "db.h"
#include "http.h"
#include "hub.h"
#include "mock.h"
#include "query.h"
#include "routes.h"
#include "seed.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const enum http_method fuzz_methods[] = {
	HTTP_GET, HTTP_POST, HTTP_PUT, HTTP_PATCH, HTTP_DELETE, HTTP_HEAD,
	HTTP_OPTIONS, HTTP_OTHER
};

static struct mock	fuzz_mock;

static void
fuzz_setup(void)
{
	char	*cause = NULL;

	if (fuzz_mock.db != NULL)
		return;
	fuzz_mock.auth = auth_new(NULL, 0, 4, 3600);
	fuzz_mock.db = db_open(NULL, &cause);
	fuzz_mock.hub = hub_new(64, 64);
	if (fuzz_mock.db == NULL ||
	    seed_demo(&fuzz_mock, time(NULL), 4, &cause) != 0)
		abort();
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
	if (query != NULL)
		query_parse(http_req_query(req), query);
	if (*token != '\0') {
		snprintf(auth, sizeof auth, "Bearer %s", token);
		http_req_set_header(req, "authorization", auth);
	}
	if (left > 0)
		http_req_append_body(req, p, left);
	routes_dispatch(&fuzz_mock, req);

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
	http_req_free(req);
	free(target);
	free(token);
	return (0);
}
