/* The sign-in box. */
#include "signin-box.h"

#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "term.h"
#include "textin.h"
#include "textw.h"
#include "xmalloc.h"

#define SIGNIN_BOX_HINT		"Enter: sign in   Tab: next field   Esc: " \
				"stay signed out"
#define SIGNIN_BOX_LABEL	10	/* "Password" and a gap */
#define SIGNIN_BOX_LINES	2	/* why and the last line wrap to this */

enum {
	SIGNIN_BOX_FIELD_EMAIL,
	SIGNIN_BOX_FIELD_PASSWORD,
	SIGNIN_BOX_FIELDS
};

struct signin_box {
	char			*why;
	struct textin		*fields[SIGNIN_BOX_FIELDS];
	int			 focus;
	char			*said;
	enum signin_box_tone	 tone;
};

static const char *const signin_box_labels[SIGNIN_BOX_FIELDS] = {
	[SIGNIN_BOX_FIELD_EMAIL] = "Email",
	[SIGNIN_BOX_FIELD_PASSWORD] = "Password",
};

/* Moving between the fields; the rest of the keys edit the one focused. */
static const struct {
	int	 key;
	int	 step;		/* +1 next field, -1 previous, 0 sign in */
} signin_box_moves[] = {
	{ '\t',			 1 },
	{ KEYS_FN|KEY_DOWN,	 1 },
	{ KEYS_FN|KEY_BTAB,	-1 },
	{ KEYS_FN|KEY_UP,	-1 },
	{ '\r',			 0 },
	{ '\n',			 0 },
	{ KEYS_FN|KEY_ENTER,	 0 },
};

struct signin_box *
signin_box_new(const char *why, const char *email)
{
	struct signin_box	*b = xcalloc(1, sizeof *b);

	b->why = xstrdup(why != NULL ? why : "");
	b->fields[SIGNIN_BOX_FIELD_EMAIL] = textin_new(SIGNIN_BOX_EMAIL_MAX, 0);
	b->fields[SIGNIN_BOX_FIELD_PASSWORD] =
	    textin_new(SIGNIN_BOX_PASSWORD_MAX, TEXTIN_HIDDEN);
	/* An address that does not fit the field is typed again. */
	if (email != NULL && *email != '\0' &&
	    textin_set(b->fields[SIGNIN_BOX_FIELD_EMAIL], email) == 0)
		b->focus = SIGNIN_BOX_FIELD_PASSWORD;
	return (b);
}

void
signin_box_free(struct signin_box *b)
{
	size_t	i;

	if (b == NULL)
		return;
	for (i = 0; i < SIGNIN_BOX_FIELDS; i++)
		textin_free(b->fields[i]);
	free(b->why);
	free(b->said);
	free(b);
}

/* Enter: sign in, unless the password is still to be typed. */
static enum signin_box_answer
signin_box_enter(struct signin_box *b)
{
	if (textin_length(b->fields[SIGNIN_BOX_FIELD_EMAIL]) == 0) {
		b->focus = SIGNIN_BOX_FIELD_EMAIL;
		signin_box_say(b, SIGNIN_BOX_ERROR, "Type your email address");
		return (SIGNIN_BOX_EDITED);
	}
	if (textin_length(b->fields[SIGNIN_BOX_FIELD_PASSWORD]) == 0) {
		if (b->focus == SIGNIN_BOX_FIELD_PASSWORD)
			signin_box_say(b, SIGNIN_BOX_ERROR,
			    "Type your password");
		b->focus = SIGNIN_BOX_FIELD_PASSWORD;
		return (SIGNIN_BOX_EDITED);
	}
	return (SIGNIN_BOX_SUBMIT);
}

enum signin_box_answer
signin_box_key(struct signin_box *b, int key)
{
	struct textin	*t = b->fields[b->focus];
	char		 text[4 + 1];
	size_t		 i, len;
	int		 op, rc;

	if (key == KEYS_ESC)
		return (SIGNIN_BOX_CLOSE);
	for (i = 0; i < sizeof signin_box_moves / sizeof signin_box_moves[0];
	    i++) {
		if (signin_box_moves[i].key != key)
			continue;
		if (signin_box_moves[i].step == 0)
			return (signin_box_enter(b));
		b->focus = (b->focus + SIGNIN_BOX_FIELDS +
		    signin_box_moves[i].step) % SIGNIN_BOX_FIELDS;
		return (SIGNIN_BOX_EDITED);
	}
	if ((op = keys_edit_op(key)) != -1)
		return (textin_edit(t, (enum textin_op)op) ?
		    SIGNIN_BOX_EDITED : SIGNIN_BOX_IGNORED);
	if ((len = keys_text(key, text)) == 0)
		return (SIGNIN_BOX_IGNORED);
	text[len] = '\0';
	rc = textin_insert(t, text);
	explicit_bzero(text, sizeof text);
	if (rc != 0)
		signin_box_say(b, SIGNIN_BOX_ERROR, b->focus ==
		    SIGNIN_BOX_FIELD_EMAIL ? "An email address is at most 254 "
		    "characters" : "A password here is at most 256 characters");
	return (SIGNIN_BOX_EDITED);
}

const char *
signin_box_email(const struct signin_box *b)
{
	return (textin_text(b->fields[SIGNIN_BOX_FIELD_EMAIL]));
}

const char *
signin_box_password(const struct signin_box *b)
{
	return (textin_text(b->fields[SIGNIN_BOX_FIELD_PASSWORD]));
}

void
signin_box_forget_password(struct signin_box *b)
{
	textin_clear(b->fields[SIGNIN_BOX_FIELD_PASSWORD]);
	b->focus = SIGNIN_BOX_FIELD_PASSWORD;
}

void
signin_box_focus_email(struct signin_box *b)
{
	b->focus = SIGNIN_BOX_FIELD_EMAIL;
}

void
signin_box_say(struct signin_box *b, enum signin_box_tone tone,
    const char *sentence)
{
	free(b->said);
	b->said = sentence != NULL ? xstrdup(sentence) : NULL;
	b->tone = tone;
}

const char *
signin_box_said(const struct signin_box *b)
{
	return (b->said);
}


static const enum term_style signin_box_tones[] = {
	[SIGNIN_BOX_PLAIN] = TERM_NORMAL,
	[SIGNIN_BOX_WARN] = TERM_WARN,
	[SIGNIN_BOX_ERROR] = TERM_ERROR,
};

WINDOW *
signin_box_draw(const struct signin_box *b, int lines, int cols, int ascii)
{
	const char	*why[SIGNIN_BOX_LINES], *said[SIGNIN_BOX_LINES];
	size_t		 wlen[SIGNIN_BOX_LINES], slen[SIGNIN_BOX_LINES];
	WINDOW		*w;
	int		 width, height, inner, nwhy, nsaid, gap, y, i, flags;

	flags = TEXTW_ELLIPSIS|(ascii ? TEXTW_ASCII : 0);
	width = cols - 4 > SIGNIN_BOX_WIDTH ? SIGNIN_BOX_WIDTH : cols - 4;
	if (width < SIGNIN_BOX_LABEL + 16)
		return (NULL);
	inner = width - 4;
	nwhy = textw_wrap_lines(b->why, inner,
	    SIGNIN_BOX_LINES, why, wlen);
	nsaid = textw_wrap_lines(b->said, inner,
	    SIGNIN_BOX_LINES, said, slen);
	/* Why, a gap, the fields, a gap, the last line, the hint. */
	gap = 1;
	height = 2 + nwhy + gap + SIGNIN_BOX_FIELDS + gap +
	    (nsaid > 0 ? nsaid : 1) + 1;
	if (height > lines) {
		gap = 0;
		height -= 2;
	}
	if (height > lines)
		return (NULL);
	w = newwin(height, width, (lines - height) / 2, (cols - width) / 2);
	if (w == NULL)
		return (NULL);
	werase(w);
	term_frame(w, ascii, "Sign in", 1);
	y = 1;
	textw_put_lines(w, y, 2, inner, why, wlen, nwhy, flags, A_BOLD);
	y += nwhy + gap;
	for (i = 0; i < SIGNIN_BOX_FIELDS; i++, y++) {
		textw_put(w, y, 2, signin_box_labels[i], SIGNIN_BOX_LABEL - 1,
		    flags, term_style(TERM_LABEL));
		textin_draw(w, y, 2 + SIGNIN_BOX_LABEL,
		    inner - SIGNIN_BOX_LABEL, b->fields[i], i == b->focus,
		    ascii, A_UNDERLINE);
	}
	y += gap;
	textw_put_lines(w, y, 2, inner, said, slen, nsaid, flags,
	    term_style(signin_box_tones[b->tone]));
	y += nsaid > 0 ? nsaid : 1;
	textw_put(w, y, 2, SIGNIN_BOX_HINT, inner, flags,
	    term_style(TERM_DIM));
	wnoutrefresh(w);
	return (w);
}
