/* Notifications (toasts): stored with their seq and published on the hub. */
#ifndef EVTOP_MOCK_NOTIFY_H
#define EVTOP_MOCK_NOTIFY_H

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

#endif
