/*
 * A core-only Event API server on a thread of its own (see
 * support-core.h): one request per connection, answered (or, when a test
 * says so, dropped) and closed.
 */
#include "support-core.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uv.h>

#define CORE_WINDOW_MS	(15 * 60 * 1000)
#define CORE_LIMIT	100
#define CORE_USERS	4
#define CORE_SCRIPTS	8

/* The answer a test scripted for some requests (core_answer_next). */
struct core_script {
	char	*what;		/* NULL: a free slot */
	int	 n;		/* left to answer; -1 every one */
	char	*status;	/* NULL: dropped unanswered */
	char	*headers;
	char	*body;
};

struct core_server {
	struct core_options	 opts;
	char			 url[64];
	pthread_t		 thread;
	pthread_mutex_t		 lock;
	uv_loop_t		 loop;
	uv_tcp_t		 listener;
	uv_async_t		 stop;
	int			 started;	/* -1 failed, 1 listening */
	pthread_cond_t		 ready;

	uint64_t		 window_start;	/* uv_hrtime ms, 0 none */
	long			 used;		/* accepted in the window */
	int			 refuse;	/* the next n answer 429 */
	char			*refuse_what;	/* of these, or NULL */
	unsigned		 refuse_after;
	uint64_t		 last_ws;
	int			 revoked;	/* tokens refused till a login */
	int			 registered[CORE_USERS];
	int			 confirmed;
	struct core_script	 scripts[CORE_SCRIPTS];
	struct core_counts	 counts;
};

struct core_conn {
	struct core_server	*cs;
	uv_tcp_t		 tcp;
	char			 buf[16384];
	size_t			 len;
	uv_write_t		 wr;
	char			*out;
};

static const char core_html[] = "<!DOCTYPE html><html><head><title>"
    "Events</title></head><body><div id=\"root\"></div></body></html>";
static const char core_html_429[] = "<!DOCTYPE html><html><body><p>Too "
    "many requests from this IP, please try again after 15 minutes."
    "</p></body></html>";

static uint64_t
core_ms(void)
{
	return (uv_hrtime() / 1000000);
}

/* The client's seconds for real ms (rounded up). */
static unsigned long
core_seconds(const struct core_server *cs, uint64_t ms)
{
	uint64_t	scale = cs->opts.scale > 1 ? cs->opts.scale : 1;

	return ((unsigned long)((ms * scale + 999) / 1000));
}

static void
core_closed(uv_handle_t *h)
{
	struct core_conn	*c = h->data;

	free(c->out);
	free(c);
}

static void
core_written(uv_write_t *wr, int status)
{
	struct core_conn	*c = wr->data;

	(void)status;
	uv_close((uv_handle_t *)&c->tcp, core_closed);
}

static void
core_alloc(uv_handle_t *h, size_t hint, uv_buf_t *b)
{
	struct core_conn	*c = h->data;

	(void)hint;
	b->base = c->buf + c->len;
	b->len = sizeof c->buf - 1 - c->len;
}

static void
core_send(struct core_conn *c, const char *status, const char *type,
    const char *headers, const char *body)
{
	uv_buf_t	b;

	if (asprintf(&c->out, "HTTP/1.1 %s\r\nContent-Type: %s\r\n%s"
	    "Content-Length: %zu\r\nConnection: close\r\n\r\n%s", status,
	    type, headers, strlen(body), body) < 0)
		abort();
	b = uv_buf_init(c->out, (unsigned int)strlen(c->out));
	c->wr.data = c;
	uv_read_stop((uv_stream_t *)&c->tcp);
	uv_write(&c->wr, (uv_stream_t *)&c->tcp, &b, 1, core_written);
}

static void
core_json(struct core_conn *c, const char *status, const char *headers,
    const char *body)
{
	core_send(c, status, "application/json; charset=utf-8", headers,
	    body);
}

/* The user a Bearer token names: 2 or 3; 0 none; -1 a bad one. */
static int
core_user(const char *req)
{
	const char	*auth = strcasestr(req, "\r\nAuthorization: Bearer ");
	const char	*tok;
	size_t		 len;

	if (auth == NULL)
		return (0);
	tok = auth + 24;
	len = strcspn(tok, "\r");
	if (len == strlen(CORE_TOKEN_2) && strncmp(tok, CORE_TOKEN_2, len) == 0)
		return (2);
	if (len == strlen(CORE_TOKEN_3) && strncmp(tok, CORE_TOKEN_3, len) == 0)
		return (3);
	return (-1);
}

/* The rate limit: 1 when this request is over it (answered already). */
static int
core_limit(struct core_conn *c, char *headers, size_t size)
{
	struct core_server	*cs = c->cs;
	uint64_t		 now = core_ms(), window, left;
	unsigned		 limit;
	char			 page[512];
	const char		*x = cs->opts.x_headers ? "X-" : "";
	int			 refuse;

	window = cs->opts.window_ms != 0 ? cs->opts.window_ms :
	    CORE_WINDOW_MS;
	limit = cs->opts.limit != 0 ? cs->opts.limit : CORE_LIMIT;
	if (cs->window_start == 0 || now - cs->window_start >= window) {
		cs->window_start = now;
		cs->used = 0;
	}
	left = cs->window_start + window - now;
	refuse = cs->refuse > 0 && (cs->refuse_what == NULL ||
	    strncmp(c->buf, cs->refuse_what, strlen(cs->refuse_what)) == 0);
	if (refuse || cs->used >= (long)limit) {
		cs->counts.refused++;
		snprintf(page, sizeof page, "Retry-After: %lu\r\n"
		    "%sRateLimit-Limit: %u\r\n%sRateLimit-Remaining: 0\r\n"
		    "%sRateLimit-Reset: %lu\r\n", refuse ?
		    (unsigned long)cs->refuse_after : core_seconds(cs, left),
		    x, limit, x, x, core_seconds(cs, left));
		if (refuse)
			cs->refuse--;
		core_send(c, "429 Too Many Requests", "text/html", page,
		    core_html_429);
		return (1);
	}
	cs->used++;
	if (cs->used > cs->counts.worst)
		cs->counts.worst = cs->used;
	snprintf(headers, size, "%sRateLimit-Limit: %u\r\n"
	    "%sRateLimit-Remaining: %ld\r\n%sRateLimit-Reset: %lu\r\n", x, limit,
	    x, (long)limit - cs->used, x, core_seconds(cs, left));
	return (0);
}

static void
core_answer_kind(struct core_conn *c, enum core_answer kind,
    const char *headers)
{
	char	h[512];

	switch (kind) {
	case CORE_500:
		core_json(c, "500 Internal Server Error", headers,
		    "{\"message\":\"Something went wrong!\"}");
		return;
	case CORE_HTML:
		core_send(c, "200 OK", "text/html; charset=UTF-8", headers,
		    core_html);
		return;
	case CORE_429:
		snprintf(h, sizeof h, "Retry-After: 5\r\n%s", headers);
		core_send(c, "429 Too Many Requests", "text/html", h,
		    core_html_429);
		return;
	default:
		core_json(c, "404 Not Found", headers,
		    "{\"message\":\"Route not found\"}");
		return;
	}
}

static void
core_events(struct core_conn *c, const char *headers)
{
	char	body[512];

	snprintf(body, sizeof body, "{\"events\":[{\"id\":5,\"title\":"
	    "\"Core event\",\"description\":\"On a core server\","
	    "\"date_time\":\"2026-09-01T10:00:00.000Z\",\"location\":\"Hall\","
	    "\"max_capacity\":20,\"created_by\":2,\"creator_name\":\"Org\","
	    "\"current_registrations\":\"%d\",\"available_spots\":\"%d\"}],"
	    "\"total\":\"1\"}", c->cs->confirmed, 20 - c->cs->confirmed);
	core_json(c, "200 OK", headers, body);
}

static void
core_login(struct core_conn *c, const char *body, const char *headers)
{
	char	out[512];
	int	user;

	if (strstr(body, "\"email\"") == NULL) {
		core_json(c, "400 Bad Request", headers, "{\"errors\":[{"
		    "\"path\":\"email\",\"msg\":\"Valid email is required\"}]}");
		return;
	}
	if (strstr(body, "o@example.com") != NULL)
		user = 2;
	else if (strstr(body, "p@example.com") != NULL)
		user = 3;
	else {
		core_json(c, "401 Unauthorized", headers,
		    "{\"message\":\"Invalid credentials\"}");
		return;
	}
	c->cs->revoked = 0;	/* under the lock, as every route */
	snprintf(out, sizeof out, "{\"message\":\"Login successful\","
	    "\"user\":{\"id\":%d,\"email\":\"%s\",\"name\":\"User %d\"},"
	    "\"token\":\"%s\"}", user, user == 2 ? "o@example.com" :
	    "p@example.com", user, user == 2 ? CORE_TOKEN_2 : CORE_TOKEN_3);
	core_json(c, "200 OK", headers, out);
}

static void
core_register(struct core_conn *c, int user, int cancel, const char *headers)
{
	struct core_server	*cs = c->cs;
	char			 out[512];

	if (cancel) {
		if (!cs->registered[user]) {
			core_json(c, "404 Not Found", headers, "{\"message\":"
			    "\"Registration not found\"}");
			return;
		}
		cs->registered[user] = 0;
		cs->confirmed--;
		core_json(c, "200 OK", headers, "{\"message\":"
		    "\"Registration cancelled successfully\"}");
		return;
	}
	if (cs->registered[user]) {
		core_json(c, "400 Bad Request", headers, "{\"message\":"
		    "\"Already registered for this event\"}");
		return;
	}
	cs->registered[user] = 1;
	cs->confirmed++;
	snprintf(out, sizeof out, "{\"message\":\"Successfully registered for "
	    "event\",\"registration\":{\"id\":\"%d\",\"user_id\":\"%d\","
	    "\"event_id\":\"5\",\"registration_date\":"
	    "\"2026-08-01T10:00:00.000Z\",\"status\":\"confirmed\"}}",
	    10 + user, user);
	core_json(c, "201 Created", headers, out);
}

static int
core_is(const char *req, const char *method_path)
{
	size_t	len = strlen(method_path);

	return (strncmp(req, method_path, len) == 0 &&
	    (req[len] == ' ' || req[len] == '?'));
}

/* 1 when a request carries an Idempotency-Key of 32 hex digits. */
static int
core_keyed(const char *req)
{
	const char	*k = strcasestr(req, "\r\nIdempotency-Key: ");

	return (k != NULL && strspn(k + 19, "0123456789abcdef") == 32 &&
	    k[19 + 32] == '\r');
}

/* 1 for POST /api/events/ID/register, whatever the event. */
static int
core_is_register(const char *req)
{
	size_t	digits;

	if (strncmp(req, "POST /api/events/", 17) != 0)
		return (0);
	digits = strspn(req + 17, "0123456789");
	return (digits > 0 && core_is(req + 17 + digits, "/register"));
}

static struct core_script *
core_script_find(struct core_server *cs, const char *req)
{
	struct core_script	*sc;
	size_t			 i;

	for (i = 0; i < CORE_SCRIPTS; i++) {
		sc = &cs->scripts[i];
		if (sc->what != NULL && sc->n != 0 && core_is(req, sc->what))
			return (sc);
	}
	return (NULL);
}

static void
core_script_clear(struct core_script *sc)
{
	free(sc->what);
	free(sc->status);
	free(sc->headers);
	free(sc->body);
	memset(sc, 0, sizeof *sc);
}

/* Answers as a test scripted: 1 if it did (or dropped the request). */
static int
core_scripted(struct core_conn *c)
{
	struct core_script	*sc;

	if ((sc = core_script_find(c->cs, c->buf)) == NULL)
		return (0);
	if (sc->n > 0)
		sc->n--;
	if (sc->status == NULL) {
		uv_read_stop((uv_stream_t *)&c->tcp);
		uv_close((uv_handle_t *)&c->tcp, core_closed);
	} else
		core_json(c, sc->status, sc->headers, sc->body);
	return (1);
}

static void
core_route(struct core_conn *c, const char *body)
{
	struct core_server	*cs = c->cs;
	const char		*req = c->buf;
	char			 headers[512], out[256];
	int			 user;
	uint64_t		 now;

	cs->counts.requests++;
	if (strncmp(req, "POST ", 5) == 0 && core_keyed(req))
		cs->counts.keyed++;
	if (core_is_register(req))
		cs->counts.registers++;
	if (core_is(req, "GET /api/ws")) {
		now = core_ms();
		if (cs->last_ws != 0 && (cs->counts.ws_gap_ms == 0 ||
		    now - cs->last_ws < cs->counts.ws_gap_ms))
			cs->counts.ws_gap_ms = now - cs->last_ws;
		cs->last_ws = now;
		cs->counts.ws++;
	}
	if (core_is(req, "GET /api/meta"))
		cs->counts.meta++;
	if (core_is(req, "GET /api/events"))
		cs->counts.events++;
	if (core_is(req, "GET /api/notifications"))
		cs->counts.notifications++;
	if (core_scripted(c))
		return;
	if (core_limit(c, headers, sizeof headers))
		return;

	if (core_is(req, "GET /api/health")) {
		core_json(c, "200 OK", headers, "{\"status\":\"OK\"}");
		return;
	}
	if (core_is(req, "GET /api/ws")) {
		core_answer_kind(c, cs->opts.ws, headers);
		return;
	}
	if (core_is(req, "GET /api/meta")) {
		core_answer_kind(c, cs->opts.meta, headers);
		return;
	}
	if (core_is(req, "GET /api/events")) {
		core_events(c, headers);
		return;
	}
	if (core_is(req, "POST /api/auth/login")) {
		core_login(c, body, headers);
		return;
	}
	user = core_user(req);
	if (cs->revoked && user > 0)
		user = -1;
	if (core_is(req, "GET /api/users/profile") ||
	    core_is(req, "GET /api/users/stats") ||
	    core_is(req, "POST /api/events/5/register") ||
	    core_is(req, "DELETE /api/events/5/register") ||
	    core_is(req, "POST /api/events")) {
		if (user == 0) {
			core_json(c, "401 Unauthorized", headers,
			    "{\"message\":\"Access token required\"}");
			return;
		}
		if (user < 0) {
			core_json(c, "403 Forbidden", headers,
			    "{\"message\":\"Invalid token\"}");
			return;
		}
	}
	if (core_is(req, "GET /api/users/stats")) {
		/* COUNT(*) as PostgreSQL hands it to node: strings. */
		core_json(c, "200 OK", headers, "{\"stats\":{"
		    "\"events_created\":\"2\",\"events_registered\":\"1\","
		    "\"upcoming_events\":\"1\"}}");
		return;
	}
	if (core_is(req, "GET /api/users/profile")) {
		snprintf(out, sizeof out, "{\"user\":{\"id\":%d,"
		    "\"email\":\"%s\",\"name\":\"User %d\"}}", user, user == 2 ?
		    "o@example.com" : "p@example.com", user);
		core_json(c, "200 OK", headers, out);
	} else if (core_is(req, "POST /api/events/5/register"))
		core_register(c, user, 0, headers);
	else if (core_is(req, "DELETE /api/events/5/register"))
		core_register(c, user, 1, headers);
	else if (core_is(req, "POST /api/events"))
		core_json(c, "400 Bad Request", headers, "{\"errors\":[{"
		    "\"path\":\"title\",\"msg\":\"Title is required\"}]}");
	else
		core_json(c, "500 Internal Server Error", headers,
		    "{\"message\":\"Something went wrong!\"}");
}

static void
core_read(uv_stream_t *s, ssize_t n, const uv_buf_t *b)
{
	struct core_conn	*c = s->data;
	const char		*end, *cl;
	size_t			 body = 0;

	(void)b;
	if (n < 0) {
		uv_close((uv_handle_t *)&c->tcp, core_closed);
		return;
	}
	c->len += (size_t)n;
	c->buf[c->len] = '\0';
	if ((end = strstr(c->buf, "\r\n\r\n")) == NULL)
		return;
	if ((cl = strcasestr(c->buf, "\r\nContent-Length:")) != NULL &&
	    cl < end)
		body = strtoul(cl + 17, NULL, 10);
	if (c->len < (size_t)(end + 4 - c->buf) + body)
		return;
	pthread_mutex_lock(&c->cs->lock);
	core_route(c, end + 4);
	pthread_mutex_unlock(&c->cs->lock);
}

static void
core_accept(uv_stream_t *server, int status)
{
	struct core_conn	*c;

	if (status != 0)
		return;
	c = calloc(1, sizeof *c);
	c->cs = server->data;
	uv_tcp_init(server->loop, &c->tcp);
	c->tcp.data = c;
	if (uv_accept(server, (uv_stream_t *)&c->tcp) != 0) {
		uv_close((uv_handle_t *)&c->tcp, core_closed);
		return;
	}
	uv_read_start((uv_stream_t *)&c->tcp, core_alloc, core_read);
}

static void
core_close_one(uv_handle_t *h, void *arg)
{
	(void)arg;
	if (!uv_is_closing(h))
		uv_close(h, h->type == UV_TCP && h->data != NULL &&
		    h->data != arg ? core_closed : NULL);
}

static void
core_stopping(uv_async_t *a)
{
	struct core_server	*cs = a->data;

	uv_walk(&cs->loop, core_close_one, cs);
}

static void *
core_main(void *arg)
{
	struct core_server	*cs = arg;

	uv_run(&cs->loop, UV_RUN_DEFAULT);
	return (NULL);
}

struct core_server *
core_start(const struct core_options *opts)
{
	struct core_server	*cs = calloc(1, sizeof *cs);
	struct sockaddr_in	 sin;
	int			 len = sizeof sin;

	if (opts != NULL)
		cs->opts = *opts;
	pthread_mutex_init(&cs->lock, NULL);
	uv_loop_init(&cs->loop);
	uv_tcp_init(&cs->loop, &cs->listener);
	cs->listener.data = cs;
	uv_async_init(&cs->loop, &cs->stop, core_stopping);
	cs->stop.data = cs;
	uv_ip4_addr("127.0.0.1", 0, &sin);
	if (uv_tcp_bind(&cs->listener, (struct sockaddr *)&sin, 0) != 0 ||
	    uv_listen((uv_stream_t *)&cs->listener, 64, core_accept) != 0) {
		uv_close((uv_handle_t *)&cs->listener, NULL);
		uv_close((uv_handle_t *)&cs->stop, NULL);
		uv_run(&cs->loop, UV_RUN_DEFAULT);
		uv_loop_close(&cs->loop);
		free(cs);
		return (NULL);
	}
	uv_tcp_getsockname(&cs->listener, (struct sockaddr *)&sin, &len);
	snprintf(cs->url, sizeof cs->url, "http://127.0.0.1:%d",
	    ntohs(sin.sin_port));
	pthread_create(&cs->thread, NULL, core_main, cs);
	return (cs);
}

void
core_stop(struct core_server *cs)
{
	size_t	i;

	if (cs == NULL)
		return;
	uv_async_send(&cs->stop);
	pthread_join(cs->thread, NULL);
	uv_loop_close(&cs->loop);
	pthread_mutex_destroy(&cs->lock);
	for (i = 0; i < CORE_SCRIPTS; i++)
		core_script_clear(&cs->scripts[i]);
	free(cs->refuse_what);
	free(cs);
}

const char *
core_url(const struct core_server *cs)
{
	return (cs->url);
}

void
core_refuse_next(struct core_server *cs, const char *what, int n,
    unsigned seconds)
{
	pthread_mutex_lock(&cs->lock);
	free(cs->refuse_what);
	cs->refuse_what = what != NULL ? strdup(what) : NULL;
	cs->refuse = n;
	cs->refuse_after = seconds;
	pthread_mutex_unlock(&cs->lock);
}

/* Sets the script for what; status NULL drops the requests. */
static void
core_script_set(struct core_server *cs, const char *what, int n,
    const char *status, const char *headers, const char *body)
{
	struct core_script	*sc, *free_slot = NULL;
	size_t			 i;

	pthread_mutex_lock(&cs->lock);
	for (i = 0; i < CORE_SCRIPTS; i++) {
		sc = &cs->scripts[i];
		if (sc->what != NULL && strcmp(sc->what, what) == 0)
			break;
		if (free_slot == NULL && (sc->what == NULL || sc->n == 0))
			free_slot = sc;
	}
	if (i == CORE_SCRIPTS)
		sc = free_slot;
	if (sc == NULL) {
		fprintf(stderr, "core: more than %d scripts\n", CORE_SCRIPTS);
		abort();
	}
	core_script_clear(sc);
	if (n != 0) {
		sc->what = strdup(what);
		sc->n = n;
		if (status != NULL) {
			sc->status = strdup(status);
			sc->headers = strdup(headers != NULL ? headers : "");
			sc->body = strdup(body != NULL ? body : "");
		}
	}
	pthread_mutex_unlock(&cs->lock);
}

void
core_answer_next(struct core_server *cs, const char *what, int n,
    const char *status, const char *headers, const char *body)
{
	core_script_set(cs, what, n, status, headers, body);
}

void
core_drop_next(struct core_server *cs, const char *what, int n)
{
	core_script_set(cs, what, n, NULL, NULL, NULL);
}

void
core_revoke(struct core_server *cs)
{
	pthread_mutex_lock(&cs->lock);
	cs->revoked = 1;
	pthread_mutex_unlock(&cs->lock);
}

void
core_counts(struct core_server *cs, struct core_counts *out)
{
	pthread_mutex_lock(&cs->lock);
	*out = cs->counts;
	pthread_mutex_unlock(&cs->lock);
}

void
core_reset(struct core_server *cs)
{
	pthread_mutex_lock(&cs->lock);
	memset(&cs->counts, 0, sizeof cs->counts);
	cs->window_start = 0;
	cs->used = 0;
	cs->last_ws = 0;
	pthread_mutex_unlock(&cs->lock);
}

int
core_registrations(struct core_server *cs)
{
	int	n;

	pthread_mutex_lock(&cs->lock);
	n = cs->confirmed;
	pthread_mutex_unlock(&cs->lock);
	return (n);
}
