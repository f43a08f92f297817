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
#include "hub.h"
#include "mock.h"

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

#endif
