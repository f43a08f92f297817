/* Files written whole or not at all. */
#include "file.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xmalloc.h"

int
file_write_atomic(const char *path, const char *data, size_t len,
    mode_t mode, char **cause)
{
	char	*tmp, *dircopy;
	size_t	 off = 0;
	ssize_t	 n;
	int	 fd, dfd, saved;

	dircopy = xstrdup(path);
	xasprintf(&tmp, "%s/.%s.XXXXXX", dirname(dircopy),
	    strrchr(path, '/') != NULL ? strrchr(path, '/') + 1 : path);
	free(dircopy);
	if ((fd = mkostemp(tmp, O_CLOEXEC)) == -1) {
		xasprintf(cause, "cannot write %s: %s", path, strerror(errno));
		free(tmp);
		return (-1);
	}
	if (fchmod(fd, mode) == -1)
		goto fail;
	while (off < len) {
		n = write(fd, data + off, len - off);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			goto fail;
		off += (size_t)n;
	}
	if (fsync(fd) == -1)
		goto fail;
	if (close(fd) == -1) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) == -1)
		goto fail;
	/* The rename itself must reach the disk too. */
	dircopy = xstrdup(path);
	if ((dfd = open(dirname(dircopy), O_RDONLY|O_DIRECTORY|O_CLOEXEC)) !=
	    -1) {
		fsync(dfd);
		close(dfd);
	}
	free(dircopy);
	free(tmp);
	return (0);
fail:
	saved = errno != 0 ? errno : EIO;
	if (fd != -1)
		close(fd);
	unlink(tmp);
	free(tmp);
	xasprintf(cause, "cannot write %s: %s", path, strerror(saved));
	return (-1);
}
