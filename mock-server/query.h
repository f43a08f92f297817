/*
 * A request's query string as name/value pairs.  libwebsockets hands the
 * arguments over one by one, already URL-decoded ("name=value");
 * query_parse() does the same for a raw "a=1&b=x%20y" string.
 */
#ifndef EVTOP_MOCK_QUERY_H
#define EVTOP_MOCK_QUERY_H

#include <stddef.h>
#include <stdint.h>

struct query;

#define QUERY_MAX_ARGS	64

struct query	*query_new(void);
void		 query_free(struct query *);

/* Adds one decoded "name=value" (or bare "name", value ""). */
void		 query_add_pair(struct query *, const char *pair);
/* Adds every argument of a raw query string, percent-decoding it. */
void		 query_parse(struct query *, const char *qs);

size_t		 query_count(const struct query *);
/* Argument i (below query_count), in the order they came. */
void		 query_at(const struct query *, size_t i, const char **name,
		     const char **value);
/* The first value of name, or NULL. */
const char	*query_get(const struct query *, const char *name);

/*
 * An integer argument: def when absent or empty; -1 with *cause when it is
 * not a whole number of at least min; clamped to max.
 */
int		 query_get_int(const struct query *, const char *name,
		     int64_t def, int64_t min, int64_t max, int64_t *out,
		     char **cause);
/* 1 for 1/true/yes/on, 0 when absent or anything else. */
int		 query_get_bool(const struct query *, const char *name);

#endif
