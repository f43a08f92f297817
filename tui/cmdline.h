/*
 * The `:` command line (k9s, vim): a text input at the bottom, Tab
 * completion over the names it is given, and a history that Up and Down
 * walk.  The state knows nothing of what the names mean; the app runs
 * what comes back.
 */
#ifndef EVTOP_CMDLINE_H
#define EVTOP_CMDLINE_H

#include <stddef.h>

#include <curses.h>

#define CMDLINE_MAX		128	/* characters a command may have */
#define CMDLINE_HISTORY		50	/* commands kept */

enum cmdline_result {
	CMDLINE_EDITING,	/* still typing */
	CMDLINE_RUN,		/* Enter: cmdline_text is the command */
	CMDLINE_CANCEL		/* Esc, or Backspace on an empty line */
};

struct cmdline;

struct cmdline	*cmdline_new(void);
void		 cmdline_free(struct cmdline *);
/* Starts a new command: an empty line, the history walk from its end. */
void		 cmdline_open(struct cmdline *);
/*
 * A key while the line is open.  words (NULL-terminated) are what Tab
 * completes the first word to: the first Tab completes as far as all the
 * matches agree, each further Tab goes to the next match.  On
 * CMDLINE_RUN the command, trimmed, is kept in the history (not twice in
 * a row, nor an empty one).
 */
enum cmdline_result cmdline_key(struct cmdline *, int key,
		    const char *const *words);
/* The text as typed, trimmed of spaces at both ends on CMDLINE_RUN. */
const char	*cmdline_text(const struct cmdline *);
/*
 * The words that the first word typed so far could become, space
 * separated, into buf (for a hint beside the line); "" when none or when
 * the first word is complete.
 */
void		 cmdline_matches(const struct cmdline *,
		    const char *const *words, char *buf, size_t len);
/* Draws ":" and the line into row y of w, and the matches dimmed after. */
void		 cmdline_draw(WINDOW *, int y, const struct cmdline *,
		    const char *const *words, int ascii);

#endif
