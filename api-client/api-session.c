/*
 * Signed out by the server, and signed in again.  When the server refuses
 * the token, the session is forgotten and background work stops; a user
 * action refused for the token is parked here rather than failed, so
 * nothing the user asked for is lost while they sign in again.  The next
 * sign-in that succeeds sends the parked calls again with its token and
 * restarts what ran in the background; giving up fails them instead.
 */
#include "api.h"

#include <stdlib.h>
#include <string.h>

#include "api-private.h"
#include "clock.h"
#include "log.h"
#include "xmalloc.h"

void
api_session_init(struct api *api)
{
	TAILQ_INIT(&api->parked);
}

static void
api_parked_free(struct api_parked *p)
{
	free(p->method);
	free(p->path);
	if (p->body != NULL) {
		explicit_bzero(p->body, strlen(p->body));
		free(p->body);
	}
	free(p->etag);
	free(p->if_match);
	free(p->content_type);
	if (p->data != NULL && p->data_free != NULL)
		p->data_free(p->data);
	free(p->title);
	free(p);
}

void
api_session_done(struct api *api)
{
	struct api_parked	*p;

	while ((p = TAILQ_FIRST(&api->parked)) != NULL) {
		TAILQ_REMOVE(&api->parked, p, entry);
		api_parked_free(p);
	}
	free(api->refused_email);
	api->refused_email = NULL;
}

void
api_signed_out(struct api *api)
{
	static const struct api_why	why = {
		API_REASON_SIGNED_OUT, 0, API_SIGNED_OUT
	};
	const struct session		*s = &api->session;

	log_debug("api: signed out by the server");
	/* The first refusal of a session says whose it was. */
	if (s->token != NULL) {
		free(api->refused_email);
		api->refused_email = xstrdup(s->user.email != NULL ?
		    s->user.email : "");
		api->refused_id = s->user.id;
		api->refused_expired = s->exp != 0 && s->exp <= clock_now();
	}
	api->refused = 1;
	if (api->live)
		api->relive = 1;
	session_done(&api->session);
	api->live = 0;
	api->begun = 0;
	if (api->ws != NULL)
		wslink_close(api->ws);
	uv_timer_stop(&api->retry_timer);
	uv_timer_stop(&api->poll_timer);
	uv_timer_stop(&api->meta_timer);
	api_set_link(api, API_LINK_OFFLINE, &why);
}

int
api_park(struct api_call *call)
{
	struct api		*api = call->api;
	struct api_parked	*p;

	if (!call->user_action || api->dead)
		return (0);
	p = xcalloc(1, sizeof *p);
	p->method = xstrdup(call->method);
	p->path = xstrdup(call->path);
	if (call->body != NULL)
		p->body = xstrdup(call->body);
	if (call->etag != NULL)
		p->etag = xstrdup(call->etag);
	if (call->if_match != NULL)
		p->if_match = xstrdup(call->if_match);
	if (call->content_type != NULL)
		p->content_type = xstrdup(call->content_type);
	/* The endpoint's own goes with it: the call is freed meanwhile. */
	p->data = call->data;
	p->data_free = call->data_free;
	p->refused = call->refused;
	call->data = NULL;
	call->data_free = NULL;
	p->forgotten = call->forgotten;
	p->done = call->done;
	p->cb = call->cb;
	p->reg_cb = call->reg_cb;
	p->event_id = call->event_id;
	if (call->title != NULL)
		p->title = xstrdup(call->title);
	p->arg = call->arg;
	TAILQ_INSERT_TAIL(&api->parked, p, entry);
	log_debug("api: %s %s parked until the next sign-in", p->method,
	    p->path);
	return (1);
}

/*
 * Sends a parked call again, with the token of now and a key of its own:
 * the refused send did nothing, and a server may have kept its answer
 * under the old key.
 */
static void	api_parked_fail(struct api *, const char *);

static void
api_parked_send(struct api *api, struct api_parked *p)
{
	struct api_call	*call;
	struct api_send	 send;

	log_debug("api: %s %s sent again after the sign-in", p->method,
	    p->path);
	memset(&send, 0, sizeof send);
	send.body = p->body;
	send.etag = p->etag;
	send.if_match = p->if_match;
	send.content_type = p->content_type;
	call = api_request_with(api, p->method, p->path, &send, p->done,
	    p->cb, p->forgotten ? NULL : p->arg);
	call->user_action = 1;
	call->forgotten = p->forgotten;
	call->data = p->data;
	call->data_free = p->data_free;
	call->refused = p->refused;
	p->data = NULL;
	call->reg_cb = p->reg_cb;
	call->event_id = p->event_id;
	call->title = p->title;
	p->title = NULL;
}

void
api_session_renewed(struct api *api)
{
	struct api_parked_calls	 parked;
	struct api_parked	*p;
	int			 other;

	if (!api->refused || api->dead)
		return;
	other = api->session.user.id != api->refused_id;
	log_debug("api: signed in again%s; %zu call(s) to send again",
	    other ? " as another user" : "", api_parked_count(api));
	api->refused = 0;
	free(api->refused_email);
	api->refused_email = NULL;
	/*
	 * Nothing of the old user's stays on screen: theirs is fetched.  What
	 * the old user asked for is not done in another's name: it fails.
	 */
	if (other) {
		api_events_stop(api);
		store_clear_notifications(api->store);
		api->last_seq = -1;
		api_parked_fail(api, "not sent: another account signed in");
	}
	api_refresh_background(api);
	api_load_notifications(api, NULL, NULL);
	if (api->relive) {
		api->relive = 0;
		api_start_live(api);
	}
	TAILQ_INIT(&parked);
	TAILQ_CONCAT(&parked, &api->parked, entry);
	while ((p = TAILQ_FIRST(&parked)) != NULL) {
		TAILQ_REMOVE(&parked, p, entry);
		api_parked_send(api, p);
		api_parked_free(p);
	}
}

/* Fails every parked call with sentence: each caller hears back once. */
static void
api_parked_fail(struct api *api, const char *sentence)
{
	struct api_parked_calls	 parked;
	struct api_parked	*p;
	struct api_registration	 r;
	struct api_error	 e;

	TAILQ_INIT(&parked);
	TAILQ_CONCAT(&parked, &api->parked, entry);
	while ((p = TAILQ_FIRST(&parked)) != NULL) {
		TAILQ_REMOVE(&parked, p, entry);
		log_debug("api: %s %s not sent: %s", p->method, p->path,
		    sentence);
		memset(&e, 0, sizeof e);
		e.reason = API_REASON_SIGNED_OUT;
		e.status = API_ERR_AUTH;
		e.sentence = xstrdup(sentence);
		api->error = &e;
		if (api->dead || p->forgotten)
			;	/* its owner is gone */
		else if (p->refused != NULL && p->data != NULL)
			p->refused(api, p->data, &e);
		else if (p->reg_cb != NULL) {
			memset(&r, 0, sizeof r);
			r.outcome = API_REG_FAILED;
			r.event_id = p->event_id;
			r.title = p->title;
			r.position = -1;
			p->reg_cb(p->arg, API_ERR_AUTH, e.sentence, &r);
		} else if (p->cb != NULL)
			p->cb(p->arg, API_ERR_AUTH, e.sentence);
		api->error = NULL;
		api_error_done(&e);
		api_parked_free(p);
	}
}

void
api_give_up(struct api *api)
{
	api_parked_fail(api, API_SIGNED_OUT);
}

void
api_session_forget(struct api *api, void *arg)
{
	struct api_parked	*p;

	TAILQ_FOREACH(p, &api->parked, entry) {
		if (p->arg == arg)
			p->forgotten = 1;
	}
}

int
api_session_parked_event(const struct api *api, int64_t event_id)
{
	const struct api_parked	*p;

	TAILQ_FOREACH(p, &api->parked, entry) {
		if (p->reg_cb != NULL && p->event_id == event_id)
			return (1);
	}
	return (0);
}

size_t
api_parked_count(const struct api *api)
{
	const struct api_parked	*p;
	size_t			 n = 0;

	TAILQ_FOREACH(p, &api->parked, entry)
		n++;
	return (n);
}

const char *
api_refused_email(const struct api *api)
{
	return (api->refused ? (api->refused_email != NULL ?
	    api->refused_email : "") : NULL);
}

const char *
api_refused_why(const struct api *api)
{
	if (!api->refused)
		return (NULL);
	return (api->refused_expired ? "token expired" :
	    "the server refused the token");
}
