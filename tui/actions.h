/*
 * Named actions: what a key can ask for.  The table keeps each action's
 * name, the short label shown in the bottom bar and the help text, so the
 * bar, the help screen and the key tables all come from one place.
 */
#ifndef EVTOP_ACTIONS_H
#define EVTOP_ACTIONS_H

/* X(enum suffix, name, bar label, help) */
#define ACTIONS_TABLE(X)						\
	X(NONE,		"none",		"",	  "Do nothing")		\
	X(QUIT,		"quit",		"Quit",	  "Quit evtop")		\
	X(HELP,		"help",		"Help",	  "Show or hide this help") \
	X(CLOSE,	"close",	"Close",  "Close the help")	\
	X(FOCUS_NEXT,	"focus-next",	"Pane",	  "Focus the next pane") \
	X(FOCUS_PREV,	"focus-prev",	"Pane",	  "Focus the previous pane") \
	X(REFRESH,	"refresh",	"Refresh", "Fetch the event list again") \
	X(REDRAW,	"redraw",	"Redraw", "Repaint the whole screen") \
	X(UP,		"up",		"Move",	  "Select the previous row") \
	X(DOWN,		"down",		"Move",	  "Select the next row") \
	X(PAGE_UP,	"page-up",	"Page",	  "Move up one page")	\
	X(PAGE_DOWN,	"page-down",	"Page",	  "Move down one page")	\
	X(HOME,		"home",		"First",  "Select the first row") \
	X(END,		"end",		"Last",	  "Select the last row")

enum action {
#define ACTIONS_ENUM(e, name, bar, help) ACTION_ ## e,
	ACTIONS_TABLE(ACTIONS_ENUM)
#undef ACTIONS_ENUM
	ACTION__COUNT
};

struct action_entry {
	enum action	 action;
	const char	*name;
	const char	*bar;	/* short label for the bottom bar */
	const char	*help;
};

const struct action_entry	*actions_get(enum action);
/* The action called name, or ACTION_NONE. */
enum action			 actions_find(const char *name);

#endif
