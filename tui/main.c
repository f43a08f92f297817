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
#include <unistd.h>
#include <uv.h>

#include "api.h"
#include "app.h"
#include "batch.h"
#include "config.h"
#include "log.h"
#include "mockproc.h"
#include "options.h"
#include "paths.h"
#include "signin.h"
#include "store.h"
#include "version.h"
#include "xmalloc.h"

/* The accounts `evtop-mock --seed demo` creates; --demo signs in as admin. */
#define DEMO_EMAIL	"admin@example.com"
#define DEMO_PASSWORD	"evtop-demo"
#define DEMO_RATE	"5"
#define DEMO_START_MS	20000
#define SIGNIN_TRIES	3	/* as ssh and sudo allow */

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

/*
 * Signs in, asking on the terminal for what argv did not say, once the
 * server is known to be there (nobody should type a password for a server
 * that is down).
 */
static int
main_sign_in(uv_loop_t *loop, struct api *api, const struct config *cfg,
    char **cause)
{
	struct main_wait	 w = { 0, 0, NULL };
	char			*user = NULL;
	int			 status;

	if (cfg->demo) {
		api_login(api, DEMO_EMAIL, DEMO_PASSWORD, main_done, &w);
		main_wait(loop, &w);
		*cause = w.cause;
		return (w.status);
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

static int
main_batch(uv_loop_t *loop, struct api *api, struct store *store,
    char **cause)
{
	struct main_wait	w = { 0, 0, NULL };

	api_refresh_events(api, main_done, &w);
	if (main_wait(loop, &w) != API_OK) {
		*cause = w.cause;
		return (w.status);
	}
	if (batch_print_events(stdout, store, time(NULL)) != 0 ||
	    fflush(stdout) != 0) {
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

static int
main_dashboard(uv_loop_t *loop, struct api *api, struct store *store,
    const struct config *cfg, struct mockproc *mock)
{
	struct app_options	 opts;
	struct main_demo_watch	 dw;
	struct app		*app;
	int			 rc;

	memset(&opts, 0, sizeof opts);
	opts.ascii = cfg->ascii;
	opts.no_color = cfg->no_color;
	opts.server_label = cfg->demo ? "demo" : NULL;
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

int
main(int argc, char **argv)
{
	struct config		 cfg;
	struct api_options	 aopts;
	struct mockproc		 mock = { -1, NULL };
	struct store		*store;
	struct api		*api;
	uv_loop_t		 loop;
	char			*cause = NULL;
	int			 status, rc;

	setlocale(LC_ALL, "");
	signal(SIGPIPE, SIG_IGN);

	config_init(&cfg);
	if (config_parse_argv(&cfg, argc, argv, &cause) != 0) {
		fprintf(stderr, "evtop: %s\nTry 'evtop --help'.\n", cause);
		free(cause);
		config_done(&cfg);
		return (EXIT_USAGE);
	}
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
	config_apply_env(&cfg);
	config_tidy_server(&cfg);
	if (!isatty(STDOUT_FILENO))
		cfg.batch = 1;
	else if (!cfg.batch && !isatty(STDIN_FILENO) && main_keys_from_tty())
		cfg.batch = 1;
	if (config_check(&cfg, &cause) != 0) {
		fprintf(stderr, "evtop: %s\nTry 'evtop --help'.\n", cause);
		free(cause);
		config_done(&cfg);
		return (EXIT_USAGE);
	}
	main_open_trace(&cfg);

	if (cfg.demo) {
		if (!cfg.batch)
			fprintf(stderr, "evtop: starting the demo server...\n");
		if (main_start_demo(&mock, &cause) != 0) {
			fprintf(stderr, "evtop: cannot start the demo: %s\n",
			    cause);
			free(cause);
			config_done(&cfg);
			return (EXIT_FAIL);
		}
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

	if (cfg.batch && !cfg.demo)
		status = API_OK;	/* no prompts: read what is public */
	else
		status = main_sign_in(&loop, api, &cfg, &cause);
	if (status == API_OK && cfg.batch)
		status = main_batch(&loop, api, store, &cause);
	if (status != API_OK) {
		fprintf(stderr, "evtop: %s\n", cause != NULL ? cause :
		    "failed");
		if (status == API_ERR_AUTH && cfg.batch && !cfg.demo)
			fprintf(stderr, "evtop: batch mode cannot ask for a "
			    "password; run evtop on a terminal to sign in\n");
		rc = main_exit_code(status);
	} else if (cfg.batch)
		rc = EXIT_OK;
	else
		rc = main_dashboard(&loop, api, store, &cfg, &mock);
	free(cause);

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
