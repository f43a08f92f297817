/*
 * Structs read by tables of their fields, and the two shapes answers come
 * in: one resource ({"guest":{...}} or bare) and a page of a list
 * ({"guests":[...],"total":N,"page":P,"per_page":S} or a bare array).
 */
#include <stdlib.h>
#include <string.h>

#include "json-util.h"
#include "model-calls.h"
#include "model-private.h"
#include "text.h"
#include "xmalloc.h"

/* Lists longer than this are refused rather than held (a hostile body). */
#define MODEL_PAGE_MAX		1000000

#define MODEL_AT(out, f)	((char *)(out) + (f)->offset)

static size_t
model_kind_max(enum model_kind kind)
{
	switch (kind) {
	case MODEL_WORD:
		return (MODEL_WORD_MAX);
	case MODEL_STRING:
		return (MODEL_STRING_MAX);
	default:
		return (MODEL_TEXT_MAX);
	}
}

void
model_fields_init(const struct model_field *fields, size_t n, void *out)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		switch (fields[i].kind) {
		case MODEL_COUNT:
			*(int64_t *)MODEL_AT(out, &fields[i]) = -1;
			break;
		case MODEL_TIME:
			*(time_t *)MODEL_AT(out, &fields[i]) = 0;
			break;
		case MODEL_FLAG:
			*(int *)MODEL_AT(out, &fields[i]) = 0;
			break;
		default:
			*(char **)MODEL_AT(out, &fields[i]) = NULL;
			break;
		}
	}
}

void
model_fields_done(const struct model_field *fields, size_t n, void *out)
{
	size_t	i;
	char	**s;

	for (i = 0; i < n; i++) {
		switch (fields[i].kind) {
		case MODEL_WORD:
		case MODEL_STRING:
		case MODEL_TEXT:
			s = (char **)MODEL_AT(out, &fields[i]);
			free(*s);
			*s = NULL;
			break;
		default:
			break;
		}
	}
}

/* One field: 0, 1 absent, or -1 with what is wrong in *why. */
static int
model_field_read(const struct model_field *f, const json_t *obj, void *out,
    char **why)
{
	const json_t	*v = json_object_get(obj, f->key);
	char		*q;
	int		 r;

	if (v == NULL || json_is_null(v))
		return (1);
	switch (f->kind) {
	case MODEL_COUNT:
		r = json_util_value_count(v, (int64_t *)MODEL_AT(out, f));
		if (r == 0)
			return (0);
		*(int64_t *)MODEL_AT(out, f) = -1;
		q = model_quote(v);
		xasprintf(why, "\"%s\" is not a count", q);
		free(q);
		return (-1);
	case MODEL_TIME:
		if (json_is_string(v) && json_util_parse_time(
		    json_string_value(v), (time_t *)MODEL_AT(out, f)) == 0)
			return (0);
		*(time_t *)MODEL_AT(out, f) = 0;
		q = model_quote(v);
		xasprintf(why, "\"%s\" is not an ISO 8601 time", q);
		free(q);
		return (-1);
	case MODEL_FLAG:
		if (json_is_boolean(v)) {
			*(int *)MODEL_AT(out, f) = json_is_true(v);
			return (0);
		}
		*why = xstrdup("should be true or false");
		return (-1);
	default:
		if (!json_is_string(v)) {
			*why = xstrdup("should be a string");
			return (-1);
		}
		*(char **)MODEL_AT(out, f) = text_sanitize_cap(
		    json_string_value(v), json_string_length(v),
		    model_kind_max(f->kind));
		return (0);
	}
}

int
model_fields_read(const char *what, const struct model_field *fields,
    size_t n, const json_t *obj, void *out, char **cause)
{
	size_t	 i;
	char	*why = NULL;
	int	 r;

	model_fields_init(fields, n, out);
	if (!json_is_object(obj)) {
		if (cause != NULL)
			xasprintf(cause, "%s: should be a JSON object", what);
		return (-1);
	}
	for (i = 0; i < n; i++) {
		r = model_field_read(&fields[i], obj, out, &why);
		if (r == 1 && fields[i].required)
			why = xstrdup("is missing");
		else if (r != -1)
			continue;
		if (cause != NULL)
			xasprintf(cause, "%s: field \"%s\" %s", what,
			    fields[i].key, why);
		free(why);
		model_fields_done(fields, n, out);
		model_fields_init(fields, n, out);
		return (-1);
	}
	return (0);
}

int
model_decode_one(const struct model_type *t, const json_t *root, void **out,
    char **cause)
{
	const json_t	*obj = root;
	void		*v;

	*out = NULL;
	if (t->one != NULL && json_is_object(json_object_get(root, t->one)))
		obj = json_object_get(root, t->one);
	v = xcalloc(1, t->size);
	if (t->parse(obj, v, cause) != 0) {
		free(v);
		return (-1);
	}
	*out = v;
	return (0);
}

void
model_free_one(const struct model_type *t, void *v)
{
	if (v == NULL)
		return;
	t->done(v);
	free(v);
}

/* An optional count of a list answer; -1 when absent, refused if bad. */
static int
model_page_count(const json_t *root, const char *key, int64_t *out,
    char **cause)
{
	char	*why = NULL;

	*out = -1;
	if (!json_is_object(root))
		return (0);
	switch (json_util_count(root, key, out, &why)) {
	case 0:
		return (0);
	case 1:
		*out = -1;
		return (0);
	}
	*out = -1;
	if (cause != NULL)
		xasprintf(cause, "the list's %s", why);
	free(why);
	return (-1);
}

int
model_decode_page(const struct model_type *t, const json_t *root,
    struct model_page *p, char **cause)
{
	const json_t	*list;
	size_t		 i, n;
	char		*why = NULL;

	memset(p, 0, sizeof *p);
	p->total = p->page = p->per_page = -1;
	list = json_is_array(root) ? root : json_object_get(root, t->many);
	if (!json_is_array(list)) {
		if (cause != NULL)
			xasprintf(cause, "the server's answer has no list of "
			    "%s (expected {\"%s\":[...]})", t->many, t->many);
		return (-1);
	}
	if ((n = json_array_size(list)) > MODEL_PAGE_MAX) {
		if (cause != NULL)
			xasprintf(cause, "the list of %s is too long (%zu)",
			    t->many, n);
		return (-1);
	}
	if (model_page_count(root, "total", &p->total, cause) != 0 ||
	    model_page_count(root, "page", &p->page, cause) != 0 ||
	    model_page_count(root, "per_page", &p->per_page, cause) != 0)
		return (-1);
	p->items = xcalloc(n > 0 ? n : 1, t->size);
	for (i = 0; i < n; i++) {
		if (t->parse(json_array_get(list, i),
		    (char *)p->items + i * t->size, &why) != 0) {
			if (cause != NULL)
				xasprintf(cause, "item %zu of the %s: %s", i + 1,
				    t->many, why);
			free(why);
			p->n = i;
			model_page_done(t, p);
			p->total = p->page = p->per_page = -1;
			return (-1);
		}
	}
	p->n = n;
	return (0);
}

void
model_page_done(const struct model_type *t, struct model_page *p)
{
	size_t	i;

	for (i = 0; i < p->n; i++)
		t->done((char *)p->items + i * t->size);
	free(p->items);
	p->items = NULL;
	p->n = 0;
}

/* The resources of model.c and model-auth.c, described the same way. */
static int
model_type_event_parse(const json_t *j, void *out, char **cause)
{
	return (model_parse_event(j, out, cause));
}

static void
model_type_event_done(void *v)
{
	event_done(v);
}

const struct model_type model_type_event = {
	.name = "event", .one = "event", .many = "events",
	.size = sizeof (struct event),
	.parse = model_type_event_parse, .done = model_type_event_done,
};

static const struct model_field model_user_fields[] = {
	{ "id", MODEL_COUNT, offsetof(struct user, id), 1 },
	{ "email", MODEL_STRING, offsetof(struct user, email), 0 },
	{ "name", MODEL_STRING, offsetof(struct user, name), 0 },
	{ "role", MODEL_WORD, offsetof(struct user, role), 0 },
};

static int
model_type_user_parse(const json_t *j, void *out, char **cause)
{
	return (model_fields_read("user", model_user_fields,
	    nitems(model_user_fields), j, out, cause));
}

static void
model_type_user_done(void *v)
{
	user_done(v);
}

const struct model_type model_type_user = {
	.name = "user", .one = "user", .many = "users",
	.size = sizeof (struct user),
	.parse = model_type_user_parse, .done = model_type_user_done,
};

static int
model_type_notification_parse(const json_t *j, void *out, char **cause)
{
	return (model_parse_notification(j, out, cause));
}

static void
model_type_notification_done(void *v)
{
	notification_done(v);
}

const struct model_type model_type_notification = {
	.name = "notification", .one = "notification",
	.many = "notifications", .size = sizeof (struct notification),
	.parse = model_type_notification_parse,
	.done = model_type_notification_done,
};
