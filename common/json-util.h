/*
 * Small jansson helpers shared by the client and evtop-mock.  Servers in the
 * field send counts as numbers or numeric strings and times with or without
 * fractions and offsets; these accept every documented shape and reject the
 * rest with a sentence.
 */
#ifndef EVTOP_JSON_UTIL_H
#define EVTOP_JSON_UTIL_H

#include <jansson.h>
#include <stdarg.h>
#include <stdint.h>
#include <time.h>

/* The string under key, or NULL when absent, null or not a string. */
const char	*json_util_string(const json_t *obj, const char *key);

/*
 * A count or id: a JSON integer, an integral real, or a string of decimal
 * digits ("45").  Returns 0 and fills *out; 1 when the key is absent or
 * null; -1 when present but not a count (and *cause says so, naming key).
 */
int	json_util_count(const json_t *obj, const char *key, int64_t *out,
	    char **cause);
/* The same for a bare value.  Returns 0 or -1. */
int	json_util_value_count(const json_t *v, int64_t *out);

/*
 * ISO 8601 date-time: 2026-06-15T09:00:00Z, with optional fraction
 * (.000Z) and a Z or +HH:MM / -HH:MM / +HHMM offset; a space may stand for
 * the T.  Returns 0 and the UTC time in *out, or -1.
 */
int	json_util_parse_time(const char *s, time_t *out);
/* Formats t as 2026-06-15T09:00:00Z into buf (at least 21 bytes). */
void	json_util_format_time(time_t t, char *buf, size_t len);

/*
 * A JSON string of the formatted text, or of fallback when the text is not
 * valid UTF-8 (a message may quote input).  Never NULL.
 */
json_t	*json_util_vformat(const char *fallback, const char *fmt, va_list ap)
	    __attribute__((format(printf, 2, 0), returns_nonnull));

/* Parses a body; on failure returns NULL and a sentence in *cause. */
json_t	*json_util_load(const char *buf, size_t len, char **cause);

#endif
