/* Two versions of a record, field by field, and the merge picked. */
#include "diff.h"

#include <stdio.h>
#include <string.h>

static int
diff_equal(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a == b);
	return (strcmp(a, b) == 0);
}

size_t
diff_classify(struct diff_row *rows, size_t n)
{
	struct diff_row	*r;
	size_t		 i, conflicts = 0;
	int		 mine, theirs;

	for (i = 0; i < n; i++) {
		r = &rows[i];
		mine = !diff_equal(r->base, r->mine);
		theirs = !diff_equal(r->base, r->theirs);
		if (mine && theirs)
			r->state = diff_equal(r->mine, r->theirs) ?
			    DIFF_AGREE : DIFF_BOTH;
		else if (mine)
			r->state = DIFF_MINE;
		else if (theirs)
			r->state = DIFF_THEIRS;
		else
			r->state = DIFF_SAME;
		r->pick = r->state == DIFF_THEIRS ? DIFF_PICK_THEIRS :
		    DIFF_PICK_MINE;
		if (r->state == DIFF_BOTH)
			conflicts++;
	}
	return (conflicts);
}

const char *
diff_value(const struct diff_row *r)
{
	return (r->pick == DIFF_PICK_THEIRS ? r->theirs : r->mine);
}

void
diff_toggle(struct diff_row *r)
{
	if (diff_equal(r->mine, r->theirs))
		return;
	r->pick = r->pick == DIFF_PICK_MINE ? DIFF_PICK_THEIRS :
	    DIFF_PICK_MINE;
}

void
diff_pick_all(struct diff_row *rows, size_t n, enum diff_pick pick)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (!diff_equal(rows[i].mine, rows[i].theirs))
			rows[i].pick = pick;
	}
}

const char *
diff_state_name(enum diff_state s)
{
	switch (s) {
	case DIFF_MINE:
		return ("mine");
	case DIFF_THEIRS:
		return ("theirs");
	case DIFF_BOTH:
		return ("both");
	case DIFF_AGREE:
		return ("agree");
	default:
		return ("");
	}
}

const struct list_column diff_columns[4] = {
	{ "FIELD", 14, 0, 0 },
	{ "YOURS", 0, 0, 0 },
	{ "THEIRS", 0, 0, 0 },
	{ "KEEP", 8, 0, 0 }
};

static size_t
diff_count(void *data)
{
	return (((struct diff_table *)data)->n);
}

static void
diff_cell(void *data, size_t row, unsigned col, char *buf, size_t len,
    attr_t *attr)
{
	struct diff_table	*t = data;
	const struct diff_row	*r = &t->rows[row];
	const char		*s = NULL;
	int			 picked;

	picked = r->state != DIFF_SAME && r->state != DIFF_AGREE;
	switch (col) {
	case 0:
		s = r->name;
		if (r->state == DIFF_BOTH)
			*attr |= A_BOLD;
		break;
	case 1:
	case 2:
		s = col == 1 ? r->mine : r->theirs;
		/* The side that will be kept stands out. */
		if (picked && (col == 1) == (r->pick == DIFF_PICK_MINE))
			*attr |= A_BOLD;
		else if (picked)
			*attr |= A_DIM;
		break;
	case 3:
		if (!picked)
			s = r->state == DIFF_AGREE ? "same" : "";
		else if (r->pick == DIFF_PICK_MINE)
			s = r->state == DIFF_BOTH ? "yours !" : "yours";
		else
			s = r->state == DIFF_BOTH ? "theirs !" : "theirs";
		break;
	}
	snprintf(buf, len, "%s", s != NULL ? s : (t->ascii ? "-" : "\xe2\x80\x94"));
}

const struct list_ops diff_list_ops = { diff_count, diff_cell };
