/*
 * The request budget's arithmetic, on a clock the test holds: spacing
 * from the server's limit and window, what is left of a window, a
 * Retry-After, and an hour of an idle client against a server that
 * counts, simulated in a moment.
 */
#include <stdio.h>
#include <string.h>

#include "budget.h"

#include "test.h"

#define S	1000ULL		/* ms */

/* A server that says nothing sets no pace; a hold still holds. */
static void
test_unknown(void)
{
	struct budget	*b = budget_new();

	CHECK_INT(budget_limit(b), -1);
	CHECK_INT(budget_gap(b, 0), 0);
	budget_spend(b, 5 * S, 1);
	CHECK_INT(budget_next(b, 5 * S), 5 * S);
	CHECK_INT(budget_hold_left(b, 5 * S), 0);
	budget_hold(b, 5 * S, 2 * S);
	CHECK_INT(budget_hold_left(b, 6 * S), 1 * S);
	CHECK_INT(budget_next(b, 6 * S), 7 * S);
	CHECK_INT(budget_hold_left(b, 8 * S), 0);
	CHECK_INT(budget_next(b, 8 * S), 8 * S);
	budget_free(b);
}

/* 100 per 15 minutes: 45 % of it spread evenly is one every 20 s. */
static void
test_spacing(void)
{
	struct budget	*b = budget_new();

	budget_note(b, 0, 100, 100, 900);
	CHECK_INT(budget_limit(b), 100);
	CHECK_INT(budget_gap(b, 0), 20 * S);
	CHECK_INT(budget_next(b, 0), 0);
	budget_spend(b, 0, 1);
	CHECK_INT(budget_next(b, 1 * S), 20 * S);
	/* A refresh of three pages owes three gaps. */
	budget_spend(b, 20 * S, 3);
	CHECK_INT(budget_next(b, 21 * S), 80 * S);
	/* A late request does not earn credit for the idle time. */
	budget_spend(b, 500 * S, 1);
	CHECK_INT(budget_next(b, 500 * S), 520 * S);

	/* 1000 per hour: 8 s. */
	budget_free(b);
	b = budget_new();
	budget_note(b, 0, 1000, 1000, 3600);
	CHECK_INT(budget_gap(b, 0), 8 * S);
	budget_free(b);
}

/* Others spent the window: the share of what is left sets the pace. */
static void
test_remaining(void)
{
	struct budget	*b = budget_new();

	budget_note(b, 0, 100, 100, 900);
	/* 450 s left, 10 requests left: 45 % of 10 in 450 s is 100 s. */
	budget_note(b, 450 * S, 100, 10, 450);
	CHECK_INT(budget_gap(b, 450 * S), 100 * S);
	/* The window's length is the longest reset seen, not the last. */
	budget_note(b, 460 * S, 100, 100, 440);
	CHECK_INT(budget_gap(b, 460 * S), 20 * S);

	/* Spent: nothing in the background until the reset. */
	budget_note(b, 500 * S, 100, 0, 300);
	CHECK_INT(budget_next(b, 500 * S), 800 * S);
	CHECK_INT(budget_gap(b, 500 * S), 300 * S);
	/* After it, what the server said is stale: the window is whole. */
	CHECK_INT(budget_next(b, 801 * S), 801 * S);
	CHECK_INT(budget_gap(b, 801 * S), 20 * S);
	/*
	 * 2 left for 600 s would be one every 667 s, past the reset: the
	 * wait is the reset, then the whole window's pace.
	 */
	budget_note(b, 900 * S, 100, 2, 600);
	CHECK_INT(budget_gap(b, 900 * S), 620 * S);
	budget_spend(b, 900 * S, 1);
	CHECK_INT(budget_next(b, 1000 * S), 1520 * S);
	/* A request in flight counts against what is left. */
	budget_spend(b, 1520 * S, 1);
	CHECK_INT(budget_next(b, 1520 * S), 1520 * S + 20 * S);
	budget_free(b);
}

/* An assumed limit gives way to the server's word. */
static void
test_assume(void)
{
	struct budget	*b = budget_new();

	budget_assume(b, BUDGET_ASSUME_LIMIT, BUDGET_ASSUME_WINDOW_MS);
	CHECK_INT(budget_limit(b), 100);
	CHECK_INT(budget_gap(b, 0), 20 * S);
	budget_note(b, 0, 600, -1, 60);
	CHECK_INT(budget_limit(b), 600);
	/* 45 % of 600 per minute: one every 222 ms. */
	CHECK_INT(budget_gap(b, 0), 222);
	budget_free(b);
}

/* Retry-After holds everything; a longer one wins, a shorter does not. */
static void
test_hold(void)
{
	struct budget	*b = budget_new();

	budget_hold(b, 10 * S, 848 * S);
	CHECK_INT(budget_hold_left(b, 10 * S), 848 * S);
	budget_hold(b, 20 * S, 1 * S);
	CHECK_INT(budget_hold_left(b, 20 * S), 838 * S);
	CHECK_INT(budget_next(b, 20 * S), 858 * S);
	/* More than a day is a day. */
	budget_hold(b, 0, 10 * BUDGET_WAIT_MAX_MS);
	CHECK_INT(budget_hold_left(b, 0), BUDGET_WAIT_MAX_MS);
	budget_free(b);
}

/*
 * An idle client for an hour against a server that allows 100 requests
 * per fixed 15-minute window: it polls every 10 s unless the budget says
 * later, tries the WebSocket every 15 minutes, and never sees a 429.
 */
static void
test_idle_hour(void)
{
	struct budget	*b = budget_new();
	uint64_t	 now, next_poll = 10 * S, next_ws = 0, window_start = 0;
	long		 used = 0, worst = 0, total = 0, refused = 0;

	budget_assume(b, BUDGET_ASSUME_LIMIT, BUDGET_ASSUME_WINDOW_MS);
	for (now = 0; now < 3600 * S; now += 100) {
		int	ws = now >= next_ws, poll = now >= next_poll;

		if (!ws && !poll)
			continue;
		if (budget_next(b, now) > now)
			continue;
		if (now - window_start >= 900 * S) {
			window_start = now;
			used = 0;
		}
		if (used >= 100)
			refused++;
		else
			used++;
		total++;
		if (used > worst)
			worst = used;
		budget_spend(b, now, 1);
		budget_note(b, now, 100, 100 - used,
		    (long)((window_start + 900 * S - now) / S));
		if (ws)
			next_ws = now + 900 * S;
		else
			next_poll = now + 10 * S;
	}
	printf("# idle hour: %ld requests, at most %ld in a window, %ld "
	    "refused\n", total, worst, refused);
	CHECK(worst <= 50);
	CHECK_INT(refused, 0);
	CHECK(total >= 150);		/* it does keep polling */
	budget_free(b);
}

TEST_MAIN(
	TEST_CASE(test_unknown),
	TEST_CASE(test_spacing),
	TEST_CASE(test_remaining),
	TEST_CASE(test_assume),
	TEST_CASE(test_hold),
	TEST_CASE(test_idle_hour)
)
