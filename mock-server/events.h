/* Events in the mock's store and their JSON shape (API.md's Event). */
#ifndef EVTOP_MOCK_EVENTS_H
#define EVTOP_MOCK_EVENTS_H

#include <jansson.h>
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

struct events_query {
	int64_t		 page;		/* from 1 */
	int64_t		 per_page;
	int		 include_past;
	time_t		 now;
	const char	*status;	/* NULL: any */
	const char	*category;	/* NULL: any */
};

#define EVENTS_PER_PAGE_DEFAULT	50
#define EVENTS_PER_PAGE_MAX	200

/* 1 when status is draft, published or cancelled. */
int	 events_status_valid(const char *status);

/* Inserts an event; 0 and *id, or -1 with *cause. */
int	 events_create(struct db *, const struct event_new *, time_t now,
	     int64_t *id, char **cause);

/* The event as JSON, or NULL when there is no such event. */
json_t	*events_get_json(struct db *, int64_t id);

/* A page of events as a JSON array, the total matching in *total. */
json_t	*events_list_json(struct db *, const struct events_query *,
	     int64_t *total);

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
