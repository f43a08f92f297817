/*
 * A check of the Prometheus text exposition format (0.0.4) for the tests
 * of /metrics: every sample line is NAME, optional {LABELS}, a space and
 * a number; comments start with #; every line ends with a newline.
 */
#ifndef EVTOP_TEST_PROMETHEUS_H
#define EVTOP_TEST_PROMETHEUS_H

#include <stdlib.h>
#include <string.h>

static inline int
valid_exposition(const char *text)
{
	const char	*line = text, *end, *p;
	char		*num_end;

	while (*line != '\0') {
		if ((end = strchr(line, '\n')) == NULL)
			return (0);
		if (*line != '#') {
			p = line + strspn(line, "abcdefghijklmnopqrstuvwxyz"
			    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_:");
			if (p == line)
				return (0);
			if (*p == '{') {
				p = memchr(p, '}', (size_t)(end - p));
				if (p == NULL)
					return (0);
				p++;
			}
			if (*p != ' ')
				return (0);
			strtod(p + 1, &num_end);
			if (num_end != end)
				return (0);
		}
		line = end + 1;
	}
	return (1);
}

#endif
