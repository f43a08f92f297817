/*
 * The sign-in box: a small form centred over the dashboard, put up when
 * the server signs the user out.  It says why, holds the email (given,
 * editable) and the password (never drawn, wiped when it goes), and a
 * line for how the last try went.  The box only edits and draws: its
 * owner signs in with what it holds (tui/app-signin.c).
 *
 * Keys: characters and the editing keys (keys_edit_op) go to the field
 * with the cursor; Tab, Down, S-Tab and Up move between the fields;
 * Enter signs in (from the email with no password yet, it moves to the
 * password); Esc closes the box.
 */
#ifndef EVTOP_SIGNIN_BOX_H
#define EVTOP_SIGNIN_BOX_H

#include <curses.h>

#define SIGNIN_BOX_WIDTH	64	/* the widest the box gets */
#define SIGNIN_BOX_EMAIL_MAX	254	/* RFC 5321's longest address */
#define SIGNIN_BOX_PASSWORD_MAX	256

enum signin_box_answer {
	SIGNIN_BOX_EDITED,	/* the key changed the box: draw it again */
	SIGNIN_BOX_IGNORED,	/* nothing to do with the key */
	SIGNIN_BOX_SUBMIT,	/* Enter: sign in with what it holds */
	SIGNIN_BOX_CLOSE	/* Esc */
};

/* The tone of the box's last line. */
enum signin_box_tone {
	SIGNIN_BOX_PLAIN,	/* "Signing in..." */
	SIGNIN_BOX_WARN,	/* waiting as the server asked */
	SIGNIN_BOX_ERROR	/* refused: the server's sentence */
};

struct signin_box;

/*
 * why is the box's first line, email the address to start with (may be
 * NULL or empty); both copied, and already safe to draw.
 */
struct signin_box	*signin_box_new(const char *why, const char *email);
/* Wipes the password and frees the box. */
void			 signin_box_free(struct signin_box *);
/* A key code (keys_code) while the box is up. */
enum signin_box_answer	 signin_box_key(struct signin_box *, int key);
const char		*signin_box_email(const struct signin_box *);
const char		*signin_box_password(const struct signin_box *);
/* Wipes the password; the cursor goes back to its field. */
void			 signin_box_forget_password(struct signin_box *);
/* Moves the cursor to the email field (the address was refused). */
void			 signin_box_focus_email(struct signin_box *);
/* The last line: how the last try went (copied; NULL clears it). */
void			 signin_box_say(struct signin_box *,
			    enum signin_box_tone, const char *sentence);
const char		*signin_box_said(const struct signin_box *);
/*
 * Draws the box centred on a lines x cols screen into a new window that
 * the caller deletes, and queues it with wnoutrefresh; NULL when the
 * screen is too small for it.
 */
WINDOW			*signin_box_draw(const struct signin_box *, int lines,
			    int cols, int ascii);

#endif
