/*
 * The one table of evtop's options.  --help, the man page and (later) the
 * config file reader all read it, so a new feature adds a row here rather
 * than a new parser.
 */
#ifndef EVTOP_OPTIONS_H
#define EVTOP_OPTIONS_H

#include <stddef.h>
#include <stdio.h>

enum option_id {
	OPT_SERVER,
	OPT_USER,
	OPT_DEMO,
	OPT_BATCH,
	OPT_CACERT,
	OPT_INSECURE,
	OPT_ASCII,
	OPT_NO_COLOR,
	OPT_VERBOSE,
	OPT_HELP,
	OPT_VERSION
};

struct option_spec {
	enum option_id	 id;
	const char	*name;		/* long name, without -- */
	int		 short_name;	/* 0 when there is none */
	const char	*arg;		/* argument's name, NULL for a flag */
	const char	*help;		/* one line for --help */
	const char	*config_key;	/* key in a profile, NULL if argv only */
};

const struct option_spec	*options_table(size_t *n);
/* Prints the usage text built from the table. */
void				 options_print_help(FILE *, const char *prog);

#endif
