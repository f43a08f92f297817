/*
 * The request budget's arithmetic.  Background requests are spaced like a
 * generic cell rate algorithm without burst: each one pushes the earliest
 * time of the next by the spacing in force when it went.
 */
#include "budget.h"

#include <stdlib.h>

#include "xmalloc.h"

struct budget {
	long		 limit;		/* the server's, -1 unknown */
	long		 remaining;	/* at the last answer, -1 unknown */
	uint64_t	 reset_at;	/* when the window resets, 0 unknown */
	uint64_t	 window_ms;	/* the longest reset seen, 0 none */

	long		 assumed_limit;	/* when the server says none, or -1 */
	uint64_t	 assumed_window;

	uint64_t	 hold_until;	/* Retry-After: nothing before */
	uint64_t	 tat;		/* the next background request, not
					   before */
};

struct budget *
budget_new(void)
{
	struct budget	*b;

	b = xcalloc(1, sizeof *b);
	b->limit = -1;
	b->remaining = -1;
	b->assumed_limit = -1;
	return (b);
}

void
budget_free(struct budget *b)
{
	free(b);
}

void
budget_note(struct budget *b, uint64_t now, long limit, long remaining,
    long reset)
{
	uint64_t	ms;

	if (limit >= 0)
		b->limit = limit;
	if (remaining >= 0)
		b->remaining = remaining;
	if (reset >= 0) {
		ms = (uint64_t)reset * 1000;
		if (ms > BUDGET_WAIT_MAX_MS)
			ms = BUDGET_WAIT_MAX_MS;
		b->reset_at = now + ms;
		if (ms > b->window_ms)
			b->window_ms = ms;
	}
}

void
budget_assume(struct budget *b, long limit, uint64_t window_ms)
{
	b->assumed_limit = limit;
	b->assumed_window = window_ms;
}

void
budget_hold(struct budget *b, uint64_t now, uint64_t ms)
{
	if (ms > BUDGET_WAIT_MAX_MS)
		ms = BUDGET_WAIT_MAX_MS;
	if (b->hold_until < now + ms)
		b->hold_until = now + ms;
}

long
budget_limit(const struct budget *b)
{
	return (b->limit >= 0 ? b->limit : b->assumed_limit);
}

/* What is left of the window at now, or -1 when not known or past. */
static long
budget_remaining(const struct budget *b, uint64_t now)
{
	if (b->remaining < 0 || b->reset_at == 0 || now >= b->reset_at)
		return (-1);
	return (b->remaining);
}

uint64_t
budget_gap(const struct budget *b, uint64_t now)
{
	uint64_t	window, gap, left, dyn;
	long		limit = budget_limit(b), remaining;

	if (limit <= 0)
		return (0);
	window = b->window_ms;
	if (window == 0)
		window = b->assumed_window != 0 ? b->assumed_window :
		    BUDGET_ASSUME_WINDOW_MS;
	/* The share of the whole window, spread evenly... */
	gap = window * 100 / ((uint64_t)limit * BUDGET_SHARE_PCT);
	/* ...and no more than the share of what is left of it. */
	if ((remaining = budget_remaining(b, now)) >= 0) {
		left = b->reset_at - now;
		if (remaining == 0)
			return (left > gap ? left : gap);
		dyn = left * 100 / ((uint64_t)remaining * BUDGET_SHARE_PCT);
		/* Past the reset, the whole window's pace applies again. */
		if (dyn > left + gap)
			dyn = left + gap;
		if (dyn > gap)
			gap = dyn;
	}
	return (gap);
}

void
budget_spend(struct budget *b, uint64_t now, unsigned n)
{
	uint64_t	gap = budget_gap(b, now);

	if (b->tat < now)
		b->tat = now;
	b->tat += gap * n;
	if (b->remaining > 0 && budget_remaining(b, now) > 0)
		b->remaining -= n < (unsigned long)b->remaining ?
		    (long)n : b->remaining;
}

uint64_t
budget_hold_left(const struct budget *b, uint64_t now)
{
	return (b->hold_until > now ? b->hold_until - now : 0);
}

uint64_t
budget_next(const struct budget *b, uint64_t now)
{
	uint64_t	t = now;

	if (b->tat > t)
		t = b->tat;
	if (b->hold_until > t)
		t = b->hold_until;
	/* The window is spent: nothing in the background until it resets. */
	if (budget_remaining(b, now) == 0 && b->reset_at > t)
		t = b->reset_at;
	return (t);
}
