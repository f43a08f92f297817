#include "options.h"

#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

/* --help's first column: "    --poll-interval SECONDS" fits. */
#define OPTIONS_HELP_COLUMN	27

/* The built-in themes: tui/theme.c holds their tables (a test checks both). */
static const char *const options_themes[] = {
	"default", "light", "high-contrast", "mono", NULL
};

/* What a barcode scanner sends after a code. */
static const char *const options_terminators[] = {
	"enter", "tab", "none", NULL
};

static const struct option_spec options_rows[] = {
	{ OPT_SERVER, "server", 's', "URL", OPTION_URL,
	  "Event API server, e.g. https://events.example.com", "server" },
	{ OPT_USER, "user", 'u', "EMAIL", OPTION_EMAIL,
	  "sign in as EMAIL (the password is asked for)", "user" },
	{ OPT_LABEL, "label", 0, "TEXT", OPTION_STRING,
	  "name the server TEXT in the header instead of its address",
	  "label" },
	{ OPT_PROFILE, "profile", 'p', "NAME", OPTION_STRING,
	  "use the config file's [profile NAME] section", "profile" },
	{ OPT_CONFIG, "config", 'c', "FILE", OPTION_STRING,
	  "read FILE instead of $XDG_CONFIG_HOME/evtop/config.ini", NULL },
	{ OPT_DEMO, "demo", 0, NULL, OPTION_FLAG,
	  "start the bundled evtop-mock with live simulated activity and "
	  "sign in to it", NULL },
	{ OPT_BATCH, "batch", 'b', NULL, OPTION_FLAG,
	  "print a plain-text snapshot and exit (automatic when stdout is "
	  "not a terminal)", NULL },
	{ OPT_ITERATIONS, "iterations", 'n', "N", OPTION_COUNT,
	  "batch mode: print N snapshots (0: until stopped; default 1)",
	  NULL },
	{ OPT_DELAY, "delay", 'd', "SECONDS", OPTION_SECONDS,
	  "batch mode: wait SECONDS (decimal) between snapshots; default 3",
	  NULL },
	{ OPT_JSON, "json", 0, NULL, OPTION_FLAG,
	  "batch mode and info: one JSON document per snapshot, one a line",
	  NULL },
	{ OPT_READONLY, "readonly", 0, NULL, OPTION_FLAG,
	  "hide and refuse every action that would change the server",
	  "readonly" },
	{ OPT_POLL_INTERVAL, "poll-interval", 0, "SECONDS", OPTION_SECONDS,
	  "refresh this often when the server has no live link; default 10",
	  "poll_interval" },
	{ OPT_ASCII, "ascii", 0, NULL, OPTION_FLAG,
	  "draw with ASCII characters only", "ascii" },
	{ OPT_MOUSE, "mouse", 0, NULL, OPTION_FLAG,
	  "click rows, panes and the key bar (off: the terminal selects "
	  "text)", "mouse" },
	{ OPT_NO_COLOR, "no-color", 0, NULL, OPTION_FLAG,
	  "do not use colours (also: NO_COLOR in the environment)",
	  "no_color" },
	{ OPT_THEME, "theme", 0, "NAME", OPTION_CHOICE,
	  "colour theme:", "theme" },
	{ OPT_CACERT, "cacert", 0, "FILE", OPTION_STRING,
	  "trust the CA certificates in FILE for TLS", "cacert" },
	{ OPT_INSECURE, "insecure", 0, NULL, OPTION_FLAG,
	  "do not verify the server's TLS certificate (dangerous)", NULL },
	{ OPT_TOKEN_FILE, "token-file", 0, "FILE", OPTION_STRING,
	  "read the sign-in token from FILE (mode 0600 or stricter)",
	  "token_file" },
	{ OPT_KIOSK, "kiosk", 0, "EVENT_ID", OPTION_ID,
	  "be a locked check-in station for event EVENT_ID (set a PIN "
	  "first: evtop kiosk-pin)", "kiosk_event" },
	{ OPT_KIOSK_PIN, NULL, 0, "HASH", OPTION_HASH,
	  "the hash of the PIN that leaves the kiosk: set it with `evtop "
	  "kiosk-pin'", "kiosk_pin" },
	{ OPT_KIOSK_TERMINATOR, "kiosk-terminator", 0, "KEY", OPTION_CHOICE,
	  "kiosk: what the scanner sends after a code (default enter):",
	  "kiosk_terminator" },
	{ OPT_KIOSK_SCAN_TIMEOUT, "kiosk-scan-timeout", 0, "SECONDS",
	  OPTION_SECONDS, "kiosk: keys and then this much silence are a "
	  "scan; default 0 (off), 0.3 with terminator none",
	  "kiosk_scan_timeout" },
	{ OPT_KIOSK_BELL, "kiosk-bell", 0, NULL, OPTION_FLAG,
	  "kiosk: beep on each result", "kiosk_bell" },
	{ OPT_KIOSK_BANNER, "kiosk-banner", 0, "SECONDS", OPTION_SECONDS,
	  "kiosk: show each result this long, 1 to 60; default 3",
	  "kiosk_banner" },
	{ OPT_VERBOSE, "verbose", 'v', NULL, OPTION_FLAG,
	  "write a trace of every request to the state directory's "
	  "trace.log", NULL },
	{ OPT_HELP, "help", 'h', NULL, OPTION_FLAG,
	  "show this help and exit", NULL },
	{ OPT_VERSION, "version", 'V', NULL, OPTION_FLAG,
	  "show the version and build information and exit", NULL },
};

const struct option_spec *
options_table(size_t *n)
{
	*n = sizeof options_rows / sizeof options_rows[0];
	return (options_rows);
}

const struct option_spec *
options_get(enum option_id id)
{
	size_t	i;

	for (i = 0; i < sizeof options_rows / sizeof options_rows[0]; i++) {
		if (options_rows[i].id == id)
			return (&options_rows[i]);
	}
	return (NULL);
}

const struct option_spec *
options_find_key(const char *key)
{
	size_t	i;

	for (i = 0; i < sizeof options_rows / sizeof options_rows[0]; i++) {
		if (options_rows[i].config_key != NULL &&
		    strcmp(options_rows[i].config_key, key) == 0)
			return (&options_rows[i]);
	}
	return (NULL);
}

/* The values of each OPTION_CHOICE row. */
static const struct {
	enum option_id		 id;
	const char *const	*values;
} options_choice_rows[] = {
	{ OPT_THEME, options_themes },
	{ OPT_KIOSK_TERMINATOR, options_terminators },
};

const char *const *
options_choices(const struct option_spec *o)
{
	size_t	i;

	for (i = 0; i < sizeof options_choice_rows /
	    sizeof options_choice_rows[0]; i++) {
		if (options_choice_rows[i].id == o->id)
			return (options_choice_rows[i].values);
	}
	return (NULL);
}

char *
options_choice_list(const struct option_spec *o)
{
	const char *const	*c = options_choices(o);
	char			*out = xstrdup(""), *next;
	size_t			 i;

	for (i = 0; c != NULL && c[i] != NULL; i++) {
		xasprintf(&next, "%s%s%s", out, i == 0 ? "" :
		    c[i + 1] == NULL ? " or " : ", ", c[i]);
		free(out);
		out = next;
	}
	return (out);
}

int
options_on_argv(const struct option_spec *o)
{
	return (o->name != NULL);
}

/* The keys of the config file that are no option, after the options. */
static void
options_print_file_only(FILE *f)
{
	const struct option_spec	*o;
	size_t				 i, n, seen = 0;
	char				*left;

	options_table(&n);
	for (i = 0; i < n; i++) {
		o = &options_rows[i];
		if (options_on_argv(o))
			continue;
		if (seen++ == 0)
			fprintf(f, "\nKeys of the config file only (in "
			    "[defaults] or a [profile]):\n");
		xasprintf(&left, "%s = %s", o->config_key, o->arg);
		fprintf(f, "  %-*s %s\n", OPTIONS_HELP_COLUMN, left, o->help);
		free(left);
	}
}

void
options_print_help(FILE *f, const char *prog)
{
	const struct option_spec	*o;
	size_t				 i, n;
	char				*left, *list;

	options_table(&n);
	fprintf(f, "Usage: %s [OPTION]...\n"
	    "       %s info [OPTION]...\n"
	    "       %s logout [OPTION]...\n"
	    "       %s kiosk-pin [-p PROFILE] [-c FILE]\n"
	    "A terminal dashboard for running live events.\n\n", prog, prog,
	    prog, prog);
	for (i = 0; i < n; i++) {
		o = &options_rows[i];
		if (!options_on_argv(o))
			continue;
		if (o->short_name != 0)
			xasprintf(&left, "-%c, --%s%s%s", o->short_name,
			    o->name, o->arg != NULL ? " " : "",
			    o->arg != NULL ? o->arg : "");
		else
			xasprintf(&left, "    --%s%s%s", o->name,
			    o->arg != NULL ? " " : "",
			    o->arg != NULL ? o->arg : "");
		/* An option too long for the column has its text below. */
		if (strlen(left) > OPTIONS_HELP_COLUMN)
			fprintf(f, "  %s\n  %-*s", left, OPTIONS_HELP_COLUMN,
			    "");
		else
			fprintf(f, "  %-*s", OPTIONS_HELP_COLUMN, left);
		if (o->type == OPTION_CHOICE) {
			list = options_choice_list(o);
			fprintf(f, " %s %s\n", o->help, list);
			free(list);
		} else
			fprintf(f, " %s\n", o->help);
		free(left);
	}
	options_print_file_only(f);
	fprintf(f, "\n`%s info' prints the version, the files evtop uses, the "
	    "active profile and\nwhat the server says about itself.\n"
	    "`%s logout' deletes the kept sign-in for the server (-s or a "
	    "profile) and\nsends it nothing.\n"
	    "`%s kiosk-pin' asks for the PIN that leaves the kiosk (or reads a "
	    "line of\nstandard input) and keeps its hash as kiosk_pin in the "
	    "profile's section.\n\n"
	    "Environment: EVTOP_SERVER, EVTOP_PROFILE, EVTOP_CONFIG, "
	    "EVTOP_TOKEN, NO_COLOR,\nESCDELAY, XDG_CONFIG_HOME, "
	    "XDG_STATE_HOME, XDG_CACHE_HOME.\n"
	    "Precedence: options > environment > profile > [defaults].\n"
	    "Exit status: 0 ok, 1 failure, 2 usage or config error, 3 cannot "
	    "reach the\nserver, 4 not signed in.\n"
	    "Try `%s --demo' to see it work without a server.\n", prog, prog,
	    prog, prog);
}
