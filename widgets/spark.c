/* The sparkline: text only, so batch output and tests can use it. */
#include "spark.h"

#include <string.h>

#define SPARK_LEVELS	8

static const char *const spark_unicode[SPARK_LEVELS] = {
	"\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83", "\xe2\x96\x84",
	"\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87", "\xe2\x96\x88"
};				/* U+2581 .. U+2588 */
static const char *const spark_ascii[SPARK_LEVELS] = {
	"_", ".", ",", ":", "-", "=", "+", "#"
};

/* The sum of values[from..to), unknown ones as zero. */
static int64_t
spark_sum(const int64_t *values, size_t from, size_t to)
{
	int64_t	sum = 0;

	for (; from < to; from++) {
		if (values[from] > 0 && sum <= INT64_MAX - values[from])
			sum += values[from];
	}
	return (sum);
}

int
spark_format(char *buf, size_t len, const int64_t *values, size_t n,
    int cols, int ascii)
{
	const char *const	*marks = ascii ? spark_ascii : spark_unicode;
	size_t			 cells, per, end, i, off = 0, m;
	int64_t			 sums[512], top = 0;
	int			 level;

	if (len == 0)
		return (0);
	buf[0] = '\0';
	if (cols <= 0 || n == 0)
		return (0);
	cells = (size_t)cols;
	if (cells > sizeof sums / sizeof sums[0])
		cells = sizeof sums / sizeof sums[0];
	per = (n + cells - 1) / cells;		/* values a cell */
	cells = (n + per - 1) / per;
	/* The newest stretch ends at the last value; the oldest may be short. */
	for (i = 0; i < cells; i++) {
		end = n - (cells - 1 - i) * per;
		sums[i] = spark_sum(values, end > per ? end - per : 0, end);
		if (sums[i] > top)
			top = sums[i];
	}
	for (i = 0; i < cells; i++) {
		if (sums[i] <= 0 || top <= 0)
			level = 0;
		else {
			/* 1..7 above zero: a little is never drawn as nothing. */
			level = 1 + (int)((double)sums[i] * (SPARK_LEVELS - 2) /
			    (double)top);
		}
		m = strlen(marks[level]);
		if (off + m >= len)
			break;
		memcpy(buf + off, marks[level], m);
		off += m;
	}
	buf[off] = '\0';
	return ((int)i);
}
