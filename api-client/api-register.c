/*
 * Registering the signed-in user for an event, and cancelling it: one
 * request per event at a time, so a key pressed twice is not a second
 * registration.  The answer's counters come from the live link's
 * `counters` envelope; without a live link the list is fetched again.
 */
#include "api.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api-private.h"
#include "log.h"
#include "model.h"
#include "xmalloc.h"

int
api_registration_pending(const struct api *api, int64_t event_id)
{
	const struct api_call	*call;

	LIST_FOREACH(call, &api->calls, entry) {
		if (call->reg_cb != NULL && call->event_id == event_id)
			return (1);
	}
	return (api_session_parked_event(api, event_id));
}

/* A register or endpoint call of arg's will not call back. */
static void
api_call_forget(struct api_call *call, void *arg)
{
	if (arg == NULL || call->arg != arg ||
	    (call->reg_cb == NULL && call->refused == NULL))
		return;
	call->arg = NULL;
	call->forgotten = 1;
}

void
api_forget(struct api *api, void *arg)
{
	struct api_call	*call, *j;

	LIST_FOREACH(call, &api->calls, entry) {
		api_call_forget(call, arg);
		TAILQ_FOREACH(j, &call->joined, join_entry)
			api_call_forget(j, arg);
	}
	api_session_forget(api, arg);
}

static void
api_register_finish(struct api_call *call, int status, const char *cause,
    struct api_registration *r)
{
	r->event_id = call->event_id;
	r->title = call->title;
	if (!call->api->dead && call->arg != NULL)
		call->reg_cb(call->arg, status, cause, r);
}

static void
api_register_done(struct api_call *call, const struct rest_response *resp,
    const char *error)
{
	struct api		*api = call->api;
	struct api_registration	 r;
	struct registration	 reg;
	struct api_error	 e;
	struct error_body	 b;
	char			*why = NULL, *msg;
	int			 status;

	memset(&r, 0, sizeof r);
	r.outcome = API_REG_FAILED;
	r.position = -1;
	if (error != NULL) {
		api_answer_unreachable(error, &e);
		api->error = &e;
		api_register_finish(call, API_ERR_UNREACHABLE, error, &r);
		api->error = NULL;
		api_error_done(&e);
		/* It may have been done all the same: show what the server has. */
		api_refresh_background(api);
		return;
	}
	if (resp->status < 200 || resp->status > 299) {
		status = api_answer_failure_error(api, resp, 0, &e);
		b.message = e.message;
		b.fields = e.fields;
		b.nfields = e.nfields;
		msg = error_body_sentence(&b);
		/* Kept to be sent again after the user signs in again. */
		if (e.reason == API_REASON_SIGNED_OUT && api_park(call)) {
			api_signed_out(api);
			api_error_done(&e);
			free(msg);
			return;
		}
		if (e.reason == API_REASON_SIGNED_OUT)
			api_signed_out(api);
		else
			r.message = msg;
		r.outcome = api_answer_registration(e.reason, msg);
		log_debug("api: registration for event %" PRId64 " refused "
		    "(%s)", call->event_id, api_reason_name(e.reason));
		api->error = &e;
		api_register_finish(call, status, e.sentence, &r);
		api->error = NULL;
		api_error_done(&e);
		free(msg);
		return;
	}
	if (model_parse_registration(resp->body, resp->len, &reg, &why) != 0) {
		/* It was done; only the details are lost. */
		log_debug("api: registration answer: %s", why);
		free(why);
		memset(&reg, 0, sizeof reg);
		reg.position = -1;
	}
	r.outcome = reg.status != NULL && strcmp(reg.status, "waitlisted") ==
	    0 ? API_REG_WAITLISTED : API_REG_DONE;
	r.status = reg.status;
	r.position = reg.position;
	r.message = reg.message;
	log_debug("api: registration for event %" PRId64 ": %s",
	    call->event_id, reg.status != NULL ? reg.status : "done");
	api_register_finish(call, API_OK, NULL, &r);
	registration_done(&reg);
	/* The live link brings the counters; else ask for them. */
	if (api->link != API_LINK_LIVE)
		api_refresh_background(api);
}

static int
api_register_start(struct api *api, const char *method, const char *body,
    int64_t event_id, api_registration_cb cb, void *arg)
{
	const struct event	*e;
	struct api_call		*call;
	char			 path[96];

	if (api_registration_pending(api, event_id))
		return (-1);
	snprintf(path, sizeof path, "/api/events/%" PRId64 "/register",
	    event_id);
	call = api_request(api, method, path, body, api_register_done, NULL,
	    arg);
	call->reg_cb = cb;
	call->event_id = event_id;
	call->user_action = 1;
	if ((e = store_event_find(api->store, event_id, NULL)) != NULL &&
	    e->title != NULL)
		call->title = xstrdup(e->title);
	return (0);
}

int
api_register_event(struct api *api, int64_t event_id, api_registration_cb cb,
    void *arg)
{
	/* An empty object: a POST with a length, for strict proxies. */
	return (api_register_start(api, "POST", "{}", event_id, cb, arg));
}

int
api_cancel_registration(struct api *api, int64_t event_id,
    api_registration_cb cb, void *arg)
{
	return (api_register_start(api, "DELETE", NULL, event_id, cb, arg));
}
