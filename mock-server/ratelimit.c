#include "ratelimit.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

#define RATELIMIT_BUCKETS	256

struct ratelimit_client {
	char			*key;
	double			 start;		/* window start */
	unsigned		 count;
	struct ratelimit_client	*next;
};

struct ratelimit {
	unsigned		 limit;
	unsigned		 window;
	struct ratelimit_client	*buckets[RATELIMIT_BUCKETS];
	unsigned		 nclients;
	unsigned		 sweep_at;	/* sweep past this many */
};

int
ratelimit_parse(const char *spec, unsigned *limit, unsigned *window,
    char **cause)
{
	const char	*slash;
	char		*end;
	unsigned long	 n, w, unit = 1;

	if ((slash = strchr(spec, '/')) == NULL || slash == spec)
		goto bad;
	errno = 0;
	n = strtoul(spec, &end, 10);
	if (end != slash || errno != 0 || *spec < '0' || *spec > '9')
		goto bad;
	if (n < 1 || n > RATELIMIT_MAX_LIMIT) {
		xasprintf(cause, "--rate-limit allows from 1 to %d requests "
		    "per window, not %lu", RATELIMIT_MAX_LIMIT, n);
		return (-1);
	}
	errno = 0;
	if (slash[1] < '0' || slash[1] > '9')
		goto bad;
	w = strtoul(slash + 1, &end, 10);
	if (errno != 0)
		goto bad;
	if (*end == 'm')
		unit = 60;
	else if (*end == 'h')
		unit = 3600;
	if (*end != '\0' && (strchr("smh", *end) == NULL || end[1] != '\0'))
		goto bad;
	if (w < 1 || w > RATELIMIT_MAX_WINDOW / unit) {
		xasprintf(cause, "--rate-limit wants a window from 1 to %d "
		    "seconds, not \"%s\"", RATELIMIT_MAX_WINDOW, slash + 1);
		return (-1);
	}
	*limit = (unsigned)n;
	*window = (unsigned)(w * unit);
	return (0);
bad:
	xasprintf(cause, "--rate-limit wants REQUESTS/SECONDS, like 100/900 "
	    "or 100/15m, not \"%s\"", spec);
	return (-1);
}

struct ratelimit *
ratelimit_new(unsigned limit, unsigned window)
{
	struct ratelimit	*rl;

	rl = xcalloc(1, sizeof *rl);
	rl->limit = limit;
	rl->window = window;
	rl->sweep_at = 1024;
	return (rl);
}

void
ratelimit_free(struct ratelimit *rl)
{
	struct ratelimit_client	*c, *next;
	size_t			 i;

	if (rl == NULL)
		return;
	for (i = 0; i < RATELIMIT_BUCKETS; i++) {
		for (c = rl->buckets[i]; c != NULL; c = next) {
			next = c->next;
			free(c->key);
			free(c);
		}
	}
	free(rl);
}

static unsigned
ratelimit_hash(const char *key)
{
	unsigned	h = 2166136261u;

	while (*key != '\0') {
		h ^= (unsigned char)*key++;
		h *= 16777619u;
	}
	return (h % RATELIMIT_BUCKETS);
}

/*
 * Forgets clients whose window has ended: they would start afresh anyway.
 * Runs when the table has doubled since the last sweep, so a scan of many
 * addresses costs memory only for as long as their windows last.
 */
static void
ratelimit_sweep(struct ratelimit *rl, double now)
{
	struct ratelimit_client	**pc, *c;
	size_t			  i;

	for (i = 0; i < RATELIMIT_BUCKETS; i++) {
		pc = &rl->buckets[i];
		while ((c = *pc) != NULL) {
			if (now >= c->start + rl->window) {
				*pc = c->next;
				free(c->key);
				free(c);
				rl->nclients--;
			} else
				pc = &c->next;
		}
	}
	rl->sweep_at = rl->nclients * 2 > 1024 ? rl->nclients * 2 : 1024;
}

/* The client's record with its window brought up to now. */
static struct ratelimit_client *
ratelimit_find(struct ratelimit *rl, const char *key, double now, int create)
{
	struct ratelimit_client	*c;
	unsigned		 h;

	h = ratelimit_hash(key);
	for (c = rl->buckets[h]; c != NULL; c = c->next) {
		if (strcmp(c->key, key) == 0)
			break;
	}
	if (c == NULL && create) {
		if (rl->nclients >= rl->sweep_at)
			ratelimit_sweep(rl, now);
		c = xcalloc(1, sizeof *c);
		c->key = xstrdup(key);
		c->start = now;
		c->next = rl->buckets[h];
		rl->buckets[h] = c;
		rl->nclients++;
	}
	if (c != NULL && now >= c->start + rl->window) {
		c->start = now;
		c->count = 0;
	}
	return (c);
}

static void
ratelimit_fill(const struct ratelimit *rl, const struct ratelimit_client *c,
    double now, struct ratelimit_info *info)
{
	double	left;

	info->limit = rl->limit;
	info->window = rl->window;
	if (c == NULL) {
		info->remaining = rl->limit;
		info->reset = rl->window;
		return;
	}
	info->remaining = c->count < rl->limit ? rl->limit - c->count : 0;
	/* Rounded up: a client waiting that long is sure to get in. */
	left = c->start + rl->window - now;
	info->reset = left < 1 ? 1 : (unsigned)left;
	if (info->reset < left)
		info->reset++;
}

int
ratelimit_take(struct ratelimit *rl, const char *key, double now,
    struct ratelimit_info *info)
{
	struct ratelimit_client	*c;
	int			 allowed;

	c = ratelimit_find(rl, key != NULL ? key : "", now, 1);
	if ((allowed = c->count < rl->limit))
		c->count++;
	ratelimit_fill(rl, c, now, info);
	return (allowed);
}

void
ratelimit_peek(struct ratelimit *rl, const char *key, double now,
    struct ratelimit_info *info)
{
	ratelimit_fill(rl, ratelimit_find(rl, key != NULL ? key : "", now, 0),
	    now, info);
}

unsigned
ratelimit_clients(const struct ratelimit *rl)
{
	return (rl->nclients);
}
