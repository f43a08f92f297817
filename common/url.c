#include "url.h"

#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "xmalloc.h"

/* A new copy of one part of u, or NULL when it has none. */
static char *
url_part(CURLU *u, CURLUPart what, unsigned int flags)
{
	char	*v = NULL, *out;

	if (curl_url_get(u, what, &v, flags) != CURLUE_OK || v == NULL)
		return (NULL);
	out = xstrdup(v);
	curl_free(v);
	return (out);
}

int
url_parse(const char *s, struct url *url, char **cause)
{
	CURLU		*u;
	CURLUcode	 rc;
	char		*port;

	memset(url, 0, sizeof *url);
	if ((u = curl_url()) == NULL) {
		*cause = xstrdup("out of memory");
		return (-1);
	}
	rc = curl_url_set(u, CURLUPART_URL, s, CURLU_NON_SUPPORT_SCHEME);
	if (rc != CURLUE_OK) {
		xasprintf(cause, "%s is not a URL: %s", s, curl_url_strerror(rc));
		curl_url_cleanup(u);
		return (-1);
	}
	url->scheme = url_part(u, CURLUPART_SCHEME, 0);
	url->host = url_part(u, CURLUPART_HOST, 0);
	url->path = url_part(u, CURLUPART_PATH, 0);
	url->query = url_part(u, CURLUPART_QUERY, 0);
	if ((port = url_part(u, CURLUPART_PORT, 0)) != NULL)
		url->port_given = 1;
	else
		port = url_part(u, CURLUPART_PORT, CURLU_DEFAULT_PORT);
	if (port == NULL && url->scheme != NULL) {
		/* libcurl knows no port for ws and wss. */
		if (strcmp(url->scheme, "ws") == 0)
			port = xstrdup("80");
		else if (strcmp(url->scheme, "wss") == 0)
			port = xstrdup("443");
	}
	url->port = port != NULL ? atoi(port) : 0;
	free(port);
	curl_url_cleanup(u);
	if (url->scheme == NULL || url->host == NULL || *url->host == '\0' ||
	    url->port <= 0) {
		xasprintf(cause, "%s is not a URL with a host", s);
		url_done(url);
		return (-1);
	}
	if (url->path == NULL)
		url->path = xstrdup("/");
	return (0);
}

void
url_done(struct url *url)
{
	free(url->scheme);
	free(url->host);
	free(url->path);
	free(url->query);
	memset(url, 0, sizeof *url);
}

char *
url_encode(const char *s)
{
	char	*e, *out;

	if ((e = curl_easy_escape(NULL, s, (int)strlen(s))) == NULL)
		abort();	/* only out of memory */
	out = xstrdup(e);
	curl_free(e);
	return (out);
}

char *
url_decode(const char *s, size_t len, int form, size_t *outlen)
{
	char	*in, *d, *out, *p;
	int	 n;

	in = xstrndup(s, len);
	len = strlen(in);	/* a NUL in the input ends it */
	/* Before decoding, so an encoded %2B stays a plus. */
	if (form) {
		for (p = in; *p != '\0'; p++) {
			if (*p == '+')
				*p = ' ';
		}
	}
	if ((d = curl_easy_unescape(NULL, in, (int)len, &n)) == NULL)
		abort();	/* only out of memory */
	free(in);
	out = xmalloc((size_t)n + 1);
	memcpy(out, d, (size_t)n);
	out[n] = '\0';
	curl_free(d);
	if (outlen != NULL)
		*outlen = (size_t)n;
	return (out);
}

void
url_add_query(struct buf *b, const char *name, const char *value)
{
	char	*n, *v;

	n = url_encode(name);
	v = url_encode(value);
	buf_printf(b, "%c%s=%s", memchr(buf_str(b), '?', b->len) != NULL ?
	    '&' : '?', n, v);
	free(n);
	free(v);
}
