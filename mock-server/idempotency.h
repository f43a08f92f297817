/*
 * Idempotency-Key (API.md, "Idempotency"): the first answer to a write is
 * kept for 24 hours under (caller, key), in SQLite so it outlives a
 * restart with --db.  The same key again from the same caller, for the
 * same method, path and body, gets that answer back with
 * "Idempotent-Replayed: true" and the handler does not run; the same key
 * for another request is refused with 422.
 */
#ifndef EVTOP_MOCK_IDEMPOTENCY_H
#define EVTOP_MOCK_IDEMPOTENCY_H

#include <time.h>

struct db;
struct http_req;

#define IDEMPOTENCY_KEY_MAX	255
#define IDEMPOTENCY_TTL		86400	/* seconds */

/*
 * Before running a write that carries key.  Returns 0 when it must run
 * (the key is new), 1 when req has been answered: a replay, a 422 for a
 * key used for another request, a 400 for a malformed key.  Forgets keys
 * older than IDEMPOTENCY_TTL on the way.
 */
int	idempotency_check(struct db *, const char *caller, const char *key,
	    struct http_req *req, time_t now);
/*
 * After the handler: keeps req's answer under (caller, key) unless it is a
 * server error (status 500 and up), which a retry should be able to fix.
 */
void	idempotency_save(struct db *, const char *caller, const char *key,
	    const struct http_req *req, time_t now);

#endif
