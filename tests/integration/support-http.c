#include "support-http.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Seconds: only a guard against hangs, never asserted. */
#define SUPPORT_HTTP_DEADLINE	30

static size_t
support_http_write(char *data, size_t size, size_t n, void *arg)
{
	struct reply	*r = arg;

	r->body = realloc(r->body, r->len + size * n + 1);
	if (r->body == NULL)
		abort();
	memcpy(r->body + r->len, data, size * n);
	r->len += size * n;
	r->body[r->len] = '\0';
	return (size * n);
}

/* Keeps the ETag and Content-Type header lines of the answer. */
static size_t
support_http_header(char *data, size_t size, size_t n, void *arg)
{
	struct reply	*r = arg;
	size_t		 total = size * n, len = total, skip, max;
	char		*dst;

	if (len > 5 && strncasecmp(data, "etag:", 5) == 0) {
		dst = r->etag;
		max = sizeof r->etag;
		skip = 5;
	} else if (len > 13 && strncasecmp(data, "content-type:", 13) == 0) {
		dst = r->type;
		max = sizeof r->type;
		skip = 13;
	} else
		return (total);
	while (skip < len && data[skip] == ' ')
		skip++;
	len -= skip;
	if (len > max - 1)
		len = max - 1;
	memcpy(dst, data + skip, len);
	dst[len] = '\0';
	dst[strcspn(dst, "\r\n")] = '\0';
	return (total);
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
	CURL			*curl;
	struct curl_slist	*headers = NULL;
	char			 url[4096], line[4096];

	memset(r, 0, sizeof *r);
	snprintf(url, sizeof url, "%s%s", base, path);
	curl = curl_easy_init();
	curl_easy_setopt(curl, CURLOPT_URL, url);
	curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, support_http_write);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, r);
	curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, support_http_header);
	curl_easy_setopt(curl, CURLOPT_HEADERDATA, r);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, (long)SUPPORT_HTTP_DEADLINE);
	snprintf(line, sizeof line, "Content-Type: %s",
	    type != NULL ? type : "application/json");
	headers = curl_slist_append(headers, line);
	if (token != NULL) {
		snprintf(line, sizeof line, "Authorization: Bearer %s", token);
		headers = curl_slist_append(headers, line);
	}
	if (header != NULL)
		headers = curl_slist_append(headers, header);
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
	if (body != NULL) {
		curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE,
		    (long)strlen(body));
	}
	if (curl_easy_perform(curl) == CURLE_OK)
		curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &r->status);
	curl_slist_free_all(headers);
	curl_easy_cleanup(curl);
	if (r->body != NULL)
		r->json = json_loads(r->body, 0, NULL);
}

void
reply_done(struct reply *r)
{
	free(r->body);
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
