/*
 * What every fuzz target checks of text a reader hands on: it will be
 * drawn or printed later, so it holds no control byte.
 */
#ifndef EVTOP_FUZZ_CHECK_H
#define EVTOP_FUZZ_CHECK_H

#include <stdlib.h>

/* Aborts (a finding) when s holds a C0 control or DEL. */
static inline void
fuzz_check_safe(const char *s)
{
	const unsigned char	*p;

	if (s == NULL)
		return;
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p < 0x20 || *p == 0x7f)
			abort();
	}
}

#endif
