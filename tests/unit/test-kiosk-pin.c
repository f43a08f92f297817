/*
 * The kiosk PIN: what may be a PIN, its yescrypt hash, and the check that
 * lets only the right PIN leave the station.
 */
#include <stdlib.h>
#include <string.h>

#include "kiosk-pin.h"
#include "test.h"

static void
test_acceptable(void)
{
	static const struct {
		const char	*pin;
		const char	*want;	/* NULL: accepted */
	} cases[] = {
		{ "1234", NULL },
		{ "0000", NULL },
		{ "door-7!#", NULL },
		{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		  NULL },
		{ "", "a PIN needs at least 4 characters" },
		{ "123", "a PIN needs at least 4 characters" },
		{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		  "a PIN has at most 64 characters" },
		{ "12 34", "a PIN may only have letters, digits and punctuation "
		  "(ASCII): no spaces, no control characters" },
		{ "1234\t", "a PIN may only have letters, digits and "
		  "punctuation (ASCII): no spaces, no control characters" },
		{ "12\x1b[34", "a PIN may only have letters, digits and "
		  "punctuation (ASCII): no spaces, no control characters" },
		{ "caf\xc3\xa9", "a PIN may only have letters, digits and "
		  "punctuation (ASCII): no spaces, no control characters" },
	};
	char	*cause;
	size_t	 i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		cause = NULL;
		CHECK_INT(kiosk_pin_acceptable(cases[i].pin, &cause),
		    cases[i].want == NULL ? 0 : -1);
		CHECK_STR(cause, cases[i].want);
		free(cause);
	}
}

static void
test_round_trip(void)
{
	char	*hash, *again, *cause = NULL;

	hash = kiosk_pin_hash("4711", &cause);
	CHECK(hash != NULL);
	CHECK_STR(cause, NULL);
	if (hash == NULL)
		return;
	/* yescrypt, and never the PIN itself. */
	CHECK(strncmp(hash, "$y$", 3) == 0);
	CHECK(strstr(hash, "4711") == NULL);
	CHECK_INT(kiosk_pin_is_hash(hash), 1);
	CHECK_INT(kiosk_pin_check(hash, "4711"), 1);
	CHECK_INT(kiosk_pin_check(hash, "4712"), 0);
	CHECK_INT(kiosk_pin_check(hash, "471"), 0);
	CHECK_INT(kiosk_pin_check(hash, "47111"), 0);
	CHECK_INT(kiosk_pin_check(hash, ""), 0);
	CHECK_INT(kiosk_pin_check(hash, NULL), 0);

	/* A new salt each time: the same PIN, another hash, both good. */
	again = kiosk_pin_hash("4711", &cause);
	CHECK(again != NULL && strcmp(again, hash) != 0);
	CHECK_INT(kiosk_pin_check(again, "4711"), 1);
	free(again);
	free(hash);
}

/* A PIN that may not be one is never hashed. */
static void
test_hash_refuses(void)
{
	char	*cause = NULL;

	CHECK(kiosk_pin_hash("12", &cause) == NULL);
	CHECK_STR(cause, "a PIN needs at least 4 characters");
	free(cause);
}

/* What is not a whole hash matches no PIN, and is no kiosk_pin. */
static void
test_not_hashes(void)
{
	static const char *const cases[] = {
		"",
		"1234",			/* the PIN itself, pasted */
		"abJnggxhB/yWI",	/* DES: legacy, refused */
		"$1$abc$rLsaQ8Gt5BWoWJhEuRrBv.",	/* md5crypt: legacy */
		"$y$",
		"$y$j9T$",
		"$y$j9T$abc",
		"$y$j9T$F5Jx5fExrKuPp53xLKQ..1",	/* a setting, no hash */
		"$6$saltsaltsaltsaltsaltsaltsaltsalt",	/* the same */
		"*0",
		"*1",
		"$z$nothing$XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
		"$y$j9T$.GZlBN3DcDHiGMpFw7gAv/$ShSA.AFTV4991YrUW92SG2Lk Kq",
	};
	size_t	i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		CHECK_INT(kiosk_pin_is_hash(cases[i]), 0);
		CHECK_INT(kiosk_pin_check(cases[i], "1234"), 0);
	}
	CHECK_INT(kiosk_pin_is_hash(NULL), 0);
	CHECK_INT(kiosk_pin_check(NULL, "1234"), 0);
}

/*
 * Hashes made elsewhere, of "4711" (Python's crypt: yescrypt, and bcrypt,
 * another method libxcrypt knows), check alike; one changed byte in the
 * hash part and no PIN matches.
 */
static void
test_other_hashes(void)
{
	char	yescrypt[] = "$y$j9T$F5Jx5fExrKuPp53xLKQ..1$"
	    "T.6MJPbSRJwgOxRhMWg2dULCxrUfhNnV7A706kom2M0";
	char	bcrypt[] = "$2b$05$zD06EwVeVYyEnQmll/SqHOnVZu4zA8T04j0lIOP0n4"
	    "6z5oKjxqXpO";

	CHECK_INT(kiosk_pin_is_hash(yescrypt), 1);
	CHECK_INT(kiosk_pin_check(yescrypt, "4711"), 1);
	CHECK_INT(kiosk_pin_check(yescrypt, "4712"), 0);
	CHECK_INT(kiosk_pin_is_hash(bcrypt), 1);
	CHECK_INT(kiosk_pin_check(bcrypt, "4711"), 1);
	CHECK_INT(kiosk_pin_check(bcrypt, "1147"), 0);

	yescrypt[sizeof yescrypt - 3] = 'A';
	CHECK_INT(kiosk_pin_is_hash(yescrypt), 1);
	CHECK_INT(kiosk_pin_check(yescrypt, "4711"), 0);
}

TEST_MAIN(
	TEST_CASE(test_acceptable),
	TEST_CASE(test_round_trip),
	TEST_CASE(test_hash_refuses),
	TEST_CASE(test_not_hashes),
	TEST_CASE(test_other_hashes)
)
