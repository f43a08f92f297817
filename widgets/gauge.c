/* The fill gauge: text only, so batch output and tests can use it. */
#include "gauge.h"

#include <string.h>

int
gauge_percent(int64_t value, int64_t max)
{
	if (value < 0 || max <= 0)
		return (-1);
	if (value >= max)
		return (100);
	return ((int)(value * 100 / max));
}

int
gauge_format(char *buf, size_t len, int cols, int64_t value, int64_t max,
    int ascii)
{
	const char	*full = ascii ? "#" : "\xe2\x96\x88";	/* U+2588 */
	const char	*empty = ascii ? "." : "\xe2\x96\x91";	/* U+2591 */
	size_t		 off = 0, n;
	int		 i, filled = 0;

	if (len == 0)
		return (0);
	if (cols < 0)
		cols = 0;
	if (value >= 0 && max > 0) {
		if (value >= max)
			filled = cols;
		else
			filled = (int)(value * cols / max);
		if (filled == 0 && value > 0 && cols > 0)
			filled = 1;	/* show that something is there */
	}
	for (i = 0; i < cols; i++) {
		const char *g = i < filled ? full : empty;

		n = strlen(g);
		if (off + n >= len)
			break;
		memcpy(buf + off, g, n);
		off += n;
	}
	buf[off] = '\0';
	return (filled);
}
