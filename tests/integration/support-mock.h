/*
 * evtop-mock as a child of a test: started with the test's flags, asked
 * one request at a time, signed in to, and stopped with its exit status
 * checked.  Built on tui/mockproc.h (start) and support-proc.h (stop).
 */
#ifndef EVTOP_SUPPORT_MOCK_H
#define EVTOP_SUPPORT_MOCK_H

#include <jansson.h>
#include <stdint.h>

#include "mockproc.h"
#include "support-multi.h"

/* The password of every demo account (--seed demo). */
#define SUPPORT_DEMO_PASSWORD	"evtop-demo"

/*
 * Starts $EVTOP_MOCK on an ephemeral loopback port with `--hash-cost 4`
 * (cheap password hashes) and extra (NULL-terminated, or NULL).  Its
 * stderr goes to stderr_fd (-1: /dev/null).  Returns 0, or -1 after
 * saying why on stderr.
 */
int		 support_mock_start(struct mockproc *,
		     const char *const *extra, int stderr_fd);
/*
 * Sends SIGTERM and reaps the child: its exit status, 0 when it shut
 * down cleanly (under the sanitizers: without a leak or an error), -1
 * when it was not running or a signal ended it.
 */
int		 support_mock_stop(struct mockproc *);
/*
 * Runs $EVTOP_MOCK --listen 127.0.0.1:0 flag value (value may be NULL) to
 * its end, for flags it refuses or answers at once (--help): its exit
 * status (-1 when it could not run or a signal ended it), with what it
 * wrote to stdout and stderr in out.
 */
int		 support_mock_run(const char *flag, const char *value,
		     char *out, size_t len);

/* One request to base with an optional extra header ("Name: value"). */
void		 support_call(const char *base, const char *method,
		     const char *path, const char *body, const char *token,
		     const char *header, struct request *);
/* The status of a request whose answer is not looked at further. */
long		 support_status(const char *base, const char *method,
		     const char *path, const char *body, const char *token);
/*
 * Signs in: a new token (and the user's id in *id when id is not NULL),
 * or NULL when refused.
 */
char		*support_login_id(const char *base, const char *email,
		     const char *password, int64_t *id);

/* A member of an object: a string or NULL, an integer or 0. */
const char	*get_str(const json_t *, const char *key);
int64_t		 get_int(const json_t *, const char *key);
/* The message a 400's "errors" gives for field, or NULL. */
const char	*field_error(const struct request *, const char *field);

#endif
