/*
 * The WebSocket endpoint /api/ws: one connection speaking the hub's
 * protocol.  The client authenticates first ({"type":"auth","token":...});
 * then it may subscribe/unsubscribe to topics and ping.  A bad or missing
 * token gets an error envelope and close code 4401.
 */
#ifndef EVTOP_MOCK_WS_H
#define EVTOP_MOCK_WS_H

#include <stddef.h>
#include <uv.h>

struct hub_client;
struct lws;
struct mock;
struct ws_batch;
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
/*
 * Connections the hub woke during one pass of the loop, written when the
 * pass ends (a libuv check handle): a broadcast then costs one send per
 * client, not a round trip through poll for POLLOUT per client, and the
 * envelopes of one pass share that send.  Free it once every connection
 * is gone; the loop must run again to release its handle.
 */
struct ws_batch	*ws_batch_new(uv_loop_t *);
void		 ws_batch_free(struct ws_batch *);
/* From now on c's frames go out with batch (NULL: when writable). */
void		 ws_conn_set_batch(struct ws_conn *, struct ws_batch *);
/*
 * The client sent a close frame: nothing more goes out but what lws
 * sends itself (its answering close), so no frame follows a close.
 */
void		 ws_conn_peer_closed(struct ws_conn *);

/* The hub side of the connection: its queue of frames to send. */
struct hub_client *ws_conn_client(struct ws_conn *);

#endif
