#include "events-form.h"

#include <stdlib.h>
#include <string.h>

#include "events.h"
#include "json-util.h"
#include "validate.h"
#include "xmalloc.h"

static void
events_form_date_time(struct events_form *f, const json_t *body, int partial)
{
	const json_t	*v;

	v = json_object_get(body, "date_time");
	if ((v == NULL || json_is_null(v)) && partial)
		return;
	if (v == NULL || json_is_null(v)) {
		validate_error(f->errors, "date_time",
		    "Date and time is required");
		return;
	}
	if (!json_is_string(v) ||
	    json_util_parse_time(json_string_value(v), &f->date_time) != 0) {
		validate_error(f->errors, "date_time", "Date and time must be "
		    "an ISO 8601 date-time such as 2026-06-15T09:00:00Z");
		return;
	}
	f->has_date_time = 1;
}

static void
events_form_capacity(struct events_form *f, const json_t *body, int partial)
{
	const json_t	*v;
	int64_t		 n;

	v = json_object_get(body, "max_capacity");
	if ((v == NULL || json_is_null(v)) && partial)
		return;
	if (v == NULL || json_is_null(v)) {
		validate_error(f->errors, "max_capacity",
		    "Capacity is required");
		return;
	}
	/* A count as elsewhere: 40, 40.0 or "40". */
	if (json_util_value_count(v, &n) != 0 || n < 1 ||
	    n > EVENTS_FORM_CAPACITY_MAX) {
		validate_error(f->errors, "max_capacity", "Capacity must be a "
		    "whole number from 1 to %d", EVENTS_FORM_CAPACITY_MAX);
		return;
	}
	f->max_capacity = n;
}

static void
events_form_status(struct events_form *f, const json_t *body)
{
	if (validate_text(f->errors, body, "status", "Status", 1, 16, 0,
	    &f->status) != 1)
		return;
	if (!events_status_valid(f->status)) {
		validate_error(f->errors, "status",
		    "Status must be draft, published or cancelled");
		free(f->status);
		f->status = NULL;
	}
}

size_t
events_form_read(struct events_form *f, const json_t *body, int partial)
{
	memset(f, 0, sizeof *f);
	f->errors = json_array();

	validate_text(f->errors, body, "title", "Title", 1,
	    EVENTS_FORM_TITLE_MAX, !partial, &f->title);
	/* Optional: null or absent is an empty description on creation. */
	if (validate_text(f->errors, body, "description", "Description", 0,
	    EVENTS_FORM_DESCRIPTION_MAX, 0, &f->description) == 0 &&
	    json_is_null(json_object_get(body, "description")))
		f->description = xstrdup("");
	events_form_date_time(f, body, partial);
	validate_text(f->errors, body, "location", "Location", 1,
	    EVENTS_FORM_LOCATION_MAX, !partial, &f->location);
	events_form_capacity(f, body, partial);
	events_form_status(f, body);
	validate_text(f->errors, body, "category", "Category", 1,
	    EVENTS_FORM_CATEGORY_MAX, 0, &f->category);
	return (json_array_size(f->errors));
}

void
events_form_done(struct events_form *f)
{
	free(f->title);
	free(f->description);
	free(f->location);
	free(f->status);
	free(f->category);
	json_decref(f->errors);
	memset(f, 0, sizeof *f);
}

void
events_form_to_new(const struct events_form *f, struct event_new *ev)
{
	memset(ev, 0, sizeof *ev);
	ev->title = f->title;
	ev->description = f->description;
	ev->date_time = f->date_time;
	ev->location = f->location;
	ev->max_capacity = f->max_capacity;
	ev->status = f->status;
	ev->category = f->category;
}

void
events_form_to_edit(const struct events_form *f, struct event_edit *ed)
{
	memset(ed, 0, sizeof *ed);
	ed->title = f->title;
	ed->description = f->description;
	ed->has_date_time = f->has_date_time;
	ed->date_time = f->date_time;
	ed->location = f->location;
	ed->max_capacity = f->max_capacity;
	ed->status = f->status;
	ed->category = f->category;
}
