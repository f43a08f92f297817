/*
 * Helpers shared by the model parsers (model.c, model-auth.c); not part of
 * the client's interface.
 */
#ifndef EVTOP_MODEL_PRIVATE_H
#define EVTOP_MODEL_PRIVATE_H

#include <jansson.h>
#include <stddef.h>

#ifndef nitems
#define nitems(a) (sizeof (a) / sizeof (a)[0])
#endif

/* Caps on server strings, in bytes, after sanitizing. */
#define MODEL_WORD_MAX		64	/* types, roles, statuses */
#define MODEL_STRING_MAX	1024	/* titles, names, locations */
#define MODEL_TEXT_MAX		4096	/* descriptions, messages */

/* The sanitized, capped string under key, or NULL when absent. */
char	*model_string(const json_t *obj, const char *key, size_t max);
/* A short, safe quotation of any value for an error sentence. */
char	*model_quote(const json_t *v);

/*
 * A struct read by a table of its fields (model-fields.c): each names
 * its key, its kind and where it goes.  Absent fields are -1 (counts),
 * NULL (strings) or 0 (times, flags); a required one missing, or one
 * of the wrong kind, is refused with a sentence naming the field.
 */
enum model_kind {
	MODEL_COUNT,		/* int64_t: a number or a numeric string */
	MODEL_WORD,		/* char *: a status, a name of a kind */
	MODEL_STRING,		/* char *: a name, a title */
	MODEL_TEXT,		/* char *: a message, notes */
	MODEL_TIME,		/* time_t: ISO 8601 */
	MODEL_FLAG		/* int: true or false */
};
struct model_field {
	const char	*key;
	enum model_kind	 kind;
	size_t		 offset;
	int		 required;
};
void	model_fields_init(const struct model_field *, size_t n, void *out);
/* 0, or -1 with "what: field \"key\" ..." in *cause and out emptied. */
int	model_fields_read(const char *what, const struct model_field *,
	    size_t n, const json_t *obj, void *out, char **cause);
void	model_fields_done(const struct model_field *, size_t n, void *out);

#endif
