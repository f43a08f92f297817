/*
 * Reading a token's claims without its key: tokens signed with a key the
 * client never has, unsigned ones, ones without exp, and things that are
 * no JWT at all.
 */
#include <jwt.h>
#include <stdlib.h>
#include <string.h>

#include "claims.h"
#include "model.h"
#include "test.h"
#include "test-jwt.h"

/* base64url without padding, as a JWT has it. */
static void
b64url(const char *in, char *out)
{
	static const char	 abc[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	const unsigned char	*p = (const unsigned char *)in;
	size_t			 len = strlen(in), i;
	unsigned int		 v;

	for (i = 0; i + 2 < len; i += 3) {
		v = (unsigned)p[i] << 16 | (unsigned)p[i + 1] << 8 | p[i + 2];
		*out++ = abc[v >> 18 & 63];
		*out++ = abc[v >> 12 & 63];
		*out++ = abc[v >> 6 & 63];
		*out++ = abc[v & 63];
	}
	if (len - i == 1) {
		v = (unsigned)p[i] << 16;
		*out++ = abc[v >> 18 & 63];
		*out++ = abc[v >> 12 & 63];
	} else if (len - i == 2) {
		v = (unsigned)p[i] << 16 | (unsigned)p[i + 1] << 8;
		*out++ = abc[v >> 18 & 63];
		*out++ = abc[v >> 12 & 63];
		*out++ = abc[v >> 6 & 63];
	}
	*out = '\0';
}

/* header.payload.signature from JSON texts. */
static char *
hand_token(const char *header, const char *payload, const char *sig)
{
	char	*tok = malloc(strlen(header) * 2 + strlen(payload) * 2 +
		    strlen(sig) + 8);

	b64url(header, tok);
	strcat(tok, ".");
	b64url(payload, tok + strlen(tok));
	strcat(tok, ".");
	strcat(tok, sig);
	return (tok);
}

static void
test_signed_elsewhere(void)
{
	struct claims	 c;
	char		*tok, *cause = NULL;

	tok = test_jwt_make(1893456000, 12, "staff", "door@example.com");
	CHECK_INT(claims_read(tok, &c, &cause), 0);
	CHECK(cause == NULL);
	CHECK_INT(c.exp, 1893456000);
	CHECK_INT(c.id, 12);
	CHECK_STR(c.role, "staff");
	CHECK_STR(c.email, "door@example.com");
	claims_done(&c);
	CHECK(c.role == NULL && c.email == NULL);
	free(tok);

	/* Another algorithm, with a key nobody here has: still readable. */
	tok = hand_token("{\"alg\":\"RS256\",\"typ\":\"JWT\"}",
	    "{\"exp\":1900000000,\"role\":\"admin\"}", "c2lnbmF0dXJl");
	CHECK_INT(claims_read(tok, &c, NULL), 0);
	CHECK_INT(c.exp, 1900000000);
	CHECK_STR(c.role, "admin");
	claims_done(&c);
	free(tok);
}

static void
test_without_exp(void)
{
	struct claims	 c;
	char		*tok;

	tok = test_jwt_make(0, 12, NULL, NULL);
	CHECK_INT(claims_read(tok, &c, NULL), 0);
	CHECK_INT(c.exp, 0);
	CHECK_INT(c.id, 12);
	CHECK(c.role == NULL);
	CHECK(c.email == NULL);
	claims_done(&c);
	free(tok);

	/* An exp that is no number is no exp. */
	tok = hand_token("{\"alg\":\"HS256\"}",
	    "{\"exp\":\"soon\",\"sub\":\"x\"}", "c2ln");
	CHECK_INT(claims_read(tok, &c, NULL), 0);
	CHECK_INT(c.exp, 0);
	CHECK_INT(c.id, -1);
	claims_done(&c);
	free(tok);
}

/* Numbers as numeric strings, as counts and ids come from some servers. */
static void
test_numeric_strings(void)
{
	struct claims	 c;
	char		*tok;

	tok = hand_token("{\"alg\":\"HS256\"}",
	    "{\"exp\":\"1900000000\",\"sub\":\"7\"}", "c2ln");
	CHECK_INT(claims_read(tok, &c, NULL), 0);
	CHECK_INT(c.exp, 1900000000);
	CHECK_INT(c.id, 7);
	claims_done(&c);
	free(tok);
}

/* {"alg":"none"}, empty signature: the mock's tests and old servers. */
static void
test_unsigned(void)
{
	struct claims	c;

	CHECK_INT(claims_read("eyJhbGciOiJub25lIn0."
	    "eyJleHAiOjE5MDAwMDAwMDAsInJvbGUiOiJvcmdhbml6ZXIifQ.", &c, NULL),
	    0);
	CHECK_INT(c.exp, 1900000000);
	CHECK_STR(c.role, "organizer");
	claims_done(&c);
}

/* Claims are server strings: no escape reaches the screen. */
static void
test_sanitized(void)
{
	struct claims	 c;
	char		*tok;

	tok = hand_token("{\"alg\":\"HS256\"}",
	    "{\"role\":\"adm\\u001b[2Jin\",\"email\":\"a\\r\\nb@example.com\"}",
	    "c2ln");
	CHECK_INT(claims_read(tok, &c, NULL), 0);
	CHECK_STR(c.role, "admin");
	CHECK_STR(c.email, "a  b@example.com");
	claims_done(&c);
	free(tok);
}

static void
test_malformed(void)
{
	static const char	*tokens[] = {
		"",
		"not-a-token",
		"a.b.c",
		"aaa.bbb.ccc",
		/* Two parts: no signature part at all. */
		"eyJhbGciOiJub25lIn0.eyJleHAiOjE5MDAwMDAwMDB9",
		/* {"alg":"HS256"} . {"exp": (cut short) */
		"eyJhbGciOiJIUzI1NiJ9.eyJleHAiOg.c2ln",
		/* {"typ":"JWT"}: no algorithm named. */
		"eyJ0eXAiOiJKV1QifQ.eyJleHAiOjF9.c2ln",
	};
	struct claims		 c;
	char			*cause;
	size_t			 i;

	for (i = 0; i < sizeof tokens / sizeof tokens[0]; i++) {
		cause = NULL;
		CHECK_INT(claims_read(tokens[i], &c, &cause), -1);
		CHECK(cause != NULL);
		CHECK_INT(c.exp, 0);
		CHECK_INT(c.id, -1);
		CHECK(c.role == NULL && c.email == NULL);
		free(cause);
	}
	CHECK_INT(claims_read(NULL, &c, NULL), -1);
}

/* A session resumed from a token takes what the claims say. */
static void
test_session_from_token(void)
{
	struct session	 s;
	char		*tok;

	tok = test_jwt_make(1893456000, 12, "attendee", "ann@example.com");
	CHECK_INT(model_session_from_token(tok, &s, NULL), 0);
	CHECK_INT(s.exp, 1893456000);
	CHECK_STR(s.user.email, "ann@example.com");
	CHECK_STR(s.user.name, "ann@example.com");
	CHECK_STR(s.user.role, "attendee");
	CHECK_INT(s.user.id, 12);
	session_done(&s);
	free(tok);

	/* A plausible token that is no JWT: kept, claims absent. */
	CHECK_INT(model_session_from_token("aaa.bbb.ccc", &s, NULL), 0);
	CHECK_INT(s.exp, 0);
	CHECK_STR(s.user.email, "");
	CHECK(s.user.role == NULL);
	session_done(&s);
}

TEST_MAIN(
	TEST_CASE(test_signed_elsewhere),
	TEST_CASE(test_without_exp),
	TEST_CASE(test_numeric_strings),
	TEST_CASE(test_unsigned),
	TEST_CASE(test_sanitized),
	TEST_CASE(test_malformed),
	TEST_CASE(test_session_from_token)
)
