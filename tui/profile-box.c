/* The profile's account and password forms. */
#include "profile-box.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "form.h"
#include "keys.h"
#include "term.h"
#include "textw.h"
#include "xmalloc.h"

#define PROFILE_BOX_LABEL	22	/* "New password again" and a gap */
#define PROFILE_BOX_HINT	"Tab: next field  Enter: next  C-o: save  " \
				"Esc: cancel"

/* The API's names, so the server's field errors land on their fields. */
static const struct form_spec profile_box_account[] = {
	{ "name", "Name", FORM_TEXT, FORM_REQUIRED, 1, 255, NULL },
	{ "email", "Email", FORM_TEXT, FORM_REQUIRED, 1, 254, NULL },
};
enum { PB_NAME, PB_EMAIL };

static const struct form_spec profile_box_password[] = {
	{ "currentPassword", "Current password", FORM_TEXT,
	    FORM_HIDDEN|FORM_REQUIRED, 1, PROFILE_PASSWORD_MAX, NULL },
	{ "newPassword", "New password", FORM_TEXT,
	    FORM_HIDDEN|FORM_REQUIRED, PROFILE_PASSWORD_MIN,
	    PROFILE_PASSWORD_MAX, NULL },
	{ "newPasswordAgain", "New password again", FORM_TEXT,
	    FORM_HIDDEN|FORM_REQUIRED, 1, PROFILE_PASSWORD_MAX, NULL },
};
enum { PB_CURRENT, PB_NEW, PB_AGAIN };

struct profile_box {
	enum profile_box_kind	 kind;
	struct form		*form;
	char			*said;
	enum form_box_tone	 tone;
};

/* The rules the specs cannot say: an address's shape, the same twice. */
static const char *
profile_box_check(struct form *f, size_t field, void *arg)
{
	struct profile_box	*b = arg;
	const char		*s;
	char			*again;
	int			 same;

	if (b->kind == PROFILE_BOX_ACCOUNT) {
		if (field == PB_EMAIL && !config_is_email(form_text(f, field)))
			return ("Email must look like you@example.com");
		return (NULL);
	}
	if (field != PB_AGAIN)
		return (NULL);
	/* form_text's string lasts until the next call: one is copied. */
	again = xstrdup(form_text(f, PB_AGAIN));
	s = form_text(f, PB_NEW);
	same = strcmp(s, again) == 0;
	memset(again, 0, strlen(again));
	free(again);
	return (same ? NULL : "The new passwords do not match");
}

struct profile_box *
profile_box_new(enum profile_box_kind kind, const struct user *u)
{
	struct profile_box	*b = xcalloc(1, sizeof *b);

	b->kind = kind;
	if (kind == PROFILE_BOX_ACCOUNT) {
		b->form = form_new(profile_box_account,
		    sizeof profile_box_account / sizeof profile_box_account[0]);
		if (u != NULL && u->name != NULL)
			form_set(b->form, PB_NAME, u->name);
		if (u != NULL && u->email != NULL)
			form_set(b->form, PB_EMAIL, u->email);
		form_mark_clean(b->form);
	} else
		b->form = form_new(profile_box_password,
		    sizeof profile_box_password /
		    sizeof profile_box_password[0]);
	form_set_check(b->form, profile_box_check, b);
	return (b);
}

void
profile_box_free(struct profile_box *b)
{
	if (b == NULL)
		return;
	form_free(b->form);
	free(b->said);
	free(b);
}

enum profile_box_kind
profile_box_kind(const struct profile_box *b)
{
	return (b->kind);
}

int
profile_box_changed(const struct profile_box *b)
{
	return (form_changed(b->form));
}

static const struct {
	int	 key;
	int	 step;		/* +1, -1: Tab, S-Tab; +2, -2: Down, Up */
} profile_box_moves[] = {
	{ '\t',			 1 },
	{ KEYS_FN|KEY_BTAB,	-1 },
	{ KEYS_FN|KEY_DOWN,	 2 },
	{ KEYS_FN|KEY_UP,	-2 },
};

enum form_box_answer
profile_box_key(struct profile_box *b, int key)
{
	char	text[4 + 1];
	size_t	i, len;
	int	op;

	if (key == KEYS_ESC)
		return (FORM_BOX_CLOSE);
	if (key == KEYS_CTRL('o') || key == (KEYS_FN|KEY_F(2)))
		return (FORM_BOX_SAVE);
	if (key == '\r' || key == '\n' || key == (KEYS_FN|KEY_ENTER))
		return (form_enter(b->form) == FORM_PAST_END ? FORM_BOX_SAVE :
		    FORM_BOX_EDITED);
	for (i = 0; i < sizeof profile_box_moves / sizeof profile_box_moves[0];
	    i++) {
		if (profile_box_moves[i].key != key)
			continue;
		if (profile_box_moves[i].step == 1 ||
		    profile_box_moves[i].step == -1)
			form_step(b->form, profile_box_moves[i].step);
		else
			form_vertical(b->form, profile_box_moves[i].step / 2);
		return (FORM_BOX_EDITED);
	}
	if ((op = keys_edit_op(key)) != -1)
		return (form_edit(b->form, (enum textin_op)op) ?
		    FORM_BOX_EDITED : FORM_BOX_IGNORED);
	if ((len = keys_text(key, text)) == 0)
		return (FORM_BOX_IGNORED);
	text[len] = '\0';
	if (form_insert(b->form, text) != 0)
		profile_box_say(b, FORM_BOX_ERROR, "That does not fit the "
		    "field");
	memset(text, 0, sizeof text);
	return (FORM_BOX_EDITED);
}

int
profile_box_fill(struct profile_box *b, const char **a, const char **c)
{
	int	i;

	*a = *c = NULL;
	if (form_try(b->form) > 0) {
		if ((i = form_first_invalid(b->form)) >= 0)
			form_set_focus(b->form, (size_t)i);
		profile_box_say(b, FORM_BOX_ERROR, "Not sent: a field is "
		    "wrong (under it)");
		return (-1);
	}
	/* Two fields, two strings: form_text keeps one per field. */
	*a = form_text(b->form, b->kind == PROFILE_BOX_ACCOUNT ? PB_NAME :
	    PB_CURRENT);
	*c = form_text(b->form, b->kind == PROFILE_BOX_ACCOUNT ? PB_EMAIL :
	    PB_NEW);
	return (0);
}

void
profile_box_field_errors(struct profile_box *b, const struct field_error *fe,
    size_t n)
{
	char	*rest = NULL, *s;
	size_t	 i;
	int	 at;

	for (i = 0; i < n; i++) {
		if (fe[i].field != NULL &&
		    form_set_error(b->form, fe[i].field, fe[i].message) == 0)
			continue;
		if (rest == NULL)
			rest = xstrdup(fe[i].message);
		else {
			xasprintf(&s, "%s; %s", rest, fe[i].message);
			free(rest);
			rest = s;
		}
	}
	if ((at = form_first_invalid(b->form)) >= 0)
		form_set_focus(b->form, (size_t)at);
	if (rest != NULL)
		profile_box_say(b, FORM_BOX_ERROR, rest);
	free(rest);
}

void
profile_box_say(struct profile_box *b, enum form_box_tone tone,
    const char *sentence)
{
	free(b->said);
	b->said = sentence != NULL ? xstrdup(sentence) : NULL;
	b->tone = tone;
}

const char *
profile_box_said(const struct profile_box *b)
{
	return (b->said);
}

const char *
profile_box_problem(struct profile_box *b, const char *name)
{
	int	i;

	if ((i = form_find(b->form, name)) < 0)
		return (NULL);
	return (form_shown_problem(b->form, (size_t)i));
}

static const enum term_style profile_box_tones[] = {
	[FORM_BOX_PLAIN] = TERM_NORMAL,
	[FORM_BOX_OK] = TERM_OK,
	[FORM_BOX_ERROR] = TERM_ERROR,
};

WINDOW *
profile_box_draw(struct profile_box *b, int lines, int cols, int ascii)
{
	struct form_look	 look;
	WINDOW			*w;
	int			 width, height, inner, body, flags;

	flags = TEXTW_ELLIPSIS|(ascii ? TEXTW_ASCII : 0);
	width = cols - 4 > FORM_BOX_WIDTH ? FORM_BOX_WIDTH : cols - 4;
	if (width < 40)
		return (NULL);
	inner = width - 4;
	body = form_height(b->form);
	height = body + 5;
	if (height > lines - 2) {
		height = lines - 2;
		body = height - 5;
	}
	if (body < 2)
		return (NULL);
	w = newwin(height, width, (lines - height) / 2, (cols - width) / 2);
	if (w == NULL)
		return (NULL);
	werase(w);
	term_frame(w, ascii, b->kind == PROFILE_BOX_ACCOUNT ?
	    "Edit your profile" : "Change your password", 1);
	memset(&look, 0, sizeof look);
	look.label = term_style(TERM_LABEL);
	look.focus_label = term_style(TERM_LABEL)|A_BOLD;
	look.field = A_UNDERLINE;
	look.error = term_style(TERM_ERROR);
	look.dim = term_style(TERM_DIM);
	look.ascii = ascii;
	look.label_width = PROFILE_BOX_LABEL;
	form_draw(b->form, w, 1, 2, inner, body, &look);
	if (b->said != NULL)
		textw_put(w, height - 3, 2, b->said, inner, flags,
		    term_style(profile_box_tones[b->tone]));
	textw_put(w, height - 2, 2, PROFILE_BOX_HINT, inner, flags,
	    term_style(TERM_DIM));
	wnoutrefresh(w);
	return (w);
}
