/* The wall clock, and the fixed one tests set with EVTOP_TEST_NOW. */
#include <stdlib.h>
#include <time.h>

#include "clock.h"

#include "test.h"

#define FIXED		"2026-06-01T09:00:00Z"
#define FIXED_T		1780304400

static void
test_clock_wall(void)
{
	time_t	before, now, after;
	char	*cause = NULL;

	unsetenv("EVTOP_TEST_NOW");
	clock_reset();
	before = time(NULL);
	now = clock_now();
	after = time(NULL);
	CHECK(now >= before && now <= after);
	CHECK(clock_now_ms() / 1000 >= before);
	CHECK_INT(clock_check(&cause), 0);
	CHECK(cause == NULL);

	/* Set but empty counts as unset, as NO_COLOR does. */
	setenv("EVTOP_TEST_NOW", "", 1);
	clock_reset();
	CHECK(clock_now() >= before);
	CHECK_INT(clock_check(&cause), 0);
	unsetenv("EVTOP_TEST_NOW");
	clock_reset();
}

static void
test_clock_fixed(void)
{
	char	*cause = NULL;

	setenv("EVTOP_TEST_NOW", FIXED, 1);
	clock_reset();
	CHECK_INT(clock_now(), FIXED_T);
	CHECK_INT(clock_now_ms(), (int64_t)FIXED_T * 1000);
	CHECK_INT(clock_check(&cause), 0);
	/* It stands still. */
	CHECK_INT(clock_now(), FIXED_T);

	/* Any ISO 8601 shape json_util_parse_time reads. */
	setenv("EVTOP_TEST_NOW", "2026-06-01T11:00:00+02:00", 1);
	clock_reset();
	CHECK_INT(clock_now(), FIXED_T);
	unsetenv("EVTOP_TEST_NOW");
	clock_reset();
}

static void
test_clock_bad(void)
{
	char	*cause = NULL;

	setenv("EVTOP_TEST_NOW", "tomorrow", 1);
	clock_reset();
	CHECK_INT(clock_check(&cause), -1);
	CHECK_STR(cause, "EVTOP_TEST_NOW wants a time like "
	    "2026-06-01T09:00:00Z, not \"tomorrow\"");
	free(cause);
	/* The programs refuse to start; the clock itself stays usable. */
	CHECK(clock_now() > FIXED_T - 86400 * 3650);
	unsetenv("EVTOP_TEST_NOW");
	clock_reset();
}

/*
 * The variable is read once: changing it later changes nothing until
 * clock_reset, in both directions and for clock_check too.
 */
static void
test_clock_read_once(void)
{
	char	*cause = NULL;

	setenv("EVTOP_TEST_NOW", FIXED, 1);
	clock_reset();
	CHECK_INT(clock_now(), FIXED_T);
	setenv("EVTOP_TEST_NOW", "2030-01-01T00:00:00Z", 1);
	CHECK_INT(clock_now(), FIXED_T);
	CHECK_INT(clock_now_ms(), (int64_t)FIXED_T * 1000);
	unsetenv("EVTOP_TEST_NOW");
	CHECK_INT(clock_now(), FIXED_T);

	/* A bad value set after the first read is not seen... */
	setenv("EVTOP_TEST_NOW", "tomorrow", 1);
	CHECK_INT(clock_check(&cause), 0);
	/* ...until the reset, when it is refused as at a start. */
	clock_reset();
	CHECK_INT(clock_check(&cause), -1);
	free(cause);
	cause = NULL;

	/* Unset, then read: the wall clock, whatever is set afterwards. */
	unsetenv("EVTOP_TEST_NOW");
	clock_reset();
	CHECK(clock_now() != FIXED_T);
	setenv("EVTOP_TEST_NOW", FIXED, 1);
	CHECK(clock_now() != FIXED_T && clock_now() >= time(NULL) - 1);
	unsetenv("EVTOP_TEST_NOW");
	clock_reset();
}

TEST_MAIN(
	TEST_CASE(test_clock_wall),
	TEST_CASE(test_clock_fixed),
	TEST_CASE(test_clock_bad),
	TEST_CASE(test_clock_read_once))
