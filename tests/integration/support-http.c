#include "support-http.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Seconds: only a guard against hangs, never asserted. */
#define SUPPORT_HTTP_DEADLINE	30

/* Appends n bytes to a NUL-ended growing buffer of *len bytes. */
static void
support_http_append(char **buf, size_t *len, const char *data, size_t n)
{
	*buf = realloc(*buf, *len + n + 1);
	if (*buf == NULL)
		abort();
	memcpy(*buf + *len, data, n);
	*len += n;
	(*buf)[*len] = '\0';
}

static size_t
support_http_write(char *data, size_t size, size_t n, void *arg)
{
	struct reply	*r = arg;

	support_http_append(&r->body, &r->len, data, size * n);
	return (size * n);
}

/*
 * Keeps every header line of the answer.  A status line starts the
 * headers again, so an interim "100 Continue" leaves nothing behind.
 */
static size_t
support_http_header(char *data, size_t size, size_t n, void *arg)
{
	struct reply	*r = arg;
	size_t		 have;

	if (size * n > 5 && strncmp(data, "HTTP/", 5) == 0 &&
	    r->headers != NULL)
		r->headers[0] = '\0';
	have = r->headers != NULL ? strlen(r->headers) : 0;
	support_http_append(&r->headers, &have, data, size * n);
	return (size * n);
}

const char *
reply_header(const struct reply *r, const char *name, char *buf,
    size_t size)
{
	const char	*line = r->headers, *end;
	size_t		 nlen = strlen(name), vlen;

	while (line != NULL && *line != '\0') {
		end = line + strcspn(line, "\r\n");
		if ((size_t)(end - line) > nlen &&
		    strncasecmp(line, name, nlen) == 0 && line[nlen] == ':') {
			line += nlen + 1;
			while (*line == ' ' || *line == '\t')
				line++;
			vlen = (size_t)(end - line);
			if (vlen >= size)
				vlen = size - 1;
			memcpy(buf, line, vlen);
			buf[vlen] = '\0';
			return (buf);
		}
		line = end + strspn(end, "\r\n");
	}
	return (NULL);
}

void
support_http(const char *base, const char *method, const char *path,
    const char *body, const char *token, struct reply *r)
{
	support_http_ex(base, method, path, body, token, NULL, NULL, r);
}

void
support_http_ex(const char *base, const char *method, const char *path,
    const char *body, const char *token, const char *type,
    const char *header, struct reply *r)
{
	struct http_opts	o = { 0 };

	o.body = body;
	o.token = token;
	o.type = type;
	o.header = header;
	support_http_opts(base, method, path, &o, r);
}

void
support_http_opts(const char *base, const char *method, const char *path,
    const struct http_opts *o, struct reply *r)
{
	CURL	*curl;

	curl = support_http_begin(base, method, path, o, r);
	support_http_end(curl, curl_easy_perform(curl), r);
}

CURL *
support_http_begin(const char *base, const char *method, const char *path,
    const struct http_opts *o, struct reply *r)
{
	static const struct http_opts	 none;
	CURL				*curl;
	char				 url[4096], line[4096];

	if (o == NULL)
		o = &none;
	memset(r, 0, sizeof *r);
	snprintf(url, sizeof url, "%s%s", base, path);
	curl = curl_easy_init();
	if (curl == NULL)
		abort();
	curl_easy_setopt(curl, CURLOPT_URL, url);
	/* A HEAD told as a custom method would wait for a body. */
	if (strcmp(method, "HEAD") == 0)
		curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
	else
		curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, support_http_write);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, r);
	curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, support_http_header);
	curl_easy_setopt(curl, CURLOPT_HEADERDATA, r);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, (long)SUPPORT_HTTP_DEADLINE);
	snprintf(line, sizeof line, "Content-Type: %s",
	    o->type != NULL ? o->type : "application/json");
	r->sent = curl_slist_append(r->sent, line);
	if (o->token != NULL) {
		snprintf(line, sizeof line, "Authorization: Bearer %s",
		    o->token);
		r->sent = curl_slist_append(r->sent, line);
	}
	if (o->header != NULL)
		r->sent = curl_slist_append(r->sent, o->header);
	if (o->header2 != NULL)
		r->sent = curl_slist_append(r->sent, o->header2);
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, r->sent);
	if (o->body != NULL) {
		curl_easy_setopt(curl, CURLOPT_POSTFIELDS, o->body);
		curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE,
		    (long)strlen(o->body));
	}
	if (o->from != NULL)
		curl_easy_setopt(curl, CURLOPT_INTERFACE, o->from);
	return (curl);
}

void
support_http_end(CURL *curl, CURLcode rc, struct reply *r)
{
	if (rc == CURLE_OK)
		curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &r->status);
	curl_slist_free_all(r->sent);
	r->sent = NULL;
	curl_easy_cleanup(curl);
	if (r->body != NULL)
		r->json = json_loadb(r->body, r->len, 0, NULL);
	if (reply_header(r, "ETag", r->etag, sizeof r->etag) == NULL)
		r->etag[0] = '\0';
	if (reply_header(r, "Content-Type", r->type, sizeof r->type) == NULL)
		r->type[0] = '\0';
}

void
reply_done(struct reply *r)
{
	free(r->body);
	free(r->headers);
	json_decref(r->json);
	memset(r, 0, sizeof *r);
}

const char *
reply_message(const struct reply *r)
{
	return (json_string_value(json_object_get(r->json, "message")));
}

char *
support_login(const char *base, const char *email, const char *password)
{
	struct reply	 r;
	json_t		*body;
	const char	*tok;
	char		*text, *out = NULL;

	body = json_pack("{ss ss}", "email", email, "password", password);
	text = json_dumps(body, JSON_COMPACT);
	support_http(base, "POST", "/api/auth/login", text, NULL, &r);
	tok = json_string_value(json_object_get(r.json, "token"));
	if (r.status == 200 && tok != NULL)
		out = strdup(tok);
	free(text);
	json_decref(body);
	reply_done(&r);
	return (out);
}
