/*
 * Signing in before the screen is taken over, and the kept sign-in: read,
 * tried, kept, and deleted in one place (account_delete_kept).
 */
#include "account.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "batch.h"
#include "clock.h"
#include "demo.h"
#include "log.h"
#include "options.h"
#include "signin.h"
#include "tokens.h"
#include "xmalloc.h"

#define ACCOUNT_TRIES	3	/* passwords, as ssh and sudo allow */

/* Where this run's token came from: decides what a refusal means. */
enum account_source {
	ACCOUNT_NONE,		/* not signed in (batch: public data) */
	ACCOUNT_PASSWORD,		/* signed in now; kept for next time */
	ACCOUNT_KEPT,		/* the sign-in kept from an earlier run */
	ACCOUNT_FILE,		/* --token-file */
	ACCOUNT_ENV,		/* EVTOP_TOKEN */
	ACCOUNT_DEMO
};

struct account {
	uv_loop_t		*loop;
	struct api		*api;
	const struct config	*cfg;
	enum account_source	 source;
};

/* One request's answer, waited for on the loop. */
struct account_wait {
	int	 done;
	int	 status;
	char	*cause;
};

struct account *
account_new(uv_loop_t *loop, struct api *api, const struct config *cfg)
{
	struct account	*a;

	a = xcalloc(1, sizeof *a);
	a->loop = loop;
	a->api = api;
	a->cfg = cfg;
	a->source = ACCOUNT_NONE;
	return (a);
}

void
account_free(struct account *a)
{
	free(a);
}

/*
 * The one place a kept sign-in is deleted, and why (for the trace).
 * Returns 1 when there was one, 0 when there was none, -1 with *cause.
 */
static int
account_delete_kept(const char *server, const char *why, char **cause)
{
	log_debug("%s: %s: %s", __func__, server, why);
	return (tokens_forget(server, cause));
}

/* The same when nobody needs to hear how it went. */
static void
account_drop_kept(const char *server, const char *why)
{
	char	*cause = NULL;

	if (account_delete_kept(server, why, &cause) == -1) {
		log_debug("%s: %s", __func__, cause);
		free(cause);
	}
}

static void
account_answered(void *arg, int status, const char *cause)
{
	struct account_wait	*w = arg;

	w->done = 1;
	w->status = status;
	w->cause = cause != NULL ? xstrdup(cause) : NULL;
}

/* Runs the loop until one request is answered; its status. */
static int
account_wait(struct account *a, struct account_wait *w)
{
	while (!w->done) {
		if (uv_run(a->loop, UV_RUN_ONCE) == 0 && !w->done) {
			w->status = API_ERR_FAILED;
			w->cause = xstrdup("the request was dropped");
			break;
		}
	}
	return (w->status);
}

/*
 * Asks for the address until it looks like one (as -u and a profile's user
 * must): 0 with a new string in *user, or -1 with *cause.
 */
static int
account_ask_email(char **user, char **cause)
{
	int	try;

	for (try = 1; try <= ACCOUNT_TRIES; try++) {
		if (signin_prompt("Email: ", 1, user, cause) != 0)
			return (-1);
		if (config_is_email(*user))
			return (0);
		free(*user);
		*user = NULL;
		fprintf(stderr, "evtop: that is not an email address (like "
		    "you@example.com); try again\n");
	}
	*cause = xstrdup("no email address given (like you@example.com)");
	return (-1);
}

/*
 * Asks for the password and signs in; a wrong one may be tried again.
 * When the server refuses the address itself (unknown, or not one it
 * takes), the address is asked for again before the password.
 */
static int
account_ask_password(struct account *a, char **user, char **cause)
{
	struct account_wait	 w;
	char			*password = NULL, *prompt;
	int			 try, rc, bad_email;

	for (try = 1; try <= ACCOUNT_TRIES; try++) {
		xasprintf(&prompt, "Password for %s at %s: ", *user,
		    api_server(a->api));
		rc = signin_prompt(prompt, 0, &password, cause);
		free(prompt);
		if (rc != 0)
			break;
		memset(&w, 0, sizeof w);
		bad_email = 0;
		if (*password == '\0') {
			w.status = API_ERR_AUTH;
			w.cause = xstrdup("the password is empty");
		} else {
			api_login(a->api, *user, password, account_answered,
			    &w);
			account_wait(a, &w);
			/*
			 * A wait the server asked for (429, 503) is waited
			 * out, said on stderr, and the same password sent
			 * again: what was typed is not lost.
			 */
			while (w.status != API_OK && w.status != API_ERR_AUTH &&
			    batch_wait_hold(a->loop, a->api)) {
				free(w.cause);
				memset(&w, 0, sizeof w);
				api_login(a->api, *user, password,
				    account_answered, &w);
				account_wait(a, &w);
			}
			bad_email = w.status == API_ERR_AUTH &&
			    api_sign_in_reason(a->api) == API_REASON_BAD_EMAIL;
		}
		signin_forget(password);
		if (w.status != API_ERR_AUTH || try == ACCOUNT_TRIES) {
			*cause = w.cause;
			return (w.status);
		}
		fprintf(stderr, "evtop: %s; try again\n", w.cause);
		free(w.cause);
		if (bad_email) {
			free(*user);
			*user = NULL;
			if (account_ask_email(user, cause) != 0)
				return (API_ERR_AUTH);
		}
	}
	return (API_ERR_AUTH);
}

/*
 * Keeps the new sign-in's token for the next run (0600, atomic): 0, or -1
 * with a sentence in *cause.
 */
static int
account_keep(struct account *a, char **cause)
{
	const struct session	*s = api_session(a->api);
	struct stored_token	 t;

	if (s == NULL)
		return (0);
	memset(&t, 0, sizeof t);
	t.server = a->cfg->server;
	t.user = s->user.email != NULL && *s->user.email != '\0' ?
	    s->user.email : a->cfg->user;
	t.token = s->token;
	t.exp = s->exp;
	return (tokens_save(&t, cause));
}

/* Tries a token: API_OK, or why not (API_ERR_AUTH: refused). */
static int
account_resume(struct account *a, const char *token, char **cause)
{
	struct account_wait	w = { 0, 0, NULL };

	api_resume(a->api, token, account_answered, &w);
	account_wait(a, &w);
	/* Batch mode waits out a 429 as it does between snapshots. */
	while (w.status != API_OK && w.status != API_ERR_AUTH &&
	    a->cfg->batch && batch_wait_hold(a->loop, a->api)) {
		free(w.cause);
		memset(&w, 0, sizeof w);
		api_resume(a->api, token, account_answered, &w);
		account_wait(a, &w);
	}
	*cause = w.cause;
	return (w.status);
}

/*
 * The token to try first: --token-file, then EVTOP_TOKEN, then the one
 * kept for this server (when it is for the user asked for and has not run
 * out).  Returns its source; -1 with *cause when a token that was asked
 * for by name cannot be read.
 */
static int
account_pick_token(const struct config *cfg, char **token, char **cause)
{
	struct stored_token	st;
	char			*why = NULL;

	*token = NULL;
	if (cfg->token_file != NULL) {
		if (tokens_read_file(cfg->token_file, token, cause) != 0)
			return (-1);
		return (ACCOUNT_FILE);
	}
	if (cfg->token != NULL) {
		if (!tokens_plausible(cfg->token)) {
			*cause = xstrdup("EVTOP_TOKEN does not hold a token");
			return (-1);
		}
		*token = xstrdup(cfg->token);
		return (ACCOUNT_ENV);
	}
	switch (tokens_load(cfg->server, &st, &why)) {
	case -1:
		fprintf(stderr, "evtop: not using the stored sign-in: %s\n",
		    why);
		free(why);
		return (ACCOUNT_NONE);
	case 0:
		return (ACCOUNT_NONE);
	}
	if (cfg->user != NULL && (st.user == NULL ||
	    strcasecmp(st.user, cfg->user) != 0)) {
		stored_token_done(&st);
		return (ACCOUNT_NONE);
	}
	if (st.exp != 0 && st.exp <= clock_now()) {
		account_drop_kept(cfg->server, "it has run out");
		stored_token_done(&st);
		return (ACCOUNT_NONE);
	}
	*token = st.token;
	st.token = NULL;
	stored_token_done(&st);
	return (ACCOUNT_KEPT);
}

/*
 * Signs in with the token picked, if any.  A failure ends the run; API_OK
 * with the source still ACCOUNT_NONE means there was none to try (or the
 * kept one was refused, and deleted): then a password may be asked.
 */
static int
account_with_token(struct account *a, char **cause)
{
	const struct config	*cfg = a->cfg;
	char			*token = NULL, *why = NULL;
	int			 source, status;

	if ((source = account_pick_token(cfg, &token, cause)) == -1)
		return (API_ERR_AUTH);
	if (token == NULL)
		return (API_OK);
	status = account_resume(a, token, &why);
	/*
	 * A check-in station works without its server: it starts on the
	 * token it has, and the server's first answer says if it holds.
	 */
	if (status == API_ERR_UNREACHABLE && cfg->kiosk_event > 0 &&
	    api_resume_unchecked(a->api, token, NULL) == 0) {
		log_debug("%s: the server cannot be reached: the station "
		    "starts offline (%s)", __func__, why);
		signin_forget(token);
		free(why);
		a->source = source;
		return (API_OK);
	}
	signin_forget(token);
	if (status == API_OK) {
		a->source = source;
		return (API_OK);
	}
	if (status != API_ERR_AUTH || source != ACCOUNT_KEPT) {
		if (status == API_ERR_AUTH)
			xasprintf(cause, "the server refused the token in %s: "
			    "it has run out or is not for this server",
			    cfg->token_file != NULL ? cfg->token_file :
			    "EVTOP_TOKEN");
		else
			*cause = xstrdup(why);
		free(why);
		return (status);
	}
	log_debug("%s: kept token refused: %s", __func__, why);
	free(why);
	account_drop_kept(cfg->server, "the server refused it");
	return (API_OK);
}

int
account_sign_in(struct account *a, char **cause)
{
	const struct config	*cfg = a->cfg;
	struct account_wait	 w = { 0, 0, NULL };
	char			*user = NULL, *why = NULL;
	int			 status;

	a->source = ACCOUNT_NONE;
	if (cfg->demo) {
		api_login(a->api, DEMO_EMAIL, DEMO_PASSWORD, account_answered, &w);
		account_wait(a, &w);
		*cause = w.cause;
		if (w.status == API_OK)
			a->source = ACCOUNT_DEMO;
		return (w.status);
	}
	if ((status = account_with_token(a, cause)) != API_OK ||
	    a->source != ACCOUNT_NONE)
		return (status);
	if (cfg->batch) {
		if (cfg->from[OPT_USER] != CONFIG_SRC_FLAG)
			return (API_OK);	/* public data only */
		xasprintf(cause, "batch mode never asks for a password, and "
		    "there is no stored sign-in for %s at %s: run evtop -s %s "
		    "-u %s on a terminal once", cfg->user, cfg->server,
		    cfg->server, cfg->user);
		return (API_ERR_AUTH);
	}
	/* Nobody should type a password for a server that is down. */
	api_check_server(a->api, account_answered, &w);
	if (account_wait(a, &w) != API_OK) {
		*cause = w.cause;
		return (w.status);
	}
	if (cfg->user != NULL)
		user = xstrdup(cfg->user);
	else if (account_ask_email(&user, cause) != 0)
		return (API_ERR_AUTH);
	status = account_ask_password(a, &user, cause);
	free(user);
	if (status == API_OK) {
		a->source = ACCOUNT_PASSWORD;
		if (account_keep(a, &why) != 0) {
			fprintf(stderr, "evtop: the sign-in is not kept for "
			    "next time: %s\n", why);
			free(why);
		}
	}
	return (status);
}

void
account_refused(struct account *a)
{
	const struct config	*cfg = a->cfg;

	if (a->source == ACCOUNT_KEPT || a->source == ACCOUNT_PASSWORD) {
		account_drop_kept(cfg->server, "the server signed this run out");
		return;
	}
	if (a->source == ACCOUNT_NONE && cfg->batch && !cfg->demo &&
	    cfg->from[OPT_USER] != CONFIG_SRC_FLAG &&
	    cfg->token_file == NULL && cfg->token == NULL)
		fprintf(stderr, "evtop: batch mode cannot ask for a password: "
		    "sign in once on a terminal (the sign-in is kept), or give "
		    "--token-file FILE\n");
}

int
account_signed_in(void *arg, char **sentence)
{
	struct account	*a = arg;
	char		*cause = NULL;

	/* The demo signs in by itself, and keeps nothing. */
	if (a->source == ACCOUNT_DEMO)
		return (0);
	log_debug("%s: signed in again in the dashboard", __func__);
	a->source = ACCOUNT_PASSWORD;
	if (account_keep(a, &cause) != 0) {
		xasprintf(sentence, "The sign-in is not kept for next time: %s",
		    cause);
		free(cause);
		return (-1);
	}
	return (0);
}

int
account_sign_out(void *arg, char **sentence)
{
	struct account		*a = arg;
	const struct config	*cfg = a->cfg;
	char			*why = NULL, *given = NULL;
	int			 kept;

	if (a->source == ACCOUNT_DEMO) {
		*sentence = xstrdup("The demo signs in by itself: there is "
		    "no kept sign-in to delete");
		return (0);
	}
	kept = account_delete_kept(cfg->server, "the user signed out", &why);
	if (kept == -1) {
		xasprintf(sentence, "Not signed out: %s", why);
		free(why);
		return (-1);
	}
	if (a->source == ACCOUNT_FILE)
		xasprintf(&given, "the token in %s was not touched",
		    cfg->token_file);
	else if (a->source == ACCOUNT_ENV)
		given = xstrdup("the token in EVTOP_TOKEN was not touched");
	if (given != NULL && kept)
		xasprintf(sentence, "signed out of %s; the kept sign-in was "
		    "deleted, and %s", cfg->server, given);
	else if (given != NULL)
		xasprintf(sentence, "signed out of %s; %s", cfg->server, given);
	else
		xasprintf(sentence, "signed out of %s; %s", cfg->server,
		    kept ? "the kept sign-in was deleted" :
		    "there was no kept sign-in to delete");
	free(given);
	log_debug("%s: %s", __func__, *sentence);
	return (1);
}

int
account_logout(const struct config *cfg)
{
	struct stored_token	 st;
	char			*cause = NULL, *user = NULL;
	int			 rc;

	/* Only to say whose it was: an unsafe file is deleted all the same. */
	if (tokens_load(cfg->server, &st, &cause) == 1) {
		if (st.user != NULL)
			user = xstrdup(st.user);
		stored_token_done(&st);
	}
	free(cause);
	cause = NULL;
	switch (account_delete_kept(cfg->server, "evtop logout", &cause)) {
	case -1:
		fprintf(stderr, "evtop: not signed out of %s: %s\n",
		    cfg->server, cause);
		rc = EXIT_FAIL;
		break;
	case 0:
		printf("There was no kept sign-in for %s: nothing to delete\n",
		    cfg->server);
		rc = EXIT_OK;
		break;
	default:
		printf("Signed out of %s%s%s%s: the kept sign-in was deleted\n",
		    cfg->server, user != NULL ? " (" : "",
		    user != NULL ? user : "", user != NULL ? ")" : "");
		rc = EXIT_OK;
		break;
	}
	if (fflush(stdout) != 0)
		rc = EXIT_FAIL;
	free(cause);
	free(user);
	return (rc);
}
