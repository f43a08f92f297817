/*
 * Key tables: each binding maps a key to a named action.  The focused
 * pane's table is searched first, then the global one (tig and tmux key
 * tables).  The help screen and the bottom bar are generated from these.
 */
#ifndef EVTOP_KEYS_H
#define EVTOP_KEYS_H

#include <stddef.h>

#include "actions.h"
#include "config.h"

/* Curses function keys (KEY_UP...) are KEYS_FN | code; characters are themselves. */
#define KEYS_FN		0x40000000
#define KEYS_CTRL(c)	((c) & 0x1f)
#define KEYS_ESC	0x1b

struct key_binding {
	int		 key;
	const char	*name;		/* how help shows the key */
	enum action	 action;
	const char	*bar;		/* key label in the bottom bar, or NULL */
	const char	*bar_ascii;	/* the same without Unicode arrows */
};

struct key_table {
	const char			*title;	/* section title in the help */
	const struct key_binding	*bindings;
	size_t				 n;
	int				 hide_writes;	/* --readonly */
};

extern const struct key_table	keys_global;	/* everywhere */
extern const struct key_table	keys_list;	/* panes showing a list */
extern const struct key_table	keys_rows;	/* lists that do not sort */
extern const struct key_table	keys_help;	/* while the help is open */
extern const struct key_table	keys_view;	/* a view over the dashboard */
extern const struct key_table	keys_event;	/* the event view */
extern const struct key_table	keys_regs;	/* the registrations view */
extern const struct key_table	keys_profile;	/* the profile view */
extern const struct key_table	keys_kiosk;	/* the check-in station */

/* A key code from get_wch's return value and character. */
int		 keys_code(int rc, unsigned int wch);
/* The action bound to key in table (NULL: none), or ACTION_NONE. */
enum action	 keys_lookup(const struct key_table *, int key);
/* The pane's table first, then the global one. */
enum action	 keys_resolve(const struct key_table *pane, int key);
/*
 * Writes the bottom bar ("q Quit  ? Help ...") for these tables into buf:
 * bindings with a bar label, in table order.
 */
void		 keys_bar(char *buf, size_t len,
		     const struct key_table *const *tables, size_t n,
		     int ascii);

/*
 * In a text field: the enum textin_op an editing key asks for (Left,
 * Backspace, C-u, C-w...), or -1 when it is not one.
 */
int		 keys_edit_op(int key);
/*
 * The character a key types, as UTF-8 in out (room for 4 bytes, no NUL):
 * its length, or 0 for a function or control key.
 */
size_t		 keys_text(int key, char *out);
/*
 * A key into a text field: an editing key edits it, a character is typed
 * into it.  KEYS_TYPED_NOT for any other key, KEYS_TYPED_SAME when the
 * field stayed as it was (nothing to delete, no room),
 * KEYS_TYPED_CHANGED otherwise.  The character's copy is wiped (a
 * password's).
 */
#define KEYS_TYPED_NOT		0
#define KEYS_TYPED_SAME		1
#define KEYS_TYPED_CHANGED	2
struct textin;
int		 keys_type(struct textin *, int key);

/*
 * The action of the bar entry at column col of keys_bar's text (a click
 * on the bar), or ACTION_NONE between entries.
 */
enum action	 keys_bar_hit(const struct key_table *const *tables, size_t n,
		     int ascii, int col);

/*
 * The key tables in force: the defaults above, rebound by the config
 * file's [keymap].  A NULL keymap means the defaults.
 */
struct keymap;

struct keymap	*keymap_new(void);
void		 keymap_free(struct keymap *);
/*
 * Applies [keymap] lines (action = key[, key...] or none).  An action's
 * keys replace its default ones in every table that had it (the global
 * table when none did); a key taken from another action leaves it.
 * Returns 0, or -1 with "FILE:LINE: ..." in *cause.
 */
int		 keymap_apply(struct keymap *, const struct config_binding *,
		     size_t n, const char *file, char **cause);
/* --readonly: bar and help leave out actions that write. */
void		 keymap_set_readonly(struct keymap *, int);
/* The table in force for a default one (&keys_global...). */
const struct key_table *keymap_table(const struct keymap *,
		     const struct key_table *defaults);
/*
 * A key by the name help shows (q, ?, C-r, Enter, Esc, Tab, S-Tab, Space,
 * Up, PgDn, Home, F5...): 0 with the code in *key, or -1.
 */
int		 keys_parse(const char *name, int *key);

#endif
