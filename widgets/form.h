/*
 * A form: labelled fields of a few kinds, each edited through textin,
 * checked as it is typed, and drawn one under the other with its problem
 * under it.  The editing state knows nothing of curses (form_draw alone
 * draws), nor of keys: the owner maps its keys to the calls below.
 *
 *   text       one line; FORM_HIDDEN never draws what is typed
 *   multi-line lines of textin; a newline splits one, Backspace at the
 *              start of a line joins it to the one before
 *   number     a whole number between min and max
 *   date-time  "2026-06-15 09:00" in the local time zone (TZ), read with
 *              mktime; the zone and its offset are drawn beside it
 *   choice     one of a list, cycled (form_cycle)
 *
 * A field's problem shows once the field was edited or left, or a save
 * was tried (form_try); a server's error on a field shows until the
 * field is edited.
 */
#ifndef EVTOP_FORM_H
#define EVTOP_FORM_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <curses.h>

#include "textin.h"

#define FORM_HIDDEN	0x1	/* text: a secret, never drawn as typed */
#define FORM_REQUIRED	0x2	/* text: at least one non-blank character */

#define FORM_LINES	3	/* rows a multi-line field shows */

enum form_kind {
	FORM_TEXT,
	FORM_MULTILINE,
	FORM_NUMBER,
	FORM_DATETIME,
	FORM_CHOICE
};

struct form_spec {
	const char		*name;		/* the API's name: "title" */
	const char		*label;		/* "Title" */
	enum form_kind		 kind;
	int			 flags;		/* FORM_HIDDEN, FORM_REQUIRED */
	int64_t			 min, max;	/* text: characters at
						   least when not blank (min)
						   and at most (max); number:
						   its range */
	const char *const	*choices;	/* choice: NULL-terminated */
};

/* What a move asked for came to. */
enum form_moved {
	FORM_STAYED,		/* nothing moved */
	FORM_MOVED,		/* the cursor went to another line or field */
	FORM_PAST_END		/* Enter on the last field: the owner saves */
};

struct form;

/* n fields, specs kept (the caller's, static); the first focused. */
struct form	*form_new(const struct form_spec *, size_t n);
/* Wipes every field and frees the form. */
void		 form_free(struct form *);
size_t		 form_count(const struct form *);
const struct form_spec *form_spec(const struct form *, size_t field);
/* The field called name, or -1. */
int		 form_find(const struct form *, const char *name);

/*
 * Sets a field's text (a multi-line one's lines split at newlines, a
 * choice by its name).  0, or -1 and nothing changed when it does not
 * fit.  The form counts as unchanged afterwards until edited.
 */
int		 form_set(struct form *, size_t field, const char *text);
/* A date-time field from a UTC time, shown in the local zone. */
void		 form_set_time(struct form *, size_t field, time_t);
/*
 * The field's text: a multi-line one's lines joined by newlines, a
 * choice's name.  Valid until the form next changes.
 */
const char	*form_text(struct form *, size_t field);
/* A date-time's UTC time, or a number's value: 0, or -1 when invalid. */
int		 form_time(struct form *, size_t field, time_t *);
int		 form_number(struct form *, size_t field, int64_t *);

size_t		 form_focus(const struct form *);
void		 form_set_focus(struct form *, size_t field);
/* Tab and S-Tab: the next or previous field, around the ends. */
void		 form_step(struct form *, int step);
/* Up and Down: a line of a multi-line field, else a field (no wrap). */
enum form_moved	 form_vertical(struct form *, int step);
/*
 * Enter: a newline in a multi-line field (FORM_STAYED: it was edited),
 * else the next field, or FORM_PAST_END on the last.
 */
enum form_moved	 form_enter(struct form *);
/*
 * An editing key for the focused field: 1 when it changed the text or
 * moved the cursor.  A choice takes Left and Right (and Home and End) to
 * cycle; a multi-line field crosses lines at their ends.
 */
int		 form_edit(struct form *, enum textin_op);
/*
 * Typed or pasted text for the focused field; a choice takes a space to
 * cycle and ignores the rest.  0, or -1 when it did not fit.
 */
int		 form_insert(struct form *, const char *s);
/* A choice: the next (step 1) or previous (-1) one; 1 when it moved. */
int		 form_cycle(struct form *, size_t field, int step);

/*
 * The field's problem as it stands, whether shown yet or not: a server's
 * error first, then the rules; NULL when it is fine.  Valid until the
 * form next changes.
 */
const char	*form_problem(struct form *, size_t field);
/* The problem form_draw shows now (edited, left or tried), or NULL. */
const char	*form_shown_problem(struct form *, size_t field);
/* A save was tried: every problem shows.  Returns the invalid count. */
size_t		 form_try(struct form *);
/* The first field with a problem, or -1. */
int		 form_first_invalid(struct form *);
/* A server's error on the field called name (copied); -1 for no field. */
int		 form_set_error(struct form *, const char *name,
		    const char *message);
/*
 * A rule of the owner's for a text field, tried after the spec's own
 * (an address's shape, two fields that must match): the problem, or NULL
 * when it is fine.  Shown as the spec's problems are.
 */
typedef const char *(*form_check_cb)(struct form *, size_t field,
		    void *arg);
void		 form_set_check(struct form *, form_check_cb, void *arg);
/* Anything edited since the last form_set or form_mark_clean. */
int		 form_changed(const struct form *);
void		 form_mark_clean(struct form *);

/*
 * The local zone for time t as "Europe/Lisbon, UTC+01:00": its name from
 * TZ or /etc/localtime, else its abbreviation, and the offset at t.
 */
void		 form_zone(time_t t, char *buf, size_t len);

/* How a form draws: attributes from the owner's theme. */
struct form_look {
	attr_t	label;
	attr_t	field;		/* the input's cells (underlined) */
	attr_t	focus_label;
	attr_t	error;
	attr_t	dim;		/* the zone beside a date-time */
	int	ascii;
	int	label_width;	/* columns for the labels */
};
/* Rows form_draw takes at this width (problems shown included). */
int		 form_height(struct form *);
/*
 * Draws the fields into w at y, x, cols wide and at most rows high,
 * scrolled so the focused field shows.
 */
void		 form_draw(struct form *, WINDOW *w, int y, int x, int cols,
		    int rows, const struct form_look *);

#endif
