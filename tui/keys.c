/*
 * The default key bindings.  They read like a configuration file: key,
 * how help names it, the action, and the bottom-bar label if any.
 */
#include "keys.h"

#include <stdio.h>
#include <string.h>

#include <curses.h>

#define FN(k)	(KEYS_FN | (k))

static const struct key_binding keys_global_bindings[] = {
	{ 'q',		  "q",		ACTION_QUIT,	   "q",	  "q" },
	{ '?',		  "?",		ACTION_HELP,	   "?",	  "?" },
	{ FN(KEY_F(1)),	  "F1",		ACTION_HELP,	   NULL,  NULL },
	{ '\t',		  "Tab",	ACTION_FOCUS_NEXT, "Tab", "Tab" },
	{ FN(KEY_BTAB),	  "S-Tab",	ACTION_FOCUS_PREV, NULL,  NULL },
	{ 'r',		  "r",		ACTION_REFRESH,	   "r",	  "r" },
	{ KEYS_CTRL('l'), "C-l",	ACTION_REDRAW,	   NULL,  NULL },
};

static const struct key_binding keys_list_bindings[] = {
	{ FN(KEY_UP),	  "Up",		ACTION_UP,	   "\xe2\x86\x91\xe2\x86\x93", "j/k" },
	{ 'k',		  "k",		ACTION_UP,	   NULL, NULL },
	{ FN(KEY_DOWN),	  "Down",	ACTION_DOWN,	   NULL, NULL },
	{ 'j',		  "j",		ACTION_DOWN,	   NULL, NULL },
	{ FN(KEY_PPAGE),  "PgUp",	ACTION_PAGE_UP,	   NULL, NULL },
	{ KEYS_CTRL('b'), "C-b",	ACTION_PAGE_UP,	   NULL, NULL },
	{ FN(KEY_NPAGE),  "PgDn",	ACTION_PAGE_DOWN,  NULL, NULL },
	{ KEYS_CTRL('f'), "C-f",	ACTION_PAGE_DOWN,  NULL, NULL },
	{ ' ',		  "Space",	ACTION_PAGE_DOWN,  NULL, NULL },
	{ FN(KEY_HOME),	  "Home",	ACTION_HOME,	   NULL, NULL },
	{ 'g',		  "g",		ACTION_HOME,	   NULL, NULL },
	{ FN(KEY_END),	  "End",	ACTION_END,	   NULL, NULL },
	{ 'G',		  "G",		ACTION_END,	   NULL, NULL },
};

static const struct key_binding keys_help_bindings[] = {
	{ KEYS_ESC,	  "Esc",	ACTION_CLOSE,	   "Esc", "Esc" },
	{ '?',		  "?",		ACTION_CLOSE,	   NULL,  NULL },
	{ 'q',		  "q",		ACTION_CLOSE,	   NULL,  NULL },
	{ FN(KEY_UP),	  "Up",		ACTION_UP,	   "\xe2\x86\x91\xe2\x86\x93", "j/k" },
	{ 'k',		  "k",		ACTION_UP,	   NULL,  NULL },
	{ FN(KEY_DOWN),	  "Down",	ACTION_DOWN,	   NULL,  NULL },
	{ 'j',		  "j",		ACTION_DOWN,	   NULL,  NULL },
	{ FN(KEY_PPAGE),  "PgUp",	ACTION_PAGE_UP,	   NULL,  NULL },
	{ FN(KEY_NPAGE),  "PgDn",	ACTION_PAGE_DOWN,  NULL,  NULL },
	{ ' ',		  "Space",	ACTION_PAGE_DOWN,  NULL,  NULL },
	{ FN(KEY_HOME),	  "Home",	ACTION_HOME,	   NULL,  NULL },
	{ 'g',		  "g",		ACTION_HOME,	   NULL,  NULL },
	{ FN(KEY_END),	  "End",	ACTION_END,	   NULL,  NULL },
	{ 'G',		  "G",		ACTION_END,	   NULL,  NULL },
	{ FN(KEY_F(1)),	  "F1",		ACTION_CLOSE,	   NULL,  NULL },
};

#define KEYS_TABLE(title, b) { title, b, sizeof b / sizeof b[0] }
const struct key_table keys_global = KEYS_TABLE("Global", keys_global_bindings);
const struct key_table keys_list = KEYS_TABLE("Lists", keys_list_bindings);
const struct key_table keys_help = KEYS_TABLE("Help", keys_help_bindings);

int
keys_code(int rc, unsigned int wch)
{
	if (rc == KEY_CODE_YES)
		return (KEYS_FN | (int)wch);
	return ((int)wch);
}

enum action
keys_lookup(const struct key_table *t, int key)
{
	size_t	i;

	if (t == NULL)
		return (ACTION_NONE);
	for (i = 0; i < t->n; i++) {
		if (t->bindings[i].key == key)
			return (t->bindings[i].action);
	}
	return (ACTION_NONE);
}

enum action
keys_resolve(const struct key_table *pane, int key)
{
	enum action	a;

	if ((a = keys_lookup(pane, key)) != ACTION_NONE)
		return (a);
	return (keys_lookup(&keys_global, key));
}

void
keys_bar(char *buf, size_t len, const struct key_table *const *tables,
    size_t n, int ascii)
{
	const struct key_binding	*b;
	size_t				 i, j, off = 0;
	int				 w;

	if (len == 0)
		return;
	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		if (tables[i] == NULL)
			continue;
		for (j = 0; j < tables[i]->n; j++) {
			b = &tables[i]->bindings[j];
			if (b->bar == NULL)
				continue;
			w = snprintf(buf + off, len - off, "%s%s %s",
			    off == 0 ? "" : "  ", ascii ? b->bar_ascii : b->bar,
			    actions_get(b->action)->bar);
			if (w < 0 || (size_t)w >= len - off) {
				buf[off] = '\0';
				return;
			}
			off += (size_t)w;
		}
	}
}
