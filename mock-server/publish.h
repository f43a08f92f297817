/*
 * Envelopes about one event, to the clients that may see it.  A published
 * or cancelled event's reach everyone subscribed; a draft's reach only its
 * creator and admins (the hub's HUB_SCOPE_OWNER), as over REST, where a
 * draft is 404 to anyone else.  The "events" topic never carries a draft:
 * it hears of one made as event.deleted and of one published as
 * event.created (routes-events-edit.c).
 */
#ifndef EVTOP_MOCK_PUBLISH_H
#define EVTOP_MOCK_PUBLISH_H

#include <jansson.h>
#include <stdint.h>

#include "hub.h"

struct mock;

/*
 * For a draft, HUB_SCOPE_OWNER with its creator in *owner (0 when the
 * account is gone: admins only); else HUB_SCOPE_ALL.  An event that does
 * not exist (deleted since) has nothing left to hide.
 */
enum hub_scope	publish_scope(struct mock *, int64_t event_id, int64_t *owner);

/*
 * Publishes type with data (stolen) to "events" and "event:ID"; a draft's
 * to "event:ID" alone, for those who may see it.  Returns its seq.
 */
uint64_t	publish_event(struct mock *, int64_t event_id, const char *type,
		    json_t *data);

/*
 * Publishes type with data (stolen) about event_id to topics (NULL
 * terminated); a draft's only to those who may see it.
 */
uint64_t	publish_about(struct mock *, int64_t event_id,
		    const char *const *topics, const char *type, json_t *data);

#endif
