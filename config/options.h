/*
 * The one table of evtop's options.  --help, the man page (a test keeps
 * docs/evtop.1 in step with it) and the config file reader all read it, so
 * a new feature adds a row here rather than a new parser: a row with a
 * config key is both a flag and a key in a [profile] or [defaults] section.
 */
#ifndef EVTOP_OPTIONS_H
#define EVTOP_OPTIONS_H

#include <stddef.h>
#include <stdio.h>

enum option_id {
	OPT_SERVER,
	OPT_USER,
	OPT_LABEL,
	OPT_PROFILE,
	OPT_CONFIG,
	OPT_DEMO,
	OPT_BATCH,
	OPT_ITERATIONS,
	OPT_DELAY,
	OPT_JSON,
	OPT_READONLY,
	OPT_POLL_INTERVAL,
	OPT_ASCII,
	OPT_MOUSE,
	OPT_NO_COLOR,
	OPT_THEME,
	OPT_CACERT,
	OPT_INSECURE,
	OPT_TOKEN_FILE,
	OPT_KIOSK,
	OPT_KIOSK_PIN,
	OPT_KIOSK_TERMINATOR,
	OPT_KIOSK_SCAN_TIMEOUT,
	OPT_KIOSK_BELL,
	OPT_KIOSK_BANNER,
	OPT_VERBOSE,
	OPT_HELP,
	OPT_VERSION,
	OPT__COUNT
};

/* What an option's argument (or config value) must be. */
enum option_type {
	OPTION_FLAG,		/* no argument; true or false in a config file */
	OPTION_STRING,		/* any text without control characters */
	OPTION_URL,		/* http:// or https:// */
	OPTION_EMAIL,		/* an email address: NAME@DOMAIN */
	OPTION_COUNT,		/* a whole number >= 0 */
	OPTION_ID,		/* a whole number > 0: an event's id */
	OPTION_SECONDS,		/* decimal seconds within the option's limits */
	OPTION_CHOICE,		/* one of the row's choices */
	OPTION_HASH		/* a whole crypt(3) hash libxcrypt knows */
};

struct option_spec {
	enum option_id	 id;
	const char	*name;		/* long name, without --; NULL for a
					   key of the config file only */
	int		 short_name;	/* 0 when there is none */
	const char	*arg;		/* argument's name, NULL for a flag */
	enum option_type type;
	const char	*help;		/* one line for --help */
	const char	*config_key;	/* key in a profile, NULL if argv only */
};

const struct option_spec	*options_table(size_t *n);
/* The row of an option, or of a config key (NULL when there is none). */
const struct option_spec	*options_get(enum option_id);
const struct option_spec	*options_find_key(const char *key);
/* An OPTION_CHOICE row's values, NULL-terminated (NULL for other rows). */
const char *const		*options_choices(const struct option_spec *);
/* "a, b or c": an OPTION_CHOICE row's values for a sentence; a new string. */
char				*options_choice_list(const struct option_spec *);
/*
 * Whether the row is an option of the command line: a row without a long
 * name is a config key only (a secret, say, that must not be typed where
 * ps and the shell's history show it).
 */
int				 options_on_argv(const struct option_spec *);
/* Prints the usage text built from the table. */
void				 options_print_help(FILE *, const char *prog);

/* Limits the command line and the config file share. */
#define OPTIONS_DELAY_MAX		86400.0	/* -d: a day */
#define OPTIONS_POLL_MIN		1.0	/* poll_interval, seconds */
#define OPTIONS_POLL_MAX		3600.0
#define OPTIONS_ITERATIONS_MAX		1000000000L
#define OPTIONS_SCAN_TIMEOUT_MAX	2.0	/* kiosk_scan_timeout, seconds */
#define OPTIONS_BANNER_MIN		1.0	/* kiosk_banner, seconds */
#define OPTIONS_BANNER_MAX		60.0

#endif
