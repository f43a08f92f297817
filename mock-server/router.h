/*
 * Routing: a table of {method, pattern, auth, handler, help}.  Patterns are
 * literal segments and ":name" parameters ("/api/events/:id").  The router
 * checks the bearer token for routes that need one, answers 404 and 405
 * itself, and hands everything else to the handler.
 */
#ifndef EVTOP_MOCK_ROUTER_H
#define EVTOP_MOCK_ROUTER_H

#include <stddef.h>

#include "http.h"

struct mock;

enum route_auth {
	ROUTE_PUBLIC,		/* no token needed; a valid one is read */
	ROUTE_USER,		/* any signed-in user */
	ROUTE_ADMIN,		/* role admin */
};

struct route {
	enum http_method	 method;
	const char		*pattern;
	enum route_auth		 auth;
	void			(*handler)(struct mock *, struct http_req *);
	const char		*help;
};

enum router_match {
	ROUTER_FOUND,
	ROUTER_NOT_FOUND,
	ROUTER_BAD_METHOD,	/* the path exists for another method */
};

/* 1 when path matches pattern; params go into req when it is not NULL. */
int	router_path_matches(const char *pattern, const char *path,
	    struct http_req *req);

/*
 * Finds the route for method and path in table (n entries), filling
 * req's parameters.  HEAD matches GET routes.
 */
enum router_match router_find(const struct route *table, size_t n,
	    enum http_method method, const char *path, struct http_req *req,
	    const struct route **found);

/*
 * Reads the bearer token once: 0 when req has claims (verified now or
 * before), -1 with a sentence in *cause (may be NULL) when it has none.
 */
int	router_authenticate(struct mock *, struct http_req *, char **cause);

/* Routes req through table: auth, handler, 404/405/401/403 replies. */
void	router_dispatch(struct mock *, const struct route *table, size_t n,
	    struct http_req *req);

#endif
