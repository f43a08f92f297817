#include "options.h"

#include <stdlib.h>

#include "xmalloc.h"

static const struct option_spec options_rows[] = {
	{ OPT_SERVER, "server", 's', "URL",
	  "Event API server, e.g. https://events.example.com", "server" },
	{ OPT_USER, "user", 'u', "EMAIL",
	  "sign in as EMAIL (the password is asked for)", "user" },
	{ OPT_DEMO, "demo", 0, NULL,
	  "start the bundled evtop-mock with live simulated activity and "
	  "sign in to it", NULL },
	{ OPT_BATCH, "batch", 'b', NULL,
	  "print a plain-text snapshot and exit (automatic when stdout is "
	  "not a terminal)", NULL },
	{ OPT_CACERT, "cacert", 0, "FILE",
	  "trust the CA certificates in FILE for TLS", "cacert" },
	{ OPT_INSECURE, "insecure", 0, NULL,
	  "do not verify the server's TLS certificate (dangerous)", NULL },
	{ OPT_ASCII, "ascii", 0, NULL,
	  "draw with ASCII characters only", "ascii" },
	{ OPT_NO_COLOR, "no-color", 0, NULL,
	  "do not use colours (also: NO_COLOR in the environment)",
	  "no_color" },
	{ OPT_VERBOSE, "verbose", 'v', NULL,
	  "write a trace of every request to the state directory's "
	  "trace.log", NULL },
	{ OPT_HELP, "help", 'h', NULL, "show this help and exit", NULL },
	{ OPT_VERSION, "version", 'V', NULL,
	  "show the version and build information and exit", NULL },
};

const struct option_spec *
options_table(size_t *n)
{
	*n = sizeof options_rows / sizeof options_rows[0];
	return (options_rows);
}

void
options_print_help(FILE *f, const char *prog)
{
	const struct option_spec	*o;
	size_t				 i, n;
	char				*left;

	options_table(&n);
	fprintf(f, "Usage: %s [OPTION]...\n"
	    "A terminal dashboard for running live events.\n\n", prog);
	for (i = 0; i < n; i++) {
		o = &options_rows[i];
		if (o->short_name != 0)
			xasprintf(&left, "-%c, --%s%s%s", o->short_name,
			    o->name, o->arg != NULL ? " " : "",
			    o->arg != NULL ? o->arg : "");
		else
			xasprintf(&left, "    --%s%s%s", o->name,
			    o->arg != NULL ? " " : "",
			    o->arg != NULL ? o->arg : "");
		fprintf(f, "  %-24s %s\n", left, o->help);
		free(left);
	}
	fprintf(f, "\nEnvironment: EVTOP_SERVER, NO_COLOR, ESCDELAY, "
	    "XDG_STATE_HOME.\n"
	    "Exit status: 0 ok, 1 failure, 2 usage, 3 cannot reach the "
	    "server, 4 not signed in.\n"
	    "Try `%s --demo' to see it work without a server.\n", prog);
}
