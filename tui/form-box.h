/*
 * The event form box: a new event or one being edited, in a box centred
 * over the view (widgets/form.c holds the fields), and, when a save was
 * refused as stale (412), the same box showing the fields side by side
 * (widgets/diff.c through the list widget) to pick, field by field, what
 * the user typed or what the server has now.  The box only edits and
 * draws: its owner saves (tui/app-form.c).
 *
 * Form keys: characters and the editing keys (keys_edit_op) go to the
 * field with the cursor; Tab, S-Tab, Up and Down move between fields (Up
 * and Down between a description's lines first); Enter moves to the next
 * field, is a newline in the description, and saves on the last field;
 * C-o or F2 saves from anywhere; Left, Right and Space change the status;
 * Esc closes (the owner asks first when something was typed).
 *
 * Merge keys: Up, Down (j, k) select a field; Space or Enter takes the
 * other side for it; m keeps every one of yours, t takes all of theirs;
 * C-o, F2 or s saves what is picked against the server's version; Esc
 * goes back to the form holding what is picked.
 */
#ifndef EVTOP_FORM_BOX_H
#define EVTOP_FORM_BOX_H

#include <stdint.h>

#include <curses.h>

#include "api-calls.h"
#include "model.h"

#define FORM_BOX_WIDTH	78	/* the widest the box gets */

enum form_box_answer {
	FORM_BOX_EDITED,	/* the key changed the box: draw it again */
	FORM_BOX_IGNORED,
	FORM_BOX_SAVE,		/* save what it holds */
	FORM_BOX_CLOSE		/* Esc on the form */
};

enum form_box_tone {
	FORM_BOX_PLAIN,
	FORM_BOX_OK,
	FORM_BOX_ERROR
};

struct form_box;

/* A new event (e NULL), or e to edit: its values are the base. */
struct form_box	*form_box_new(const struct event *e);
void		 form_box_free(struct form_box *);
/* The event edited, or -1 for a new one. */
int64_t		 form_box_event(const struct form_box *);
/* The title it started with ("" for a new event). */
const char	*form_box_title(const struct form_box *);
enum form_box_answer form_box_key(struct form_box *, int key);
/* Something was typed or picked that is not saved. */
int		 form_box_changed(const struct form_box *);
/* The merge is up (a 412 was answered). */
int		 form_box_merging(const struct form_box *);

/*
 * Ready to save: the picks of a merge go into the form first; then every
 * field is checked and each problem shown.  0 and the form in *f (its
 * strings the box's, valid until the box changes), or -1.
 */
int		 form_box_fill(struct form_box *, struct event_form *f);
/* The server's field errors, on their fields; those it names no field
 * of, or none, are joined into the last line. */
void		 form_box_field_errors(struct form_box *,
		    const struct field_error *, size_t n);
/*
 * The server has cur now: the merge goes up, with the form's values as
 * yours, cur's as theirs and the last version read as the base; the
 * version saved against becomes cur's.  Returns the conflicts (fields
 * both changed).
 */
size_t		 form_box_conflict(struct form_box *, const struct event *cur);
/* The last line: how the last save went (copied; NULL clears it). */
void		 form_box_say(struct form_box *, enum form_box_tone,
		    const char *sentence);
const char	*form_box_said(const struct form_box *);
/* Draws it centred in a new window (the caller deletes), or NULL. */
WINDOW		*form_box_draw(struct form_box *, int lines, int cols,
		    int ascii);

#endif
