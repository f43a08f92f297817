#include "cache.h"

#include <stdlib.h>
#include <string.h>

#include "http.h"
#include "xmalloc.h"

#define CACHE_BUCKETS	1024	/* a power of two */

struct cache_header {
	char	*name;
	char	*value;
};

struct cache_entry {
	char			*key;
	size_t			 key_len;
	uint32_t		 hash;
	uint64_t		 generation;
	int64_t			 second;

	int			 status;
	char			*type;
	char			*body;
	size_t			 len;
	struct cache_header	 headers[HTTP_HEADERS_MAX];
	size_t			 nheaders;
	size_t			 bytes;		/* what it costs, roughly */

	struct cache_entry	*chain;		/* same bucket */
	struct cache_entry	*newer;
	struct cache_entry	*older;
};

struct cache {
	struct cache_entry	*buckets[CACHE_BUCKETS];
	struct cache_entry	*newest;
	struct cache_entry	*oldest;
	size_t			 max_entries;
	size_t			 max_bytes;
	struct cache_stats	 stats;
};

struct cache *
cache_new(size_t max_entries, size_t max_bytes)
{
	struct cache	*c;

	c = xcalloc(1, sizeof *c);
	c->max_entries = max_entries > 0 ? max_entries : 1;
	c->max_bytes = max_bytes;
	return (c);
}

static void
cache_entry_free(struct cache_entry *e)
{
	size_t	i;

	for (i = 0; i < e->nheaders; i++) {
		free(e->headers[i].name);
		free(e->headers[i].value);
	}
	free(e->key);
	free(e->type);
	free(e->body);
	free(e);
}

void
cache_free(struct cache *c)
{
	struct cache_entry	*e, *next;

	if (c == NULL)
		return;
	for (e = c->newest; e != NULL; e = next) {
		next = e->older;
		cache_entry_free(e);
	}
	free(c);
}

static uint32_t
cache_hash(const void *key, size_t len)
{
	const unsigned char	*p = key;
	uint32_t		 h = 2166136261u;
	size_t			 i;

	for (i = 0; i < len; i++) {
		h ^= p[i];
		h *= 16777619u;
	}
	return (h);
}

static void
cache_unlink_lru(struct cache *c, struct cache_entry *e)
{
	if (e->newer != NULL)
		e->newer->older = e->older;
	else
		c->newest = e->older;
	if (e->older != NULL)
		e->older->newer = e->newer;
	else
		c->oldest = e->newer;
	e->newer = e->older = NULL;
}

static void
cache_link_newest(struct cache *c, struct cache_entry *e)
{
	e->older = c->newest;
	e->newer = NULL;
	if (c->newest != NULL)
		c->newest->newer = e;
	c->newest = e;
	if (c->oldest == NULL)
		c->oldest = e;
}

static void
cache_remove(struct cache *c, struct cache_entry *e)
{
	struct cache_entry	**pe;

	pe = &c->buckets[e->hash & (CACHE_BUCKETS - 1)];
	while (*pe != e)
		pe = &(*pe)->chain;
	*pe = e->chain;
	cache_unlink_lru(c, e);
	c->stats.entries--;
	c->stats.bytes -= e->bytes;
	cache_entry_free(e);
}

static struct cache_entry *
cache_find(struct cache *c, const void *key, size_t len, uint32_t hash)
{
	struct cache_entry	*e;

	for (e = c->buckets[hash & (CACHE_BUCKETS - 1)]; e != NULL;
	    e = e->chain) {
		if (e->hash == hash && e->key_len == len &&
		    memcmp(e->key, key, len) == 0)
			return (e);
	}
	return (NULL);
}

int
cache_get(struct cache *c, const void *key, size_t len, uint64_t generation,
    int64_t now, struct http_req *req)
{
	struct cache_entry	*e;
	size_t			 i;

	e = cache_find(c, key, len, cache_hash(key, len));
	if (e != NULL && (e->generation != generation || e->second != now)) {
		cache_remove(c, e);
		e = NULL;
	}
	if (e == NULL) {
		c->stats.misses++;
		return (0);
	}
	c->stats.hits++;
	cache_unlink_lru(c, e);
	cache_link_newest(c, e);
	http_reply_raw(req, e->status, e->type, e->body, e->len);
	for (i = 0; i < e->nheaders; i++)
		http_reply_add_header(req, e->headers[i].name,
		    e->headers[i].value);
	return (1);
}

void
cache_put(struct cache *c, const void *key, size_t key_len,
    uint64_t generation, int64_t now, const struct http_req *req)
{
	struct cache_entry	*e;
	const char		*body, *name, *value;
	size_t			 len, i;
	uint32_t		 hash;

	body = http_res_body(req, &len);
	if (len > c->max_bytes / 8)
		return;
	hash = cache_hash(key, key_len);
	if ((e = cache_find(c, key, key_len, hash)) != NULL)
		cache_remove(c, e);

	e = xcalloc(1, sizeof *e);
	e->key = xmalloc(key_len);
	memcpy(e->key, key, key_len);
	e->key_len = key_len;
	e->hash = hash;
	e->generation = generation;
	e->second = now;
	e->status = http_res_status(req);
	e->type = xstrdup(http_res_content_type(req));
	e->body = xmalloc(len + 1);
	memcpy(e->body, body, len);
	e->body[len] = '\0';
	e->len = len;
	e->bytes = sizeof *e + key_len + len;
	for (i = 0; i < http_res_header_count(req) && i < HTTP_HEADERS_MAX;
	    i++) {
		http_res_header(req, i, &name, &value);
		e->headers[i].name = xstrdup(name);
		e->headers[i].value = xstrdup(value);
		e->bytes += strlen(name) + strlen(value);
	}
	e->nheaders = i;

	e->chain = c->buckets[hash & (CACHE_BUCKETS - 1)];
	c->buckets[hash & (CACHE_BUCKETS - 1)] = e;
	cache_link_newest(c, e);
	c->stats.entries++;
	c->stats.bytes += e->bytes;
	while (c->oldest != e && (c->stats.entries > c->max_entries ||
	    c->stats.bytes > c->max_bytes)) {
		cache_remove(c, c->oldest);
		c->stats.evictions++;
	}
}

void
cache_stats(const struct cache *c, struct cache_stats *stats)
{
	*stats = c->stats;
}
