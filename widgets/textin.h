/*
 * A single-line text input: what is typed and where the cursor is, edited
 * a character at a time (a character is a code point with the combining
 * marks that follow it, so the cursor never lands between a letter and
 * its accent).  The editing state knows nothing of curses; textin_view
 * works out what a field of some width shows, and textin_draw draws it.
 * A hidden input (a password) shows one bullet a character, and its
 * buffer is allocated once and wiped whenever text leaves it.
 */
#ifndef EVTOP_TEXTIN_H
#define EVTOP_TEXTIN_H

#include <stddef.h>

#include <curses.h>

#define TEXTIN_HIDDEN	0x1	/* a password: never drawn as typed */

/* What an editing key asks for; the owner maps its keys to these. */
enum textin_op {
	TEXTIN_LEFT,		/* one character back */
	TEXTIN_RIGHT,		/* one character on */
	TEXTIN_HOME,		/* to the start */
	TEXTIN_END,		/* to the end */
	TEXTIN_BACKSPACE,	/* delete the character before the cursor */
	TEXTIN_DELETE,		/* delete the character under the cursor */
	TEXTIN_KILL_START,	/* delete from the start to the cursor (C-u) */
	TEXTIN_KILL_WORD	/* delete the word before the cursor (C-w) */
};

struct textin;

/* At most max code points (max >= 1); flags: TEXTIN_HIDDEN. */
struct textin	*textin_new(size_t max, int flags);
/* Wipes the text and frees the input. */
void		 textin_free(struct textin *);

/*
 * Replaces the text with s and puts the cursor at its end.  Returns 0, or
 * -1 and changes nothing when s is not UTF-8, holds a control character
 * or is longer than the maximum.
 */
int		 textin_set(struct textin *, const char *s);
/* Wipes the text; the cursor goes to the start. */
void		 textin_clear(struct textin *);
/*
 * Inserts s (one key's character, or pasted text) at the cursor, which
 * moves past it.  The same rules and return as textin_set.
 */
int		 textin_insert(struct textin *, const char *s);
/* Applies an editing key: 1 when the text or the cursor moved, else 0. */
int		 textin_edit(struct textin *, enum textin_op);

/* The text, NUL-terminated; valid until the next change. */
const char	*textin_text(const struct textin *);
/* The cursor as a byte offset into the text. */
size_t		 textin_cursor(const struct textin *);
/* How many code points the text holds, and may hold. */
size_t		 textin_length(const struct textin *);
size_t		 textin_max(const struct textin *);
int		 textin_hidden(const struct textin *);

/*
 * What a field cols wide shows: a new string (bullets for a hidden input,
 * "*" with ascii set), scrolled so the cursor is inside it, and the
 * cursor's column within the field in *col.
 */
char		*textin_view(const struct textin *, int cols, int ascii,
		    int *col);
/*
 * Draws the field at y, x of w, cols wide, padded with attr; a focused
 * field shows its cursor as a reversed cell.  Returns the cursor's column
 * in w.
 */
int		 textin_draw(WINDOW *, int y, int x, int cols,
		    const struct textin *, int focused, int ascii,
		    attr_t attr);

#endif
