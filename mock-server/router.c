#include "router.h"

#include <stdlib.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "auth.h"
#include "clock.h"
#include "mock.h"
#include "xmalloc.h"

/* The length of the segment at s (up to '/' or the end). */
static size_t
router_segment(const char *s)
{
	return (strcspn(s, "/"));
}

int
router_path_matches(const char *pattern, const char *path,
    struct http_req *req)
{
	const char	*p = pattern, *q = path;
	size_t		 plen, qlen;
	char		*name, *value;

	if (req != NULL)
		http_req_clear_params(req);
	for (;;) {
		if (*p != '/' || *q != '/')
			break;
		p++;
		q++;
		plen = router_segment(p);
		qlen = router_segment(q);
		if (plen > 1 && *p == ':') {
			if (qlen == 0)
				goto fail;
			if (req != NULL) {
				name = xstrndup(p + 1, plen - 1);
				value = xstrndup(q, qlen);
				http_req_set_param(req, name, value);
				free(name);
				free(value);
			}
		} else if (plen != qlen || strncmp(p, q, plen) != 0)
			goto fail;
		p += plen;
		q += qlen;
		if (*p == '\0' && *q == '\0')
			return (1);
	}
fail:
	if (req != NULL)
		http_req_clear_params(req);
	return (0);
}

enum router_match
router_find(const struct route *table, size_t n, enum http_method method,
    const char *path, struct http_req *req, const struct route **found)
{
	enum http_method	want;
	size_t			i;
	int			other = 0;

	want = method == HTTP_HEAD ? HTTP_GET : method;
	*found = NULL;
	for (i = 0; i < n; i++) {
		if (!router_path_matches(table[i].pattern, path, NULL))
			continue;
		if (table[i].method != want) {
			other = 1;
			continue;
		}
		router_path_matches(table[i].pattern, path, req);
		*found = &table[i];
		return (ROUTER_FOUND);
	}
	return (other ? ROUTER_BAD_METHOD : ROUTER_NOT_FOUND);
}

/* The token of an "Authorization: Bearer TOKEN" header, or NULL. */
static const char *
router_bearer(const struct http_req *req)
{
	const char	*h;

	if ((h = http_req_header(req, "authorization")) == NULL)
		return (NULL);
	if (strncasecmp(h, "Bearer ", 7) != 0)
		return (NULL);
	h += 7;
	while (*h == ' ')
		h++;
	return (*h != '\0' ? h : NULL);
}

/*
 * Every successful GET carries an ETag: a hash of the body, with the
 * resource's version in front when the handler named one.  A streamed
 * body is not known yet, so it has none.  A matching
 * If-None-Match turns the answer into a 304 without a body.
 */
static void
router_etag(struct http_req *req)
{
	const unsigned char	*p;
	const char		*body;
	uint64_t		 hash = 14695981039346656037ULL;
	size_t			 len, i;
	char			 etag[64];

	if ((http_req_method(req) != HTTP_GET &&
	    http_req_method(req) != HTTP_HEAD) || http_res_status(req) != 200 ||
	    http_res_streamed(req))
		return;
	body = http_res_body(req, &len);
	p = (const unsigned char *)body;
	for (i = 0; i < len; i++) {
		hash ^= p[i];
		hash *= 1099511628211ULL;
	}
	if (http_res_version(req) > 0)
		snprintf(etag, sizeof etag, "\"v%lld-%016llx\"",
		    (long long)http_res_version(req), (unsigned long long)hash);
	else
		snprintf(etag, sizeof etag, "\"%016llx\"",
		    (unsigned long long)hash);
	http_reply_add_header(req, "ETag", etag);
	http_reply_check_not_modified(req, http_req_header(req,
	    "if-none-match"));
}

int
router_authenticate(struct mock *m, struct http_req *req, char **cause)
{
	struct auth_claims	 claims;
	const char		*token;
	char			*why = NULL;

	if (http_req_claims(req) != NULL)
		return (0);
	if ((token = router_bearer(req)) == NULL)
		why = xstrdup("Authentication required: no token provided");
	else if (m->auth == NULL)
		why = xstrdup("Invalid token");
	else if (auth_verify_token(m->auth, token, clock_now(), &claims,
	    &why) == 0) {
		http_req_set_claims(req, &claims);
		return (0);
	}
	if (cause != NULL)
		*cause = why;
	else
		free(why);
	return (-1);
}

void
router_dispatch(struct mock *m, const struct route *table, size_t n,
    struct http_req *req)
{
	const struct route	*route;
	char			*cause = NULL;

	switch (router_find(table, n, http_req_method(req),
	    http_req_path(req), req, &route)) {
	case ROUTER_NOT_FOUND:
		http_reply_error(req, 404, "Route %s %s not found",
		    http_method_name(http_req_method(req)), http_req_path(req));
		return;
	case ROUTER_BAD_METHOD:
		http_reply_error(req, 405, "Method %s is not allowed on %s",
		    http_method_name(http_req_method(req)), http_req_path(req));
		return;
	case ROUTER_FOUND:
		break;
	}

	if (router_authenticate(m, req, &cause) != 0 &&
	    route->auth != ROUTE_PUBLIC) {
		http_reply_error(req, 401, "%s", cause != NULL ? cause :
		    "Invalid token");
		free(cause);
		return;
	}
	free(cause);
	if (route->auth == ROUTE_ADMIN &&
	    strcmp(http_req_claims(req)->role, "admin") != 0) {
		http_reply_error(req, 403, "This action needs the admin role");
		return;
	}
	route->handler(m, req);
	router_etag(req);
}
