/*
 * Registrations as lists: an event's (for its managers and staff, with
 * each user's name and email) and a user's (with each event's title and
 * date).
 */
#ifndef EVTOP_MOCK_REGISTRATIONS_LIST_H
#define EVTOP_MOCK_REGISTRATIONS_LIST_H

#include <jansson.h>
#include <stdint.h>

struct db;

#define REGISTRATIONS_PER_PAGE_DEFAULT	50
#define REGISTRATIONS_PER_PAGE_MAX	500

struct registrations_query {
	int64_t		 page;		/* from 1 */
	int64_t		 per_page;
	const char	*status;	/* NULL: confirmed and waitlisted */
};

/* 1 when status is confirmed, waitlisted, cancelled or all. */
int	 registrations_list_status_valid(const char *status);

/*
 * A page of the event's registrations in registration order (the order
 * the waitlist moves in), the total matching in *total.
 */
json_t	*registrations_list_event(struct db *, int64_t event_id,
	     const struct registrations_query *, int64_t *total);
/* A page of the user's registrations, soonest event first. */
json_t	*registrations_list_user(struct db *, int64_t user_id,
	     const struct registrations_query *, int64_t *total);

#endif
