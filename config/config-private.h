/*
 * Shared by config.c (argv, environment, checks), config-file.c,
 * config-edit.c and tokens.c.
 */
#ifndef EVTOP_CONFIG_PRIVATE_H
#define EVTOP_CONFIG_PRIVATE_H

#include "config.h"
#include "options.h"

/*
 * Converts value for option o and stores it unless a stronger source
 * already set it.  Returns 0, or -1 with the end of a sentence in *why
 * ("wants true or false, not \"maybe\"") that the caller prefixes with
 * "option --NAME" or "FILE:LINE: KEY".
 */
int	config_set_value(struct config *, const struct option_spec *o,
	    const char *value, enum config_source, int line, char **why);
/* 1 when s has a byte below 0x20 or DEL. */
int	config_has_control(const char *s);
/*
 * Reads a config file whole (a file, at most 1 MB) into *data, NUL-ended,
 * of *len bytes; -1 with a sentence in *cause.
 */
int	config_read_all(const char *path, char **data, size_t *len,
	    char **cause);

#endif
