/*
 * Tokens as a server signs them, with a key the client is never given:
 * for the tests of what the client reads from a token's claims.
 */
#ifndef EVTOP_TEST_JWT_H
#define EVTOP_TEST_JWT_H

#include <jwt.h>

/* A new HS256 token; exp 0 and NULL role or email leave the claim out. */
static inline char *
test_jwt_make(long exp, long user_id, const char *role, const char *email)
{
	static const unsigned char	 key[] = "a-key-nobody-gave-the-client";
	jwt_t				*jwt;
	char				*tok, sub[24];

	if (jwt_new(&jwt) != 0)
		return (NULL);
	if (exp != 0)
		jwt_add_grant_int(jwt, "exp", exp);
	jwt_add_grant_int(jwt, "userId", user_id);
	snprintf(sub, sizeof sub, "%ld", user_id);
	jwt_add_grant(jwt, "sub", sub);
	if (role != NULL)
		jwt_add_grant(jwt, "role", role);
	if (email != NULL)
		jwt_add_grant(jwt, "email", email);
	jwt_set_alg(jwt, JWT_ALG_HS256, key, (int)sizeof key - 1);
	tok = jwt_encode_str(jwt);
	jwt_free(jwt);
	return (tok);
}

#endif
