/*
 * The profile's two forms, each in a box centred over the view: the
 * account (name and email, as the server has them) and the password
 * (the current one and the new one twice, none of them ever drawn).
 * Every rule is checked as it is typed: a name of 1 to 255 characters,
 * an email that looks like one (config_is_email, as -u's), a new password
 * of at least PROFILE_PASSWORD_MIN characters typed the same twice.  The
 * box only edits and draws: its owner saves (tui/app-profile.c).
 *
 * Keys: characters and the editing keys go to the field with the cursor;
 * Tab, S-Tab, Up and Down move between fields; Enter moves to the next
 * field and saves on the last; C-o or F2 saves from anywhere; Esc closes.
 */
#ifndef EVTOP_PROFILE_BOX_H
#define EVTOP_PROFILE_BOX_H

#include <curses.h>

#include "form-box.h"
#include "model.h"

/* The mock's rule (and bcrypt's: no more than 72 bytes are read). */
#define PROFILE_PASSWORD_MIN	8
#define PROFILE_PASSWORD_MAX	72

enum profile_box_kind {
	PROFILE_BOX_ACCOUNT,	/* name and email */
	PROFILE_BOX_PASSWORD	/* current, new, new again */
};

struct profile_box;

/* A box of kind; the account's fields start as u has them (u may be NULL). */
struct profile_box *profile_box_new(enum profile_box_kind,
		    const struct user *u);
/* Wipes what was typed (the passwords) and frees the box. */
void		 profile_box_free(struct profile_box *);
enum profile_box_kind profile_box_kind(const struct profile_box *);
/* FORM_BOX_EDITED, _IGNORED, _SAVE or _CLOSE, as the event form's. */
enum form_box_answer profile_box_key(struct profile_box *, int key);
/* Something was typed. */
int		 profile_box_changed(const struct profile_box *);
/*
 * Ready to save: every field checked and each problem shown, the first
 * wrong one focused.  0 with the account's name and email, or the
 * current and the new password, in *a and *b (the box's, valid until it
 * changes), or -1 and nothing to send.
 */
int		 profile_box_fill(struct profile_box *, const char **a,
		    const char **b);
/* The server's field errors on their fields (the API's names: "email",
 * "currentPassword", "newPassword"); the rest on the last line. */
void		 profile_box_field_errors(struct profile_box *,
		    const struct field_error *, size_t n);
/* The last line: how the last save went (copied; NULL clears it). */
void		 profile_box_say(struct profile_box *, enum form_box_tone,
		    const char *sentence);
const char	*profile_box_said(const struct profile_box *);
/* The field's problem as shown now, or NULL (for tests). */
const char	*profile_box_problem(struct profile_box *, const char *name);
/* Draws it centred in a new window (the caller deletes), or NULL. */
WINDOW		*profile_box_draw(struct profile_box *, int lines, int cols,
		    int ascii);

#endif
