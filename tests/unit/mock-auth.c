/* evtop-mock's passwords and tokens. */
#include <jwt.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "test.h"

#define NOW	1781510400	/* 2026-06-15T08:00:00Z */

static void
test_password_hash_and_check(void)
{
	struct auth	*a;
	char		*hash, *again, *cause = NULL;

	a = auth_new(NULL, 0, 4, 3600);
	hash = auth_hash_password(a, "correct horse", &cause);
	CHECK(hash != NULL);
	CHECK(strncmp(hash, "$2b$04$", 7) == 0);
	CHECK(auth_check_password(hash, "correct horse"));
	CHECK(!auth_check_password(hash, "correct horsE"));
	CHECK(!auth_check_password(hash, ""));
	/* Salted: the same password hashes differently. */
	again = auth_hash_password(a, "correct horse", &cause);
	CHECK(strcmp(hash, again) != 0);
	CHECK(auth_check_password(again, "correct horse"));
	/* Accounts that cannot sign in. */
	CHECK(!auth_check_password("!", "anything"));
	CHECK(!auth_check_password("", ""));
	CHECK(!auth_check_password(NULL, "x"));
	free(hash);
	free(again);
	auth_free(a);
}

static void
test_token_roundtrip(void)
{
	struct auth		*a;
	struct auth_claims	 c;
	char			*token, *cause = NULL;

	a = auth_new("0123456789abcdef0123456789abcdef", 32, 4, 3600);
	token = auth_sign_token(a, 42, "staff", "sam@example.com", NOW);
	CHECK_INT(auth_verify_token(a, token, NOW + 10, &c, &cause), 0);
	CHECK_INT(c.user_id, 42);
	CHECK_STR(c.role, "staff");
	CHECK_STR(c.email, "sam@example.com");
	CHECK_INT(c.iat, NOW);
	CHECK_INT(c.exp, NOW + 3600);
	free(token);
	auth_free(a);
}

static void
test_token_claims_for_clients(void)
{
	struct auth	*a;
	jwt_t		*jwt = NULL;
	char		*token;

	/* What a client without the key reads from the payload. */
	a = auth_new(NULL, 0, 4, 600);
	token = auth_sign_token(a, 7, "admin", "ada@example.com", NOW);
	CHECK_INT(jwt_decode(&jwt, token, NULL, 0), 0);
	CHECK_STR(jwt_get_grant(jwt, "sub"), "7");
	CHECK_INT(jwt_get_grant_int(jwt, "userId"), 7);
	CHECK_STR(jwt_get_grant(jwt, "role"), "admin");
	CHECK_INT(jwt_get_grant_int(jwt, "exp"), NOW + 600);
	jwt_free(jwt);
	free(token);
	auth_free(a);
}

static void
test_token_expired(void)
{
	struct auth		*a;
	struct auth_claims	 c;
	char			*token, *cause = NULL;

	a = auth_new(NULL, 0, 4, 60);
	token = auth_sign_token(a, 1, "admin", "a@example.com", NOW);
	CHECK_INT(auth_verify_token(a, token, NOW + 60, &c, &cause), -1);
	CHECK_STR(cause, "Token expired");
	free(cause);
	cause = NULL;
	CHECK_INT(auth_verify_token(a, token, NOW + 59, &c, &cause), 0);
	free(token);
	auth_free(a);
}

static void
test_token_tampered(void)
{
	struct auth		*a, *other;
	struct auth_claims	 c;
	char			*token, *forged, *dot, *cause = NULL;
	size_t			 i;

	a = auth_new(NULL, 0, 4, 3600);
	other = auth_new(NULL, 0, 4, 3600);
	token = auth_sign_token(a, 1, "attendee", "a@example.com", NOW);

	/* Signed with another key. */
	forged = auth_sign_token(other, 1, "admin", "a@example.com", NOW);
	CHECK_INT(auth_verify_token(a, forged, NOW, &c, &cause), -1);
	CHECK_STR(cause, "Invalid token");
	free(cause);
	cause = NULL;
	free(forged);

	/* One character of the payload changed. */
	forged = strdup(token);
	dot = strchr(forged, '.') + 5;
	*dot = *dot == 'A' ? 'B' : 'A';
	CHECK_INT(auth_verify_token(a, forged, NOW, &c, &cause), -1);
	free(cause);
	cause = NULL;
	free(forged);

	/* Signature stripped. */
	forged = strdup(token);
	*(strrchr(forged, '.') + 1) = '\0';
	CHECK_INT(auth_verify_token(a, forged, NOW, &c, &cause), -1);
	free(cause);
	cause = NULL;
	free(forged);

	/* Garbage and nothing. */
	CHECK_INT(auth_verify_token(a, "not.a.token", NOW, &c, &cause), -1);
	free(cause);
	cause = NULL;
	CHECK_INT(auth_verify_token(a, "", NOW, &c, &cause), -1);
	free(cause);
	cause = NULL;
	CHECK_INT(auth_verify_token(a, NULL, NOW, &c, &cause), -1);
	CHECK_STR(cause, "No token provided");
	free(cause);
	cause = NULL;
	for (i = 0; token[i] != '\0'; i++) {
		/* Truncations never verify. */
		forged = strndup(token, i);
		if (auth_verify_token(a, forged, NOW, &c, &cause) == 0)
			CHECK(!"truncated token verified");
		free(cause);
		cause = NULL;
		free(forged);
	}
	free(token);
	auth_free(other);
	auth_free(a);
}

TEST_MAIN(
	TEST_CASE(test_password_hash_and_check),
	TEST_CASE(test_token_roundtrip),
	TEST_CASE(test_token_claims_for_clients),
	TEST_CASE(test_token_expired),
	TEST_CASE(test_token_tampered))
