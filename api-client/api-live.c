/*
 * The live link: a WebSocket that authenticates, subscribes and replays
 * from the last seq after a reconnect; exponential back-off with jitter
 * when it drops; REST polling on servers without /api/ws.
 */
#include "api.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api-private.h"
#include "json-util.h"
#include "log.h"
#include "model.h"
#include "model-calls.h"
#include "model-private.h"
#include "text.h"
#include "url.h"
#include "xmalloc.h"

#define API_BACKOFF_FIRST	1000
#define API_BACKOFF_MAX		30000
#define API_POLL_MS		10000	/* unless poll_interval says */
/* A server without a WebSocket: try it again this rarely. */
#define API_WS_RECHECK_MS	(15 * 60 * 1000)

static void	api_live_hello(struct api *, const struct envelope *);
static void	api_live_counters(struct api *, const struct envelope *);
static void	api_live_notification(struct api *, const struct envelope *);
static void	api_live_event(struct api *, const struct envelope *);
static void	api_live_deleted(struct api *, const struct envelope *);
static void	api_live_resync(struct api *, const struct envelope *);
static void	api_live_error(struct api *, const struct envelope *);
static void	api_live_checkin(struct api *, const struct envelope *);

/*
 * What each envelope type does; types not listed are ignored.  hello and
 * error carry the server's current seq but are not part of the stream: were
 * it taken as the last one seen, a reconnect would ask to replay from there
 * and skip whatever was missed in between.
 */
static const struct {
	const char	*type;
	void		(*fn)(struct api *, const struct envelope *);
	int		 stream;	/* its seq counts as seen */
} api_live_handlers[] = {
	{ "hello", api_live_hello, 0 },
	{ "counters", api_live_counters, 1 },
	{ "notification", api_live_notification, 1 },
	{ "event.created", api_live_event, 1 },
	{ "event.updated", api_live_event, 1 },
	{ "event.deleted", api_live_deleted, 1 },
	{ "checkin", api_live_checkin, 1 },
	{ "resync", api_live_resync, 0 },
	{ "error", api_live_error, 0 },
};

void
api_set_link(struct api *api, enum api_link link, const struct api_why *why)
{
	static const struct api_why	none = { API_REASON_NONE, 0, NULL };

	if (why == NULL)
		why = &none;
	if (api->link == link && why->sentence == NULL)
		return;
	log_debug("api: link %s -> %s (%s)%s%s", api_link_name(api->link),
	    api_link_name(link), api_reason_name(why->reason),
	    why->sentence != NULL ? ": " : "",
	    why->sentence != NULL ? why->sentence : "");
	api->link = link;
	if (!api->dead && api->hooks.link_changed != NULL)
		api->hooks.link_changed(api->hooks_arg, link, why);
}

/* A link state with a reason and a sentence. */
static void
api_live_set(struct api *api, enum api_link link, enum api_reason reason,
    long http, const char *sentence)
{
	struct api_why	why = { reason, http, sentence };

	api_set_link(api, link, &why);
}

static void
api_live_hello(struct api *api, const struct envelope *env)
{
	int64_t	seq;

	/*
	 * The server's seq now, where a first stream starts, unless the
	 * notification load (under way or done) says where: envelopes
	 * between that load and this connection are owed.
	 */
	api->greeted = 1;
	if (api->last_seq < 0 && !api->notes_loading &&
	    json_util_count(env->data, "seq", &seq, NULL) == 0)
		api->last_seq = seq;
	api->backoff_ms = 0;
	if (api->no_ws) {
		/* A recheck found a WebSocket after all: polling stops. */
		log_debug("api: the server has a WebSocket now");
		api->no_ws = 0;
		api->rechecking = 0;
		uv_timer_stop(&api->poll_timer);
		uv_timer_stop(&api->retry_timer);
	}
	api_set_link(api, API_LINK_LIVE, NULL);
}

static void
api_live_counters(struct api *api, const struct envelope *env)
{
	struct counters	 c;
	char		*why = NULL;

	if (model_parse_counters(env->data, &c, &why) != 0) {
		log_debug("api: bad counters ignored: %s", why);
		free(why);
		return;
	}
	api_events_show(api);
	if (store_apply_counters(api->store, &c) &&
	    !api->dead && api->hooks.counters_changed != NULL)
		api->hooks.counters_changed(api->hooks_arg, c.event_id);
	if (!api->dead && api->hooks.counters != NULL)
		api->hooks.counters(api->hooks_arg, &c);
}

/* A door checked a guest in (or undid it): the guest as the server has it. */
static void
api_live_checkin(struct api *api, const struct envelope *env)
{
	struct guest	 g;
	char		*why = NULL;

	if (api->dead || api->hooks.checkin == NULL)
		return;
	memset(&g, 0, sizeof g);
	if (model_parse_guest(env->data, &g, &why) != 0) {
		log_debug("api: bad checkin ignored: %s", why);
		free(why);
		guest_done(&g);
		return;
	}
	api->hooks.checkin(api->hooks_arg, &g);
	guest_done(&g);
}

static void
api_live_notification(struct api *api, const struct envelope *env)
{
	struct notification	 no;
	size_t			 n;
	int64_t			 seq;
	char			*why = NULL;

	if (model_parse_notification(env->data, &no, &why) != 0) {
		log_debug("api: bad notification ignored: %s", why);
		free(why);
		return;
	}
	if (no.seq < 0)
		no.seq = env->seq;
	seq = no.seq;
	if (store_add_notification(api->store, &no) == 0)
		return;
	/*
	 * The one just added, which is not always the last: the log keeps
	 * seq order, and history fetched over REST may be newer.
	 */
	n = store_notification_count(api->store);
	while (n > 1 && store_notification_at(api->store, n - 1)->seq != seq)
		n--;
	if (!api->dead && api->hooks.notification != NULL)
		api->hooks.notification(api->hooks_arg,
		    store_notification_at(api->store, n - 1));
}

static void
api_live_event(struct api *api, const struct envelope *env)
{
	const json_t	*obj;
	struct event	 ev;
	char		*why = NULL;

	obj = json_object_get(env->data, "event");
	if (!json_is_object(obj))
		obj = env->data;
	if (model_parse_event(obj, &ev, &why) != 0) {
		log_debug("api: bad %s ignored: %s", env->type, why);
		free(why);
		return;
	}
	api_events_show(api);
	store_put_event(api->store, &ev);
	if (!api->dead && api->hooks.events_changed != NULL)
		api->hooks.events_changed(api->hooks_arg);
	/* A window puts a new or moved row in place by asking again. */
	if (store_window(api->store) != NULL)
		api_refresh_soon(api);
}

static void
api_live_deleted(struct api *api, const struct envelope *env)
{
	int64_t	id;

	if (json_util_count(env->data, "id", &id, NULL) != 0 &&
	    json_util_count(env->data, "event_id", &id, NULL) != 0) {
		log_debug("api: event.deleted without an id ignored");
		return;
	}
	api_events_show(api);
	if (store_remove_event(api->store, id) == 0 &&
	    !api->dead && api->hooks.events_changed != NULL)
		api->hooks.events_changed(api->hooks_arg);
	if (store_window(api->store) != NULL)
		api_refresh_soon(api);
}

static void
api_live_resync(struct api *api, const struct envelope *env)
{
	/* The refetch covers the gap: replay from here next time. */
	if (env->seq > api->last_seq)
		api->last_seq = env->seq;
	log_debug("api: resync asked: refetching events and notifications");
	api_refresh_soon(api);
	/* What the gap held is in the log then, without a toast each. */
	if (api_feature(api, "notifications") != 0)
		api_load_notifications(api, NULL, NULL);
	if (!api->dead && api->hooks.resynced != NULL)
		api->hooks.resynced(api->hooks_arg);
}

static void
api_live_error(struct api *api, const struct envelope *env)
{
	struct api_why	 why = { API_REASON_LIVE_ERROR, 0, NULL };
	const char	*msg;
	char		*safe, *sentence;

	msg = json_util_string(env->data, "message");
	/*
	 * Before the hello, an error is the refusal of the auth frame: the
	 * close that follows (4401) says so, as signed out; not twice.
	 */
	if (!api->greeted) {
		log_debug("api: live link refused before its hello");
		return;
	}
	if (msg == NULL) {
		why.sentence = "the live server reported an error";
		api_report_error(api, &why);
		return;
	}
	safe = text_sanitize_cap(msg, strlen(msg), 200);
	xasprintf(&sentence, "the live server reported: %s", safe);
	why.sentence = sentence;
	api_report_error(api, &why);
	free(sentence);
	free(safe);
}

/* Subscribes, replaying from the last seq seen when there is one. */
static void
api_live_subscribe(struct api *api)
{
	json_t	*j;
	char	*text;

	api->subscribe_due = 0;
	j = json_pack("{s:s, s:[s, s]}", "type", "subscribe", "topics",
	    "events", "notifications");
	if (api->last_seq >= 0)
		json_object_set_new(j, "since", json_integer(api->last_seq));
	text = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	wslink_send(api->ws, text);
	log_debug("ws: > subscribe, %zu bytes: %s", strlen(text), text);
	free(text);
}

static void
api_live_open(void *arg)
{
	struct api	*api = arg;
	json_t		*j;
	char		*text;

	if (api->session.token == NULL) {
		wslink_close(api->ws);
		return;
	}
	j = json_pack("{s:s, s:s}", "type", "auth", "token",
	    api->session.token);
	text = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	wslink_send(api->ws, text);
	api->greeted = 0;
	/* The one frame with a secret: its size is traced, never its text. */
	log_debug("ws: > auth, %zu bytes (token not traced)", strlen(text));
	explicit_bzero(text, strlen(text));
	free(text);

	/*
	 * The first subscribe replays from the seq the notification load
	 * established, so what was published between that load and now is
	 * not lost: it waits for a load still under way.
	 */
	if (api->notes_loading && api->last_seq < 0) {
		log_debug("api: subscribing once the notifications are loaded");
		api->subscribe_due = 1;
		return;
	}
	api_live_subscribe(api);
}

void
api_live_notes_loaded(struct api *api, int64_t seq)
{
	api->notes_loading = 0;
	if (api->dead)
		return;
	if (seq >= 0 && api->last_seq < 0)
		api->last_seq = seq;
	if (api->subscribe_due && api->ws != NULL)
		api_live_subscribe(api);
}

void
api_live_receive(struct api *api, const char *text, size_t len)
{
	struct envelope	 env;
	char		*why = NULL;
	size_t		 i, n = nitems(api_live_handlers);

	if (model_parse_envelope(text, len, &env, &why) != 0) {
		log_debug("ws: < %zu bytes, unusable, ignored: %s", len, why);
		free(why);
		return;
	}
	log_debug("ws: < %s, seq %lld, %zu bytes", env.type,
	    (long long)env.seq, len);
	for (i = 0; i < n; i++) {
		if (strcmp(env.type, api_live_handlers[i].type) == 0)
			break;
	}
	if ((i == n || api_live_handlers[i].stream) && env.seq > api->last_seq)
		api->last_seq = env.seq;
	if (i < n)
		api_live_handlers[i].fn(api, &env);
	envelope_done(&env);
}

static void
api_live_message(void *arg, const char *text, size_t len)
{
	api_live_receive(arg, text, len);
}

static void	api_live_schedule(struct api *);

static void	api_live_retry_fired(uv_timer_t *);

static void
api_live_connect(struct api *api)
{
	char		*cause = NULL;
	uint64_t	 now = api_now(api), next;

	if (api->dead || !api->live || api->ws == NULL)
		return;
	/*
	 * Every attempt is a background request: the budget paces it.  The
	 * header counts a Retry-After down meanwhile (api_hold_left).
	 */
	if ((next = budget_next(api->budget, now)) > now) {
		log_debug("api: connecting in %llu ms (request budget)",
		    (unsigned long long)(next - now));
		api_timer_start(api, &api->retry_timer, api_live_retry_fired,
		    next - now);
		return;
	}
	budget_spend(api->budget, now, 1);
	api_set_link(api, API_LINK_CONNECTING, NULL);
	if (wslink_connect(api->ws, &cause) != 0) {
		/* As if it had opened and dropped: the same back-off. */
		api_live_set(api, API_LINK_RETRYING, API_REASON_LINK_LOST, 0,
		    cause);
		free(cause);
		api_live_schedule(api);
	}
}

/* Polling: once in a long while, see whether a WebSocket has appeared. */
static void
api_live_recheck(struct api *api)
{
	char		*cause = NULL;
	uint64_t	 now = api_now(api), next;

	if (api->dead || !api->live || api->ws == NULL)
		return;
	if ((next = budget_next(api->budget, now)) > now) {
		/* The next poll's turn goes to this, or polls would starve it. */
		if (uv_is_active((uv_handle_t *)&api->poll_timer)) {
			api->due_ws = 1;
			return;
		}
		api_timer_start(api, &api->retry_timer, api_live_retry_fired,
		    next - now);
		return;
	}
	api->due_ws = 0;
	budget_spend(api->budget, now, 1);
	log_debug("api: polling; trying the WebSocket again");
	api->rechecking = 1;
	if (wslink_connect(api->ws, &cause) != 0) {
		log_debug("api: %s", cause);
		free(cause);
		api->rechecking = 0;
		api_timer_start(api, &api->retry_timer, api_live_retry_fired,
		    API_WS_RECHECK_MS);
	}
}

static void
api_live_retry_fired(uv_timer_t *timer)
{
	struct api	*api = timer->data;

	if (api->no_ws)
		api_live_recheck(api);
	else
		api_live_connect(api);
}

/*
 * xorshift32 seeded per client: random() unseeded gives every evtop the
 * same "jitter", so clients dropped together would reconnect together.
 */
static uint64_t
api_live_random(struct api *api)
{
	uint32_t	x = api->rng;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	api->rng = x;
	return (x);
}

/* Schedules the next attempt: 1 s doubling to 30 s, plus up to 25 %. */
static void
api_live_schedule(struct api *api)
{
	uint64_t	delay, now;

	if (api->backoff_ms == 0)
		api->backoff_ms = API_BACKOFF_FIRST;
	else if (api->backoff_ms < API_BACKOFF_MAX)
		api->backoff_ms *= 2;
	if (api->backoff_ms > API_BACKOFF_MAX)
		api->backoff_ms = API_BACKOFF_MAX;
	delay = api->backoff_ms + api_live_random(api) % (api->backoff_ms / 4 +
	    1);
	now = api_now(api);
	if (budget_next(api->budget, now) > now + delay)
		delay = budget_next(api->budget, now) - now;
	log_debug("api: reconnecting in %llu ms", (unsigned long long)delay);
	api_timer_start(api, &api->retry_timer, api_live_retry_fired, delay);
}

/* How often polling refreshes: the interval, or the budget's pace. */
static uint64_t
api_live_poll_every(struct api *api)
{
	uint64_t	gap = budget_gap(api->budget, api_now(api));

	return (gap > api->poll_ms ? gap : api->poll_ms);
}

static void	api_live_poll_fired(uv_timer_t *);

/* The next poll: an interval from now, and no sooner than the budget. */
static void
api_live_poll_schedule(struct api *api)
{
	uint64_t	now = api_now(api), next, delay = api->poll_ms;

	if (api->dead || !api->live || !api->no_ws)
		return;
	next = budget_next(api->budget, now);
	if (next > now + delay)
		delay = next - now;
	api_timer_start(api, &api->poll_timer, api_live_poll_fired, delay);
}

static void
api_live_poll_fired(uv_timer_t *timer)
{
	struct api	*api = timer->data;
	uint64_t	 now = api_now(api), next;

	if ((next = budget_next(api->budget, now)) > now) {
		api_timer_start(api, &api->poll_timer, api_live_poll_fired,
		    next - now);
		return;
	}
	/* A rare request waiting for a turn takes this one. */
	if (api->due_ws)
		api_live_recheck(api);
	else if (api->due_meta) {
		api->due_meta = 0;
		budget_spend(api->budget, now, 1);
		api_discover(api);
	} else
		api_refresh_poll(api);
	api_live_poll_schedule(api);
}

void
api_live_hold(struct api *api, long seconds, enum api_reason reason)
{
	uint64_t	ms;

	if (seconds < 0 || api->dead)
		return;
	if (seconds > API_RATE_WAIT_MAX)
		seconds = API_RATE_WAIT_MAX;
	ms = (uint64_t)seconds * 1000;
	budget_hold(api->budget, api_now(api), ms);
	api->hold_reason = reason;
	/* A server that limits without saying how much: assume the least. */
	if (reason == API_REASON_RATE_LIMITED && budget_limit(api->budget) < 0)
		budget_assume(api->budget, BUDGET_ASSUME_LIMIT,
		    BUDGET_ASSUME_WINDOW_MS);
	log_debug("api: %s: next request in %ld s", api_reason_name(reason),
	    seconds);
	/* Polling: the next poll comes no sooner than the server asked. */
	if (uv_is_active((uv_handle_t *)&api->poll_timer))
		api_live_poll_schedule(api);
}

void
api_live_no_websocket(struct api *api, long http, const char *why)
{
	char		*sentence;
	uint64_t	 now = api_now(api), next;

	if (api->dead || !api->live)
		return;
	if (why != NULL)
		log_debug("api: no WebSocket: %s", why);
	api->no_ws = 1;
	api->rechecking = 0;
	api->backoff_ms = 0;
	if (api->link != API_LINK_POLLING) {
		xasprintf(&sentence, "this server has no live updates; "
		    "refreshing every %llu seconds",
		    (unsigned long long)(api_live_poll_every(api) + 500) / 1000);
		api_live_set(api, API_LINK_POLLING, API_REASON_NO_WEBSOCKET,
		    http, sentence);
		free(sentence);
	}
	if (!uv_is_active((uv_handle_t *)&api->poll_timer))
		api_live_poll_schedule(api);
	next = budget_next(api->budget, now + API_WS_RECHECK_MS);
	api_timer_start(api, &api->retry_timer, api_live_retry_fired,
	    next - now);
}

static void
api_live_closed(void *arg, int code, int status, const char *why)
{
	struct api	*api = arg;
	enum api_reason	 reason;
	char		*sentence;

	if (api->dead)
		return;
	api->subscribe_due = 0;
	if (!api->live) {
		api_set_link(api, API_LINK_OFFLINE, NULL);
		return;
	}
	/* A handshake the server answered is a verdict on the server. */
	reason = status != 0 ? api_answer_upgrade(status) :
	    api_answer_closed(code, 0);
	if (reason == API_REASON_SIGNED_OUT) {
		api_signed_out(api);
		return;
	}
	if (api->no_ws) {
		/* A recheck while polling: still none; poll on. */
		log_debug("api: still no WebSocket: %s", why);
		api->rechecking = 0;
		api_live_no_websocket(api, status, NULL);
		return;
	}
	switch (reason) {
	case API_REASON_NO_WEBSOCKET:
		/* A core-only server: no WebSocket, so poll over REST. */
		api_live_no_websocket(api, status, why);
		return;
	case API_REASON_RATE_LIMITED:
		if (budget_limit(api->budget) < 0)
			budget_assume(api->budget, BUDGET_ASSUME_LIMIT,
			    BUDGET_ASSUME_WINDOW_MS);
		xasprintf(&sentence, "the server is limiting requests (rate "
		    "limited): connecting again later");
		api_live_set(api, API_LINK_RETRYING, API_REASON_RATE_LIMITED,
		    status, sentence);
		free(sentence);
		api_live_schedule(api);
		return;
	default:
		api_live_set(api, API_LINK_RETRYING, API_REASON_LINK_LOST,
		    status, why);
		api_live_schedule(api);
		return;
	}
}

static const struct wslink_hooks api_live_ws_hooks = {
	.open = api_live_open,
	.message = api_live_message,
	.closed = api_live_closed,
};

/* The live link's address: the server's, as ws or wss, then /api/ws. */
static char *
api_live_url(const char *server, char **cause)
{
	struct url	 u;
	char		*url, port[16] = "";
	size_t		 len;

	if (url_parse(server, &u, cause) != 0)
		return (NULL);
	if (u.port_given)
		snprintf(port, sizeof port, ":%d", u.port);
	len = strlen(u.path);
	if (len > 0 && u.path[len - 1] == '/')
		u.path[len - 1] = '\0';
	xasprintf(&url, "%s://%s%s%s/api/ws",
	    strcmp(u.scheme, "https") == 0 ? "wss" : "ws", u.host, port,
	    u.path);
	url_done(&u);
	return (url);
}

static void	api_live_begin(struct api *);

void
api_start_live(struct api *api)
{
	if (api->dead || api->live)
		return;
	if (api->session.token == NULL) {
		api_live_set(api, API_LINK_OFFLINE, API_REASON_NOT_SIGNED_IN,
		    0, "sign in to see live updates");
		return;
	}
	api->live = 1;
	/* What the server has decides between the socket and polling. */
	if (api->discovery == API_DISCOVERY_UNKNOWN && !api->meta_tried)
		api_discover(api);
	if (api->discovering) {
		api_set_link(api, API_LINK_CONNECTING, NULL);
		return;
	}
	api_live_begin(api);
}

void
api_live_discovered(struct api *api)
{
	if (api->dead || !api->live)
		return;
	if (!api->begun) {
		api_live_begin(api);
		return;
	}
	/* A late verdict: a server without a socket is polled at once. */
	if (!api->no_ws && api_feature(api, "ws") == 0 &&
	    api->link == API_LINK_RETRYING) {
		uv_timer_stop(&api->retry_timer);
		api_live_no_websocket(api, 0, "/api/meta lists no ws");
	}
}

/*
 * The WebSocket client for the server's /api/ws, made once; 0, or -1 with
 * a sentence in *cause when the address makes none.
 */
static int
api_live_ws_new(struct api *api, char **cause)
{
	struct wslink_options	 opts;
	char			*url;

	if (api->ws != NULL)
		return (0);
	if ((url = api_live_url(api->server, cause)) == NULL)
		return (-1);
	memset(&opts, 0, sizeof opts);
	opts.url = url;
	opts.cacert = api->cacert;
	opts.insecure = api->insecure;
	opts.user_agent = api->user_agent;
	api->ws = wslink_new(api->loop, &opts, &api_live_ws_hooks, api, cause);
	free(url);
	return (api->ws != NULL ? 0 : -1);
}

static void
api_live_begin(struct api *api)
{
	char	*cause = NULL;

	api->begun = 1;
	if (api_feature(api, "ws") == 0) {
		/* Not even tried now: /api/meta says there is none. */
		api_live_ws_new(api, &cause);
		free(cause);
		api_live_no_websocket(api, 0, "/api/meta lists no ws");
		return;
	}
	if (api_live_ws_new(api, &cause) != 0) {
		api_live_set(api, API_LINK_POLLING, API_REASON_NO_WEBSOCKET, 0,
		    cause);
		free(cause);
		api->no_ws = 1;
		api_live_poll_schedule(api);
		return;
	}
	api->backoff_ms = 0;
	api_live_connect(api);
}

void
api_set_poll_interval(struct api *api, uint64_t ms)
{
	if (ms < 1000)
		ms = 1000;
	if (ms == api->poll_ms)
		return;
	api->poll_ms = ms;
	if (!api->dead && uv_is_active((uv_handle_t *)&api->poll_timer))
		api_live_poll_schedule(api);
}

uint64_t
api_poll_interval(const struct api *api)
{
	return (api->poll_ms);
}

uint64_t
api_poll_floor(struct api *api)
{
	return (budget_gap(api->budget, api_now(api)));
}

void
api_live_init(struct api *api)
{
	api->link = API_LINK_OFFLINE;
	api->last_seq = -1;
	api->poll_ms = API_POLL_MS;
	api->rng = (uint32_t)(uv_hrtime() ^ ((uint64_t)getpid() << 16) ^
	    (uintptr_t)api) | 1;
	uv_timer_init(api->loop, &api->retry_timer);
	uv_timer_init(api->loop, &api->poll_timer);
	uv_timer_init(api->loop, &api->refresh_timer);
	api->retry_timer.data = api;
	api->poll_timer.data = api;
	api->refresh_timer.data = api;
}

static void
api_live_timer_closed(uv_handle_t *h)
{
	struct api	*api = h->data;

	if (--api->handles > 0)
		return;
	free(api->server);
	free(api->cacert);
	free(api->user_agent);
	budget_free(api->budget);
	free(api);
}

void
api_live_done(struct api *api)
{
	api->live = 0;
	wslink_free(api->ws);
	api->ws = NULL;
	api->handles = 4;
	uv_close((uv_handle_t *)&api->refresh_timer, api_live_timer_closed);
	uv_close((uv_handle_t *)&api->retry_timer, api_live_timer_closed);
	uv_close((uv_handle_t *)&api->poll_timer, api_live_timer_closed);
	uv_close((uv_handle_t *)&api->meta_timer, api_live_timer_closed);
}

int64_t
api_live_last_seq(const struct api *api)
{
	return (api->last_seq);
}
