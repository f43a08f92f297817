/*
 * The models behind every endpoint of the API (api-calls.h): guests,
 * check-ins, imports, campaigns, mail logs, queues, stats, reminders, chat,
 * registration rows.  Plain data, no curses; every string sanitized and
 * capped; counts and ids that the server did not send are -1, strings
 * NULL, times 0.  A count or id that is neither a number nor a numeric
 * string, a time that is not ISO 8601 or a string that is not one is
 * refused with a sentence naming the field.
 */
#ifndef EVTOP_MODEL_CALLS_H
#define EVTOP_MODEL_CALLS_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "model.h"

/* GET /api/users/stats: {stats:{...}}. */
struct user_stats {
	int64_t	 events_created;
	int64_t	 events_registered;
	int64_t	 upcoming_events;
};

/* A row of GET /api/events/:id/registrations or a user's registrations. */
struct registration_row {
	int64_t	 id;
	int64_t	 user_id;		/* -1 when absent */
	int64_t	 event_id;		/* -1 when absent */
	char	*status;		/* confirmed|waitlisted|cancelled... */
	time_t	 registration_date;
	time_t	 checked_in_at;		/* 0: not checked in, or absent */
	char	*user_name;		/* NULL when absent */
	char	*user_email;
	char	*title;			/* the event's, when the server joins */
	time_t	 date_time;
	char	*location;
};

/* A guest of an event. */
struct guest {
	int64_t	 id;
	int64_t	 event_id;
	int64_t	 user_id;
	char	*name;
	char	*email;
	char	*phone;
	char	*rsvp_status;		/* pending|accepted|declined|waitlisted */
	char	*ticket_code;
	time_t	 invited_at;
	time_t	 responded_at;
	time_t	 checked_in_at;		/* 0: not checked in */
	char	*notes;
	int64_t	 version;
	char	*rsvp_token;		/* managers only; NULL when absent */
};

/* One refused row of an import: {index, field?, message}. */
struct import_error {
	int64_t	 index;			/* from 0, as sent; -1 when absent */
	char	*field;			/* NULL when absent */
	char	*message;		/* never NULL */
};

/* POST /api/events/:id/guests (or guests.csv): what came of the rows. */
struct guest_import {
	int64_t			 imported;
	int64_t			 skipped;	/* duplicates */
	struct import_error	*errors;
	size_t			 nerrors;
	struct guest		*guest;		/* one guest sent: it, or NULL */
};

/*
 * POST /api/events/:id/checkin: 200 {guest, checked_in_at, replayed?}, or
 * 409 {message, guest, checked_in_at}, which is no failure at the door:
 * already is set and checked_in_at is the first check-in's time.
 */
struct checkin {
	struct guest	 guest;
	time_t		 checked_in_at;
	int		 replayed;	/* the same nonce, answered again */
	int		 already;	/* 409: checked in before, at ... */
	char		*message;	/* the server's sentence, or NULL */
};

/* An invitation campaign. */
struct campaign {
	int64_t	 id;
	int64_t	 event_id;
	char	*status;		/* queued|running|done... */
	int64_t	 total;
	int64_t	 queued;
	int64_t	 active;
	int64_t	 delayed;
	int64_t	 sent;
	int64_t	 failed;
	time_t	 created_at;
	time_t	 updated_at;
	time_t	 finished_at;
};

/* A row of GET /api/events/:id/email-logs. */
struct email_log {
	int64_t	 id;
	int64_t	 campaign_id;
	int64_t	 guest_id;
	char	*email;
	char	*status;		/* queued|sent|failed... */
	int64_t	 attempts;
	char	*error;			/* NULL when none */
	time_t	 updated_at;
};

/* A row of GET /api/queues. */
struct queue {
	char	*name;
	int64_t	 waiting;
	int64_t	 active;
	int64_t	 completed;
	int64_t	 failed;
	int64_t	 delayed;
};

struct rsvp_counts {
	int64_t	 accepted;
	int64_t	 declined;
	int64_t	 pending;
	int64_t	 waitlisted;
};

/* GET /api/stats: totals across events. */
struct global_stats {
	int64_t			 events;
	int64_t			 upcoming;
	int64_t			 confirmed;
	int64_t			 waitlisted;
	int64_t			 checked_in;
	int64_t			 guests;
	struct rsvp_counts	 rsvp;
};

/* One minute of an event's timeline. */
struct stats_bucket {
	time_t	 t;
	int64_t	 confirmed;
	int64_t	 checked_in;
};

/* GET /api/events/:id/stats. */
struct event_stats {
	int64_t			 event_id;
	int64_t			 capacity;
	int64_t			 confirmed;
	int64_t			 waitlisted;
	int64_t			 checked_in;
	int64_t			 available;
	int64_t			 guests;
	int64_t			 inside;	/* at the venue now; -1: not
						   said (no server says yet) */
	int64_t			 bucket_seconds;
	struct rsvp_counts	 rsvp;
	struct stats_bucket	*timeline;	/* oldest first */
	size_t			 ntimeline;
};

struct reminder {
	int64_t	 id;
	int64_t	 event_id;
	int64_t	 created_by;
	char	*message;
	char	*status;		/* pending|sent */
	time_t	 at;
	time_t	 created_at;
	time_t	 sent_at;
};

struct chat_message {
	int64_t	 id;
	int64_t	 event_id;
	int64_t	 user_id;
	char	*user_name;
	char	*text;			/* never NULL */
	time_t	 created_at;
};

/*
 * How one resource is read: its parser and the keys an answer wraps it
 * in.  One descriptor per resource serves a single answer and a list.
 */
struct model_type {
	const char	*name;		/* "guest", for sentences */
	const char	*one;		/* {"guest":{...}}; NULL: the whole body */
	const char	*many;		/* {"guests":[...]} */
	size_t		 size;		/* of the struct */
	int		(*parse)(const json_t *, void *, char **cause);
	void		(*done)(void *);
};

extern const struct model_type	model_type_event;
extern const struct model_type	model_type_user;
extern const struct model_type	model_type_user_stats;
extern const struct model_type	model_type_registration_row;
extern const struct model_type	model_type_guest;
extern const struct model_type	model_type_guest_import;
extern const struct model_type	model_type_checkin;
extern const struct model_type	model_type_campaign;
extern const struct model_type	model_type_email_log;
extern const struct model_type	model_type_queue;
extern const struct model_type	model_type_global_stats;
extern const struct model_type	model_type_event_stats;
extern const struct model_type	model_type_reminder;
extern const struct model_type	model_type_chat_message;
extern const struct model_type	model_type_notification;

/* One page of a list: the items and what the server said of the whole. */
struct model_page {
	void	*items;			/* n structs of the type */
	size_t	 n;
	int64_t	 total;			/* -1 when absent */
	int64_t	 page;			/* from 1; -1 when absent */
	int64_t	 per_page;		/* -1 when absent */
};

/*
 * One resource from a parsed body: under t->one when the body has it
 * there, else the body itself.  *out is a new struct (model_free_one).
 * 0, or -1 with a sentence in *cause.
 */
int	model_decode_one(const struct model_type *, const json_t *root,
	    void **out, char **cause);
void	model_free_one(const struct model_type *, void *);
/* A list: a bare array or {"<many>":[...], total, page, per_page}. */
int	model_decode_page(const struct model_type *, const json_t *root,
	    struct model_page *, char **cause);
void	model_page_done(const struct model_type *, struct model_page *);

/* The parsers, for one JSON object each. */
int	model_parse_user_stats(const json_t *, void *, char **cause);
int	model_parse_registration_row(const json_t *, void *, char **cause);
int	model_parse_guest(const json_t *, void *, char **cause);
int	model_parse_guest_import(const json_t *, void *, char **cause);
int	model_parse_checkin(const json_t *, void *, char **cause);
int	model_parse_campaign(const json_t *, void *, char **cause);
int	model_parse_email_log(const json_t *, void *, char **cause);
int	model_parse_queue(const json_t *, void *, char **cause);
int	model_parse_global_stats(const json_t *, void *, char **cause);
int	model_parse_event_stats(const json_t *, void *, char **cause);
int	model_parse_reminder(const json_t *, void *, char **cause);
int	model_parse_chat_message(const json_t *, void *, char **cause);

void	guest_done(struct guest *);
void	guest_import_done(struct guest_import *);
void	checkin_done(struct checkin *);
void	registration_row_done(struct registration_row *);
void	campaign_done(struct campaign *);
void	email_log_done(struct email_log *);
void	queue_done(struct queue *);
void	event_stats_done(struct event_stats *);
void	reminder_done(struct reminder *);
void	chat_message_done(struct chat_message *);

#endif
