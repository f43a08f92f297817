/*
 * What the e2e tests share: the demo evtop-mock they talk to, and waiting
 * for text to appear on (or leave) evtop's screen, with the screen dumped
 * to stderr when it never does.  Include after test.h.
 */
#ifndef EVTOP_E2E_H
#define EVTOP_E2E_H

#include <stdio.h>
#include <stdlib.h>

#include "mockproc.h"
#include "vt-harness.h"

/* Starts mock (once) with the demo data; 0, or -1 having said why. */
static inline int
e2e_start_demo_mock(struct mockproc *mock)
{
	static const char *const extra[] = {
		"--seed", "demo", "--hash-cost", "4", NULL
	};
	const char	*path = getenv("EVTOP_MOCK");
	char		*cause = NULL;

	if (mock->url != NULL)
		return (0);
	if (path == NULL ||
	    mockproc_start(mock, path, extra, -1, 60000, &cause) != 0) {
		fprintf(stderr, "e2e: cannot start the mock: %s\n",
		    cause != NULL ? cause : "EVTOP_MOCK is not set");
		free(cause);
		return (-1);
	}
	return (0);
}

/* Waits up to ms for text on screen; a failed check when it never comes. */
static inline int
e2e_expect(struct vt *vt, const char *text, int ms)
{
	if (vt_wait_text(vt, text, ms) == 0)
		return (0);
	fprintf(stderr, "e2e: never saw \"%s\"\n", text);
	vt_dump(vt, stderr);
	CHECK(0);
	return (-1);
}

/* Waits up to ms for text to leave the screen. */
static inline int
e2e_expect_gone(struct vt *vt, const char *text, int ms)
{
	if (vt_wait_gone(vt, text, ms) == 0)
		return (0);
	fprintf(stderr, "e2e: \"%s\" stayed\n", text);
	vt_dump(vt, stderr);
	CHECK(0);
	return (-1);
}

#endif
