/*
 * evtop: a terminal dashboard for running live events.
 *
 * main() reads what the user asked for, finds a server (or starts the
 * bundled mock for --demo), signs in before the screen is taken over, and
 * hands the signed-in client to the dashboard or to batch output.
 */
#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <libwebsockets.h>
#include <locale.h>
#include <ncurses.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <uv.h>

#include "api.h"
#include "app.h"
#include "batch.h"
#include "clock.h"
#include "config.h"
#include "info.h"
#include "keys.h"
#include "log.h"
#include "mockproc.h"
#include "options.h"
#include "paths.h"
#include "signin.h"
#include "store.h"
#include "theme.h"
#include "tokens.h"
#include "version.h"
#include "xmalloc.h"

/* The accounts `evtop-mock --seed demo` creates; --demo signs in as admin. */
#define DEMO_EMAIL	"admin@example.com"
#define DEMO_PASSWORD	"evtop-demo"
#define DEMO_RATE	"5"
#define DEMO_START_MS	20000
#define SIGNIN_TRIES	3	/* as ssh and sudo allow */
#define BATCH_NOTIFICATIONS 10	/* the latest, in a snapshot */

/* Where the session's token came from: decides what a refusal means. */
enum main_token {
	MAIN_TOKEN_NONE,
	MAIN_TOKEN_PASSWORD,	/* signed in now; stored for next time */
	MAIN_TOKEN_STORED,
	MAIN_TOKEN_FILE,	/* --token-file */
	MAIN_TOKEN_ENV,		/* EVTOP_TOKEN */
	MAIN_TOKEN_DEMO
};

struct main_wait {
	int	 done;
	int	 status;
	char	*cause;
};

static void
main_done(void *arg, int status, const char *cause)
{
	struct main_wait	*w = arg;

	w->done = 1;
	w->status = status;
	w->cause = cause != NULL ? xstrdup(cause) : NULL;
}

/* Runs the loop until one request is answered. */
static int
main_wait(uv_loop_t *loop, struct main_wait *w)
{
	while (!w->done) {
		if (uv_run(loop, UV_RUN_ONCE) == 0 && !w->done) {
			w->status = API_ERR_FAILED;
			w->cause = xstrdup("the request was dropped");
			break;
		}
	}
	return (w->status);
}

static int
main_exit_code(int status)
{
	switch (status) {
	case API_OK:
		return (EXIT_OK);
	case API_ERR_UNREACHABLE:
		return (EXIT_UNREACHABLE);
	case API_ERR_AUTH:
		return (EXIT_NOT_SIGNED_IN);
	default:
		return (EXIT_FAIL);
	}
}

static void
main_version(void)
{
	printf("evtop %s (%s)\n", EVTOP_VERSION, EVTOP_GIT);
	printf("built with %s, %s, jansson %s, libwebsockets %s, libuv %s\n",
	    curses_version(), curl_version(), JANSSON_VERSION,
	    lws_get_library_version(), uv_version_string());
}

static void
main_open_trace(const struct config *cfg)
{
	const char	*env = getenv("EVTOP_TRACE");
	char		*path = NULL, *cause = NULL;

	if (env != NULL && *env != '\0')
		path = xstrdup(env);
	else if (cfg->verbose)
		path = paths_state_file("trace.log", &cause);
	if (path == NULL) {
		if (cause != NULL)
			fprintf(stderr, "evtop: no trace log: %s\n", cause);
		free(cause);
		return;
	}
	if (log_open(path) != 0)
		fprintf(stderr, "evtop: cannot open trace log %s: %s\n", path,
		    strerror(errno));
	else
		log_debug("evtop %s starting", EVTOP_VERSION);
	free(path);
}

/* Starts the bundled mock; its log goes to the state directory. */
static int
main_start_demo(struct mockproc *mp, char **cause)
{
	static const char *const extra[] = {
		"--seed", "demo", "--simulate", DEMO_RATE, NULL
	};
	char	*mock, *logpath;
	int	 fd = -1, rc;

	if ((mock = mockproc_find(cause)) == NULL)
		return (-1);
	logpath = paths_state_file("demo-mock.log", NULL);
	if (logpath != NULL)
		fd = open(logpath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
		    0600);
	rc = mockproc_start(mp, mock, extra, fd, DEMO_START_MS, cause);
	if (fd != -1)
		close(fd);
	free(logpath);
	free(mock);
	return (rc);
}

/* Asks for the password and signs in; a wrong one may be tried again. */
static int
main_sign_in_as(uv_loop_t *loop, struct api *api, const char *user,
    char **cause)
{
	struct main_wait	 w;
	char			*password = NULL, *prompt;
	int			 try;

	xasprintf(&prompt, "Password for %s at %s: ", user, api_server(api));
	for (try = 1; try <= SIGNIN_TRIES; try++) {
		if (signin_prompt(prompt, 0, &password, cause) != 0)
			break;
		memset(&w, 0, sizeof w);
		if (*password == '\0') {
			w.status = API_ERR_AUTH;
			w.cause = xstrdup("the password is empty");
		} else {
			api_login(api, user, password, main_done, &w);
			main_wait(loop, &w);
		}
		signin_forget(password);
		if (w.status != API_ERR_AUTH || try == SIGNIN_TRIES) {
			free(prompt);
			*cause = w.cause;
			return (w.status);
		}
		fprintf(stderr, "evtop: %s; try again\n", w.cause);
		free(w.cause);
	}
	free(prompt);
	return (API_ERR_AUTH);
}

/* Keeps the new session's token for the next run (0600, atomic). */
static void
main_store_token(struct api *api, const struct config *cfg)
{
	const struct session	*s = api_session(api);
	struct stored_token	 t;
	char			*cause = NULL;

	if (s == NULL)
		return;
	memset(&t, 0, sizeof t);
	t.server = cfg->server;
	t.user = s->user.email != NULL && *s->user.email != '\0' ?
	    s->user.email : cfg->user;
	t.token = s->token;
	t.exp = s->exp;
	if (tokens_save(&t, &cause) != 0) {
		fprintf(stderr, "evtop: the sign-in is not kept for next "
		    "time: %s\n", cause);
		free(cause);
	}
}

/* Tries a token: API_OK, or why not (API_ERR_AUTH: refused). */
static int
main_resume(uv_loop_t *loop, struct api *api, const char *token,
    char **cause)
{
	struct main_wait	w = { 0, 0, NULL };

	api_resume(api, token, main_done, &w);
	main_wait(loop, &w);
	*cause = w.cause;
	return (w.status);
}

/*
 * The token to try first: --token-file, then EVTOP_TOKEN, then the one
 * stored for this server (when it is for the user asked for and has not
 * run out).  Returns the source; -1 with *cause when a token that was
 * asked for by name cannot be read.
 */
static int
main_pick_token(const struct config *cfg, char **token, char **cause)
{
	struct stored_token	st;
	char			*why = NULL;

	*token = NULL;
	if (cfg->token_file != NULL) {
		if (tokens_read_file(cfg->token_file, token, cause) != 0)
			return (-1);
		return (MAIN_TOKEN_FILE);
	}
	if (cfg->token != NULL) {
		if (!tokens_plausible(cfg->token)) {
			*cause = xstrdup("EVTOP_TOKEN does not hold a token");
			return (-1);
		}
		*token = xstrdup(cfg->token);
		return (MAIN_TOKEN_ENV);
	}
	switch (tokens_load(cfg->server, &st, &why)) {
	case -1:
		fprintf(stderr, "evtop: not using the stored sign-in: %s\n",
		    why);
		free(why);
		return (MAIN_TOKEN_NONE);
	case 0:
		return (MAIN_TOKEN_NONE);
	}
	if (cfg->user != NULL && (st.user == NULL ||
	    strcasecmp(st.user, cfg->user) != 0)) {
		stored_token_done(&st);
		return (MAIN_TOKEN_NONE);
	}
	if (st.exp != 0 && st.exp <= clock_now()) {
		log_debug("%s: the stored token has run out", __func__);
		tokens_delete(cfg->server);
		stored_token_done(&st);
		return (MAIN_TOKEN_NONE);
	}
	*token = st.token;
	st.token = NULL;
	stored_token_done(&st);
	return (MAIN_TOKEN_STORED);
}

/*
 * Signs in: with a token when there is a good one, else (on a terminal)
 * by asking for what argv did not say, once the server is known to be
 * there (nobody should type a password for a server that is down).
 * Batch mode never asks: without a token it reads what is public.
 */
static int
main_sign_in(uv_loop_t *loop, struct api *api, const struct config *cfg,
    int *source, char **cause)
{
	struct main_wait	 w = { 0, 0, NULL };
	char			*user = NULL, *token = NULL, *why = NULL;
	int			 status;

	*source = MAIN_TOKEN_NONE;
	if (cfg->demo) {
		api_login(api, DEMO_EMAIL, DEMO_PASSWORD, main_done, &w);
		main_wait(loop, &w);
		*cause = w.cause;
		if (w.status == API_OK)
			*source = MAIN_TOKEN_DEMO;
		return (w.status);
	}
	if (main_pick_token(cfg, &token, cause) == -1)
		return (API_ERR_AUTH);
	if (token != NULL) {
		status = main_resume(loop, api, token, &why);
		signin_forget(token);
		if (status == API_OK) {
			*source = cfg->token_file != NULL ? MAIN_TOKEN_FILE :
			    cfg->token != NULL ? MAIN_TOKEN_ENV :
			    MAIN_TOKEN_STORED;
			return (API_OK);
		}
		if (status != API_ERR_AUTH || cfg->token_file != NULL ||
		    cfg->token != NULL) {
			if (status == API_ERR_AUTH)
				xasprintf(cause, "the server refused the token "
				    "in %s: it has run out or is not for this "
				    "server", cfg->token_file != NULL ?
				    cfg->token_file : "EVTOP_TOKEN");
			else
				*cause = xstrdup(why);
			free(why);
			return (status);
		}
		/* A stored token the server no longer takes is forgotten. */
		log_debug("%s: stored token refused: %s", __func__, why);
		free(why);
		tokens_delete(cfg->server);
	}
	if (cfg->batch) {
		if (cfg->from[OPT_USER] != CONFIG_SRC_FLAG)
			return (API_OK);	/* public data only */
		xasprintf(cause, "batch mode never asks for a password, and "
		    "there is no stored sign-in for %s at %s: run evtop -s %s "
		    "-u %s on a terminal once", cfg->user, cfg->server,
		    cfg->server, cfg->user);
		return (API_ERR_AUTH);
	}
	api_check_server(api, main_done, &w);
	if (main_wait(loop, &w) != API_OK) {
		*cause = w.cause;
		return (w.status);
	}
	if (cfg->user != NULL)
		user = xstrdup(cfg->user);
	else if (signin_prompt("Email: ", 1, &user, cause) != 0)
		return (API_ERR_AUTH);
	status = main_sign_in_as(loop, api, user, cause);
	free(user);
	if (status == API_OK) {
		*source = MAIN_TOKEN_PASSWORD;
		main_store_token(api, cfg);
	}
	return (status);
}

/*
 * Standard input is not the terminal (a pipe, /dev/null) but the screen
 * is: read keys from the terminal itself, as less and fzf do.  Returns 0,
 * or 1 when there is no terminal (then it is batch mode).
 */
static int
main_keys_from_tty(void)
{
	int	fd;

	if ((fd = open("/dev/tty", O_RDWR)) == -1)
		return (1);
	if (dup2(fd, STDIN_FILENO) == -1) {
		close(fd);
		return (1);
	}
	close(fd);
	return (0);
}

/* Sleeps between snapshots; a signal ends the wait (and evtop). */
static void
main_sleep(double seconds)
{
	struct timespec	ts;

	ts.tv_sec = (time_t)seconds;
	ts.tv_nsec = (long)((seconds - (double)ts.tv_sec) * 1e9);
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

/* The header's name for the server: --label, "demo", or NULL (its URL). */
static const char *
main_label(const struct config *cfg)
{
	if (cfg->label != NULL)
		return (cfg->label);
	return (cfg->demo ? "demo" : NULL);
}

/* One snapshot: fetch, then print text or one line of JSON. */
static int
main_snapshot(uv_loop_t *loop, struct api *api, struct store *store,
    const struct config *cfg, long n, char **cause)
{
	const struct session	*s = api_session(api);
	struct main_wait	 w = { 0, 0, NULL };
	const char		*user;
	time_t			 now;
	int			 rc;

	api_refresh_events(api, main_done, &w);
	if (main_wait(loop, &w) != API_OK) {
		*cause = w.cause;
		return (w.status);
	}
	if (s != NULL) {
		/* The log is a nicety: a failure is traced, not fatal. */
		memset(&w, 0, sizeof w);
		api_load_notifications(api, main_done, &w);
		main_wait(loop, &w);
		free(w.cause);
	}
	now = clock_now();
	user = s != NULL && s->user.email != NULL && *s->user.email != '\0' ?
	    s->user.email : NULL;
	if (cfg->json)
		rc = batch_print_json(stdout, store, api_server(api), user, now,
		    BATCH_NOTIFICATIONS, s != NULL);
	else {
		rc = 0;
		if (n > 0 && fputc('\n', stdout) == EOF)
			rc = -1;
		if (rc == 0)
			rc = batch_print_header(stdout, main_label(cfg) !=
			    NULL ? main_label(cfg) : api_server(api), user,
			    now);
		if (rc == 0)
			rc = batch_print_events(stdout, store, now);
		if (rc == 0)
			rc = batch_print_notifications(stdout, store,
			    BATCH_NOTIFICATIONS, s != NULL);
	}
	if (rc != 0 || fflush(stdout) != 0) {
		/* The reader has gone (| head): end quietly, as cat does. */
		if (errno == EPIPE) {
			signal(SIGPIPE, SIG_DFL);
			raise(SIGPIPE);
		}
		xasprintf(cause, "cannot write the snapshot: %s",
		    strerror(errno));
		return (API_ERR_FAILED);
	}
	return (API_OK);
}

/* Snapshots like top -b: -n of them (0: until stopped), -d apart. */
static int
main_batch(uv_loop_t *loop, struct api *api, struct store *store,
    const struct config *cfg, char **cause)
{
	long	n;
	int	status;

	for (n = 0; cfg->iterations == 0 || n < cfg->iterations; n++) {
		if (n > 0)
			main_sleep(cfg->delay);
		status = main_snapshot(loop, api, store, cfg, n, cause);
		if (status != API_OK)
			return (status);
	}
	return (API_OK);
}

/* The demo server is a child: if it dies, the dashboard says so. */
struct main_demo_watch {
	struct mockproc	*mock;
	struct app	*app;
	uv_signal_t	 sigchld;
};

static void
main_demo_exited(uv_signal_t *h, int signo)
{
	struct main_demo_watch	*dw = h->data;
	char			*path, *sentence;

	if (!mockproc_reap(dw->mock))
		return;
	path = paths_state_file("demo-mock.log", NULL);
	xasprintf(&sentence, "Demo server stopped; log: %s",
	    path != NULL ? path : "demo-mock.log in the state directory");
	app_set_banner(dw->app, NOTIFY_ERROR, sentence);
	free(sentence);
	free(path);
	uv_signal_stop(h);
}

/* The [keymap] of a config on top of the default keys. */
static struct keymap *
main_keymap(const struct config *cfg, char **cause)
{
	struct keymap	*km = keymap_new();

	if (keymap_apply(km, cfg->keymap, cfg->nkeymap, cfg->file, cause) !=
	    0) {
		keymap_free(km);
		return (NULL);
	}
	return (km);
}

/* The chosen theme with the config's [theme] lines on top. */
static struct theme *
main_theme(const struct config *cfg, char **cause)
{
	return (theme_new(cfg->theme, cfg->looks, cfg->nlooks, cfg->file,
	    cause));
}

/* What a reload (Ctrl-R, SIGHUP) needs: the command line and the api. */
struct main_reload {
	int			 argc;
	char			**argv;
	const struct config	*running;
	struct api		*api;
};

static int
main_reload(void *arg, struct app_options *out, char **note, char **cause)
{
	struct main_reload	*r = arg;
	const struct config	*old = r->running;
	struct config		 next;

	config_init(&next);
	if (config_parse_argv(&next, r->argc, r->argv, cause) != 0 ||
	    config_resolve(&next, cause) != 0 ||
	    (out->keymap = main_keymap(&next, cause)) == NULL) {
		config_done(&next);
		return (-1);
	}
	if ((out->theme = main_theme(&next, cause)) == NULL) {
		keymap_free(out->keymap);
		out->keymap = NULL;
		config_done(&next);
		return (-1);
	}
	out->ascii = next.ascii;
	out->no_color = next.no_color;
	out->readonly = next.readonly;
	api_set_poll_interval(r->api, (uint64_t)(next.poll_interval * 1000));
	if ((!old->demo && ((next.server != NULL && old->server != NULL &&
	    strcmp(next.server, old->server) != 0) ||
	    (next.user != NULL && old->user != NULL &&
	    strcmp(next.user, old->user) != 0))) ||
	    (next.label == NULL) != (old->label == NULL) ||
	    (next.label != NULL && strcmp(next.label, old->label) != 0))
		*note = xstrdup("a new server, user or label takes a restart "
		    "of evtop");
	log_debug("%s: reloaded %s", __func__, next.file != NULL ? next.file :
	    "(no file)");
	config_done(&next);
	return (0);
}

/* What the sign-out key needs: where the session's token came from. */
struct main_sign_out {
	const struct config	*cfg;
	int			 source;	/* enum main_token */
};

/*
 * The sign-out key: the kept sign-in for this server goes.  A token the
 * user gave (--token-file, EVTOP_TOKEN) is theirs: evtop leaves it and
 * says so.  The demo keeps nothing, so there is nothing to sign out of.
 */
static int
main_sign_out(void *arg, char **sentence)
{
	struct main_sign_out	*so = arg;
	const struct config	*cfg = so->cfg;
	char			*why = NULL, *given = NULL;
	int			 kept;

	if (so->source == MAIN_TOKEN_DEMO) {
		*sentence = xstrdup("The demo signs in by itself: there is "
		    "no kept sign-in to delete");
		return (0);
	}
	if ((kept = tokens_forget(cfg->server, &why)) == -1) {
		xasprintf(sentence, "Not signed out: %s", why);
		free(why);
		return (-1);
	}
	if (so->source == MAIN_TOKEN_FILE)
		xasprintf(&given, "the token in %s was not touched",
		    cfg->token_file);
	else if (so->source == MAIN_TOKEN_ENV)
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

static int
main_dashboard(uv_loop_t *loop, struct api *api, struct store *store,
    const struct config *cfg, struct mockproc *mock, struct keymap *km,
    struct theme *theme, struct main_reload *reload, int source)
{
	struct main_sign_out	 so = { cfg, source };
	struct app_options	 opts;
	struct main_demo_watch	 dw;
	struct app		*app;
	int			 rc;

	memset(&opts, 0, sizeof opts);
	opts.ascii = cfg->ascii;
	opts.no_color = cfg->no_color;
	opts.readonly = cfg->readonly;
	opts.server_label = main_label(cfg);
	opts.keymap = km;
	opts.theme = theme;
	opts.reload = main_reload;
	opts.reload_arg = reload;
	opts.sign_out = main_sign_out;
	opts.sign_out_arg = &so;
	app = app_new(loop, api, store, &opts);
	if (cfg->demo) {
		dw.mock = mock;
		dw.app = app;
		uv_signal_init(loop, &dw.sigchld);
		dw.sigchld.data = &dw;
		uv_signal_start(&dw.sigchld, main_demo_exited, SIGCHLD);
	}
	rc = app_run(app);
	if (cfg->demo)
		uv_close((uv_handle_t *)&dw.sigchld, NULL);
	app_free(app);
	/* Let the watch's handle close while dw is still in scope. */
	if (cfg->demo)
		uv_run(loop, UV_RUN_NOWAIT);
	return (rc);
}

/* Usage errors: one line naming the problem, a hint, exit 2. */
static int
main_usage(struct config *cfg, char *cause, int hint)
{
	fprintf(stderr, "evtop: %s\n", cause);
	if (hint)
		fprintf(stderr, "Try 'evtop --help'.\n");
	free(cause);
	config_done(cfg);
	return (EXIT_USAGE);
}

/* evtop info: no sign-in, one request (/api/meta) when there is a server. */
static int
main_info(const struct config *cfg)
{
	struct info_build	 b = { EVTOP_VERSION, EVTOP_GIT };
	struct api_options	 aopts;
	struct api		*api = NULL;
	struct store		*store;
	uv_loop_t		 loop;
	int			 rc;

	curl_global_init(CURL_GLOBAL_DEFAULT);
	uv_loop_init(&loop);
	store = store_new();
	if (cfg->server != NULL) {
		memset(&aopts, 0, sizeof aopts);
		aopts.server = cfg->server;
		aopts.cacert = cfg->cacert;
		aopts.insecure = cfg->insecure;
		api = api_new(&loop, &aopts, store, NULL, NULL);
	}
	rc = info_run(&loop, api, cfg, &b, stdout);
	if (api != NULL)
		api_free(api);
	uv_run(&loop, UV_RUN_DEFAULT);
	uv_loop_close(&loop);
	store_free(store);
	curl_global_cleanup();
	return (rc);
}

/*
 * evtop logout: deletes the kept sign-in for the server without asking
 * it anything (it may be gone, and a JWT cannot be revoked anyway).
 */
static int
main_logout(const struct config *cfg)
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
	switch (tokens_forget(cfg->server, &cause)) {
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

int
main(int argc, char **argv)
{
	struct config		 cfg;
	struct api_options	 aopts;
	struct mockproc		 mock = { -1, NULL };
	struct main_reload	 reload;
	struct keymap		*km = NULL;
	struct theme		*theme;
	struct store		*store;
	struct api		*api;
	uv_loop_t		 loop;
	char			*cause = NULL;
	int			 status, rc, source = MAIN_TOKEN_NONE;

	setlocale(LC_ALL, "");
	signal(SIGPIPE, SIG_IGN);

	config_init(&cfg);
	if (config_parse_argv(&cfg, argc, argv, &cause) != 0)
		return (main_usage(&cfg, cause, 1));
	if (cfg.action == CONFIG_HELP) {
		options_print_help(stdout, "evtop");
		config_done(&cfg);
		return (EXIT_OK);
	}
	if (cfg.action == CONFIG_VERSION) {
		main_version();
		config_done(&cfg);
		return (EXIT_OK);
	}
	/* A test's fixed clock that is not a time is not quietly ignored. */
	if (clock_check(&cause) != 0)
		return (main_usage(&cfg, cause, 0));
	/* evtop does not start on a config file it cannot read correctly. */
	if (config_resolve(&cfg, &cause) != 0)
		return (main_usage(&cfg, cause, 0));
	if (cfg.action == CONFIG_RUN) {
		if (cfg.json || !isatty(STDOUT_FILENO))
			cfg.batch = 1;
		else if (!cfg.batch && !isatty(STDIN_FILENO) &&
		    main_keys_from_tty())
			cfg.batch = 1;
	}
	if (config_check(&cfg, &cause) != 0)
		return (main_usage(&cfg, cause, 1));
	if ((km = main_keymap(&cfg, &cause)) == NULL)
		return (main_usage(&cfg, cause, 0));
	if ((theme = main_theme(&cfg, &cause)) == NULL) {
		keymap_free(km);
		return (main_usage(&cfg, cause, 0));
	}
	if (cfg.batch || cfg.action != CONFIG_RUN) {
		keymap_free(km);
		km = NULL;
		theme_free(theme);
		theme = NULL;
	}
	main_open_trace(&cfg);
	if (cfg.action == CONFIG_LOGOUT) {
		rc = main_logout(&cfg);
		log_close();
		config_done(&cfg);
		return (rc);
	}
	if (cfg.action == CONFIG_INFO) {
		rc = main_info(&cfg);
		log_close();
		config_done(&cfg);
		return (rc);
	}

	if (cfg.demo) {
		if (!cfg.batch)
			fprintf(stderr, "evtop: starting the demo server...\n");
		if (main_start_demo(&mock, &cause) != 0) {
			fprintf(stderr, "evtop: cannot start the demo: %s\n",
			    cause);
			free(cause);
			keymap_free(km);
			theme_free(theme);
			config_done(&cfg);
			return (EXIT_FAIL);
		}
		free(cfg.server);
		cfg.server = xstrdup(mock.url);
	}

	curl_global_init(CURL_GLOBAL_DEFAULT);
	uv_loop_init(&loop);
	store = store_new();
	memset(&aopts, 0, sizeof aopts);
	aopts.server = cfg.server;
	aopts.cacert = cfg.cacert;
	aopts.insecure = cfg.insecure;
	api = api_new(&loop, &aopts, store, NULL, NULL);
	api_set_poll_interval(api, (uint64_t)(cfg.poll_interval * 1000));

	status = main_sign_in(&loop, api, &cfg, &source, &cause);
	if (status == API_OK && cfg.batch)
		status = main_batch(&loop, api, store, &cfg, &cause);
	if (status != API_OK) {
		fprintf(stderr, "evtop: %s\n", cause != NULL ? cause :
		    "failed");
		if (status == API_ERR_AUTH && cfg.batch && !cfg.demo &&
		    source == MAIN_TOKEN_NONE &&
		    cfg.from[OPT_USER] != CONFIG_SRC_FLAG &&
		    cfg.token_file == NULL && cfg.token == NULL)
			fprintf(stderr, "evtop: batch mode cannot ask for a "
			    "password: sign in once on a terminal (the sign-in "
			    "is kept), or give --token-file FILE\n");
		/* A kept token the server refuses is of no more use. */
		if (status == API_ERR_AUTH && source == MAIN_TOKEN_STORED)
			tokens_delete(cfg.server);
		rc = main_exit_code(status);
	} else if (cfg.batch)
		rc = EXIT_OK;
	else {
		reload.argc = argc;
		reload.argv = argv;
		reload.running = &cfg;
		reload.api = api;
		rc = main_dashboard(&loop, api, store, &cfg, &mock, km,
		    theme, &reload, source);
		km = NULL;	/* the app's now, */
		theme = NULL;	/* and so is this */
	}
	keymap_free(km);
	theme_free(theme);
	free(cause);
	/* Signed out by the server: the kept token goes too. */
	if (rc == EXIT_NOT_SIGNED_IN && (source == MAIN_TOKEN_STORED ||
	    source == MAIN_TOKEN_PASSWORD))
		tokens_delete(cfg.server);

	api_free(api);
	uv_run(&loop, UV_RUN_DEFAULT);
	if (uv_loop_close(&loop) != 0)
		log_debug("%s: the loop still had handles at exit", __func__);
	store_free(store);
	curl_global_cleanup();
	mockproc_stop(&mock);
	log_close();
	config_done(&cfg);
	return (rc);
}
