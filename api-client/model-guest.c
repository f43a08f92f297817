/*
 * Guests and what is done with them: a guest, the result of an import, a
 * check-in at the door (a 409 included: "already checked in, first at
 * T"), and the registration rows of an event or a user.
 */
#include <stdlib.h>
#include <string.h>

#include "json-util.h"
#include "model-calls.h"
#include "model-private.h"
#include "text.h"
#include "xmalloc.h"

/* Import errors past this are counted by the server, not kept here. */
#define MODEL_IMPORT_ERRORS_MAX	1000

static const struct model_field model_guest_fields[] = {
	{ "id", MODEL_COUNT, offsetof(struct guest, id), 1 },
	{ "event_id", MODEL_COUNT, offsetof(struct guest, event_id), 0 },
	{ "user_id", MODEL_COUNT, offsetof(struct guest, user_id), 0 },
	{ "name", MODEL_STRING, offsetof(struct guest, name), 0 },
	{ "email", MODEL_STRING, offsetof(struct guest, email), 0 },
	{ "phone", MODEL_STRING, offsetof(struct guest, phone), 0 },
	{ "rsvp_status", MODEL_WORD, offsetof(struct guest, rsvp_status), 0 },
	{ "ticket_code", MODEL_WORD, offsetof(struct guest, ticket_code), 0 },
	{ "invited_at", MODEL_TIME, offsetof(struct guest, invited_at), 0 },
	{ "responded_at", MODEL_TIME, offsetof(struct guest, responded_at),
	  0 },
	{ "checked_in_at", MODEL_TIME, offsetof(struct guest, checked_in_at),
	  0 },
	{ "notes", MODEL_TEXT, offsetof(struct guest, notes), 0 },
	{ "version", MODEL_COUNT, offsetof(struct guest, version), 0 },
	{ "rsvp_token", MODEL_TEXT, offsetof(struct guest, rsvp_token), 0 },
};

static const struct model_field model_row_fields[] = {
	{ "id", MODEL_COUNT, offsetof(struct registration_row, id), 1 },
	{ "user_id", MODEL_COUNT, offsetof(struct registration_row, user_id),
	  0 },
	{ "event_id", MODEL_COUNT,
	  offsetof(struct registration_row, event_id), 0 },
	{ "status", MODEL_WORD, offsetof(struct registration_row, status), 0 },
	{ "registration_date", MODEL_TIME,
	  offsetof(struct registration_row, registration_date), 0 },
	{ "checked_in_at", MODEL_TIME,
	  offsetof(struct registration_row, checked_in_at), 0 },
	{ "user_name", MODEL_STRING,
	  offsetof(struct registration_row, user_name), 0 },
	{ "user_email", MODEL_STRING,
	  offsetof(struct registration_row, user_email), 0 },
	{ "title", MODEL_STRING, offsetof(struct registration_row, title), 0 },
	{ "date_time", MODEL_TIME,
	  offsetof(struct registration_row, date_time), 0 },
	{ "location", MODEL_STRING,
	  offsetof(struct registration_row, location), 0 },
};

static const struct model_field model_import_fields[] = {
	{ "imported", MODEL_COUNT, offsetof(struct guest_import, imported),
	  1 },
	{ "skipped", MODEL_COUNT, offsetof(struct guest_import, skipped), 0 },
};

static const struct model_field model_import_error_fields[] = {
	{ "index", MODEL_COUNT, offsetof(struct import_error, index), 0 },
	{ "field", MODEL_WORD, offsetof(struct import_error, field), 0 },
	{ "message", MODEL_STRING, offsetof(struct import_error, message),
	  0 },
};

static const struct model_field model_checkin_fields[] = {
	{ "checked_in_at", MODEL_TIME, offsetof(struct checkin, checked_in_at),
	  0 },
	{ "replayed", MODEL_FLAG, offsetof(struct checkin, replayed), 0 },
	{ "message", MODEL_STRING, offsetof(struct checkin, message), 0 },
};

int
model_parse_guest(const json_t *j, void *out, char **cause)
{
	return (model_fields_read("guest", model_guest_fields,
	    nitems(model_guest_fields), j, out, cause));
}

void
guest_done(struct guest *g)
{
	model_fields_done(model_guest_fields, nitems(model_guest_fields), g);
}

/*
 * A user's registrations name the event's fields after it on some
 * servers (the mock: event_title, event_date_time, event_location).
 */
static const struct model_field model_row_event_fields[] = {
	{ "event_title", MODEL_STRING,
	  offsetof(struct registration_row, title), 0 },
	{ "event_date_time", MODEL_TIME,
	  offsetof(struct registration_row, date_time), 0 },
	{ "event_location", MODEL_STRING,
	  offsetof(struct registration_row, location), 0 },
};

int
model_parse_registration_row(const json_t *j, void *out, char **cause)
{
	struct registration_row	*r = out, alt;

	if (model_fields_read("registration", model_row_fields,
	    nitems(model_row_fields), j, out, cause) != 0)
		return (-1);
	if (r->title != NULL || r->date_time != 0 || r->location != NULL)
		return (0);
	memset(&alt, 0, sizeof alt);
	if (model_fields_read("registration", model_row_event_fields,
	    nitems(model_row_event_fields), j, &alt, NULL) != 0)
		return (0);
	r->title = alt.title;
	r->date_time = alt.date_time;
	r->location = alt.location;
	return (0);
}

void
registration_row_done(struct registration_row *r)
{
	model_fields_done(model_row_fields, nitems(model_row_fields), r);
}

int
model_parse_guest_import(const json_t *j, void *out, char **cause)
{
	struct guest_import	*gi = out;
	const json_t		*errors, *guest;
	struct import_error	*e;
	size_t			 i, n;
	char			*why = NULL;

	gi->errors = NULL;
	gi->nerrors = 0;
	gi->guest = NULL;
	if (model_fields_read("import", model_import_fields,
	    nitems(model_import_fields), j, out, cause) != 0)
		return (-1);
	errors = json_object_get(j, "errors");
	if (errors != NULL && !json_is_null(errors) && !json_is_array(errors)) {
		if (cause != NULL)
			*cause = xstrdup("import: field \"errors\" should be a "
			    "list");
		return (-1);
	}
	n = json_array_size(errors);
	if (n > MODEL_IMPORT_ERRORS_MAX)
		n = MODEL_IMPORT_ERRORS_MAX;
	gi->errors = xcalloc(n > 0 ? n : 1, sizeof *gi->errors);
	for (i = 0; i < n; i++) {
		e = &gi->errors[gi->nerrors];
		if (model_fields_read("import error", model_import_error_fields,
		    nitems(model_import_error_fields), json_array_get(errors, i),
		    e, &why) != 0) {
			if (cause != NULL)
				xasprintf(cause, "item %zu of the import's "
				    "errors: %s", i + 1, why);
			free(why);
			guest_import_done(gi);
			return (-1);
		}
		if (e->message == NULL)
			e->message = xstrdup("refused");
		gi->nerrors++;
	}
	guest = json_object_get(j, "guest");
	if (guest != NULL && !json_is_null(guest)) {
		gi->guest = xcalloc(1, sizeof *gi->guest);
		if (model_parse_guest(guest, gi->guest, cause) != 0) {
			guest_import_done(gi);
			return (-1);
		}
	}
	return (0);
}

void
guest_import_done(struct guest_import *gi)
{
	size_t	i;

	for (i = 0; i < gi->nerrors; i++) {
		model_fields_done(model_import_error_fields,
		    nitems(model_import_error_fields), &gi->errors[i]);
	}
	free(gi->errors);
	gi->errors = NULL;
	gi->nerrors = 0;
	if (gi->guest != NULL) {
		guest_done(gi->guest);
		free(gi->guest);
		gi->guest = NULL;
	}
}

int
model_parse_checkin(const json_t *j, void *out, char **cause)
{
	struct checkin	*c = out;

	c->already = 0;
	memset(&c->guest, 0, sizeof c->guest);
	if (model_fields_read("check-in", model_checkin_fields,
	    nitems(model_checkin_fields), j, out, cause) != 0)
		return (-1);
	if (model_parse_guest(json_object_get(j, "guest"), &c->guest,
	    cause) != 0) {
		checkin_done(c);
		return (-1);
	}
	/* A server that sends only the guest's own time. */
	if (c->checked_in_at == 0)
		c->checked_in_at = c->guest.checked_in_at;
	return (0);
}

void
checkin_done(struct checkin *c)
{
	guest_done(&c->guest);
	model_fields_done(model_checkin_fields, nitems(model_checkin_fields),
	    c);
}

static void
model_type_guest_done(void *v)
{
	guest_done(v);
}

static void
model_type_import_done(void *v)
{
	guest_import_done(v);
}

static void
model_type_checkin_done(void *v)
{
	checkin_done(v);
}

static void
model_type_row_done(void *v)
{
	registration_row_done(v);
}

const struct model_type model_type_guest = {
	.name = "guest", .one = "guest", .many = "guests",
	.size = sizeof (struct guest),
	.parse = model_parse_guest, .done = model_type_guest_done,
};

const struct model_type model_type_guest_import = {
	.name = "import", .one = NULL, .many = "imports",
	.size = sizeof (struct guest_import),
	.parse = model_parse_guest_import, .done = model_type_import_done,
};

const struct model_type model_type_checkin = {
	.name = "check-in", .one = NULL, .many = "checkins",
	.size = sizeof (struct checkin),
	.parse = model_parse_checkin, .done = model_type_checkin_done,
};

const struct model_type model_type_registration_row = {
	.name = "registration", .one = "registration",
	.many = "registrations", .size = sizeof (struct registration_row),
	.parse = model_parse_registration_row, .done = model_type_row_done,
};
