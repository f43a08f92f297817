/*
 * Sign-in tokens on disk, so a user does not type the password again
 * while the token is good: one file per server in
 * $XDG_STATE_HOME/evtop/tokens/ (folder 0700, files 0600), written through
 * a temporary file in the same folder, fsync and rename, so a crash leaves
 * the old token or the new one, never half of one.  And --token-file,
 * which must be as private as a stored token.
 */
#ifndef EVTOP_TOKENS_H
#define EVTOP_TOKENS_H

#include <stddef.h>
#include <time.h>

struct stored_token {
	char	*server;
	char	*user;		/* the email signed in with, or NULL */
	char	*token;		/* secret */
	time_t	 exp;		/* from the token's payload; 0 unknown */
};

void	stored_token_done(struct stored_token *);

/*
 * The file for server (tokens/https_events.example.com_443); the folder
 * is created when create is set.  NULL with *cause set.
 */
char	*tokens_path(const char *server, int create, char **cause);
/*
 * Reads the stored token for server: 1 with *out filled, 0 when there is
 * none (a damaged file is deleted and counts as none), -1 with a sentence
 * when the file is unsafe (readable by others), too big or unreadable.
 */
int	 tokens_load(const char *server, struct stored_token *out,
	     char **cause);
/* Stores it atomically with mode 0600; -1 with a sentence. */
int	 tokens_save(const struct stored_token *, char **cause);
/*
 * Deletes the token kept for server: 1 when there was one, 0 when there
 * was none, -1 with a sentence when it could not be deleted.
 */
int	 tokens_forget(const char *server, char **cause);

/*
 * Reads the token in path (--token-file): refused when the file is
 * readable or writable by group or others, with a sentence that says
 * how to fix it, and when it holds anything but blanks around the token.
 * Returns 0 with a new string, or -1.
 */
int	 tokens_read_file(const char *path, char **token, char **cause);
/* 1 when s looks like a token (the characters of a JWT, not too long). */
int	 tokens_plausible(const char *s);

#endif
