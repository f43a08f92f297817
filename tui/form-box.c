/* The event form box and its merge after a stale save. */
#include "form-box.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "form.h"
#include "keys.h"
#include "list.h"
#include "term.h"
#include "textw.h"
#include "xmalloc.h"

#define FORM_BOX_LABEL	15	/* "Date and time" and a gap */
#define FORM_BOX_HINT	"Tab: next field   Enter: next   C-o: save   " \
			"Esc: cancel"
#define FORM_BOX_MERGE_HINT "Space: pick side  m: all yours  t: all " \
			"theirs  C-o: save  Esc: edit"

static const char *const form_box_statuses[] = {
	"draft", "published", "cancelled", NULL
};

/* The Event API's rules (API.md), a row a field. */
static const struct form_spec form_box_specs[] = {
	{ "title", "Title", FORM_TEXT, FORM_REQUIRED, 1, 255, NULL },
	{ "description", "Description", FORM_MULTILINE, 0, 0, 1000, NULL },
	{ "date_time", "Date and time", FORM_DATETIME, 0, 0, 0, NULL },
	{ "location", "Location", FORM_TEXT, FORM_REQUIRED, 1, 255, NULL },
	{ "max_capacity", "Capacity", FORM_NUMBER, 0, 1, 1000000, NULL },
	{ "status", "Status", FORM_CHOICE, 0, 0, 0, form_box_statuses },
};
enum {
	FB_TITLE, FB_DESCRIPTION, FB_DATE, FB_LOCATION, FB_CAPACITY,
	FB_STATUS, FB_FIELDS
};

struct form_box {
	struct form		*form;
	int64_t			 event_id;	/* -1: a new one */
	int64_t			 version;	/* saved against; -1 */
	char			*title;
	char			*base[FB_FIELDS];	/* as last read */
	char			*said;
	enum form_box_tone	 tone;

	int			 merging;
	int			 picked;	/* a merge not saved yet */
	char			*mine[FB_FIELDS], *theirs[FB_FIELDS];
	char			*shown[3][FB_FIELDS];	/* base, mine, theirs */
	struct diff_row		 rows[FB_FIELDS];
	struct diff_table	 table;
	struct list		*list;
	size_t			 conflicts;
};

/* An event's fields as the form shows them, each a new string. */
static void
form_box_values(const struct event *e, char **out)
{
	struct form	*f = form_new(form_box_specs, FB_FIELDS);

	out[FB_TITLE] = xstrdup(e->title != NULL ? e->title : "");
	out[FB_DESCRIPTION] = xstrdup(e->description != NULL ?
	    e->description : "");
	form_set_time(f, FB_DATE, e->date_time);
	out[FB_DATE] = xstrdup(form_text(f, FB_DATE));
	out[FB_LOCATION] = xstrdup(e->location != NULL ? e->location : "");
	xasprintf(&out[FB_CAPACITY], "%" PRId64, e->max_capacity);
	out[FB_STATUS] = xstrdup(e->status != NULL ? e->status : "published");
	form_free(f);
}

static void
form_box_free_values(char **v)
{
	size_t	i;

	for (i = 0; i < FB_FIELDS; i++) {
		free(v[i]);
		v[i] = NULL;
	}
}

struct form_box *
form_box_new(const struct event *e)
{
	struct form_box	*b = xcalloc(1, sizeof *b);
	size_t		 i;

	b->form = form_new(form_box_specs, FB_FIELDS);
	b->event_id = -1;
	b->version = -1;
	if (e == NULL) {
		b->title = xstrdup("");
		return (b);
	}
	b->event_id = e->id;
	b->version = e->version;
	b->title = xstrdup(e->title != NULL ? e->title : "");
	form_box_values(e, b->base);
	for (i = 0; i < FB_FIELDS; i++)
		form_set(b->form, i, b->base[i]);
	form_mark_clean(b->form);
	return (b);
}

static void
form_box_merge_done(struct form_box *b)
{
	size_t	i;

	list_free(b->list);
	b->list = NULL;
	form_box_free_values(b->mine);
	form_box_free_values(b->theirs);
	for (i = 0; i < 3; i++)
		form_box_free_values(b->shown[i]);
	b->merging = 0;
}

void
form_box_free(struct form_box *b)
{
	if (b == NULL)
		return;
	form_box_merge_done(b);
	form_box_free_values(b->base);
	form_free(b->form);
	free(b->title);
	free(b->said);
	free(b);
}

int64_t
form_box_event(const struct form_box *b)
{
	return (b->event_id);
}

const char *
form_box_title(const struct form_box *b)
{
	return (b->title);
}

int
form_box_changed(const struct form_box *b)
{
	return (form_changed(b->form) || b->picked || b->merging);
}

int
form_box_merging(const struct form_box *b)
{
	return (b->merging);
}

/* The picks go into the form; the merge goes. */
static void
form_box_apply_picks(struct form_box *b)
{
	size_t	i;

	if (!b->merging)
		return;
	for (i = 0; i < FB_FIELDS; i++)
		form_set(b->form, i, b->rows[i].pick == DIFF_PICK_THEIRS ?
		    b->theirs[i] : b->mine[i]);
	form_box_merge_done(b);
	b->picked = 1;
}

/* Moving between the fields, saving, closing; the rest edit. */
static const struct {
	int	 key;
	int	 step;		/* +1, -1: Tab, S-Tab; +2, -2: Down, Up */
} form_box_moves[] = {
	{ '\t',			 1 },
	{ KEYS_FN|KEY_BTAB,	-1 },
	{ KEYS_FN|KEY_DOWN,	 2 },
	{ KEYS_FN|KEY_UP,	-2 },
};

static int
form_box_is_save(int key)
{
	return (key == KEYS_CTRL('o') || key == (KEYS_FN|KEY_F(2)));
}

static int
form_box_is_enter(int key)
{
	return (key == '\r' || key == '\n' || key == (KEYS_FN|KEY_ENTER));
}

static enum form_box_answer
form_box_form_key(struct form_box *b, int key)
{
	char	text[4 + 1];
	size_t	i, len;
	int	op;

	if (key == KEYS_ESC)
		return (FORM_BOX_CLOSE);
	if (form_box_is_save(key))
		return (FORM_BOX_SAVE);
	if (form_box_is_enter(key))
		return (form_enter(b->form) == FORM_PAST_END ? FORM_BOX_SAVE :
		    FORM_BOX_EDITED);
	for (i = 0; i < sizeof form_box_moves / sizeof form_box_moves[0];
	    i++) {
		if (form_box_moves[i].key != key)
			continue;
		if (form_box_moves[i].step == 1 || form_box_moves[i].step == -1)
			form_step(b->form, form_box_moves[i].step);
		else
			form_vertical(b->form, form_box_moves[i].step / 2);
		return (FORM_BOX_EDITED);
	}
	if ((op = keys_edit_op(key)) != -1)
		return (form_edit(b->form, (enum textin_op)op) ?
		    FORM_BOX_EDITED : FORM_BOX_IGNORED);
	if ((len = keys_text(key, text)) == 0)
		return (FORM_BOX_IGNORED);
	text[len] = '\0';
	if (form_insert(b->form, text) != 0)
		form_box_say(b, FORM_BOX_ERROR, "That does not fit the field");
	return (FORM_BOX_EDITED);
}

static const struct {
	int		key;
	enum list_move	move;
} form_box_list_moves[] = {
	{ KEYS_FN|KEY_UP,	LIST_UP },
	{ 'k',			LIST_UP },
	{ KEYS_FN|KEY_DOWN,	LIST_DOWN },
	{ 'j',			LIST_DOWN },
	{ KEYS_FN|KEY_PPAGE,	LIST_PAGE_UP },
	{ KEYS_FN|KEY_NPAGE,	LIST_PAGE_DOWN },
	{ KEYS_FN|KEY_HOME,	LIST_HOME },
	{ 'g',			LIST_HOME },
	{ KEYS_FN|KEY_END,	LIST_END },
	{ 'G',			LIST_END },
};

static enum form_box_answer
form_box_merge_key(struct form_box *b, int key)
{
	size_t	i, sel;

	if (key == KEYS_ESC) {
		form_box_apply_picks(b);
		form_box_say(b, FORM_BOX_PLAIN, "What you picked is in the "
		    "form: C-o saves it");
		return (FORM_BOX_EDITED);
	}
	if (form_box_is_save(key) || key == 's')
		return (FORM_BOX_SAVE);
	if (key == ' ' || form_box_is_enter(key)) {
		if ((sel = list_selected(b->list)) == LIST_NONE)
			return (FORM_BOX_IGNORED);
		diff_toggle(&b->rows[sel]);
		return (FORM_BOX_EDITED);
	}
	if (key == 'm' || key == 't') {
		diff_pick_all(b->rows, FB_FIELDS, key == 'm' ?
		    DIFF_PICK_MINE : DIFF_PICK_THEIRS);
		return (FORM_BOX_EDITED);
	}
	for (i = 0; i < sizeof form_box_list_moves /
	    sizeof form_box_list_moves[0]; i++) {
		if (form_box_list_moves[i].key == key)
			return (list_move(b->list, form_box_list_moves[i].move) ?
			    FORM_BOX_EDITED : FORM_BOX_IGNORED);
	}
	return (FORM_BOX_IGNORED);
}

enum form_box_answer
form_box_key(struct form_box *b, int key)
{
	return (b->merging ? form_box_merge_key(b, key) :
	    form_box_form_key(b, key));
}

int
form_box_fill(struct form_box *b, struct event_form *f)
{
	int	i;

	form_box_apply_picks(b);
	if (form_try(b->form) > 0) {
		if ((i = form_first_invalid(b->form)) >= 0)
			form_set_focus(b->form, (size_t)i);
		form_box_say(b, FORM_BOX_ERROR, "Not sent: put right the "
		    "fields marked first");
		return (-1);
	}
	event_form_init(f);
	f->title = form_text(b->form, FB_TITLE);
	f->description = form_text(b->form, FB_DESCRIPTION);
	f->location = form_text(b->form, FB_LOCATION);
	f->status = form_text(b->form, FB_STATUS);
	if (form_time(b->form, FB_DATE, &f->date_time) != 0 ||
	    form_number(b->form, FB_CAPACITY, &f->max_capacity) != 0)
		return (-1);
	f->version = b->version;
	return (0);
}

void
form_box_field_errors(struct form_box *b, const struct field_error *fe,
    size_t n)
{
	char	*rest = NULL, *s;
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (form_set_error(b->form, fe[i].field, fe[i].message) == 0)
			continue;
		if (rest == NULL)
			rest = xstrdup(fe[i].message);
		else {
			xasprintf(&s, "%s; %s", rest, fe[i].message);
			free(rest);
			rest = s;
		}
	}
	if ((i = (size_t)form_first_invalid(b->form)) < FB_FIELDS)
		form_set_focus(b->form, i);
	if (rest != NULL)
		form_box_say(b, FORM_BOX_ERROR, rest);
	free(rest);
}

/* A value for a cell: newlines shown as a sign, not broken lines. */
static char *
form_box_shown(const char *s)
{
	char	*out;
	size_t	 i, n = 0;

	out = xmalloc(strlen(s) * 3 + 1);
	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] == '\n') {
			memcpy(out + n, "\xe2\x86\xb5", 3);	/* ↵ */
			n += 3;
		} else
			out[n++] = s[i] == '\t' ? ' ' : s[i];
	}
	out[n] = '\0';
	return (out);
}

size_t
form_box_conflict(struct form_box *b, const struct event *cur)
{
	size_t	i;

	form_box_apply_picks(b);
	form_box_values(cur, b->theirs);
	for (i = 0; i < FB_FIELDS; i++) {
		b->mine[i] = xstrdup(form_text(b->form, i));
		if (b->base[i] == NULL)
			b->base[i] = xstrdup("");
		b->shown[0][i] = form_box_shown(b->base[i]);
		b->shown[1][i] = form_box_shown(b->mine[i]);
		b->shown[2][i] = form_box_shown(b->theirs[i]);
		b->rows[i].name = form_box_specs[i].label;
		b->rows[i].base = b->shown[0][i];
		b->rows[i].mine = b->shown[1][i];
		b->rows[i].theirs = b->shown[2][i];
	}
	b->conflicts = diff_classify(b->rows, FB_FIELDS);
	/* What the server has now is the next save's base and version. */
	form_box_free_values(b->base);
	for (i = 0; i < FB_FIELDS; i++)
		b->base[i] = xstrdup(b->theirs[i]);
	b->version = cur->version;
	b->table.rows = b->rows;
	b->table.n = FB_FIELDS;
	b->list = list_new(diff_columns, 4, &diff_list_ops, &b->table);
	b->merging = 1;
	return (b->conflicts);
}

void
form_box_say(struct form_box *b, enum form_box_tone tone,
    const char *sentence)
{
	free(b->said);
	b->said = sentence != NULL ? xstrdup(sentence) : NULL;
	b->tone = tone;
}

const char *
form_box_said(const struct form_box *b)
{
	return (b->said);
}

static const enum term_style form_box_tones[] = {
	[FORM_BOX_PLAIN] = TERM_NORMAL,
	[FORM_BOX_OK] = TERM_OK,
	[FORM_BOX_ERROR] = TERM_ERROR,
};

/* The box's frame title: what it edits. */
static char *
form_box_frame_title(const struct form_box *b)
{
	char	*s;

	if (b->event_id < 0)
		return (xstrdup("New event"));
	if (b->merging)
		xasprintf(&s, "Changed meanwhile: %s", b->title);
	else
		xasprintf(&s, "Edit: %s", b->title);
	return (s);
}

static int
form_box_merge_body(struct form_box *b, WINDOW *w, int inner, int flags,
    int ascii)
{
	char	line[160];
	int	y = 1, rows;

	b->table.ascii = ascii;
	snprintf(line, sizeof line, "The server has version %" PRId64
	    " now; yours was refused, nothing saved.", b->version);
	textw_put(w, y++, 2, line, inner, flags, A_BOLD);
	if (b->conflicts > 0)
		snprintf(line, sizeof line, "%zu field%s changed on both "
		    "sides (marked !): pick one for each.", b->conflicts,
		    b->conflicts == 1 ? "" : "s");
	else
		snprintf(line, sizeof line, "No field changed on both sides: "
		    "each change is kept.");
	textw_put(w, y++, 2, line, inner, flags, 0);
	y++;
	rows = FB_FIELDS + 1;
	list_set_height(b->list, FB_FIELDS);
	list_draw(b->list, w, y, 2, inner, rows, 1,
	    term_style(TERM_LIST_HEADER), term_style(TERM_SELECT));
	return (y + rows + 1);
}

WINDOW *
form_box_draw(struct form_box *b, int lines, int cols, int ascii)
{
	struct form_look	 look;
	WINDOW			*w;
	char			*title;
	int			 width, height, inner, body, y, flags;

	flags = TEXTW_ELLIPSIS|(ascii ? TEXTW_ASCII : 0);
	width = cols - 4 > FORM_BOX_WIDTH ? FORM_BOX_WIDTH : cols - 4;
	if (width < 40)
		return (NULL);
	inner = width - 4;
	/* The body, a gap, the last line and the hint, in a frame. */
	body = b->merging ? 3 + FB_FIELDS + 1 + 1 : form_height(b->form);
	height = body + 5;
	if (height > lines - 2) {
		height = lines - 2;
		body = height - 5;
	}
	if (body < 3)
		return (NULL);
	w = newwin(height, width, (lines - height) / 2, (cols - width) / 2);
	if (w == NULL)
		return (NULL);
	werase(w);
	title = form_box_frame_title(b);
	term_frame(w, ascii, title, 1);
	free(title);
	if (b->merging)
		form_box_merge_body(b, w, inner, flags, ascii);
	else {
		memset(&look, 0, sizeof look);
		look.label = term_style(TERM_LABEL);
		look.focus_label = term_style(TERM_LABEL)|A_BOLD;
		look.field = A_UNDERLINE;
		look.error = term_style(TERM_ERROR);
		look.dim = term_style(TERM_DIM);
		look.ascii = ascii;
		look.label_width = FORM_BOX_LABEL;
		form_draw(b->form, w, 1, 2, inner, body, &look);
	}
	y = height - 3;
	if (b->said != NULL)
		textw_put(w, y, 2, b->said, inner, flags,
		    term_style(form_box_tones[b->tone]));
	textw_put(w, y + 1, 2, b->merging ? FORM_BOX_MERGE_HINT :
	    FORM_BOX_HINT, inner, flags, term_style(TERM_DIM));
	wnoutrefresh(w);
	return (w);
}
