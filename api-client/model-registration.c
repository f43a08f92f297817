/*
 * The answer to registering for an event.  Core servers send the
 * registration row; the mock says where on the waitlist it went.  Counts
 * may be numeric strings, as everywhere.
 */
#include <stdlib.h>
#include <string.h>

#include "json-util.h"
#include "model.h"
#include "model-private.h"
#include "xmalloc.h"

/* An optional count under key: -1 when absent; -1 from the call if bad. */
static int
model_registration_count(const json_t *obj, const char *key, int64_t *out,
    char **cause)
{
	char	*why = NULL;

	switch (json_util_count(obj, key, out, &why)) {
	case 0:
		return (0);
	case 1:
		*out = -1;
		return (0);
	}
	if (cause != NULL)
		xasprintf(cause, "registration: %s", why);
	free(why);
	return (-1);
}

int
model_parse_registration(const char *body, size_t len,
    struct registration *r, char **cause)
{
	json_t		*root;
	const json_t	*reg;
	int		 rc = -1;

	memset(r, 0, sizeof *r);
	r->id = r->event_id = r->position = -1;
	/* Some servers answer a DELETE with nothing at all. */
	if (len == 0)
		return (0);
	if ((root = json_util_load(body, len, cause)) == NULL)
		return (-1);
	if (!json_is_object(root)) {
		if (cause != NULL)
			*cause = xstrdup("the server's answer is not an "
			    "object");
		goto out;
	}
	r->message = model_string(root, "message", MODEL_STRING_MAX);
	reg = json_object_get(root, "registration");
	if (reg != NULL && !json_is_null(reg) && !json_is_object(reg)) {
		if (cause != NULL)
			*cause = xstrdup("the server's registration is not an "
			    "object");
		goto out;
	}
	if (reg == NULL || json_is_null(reg)) {
		rc = 0;
		goto out;
	}
	r->status = model_string(reg, "status", MODEL_WORD_MAX);
	if (model_registration_count(reg, "id", &r->id, cause) != 0 ||
	    model_registration_count(reg, "event_id", &r->event_id,
	    cause) != 0 ||
	    model_registration_count(reg, "position", &r->position,
	    cause) != 0)
		goto out;
	if (r->position == 0)
		r->position = -1;
	rc = 0;
out:
	json_decref(root);
	if (rc != 0)
		registration_done(r);
	return (rc);
}

void
registration_done(struct registration *r)
{
	free(r->status);
	free(r->message);
	r->status = r->message = NULL;
}
