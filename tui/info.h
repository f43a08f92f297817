/*
 * `evtop info': what evtop would use and what the server says about
 * itself, for a person checking a set-up or a bug report.  Never prints a
 * token.
 */
#ifndef EVTOP_INFO_H
#define EVTOP_INFO_H

#include <stdio.h>
#include <uv.h>

#include "api.h"
#include "config.h"

struct info_build {
	const char	*version;
	const char	*commit;
};

/*
 * Prints the report (text, or one JSON object with --json) to out.
 * api is NULL when no server is configured.  Returns the exit code: 0,
 * or 3 when the server could not be reached.
 */
int	info_run(uv_loop_t *, struct api *, const struct config *,
	    const struct info_build *, FILE *out);
/* "in 3 h 5 min", "in 12 min", "2 days ago": how far t is from now. */
void	info_format_expiry(time_t exp, time_t now, char *buf, size_t len);

#endif
