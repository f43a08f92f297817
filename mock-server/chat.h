/*
 * An event's chat: any signed-in user may post while the event is not
 * cancelled (a cancelled event's chat stays readable); each message is
 * published as chat.message on the topic chat:ID.  A user may post at most
 * CHAT_RATE_COUNT messages in CHAT_RATE_WINDOW seconds, across events.
 */
#ifndef EVTOP_MOCK_CHAT_H
#define EVTOP_MOCK_CHAT_H

#include <jansson.h>
#include <stdint.h>
#include <time.h>

struct db;
struct mock;

#define CHAT_TEXT_MAX		1000	/* characters */
#define CHAT_LIMIT_DEFAULT	50
#define CHAT_LIMIT_MAX		200
#define CHAT_RATE_COUNT		5
#define CHAT_RATE_WINDOW	5	/* seconds */

enum chat_result {
	CHAT_OK = 0,
	CHAT_FAILED = -1,	/* database trouble */
	CHAT_NOT_FOUND = -2,	/* no such event or user */
	CHAT_CLOSED = -3,	/* the event is cancelled */
	CHAT_LIMITED = -4,	/* posting too fast */
};

/*
 * What is wrong with text as a message, to follow the field's name
 * ("must not be empty"), or NULL.  Reminders' messages obey it too.
 */
const char	*chat_text_problem(const char *text);

/*
 * Posts text (checked by chat_text_problem) by user to event.  Returns
 * CHAT_OK with the message in *out, or a negative result with a sentence
 * in *cause; CHAT_LIMITED sets *retry_after in seconds.
 */
int		 chat_post(struct mock *, int64_t event_id, int64_t user_id,
		     const char *text, time_t now, json_t **out,
		     int64_t *retry_after, char **cause);

/*
 * Up to limit messages of event, oldest first: those after the message id
 * since when has_since, else the latest ones.
 */
json_t		*chat_list_json(struct db *, int64_t event_id, int has_since,
		     int64_t since, int64_t limit);

#endif
