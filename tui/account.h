/*
 * Signing in for one run of evtop, and what becomes of its token.  A
 * token comes from, strongest first: --token-file, EVTOP_TOKEN, the
 * sign-in kept from an earlier run (when it is for this user and has not
 * run out), else the password, asked on the terminal once the server is
 * known to answer (never in batch mode).  A new sign-in is kept for the
 * next run; the demo signs in by itself and keeps nothing.
 *
 * This is the one place a kept sign-in is deleted: when it has run out,
 * when the server refuses it, and when the user signs out (the L key or
 * `evtop logout`).  A token the user gave is theirs and never touched.
 */
#ifndef EVTOP_ACCOUNT_H
#define EVTOP_ACCOUNT_H

#include <uv.h>

#include "api.h"
#include "config.h"

struct account;

/* cfg and api are borrowed; they outlive the account. */
struct account	*account_new(uv_loop_t *, struct api *, const struct config *);
void		 account_free(struct account *);
/*
 * Signs in by the rules above, running the loop until the server has
 * answered.  Returns an enum api_status, with a sentence in *cause unless
 * API_OK.  Batch mode with no token at all is API_OK without a session:
 * it shows what the server shows everyone.
 */
int		 account_sign_in(struct account *, char **cause);
/*
 * The server refused this run's token after the sign-in (a batch
 * snapshot, or the dashboard that ended signed out): a kept sign-in is
 * deleted, and a batch run that had no token is told how to get one.
 */
void		 account_refused(struct account *);
/*
 * The user signed in again in the dashboard's sign-in box, as
 * app_options.signed_in with the account as arg: the new sign-in is kept
 * (0600, replacing the one kept before) as a sign-in at start is; a token
 * the user gave in a file or EVTOP_TOKEN is left as it was.  Returns 0,
 * or -1 with why it could not be kept in *sentence.
 */
int		 account_signed_in(void *arg, char **sentence);
/*
 * The sign-out key, as app_options.sign_out with the account as arg: the kept
 * sign-in for the server goes; the demo has none and stays.
 */
int		 account_sign_out(void *arg, char **sentence);
/*
 * `evtop logout': deletes the kept sign-in for the server without asking
 * the server anything (it may be gone, and a JWT cannot be revoked
 * anyway).  Returns the exit code.
 */
int		 account_logout(const struct config *);

#endif
