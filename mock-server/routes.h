/*
 * The REST API's route table and its handlers, one file per area:
 * routes-auth.c (sign-in, profile), routes-events.c (events and
 * registrations), routes-misc.c (health, meta, notifications).
 */
#ifndef EVTOP_MOCK_ROUTES_H
#define EVTOP_MOCK_ROUTES_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "router.h"

struct mock;
struct http_req;

/*
 * Each area of the API has its own table (routes-*.c); routes.c joins them
 * in order into one, which the router walks.  A literal segment must come
 * before a ":param" in the same place ("/api/events/search" before
 * "/api/events/:id"), so areas with such routes come first.
 */
struct routes_area {
	const struct route	*table;
	const size_t		*count;
};

extern const struct route	routes_core_table[];
extern const size_t		routes_core_count;

/* Every route, joined (built on first use, never freed). */
const struct route	*routes_all(size_t *n);

/* The features /api/meta advertises: only what is implemented. */
extern const char *const	routes_features[];

/* Routes a request through routes_table. */
void	routes_dispatch(struct mock *, struct http_req *);

void	routes_auth_login(struct mock *, struct http_req *);
void	routes_auth_profile(struct mock *, struct http_req *);

void	routes_events_list(struct mock *, struct http_req *);
void	routes_events_get(struct mock *, struct http_req *);
void	routes_events_register(struct mock *, struct http_req *);
void	routes_events_unregister(struct mock *, struct http_req *);

void	routes_misc_health(struct mock *, struct http_req *);
void	routes_misc_meta(struct mock *, struct http_req *);
void	routes_misc_notifications(struct mock *, struct http_req *);

/* Guests, RSVP and check-in: routes-guests.c, routes-guest.c, routes-door.c. */
struct auth_claims;
extern const struct route	routes_guests_table[];
extern const size_t		routes_guests_count;
void	routes_guests_list(struct mock *, struct http_req *);
void	routes_guests_import(struct mock *, struct http_req *);
void	routes_guests_csv_export(struct mock *, struct http_req *);
void	routes_guests_csv_import(struct mock *, struct http_req *);
void	routes_guests_get(struct mock *, struct http_req *);
void	routes_guests_update(struct mock *, struct http_req *);
void	routes_guests_delete(struct mock *, struct http_req *);
void	routes_guests_rsvp(struct mock *, struct http_req *);
void	routes_guests_checkin(struct mock *, struct http_req *);
void	routes_guests_checkin_undo(struct mock *, struct http_req *);
/*
 * The event of the :id parameter when allowed(claims, created_by), else
 * 0 after answering 404 or 403 with denied.
 */
int64_t	routes_guests_event(struct mock *, struct http_req *,
	    int (*allowed)(const struct auth_claims *, int64_t),
	    const char *denied);
/* Answers 400 {message:"Validation failed",errors}; errors is stolen. */
void	routes_guests_invalid(struct http_req *, json_t *errors);

#endif
