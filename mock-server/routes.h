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

/*
 * Accounts (routes-users.c), events (routes-events.c: reading and the
 * area's table; routes-events-edit.c: writing) and registration lists
 * (routes-registrations.c).
 */
extern const struct route	routes_users_table[];
extern const size_t		routes_users_count;
extern const struct route	routes_events_table[];
extern const size_t		routes_events_count;

void	routes_users_register(struct mock *, struct http_req *);
void	routes_users_update_profile(struct mock *, struct http_req *);
void	routes_users_change_password(struct mock *, struct http_req *);
void	routes_users_stats(struct mock *, struct http_req *);

void	routes_events_search(struct mock *, struct http_req *);
void	routes_events_creator(struct mock *, struct http_req *);
void	routes_events_create(struct mock *, struct http_req *);
void	routes_events_update(struct mock *, struct http_req *);
void	routes_events_delete(struct mock *, struct http_req *);
void	routes_registrations_event(struct mock *, struct http_req *);
void	routes_registrations_user(struct mock *, struct http_req *);

void	routes_misc_health(struct mock *, struct http_req *);
void	routes_misc_meta(struct mock *, struct http_req *);
void	routes_misc_openapi(struct mock *, struct http_req *);
void	routes_misc_notifications(struct mock *, struct http_req *);

/*
 * Jobs: invitations, campaigns and the mail queue (routes-campaigns.c);
 * reminders, chat and stats (routes-jobs.c, which holds the area's table).
 */
struct auth_claims;

extern const struct route	routes_jobs_table[];
extern const size_t		routes_jobs_count;

void	routes_campaigns_invite(struct mock *, struct http_req *);
void	routes_campaigns_list(struct mock *, struct http_req *);
void	routes_campaigns_logs(struct mock *, struct http_req *);
void	routes_campaigns_get(struct mock *, struct http_req *);
void	routes_campaigns_queues(struct mock *, struct http_req *);

void	routes_jobs_remind(struct mock *, struct http_req *);
void	routes_jobs_reminders(struct mock *, struct http_req *);
void	routes_jobs_chat(struct mock *, struct http_req *);
void	routes_jobs_chat_post(struct mock *, struct http_req *);
void	routes_jobs_stats(struct mock *, struct http_req *);
void	routes_jobs_stats_all(struct mock *, struct http_req *);

/* The HTTP layer (routes-http.c): /metrics. */
extern const struct route	routes_http_table[];
extern const size_t		routes_http_count;
void	routes_http_metrics(struct mock *, struct http_req *);

/* Guests, RSVP and check-in: routes-guests.c, routes-guest.c, routes-door.c. */
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

#endif
