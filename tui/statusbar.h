/*
 * The header line (program, server, who is signed in, live link state,
 * token expiry, clock) and the bottom bar of keys.
 */
#ifndef EVTOP_STATUSBAR_H
#define EVTOP_STATUSBAR_H

#include <stddef.h>
#include <time.h>

#include <curses.h>

#include "api.h"
#include "keys.h"

#define STATUSBAR_TOKEN_WARN	600	/* warn this many seconds before exp */

struct statusbar_info {
	const char	*server;
	const char	*email;		/* or NULL */
	const char	*role;		/* or NULL */
	enum api_link	 link;
	time_t		 exp;		/* token expiry, 0 unknown */
	time_t		 now;
	int		 ascii;
	int		 signed_out;	/* offline because the server said so */
	long		 hold_s;	/* the server asked to wait this long */
	const char	*crumb;		/* where the user is, over the dashboard */
	int		 frozen;	/* Z: the lists stand still */
};

/* Text and style of a link state ("LIVE", TERM_OK). */
const char	*statusbar_link_text(enum api_link, int *style);
/* The token warning for exp at now into buf; returns 0 when none is due. */
int		 statusbar_token_warning(time_t exp, time_t now, char *buf,
		     size_t len, int *style);
/*
 * When the token warning next changes (it appears, its minute goes down,
 * the token runs out), so the header is drawn again then; 0: never.
 */
time_t		 statusbar_token_change(time_t exp, time_t now);
void		 statusbar_draw_header(WINDOW *, const struct statusbar_info *);
#define STATUSBAR_MIN_KEYS	14	/* columns the keys keep ("q Quit") */

/*
 * The keys of these tables, and right-aligned text (or NULL) in right_attr
 * (0: the bar's).  The right text comes first: the keys get what is left,
 * at least STATUSBAR_MIN_KEYS columns; text longer than the rest is cut
 * with an ellipsis.
 */
void		 statusbar_draw_keys(WINDOW *, int ascii,
		     const struct key_table *const *tables, size_t n,
		     const char *right, attr_t right_attr);

#endif
