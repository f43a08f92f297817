/*
 * An in-process evtop-mock for the unit tests of its modules: a store
 * (path NULL: in memory), a hub with a replay ring and per-client queue of
 * the given sizes and, when asked, a token signer with a fixed secret and
 * the cheapest bcrypt cost.
 */
#ifndef EVTOP_TEST_MOCK_FIXTURE_H
#define EVTOP_TEST_MOCK_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "db.h"
#include "events.h"
#include "hub.h"
#include "mock.h"
#include "users.h"

#define MOCK_FIXTURE_SECRET	"0123456789abcdef0123456789abcdef"

static inline void
mock_fixture_open(struct mock *m, const char *path, size_t ring,
    size_t queue, int with_auth)
{
	char	*cause = NULL;

	memset(m, 0, sizeof *m);
	if ((m->db = db_open(path, &cause)) == NULL) {
		fprintf(stderr, "db_open: %s\n", cause);
		exit(1);
	}
	m->hub = hub_new(ring, queue);
	if (with_auth)
		m->auth = auth_new(MOCK_FIXTURE_SECRET, 32, AUTH_COST_MIN,
		    3600);
}

static inline void
mock_fixture_close(struct mock *m)
{
	auth_free(m->auth);
	hub_free(m->hub);
	db_close(m->db);
	memset(m, 0, sizeof *m);
}

/* A user made at now; its id, or 0 after saying why. */
static inline int64_t
mock_fixture_user(struct mock *m, const char *email, const char *name,
    const char *role, time_t now)
{
	char	*cause = NULL;
	int64_t	 id = 0;

	if (users_create(m->db, email, name, role, "!", now, &id,
	    &cause) != 0) {
		fprintf(stderr, "users_create: %s\n", cause);
		free(cause);
	}
	return (id);
}

/*
 * An event in ev (a title, a date and a capacity at least) made at now,
 * "Here" when it names no place; its id, or 0 after saying why.
 */
static inline int64_t
mock_fixture_event(struct mock *m, struct event_new *ev, time_t now)
{
	char	*cause = NULL;
	int64_t	 id = 0;

	if (ev->location == NULL)
		ev->location = "Here";
	if (events_create(m->db, ev, now, &id, &cause) != 0) {
		fprintf(stderr, "events_create: %s\n", cause);
		free(cause);
	}
	return (id);
}

#endif
