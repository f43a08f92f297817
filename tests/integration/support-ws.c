#include "support-ws.h"

#include <libwebsockets.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Seconds: only a guard against hangs, never asserted. */
#define DEADLINE	30

static void
session_send(struct lws *wsi, struct session *s, const char *text)
{
	if (s->npending < sizeof s->pending / sizeof s->pending[0])
		s->pending[s->npending++] = strdup(text);
	lws_callback_on_writable(wsi);
}

static int
client_callback(struct lws *wsi, enum lws_callback_reasons reason, void *user,
    void *in, size_t len)
{
	struct session	*s = lws_get_opaque_user_data(wsi);
	unsigned char	 buf[LWS_PRE + 4096];
	char		 text[4096];
	json_t		*f;
	const char	*type;
	size_t		 n;

	switch (reason) {
	case LWS_CALLBACK_CLIENT_CONNECTION_ERROR:
		if (s != NULL)
			s->failed = 1;
		break;
	case LWS_CALLBACK_CLIENT_ESTABLISHED:
		s->established = 1;
		if (s->token != NULL) {
			snprintf(text, sizeof text,
			    "{\"type\":\"auth\",\"token\":\"%s\"}", s->token);
			session_send(wsi, s, text);
		} else
			session_send(wsi, s, "{\"type\":\"subscribe\","
			    "\"topics\":[\"events\"]}");
		break;
	case LWS_CALLBACK_CLIENT_RECEIVE:
		f = json_loadb(in, len, 0, NULL);
		if (f == NULL)
			break;
		json_array_append_new(s->frames, f);
		type = json_string_value(json_object_get(f, "type"));
		if (type != NULL && strcmp(type, "hello") == 0) {
			s->hello_seq = (int)json_integer_value(json_object_get(
			    json_object_get(f, "data"), "seq"));
			if (s->subscribe != NULL) {
				session_send(wsi, s, s->subscribe);
				if (s->subscribe2 != NULL)
					session_send(wsi, s, s->subscribe2);
				session_send(wsi, s, "{\"type\":\"ping\"}");
			}
		}
		break;
	case LWS_CALLBACK_CLIENT_WRITEABLE:
		if (s->want_close)
			return (-1);
		if (s->npending == 0)
			break;
		n = strlen(s->pending[0]);
		memcpy(buf + LWS_PRE, s->pending[0], n);
		free(s->pending[0]);
		memmove(s->pending, s->pending + 1,
		    --s->npending * sizeof s->pending[0]);
		if (s->npending > 0)
			lws_callback_on_writable(wsi);
		if (lws_write(wsi, buf + LWS_PRE, n, LWS_WRITE_TEXT) < (int)n)
			return (-1);
		break;
	case LWS_CALLBACK_WS_PEER_INITIATED_CLOSE:
		if (len >= 2)
			s->close_code = ((unsigned char *)in)[0] << 8 |
			    ((unsigned char *)in)[1];
		break;
	case LWS_CALLBACK_CLIENT_CLOSED:
		s->closed = 1;
		break;
	default:
		break;
	}
	return (lws_callback_http_dummy(wsi, reason, user, in, len));
}

static const struct lws_protocols client_protocols[] = {
	{ "evtop-test", client_callback, 0, 0, 0, NULL, 0 },
	{ NULL, NULL, 0, 0, 0, NULL, 0 }
};

void
support_ws_open(struct lws_context *ctx, struct session *s, int port)
{
	struct lws_client_connect_info	ci;

	s->frames = json_array();
	memset(&ci, 0, sizeof ci);
	ci.context = ctx;
	ci.address = "127.0.0.1";
	ci.port = port;
	ci.path = s->path != NULL ? s->path : "/api/ws";
	ci.host = "127.0.0.1";
	ci.origin = "127.0.0.1";
	ci.protocol = NULL;	/* no subprotocol, like evtop */
	ci.local_protocol_name = "evtop-test";
	ci.opaque_user_data = s;
	ci.pwsi = &s->wsi;
	if (lws_client_connect_via_info(&ci) == NULL)
		s->failed = 1;
}

json_t *
support_ws_find(const struct session *s, const char *type, size_t from)
{
	json_t	*f;
	size_t	 i;

	json_array_foreach(s->frames, i, f) {
		if (i >= from && json_string_value(json_object_get(f,
		    "type")) != NULL && strcmp(json_string_value(
		    json_object_get(f, "type")), type) == 0)
			return (f);
	}
	return (NULL);
}

void
support_ws_wait(struct lws_context *ctx, struct session *s,
    int (*done)(const struct session *))
{
	time_t	until = time(NULL) + DEADLINE;

	while (!done(s) && !s->failed && time(NULL) < until)
		lws_service(ctx, 100);
}

int
support_ws_closed(const struct session *s)
{
	return (s->closed);
}

int
support_ws_pong(const struct session *s)
{
	return (s->closed || support_ws_find(s, "pong", 0) != NULL);
}

int
support_ws_counters(const struct session *s)
{
	return (s->closed || support_ws_find(s, "counters", 0) != NULL);
}

void
support_ws_done(struct session *s)
{
	/*
	 * A connection still open would go on calling back into s, which
	 * the caller is about to let go of (often a stack frame).
	 */
	if (s->wsi != NULL && !s->closed && !s->failed)
		support_ws_close(lws_get_context(s->wsi), s);
	json_decref(s->frames);
	while (s->npending > 0)
		free(s->pending[--s->npending]);
}


struct lws_context *
support_ws_context(void)
{
	struct lws_context_creation_info	info;

	lws_set_log_level(LLL_ERR, NULL);
	memset(&info, 0, sizeof info);
	info.port = CONTEXT_PORT_NO_LISTEN;
	info.protocols = client_protocols;
	return (lws_create_context(&info));
}

void
support_ws_close(struct lws_context *ctx, struct session *s)
{
	time_t	until = time(NULL) + DEADLINE;

	if (s->wsi == NULL || s->closed || s->failed)
		return;
	s->want_close = 1;
	lws_callback_on_writable(s->wsi);
	while (!s->closed && time(NULL) < until)
		lws_service(ctx, 100);
}
