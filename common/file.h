/* Files written whole or not at all. */
#ifndef EVTOP_FILE_H
#define EVTOP_FILE_H

#include <stddef.h>
#include <sys/types.h>

/*
 * Writes data to path atomically: a temporary file beside it (with mode),
 * fsync, rename, fsync of the folder.  On failure the old file is left
 * as it was, no temporary file remains, and *cause says why.
 */
int	 file_write_atomic(const char *path, const char *data, size_t len,
	    mode_t mode, char **cause);

#endif
