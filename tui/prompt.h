/*
 * A one-field prompt: a small box over the view with a question, a text
 * field (widgets/textin), a line under the field and a hint.  Its owner
 * gives a check that runs as the user types: while the text does not
 * pass, Enter does nothing and the line under the field says why (when
 * the check has a sentence).  The owner can put its own sentence there
 * (the server's field error, a conflict) until the next edit.  The box
 * only edits and draws; what Enter does is its owner's (app-admin.c).
 */
#ifndef EVTOP_PROMPT_H
#define EVTOP_PROMPT_H

#include <stddef.h>

#include <curses.h>

#define PROMPT_WIDTH	64	/* the widest the box gets */

enum prompt_answer {
	PROMPT_EDITED,		/* the key changed the field: draw again */
	PROMPT_IGNORED,		/* nothing to do with the key */
	PROMPT_SUBMIT,		/* Enter on a text that passes the check */
	PROMPT_CLOSE		/* Esc */
};

enum prompt_tone {
	PROMPT_PLAIN,
	PROMPT_WARN,
	PROMPT_ERROR
};

/*
 * 1 when text will do; else 0, with a sentence for the user in *why
 * (allocated; may be left NULL to say nothing).
 */
typedef int	(*prompt_check_cb)(const char *text, void *arg, char **why);

struct prompt;

/*
 * title for the frame, question above the field, label before it (all
 * copied, already safe to draw); max code points; check may be NULL.
 */
struct prompt	*prompt_new(const char *title, const char *question,
		    const char *label, size_t max, prompt_check_cb check,
		    void *arg);
void		 prompt_free(struct prompt *);
/* Puts text in the field (a starting value) and checks it. */
void		 prompt_set(struct prompt *, const char *text);
/* A key code (keys_code) while the box is up. */
enum prompt_answer prompt_key(struct prompt *, int key);
const char	*prompt_text(const struct prompt *);
/* 1 when the text passes the check. */
int		 prompt_valid(const struct prompt *);
/* The line under the field, until the next edit (copied; NULL clears). */
void		 prompt_say(struct prompt *, enum prompt_tone,
		    const char *sentence);
const char	*prompt_said(const struct prompt *);
/* 1 while its owner waits for the server: keys but Esc do nothing. */
void		 prompt_set_busy(struct prompt *, int);
int		 prompt_busy(const struct prompt *);
/*
 * Draws the box centred on a lines x cols screen into a new window that
 * the caller deletes, queued with wnoutrefresh; NULL when it cannot fit.
 */
WINDOW		*prompt_draw(const struct prompt *, int lines, int cols,
		    int ascii);

#endif
