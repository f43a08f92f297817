#include "auth.h"

#include <crypt.h>
#include <errno.h>
#include <inttypes.h>
#include <jwt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>

#include "log.h"
#include "xmalloc.h"

struct auth {
	unsigned char	*secret;
	size_t		 len;
	int		 cost;
	long		 ttl;
};

static void
auth_random(void *buf, size_t len)
{
	unsigned char	*p = buf;
	ssize_t		 n;

	while (len > 0) {
		n = getrandom(p, len, 0);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			log_fatalx("getrandom: %s",
			    strerror(errno));
		}
		p += n;
		len -= (size_t)n;
	}
}

struct auth *
auth_new(const void *secret, size_t len, int cost, long ttl)
{
	struct auth	*a;

	a = xcalloc(1, sizeof *a);
	if (secret == NULL || len == 0) {
		a->len = 32;
		a->secret = xmalloc(a->len);
		auth_random(a->secret, a->len);
	} else {
		a->len = len;
		a->secret = xmalloc(len);
		memcpy(a->secret, secret, len);
	}
	if (cost < AUTH_COST_MIN)
		cost = AUTH_COST_MIN;
	if (cost > AUTH_COST_MAX)
		cost = AUTH_COST_MAX;
	a->cost = cost;
	a->ttl = ttl > 0 ? ttl : 86400;
	return (a);
}

void
auth_free(struct auth *a)
{
	if (a == NULL)
		return;
	memset(a->secret, 0, a->len);
	free(a->secret);
	free(a);
}

int
auth_read_secret(const char *path, char **out, size_t *len, char **cause)
{
	struct stat	 st;
	FILE		*f;
	char		*buf;
	size_t		 n;

	if ((f = fopen(path, "rb")) == NULL) {
		xasprintf(cause, "cannot read secret file %s: %s", path,
		    strerror(errno));
		return (-1);
	}
	/* Whoever can read the secret can mint tokens for any account. */
	if (fstat(fileno(f), &st) == 0 && (st.st_mode & 077) != 0) {
		xasprintf(cause, "secret file %s is readable by group or "
		    "others: chmod 600 %s", path, path);
		fclose(f);
		return (-1);
	}
	buf = xmalloc(AUTH_SECRET_MAX + 1);
	n = fread(buf, 1, AUTH_SECRET_MAX + 1, f);
	fclose(f);
	if (n > AUTH_SECRET_MAX) {
		xasprintf(cause, "secret file %s is longer than %d bytes",
		    path, AUTH_SECRET_MAX);
		free(buf);
		return (-1);
	}
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
		n--;
	if (n < 16) {
		xasprintf(cause, "secret file %s must hold at least 16 bytes",
		    path);
		free(buf);
		return (-1);
	}
	*out = buf;
	*len = n;
	return (0);
}

char *
auth_hash_password(const struct auth *a, const char *password, char **cause)
{
	struct crypt_data	*data;
	char			*salt, *out, *hash = NULL;

	salt = crypt_gensalt_ra("$2b$", (unsigned long)a->cost, NULL, 0);
	if (salt == NULL) {
		xasprintf(cause, "cannot make a bcrypt salt: %s",
		    strerror(errno));
		return (NULL);
	}
	data = xcalloc(1, sizeof *data);
	out = crypt_rn(password, salt, data, sizeof *data);
	if (out == NULL || out[0] == '*')
		xasprintf(cause, "cannot hash the password: %s",
		    strerror(errno));
	else
		hash = xstrdup(out);
	free(data);
	free(salt);
	return (hash);
}

int
auth_check_password(const char *hash, const char *password)
{
	struct crypt_data	*data;
	const char		*out;
	size_t			 i, n;
	unsigned char		 diff;

	if (hash == NULL || password == NULL || strncmp(hash, "$2", 2) != 0)
		return (0);
	data = xcalloc(1, sizeof *data);
	out = crypt_rn(password, hash, data, sizeof *data);
	if (out == NULL || out[0] == '*' || strlen(out) != strlen(hash)) {
		free(data);
		return (0);
	}
	n = strlen(hash);
	diff = 0;
	for (i = 0; i < n; i++)
		diff |= (unsigned char)out[i] ^ (unsigned char)hash[i];
	free(data);
	return (diff == 0);
}

/* Signs jwt with HS256 and frees it; the token, a new string. */
static char *
auth_encode(const struct auth *a, jwt_t *jwt)
{
	char	*token, *copy;

	if (jwt_set_alg(jwt, JWT_ALG_HS256, a->secret, (int)a->len) != 0)
		abort();
	token = jwt_encode_str(jwt);
	jwt_free(jwt);
	if (token == NULL)
		abort();
	copy = xstrdup(token);
	free(token);
	return (copy);
}

char *
auth_sign_token(const struct auth *a, int64_t user_id, const char *role,
    const char *email, time_t now)
{
	jwt_t	*jwt;
	char	 sub[32];

	if (jwt_new(&jwt) != 0)
		abort();
	snprintf(sub, sizeof sub, "%" PRId64, user_id);
	if (jwt_add_grant(jwt, "sub", sub) != 0 ||
	    jwt_add_grant_int(jwt, "userId", (long)user_id) != 0 ||
	    jwt_add_grant(jwt, "role", role) != 0 ||
	    jwt_add_grant(jwt, "email", email) != 0 ||
	    jwt_add_grant_int(jwt, "iat", (long)now) != 0 ||
	    jwt_add_grant_int(jwt, "exp", (long)(now + a->ttl)) != 0)
		abort();
	return (auth_encode(a, jwt));
}

int
auth_verify_token(const struct auth *a, const char *token, time_t now,
    struct auth_claims *claims, char **cause)
{
	jwt_t		*jwt = NULL;
	const char	*role, *email;
	long		 id, exp, iat;

	memset(claims, 0, sizeof *claims);
	if (token == NULL || *token == '\0') {
		*cause = xstrdup("No token provided");
		return (-1);
	}
	if (strlen(token) > 8192 ||
	    jwt_decode(&jwt, token, a->secret, (int)a->len) != 0) {
		*cause = xstrdup("Invalid token");
		return (-1);
	}
	if (jwt_get_alg(jwt) != JWT_ALG_HS256) {
		jwt_free(jwt);
		*cause = xstrdup("Invalid token");
		return (-1);
	}
	errno = 0;
	exp = jwt_get_grant_int(jwt, "exp");
	if (errno != 0 || exp <= (long)now) {
		jwt_free(jwt);
		*cause = xstrdup("Token expired");
		return (-1);
	}
	errno = 0;
	id = jwt_get_grant_int(jwt, "userId");
	role = jwt_get_grant(jwt, "role");
	email = jwt_get_grant(jwt, "email");
	if (errno != 0 || id <= 0 || role == NULL || email == NULL ||
	    strlen(role) >= sizeof claims->role ||
	    strlen(email) >= sizeof claims->email) {
		jwt_free(jwt);
		*cause = xstrdup("Invalid token");
		return (-1);
	}
	errno = 0;
	iat = jwt_get_grant_int(jwt, "iat");
	claims->user_id = id;
	snprintf(claims->role, sizeof claims->role, "%s", role);
	snprintf(claims->email, sizeof claims->email, "%s", email);
	claims->iat = errno == 0 ? (time_t)iat : 0;
	claims->exp = (time_t)exp;
	jwt_free(jwt);
	return (0);
}

/*
 * RSVP links.  Their own purpose claim keeps them apart from sign-in
 * tokens; the sentences speak to a guest following a link, not to a
 * signed-in user.
 */
#define AUTH_RSVP_PURPOSE	"rsvp"

char *
auth_sign_rsvp(const struct auth *a, int64_t guest_id, int64_t event_id,
    time_t now, time_t exp)
{
	jwt_t	*jwt;

	if (jwt_new(&jwt) != 0)
		abort();
	if (jwt_add_grant(jwt, "purpose", AUTH_RSVP_PURPOSE) != 0 ||
	    jwt_add_grant_int(jwt, "guest", (long)guest_id) != 0 ||
	    jwt_add_grant_int(jwt, "event", (long)event_id) != 0 ||
	    jwt_add_grant_int(jwt, "iat", (long)now) != 0 ||
	    jwt_add_grant_int(jwt, "exp", (long)exp) != 0)
		abort();
	return (auth_encode(a, jwt));
}

int
auth_verify_rsvp(const struct auth *a, const char *token, time_t now,
    int64_t *guest_id, int64_t *event_id, char **cause)
{
	jwt_t		*jwt = NULL;
	const char	*purpose;
	long		 guest, event, exp;
	int		 rc = AUTH_RSVP_INVALID;

	*guest_id = *event_id = 0;
	if (token == NULL || *token == '\0' || strlen(token) > 8192 ||
	    jwt_decode(&jwt, token, a->secret, (int)a->len) != 0 ||
	    jwt_get_alg(jwt) != JWT_ALG_HS256)
		goto invalid;
	purpose = jwt_get_grant(jwt, "purpose");
	if (purpose == NULL || strcmp(purpose, AUTH_RSVP_PURPOSE) != 0)
		goto invalid;
	errno = 0;
	guest = jwt_get_grant_int(jwt, "guest");
	event = jwt_get_grant_int(jwt, "event");
	exp = jwt_get_grant_int(jwt, "exp");
	if (errno != 0 || guest <= 0 || event <= 0)
		goto invalid;
	if (exp <= (long)now) {
		*cause = xstrdup("This RSVP link has expired: ask the "
		    "organizer for a new invitation");
		jwt_free(jwt);
		return (AUTH_RSVP_EXPIRED);
	}
	*guest_id = guest;
	*event_id = event;
	jwt_free(jwt);
	return (0);

invalid:
	jwt_free(jwt);
	*cause = xstrdup("This RSVP link is not valid: check that it was "
	    "copied whole from the invitation");
	return (rc);
}
