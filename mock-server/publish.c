#include "publish.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "events.h"
#include "mock.h"

enum hub_scope
publish_scope(struct mock *m, int64_t event_id, int64_t *owner)
{
	char	status[16];

	*owner = 0;
	if (event_id <= 0 ||
	    events_status(m->db, event_id, status, sizeof status) != 0 ||
	    strcmp(status, "draft") != 0 ||
	    events_owner(m->db, event_id, owner, NULL) != 0)
		return (HUB_SCOPE_ALL);
	return (HUB_SCOPE_OWNER);
}

uint64_t
publish_event(struct mock *m, int64_t event_id, const char *type,
    json_t *data)
{
	const char	*topics[3];
	char		 topic[32];
	enum hub_scope	 scope;
	int64_t		 owner;
	size_t		 n = 0;

	snprintf(topic, sizeof topic, "event:%" PRId64, event_id);
	scope = publish_scope(m, event_id, &owner);
	if (scope == HUB_SCOPE_ALL)
		topics[n++] = "events";
	topics[n++] = topic;
	topics[n] = NULL;
	return (hub_publish_to(m->hub, topics, scope, owner, type, data));
}

uint64_t
publish_about(struct mock *m, int64_t event_id, const char *const *topics,
    const char *type, json_t *data)
{
	enum hub_scope	 scope;
	int64_t		 owner;

	scope = publish_scope(m, event_id, &owner);
	return (hub_publish_to(m->hub, topics, scope, owner, type, data));
}
