/*
 * Passwords (bcrypt through libxcrypt) and access tokens (HS256 JWTs
 * through libjwt).
 */
#ifndef EVTOP_MOCK_AUTH_H
#define EVTOP_MOCK_AUTH_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct auth;

/* What a verified token says about its bearer. */
struct auth_claims {
	int64_t	 user_id;
	char	 role[16];
	char	 email[256];
	time_t	 iat;
	time_t	 exp;
};

#define AUTH_COST_MIN		4
#define AUTH_COST_MAX		15
#define AUTH_COST_DEFAULT	10
#define AUTH_SECRET_MAX		4096

/*
 * A new signer with a copy of secret (len bytes; NULL for 32 random bytes),
 * bcrypt cost and token lifetime in seconds.
 */
struct auth	*auth_new(const void *secret, size_t len, int cost, long ttl);
void		 auth_free(struct auth *);

/* Reads a secret from path (trailing newlines dropped).  0 or -1. */
int		 auth_read_secret(const char *path, char **out, size_t *len,
		     char **cause);

/* A new bcrypt hash of password, or NULL with *cause. */
char		*auth_hash_password(const struct auth *, const char *password,
		     char **cause);
/* 1 when password matches hash (compared in constant time), else 0. */
int		 auth_check_password(const char *hash, const char *password);

/* A new signed token for the user, valid from now for the TTL. */
char		*auth_sign_token(const struct auth *, int64_t user_id,
		     const char *role, const char *email, time_t now);
/*
 * Verifies signature, algorithm and expiry at now.  Returns 0 and fills
 * *claims, or -1 with a sentence in *cause.
 */
int		 auth_verify_token(const struct auth *, const char *token,
		     time_t now, struct auth_claims *claims, char **cause);

/*
 * RSVP links: the token in POST /api/rsvp/:token is an HS256 JWT signed
 * with the same secret that names a guest and an event with purpose
 * "rsvp".  It carries no user, so it never passes for a sign-in token, and
 * a sign-in token has no purpose, so it never passes for an RSVP link.
 */
#define AUTH_RSVP_INVALID	(-1)
#define AUTH_RSVP_EXPIRED	(-2)

/* A new RSVP token for guest of event, valid until exp. */
char		*auth_sign_rsvp(const struct auth *, int64_t guest_id,
		     int64_t event_id, time_t now, time_t exp);
/*
 * Verifies an RSVP token at now: 0 with the guest and event, or
 * AUTH_RSVP_INVALID / AUTH_RSVP_EXPIRED with a sentence in *cause.
 */
int		 auth_verify_rsvp(const struct auth *, const char *token,
		     time_t now, int64_t *guest_id, int64_t *event_id,
		     char **cause);

#endif
