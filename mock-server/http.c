#include "http.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "auth.h"
#include "buf.h"
#include "query.h"
#include "json-util.h"
#include "xmalloc.h"

struct http_pair {
	char	*name;
	char	*value;
};

struct http_req {
	enum http_method	 method;
	char			*path;
	struct query		*query;
	struct http_pair	 headers[HTTP_HEADERS_MAX];
	size_t			 nheaders;
	struct buf		 body;
	struct http_pair	 params[HTTP_PARAMS_MAX];
	size_t			 nparams;
	struct auth_claims	*claims;
	json_t			*json;
	char			*peer;

	int			 status;
	int			 answered;
	int			 no_cache;
	char			*res_body;
	size_t			 res_len;
	char			*res_type;
	int64_t			 res_version;
	struct http_pair	 res_headers[HTTP_HEADERS_MAX];
	size_t			 nres_headers;
	const struct http_stream_ops *stream;	/* NULL: res_body is all */
	void			*stream_arg;
};

static const char *const http_method_names[] = {
	[HTTP_GET] = "GET",
	[HTTP_POST] = "POST",
	[HTTP_PUT] = "PUT",
	[HTTP_PATCH] = "PATCH",
	[HTTP_DELETE] = "DELETE",
	[HTTP_OPTIONS] = "OPTIONS",
	[HTTP_HEAD] = "HEAD",
	[HTTP_OTHER] = "OTHER",
};

static const struct {
	int		 status;
	const char	*text;
} http_statuses[] = {
	{ 200, "OK" },
	{ 201, "Created" },
	{ 202, "Accepted" },
	{ 204, "No Content" },
	{ 304, "Not Modified" },
	{ 400, "Bad Request" },
	{ 401, "Unauthorized" },
	{ 403, "Forbidden" },
	{ 404, "Not Found" },
	{ 405, "Method Not Allowed" },
	{ 409, "Conflict" },
	{ 412, "Precondition Failed" },
	{ 413, "Payload Too Large" },
	{ 415, "Unsupported Media Type" },
	{ 422, "Unprocessable Content" },
	{ 429, "Too Many Requests" },
	{ 500, "Internal Server Error" },
	{ 503, "Service Unavailable" },
};

const char *
http_method_name(enum http_method m)
{
	if ((size_t)m >= sizeof http_method_names / sizeof http_method_names[0])
		return ("OTHER");
	return (http_method_names[m]);
}

const char *
http_status_text(int status)
{
	size_t	i;

	for (i = 0; i < sizeof http_statuses / sizeof http_statuses[0]; i++) {
		if (http_statuses[i].status == status)
			return (http_statuses[i].text);
	}
	return ("Unknown");
}

static void
http_reply_stream_free(struct http_req *req)
{
	if (req->stream != NULL)
		req->stream->free(req->stream_arg);
	req->stream = NULL;
	req->stream_arg = NULL;
}

struct http_req *
http_req_new(enum http_method method, const char *path)
{
	struct http_req	*req;
	size_t		 len;

	req = xcalloc(1, sizeof *req);
	req->method = method;
	req->path = xstrdup(path != NULL && *path != '\0' ? path : "/");
	/* "/api/events/" routes like "/api/events". */
	len = strlen(req->path);
	while (len > 1 && req->path[len - 1] == '/')
		req->path[--len] = '\0';
	req->query = query_new();
	req->status = 404;
	return (req);
}

static void
http_pairs_free(struct http_pair *pairs, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(pairs[i].name);
		free(pairs[i].value);
	}
}

void
http_req_free(struct http_req *req)
{
	if (req == NULL)
		return;
	free(req->path);
	query_free(req->query);
	http_pairs_free(req->headers, req->nheaders);
	http_pairs_free(req->params, req->nparams);
	http_pairs_free(req->res_headers, req->nres_headers);
	buf_done(&req->body);
	free(req->claims);
	json_decref(req->json);
	free(req->res_body);
	free(req->res_type);
	free(req->peer);
	http_reply_stream_free(req);
	free(req);
}

void
http_req_set_header(struct http_req *req, const char *name,
    const char *value)
{
	if (req->nheaders == HTTP_HEADERS_MAX)
		return;
	req->headers[req->nheaders].name = xstrdup(name);
	req->headers[req->nheaders].value = xstrdup(value);
	req->nheaders++;
}

int
http_req_append_body(struct http_req *req, const void *buf, size_t len)
{
	if (len > HTTP_BODY_MAX - req->body.len)
		return (-1);
	buf_add(&req->body, buf, len);
	return (0);
}

void
http_req_set_param(struct http_req *req, const char *name, const char *value)
{
	if (req->nparams == HTTP_PARAMS_MAX)
		return;
	req->params[req->nparams].name = xstrdup(name);
	req->params[req->nparams].value = xstrdup(value);
	req->nparams++;
}

void
http_req_clear_params(struct http_req *req)
{
	http_pairs_free(req->params, req->nparams);
	req->nparams = 0;
}

void
http_req_set_claims(struct http_req *req, const struct auth_claims *claims)
{
	free(req->claims);
	req->claims = NULL;
	if (claims != NULL) {
		req->claims = xmalloc(sizeof *req->claims);
		memcpy(req->claims, claims, sizeof *req->claims);
	}
}

enum http_method
http_req_method(const struct http_req *req)
{
	return (req->method);
}

const char *
http_req_path(const struct http_req *req)
{
	return (req->path);
}

struct query *
http_req_query(struct http_req *req)
{
	return (req->query);
}

const char *
http_req_header(const struct http_req *req, const char *name)
{
	size_t	i;

	for (i = 0; i < req->nheaders; i++) {
		if (strcasecmp(req->headers[i].name, name) == 0)
			return (req->headers[i].value);
	}
	return (NULL);
}

char *
http_req_take_header(struct http_req *req, const char *name)
{
	char	*value;
	size_t	 i;

	for (i = 0; i < req->nheaders; i++) {
		if (strcasecmp(req->headers[i].name, name) != 0)
			continue;
		value = req->headers[i].value;
		free(req->headers[i].name);
		memmove(req->headers + i, req->headers + i + 1,
		    (req->nheaders - i - 1) * sizeof req->headers[0]);
		req->nheaders--;
		return (value);
	}
	return (NULL);
}

const char *
http_req_body(const struct http_req *req, size_t *len)
{
	*len = req->body.len;
	return (buf_str(&req->body));
}

const char *
http_req_param(const struct http_req *req, const char *name)
{
	size_t	i;

	for (i = 0; i < req->nparams; i++) {
		if (strcmp(req->params[i].name, name) == 0)
			return (req->params[i].value);
	}
	return (NULL);
}

int
http_req_param_id(const struct http_req *req, const char *name, int64_t *out)
{
	const char	*s;
	char		*end;
	long long	 n;

	if ((s = http_req_param(req, name)) == NULL || *s < '0' || *s > '9')
		return (-1);
	errno = 0;
	n = strtoll(s, &end, 10);
	if (*end != '\0' || errno != 0 || n <= 0)
		return (-1);
	*out = n;
	return (0);
}

const struct auth_claims *
http_req_claims(const struct http_req *req)
{
	return (req->claims);
}

json_t *
http_req_json(struct http_req *req)
{
	json_error_t	 error;
	json_t		*json;

	if (req->json != NULL)
		return (req->json);
	if (req->body.len == 0) {
		http_reply_error(req, 400,
		    "Request body must be a JSON object");
		return (NULL);
	}
	json = json_loadb(buf_str(&req->body), req->body.len,
	    JSON_REJECT_DUPLICATES, &error);
	if (json == NULL) {
		http_reply_error(req, 400, "Malformed JSON body: %s (line %d)",
		    error.text, error.line);
		return (NULL);
	}
	if (!json_is_object(json)) {
		json_decref(json);
		http_reply_error(req, 400,
		    "Request body must be a JSON object");
		return (NULL);
	}
	req->json = json;
	return (json);
}

/* Every reply goes through here: the last one wins. */
static void
http_reply_set(struct http_req *req, int status, const char *content_type)
{
	free(req->res_body);
	req->res_body = NULL;
	req->res_len = 0;
	http_reply_stream_free(req);
	req->status = status;
	req->answered = 1;
	if (req->res_type == NULL || strcmp(req->res_type, content_type) != 0) {
		free(req->res_type);
		req->res_type = xstrdup(content_type);
	}
}

void
http_reply_json(struct http_req *req, int status, json_t *body)
{
	http_reply_set(req, status, "application/json");
	req->res_body = json_dumps(body, JSON_COMPACT);
	json_decref(body);
	if (req->res_body == NULL) {
		req->status = 500;
		req->res_body = xstrdup("{\"message\":\"Internal error\"}");
	}
	req->res_len = strlen(req->res_body);
}

void
http_reply_error(struct http_req *req, int status, const char *fmt, ...)
{
	va_list	 ap;
	json_t	*body, *s;

	va_start(ap, fmt);
	/* A message may quote input: never let bad UTF-8 break the JSON. */
	s = json_util_vformat(http_status_text(status), fmt, ap);
	va_end(ap);
	body = json_object();
	json_object_set_new(body, "message", s);
	http_reply_json(req, status, body);
}

void
http_reply_add_header(struct http_req *req, const char *name,
    const char *value)
{
	if (req->nres_headers == HTTP_HEADERS_MAX)
		return;
	req->res_headers[req->nres_headers].name = xstrdup(name);
	req->res_headers[req->nres_headers].value = xstrdup(value);
	req->nres_headers++;
}

int
http_res_status(const struct http_req *req)
{
	return (req->status);
}

const char *
http_res_body(const struct http_req *req, size_t *len)
{
	*len = req->res_len;
	return (req->res_body != NULL ? req->res_body : "");
}

const char *
http_res_content_type(const struct http_req *req)
{
	return (req->res_type != NULL ? req->res_type : "application/json");
}

size_t
http_res_header_count(const struct http_req *req)
{
	return (req->nres_headers);
}

void
http_res_header(const struct http_req *req, size_t i, const char **name,
    const char **value)
{
	*name = req->res_headers[i].name;
	*value = req->res_headers[i].value;
}

void
http_reply_raw(struct http_req *req, int status, const char *content_type,
    const char *body, size_t len)
{
	http_reply_set(req, status, content_type);
	req->res_body = xmalloc(len + 1);
	memcpy(req->res_body, body, len);
	req->res_body[len] = '\0';
	req->res_len = len;
}

void
http_reply_stream(struct http_req *req, int status, const char *content_type,
    const struct http_stream_ops *ops, void *arg)
{
	http_reply_set(req, status, content_type);
	req->stream = ops;
	req->stream_arg = arg;
	req->no_cache = 1;
}

int
http_res_streamed(const struct http_req *req)
{
	return (req->stream != NULL);
}

int
http_res_stream_read(struct http_req *req, char *buf, size_t size,
    size_t *len)
{
	*len = 0;
	if (req->stream == NULL)
		return (0);
	return (req->stream->read(req->stream_arg, buf, size, len));
}

void
http_reply_set_version(struct http_req *req, int64_t version)
{
	req->res_version = version;
}

int64_t
http_res_version(const struct http_req *req)
{
	return (req->res_version);
}

/* The version an If-Match value names: W/"v7-abc", "v7", v7 or 7; else -1. */
static int64_t
http_match_version(const char *s)
{
	char		*end;
	long long	 n;

	while (*s == ' ')
		s++;
	if (strncmp(s, "W/", 2) == 0)
		s += 2;
	if (*s == '"')
		s++;
	if (*s == 'v')
		s++;
	if (*s < '0' || *s > '9')
		return (-1);
	errno = 0;
	n = strtoll(s, &end, 10);
	if (errno != 0 || n < 0)
		return (-1);
	if (*end != '\0' && *end != '-' && *end != '"' && *end != ' ')
		return (-1);
	return (n);
}

int
http_req_stale(struct http_req *req, int64_t current)
{
	const char	*h;
	json_t		*v;

	if ((h = http_req_header(req, "if-match")) != NULL) {
		while (*h == ' ')
			h++;
		if (strcmp(h, "*") != 0 && http_match_version(h) != current)
			return (1);
	}
	if (req->json != NULL && (v = json_object_get(req->json,
	    "version")) != NULL) {
		if (json_is_integer(v))
			return (json_integer_value(v) != current);
		if (json_is_string(v))
			return (http_match_version(json_string_value(v)) !=
			    current);
		return (1);
	}
	return (0);
}

void
http_req_set_peer(struct http_req *req, const char *addr)
{
	free(req->peer);
	req->peer = addr != NULL ? xstrdup(addr) : NULL;
}

const char *
http_req_peer(const struct http_req *req)
{
	return (req->peer);
}

int
http_res_answered(const struct http_req *req)
{
	return (req->answered);
}

void
http_reply_no_cache(struct http_req *req)
{
	req->no_cache = 1;
}

int
http_res_no_cache(const struct http_req *req)
{
	return (req->no_cache);
}

const char *
http_res_header_get(const struct http_req *req, const char *name)
{
	size_t	i;

	for (i = 0; i < req->nres_headers; i++) {
		if (strcasecmp(req->res_headers[i].name, name) == 0)
			return (req->res_headers[i].value);
	}
	return (NULL);
}

/*
 * If-None-Match compares weakly (RFC 9110 13.1.2): W/"x" matches "x".  The
 * header is "*" or a comma-separated list of entity tags.
 */
int
http_etag_matches(const char *list, const char *etag)
{
	const char	*p = list, *end;
	size_t		 len;

	if (list == NULL || etag == NULL)
		return (0);
	if (strncmp(etag, "W/", 2) == 0)
		etag += 2;
	len = strlen(etag);
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (*p == '\0')
			return (0);
		if (*p == '*' && (p[1] == '\0' || p[1] == ',' || p[1] == ' '))
			return (1);
		if (strncmp(p, "W/", 2) == 0)
			p += 2;
		/* A tag is quoted; a comma inside the quotes is part of it. */
		if (*p == '"' && (end = strchr(p + 1, '"')) != NULL)
			end++;
		else
			end = p + strcspn(p, ", \t");
		if ((size_t)(end - p) == len && strncmp(p, etag, len) == 0)
			return (1);
		p = end;
	}
}

void
http_reply_check_not_modified(struct http_req *req, const char *inm)
{
	const char	*etag;

	if (inm == NULL || req->status != 200 ||
	    (etag = http_res_header_get(req, "etag")) == NULL)
		return;
	if (http_etag_matches(inm, etag))
		http_reply_raw(req, 304, http_res_content_type(req), "", 0);
}
