/*
 * What the user asked for, from argv and the environment.  Later: the
 * config file and profiles, with precedence flags > env > profile >
 * defaults.
 */
#ifndef EVTOP_CONFIG_H
#define EVTOP_CONFIG_H

/* Documented exit codes. */
enum exit_code {
	EXIT_OK = 0,
	EXIT_FAIL = 1,
	EXIT_USAGE = 2,
	EXIT_UNREACHABLE = 3,
	EXIT_NOT_SIGNED_IN = 4
};

enum config_action {
	CONFIG_RUN,
	CONFIG_HELP,
	CONFIG_VERSION
};

struct config {
	enum config_action	 action;
	char			*server;
	char			*user;
	char			*cacert;
	int			 demo;
	int			 batch;
	int			 insecure;
	int			 ascii;
	int			 no_color;
	int			 verbose;
};

void	config_init(struct config *);
void	config_done(struct config *);
/*
 * Reads argv.  Returns 0, or -1 with a sentence naming the bad option in
 * *cause (the caller prints it with a usage hint and exits EXIT_USAGE).
 */
int	config_parse_argv(struct config *, int argc, char **argv,
	    char **cause);
/* Fills what argv left unset from the environment. */
void	config_apply_env(struct config *);
/* Tidies the server URL: no trailing slash, no pasted "/api" suffix. */
void	config_tidy_server(struct config *);
/* Checks the combination makes sense; -1 with a sentence if not. */
int	config_check(const struct config *, char **cause);

#endif
