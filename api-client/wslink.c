/*
 * A libwebsockets client on a foreign libuv loop.  lws owns its sockets
 * and timers but they are all handles on our loop, so nothing here blocks
 * or polls.  lws logs go to the trace log, never to the terminal.
 */
#include "wslink.h"

#include <libwebsockets.h>
#include <stdlib.h>
#include <string.h>
#include <sys/queue.h>

#include "buf.h"
#include "log.h"
#include "text.h"
#include "url.h"
#include "xmalloc.h"

#define WS_MESSAGE_MAX		(1024 * 1024)
#define WS_CLOSE_ABNORMAL	1006
#define WS_REAP_EVERY_MS	5
#define WS_REAP_TRIES		400
#define WS_HANDSHAKE_SECS	10

struct wslink_out {
	char			*data;		/* LWS_PRE bytes, then text */
	size_t			 len;
	STAILQ_ENTRY(wslink_out)	 entry;
};
STAILQ_HEAD(wslink_outq, wslink_out);

struct wslink {
	uv_loop_t		*loop;
	struct lws_context	*ctx;
	struct wslink_hooks		 hooks;
	void			*arg;

	char			*url;
	char			*address;
	char			*path;
	char			*host;		/* Host: header, with port */
	int			 port;
	int			 tls;
	int			 insecure;

	struct lws		*wsi;		/* current connection */
	int			 open;
	int			 closing;
	int			 close_code;	/* from the server's close */
	char			*close_why;

	int			 in_connect;
	char			*connect_error;	/* failed inside wslink_connect */

	struct buf		 rx;
	int			 rx_skip;	/* message too big: drop it */

	struct wslink_outq		 outq;
	int			 dying;
	int			 reap_tries;
	uv_timer_t		 reaper;
};

/* Pings when idle for 30 s; gives up on a peer silent for 75 s. */
static const lws_retry_bo_t wslink_idle_policy = {
	.secs_since_valid_ping = 30,
	.secs_since_valid_hangup = 75,
};

static void
wslink_log(int level, const char *line)
{
	size_t	len = strlen(line);

	while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
		len--;
	log_debug("lws: %.*s", (int)len, line);
}

static void
wslink_outq_clear(struct wslink *ws)
{
	struct wslink_out	*o;

	while ((o = STAILQ_FIRST(&ws->outq)) != NULL) {
		STAILQ_REMOVE_HEAD(&ws->outq, entry);
		explicit_bzero(o->data, LWS_PRE + o->len);
		free(o->data);
		free(o);
	}
}

/* The connection is over: reset and tell the caller once. */
static void
wslink_ended(struct wslink *ws, int status, const char *why)
{
	char	*sentence;
	int	 code = ws->close_code;

	ws->wsi = NULL;
	ws->open = ws->closing = 0;
	ws->close_code = 0;
	buf_clear(&ws->rx);
	ws->rx_skip = 0;
	wslink_outq_clear(ws);
	if (why == NULL && ws->close_why != NULL && *ws->close_why != '\0')
		xasprintf(&sentence, "%s closed the connection: %s", ws->url,
		    ws->close_why);
	else if (why == NULL)
		xasprintf(&sentence, "lost the connection to %s", ws->url);
	else
		sentence = xstrdup(why);
	free(ws->close_why);
	ws->close_why = NULL;
	log_debug("ws: %s ended (code %d, status %d): %s", ws->url, code,
	    status, sentence);
	if (ws->in_connect) {
		free(ws->connect_error);
		ws->connect_error = sentence;
		return;
	}
	if (!ws->dying && ws->hooks.closed != NULL)
		ws->hooks.closed(ws->arg, code, status, sentence);
	free(sentence);
}

static int
wslink_receive(struct wslink *ws, struct lws *wsi, const char *in, size_t len)
{
	if (ws->rx_skip == 0 && len > WS_MESSAGE_MAX - ws->rx.len) {
		log_debug("ws: message over %d bytes dropped", WS_MESSAGE_MAX);
		ws->rx_skip = 1;
	}
	if (!ws->rx_skip) {
		buf_add(&ws->rx, in, len);
	}
	if (!lws_is_final_fragment(wsi))
		return (0);
	if (!ws->rx_skip && !lws_frame_is_binary(wsi) && !ws->dying &&
	    ws->hooks.message != NULL)
		ws->hooks.message(ws->arg, buf_str(&ws->rx), ws->rx.len);
	buf_clear(&ws->rx);
	ws->rx_skip = 0;
	return (0);
}

static int
wslink_writeable(struct wslink *ws, struct lws *wsi)
{
	struct wslink_out	*o;
	int		 n;

	if (ws->closing) {
		lws_close_reason(wsi, LWS_CLOSE_STATUS_NORMAL, NULL, 0);
		return (-1);
	}
	if ((o = STAILQ_FIRST(&ws->outq)) == NULL)
		return (0);
	n = lws_write(wsi, (unsigned char *)o->data + LWS_PRE, o->len,
	    LWS_WRITE_TEXT);
	STAILQ_REMOVE_HEAD(&ws->outq, entry);
	explicit_bzero(o->data, LWS_PRE + o->len);
	free(o->data);
	free(o);
	if (n < 0)
		return (-1);
	if (!STAILQ_EMPTY(&ws->outq))
		lws_callback_on_writable(wsi);
	return (0);
}

/* The server's close frame: a two-byte code, then a reason. */
static void
wslink_peer_close(struct wslink *ws, const unsigned char *in, size_t len)
{
	if (len < 2)
		return;
	ws->close_code = (in[0] << 8) | in[1];
	free(ws->close_why);
	ws->close_why = len > 2 ? text_sanitize_cap((const char *)in + 2,
	    len - 2, 200) : NULL;
}

static int
wslink_callback(struct lws *wsi, enum lws_callback_reasons reason, void *user,
    void *in, size_t len)
{
	struct wslink	*ws;
	char		*why;
	int		 status;

	ws = lws_context_user(lws_get_context(wsi));
	if (ws == NULL || (ws->wsi != wsi && ws->wsi != NULL))
		return (lws_callback_http_dummy(wsi, reason, user, in, len));

	switch (reason) {
	case LWS_CALLBACK_CLIENT_ESTABLISHED:
		log_debug("ws: %s open", ws->url);
		ws->open = 1;
		if (!ws->dying && ws->hooks.open != NULL)
			ws->hooks.open(ws->arg);
		return (0);
	case LWS_CALLBACK_CLIENT_RECEIVE:
		return (wslink_receive(ws, wsi, in, len));
	case LWS_CALLBACK_CLIENT_WRITEABLE:
		return (wslink_writeable(ws, wsi));
	case LWS_CALLBACK_WS_PEER_INITIATED_CLOSE:
		wslink_peer_close(ws, in, len);
		return (0);
	case LWS_CALLBACK_CLIENT_CONNECTION_ERROR:
		if (ws->wsi == NULL && !ws->in_connect)
			return (0);
		/* Any answer but 101 (a web page's 200 too) is a refusal. */
		status = (int)lws_http_client_http_response(wsi);
		if (status < 100 || status == 101)
			status = 0;
		if (status != 0)
			xasprintf(&why, "%s answered %d instead of opening a "
			    "WebSocket", ws->url, status);
		else
			xasprintf(&why, "cannot reach %s: %s", ws->url,
			    in != NULL && len > 0 ? (const char *)in :
			    "connection failed");
		wslink_ended(ws, status, why);
		free(why);
		return (0);
	case LWS_CALLBACK_CLIENT_CLOSED:
		if (ws->wsi == NULL)
			return (0);
		if (ws->close_code == 0)
			ws->close_code = WS_CLOSE_ABNORMAL;
		wslink_ended(ws, 0, NULL);
		return (0);
	default:
		break;
	}
	return (lws_callback_http_dummy(wsi, reason, user, in, len));
}

static const struct lws_protocols wslink_protocols[] = {
	{ "evtop", wslink_callback, 0, 0, 0, NULL, 0 },
	{ NULL, NULL, 0, 0, 0, NULL, 0 }
};

/* Splits ws[s]://host[:port]/path; -1 when it is not such a URL. */
static int
wslink_parse_url(struct wslink *ws, const char *url)
{
	struct url	 u;
	size_t		 len;

	if (url_parse(url, &u, NULL) != 0 ||
	    (strcmp(u.scheme, "ws") != 0 && strcmp(u.scheme, "wss") != 0) ||
	    u.host == NULL || *u.host == '\0') {
		url_done(&u);
		return (-1);
	}
	ws->tls = strcmp(u.scheme, "wss") == 0;
	ws->port = u.port;
	/* libwebsockets connects to an IPv6 address without its brackets. */
	len = strlen(u.host);
	if (u.host[0] == '[' && len > 2 && u.host[len - 1] == ']')
		ws->address = xstrndup(u.host + 1, len - 2);
	else
		ws->address = xstrdup(u.host);
	if (u.query != NULL)
		xasprintf(&ws->path, "%s?%s", u.path, u.query);
	else
		ws->path = xstrdup(u.path);
	if ((ws->tls && u.port == 443) || (!ws->tls && u.port == 80))
		ws->host = xstrdup(u.host);
	else
		xasprintf(&ws->host, "%s:%d", u.host, u.port);
	url_done(&u);
	return (0);
}

struct wslink *
wslink_new(uv_loop_t *loop, const struct wslink_options *opts,
    const struct wslink_hooks *hooks, void *arg, char **cause)
{
	struct lws_context_creation_info	 info;
	struct wslink				*ws;
	void					*loops[1] = { loop };

	lws_set_log_level(LLL_ERR | LLL_WARN | LLL_NOTICE | LLL_USER, wslink_log);

	ws = xcalloc(1, sizeof *ws);
	ws->loop = loop;
	ws->hooks = *hooks;
	ws->arg = arg;
	ws->insecure = opts->insecure;
	ws->url = xstrdup(opts->url);
	STAILQ_INIT(&ws->outq);
	if (wslink_parse_url(ws, opts->url) != 0) {
		xasprintf(cause, "%s is not a ws:// or wss:// address",
		    opts->url);
		goto fail;
	}

	memset(&info, 0, sizeof info);
	info.port = CONTEXT_PORT_NO_LISTEN;
	info.protocols = wslink_protocols;
	info.options = LWS_SERVER_OPTION_LIBUV;
	/* TLS (and loading the CA bundle) only for wss://. */
	if (ws->tls)
		info.options |= LWS_SERVER_OPTION_DO_SSL_GLOBAL_INIT;
	info.foreign_loops = loops;
	info.user = ws;
	info.gid = -1;
	info.uid = -1;
	info.client_ssl_ca_filepath = opts->cacert;
	info.retry_and_idle_policy = &wslink_idle_policy;
	/*
	 * A handshake the server stopped answering (it died half-way) is
	 * given up as REST's connect is, not after lws's own 20 s or more.
	 */
	info.timeout_secs = WS_HANDSHAKE_SECS;
	info.connect_timeout_secs = WS_HANDSHAKE_SECS;
	info.pcontext = &ws->ctx;
	if ((ws->ctx = lws_create_context(&info)) == NULL) {
		xasprintf(cause, "cannot start the WebSocket client (is the "
		    "libwebsockets libuv plugin, libwebsockets-evlib-uv, "
		    "installed?)");
		goto fail;
	}
	uv_timer_init(loop, &ws->reaper);
	ws->reaper.data = ws;
	return (ws);

fail:
	free(ws->url);
	free(ws->address);
	free(ws->path);
	free(ws->host);
	free(ws);
	return (NULL);
}

static void
wslink_reaped(uv_handle_t *h)
{
	struct wslink	*ws = h->data;

	buf_done(&ws->rx);
	free(ws->close_why);
	free(ws->connect_error);
	free(ws->url);
	free(ws->address);
	free(ws->path);
	free(ws->host);
	free(ws);
}

static void
wslink_closing_walk(uv_handle_t *h, void *arg)
{
	if (uv_is_closing(h))
		(*(int *)arg)++;
}

/* Whether any handle of the loop has been closed and not yet finished. */
static int
wslink_loop_closing(uv_loop_t *loop)
{
	int	n = 0;

	uv_walk(loop, wslink_closing_walk, &n);
	return (n != 0);
}

/*
 * On a foreign libuv loop the context is destroyed in two calls.  The
 * first closes its connections, and the close callbacks of those close
 * lws's own timers; the second frees the context, the memory those
 * handles live in, and unloads the libuv plugin their close callbacks
 * are in.  So the second call waits until no handle of the loop is still
 * closing: made while one was, on a loop slow to go round (a sanitizer,
 * a loaded machine), it left libuv to write into the freed context and
 * call into the unloaded plugin, and evtop died on quitting.
 */
static void
wslink_reap(uv_timer_t *timer)
{
	struct wslink	*ws = timer->data;

	if (ws->ctx != NULL && ws->reap_tries++ < WS_REAP_TRIES) {
		if (ws->reap_tries > 1 && wslink_loop_closing(ws->loop))
			return;
		lws_context_destroy(ws->ctx);
		if (ws->ctx != NULL)
			return;
	}
	if (ws->ctx != NULL)
		log_debug("ws: libwebsockets context not freed after %d tries",
		    WS_REAP_TRIES);
	else
		log_debug("ws: libwebsockets context freed (%d steps)",
		    ws->reap_tries);
	ws->wsi = NULL;
	wslink_outq_clear(ws);
	uv_timer_stop(&ws->reaper);
	uv_close((uv_handle_t *)&ws->reaper, wslink_reaped);
}

void
wslink_free(struct wslink *ws)
{
	if (ws == NULL || ws->dying)
		return;
	ws->dying = 1;
	/* Maybe inside an lws callback: destroy from the loop instead. */
	uv_timer_start(&ws->reaper, wslink_reap, 0, WS_REAP_EVERY_MS);
}

int
wslink_connect(struct wslink *ws, char **cause)
{
	struct lws_client_connect_info	 ci;
	struct lws			*wsi;

	if (ws->dying || ws->wsi != NULL)
		return (0);
	memset(&ci, 0, sizeof ci);
	ci.context = ws->ctx;
	ci.address = ws->address;
	ci.port = ws->port;
	ci.path = ws->path;
	ci.host = ws->host;
	ci.origin = ws->host;
	ci.local_protocol_name = wslink_protocols[0].name;
	ci.alpn = "http/1.1";
	ci.retry_and_idle_policy = &wslink_idle_policy;
	if (ws->tls) {
		ci.ssl_connection = LCCSCF_USE_SSL;
		if (ws->insecure)
			ci.ssl_connection |= LCCSCF_ALLOW_SELFSIGNED |
			    LCCSCF_SKIP_SERVER_CERT_HOSTNAME_CHECK |
			    LCCSCF_ALLOW_EXPIRED | LCCSCF_ALLOW_INSECURE;
	}
	ci.pwsi = &ws->wsi;
	log_debug("ws: connecting to %s", ws->url);

	ws->close_code = 0;
	ws->in_connect = 1;
	free(ws->connect_error);
	ws->connect_error = NULL;
	wsi = lws_client_connect_via_info(&ci);
	ws->in_connect = 0;
	if (wsi == NULL || ws->connect_error != NULL) {
		ws->wsi = NULL;
		if (ws->connect_error != NULL) {
			*cause = ws->connect_error;
			ws->connect_error = NULL;
		} else
			xasprintf(cause, "cannot open %s", ws->url);
		return (-1);
	}
	return (0);
}

int
wslink_send(struct wslink *ws, const char *text)
{
	struct wslink_out	*o;
	size_t		 len = strlen(text);

	if (ws->dying || ws->wsi == NULL || !ws->open)
		return (-1);
	o = xcalloc(1, sizeof *o);
	o->data = xmalloc(LWS_PRE + len + 1);
	memcpy(o->data + LWS_PRE, text, len + 1);
	o->len = len;
	STAILQ_INSERT_TAIL(&ws->outq, o, entry);
	lws_callback_on_writable(ws->wsi);
	return (0);
}

void
wslink_close(struct wslink *ws)
{
	if (ws->dying || ws->wsi == NULL)
		return;
	ws->closing = 1;
	lws_callback_on_writable(ws->wsi);
}

int
wslink_active(const struct wslink *ws)
{
	return (ws->wsi != NULL);
}
