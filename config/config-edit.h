/*
 * Setting one key of the config file, which people write: that one line
 * changes or is added, and every other byte of the file stays as it was
 * (comments, blank lines, order, quotes, line endings).
 */
#ifndef EVTOP_CONFIG_EDIT_H
#define EVTOP_CONFIG_EDIT_H

#include <stddef.h>

/*
 * The len bytes of text with key = value set in [profile NAME] (profile
 * names it) or, when profile is NULL, in [defaults] or the keys before
 * any section.  A line of that key there is replaced; else the line goes
 * after the section's last key (or its [...] line); else the section is
 * added at the end.  Returns a new string of *outlen bytes.
 */
char	*config_edit_text(const char *text, size_t len, const char *profile,
	    const char *key, const char *value, size_t *outlen);
/*
 * The same on the file at path, written whole or not at all: a new file
 * (and its folders, mode 0700) with mode 0600, an old one keeping its
 * mode; a symbolic link stays one, and its target changes.  Returns 0,
 * or -1 with a sentence in *cause.
 */
int	 config_edit_file(const char *path, const char *profile,
	    const char *key, const char *value, char **cause);

#endif
