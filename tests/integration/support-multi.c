#include "support-multi.h"

#include <sys/resource.h>

#include <curl/curl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* Seconds: only guards against hangs, never asserted. */
#define SUPPORT_MULTI_DEADLINE	120

struct transfer {
	CURL			*curl;
	struct curl_slist	*headers;
	struct request		*req;
};

static size_t
support_multi_write(char *data, size_t size, size_t n, void *arg)
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

/* Keeps the ETag header's value, without line end. */
static size_t
support_multi_header(char *data, size_t size, size_t n, void *arg)
{
	struct request	*req = arg;
	size_t		 len = size * n, vlen;
	const char	*v;

	if (len > 5 && strncasecmp(data, "etag:", 5) == 0) {
		v = data + 5;
		while (v < data + len && *v == ' ')
			v++;
		vlen = (size_t)(data + len - v);
		while (vlen > 0 && (v[vlen - 1] == '\r' || v[vlen - 1] == '\n'))
			vlen--;
		if (vlen >= sizeof req->etag)
			vlen = sizeof req->etag - 1;
		memcpy(req->etag, v, vlen);
		req->etag[vlen] = '\0';
	}
	return (len);
}

static void
support_multi_setup(const char *base, struct transfer *t, int fresh)
{
	struct request	*req = t->req;
	char		 url[1200], auth[2048];

	memset(&req->reply, 0, sizeof req->reply);
	req->etag[0] = '\0';
	snprintf(url, sizeof url, "%s%s", base, req->path);
	t->curl = curl_easy_init();
	curl_easy_setopt(t->curl, CURLOPT_URL, url);
	curl_easy_setopt(t->curl, CURLOPT_CUSTOMREQUEST, req->method);
	curl_easy_setopt(t->curl, CURLOPT_WRITEFUNCTION, support_multi_write);
	curl_easy_setopt(t->curl, CURLOPT_WRITEDATA, &req->reply);
	curl_easy_setopt(t->curl, CURLOPT_HEADERFUNCTION,
	    support_multi_header);
	curl_easy_setopt(t->curl, CURLOPT_HEADERDATA, req);
	curl_easy_setopt(t->curl, CURLOPT_TIMEOUT,
	    (long)SUPPORT_MULTI_DEADLINE);
	if (fresh) {
		curl_easy_setopt(t->curl, CURLOPT_FRESH_CONNECT, 1L);
		curl_easy_setopt(t->curl, CURLOPT_FORBID_REUSE, 1L);
	}
	t->headers = curl_slist_append(NULL,
	    "Content-Type: application/json");
	if (req->token != NULL) {
		snprintf(auth, sizeof auth, "Authorization: Bearer %s",
		    req->token);
		t->headers = curl_slist_append(t->headers, auth);
	}
	if (req->header != NULL)
		t->headers = curl_slist_append(t->headers, req->header);
	curl_easy_setopt(t->curl, CURLOPT_HTTPHEADER, t->headers);
	if (req->body != NULL) {
		curl_easy_setopt(t->curl, CURLOPT_POSTFIELDS, req->body);
		curl_easy_setopt(t->curl, CURLOPT_POSTFIELDSIZE,
		    (long)strlen(req->body));
	}
}

static void
support_multi_finish(struct transfer *t, CURLcode rc)
{
	struct reply	*r = &t->req->reply;

	if (rc == CURLE_OK)
		curl_easy_getinfo(t->curl, CURLINFO_RESPONSE_CODE, &r->status);
	if (r->body != NULL)
		r->json = json_loads(r->body, 0, NULL);
	curl_slist_free_all(t->headers);
	curl_easy_cleanup(t->curl);
	t->curl = NULL;
}

void
support_http_request(const char *base, struct request *req)
{
	struct transfer	t;

	memset(&t, 0, sizeof t);
	t.req = req;
	support_multi_setup(base, &t, 0);
	support_multi_finish(&t, curl_easy_perform(t.curl));
}

void
support_http_many(const char *base, struct request *reqs, size_t n,
    size_t parallel)
{
	struct transfer	*ts;
	CURLM		*multi;
	CURLMsg		*msg;
	size_t		 next = 0, active = 0, i;
	int		 running, left;
	time_t		 until = time(NULL) + SUPPORT_MULTI_DEADLINE + 10;

	if (parallel == 0 || parallel > n)
		parallel = n;
	ts = calloc(n, sizeof *ts);
	if (ts == NULL)
		abort();
	multi = curl_multi_init();
	curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, (long)parallel);
	for (;;) {
		while (active < parallel && next < n) {
			ts[next].req = &reqs[next];
			support_multi_setup(base, &ts[next], 1);
			curl_easy_setopt(ts[next].curl, CURLOPT_PRIVATE,
			    &ts[next]);
			curl_multi_add_handle(multi, ts[next].curl);
			next++;
			active++;
		}
		if (active == 0 || time(NULL) > until)
			break;
		curl_multi_perform(multi, &running);
		while ((msg = curl_multi_info_read(multi, &left)) != NULL) {
			struct transfer	*t;

			if (msg->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE,
			    (char **)&t);
			curl_multi_remove_handle(multi, t->curl);
			support_multi_finish(t, msg->data.result);
			active--;
		}
		if (active > 0)
			curl_multi_poll(multi, NULL, 0, 100, NULL);
	}
	/* Past the deadline: whatever is left stays unanswered (status 0). */
	for (i = 0; i < next; i++) {
		if (ts[i].curl != NULL) {
			curl_multi_remove_handle(multi, ts[i].curl);
			support_multi_finish(&ts[i], CURLE_OPERATION_TIMEDOUT);
		}
	}
	curl_multi_cleanup(multi);
	free(ts);
}

void
support_requests_done(struct request *reqs, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		reply_done(&reqs[i].reply);
}

long
support_raise_nofile(void)
{
	struct rlimit	rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
		return (-1);
	if (rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
		getrlimit(RLIMIT_NOFILE, &rl);
	}
	return (rl.rlim_cur == RLIM_INFINITY ? 1L << 20 : (long)rl.rlim_cur);
}
