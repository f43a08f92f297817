/*
 * The Event API client: lifetimes, sign-in and the event list over REST.
 * Answers become model structs in the store, failures become sentences.
 * The live link (WebSocket, polling) is in api-live.c.
 */
#include "api.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "api-private.h"
#include "clock.h"
#include "log.h"
#include "model.h"
#include "model-private.h"
#include "text.h"
#include "xmalloc.h"

static const char *api_link_names[] = {
	[API_LINK_OFFLINE] = "offline",
	[API_LINK_CONNECTING] = "connecting",
	[API_LINK_LIVE] = "live",
	[API_LINK_RETRYING] = "retrying",
	[API_LINK_POLLING] = "polling",
};

struct api *
api_new(uv_loop_t *loop, const struct api_options *opts,
    struct store *store, const struct api_hooks *hooks, void *arg)
{
	struct api		*api;
	struct rest_options	 hopts;
	size_t			 len;

	api = xcalloc(1, sizeof *api);
	api->loop = loop;
	api->store = store;
	if (hooks != NULL)
		api->hooks = *hooks;
	api->hooks_arg = arg;
	api->server = xstrdup(opts->server != NULL ? opts->server : "");
	len = strlen(api->server);
	while (len > 0 && api->server[len - 1] == '/')
		api->server[--len] = '\0';
	if (opts->cacert != NULL)
		api->cacert = xstrdup(opts->cacert);
	if (opts->user_agent != NULL)
		api->user_agent = xstrdup(opts->user_agent);
	api->insecure = opts->insecure;
	api->time_scale = opts->time_scale;
	api->budget = budget_new();
	LIST_INIT(&api->calls);
	api_session_init(api);

	memset(&hopts, 0, sizeof hopts);
	hopts.cacert = api->cacert;
	hopts.insecure = api->insecure;
	hopts.user_agent = api->user_agent;
	api->http = rest_new(loop, &hopts);
	api_discover_init(api);
	api_live_init(api);
	return (api);
}

void
api_set_hooks(struct api *api, const struct api_hooks *hooks, void *arg)
{
	if (hooks != NULL)
		api->hooks = *hooks;
	else
		memset(&api->hooks, 0, sizeof api->hooks);
	api->hooks_arg = arg;
}

/* A call waiting to be sent again; freed by its timer's close. */
struct api_retry {
	uv_timer_t	 timer;
	struct api_call	*call;
};

static void
api_retry_closed(uv_handle_t *h)
{
	free(h->data);
}

static void
api_call_free(struct api_call *call)
{
	struct api_call	*j;

	/* Calls that joined this one and have not heard: they never will. */
	while ((j = TAILQ_FIRST(&call->joined)) != NULL) {
		TAILQ_REMOVE(&call->joined, j, join_entry);
		api_call_free(j);
	}
	if (call->data_free != NULL)
		call->data_free(call->data);
	if (call->retry != NULL) {
		uv_timer_stop(&call->retry->timer);
		uv_close((uv_handle_t *)&call->retry->timer,
		    api_retry_closed);
	}
	free(call->method);
	free(call->path);
	if (call->body != NULL) {
		explicit_bzero(call->body, strlen(call->body));
		free(call->body);
	}
	free(call->etag);
	free(call->if_match);
	free(call->content_type);
	free(call->title);
	free(call);
}

void
api_free(struct api *api)
{
	struct api_call	*call;

	if (api == NULL || api->dead)
		return;
	api->dead = 1;
	while ((call = LIST_FIRST(&api->calls)) != NULL) {
		LIST_REMOVE(call, entry);
		rest_cancel(call->req);
		api_call_free(call);
	}
	rest_free(api->http);
	api->http = NULL;
	api_waiters_free(api->notes_waiters);
	api->notes_waiters = NULL;
	api_waiters_free(api->events_waiters);
	api->events_waiters = NULL;
	session_done(&api->session);
	api_session_done(api);
	api_events_stop(api);
	api_discover_done(api);
	/* The struct goes when the last timer has closed. */
	api_live_done(api);
}

int
api_answer_failure(struct api *api, const struct rest_response *resp,
    int sign_in, enum api_reason *reason, char **sentence)
{
	long	wait;

	if ((wait = api_answer_wait(resp)) >= 0)
		api_live_hold(api, wait, resp->status == 429 ?
		    API_REASON_RATE_LIMITED : API_REASON_SERVER_ERROR);
	return (api_answer_judge(resp, api->server, sign_in, reason,
	    sentence));
}

static void	api_call_done(void *, const struct rest_response *,
		    const char *);

/* Sends the call (again), with the token of now. */
static void
api_call_send(struct api_call *call)
{
	struct api		*api = call->api;
	struct rest_extra	 extra;
	char			*url;

	memset(&extra, 0, sizeof extra);
	extra.idempotency_key = call->key[0] != '\0' ? call->key : NULL;
	extra.attempt = call->tries++;
	extra.etag = call->etag;
	extra.if_match = call->if_match;
	extra.content_type = call->content_type;
	xasprintf(&url, "%s%s", api->server, call->path);
	call->req = rest_start_extra(api->http, call->method, url,
	    api->session.token, call->body, &extra, api_call_done, call);
	free(url);
}

static void
api_retry_fired(uv_timer_t *timer)
{
	struct api_retry	*retry = timer->data;
	struct api_call		*call = retry->call;

	call->retry = NULL;
	uv_close((uv_handle_t *)timer, api_retry_closed);
	if (call->background)
		budget_spend(call->api->budget, api_now(call->api), 1);
	api_call_send(call);
}

/*
 * Sends the call again later when the policy (api_answer_retry) says it
 * may: 1 when it will, and the caller hears nothing yet.  A background
 * read also waits for the budget's next turn, so retries never spend more
 * than the budget; every retry waits out a Retry-After in force.
 */
static int
api_call_retry(struct api_call *call, const struct rest_response *resp,
    const char *error)
{
	struct api		*api = call->api;
	struct api_retry	*retry;
	uint64_t		 now = api_now(api), wait;
	long			 ms;
	int			 write;

	if (api->dead || call->no_retry || (call->answer_500 > 0 &&
	    error == NULL && resp->status == 500 &&
	    call->tries >= call->answer_500))
		return (0);
	write = strcmp(call->method, "GET") != 0 &&
	    strcmp(call->method, "HEAD") != 0;
	ms = api_answer_retry(write, api_feature(api, "idempotency") == 1,
	    call->tries, error != NULL ? NULL : resp, rest_failure(call->req),
	    &api->rng);
	if (ms < 0)
		return (0);
	wait = (uint64_t)ms;
	/* A 503's Retry-After holds every request, as when it is the end. */
	if (error == NULL && api_answer_wait(resp) >= 0)
		api_live_hold(api, api_answer_wait(resp),
		    API_REASON_SERVER_ERROR);
	if (budget_hold_left(api->budget, now) > wait)
		wait = budget_hold_left(api->budget, now);
	if (call->background && budget_next(api->budget, now) - now > wait)
		wait = budget_next(api->budget, now) - now;
	if (call->waited + wait > API_RETRY_WAIT_MAX_MS)
		return (0);
	call->waited += wait;
	log_debug("api: %s %s: sending it again in %llu ms (try %d of %d)",
	    call->method, call->path, (unsigned long long)wait,
	    call->tries + 1, API_RETRY_TRIES);
	retry = xcalloc(1, sizeof *retry);
	retry->call = call;
	uv_timer_init(api->loop, &retry->timer);
	retry->timer.data = retry;
	call->retry = retry;
	call->req = NULL;
	api_timer_start(api, &retry->timer, api_retry_fired, wait);
	return (1);
}

int
api_answer_failure_error(struct api *api, const struct rest_response *resp,
    int sign_in, struct api_error *e)
{
	long	wait;

	if ((wait = api_answer_wait(resp)) >= 0)
		api_live_hold(api, wait, resp->status == 429 ?
		    API_REASON_RATE_LIMITED : API_REASON_SERVER_ERROR);
	return (api_answer_error(resp, api->server, sign_in, e));
}

static void
api_call_done(void *arg, const struct rest_response *resp,
    const char *error)
{
	struct api_call	*call = arg, *j;
	struct api	*api = call->api;
	TAILQ_HEAD(, api_call) joined = TAILQ_HEAD_INITIALIZER(joined);

	if (resp != NULL && (resp->rate_limit >= 0 ||
	    resp->rate_remaining >= 0 || resp->rate_reset >= 0))
		budget_note(api->budget, api_now(api), resp->rate_limit,
		    resp->rate_remaining, resp->rate_reset);
	if (api_call_retry(call, resp, error))
		return;
	LIST_REMOVE(call, entry);
	call->req = NULL;
	/* Taken first: a new identical GET from a callback is sent anew. */
	TAILQ_CONCAT(&joined, &call->joined, join_entry);
	call->done(call, resp, error);
	api_call_free(call);
	while ((j = TAILQ_FIRST(&joined)) != NULL) {
		TAILQ_REMOVE(&joined, j, join_entry);
		j->done(j, resp, error);
		api_call_free(j);
	}
}

/* The GET in flight that a new one for path (and etag) may join, or NULL. */
static struct api_call *
api_call_leader(struct api *api, const char *method, const char *path,
    const char *etag)
{
	struct api_call	*call;

	if (strcmp(method, "GET") != 0)
		return (NULL);
	LIST_FOREACH(call, &api->calls, entry) {
		if (strcmp(call->method, "GET") == 0 &&
		    strcmp(call->path, path) == 0 &&
		    (call->etag == NULL) == (etag == NULL) &&
		    (etag == NULL || strcmp(call->etag, etag) == 0))
			return (call);
	}
	return (NULL);
}

struct api_call *
api_request(struct api *api, const char *method, const char *path,
    const char *body, void (*done)(struct api_call *,
    const struct rest_response *, const char *), api_done_cb cb, void *arg)
{
	return (api_request_if(api, method, path, body, NULL, done, cb, arg));
}

struct api_call *
api_request_if(struct api *api, const char *method, const char *path,
    const char *body, const char *etag, void (*done)(struct api_call *,
    const struct rest_response *, const char *), api_done_cb cb, void *arg)
{
	struct api_send	send;

	memset(&send, 0, sizeof send);
	send.body = body;
	send.etag = etag;
	return (api_request_with(api, method, path, &send, done, cb, arg));
}

struct api_call *
api_request_with(struct api *api, const char *method, const char *path,
    const struct api_send *send, void (*done)(struct api_call *,
    const struct rest_response *, const char *), api_done_cb cb, void *arg)
{
	struct api_call	*call, *leader;
	const char	*body = send->body, *etag = send->etag;

	call = xcalloc(1, sizeof *call);
	TAILQ_INIT(&call->joined);
	call->api = api;
	call->done = done;
	call->cb = cb;
	call->arg = arg;
	call->method = xstrdup(method);
	call->path = xstrdup(path);
	if (body != NULL)
		call->body = xstrdup(body);
	/* One key for every send of a write, so a retry is not done twice. */
	if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0 &&
	    rest_idempotency_key_new(call->key) != 0)
		call->key[0] = '\0';
	if (etag != NULL)
		call->etag = xstrdup(etag);
	if (send->if_match != NULL)
		call->if_match = xstrdup(send->if_match);
	if (send->content_type != NULL)
		call->content_type = xstrdup(send->content_type);
	/* No two identical reads in flight: this one hears the other's. */
	if ((leader = api_call_leader(api, method, path, etag)) != NULL) {
		log_debug("api: %s %s: joins the one in flight", method, path);
		TAILQ_INSERT_TAIL(&leader->joined, call, join_entry);
		return (call);
	}
	LIST_INSERT_HEAD(&api->calls, call, entry);
	api_call_send(call);
	return (call);
}

void
api_report_error(struct api *api, const struct api_why *why)
{
	log_debug("api: %s: %s", api_reason_name(why->reason),
	    why->sentence != NULL ? why->sentence : "");
	if (!api->dead && api->hooks.error != NULL)
		api->hooks.error(api->hooks_arg, why);
}

static void
api_login_done(struct api_call *call, const struct rest_response *resp,
    const char *error)
{
	struct api		*api = call->api;
	struct session		 s;
	struct api_error	 e;
	char			*why = NULL, *sentence;

	if (error != NULL) {
		api_answer_unreachable(error, &e);
		api->error = &e;
		call->cb(call->arg, API_ERR_UNREACHABLE, error);
		api->error = NULL;
		api_error_done(&e);
		return;
	}
	if (resp->status < 200 || resp->status > 299) {
		api_answer_failure_error(api, resp, 1, &e);
		log_debug("api: sign-in: %s", api_reason_name(e.reason));
		api->sign_in_reason = e.reason;
		api->error = &e;
		call->cb(call->arg, e.status, e.sentence);
		api->error = NULL;
		api_error_done(&e);
		return;
	}
	if (model_parse_login(resp->body, resp->len, &s, &why) != 0) {
		xasprintf(&sentence, "cannot use the server's sign-in answer: "
		    "%s", why);
		free(why);
		call->cb(call->arg, API_ERR_FAILED, sentence);
		free(sentence);
		return;
	}
	session_done(&api->session);
	api->session = s;
	log_debug("api: signed in as user %lld (%s)",
	    (long long)s.user.id, s.user.role != NULL ? s.user.role : "?");
	/* After the server signed us out: what waited goes on. */
	api_session_renewed(api);
	call->cb(call->arg, API_OK, NULL);
}

void
api_login(struct api *api, const char *email, const char *password,
    api_done_cb cb, void *arg)
{
	json_t	*j;
	char	*body;

	api->sign_in_reason = API_REASON_NONE;
	if (email == NULL || *email == '\0' || password == NULL) {
		cb(arg, API_ERR_AUTH, "enter an email address and a password");
		return;
	}
	j = json_pack("{s:s, s:s}", "email", email, "password", password);
	body = j != NULL ? json_dumps(j, JSON_COMPACT) : NULL;
	json_decref(j);
	if (body == NULL) {
		cb(arg, API_ERR_FAILED, "the email or password is not valid UTF-8");
		return;
	}
	api_request(api, "POST", "/api/auth/login", body, api_login_done,
	    cb, arg);
	explicit_bzero(body, strlen(body));
	free(body);
}

static void
api_resume_done(struct api_call *call, const struct rest_response *resp,
    const char *error)
{
	struct api	*api = call->api;
	struct user	 u;
	enum api_reason	 reason;
	char		*why = NULL, *sentence;
	int		 status;

	if (api->dead)
		return;
	if (error != NULL) {
		session_done(&api->session);
		call->cb(call->arg, API_ERR_UNREACHABLE, error);
		return;
	}
	if (resp->status < 200 || resp->status > 299) {
		status = api_answer_failure(api, resp, 0, &reason, &sentence);
		log_debug("api: resume: %s", api_reason_name(reason));
		session_done(&api->session);
		call->cb(call->arg, status, sentence);
		free(sentence);
		return;
	}
	/* The server's word on who this is beats the token's claims. */
	if (model_parse_profile(resp->body, resp->len, &u, &why) == 0) {
		if (u.role == NULL && api->session.user.role != NULL) {
			u.role = api->session.user.role;
			api->session.user.role = NULL;
		}
		if (u.email == NULL)
			u.email = xstrdup("");
		if (u.name == NULL)
			u.name = xstrdup(u.email);
		user_done(&api->session.user);
		api->session.user = u;
	} else {
		log_debug("api: resume: %s", why);
		free(why);
	}
	log_debug("api: resumed the session of user %lld",
	    (long long)api->session.user.id);
	call->cb(call->arg, API_OK, NULL);
}

int
api_resume_unchecked(struct api *api, const char *token, char **cause)
{
	struct session	s;

	if (model_session_from_token(token, &s, cause) != 0)
		return (-1);
	session_done(&api->session);
	api->session = s;
	log_debug("api: a session from the token's own claims, unchecked");
	return (0);
}

void
api_resume(struct api *api, const char *token, api_done_cb cb, void *arg)
{
	struct session	 s;
	char		*why = NULL;

	if (model_session_from_token(token, &s, &why) != 0) {
		cb(arg, API_ERR_AUTH, why);
		free(why);
		return;
	}
	session_done(&api->session);
	api->session = s;
	api_request(api, "GET", "/api/users/profile", NULL, api_resume_done,
	    cb, arg);
}

static void
api_check_done(struct api_call *call, const struct rest_response *resp,
    const char *error)
{
	/* Any answer at all means the server is there. */
	if (!call->api->dead)
		call->cb(call->arg, error != NULL ? API_ERR_UNREACHABLE :
		    API_OK, error);
}

void
api_check_server(struct api *api, api_done_cb cb, void *arg)
{
	/* Any answer will do, and no answer is said at once. */
	api_request(api, "GET", "/api/health", NULL, api_check_done, cb,
	    arg)->no_retry = 1;
}

static void	api_notifications_none(struct api *);

static void
api_notifications_done(struct api_call *call,
    const struct rest_response *resp, const char *error)
{
	struct api		*api = call->api;
	struct notification	*notes;
	size_t			 n, i;
	enum api_reason		 reason;
	int64_t			 seq = -1;
	char			*why = NULL, *sentence = NULL;
	int			 status = API_OK;

	if (error != NULL) {
		status = API_ERR_UNREACHABLE;
		sentence = xstrdup(error);
	} else if (resp->status == 404)
		api_notifications_none(api);
	else if (resp->status < 200 || resp->status > 299)
		status = api_answer_failure(api, resp, 0, &reason, &sentence);
	else if (model_parse_notifications(resp->body, resp->len, &notes, &n,
	    &why) != 0) {
		xasprintf(&sentence, "cannot use the server's notifications: %s",
		    why);
		free(why);
		status = API_ERR_FAILED;
	} else {
		/* Where the stream picks up: the latest held, 0 for none. */
		for (seq = 0, i = 0; i < n; i++) {
			if (notes[i].seq > seq)
				seq = notes[i].seq;
			store_add_notification(api->store, &notes[i]);
		}
		free(notes);
		if (!api->dead && api->hooks.notifications_loaded != NULL)
			api->hooks.notifications_loaded(api->hooks_arg);
	}
	if (sentence != NULL)
		log_debug("api: notifications: %s", sentence);
	api->notes_out = 0;
	api_live_notes_loaded(api, seq);
	if (!api->dead)
		api_waiters_fire(api->notes_waiters, status, sentence);
	free(sentence);
}

/* The server keeps no notifications: the log says so, nothing is asked. */
static void
api_notifications_none(struct api *api)
{
	log_debug("api: the server keeps no notifications");
	api_live_notes_loaded(api, -1);
	store_set_notifications_supported(api->store, 0);
	if (!api->dead && api->hooks.notifications_loaded != NULL)
		api->hooks.notifications_loaded(api->hooks_arg);
}

/*
 * Every caller hears once, in order: those who ask while the list is
 * being fetched, or before discovery's verdict, wait for that answer.
 */
void
api_load_notifications(struct api *api, api_done_cb cb, void *arg)
{
	if (cb != NULL) {
		if (api->notes_waiters == NULL)
			api->notes_waiters = api_waiters_new();
		api_waiters_add(api->notes_waiters, cb, arg);
	}
	api->notes_loading = 1;
	switch (api_feature(api, "notifications")) {
	case 0:
		api_notifications_none(api);
		api_waiters_fire(api->notes_waiters, API_OK, NULL);
		return;
	case -1:
		/* Ask /api/meta first; without a verdict, ask anyway. */
		if (api->discovering || !api->meta_tried) {
			api->notes_wanted = 1;
			api_discover(api);
			return;
		}
		break;
	}
	if (api->notes_out)
		return;
	api->notes_out = 1;
	api_request(api, "GET", "/api/notifications?limit=100", NULL,
	    api_notifications_done, NULL, NULL);
}

uint64_t
api_now(const struct api *api)
{
	return (uv_now(api->loop) * (api->time_scale > 1 ? api->time_scale :
	    1));
}

void
api_timer_start(struct api *api, uv_timer_t *timer, uv_timer_cb cb,
    uint64_t ms)
{
	uint64_t	scale = api->time_scale > 1 ? api->time_scale : 1;

	uv_timer_start(timer, cb, (ms + scale - 1) / scale, 0);
}

const struct api_error *
api_last_error(const struct api *api)
{
	return (api->error);
}

uint64_t
api_hold_left(const struct api *api, enum api_reason *why)
{
	uint64_t	left = budget_hold_left(api->budget, api_now(api));

	if (why != NULL)
		*why = left > 0 ? api->hold_reason : API_REASON_NONE;
	return (left);
}

char *
api_hold_sentence(const struct api *api, uint64_t *left)
{
	enum api_reason	why;
	uint64_t	ms;

	if ((ms = api_hold_left(api, &why)) == 0)
		return (NULL);
	if (left != NULL)
		*left = ms;
	return (api_wait_sentence(ms, why));
}

const char *
api_server(const struct api *api)
{
	return (api->server);
}

enum api_reason
api_sign_in_reason(const struct api *api)
{
	return (api->sign_in_reason);
}

const struct session *
api_session(const struct api *api)
{
	if (api->session.token == NULL)
		return (NULL);
	return (&api->session);
}

enum api_link
api_link_state(const struct api *api)
{
	return (api->link);
}

const char *
api_link_name(enum api_link link)
{
	if ((size_t)link >= sizeof api_link_names / sizeof api_link_names[0])
		return ("?");
	return (api_link_names[link]);
}
