/*
 * The default key bindings.  They read like a configuration file: key,
 * how help names it, the action, and the bottom-bar label if any.
 */
#include "keys.h"

#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include <curses.h>

#include "textin.h"
#include "textw.h"
#include "utf8.h"
#include "xmalloc.h"

#define FN(k)	(KEYS_FN | (k))

static const struct key_binding keys_global_bindings[] = {
	{ 'q',		  "q",		ACTION_QUIT,	   "q",	  "q" },
	{ '?',		  "?",		ACTION_HELP,	   "?",	  "?" },
	{ FN(KEY_F(1)),	  "F1",		ACTION_HELP,	   NULL,  NULL },
	{ '\t',		  "Tab",	ACTION_FOCUS_NEXT, "Tab", "Tab" },
	{ FN(KEY_BTAB),	  "S-Tab",	ACTION_FOCUS_PREV, NULL,  NULL },
	{ 'r',		  "r",		ACTION_REFRESH,	   "r",	  "r" },
	{ KEYS_CTRL('l'), "C-l",	ACTION_REDRAW,	   NULL,  NULL },
	{ KEYS_CTRL('r'), "C-r",	ACTION_RELOAD,	   NULL,  NULL },
	{ 'R',		  "R",		ACTION_REGISTER,   "R",	  "R" },
	{ 'U',		  "U",		ACTION_UNREGISTER, "U",	  "U" },
	{ 'L',		  "L",		ACTION_SIGN_OUT,   NULL,  NULL },
	{ 'S',		  "S",		ACTION_SIGN_IN,	   NULL,  NULL },
	{ ':',		  ":",		ACTION_COMMAND,	   NULL,  NULL },
	{ 'n',		  "n",		ACTION_EVENT_NEW,  NULL,  NULL },
	{ 'e',		  "e",		ACTION_EVENT_EDIT, NULL,  NULL },
	{ 'Z',		  "Z",		ACTION_FREEZE,	   NULL,  NULL },
	{ '+',		  "+",		ACTION_POLL_FASTER, NULL, NULL },
	{ '-',		  "-",		ACTION_POLL_SLOWER, NULL, NULL },
	{ 'x',		  "x",		ACTION_EXPORT,	   NULL,  NULL },
};

/* Moving in a list and opening its row: every list has these. */
#define KEYS_ROWS \
	{ '\r',		  "Enter",	ACTION_OPEN,	   "\xe2\x8f\x8e", "Enter" }, \
	{ FN(KEY_UP),	  "Up",		ACTION_UP,	   NULL, NULL }, \
	{ 'k',		  "k",		ACTION_UP,	   NULL, NULL }, \
	{ FN(KEY_DOWN),	  "Down",	ACTION_DOWN,	   NULL, NULL }, \
	{ 'j',		  "j",		ACTION_DOWN,	   NULL, NULL }, \
	{ FN(KEY_PPAGE),  "PgUp",	ACTION_PAGE_UP,	   NULL, NULL }, \
	{ KEYS_CTRL('b'), "C-b",	ACTION_PAGE_UP,	   NULL, NULL }, \
	{ FN(KEY_NPAGE),  "PgDn",	ACTION_PAGE_DOWN,  NULL, NULL }, \
	{ KEYS_CTRL('f'), "C-f",	ACTION_PAGE_DOWN,  NULL, NULL }, \
	{ FN(KEY_HOME),	  "Home",	ACTION_HOME,	   NULL, NULL }, \
	{ 'g',		  "g",		ACTION_HOME,	   NULL, NULL }, \
	{ FN(KEY_END),	  "End",	ACTION_END,	   NULL, NULL }, \
	{ 'G',		  "G",		ACTION_END,	   NULL, NULL },

static const struct key_binding keys_list_bindings[] = {
	KEYS_ROWS
	{ '/',		  "/",		ACTION_FILTER,	   "/",  "/" },
	{ '>',		  ">",		ACTION_SORT_NEXT,  NULL, NULL },
	{ '<',		  "<",		ACTION_SORT_PREV,  NULL, NULL },
	{ 's',		  "s",		ACTION_SORT_REVERSE, NULL, NULL },
	{ ' ',		  "Space",	ACTION_MARK,	   NULL, NULL },
	{ KEYS_ESC,	  "Esc",	ACTION_CLEAR,	   NULL, NULL },
};

/* Lists that neither filter nor sort (the notification log, a search). */
static const struct key_binding keys_rows_bindings[] = {
	KEYS_ROWS
};

static const struct key_binding keys_view_bindings[] = {
	{ KEYS_ESC,	  "Esc",	ACTION_BACK,	   "Esc", "Esc" },
	{ '-',		  "-",		ACTION_BACK,	   NULL,  NULL },
};

/* Writes are capitals, so a slip of the finger does not change much. */
static const struct key_binding keys_event_bindings[] = {
	{ 'P',		  "P",		ACTION_PUBLISH,	   "P",	  "P" },
	{ 'C',		  "C",		ACTION_CAPACITY,   "C",	  "C" },
	{ 'X',		  "X",		ACTION_CANCEL_EVENT, NULL, NULL },
	{ 'D',		  "D",		ACTION_DELETE,	   NULL,  NULL },
	{ 'w',		  "w",		ACTION_REGISTRATIONS, "w", "w" },
};

static const struct key_binding keys_regs_bindings[] = {
	{ 's',		  "s",		ACTION_REGS_FILTER, "s",  "s" },
};

static const struct key_binding keys_profile_bindings[] = {
	{ 'e',		  "e",		ACTION_PROFILE_EDIT, "e", "e" },
	{ 'p',		  "p",		ACTION_PASSWORD,   "p",	  "p" },
};

/*
 * The check-in station: every other key types into the code field, so
 * these are function keys, and / only while the field is empty.
 */
static const struct key_binding keys_kiosk_bindings[] = {
	{ '/',		  "/",		ACTION_KIOSK_FIND, "/",	  "/" },
	{ FN(KEY_F(2)),	  "F2",		ACTION_KIOSK_FIND, NULL,  NULL },
	{ FN(KEY_F(4)),	  "F4",		ACTION_KIOSK_UNDO, "F4",  "F4" },
	{ FN(KEY_F(9)),	  "F9",		ACTION_SIGN_IN,	   NULL,  NULL },
	{ FN(KEY_F(10)),  "F10",	ACTION_KIOSK_LEAVE, "F10", "F10" },
	{ KEYS_CTRL('l'), "C-l",	ACTION_REDRAW,	   NULL,  NULL },
};

static const struct key_binding keys_help_bindings[] = {
	{ KEYS_ESC,	  "Esc",	ACTION_CLOSE,	   "Esc", "Esc" },
	{ '/',		  "/",		ACTION_FIND,	   "/",	  "/" },
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

#define KEYS_TABLE(title, b) { title, b, sizeof b / sizeof b[0], 0 }
const struct key_table keys_global = KEYS_TABLE("Global", keys_global_bindings);
const struct key_table keys_list = KEYS_TABLE("Lists", keys_list_bindings);
const struct key_table keys_rows = KEYS_TABLE("Rows", keys_rows_bindings);
const struct key_table keys_help = KEYS_TABLE("Help", keys_help_bindings);
const struct key_table keys_view = KEYS_TABLE("Views", keys_view_bindings);
const struct key_table keys_event = KEYS_TABLE("Event", keys_event_bindings);
/* No endpoint lets an admin cancel or promote another's registration. */
const struct key_table keys_regs = KEYS_TABLE("Registrations (no endpoint "
    "cancels or promotes another's)", keys_regs_bindings);
const struct key_table keys_profile = KEYS_TABLE("Profile",
    keys_profile_bindings);
const struct key_table keys_kiosk = KEYS_TABLE("Check-in station",
    keys_kiosk_bindings);

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
			if (b->bar == NULL || (tables[i]->hide_writes &&
			    (actions_get(b->action)->flags & ACTION_WRITES)))
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

enum action
keys_bar_hit(const struct key_table *const *tables, size_t n, int ascii,
    int col)
{
	const struct key_binding	*b;
	size_t				 i, j;
	int				 x = 0, w, first = 1;

	for (i = 0; i < n; i++) {
		if (tables[i] == NULL)
			continue;
		for (j = 0; j < tables[i]->n; j++) {
			b = &tables[i]->bindings[j];
			if (b->bar == NULL || (tables[i]->hide_writes &&
			    (actions_get(b->action)->flags & ACTION_WRITES)))
				continue;
			if (!first)
				x += 2;
			first = 0;
			w = textw_width(ascii ? b->bar_ascii : b->bar) + 1 +
			    textw_width(actions_get(b->action)->bar);
			if (col >= x && col < x + w)
				return (b->action);
			x += w;
		}
	}
	return (ACTION_NONE);
}

/* Editing keys in a text field, as readline and the shells have them. */
static const struct {
	int		 key;
	enum textin_op	 op;
} keys_edit_ops[] = {
	{ FN(KEY_LEFT),		TEXTIN_LEFT },
	{ KEYS_CTRL('b'),	TEXTIN_LEFT },
	{ FN(KEY_RIGHT),	TEXTIN_RIGHT },
	{ KEYS_CTRL('f'),	TEXTIN_RIGHT },
	{ FN(KEY_HOME),		TEXTIN_HOME },
	{ KEYS_CTRL('a'),	TEXTIN_HOME },
	{ FN(KEY_END),		TEXTIN_END },
	{ KEYS_CTRL('e'),	TEXTIN_END },
	{ FN(KEY_BACKSPACE),	TEXTIN_BACKSPACE },
	{ 0x7f,			TEXTIN_BACKSPACE },
	{ KEYS_CTRL('h'),	TEXTIN_BACKSPACE },
	{ FN(KEY_DC),		TEXTIN_DELETE },
	{ KEYS_CTRL('d'),	TEXTIN_DELETE },
	{ KEYS_CTRL('u'),	TEXTIN_KILL_START },
	{ KEYS_CTRL('w'),	TEXTIN_KILL_WORD },
};

int
keys_edit_op(int key)
{
	size_t	i;

	for (i = 0; i < sizeof keys_edit_ops / sizeof keys_edit_ops[0]; i++) {
		if (keys_edit_ops[i].key == key)
			return ((int)keys_edit_ops[i].op);
	}
	return (-1);
}

size_t
keys_text(int key, char *out)
{
	if ((key & KEYS_FN) || key < 0x20 || key == 0x7f ||
	    (key >= 0x80 && key < 0xa0))
		return (0);
	return (utf8_encode((uint32_t)key, out));
}

int
keys_type(struct textin *t, int key)
{
	char	text[5];
	size_t	n;
	int	op, rc;

	if ((op = keys_edit_op(key)) >= 0)
		return (textin_edit(t, (enum textin_op)op) ?
		    KEYS_TYPED_CHANGED : KEYS_TYPED_SAME);
	if ((n = keys_text(key, text)) == 0)
		return (KEYS_TYPED_NOT);
	text[n] = '\0';
	rc = textin_insert(t, text) == 0 ? KEYS_TYPED_CHANGED :
	    KEYS_TYPED_SAME;
	explicit_bzero(text, sizeof text);
	return (rc);
}

/* Key names beyond single characters, as help shows them. */
static const struct {
	const char	*name;
	int		 key;
} keys_names[] = {
	{ "Enter",	'\r' },
	{ "Tab",	'\t' },
	{ "S-Tab",	FN(KEY_BTAB) },
	{ "Esc",	KEYS_ESC },
	{ "Space",	' ' },
	{ "Backspace",	FN(KEY_BACKSPACE) },
	{ "Delete",	FN(KEY_DC) },
	{ "Insert",	FN(KEY_IC) },
	{ "Up",		FN(KEY_UP) },
	{ "Down",	FN(KEY_DOWN) },
	{ "Left",	FN(KEY_LEFT) },
	{ "Right",	FN(KEY_RIGHT) },
	{ "PgUp",	FN(KEY_PPAGE) },
	{ "PgDn",	FN(KEY_NPAGE) },
	{ "Home",	FN(KEY_HOME) },
	{ "End",	FN(KEY_END) },
	{ "Comma",	',' },
};

/* The one code point s (len bytes) encodes, or -1. */
static long
keys_utf8(const char *s, size_t len)
{
	uint32_t	cp;

	if (len == 0 || utf8_decode(s, len, &cp) != len)
		return (-1);
	return ((long)cp);
}

int
keys_parse(const char *name, int *key)
{
	size_t		i, len = strlen(name);
	long		wc;
	char		*end;
	long		n;

	for (i = 0; i < sizeof keys_names / sizeof keys_names[0]; i++) {
		if (strcasecmp(name, keys_names[i].name) == 0) {
			*key = keys_names[i].key;
			return (0);
		}
	}
	if ((name[0] == 'F' || name[0] == 'f') && name[1] >= '1' &&
	    name[1] <= '9') {
		n = strtol(name + 1, &end, 10);
		if (*end != '\0' || n < 1 || n > 12)
			return (-1);
		*key = FN(KEY_F((int)n));
		return (0);
	}
	if (len == 3 && (name[0] == 'C' || name[0] == 'c') && name[1] == '-' &&
	    ((name[2] >= 'a' && name[2] <= 'z') ||
	    (name[2] >= 'A' && name[2] <= 'Z'))) {
		*key = KEYS_CTRL(name[2]);
		return (0);
	}
	/* One printable character, in UTF-8 whatever the locale. */
	if ((wc = keys_utf8(name, len)) < 0x21 || wc == 0x7f ||
	    (wc >= 0x80 && wc < 0xa0))
		return (-1);
	*key = (int)wc;
	return (0);
}

/* The tables, copied so they can be rebound. */
#define KEYMAP_TABLES	9

struct keymap {
	struct key_table	 tables[KEYMAP_TABLES];
	struct key_binding	*bindings[KEYMAP_TABLES];
	char			**names;	/* key names we made, to free */
	size_t			 nnames;
};

static const struct key_table *const keymap_defaults[KEYMAP_TABLES] = {
	&keys_global, &keys_list, &keys_help, &keys_view, &keys_event,
	&keys_regs, &keys_profile, &keys_rows, &keys_kiosk
};

struct keymap *
keymap_new(void)
{
	struct keymap	*km = xcalloc(1, sizeof *km);
	size_t		 i;

	for (i = 0; i < KEYMAP_TABLES; i++) {
		km->tables[i] = *keymap_defaults[i];
		km->bindings[i] = xreallocarray(NULL,
		    keymap_defaults[i]->n + 1, sizeof *km->bindings[i]);
		memcpy(km->bindings[i], keymap_defaults[i]->bindings,
		    keymap_defaults[i]->n * sizeof *km->bindings[i]);
		km->tables[i].bindings = km->bindings[i];
	}
	return (km);
}

void
keymap_free(struct keymap *km)
{
	size_t	i;

	if (km == NULL)
		return;
	for (i = 0; i < KEYMAP_TABLES; i++)
		free(km->bindings[i]);
	for (i = 0; i < km->nnames; i++)
		free(km->names[i]);
	free(km->names);
	free(km);
}

const struct key_table *
keymap_table(const struct keymap *km, const struct key_table *defaults)
{
	size_t	i;

	if (km == NULL || defaults == NULL)
		return (defaults);
	for (i = 0; i < KEYMAP_TABLES; i++) {
		if (keymap_defaults[i] == defaults)
			return (&km->tables[i]);
	}
	return (defaults);
}

void
keymap_set_readonly(struct keymap *km, int readonly)
{
	size_t	i;

	for (i = 0; i < KEYMAP_TABLES; i++)
		km->tables[i].hide_writes = readonly;
}

/* Removes the bindings of table i that match key or action. */
static void
keymap_remove(struct keymap *km, size_t i, int key, enum action a)
{
	struct key_binding	*b = km->bindings[i];
	size_t			 j, k = 0;

	for (j = 0; j < km->tables[i].n; j++) {
		if ((key != 0 && b[j].key == key) ||
		    (a != ACTION_NONE && b[j].action == a))
			continue;
		b[k++] = b[j];
	}
	km->tables[i].n = k;
}

static void
keymap_add(struct keymap *km, size_t i, int key, const char *name,
    enum action a, int bar)
{
	struct key_binding	*b;

	km->names = xreallocarray(km->names, km->nnames + 1,
	    sizeof *km->names);
	km->names[km->nnames] = xstrdup(name);
	km->bindings[i] = xreallocarray(km->bindings[i], km->tables[i].n + 1,
	    sizeof *km->bindings[i]);
	km->tables[i].bindings = km->bindings[i];
	b = &km->bindings[i][km->tables[i].n++];
	b->key = key;
	b->name = km->names[km->nnames++];
	b->action = a;
	b->bar = bar ? b->name : NULL;
	b->bar_ascii = b->bar;
}

/* Binds action a to the n keys, as one [keymap] line asks. */
static void
keymap_bind(struct keymap *km, enum action a, const int *keys,
    char *const *names, size_t n)
{
	size_t	i, j;
	int	had[KEYMAP_TABLES], bar[KEYMAP_TABLES], any = 0;

	for (i = 0; i < KEYMAP_TABLES; i++) {
		had[i] = bar[i] = 0;
		for (j = 0; j < km->tables[i].n; j++) {
			if (km->tables[i].bindings[j].action != a)
				continue;
			had[i] = any = 1;
			if (km->tables[i].bindings[j].bar != NULL)
				bar[i] = 1;
		}
		keymap_remove(km, i, 0, a);
	}
	if (!any)
		had[0] = 1;	/* an action no table had: global */
	for (i = 0; i < KEYMAP_TABLES; i++) {
		if (!had[i])
			continue;
		for (j = 0; j < n; j++) {
			keymap_remove(km, i, keys[j], ACTION_NONE);
			keymap_add(km, i, keys[j], names[j], a, bar[i] && j == 0);
		}
	}
}

/* Splits "F5, C-r" into names; -1 with the bad one in *bad. */
static int
keymap_parse_keys(const char *text, int **keys, char ***names, size_t *n,
    char **bad)
{
	char	*copy = xstrdup(text), *p, *next, *end;

	*keys = NULL;
	*names = NULL;
	*n = 0;
	for (p = copy; p != NULL; p = next) {
		if ((next = strchr(p, ',')) != NULL)
			*next++ = '\0';
		p += strspn(p, " \t");
		end = p + strlen(p);
		while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
			*--end = '\0';
		*keys = xreallocarray(*keys, *n + 1, sizeof **keys);
		*names = xreallocarray(*names, *n + 1, sizeof **names);
		if (keys_parse(p, &(*keys)[*n]) != 0) {
			*bad = xstrdup(p);
			free(copy);
			return (-1);
		}
		(*names)[(*n)++] = xstrdup(p);
	}
	free(copy);
	return (0);
}

static void
keymap_free_names(char **names, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

int
keymap_apply(struct keymap *km, const struct config_binding *lines,
    size_t n, const char *file, char **cause)
{
	struct { int key; size_t line; } *seen = NULL;
	size_t	 i, j, k, nkeys, nseen = 0;
	int	*keys, rc = 0;
	char	**names, *bad = NULL;
	enum action	 a;

	for (i = 0; i < n && rc == 0; i++) {
		a = actions_find(lines[i].action);
		if (a == ACTION_NONE) {
			xasprintf(cause, "%s:%d: unknown action \"%s\" in "
			    "[keymap]: evtop(1) lists the actions, such as "
			    "quit, help, refresh and reload", file,
			    lines[i].line, lines[i].action);
			return (-1);
		}
		if (strcasecmp(lines[i].keys, "none") == 0) {
			keymap_bind(km, a, NULL, NULL, 0);
			continue;
		}
		if (keymap_parse_keys(lines[i].keys, &keys, &names, &nkeys,
		    &bad) != 0) {
			xasprintf(cause, "%s:%d: %s: unknown key \"%s\": "
			    "expected a character or a name such as Enter, "
			    "Esc, Tab, Space, Up, PgDn, F5 or C-r", file,
			    lines[i].line, lines[i].action, bad);
			free(bad);
			free(keys);
			keymap_free_names(names, nkeys);
			rc = -1;
			break;
		}
		/* The same key for two actions is a slip, not a wish. */
		for (j = 0; j < nkeys && rc == 0; j++) {
			for (k = 0; k < nseen; k++) {
				if (seen[k].key != keys[j])
					continue;
				xasprintf(cause, "%s:%d: %s is already bound "
				    "to %s on line %d", file, lines[i].line,
				    names[j], lines[seen[k].line].action,
				    lines[seen[k].line].line);
				rc = -1;
				break;
			}
			seen = xreallocarray(seen, nseen + 1, sizeof *seen);
			seen[nseen].key = keys[j];
			seen[nseen++].line = i;
		}
		if (rc == 0)
			keymap_bind(km, a, keys, names, nkeys);
		free(keys);
		keymap_free_names(names, nkeys);
	}
	free(seen);
	return (rc);
}
