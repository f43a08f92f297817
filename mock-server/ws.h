/*
 * The WebSocket endpoint /api/ws: one connection speaking the hub's
 * protocol.  The client authenticates first ({"type":"auth","token":...});
 * then it may subscribe/unsubscribe to topics and ping.  A bad or missing
 * token gets an error envelope and close code 4401.
 */
#ifndef EVTOP_MOCK_WS_H
#define EVTOP_MOCK_WS_H

#include <stddef.h>

struct hub_client;
struct lws;
struct mock;
struct ws_conn;

#define WS_PATH			"/api/ws"
#define WS_MESSAGE_MAX		(64 * 1024)
#define WS_AUTH_TIMEOUT		10	/* seconds to send the auth frame */
#define WS_CLOSE_UNAUTHORIZED	4401
#define WS_CLOSE_TOO_SLOW	1013	/* "try again later": reconnect */

struct ws_conn	*ws_conn_new(struct mock *, struct lws *);
void		 ws_conn_free(struct ws_conn *);

/* A received fragment; returns -1 to close the connection. */
int		 ws_conn_receive(struct ws_conn *, const void *in, size_t len);
/* The socket is writable; returns -1 to close the connection. */
int		 ws_conn_writable(struct ws_conn *);

/*
 * Handles one complete text message (exposed for tests).  Returns -1 when
 * the connection must close once its queue is written.
 */
int		 ws_conn_message(struct ws_conn *, const char *text,
		     size_t len);
/* The hub side of the connection: its queue of frames to send. */
struct hub_client *ws_conn_client(struct ws_conn *);

#endif
