/* Where evtop keeps its files, after the XDG Base Directory spec. */
#ifndef EVTOP_PATHS_H
#define EVTOP_PATHS_H

/*
 * $XDG_STATE_HOME/evtop (default ~/.local/state/evtop), created with mode
 * 0700 if missing.  Returns a new string, or NULL with *cause set.
 */
char	*paths_state_dir(char **cause);
/* A file in the state directory, or NULL with *cause set. */
char	*paths_state_file(const char *name, char **cause);

#endif
