/*
 * Token claims through libjwt: jwt_decode without a key hands back the
 * payload unverified (PLATFORM.md), and jwt_get_grants_json gives it whole
 * to the same readers as any answer (json-util): numbers may come as
 * numeric strings, as counts and ids do from servers in the field.
 */
#include "claims.h"

#include <jwt.h>
#include <stdlib.h>
#include <string.h>

#include "json-util.h"
#include "model-private.h"
#include "text.h"
#include "xmalloc.h"

/* A positive whole-number claim ("exp", "userId"): 0 with *out, or -1. */
static int
claims_number(const json_t *payload, const char *name, int64_t *out)
{
	int64_t	n;

	if (json_util_count(payload, name, &n, NULL) != 0 || n <= 0)
		return (-1);
	*out = n;
	return (0);
}

/* A string claim, sanitized and capped, or NULL. */
static char *
claims_string(const json_t *payload, const char *name, size_t max)
{
	const char	*s;

	if ((s = json_util_string(payload, name)) == NULL)
		return (NULL);
	return (text_sanitize_cap(s, strlen(s), max));
}

int
claims_read(const char *token, struct claims *c, char **cause)
{
	jwt_t	*jwt = NULL;
	json_t	*payload = NULL;
	char	*text = NULL;
	int64_t	 exp;

	memset(c, 0, sizeof *c);
	c->id = -1;
	if (token != NULL && jwt_decode(&jwt, token, NULL, 0) == 0 &&
	    jwt != NULL && (text = jwt_get_grants_json(jwt, NULL)) != NULL)
		payload = json_util_load(text, strlen(text), NULL);
	free(text);
	if (jwt != NULL)
		jwt_free(jwt);
	if (!json_is_object(payload)) {
		json_decref(payload);
		if (cause != NULL)
			*cause = xstrdup("the token is not a JWT whose claims "
			    "can be read");
		return (-1);
	}
	if (claims_number(payload, "exp", &exp) == 0)
		c->exp = (time_t)exp;
	if (claims_number(payload, "userId", &c->id) != 0 &&
	    claims_number(payload, "sub", &c->id) != 0)
		c->id = -1;
	c->role = claims_string(payload, "role", MODEL_WORD_MAX);
	c->email = claims_string(payload, "email", MODEL_STRING_MAX);
	json_decref(payload);
	return (0);
}

void
claims_done(struct claims *c)
{
	free(c->role);
	free(c->email);
	memset(c, 0, sizeof *c);
	c->id = -1;
}
