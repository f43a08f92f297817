#include "query.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "url.h"
#include "xmalloc.h"

struct query_arg {
	char	*name;
	char	*value;
};

struct query {
	struct query_arg	args[QUERY_MAX_ARGS];
	size_t			nargs;
};

struct query *
query_new(void)
{
	return (xcalloc(1, sizeof (struct query)));
}

void
query_free(struct query *q)
{
	size_t	i;

	if (q == NULL)
		return;
	for (i = 0; i < q->nargs; i++) {
		free(q->args[i].name);
		free(q->args[i].value);
	}
	free(q);
}

static void
query_add(struct query *q, char *name, char *value)
{
	if (q->nargs == QUERY_MAX_ARGS || *name == '\0') {
		/* More than anyone sends: the rest are ignored. */
		free(name);
		free(value);
		return;
	}
	q->args[q->nargs].name = name;
	q->args[q->nargs].value = value;
	q->nargs++;
}

void
query_add_pair(struct query *q, const char *pair)
{
	const char	*eq;

	if ((eq = strchr(pair, '=')) == NULL)
		query_add(q, xstrdup(pair), xstrdup(""));
	else
		query_add(q, xstrndup(pair, (size_t)(eq - pair)),
		    xstrdup(eq + 1));
}

/* Decodes %XX and + in [s, s+len). */
static char *
query_decode(const char *s, size_t len)
{
	return (url_decode(s, len, 1, NULL));
}

void
query_parse(struct query *q, const char *qs)
{
	const char	*p = qs, *end, *eq;

	if (qs == NULL)
		return;
	if (*p == '?')
		p++;
	while (*p != '\0') {
		end = strchr(p, '&');
		if (end == NULL)
			end = p + strlen(p);
		eq = memchr(p, '=', (size_t)(end - p));
		if (eq == NULL)
			query_add(q, query_decode(p, (size_t)(end - p)),
			    xstrdup(""));
		else
			query_add(q, query_decode(p, (size_t)(eq - p)),
			    query_decode(eq + 1, (size_t)(end - eq - 1)));
		p = *end == '&' ? end + 1 : end;
	}
}

size_t
query_count(const struct query *q)
{
	return (q->nargs);
}

void
query_at(const struct query *q, size_t i, const char **name,
    const char **value)
{
	*name = q->args[i].name;
	*value = q->args[i].value;
}

const char *
query_get(const struct query *q, const char *name)
{
	size_t	i;

	for (i = 0; i < q->nargs; i++) {
		if (strcmp(q->args[i].name, name) == 0)
			return (q->args[i].value);
	}
	return (NULL);
}

int
query_get_int(const struct query *q, const char *name, int64_t def,
    int64_t min, int64_t max, int64_t *out, char **cause)
{
	const char	*s;
	char		*end;
	long long	 n;

	s = query_get(q, name);
	if (s == NULL || *s == '\0') {
		*out = def;
		return (0);
	}
	errno = 0;
	n = strtoll(s, &end, 10);
	if ((!isdigit((unsigned char)*s) && *s != '-') || end == s ||
	    *end != '\0' || errno != 0 || n < min) {
		xasprintf(cause, "%s must be a whole number of at least %lld",
		    name, (long long)min);
		return (-1);
	}
	*out = n > max ? max : n;
	return (0);
}

int
query_get_bool(const struct query *q, const char *name)
{
	static const char *const	 yes[] = { "1", "true", "yes", "on" };
	const char			*s;
	size_t				 i;

	if ((s = query_get(q, name)) == NULL)
		return (0);
	for (i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		if (strcasecmp(s, yes[i]) == 0)
			return (1);
	}
	return (0);
}
