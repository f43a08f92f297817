/*
 * Two versions of a record side by side, field by field, for a save that
 * the server refused as stale (412): what the user typed ("mine"), what
 * the server has now ("theirs"), and what both started from ("base").
 * Each field is classified once; the user picks a side for each, and the
 * merged record is read back.  The rows draw through the list widget
 * (diff_list_ops), so the view scrolls and selects like every table.
 */
#ifndef EVTOP_DIFF_H
#define EVTOP_DIFF_H

#include <stddef.h>

#include "list.h"

enum diff_state {
	DIFF_SAME,		/* nobody changed it */
	DIFF_MINE,		/* only the user changed it */
	DIFF_THEIRS,		/* only the server's version changed it */
	DIFF_BOTH,		/* both changed it, to different values */
	DIFF_AGREE		/* both changed it, to the same value */
};

enum diff_pick {
	DIFF_PICK_MINE,
	DIFF_PICK_THEIRS
};

/* One field; the strings are the caller's (NULL: absent). */
struct diff_row {
	const char	*name;
	const char	*base;
	const char	*mine;
	const char	*theirs;
	enum diff_state	 state;		/* set by diff_classify */
	enum diff_pick	 pick;
};

/*
 * Classifies each row and picks the side that changed it: a field only
 * one side changed keeps that change, so nobody's edit is lost silently;
 * a field both changed (DIFF_BOTH) starts on mine and is a conflict the
 * user looks at.  Returns the number of conflicts.
 */
size_t		 diff_classify(struct diff_row *, size_t n);
/* The value picked for the row. */
const char	*diff_value(const struct diff_row *);
/* Picks the other side of a row; a row with one value stays as it is. */
void		 diff_toggle(struct diff_row *);
/* Picks side for every row that differs. */
void		 diff_pick_all(struct diff_row *, size_t n, enum diff_pick);
/* A word for the state: "", "mine", "theirs", "both", "agree". */
const char	*diff_state_name(enum diff_state);

/* The rows as a table: field, mine, theirs, the side picked. */
struct diff_table {
	struct diff_row	*rows;
	size_t		 n;
	int		 ascii;
};
extern const struct list_column	diff_columns[4];
extern const struct list_ops	diff_list_ops;	/* data: a diff_table */

#endif
