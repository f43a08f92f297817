/*
 * Discovery: what the server has, from GET /api/meta.  A 200 with a JSON
 * object lists the features; anything else a server answers (a 404, a
 * 500, a web page) means a core-only server.  A 429, a 502-504 or no
 * answer at all is no verdict: the client asks again later, in the
 * background, paced by the request budget.
 */
#include "api.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "api-private.h"
#include "log.h"
#include "model.h"
#include "model-private.h"
#include "text.h"
#include "xmalloc.h"

/* No verdict: ask again after this long (on the api's clock). */
#define API_META_RETRY_MS	(2 * 60 * 1000)
/*
 * A core-only server answers /api/meta 500 every time (API.md), a server
 * in trouble now and then: a 500 is taken as a verdict when the sends of
 * one ask all got it, each after the retry policy's jittered wait.
 */
#define API_META_500_SENDS	3
/* The most features kept. */
#define API_META_FEATURES	64

static const char *const api_discovery_names[] = {
	[API_DISCOVERY_UNKNOWN] = "unknown",
	[API_DISCOVERY_FULL] = "features",
	[API_DISCOVERY_CORE] = "core-only",
};

static void
api_meta_clear(struct api_meta *m)
{
	size_t	i;

	free(m->name);
	free(m->version);
	for (i = 0; i < m->nfeatures; i++)
		free(m->features[i]);
	free(m->features);
	memset(m, 0, sizeof *m);
}

/* What a 200 says: its features, or core_only when it is not JSON. */
static void
api_meta_parse(const struct rest_response *resp, struct api_meta *m)
{
	json_t		*root = NULL;
	const json_t	*features, *f;
	size_t		 i;

	m->http = resp->status;
	if (resp->status == 200)
		root = json_loadb(resp->body, resp->len, 0, NULL);
	if (!json_is_object(root)) {
		m->core_only = 1;
		json_decref(root);
		return;
	}
	m->name = model_string(root, "name", MODEL_STRING_MAX);
	m->version = model_string(root, "version", MODEL_WORD_MAX);
	features = json_object_get(root, "features");
	m->features = xcalloc(json_array_size(features) + 1,
	    sizeof *m->features);
	json_array_foreach(features, i, f) {
		if (json_is_string(f) && m->nfeatures < API_META_FEATURES)
			m->features[m->nfeatures++] = text_sanitize_cap(
			    json_string_value(f), json_string_length(f),
			    MODEL_WORD_MAX);
	}
	json_decref(root);
}

static void
api_meta_fired(uv_timer_t *timer)
{
	struct api	*api = timer->data;
	uint64_t	 now = api_now(api), next;

	if (api->dead || api->discovery != API_DISCOVERY_UNKNOWN)
		return;
	if ((next = budget_next(api->budget, now)) > now) {
		/* The next poll's turn goes to this, or polls would starve it. */
		if (uv_is_active((uv_handle_t *)&api->poll_timer)) {
			api->due_meta = 1;
			return;
		}
		api_timer_start(api, &api->meta_timer, api_meta_fired,
		    next - now);
		return;
	}
	api->due_meta = 0;
	budget_spend(api->budget, now, 1);
	api_discover(api);
}

/* The notifications asked for before the verdict, now that it is in. */
static void
api_discover_notes(struct api *api)
{
	if (!api->notes_wanted)
		return;
	api->notes_wanted = 0;
	/* Its callers are waiting in api->notes_waiters. */
	api_load_notifications(api, NULL, NULL);
}

/* Takes what the answer said as the client's knowledge of the server. */
static void
api_discover_settle(struct api *api, enum api_discovery d,
    const struct api_meta *m)
{
	size_t		i;
	uint64_t	now = api_now(api), next;

	log_debug("api: discovery: %s", api_discovery_names[d]);
	if (d == API_DISCOVERY_UNKNOWN) {
		/* No verdict: the dashboard asks again, later. */
		if (api->live) {
			next = budget_next(api->budget, now + API_META_RETRY_MS);
			api_timer_start(api, &api->meta_timer, api_meta_fired,
			    next - now);
		}
	} else {
		api->discovery = d;
		if (api->features != NULL) {
			for (i = 0; api->features[i] != NULL; i++)
				free(api->features[i]);
			free(api->features);
			api->features = NULL;
		}
		if (d == API_DISCOVERY_FULL) {
			api->features = xcalloc(m->nfeatures + 1,
			    sizeof *api->features);
			for (i = 0; i < m->nfeatures; i++)
				api->features[i] = xstrdup(m->features[i]);
		} else {
			/* Core servers are the strict ones: assume the least. */
			budget_assume(api->budget, BUDGET_ASSUME_LIMIT,
			    BUDGET_ASSUME_WINDOW_MS);
		}
	}
	api_discover_notes(api);
	api_live_discovered(api);
}

static void
api_meta_done(struct api_call *call, const struct rest_response *resp,
    const char *error)
{
	struct api		*api = call->api;
	api_meta_cb		 cb = call->meta_cb;
	struct api_meta		 m;
	enum api_discovery	 d;
	enum api_reason		 reason;
	char			*sentence = NULL;
	int			 status = API_OK;

	if (call->discovery)
		api->discovering = 0;
	if (api->dead)
		return;
	memset(&m, 0, sizeof m);
	if (error != NULL) {
		d = API_DISCOVERY_UNKNOWN;
		status = API_ERR_UNREACHABLE;
		sentence = xstrdup(error);
	} else if (api_answer_transient(resp->status)) {
		/* Rate limited or down for now: nothing about its features. */
		api_answer_failure(api, resp, 0, &reason, &sentence);
		d = API_DISCOVERY_UNKNOWN;
		m.unknown = 1;
		m.http = resp->status;
	} else {
		api_meta_parse(resp, &m);
		d = m.core_only ? API_DISCOVERY_CORE : API_DISCOVERY_FULL;
	}
	if (sentence != NULL)
		log_debug("api: /api/meta: %s", sentence);
	if (cb != NULL)
		cb(call->arg, status, sentence, status == API_OK ? &m : NULL);
	if (!api->dead)
		api_discover_settle(api, d, &m);
	api_meta_clear(&m);
	free(sentence);
}

void
api_meta(struct api *api, api_meta_cb cb, void *arg)
{
	struct api_call	*call;

	call = api_request(api, "GET", "/api/meta", NULL, api_meta_done, NULL,
	    arg);
	call->meta_cb = cb;
	call->answer_500 = API_META_500_SENDS;
}

void
api_discover(struct api *api)
{
	struct api_call	*call;

	if (api->dead || api->discovering ||
	    api->discovery != API_DISCOVERY_UNKNOWN)
		return;
	api->discovering = 1;
	api->meta_tried = 1;
	uv_timer_stop(&api->meta_timer);
	call = api_request(api, "GET", "/api/meta", NULL, api_meta_done, NULL,
	    NULL);
	call->discovery = 1;
	call->answer_500 = API_META_500_SENDS;
}

int
api_feature(const struct api *api, const char *name)
{
	size_t	i;

	switch (api->discovery) {
	case API_DISCOVERY_CORE:
		return (0);
	case API_DISCOVERY_FULL:
		for (i = 0; api->features[i] != NULL; i++) {
			if (strcmp(api->features[i], name) == 0)
				return (1);
		}
		return (0);
	default:
		return (-1);
	}
}

enum api_discovery
api_discovery(const struct api *api)
{
	return (api->discovery);
}

void
api_discover_init(struct api *api)
{
	api->discovery = API_DISCOVERY_UNKNOWN;
	uv_timer_init(api->loop, &api->meta_timer);
	api->meta_timer.data = api;
}

/* Frees what discovery kept; the timer is closed with the others. */
void
api_discover_done(struct api *api)
{
	size_t	i;

	if (api->features != NULL) {
		for (i = 0; api->features[i] != NULL; i++)
			free(api->features[i]);
		free(api->features);
		api->features = NULL;
	}
}
