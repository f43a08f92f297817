#include "support-multi.h"

#include <sys/resource.h>

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Seconds: only guards against hangs, never asserted. */
#define SUPPORT_MULTI_DEADLINE	120

struct transfer {
	CURL		*curl;
	struct request	*req;
};

static void
support_multi_setup(const char *base, struct transfer *t, int fresh)
{
	struct request		*req = t->req;
	struct http_opts	 o = { 0 };

	req->etag[0] = '\0';
	o.body = req->body;
	o.token = req->token;
	o.header = req->header;
	t->curl = support_http_begin(base, req->method, req->path, &o,
	    &req->reply);
	curl_easy_setopt(t->curl, CURLOPT_TIMEOUT,
	    (long)SUPPORT_MULTI_DEADLINE);
	if (fresh) {
		curl_easy_setopt(t->curl, CURLOPT_FRESH_CONNECT, 1L);
		curl_easy_setopt(t->curl, CURLOPT_FORBID_REUSE, 1L);
	}
}

static void
support_multi_finish(struct transfer *t, CURLcode rc)
{
	support_http_end(t->curl, rc, &t->req->reply);
	t->curl = NULL;
	snprintf(t->req->etag, sizeof t->req->etag, "%s", t->req->reply.etag);
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
