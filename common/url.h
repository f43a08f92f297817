/*
 * URLs through libcurl's URL API, never by hand: taking an address apart,
 * and percent-encoding and decoding query strings.
 */
#ifndef EVTOP_URL_H
#define EVTOP_URL_H

#include <stddef.h>

struct buf;

/* An absolute URL, taken apart. */
struct url {
	char	*scheme;	/* lower case: "https" */
	char	*host;		/* an IPv6 address keeps its brackets */
	int	 port;		/* as given, or the scheme's own */
	int	 port_given;	/* 1 when the URL names the port */
	char	*path;		/* "/" at least, percent-encoded as given */
	char	*query;		/* without the '?'; NULL when there is none */
};

/*
 * Takes url apart: 0, or -1 with a sentence in *cause (the url filled
 * with NULLs, url_done still safe).  http, https, ws and wss are known.
 */
int	 url_parse(const char *s, struct url *, char **cause);
void	 url_done(struct url *);

/* s with everything but unreserved characters (RFC 3986) as %XX. */
char	*url_encode(const char *s);
/*
 * Decodes %XX in the len bytes at s, and + as a space when form is set
 * (application/x-www-form-urlencoded).  A % not followed by two hex
 * digits stays as it is.  The result may hold NULs: *outlen (may be NULL)
 * says how long it is.
 */
char	*url_decode(const char *s, size_t len, int form, size_t *outlen);
/* Appends name=value, both encoded, after a '?' or '&' as the buffer needs. */
void	 url_add_query(struct buf *, const char *name, const char *value);

#endif
