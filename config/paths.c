#include "paths.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "xmalloc.h"

/* mkdir -p with mode 0700 for every folder it makes. */
static int
paths_mkdirs(const char *path, char **cause)
{
	char	*copy, *p;

	copy = xstrdup(path);
	for (p = copy + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(copy, 0700) == -1 && errno != EEXIST)
			goto fail;
		*p = '/';
	}
	if (mkdir(copy, 0700) == -1 && errno != EEXIST)
		goto fail;
	free(copy);
	return (0);
fail:
	xasprintf(cause, "cannot create %s: %s", copy, strerror(errno));
	free(copy);
	return (-1);
}

char *
paths_state_dir(char **cause)
{
	const char	*base = getenv("XDG_STATE_HOME"), *home;
	char		*dir;

	if (base != NULL && *base == '/')
		xasprintf(&dir, "%s/evtop", base);
	else {
		if ((home = getenv("HOME")) == NULL || *home != '/') {
			xasprintf(cause, "HOME is not set: cannot find the "
			    "state directory");
			return (NULL);
		}
		xasprintf(&dir, "%s/.local/state/evtop", home);
	}
	if (paths_mkdirs(dir, cause) != 0) {
		free(dir);
		return (NULL);
	}
	return (dir);
}

char *
paths_state_file(const char *name, char **cause)
{
	char	*dir, *path;

	if ((dir = paths_state_dir(cause)) == NULL)
		return (NULL);
	xasprintf(&path, "%s/%s", dir, name);
	free(dir);
	return (path);
}
