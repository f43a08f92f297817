#include "hub.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "json-util.h"
#include "xmalloc.h"

/* A serialized frame shared by the ring and any number of client queues. */
struct hub_msg {
	unsigned int	  refs;
	uint64_t	  seq;		/* 0: not part of the stream */
	enum hub_scope	  scope;
	int64_t		  owner;
	char		**topics;	/* NULL-terminated */
	char		 *text;
	size_t		  len;
};

struct hub_client {
	struct hub	 *hub;
	struct hub_client *next;
	struct hub_client *prev;

	void		(*wake)(void *);
	void		 *arg;

	int64_t		  user_id;	/* 0: not said */
	int		  sees_all;

	char		  topics[HUB_TOPICS_MAX][HUB_TOPIC_LEN];
	size_t		  ntopics;

	struct hub_msg	**queue;	/* circular, grows up to queue_max */
	size_t		  qsize;
	size_t		  qhead;
	size_t		  qlen;
	int		  overflowed;
};

struct hub {
	uint64_t	  seq;
	uint64_t	  evicted;	/* highest seq dropped from the ring */

	uint64_t	(*reserve)(uint64_t, void *);
	void		 *reserve_arg;
	uint64_t	  reserved;	/* the stored mark */

	struct hub_msg	**ring;		/* circular */
	size_t		  ring_size;
	size_t		  ring_head;
	size_t		  ring_len;

	size_t		  queue_max;
	struct hub_client *clients;
	size_t		  nclients;
};

static void
hub_msg_unref(struct hub_msg *msg)
{
	size_t	i;

	if (msg == NULL || --msg->refs > 0)
		return;
	for (i = 0; msg->topics != NULL && msg->topics[i] != NULL; i++)
		free(msg->topics[i]);
	free(msg->topics);
	free(msg->text);
	free(msg);
}

static struct hub_msg *
hub_msg_new(uint64_t seq, const char *const *topics, enum hub_scope scope,
    int64_t owner, json_t *frame)
{
	struct hub_msg	*msg;
	size_t		 n = 0, i;

	msg = xcalloc(1, sizeof *msg);
	msg->refs = 1;
	msg->seq = seq;
	msg->scope = scope;
	msg->owner = owner;
	while (topics != NULL && topics[n] != NULL)
		n++;
	msg->topics = xcalloc(n + 1, sizeof *msg->topics);
	for (i = 0; i < n; i++)
		msg->topics[i] = xstrdup(topics[i]);
	msg->text = json_dumps(frame, JSON_COMPACT);
	if (msg->text == NULL)
		abort();
	msg->len = strlen(msg->text);
	json_decref(frame);
	return (msg);
}

static json_t *
hub_envelope(uint64_t seq, const char *type, json_t *data)
{
	char	ts[32];

	json_util_format_time(clock_now(), ts, sizeof ts);
	if (data == NULL)
		data = json_object();
	return (json_pack("{sI ss ss so}", "seq", (json_int_t)seq,
	    "type", type, "ts", ts, "data", data));
}

struct hub *
hub_new(size_t ring_size, size_t queue_max)
{
	struct hub	*hub;

	hub = xcalloc(1, sizeof *hub);
	hub->ring_size = ring_size > 0 ? ring_size : HUB_RING_DEFAULT;
	hub->ring = xcalloc(hub->ring_size, sizeof *hub->ring);
	hub->queue_max = queue_max > 0 ? queue_max : HUB_QUEUE_DEFAULT;
	return (hub);
}

void
hub_free(struct hub *hub)
{
	size_t	i;

	if (hub == NULL)
		return;
	while (hub->clients != NULL)
		hub_client_free(hub->clients);
	for (i = 0; i < hub->ring_len; i++)
		hub_msg_unref(hub->ring[(hub->ring_head + i) % hub->ring_size]);
	free(hub->ring);
	free(hub);
}

uint64_t
hub_seq(const struct hub *hub)
{
	return (hub->seq);
}

uint64_t
hub_next_seq(const struct hub *hub)
{
	return (hub->seq + 1);
}

void
hub_start_at(struct hub *hub, uint64_t seq)
{
	if (hub->ring_len != 0 || seq <= hub->seq)
		return;
	hub->seq = seq;
	hub->evicted = seq;
}

/*
 * evicted is the last seq this process cannot give again: the one before
 * its first (what hub_start_at was told) until the ring is full, then the
 * last one dropped from it.  A client that has seen up to there misses
 * nothing the ring does not hold; one behind it missed what is gone.
 */
int
hub_can_replay(const struct hub *hub, uint64_t since)
{
	return (since >= hub->evicted && since <= hub->seq);
}

void
hub_set_reserve(struct hub *hub, uint64_t (*fn)(uint64_t, void *), void *arg)
{
	hub->reserve = fn;
	hub->reserve_arg = arg;
	hub->reserved = hub->seq;
}

size_t
hub_clients(const struct hub *hub)
{
	return (hub->nclients);
}

int
hub_topic_valid(const char *topic)
{
	static const char *const	 plain[] = {
		"events", "notifications", "campaigns"
	};
	static const char *const	 prefixed[] = { "event:", "chat:" };
	const char			*p;
	size_t				 i, n;

	if (strlen(topic) >= HUB_TOPIC_LEN)
		return (0);
	for (i = 0; i < sizeof plain / sizeof plain[0]; i++) {
		if (strcmp(topic, plain[i]) == 0)
			return (1);
	}
	for (i = 0; i < sizeof prefixed / sizeof prefixed[0]; i++) {
		n = strlen(prefixed[i]);
		if (strncmp(topic, prefixed[i], n) != 0)
			continue;
		p = topic + n;
		if (*p < '1' || *p > '9')
			return (0);
		while (*p >= '0' && *p <= '9')
			p++;
		return (*p == '\0' && p - (topic + n) <= 18);
	}
	return (0);
}

int64_t
hub_topic_event(const char *topic)
{
	const char	*p;

	if (!hub_topic_valid(topic) || (p = strchr(topic, ':')) == NULL)
		return (0);
	return (strtoll(p + 1, NULL, 10));
}

/* 1 when c may receive what is scoped so. */
static int
hub_client_in_scope(const struct hub_client *c, enum hub_scope scope,
    int64_t owner)
{
	int	sees;

	if (scope == HUB_SCOPE_ALL)
		return (1);
	sees = c->sees_all || (owner != 0 && c->user_id == owner);
	return (scope == HUB_SCOPE_OWNER ? sees : !sees);
}

static int
hub_msg_matches(const struct hub_msg *msg, const char (*topics)[HUB_TOPIC_LEN],
    size_t ntopics)
{
	size_t	i, j;

	for (i = 0; msg->topics[i] != NULL; i++) {
		for (j = 0; j < ntopics; j++) {
			if (strcmp(msg->topics[i], topics[j]) == 0)
				return (1);
		}
	}
	return (0);
}

/*
 * Doubles a full queue, up to queue_max.  Queues start small: most clients
 * hold a frame or two, and ten thousand of them at the full size would
 * cost 64 KB each.
 */
static void
hub_client_grow(struct hub_client *c)
{
	struct hub_msg	**queue;
	size_t		  size, i;

	size = c->qsize == 0 ? HUB_QUEUE_INITIAL : c->qsize * 2;
	if (size > c->hub->queue_max)
		size = c->hub->queue_max;
	queue = xcalloc(size, sizeof *queue);
	for (i = 0; i < c->qlen; i++)
		queue[i] = c->queue[(c->qhead + i) % c->qsize];
	free(c->queue);
	c->queue = queue;
	c->qsize = size;
	c->qhead = 0;
}

static void
hub_client_push(struct hub_client *c, struct hub_msg *msg)
{
	if (c->overflowed)
		return;
	if (c->qlen == c->hub->queue_max) {
		/* Too slow: forget its backlog; the glue drops it. */
		while (c->qlen > 0)
			hub_client_pop(c);
		c->overflowed = 1;
	} else {
		if (c->qlen == c->qsize)
			hub_client_grow(c);
		msg->refs++;
		c->queue[(c->qhead + c->qlen) % c->qsize] = msg;
		c->qlen++;
	}
	if (c->wake != NULL)
		c->wake(c->arg);
}

uint64_t
hub_publish(struct hub *hub, const char *const *topics, const char *type,
    json_t *data)
{
	return (hub_publish_to(hub, topics, HUB_SCOPE_ALL, 0, type, data));
}

uint64_t
hub_publish_to(struct hub *hub, const char *const *topics,
    enum hub_scope scope, int64_t owner, const char *type, json_t *data)
{
	struct hub_msg		*msg;
	struct hub_client	*c;
	size_t			 slot;

	if (hub->reserve != NULL && hub->seq + 1 > hub->reserved)
		hub->reserved = hub->reserve(hub->seq + 1, hub->reserve_arg);
	hub->seq++;
	msg = hub_msg_new(hub->seq, topics, scope, owner,
	    hub_envelope(hub->seq, type, data));

	if (hub->ring_len == hub->ring_size) {
		hub->evicted = hub->ring[hub->ring_head]->seq;
		hub_msg_unref(hub->ring[hub->ring_head]);
		hub->ring_head = (hub->ring_head + 1) % hub->ring_size;
		hub->ring_len--;
	}
	slot = (hub->ring_head + hub->ring_len) % hub->ring_size;
	hub->ring[slot] = msg;
	hub->ring_len++;

	for (c = hub->clients; c != NULL; c = c->next) {
		if (hub_client_in_scope(c, scope, owner) && hub_msg_matches(msg,
		    (const char (*)[HUB_TOPIC_LEN])c->topics, c->ntopics))
			hub_client_push(c, msg);
	}
	return (hub->seq);
}

static int
hub_client_drop(struct hub_client *c, const char *topic)
{
	size_t	j;

	for (j = 0; j < c->ntopics; j++) {
		if (strcmp(c->topics[j], topic) != 0)
			continue;
		memmove(c->topics[j], c->topics[j + 1],
		    (c->ntopics - j - 1) * HUB_TOPIC_LEN);
		c->ntopics--;
		return (1);
	}
	return (0);
}

size_t
hub_topic_revoke(struct hub *hub, const char *topic, enum hub_scope scope,
    int64_t owner)
{
	struct hub_client	*c;
	size_t			 n = 0;

	for (c = hub->clients; c != NULL; c = c->next) {
		if (hub_client_in_scope(c, scope, owner))
			n += hub_client_drop(c, topic);
	}
	return (n);
}

size_t
hub_replay_each(struct hub *hub, uint64_t since,
    void (*fn)(uint64_t, const char *, void *), void *arg)
{
	struct hub_msg	*msg;
	size_t		 i, n = 0;

	for (i = 0; i < hub->ring_len; i++) {
		msg = hub->ring[(hub->ring_head + i) % hub->ring_size];
		if (msg->seq > since) {
			fn(msg->seq, msg->text, arg);
			n++;
		}
	}
	return (n);
}

struct hub_client *
hub_client_new(struct hub *hub, void (*wake)(void *), void *arg)
{
	struct hub_client	*c;

	c = xcalloc(1, sizeof *c);
	c->hub = hub;
	c->wake = wake;
	c->arg = arg;
	c->next = hub->clients;
	if (hub->clients != NULL)
		hub->clients->prev = c;
	hub->clients = c;
	hub->nclients++;
	return (c);
}

void
hub_client_free(struct hub_client *c)
{
	struct hub	*hub;

	if (c == NULL)
		return;
	hub = c->hub;
	while (c->qlen > 0)
		hub_client_pop(c);
	if (c->prev != NULL)
		c->prev->next = c->next;
	else
		hub->clients = c->next;
	if (c->next != NULL)
		c->next->prev = c->prev;
	hub->nclients--;
	free(c->queue);
	free(c);
}

void
hub_client_set_user(struct hub_client *c, int64_t user_id, int sees_all)
{
	c->user_id = user_id;
	c->sees_all = sees_all;
}

void
hub_client_send_envelope(struct hub_client *c, const char *type, json_t *data)
{
	struct hub_msg	*msg;

	msg = hub_msg_new(0, NULL, HUB_SCOPE_ALL, 0,
	    hub_envelope(c->hub->seq, type, data));
	hub_client_push(c, msg);
	hub_msg_unref(msg);
}

void
hub_client_send_frame(struct hub_client *c, json_t *frame)
{
	struct hub_msg	*msg;

	msg = hub_msg_new(0, NULL, HUB_SCOPE_ALL, 0, frame);
	hub_client_push(c, msg);
	hub_msg_unref(msg);
}

static int
hub_client_has(const struct hub_client *c, const char *topic)
{
	size_t	i;

	for (i = 0; i < c->ntopics; i++) {
		if (strcmp(c->topics[i], topic) == 0)
			return (1);
	}
	return (0);
}

int
hub_client_subscribed(const struct hub_client *c, const char *topic)
{
	return (hub_client_has(c, topic));
}

int
hub_client_subscribe(struct hub_client *c, const json_t *topics,
    int has_since, uint64_t since, char **cause)
{
	struct hub		*hub = c->hub;
	char			 added[HUB_TOPICS_MAX][HUB_TOPIC_LEN];
	const json_t		*v;
	const char		*topic;
	struct hub_msg		*msg;
	size_t			 i, j, nadded = 0;

	if (!json_is_array(topics)) {
		*cause = xstrdup("topics must be an array of strings");
		return (-1);
	}
	json_array_foreach(topics, i, v) {
		if ((topic = json_string_value(v)) == NULL) {
			*cause = xstrdup("topics must be an array of strings");
			return (-1);
		}
		if (!hub_topic_valid(topic)) {
			xasprintf(cause, "unknown topic \"%.*s\"", 64, topic);
			return (-1);
		}
		if (hub_client_has(c, topic))
			continue;
		for (j = 0; j < nadded; j++) {
			if (strcmp(added[j], topic) == 0)
				break;
		}
		if (j < nadded)
			continue;
		if (c->ntopics + nadded >= HUB_TOPICS_MAX) {
			xasprintf(cause, "at most %d topics per connection",
			    HUB_TOPICS_MAX);
			return (-1);
		}
		snprintf(added[nadded++], HUB_TOPIC_LEN, "%s", topic);
	}

	if (has_since && nadded > 0) {
		if (!hub_can_replay(hub, since)) {
			hub_client_send_frame(c, json_pack("{ss sI}", "type",
			    "resync", "seq", (json_int_t)hub->seq));
		} else {
			for (i = 0; i < hub->ring_len; i++) {
				msg = hub->ring[(hub->ring_head + i) %
				    hub->ring_size];
				if (msg->seq <= since ||
				    !hub_client_in_scope(c, msg->scope,
				    msg->owner))
					continue;
				if (hub_msg_matches(msg,
				    (const char (*)[HUB_TOPIC_LEN])c->topics,
				    c->ntopics))
					continue;	/* already sent live */
				if (hub_msg_matches(msg,
				    (const char (*)[HUB_TOPIC_LEN])added,
				    nadded))
					hub_client_push(c, msg);
			}
		}
	}
	for (j = 0; j < nadded; j++)
		memcpy(c->topics[c->ntopics++], added[j], HUB_TOPIC_LEN);
	return (0);
}

void
hub_client_unsubscribe(struct hub_client *c, const json_t *topics)
{
	const json_t	*v;
	const char	*topic;
	size_t		 i;

	json_array_foreach(topics, i, v) {
		if ((topic = json_string_value(v)) != NULL)
			hub_client_drop(c, topic);
	}
}

const char *
hub_client_peek(const struct hub_client *c, size_t *len)
{
	return (hub_client_peek_at(c, 0, len));
}

const char *
hub_client_peek_at(const struct hub_client *c, size_t i, size_t *len)
{
	struct hub_msg	*msg;

	if (i >= c->qlen)
		return (NULL);
	msg = c->queue[(c->qhead + i) % c->qsize];
	*len = msg->len;
	return (msg->text);
}

void
hub_client_pop(struct hub_client *c)
{
	if (c->qlen == 0)
		return;
	hub_msg_unref(c->queue[c->qhead]);
	c->queue[c->qhead] = NULL;
	c->qhead = (c->qhead + 1) % c->qsize;
	c->qlen--;
}

int
hub_client_overflowed(const struct hub_client *c)
{
	return (c->overflowed);
}
