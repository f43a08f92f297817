/*
 * Themes: the look (colours and attributes) of every term_style.  A theme
 * is a built-in table (default, light, high-contrast, mono) with the
 * config file's [theme] lines on top; term.c turns it into curses colour
 * pairs.  No curses calls here, so a theme can be built and checked
 * before the terminal is touched, and a reload can refuse a bad one.
 *
 * A look is words separated by spaces or commas, in any order:
 *
 *	[COLOUR] [on COLOUR] [ATTRIBUTE...]
 *
 * the first COLOUR is the text's, the one after "on" the background's;
 * a colour is default, black, red, green, yellow, blue, magenta, cyan,
 * white or a number from 0 to 255; an attribute is bold, dim, underline,
 * reverse or standout.  A line gives the whole look of its style: what
 * it leaves out is the terminal's default colour and no attribute.
 */
#ifndef EVTOP_THEME_H
#define EVTOP_THEME_H

#include <stddef.h>

#include "config.h"
#include "term.h"

struct theme_look {
	short	fg;	/* -1: the terminal's default; else 0-255 */
	short	bg;
	attr_t	attrs;	/* A_BOLD, A_DIM, A_UNDERLINE, A_REVERSE, A_STANDOUT */
};

struct theme;

/*
 * The built-in theme name (NULL: default) with [theme] lines on top.
 * Returns NULL with "FILE:LINE: ..." in *cause when a line is wrong.
 */
struct theme	*theme_new(const char *name, const struct config_look *,
		    size_t n, const char *file, char **cause);
void		 theme_free(struct theme *);
const char	*theme_name(const struct theme *);

/*
 * A style's look with colour, or without (NO_COLOR, --no-color, a
 * terminal without colours, theme mono).  NULL is the default theme.
 * Without colour it is mono's look, unless a [theme] line named
 * attributes for the style: then those.
 */
void		 theme_get(const struct theme *, enum term_style, int color,
		    struct theme_look *);

/*
 * Reads a look; 0, or -1 with the end of a sentence in *why (the caller
 * prefixes FILE:LINE and the style).
 */
int		 theme_parse_look(const char *, struct theme_look *,
		    char **why);

/* The name of built-in theme i, or NULL past the last. */
const char	*theme_builtin(size_t i);
/* 0 when every built-in theme has every style; -1 naming a gap. */
int		 theme_check_builtins(char **cause);

#endif
