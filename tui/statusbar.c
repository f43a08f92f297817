/* The header line and the bottom bar. */
#include "statusbar.h"

#include <stdio.h>
#include <string.h>

#include "term.h"
#include "textw.h"

static const struct {
	enum api_link	 link;
	const char	*text;
	enum term_style	 style;
} statusbar_links[] = {
	{ API_LINK_OFFLINE,	"offline",	TERM_ERROR },
	{ API_LINK_CONNECTING,	"connecting",	TERM_WARN },
	{ API_LINK_LIVE,	"LIVE",		TERM_OK },
	{ API_LINK_RETRYING,	"retrying",	TERM_WARN },
	{ API_LINK_POLLING,	"polling",	TERM_INFO },
};

const char *
statusbar_link_text(enum api_link link, int *style)
{
	size_t	i;

	for (i = 0; i < sizeof statusbar_links / sizeof statusbar_links[0];
	    i++) {
		if (statusbar_links[i].link == link) {
			*style = statusbar_links[i].style;
			return (statusbar_links[i].text);
		}
	}
	*style = TERM_WARN;
	return ("unknown");
}

int
statusbar_token_warning(time_t exp, time_t now, char *buf, size_t len,
    int *style)
{
	long	left;

	if (exp == 0)
		return (0);
	left = (long)(exp - now);
	if (left <= 0) {
		/* The next request is refused, and the sign-in box asks. */
		snprintf(buf, len, "token expired");
		*style = TERM_ERROR;
		return (1);
	}
	if (left > STATUSBAR_TOKEN_WARN)
		return (0);
	/*
	 * Whole minutes rounded up: "1 min" until the last second, and
	 * statusbar_token_change has the header drawn again at exp itself.
	 */
	snprintf(buf, len, "token expires in %ld min", (left + 59) / 60);
	*style = TERM_WARN;
	return (1);
}

time_t
statusbar_token_change(time_t exp, time_t now)
{
	long	left;

	if (exp == 0 || exp <= now)
		return (0);
	left = (long)(exp - now);
	if (left > STATUSBAR_TOKEN_WARN)
		return (exp - STATUSBAR_TOKEN_WARN);
	/* The minute shown goes down when left reaches a multiple of 60. */
	return (exp - 60 * ((left + 59) / 60 - 1));
}

void
statusbar_draw_header(WINDOW *w, const struct statusbar_info *si)
{
	attr_t		 base = term_style(TERM_HEADER);
	char		 left[512], warn[128], clock[16], held[64];
	char		 frozen[80];
	const char	*link;
	struct tm	 tm;
	int		 cols = getmaxx(w), link_style, warn_style = 0;
	int		 right, x, has_warn;

	wbkgdset(w, ' ' | base);
	werase(w);
	link = statusbar_link_text(si->link, &link_style);
	if (si->signed_out && si->link == API_LINK_OFFLINE)
		link = "signed out";
	else if (si->hold_s > 0) {
		/* A Retry-After, counted down. */
		snprintf(held, sizeof held, "%s, wait %lds", link, si->hold_s);
		link = held;
		link_style = TERM_WARN;
	}
	if (si->frozen) {
		/* The data goes on arriving; the screen says it is held. */
		snprintf(frozen, sizeof frozen, "FROZEN  %s", link);
		link = frozen;
		link_style = TERM_WARN;
	}
	has_warn = statusbar_token_warning(si->exp, si->now, warn, sizeof warn,
	    &warn_style);
	clock[0] = '\0';
	if (localtime_r(&si->now, &tm) != NULL)
		strftime(clock, sizeof clock, "%H:%M", &tm);

	/* Right part: [warning]  LINK  HH:MM */
	right = textw_width(link) + 2 + (int)strlen(clock) + 1;
	if (has_warn)
		right += textw_width(warn) + 2;
	x = cols - right;
	if (x < 8) {
		has_warn = 0;
		x = cols - (textw_width(link) + 2 + (int)strlen(clock) + 1);
	}

	/* In a view, where the user is says more than who they are. */
	if (si->crumb != NULL)
		snprintf(left, sizeof left, " evtop  %s  %s", si->server,
		    si->crumb);
	else if (si->email != NULL && si->role != NULL)
		snprintf(left, sizeof left, " evtop  %s  %s (%s)", si->server,
		    si->email, si->role);
	else if (si->email != NULL)
		snprintf(left, sizeof left, " evtop  %s  %s", si->server,
		    si->email);
	else
		snprintf(left, sizeof left, " evtop  %s", si->server);
	textw_put(w, 0, 0, left, x - 1 > 0 ? x - 1 : 0,
	    TEXTW_ELLIPSIS|(si->ascii ? TEXTW_ASCII : 0), base);
	if (x < 0)
		return;
	if (has_warn) {
		textw_put(w, 0, x, warn, cols - x, 0,
		    (term_style(warn_style) & ~A_COLOR) | base | A_BOLD);
		x += textw_width(warn) + 2;
	}
	textw_put(w, 0, x, link, cols - x, 0,
	    term_style(link_style) | A_BOLD);
	x += textw_width(link) + 2;
	textw_put(w, 0, x, clock, cols - x, 0, base);
}

void
statusbar_draw_keys(WINDOW *w, int ascii, const struct key_table *const *tables,
    size_t n, const char *right, attr_t right_attr)
{
	char	buf[512];
	int	cols = getmaxx(w), rw = 0, pad, max, flags;

	flags = TEXTW_ELLIPSIS|(ascii ? TEXTW_ASCII : 0);
	if (right_attr == 0)
		right_attr = term_style(TERM_BAR);
	wbkgdset(w, ' ' | term_style(TERM_BAR));
	werase(w);
	keys_bar(buf, sizeof buf, tables, n, ascii);
	if (right != NULL)
		rw = textw_width(right);
	/* A blank after the right text unless it needs the column. */
	max = cols - 2 - STATUSBAR_MIN_KEYS;
	pad = rw < max ? 1 : 0;
	if (rw > max)
		rw = max;
	if (rw < 1)
		rw = pad = 0;
	textw_put(w, 0, 1, buf, cols - 1 - (rw ? rw + pad + 1 : 0), flags,
	    term_style(TERM_BAR));
	if (rw)
		textw_put(w, 0, cols - pad - rw, right, rw, flags, right_attr);
}
