/* The help overlay. */
#include "help.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "term.h"
#include "textw.h"
#include "xmalloc.h"

#define HELP_KEYS_WIDTH	18

static void
help_append(struct help_line **lines, size_t *n, const char *keys,
    const char *text)
{
	*lines = xreallocarray(*lines, *n + 1, sizeof **lines);
	(*lines)[*n].keys = keys != NULL ? xstrdup(keys) : NULL;
	(*lines)[*n].text = xstrdup(text);
	(*n)++;
}

static void
help_line_drop(struct help_line *l)
{
	free(l->keys);
	free(l->text);
	l->keys = l->text = NULL;
}

/* How many section titles are among the lines. */
static size_t
help_titles(const struct help_line *lines, size_t n)
{
	size_t	i, t = 0;

	for (i = 0; i < n; i++)
		t += lines[i].keys == NULL;
	return (t);
}

struct help_line *
help_lines(const struct key_table *const *tables, size_t ntables, size_t *n)
{
	const struct key_table	*t;
	struct help_line	*lines = NULL;
	size_t			 i, j, k;
	char			*keys, *tmp;
	int			 seen;

	*n = 0;
	for (i = 0; i < ntables; i++) {
		if ((t = tables[i]) == NULL)
			continue;
		help_append(&lines, n, NULL, t->title);
		for (j = 0; j < t->n; j++) {
			/* Each action once, at its first binding. */
			seen = 0;
			for (k = 0; k < j; k++) {
				if (t->bindings[k].action == t->bindings[j].action)
					seen = 1;
			}
			if (seen || (t->hide_writes &&
			    (actions_get(t->bindings[j].action)->flags &
			    ACTION_WRITES)))
				continue;
			keys = xstrdup(t->bindings[j].name);
			for (k = j + 1; k < t->n; k++) {
				if (t->bindings[k].action !=
				    t->bindings[j].action)
					continue;
				xasprintf(&tmp, "%s %s", keys,
				    t->bindings[k].name);
				free(keys);
				keys = tmp;
			}
			help_append(&lines, n, keys,
			    actions_get(t->bindings[j].action)->help);
			free(keys);
		}
	}
	return (lines);
}

void
help_lines_free(struct help_line *lines, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(lines[i].keys);
		free(lines[i].text);
	}
	free(lines);
}

size_t
help_filter(struct help_line *lines, size_t n, const char *needle)
{
	size_t	i, kept = 0, title = (size_t)-1;
	int	keep, whole = 0;

	if (needle == NULL || *needle == '\0')
		return (n);
	for (i = 0; i < n; i++) {
		if (lines[i].keys == NULL) {
			/* A section title: kept with its first match. */
			if (title != (size_t)-1)
				help_line_drop(&lines[title]);
			title = i;
			/* A title that holds the word keeps all it heads. */
			whole = strcasestr(lines[i].text, needle) != NULL;
			continue;
		}
		keep = whole || strcasestr(lines[i].keys, needle) != NULL ||
		    strcasestr(lines[i].text, needle) != NULL;
		if (!keep) {
			help_line_drop(&lines[i]);
			continue;
		}
		if (title != (size_t)-1)
			lines[kept++] = lines[title];
		title = (size_t)-1;
		lines[kept++] = lines[i];
	}
	if (title != (size_t)-1)
		help_line_drop(&lines[title]);
	return (kept);
}

WINDOW *
help_draw(const struct key_table *const *tables, size_t ntables, size_t *top,
    int lines, int cols, int ascii, const struct textin *find, int finding)
{
	struct help_line	*hl;
	WINDOW			*w;
	size_t			 n, i, rows, all, total;
	int			 width, height, y, flags, foot;
	char			 title[128];
	const char		*needle;

	hl = help_lines(tables, ntables, &all);
	total = all - help_titles(hl, all);
	needle = find != NULL ? textin_text(find) : NULL;
	n = help_filter(hl, all, needle);
	foot = finding || n == 0;
	width = cols - 4 > 64 ? 64 : cols - 4;
	height = (int)n + 2 + foot > lines - 2 ? lines - 2 : (int)n + 2 + foot;
	if (width < 20 || height < 3) {
		help_lines_free(hl, n);
		return (NULL);
	}
	rows = (size_t)height - 2 - (size_t)foot;
	if (*top + rows > n)
		*top = n > rows ? n - rows : 0;
	w = newwin(height, width, (lines - height) / 2, (cols - width) / 2);
	if (w == NULL) {
		help_lines_free(hl, n);
		return (NULL);
	}
	werase(w);
	if (needle != NULL && *needle != '\0')
		snprintf(title, sizeof title, "Help /%s (%zu of %zu)", needle,
		    n - help_titles(hl, n), total);
	else
		snprintf(title, sizeof title, "%s", n > rows ?
		    "Help (scroll: Up/Down, find: /)" : "Help (find: /)");
	term_frame(w, ascii, title, 1);
	flags = TEXTW_ELLIPSIS|(ascii ? TEXTW_ASCII : 0);
	for (i = 0; i < rows && *top + i < n; i++) {
		y = (int)i + 1;
		if (hl[*top + i].keys == NULL) {
			textw_put(w, y, 2, hl[*top + i].text, width - 4, flags,
			    term_style(TERM_LIST_HEADER));
			continue;
		}
		textw_put(w, y, 3, hl[*top + i].keys, HELP_KEYS_WIDTH - 1,
		    flags, A_BOLD);
		textw_put(w, y, 3 + HELP_KEYS_WIDTH, hl[*top + i].text,
		    width - 4 - HELP_KEYS_WIDTH, flags, 0);
	}
	if (foot) {
		y = height - 2;
		if (finding) {
			mvwaddch(w, y, 2, '/');
			textin_draw(w, y, 3, width - 6, find, 1, ascii, 0);
		} else
			textw_put(w, y, 3, "Nothing here holds that: / to "
			    "find again", width - 6, flags, A_DIM);
	}
	help_lines_free(hl, n);
	return (w);
}
