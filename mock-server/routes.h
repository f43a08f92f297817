/*
 * The REST API's route table and its handlers, one file per area:
 * routes-auth.c (sign-in, profile), routes-events.c (events and
 * registrations), routes-misc.c (health, meta, notifications).
 */
#ifndef EVTOP_MOCK_ROUTES_H
#define EVTOP_MOCK_ROUTES_H

#include <stddef.h>

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

/* The HTTP layer (routes-http.c): /metrics. */
extern const struct route	routes_http_table[];
extern const size_t		routes_http_count;
void	routes_http_metrics(struct mock *, struct http_req *);

#endif
