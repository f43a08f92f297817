/*
 * A sparkline drawn as text, one cell a bucket: "▁▂▅█▃" in Unicode, or
 * "_.=#-" in ASCII, for a per-minute timeline in a pane or a status line.
 */
#ifndef EVTOP_SPARK_H
#define EVTOP_SPARK_H

#include <stddef.h>
#include <stdint.h>

/*
 * Writes the last values (n of them, oldest first) as at most cols cells
 * into buf: when there are more values than cells, each cell sums the
 * values of its stretch, the newest stretch ending at the last value.
 * The tallest cell is the largest sum; a zero is the lowest mark and any
 * sum above zero at least the next one, so "nothing" and "a little" look
 * apart.  An unknown value (< 0) counts as zero.  Returns the cells
 * written.
 */
int	spark_format(char *buf, size_t len, const int64_t *values, size_t n,
	    int cols, int ascii);

#endif
