/*
 * Fuzz target: the reader of [theme] looks, which come from a file a
 * person wrote.  The input's first line is a style name and the rest the
 * look; whatever it is, the answer is a theme or one sentence, and a
 * theme's looks stay in the ranges term.c hands to curses.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "theme.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config_look	 line;
	struct theme_look	 look;
	struct theme		*t;
	char			*text, *nl, *cause = NULL;
	size_t			 s;

	if (size > 4096)
		return (0);
	text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	if ((nl = strchr(text, '\n')) == NULL) {
		free(text);
		return (0);
	}
	*nl = '\0';
	line.style = text;
	line.look = nl + 1;
	line.line = 1;
	t = theme_new("default", &line, 1, "fuzz.ini", &cause);
	if (t == NULL) {
		if (cause == NULL || strncmp(cause, "fuzz.ini:1: ", 12) != 0)
			abort();
	} else {
		for (s = 0; s < TERM_STYLE__COUNT; s++) {
			theme_get(t, (enum term_style)s, 1, &look);
			if (look.fg < -1 || look.fg > 255 || look.bg < -1 ||
			    look.bg > 255)
				abort();
		}
		theme_free(t);
	}
	free(cause);
	free(text);
	return (0);
}
