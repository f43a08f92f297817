/*
 * The client's model of the Event API: plain data parsed from JSON, with no
 * curses in sight.  Every string here has been through text_sanitize(), so
 * it is safe to draw or print.  Counts that the server did not send are -1;
 * strings it did not send are NULL.
 */
#ifndef EVTOP_MODEL_H
#define EVTOP_MODEL_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct event {
	int64_t	 id;
	char	*title;
	char	*description;		/* NULL when absent */
	time_t	 date_time;
	char	*location;
	int64_t	 max_capacity;
	int64_t	 created_by;		/* -1 when absent */
	char	*creator_name;		/* NULL when absent */
	int64_t	 current_registrations;	/* confirmed */
	int64_t	 available_spots;
	char	*status;		/* draft|published|cancelled, or NULL */
	char	*category;		/* NULL when absent */
	int64_t	 waitlisted;		/* -1 when absent (core servers) */
	int64_t	 checked_in;		/* -1 when absent (core servers) */
	int64_t	 version;		/* -1 when absent */
	time_t	 updated_at;		/* 0 when absent */
};

/* Live counters of one event, from a `counters` envelope. */
struct counters {
	int64_t	event_id;
	int64_t	confirmed;
	int64_t	waitlisted;		/* -1 when absent */
	int64_t	checked_in;		/* -1 when absent */
	int64_t	available;		/* -1 when absent */
	int64_t	inside;			/* at the venue now; -1 when absent */
};

enum notification_level {
	NOTIFY_INFO,
	NOTIFY_SUCCESS,
	NOTIFY_WARNING,
	NOTIFY_ERROR
};

struct notification {
	int64_t			 id;
	int64_t			 seq;
	enum notification_level	 level;
	char			*type;
	char			*title;
	char			*message;	/* NULL when absent */
	int64_t			 event_id;	/* -1 when absent */
	time_t			 created_at;
};

struct user {
	int64_t	 id;
	char	*email;
	char	*name;
	char	*role;			/* NULL when absent */
};

/* What a sign-in gives: the token is secret and never logged. */
struct session {
	char		*token;
	struct user	 user;
	time_t		 exp;		/* 0 when the token has no exp */
};

/*
 * What POST /api/events/:id/register answers: {message, registration:
 * {id, event_id, status, ...}}.  A server may add the waitlist position.
 */
struct registration {
	int64_t	 id;			/* -1 when absent */
	int64_t	 event_id;		/* -1 when absent */
	char	*status;		/* confirmed|waitlisted..., or NULL */
	int64_t	 position;		/* on the waitlist, from 1; -1 absent */
	char	*message;		/* the server's sentence, or NULL */
};

/* A WebSocket frame: {"seq":N,"type":"...","ts":"...","data":{...}}. */
struct envelope {
	int64_t	 seq;			/* -1 when absent (resync, error) */
	char	*type;
	json_t	*data;			/* owned; NULL when absent */
};

/* Parsers: 0 on success; -1 with a sentence in *cause (caller frees). */
int	model_parse_event(const json_t *, struct event *, char **cause);
int	model_parse_event_body(const char *body, size_t len, struct event *,
	    char **cause);
int	model_parse_events(const char *body, size_t len, struct event **events,
	    size_t *n, int64_t *total, char **cause);
/* {"notifications":[...]} or a bare array, in the server's order. */
int	model_parse_notifications(const char *body, size_t len,
	    struct notification **notes, size_t *n, char **cause);
int	model_parse_counters(const json_t *, struct counters *, char **cause);
int	model_parse_notification(const json_t *, struct notification *,
	    char **cause);
int	model_parse_login(const char *body, size_t len, struct session *,
	    char **cause);
/*
 * A session from a token kept from an earlier sign-in: exp, role, id and
 * email are read from its payload (unverified).  -1 when it is no token.
 */
int	model_session_from_token(const char *token, struct session *,
	    char **cause);
/* {"user":{...}} from GET /api/users/profile into u. */
int	model_parse_profile(const char *body, size_t len, struct user *,
	    char **cause);
int	model_parse_envelope(const char *text, size_t len, struct envelope *,
	    char **cause);
/* A registration answer; an empty or bare {message} body is no error. */
int	model_parse_registration(const char *body, size_t len,
	    struct registration *, char **cause);
/* One field error, in either shape: {"field","message"} or {"path","msg"}. */
struct field_error {
	char	*field;		/* "title", or NULL when the item names none */
	char	*message;	/* never NULL */
};
/* What an error body says, every string sanitized; NULL/0 when absent. */
struct error_body {
	char			*message;	/* the server's own sentence */
	struct field_error	*fields;
	size_t			 nfields;
};
/*
 * Reads an error body once: its message ("message", "error" or "msg") and
 * its field errors ("errors", up to 20).  0, or -1 with e empty when the
 * body is no JSON object.
 */
int	model_parse_error_body(const char *body, size_t len,
	    struct error_body *e);
void	error_body_done(struct error_body *);
/*
 * Its sentence, "Validation failed: title: is required; ...", capped; NULL
 * when it says nothing.
 */
char	*error_body_sentence(const struct error_body *);
/* 1 when its field errors name field ("email"), else 0. */
int	 error_body_has_field(const struct error_body *, const char *field);
/* The sentence in an error body ({"message"} plus field errors), or NULL. */
char	*model_parse_error(const char *body, size_t len);

void	event_done(struct event *);
void	events_free(struct event *, size_t n);
void	notification_done(struct notification *);
void	user_done(struct user *);
void	session_done(struct session *);
void	envelope_done(struct envelope *);
void	registration_done(struct registration *);

const char	*notification_level_name(enum notification_level);

#endif
