/*
 * The WebSocket fan-out: clients, their topics, and envelopes
 * {"seq":N,"type":"...","ts":"...","data":{...}} with one global, strictly
 * increasing seq.  The last envelopes stay in a bounded ring so a client
 * that reconnects with "since" gets what it missed, or a resync frame when
 * the gap is older than the ring.
 *
 * The hub knows nothing of sockets: each client has a bounded queue of
 * frames and a wake callback; the WebSocket glue drains the queue when the
 * socket is writable.  A client whose queue overflows is marked and must be
 * dropped (it reconnects and replays).
 *
 * Nor does it know events or roles.  An envelope may be scoped to an owner
 * (a draft's creator): it then reaches only the clients signed in as that
 * user and those that see everything (admins), live and in replay alike;
 * a client that has not said who it is sees only unscoped envelopes.
 */
#ifndef EVTOP_MOCK_HUB_H
#define EVTOP_MOCK_HUB_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

struct hub;
struct hub_client;

#define HUB_RING_DEFAULT	4096
#define HUB_QUEUE_DEFAULT	8192
#define HUB_QUEUE_INITIAL	16	/* a queue grows from this size */
#define HUB_TOPICS_MAX		64
#define HUB_TOPIC_LEN		48

/* Who receives an envelope (hub_publish_to), or loses a topic. */
enum hub_scope {
	HUB_SCOPE_ALL,		/* every subscriber */
	HUB_SCOPE_OWNER,	/* the owner and the clients that see all */
	HUB_SCOPE_OTHERS	/* every subscriber but those */
};

struct hub	*hub_new(size_t ring_size, size_t queue_max);
/* Frees the hub; every client must have been freed first. */
void		 hub_free(struct hub *);

/* The seq of the last published envelope (0 before the first). */
uint64_t	 hub_seq(const struct hub *);
/* The seq the next hub_publish will use. */
uint64_t	 hub_next_seq(const struct hub *);
/*
 * Before anything is published: continue the stream after seq (the last
 * one an earlier run may have published), so seqs keep increasing across
 * restarts.  A client asking to replay from before it gets a resync.
 */
void		 hub_start_at(struct hub *, uint64_t seq);
/*
 * 1 when a client that has seen the stream up to since can be given
 * everything after it: since is neither ahead of the stream nor older
 * than what this process still holds (the first seq it published, less
 * one, until the ring starts dropping envelopes).
 */
int		 hub_can_replay(const struct hub *, uint64_t since);
/*
 * With fn, the stream never goes past a mark fn has stored: before
 * publishing a seq above the mark, the hub calls fn(seq, arg), which
 * stores a new mark (at least seq) and returns it.  A run that ends
 * without saying where it stopped can then start after the mark.
 */
void		 hub_set_reserve(struct hub *,
		     uint64_t (*fn)(uint64_t seq, void *), void *arg);
size_t		 hub_clients(const struct hub *);

/*
 * Publishes an envelope of type with data (the reference is stolen) to the
 * NULL-terminated list of topics.  Returns its seq.
 */
uint64_t	 hub_publish(struct hub *, const char *const *topics,
		     const char *type, json_t *data);
/* The same, for the clients scope and owner name (hub_client_set_user). */
uint64_t	 hub_publish_to(struct hub *, const char *const *topics,
		     enum hub_scope, int64_t owner, const char *type,
		     json_t *data);
/*
 * Ends the subscriptions to topic of the clients in scope (an event that
 * is gone or hidden from them).  Returns how many lost it.
 */
size_t		 hub_topic_revoke(struct hub *, const char *topic,
		     enum hub_scope, int64_t owner);

/*
 * Calls fn for each envelope still in the ring with seq > since, oldest
 * first; returns how many.  For tests and replay.
 */
size_t		 hub_replay_each(struct hub *, uint64_t since,
		     void (*fn)(uint64_t seq, const char *text, void *),
		     void *arg);

/* 1 when topic is one the hub knows: events, notifications, event:ID... */
int		 hub_topic_valid(const char *topic);
/* The event a valid "event:ID" or "chat:ID" topic names, else 0. */
int64_t		 hub_topic_event(const char *topic);

struct hub_client *hub_client_new(struct hub *, void (*wake)(void *),
		     void *arg);
void		 hub_client_free(struct hub_client *);
/*
 * Who the client is: user_id receives what is scoped to it, sees_all
 * everything.  Until this is called, only unscoped envelopes.
 */
void		 hub_client_set_user(struct hub_client *, int64_t user_id,
		     int sees_all);

/*
 * Sends an envelope that is not part of the stream (hello, error): it
 * carries the current seq and is never replayed.  data is stolen.
 */
void		 hub_client_send_envelope(struct hub_client *,
		     const char *type, json_t *data);
/* Sends a bare frame such as {"type":"pong"}; frame is stolen. */
void		 hub_client_send_frame(struct hub_client *, json_t *frame);

/*
 * Adds topics (a JSON array of strings).  With has_since, replays stored
 * envelopes newer than since for the new topics, or queues a resync frame
 * when some are gone.  Returns 0, or -1 with *cause (nothing changes).
 */
int		 hub_client_subscribe(struct hub_client *, const json_t *topics,
		     int has_since, uint64_t since, char **cause);
/* Removes topics; unknown ones are ignored. */
void		 hub_client_unsubscribe(struct hub_client *,
		     const json_t *topics);
int		 hub_client_subscribed(const struct hub_client *,
		     const char *topic);

/* The next frame to write (NULL when none) and dropping it once written. */
const char	*hub_client_peek(const struct hub_client *, size_t *len);
/* The frame i places behind the next one (0: the next), or NULL. */
const char	*hub_client_peek_at(const struct hub_client *, size_t i,
		     size_t *len);
void		 hub_client_pop(struct hub_client *);
/* 1 when the queue overflowed: drop the client. */
int		 hub_client_overflowed(const struct hub_client *);

#endif
