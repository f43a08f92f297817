/*
 * Running evtop as a script would: in a private HOME (the XDG folders
 * inside it), standard input /dev/null, standard output and error to files
 * read back whole, and the caller's environment entries on top.
 */
#ifndef EVTOP_SUPPORT_RUN_H
#define EVTOP_SUPPORT_RUN_H

struct support_run {
	int	 status;	/* exit code, 128+signal, -1 */
	char	*out;
	char	*err;
};

/*
 * Runs EVTOP_BIN with args (NULL-terminated) in home, where its output
 * files go; env adds NAME=value entries (NULL-terminated, may be NULL)
 * after EVTOP_SERVER, EVTOP_TOKEN, EVTOP_PROFILE and EVTOP_CONFIG are
 * cleared.
 */
void	 support_run(struct support_run *, const char *home,
	    const char *const *args, const char *const *env);
/* The same with input (a C string) as standard input, a file not a tty. */
void	 support_run_input(struct support_run *, const char *home,
	    const char *const *args, const char *const *env,
	    const char *input);
void	 support_run_done(struct support_run *);
/* A file's whole text, "" when it cannot be read; a new string. */
char	*support_slurp(const char *path);

#endif
