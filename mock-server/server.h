/*
 * The libwebsockets server on the caller's libuv loop: HTTP requests go
 * through the route table, /api/ws upgrades to the hub.  One protocol
 * entry handles both, so a WebSocket client without a subprotocol is
 * accepted.
 */
#ifndef EVTOP_MOCK_SERVER_H
#define EVTOP_MOCK_SERVER_H

#include <uv.h>

struct mock;
struct server;

struct server	*server_new(struct mock *, uv_loop_t *);
/*
 * Listens on host:port (port 0: an ephemeral one).  Returns 0, or -1 with
 * a sentence in *cause; either way server_free after running the loop.
 */
int		 server_listen(struct server *, const char *host, int port,
		     char **cause);
/*
 * 1 when libwebsockets failed half-way through starting: its handles may
 * be left on the loop, which must then not run again.
 */
int		 server_broken(const struct server *);
/* The port actually listened on. */
int		 server_port(const struct server *);
/*
 * Starts closing every connection and the listener; the loop then runs
 * until lws has released its handles.  server_free afterwards, once the
 * loop has returned.
 */
void		 server_shutdown(struct server *);
void		 server_free(struct server *);

/* Routes lws's own log lines to stderr: errors only, or more with -v. */
void		 server_set_log_level(int verbose);

#endif
