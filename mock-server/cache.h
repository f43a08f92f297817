/*
 * Answers to GET requests kept for reuse.  An entry is valid while the
 * database has had no write since it was stored (the generation: SQLite's
 * count of changed rows on the mock's one connection) and the clock is in
 * the same second: handlers compare with clock_now(), so an answer made in
 * one second is the answer for all of it.  Bounded by entries and bytes;
 * the least recently used entry goes first.
 */
#ifndef EVTOP_MOCK_CACHE_H
#define EVTOP_MOCK_CACHE_H

#include <stddef.h>
#include <stdint.h>

struct cache;
struct http_req;

#define CACHE_ENTRIES_DEFAULT	256
#define CACHE_BYTES_DEFAULT	(16 * 1024 * 1024)

struct cache_stats {
	uint64_t	hits;
	uint64_t	misses;
	uint64_t	evictions;
	size_t		entries;
	size_t		bytes;
};

struct cache	*cache_new(size_t max_entries, size_t max_bytes);
void		 cache_free(struct cache *);

/*
 * Keys are bytes (len of them, NULs allowed).  When key holds an answer
 * stored at generation in second now, fills req's reply with it (status,
 * type, body, headers) and returns 1; else 0.  An entry found stale is
 * dropped.  Counts a hit or a miss.
 */
int		 cache_get(struct cache *, const void *key, size_t len,
		     uint64_t generation, int64_t now, struct http_req *req);
/*
 * Stores req's reply under key.  Bodies over an eighth of the byte bound
 * are not kept: one export must not flush everything else.
 */
void		 cache_put(struct cache *, const void *key, size_t len,
		     uint64_t generation, int64_t now,
		     const struct http_req *req);
void		 cache_stats(const struct cache *, struct cache_stats *);

#endif
