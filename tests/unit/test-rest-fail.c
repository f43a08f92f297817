/*
 * How a request with no answer ends, against a server on the same loop
 * that misbehaves on purpose: one that never answers is cut after the
 * stall time (a timeout, worth another try), one that hangs up is a
 * reset (also worth one), nobody listening is neither; and a slow answer
 * whose bytes keep coming is not cut, however long it takes.  The stall
 * time is shortened to 2 s; each wait has a deadline.
 */
#include <arpa/inet.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <uv.h>

#include "rest.h"

#include "test.h"

#define DEADLINE_MS	10000
#define DRIP_CHUNKS	12	/* of a slow answer, one every DRIP_MS */
#define DRIP_MS		200

enum behaviour { SILENT, HANG_UP, DRIP };

struct conn {
	uv_tcp_t	 tcp;
	uv_write_t	 wr;
	uv_timer_t	 drip;
	int		 dripped;
	int		 closed;	/* handles closed, of 2 */
	char		 buf[4096];
	size_t		 len;
};

static enum behaviour	 behaviour;
static struct conn	*silent;	/* kept open until the end */

struct result {
	int			 done;
	long			 status;
	size_t			 len;
	enum rest_failure	 failure;
	struct rest_request	*req;
};

/* Either handle's close: the second frees the connection. */
static void
conn_closed(uv_handle_t *h)
{
	struct conn	*c = h->data;

	if (++c->closed == 2)
		free(c);
}

static void
conn_close(struct conn *c)
{
	uv_close((uv_handle_t *)&c->drip, conn_closed);
	uv_close((uv_handle_t *)&c->tcp, conn_closed);
}

static void
drip_written(uv_write_t *wr, int rc)
{
	struct conn	*c = wr->data;

	if (c->dripped > DRIP_CHUNKS || rc != 0) {
		uv_timer_stop(&c->drip);
		conn_close(c);
	}
}

static void
drip_fired(uv_timer_t *t)
{
	static const char	 head[] = "HTTP/1.1 200 OK\r\nContent-Type: "
	    "text/csv\r\nContent-Length: 12\r\nConnection: close\r\n\r\n";
	struct conn		*c = t->data;
	uv_buf_t		 out;

	/* The head with the first byte, then one byte a tick. */
	if (c->dripped == 0)
		out = uv_buf_init((char *)(uintptr_t)head, sizeof head - 1);
	else
		out = uv_buf_init((char *)(uintptr_t)"x", 1);
	c->dripped++;
	c->wr.data = c;
	uv_write(&c->wr, (uv_stream_t *)&c->tcp, &out, 1, drip_written);
}

static void
conn_alloc(uv_handle_t *h, size_t hint, uv_buf_t *b)
{
	struct conn	*c = h->data;

	(void)hint;
	b->base = c->buf + c->len;
	b->len = sizeof c->buf - 1 - c->len;
}

static void
conn_read(uv_stream_t *s, ssize_t n, const uv_buf_t *b)
{
	struct conn	*c = s->data;

	(void)b;
	if (n < 0) {
		uv_read_stop(s);
		if (c != silent)
			conn_close(c);
		return;
	}
	c->len += (size_t)n;
	c->buf[c->len] = '\0';
	if (strstr(c->buf, "\r\n\r\n") == NULL)
		return;
	uv_read_stop(s);
	switch (behaviour) {
	case SILENT:
		silent = c;
		break;
	case HANG_UP:
		conn_close(c);
		break;
	case DRIP:
		/* 13 writes (the head, 12 bytes) 200 ms apart: 2.4 s. */
		uv_timer_start(&c->drip, drip_fired, 0, DRIP_MS);
		break;
	}
}

static void
on_accept(uv_stream_t *server, int rc)
{
	struct conn	*c = calloc(1, sizeof *c);

	(void)rc;
	uv_tcp_init(server->loop, &c->tcp);
	uv_timer_init(server->loop, &c->drip);
	c->tcp.data = c;
	c->drip.data = c;
	if (uv_accept(server, (uv_stream_t *)&c->tcp) != 0) {
		conn_close(c);
		return;
	}
	uv_read_start((uv_stream_t *)&c->tcp, conn_alloc, conn_read);
}

static void
on_answer(void *arg, const struct rest_response *resp, const char *error)
{
	struct result	*r = arg;

	r->done = 1;
	r->failure = rest_failure(r->req);
	if (resp != NULL) {
		r->status = resp->status;
		r->len = resp->len;
	}
	CHECK((resp == NULL) == (error != NULL));
}

static void
on_deadline(uv_timer_t *t)
{
	*(int *)t->data = 1;
}

static void
on_deadline_closed(uv_handle_t *h)
{
	*(int *)h->data = 1;
}

/* Sends a GET to url and runs the loop until it ends or the deadline. */
static void
fetch(uv_loop_t *loop, struct rest *http, const char *url,
    struct result *r)
{
	uv_timer_t	deadline;
	int		late = 0;

	memset(r, 0, sizeof *r);
	uv_timer_init(loop, &deadline);
	deadline.data = &late;
	uv_timer_start(&deadline, on_deadline, DEADLINE_MS, 0);
	r->req = rest_start(http, "GET", url, NULL, NULL, on_answer, r);
	while (!r->done && !late)
		uv_run(loop, UV_RUN_ONCE);
	CHECK(r->done);
	/* The timer is on this stack: its close ends before the return. */
	late = 0;
	uv_close((uv_handle_t *)&deadline, on_deadline_closed);
	while (!late)
		uv_run(loop, UV_RUN_NOWAIT);
}

static void
test_failures_told_apart(void)
{
	uv_loop_t		 loop;
	uv_tcp_t		 server;
	struct sockaddr_in	 sin;
	struct rest_options	 opts;
	struct rest		*http;
	struct result		 r;
	char			 url[64], nobody[64];
	int			 len = sizeof sin;

	uv_loop_init(&loop);
	uv_tcp_init(&loop, &server);
	uv_ip4_addr("127.0.0.1", 0, &sin);
	CHECK_INT(uv_tcp_bind(&server, (struct sockaddr *)&sin, 0), 0);
	CHECK_INT(uv_listen((uv_stream_t *)&server, 8, on_accept), 0);
	uv_tcp_getsockname(&server, (struct sockaddr *)&sin, &len);
	snprintf(url, sizeof url, "http://127.0.0.1:%d/api/events",
	    ntohs(sin.sin_port));
	/* Port 1 on loopback: nobody listens there. */
	snprintf(nobody, sizeof nobody, "http://127.0.0.1:1/api/events");

	memset(&opts, 0, sizeof opts);
	opts.stall_s = 2;
	/* A client that went away must not end the test's server. */
	signal(SIGPIPE, SIG_IGN);
	http = rest_new(&loop, &opts);

	behaviour = SILENT;
	fetch(&loop, http, url, &r);
	CHECK_INT(r.status, 0);
	CHECK_INT(r.failure, REST_FAILED_TIMEOUT);

	behaviour = HANG_UP;
	fetch(&loop, http, url, &r);
	CHECK_INT(r.status, 0);
	CHECK_INT(r.failure, REST_FAILED_RESET);

	fetch(&loop, http, nobody, &r);
	CHECK_INT(r.status, 0);
	CHECK_INT(r.failure, REST_FAILED_OTHER);

	/* 2.4 s of answer, a byte every 200 ms, with a 2 s stall time. */
	behaviour = DRIP;
	fetch(&loop, http, url, &r);
	CHECK_INT(r.status, 200);
	CHECK_INT(r.len, DRIP_CHUNKS);
	CHECK_INT(r.failure, REST_FAILED_NONE);

	rest_free(http);
	if (silent != NULL)
		conn_close(silent);
	uv_close((uv_handle_t *)&server, NULL);
	uv_run(&loop, UV_RUN_DEFAULT);
	CHECK_INT(uv_loop_close(&loop), 0);
}

TEST_MAIN(
	TEST_CASE(test_failures_told_apart)
)
