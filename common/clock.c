#include "clock.h"

#include <stdlib.h>
#include <sys/time.h>

#include "json-util.h"
#include "xmalloc.h"

#define CLOCK_TEST_ENV	"EVTOP_TEST_NOW"

/* What EVTOP_TEST_NOW said, read once (clock_fixed). */
enum clock_state {
	CLOCK_UNREAD,		/* not read yet, or clock_reset */
	CLOCK_WALL,		/* unset or empty */
	CLOCK_FIXED,		/* a time: clock_fixed_at */
	CLOCK_BAD		/* something else */
};

static int	clock_state = CLOCK_UNREAD;
static time_t	clock_fixed_at;

/*
 * The fixed instant: 1 and *t when EVTOP_TEST_NOW holds one, 0 when it is
 * unset or empty, -1 when it holds something else.  The environment is
 * read at the first call only: the clock is asked for at every frame and
 * on every request, and the hook never changes while a program runs.  Two
 * threads reading it first at once both reach the same answer; the state
 * is published after the time it stands for.
 */
static int
clock_fixed(time_t *t)
{
	const char	*v;
	time_t		 at;
	int		 state;

	state = __atomic_load_n(&clock_state, __ATOMIC_ACQUIRE);
	if (state == CLOCK_UNREAD) {
		v = getenv(CLOCK_TEST_ENV);
		if (v == NULL || *v == '\0')
			state = CLOCK_WALL;
		else if (json_util_parse_time(v, &at) != 0)
			state = CLOCK_BAD;
		else {
			clock_fixed_at = at;
			state = CLOCK_FIXED;
		}
		__atomic_store_n(&clock_state, state, __ATOMIC_RELEASE);
	}
	switch (state) {
	case CLOCK_FIXED:
		*t = clock_fixed_at;
		return (1);
	case CLOCK_BAD:
		return (-1);
	default:
		return (0);
	}
}

void
clock_reset(void)
{
	__atomic_store_n(&clock_state, CLOCK_UNREAD, __ATOMIC_RELEASE);
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
	time_t		 t;
	const char	*v;

	if (clock_fixed(&t) != -1)
		return (0);
	v = getenv(CLOCK_TEST_ENV);
	xasprintf(cause, "%s wants a time like 2026-06-01T09:00:00Z, not "
	    "\"%s\"", CLOCK_TEST_ENV, v != NULL ? v : "");
	return (-1);
}
