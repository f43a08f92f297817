/*
 * What the routes of every area share: finding the event a request names
 * so that a draft stays invisible to those who may not see it (the same
 * 404 as an event that does not exist), one-field validation answers and
 * paging parameters.
 */
#ifndef EVTOP_MOCK_ROUTES_UTIL_H
#define EVTOP_MOCK_ROUTES_UTIL_H

#include <stdint.h>

struct auth_claims;
struct http_req;
struct mock;

/*
 * 1 when event_id exists and claims may see it (a draft only its creator
 * and admins), with its creator in *created_by (may be NULL); else 0.
 */
int	routes_event_visible(struct mock *, const struct auth_claims *,
	    int64_t event_id, int64_t *created_by);

/*
 * The event of the :id parameter when the caller may see it and
 * allowed(claims, created_by) says yes (NULL: anyone who sees it).  Else
 * 0 after replying 404 "Event not found" or 403 with refusal.
 * created_by and version may be NULL.
 */
int64_t	routes_event_find(struct mock *, struct http_req *,
	    int (*allowed)(const struct auth_claims *, int64_t),
	    const char *refusal, int64_t *created_by, int64_t *version);

/* Replies 400 {message:"Validation failed",errors:[{field,message}]}. */
void	routes_invalid(struct http_req *, const char *field,
	    const char *message);

/* page and per_page (def, at most max): 0, or -1 after replying 400. */
int	routes_paging(struct http_req *, int64_t def, int64_t max,
	    int64_t *page, int64_t *per_page);

/*
 * A write failed inside its transaction: rolls back, replies 500 with
 * the cause and frees it.
 */
void	routes_write_failed(struct mock *, struct http_req *, char *cause);

#endif
