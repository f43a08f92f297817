#include "paths.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "xmalloc.h"

static const struct {
	const char	*variable;
	const char	*fallback;	/* under HOME */
} paths_kinds[] = {
	[PATHS_CONFIG] = { "XDG_CONFIG_HOME", ".config" },
	[PATHS_STATE] = { "XDG_STATE_HOME", ".local/state" },
	[PATHS_CACHE] = { "XDG_CACHE_HOME", ".cache" },
};

int
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
	if (cause != NULL)
		xasprintf(cause, "cannot create %s: %s", copy, strerror(errno));
	free(copy);
	return (-1);
}

char *
paths_dir(enum paths_kind kind, int create, char **cause)
{
	const char	*base, *home;
	char		*dir;

	/* The spec says a relative value is invalid and to be ignored. */
	base = getenv(paths_kinds[kind].variable);
	if (base != NULL && *base == '/')
		xasprintf(&dir, "%s/evtop", base);
	else {
		if ((home = getenv("HOME")) == NULL || *home != '/') {
			if (cause != NULL)
				xasprintf(cause, "HOME is not set: cannot find "
				    "%s", paths_kinds[kind].variable);
			return (NULL);
		}
		xasprintf(&dir, "%s/%s/evtop", home,
		    paths_kinds[kind].fallback);
	}
	if (create && paths_mkdirs(dir, cause) != 0) {
		free(dir);
		return (NULL);
	}
	return (dir);
}

char *
paths_state_dir(char **cause)
{
	return (paths_dir(PATHS_STATE, 1, cause));
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

char *
paths_config_file(char **cause)
{
	const char	*env = getenv("EVTOP_CONFIG");
	char		*dir, *path;

	if (env != NULL && *env != '\0')
		return (xstrdup(env));
	if ((dir = paths_dir(PATHS_CONFIG, 0, cause)) == NULL)
		return (NULL);
	xasprintf(&path, "%s/config.ini", dir);
	free(dir);
	return (path);
}
