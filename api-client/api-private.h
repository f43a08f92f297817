/*
 * The api client's insides, shared by api.c (REST, lifetimes) and
 * api-live.c (WebSocket and polling).  Not part of the interface.
 */
#ifndef EVTOP_API_PRIVATE_H
#define EVTOP_API_PRIVATE_H

#include <sys/queue.h>

#include "api.h"
#include "budget.h"
#include "rest.h"
#include "wslink.h"

/* The event list is asked for in pages of this size; so many more held. */
#define API_EVENTS_PAGE		200
#define API_EVENTS_CACHE	4
/*
 * Changes announced on the live link refresh the list at most this often
 * (on the api's clock); the last change of a burst is always followed by a
 * refresh.
 */
#define API_REFRESH_GAP_MS	500

/* A REST request in flight, so api_free can cancel it. */
/* Sending a request again (api.c), by the policy in api-answer.c. */
struct api_retry;

struct api_call {
	struct api		*api;
	struct rest_request	*req;		/* NULL while a retry waits */
	char			*method;
	char			*path;
	char			*body;		/* wiped when freed */
	char			*etag;		/* a GET's If-None-Match, or NULL */
	char			*if_match;	/* a write's If-Match, or NULL */
	char			*content_type;	/* the body's; NULL: JSON */
	char			 key[REST_KEY_SIZE];	/* a write's, each send */
	int			 tries;		/* sends so far */
	uint64_t		 waited;	/* ms, before its retries */
	int			 no_retry;	/* any answer will do */
	int			 answer_500;	/* a 500 is a verdict once it
						   came on this many sends */
	int			 background;	/* retries spend the budget */
	struct api_retry	*retry;		/* waiting to send again */
	void			(*done)(struct api_call *,
				    const struct rest_response *,
				    const char *error);
	api_done_cb		 cb;
	api_meta_cb		 meta_cb;	/* api_meta's, instead of cb */
	api_registration_cb	 reg_cb;	/* registering's, instead */
	int64_t			 event_id;	/* registering: for which */
	int			 discovery;	/* the client's own GET /api/meta */
	char			*title;		/* registering: the event's */
	void			*arg;
	size_t			 page;		/* a list window's page */
	unsigned		 gen;		/* and its query's generation */
	/* An endpoint call's own (api-endpoints.c), freed with the call. */
	void			*data;
	void			(*data_free)(void *);
	/*
	 * Tells data's owner the call failed with e though no answer is
	 * being read (a parked call given up): endpoint calls set it.
	 */
	void			(*refused)(struct api *, void *data,
				    const struct api_error *e);
	int			 forgotten;	/* api_forget: no call back */
	/*
	 * A GET identical to one in flight is not sent: it joins that one
	 * (its leader) and hears the same answer after it, in order.
	 */
	TAILQ_HEAD(, api_call)	 joined;
	TAILQ_ENTRY(api_call)	 join_entry;
	int			 user_action;	/* parked when signed out */
	LIST_ENTRY(api_call)	 entry;
};
LIST_HEAD(api_calls, api_call);

/*
 * A user action the server refused for the token, kept to be sent again
 * with the next sign-in's (api-session.c): what api_request was given,
 * and what the call's owner set on it.
 */
struct api_parked {
	char			*method;
	char			*path;
	char			*body;		/* wiped when freed */
	char			*etag;
	char			*if_match;
	char			*content_type;
	void			*data;		/* an endpoint call's, owned */
	void			(*data_free)(void *);
	void			(*refused)(struct api *, void *,
				    const struct api_error *);
	void			(*done)(struct api_call *,
				    const struct rest_response *,
				    const char *error);
	api_done_cb		 cb;
	api_registration_cb	 reg_cb;
	int64_t			 event_id;
	char			*title;
	void			*arg;
	int			 forgotten;	/* api_forget: no call back */
	TAILQ_ENTRY(api_parked)	 entry;
};
TAILQ_HEAD(api_parked_calls, api_parked);

struct api {
	uv_loop_t		*loop;
	struct store		*store;
	struct api_hooks	 hooks;
	void			*hooks_arg;

	char			*server;	/* no trailing slash */
	char			*cacert;
	char			*user_agent;
	int			 insecure;

	struct rest		*http;
	struct api_calls	 calls;
	/* The event list's window (api-events.c); the store shows it. */
	struct listwin		*events_win;
	int			 events_background;	/* pages spend budget */
	/* A refresh owed (api_refresh_soon): when the gap, budget and any
	   hold allow, by refresh_timer. */
	int			 refresh_due;
	int			 refresh_now;	/* owed at once, not paced */
	uint64_t		 refresh_last;	/* api_now of the last, or 0 */
	uv_timer_t		 refresh_timer;
	api_done_cb		 events_cb;	/* api_refresh_events's */
	void			*events_arg;
	struct api_waiters	*events_waiters;	/* its callers, in order */
	int			 events_status;	/* the first failure's */
	char			*events_cause;

	/* What /api/meta said (api-discover.c). */
	enum api_discovery	 discovery;
	int			 discovering;	/* a GET /api/meta is out */
	int			 meta_tried;	/* asked at least once */
	char			**features;	/* NULL-terminated, or NULL */
	int			 notes_wanted;	/* load them on the verdict */
	struct api_waiters	*notes_waiters;	/* api_load_notifications's */
	int			 notes_out;	/* its GET is out */
	int			 notes_loading;	/* a load is wanted or out */
	uv_timer_t		 meta_timer;	/* asks again after no verdict */

	/* Pacing (budget.c), on the api's clock: api_now(). */
	struct budget		*budget;
	enum api_reason		 hold_reason;	/* of the last hold */
	unsigned		 time_scale;	/* tests: virtual ms per ms */

	struct session		 session;	/* token NULL: signed out */
	enum api_reason		 sign_in_reason;	/* the last refusal's */
	/* Signed out by the server until the next sign-in (api-session.c). */
	int			 refused;
	int64_t			 refused_id;	/* whose session it was */
	char			*refused_email;
	int			 refused_expired;	/* its exp had passed */
	int			 relive;	/* the live link was on */
	struct api_parked_calls	 parked;

	struct wslink		*ws;
	enum api_link		 link;
	int			 live;		/* api_start_live was called */
	int			 begun;		/* discovered: socket or polling */
	int			 subscribe_due;	/* open; waits for the load */
	int			 greeted;	/* hello came on this connection */
	int64_t			 last_seq;	/* -1 before the first */
	uint64_t		 backoff_ms;
	uint32_t		 rng;		/* jitter, never 0 */
	int			 no_ws;		/* the server has no WebSocket */
	int			 rechecking;	/* polling; trying the socket */
	int			 due_ws;	/* a recheck waits for a turn */
	int			 due_meta;	/* a meta re-ask waits too */
	uv_timer_t		 retry_timer;
	uv_timer_t		 poll_timer;
	uint64_t		 poll_ms;	/* poll_interval */

	const struct api_error	*error;		/* during a failure's callback */
	int			 dead;		/* api_free was called */
	int			 handles;	/* timers still closing */
};

/* The sentence every caller shows when the token is no longer good. */
#define API_SIGNED_OUT	"signed out: sign in again"
/* A 429 without Retry-After or RateLimit-Reset: wait this long, in s. */
#define API_RATE_WAIT_DEFAULT	60
/* Rate-limit waits beyond a day are taken as a day. */
#define API_RATE_WAIT_MAX	86400

/* What a request carries besides its method and path (api_request_with). */
struct api_send {
	const char	*body;		/* or NULL */
	const char	*etag;		/* a GET's If-None-Match, or NULL */
	const char	*if_match;	/* a write's If-Match, or NULL */
	const char	*content_type;	/* the body's; NULL: JSON */
};

/*
 * Callers waiting on one thing (a refresh of the list, the notifications
 * after discovery), each heard exactly once, in the order they asked.
 */
struct api_waiters;
struct api_waiters	*api_waiters_new(void);
void			 api_waiters_add(struct api_waiters *, api_done_cb,
			     void *arg);
/*
 * Calls every waiter, in order, with the same answer; waiters added
 * meanwhile wait for the next one.  NULL is allowed.
 */
void			 api_waiters_fire(struct api_waiters *, int status,
			     const char *cause);
int			 api_waiters_empty(const struct api_waiters *);
/* Frees the list without calling anyone (api_free). */
void			 api_waiters_free(struct api_waiters *);
/*
 * The events list's callback for api_refresh_events: adds cb to the
 * refresh's waiters and returns the callback that calls them all (its
 * arg is the api), or NULL when cb is NULL.
 */
api_done_cb		 api_events_join(struct api *, api_done_cb, void *arg);

/* Starts a request against path under the server (api.c). */
struct api_call	*api_request(struct api *, const char *method,
		    const char *path, const char *body,
		    void (*done)(struct api_call *,
		    const struct rest_response *, const char *),
		    api_done_cb, void *arg);
/* api_request with If-None-Match: etag when etag is not NULL. */
struct api_call	*api_request_if(struct api *, const char *method,
		    const char *path, const char *body, const char *etag,
		    void (*done)(struct api_call *,
		    const struct rest_response *, const char *),
		    api_done_cb, void *arg);
/* api_request with everything a request may carry. */
struct api_call	*api_request_with(struct api *, const char *method,
		    const char *path, const struct api_send *,
		    void (*done)(struct api_call *,
		    const struct rest_response *, const char *),
		    api_done_cb, void *arg);
/* Has the store show this client's window (another may have shown its). */
void	api_events_show(struct api *);
/* Lets go of the event list's window (api_free). */
void	api_events_stop(struct api *);
/*
 * What an answer that is not a success means (api-answer.c): its enum
 * api_status, its reason and a sentence for the user (the caller frees
 * it); server names the server in a sentence.  For the answer to a
 * sign-in (sign_in set) a 400, 401 or 403 is a refused password, not a
 * refused token.
 */
int	api_answer_judge(const struct rest_response *, const char *server,
	    int sign_in, enum api_reason *, char **sentence);
/*
 * The same read into e (api_error_done frees it), the one place an answer
 * becomes an error: a 412 is API_REASON_CONFLICT with the server's
 * current version in e->current, where api_answer_judge, for callers that
 * know no conflicts, says API_REASON_REFUSED.
 */
int	api_answer_error(const struct rest_response *, const char *server,
	    int sign_in, struct api_error *e);
/* The error of a request that got no answer: sentence is libcurl's. */
void	api_answer_unreachable(const char *sentence, struct api_error *e);
/*
 * What a refused register or cancel request came to, from its reason and
 * the server's message (NULL when none): a core server says "already
 * registered" or "Event is at full capacity" in a 400.
 */
enum api_reg_outcome api_answer_registration(enum api_reason,
	    const char *msg);
/*
 * The retry policy.  A read (GET) is sent again after a 500, 502, 503 or
 * 504, a dropped connection or a stalled transfer; a write only when the
 * server honours Idempotency-Key (idempotent set: /api/meta lists
 * "idempotency"), and only when no answer came (a reset, a stall), never
 * after an answer.  A 429 is never sent again by this policy: its
 * Retry-After holds every request (the budget).  Up to API_RETRY_TRIES
 * sends in all, waiting API_RETRY_BASE_MS doubled at each retry, capped at
 * API_RETRY_CAP_MS, each wait drawn between its half and itself (jitter);
 * never less than a 503's Retry-After, and not at all when that is longer
 * than API_RETRY_AFTER_MAX seconds.
 */
#define API_RETRY_TRIES		7
#define API_RETRY_BASE_MS	250
#define API_RETRY_CAP_MS	2000
#define API_RETRY_AFTER_MAX	10
/*
 * A retry that would bring a call's waits past this in all (Retry-After,
 * the budget's turn) is not made: the caller hears of the failure.
 */
#define API_RETRY_WAIT_MAX_MS	20000
/*
 * How long to wait before sending a request again after its tries-th send
 * (from 1) failed, in ms, or -1 not to send it again.  resp is the answer,
 * or NULL with failure saying how none came; rng is the jitter's state
 * (never 0).
 */
long	api_answer_retry(int write, int idempotent, int tries,
	    const struct rest_response *, enum rest_failure, uint32_t *rng);
/* How long a 429 or 503 asks us to wait, in seconds; -1 when it does not. */
long	api_answer_wait(const struct rest_response *);
/*
 * Why the WebSocket closed: code is the close code (0 if none), status the
 * HTTP status of a refused handshake (0 if none).
 */
enum api_reason	api_answer_closed(int code, int status);
/*
 * 1 for a status that says nothing of what the server has, only that it
 * cannot answer now: 429, 502, 503, 504.
 */
int		api_answer_transient(long status);
/*
 * What an HTTP answer to the WebSocket's handshake (anything but 101)
 * says of the server: any status but a refused token (SIGNED_OUT), a
 * rate limit (RATE_LIMITED) or a passing failure (LINK_LOST) means it has
 * no WebSocket (NO_WEBSOCKET): a 404, a 500, a web page's 200.
 */
enum api_reason	api_answer_upgrade(long status);

/* api_answer_judge, holding background requests back on a rate limit. */
int	api_answer_failure(struct api *, const struct rest_response *,
	    int sign_in, enum api_reason *, char **sentence);
/* api_answer_error, the same way. */
int	api_answer_failure_error(struct api *, const struct rest_response *,
	    int sign_in, struct api_error *);

/* A new link state; why may be NULL for none.  Calls the hook. */
void	api_set_link(struct api *, enum api_link, const struct api_why *);
void	api_report_error(struct api *, const struct api_why *);
/*
 * The server refused the token (api-session.c): the session is forgotten,
 * background work stops, and the link hook hears API_REASON_SIGNED_OUT.
 */
void	api_signed_out(struct api *);
/*
 * Keeps a copy of a user action refused for the token, to send again after
 * the next sign-in: 1 when it was kept (its owner hears nothing yet), 0
 * for a call that is not a user action.
 */
int	api_park(struct api_call *);
/* A sign-in succeeded: parked calls and background work go on. */
void	api_session_renewed(struct api *);
/* Parked calls for arg will not call back (api_forget). */
void	api_session_forget(struct api *, void *arg);
/* A register or cancel for event_id is parked. */
int	api_session_parked_event(const struct api *, int64_t event_id);
void	api_session_init(struct api *);
/* Frees parked calls without a word to their owners (api_free). */
void	api_session_done(struct api *);
/*
 * Refreshes the events at once (after a write), or as soon as a refresh
 * under way or a Retry-After is over: a held refresh is owed, not dropped.
 */
void	api_refresh_background(struct api *);
/*
 * An event changed (an event.* envelope, a resync): a refresh, at most one
 * per API_REFRESH_GAP_MS, each page spending the request budget, none
 * during a Retry-After; a burst ends with one.
 */
void	api_refresh_soon(struct api *);
/* The same for a poll: each page it asks for spends the budget. */
void	api_refresh_poll(struct api *);

/* One text frame from the live link (the WebSocket's message hook). */
void	api_live_receive(struct api *, const char *text, size_t len);
/* The seq a reconnect asks to replay from, -1 before any. */
int64_t	api_live_last_seq(const struct api *);

/*
 * Holds requests back for seconds (a server's Retry-After), for reason
 * (API_REASON_RATE_LIMITED, API_REASON_SERVER_ERROR).
 */
void	api_live_hold(struct api *, long seconds, enum api_reason);
/* The server has no WebSocket (api-discover.c found out): poll. */
void	api_live_no_websocket(struct api *, long http, const char *why);
/* Discovery came to a verdict; the live link may go on (api-live.c). */
void	api_live_discovered(struct api *);
/*
 * The notification load is over; seq is the latest it held (0: none), or
 * -1 when it failed.  A subscribe that waited for it goes now.
 */
void	api_live_notes_loaded(struct api *, int64_t seq);

/* The api's clock in ms: uv_now, sped up by time_scale in tests. */
uint64_t	api_now(const struct api *);
/* Starts timer to fire after ms on the api's clock. */
void		api_timer_start(struct api *, uv_timer_t *, uv_timer_cb,
		    uint64_t ms);

/* Asks /api/meta in the background unless it is known or being asked. */
void	api_discover(struct api *);
/* What a GET /api/meta answer says, for api_meta and discovery. */
void	api_discover_init(struct api *);
void	api_discover_done(struct api *);

void	api_live_init(struct api *);
void	api_live_done(struct api *);

#endif
