/*
 * The claims of a sign-in token, read through libjwt without the key:
 * unverified, so good for reading (when the token runs out, which role to
 * hide actions from) and never for trust.  Only the server checks a token.
 */
#ifndef EVTOP_CLAIMS_H
#define EVTOP_CLAIMS_H

#include <stdint.h>
#include <time.h>

struct claims {
	time_t	 exp;		/* 0 when absent */
	int64_t	 id;		/* userId, else sub; -1 when absent */
	char	*role;		/* sanitized; NULL when absent */
	char	*email;		/* sanitized; NULL when absent */
};

/*
 * Reads the claims of token: 0 with *c filled (what the token lacks is
 * absent), or -1 with a sentence in *cause (which may be NULL) when it is
 * not a JWT (three base64url parts, a header naming an algorithm, a JSON
 * payload).  The signature is not checked: any key, or none, will do.
 */
int	claims_read(const char *token, struct claims *c, char **cause);
void	claims_done(struct claims *c);

#endif
