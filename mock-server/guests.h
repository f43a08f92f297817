/*
 * Guests: the people expected at an event's door (API.md "Guests, RSVP,
 * check-in").  Imported guests have no account; a registration keeps one
 * guest row for its user, whose RSVP status follows the registration.
 * Every guest has a ticket code: 10 characters from an alphabet without
 * look-alikes (no 0/O, 1/I), drawn from getrandom, always with a letter so
 * that a code never reads as a guest id.
 */
#ifndef EVTOP_MOCK_GUESTS_H
#define EVTOP_MOCK_GUESTS_H

#include <jansson.h>
#include <sqlite3.h>
#include <stdint.h>
#include <time.h>

struct db;
struct query;

#define GUESTS_CODE_LEN		10
#define GUESTS_PER_PAGE_DEFAULT	50
#define GUESTS_PER_PAGE_MAX	500
#define GUESTS_IMPORT_MAX	10000	/* guests per request */
#define GUESTS_NAME_MAX		255	/* characters */
#define GUESTS_EMAIL_MAX	254
#define GUESTS_PHONE_MAX	40
#define GUESTS_NOTES_MAX	1000
#define GUESTS_Q_MAX		200

/* What the door and the RSVP logic need to know of a guest. */
struct guest {
	int64_t	 id;
	int64_t	 event_id;
	int64_t	 user_id;		/* 0: imported, no account */
	int64_t	 version;
	char	 rsvp_status[16];
	char	 ticket_code[GUESTS_CODE_LEN + 1];
	time_t	 checked_in_at;		/* 0: not checked in */
};

/* Per-event counts, kept by triggers (db.c). */
struct guests_counts {
	int64_t	total;
	int64_t	checked_in;
	int64_t	pending;
	int64_t	accepted;
	int64_t	declined;
	int64_t	waitlisted;
};

/* One guest as given to an import or an edit: trimmed copies, NULL absent. */
struct guest_input {
	char	*name;
	char	*email;
	char	*phone;
	char	*notes;
	char	*rsvp_status;
};

/* 1 when s is pending, accepted, declined or waitlisted. */
int	 guests_rsvp_valid(const char *s);
/* A new ticket code into buf (GUESTS_CODE_LEN + 1 bytes). */
void	 guests_new_code(char *buf);
/* 1 when s looks like an email address worth sending to. */
int	 guests_email_plausible(const char *s);

/*
 * The field a CSV header cell names (name, email, phone, notes,
 * rsvp_status; any case), or NULL for a column to ignore.
 */
const char *guests_field(const char *header);
/* Sets field (as guests_field names it) of in to a trimmed copy of value. */
void	 guests_input_set(struct guest_input *, const char *field,
	     const char *value);
/*
 * Fills in from a JSON object.  Returns NULL, or an array of
 * {field,message} when a member has the wrong type.
 */
json_t	*guests_input_from_json(struct guest_input *, const json_t *obj);
void	 guests_input_done(struct guest_input *);
/*
 * Checks the fields of in: name and email are required unless partial
 * (an edit).
 * Returns NULL when it is fine, else an array of {field,message}.
 */
json_t	*guests_input_check(const struct guest_input *, int partial);

/* Reads guest id: 0, or 1 when there is none. */
int	 guests_find(struct db *, int64_t id, struct guest *);
/*
 * Reads the guest a door scan names: a ticket code (any case, dashes and
 * spaces ignored) or a guest id.  0, or 1 when there is none.
 */
int	 guests_find_code(struct db *, const char *code, struct guest *);
/* The columns guests_row_json reads, in its order. */
#define GUESTS_COLUMNS							\
	"id, event_id, user_id, name, email, phone, rsvp_status,"	\
	" ticket_code, invited_at, responded_at, checked_in_at, notes,"	\
	" version, created_at"
/* The JSON of a row of GUESTS_COLUMNS. */
json_t	*guests_row_json(sqlite3_stmt *);
/* The guest as JSON, or NULL when there is none. */
json_t	*guests_get_json(struct db *, int64_t id);
/* The event's counts (all zero when it has no guests). */
void	 guests_counts(struct db *, int64_t event_id, struct guests_counts *);

/*
 * Imports: guests_import_add validates and inserts one guest inside the
 * caller's transaction.  A guest whose email the event already has (any
 * case, earlier rows of the same import included) is skipped.  Returns 0
 * (imported, skipped or refused, as counted in the import), or -1 with
 * *cause when the database fails.
 */
struct guests_import {
	struct db	*db;
	int64_t		 event_id;
	time_t		 now;
	int64_t		 imported;
	int64_t		 skipped;
	json_t		*errors;	/* [{index,field,message}] */
	int64_t		 last_id;	/* the last guest imported */
};
void	 guests_import_init(struct guests_import *, struct db *,
	     int64_t event_id, time_t now);
int	 guests_import_add(struct guests_import *, int64_t index,
	     const struct guest_input *, char **cause);
void	 guests_import_done(struct guests_import *);

/*
 * Edits guest id with the fields in set (already checked).  Changing the
 * RSVP status stamps responded_at.  0; 1 when the email belongs to another
 * guest of the event; -1 with *cause.
 */
int	 guests_update(struct db *, int64_t id, const struct guest_input *,
	     time_t now, char **cause);
/* Deletes guest id: 0, or -1 with *cause. */
int	 guests_delete(struct db *, int64_t id, char **cause);
/* Sets or clears (at 0) the check-in time of a guest; -1 with *cause. */
int	 guests_set_checked_in(struct db *, const struct guest *, time_t at,
	     char **cause);
/* Sets the RSVP status and responded_at; -1 with *cause. */
int	 guests_set_rsvp(struct db *, int64_t id, const char *status,
	     time_t now, char **cause);

/* The list: filters, sort and page (API.md). */
enum guests_sort {
	GUESTS_SORT_NAME,		/* default: by name, then id */
	GUESTS_SORT_NAME_DESC,
	GUESTS_SORT_CREATED,		/* import order */
	GUESTS_SORT_CREATED_DESC,
	GUESTS_SORT_CHECKED_IN,		/* latest check-in first, then the rest */
	GUESTS_SORT_CHECKED_IN_DESC,	/* the exact reverse */
};
struct guests_query {
	int64_t		 event_id;
	const char	*q;		/* name, email or code contains; NULL */
	const char	*rsvp;		/* NULL: any */
	int		 checked_in;	/* -1 any, 0 not yet, 1 checked in */
	enum guests_sort sort;
	int64_t		 page;		/* from 1 */
	int64_t		 per_page;
};

/*
 * Reads the list's query string (q, rsvp, checked_in, sort, page,
 * per_page) into gq.  0, or -1 with a sentence in *cause.
 */
int	 guests_query_parse(const struct query *, int64_t event_id,
	     struct guests_query *gq, char **cause);
/* A page of guests as a JSON array, the number matching in *total. */
json_t	*guests_list_json(struct db *, const struct guests_query *,
	     int64_t *total);
/*
 * The filter q as SQL: ?3 bound to guests_like_pattern(q) (the caller
 * frees it) matches the guests whose name, email or ticket code contains
 * q, ignoring ASCII case.
 */
#define GUESTS_MATCH_Q							\
	"(name LIKE ?3 ESCAPE '\\' OR email LIKE ?3 ESCAPE '\\'"	\
	" OR ticket_code LIKE ?3 ESCAPE '\\')"
char	*guests_like_pattern(const char *q);

/*
 * Registrations keep their guest row in the caller's transaction:
 * confirmed is accepted, waitlisted is waitlisted, cancelled is declined.
 * An imported guest with the user's email becomes that row.
 */
int	 guests_sync_registration(struct db *, int64_t user_id,
	     int64_t event_id, const char *reg_status, time_t now,
	     char **cause);
/* The check-in of a registration reaches its guest row. */
int	 guests_sync_checkin(struct db *, int64_t user_id, int64_t event_id,
	     time_t at, char **cause);
/* Gives every registration without a guest row one (seeding). */
int	 guests_sync_all(struct db *, time_t now, char **cause);

#endif
