/*
 * Checking request bodies field by field.  Problems are collected in a
 * JSON array of {field,message}, so one 400 names every one of them
 * (API.md: {"message":"Validation failed","errors":[...]}).
 */
#ifndef EVTOP_MOCK_VALIDATE_H
#define EVTOP_MOCK_VALIDATE_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

struct http_req;

/* Adds {field, message} to errors. */
void	validate_error(json_t *errors, const char *field, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

/* Replies 400 "Validation failed" with errors (the reference is stolen). */
void	validate_reply(struct http_req *, json_t *errors);

/*
 * Replies 400 with message as the sentence and the same words as the one
 * error of field: for a rule that is about one field but needs saying in
 * full (a taken email, a capacity under the confirmed count).
 */
void	validate_reply_field(struct http_req *, const char *field,
	    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/*
 * The string field of body, with white space trimmed at both ends, as a
 * new string in *out.  Returns 1 when it was read; 0 when it is absent
 * (or null) and not required (*out stays NULL); -1 after adding an error:
 * required and missing, not a string, or not min..max characters long.
 * label starts the sentences ("Title is required").
 */
int	validate_text(json_t *errors, const json_t *body, const char *field,
	    const char *label, size_t min, size_t max, int required,
	    char **out);

/*
 * 1 when s looks like an email address: one @, something before it, a
 * dotted domain after it, no spaces or control characters.
 */
int	validate_email(const char *s);

#endif
