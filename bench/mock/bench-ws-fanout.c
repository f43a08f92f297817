/*
 * Broadcast delivery: CLIENTS WebSocket clients on /api/ws sign in with
 * one token and subscribe to "events"; once every one of them has
 * answered a ping after subscribing (so the subscription is in place), the
 * tool triggers BROADCASTS broadcasts one after the other, each a
 * registration or its cancellation over plain HTTP (the mock then
 * publishes a counters envelope to "events").  For every client it
 * measures the time from the trigger's first byte sent to the counters
 * envelope, and counts who got each broadcast.
 *
 * Two times per client.  "Read": the clock read as this process parses
 * the frame.  One thread reads every socket from one epoll set, so that
 * time includes waiting for this process to come round to the socket,
 * which ten thousand separate clients would not do.  "Arrived": the
 * kernel's receive timestamp of the bytes (SO_TIMESTAMPING, software),
 * taken when the server's send() hands them to loopback: when the
 * envelope was in the client's socket, whoever reads it and however late.
 * The trigger's answer gets the same timestamp: the server publishes
 * before it answers and writes the envelopes after, so its arrival shows
 * how much of the latency comes before the fan-out begins.
 *
 * Usage: bench-ws-fanout URL EMAIL PASSWORD [-n CLIENTS] [-k BROADCASTS]
 *
 * Progress goes to stderr; stdout gets KEY=VALUE lines a shell can source.
 */
#include <sys/epoll.h>
#include <sys/socket.h>

#include <linux/errqueue.h>
#include <linux/net_tstamp.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "bench-util.h"
#include "bench-ws.h"
#include "json-util.h"
#include "xmalloc.h"

/* Handshakes in progress at once: the listen backlog is finite. */
#define FAN_OPENING_MAX		256
/* Seconds: guards, not figures. */
#define FAN_SETUP_DEADLINE	120
#define FAN_BROADCAST_DEADLINE	10
#define FAN_READ_CHUNK		16384

enum fan_state {
	FAN_IDLE,		/* not opened yet */
	FAN_CONNECTING,
	FAN_UPGRADING,		/* handshake sent */
	FAN_AUTHING,		/* auth sent, waiting for hello */
	FAN_SUBSCRIBING,	/* subscribe and ping sent, waiting for pong */
	FAN_READY,
	FAN_DEAD,		/* failed or closed */
};

struct fan_conn {
	int		 fd;
	enum fan_state	 state;
	char		 accept[BENCH_WS_ACCEPT_LEN];
	unsigned char	*in;
	size_t		 in_len;
	size_t		 in_size;
	unsigned char	*out;		/* bytes the socket did not take */
	size_t		 out_len;
	char		*msg;		/* a fragmented message so far */
	size_t		 msg_len;
	uint64_t	 last_seq;
	int		 got;		/* this broadcast arrived */
	double		 rx_ms;		/* kernel time of the last bytes read */
};

struct fan {
	const char		*url;
	char			 host[256];	/* host:port */
	struct addrinfo		*ai;
	char			*token;
	int64_t			 event_id;
	int			 epfd;
	struct fan_conn		*conns;
	size_t			 n;
	size_t			 opening;	/* connecting or upgrading */
	size_t			 ready;
	size_t			 dead;
	char			*failure;	/* the first failure seen */
	uint32_t		 rng;

	/* The broadcast under way. */
	int			 active;
	double			 t0;
	double			 t0_real;	/* the same instant, realtime */
	size_t			 received;
	double			*lat;		/* read, ms after t0 */
	size_t			 nlat;
	double			*arr;		/* arrived, ms after t0 */
	size_t			 narr;
	double			 last_arr;	/* this broadcast's latest */

	/* Per broadcast: the trigger answered; the fan-out took. */
	double			*answered;
	double			*fanout;
	size_t			 nbroadcast;
	int			 timestamps;	/* the kernel gives them */

	/* The trigger's HTTP exchange. */
	int			 tfd;
	char			 tin[8192];
	size_t			 tin_len;
	int			 tstatus;	/* 0 while waiting */
	double			 tin_rx_ms;	/* kernel time of the answer */
};

static void
fan_die(const char *what, const char *why)
{
	fprintf(stderr, "bench-ws-fanout: %s: %s\n", what, why);
	exit(1);
}

static void
fan_fail(struct fan *f, struct fan_conn *c, const char *why)
{
	if (c->state == FAN_DEAD)
		return;
	if (f->failure == NULL)
		f->failure = xstrdup(why);
	if (c->state == FAN_CONNECTING || c->state == FAN_UPGRADING)
		f->opening--;
	if (c->state == FAN_READY)
		f->ready--;
	c->state = FAN_DEAD;
	f->dead++;
	if (c->fd != -1) {
		epoll_ctl(f->epfd, EPOLL_CTL_DEL, c->fd, NULL);
		close(c->fd);
		c->fd = -1;
	}
}

static void
fan_parse_url(struct fan *f)
{
	struct addrinfo	 hints;
	const char	*p;
	char		 host[256], *colon;
	int		 rc;

	if (strncmp(f->url, "http://", 7) != 0)
		fan_die(f->url, "want an http:// URL");
	snprintf(f->host, sizeof f->host, "%s", f->url + 7);
	if ((p = strchr(f->host, '/')) != NULL)
		f->host[p - f->host] = '\0';
	snprintf(host, sizeof host, "%s", f->host);
	if ((colon = strrchr(host, ':')) == NULL)
		fan_die(f->url, "want a port");
	*colon = '\0';
	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	if ((rc = getaddrinfo(host, colon + 1, &hints, &f->ai)) != 0)
		fan_die(f->url, gai_strerror(rc));
}

static double
fan_real_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6);
}

/* Asks for the kernel's receive timestamps on fd (realtime clock). */
static void
fan_timestamps(struct fan *f, int fd)
{
	int	flags = SOF_TIMESTAMPING_RX_SOFTWARE |
		    SOF_TIMESTAMPING_SOFTWARE;

	if (setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPING, &flags,
	    sizeof flags) != 0)
		f->timestamps = 0;
}

/*
 * read() that also gives the kernel's receive time of the last bytes
 * read, in realtime milliseconds (0 when none came with them).
 */
static ssize_t
fan_recv(int fd, void *buf, size_t len, double *rx_ms)
{
	struct msghdr			 mh;
	struct iovec			 iov;
	struct cmsghdr			*cm;
	struct scm_timestamping		 ts;
	union {
		char			 buf[CMSG_SPACE(sizeof ts)];
		struct cmsghdr		 align;
	}				 control;
	ssize_t				 n;

	*rx_ms = 0;
	iov.iov_base = buf;
	iov.iov_len = len;
	memset(&mh, 0, sizeof mh);
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = control.buf;
	mh.msg_controllen = sizeof control.buf;
	if ((n = recvmsg(fd, &mh, 0)) <= 0)
		return (n);
	for (cm = CMSG_FIRSTHDR(&mh); cm != NULL; cm = CMSG_NXTHDR(&mh, cm)) {
		if (cm->cmsg_level != SOL_SOCKET ||
		    cm->cmsg_type != SCM_TIMESTAMPING)
			continue;
		memcpy(&ts, CMSG_DATA(cm), sizeof ts);
		if (ts.ts[0].tv_sec != 0)
			*rx_ms = ts.ts[0].tv_sec * 1000.0 +
			    ts.ts[0].tv_nsec / 1e6;
	}
	return (n);
}

/* A non-blocking socket connecting to the server, or -1. */
static int
fan_socket(struct fan *f)
{
	int	fd, one = 1;

	fd = socket(f->ai->ai_family, SOCK_STREAM | SOCK_NONBLOCK |
	    SOCK_CLOEXEC, 0);
	if (fd == -1)
		return (-1);
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	fan_timestamps(f, fd);
	if (connect(fd, f->ai->ai_addr, f->ai->ai_addrlen) != 0 &&
	    errno != EINPROGRESS) {
		close(fd);
		return (-1);
	}
	return (fd);
}

static void
fan_watch(struct fan *f, int fd, uint32_t events, uint32_t id, int op)
{
	struct epoll_event	ev;

	memset(&ev, 0, sizeof ev);
	ev.events = events;
	ev.data.u32 = id;
	if (epoll_ctl(f->epfd, op, fd, &ev) != 0)
		fan_die("epoll_ctl", strerror(errno));
}

/* Writes what the socket takes; the rest waits for EPOLLOUT. */
static void
fan_write(struct fan *f, struct fan_conn *c, const void *buf, size_t len)
{
	ssize_t	n = 0;

	if (c->out_len == 0) {
		n = write(c->fd, buf, len);
		if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
			fan_fail(f, c, strerror(errno));
			return;
		}
		if (n < 0)
			n = 0;
		if ((size_t)n == len)
			return;
		fan_watch(f, c->fd, EPOLLIN | EPOLLOUT,
		    (uint32_t)(c - f->conns), EPOLL_CTL_MOD);
	}
	c->out = xrealloc(c->out, c->out_len + len - (size_t)n);
	memcpy(c->out + c->out_len, (const char *)buf + n, len - (size_t)n);
	c->out_len += len - (size_t)n;
}

static void
fan_flush(struct fan *f, struct fan_conn *c)
{
	ssize_t		n;
	socklen_t	len;
	int		err = 0;

	if (c->state == FAN_CONNECTING) {
		len = sizeof err;
		if (getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0 ||
		    err != 0) {
			fan_fail(f, c, strerror(err != 0 ? err : errno));
			return;
		}
		c->state = FAN_UPGRADING;
	}
	if (c->out_len > 0) {
		n = write(c->fd, c->out, c->out_len);
		if (n < 0) {
			if (errno != EAGAIN && errno != EWOULDBLOCK)
				fan_fail(f, c, strerror(errno));
			return;
		}
		memmove(c->out, c->out + n, c->out_len - (size_t)n);
		c->out_len -= (size_t)n;
	}
	if (c->out_len == 0)
		fan_watch(f, c->fd, EPOLLIN, (uint32_t)(c - f->conns),
		    EPOLL_CTL_MOD);
}

static void
fan_send(struct fan *f, struct fan_conn *c, int opcode, const char *text,
    size_t len)
{
	unsigned char	*frame;
	size_t		 n;

	frame = xmalloc(len + BENCH_WS_HEADER_MAX);
	f->rng = f->rng * 1664525u + 1013904223u;
	n = bench_ws_frame(frame, opcode, text, len, f->rng);
	fan_write(f, c, frame, n);
	free(frame);
}

static void
fan_send_text(struct fan *f, struct fan_conn *c, const char *text)
{
	fan_send(f, c, BENCH_WS_TEXT, text, strlen(text));
}

/* Opens one client: the handshake goes once the socket connects. */
static void
fan_open(struct fan *f, struct fan_conn *c)
{
	char	*req;

	c->state = FAN_CONNECTING;
	f->opening++;
	if ((c->fd = fan_socket(f)) == -1) {
		fan_fail(f, c, strerror(errno));
		return;
	}
	fan_watch(f, c->fd, EPOLLIN | EPOLLOUT, (uint32_t)(c - f->conns),
	    EPOLL_CTL_ADD);
	req = bench_ws_request(f->host, "/api/ws", c->accept);
	c->out = (unsigned char *)req;
	c->out_len = strlen(req);
}

/* A counters envelope: the broadcast this client was waiting for. */
static void
fan_on_counters(struct fan *f, struct fan_conn *c, const char *text)
{
	const char	*p;
	uint64_t	 seq;
	double		 a;

	if ((p = strstr(text, "\"seq\":")) == NULL)
		return;
	seq = strtoull(p + 6, NULL, 10);
	if (seq <= c->last_seq)
		return;
	c->last_seq = seq;
	if (!f->active || c->got)
		return;
	c->got = 1;
	f->received++;
	f->lat[f->nlat++] = bench_now_ms() - f->t0;
	if (c->rx_ms > 0) {
		a = c->rx_ms - f->t0_real;
		f->arr[f->narr++] = a;
		if (a > f->last_arr)
			f->last_arr = a;
	}
}

static void
fan_on_text(struct fan *f, struct fan_conn *c, const char *text)
{
	if (strstr(text, "\"type\":\"error\"") != NULL) {
		fan_fail(f, c, text);
		return;
	}
	switch (c->state) {
	case FAN_AUTHING:
		if (strstr(text, "\"type\":\"hello\"") == NULL)
			break;
		fan_send_text(f, c, "{\"type\":\"subscribe\","
		    "\"topics\":[\"events\"]}");
		/* Answered after the subscribe: then it is in place. */
		fan_send_text(f, c, "{\"type\":\"ping\"}");
		c->state = FAN_SUBSCRIBING;
		break;
	case FAN_SUBSCRIBING:
		if (strstr(text, "\"type\":\"pong\"") != NULL) {
			c->state = FAN_READY;
			f->ready++;
		}
		break;
	case FAN_READY:
		if (strstr(text, "\"type\":\"counters\"") != NULL)
			fan_on_counters(f, c, text);
		break;
	default:
		break;
	}
}

static void
fan_on_frame(struct fan *f, struct fan_conn *c, struct bench_ws_frame *fr)
{
	switch (fr->opcode) {
	case BENCH_WS_PING:
		fan_send(f, c, BENCH_WS_PONG, (const char *)fr->payload,
		    fr->len);
		return;
	case BENCH_WS_CLOSE:
		fan_fail(f, c, "the server closed the WebSocket");
		return;
	case BENCH_WS_PONG:
		return;
	default:
		break;
	}
	c->msg = xrealloc(c->msg, c->msg_len + fr->len + 1);
	memcpy(c->msg + c->msg_len, fr->payload, fr->len);
	c->msg_len += fr->len;
	c->msg[c->msg_len] = '\0';
	if (!fr->fin)
		return;
	fan_on_text(f, c, c->msg);
	c->msg_len = 0;
}

/* The 101 answer: then the client signs in. */
static int
fan_on_upgrade(struct fan *f, struct fan_conn *c)
{
	unsigned char	*end;
	size_t		 head;
	char		*auth;

	end = memmem(c->in, c->in_len, "\r\n\r\n", 4);
	if (end == NULL)
		return (0);
	head = (size_t)(end - c->in) + 4;
	if (bench_ws_check_answer((char *)c->in, head, c->accept) != 0) {
		fan_fail(f, c, "the server refused the WebSocket handshake");
		return (-1);
	}
	memmove(c->in, c->in + head, c->in_len - head);
	c->in_len -= head;
	f->opening--;
	c->state = FAN_AUTHING;
	xasprintf(&auth, "{\"type\":\"auth\",\"token\":\"%s\"}", f->token);
	fan_send_text(f, c, auth);
	free(auth);
	return (0);
}

static void
fan_read(struct fan *f, struct fan_conn *c)
{
	struct bench_ws_frame	fr;
	ssize_t			n;
	size_t			off = 0;

	if (c->in_size - c->in_len < FAN_READ_CHUNK) {
		c->in_size = c->in_len + FAN_READ_CHUNK;
		c->in = xrealloc(c->in, c->in_size);
	}
	n = fan_recv(c->fd, c->in + c->in_len, c->in_size - c->in_len,
	    &c->rx_ms);
	if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) {
		fan_fail(f, c, n == 0 ? "the server hung up" :
		    strerror(errno));
		return;
	}
	if (n < 0)
		return;
	c->in_len += (size_t)n;
	if (c->state == FAN_UPGRADING && (fan_on_upgrade(f, c) != 0 ||
	    c->state == FAN_UPGRADING))
		return;
	while (c->state != FAN_DEAD && off < c->in_len) {
		n = bench_ws_parse(c->in + off, c->in_len - off, &fr);
		if (n < 0) {
			fan_fail(f, c, "a malformed frame from the server");
			return;
		}
		if (n == 0)
			break;
		off += (size_t)n;
		fan_on_frame(f, c, &fr);
	}
	if (c->state == FAN_DEAD)
		return;
	memmove(c->in, c->in + off, c->in_len - off);
	c->in_len -= off;
}

/* The trigger's answer: its status once the whole answer is in. */
static void
fan_trigger_read(struct fan *f)
{
	char	*end, *cl;
	ssize_t	 n;
	size_t	 head, want = 0;
	double	 rx_ms;

	n = fan_recv(f->tfd, f->tin + f->tin_len, sizeof f->tin - 1 -
	    f->tin_len, &rx_ms);
	if (n > 0) {
		f->tin_len += (size_t)n;
		f->tin_rx_ms = rx_ms;
	}
	f->tin[f->tin_len] = '\0';
	if ((end = strstr(f->tin, "\r\n\r\n")) != NULL) {
		head = (size_t)(end - f->tin) + 4;
		if ((cl = strcasestr(f->tin, "\ncontent-length:")) != NULL &&
		    cl < end)
			want = strtoul(cl + 16, NULL, 10);
		if (f->tin_len >= head + want || n == 0)
			f->tstatus = atoi(f->tin + 9);
	}
	if (n == 0 && f->tstatus == 0)
		f->tstatus = -1;
	if (f->tstatus != 0) {
		epoll_ctl(f->epfd, EPOLL_CTL_DEL, f->tfd, NULL);
		close(f->tfd);
		f->tfd = -1;
	}
}

/* Waits up to ms for events and handles them. */
static void
fan_poll(struct fan *f, int ms)
{
	struct epoll_event	 evs[1024];
	struct fan_conn		*c;
	int			 i, n;

	n = epoll_wait(f->epfd, evs, 1024, ms);
	for (i = 0; i < n; i++) {
		if (evs[i].data.u32 == (uint32_t)f->n) {
			fan_trigger_read(f);
			continue;
		}
		c = &f->conns[evs[i].data.u32];
		if (c->state == FAN_DEAD)
			continue;
		if (evs[i].events & EPOLLOUT)
			fan_flush(f, c);
		if (c->state != FAN_DEAD &&
		    (evs[i].events & (EPOLLIN | EPOLLERR | EPOLLHUP)))
			fan_read(f, c);
	}
}

/* Opens every client and waits until each is subscribed (or dead). */
static double
fan_connect_all(struct fan *f)
{
	double	t0 = bench_now_ms(), deadline;
	size_t	next = 0;

	deadline = t0 + FAN_SETUP_DEADLINE * 1000.0;
	while (f->ready + f->dead < f->n) {
		while (next < f->n && f->opening < FAN_OPENING_MAX)
			fan_open(f, &f->conns[next++]);
		fan_poll(f, 50);
		if (bench_now_ms() > deadline) {
			fprintf(stderr, "bench-ws-fanout: only %zu of %zu "
			    "clients subscribed in %d s\n", f->ready, f->n,
			    FAN_SETUP_DEADLINE);
			break;
		}
	}
	return ((bench_now_ms() - t0) / 1000.0);
}

/* Sends the trigger: a registration, or its cancellation when odd. */
static void
fan_trigger(struct fan *f, int cancel)
{
	char	*req;
	int	 fd, flags;

	if ((fd = socket(f->ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC,
	    0)) == -1 || connect(fd, f->ai->ai_addr, f->ai->ai_addrlen) != 0)
		fan_die("trigger", strerror(errno));
	flags = fcntl(fd, F_GETFL);
	fcntl(fd, F_SETFL, flags | O_NONBLOCK);
	fan_timestamps(f, fd);
	xasprintf(&req, "%s /api/events/%" PRId64 "/register HTTP/1.1\r\n"
	    "Host: %s\r\nAuthorization: Bearer %s\r\nContent-Length: 0\r\n"
	    "Connection: close\r\n\r\n", cancel ? "DELETE" : "POST",
	    f->event_id, f->host, f->token);
	f->tfd = fd;
	f->tin_len = 0;
	f->tstatus = 0;
	f->tin_rx_ms = 0;
	fan_watch(f, fd, EPOLLIN, (uint32_t)f->n, EPOLL_CTL_ADD);
	f->t0 = bench_now_ms();
	f->t0_real = fan_real_ms();
	if (write(fd, req, strlen(req)) != (ssize_t)strlen(req))
		fan_die("trigger", "the request did not go out whole");
	free(req);
}

/* One broadcast: how many clients received it. */
static size_t
fan_broadcast(struct fan *f, int k)
{
	double	deadline;
	size_t	i;

	for (i = 0; i < f->n; i++)
		f->conns[i].got = 0;
	f->received = 0;
	f->last_arr = 0;
	f->active = 1;
	fan_trigger(f, k % 2);
	deadline = f->t0 + FAN_BROADCAST_DEADLINE * 1000.0;
	while ((f->received < f->ready || f->tstatus == 0) &&
	    bench_now_ms() < deadline)
		fan_poll(f, 50);
	f->active = 0;
	if (f->tstatus < 200 || f->tstatus > 299) {
		fprintf(stderr, "bench-ws-fanout: the trigger %s answered "
		    "%d: %s\n", k % 2 ? "DELETE" : "POST", f->tstatus,
		    f->tin);
		exit(1);
	}
	if (f->tin_rx_ms > 0 && f->last_arr > 0) {
		f->answered[f->nbroadcast] = f->tin_rx_ms - f->t0_real;
		f->fanout[f->nbroadcast] = f->last_arr -
		    f->answered[f->nbroadcast];
		f->nbroadcast++;
	}
	return (f->received);
}

/* A published upcoming event to register for, and no registration yet. */
static void
fan_pick_event(struct fan *f)
{
	struct bench_reply	 r;
	json_t			*list, *ev;
	char			*path;
	const char		*status;
	size_t			 i;

	bench_http(f->url, "GET", "/api/events?status=published&per_page=50",
	    NULL, f->token, &r);
	list = json_object_get(r.json, "events");
	json_array_foreach(list, i, ev) {
		status = json_util_string(ev, "status");
		if (status == NULL || strcmp(status, "published") == 0) {
			json_util_count(ev, "id", &f->event_id, NULL);
			break;
		}
	}
	bench_reply_done(&r);
	if (f->event_id == 0)
		fan_die("GET /api/events", "no published event to register for");
	xasprintf(&path, "/api/events/%" PRId64 "/register", f->event_id);
	bench_http(f->url, "DELETE", path, NULL, f->token, &r);
	bench_reply_done(&r);
	free(path);
}

static void
fan_usage(void)
{
	fprintf(stderr, "usage: bench-ws-fanout URL EMAIL PASSWORD "
	    "[-n CLIENTS] [-k BROADCASTS]\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	struct fan		 f;
	struct bench_stats	 st, arr, ans, fan;
	char			*cause = NULL;
	double			 connect_s;
	size_t			 i, got, min_got = (size_t)-1, subscribed;
	long			 nofile, k, broadcasts = 20;
	int			 ch;

	memset(&f, 0, sizeof f);
	f.n = 1000;
	f.tfd = -1;
	while ((ch = getopt(argc, argv, "n:k:")) != -1) {
		switch (ch) {
		case 'n':
			f.n = strtoul(optarg, NULL, 10);
			break;
		case 'k':
			broadcasts = strtol(optarg, NULL, 10);
			break;
		default:
			fan_usage();
		}
	}
	if (optind + 3 != argc || f.n < 1 || broadcasts < 1)
		fan_usage();
	f.url = argv[optind];
	signal(SIGPIPE, SIG_IGN);
	nofile = bench_raise_nofile();
	if (nofile != -1 && (size_t)nofile < f.n + 32) {
		fprintf(stderr, "bench-ws-fanout: %zu clients need %zu open "
		    "files; the limit is %ld\n", f.n, f.n + 32, nofile);
		return (1);
	}
	curl_global_init(CURL_GLOBAL_DEFAULT);
	fan_parse_url(&f);
	if ((f.token = bench_login(f.url, argv[optind + 1], argv[optind + 2],
	    &cause)) == NULL)
		fan_die("sign-in", cause);
	fan_pick_event(&f);
	f.rng = (uint32_t)getpid();
	if ((f.epfd = epoll_create1(EPOLL_CLOEXEC)) == -1)
		fan_die("epoll_create1", strerror(errno));
	f.conns = xcalloc(f.n, sizeof *f.conns);
	for (i = 0; i < f.n; i++)
		f.conns[i].fd = -1;
	f.lat = xcalloc(f.n * (size_t)broadcasts, sizeof *f.lat);
	f.arr = xcalloc(f.n * (size_t)broadcasts, sizeof *f.arr);
	f.answered = xcalloc((size_t)broadcasts, sizeof *f.answered);
	f.fanout = xcalloc((size_t)broadcasts, sizeof *f.fanout);
	f.timestamps = 1;

	fprintf(stderr, "bench-ws-fanout: opening %zu clients\n", f.n);
	connect_s = fan_connect_all(&f);
	subscribed = f.ready;
	fprintf(stderr, "bench-ws-fanout: %zu subscribed in %.1f s%s%s\n",
	    f.ready, connect_s, f.failure != NULL ? "; first failure: " : "",
	    f.failure != NULL ? f.failure : "");
	for (k = 0; k < broadcasts && f.ready > 0; k++) {
		got = fan_broadcast(&f, (int)k);
		if (got < min_got)
			min_got = got;
	}
	if (min_got == (size_t)-1)
		min_got = 0;
	bench_stats(f.lat, f.nlat, &st);
	bench_stats(f.arr, f.narr, &arr);
	bench_stats(f.answered, f.nbroadcast, &ans);
	bench_stats(f.fanout, f.nbroadcast, &fan);
	fprintf(stderr, "bench-ws-fanout: %ld broadcasts to %zu clients: "
	    "read p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms; fewest "
	    "reached %zu; %zu clients lost\n", broadcasts, f.n, st.p50, st.p95,
	    st.p99, st.max, min_got, f.dead);
	if (f.timestamps && f.narr == f.nlat && f.nlat > 0) {
		fprintf(stderr, "bench-ws-fanout: arrived p50 %.1f ms, p95 "
		    "%.1f ms, p99 %.1f ms, max %.1f ms; the trigger answered "
		    "after p50 %.1f ms; answer to last arrival p50 %.1f ms, "
		    "max %.1f ms\n", arr.p50, arr.p95, arr.p99, arr.max,
		    ans.p50, fan.p50, fan.max);
	} else {
		fprintf(stderr, "bench-ws-fanout: no kernel receive "
		    "timestamps (%zu of %zu): arrival times unknown\n", f.narr,
		    f.nlat);
		memset(&arr, 0, sizeof arr);
	}
	printf("WS_N=%zu\nWS_K=%ld\nWS_SUBSCRIBED=%zu\n"
	    "WS_CONNECT_SECONDS=%.1f\nWS_P50=%.1f\nWS_P95=%.1f\n"
	    "WS_P99=%.1f\nWS_MAX=%.1f\nWS_MIN_RECEIVED=%zu\nWS_LOST=%zu\n",
	    f.n, broadcasts, subscribed, connect_s, st.p50, st.p95, st.p99,
	    st.max, min_got, f.dead);
	if (arr.n > 0) {
		printf("WS_ARR_P50=%.1f\nWS_ARR_P95=%.1f\nWS_ARR_P99=%.1f\n"
		    "WS_ANSWER_P50=%.1f\nWS_FANOUT_P50=%.1f\n"
		    "WS_FANOUT_MAX=%.1f\n", arr.p50, arr.p95, arr.p99, ans.p50,
		    fan.p50, fan.max);
	}

	for (i = 0; i < f.n; i++) {
		if (f.conns[i].fd != -1)
			close(f.conns[i].fd);
		free(f.conns[i].in);
		free(f.conns[i].out);
		free(f.conns[i].msg);
	}
	free(f.conns);
	free(f.lat);
	free(f.arr);
	free(f.answered);
	free(f.fanout);
	free(f.token);
	free(f.failure);
	freeaddrinfo(f.ai);
	close(f.epfd);
	curl_global_cleanup();
	return (0);
}
