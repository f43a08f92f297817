/*
 * The least of RFC 6455 a benchmark client needs: the opening handshake,
 * masked client frames and the parsing of server frames.  No sockets here:
 * bench-ws-fanout owns them.
 */
#ifndef EVTOP_BENCH_WS_H
#define EVTOP_BENCH_WS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define BENCH_WS_TEXT		0x1
#define BENCH_WS_CLOSE		0x8
#define BENCH_WS_PING		0x9
#define BENCH_WS_PONG		0xa
/* A client frame's header is at most this long. */
#define BENCH_WS_HEADER_MAX	14
#define BENCH_WS_ACCEPT_LEN	29	/* base64 of SHA-1, and a NUL */

struct bench_ws_frame {
	int		 opcode;
	int		 fin;
	unsigned char	*payload;	/* inside the caller's buffer */
	size_t		 len;
};

/*
 * A new opening handshake for GET path on host (host:port) with a random
 * key; accept receives the Sec-WebSocket-Accept the server must answer.
 */
char	*bench_ws_request(const char *host, const char *path,
	     char accept[BENCH_WS_ACCEPT_LEN]);
/*
 * Checks the server's answer, head being everything up to and including
 * the blank line: 0 when it is a 101 with the right accept, else -1.
 */
int	 bench_ws_check_answer(const char *head, size_t len,
	     const char *accept);

/*
 * Writes a masked client frame with payload into out, which must hold
 * len + BENCH_WS_HEADER_MAX bytes.  Returns the frame's length.
 */
size_t	 bench_ws_frame(unsigned char *out, int opcode, const void *payload,
	     size_t len, uint32_t mask);

/*
 * Parses the first frame in buf (unmasking it in place when masked):
 * returns the bytes it takes, 0 when incomplete, -1 when malformed.
 */
ssize_t	 bench_ws_parse(unsigned char *buf, size_t len,
	     struct bench_ws_frame *);

#endif
