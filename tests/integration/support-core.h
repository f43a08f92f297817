/*
 * A core-only Event API server for tests, the way such servers are in the
 * field (Express + PostgreSQL): no /api/meta, an /api/ws that answers 404,
 * 500 or a web page, no paging, counts as numeric strings, 403
 * {"message":"Invalid token"} for a bad token, {path,msg} validation
 * errors, 500 for unknown routes, and a fixed-window rate limit that
 * answers 429 with an HTML page and Retry-After.  A test may script the
 * answer to some requests, or lose it.  It runs on a thread and a libuv
 * loop of its own, so a test may block (run evtop, wait for a child) while
 * it answers.
 */
#ifndef EVTOP_SUPPORT_CORE_H
#define EVTOP_SUPPORT_CORE_H

#include <stdint.h>

/* How /api/ws and /api/meta answer. */
enum core_answer {
	CORE_404,		/* {"message":"Not found"}: the default */
	CORE_500,		/* {"message":"Internal server error"} */
	CORE_HTML,		/* 200 with the web front end's page */
	CORE_429		/* 429, HTML, Retry-After (meta only) */
};

struct core_options {
	enum core_answer ws;
	enum core_answer meta;
	unsigned	 limit;		/* per window; 0: 100 */
	uint64_t	 window_ms;	/* real ms; 0: 15 minutes */
	/*
	 * The client's time_scale, for the numbers the server sends: its
	 * RateLimit-Reset and Retry-After count in the client's seconds.
	 */
	unsigned	 scale;
	int		 x_headers;	/* X-RateLimit-* instead */
};

/* What the server saw; counts since the start or core_reset. */
struct core_counts {
	long		 requests;	/* every request, refused ones too */
	long		 refused;	/* 429s of the rate limit */
	long		 worst;		/* most accepted in one window */
	long		 meta;
	long		 ws;		/* handshakes to /api/ws */
	long		 events;	/* GET /api/events */
	long		 notifications;	/* GET /api/notifications */
	long		 keyed;		/* POSTs with an Idempotency-Key of
					   32 hex digits */
	long		 registers;	/* POST /api/events/ID/register */
	uint64_t	 ws_gap_ms;	/* shortest real time between two
					   handshakes, 0 if fewer than two */
};

struct core_server;

/* Starts listening on 127.0.0.1 on a port of its own; NULL on failure. */
struct core_server	*core_start(const struct core_options *);
void			 core_stop(struct core_server *);
/* http://127.0.0.1:PORT */
const char		*core_url(const struct core_server *);
/* A signed-in user's token (user 2 and user 3), and one it refuses. */
#define CORE_TOKEN_2 "eyJhbGciOiJub25lIn0.eyJleHAiOjE5MDAwMDAwMDAsInJvbGUiOiJvcmdhbml6ZXIiLCJ1c2VySWQiOjIsImVtYWlsIjoib0BleGFtcGxlLmNvbSJ9."
#define CORE_TOKEN_3 "eyJhbGciOiJub25lIn0.eyJleHAiOjE5MDAwMDAwMDAsInJvbGUiOiJvcmdhbml6ZXIiLCJ1c2VySWQiOjMsImVtYWlsIjoicEBleGFtcGxlLmNvbSJ9."
/*
 * The next n requests that start with what ("GET /api/events"; NULL:
 * any) answer 429 (HTML) with Retry-After: seconds.
 */
void			 core_refuse_next(struct core_server *,
			    const char *what, int n, unsigned seconds);
/*
 * The next n requests for what, a method and a path matched whole with
 * any query aside ("GET /api/events"), get this answer instead of the
 * server's own: status ("403 Forbidden"), headers (each line ending in
 * CRLF, or "") and a JSON body.  n -1 is every one until told otherwise,
 * 0 none; a script for the same what replaces the last.  Scripted answers
 * are counted as requests but neither count against the rate limit nor
 * are refused by it.
 */
void			 core_answer_next(struct core_server *,
			    const char *what, int n, const char *status,
			    const char *headers, const char *body);
/*
 * The next n requests for what (as above) are read and never answered:
 * the connection just ends, as when an answer is lost on the way.
 */
void			 core_drop_next(struct core_server *,
			    const char *what, int n);
/*
 * Every token is refused (403 "Invalid token") until the next sign-in, as
 * when a server's signing key is changed.
 */
void			 core_revoke(struct core_server *);
void			 core_counts(struct core_server *,
			    struct core_counts *);
void			 core_reset(struct core_server *);
/* The confirmed count of event 5 as the server has it. */
int			 core_registrations(struct core_server *);

#endif
