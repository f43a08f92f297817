/* Where evtop keeps its files, after the XDG Base Directory spec. */
#ifndef EVTOP_PATHS_H
#define EVTOP_PATHS_H

enum paths_kind {
	PATHS_CONFIG,	/* $XDG_CONFIG_HOME/evtop: config.ini, edited by people */
	PATHS_STATE,	/* $XDG_STATE_HOME/evtop: tokens, logs, queues */
	PATHS_CACHE	/* $XDG_CACHE_HOME/evtop: what can be fetched again */
};

/*
 * The folder of that kind (the variable when it is an absolute path, else
 * the spec's default under HOME), created with mode 0700 when create is
 * set.  Returns a new string, or NULL with *cause set (cause may be NULL).
 */
char	*paths_dir(enum paths_kind, int create, char **cause);
/* $XDG_STATE_HOME/evtop, created if missing; NULL with *cause set. */
char	*paths_state_dir(char **cause);
/* A file in the state directory, or NULL with *cause set. */
char	*paths_state_file(const char *name, char **cause);
/* The config file: EVTOP_CONFIG, else config.ini in PATHS_CONFIG. */
char	*paths_config_file(char **cause);
/* mkdir -p with mode 0700 for every folder it makes. */
int	 paths_mkdirs(const char *path, char **cause);

#endif
