/* Notifications (toasts): stored with their seq and published on the hub. */
#ifndef EVTOP_MOCK_NOTIFY_H
#define EVTOP_MOCK_NOTIFY_H

#include <jansson.h>
#include <stdint.h>
#include <time.h>

struct mock;

/* 1 when level is info, success, warning or error. */
int	notify_level_valid(const char *level);

/*
 * Stores a notification and publishes it to the notifications topic.
 * event_id 0 means none.  Returns its seq, or 0 with *cause.
 */
uint64_t notify_post(struct mock *, const char *type, const char *level,
	    const char *title, const char *message, int64_t event_id,
	    time_t now, char **cause);

/*
 * notify_post in two halves, for a notification stored in the caller's
 * transaction (a reminder and its "sent" mark commit together):
 * notify_store keeps it under the seq the hub will use next and hands
 * back the envelope data; after the commit, and before anything else is
 * published, notify_publish sends it (data is stolen).  One notification
 * per transaction, since both would claim the same seq.
 */
uint64_t notify_store(struct mock *, const char *type, const char *level,
	    const char *title, const char *message, int64_t event_id,
	    time_t now, json_t **data, char **cause);
uint64_t notify_publish(struct mock *, json_t *data);

/* The highest seq stored (0 when none), where the hub resumes. */
uint64_t notify_last_seq(struct mock *);

#endif
