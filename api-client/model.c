/*
 * JSON bodies and WebSocket frames into model structs.  Every string is
 * sanitized and capped on the way in; every shape a server in the field
 * sends (wrapped or bare lists, numeric strings for counts) is accepted,
 * and anything else is refused with a sentence naming the field.
 */
#include "model.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "json-util.h"
#include "model-private.h"
#include "text.h"
#include "xmalloc.h"

/* Optional counts of an event: -1 when the server did not send them. */
static const struct {
	const char	*key;
	size_t		 offset;
} model_event_counts[] = {
	{ "max_capacity", offsetof(struct event, max_capacity) },
	{ "created_by", offsetof(struct event, created_by) },
	{ "current_registrations",
	    offsetof(struct event, current_registrations) },
	{ "available_spots", offsetof(struct event, available_spots) },
	{ "waitlisted", offsetof(struct event, waitlisted) },
	{ "checked_in", offsetof(struct event, checked_in) },
	{ "version", offsetof(struct event, version) },
};

/* Optional strings of an event: NULL when absent. */
static const struct {
	const char	*key;
	size_t		 offset;
	size_t		 max;
} model_event_strings[] = {
	{ "description", offsetof(struct event, description),
	    MODEL_TEXT_MAX },
	{ "location", offsetof(struct event, location), MODEL_STRING_MAX },
	{ "creator_name", offsetof(struct event, creator_name),
	    MODEL_STRING_MAX },
	{ "status", offsetof(struct event, status), MODEL_WORD_MAX },
	{ "category", offsetof(struct event, category), MODEL_STRING_MAX },
};

static const char *model_level_names[] = {
	[NOTIFY_INFO] = "info",
	[NOTIFY_SUCCESS] = "success",
	[NOTIFY_WARNING] = "warning",
	[NOTIFY_ERROR] = "error",
};

char *
model_string(const json_t *obj, const char *key, size_t max)
{
	const json_t	*v;

	v = json_is_object(obj) ? json_object_get(obj, key) : NULL;
	if (!json_is_string(v))
		return (NULL);
	return (text_sanitize_cap(json_string_value(v), json_string_length(v),
	    max));
}

/* An optional time under key: 0 when absent or not ISO 8601. */
static time_t
model_time(const json_t *obj, const char *key)
{
	time_t	t;

	if (json_util_parse_time(json_util_string(obj, key), &t) != 0)
		return (0);
	return (t);
}

/* A short, safe quotation of a server value for an error sentence. */
char *
model_quote(const json_t *v)
{
	char	*dump, *out;

	if (json_is_string(v))
		return (text_sanitize_cap(json_string_value(v),
		    json_string_length(v), 40));
	dump = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
	if (dump == NULL)
		return (xstrdup("?"));
	out = text_sanitize_cap(dump, strlen(dump), 40);
	free(dump);
	return (out);
}

static int
model_event_fail(struct event *ev, char **cause, const char *fmt,
    const char *detail)
{
	char	*msg;

	if (cause != NULL) {
		if (ev->id >= 0)
			xasprintf(&msg, "event %" PRId64 ": ", ev->id);
		else
			msg = xstrdup("event: ");
		xasprintf(cause, "%s%s%s", msg, fmt, detail != NULL ? detail :
		    "");
		free(msg);
	}
	event_done(ev);
	ev->id = -1;
	return (-1);
}

int
model_parse_event(const json_t *j, struct event *ev, char **cause)
{
	const json_t	*v;
	char		*why = NULL, *q, *msg;
	size_t		 i;
	int64_t		*count;
	int		 r;

	memset(ev, 0, sizeof *ev);
	ev->id = -1;
	for (i = 0; i < nitems(model_event_counts); i++)
		*(int64_t *)((char *)ev + model_event_counts[i].offset) = -1;
	if (!json_is_object(j))
		return (model_event_fail(ev, cause,
		    "an event should be a JSON object", NULL));

	if ((r = json_util_count(j, "id", &ev->id, &why)) != 0) {
		ev->id = -1;
		if (r == 1)
			return (model_event_fail(ev, cause,
			    "required field \"id\" is missing", NULL));
		model_event_fail(ev, cause, "", why);
		free(why);
		return (-1);
	}

	v = json_object_get(j, "title");
	if (v == NULL || json_is_null(v))
		return (model_event_fail(ev, cause,
		    "required field \"title\" is missing", NULL));
	if (!json_is_string(v))
		return (model_event_fail(ev, cause,
		    "field \"title\" should be a string", NULL));
	ev->title = model_string(j, "title", MODEL_STRING_MAX);

	v = json_object_get(j, "date_time");
	if (v == NULL || json_is_null(v))
		return (model_event_fail(ev, cause,
		    "required field \"date_time\" is missing", NULL));
	if (!json_is_string(v) ||
	    json_util_parse_time(json_string_value(v), &ev->date_time) != 0) {
		q = model_quote(v);
		xasprintf(&msg, "\"%s\" is not an ISO 8601 time", q);
		free(q);
		model_event_fail(ev, cause, "field \"date_time\": ", msg);
		free(msg);
		return (-1);
	}

	for (i = 0; i < nitems(model_event_counts); i++) {
		count = (int64_t *)((char *)ev + model_event_counts[i].offset);
		if (json_util_count(j, model_event_counts[i].key, count,
		    &why) == -1) {
			*count = -1;
			model_event_fail(ev, cause, "", why);
			free(why);
			return (-1);
		}
	}
	for (i = 0; i < nitems(model_event_strings); i++) {
		*(char **)((char *)ev + model_event_strings[i].offset) =
		    model_string(j, model_event_strings[i].key,
		    model_event_strings[i].max);
	}
	/* A location is shown in every row: absent reads as empty. */
	if (ev->location == NULL)
		ev->location = xstrdup("");
	ev->updated_at = model_time(j, "updated_at");
	return (0);
}

int
model_parse_event_body(const char *body, size_t len, struct event *ev,
    char **cause)
{
	json_t		*root;
	const json_t	*obj;
	int		 r;

	memset(ev, 0, sizeof *ev);
	if ((root = json_util_load(body, len, cause)) == NULL)
		return (-1);
	obj = json_object_get(root, "event");
	if (!json_is_object(obj))
		obj = root;
	r = model_parse_event(obj, ev, cause);
	json_decref(root);
	return (r);
}

/* The array of a list answer: a bare array, or {"<key>":[...]}. */
static const json_t *
model_list(const json_t *root, const char *key, char **cause)
{
	const json_t	*list;

	list = json_is_array(root) ? root : json_object_get(root, key);
	if (!json_is_array(list)) {
		if (cause != NULL)
			xasprintf(cause, "the server's answer has no list of "
			    "%s (expected {\"%s\":[...]})", key, key);
		return (NULL);
	}
	return (list);
}

int
model_parse_events(const char *body, size_t len, struct event **events,
    size_t *n, int64_t *total, char **cause)
{
	json_t		*root;
	const json_t	*list;
	struct event	*evs;
	size_t		 i, count;
	char		*why = NULL;

	*events = NULL;
	*n = 0;
	*total = -1;
	if ((root = json_util_load(body, len, cause)) == NULL)
		return (-1);
	if ((list = model_list(root, "events", cause)) == NULL) {
		json_decref(root);
		return (-1);
	}
	count = json_array_size(list);
	evs = xcalloc(count == 0 ? 1 : count, sizeof *evs);
	for (i = 0; i < count; i++) {
		if (model_parse_event(json_array_get(list, i), &evs[i],
		    &why) != 0) {
			if (cause != NULL)
				xasprintf(cause, "item %zu of the event list: "
				    "%s", i + 1, why);
			free(why);
			events_free(evs, i);
			json_decref(root);
			return (-1);
		}
	}
	if (json_is_object(root) &&
	    json_util_count(root, "total", total, NULL) != 0)
		*total = -1;
	json_decref(root);
	*events = evs;
	*n = count;
	return (0);
}

int
model_parse_counters(const json_t *j, struct counters *c, char **cause)
{
	static const struct {
		const char	*key;
		const char	*alias;
		size_t		 offset;
	} fields[] = {
		{ "confirmed", "current_registrations",
		    offsetof(struct counters, confirmed) },
		{ "waitlisted", NULL, offsetof(struct counters, waitlisted) },
		{ "checked_in", NULL, offsetof(struct counters, checked_in) },
		{ "available", "available_spots",
		    offsetof(struct counters, available) },
		{ "inside", NULL, offsetof(struct counters, inside) },
	};
	int64_t		*v;
	size_t		 i;
	int		 r;

	c->event_id = c->confirmed = c->waitlisted = -1;
	c->checked_in = c->available = c->inside = -1;
	if (!json_is_object(j)) {
		if (cause != NULL)
			*cause = xstrdup("counters should be a JSON object");
		return (-1);
	}
	r = json_util_count(j, "event_id", &c->event_id, cause);
	if (r != 0) {
		if (r == 1 && cause != NULL)
			*cause = xstrdup("counters: required field "
			    "\"event_id\" is missing");
		c->event_id = -1;
		return (-1);
	}
	for (i = 0; i < nitems(fields); i++) {
		v = (int64_t *)((char *)c + fields[i].offset);
		r = json_util_count(j, fields[i].key, v, cause);
		if (r == 1 && fields[i].alias != NULL)
			r = json_util_count(j, fields[i].alias, v, cause);
		if (r == -1) {
			c->event_id = -1;
			return (-1);
		}
		if (r == 1)
			*v = -1;
	}
	return (0);
}

int
model_parse_notification(const json_t *j, struct notification *no,
    char **cause)
{
	const char	*level;
	size_t		 i;

	memset(no, 0, sizeof *no);
	no->id = no->seq = no->event_id = -1;
	if (!json_is_object(j)) {
		if (cause != NULL)
			*cause = xstrdup("a notification should be a JSON "
			    "object");
		return (-1);
	}
	if (json_util_count(j, "id", &no->id, cause) == -1 ||
	    json_util_count(j, "seq", &no->seq, cause) == -1 ||
	    json_util_count(j, "event_id", &no->event_id, cause) == -1) {
		no->id = no->seq = no->event_id = -1;
		return (-1);
	}
	if ((level = json_util_string(j, "level")) != NULL) {
		for (i = 0; i < nitems(model_level_names); i++) {
			if (strcmp(level, model_level_names[i]) == 0)
				no->level = (enum notification_level)i;
		}
	}
	no->type = model_string(j, "type", MODEL_WORD_MAX);
	no->title = model_string(j, "title", MODEL_STRING_MAX);
	no->message = model_string(j, "message", MODEL_TEXT_MAX);
	if (no->title == NULL)
		no->title = xstrdup(no->type != NULL ? no->type : "");
	no->created_at = model_time(j, "created_at");
	return (0);
}

int
model_parse_envelope(const char *text, size_t len, struct envelope *env,
    char **cause)
{
	json_t		*root;
	const json_t	*type;

	memset(env, 0, sizeof *env);
	env->seq = -1;
	if ((root = json_util_load(text, len, cause)) == NULL)
		return (-1);
	type = json_object_get(root, "type");
	if (!json_is_string(type) || json_string_length(type) == 0) {
		if (cause != NULL)
			*cause = xstrdup("a live message has no \"type\"");
		json_decref(root);
		return (-1);
	}
	if (json_util_count(root, "seq", &env->seq, cause) == -1) {
		env->seq = -1;
		json_decref(root);
		return (-1);
	}
	env->type = model_string(root, "type", MODEL_WORD_MAX);
	env->data = json_object_get(root, "data");
	if (env->data != NULL && json_is_null(env->data))
		env->data = NULL;
	json_incref(env->data);
	json_decref(root);
	return (0);
}

void
event_done(struct event *ev)
{
	size_t	i;

	free(ev->title);
	ev->title = NULL;
	for (i = 0; i < nitems(model_event_strings); i++) {
		free(*(char **)((char *)ev + model_event_strings[i].offset));
		*(char **)((char *)ev + model_event_strings[i].offset) = NULL;
	}
}

void
events_free(struct event *evs, size_t n)
{
	size_t	i;

	if (evs == NULL)
		return;
	for (i = 0; i < n; i++)
		event_done(&evs[i]);
	free(evs);
}

void
notification_done(struct notification *no)
{
	free(no->type);
	free(no->title);
	free(no->message);
	no->type = no->title = no->message = NULL;
}

void
envelope_done(struct envelope *env)
{
	free(env->type);
	env->type = NULL;
	json_decref(env->data);
	env->data = NULL;
}

const char *
notification_level_name(enum notification_level level)
{
	if ((size_t)level >= nitems(model_level_names))
		return ("info");
	return (model_level_names[level]);
}

int
model_parse_notifications(const char *body, size_t len,
    struct notification **out, size_t *n, char **cause)
{
	json_t			*root;
	const json_t		*list;
	struct notification	*notes;
	size_t			 i, count;
	char			*why = NULL;

	*out = NULL;
	*n = 0;
	if ((root = json_util_load(body, len, cause)) == NULL)
		return (-1);
	if ((list = model_list(root, "notifications", cause)) == NULL) {
		json_decref(root);
		return (-1);
	}
	count = json_array_size(list);
	notes = xcalloc(count == 0 ? 1 : count, sizeof *notes);
	for (i = 0; i < count; i++) {
		if (model_parse_notification(json_array_get(list, i),
		    &notes[i], &why) != 0) {
			if (cause != NULL)
				xasprintf(cause, "item %zu of the notifications: "
				    "%s", i + 1, why);
			free(why);
			while (i-- > 0)
				notification_done(&notes[i]);
			free(notes);
			json_decref(root);
			return (-1);
		}
	}
	json_decref(root);
	*out = notes;
	*n = count;
	return (0);
}
