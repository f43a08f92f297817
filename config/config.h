/*
 * What the user asked for, from argv, the environment and the config file,
 * with precedence flags > environment > profile > [defaults] > built-in
 * defaults.  Each value remembers where it came from (evtop info says so,
 * and --demo ignores a server that only a profile or EVTOP_SERVER named).
 */
#ifndef EVTOP_CONFIG_H
#define EVTOP_CONFIG_H

#include <stddef.h>
#include <stdint.h>

#include "options.h"

/* Documented exit codes. */
enum exit_code {
	EXIT_OK = 0,
	EXIT_FAIL = 1,
	EXIT_USAGE = 2,		/* bad option, combination or config file */
	EXIT_UNREACHABLE = 3,
	EXIT_NOT_SIGNED_IN = 4
};

enum config_action {
	CONFIG_RUN,
	CONFIG_HELP,
	CONFIG_VERSION,
	CONFIG_INFO,		/* the `evtop info' subcommand */
	CONFIG_LOGOUT,		/* `evtop logout': forget the kept sign-in */
	CONFIG_KIOSK_PIN	/* `evtop kiosk-pin': keep the PIN's hash */
};

/* Where a value came from, weakest first. */
enum config_source {
	CONFIG_SRC_BUILTIN,
	CONFIG_SRC_DEFAULTS,	/* the file's [defaults] or top-level keys */
	CONFIG_SRC_PROFILE,	/* the file's [profile NAME] */
	CONFIG_SRC_ENV,
	CONFIG_SRC_FLAG
};

#define CONFIG_DELAY_DEFAULT	3.0
#define CONFIG_POLL_DEFAULT	10.0
#define CONFIG_KIOSK_BANNER_DEFAULT	3.0
/* With kiosk_terminator none, silence is all that ends a scan. */
#define CONFIG_KIOSK_SCAN_DEFAULT	0.3

/* One line of the [keymap] section, checked later against the key tables. */
struct config_binding {
	char	*action;
	char	*keys;		/* "C-r, F5" or "none" */
	int	 line;
};

/* One line of the [theme] section, checked later by tui/theme.c. */
struct config_look {
	char	*style;		/* "header" */
	char	*look;		/* "white on blue bold" */
	int	 line;
};

struct config {
	enum config_action	 action;
	char			*server;
	char			*user;
	char			*label;		/* shown in place of server */
	char			*profile;
	char			*config_file;	/* --config */
	char			*cacert;
	char			*token_file;
	char			*theme;		/* NULL: the default theme */
	int			 demo;
	int			 batch;
	int			 json;
	int			 readonly;
	int			 ascii;
	int			 mouse;		/* --mouse: clicks act */
	int			 no_color;
	int			 insecure;
	int			 verbose;
	long			 iterations;	/* 0: until stopped */
	double			 delay;		/* seconds between snapshots */
	double			 poll_interval;	/* seconds */

	/* The check-in station (--kiosk); the station reads these. */
	int64_t			 kiosk_event;	/* 0: not a kiosk */
	char			*kiosk_pin;	/* the PIN's hash; file only */
	char			*kiosk_terminator; /* "enter", "tab", "none" */
	double			 kiosk_scan_timeout; /* seconds; 0: off */
	int			 kiosk_bell;	/* beep on each result */
	double			 kiosk_banner;	/* seconds a result shows */

	enum config_source	 from[OPT__COUNT];
	int			 line[OPT__COUNT];	/* in the file, or 0 */

	char			*file;		/* the config file looked at */
	int			 file_exists;
	char			*token;		/* EVTOP_TOKEN: secret */
	struct config_binding	*keymap;
	size_t			 nkeymap;
	struct config_look	*looks;		/* [theme] */
	size_t			 nlooks;
};

void	config_init(struct config *);
void	config_done(struct config *);
/*
 * Reads argv.  Returns 0, or -1 with a sentence naming the bad option in
 * *cause (the caller prints it with a usage hint and exits EXIT_USAGE).
 */
int	config_parse_argv(struct config *, int argc, char **argv,
	    char **cause);
/* Fills what argv left unset from the environment. */
void	config_apply_env(struct config *);
/*
 * Reads the config file (--config, EVTOP_CONFIG or the XDG one; a missing
 * default file is no error) and applies [defaults] and the chosen profile
 * under what argv and the environment set.  Returns 0, or -1 with
 * "FILE:LINE: what was expected" in *cause.  For evtop kiosk-pin, which
 * writes them, a missing file or profile is no error, nor is a kiosk_pin
 * that is no hash.
 */
int	config_load_file(struct config *, char **cause);
/*
 * The same on a file's text already in memory (len bytes, no NUL needed):
 * name is the file told in messages.  The fuzz target reads this way.
 */
int	config_load_text(struct config *, const char *name, const char *data,
	    size_t len, char **cause);
/*
 * config_apply_env, config_load_file and config_tidy_server in order;
 * then EVTOP_TOKEN sets aside a token_file that only the file named.
 */
int	config_resolve(struct config *, char **cause);
/* Tidies the server URL: no trailing slash, no pasted "/api" suffix. */
void	config_tidy_server(struct config *);
/*
 * Whether s looks like an email address (NAME@DOMAIN, no blanks): what -u,
 * a profile's user and the sign-in's Email prompt take.
 */
int	config_is_email(const char *s);
/*
 * Whether s may name a profile: 1 to 40 letters, digits, '.', '_' and
 * '-', as [profile NAME] takes.
 */
int	config_is_profile_name(const char *s);
/* Checks the combination makes sense; -1 with a sentence if not. */
int	config_check(const struct config *, char **cause);
/* "option", "environment", "profile NAME", "[defaults]" or "default". */
const char *config_source_name(const struct config *, enum option_id);

#endif
