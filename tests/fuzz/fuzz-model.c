/*
 * Fuzz target for every decoder of server bytes in the client: the model
 * parsers, the error-body reader and the sanitizer.  Built with clang's
 * libFuzzer (tests/fuzz/CMakeLists.txt); linked with fuzz-replay.c it
 * instead reads the files named on the command line, to replay a crash
 * anywhere.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-check.h"
#include "model.h"
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
