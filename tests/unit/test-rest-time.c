/*
 * A request's time in its answer and in the trace is its own: from when it
 * is sent to when it ends, not from the loop's last pass.  Before the
 * sign-in request, evtop blocks on the password prompt; here a sleep plays
 * that part, against a server on the same loop that answers at once.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <uv.h>

#include "log.h"
#include "rest.h"

#include "test.h"

#define BLOCK_MS	3000	/* the "prompt" before the request */
/*
 * Not a speed target: a time that counted the prompt would be at least
 * BLOCK_MS, and a loopback answer, however loaded the machine, is less.
 */
#define OWN_MS_MAX	BLOCK_MS

struct conn {
	uv_tcp_t	 tcp;
	uv_write_t	 wr;
	char		 buf[4096];
	size_t		 len;
};

static const char answer[] = "HTTP/1.1 200 OK\r\nContent-Type: "
    "application/json\r\nContent-Length: 15\r\nConnection: close\r\n\r\n"
    "{\"status\":\"OK\"}";

static int	done;
static double	took = -1;
static long	status;

static void
conn_closed(uv_handle_t *h)
{
	free(h->data);
}

static void
conn_written(uv_write_t *wr, int rc)
{
	struct conn	*c = wr->data;

	uv_close((uv_handle_t *)&c->tcp, conn_closed);
}

static void
conn_alloc(uv_handle_t *h, size_t hint, uv_buf_t *b)
{
	struct conn	*c = h->data;

	b->base = c->buf + c->len;
	b->len = sizeof c->buf - 1 - c->len;
}

static void
conn_read(uv_stream_t *s, ssize_t n, const uv_buf_t *b)
{
	struct conn	*c = s->data;
	uv_buf_t	 out;

	if (n < 0) {
		uv_close((uv_handle_t *)&c->tcp, conn_closed);
		return;
	}
	c->len += (size_t)n;
	c->buf[c->len] = '\0';
	if (strstr(c->buf, "\r\n\r\n") == NULL)
		return;
	uv_read_stop(s);
	out = uv_buf_init((char *)(uintptr_t)answer, sizeof answer - 1);
	c->wr.data = c;
	uv_write(&c->wr, s, &out, 1, conn_written);
}

static void
on_accept(uv_stream_t *server, int rc)
{
	struct conn	*c = calloc(1, sizeof *c);

	uv_tcp_init(server->loop, &c->tcp);
	c->tcp.data = c;
	if (uv_accept(server, (uv_stream_t *)&c->tcp) != 0) {
		uv_close((uv_handle_t *)&c->tcp, conn_closed);
		return;
	}
	uv_read_start((uv_stream_t *)&c->tcp, conn_alloc, conn_read);
}

static void
on_answer(void *arg, const struct rest_response *resp, const char *error)
{
	done = 1;
	if (resp != NULL) {
		status = resp->status;
		took = resp->ms;
	}
}

/* The "N ms" of the trace's answer line for url, or -1. */
static double
traced_ms(const char *path, const char *url)
{
	FILE	*f = fopen(path, "r");
	char	 line[1024], *at, *ms;
	double	 found = -1;

	if (f == NULL)
		return (-1);
	while (fgets(line, sizeof line, f) != NULL) {
		if ((at = strstr(line, url)) == NULL ||
		    strstr(at, " -> 200, ") == NULL ||
		    (ms = strrchr(at, ',')) == NULL)
			continue;
		found = strtod(ms + 1, NULL);
	}
	fclose(f);
	return (found);
}

static void
test_time_is_the_requests_own(void)
{
	uv_loop_t		 loop;
	uv_tcp_t		 server;
	struct sockaddr_in	 sin;
	struct rest_options	 opts;
	struct rest		*http;
	char			 url[64], trace[] = "/tmp/evtop-rest-XXXXXX";
	int			 len = sizeof sin, fd;
	double			 logged;

	CHECK((fd = mkstemp(trace)) >= 0);
	close(fd);
	CHECK_INT(log_open(trace), 0);
	uv_loop_init(&loop);
	uv_tcp_init(&loop, &server);
	uv_ip4_addr("127.0.0.1", 0, &sin);
	CHECK_INT(uv_tcp_bind(&server, (struct sockaddr *)&sin, 0), 0);
	CHECK_INT(uv_listen((uv_stream_t *)&server, 8, on_accept), 0);
	uv_tcp_getsockname(&server, (struct sockaddr *)&sin, &len);
	snprintf(url, sizeof url, "http://127.0.0.1:%d/api/health",
	    ntohs(sin.sin_port));

	memset(&opts, 0, sizeof opts);
	http = rest_new(&loop, &opts);
	/* The loop's idea of now is set here, then it blocks. */
	uv_run(&loop, UV_RUN_NOWAIT);
	usleep(BLOCK_MS * 1000);
	rest_start(http, "GET", url, NULL, NULL, on_answer, NULL);
	while (!done)
		uv_run(&loop, UV_RUN_ONCE);
	CHECK_INT(status, 200);
	CHECK(took >= 0 && took < OWN_MS_MAX);
	logged = traced_ms(trace, url);
	CHECK(logged >= 0 && logged < OWN_MS_MAX);
	if (took >= OWN_MS_MAX || logged >= OWN_MS_MAX)
		fprintf(stderr, "answer says %.0f ms, trace %.0f ms, after a "
		    "%d ms block\n", took, logged, BLOCK_MS);

	rest_free(http);
	uv_close((uv_handle_t *)&server, NULL);
	uv_run(&loop, UV_RUN_DEFAULT);
	CHECK_INT(uv_loop_close(&loop), 0);
	log_close();
	unlink(trace);
}

TEST_MAIN(
	TEST_CASE(test_time_is_the_requests_own)
)
