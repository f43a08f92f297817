/*
 * A WebSocket client for integration tests against evtop-mock's /api/ws:
 * it signs in, subscribes once the hello arrives, and keeps every frame it
 * receives.  One lws context serves any number of sessions; the tests
 * drive it with support_ws_wait().
 */
#ifndef EVTOP_SUPPORT_WS_H
#define EVTOP_SUPPORT_WS_H

#include <jansson.h>
#include <stddef.h>

struct lws;
struct lws_context;

struct session {
	const char	*path;		/* NULL: /api/ws */
	const char	*token;		/* NULL: no auth frame */
	const char	*subscribe;	/* sent after hello, then a ping */
	const char	*subscribe2;	/* NULL, or sent after subscribe */
	json_t		*frames;	/* everything received */
	int		 established;
	int		 closed;
	int		 close_code;
	int		 failed;
	int		 hello_seq;
	int		 want_close;
	struct lws	*wsi;
	char		*pending[4];	/* frames to send, in order */
	size_t		 npending;
};

/* A client context, or NULL. */
struct lws_context *support_ws_context(void);
/* Connects s (zeroed, with path/token/subscribe set) to port. */
void		 support_ws_open(struct lws_context *, struct session *,
		     int port);
/* Closes the connection from the client side and waits for it to go. */
void		 support_ws_close(struct lws_context *, struct session *);
/* Services the context until done(s), a failure or a guard deadline. */
void		 support_ws_wait(struct lws_context *, struct session *,
		     int (*done)(const struct session *));
/* The first frame of type at or after index from, or NULL. */
json_t		*support_ws_find(const struct session *, const char *type,
		     size_t from);
/* Closes the connection if it is still open, then frees what s holds. */
void		 support_ws_done(struct session *);

/* Ready-made conditions for support_ws_wait. */
int		 support_ws_closed(const struct session *);
int		 support_ws_pong(const struct session *);
int		 support_ws_counters(const struct session *);

#endif
