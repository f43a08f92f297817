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
#include "auth.h"
#include "batch.h"
#include "config.h"
#include "demo.h"
#include "info.h"
#include "keys.h"
#include "log.h"
#include "options.h"
#include "paths.h"
#include "store.h"
#include "theme.h"
#include "version.h"
#include "xmalloc.h"


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

/* Snapshots like top -b: -n of them (0: until stopped), -d apart. */
static int
main_batch(uv_loop_t *loop, struct api *api, struct store *store,
    const struct config *cfg, char **cause)
{
	struct batch_options	opts;

	memset(&opts, 0, sizeof opts);
	opts.iterations = cfg->iterations;
	opts.delay = cfg->delay;
	opts.json = cfg->json;
	opts.label = cfg->demo ? "demo" : NULL;
	return (batch_run(loop, api, store, &opts, cause));
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
	if (!old->demo && ((next.server != NULL && old->server != NULL &&
	    strcmp(next.server, old->server) != 0) ||
	    (next.user != NULL && old->user != NULL &&
	    strcmp(next.user, old->user) != 0)))
		*note = xstrdup("a new server or user takes a restart of "
		    "evtop");
	log_debug("%s: reloaded %s", __func__, next.file != NULL ? next.file :
	    "(no file)");
	config_done(&next);
	return (0);
}

static int
main_dashboard(uv_loop_t *loop, struct api *api, struct store *store,
    const struct config *cfg, struct demo *demo, struct keymap *km,
    struct theme *theme, struct main_reload *reload, struct auth *auth)
{
	struct app_options	 opts;
	struct app		*app;
	int			 rc;

	memset(&opts, 0, sizeof opts);
	opts.ascii = cfg->ascii;
	opts.no_color = cfg->no_color;
	opts.readonly = cfg->readonly;
	opts.server_label = cfg->demo ? "demo" : NULL;
	opts.keymap = km;
	opts.theme = theme;
	opts.reload = main_reload;
	opts.reload_arg = reload;
	opts.sign_out = auth_sign_out;
	opts.sign_out_arg = auth;
	app = app_new(loop, api, store, &opts);
	demo_watch(demo, loop, app);
	rc = app_run(app);
	demo_unwatch(demo);
	app_free(app);
	/* Signed out by the server while it ran. */
	if (rc == EXIT_NOT_SIGNED_IN)
		auth_refused(auth);
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

int
main(int argc, char **argv)
{
	struct config		 cfg;
	struct api_options	 aopts;
	struct demo		*demo = NULL;
	struct main_reload	 reload;
	struct keymap		*km = NULL;
	struct theme		*theme;
	struct store		*store;
	struct api		*api;
	struct auth		*auth;
	uv_loop_t		 loop;
	char			*cause = NULL;
	int			 status, rc;

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
		rc = auth_logout(&cfg);
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
		if ((demo = demo_start(&cause)) == NULL) {
			fprintf(stderr, "evtop: cannot start the demo: %s\n",
			    cause);
			free(cause);
			keymap_free(km);
			theme_free(theme);
			config_done(&cfg);
			return (EXIT_FAIL);
		}
		free(cfg.server);
		cfg.server = xstrdup(demo_url(demo));
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

	auth = auth_new(&loop, api, &cfg);
	if ((status = auth_sign_in(auth, &cause)) == API_OK && cfg.batch) {
		status = main_batch(&loop, api, store, &cfg, &cause);
		/* Refused mid-run: the kept token goes, or batch says how. */
		if (status == API_ERR_AUTH) {
			fprintf(stderr, "evtop: %s\n", cause);
			auth_refused(auth);
			rc = main_exit_code(status);
			goto done;
		}
	}
	if (status != API_OK) {
		fprintf(stderr, "evtop: %s\n", cause != NULL ? cause :
		    "failed");
		rc = main_exit_code(status);
	} else if (cfg.batch)
		rc = EXIT_OK;
	else {
		reload.argc = argc;
		reload.argv = argv;
		reload.running = &cfg;
		reload.api = api;
		rc = main_dashboard(&loop, api, store, &cfg, demo, km,
		    theme, &reload, auth);
		km = NULL;	/* the app's now, */
		theme = NULL;	/* and so is this */
	}
done:
	keymap_free(km);
	theme_free(theme);
	free(cause);
	auth_free(auth);

	api_free(api);
	uv_run(&loop, UV_RUN_DEFAULT);
	if (uv_loop_close(&loop) != 0)
		log_debug("%s: the loop still had handles at exit", __func__);
	store_free(store);
	curl_global_cleanup();
	demo_free(demo);
	log_close();
	config_done(&cfg);
	return (rc);
}
