/* The one-field prompt. */
#include "prompt.h"

#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "term.h"
#include "textin.h"
#include "textw.h"
#include "xmalloc.h"

#define PROMPT_HINT	"Enter: OK    Esc: cancel"
#define PROMPT_LINES	3	/* the most a question or a note wraps to */

struct prompt {
	char			*title;
	char			*question;
	char			*label;
	struct textin		*field;
	prompt_check_cb		 check;
	void			*arg;
	int			 valid;
	char			*said;
	enum prompt_tone	 tone;
	int			 busy;
};

/* Runs the check on the text: its sentence, if any, goes under the field. */
static void
prompt_check(struct prompt *pr)
{
	char	*why = NULL;

	free(pr->said);
	pr->said = NULL;
	pr->tone = PROMPT_PLAIN;
	if (pr->check == NULL) {
		pr->valid = 1;
		return;
	}
	pr->valid = pr->check(textin_text(pr->field), pr->arg, &why);
	if (!pr->valid && why != NULL) {
		pr->said = why;
		pr->tone = PROMPT_WARN;
	} else
		free(why);
}

struct prompt *
prompt_new(const char *title, const char *question, const char *label,
    size_t max, prompt_check_cb check, void *arg)
{
	struct prompt	*pr = xcalloc(1, sizeof *pr);

	pr->title = xstrdup(title != NULL ? title : "");
	pr->question = xstrdup(question != NULL ? question : "");
	pr->label = xstrdup(label != NULL ? label : "");
	pr->field = textin_new(max > 0 ? max : 1, 0);
	pr->check = check;
	pr->arg = arg;
	prompt_check(pr);
	/* Nothing typed yet is not a mistake yet. */
	free(pr->said);
	pr->said = NULL;
	return (pr);
}

void
prompt_free(struct prompt *pr)
{
	if (pr == NULL)
		return;
	free(pr->title);
	free(pr->question);
	free(pr->label);
	textin_free(pr->field);
	free(pr->said);
	free(pr);
}

void
prompt_set(struct prompt *pr, const char *text)
{
	if (textin_set(pr->field, text) == 0)
		prompt_check(pr);
}

enum prompt_answer
prompt_key(struct prompt *pr, int key)
{
	if (key == KEYS_ESC)
		return (PROMPT_CLOSE);
	if (pr->busy)
		return (PROMPT_IGNORED);
	if (key == '\r' || key == '\n' || key == (KEYS_FN|KEY_ENTER))
		return (pr->valid ? PROMPT_SUBMIT : PROMPT_IGNORED);
	if (keys_type(pr->field, key) != KEYS_TYPED_CHANGED)
		return (PROMPT_IGNORED);
	prompt_check(pr);
	return (PROMPT_EDITED);
}

const char *
prompt_text(const struct prompt *pr)
{
	return (textin_text(pr->field));
}

int
prompt_valid(const struct prompt *pr)
{
	return (pr->valid);
}

void
prompt_say(struct prompt *pr, enum prompt_tone tone, const char *sentence)
{
	free(pr->said);
	pr->said = sentence != NULL ? xstrdup(sentence) : NULL;
	pr->tone = tone;
}

const char *
prompt_said(const struct prompt *pr)
{
	return (pr->said);
}

void
prompt_set_busy(struct prompt *pr, int busy)
{
	pr->busy = busy;
}

int
prompt_busy(const struct prompt *pr)
{
	return (pr->busy);
}


static const int prompt_tones[] = {
	[PROMPT_PLAIN] = TERM_DIM,
	[PROMPT_WARN] = TERM_WARN,
	[PROMPT_ERROR] = TERM_ERROR,
};

WINDOW *
prompt_draw(const struct prompt *pr, int lines, int cols, int ascii)
{
	const char	*q[PROMPT_LINES], *s[PROMPT_LINES];
	size_t		 qlen[PROMPT_LINES], slen[PROMPT_LINES];
	WINDOW		*w;
	int		 width, height, inner, nq, ns, label, flags, y;

	flags = TEXTW_ELLIPSIS|(ascii ? TEXTW_ASCII : 0);
	width = cols - 4 > PROMPT_WIDTH ? PROMPT_WIDTH : cols - 4;
	label = textw_width(pr->label) + 1;
	if (width < label + 16)
		return (NULL);
	inner = width - 4;
	nq = textw_wrap_lines(pr->question, inner, PROMPT_LINES,
	    q, qlen);
	ns = textw_wrap_lines(pr->said, inner, PROMPT_LINES,
	    s, slen);
	/* The question, a gap, the field, the note, a gap, the hint. */
	height = 2 + nq + 1 + 1 + (ns > 0 ? ns : 1) + 1 + 1;
	if (height > lines)
		return (NULL);
	w = newwin(height, width, (lines - height) / 2, (cols - width) / 2);
	if (w == NULL)
		return (NULL);
	werase(w);
	term_frame(w, ascii, pr->title, 1);
	y = 1;
	textw_put_lines(w, y, 2, inner, q, qlen, nq, flags, A_BOLD);
	y += nq + 1;
	textw_put(w, y, 2, pr->label, label, flags, term_style(TERM_LABEL));
	textin_draw(w, y, 2 + label, inner - label, pr->field, !pr->busy,
	    ascii, A_UNDERLINE);
	y++;
	textw_put_lines(w, y, 2, inner, s, slen, ns, flags,
	    term_style(prompt_tones[pr->tone]));
	y += (ns > 0 ? ns : 1) + 1;
	textw_put(w, y, 2, PROMPT_HINT, inner, flags, term_style(TERM_DIM));
	wnoutrefresh(w);
	return (w);
}
