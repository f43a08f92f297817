#include "clock.h"

#include <stdlib.h>
#include <sys/time.h>

#include "json-util.h"
#include "xmalloc.h"

#define CLOCK_TEST_ENV	"EVTOP_TEST_NOW"

/*
 * The fixed instant: 1 and *t when EVTOP_TEST_NOW holds one, 0 when it is
 * unset or empty, -1 when it holds something else.  Read on every call, so
 * there is no state to share between threads.
 */
static int
clock_fixed(time_t *t)
{
	const char	*v = getenv(CLOCK_TEST_ENV);

	if (v == NULL || *v == '\0')
		return (0);
	if (json_util_parse_time(v, t) != 0)
		return (-1);
	return (1);
}

time_t
clock_now(void)
{
	time_t	t;

	if (clock_fixed(&t) == 1)
		return (t);
	return (time(NULL));
}

int64_t
clock_now_ms(void)
{
	struct timeval	tv;
	time_t		t;

	if (clock_fixed(&t) == 1)
		return ((int64_t)t * 1000);
	gettimeofday(&tv, NULL);
	return ((int64_t)tv.tv_sec * 1000 + tv.tv_usec / 1000);
}

int
clock_check(char **cause)
{
	time_t	t;

	if (clock_fixed(&t) != -1)
		return (0);
	xasprintf(cause, "%s wants a time like 2026-06-01T09:00:00Z, not "
	    "\"%s\"", CLOCK_TEST_ENV, getenv(CLOCK_TEST_ENV));
	return (-1);
}
