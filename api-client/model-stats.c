/*
 * Counts: a user's, every event's together, and one event's with its
 * per-minute timeline.
 */
#include <stdlib.h>

#include "model-calls.h"
#include "model-private.h"
#include "xmalloc.h"

/* A day of minutes and then some; a longer timeline is cut. */
#define MODEL_TIMELINE_MAX	10080

static const struct model_field model_user_stats_fields[] = {
	{ "events_created", MODEL_COUNT,
	  offsetof(struct user_stats, events_created), 0 },
	{ "events_registered", MODEL_COUNT,
	  offsetof(struct user_stats, events_registered), 0 },
	{ "upcoming_events", MODEL_COUNT,
	  offsetof(struct user_stats, upcoming_events), 0 },
};

static const struct model_field model_rsvp_fields[] = {
	{ "accepted", MODEL_COUNT, offsetof(struct rsvp_counts, accepted), 0 },
	{ "declined", MODEL_COUNT, offsetof(struct rsvp_counts, declined), 0 },
	{ "pending", MODEL_COUNT, offsetof(struct rsvp_counts, pending), 0 },
	{ "waitlisted", MODEL_COUNT, offsetof(struct rsvp_counts, waitlisted),
	  0 },
};

static const struct model_field model_global_fields[] = {
	{ "events", MODEL_COUNT, offsetof(struct global_stats, events), 0 },
	{ "upcoming", MODEL_COUNT, offsetof(struct global_stats, upcoming), 0 },
	{ "confirmed", MODEL_COUNT, offsetof(struct global_stats, confirmed),
	  0 },
	{ "waitlisted", MODEL_COUNT, offsetof(struct global_stats, waitlisted),
	  0 },
	{ "checked_in", MODEL_COUNT, offsetof(struct global_stats, checked_in),
	  0 },
	{ "guests", MODEL_COUNT, offsetof(struct global_stats, guests), 0 },
};

static const struct model_field model_event_stats_fields[] = {
	{ "event_id", MODEL_COUNT, offsetof(struct event_stats, event_id), 0 },
	{ "capacity", MODEL_COUNT, offsetof(struct event_stats, capacity), 0 },
	{ "confirmed", MODEL_COUNT, offsetof(struct event_stats, confirmed),
	  0 },
	{ "waitlisted", MODEL_COUNT, offsetof(struct event_stats, waitlisted),
	  0 },
	{ "checked_in", MODEL_COUNT, offsetof(struct event_stats, checked_in),
	  0 },
	{ "available", MODEL_COUNT, offsetof(struct event_stats, available),
	  0 },
	{ "guests", MODEL_COUNT, offsetof(struct event_stats, guests), 0 },
	{ "inside", MODEL_COUNT, offsetof(struct event_stats, inside), 0 },
	{ "bucket_seconds", MODEL_COUNT,
	  offsetof(struct event_stats, bucket_seconds), 0 },
};

static const struct model_field model_bucket_fields[] = {
	{ "t", MODEL_TIME, offsetof(struct stats_bucket, t), 1 },
	{ "confirmed", MODEL_COUNT, offsetof(struct stats_bucket, confirmed),
	  0 },
	{ "checked_in", MODEL_COUNT, offsetof(struct stats_bucket, checked_in),
	  0 },
};

int
model_parse_user_stats(const json_t *j, void *out, char **cause)
{
	return (model_fields_read("stats", model_user_stats_fields,
	    nitems(model_user_stats_fields), j, out, cause));
}

/* {"rsvp":{...}} inside stats: all -1 when absent. */
static int
model_rsvp(const json_t *j, struct rsvp_counts *r, char **cause)
{
	const json_t	*v = json_object_get(j, "rsvp");

	if (v == NULL || json_is_null(v)) {
		model_fields_init(model_rsvp_fields, nitems(model_rsvp_fields),
		    r);
		return (0);
	}
	return (model_fields_read("stats: rsvp", model_rsvp_fields,
	    nitems(model_rsvp_fields), v, r, cause));
}

int
model_parse_global_stats(const json_t *j, void *out, char **cause)
{
	struct global_stats	*s = out;

	if (model_fields_read("stats", model_global_fields,
	    nitems(model_global_fields), j, out, cause) != 0)
		return (-1);
	return (model_rsvp(j, &s->rsvp, cause));
}

int
model_parse_event_stats(const json_t *j, void *out, char **cause)
{
	struct event_stats	*s = out;
	const json_t		*tl;
	size_t			 i, n;
	char			*why = NULL;

	s->timeline = NULL;
	s->ntimeline = 0;
	if (model_fields_read("stats", model_event_stats_fields,
	    nitems(model_event_stats_fields), j, out, cause) != 0 ||
	    model_rsvp(j, &s->rsvp, cause) != 0)
		return (-1);
	tl = json_object_get(j, "timeline");
	if (tl != NULL && !json_is_null(tl) && !json_is_array(tl)) {
		if (cause != NULL)
			*cause = xstrdup("stats: field \"timeline\" should be "
			    "a list");
		return (-1);
	}
	n = json_array_size(tl);
	if (n > MODEL_TIMELINE_MAX)
		n = MODEL_TIMELINE_MAX;
	s->timeline = xcalloc(n > 0 ? n : 1, sizeof *s->timeline);
	for (i = 0; i < n; i++) {
		if (model_fields_read("timeline", model_bucket_fields,
		    nitems(model_bucket_fields), json_array_get(tl, i),
		    &s->timeline[i], &why) != 0) {
			if (cause != NULL)
				xasprintf(cause, "minute %zu of the stats: %s",
				    i + 1, why);
			free(why);
			event_stats_done(s);
			return (-1);
		}
	}
	s->ntimeline = n;
	return (0);
}

void
event_stats_done(struct event_stats *s)
{
	free(s->timeline);
	s->timeline = NULL;
	s->ntimeline = 0;
}

static void
model_type_nothing_done(void *v)
{
	(void)v;
}

static void
model_type_event_stats_done(void *v)
{
	event_stats_done(v);
}

const struct model_type model_type_user_stats = {
	.name = "stats", .one = "stats", .many = "stats",
	.size = sizeof (struct user_stats),
	.parse = model_parse_user_stats, .done = model_type_nothing_done,
};

const struct model_type model_type_global_stats = {
	.name = "stats", .one = "stats", .many = "stats",
	.size = sizeof (struct global_stats),
	.parse = model_parse_global_stats, .done = model_type_nothing_done,
};

const struct model_type model_type_event_stats = {
	.name = "stats", .one = "stats", .many = "stats",
	.size = sizeof (struct event_stats),
	.parse = model_parse_event_stats, .done = model_type_event_stats_done,
};
