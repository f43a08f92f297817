/*
 * A fill gauge drawn as text: "[██████░░░░]" or "[######....]" in ASCII.
 */
#ifndef EVTOP_GAUGE_H
#define EVTOP_GAUGE_H

#include <stddef.h>
#include <stdint.h>

/*
 * Writes a bar of cols columns (brackets excluded) showing value out of
 * max into buf; an unknown value (< 0) or max (<= 0) gives an empty bar.
 * Returns the number of filled cells.
 */
int	gauge_format(char *buf, size_t len, int cols, int64_t value,
	    int64_t max, int ascii);
/* Percent of max that value is, rounded down and capped to 0..100; -1 unknown. */
int	gauge_percent(int64_t value, int64_t max);

#endif
