/*
 * A yes/no question in a small centred box, asked before anything that
 * cannot be taken back ("Cancel your registration for TITLE?").  The box
 * only asks: its owner keeps what to do on yes.  y (or Y, caps lock on)
 * answers yes, n, N and Esc answer no; any other key is ignored, so a key
 * pressed by mistake never answers.
 */
#ifndef EVTOP_CONFIRM_H
#define EVTOP_CONFIRM_H

#include <curses.h>

enum confirm_answer {
	CONFIRM_WAITING,	/* the key was not an answer */
	CONFIRM_YES,
	CONFIRM_NO
};

#define CONFIRM_WIDTH	56	/* the widest the box gets */
#define CONFIRM_LINES	3	/* the question wraps to at most this */

struct confirm;

/* question is copied; it should already be safe to draw (sanitized). */
struct confirm		*confirm_new(const char *question);
void			 confirm_free(struct confirm *);
const char		*confirm_question(const struct confirm *);
/* A key code (keys_code) while the box is up. */
enum confirm_answer	 confirm_key(const struct confirm *, int key);
/*
 * Draws the box centred on a lines x cols screen into a new window that
 * the caller deletes, and queues it with wnoutrefresh.  A screen too small
 * for it gets a one-line box, and one too small for that gets none (NULL).
 */
WINDOW			*confirm_draw(const struct confirm *, int lines,
			    int cols, int ascii);

#endif
