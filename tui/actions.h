/*
 * Named actions: what a key can ask for.  The table keeps each action's
 * name, the short label shown in the bottom bar and the help text, so the
 * bar, the help screen and the key tables all come from one place.
 */
#ifndef EVTOP_ACTIONS_H
#define EVTOP_ACTIONS_H

/*
 * X(enum suffix, name, bar label, help, flags).  ACTION_WRITES marks an
 * action that changes something on the server: --readonly hides it from
 * the bar and the help and refuses it with a toast.
 */
#define ACTION_WRITES	0x1

#define ACTIONS_TABLE(X)						\
	X(NONE,		"none",		"",	  "Do nothing", 0)	\
	X(QUIT,		"quit",		"Quit",	  "Quit evtop", 0)	\
	X(HELP,		"help",		"Help",	  "Show or hide this help", 0) \
	X(CLOSE,	"close",	"Close",  "Close the help", 0)	\
	X(FIND,		"find",		"Find",	  "Show only the lines with a word", 0) \
	X(FOCUS_NEXT,	"focus-next",	"Pane",	  "Focus the next pane", 0) \
	X(FOCUS_PREV,	"focus-prev",	"Pane",	  "Focus the previous pane", 0) \
	X(REFRESH,	"refresh",	"Refresh", "Fetch the event list again", 0) \
	X(REDRAW,	"redraw",	"Redraw", "Repaint the whole screen", 0) \
	X(RELOAD,	"reload",	"Reload", "Read the config file again", 0) \
	X(UP,		"up",		"Move",	  "Select the previous row", 0) \
	X(DOWN,		"down",		"Move",	  "Select the next row", 0) \
	X(PAGE_UP,	"page-up",	"Page",	  "Move up one page", 0)	\
	X(PAGE_DOWN,	"page-down",	"Page",	  "Move down one page", 0) \
	X(HOME,		"home",		"First",  "Select the first row", 0) \
	X(END,		"end",		"Last",	  "Select the last row", 0) \
	X(REGISTER,	"register",	"Register", "Register for the selected " \
	    "event", ACTION_WRITES)					\
	X(UNREGISTER,	"unregister",	"Cancel", "Cancel your registration " \
	    "(asks first)", ACTION_WRITES)				\
	X(SIGN_OUT,	"sign-out",	"Sign out", "Sign out and delete the " \
	    "kept sign-in", 0)						\
	X(SIGN_IN,	"sign-in",	"Sign in", "Sign in again when signed " \
	    "out", 0)							\
	X(OPEN,		"open",		"Open",	  "Open the selected row's event", 0) \
	X(BACK,		"back",		"Back",	  "Go back to the view before", 0) \
	X(COMMAND,	"command",	"Cmd",	  "Go to a view by name (Tab " \
	    "completes)", 0)						\
	X(EVENT_NEW,	"event-new",	"New",	  "Create an event in a form", \
	    ACTION_WRITES)						\
	X(EVENT_EDIT,	"event-edit",	"Edit",	  "Edit the selected event in a " \
	    "form", ACTION_WRITES)						\
	X(PUBLISH,	"publish",	"Publish", "Publish, or unpublish to a " \
	    "draft", ACTION_WRITES)					\
	X(CANCEL_EVENT,	"cancel-event",	"Cancel event", "Cancel the event " \
	    "(asks first)", ACTION_WRITES)				\
	X(CAPACITY,	"capacity",	"Capacity", "Change the event's " \
	    "capacity", ACTION_WRITES)					\
	X(DELETE,	"delete",	"Delete", "Delete the event (asks first)", \
	    ACTION_WRITES)						\
	X(REGISTRATIONS, "registrations", "Regs", "Show the event's " \
	    "registrations", 0)						\
	X(REGS_FILTER,	"regs-filter",	"Status", "Show confirmed or " \
	    "waitlisted ones", 0)							\
	X(FILTER,	"filter",	"Filter", "Filter the list as you type " \
	    "(!: not)", 0)		\
	X(SORT_NEXT,	"sort-next",	"Sort",	  "Sort by the next column", 0) \
	X(SORT_PREV,	"sort-prev",	"Sort",	  "Sort by the previous column", \
	    0)								\
	X(SORT_REVERSE,	"sort-reverse",	"Reverse", "Reverse the sort", 0) \
	X(MARK,		"mark",		"Mark",	  "Mark or unmark the row for " \
	    "a bulk action", 0)						\
	X(CLEAR,	"clear",	"Clear",  "Clear the filter, then the " \
	    "marks", 0)							\
	X(FREEZE,	"freeze",	"Freeze", "Freeze the screen, or thaw " \
	    "it", 0)							\
	X(POLL_FASTER,	"poll-faster",	"Faster", "Poll the server more " \
	    "often (when polling)", 0)					\
	X(POLL_SLOWER,	"poll-slower",	"Slower", "Poll the server less " \
	    "often (when polling)", 0)					\
	X(EXPORT,	"export",	"Export", "Export marked (or all) " \
	    "events to .ics", 0)							\
	X(PROFILE_EDIT,	"profile-edit",	"Edit",	  "Edit your name and email", \
	    ACTION_WRITES)						\
	X(PASSWORD,	"password",	"Password", "Change your password", \
	    ACTION_WRITES)						\
	X(KIOSK_FIND,	"kiosk-find",	"Find guest", "Find a guest by name " \
	    "and check them in", 0)					\
	X(KIOSK_UNDO,	"kiosk-undo",	"Undo last", "Undo the last check-in " \
	    "here (asks first)", 0)				\
	X(KIOSK_LEAVE,	"kiosk-leave",	"Leave", "Leave the station (asks " \
	    "for the PIN)", 0)

enum action {
#define ACTIONS_ENUM(e, name, bar, help, flags) ACTION_ ## e,
	ACTIONS_TABLE(ACTIONS_ENUM)
#undef ACTIONS_ENUM
	ACTION__COUNT
};

struct action_entry {
	enum action	 action;
	const char	*name;
	const char	*bar;	/* short label for the bottom bar */
	const char	*help;
	int		 flags;	/* ACTION_WRITES */
};

const struct action_entry	*actions_get(enum action);
/* The action called name, or ACTION_NONE. */
enum action			 actions_find(const char *name);

#endif
