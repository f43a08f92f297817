/*
 * Token claims through libjwt: jwt_decode without a key hands back the
 * payload unverified (PLATFORM.md), then jwt_get_grant and
 * jwt_get_grant_int read it.  Numbers may come as numeric strings, as
 * counts and ids do from servers in the field.
 */
#include "claims.h"

#include <errno.h>
#include <jwt.h>
#include <stdlib.h>
#include <string.h>

#include "model-private.h"
#include "text.h"
#include "xmalloc.h"

/*
 * A whole-number claim, or a string of digits ("42"): 0 with *out, or -1
 * when it is absent or something else.  libjwt reads a claim of another
 * JSON type as 0, so only a positive number counts.
 */
static int
claims_number(jwt_t *jwt, const char *name, int64_t *out)
{
	const char	*s;
	char		*end;
	long long	 n;
	long		 v;

	if ((s = jwt_get_grant(jwt, name)) != NULL) {
		errno = 0;
		n = strtoll(s, &end, 10);
		if (end == s || *end != '\0' || errno != 0 || n <= 0)
			return (-1);
		*out = n;
		return (0);
	}
	errno = 0;
	v = jwt_get_grant_int(jwt, name);
	if (errno != 0 || v <= 0)
		return (-1);
	*out = v;
	return (0);
}

/* A string claim, sanitized and capped, or NULL. */
static char *
claims_string(jwt_t *jwt, const char *name, size_t max)
{
	const char	*s;

	if ((s = jwt_get_grant(jwt, name)) == NULL)
		return (NULL);
	return (text_sanitize_cap(s, strlen(s), max));
}

int
claims_read(const char *token, struct claims *c, char **cause)
{
	jwt_t	*jwt = NULL;
	int64_t	 exp;

	memset(c, 0, sizeof *c);
	c->id = -1;
	if (token == NULL || jwt_decode(&jwt, token, NULL, 0) != 0 ||
	    jwt == NULL) {
		if (cause != NULL)
			*cause = xstrdup("the token is not a JWT whose claims "
			    "can be read");
		return (-1);
	}
	if (claims_number(jwt, "exp", &exp) == 0)
		c->exp = (time_t)exp;
	if (claims_number(jwt, "userId", &c->id) != 0 &&
	    claims_number(jwt, "sub", &c->id) != 0)
		c->id = -1;
	c->role = claims_string(jwt, "role", MODEL_WORD_MAX);
	c->email = claims_string(jwt, "email", MODEL_STRING_MAX);
	jwt_free(jwt);
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
