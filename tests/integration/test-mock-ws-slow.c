/*
 * A WebSocket client that stops reading while a lot is published: the
 * server keeps what the socket does not take and sends it once the client
 * reads again, whole frames, in order, nothing twice and nothing lost.
 *
 * The client is a bare socket with a small receive buffer and small
 * segments, so the server's writes to it come up short after some fifty
 * kilobytes and the rest waits on the server's side: UPDATES event
 * updates, about half a megabyte, go out meanwhile.
 */
#include <sys/socket.h>

#include <arpa/inet.h>
#include <jansson.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "support-http.h"
#include "support-mock.h"
#include "test.h"

#define UPDATES		400		/* about 1.3 KB each */
#define DEADLINE	60		/* seconds: a guard, not a figure */

struct raw {
	int		 fd;
	unsigned char	*in;
	size_t		 len;
	size_t		 size;
	size_t		 total;		/* bytes read */
};

struct frame {
	int		 opcode;
	char		*text;		/* NUL-terminated payload */
};

static struct mockproc	 mp;
static int		 port;
static char		*admin;

static double
now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec + ts.tv_nsec / 1e9);
}

/* Reads what is there, waiting until the deadline: -1 on none or EOF. */
static int
raw_read(struct raw *r, double deadline)
{
	struct pollfd	pfd = { .fd = r->fd, .events = POLLIN };
	ssize_t		n;
	int		ms;

	ms = (int)((deadline - now()) * 1000);
	if (ms <= 0 || poll(&pfd, 1, ms) != 1)
		return (-1);
	if (r->size - r->len < 65536) {
		r->size = r->len + 65536;
		if ((r->in = realloc(r->in, r->size)) == NULL)
			abort();
	}
	n = read(r->fd, r->in + r->len, r->size - r->len);
	if (n <= 0)
		return (-1);
	r->len += (size_t)n;
	r->total += (size_t)n;
	return (0);
}

/* A masked text frame from the client. */
static void
raw_send(struct raw *r, const char *text)
{
	static const unsigned char	 mask[4] = { 0x5a, 0x17, 0xc3, 0x81 };
	unsigned char			 out[1024];
	size_t				 len = strlen(text), h = 2, i;

	if (len + 8 > sizeof out)
		abort();
	out[0] = 0x81;
	if (len < 126)
		out[1] = (unsigned char)(0x80 | len);
	else {
		out[1] = 0x80 | 126;
		out[2] = (unsigned char)(len >> 8);
		out[3] = (unsigned char)len;
		h = 4;
	}
	memcpy(out + h, mask, 4);
	h += 4;
	for (i = 0; i < len; i++)
		out[h + i] = (unsigned char)(text[i] ^ mask[i % 4]);
	CHECK(write(r->fd, out, h + len) == (ssize_t)(h + len));
}

/*
 * Takes the next whole server frame off r: 1 with *f filled (free
 * f->text), 0 when more must be read, -1 when it is not a frame a server
 * may send (masked, or a fragment: the mock sends each message whole).
 */
static int
raw_frame(struct raw *r, struct frame *f)
{
	uint64_t	n;
	size_t		h = 2, i;

	if (r->len < 2)
		return (0);
	if ((r->in[0] & 0x80) == 0 || (r->in[1] & 0x80) != 0)
		return (-1);
	n = r->in[1] & 0x7f;
	if (n == 126) {
		if (r->len < 4)
			return (0);
		n = ((uint64_t)r->in[2] << 8) | r->in[3];
		h = 4;
	} else if (n == 127) {
		if (r->len < 10)
			return (0);
		for (n = 0, i = 0; i < 8; i++)
			n = (n << 8) | r->in[2 + i];
		h = 10;
	}
	if (n > (1u << 20))
		return (-1);
	if (r->len < h + n)
		return (0);
	f->opcode = r->in[0] & 0x0f;
	if ((f->text = malloc((size_t)n + 1)) == NULL)
		abort();
	memcpy(f->text, r->in + h, (size_t)n);
	f->text[n] = '\0';
	memmove(r->in, r->in + h + n, r->len - h - (size_t)n);
	r->len -= h + (size_t)n;
	return (1);
}

/* The next text frame as JSON, reading as needed; NULL on failure. */
static json_t *
raw_next(struct raw *r, double deadline)
{
	struct frame	 f;
	json_t		*j;
	int		 rc;

	for (;;) {
		while ((rc = raw_frame(r, &f)) == 0) {
			if (raw_read(r, deadline) != 0)
				return (NULL);
		}
		if (rc < 0)
			return (NULL);
		if (f.opcode == 0x1)
			break;
		free(f.text);
		if (f.opcode == 0x8)
			return (NULL);	/* closed */
	}
	j = json_loads(f.text, 0, NULL);
	free(f.text);
	return (j);
}

/* The next frame of type, skipping others; NULL on failure. */
static json_t *
raw_wait(struct raw *r, const char *type, double deadline)
{
	json_t		*j;
	const char	*t;

	while ((j = raw_next(r, deadline)) != NULL) {
		t = json_string_value(json_object_get(j, "type"));
		if (t != NULL && strcmp(t, type) == 0)
			return (j);
		json_decref(j);
	}
	return (NULL);
}

/*
 * Opens /api/ws with a receive buffer of a few kilobytes, signs in and
 * subscribes to events; returns once the pong says it is in place.
 */
static int
raw_open(struct raw *r, double deadline)
{
	struct sockaddr_in	 sin;
	char			 req[1024];
	unsigned char		*end;
	json_t			*j;
	int			 small = 4096, mss = 536, ok;

	memset(r, 0, sizeof *r);
	r->fd = socket(AF_INET, SOCK_STREAM, 0);
	CHECK(r->fd != -1);
	/*
	 * Before connect: a small window, and small segments, because the
	 * server's kernel sizes its send buffer from the segment size, and
	 * loopback's 64 KB segments would let it take megabytes.
	 */
	CHECK(setsockopt(r->fd, SOL_SOCKET, SO_RCVBUF, &small,
	    sizeof small) == 0);
	CHECK(setsockopt(r->fd, IPPROTO_TCP, TCP_MAXSEG, &mss,
	    sizeof mss) == 0);
	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_port = htons((uint16_t)port);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (connect(r->fd, (struct sockaddr *)&sin, sizeof sin) != 0)
		return (-1);
	snprintf(req, sizeof req, "GET /api/ws HTTP/1.1\r\n"
	    "Host: 127.0.0.1:%d\r\nUpgrade: websocket\r\n"
	    "Connection: Upgrade\r\n"
	    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
	    "Sec-WebSocket-Version: 13\r\n\r\n", port);
	CHECK(write(r->fd, req, strlen(req)) == (ssize_t)strlen(req));
	while (r->len < 4 || (end = memmem(r->in, r->len, "\r\n\r\n",
	    4)) == NULL) {
		if (raw_read(r, deadline) != 0)
			return (-1);
	}
	ok = r->len >= 12 && memcmp(r->in, "HTTP/1.1 101", 12) == 0;
	CHECK(ok);
	r->len -= (size_t)(end + 4 - r->in);
	memmove(r->in, end + 4, r->len);

	snprintf(req, sizeof req, "{\"type\":\"auth\",\"token\":\"%s\"}",
	    admin);
	raw_send(r, req);
	if ((j = raw_wait(r, "hello", deadline)) == NULL)
		return (-1);
	json_decref(j);
	raw_send(r, "{\"type\":\"subscribe\",\"topics\":[\"events\"]}");
	raw_send(r, "{\"type\":\"ping\"}");
	if ((j = raw_wait(r, "pong", deadline)) == NULL)
		return (-1);
	json_decref(j);
	return (0);
}

/* The description of update i: each one differs, and says which it is. */
static void
description(char *buf, size_t len, int i)
{
	memset(buf, 'a' + i % 26, len - 1);
	buf[len - 1] = '\0';
	snprintf(buf, 24, "update %05d", i);
	buf[strlen(buf)] = ' ';
}

static void
test_slow_reader(void)
{
	struct raw	 r;
	struct reply	 rep;
	json_t		*j, *body, *ev;
	const char	*type, *desc;
	char		 text[1001], want[1001], *json;
	double		 deadline = now() + DEADLINE;
	json_int_t	 seq, last = 0;
	int		 i, n = 0, in_order = 1;

	CHECK_INT(raw_open(&r, deadline), 0);

	/* The client reads nothing while the updates go out. */
	for (i = 0; i < UPDATES; i++) {
		description(text, sizeof text, i);
		body = json_pack("{ss}", "description", text);
		json = json_dumps(body, JSON_COMPACT);
		support_http(mp.url, "PUT", "/api/events/1", json, admin, &rep);
		CHECK_INT(rep.status, 200);
		reply_done(&rep);
		free(json);
		json_decref(body);
	}

	/* Then it reads: every update, whole, once, in order. */
	while (n < UPDATES && (j = raw_next(&r, deadline)) != NULL) {
		type = json_string_value(json_object_get(j, "type"));
		seq = json_integer_value(json_object_get(j, "seq"));
		if (seq <= last)
			in_order = 0;
		last = seq;
		if (type != NULL && strcmp(type, "event.updated") == 0) {
			ev = json_object_get(json_object_get(j, "data"),
			    "event");
			desc = json_string_value(json_object_get(ev,
			    "description"));
			description(want, sizeof want, n);
			if (desc == NULL || strcmp(desc, want) != 0)
				in_order = 0;
			n++;
		}
		json_decref(j);
	}
	CHECK_INT(n, UPDATES);
	CHECK(in_order);
	/* Far more than the two sockets' buffers held while it waited. */
	CHECK(r.total > 400 * 1000);

	/* And the connection still works. */
	raw_send(&r, "{\"type\":\"ping\"}");
	j = raw_wait(&r, "pong", deadline);
	CHECK(j != NULL);
	json_decref(j);
	close(r.fd);
	free(r.in);
}

static void
test_start(void)
{
	static const char *const extra[] = { "--seed", "demo", NULL };
	char	*colon;

	if (support_mock_start(&mp, extra, -1) != 0)
		exit(1);
	colon = strrchr(mp.url, ':');
	port = atoi(colon + 1);
	admin = support_login(mp.url, "admin@example.com",
	    SUPPORT_DEMO_PASSWORD);
	CHECK(admin != NULL);
	if (admin == NULL)
		exit(1);
}

static void
test_stop(void)
{
	CHECK_INT(support_mock_stop(&mp), 0);
	free(mp.url);
	free(admin);
}

TEST_MAIN(
	TEST_CASE(test_start),
	TEST_CASE(test_slow_reader),
	TEST_CASE(test_stop))
