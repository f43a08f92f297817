/* Events in the mock's store and their JSON shape (API.md's Event). */
#ifndef EVTOP_MOCK_EVENTS_H
#define EVTOP_MOCK_EVENTS_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct db;

struct event_new {
	const char	*title;
	const char	*description;
	time_t		 date_time;
	const char	*location;
	int64_t		 max_capacity;
	int64_t		 created_by;	/* 0: none */
	const char	*status;	/* draft, published, cancelled */
	const char	*category;
};

struct event_counters {
	int64_t	event_id;
	int64_t	capacity;
	int64_t	confirmed;
	int64_t	waitlisted;
	int64_t	checked_in;
	int64_t	available;
};

/*
 * Which changes an edit makes: NULL strings, has_date_time 0 and
 * max_capacity 0 leave a column as it is.
 */
struct event_edit {
	const char	*title;
	const char	*description;
	int		 has_date_time;
	time_t		 date_time;
	const char	*location;
	int64_t		 max_capacity;
	const char	*status;
	const char	*category;
};

struct events_query {
	int64_t		 page;		/* from 1 */
	int64_t		 per_page;
	int		 include_past;	/* else only date_time >= now */
	time_t		 now;
	const char	*status;	/* NULL: any */
	const char	*category;	/* NULL: any */
	const char	*q;		/* in title, description or location */
	const char	*location;	/* in location */
	int		 has_from;
	time_t		 date_from;	/* inclusive */
	int		 has_to;
	time_t		 date_to;	/* inclusive */
	int64_t		 created_by;	/* 0: anyone */
	int		 sort;		/* from events_sort_find; 0: date */
	/* Drafts are listed only for their creator and for admins. */
	int64_t		 viewer_id;	/* 0: signed out */
	int		 viewer_admin;
};

#define EVENTS_PER_PAGE_DEFAULT	50
#define EVENTS_PER_PAGE_MAX	200

/* 1 when status is draft, published or cancelled. */
int	 events_status_valid(const char *status);

/*
 * The orders a list can take ("date", "-title"...): the index for
 * events_query.sort, or -1.  events_sort_names lists them for a sentence.
 */
int		 events_sort_find(const char *name);
const char	*events_sort_names(void);

/* Inserts an event; 0 and *id, or -1 with *cause. */
int	 events_create(struct db *, const struct event_new *, time_t now,
	     int64_t *id, char **cause);

/* The event as JSON, or NULL when there is no such event. */
json_t	*events_get_json(struct db *, int64_t id);

/* A page of events as a JSON array, the total matching in *total. */
json_t	*events_list_json(struct db *, const struct events_query *,
	     int64_t *total);
/* The SQL of a page in sort order sort, for EXPLAIN in tests. */
const char *events_list_sql(int sort);

/*
 * Changes the columns edit names, bumps the version and updated_at.  0, 1
 * when there is no such event, or -1 with *cause.
 */
int	 events_update(struct db *, int64_t id, const struct event_edit *,
	     time_t now, char **cause);
/*
 * Deletes the event; its registrations and guests go with it.  0, 1 when
 * there is no such event, or -1 with *cause.
 */
int	 events_delete(struct db *, int64_t id, char **cause);
/* The event's status into buf: 0, or 1 when there is no such event. */
int	 events_status(struct db *, int64_t id, char *buf, size_t len);

/* Live counters of an event: 0, or 1 when there is no such event. */
int	 events_counters(struct db *, int64_t id, struct event_counters *);
json_t	*events_counters_json(const struct event_counters *);

/*
 * Who created event id (0: nobody left) and its version: 0, or 1 when there
 * is no such event.  Either pointer may be NULL.
 */
int	 events_owner(struct db *, int64_t id, int64_t *created_by,
	     int64_t *version);

/* The soonest published event at or after now: its id, or 0. */
int64_t	 events_soonest(struct db *, time_t now);

#endif
