/*
 * The built-in themes and the reader of [theme] lines.  A foreground
 * colour on the default background must read on dark and light terminals
 * alike in the default theme (use_default_colors): no yellow or white
 * text on it; highlights get a background of their own.
 */
#include "theme.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "options.h"
#include "xmalloc.h"

#define D	(-1)	/* the terminal's default colour */

struct theme_row {
	int			set;	/* 0: missing, which a test catches */
	struct theme_look	look;
};

#define L(fg, bg, attrs)	{ 1, { (fg), (bg), (attrs) } }

struct theme_builtin {
	const char		*name;
	int			 color;		/* 0: attributes only */
	struct theme_row	 rows[TERM_STYLE__COUNT];
};

static const struct theme_builtin theme_builtins[] = {
	{ "default", 1, {
		[TERM_NORMAL] =		L(D, D, 0),
		[TERM_HEADER] =		L(COLOR_WHITE, COLOR_BLUE, A_BOLD),
		[TERM_BAR] =		L(COLOR_BLACK, COLOR_CYAN, 0),
		[TERM_BAR_KEY] =	L(COLOR_WHITE, COLOR_CYAN, A_BOLD),
		[TERM_FRAME] =		L(D, D, A_DIM),
		[TERM_FRAME_FOCUS] =	L(COLOR_CYAN, D, A_BOLD),
		[TERM_LIST_HEADER] =	L(COLOR_BLACK, COLOR_GREEN, 0),
		[TERM_SELECT] =		L(COLOR_BLACK, COLOR_CYAN, 0),
		[TERM_DIM] =		L(D, D, A_DIM),
		[TERM_LABEL] =		L(COLOR_CYAN, D, 0),
		[TERM_CHANGED] =	L(COLOR_BLACK, COLOR_YELLOW, A_BOLD),
		[TERM_OK] =		L(COLOR_GREEN, D, 0),
		[TERM_INFO] =		L(COLOR_CYAN, D, 0),
		[TERM_WARN] =		L(COLOR_YELLOW, D, A_BOLD),
		[TERM_ERROR] =		L(COLOR_RED, D, A_BOLD),
		[TERM_GAUGE] =		L(COLOR_GREEN, D, 0),
		[TERM_TOAST] =		L(COLOR_BLACK, COLOR_WHITE, 0),
		[TERM_BANNER_OK] =	L(COLOR_BLACK, COLOR_GREEN, A_BOLD),
		[TERM_BANNER_WARN] =	L(COLOR_BLACK, COLOR_YELLOW, A_BOLD),
		[TERM_BANNER_ERROR] =	L(COLOR_WHITE, COLOR_RED, A_BOLD),
		[TERM_BANNER_READY] =	L(COLOR_WHITE, COLOR_BLUE, A_BOLD),
	} },
	/* Dark text on a light background: no cyan or yellow letters. */
	{ "light", 1, {
		[TERM_NORMAL] =		L(D, D, 0),
		[TERM_HEADER] =		L(COLOR_WHITE, COLOR_BLUE, A_BOLD),
		[TERM_BAR] =		L(COLOR_WHITE, COLOR_BLACK, 0),
		[TERM_BAR_KEY] =	L(COLOR_YELLOW, COLOR_BLACK, A_BOLD),
		[TERM_FRAME] =		L(D, D, A_DIM),
		[TERM_FRAME_FOCUS] =	L(COLOR_BLUE, D, A_BOLD),
		[TERM_LIST_HEADER] =	L(COLOR_BLACK, COLOR_GREEN, 0),
		[TERM_SELECT] =		L(COLOR_WHITE, COLOR_BLUE, 0),
		[TERM_DIM] =		L(D, D, A_DIM),
		[TERM_LABEL] =		L(COLOR_BLUE, D, 0),
		[TERM_CHANGED] =	L(COLOR_BLACK, COLOR_YELLOW, A_BOLD),
		[TERM_OK] =		L(COLOR_GREEN, D, A_BOLD),
		[TERM_INFO] =		L(COLOR_BLUE, D, 0),
		[TERM_WARN] =		L(COLOR_MAGENTA, D, A_BOLD),
		[TERM_ERROR] =		L(COLOR_RED, D, A_BOLD),
		[TERM_GAUGE] =		L(COLOR_BLUE, D, 0),
		[TERM_TOAST] =		L(COLOR_WHITE, COLOR_BLACK, 0),
		[TERM_BANNER_OK] =	L(COLOR_BLACK, COLOR_GREEN, A_BOLD),
		[TERM_BANNER_WARN] =	L(COLOR_BLACK, COLOR_YELLOW, A_BOLD),
		[TERM_BANNER_ERROR] =	L(COLOR_WHITE, COLOR_RED, A_BOLD),
		[TERM_BANNER_READY] =	L(COLOR_WHITE, COLOR_BLUE, A_BOLD),
	} },
	/*
	 * For a projector: everything bold, nothing dim, every signal a
	 * light-on-dark or dark-on-light pair of its own.
	 */
	{ "high-contrast", 1, {
		[TERM_NORMAL] =		L(D, D, 0),
		[TERM_HEADER] =		L(COLOR_WHITE, COLOR_BLUE, A_BOLD),
		[TERM_BAR] =		L(COLOR_WHITE, COLOR_BLACK, A_BOLD),
		[TERM_BAR_KEY] =	L(COLOR_BLACK, COLOR_YELLOW, A_BOLD),
		[TERM_FRAME] =		L(D, D, A_BOLD),
		[TERM_FRAME_FOCUS] =	L(COLOR_BLACK, COLOR_YELLOW, A_BOLD),
		[TERM_LIST_HEADER] =	L(COLOR_WHITE, COLOR_BLUE, A_BOLD),
		[TERM_SELECT] =		L(COLOR_BLACK, COLOR_YELLOW, A_BOLD),
		[TERM_DIM] =		L(D, D, 0),
		[TERM_LABEL] =		L(D, D, A_BOLD),
		[TERM_CHANGED] =	L(COLOR_WHITE, COLOR_MAGENTA, A_BOLD),
		[TERM_OK] =		L(COLOR_BLACK, COLOR_GREEN, A_BOLD),
		[TERM_INFO] =		L(COLOR_WHITE, COLOR_BLUE, A_BOLD),
		[TERM_WARN] =		L(COLOR_BLACK, COLOR_YELLOW, A_BOLD),
		[TERM_ERROR] =		L(COLOR_WHITE, COLOR_RED, A_BOLD),
		[TERM_GAUGE] =		L(COLOR_GREEN, D, A_BOLD),
		[TERM_TOAST] =		L(COLOR_BLACK, COLOR_WHITE, A_BOLD),
		[TERM_BANNER_OK] =	L(COLOR_BLACK, COLOR_GREEN, A_BOLD),
		[TERM_BANNER_WARN] =	L(COLOR_BLACK, COLOR_YELLOW, A_BOLD),
		[TERM_BANNER_ERROR] =	L(COLOR_WHITE, COLOR_RED, A_BOLD),
		[TERM_BANNER_READY] =	L(COLOR_WHITE, COLOR_BLUE, A_BOLD),
	} },
	/* What NO_COLOR and --no-color give whatever the theme. */
	{ "mono", 0, {
		[TERM_NORMAL] =		L(D, D, 0),
		[TERM_HEADER] =		L(D, D, A_REVERSE),
		[TERM_BAR] =		L(D, D, A_REVERSE),
		[TERM_BAR_KEY] =	L(D, D, A_REVERSE|A_BOLD),
		[TERM_FRAME] =		L(D, D, 0),
		[TERM_FRAME_FOCUS] =	L(D, D, A_BOLD),
		[TERM_LIST_HEADER] =	L(D, D, A_UNDERLINE),
		[TERM_SELECT] =		L(D, D, A_REVERSE),
		[TERM_DIM] =		L(D, D, A_DIM),
		[TERM_LABEL] =		L(D, D, 0),
		[TERM_CHANGED] =	L(D, D, A_BOLD),
		[TERM_OK] =		L(D, D, 0),
		[TERM_INFO] =		L(D, D, 0),
		[TERM_WARN] =		L(D, D, A_BOLD),
		[TERM_ERROR] =		L(D, D, A_BOLD|A_REVERSE),
		[TERM_GAUGE] =		L(D, D, 0),
		[TERM_TOAST] =		L(D, D, A_REVERSE),
		[TERM_BANNER_OK] =	L(D, D, A_REVERSE|A_BOLD),
		[TERM_BANNER_WARN] =	L(D, D, A_REVERSE|A_BOLD),
		[TERM_BANNER_ERROR] =	L(D, D, A_REVERSE|A_BOLD),
		[TERM_BANNER_READY] =	L(D, D, A_BOLD),
	} },
};

#define THEME_DEFAULT	(&theme_builtins[0])
#define THEME_MONO	(&theme_builtins[3])
#define THEME_NBUILTINS	(sizeof theme_builtins / sizeof theme_builtins[0])

static const struct {
	const char	*name;
	short		 color;
} theme_colors[] = {
	{ "default", D },
	{ "black", COLOR_BLACK },
	{ "red", COLOR_RED },
	{ "green", COLOR_GREEN },
	{ "yellow", COLOR_YELLOW },
	{ "blue", COLOR_BLUE },
	{ "magenta", COLOR_MAGENTA },
	{ "cyan", COLOR_CYAN },
	{ "white", COLOR_WHITE },
};

static const struct {
	const char	*name;
	attr_t		 attr;
} theme_attrs[] = {
	{ "bold", A_BOLD },
	{ "dim", A_DIM },
	{ "underline", A_UNDERLINE },
	{ "reverse", A_REVERSE },
	{ "standout", A_STANDOUT },
};

struct theme {
	const struct theme_builtin	*base;
	struct theme_look		 color[TERM_STYLE__COUNT];
	struct theme_look		 mono[TERM_STYLE__COUNT];
};

const char *
theme_builtin(size_t i)
{
	return (i < THEME_NBUILTINS ? theme_builtins[i].name : NULL);
}

int
theme_check_builtins(char **cause)
{
	size_t	i, s;

	for (i = 0; i < THEME_NBUILTINS; i++) {
		for (s = 0; s < TERM_STYLE__COUNT; s++) {
			if (theme_builtins[i].rows[s].set)
				continue;
			xasprintf(cause, "theme %s has no look for style %zu "
			    "(%s)", theme_builtins[i].name, s,
			    term_style_name((enum term_style)s) != NULL ?
			    term_style_name((enum term_style)s) : "normal");
			return (-1);
		}
	}
	return (0);
}

/* A colour word: a name or 0-255; 0, 1 out of range, -1 not a colour. */
static int
theme_parse_color(const char *word, short *out)
{
	size_t	i, len = strlen(word);
	int	n = 0;

	for (i = 0; i < sizeof theme_colors / sizeof theme_colors[0]; i++) {
		if (strcasecmp(word, theme_colors[i].name) == 0) {
			*out = theme_colors[i].color;
			return (0);
		}
	}
	if (len == 0 || strspn(word, "0123456789") != len)
		return (-1);
	if (len > 3)
		return (1);
	for (i = 0; i < len; i++)
		n = n * 10 + (word[i] - '0');
	if (n > 255)
		return (1);
	*out = (short)n;
	return (0);
}

static int
theme_parse_attr(const char *word, attr_t *out)
{
	size_t	i;

	for (i = 0; i < sizeof theme_attrs / sizeof theme_attrs[0]; i++) {
		if (strcasecmp(word, theme_attrs[i].name) == 0) {
			*out = theme_attrs[i].attr;
			return (0);
		}
	}
	return (-1);
}

int
theme_parse_look(const char *text, struct theme_look *out, char **why)
{
	struct theme_look	 look = { D, D, 0 };
	char			*copy, *word, *next, *last = NULL;
	const char		*fg_word = NULL, *bg_word = NULL;
	int			 have_fg = 0, have_bg = 0, on = 0, rc = -1, r;
	short			 c;
	attr_t			 a;

	copy = xstrdup(text);
	*why = NULL;
	for (word = strtok_r(copy, " \t,", &last); word != NULL;
	    word = next) {
		next = strtok_r(NULL, " \t,", &last);
		if (strcasecmp(word, "on") == 0) {
			if (next == NULL || strcasecmp(next, "on") == 0 ||
			    theme_parse_attr(next, &a) == 0) {
				xasprintf(why, "\"on\" wants a background "
				    "colour after it, as in white on blue");
				goto out;
			}
			on = 1;
			continue;
		}
		if ((r = theme_parse_color(word, &c)) == 1) {
			xasprintf(why, "colour %s is out of range: colours are "
			    "numbered 0 to 255", word);
			goto out;
		}
		if (r == -1 && on) {
			xasprintf(why, "\"%s\" after on is not a colour: "
			    "expected default, black, red, green, yellow, "
			    "blue, magenta, cyan, white or 0 to 255", word);
			goto out;
		}
		if (r == 0 && on) {
			if (have_bg) {
				xasprintf(why, "two backgrounds, %s and %s: "
				    "give one", bg_word, word);
				goto out;
			}
			look.bg = c;
			bg_word = word;
			have_bg = 1;
			on = 0;
			continue;
		}
		if (r == 0) {
			if (have_fg) {
				xasprintf(why, "two text colours, %s and %s: "
				    "write TEXT on BACKGROUND, as in white on "
				    "blue", fg_word, word);
				goto out;
			}
			look.fg = c;
			fg_word = word;
			have_fg = 1;
			continue;
		}
		if (theme_parse_attr(word, &a) != 0) {
			xasprintf(why, "\"%s\" is neither a colour (default, "
			    "black, red, green, yellow, blue, magenta, cyan, "
			    "white or 0 to 255) nor an attribute (bold, dim, "
			    "underline, reverse, standout)", word);
			goto out;
		}
		if (look.attrs & a) {
			xasprintf(why, "%s is given twice", word);
			goto out;
		}
		look.attrs |= a;
	}
	if (!have_fg && !have_bg && look.attrs == 0) {
		xasprintf(why, "wants a look, such as white on blue bold");
		goto out;
	}
	*out = look;
	rc = 0;
out:
	free(copy);
	return (rc);
}

/* "header, bar, ..." for a message. */
static char *
theme_style_list(void)
{
	char		*out = xstrdup(""), *next;
	const char	*name;
	size_t		 s;

	for (s = 0; s < TERM_STYLE__COUNT; s++) {
		if ((name = term_style_name((enum term_style)s)) == NULL)
			continue;
		xasprintf(&next, "%s%s%s", out, *out != '\0' ? ", " : "",
		    name);
		free(out);
		out = next;
	}
	return (out);
}

static const struct theme_builtin *
theme_find(const char *name)
{
	size_t	i;

	for (i = 0; i < THEME_NBUILTINS; i++) {
		if (strcmp(theme_builtins[i].name, name) == 0)
			return (&theme_builtins[i]);
	}
	return (NULL);
}

/* Puts one [theme] line on top of the built-in looks. */
static int
theme_apply_line(struct theme *t, const struct config_look *l,
    const char *file, char **cause)
{
	struct theme_look	 look;
	int			 s;
	char			*why, *list;

	if ((s = term_style_find(l->style)) == -1) {
		list = theme_style_list();
		xasprintf(cause, "%s:%d: unknown style \"%s\" in [theme]: "
		    "expected one of %s", file, l->line, l->style, list);
		free(list);
		return (-1);
	}
	if (theme_parse_look(l->look, &look, &why) != 0) {
		xasprintf(cause, "%s:%d: %s: %s", file, l->line, l->style,
		    why);
		free(why);
		return (-1);
	}
	/* Without colour a line counts only when it names attributes. */
	if (look.attrs != 0)
		t->mono[s].attrs = look.attrs;
	t->color[s] = look;
	return (0);
}

struct theme *
theme_new(const char *name, const struct config_look *lines, size_t n,
    const char *file, char **cause)
{
	const struct theme_builtin	*base;
	struct theme			*t;
	size_t				 i, s;
	char				*list;

	if ((base = theme_find(name != NULL ? name : "default")) == NULL) {
		list = options_choice_list(options_get(OPT_THEME));
		xasprintf(cause, "unknown theme \"%s\": expected %s", name,
		    list);
		free(list);
		return (NULL);
	}
	t = xcalloc(1, sizeof *t);
	t->base = base;
	for (s = 0; s < TERM_STYLE__COUNT; s++) {
		t->color[s] = base->rows[s].look;
		t->mono[s] = THEME_MONO->rows[s].look;
	}
	for (i = 0; i < n; i++) {
		if (theme_apply_line(t, &lines[i], file != NULL ? file :
		    "config", cause) != 0) {
			free(t);
			return (NULL);
		}
	}
	return (t);
}

void
theme_free(struct theme *t)
{
	free(t);
}

const char *
theme_name(const struct theme *t)
{
	return (t != NULL ? t->base->name : THEME_DEFAULT->name);
}

void
theme_get(const struct theme *t, enum term_style s, int color,
    struct theme_look *out)
{
	const struct theme_builtin	*base;

	if ((unsigned)s >= TERM_STYLE__COUNT) {
		out->fg = out->bg = D;
		out->attrs = 0;
		return;
	}
	if (t != NULL) {
		*out = color && t->base->color ? t->color[s] : t->mono[s];
		return;
	}
	base = color ? THEME_DEFAULT : THEME_MONO;
	*out = base->rows[s].look;
}
