/*
 * Fuzz target for every decoder of server bytes in the client: the model
 * parsers (every endpoint's of api-calls.h among them), the error-body
 * reader and the sanitizer.  Built with clang's libFuzzer (tests/fuzz/CMakeLists.txt); linked with fuzz-replay.c it
 * instead reads the files named on the command line, to replay a crash
 * anywhere.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-check.h"
#include "json-util.h"
#include "model.h"
#include "model-calls.h"
#include "text.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
fuzz_envelope(const char *buf, size_t len)
{
	struct envelope		 env;
	struct counters		 c;
	struct notification	 no;
	struct event		 ev;
	char			*cause = NULL;

	if (model_parse_envelope(buf, len, &env, &cause) != 0) {
		free(cause);
		return;
	}
	fuzz_check_safe(env.type);
	if (model_parse_counters(env.data, &c, &cause) != 0)
		free(cause);
	cause = NULL;
	if (model_parse_notification(env.data, &no, &cause) == 0) {
		fuzz_check_safe(no.title);
		fuzz_check_safe(no.message);
		notification_done(&no);
	} else
		free(cause);
	cause = NULL;
	if (model_parse_event(env.data, &ev, &cause) == 0) {
		fuzz_check_safe(ev.title);
		event_done(&ev);
	} else
		free(cause);
	envelope_done(&env);
}

/* Every endpoint decoder, as one resource and as a page of them. */
static const struct model_type *const fuzz_types[] = {
	&model_type_event, &model_type_user, &model_type_user_stats,
	&model_type_registration_row, &model_type_guest,
	&model_type_guest_import, &model_type_checkin, &model_type_campaign,
	&model_type_email_log, &model_type_queue, &model_type_global_stats,
	&model_type_event_stats, &model_type_reminder,
	&model_type_chat_message, &model_type_notification,
};

/* The strings of whatever was decoded must be safe to draw. */
static void
fuzz_check_guest(const struct guest *g)
{
	fuzz_check_safe(g->name);
	fuzz_check_safe(g->email);
	fuzz_check_safe(g->phone);
	fuzz_check_safe(g->rsvp_status);
	fuzz_check_safe(g->ticket_code);
	fuzz_check_safe(g->notes);
	fuzz_check_safe(g->rsvp_token);
}

static void
fuzz_check_value(const struct model_type *t, const void *v)
{
	const struct guest_import	*gi = v;
	size_t				 i;

	if (t == &model_type_guest)
		fuzz_check_guest(v);
	else if (t == &model_type_checkin) {
		fuzz_check_guest(&((const struct checkin *)v)->guest);
		fuzz_check_safe(((const struct checkin *)v)->message);
	} else if (t == &model_type_guest_import) {
		for (i = 0; i < gi->nerrors; i++) {
			fuzz_check_safe(gi->errors[i].field);
			fuzz_check_safe(gi->errors[i].message);
		}
		if (gi->guest != NULL)
			fuzz_check_guest(gi->guest);
	} else if (t == &model_type_chat_message) {
		fuzz_check_safe(((const struct chat_message *)v)->text);
		fuzz_check_safe(((const struct chat_message *)v)->user_name);
	} else if (t == &model_type_email_log) {
		fuzz_check_safe(((const struct email_log *)v)->email);
		fuzz_check_safe(((const struct email_log *)v)->error);
	} else if (t == &model_type_registration_row) {
		fuzz_check_safe(((const struct registration_row *)v)->user_name);
		fuzz_check_safe(((const struct registration_row *)v)->title);
	} else if (t == &model_type_reminder)
		fuzz_check_safe(((const struct reminder *)v)->message);
	else if (t == &model_type_queue)
		fuzz_check_safe(((const struct queue *)v)->name);
	else if (t == &model_type_campaign)
		fuzz_check_safe(((const struct campaign *)v)->status);
}

static void
fuzz_calls(const char *buf, size_t len)
{
	const struct model_type	*t;
	struct model_page	 p;
	json_t			*root;
	void			*v;
	char			*cause = NULL;
	size_t			 i, j;

	if ((root = json_util_load(buf, len, &cause)) == NULL) {
		free(cause);
		return;
	}
	for (i = 0; i < sizeof fuzz_types / sizeof fuzz_types[0]; i++) {
		t = fuzz_types[i];
		cause = NULL;
		if (model_decode_one(t, root, &v, &cause) == 0) {
			fuzz_check_value(t, v);
			model_free_one(t, v);
		} else {
			fuzz_check_safe(cause);
			free(cause);
		}
		cause = NULL;
		if (model_decode_page(t, root, &p, &cause) == 0) {
			if (p.total < -1 || p.page < -1 || p.per_page < -1)
				abort();
			for (j = 0; j < p.n; j++)
				fuzz_check_value(t, (char *)p.items + j * t->size);
			model_page_done(t, &p);
		} else {
			fuzz_check_safe(cause);
			free(cause);
		}
	}
	json_decref(root);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	const char	*buf = (const char *)data;
	struct event	*evs, ev;
	struct session	 s;
	struct registration	 r;
	struct error_body	 eb;
	size_t		 n, i;
	int64_t		 total;
	char		*cause = NULL, *out;

	if (model_parse_events(buf, len, &evs, &n, &total, &cause) == 0) {
		for (i = 0; i < n; i++) {
			fuzz_check_safe(evs[i].title);
			fuzz_check_safe(evs[i].location);
			fuzz_check_safe(evs[i].description);
		}
		events_free(evs, n);
	} else
		free(cause);
	cause = NULL;
	if (model_parse_event_body(buf, len, &ev, &cause) == 0)
		event_done(&ev);
	else
		free(cause);
	cause = NULL;
	if (model_parse_login(buf, len, &s, &cause) == 0) {
		fuzz_check_safe(s.user.name);
		session_done(&s);
	} else
		free(cause);
	fuzz_envelope(buf, len);
	fuzz_calls(buf, len);
	cause = NULL;
	if (model_parse_registration(buf, len, &r, &cause) == 0) {
		fuzz_check_safe(r.status);
		fuzz_check_safe(r.message);
		registration_done(&r);
	} else
		free(cause);

	out = model_parse_error(buf, len);
	fuzz_check_safe(out);
	free(out);
	if (model_parse_error_body(buf, len, &eb) == 0) {
		(void)error_body_has_field(&eb, "email");
		out = error_body_sentence(&eb);
		fuzz_check_safe(out);
		free(out);
		fuzz_check_safe(eb.message);
		for (i = 0; i < eb.nfields; i++) {
			fuzz_check_safe(eb.fields[i].field);
			fuzz_check_safe(eb.fields[i].message);
		}
		error_body_done(&eb);
	}
	out = text_sanitize_n(buf, len);
	fuzz_check_safe(out);
	free(out);
	out = text_sanitize_cap(buf, len, 16);
	fuzz_check_safe(out);
	if (strlen(out) > 16 + 3)
		abort();
	free(out);
	return (0);
}
