/*
 * The endpoint table and the three call shapes over it: a row an
 * endpoint (method, path template, kind, what its answer decodes to), one
 * function to call any of them, one to read any answer.  Requests go
 * through api_request (api.c): retries, the request budget, holds,
 * Idempotency-Key, and a read joining an identical one in flight.
 */
#include <stdlib.h>
#include <string.h>

#include "api-calls.h"
#include "api-private.h"
#include "buf.h"
#include "json-util.h"
#include "log.h"
#include "model-private.h"
#include "url.h"
#include "xmalloc.h"

struct api_endpoint_spec {
	const char		*method;
	const char		*path;		/* :name is a value of args */
	enum api_kind		 kind;
	const struct model_type	*type;		/* NULL: a message at most */
	int			 raw;		/* the body as bytes (CSV) */
	int			 conflict_ok;	/* a 409 with the resource is
						   an answer (check-in) */
	int			 session;	/* {user, token}: the session */
};

static const struct api_endpoint_spec api_endpoints[] = {
	[API_EP_EVENTS_LIST] = { "GET", "/api/events", API_KIND_PAGE,
	    &model_type_event, 0, 0, 0 },
	[API_EP_EVENTS_SEARCH] = { "GET", "/api/events/search", API_KIND_PAGE,
	    &model_type_event, 0, 0, 0 },
	[API_EP_EVENTS_BY_CREATOR] = { "GET", "/api/events/creator/:user",
	    API_KIND_PAGE, &model_type_event, 0, 0, 0 },
	[API_EP_EVENT_GET] = { "GET", "/api/events/:id", API_KIND_READ,
	    &model_type_event, 0, 0, 0 },
	[API_EP_EVENT_CREATE] = { "POST", "/api/events", API_KIND_WRITE,
	    &model_type_event, 0, 0, 0 },
	[API_EP_EVENT_UPDATE] = { "PUT", "/api/events/:id", API_KIND_WRITE,
	    &model_type_event, 0, 0, 0 },
	[API_EP_EVENT_DELETE] = { "DELETE", "/api/events/:id", API_KIND_WRITE,
	    NULL, 0, 0, 0 },
	[API_EP_EVENT_REGISTER] = { "POST", "/api/events/:id/register",
	    API_KIND_WRITE, &model_type_registration_row, 0, 0, 0 },
	[API_EP_EVENT_UNREGISTER] = { "DELETE", "/api/events/:id/register",
	    API_KIND_WRITE, NULL, 0, 0, 0 },
	[API_EP_USER_REGISTRATIONS] = { "GET",
	    "/api/events/users/:user/registrations", API_KIND_PAGE,
	    &model_type_registration_row, 0, 0, 0 },
	[API_EP_EVENT_REGISTRATIONS] = { "GET",
	    "/api/events/:id/registrations", API_KIND_PAGE,
	    &model_type_registration_row, 0, 0, 0 },
	[API_EP_GUESTS_PAGE] = { "GET", "/api/events/:id/guests",
	    API_KIND_PAGE, &model_type_guest, 0, 0, 0 },
	[API_EP_GUEST_GET] = { "GET", "/api/guests/:id", API_KIND_READ,
	    &model_type_guest, 0, 0, 0 },
	[API_EP_GUEST_IMPORT] = { "POST", "/api/events/:id/guests",
	    API_KIND_WRITE, &model_type_guest_import, 0, 0, 0 },
	[API_EP_GUESTS_CSV] = { "GET", "/api/events/:id/guests.csv",
	    API_KIND_READ, NULL, 1, 0, 0 },
	[API_EP_GUESTS_CSV_IMPORT] = { "POST", "/api/events/:id/guests.csv",
	    API_KIND_WRITE, &model_type_guest_import, 0, 0, 0 },
	[API_EP_GUEST_UPDATE] = { "PUT", "/api/guests/:id", API_KIND_WRITE,
	    &model_type_guest, 0, 0, 0 },
	[API_EP_GUEST_DELETE] = { "DELETE", "/api/guests/:id", API_KIND_WRITE,
	    NULL, 0, 0, 0 },
	[API_EP_RSVP] = { "POST", "/api/rsvp/:token", API_KIND_WRITE,
	    &model_type_guest, 0, 0, 0 },
	[API_EP_CHECKIN] = { "POST", "/api/events/:id/checkin",
	    API_KIND_WRITE, &model_type_checkin, 0, 1, 0 },
	[API_EP_CHECKIN_UNDO] = { "DELETE",
	    "/api/events/:id/checkin/:guest", API_KIND_WRITE,
	    &model_type_guest, 0, 0, 0 },
	[API_EP_INVITE] = { "POST", "/api/events/:id/invitations",
	    API_KIND_WRITE, &model_type_campaign, 0, 0, 0 },
	[API_EP_CAMPAIGN_GET] = { "GET", "/api/campaigns/:id", API_KIND_READ,
	    &model_type_campaign, 0, 0, 0 },
	[API_EP_EVENT_CAMPAIGNS] = { "GET", "/api/events/:id/campaigns",
	    API_KIND_PAGE, &model_type_campaign, 0, 0, 0 },
	[API_EP_EMAIL_LOGS] = { "GET", "/api/events/:id/email-logs",
	    API_KIND_PAGE, &model_type_email_log, 0, 0, 0 },
	[API_EP_QUEUES] = { "GET", "/api/queues", API_KIND_PAGE,
	    &model_type_queue, 0, 0, 0 },
	[API_EP_STATS] = { "GET", "/api/stats", API_KIND_READ,
	    &model_type_global_stats, 0, 0, 0 },
	[API_EP_EVENT_STATS] = { "GET", "/api/events/:id/stats",
	    API_KIND_READ, &model_type_event_stats, 0, 0, 0 },
	[API_EP_NOTIFICATIONS] = { "GET", "/api/notifications", API_KIND_PAGE,
	    &model_type_notification, 0, 0, 0 },
	[API_EP_REMINDERS_LIST] = { "GET", "/api/events/:id/reminders",
	    API_KIND_PAGE, &model_type_reminder, 0, 0, 0 },
	[API_EP_REMINDER_CREATE] = { "POST", "/api/events/:id/reminders",
	    API_KIND_WRITE, &model_type_reminder, 0, 0, 0 },
	[API_EP_CHAT_LIST] = { "GET", "/api/events/:id/chat", API_KIND_PAGE,
	    &model_type_chat_message, 0, 0, 0 },
	[API_EP_CHAT_POST] = { "POST", "/api/events/:id/chat", API_KIND_WRITE,
	    &model_type_chat_message, 0, 0, 0 },
	[API_EP_PROFILE_GET] = { "GET", "/api/users/profile", API_KIND_READ,
	    &model_type_user, 0, 0, 0 },
	[API_EP_PROFILE_UPDATE] = { "PUT", "/api/users/profile",
	    API_KIND_WRITE, &model_type_user, 0, 0, 1 },
	[API_EP_CHANGE_PASSWORD] = { "PUT", "/api/users/change-password",
	    API_KIND_WRITE, NULL, 0, 0, 0 },
	[API_EP_USER_STATS] = { "GET", "/api/users/stats", API_KIND_READ,
	    &model_type_user_stats, 0, 0, 0 },
	[API_EP_REGISTER_ACCOUNT] = { "POST", "/api/auth/register",
	    API_KIND_WRITE, &model_type_user, 0, 0, 1 },
};

/* One call's own, hung on its api_call. */
struct api_endpoint_call {
	enum api_endpoint	 ep;
	api_result_cb		 cb;
	void			*arg;
	size_t			 page;		/* asked for; 0 none */
	size_t			 per_page;
};

const char *
api_endpoint_method(enum api_endpoint ep)
{
	return (api_endpoints[ep].method);
}

const char *
api_endpoint_path(enum api_endpoint ep)
{
	return (api_endpoints[ep].path);
}

enum api_kind
api_endpoint_kind(enum api_endpoint ep)
{
	return (api_endpoints[ep].kind);
}

/*
 * The path from its template: each :name segment is the next value,
 * percent-encoded.  -1 when a value is missing.
 */
static int
api_endpoint_path_build(const char *tmpl, const char *const *values,
    struct buf *b)
{
	const char	*p = tmpl, *end;
	char		*enc;
	size_t		 i = 0;

	while (*p != '\0') {
		if (*p != ':') {
			buf_add(b, p++, 1);
			continue;
		}
		if (values == NULL || values[i] == NULL || *values[i] == '\0')
			return (-1);
		enc = url_encode(values[i++]);
		buf_add_str(b, enc);
		free(enc);
		if ((end = strchr(p, '/')) == NULL)
			break;
		p = end;
	}
	return (0);
}

/* A header value must not carry a line break or a control character. */
static int
api_endpoint_header_ok(const char *v)
{
	for (; v != NULL && *v != '\0'; v++) {
		if ((unsigned char)*v < 0x20 || *v == 0x7f)
			return (0);
	}
	return (1);
}

static void
api_endpoint_free(void *data)
{
	free(data);
}

/* A parked call given up (api-session.c): its owner hears e once. */
static void
api_endpoint_refused(struct api *api, void *data, const struct api_error *e)
{
	struct api_endpoint_call	*c = data;
	struct api_result		 r;

	memset(&r, 0, sizeof r);
	r.status = e->status;
	r.error = e;
	r.total = r.page = r.per_page = -1;
	api->error = e;
	c->cb(c->arg, &r);
	api->error = NULL;
}

/* The server sent every row, not the page asked for. */
static int
api_endpoint_whole(const struct api_endpoint_call *c,
    const struct model_page *p)
{
	if (c->per_page > 0 && p->n > c->per_page)
		return (1);
	/* Page 2 and on answered with the first again, and no page said. */
	return (c->page > 1 && p->page < 0 && p->n > 0 && p->total >= 0 &&
	    (int64_t)p->n == p->total);
}

/* {user, token}: the session becomes the answer's. */
static void
api_endpoint_session(struct api *api, const struct rest_response *resp)
{
	struct session	 s;
	char		*why = NULL;

	if (model_parse_login(resp->body, resp->len, &s, &why) != 0) {
		/* No token (a server that keeps the old one): nothing. */
		free(why);
		return;
	}
	session_done(&api->session);
	api->session = s;
	log_debug("api: the session is user %lld's now", (long long)s.user.id);
}

static void
api_endpoint_done(struct api_call *call, const struct rest_response *resp,
    const char *error)
{
	struct api			*api = call->api;
	struct api_endpoint_call	*c = call->data;
	const struct api_endpoint_spec	*spec = &api_endpoints[c->ep];
	struct api_result		 r;
	struct api_error		 e;
	struct model_page		 page;
	json_t				*root = NULL;
	void				*one = NULL;
	char				*cause = NULL, *message = NULL;
	int				 ok = 0, conflict = 0;

	if (api->dead)
		return;
	memset(&r, 0, sizeof r);
	memset(&e, 0, sizeof e);
	memset(&page, 0, sizeof page);
	r.total = r.page = r.per_page = -1;
	if (error != NULL) {
		api_answer_unreachable(error, &e);
		goto out;
	}
	r.http = resp->status;
	r.etag = resp->etag;
	conflict = spec->conflict_ok && resp->status == 409;
	if (resp->status == 304)
		ok = 1;
	else if ((resp->status < 200 || resp->status > 299) && !conflict) {
		api_answer_failure_error(api, resp, 0, &e);
		if (e.reason == API_REASON_SIGNED_OUT && api_park(call)) {
			/* Sent again after the next sign-in (api-session.c). */
			api_signed_out(api);
			api_error_done(&e);
			return;
		}
		if (e.reason == API_REASON_SIGNED_OUT)
			api_signed_out(api);
		goto out;
	} else if (spec->raw) {
		r.body = resp->body;
		r.len = resp->len;
		ok = 1;
	} else if (resp->len == 0 && spec->type == NULL)
		ok = 1;
	else if ((root = json_util_load(resp->body, resp->len, &cause)) !=
	    NULL) {
		if (json_is_string(json_object_get(root, "message")))
			message = model_string(root, "message",
			    MODEL_STRING_MAX);
		if (spec->type == NULL)
			ok = 1;
		else if (spec->kind == API_KIND_PAGE)
			ok = model_decode_page(spec->type, root, &page,
			    &cause) == 0;
		else
			ok = model_decode_one(spec->type, root, &one,
			    &cause) == 0;
	}
	if (!ok) {
		if (conflict) {
			/* A 409 that is not the check-in's: a refusal. */
			free(cause);
			cause = NULL;
			api_answer_failure_error(api, resp, 0, &e);
			goto out;
		}
		e.reason = API_REASON_BAD_ANSWER;
		e.status = API_ERR_FAILED;
		e.http = resp->status;
		xasprintf(&e.sentence, "cannot use the server's answer to %s "
		    "%s: %s", call->method, call->path, cause);
		goto out;
	}
	if (conflict)
		((struct checkin *)one)->already = 1;
	if (spec->session)
		api_endpoint_session(api, resp);
	r.status = API_OK;
	r.message = message;
	r.v.any = one;
	r.items.any = page.items;
	r.n = page.n;
	r.total = page.total;
	r.page = page.page;
	r.per_page = page.per_page;
	if (spec->kind == API_KIND_PAGE && resp->status != 304)
		r.whole = api_endpoint_whole(c, &page);
out:
	if (!ok) {
		r.status = e.status;
		r.error = &e;
		log_debug("api: %s %s: %s", call->method, call->path,
		    api_reason_name(e.reason));
	}
	api->error = r.error;
	if (!call->forgotten)
		c->cb(c->arg, &r);
	api->error = NULL;
	if (spec->type != NULL) {
		model_free_one(spec->type, one);
		model_page_done(spec->type, &page);
	}
	api_error_done(&e);
	json_decref(root);
	free(message);
	free(cause);
}

int
api_endpoint_call(struct api *api, enum api_endpoint ep,
    const struct api_args *args, api_result_cb cb, void *arg)
{
	const struct api_endpoint_spec	*spec;
	struct api_endpoint_call	*c;
	struct api_call			*call;
	struct api_send			 send;
	struct buf			 path;
	const struct api_param		*q;
	char				*body = NULL, n[32];

	if ((size_t)ep >= API_EP_COUNT || cb == NULL)
		return (-1);
	spec = &api_endpoints[ep];
	if (!api_endpoint_header_ok(args->if_match) ||
	    !api_endpoint_header_ok(args->etag) ||
	    !api_endpoint_header_ok(args->content_type))
		return (-1);
	buf_init(&path);
	if (api_endpoint_path_build(spec->path, args->path, &path) != 0) {
		buf_done(&path);
		return (-1);
	}
	for (q = args->query; q != NULL && q->name != NULL; q++) {
		if (q->value != NULL)
			url_add_query(&path, q->name, q->value);
	}
	if (spec->kind == API_KIND_PAGE && args->page > 0) {
		snprintf(n, sizeof n, "%zu", args->page);
		url_add_query(&path, "page", n);
	}
	if (spec->kind == API_KIND_PAGE && args->per_page > 0) {
		snprintf(n, sizeof n, "%zu", args->per_page);
		url_add_query(&path, "per_page", n);
	}
	memset(&send, 0, sizeof send);
	if (spec->kind == API_KIND_WRITE) {
		if (args->body != NULL &&
		    (body = json_dumps(args->body, JSON_COMPACT)) == NULL) {
			buf_done(&path);
			return (-1);
		}
		send.body = body != NULL ? body : args->raw;
		/* A POST with a length, for strict proxies. */
		if (send.body == NULL && strcmp(spec->method, "POST") == 0)
			send.body = "{}";
		send.content_type = args->raw != NULL ? args->content_type :
		    NULL;
		send.if_match = args->if_match;
	} else
		send.etag = args->etag;

	c = xcalloc(1, sizeof *c);
	c->ep = ep;
	c->cb = cb;
	c->arg = arg;
	c->page = args->page;
	c->per_page = args->per_page;
	call = api_request_with(api, spec->method, buf_str(&path), &send,
	    api_endpoint_done, NULL, arg);
	call->data = c;
	call->data_free = api_endpoint_free;
	call->refused = api_endpoint_refused;
	/* Refused for the token, it waits for the next sign-in. */
	call->user_action = 1;
	if (body != NULL) {
		/* It may hold a password: not left in freed memory. */
		explicit_bzero(body, strlen(body));
		free(body);
	}
	buf_done(&path);
	return (0);
}
