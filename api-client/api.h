/*
 * The Event API client.  Everything runs on the caller's libuv loop: REST
 * through libcurl's multi socket API, live updates through a libwebsockets
 * client on the same loop.  Results land in the store; hooks say what
 * changed so the caller can mark damage.  Nothing here blocks.
 */
#ifndef EVTOP_API_H
#define EVTOP_API_H

#include <uv.h>

#include "model.h"
#include "store.h"

struct guest;

struct api;

struct api_options {
	const char	*server;	/* base URL, e.g. http://127.0.0.1:8080 */
	const char	*cacert;	/* CA bundle file, or NULL */
	int		 insecure;	/* 1 only when the user asked by name */
	const char	*user_agent;	/* or NULL */
	/*
	 * Tests only: the client's pacing (polls, reconnects, waits, the
	 * request budget) runs this many times faster than real time, so
	 * an hour is simulated in seconds.  0 or 1: real time.
	 */
	unsigned	 time_scale;
};

/* What the client knows of the server's features (GET /api/meta). */
enum api_discovery {
	API_DISCOVERY_UNKNOWN,	/* not asked, or no verdict: a 429, a 503,
				   no answer (asked again later) */
	API_DISCOVERY_FULL,	/* /api/meta answered: its features */
	API_DISCOVERY_CORE	/* anything else (404, 500, HTML): core-only */
};

/* The state of the live link shown in the header. */
enum api_link {
	API_LINK_OFFLINE,	/* not started, or signed out */
	API_LINK_CONNECTING,	/* WebSocket handshake under way */
	API_LINK_LIVE,		/* WebSocket open and subscribed */
	API_LINK_RETRYING,	/* lost; reconnecting after a back-off */
	API_LINK_POLLING	/* no WebSocket on this server: REST polling */
};

/*
 * Why the client did what it tells a hook.  The reason is set once, where
 * the server's answer (or its silence) is read: an HTTP answer in
 * api-answer.c, a closed WebSocket in api-live.c.  Code past that point
 * decides on the reason; the sentence is only for the user to read.
 */
enum api_reason {
	API_REASON_NONE,		/* nothing went wrong */
	API_REASON_SIGNED_OUT,		/* the server refused the token: a 401,
					   a 403 about the token, close 4401 */
	API_REASON_SIGN_IN_REFUSED,	/* wrong email or password */
	API_REASON_BAD_EMAIL,		/* sign-in refused for the address
					   itself: a field error on email,
					   or a 404 about the user */
	API_REASON_NOT_SIGNED_IN,	/* asked for what needs a session */
	API_REASON_UNREACHABLE,		/* no answer: DNS, connect, TLS */
	API_REASON_LINK_LOST,		/* the WebSocket dropped or failed */
	API_REASON_NO_WEBSOCKET,	/* the server has no /api/ws: polling */
	API_REASON_RATE_LIMITED,	/* 429 */
	API_REASON_NOT_FOUND,		/* 404 */
	API_REASON_REFUSED,		/* any other 4xx: the server said no */
	API_REASON_SERVER_ERROR,	/* 5xx, or a status with no meaning */
	API_REASON_BAD_ANSWER,		/* a success whose body is unusable */
	API_REASON_LIVE_ERROR,		/* an error envelope on the live link */
	API_REASON_CONFLICT,		/* 412: changed by someone else since it
					   was read; the error carries the
					   server's version */
	API_REASON_COUNT
};

/*
 * How a call failed, read once from the answer (api-answer.c): the
 * reason to decide on, the status, a sentence for the user, the server's
 * own message and its field errors in either shape servers send them
 * ({"field","message"} or express-validator's {"path","msg"}), and, for a
 * conflict, the server's current version of the resource.
 */
struct api_error {
	enum api_reason		 reason;
	int			 status;	/* enum api_status */
	long			 http;		/* the HTTP status, 0: no answer */
	char			*sentence;	/* for the user, never NULL */
	char			*message;	/* the server's own, or NULL */
	struct field_error	*fields;	/* what each field was refused for */
	size_t			 nfields;
	char			*current;	/* API_REASON_CONFLICT: the body
						   (the resource as it is now) */
	size_t			 current_len;
};
void	api_error_done(struct api_error *);

/* What a hook is told: valid only during the call, never NULL. */
struct api_why {
	enum api_reason	 reason;
	long		 http;		/* the HTTP status, 0 when none */
	const char	*sentence;	/* for the user, or NULL */
};

struct api_hooks {
	/* The event list was replaced, or one event added/changed/removed. */
	void	(*events_changed)(void *arg);
	/* Live counters of one event changed (already in the store). */
	void	(*counters_changed)(void *arg, int64_t event_id);
	/* A new notification arrived (already in the store): toast it. */
	void	(*notification)(void *arg, const struct notification *);
	/* Past notifications were added to the log: no toast for those. */
	void	(*notifications_loaded)(void *arg);
	/* The live link changed state, and why (API_REASON_NONE: no why). */
	void	(*link_changed)(void *arg, enum api_link,
		    const struct api_why *);
	/* A background request failed: why, with a sentence for the user. */
	void	(*error)(void *arg, const struct api_why *);
	/*
	 * A guest was checked in, or the check-in undone (checked_in_at 0),
	 * at any door: a `checkin` envelope.  NULL: ignored.
	 */
	void	(*checkin)(void *arg, const struct guest *);
	/*
	 * Live counters of any event, held in the store or not (after
	 * counters_changed for one held).  NULL: ignored.
	 */
	void	(*counters)(void *arg, const struct counters *);
	/*
	 * The server could not replay what the link missed: whatever is
	 * kept beside the store must be fetched again.  NULL: ignored.
	 */
	void	(*resynced)(void *arg);
};

/*
 * What a request came to: callbacks get API_OK, or a negative status with
 * a sentence in cause.  The kinds map to distinct exit codes in batch mode.
 */
enum api_status {
	API_OK = 0,
	API_ERR_FAILED = -1,		/* the server said no, or bad answer */
	API_ERR_UNREACHABLE = -2,	/* DNS, connect, TLS, timeout */
	API_ERR_AUTH = -3		/* not signed in, or token expired */
};

/*
 * status is an enum api_status; cause is NULL on API_OK.  Every call
 * copies what it is given and frees nothing of the caller's: after a
 * failed write, what the user typed is still the caller's to show again.
 */
typedef void	(*api_done_cb)(void *arg, int status, const char *cause);
/*
 * The whole error behind the cause or the why that a callback or an
 * error hook is being told, valid during that call only; NULL in any
 * other (a success, or a failure not read from an answer yet).
 */
const struct api_error	*api_last_error(const struct api *);

/* hooks may be NULL (batch mode); set them later with api_set_hooks. */
struct api	*api_new(uv_loop_t *, const struct api_options *,
		    struct store *, const struct api_hooks *, void *arg);
void		 api_set_hooks(struct api *, const struct api_hooks *,
		    void *arg);
/*
 * Starts closing every handle and frees the client.  The caller then runs
 * the loop (uv_run(loop, UV_RUN_DEFAULT)) until it returns so the handles
 * finish closing; no hook is called after api_free.
 */
void		 api_free(struct api *);

/*
 * GET /api/health: API_OK when the server answers at all (whatever the
 * status), API_ERR_UNREACHABLE with a sentence when nothing does, so a
 * password is not asked for a server that is down.
 */
void		 api_check_server(struct api *, api_done_cb, void *arg);
/*
 * POST /api/auth/login.  The password is not kept past the request (its
 * copy is wiped) or logged; the caller's email and password are left as
 * they are, and freeing or wiping them is the caller's.
 */
void		 api_login(struct api *, const char *email,
		    const char *password, api_done_cb, void *arg);
/*
 * Why the last sign-in was refused (API_REASON_NONE when it was not):
 * API_REASON_BAD_EMAIL says to ask for the address again, not only the
 * password.
 */
enum api_reason	 api_sign_in_reason(const struct api *);
/*
 * Resumes a session from a token kept from an earlier sign-in (or given
 * by --token-file / EVTOP_TOKEN): GET /api/users/profile with it.
 * API_OK and the session is set; API_ERR_AUTH when the server refuses the
 * token (the session is cleared); API_ERR_UNREACHABLE.
 */
void		 api_resume(struct api *, const char *token, api_done_cb,
		     void *arg);
/*
 * The session a token claims, without asking the server (a station that
 * starts while the server is away): 0, or -1 with why when it is no
 * token.  The server's first answer says whether it still holds.
 */
int		 api_resume_unchecked(struct api *, const char *token,
		     char **cause);
/* What GET /api/meta says; NULL/0 for what it did not say. */
struct api_meta {
	int	 core_only;	/* no usable /api/meta: a core-only server */
	int	 unknown;	/* no verdict: rate limited or unavailable */
	long	 http;		/* the status it answered */
	char	*name;
	char	*version;
	char	**features;
	size_t	 nfeatures;
};
typedef void	(*api_meta_cb)(void *arg, int status, const char *cause,
		    const struct api_meta *);
/*
 * GET /api/meta.  Anything but a 200 with a JSON object is a core-only
 * server (API_OK with core_only set), except a 429 or a 502-504, which
 * say nothing of the server's features (API_OK with unknown set and a
 * sentence in cause); API_ERR_UNREACHABLE when nothing answers.
 */
void		 api_meta(struct api *, api_meta_cb, void *arg);
/*
 * What discovery knows: whether the server has feature ("ws",
 * "notifications", "stats"...): 1 yes, 0 no, -1 not known yet.
 */
int		 api_feature(const struct api *, const char *name);
enum api_discovery api_discovery(const struct api *);
/*
 * Milliseconds the server asked every request to wait (a 429's
 * Retry-After), 0 when none; *why is the reason (API_REASON_RATE_LIMITED,
 * or API_REASON_SERVER_ERROR for a 503).  User actions check it first.
 */
uint64_t	 api_hold_left(const struct api *, enum api_reason *why);
/*
 * "the server asks to wait 42 s (rate limited)" while a wait is held,
 * with its milliseconds in *left (may be NULL); NULL when none is.
 */
char		*api_hold_sentence(const struct api *, uint64_t *left);
/* The same sentence for a wait of ms, for why (a 429's or a 503's). */
char		*api_wait_sentence(uint64_t ms, enum api_reason why);
/* GET /api/events into the store. */
void		 api_refresh_events(struct api *, api_done_cb, void *arg);
/*
 * GET /api/notifications: the latest into the store's log.  A server
 * without notifications (404, or /api/meta does not list them) is not an
 * error: the log starts empty, and the server is not asked.  Asks
 * /api/meta first when it has not been asked.  cb may be NULL; failures
 * are only traced, the log is a nicety.
 */
void		 api_load_notifications(struct api *, api_done_cb, void *arg);
/*
 * Opens the live link: WebSocket auth and subscribe to events and
 * notifications, reconnecting with back-off and replaying from the last
 * seq; on resync, refetches over REST.  Needs a session.
 */
void		 api_start_live(struct api *);

/*
 * What registering (or cancelling) came to, read once where the answer is
 * parsed (the server's words included, api-answer.c): callers decide on
 * this, never on the message.
 */
enum api_reg_outcome {
	API_REG_DONE,		/* registered (confirmed), or cancelled */
	API_REG_WAITLISTED,	/* registered on the waitlist (the mock) */
	API_REG_ALREADY,	/* refused: already registered, so nothing
				   changed (a core server's 400) */
	API_REG_FULL,		/* refused: the event is at full capacity
				   (a core server's 400) */
	API_REG_FAILED		/* any other failure: status and cause say */
};

/* What registering (or cancelling) came to, for the callback. */
struct api_registration {
	enum api_reg_outcome outcome;
	int64_t		 event_id;
	const char	*title;		/* the event's when asked, or NULL */
	const char	*status;	/* "confirmed", "waitlisted"; or NULL */
	int64_t		 position;	/* on the waitlist, from 1; -1 unknown */
	const char	*message;	/* the server's own sentence, or NULL */
};
/*
 * status is an enum api_status; cause is the whole sentence on failure.
 * r is never NULL: on failure its message is the server's sentence when
 * it gave one ("Event is at full capacity"), for a short toast.
 */
typedef void	(*api_registration_cb)(void *arg, int status,
		    const char *cause, const struct api_registration *r);
/*
 * POST /api/events/:id/register for the signed-in user.  Returns 0 when
 * the request was sent, or -1 when a registration request for the same
 * event is still waiting for its answer: then nothing is sent and cb is
 * not called.  After a success, the list is fetched again unless the live
 * link will bring the new counters.  A refused token signs out, as for
 * any request.
 */
int		 api_register_event(struct api *, int64_t event_id,
		    api_registration_cb, void *arg);
/* DELETE /api/events/:id/register; the same rules. */
int		 api_cancel_registration(struct api *, int64_t event_id,
		    api_registration_cb, void *arg);
/* 1 while a register or cancel request for event_id is in flight. */
int		 api_registration_pending(const struct api *,
		    int64_t event_id);
/*
 * Register and cancel requests in flight for arg will not call back
 * (their owner is going away); the requests themselves finish, or are
 * cancelled by api_free.
 */
void		 api_forget(struct api *, void *arg);

/*
 * Signing in again after the server refused the token (api-session.c).
 * A user action (register, cancel) refused with API_REASON_SIGNED_OUT is
 * parked instead of failed: a later api_login that succeeds sends it
 * again with the new token, restarts the refreshes, the notifications
 * and the live link (which resumes from its last seq); when another
 * user signed in, it first drops what the store held for the old one,
 * and fails the parked calls rather than act in the new user's name.
 * api_give_up fails every parked call with API_ERR_AUTH instead, so each
 * caller hears back exactly once either way.
 */
void		 api_give_up(struct api *);
/* How many user actions wait for a sign-in. */
size_t		 api_parked_count(const struct api *);
/*
 * The address of the session the server refused, while no sign-in has
 * replaced it ("" when it had none); NULL when the server refused none.
 */
const char	*api_refused_email(const struct api *);
/* Why, in a few words for the user ("token expired"), or NULL. */
const char	*api_refused_why(const struct api *);

/*
 * How often to refresh when the server has no live link (the profile's
 * poll_interval), in milliseconds; applies at once when polling.
 */
void			 api_set_poll_interval(struct api *, uint64_t ms);
uint64_t		 api_poll_interval(const struct api *);
/*
 * The shortest interval the request budget allows polling now (the
 * spacing it gives background requests), 0 when the limit is not known.
 */
uint64_t		 api_poll_floor(struct api *);
const char		*api_server(const struct api *);
const struct session	*api_session(const struct api *);	/* or NULL */
enum api_link		 api_link_state(const struct api *);
const char		*api_link_name(enum api_link);
/* The reason's name for the trace log ("signed-out"). */
const char		*api_reason_name(enum api_reason);

#endif
