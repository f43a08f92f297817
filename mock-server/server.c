#include "server.h"

#include <sys/socket.h>

#include <errno.h>
#include <libwebsockets.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fault.h"
#include "http.h"
#include "log.h"
#include "metrics.h"
#include "mock.h"
#include "pipeline.h"
#include "query.h"
#include "ws.h"
#include "xmalloc.h"

/*
 * An answer leaves as its headers and the first SERVER_CHUNK bytes of its
 * body in one write, the rest a chunk per writable callback.  lws hands
 * the socket at most the protocol's tx_packet_size per send() and copies
 * any rest aside, so that is the size of the whole buffer: a page of
 * events leaves in one send(), as one burst of packets.
 */
#define SERVER_HEADERS	4096
#define SERVER_CHUNK	65536
#define SERVER_WRITE	(SERVER_HEADERS + SERVER_CHUNK)
/* A chunk's size line ("ffff\r\n") goes in front of its bytes. */
#define SERVER_CHUNK_LINE 16
/*
 * A body long in the sending: lws drops a connection whose exchange takes
 * longer than its timeout (30 s) however well it goes, so each piece that
 * leaves gives the client this many seconds more to take the next one.
 */
#define SERVER_BODY_IDLE	30

struct server_conn;

struct server {
	struct mock		*m;
	uv_loop_t		*loop;
	int			 broken;	/* lws failed mid-start */
	struct lws_context	*context;
	int			 port;

	struct ws_batch		*batch;		/* WebSocket writes per pass */
	struct server_conn	*websockets;	/* open ones, for drop-ws */
	uv_timer_t		 drop_timer;
	int			 drop_timer_on;
};

/* Per connection: an HTTP exchange or a WebSocket, never both at once. */
struct server_conn {
	struct lws		*wsi;
	struct http_req		*req;
	int			 too_large;
	int			 close_after;
	int			 delayed;	/* waiting out a latency */
	int			 answered;	/* this request has had its reply */
	double			 started;	/* monotonic, for /metrics */
	char			 peer[64];	/* once per connection */

	const char		*out;		/* the body, in req */
	size_t			 out_len;
	size_t			 out_off;
	int			 streaming;	/* a body made while sent */
	int			 chunked;	/* ... in HTTP/1.1 chunks */
	unsigned char		*buf;		/* LWS_PRE + SERVER_WRITE */

	struct ws_conn		*ws;
	int			 dropping;	/* close at next writable */
	struct server_conn	*ws_prev;
	struct server_conn	*ws_next;
};

/* lws's method index to ours. */
static const enum http_method server_methods[] = {
	[LWSHUMETH_GET] = HTTP_GET,
	[LWSHUMETH_POST] = HTTP_POST,
	[LWSHUMETH_OPTIONS] = HTTP_OPTIONS,
	[LWSHUMETH_PUT] = HTTP_PUT,
	[LWSHUMETH_PATCH] = HTTP_PATCH,
	[LWSHUMETH_DELETE] = HTTP_DELETE,
	[LWSHUMETH_CONNECT] = HTTP_OTHER,
	[LWSHUMETH_HEAD] = HTTP_HEAD,
	[LWSHUMETH_COLON_PATH] = HTTP_OTHER,
};

/* Request headers handed to routes, by lws token. */
static const struct {
	const char		*name;
	enum lws_token_indexes	 token;
} server_headers[] = {
	{ "authorization", WSI_TOKEN_HTTP_AUTHORIZATION },
	{ "content-type", WSI_TOKEN_HTTP_CONTENT_TYPE },
	{ "content-length", WSI_TOKEN_HTTP_CONTENT_LENGTH },
	{ "if-none-match", WSI_TOKEN_HTTP_IF_NONE_MATCH },
	{ "if-match", WSI_TOKEN_HTTP_IF_MATCH },
};

static int	server_log_verbose;

static void
server_log_emit(int level, const char *line)
{
	size_t	len = strlen(line);

	/* lws ends its lines with a newline of its own. */
	if (len > 0 && line[len - 1] == '\n')
		len--;
	log_warnx("lws: %.*s", (int)len, line);
}

void
server_set_log_level(int verbose)
{
	server_log_verbose = verbose;
	lws_set_log_level(verbose ? LLL_ERR|LLL_WARN : LLL_ERR,
	    server_log_emit);
}

static void
server_conn_reset(struct server_conn *c)
{
	http_req_free(c->req);
	c->req = NULL;
	c->out = NULL;
	c->out_len = c->out_off = 0;
	c->streaming = c->chunked = 0;
	c->too_large = 0;
	c->close_after = 0;
	c->delayed = 0;
}

/* The connection is going: what it holds across requests goes too. */
static void
server_conn_done(struct server *s, struct server_conn *c)
{
	server_conn_reset(c);
	free(c->buf);
	c->buf = NULL;
	c->peer[0] = '\0';
	if (c->ws != NULL) {
		ws_conn_free(c->ws);
		c->ws = NULL;
		if (c->ws_prev != NULL)
			c->ws_prev->ws_next = c->ws_next;
		else if (s->websockets == c)
			s->websockets = c->ws_next;
		if (c->ws_next != NULL)
			c->ws_next->ws_prev = c->ws_prev;
		c->ws_prev = c->ws_next = NULL;
	}
}

/* A header lws does not know by a token, such as Idempotency-Key. */
static void
server_read_custom_header(struct lws *wsi, struct http_req *req,
    const char *name)
{
	char	lname[64], *value;
	int	len;

	snprintf(lname, sizeof lname, "%s:", name);
	if ((len = lws_hdr_custom_length(wsi, lname, (int)strlen(lname))) < 0)
		return;
	value = xmalloc((size_t)len + 1);
	if (lws_hdr_custom_copy(wsi, value, len + 1, lname,
	    (int)strlen(lname)) >= 0)
		http_req_set_header(req, name, value);
	free(value);
}

static struct http_req *
server_read_request(struct lws *wsi, struct server_conn *c, const char *path)
{
	struct http_req	*req;
	char		*uri, buf[8192];
	int		 method, len, i;
	size_t		 h;

	method = lws_http_get_uri_and_method(wsi, &uri, &len);
	req = http_req_new(method >= 0 && (size_t)method <
	    sizeof server_methods / sizeof server_methods[0] ?
	    server_methods[method] : HTTP_OTHER, path);
	for (i = 0; i < QUERY_MAX_ARGS; i++) {
		if (lws_hdr_copy_fragment(wsi, buf, sizeof buf,
		    WSI_TOKEN_HTTP_URI_ARGS, i) < 0)
			break;
		query_add_pair(http_req_query(req), buf);
	}
	for (h = 0; h < sizeof server_headers / sizeof server_headers[0]; h++) {
		if (lws_hdr_total_length(wsi, server_headers[h].token) <= 0)
			continue;
		if (lws_hdr_copy(wsi, buf, sizeof buf,
		    server_headers[h].token) >= 0)
			http_req_set_header(req, server_headers[h].name, buf);
	}
	server_read_custom_header(wsi, req, "idempotency-key");
	if (c->peer[0] == '\0' &&
	    lws_get_peer_simple(wsi, c->peer, sizeof c->peer) == NULL)
		c->peer[0] = '\0';
	if (c->peer[0] != '\0')
		http_req_set_peer(req, c->peer);
	return (req);
}

static int
server_complete(struct lws *wsi, struct server *s, struct server_conn *c)
{
	int	close_after = c->close_after;

	metrics_request(s->m->metrics, http_req_method(c->req),
	    http_res_status(c->req), mock_now_monotonic() - c->started);
	server_conn_reset(c);
	if (close_after)
		return (-1);
	if (lws_http_transaction_completed(wsi))
		return (-1);
	return (0);
}

/*
 * After a piece of a body went out: with more to come, the client has
 * SERVER_BODY_IDLE more to take the next one (a slow but steady reader
 * is never cut off); else the exchange is complete.
 */
static int
server_written(struct lws *wsi, struct server *s, struct server_conn *c,
    int more)
{
	if (more) {
		lws_set_timeout(wsi, PENDING_TIMEOUT_HTTP_CONTENT,
		    SERVER_BODY_IDLE);
		lws_callback_on_writable(wsi);
		return (0);
	}
	return (server_complete(wsi, s, c));
}

/* Writes the next piece of the body; the last one ends the exchange. */
static int
server_write_body(struct lws *wsi, struct server *s, struct server_conn *c)
{
	size_t	n;
	int	final;

	if (c->out == NULL)
		return (0);
	n = c->out_len - c->out_off;
	if (n > SERVER_CHUNK)
		n = SERVER_CHUNK;
	memcpy(c->buf + LWS_PRE, c->out + c->out_off, n);
	final = (c->out_off + n == c->out_len);
	if (lws_write(wsi, c->buf + LWS_PRE, n, final ? LWS_WRITE_HTTP_FINAL :
	    LWS_WRITE_HTTP) != (int)n)
		return (-1);
	c->out_off += n;
	return (server_written(wsi, s, c, !final));
}

/*
 * The next piece of a streamed body, at most SERVER_CHUNK bytes: one
 * piece per writable callback, so other connections are served between
 * them.  On HTTP/1.1 each piece is a chunk of a chunked body and the last
 * one is the empty chunk; a stream that fails hangs up before it, so the
 * client knows the body is cut short.  (HTTP/2 frames the pieces itself.)
 */
static int
server_write_stream(struct lws *wsi, struct server *s, struct server_conn *c)
{
	unsigned char	*data, *start;
	char		 line[32];
	size_t		 len, n;
	int		 more;

	data = c->buf + LWS_PRE + SERVER_CHUNK_LINE;
	if ((more = http_res_stream_read(c->req, (char *)data, SERVER_CHUNK,
	    &len)) < 0)
		return (-1);
	if (len == 0 && more) {
		/* Nothing this time (rows that did not match): ask again. */
		lws_callback_on_writable(wsi);
		return (0);
	}
	start = data;
	n = len;
	if (c->chunked) {
		if (len > 0) {
			snprintf(line, sizeof line, "%zx\r\n", len);
			start -= strlen(line);
			memcpy(start, line, strlen(line));
			memcpy(data + len, "\r\n", 2);
			n = (size_t)(data + len + 2 - start);
		}
		if (!more) {
			memcpy(start + n, "0\r\n\r\n", 5);
			n += 5;
		}
	}
	if (lws_write(wsi, start, n, more ? LWS_WRITE_HTTP :
	    LWS_WRITE_HTTP_FINAL) != (int)n)
		return (-1);
	return (server_written(wsi, s, c, more));
}

/*
 * The status line and the headers of a streamed body: no Content-Length,
 * chunked on HTTP/1.1, ended by hanging up on HTTP/1.0.  0, or -1 when
 * they do not fit.
 */
static int
server_stream_headers(struct lws *wsi, struct server_conn *c,
    unsigned char **p, unsigned char *end)
{
	const char	*type = http_res_content_type(c->req);
	unsigned char	*line;

	/*
	 * An HTTP/2 stream is not the connection's own wsi (an upgrade from
	 * HTTP/1.1 has no :path header to tell it by).
	 */
	if (lws_get_network_wsi(wsi) != wsi)
		return (lws_add_http_common_headers(wsi,
		    (unsigned int)http_res_status(c->req), type,
		    LWS_ILLEGAL_HTTP_CONTENT_LEN, p, end));
	line = *p;
	if (lws_add_http_header_status(wsi,
	    (unsigned int)http_res_status(c->req), p, end) != 0 ||
	    lws_add_http_header_by_token(wsi, WSI_TOKEN_HTTP_CONTENT_TYPE,
	    (const unsigned char *)type, (int)strlen(type), p, end) != 0)
		return (-1);
	/*
	 * HTTP/1.0 knows no chunks: there the body ends when the server
	 * hangs up.  lws answers in the request's version and has no call
	 * that tells it, so the status line it has just written does.
	 */
	if (*p - line >= 8 && memcmp(line, "HTTP/1.0", 8) == 0) {
		c->close_after = 1;
		return (lws_add_http_header_by_token(wsi, WSI_TOKEN_CONNECTION,
		    (const unsigned char *)"close", 5, p, end));
	}
	c->chunked = 1;
	return (lws_add_http_header_by_token(wsi,
	    WSI_TOKEN_HTTP_TRANSFER_ENCODING, (const unsigned char *)"chunked",
	    7, p, end));
}

/*
 * Writes the reply's headers and, on HTTP/1, as much of the body as fits
 * behind them: one send() instead of two for most answers.  (HTTP/2 frames
 * headers and data apart, so there the body always follows on its own.)
 */
static int
server_send(struct lws *wsi, struct server *s, struct server_conn *c)
{
	unsigned char	*start, *p, *end;
	const char	*body, *name, *value;
	char		 lname[64];
	size_t		 len, i, j, n = 0;

	if (c->buf == NULL)
		c->buf = xmalloc(LWS_PRE + SERVER_WRITE);
	body = http_res_body(c->req, &len);
	start = p = c->buf + LWS_PRE;
	end = start + SERVER_HEADERS - 1;
	if (http_res_streamed(c->req)) {
		if (server_stream_headers(wsi, c, &p, end) != 0)
			return (-1);
	} else if (lws_add_http_common_headers(wsi,
	    (unsigned int)http_res_status(c->req),
	    http_res_content_type(c->req), len, &p, end) != 0)
		return (-1);
	if (lws_add_http_header_by_name(wsi,
	    (const unsigned char *)"cache-control:",
	    (const unsigned char *)"no-store", 8, &p, end) != 0)
		return (-1);
	for (i = 0; i < http_res_header_count(c->req); i++) {
		http_res_header(c->req, i, &name, &value);
		for (j = 0; j < sizeof lname - 2 && name[j] != '\0'; j++)
			lname[j] = (char)(name[j] >= 'A' && name[j] <= 'Z' ?
			    name[j] + 32 : name[j]);
		lname[j++] = ':';
		lname[j] = '\0';
		if (lws_add_http_header_by_name(wsi,
		    (const unsigned char *)lname, (const unsigned char *)value,
		    (int)strlen(value), &p, end) != 0)
			return (-1);
	}
	if (lws_finalize_http_header(wsi, &p, end) != 0)
		return (-1);
	if (http_req_method(c->req) == HTTP_HEAD)
		len = 0;
	if (len > 0 && lws_get_network_wsi(wsi) == wsi) {
		n = len < SERVER_CHUNK ? len : SERVER_CHUNK;
		memcpy(p, body, n);
		p += n;
	}
	if (lws_write(wsi, start, (size_t)(p - start),
	    LWS_WRITE_HTTP_HEADERS) != (int)(p - start))
		return (-1);
	if (http_res_streamed(c->req) && http_req_method(c->req) != HTTP_HEAD) {
		c->streaming = 1;
		lws_callback_on_writable(wsi);
		return (0);
	}
	if (n == len)
		return (server_complete(wsi, s, c));
	c->out = body;
	c->out_len = len;
	c->out_off = n;
	lws_callback_on_writable(wsi);
	return (0);
}

/* Answers the request read so far, at once or after --fault latency. */
static int
server_respond(struct lws *wsi, struct server *s, struct server_conn *c)
{
	unsigned	ms;
	size_t		len;

	c->answered = 1;
	if (c->too_large)
		http_reply_error(c->req, 413,
		    "Request body is larger than %d bytes", HTTP_BODY_MAX);
	pipeline_serve(s->m, c->req);
	http_res_body(c->req, &len);
	if (http_res_streamed(c->req))
		log_info("%s %s -> %d (streamed)",
		    http_method_name(http_req_method(c->req)),
		    http_req_path(c->req), http_res_status(c->req));
	else
		log_info("%s %s -> %d (%zu bytes)",
		    http_method_name(http_req_method(c->req)),
		    http_req_path(c->req), http_res_status(c->req), len);
	if ((ms = fault_latency_ms(s->m->fault)) > 0) {
		/* Others are served meanwhile; LWS_CALLBACK_TIMER ends it. */
		c->delayed = 1;
		lws_set_timer_usecs(wsi, (lws_usec_t)ms * 1000);
		return (0);
	}
	return (server_send(wsi, s, c));
}

static int
server_on_http(struct lws *wsi, struct server *s, struct server_conn *c,
    const char *path)
{
	char		 buf[32];
	long long	 length = 0;

	server_conn_reset(c);
	c->answered = 0;
	c->wsi = wsi;
	c->started = mock_now_monotonic();
	c->req = server_read_request(wsi, c, path);
	if (lws_hdr_copy(wsi, buf, sizeof buf,
	    WSI_TOKEN_HTTP_CONTENT_LENGTH) > 0)
		length = strtoll(buf, NULL, 10);
	if (length > HTTP_BODY_MAX) {
		/* Don't read a body we will refuse: answer and hang up. */
		c->too_large = 1;
		c->close_after = 1;
		return (server_respond(wsi, s, c));
	}
	if (length > 0)
		return (0);	/* the body arrives in HTTP_BODY callbacks */
	return (server_respond(wsi, s, c));
}

/* Accepts a WebSocket only on WS_PATH. */
static int
server_ws_path_ok(struct lws *wsi)
{
	char	uri[128];

	if (lws_hdr_copy(wsi, uri, sizeof uri, WSI_TOKEN_GET_URI) <= 0)
		return (0);
	return (strcmp(uri, WS_PATH) == 0);
}

static void
server_ws_open(struct server *s, struct server_conn *c, struct lws *wsi)
{
	c->wsi = wsi;
	c->ws = ws_conn_new(s->m, wsi);
	ws_conn_set_batch(c->ws, s->batch);
	c->dropping = 0;
	c->ws_prev = NULL;
	c->ws_next = s->websockets;
	if (s->websockets != NULL)
		s->websockets->ws_prev = c;
	s->websockets = c;
}

/* --fault drop-ws: every WebSocket is closed; clients must come back. */
static void
server_on_drop_timer(uv_timer_t *timer)
{
	struct server		*s = timer->data;
	struct server_conn	*c;

	for (c = s->websockets; c != NULL; c = c->ws_next) {
		c->dropping = 1;
		lws_callback_on_writable(c->wsi);
	}
}

/*
 * A dropped WebSocket gets no close frame: the socket just goes, as when
 * a network fails (clients see 1006, abnormal closure).
 */
static int
server_ws_writable(struct server *s, struct server_conn *c)
{
	if (c->ws == NULL)
		return (0);
	if (c->dropping) {
		metrics_count(s->m->metrics, METRICS_FAULT_WS_DROP);
		return (-1);
	}
	return (ws_conn_writable(c->ws));
}

static int
server_callback(struct lws *wsi, enum lws_callback_reasons reason, void *user,
    void *in, size_t len)
{
	struct server_conn	*c = user;
	struct server		*s;

	s = lws_context_user(lws_get_context(wsi));
	switch (reason) {
	case LWS_CALLBACK_HTTP:
		return (server_on_http(wsi, s, c, in));
	case LWS_CALLBACK_HTTP_BODY:
		if (c->req != NULL && !c->too_large &&
		    http_req_append_body(c->req, in, len) != 0)
			c->too_large = 1;
		return (0);
	case LWS_CALLBACK_HTTP_BODY_COMPLETION:
		/*
		 * lws also completes an empty body ("Content-Length: 0"),
		 * which was answered at once: answering again would run
		 * the route twice and write a second reply into the first.
		 */
		if (c->answered)
			return (0);
		if (c->req == NULL)
			return (-1);
		if (c->too_large)
			c->close_after = 1;
		return (server_respond(wsi, s, c));
	case LWS_CALLBACK_TIMER:
		if (c == NULL || c->req == NULL || !c->delayed)
			return (0);
		c->delayed = 0;
		lws_callback_on_writable(wsi);
		return (0);
	case LWS_CALLBACK_HTTP_WRITEABLE:
		if (c == NULL || c->req == NULL || c->delayed)
			return (0);
		if (c->streaming)
			return (server_write_stream(wsi, s, c));
		if (c->out == NULL)
			return (server_send(wsi, s, c));
		return (server_write_body(wsi, s, c));
	case LWS_CALLBACK_CLOSED_HTTP:
	case LWS_CALLBACK_HTTP_DROP_PROTOCOL:
		if (c != NULL)
			server_conn_done(s, c);
		return (0);

	case LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION:
		return (server_ws_path_ok(wsi) ? 0 : 1);
	case LWS_CALLBACK_ESTABLISHED:
		server_ws_open(s, c, wsi);
		return (0);
	case LWS_CALLBACK_RECEIVE:
		return (c->ws != NULL ? ws_conn_receive(c->ws, in, len) : -1);
	case LWS_CALLBACK_SERVER_WRITEABLE:
		return (server_ws_writable(s, c));
	case LWS_CALLBACK_WS_PEER_INITIATED_CLOSE:
		if (c->ws != NULL)
			ws_conn_peer_closed(c->ws);
		return (0);
	case LWS_CALLBACK_CLOSED:
		server_conn_done(s, c);
		return (0);
	default:
		break;
	}
	return (lws_callback_http_dummy(wsi, reason, user, in, len));
}

static const struct lws_protocols server_protocols[] = {
	{ "evtop", server_callback, sizeof (struct server_conn), 0, 0, NULL,
	  SERVER_WRITE },
	{ NULL, NULL, 0, 0, 0, NULL, 0 }
};

/* Ping idle WebSockets after 30 s; drop them after 60 s of silence. */
static const lws_retry_bo_t server_retry = {
	.secs_since_valid_ping = 30,
	.secs_since_valid_hangup = 60,
};

struct server *
server_new(struct mock *m, uv_loop_t *loop)
{
	struct server	*s;

	s = xcalloc(1, sizeof *s);
	s->m = m;
	s->loop = loop;
	s->batch = ws_batch_new(loop);
	return (s);
}

/*
 * Resolves host to a numeric address (lws binds to addresses or interface
 * names only) and checks that host:port can be bound, so a busy port gets
 * a clear sentence: lws 4.1 cannot fail cleanly on a foreign loop.
 */
static int
server_check_bind(const char *host, int port, char *addr, size_t len,
    char **cause)
{
	struct addrinfo	 hints, *ai;
	char		 service[16];
	int		 fd, rc, one = 1, saved;

	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE;
	snprintf(service, sizeof service, "%d", port);
	if ((rc = getaddrinfo(host, service, &hints, &ai)) != 0) {
		xasprintf(cause, "cannot listen on %s:%d: %s", host, port,
		    gai_strerror(rc));
		return (-1);
	}
	if ((fd = socket(ai->ai_family, ai->ai_socktype, 0)) == -1 ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
	    bind(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
		saved = errno;
		xasprintf(cause, "cannot listen on %s:%d: %s", host, port,
		    strerror(saved));
		if (fd != -1)
			close(fd);
		freeaddrinfo(ai);
		return (-1);
	}
	close(fd);
	rc = getnameinfo(ai->ai_addr, ai->ai_addrlen, addr, (socklen_t)len,
	    NULL, 0, NI_NUMERICHOST);
	freeaddrinfo(ai);
	if (rc != 0) {
		xasprintf(cause, "cannot listen on %s:%d: %s", host, port,
		    gai_strerror(rc));
		return (-1);
	}
	return (0);
}

int
server_listen(struct server *s, const char *host, int port, char **cause)
{
	struct lws_context_creation_info	 info;
	struct lws_vhost			*vhost;
	void					*loops[1];
	char					 addr[NI_MAXHOST];
	unsigned				 every;

	if (server_check_bind(host, port, addr, sizeof addr, cause) != 0)
		return (-1);

	memset(&info, 0, sizeof info);
	info.port = port;
	info.iface = addr;
	info.protocols = server_protocols;
	info.options = LWS_SERVER_OPTION_LIBUV |
	    LWS_SERVER_OPTION_HTTP_HEADERS_SECURITY_BEST_PRACTICES_ENFORCE |
	    LWS_SERVER_OPTION_FAIL_UPON_UNABLE_TO_BIND;
	if (strchr(addr, ':') == NULL)
		info.options |= LWS_SERVER_OPTION_DISABLE_IPV6;
	loops[0] = s->loop;
	info.foreign_loops = loops;
	info.user = s;
	info.max_http_header_data = 8192;
	info.retry_and_idle_policy = &server_retry;
	info.timeout_secs = 30;
	/* lws clears this once a destroy has finished on the loop. */
	info.pcontext = &s->context;

	s->context = lws_create_context(&info);
	if (s->context == NULL) {
		/* lws has torn itself down: the loop must not run again. */
		s->broken = 1;
		xasprintf(cause, "cannot listen on %s:%d", host, port);
		return (-1);
	}
	vhost = lws_get_vhost_by_name(s->context, "default");
	if (vhost != NULL)
		s->port = lws_get_vhost_listen_port(vhost);
	if (vhost == NULL || s->port <= 0) {
		xasprintf(cause, "cannot listen on %s:%d", host, port);
		server_shutdown(s);
		return (-1);
	}
	if ((every = fault_drop_ws(s->m->fault)) > 0) {
		uv_timer_init(s->loop, &s->drop_timer);
		s->drop_timer.data = s;
		uv_timer_start(&s->drop_timer, server_on_drop_timer,
		    (uint64_t)every * 1000, (uint64_t)every * 1000);
		s->drop_timer_on = 1;
	}
	return (0);
}

int
server_broken(const struct server *s)
{
	return (s->broken);
}

int
server_port(const struct server *s)
{
	return (s->port);
}

static void
server_stop_drop_timer(struct server *s)
{
	if (!s->drop_timer_on)
		return;
	s->drop_timer_on = 0;
	uv_timer_stop(&s->drop_timer);
	uv_close((uv_handle_t *)&s->drop_timer, NULL);
}

void
server_shutdown(struct server *s)
{
	if (s == NULL)
		return;
	server_stop_drop_timer(s);
	if (s->context != NULL)
		lws_context_destroy(s->context);
}

void
server_free(struct server *s)
{
	if (s == NULL)
		return;
	if (s->drop_timer_on && !s->broken) {
		server_stop_drop_timer(s);
		uv_run(s->loop, UV_RUN_DEFAULT);
	}
	if (s->context != NULL && !s->broken) {
		/* Finish a destroy the loop has not completed. */
		lws_context_destroy(s->context);
		uv_run(s->loop, UV_RUN_DEFAULT);
	}
	/* Every connection is gone: the batch goes once the loop lets go. */
	if (!s->broken) {
		ws_batch_free(s->batch);
		uv_run(s->loop, UV_RUN_DEFAULT);
	}
	free(s);
}
