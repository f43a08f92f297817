#include "ws.h"

#include <libwebsockets.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth.h"
#include "hub.h"
#include "json-util.h"
#include "mock.h"
#include "xmalloc.h"

struct ws_conn {
	struct mock		*m;
	struct lws		*wsi;
	struct hub_client	*client;
	struct auth_claims	 claims;
	int			 authed;
	int			 close_code;	/* close once drained */
	const char		*close_reason;

	char			*msg;		/* fragments so far */
	size_t			 msg_len;
	int			 msg_too_big;

	unsigned char		*out;		/* LWS_PRE + frame */
	size_t			 out_size;
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

static void
ws_wake(void *arg)
{
	struct ws_conn	*c = arg;

	if (c->wsi != NULL)
		lws_callback_on_writable(c->wsi);
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
	hub_client_free(c->client);
	free(c->msg);
	free(c->out);
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
	if (auth_verify_token(c->m->auth, token, time(NULL), &c->claims,
	    &cause) != 0) {
		ws_error(c, cause);
		free(cause);
		c->authed = 0;
		return (ws_close_after(c, WS_CLOSE_UNAUTHORIZED,
		    "Unauthorized"));
	}
	c->authed = 1;
	if (c->wsi != NULL)
		lws_set_timeout(c->wsi, NO_PENDING_TIMEOUT, 0);
	hub_client_send_envelope(c->client, "hello", json_pack("{ss ss sI}",
	    "server", MOCK_NAME, "version", EVTOP_VERSION,
	    "seq", (json_int_t)hub_seq(c->m->hub)));
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

/* Writes what is queued and closes with the pending code. */
static int
ws_conn_write_queue(struct ws_conn *c, int max)
{
	const char	*text;
	size_t		 len;
	int		 i;

	for (i = 0; i < max; i++) {
		if ((text = hub_client_peek(c->client, &len)) == NULL)
			break;
		if (c->out_size < LWS_PRE + len) {
			c->out_size = LWS_PRE + len;
			c->out = xrealloc(c->out, c->out_size);
		}
		memcpy(c->out + LWS_PRE, text, len);
		if (lws_write(c->wsi, c->out + LWS_PRE, len, LWS_WRITE_TEXT) <
		    (int)len)
			return (-1);
		hub_client_pop(c->client);
		if (lws_send_pipe_choked(c->wsi))
			break;
	}
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
		c->msg_len = 0;
		c->msg_too_big = 0;
	}
	if (lws_frame_is_binary(c->wsi)) {
		ws_error(c, "Binary frames are not supported: send JSON text");
		return (0);
	}
	if (!c->msg_too_big && len > WS_MESSAGE_MAX - c->msg_len)
		c->msg_too_big = 1;
	if (!c->msg_too_big) {
		c->msg = xrealloc(c->msg, c->msg_len + len + 1);
		memcpy(c->msg + c->msg_len, in, len);
		c->msg_len += len;
	}
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
	rc = ws_conn_message(c, c->msg, c->msg_len);
	c->msg_len = 0;
	if (rc == 0)
		return (0);
	return (ws_conn_close_now(c));
}

int
ws_conn_writable(struct ws_conn *c)
{
	size_t	len;

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
	if (ws_conn_write_queue(c, 32) != 0)
		return (-1);
	if (hub_client_peek(c->client, &len) != NULL || c->close_code != 0)
		lws_callback_on_writable(c->wsi);
	return (0);
}
