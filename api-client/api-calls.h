/*
 * Every endpoint of the Event API, in three call shapes on the api's loop
 * (api-endpoints.c holds the table, api-calls.c the typed calls):
 *
 *   read   GET one resource             -> r->v (the decoded resource)
 *   page   GET one page of a list       -> r->items, r->n, r->total...
 *   write  POST, PUT or DELETE, JSON    -> r->v (what the server answered)
 *
 * Each call ends in exactly one callback with a struct api_result, valid
 * during the callback only: on success the decoded value, the HTTP status
 * and the ETag; on failure r->error (reason, sentence, the server's
 * message and field errors, a 412's current version).  Callers decide on
 * r->status and r->error->reason, never on a sentence.  No call keeps,
 * frees or changes what it is given: after a failed write, the form is
 * still the caller's.  A read identical to one in flight is not sent
 * again: it hears that one's answer (api.c).
 */
#ifndef EVTOP_API_CALLS_H
#define EVTOP_API_CALLS_H

#include <jansson.h>
#include <stdint.h>
#include <time.h>

#include "api.h"
#include "model-calls.h"

enum api_kind {
	API_KIND_READ,		/* GET one resource */
	API_KIND_PAGE,		/* GET a page of a list */
	API_KIND_WRITE		/* POST, PUT, DELETE */
};

/* What a call came to; valid during the callback only. */
struct api_result {
	int			 status;	/* enum api_status */
	long			 http;		/* 0: no answer */
	const char		*etag;		/* or NULL */
	const char		*message;	/* the server's sentence on
						   success, or NULL */
	const struct api_error	*error;		/* NULL on success */
	/* A read or a write: the resource, by endpoint; NULL when none. */
	union {
		const void			*any;
		const struct event		*event;
		const struct user		*user;
		const struct user_stats		*user_stats;
		const struct registration_row	*registration;
		const struct guest		*guest;
		const struct guest_import	*import;
		const struct checkin		*checkin;
		const struct campaign		*campaign;
		const struct global_stats	*stats;
		const struct event_stats	*event_stats;
		const struct reminder		*reminder;
		const struct chat_message	*chat;
	} v;
	/* A page: n items of the endpoint's type. */
	union {
		const void			*any;
		const struct event		*events;
		const struct registration_row	*registrations;
		const struct guest		*guests;
		const struct campaign		*campaigns;
		const struct email_log		*logs;
		const struct queue		*queues;
		const struct reminder		*reminders;
		const struct chat_message	*messages;
		const struct notification	*notifications;
	} items;
	size_t			 n;
	int64_t			 total;		/* -1 when not said */
	int64_t			 page;		/* as answered; -1 */
	int64_t			 per_page;
	int			 whole;		/* the server ignored paging and
						   sent the whole list */
	/* A raw read (guests.csv): the body as it came. */
	const char		*body;
	size_t			 len;
};
typedef void	(*api_result_cb)(void *arg, const struct api_result *);

/* A query parameter; lists of them end with a NULL name. */
struct api_param {
	const char	*name;
	const char	*value;		/* NULL: not sent */
};

/* Every endpoint, a row each in api-endpoints.c. */
enum api_endpoint {
	API_EP_EVENTS_LIST,
	API_EP_EVENTS_SEARCH,
	API_EP_EVENTS_BY_CREATOR,
	API_EP_EVENT_GET,
	API_EP_EVENT_CREATE,
	API_EP_EVENT_UPDATE,
	API_EP_EVENT_DELETE,
	API_EP_EVENT_REGISTER,
	API_EP_EVENT_UNREGISTER,
	API_EP_USER_REGISTRATIONS,
	API_EP_EVENT_REGISTRATIONS,
	API_EP_GUESTS_PAGE,
	API_EP_GUEST_GET,
	API_EP_GUEST_IMPORT,
	API_EP_GUESTS_CSV,
	API_EP_GUESTS_CSV_IMPORT,
	API_EP_GUEST_UPDATE,
	API_EP_GUEST_DELETE,
	API_EP_RSVP,
	API_EP_CHECKIN,
	API_EP_CHECKIN_UNDO,
	API_EP_INVITE,
	API_EP_CAMPAIGN_GET,
	API_EP_EVENT_CAMPAIGNS,
	API_EP_EMAIL_LOGS,
	API_EP_QUEUES,
	API_EP_STATS,
	API_EP_EVENT_STATS,
	API_EP_NOTIFICATIONS,
	API_EP_REMINDERS_LIST,
	API_EP_REMINDER_CREATE,
	API_EP_CHAT_LIST,
	API_EP_CHAT_POST,
	API_EP_PROFILE_GET,
	API_EP_PROFILE_UPDATE,
	API_EP_CHANGE_PASSWORD,
	API_EP_USER_STATS,
	API_EP_REGISTER_ACCOUNT,
	API_EP_COUNT
};

/* What one call sends, besides its endpoint. */
struct api_args {
	const char *const	*path;		/* the template's :names, in
						   order (encoded here) */
	const struct api_param	*query;		/* or NULL */
	size_t			 page;		/* a page: from 1; 0 none */
	size_t			 per_page;	/* 0: the server's */
	const json_t		*body;		/* a write's JSON, or NULL */
	const char		*raw;		/* or a raw body (CSV) */
	const char		*content_type;	/* the raw body's */
	const char		*etag;		/* a read's If-None-Match: a
						   304 is API_OK, no value */
	const char		*if_match;	/* a write's If-Match */
};

/* The endpoint's method, path template and kind, for help and traces. */
const char	*api_endpoint_method(enum api_endpoint);
const char	*api_endpoint_path(enum api_endpoint);
enum api_kind	 api_endpoint_kind(enum api_endpoint);
/*
 * Calls the endpoint: 0 when sent (cb will be called once), -1 when the
 * arguments cannot make a request (a path value missing, a raw body
 * holding a NUL): then nothing is sent and cb is not called.
 */
int	api_endpoint_call(struct api *, enum api_endpoint,
	    const struct api_args *, api_result_cb, void *arg);

/* An event as a form: what is not set (NULL, -1, 0) is not sent. */
struct event_form {
	const char	*title;
	const char	*description;
	time_t		 date_time;	/* 0: not sent */
	const char	*location;
	int64_t		 max_capacity;	/* -1: not sent */
	const char	*category;
	const char	*status;	/* draft|published|cancelled */
	int64_t		 version;	/* an update: the version read, sent
					   so a stale one is a 412; -1 */
	const char	*etag;		/* an update: If-Match, or NULL */
};
void	event_form_init(struct event_form *);

/* A guest as a form; the same rules. */
struct guest_form {
	const char	*name;
	const char	*email;
	const char	*phone;
	const char	*notes;
	const char	*rsvp_status;
	int64_t		 version;	/* an update: -1 for none */
};
void	guest_form_init(struct guest_form *);

/* Lists take query parameters (q, status, rsvp, sort...) and a page. */
int	api_events_list(struct api *, const struct api_param *, size_t page,
	    size_t per_page, api_result_cb, void *);
int	api_events_search(struct api *, const struct api_param *,
	    size_t page, size_t per_page, api_result_cb, void *);
int	api_events_by_creator(struct api *, int64_t user_id, api_result_cb,
	    void *);
int	api_event_get(struct api *, int64_t id, api_result_cb, void *);
int	api_event_create(struct api *, const struct event_form *,
	    api_result_cb, void *);
/* A stale form (another admin's change meanwhile) is API_REASON_CONFLICT
 * with the server's current event in r->error->current. */
int	api_event_update(struct api *, int64_t id, const struct event_form *,
	    api_result_cb, void *);
int	api_event_delete(struct api *, int64_t id, api_result_cb, void *);
int	api_user_registrations(struct api *, int64_t user_id, api_result_cb,
	    void *);
int	api_event_registrations(struct api *, int64_t event_id,
	    const char *status, size_t page, size_t per_page, api_result_cb,
	    void *);

/* Guests: q, rsvp, checked_in, sort in params. */
int	api_guests_page(struct api *, int64_t event_id,
	    const struct api_param *, size_t page, size_t per_page,
	    api_result_cb, void *);
int	api_guest_get(struct api *, int64_t id, api_result_cb, void *);
/* One guest (n == 1) or a bulk import: r->v.import. */
int	api_guest_import(struct api *, int64_t event_id,
	    const struct guest_form *, size_t n, api_result_cb, void *);
/*
 * guests.csv, whole and in memory, not streamed: r->body holds the CSV as
 * it came (not sanitized: it is a file, not text for the screen).
 */
int	api_guests_csv(struct api *, int64_t event_id, api_result_cb, void *);
int	api_guests_csv_import(struct api *, int64_t event_id, const char *csv,
	    size_t len, api_result_cb, void *);
int	api_guest_update(struct api *, int64_t id, const struct guest_form *,
	    api_result_cb, void *);
int	api_guest_delete(struct api *, int64_t id, api_result_cb, void *);
/* response: "accepted" or "declined"; r->v.guest as the server has it. */
int	api_rsvp(struct api *, const char *rsvp_token, const char *response,
	    api_result_cb, void *);
/*
 * A scan at the door: code is a ticket code or a guest id; nonce (or
 * NULL) makes a replay answer as the first scan did; scanned_at (0: now)
 * is when an offline scan happened.  A guest checked in before is no
 * failure: API_OK, http 409, r->v.checkin->already and its first time.
 */
int	api_checkin(struct api *, int64_t event_id, const char *code,
	    const char *nonce, time_t scanned_at, api_result_cb, void *);
int	api_checkin_undo(struct api *, int64_t event_id, int64_t guest_id,
	    api_result_cb, void *);

/* Invitations to guest_ids, or (n == 0) to all guests whose RSVP is
 * rsvp (NULL: every one): r->v.campaign. */
int	api_invite(struct api *, int64_t event_id, const int64_t *guest_ids,
	    size_t n, const char *rsvp, api_result_cb, void *);
int	api_campaign_get(struct api *, int64_t id, api_result_cb, void *);
int	api_event_campaigns(struct api *, int64_t event_id, api_result_cb,
	    void *);
int	api_email_logs(struct api *, int64_t event_id, const char *status,
	    size_t page, size_t per_page, api_result_cb, void *);
int	api_queues(struct api *, api_result_cb, void *);

int	api_stats(struct api *, api_result_cb, void *);
int	api_event_stats(struct api *, int64_t event_id, api_result_cb, void *);
/* since: the last seq seen, -1 for none; limit 0: the server's. */
int	api_notifications(struct api *, int64_t since, size_t limit,
	    api_result_cb, void *);
int	api_reminders_list(struct api *, int64_t event_id, api_result_cb,
	    void *);
int	api_reminder_create(struct api *, int64_t event_id, time_t at,
	    const char *message, api_result_cb, void *);
/* since: the last message id seen, -1 for none. */
int	api_chat_list(struct api *, int64_t event_id, int64_t since,
	    size_t limit, api_result_cb, void *);
int	api_chat_post(struct api *, int64_t event_id, const char *text,
	    api_result_cb, void *);

int	api_profile_get(struct api *, api_result_cb, void *);
/* A new token in the answer (the email changed) becomes the session's. */
int	api_profile_update(struct api *, const char *name, const char *email,
	    api_result_cb, void *);
/* The passwords are not kept past the request, nor logged. */
int	api_change_password(struct api *, const char *current,
	    const char *fresh, api_result_cb, void *);
int	api_user_stats(struct api *, api_result_cb, void *);
/* A new account (an organizer on the mock); its session is taken up. */
int	api_register_account(struct api *, const char *name,
	    const char *email, const char *password, api_result_cb, void *);

#endif
