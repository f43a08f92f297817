/*
 * What runs behind an event: invitation campaigns, the mail log, the job
 * queues, reminders and the event's chat.
 */
#include <stdlib.h>

#include "model-calls.h"
#include "model-private.h"
#include "xmalloc.h"

static const struct model_field model_campaign_fields[] = {
	{ "id", MODEL_COUNT, offsetof(struct campaign, id), 1 },
	{ "event_id", MODEL_COUNT, offsetof(struct campaign, event_id), 0 },
	{ "status", MODEL_WORD, offsetof(struct campaign, status), 0 },
	{ "total", MODEL_COUNT, offsetof(struct campaign, total), 0 },
	{ "queued", MODEL_COUNT, offsetof(struct campaign, queued), 0 },
	{ "active", MODEL_COUNT, offsetof(struct campaign, active), 0 },
	{ "delayed", MODEL_COUNT, offsetof(struct campaign, delayed), 0 },
	{ "sent", MODEL_COUNT, offsetof(struct campaign, sent), 0 },
	{ "failed", MODEL_COUNT, offsetof(struct campaign, failed), 0 },
	{ "created_at", MODEL_TIME, offsetof(struct campaign, created_at), 0 },
	{ "updated_at", MODEL_TIME, offsetof(struct campaign, updated_at), 0 },
	{ "finished_at", MODEL_TIME, offsetof(struct campaign, finished_at),
	  0 },
};

static const struct model_field model_email_log_fields[] = {
	{ "id", MODEL_COUNT, offsetof(struct email_log, id), 0 },
	{ "campaign_id", MODEL_COUNT, offsetof(struct email_log, campaign_id),
	  0 },
	{ "guest_id", MODEL_COUNT, offsetof(struct email_log, guest_id), 0 },
	{ "email", MODEL_STRING, offsetof(struct email_log, email), 0 },
	{ "status", MODEL_WORD, offsetof(struct email_log, status), 0 },
	{ "attempts", MODEL_COUNT, offsetof(struct email_log, attempts), 0 },
	{ "error", MODEL_STRING, offsetof(struct email_log, error), 0 },
	{ "updated_at", MODEL_TIME, offsetof(struct email_log, updated_at),
	  0 },
};

static const struct model_field model_queue_fields[] = {
	{ "name", MODEL_WORD, offsetof(struct queue, name), 1 },
	{ "waiting", MODEL_COUNT, offsetof(struct queue, waiting), 0 },
	{ "active", MODEL_COUNT, offsetof(struct queue, active), 0 },
	{ "completed", MODEL_COUNT, offsetof(struct queue, completed), 0 },
	{ "failed", MODEL_COUNT, offsetof(struct queue, failed), 0 },
	{ "delayed", MODEL_COUNT, offsetof(struct queue, delayed), 0 },
};

static const struct model_field model_reminder_fields[] = {
	{ "id", MODEL_COUNT, offsetof(struct reminder, id), 1 },
	{ "event_id", MODEL_COUNT, offsetof(struct reminder, event_id), 0 },
	{ "created_by", MODEL_COUNT, offsetof(struct reminder, created_by),
	  0 },
	{ "message", MODEL_TEXT, offsetof(struct reminder, message), 0 },
	{ "status", MODEL_WORD, offsetof(struct reminder, status), 0 },
	{ "at", MODEL_TIME, offsetof(struct reminder, at), 0 },
	{ "created_at", MODEL_TIME, offsetof(struct reminder, created_at), 0 },
	{ "sent_at", MODEL_TIME, offsetof(struct reminder, sent_at), 0 },
};

static const struct model_field model_chat_fields[] = {
	{ "id", MODEL_COUNT, offsetof(struct chat_message, id), 1 },
	{ "event_id", MODEL_COUNT, offsetof(struct chat_message, event_id),
	  0 },
	{ "user_id", MODEL_COUNT, offsetof(struct chat_message, user_id), 0 },
	{ "user_name", MODEL_STRING, offsetof(struct chat_message, user_name),
	  0 },
	{ "text", MODEL_TEXT, offsetof(struct chat_message, text), 1 },
	{ "created_at", MODEL_TIME, offsetof(struct chat_message, created_at),
	  0 },
};

int
model_parse_campaign(const json_t *j, void *out, char **cause)
{
	return (model_fields_read("campaign", model_campaign_fields,
	    nitems(model_campaign_fields), j, out, cause));
}

void
campaign_done(struct campaign *c)
{
	model_fields_done(model_campaign_fields,
	    nitems(model_campaign_fields), c);
}

int
model_parse_email_log(const json_t *j, void *out, char **cause)
{
	return (model_fields_read("mail log", model_email_log_fields,
	    nitems(model_email_log_fields), j, out, cause));
}

void
email_log_done(struct email_log *l)
{
	model_fields_done(model_email_log_fields,
	    nitems(model_email_log_fields), l);
}

int
model_parse_queue(const json_t *j, void *out, char **cause)
{
	return (model_fields_read("queue", model_queue_fields,
	    nitems(model_queue_fields), j, out, cause));
}

void
queue_done(struct queue *q)
{
	model_fields_done(model_queue_fields, nitems(model_queue_fields), q);
}

int
model_parse_reminder(const json_t *j, void *out, char **cause)
{
	return (model_fields_read("reminder", model_reminder_fields,
	    nitems(model_reminder_fields), j, out, cause));
}

void
reminder_done(struct reminder *r)
{
	model_fields_done(model_reminder_fields,
	    nitems(model_reminder_fields), r);
}

int
model_parse_chat_message(const json_t *j, void *out, char **cause)
{
	return (model_fields_read("chat message", model_chat_fields,
	    nitems(model_chat_fields), j, out, cause));
}

void
chat_message_done(struct chat_message *m)
{
	model_fields_done(model_chat_fields, nitems(model_chat_fields), m);
}

static void
model_type_campaign_done(void *v)
{
	campaign_done(v);
}

static void
model_type_email_log_done(void *v)
{
	email_log_done(v);
}

static void
model_type_queue_done(void *v)
{
	queue_done(v);
}

static void
model_type_reminder_done(void *v)
{
	reminder_done(v);
}

static void
model_type_chat_done(void *v)
{
	chat_message_done(v);
}

const struct model_type model_type_campaign = {
	.name = "campaign", .one = "campaign", .many = "campaigns",
	.size = sizeof (struct campaign),
	.parse = model_parse_campaign, .done = model_type_campaign_done,
};

const struct model_type model_type_email_log = {
	.name = "mail log", .one = "log", .many = "logs",
	.size = sizeof (struct email_log),
	.parse = model_parse_email_log, .done = model_type_email_log_done,
};

const struct model_type model_type_queue = {
	.name = "queue", .one = "queue", .many = "queues",
	.size = sizeof (struct queue),
	.parse = model_parse_queue, .done = model_type_queue_done,
};

const struct model_type model_type_reminder = {
	.name = "reminder", .one = "reminder", .many = "reminders",
	.size = sizeof (struct reminder),
	.parse = model_parse_reminder, .done = model_type_reminder_done,
};

/* POST answers {"message":{...}}: the message is the chat message. */
const struct model_type model_type_chat_message = {
	.name = "chat message", .one = "message", .many = "messages",
	.size = sizeof (struct chat_message),
	.parse = model_parse_chat_message, .done = model_type_chat_done,
};
