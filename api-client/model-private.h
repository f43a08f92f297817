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

#endif
