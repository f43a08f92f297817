/*
 * A typed call per endpoint, each a few lines over api_endpoint_call
 * (api-endpoints.c): ids become path values, forms become JSON bodies
 * built with jansson, filters become query parameters.  Nothing of the
 * caller's is kept or changed.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api-calls.h"
#include "json-util.h"
#include "xmalloc.h"

/* An id as a path value. */
struct api_id {
	char	s[24];
};

static const char *
api_id(struct api_id *id, int64_t v)
{
	snprintf(id->s, sizeof id->s, "%" PRId64, v);
	return (id->s);
}

/* A read or a page with path values (NULL-terminated) and a query. */
static int
api_calls_get(struct api *api, enum api_endpoint ep,
    const char *const *path, const struct api_param *query, size_t page,
    size_t per_page, api_result_cb cb, void *arg)
{
	struct api_args	a;

	memset(&a, 0, sizeof a);
	a.path = path;
	a.query = query;
	a.page = page;
	a.per_page = per_page;
	return (api_endpoint_call(api, ep, &a, cb, arg));
}

/* A write of body (may be NULL), which is then released. */
static int
api_calls_write(struct api *api, enum api_endpoint ep,
    const char *const *path, json_t *body, const char *if_match,
    api_result_cb cb, void *arg)
{
	struct api_args	a;
	int		r;

	memset(&a, 0, sizeof a);
	a.path = path;
	a.body = body;
	a.if_match = if_match;
	r = api_endpoint_call(api, ep, &a, cb, arg);
	json_decref(body);
	return (r);
}

/* A read whose path names one id (/api/events/:id/stats...). */
static int
api_calls_get_id(struct api *api, enum api_endpoint ep, int64_t id,
    api_result_cb cb, void *arg)
{
	struct api_id	 s;
	const char	*path[] = { api_id(&s, id), NULL };

	return (api_calls_get(api, ep, path, NULL, 0, 0, cb, arg));
}

/* A write with no body whose path names one id (a DELETE). */
static int
api_calls_write_id(struct api *api, enum api_endpoint ep, int64_t id,
    api_result_cb cb, void *arg)
{
	struct api_id	 s;
	const char	*path[] = { api_id(&s, id), NULL };

	return (api_calls_write(api, ep, path, NULL, NULL, cb, arg));
}

/* Sets key to s when s is set and is UTF-8; -1 when it is not UTF-8. */
static int
api_calls_set_str(json_t *o, const char *key, const char *s)
{
	json_t	*v;

	if (s == NULL)
		return (0);
	if ((v = json_string(s)) == NULL)
		return (-1);
	json_object_set_new(o, key, v);
	return (0);
}

static void
api_calls_set_time(json_t *o, const char *key, time_t t)
{
	char	buf[32];

	json_util_format_time(t, buf, sizeof buf);
	json_object_set_new(o, key, json_string(buf));
}

void
event_form_init(struct event_form *f)
{
	memset(f, 0, sizeof *f);
	f->max_capacity = -1;
	f->version = -1;
}

void
guest_form_init(struct guest_form *f)
{
	memset(f, 0, sizeof *f);
	f->version = -1;
}

/* An event form as JSON, or NULL when a string is not UTF-8. */
static json_t *
api_calls_event_json(const struct event_form *f)
{
	json_t	*o = json_object();

	if (api_calls_set_str(o, "title", f->title) != 0 ||
	    api_calls_set_str(o, "description", f->description) != 0 ||
	    api_calls_set_str(o, "location", f->location) != 0 ||
	    api_calls_set_str(o, "category", f->category) != 0 ||
	    api_calls_set_str(o, "status", f->status) != 0) {
		json_decref(o);
		return (NULL);
	}
	if (f->date_time != 0)
		api_calls_set_time(o, "date_time", f->date_time);
	if (f->max_capacity >= 0)
		json_object_set_new(o, "max_capacity",
		    json_integer(f->max_capacity));
	if (f->version >= 0)
		json_object_set_new(o, "version", json_integer(f->version));
	return (o);
}

static json_t *
api_calls_guest_json(const struct guest_form *f)
{
	json_t	*o = json_object();

	if (api_calls_set_str(o, "name", f->name) != 0 ||
	    api_calls_set_str(o, "email", f->email) != 0 ||
	    api_calls_set_str(o, "phone", f->phone) != 0 ||
	    api_calls_set_str(o, "notes", f->notes) != 0 ||
	    api_calls_set_str(o, "rsvp_status", f->rsvp_status) != 0) {
		json_decref(o);
		return (NULL);
	}
	if (f->version >= 0)
		json_object_set_new(o, "version", json_integer(f->version));
	return (o);
}

int
api_events_list(struct api *api, const struct api_param *q, size_t page,
    size_t per_page, api_result_cb cb, void *arg)
{
	return (api_calls_get(api, API_EP_EVENTS_LIST, NULL, q, page,
	    per_page, cb, arg));
}

int
api_events_search(struct api *api, const struct api_param *q, size_t page,
    size_t per_page, api_result_cb cb, void *arg)
{
	return (api_calls_get(api, API_EP_EVENTS_SEARCH, NULL, q, page,
	    per_page, cb, arg));
}

int
api_events_by_creator(struct api *api, int64_t user_id, api_result_cb cb,
    void *arg)
{
	return (api_calls_get_id(api, API_EP_EVENTS_BY_CREATOR,
	    user_id, cb, arg));
}

int
api_event_get(struct api *api, int64_t event_id, api_result_cb cb,
    void *arg)
{
	return (api_calls_get_id(api, API_EP_EVENT_GET, event_id, cb, arg));
}

int
api_event_create(struct api *api, const struct event_form *f,
    api_result_cb cb, void *arg)
{
	json_t	*body;

	if ((body = api_calls_event_json(f)) == NULL)
		return (-1);
	return (api_calls_write(api, API_EP_EVENT_CREATE, NULL, body, NULL,
	    cb, arg));
}

int
api_event_update(struct api *api, int64_t event_id,
    const struct event_form *f, api_result_cb cb, void *arg)
{
	struct api_id	 id;
	const char	*path[] = { api_id(&id, event_id), NULL };
	json_t		*body;

	if ((body = api_calls_event_json(f)) == NULL)
		return (-1);
	return (api_calls_write(api, API_EP_EVENT_UPDATE, path, body,
	    f->etag, cb, arg));
}

int
api_event_delete(struct api *api, int64_t event_id, api_result_cb cb,
    void *arg)
{
	return (api_calls_write_id(api, API_EP_EVENT_DELETE,
	    event_id, cb, arg));
}

int
api_user_registrations(struct api *api, int64_t user_id, api_result_cb cb,
    void *arg)
{
	struct api_id	 id;
	const char	*path[] = { api_id(&id, user_id), NULL };

	return (api_calls_get(api, API_EP_USER_REGISTRATIONS, path, NULL, 0,
	    0, cb, arg));
}

int
api_event_registrations(struct api *api, int64_t event_id,
    const char *status, size_t page, size_t per_page, api_result_cb cb,
    void *arg)
{
	struct api_id		 id;
	const char		*path[] = { api_id(&id, event_id), NULL };
	const struct api_param	 q[] = { { "status", status }, { NULL, NULL } };

	return (api_calls_get(api, API_EP_EVENT_REGISTRATIONS, path, q, page,
	    per_page, cb, arg));
}

int
api_guests_page(struct api *api, int64_t event_id,
    const struct api_param *q, size_t page, size_t per_page,
    api_result_cb cb, void *arg)
{
	struct api_id	 id;
	const char	*path[] = { api_id(&id, event_id), NULL };

	return (api_calls_get(api, API_EP_GUESTS_PAGE, path, q, page,
	    per_page, cb, arg));
}

int
api_guest_get(struct api *api, int64_t guest_id, api_result_cb cb,
    void *arg)
{
	return (api_calls_get_id(api, API_EP_GUEST_GET, guest_id, cb, arg));
}

int
api_guest_import(struct api *api, int64_t event_id,
    const struct guest_form *g, size_t n, api_result_cb cb, void *arg)
{
	struct api_id	 id;
	const char	*path[] = { api_id(&id, event_id), NULL };
	json_t		*body, *list, *one;
	size_t		 i;

	if (n == 0)
		return (-1);
	if (n == 1)
		body = api_calls_guest_json(&g[0]);
	else {
		list = json_array();
		for (i = 0; i < n; i++) {
			if ((one = api_calls_guest_json(&g[i])) == NULL) {
				json_decref(list);
				return (-1);
			}
			json_array_append_new(list, one);
		}
		body = json_pack("{s:o}", "guests", list);
	}
	if (body == NULL)
		return (-1);
	return (api_calls_write(api, API_EP_GUEST_IMPORT, path, body, NULL,
	    cb, arg));
}

int
api_guests_csv(struct api *api, int64_t event_id, api_result_cb cb,
    void *arg)
{
	return (api_calls_get_id(api, API_EP_GUESTS_CSV, event_id, cb, arg));
}

int
api_guests_csv_import(struct api *api, int64_t event_id, const char *csv,
    size_t len, api_result_cb cb, void *arg)
{
	struct api_id	 id;
	const char	*path[] = { api_id(&id, event_id), NULL };
	struct api_args	 a;
	char		*copy;
	int		 r;

	/* The body goes as a string: a NUL in it would cut it short. */
	if (csv == NULL || memchr(csv, '\0', len) != NULL)
		return (-1);
	copy = xmalloc(len + 1);
	memcpy(copy, csv, len);
	copy[len] = '\0';
	memset(&a, 0, sizeof a);
	a.path = path;
	a.raw = copy;
	a.content_type = "text/csv";
	r = api_endpoint_call(api, API_EP_GUESTS_CSV_IMPORT, &a, cb, arg);
	free(copy);
	return (r);
}

int
api_guest_update(struct api *api, int64_t guest_id,
    const struct guest_form *g, api_result_cb cb, void *arg)
{
	struct api_id	 id;
	const char	*path[] = { api_id(&id, guest_id), NULL };
	json_t		*body;

	if ((body = api_calls_guest_json(g)) == NULL)
		return (-1);
	return (api_calls_write(api, API_EP_GUEST_UPDATE, path, body, NULL,
	    cb, arg));
}

int
api_guest_delete(struct api *api, int64_t guest_id, api_result_cb cb,
    void *arg)
{
	return (api_calls_write_id(api, API_EP_GUEST_DELETE,
	    guest_id, cb, arg));
}

int
api_rsvp(struct api *api, const char *token, const char *response,
    api_result_cb cb, void *arg)
{
	const char	*path[] = { token, NULL };
	json_t		*body;

	if (response == NULL ||
	    (body = json_pack("{s:s}", "response", response)) == NULL)
		return (-1);
	return (api_calls_write(api, API_EP_RSVP, path, body, NULL, cb, arg));
}

int
api_checkin(struct api *api, int64_t event_id, const char *code,
    const char *nonce, time_t scanned_at, api_result_cb cb, void *arg)
{
	struct api_id	 id;
	const char	*path[] = { api_id(&id, event_id), NULL };
	json_t		*body = json_object();

	if (code == NULL || api_calls_set_str(body, "code", code) != 0 ||
	    api_calls_set_str(body, "nonce", nonce) != 0) {
		json_decref(body);
		return (-1);
	}
	if (scanned_at != 0)
		api_calls_set_time(body, "scanned_at", scanned_at);
	return (api_calls_write(api, API_EP_CHECKIN, path, body, NULL, cb,
	    arg));
}

int
api_checkin_undo(struct api *api, int64_t event_id, int64_t guest_id,
    api_result_cb cb, void *arg)
{
	struct api_id	 id, gid;
	const char	*path[] = { api_id(&id, event_id),
			    api_id(&gid, guest_id), NULL };

	return (api_calls_write(api, API_EP_CHECKIN_UNDO, path, NULL, NULL,
	    cb, arg));
}

int
api_invite(struct api *api, int64_t event_id, const int64_t *guest_ids,
    size_t n, const char *rsvp, api_result_cb cb, void *arg)
{
	struct api_id	 id;
	const char	*path[] = { api_id(&id, event_id), NULL };
	json_t		*body = json_object(), *ids;
	size_t		 i;

	if (n > 0) {
		ids = json_array();
		for (i = 0; i < n; i++)
			json_array_append_new(ids, json_integer(guest_ids[i]));
		json_object_set_new(body, "guest_ids", ids);
	} else {
		json_object_set_new(body, "all", json_true());
		if (api_calls_set_str(body, "rsvp", rsvp) != 0) {
			json_decref(body);
			return (-1);
		}
	}
	return (api_calls_write(api, API_EP_INVITE, path, body, NULL, cb,
	    arg));
}

int
api_campaign_get(struct api *api, int64_t campaign_id, api_result_cb cb,
    void *arg)
{
	return (api_calls_get_id(api, API_EP_CAMPAIGN_GET,
	    campaign_id, cb, arg));
}

int
api_event_campaigns(struct api *api, int64_t event_id, api_result_cb cb,
    void *arg)
{
	return (api_calls_get_id(api, API_EP_EVENT_CAMPAIGNS,
	    event_id, cb, arg));
}

int
api_email_logs(struct api *api, int64_t event_id, const char *status,
    size_t page, size_t per_page, api_result_cb cb, void *arg)
{
	struct api_id		 id;
	const char		*path[] = { api_id(&id, event_id), NULL };
	const struct api_param	 q[] = { { "status", status }, { NULL, NULL } };

	return (api_calls_get(api, API_EP_EMAIL_LOGS, path, q, page, per_page,
	    cb, arg));
}

int
api_queues(struct api *api, api_result_cb cb, void *arg)
{
	return (api_calls_get(api, API_EP_QUEUES, NULL, NULL, 0, 0, cb, arg));
}

int
api_stats(struct api *api, api_result_cb cb, void *arg)
{
	return (api_calls_get(api, API_EP_STATS, NULL, NULL, 0, 0, cb, arg));
}

int
api_event_stats(struct api *api, int64_t event_id, api_result_cb cb,
    void *arg)
{
	return (api_calls_get_id(api, API_EP_EVENT_STATS, event_id, cb, arg));
}

int
api_notifications(struct api *api, int64_t since, size_t limit,
    api_result_cb cb, void *arg)
{
	struct api_id	 s, l;
	struct api_param q[] = {
		{ "since", since >= 0 ? api_id(&s, since) : NULL },
		{ "limit", limit > 0 ? api_id(&l, (int64_t)limit) : NULL },
		{ NULL, NULL }
	};

	return (api_calls_get(api, API_EP_NOTIFICATIONS, NULL, q, 0, 0, cb,
	    arg));
}

int
api_reminders_list(struct api *api, int64_t event_id, api_result_cb cb,
    void *arg)
{
	return (api_calls_get_id(api, API_EP_REMINDERS_LIST,
	    event_id, cb, arg));
}

int
api_reminder_create(struct api *api, int64_t event_id, time_t at,
    const char *message, api_result_cb cb, void *arg)
{
	struct api_id	 id;
	const char	*path[] = { api_id(&id, event_id), NULL };
	json_t		*body = json_object();

	if (api_calls_set_str(body, "message", message) != 0) {
		json_decref(body);
		return (-1);
	}
	api_calls_set_time(body, "at", at);
	return (api_calls_write(api, API_EP_REMINDER_CREATE, path, body, NULL,
	    cb, arg));
}

int
api_chat_list(struct api *api, int64_t event_id, int64_t since,
    size_t limit, api_result_cb cb, void *arg)
{
	struct api_id	 id, s, l;
	const char	*path[] = { api_id(&id, event_id), NULL };
	struct api_param q[] = {
		{ "since", since >= 0 ? api_id(&s, since) : NULL },
		{ "limit", limit > 0 ? api_id(&l, (int64_t)limit) : NULL },
		{ NULL, NULL }
	};

	return (api_calls_get(api, API_EP_CHAT_LIST, path, q, 0, 0, cb, arg));
}

int
api_chat_post(struct api *api, int64_t event_id, const char *text,
    api_result_cb cb, void *arg)
{
	struct api_id	 id;
	const char	*path[] = { api_id(&id, event_id), NULL };
	json_t		*body;

	if (text == NULL || (body = json_pack("{s:s}", "text", text)) == NULL)
		return (-1);
	return (api_calls_write(api, API_EP_CHAT_POST, path, body, NULL, cb,
	    arg));
}

int
api_profile_get(struct api *api, api_result_cb cb, void *arg)
{
	return (api_calls_get(api, API_EP_PROFILE_GET, NULL, NULL, 0, 0, cb,
	    arg));
}

int
api_profile_update(struct api *api, const char *name, const char *email,
    api_result_cb cb, void *arg)
{
	json_t	*body = json_object();

	if (api_calls_set_str(body, "name", name) != 0 ||
	    api_calls_set_str(body, "email", email) != 0) {
		json_decref(body);
		return (-1);
	}
	return (api_calls_write(api, API_EP_PROFILE_UPDATE, NULL, body, NULL,
	    cb, arg));
}

int
api_change_password(struct api *api, const char *current, const char *fresh,
    api_result_cb cb, void *arg)
{
	json_t	*body;

	if (current == NULL || fresh == NULL || (body = json_pack("{s:s, s:s}",
	    "currentPassword", current, "newPassword", fresh)) == NULL)
		return (-1);
	return (api_calls_write(api, API_EP_CHANGE_PASSWORD, NULL, body, NULL,
	    cb, arg));
}

int
api_user_stats(struct api *api, api_result_cb cb, void *arg)
{
	return (api_calls_get(api, API_EP_USER_STATS, NULL, NULL, 0, 0, cb,
	    arg));
}

int
api_register_account(struct api *api, const char *name, const char *email,
    const char *password, api_result_cb cb, void *arg)
{
	json_t	*body;

	if (name == NULL || email == NULL || password == NULL ||
	    (body = json_pack("{s:s, s:s, s:s}", "name", name, "email", email,
	    "password", password)) == NULL)
		return (-1);
	return (api_calls_write(api, API_EP_REGISTER_ACCOUNT, NULL, body, NULL,
	    cb, arg));
}
