/*
 * Writing events: create, change, delete.  Each write is one transaction
 * and, once committed, an envelope on the hub.  Drafts are seen only by
 * their creator and admins, so their envelopes go to "event:ID" alone and
 * to those two only; an event that becomes a draft, or stops being one,
 * looks to the "events" topic like one deleted or created.  Whoever may
 * no longer see an event (made a draft, deleted) gets event.deleted on
 * "event:ID" and "chat:ID" and loses those subscriptions.
 */
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth.h"
#include "clock.h"
#include "db.h"
#include "events-form.h"
#include "events.h"
#include "http.h"
#include "hub.h"
#include "mock.h"
#include "perm.h"
#include "registrations.h"
#include "routes-util.h"
#include "routes.h"
#include "validate.h"

/*
 * Publishes type with data (stolen) to "events" and/or "event:ID" (with
 * "chat:ID" for a deletion), for the clients scope and owner name.
 */
static void
edit_publish(struct mock *m, int64_t id, const char *type, json_t *data,
    int to_events, int to_event, enum hub_scope scope, int64_t owner)
{
	const char	*topics[4];
	char		 topic[32], chat[32];
	size_t		 n = 0;

	snprintf(topic, sizeof topic, "event:%" PRId64, id);
	snprintf(chat, sizeof chat, "chat:%" PRId64, id);
	if (to_events)
		topics[n++] = "events";
	if (to_event) {
		topics[n++] = topic;
		if (strcmp(type, "event.deleted") == 0)
			topics[n++] = chat;
	}
	topics[n] = NULL;
	if (n > 0)
		hub_publish_to(m->hub, topics, scope, owner, type, data);
	else
		json_decref(data);
}

/* The subscriptions to the event's topics of the clients in scope end. */
static void
edit_revoke(struct mock *m, int64_t id, enum hub_scope scope, int64_t owner)
{
	char	topic[32];

	snprintf(topic, sizeof topic, "event:%" PRId64, id);
	hub_topic_revoke(m->hub, topic, scope, owner);
	snprintf(topic, sizeof topic, "chat:%" PRId64, id);
	hub_topic_revoke(m->hub, topic, scope, owner);
}

static json_t *
edit_deleted(int64_t id)
{
	return (json_pack("{sI}", "id", (json_int_t)id));
}

static int
edit_is_draft(const json_t *ev)
{
	const char	*s;

	s = json_string_value(json_object_get(ev, "status"));
	return (s != NULL && strcmp(s, "draft") == 0);
}

/*
 * The envelopes for an event of owner that was (was_draft) and now is ev.
 * One made a draft is deleted for everyone on "events", and for those
 * who may not see it on its own topics too, which they then lose: one
 * event.deleted each, whatever topics they hold.
 */
static void
edit_announce(struct mock *m, int64_t id, json_t *ev, int was_draft,
    int64_t owner)
{
	int	is_draft = edit_is_draft(ev);

	if (!was_draft && !is_draft) {
		edit_publish(m, id, "event.updated", json_pack("{sO}", "event",
		    ev), 1, 1, HUB_SCOPE_ALL, 0);
		return;
	}
	if (!was_draft && is_draft) {
		edit_publish(m, id, "event.deleted", edit_deleted(id), 1, 1,
		    HUB_SCOPE_OTHERS, owner);
		edit_publish(m, id, "event.deleted", edit_deleted(id), 1, 0,
		    HUB_SCOPE_OWNER, owner);
		edit_revoke(m, id, HUB_SCOPE_OTHERS, owner);
	} else if (was_draft && !is_draft)
		edit_publish(m, id, "event.created", json_pack("{sO}", "event",
		    ev), 1, 0, HUB_SCOPE_ALL, 0);
	edit_publish(m, id, "event.updated", json_pack("{sO}", "event", ev), 0,
	    1, is_draft ? HUB_SCOPE_OWNER : HUB_SCOPE_ALL, owner);
}

void
routes_events_create(struct mock *m, struct http_req *req)
{
	const struct auth_claims	*claims = http_req_claims(req);
	struct events_form		 f;
	struct event_new		 ev;
	json_t				*body, *obj;
	int64_t				 id;
	char				*cause = NULL;

	if (!perm_can_create_event(claims)) {
		http_reply_error(req, 403,
		    "Only organizers and admins can create events");
		return;
	}
	if ((body = http_req_json(req)) == NULL)
		return;
	if (events_form_read(&f, body, 0) > 0) {
		validate_reply(req, json_incref(f.errors));
		events_form_done(&f);
		return;
	}
	events_form_to_new(&f, &ev);
	ev.created_by = claims->user_id;
	if (db_begin(m->db, &cause) != 0 ||
	    events_create(m->db, &ev, clock_now(), &id, &cause) != 0 ||
	    db_commit(m->db, &cause) != 0) {
		routes_write_failed(m, req, cause);
		events_form_done(&f);
		return;
	}
	events_form_done(&f);

	obj = events_get_json(m->db, id);
	edit_publish(m, id, "event.created", json_pack("{sO}", "event", obj),
	    !edit_is_draft(obj), 1, edit_is_draft(obj) ? HUB_SCOPE_OWNER :
	    HUB_SCOPE_ALL, claims->user_id);
	http_reply_json(req, 201, json_pack("{ss so}", "message",
	    "Event created", "event", obj));
}

/* 412 with the event as it is now. */
static void
edit_reply_stale(struct mock *m, struct http_req *req, int64_t id,
    int64_t version)
{
	char	message[160];

	snprintf(message, sizeof message, "The event has changed since you "
	    "loaded it (it is at version %" PRId64 "): reload it and try "
	    "again", version);
	http_reply_json(req, 412, json_pack("{ss so}", "message", message,
	    "event", events_get_json(m->db, id)));
}

/*
 * Applies the edit in one transaction: a capacity under the confirmed
 * count is refused (1, after replying 400); a larger one takes people
 * off the waitlist, whose ids come back in *promoted.  -1 with *cause.
 */
static int
edit_apply(struct mock *m, struct http_req *req, int64_t id,
    const struct events_form *f, int64_t **promoted, size_t *npromoted,
    char **cause)
{
	struct event_counters	c;
	struct event_edit	ed;

	*promoted = NULL;
	*npromoted = 0;
	if (db_begin(m->db, cause) != 0)
		return (-1);
	if (f->max_capacity > 0 && events_counters(m->db, id, &c) == 0 &&
	    f->max_capacity < c.confirmed) {
		db_rollback(m->db);
		validate_reply_field(req, "max_capacity", "Capacity cannot go "
		    "below the %" PRId64 " confirmed registrations: cancel "
		    "some first", c.confirmed);
		return (1);
	}
	events_form_to_edit(f, &ed);
	if (events_update(m->db, id, &ed, clock_now(), cause) != 0 ||
	    (f->max_capacity > 0 && registrations_fill_seats(m, id, promoted,
	    npromoted, cause) != 0) ||
	    db_commit(m->db, cause) != 0) {
		db_rollback(m->db);
		free(*promoted);
		*promoted = NULL;
		*npromoted = 0;
		return (-1);
	}
	return (0);
}

void
routes_events_update(struct mock *m, struct http_req *req)
{
	struct events_form	 f;
	json_t			*body, *obj;
	int64_t			 id, created_by, version, *promoted;
	size_t			 npromoted;
	char			 status[16], *cause = NULL;
	int			 rc;

	if ((id = routes_event_find(m, req, NULL, NULL, &created_by,
	    &version)) == 0)
		return;
	if (!perm_can_manage_event(http_req_claims(req), created_by)) {
		http_reply_error(req, 403,
		    "Only the event's creator or an admin can change it");
		return;
	}
	if ((body = http_req_json(req)) == NULL)
		return;
	if (http_req_stale(req, version)) {
		edit_reply_stale(m, req, id, version);
		return;
	}
	if (events_form_read(&f, body, 1) == 0 && f.title == NULL &&
	    f.description == NULL && !f.has_date_time && f.location == NULL &&
	    f.max_capacity == 0 && f.status == NULL && f.category == NULL)
		validate_error(f.errors, "title", "Nothing to change: give at "
		    "least one field of the event");
	if (json_array_size(f.errors) > 0) {
		validate_reply(req, json_incref(f.errors));
		events_form_done(&f);
		return;
	}
	events_status(m->db, id, status, sizeof status);
	rc = edit_apply(m, req, id, &f, &promoted, &npromoted, &cause);
	events_form_done(&f);
	if (rc != 0) {
		if (rc < 0)
			http_reply_error(req, 500, "%s", cause);
		free(cause);
		return;
	}

	obj = events_get_json(m->db, id);
	edit_announce(m, id, obj, strcmp(status, "draft") == 0, created_by);
	registrations_publish_promoted(m, id, promoted, npromoted);
	if (npromoted > 0 || json_object_get(body, "max_capacity") != NULL)
		registrations_publish_counters(m, id);
	free(promoted);
	http_reply_set_version(req, json_integer_value(json_object_get(obj,
	    "version")));
	http_reply_json(req, 200, json_pack("{ss so}", "message",
	    "Event updated", "event", obj));
}

void
routes_events_delete(struct mock *m, struct http_req *req)
{
	size_t		 len;
	int64_t		 id, created_by, version;
	char		 status[16], *cause = NULL;
	int		 rc, is_draft;

	if ((id = routes_event_find(m, req, NULL, NULL, &created_by,
	    &version)) == 0)
		return;
	if (!perm_can_manage_event(http_req_claims(req), created_by)) {
		http_reply_error(req, 403,
		    "Only the event's creator or an admin can delete it");
		return;
	}
	/* A body is optional; when there is one, its version counts. */
	http_req_body(req, &len);
	if (len > 0 && http_req_json(req) == NULL)
		return;
	if (http_req_stale(req, version)) {
		edit_reply_stale(m, req, id, version);
		return;
	}
	events_status(m->db, id, status, sizeof status);
	if (db_begin(m->db, &cause) != 0 ||
	    (rc = events_delete(m->db, id, &cause)) < 0 ||
	    db_commit(m->db, &cause) != 0) {
		routes_write_failed(m, req, cause);
		return;
	}
	if (rc == 1) {
		http_reply_error(req, 404, "Event not found");
		return;
	}
	is_draft = strcmp(status, "draft") == 0;
	edit_publish(m, id, "event.deleted", edit_deleted(id), !is_draft, 1,
	    is_draft ? HUB_SCOPE_OWNER : HUB_SCOPE_ALL, created_by);
	edit_revoke(m, id, HUB_SCOPE_ALL, 0);
	http_reply_json(req, 200, json_pack("{ss}", "message",
	    "Event deleted"));
}
