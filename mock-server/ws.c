#include "ws.h"

#include <libwebsockets.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth.h"
#include "buf.h"
#include "clock.h"
#include "hub.h"
#include "json-util.h"
#include "mock.h"
#include "perm.h"
#include "routes-util.h"
#include "xmalloc.h"

/* Bytes of frames written at once; a longer frame still goes alone. */
#define WS_WRITE_BATCH		(64 * 1024)
#define WS_WRITE_FRAMES		32
#define WS_FRAME_HEADER_MAX	10

struct ws_batch {
	uv_check_t	  check;
	struct ws_conn	**conns;	/* NULL where one has gone */
	size_t		  n;
	size_t		  size;
};

struct ws_conn {
	struct mock		*m;
	struct lws		*wsi;
	struct hub_client	*client;
	struct auth_claims	 claims;
	int			 authed;
	int			 close_code;	/* close once drained */
	const char		*close_reason;

	struct buf		 msg;		/* fragments so far */
	int			 msg_too_big;

	struct buf		 out;		/* LWS_PRE + frames */

	struct ws_batch		*batch;		/* NULL: write when writable */
	size_t			 batch_slot;
	int			 batched;	/* in batch->conns */
	int			 failed;	/* a write outside lws failed */
	int			 peer_closed;	/* lws answers a close frame */
};

static int	ws_on_auth(struct ws_conn *, json_t *);
static int	ws_on_subscribe(struct ws_conn *, json_t *);
static int	ws_on_unsubscribe(struct ws_conn *, json_t *);
static int	ws_on_ping(struct ws_conn *, json_t *);

/* What a client may send, and whether it needs to have signed in. */
static const struct {
	const char	*type;
	int		 needs_auth;
	int		(*fn)(struct ws_conn *, json_t *);
} ws_messages[] = {
	{ "auth", 0, ws_on_auth },
	{ "subscribe", 1, ws_on_subscribe },
	{ "unsubscribe", 1, ws_on_unsubscribe },
	{ "ping", 0, ws_on_ping },
};

static int	ws_conn_write_queue(struct ws_conn *, int);
static void	ws_batch_run(uv_check_t *);

/* The hub queued a frame for c: write it this pass, or when writable. */
static void
ws_wake(void *arg)
{
	struct ws_conn	*c = arg;
	struct ws_batch	*b = c->batch;

	if (c->wsi == NULL)
		return;
	if (b == NULL) {
		lws_callback_on_writable(c->wsi);
		return;
	}
	if (c->batched)
		return;
	if (b->n == b->size) {
		b->size = b->size == 0 ? 256 : b->size * 2;
		b->conns = xreallocarray(b->conns, b->size, sizeof *b->conns);
	}
	c->batch_slot = b->n;
	b->conns[b->n++] = c;
	c->batched = 1;
	if (b->n == 1)
		uv_check_start(&b->check, ws_batch_run);
}

/*
 * Writes c's frames now unless lws still holds part of an earlier write:
 * lws 4 keeps what the socket did not take (at most one batch) and asks
 * for POLLOUT itself.  Otherwise (a slow client, a close pending) the
 * writable callback does it, and the hub's bounded queue keeps the
 * backlog.
 */
static void
ws_conn_flush(struct ws_conn *c)
{
	size_t	len;

	if (c->close_code != 0 || c->peer_closed ||
	    hub_client_overflowed(c->client) || lws_partial_buffered(c->wsi)) {
		lws_callback_on_writable(c->wsi);
		return;
	}
	if (ws_conn_write_queue(c, WS_WRITE_FRAMES) != 0)
		c->failed = 1;
	if (c->failed || hub_client_peek(c->client, &len) != NULL)
		lws_callback_on_writable(c->wsi);
}

/* The end of a loop pass: every client woken during it, one write each. */
static void
ws_batch_run(uv_check_t *check)
{
	struct ws_batch	*b = check->data;
	struct ws_conn	*c;
	size_t		 i;

	uv_check_stop(check);
	for (i = 0; i < b->n; i++) {
		if ((c = b->conns[i]) == NULL)
			continue;
		c->batched = 0;
		ws_conn_flush(c);
	}
	b->n = 0;
}

struct ws_batch *
ws_batch_new(uv_loop_t *loop)
{
	struct ws_batch	*b;

	b = xcalloc(1, sizeof *b);
	uv_check_init(loop, &b->check);
	b->check.data = b;
	return (b);
}

static void
ws_batch_closed(uv_handle_t *handle)
{
	struct ws_batch	*b = handle->data;

	free(b->conns);
	free(b);
}

void
ws_batch_free(struct ws_batch *b)
{
	if (b == NULL)
		return;
	uv_check_stop(&b->check);
	uv_close((uv_handle_t *)&b->check, ws_batch_closed);
}

void
ws_conn_set_batch(struct ws_conn *c, struct ws_batch *b)
{
	c->batch = b;
}

void
ws_conn_peer_closed(struct ws_conn *c)
{
	c->peer_closed = 1;
}

struct ws_conn *
ws_conn_new(struct mock *m, struct lws *wsi)
{
	struct ws_conn	*c;

	c = xcalloc(1, sizeof *c);
	c->m = m;
	c->wsi = wsi;
	c->client = hub_client_new(m->hub, ws_wake, c);
	if (wsi != NULL)
		lws_set_timeout(wsi, PENDING_TIMEOUT_USER_OK, WS_AUTH_TIMEOUT);
	return (c);
}

void
ws_conn_free(struct ws_conn *c)
{
	if (c == NULL)
		return;
	if (c->batched)
		c->batch->conns[c->batch_slot] = NULL;
	hub_client_free(c->client);
	buf_done(&c->msg);
	buf_done(&c->out);
	free(c);
}

struct hub_client *
ws_conn_client(struct ws_conn *c)
{
	return (c->client);
}

static void
ws_error(struct ws_conn *c, const char *message)
{
	json_t	*s;

	if ((s = json_string(message)) == NULL)
		s = json_string("error");
	hub_client_send_envelope(c->client, "error",
	    json_pack("{so}", "message", s));
}

static int
ws_close_after(struct ws_conn *c, int code, const char *reason)
{
	c->close_code = code;
	c->close_reason = reason;
	ws_wake(c);
	return (-1);
}

static int
ws_on_auth(struct ws_conn *c, json_t *msg)
{
	const char	*token;
	char		*cause = NULL;

	token = json_util_string(msg, "token");
	if (auth_verify_token(c->m->auth, token, clock_now(), &c->claims,
	    &cause) != 0) {
		ws_error(c, cause);
		free(cause);
		c->authed = 0;
		return (ws_close_after(c, WS_CLOSE_UNAUTHORIZED,
		    "Unauthorized"));
	}
	c->authed = 1;
	hub_client_set_user(c->client, c->claims.user_id,
	    perm_is_admin(&c->claims));
	if (c->wsi != NULL)
		lws_set_timeout(c->wsi, NO_PENDING_TIMEOUT, 0);
	hub_client_send_envelope(c->client, "hello", json_pack("{ss ss sI}",
	    "server", MOCK_NAME, "version", EVTOP_VERSION,
	    "seq", (json_int_t)hub_seq(c->m->hub)));
	return (0);
}

/*
 * Refuses (after saying which) a topic of an event the user may not see,
 * by the rule of the REST routes: a draft is there only for its creator
 * and admins, and to anyone else it looks like no event at all.
 */
static int
ws_check_events(struct ws_conn *c, const json_t *topics)
{
	const json_t	*v;
	const char	*topic;
	char		 message[128];
	int64_t		 id;
	size_t		 i;

	json_array_foreach(topics, i, v) {
		if ((topic = json_string_value(v)) == NULL ||
		    (id = hub_topic_event(topic)) == 0)
			continue;
		if (c->m->db != NULL &&
		    routes_event_visible(c->m, &c->claims, id, NULL))
			continue;
		snprintf(message, sizeof message,
		    "unknown topic \"%s\": Event not found", topic);
		ws_error(c, message);
		return (-1);
	}
	return (0);
}

static int
ws_on_subscribe(struct ws_conn *c, json_t *msg)
{
	json_t	*since;
	int64_t	 n = 0;
	int	 has_since = 0;
	char	*cause = NULL;

	since = json_object_get(msg, "since");
	if (since != NULL && !json_is_null(since)) {
		if (json_util_value_count(since, &n) != 0 || n < 0) {
			ws_error(c, "since must be a sequence number");
			return (0);
		}
		has_since = 1;
	}
	if (ws_check_events(c, json_object_get(msg, "topics")) != 0)
		return (0);
	if (hub_client_subscribe(c->client, json_object_get(msg, "topics"),
	    has_since, (uint64_t)n, &cause) != 0) {
		ws_error(c, cause);
		free(cause);
	}
	return (0);
}

static int
ws_on_unsubscribe(struct ws_conn *c, json_t *msg)
{
	json_t	*topics = json_object_get(msg, "topics");

	if (!json_is_array(topics)) {
		ws_error(c, "topics must be an array of strings");
		return (0);
	}
	hub_client_unsubscribe(c->client, topics);
	return (0);
}

static int
ws_on_ping(struct ws_conn *c, json_t *msg)
{
	(void)msg;
	hub_client_send_frame(c->client, json_pack("{ss}", "type", "pong"));
	return (0);
}

int
ws_conn_message(struct ws_conn *c, const char *text, size_t len)
{
	json_t		*msg;
	const char	*type;
	size_t		 i;
	int		 rc = 0;

	if (c->close_code != 0)
		return (-1);
	msg = json_loadb(text, len, 0, NULL);
	if (!json_is_object(msg)) {
		json_decref(msg);
		ws_error(c, "Malformed message: expected a JSON object");
		if (!c->authed)
			return (ws_close_after(c, WS_CLOSE_UNAUTHORIZED,
			    "Unauthorized"));
		return (0);
	}
	type = json_util_string(msg, "type");
	for (i = 0; type != NULL && i < sizeof ws_messages /
	    sizeof ws_messages[0]; i++) {
		if (strcmp(type, ws_messages[i].type) == 0)
			break;
	}
	if (type == NULL || i == sizeof ws_messages / sizeof ws_messages[0]) {
		ws_error(c, "Unknown message type");
		if (!c->authed)
			rc = ws_close_after(c, WS_CLOSE_UNAUTHORIZED,
			    "Unauthorized");
	} else if (ws_messages[i].needs_auth && !c->authed) {
		ws_error(c, "Authenticate first: send {\"type\":\"auth\","
		    "\"token\":\"...\"}");
		rc = ws_close_after(c, WS_CLOSE_UNAUTHORIZED, "Unauthorized");
	} else
		rc = ws_messages[i].fn(c, msg);
	json_decref(msg);
	return (rc);
}

/* RFC 6455 5.2: a final, unmasked text frame's header.  Its length. */
static size_t
ws_frame_header(unsigned char *h, size_t len)
{
	size_t	i;

	h[0] = 0x81;
	if (len < 126) {
		h[1] = (unsigned char)len;
		return (2);
	}
	if (len <= 0xffff) {
		h[1] = 126;
		h[2] = (unsigned char)(len >> 8);
		h[3] = (unsigned char)len;
		return (4);
	}
	h[1] = 127;
	for (i = 0; i < 8; i++)
		h[2 + i] = (unsigned char)((uint64_t)len >> (56 - 8 * i));
	return (10);
}

/*
 * Writes up to max queued frames.  They go framed here and out in one
 * write (lws's raw write on a WebSocket sends bytes as they are): a
 * broadcast queues a few envelopes per client, and one send instead of
 * one per envelope is what keeps ten thousand clients quick.
 */
static int
ws_conn_write_queue(struct ws_conn *c, int max)
{
	static const unsigned char	 pre[LWS_PRE];
	unsigned char			 head[WS_FRAME_HEADER_MAX];
	const char			*text;
	size_t				 len, total;
	int				 i, n = 0;

	buf_clear(&c->out);
	buf_add(&c->out, pre, sizeof pre);
	for (i = 0; i < max; i++) {
		if ((text = hub_client_peek_at(c->client, (size_t)i,
		    &len)) == NULL)
			break;
		if (n > 0 && c->out.len - LWS_PRE + len > WS_WRITE_BATCH)
			break;
		buf_add(&c->out, head, ws_frame_header(head, len));
		buf_add(&c->out, text, len);
		n++;
	}
	if (n == 0)
		return (0);
	total = c->out.len - LWS_PRE;
	if (lws_write(c->wsi, (unsigned char *)c->out.data + LWS_PRE, total,
	    LWS_WRITE_RAW) < (int)total)
		return (-1);
	while (n-- > 0)
		hub_client_pop(c->client);
	return (0);
}

/*
 * Sends the last frames (the error) and closes with the pending code.
 * libwebsockets 4.1 sends the close frame only when the callback that
 * returns -1 is a receive one, so this happens here and not once the
 * socket is writable.
 */
static int
ws_conn_close_now(struct ws_conn *c)
{
	ws_conn_write_queue(c, 8);
	lws_close_reason(c->wsi, (enum lws_close_status)c->close_code,
	    (unsigned char *)(uintptr_t)c->close_reason,
	    strlen(c->close_reason));
	return (-1);
}

int
ws_conn_receive(struct ws_conn *c, const void *in, size_t len)
{
	int	final, rc;

	if (lws_is_first_fragment(c->wsi)) {
		buf_clear(&c->msg);
		c->msg_too_big = 0;
	}
	if (lws_frame_is_binary(c->wsi)) {
		ws_error(c, "Binary frames are not supported: send JSON text");
		return (0);
	}
	if (!c->msg_too_big && len > WS_MESSAGE_MAX - c->msg.len)
		c->msg_too_big = 1;
	if (!c->msg_too_big)
		buf_add(&c->msg, in, len);
	final = lws_is_final_fragment(c->wsi) &&
	    lws_remaining_packet_payload(c->wsi) == 0;
	if (!final)
		return (0);
	if (c->msg_too_big) {
		ws_error(c, "Message too big");
		ws_close_after(c, LWS_CLOSE_STATUS_MESSAGE_TOO_LARGE,
		    "Message too big");
		return (ws_conn_close_now(c));
	}
	rc = ws_conn_message(c, buf_str(&c->msg), c->msg.len);
	buf_clear(&c->msg);
	if (rc == 0)
		return (0);
	return (ws_conn_close_now(c));
}

int
ws_conn_writable(struct ws_conn *c)
{
	size_t	len;

	if (c->failed)
		return (-1);
	if (hub_client_overflowed(c->client)) {
		lws_close_reason(c->wsi,
		    (enum lws_close_status)WS_CLOSE_TOO_SLOW,
		    (unsigned char *)(uintptr_t)"client too slow", 15);
		return (-1);
	}
	if (c->close_code != 0 && hub_client_peek(c->client, &len) == NULL) {
		lws_close_reason(c->wsi, (enum lws_close_status)c->close_code,
		    (unsigned char *)(uintptr_t)c->close_reason,
		    strlen(c->close_reason));
		return (-1);
	}
	if (ws_conn_write_queue(c, WS_WRITE_FRAMES) != 0)
		return (-1);
	if (hub_client_peek(c->client, &len) != NULL || c->close_code != 0)
		lws_callback_on_writable(c->wsi);
	return (0);
}
