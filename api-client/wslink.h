/*
 * One WebSocket client connection at a time, through libwebsockets on the
 * caller's libuv loop.  Internal to the api client: reconnecting and the
 * live protocol live in api-live.c.
 */
#ifndef EVTOP_WSLINK_H
#define EVTOP_WSLINK_H

#include <stddef.h>
#include <uv.h>

struct wslink;

struct wslink_options {
	const char	*url;		/* ws://host:port/path or wss:// */
	const char	*cacert;	/* CA bundle file, or NULL */
	int		 insecure;	/* skip TLS verification */
	const char	*user_agent;	/* or NULL */
};

struct wslink_hooks {
	/* The handshake is done; messages may be sent. */
	void	(*open)(void *arg);
	/* One whole text message (fragments assembled). */
	void	(*message)(void *arg, const char *text, size_t len);
	/*
	 * The connection ended or never opened.  code is the close code the
	 * server sent (0 if none), status the HTTP status of a refused
	 * handshake (0 if none), why a sentence.
	 */
	void	(*closed)(void *arg, int code, int status, const char *why);
};

/* NULL with a sentence in *cause when libwebsockets cannot start. */
struct wslink	*wslink_new(uv_loop_t *, const struct wslink_options *,
		    const struct wslink_hooks *, void *arg, char **cause);
/*
 * Destroys the context once control is back in the loop; no hook is
 * called after this.  The caller keeps running the loop so the handles of
 * libwebsockets finish closing.
 */
void		 wslink_free(struct wslink *);

/*
 * Starts connecting.  Returns 0 (the open or closed hook follows), or -1
 * with a sentence in *cause when the attempt failed at once.
 */
int		 wslink_connect(struct wslink *, char **cause);
/* Queues a text message; -1 when no connection is open. */
int		 wslink_send(struct wslink *, const char *text);
/* Closes the connection normally; the closed hook follows. */
void		 wslink_close(struct wslink *);
/* 1 while a connection is open or being opened. */
int		 wslink_active(const struct wslink *);

#endif
