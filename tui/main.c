/*
 * evtop: a terminal dashboard for running live events.
 *
 * main() reads what the user asked for, finds a server (or starts the
 * bundled mock for --demo), signs in before the screen is taken over, and
 * hands the signed-in client to the dashboard or to batch output.  What
 * it sets up lives in one struct, freed in one place however evtop ends.
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
#include "account.h"
#include "batch.h"
#include "clock.h"
#include "config.h"
#include "demo.h"
#include "info.h"
#include "keys.h"
#include "kiosk-pin-cmd.h"
#include "log.h"
#include "options.h"
#include "paths.h"
#include "reload.h"
#include "store.h"
#include "theme.h"
#include "version.h"
#include "xmalloc.h"

/* A step's answer when evtop goes on to the next one (exit codes are >= 0). */
#define MAIN_GO_ON	-1

/* Everything main() sets up; main_done frees what was. */
struct main_ctx {
	int		 argc;
	char		**argv;
	struct config	 cfg;
	struct keymap	*km;		/* the dashboard's, until the app's */
	struct theme	*theme;		/* the same */
	struct demo	*demo;		/* --demo's evtop-mock, or NULL */
	uv_loop_t	 loop;
	int		 loop_ready;
	struct store	*store;
	struct api	*api;		/* NULL for `info` without a server */
	struct account	*account;
	struct reload	*reload;
	char		*cause;		/* why the last step failed */
};

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

/* Usage errors: one line naming the problem, perhaps a hint, exit 2. */
static int
main_usage(struct main_ctx *c, int hint)
{
	fprintf(stderr, "evtop: %s\n", c->cause);
	if (hint)
		fprintf(stderr, "Try 'evtop --help'.\n");
	return (EXIT_USAGE);
}

/* A step that failed: its sentence, and the exit code for its status. */
static int
main_failed(struct main_ctx *c, int status)
{
	fprintf(stderr, "evtop: %s\n", c->cause != NULL ? c->cause : "failed");
	return (main_exit_code(status));
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

/*
 * The command line, the environment and the config file; --help and
 * --version end here.  evtop does not start on a config (keys and theme
 * included) it cannot read correctly.
 */
static int
main_configure(struct main_ctx *c)
{
	struct config	*cfg = &c->cfg;

	if (config_parse_argv(cfg, c->argc, c->argv, &c->cause) != 0)
		return (main_usage(c, 1));
	if (cfg->action == CONFIG_HELP) {
		options_print_help(stdout, "evtop");
		return (EXIT_OK);
	}
	if (cfg->action == CONFIG_VERSION) {
		main_version();
		return (EXIT_OK);
	}
	/* A test's fixed clock that is not a time is not quietly ignored. */
	if (clock_check(&c->cause) != 0)
		return (main_usage(c, 0));
	if (config_resolve(cfg, &c->cause) != 0)
		return (main_usage(c, 0));
	if (cfg->action == CONFIG_RUN) {
		if (cfg->json || !isatty(STDOUT_FILENO))
			cfg->batch = 1;
		else if (!cfg->batch && !isatty(STDIN_FILENO) &&
		    main_keys_from_tty())
			cfg->batch = 1;
	}
	if (config_check(cfg, &c->cause) != 0)
		return (main_usage(c, 1));
	if ((c->km = reload_keymap(cfg, &c->cause)) == NULL ||
	    (c->theme = reload_theme(cfg, &c->cause)) == NULL)
		return (main_usage(c, 0));
	return (MAIN_GO_ON);
}

/* The trace log: EVTOP_TRACE names it, -v puts it in the state folder. */
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

/* --demo: evtop-mock is started first, and is the server. */
static int
main_start_demo(struct main_ctx *c)
{
	if (!c->cfg.demo)
		return (MAIN_GO_ON);
	if (!c->cfg.batch)
		fprintf(stderr, "evtop: starting the demo server...\n");
	if ((c->demo = demo_start(&c->cause)) == NULL) {
		fprintf(stderr, "evtop: cannot start the demo: %s\n", c->cause);
		return (EXIT_FAIL);
	}
	free(c->cfg.server);
	c->cfg.server = xstrdup(demo_url(c->demo));
	return (MAIN_GO_ON);
}

/* The loop, the store, and the client when there is a server. */
static void
main_start_client(struct main_ctx *c)
{
	struct api_options	aopts;

	curl_global_init(CURL_GLOBAL_DEFAULT);
	uv_loop_init(&c->loop);
	c->loop_ready = 1;
	c->store = store_new();
	if (c->cfg.server == NULL)
		return;
	memset(&aopts, 0, sizeof aopts);
	aopts.server = c->cfg.server;
	aopts.cacert = c->cfg.cacert;
	aopts.insecure = c->cfg.insecure;
	c->api = api_new(&c->loop, &aopts, c->store, NULL, NULL);
	api_set_poll_interval(c->api, (uint64_t)(c->cfg.poll_interval * 1000));
}

/* evtop info: no sign-in, one request (/api/meta) when there is a server. */
static int
main_info(struct main_ctx *c)
{
	struct info_build	b = { EVTOP_VERSION, EVTOP_GIT };

	main_start_client(c);
	return (info_run(&c->loop, c->api, &c->cfg, &b, stdout));
}

static int
main_sign_in(struct main_ctx *c)
{
	int	status;

	c->account = account_new(&c->loop, c->api, &c->cfg);
	if ((status = account_sign_in(c->account, &c->cause)) != API_OK)
		return (main_failed(c, status));
	return (MAIN_GO_ON);
}

/* The header's name for the server: --label, "demo", or NULL (its URL). */
static const char *
main_label(const struct config *cfg)
{
	if (cfg->label != NULL)
		return (cfg->label);
	return (cfg->demo ? "demo" : NULL);
}

static int
main_batch(struct main_ctx *c)
{
	struct batch_options	opts;
	int			status, rc;

	memset(&opts, 0, sizeof opts);
	opts.iterations = c->cfg.iterations;
	opts.delay = c->cfg.delay;
	opts.json = c->cfg.json;
	opts.label = main_label(&c->cfg);
	if ((status = batch_run(&c->loop, c->api, c->store, &opts,
	    &c->cause)) == API_OK)
		return (EXIT_OK);
	rc = main_failed(c, status);
	/* Refused mid-run: the kept token goes, or batch says how. */
	if (status == API_ERR_AUTH)
		account_refused(c->account);
	return (rc);
}

static int
main_dashboard(struct main_ctx *c)
{
	struct app_options	 opts;
	struct app		*app;
	int			 rc;

	c->reload = reload_new(c->argc, c->argv, &c->cfg, c->api);
	memset(&opts, 0, sizeof opts);
	opts.ascii = c->cfg.ascii;
	opts.no_color = c->cfg.no_color;
	opts.readonly = c->cfg.readonly;
	opts.mouse = c->cfg.mouse;
	opts.server_label = main_label(&c->cfg);
	opts.keymap = c->km;
	opts.theme = c->theme;
	c->km = NULL;		/* the app's now, */
	c->theme = NULL;	/* and so is this */
	opts.reload = reload_config;
	opts.reload_arg = c->reload;
	opts.sign_out = account_sign_out;
	opts.sign_out_arg = c->account;
	opts.signed_in = account_signed_in;
	opts.signed_in_arg = c->account;
	if (c->cfg.kiosk_event > 0) {
		opts.kiosk.event_id = c->cfg.kiosk_event;
		opts.kiosk.server = c->cfg.server;
		opts.kiosk.pin_hash = c->cfg.kiosk_pin;
		opts.kiosk.tab_ends = c->cfg.kiosk_terminator != NULL &&
		    strcmp(c->cfg.kiosk_terminator, "tab") == 0;
		opts.kiosk.idle_ms = (unsigned)(c->cfg.kiosk_scan_timeout *
		    1000);
		opts.kiosk.banner_ms = (unsigned)(c->cfg.kiosk_banner * 1000);
		opts.kiosk.bell = c->cfg.kiosk_bell;
	}
	app = app_new(&c->loop, c->api, c->store, &opts);
	demo_watch(c->demo, &c->loop, app);
	rc = app_run(app);
	demo_unwatch(c->demo);
	app_free(app);
	/* Signed out by the server while it ran. */
	if (rc == EXIT_NOT_SIGNED_IN)
		account_refused(c->account);
	return (rc);
}

/* The one way out: frees whatever the steps set up, in order. */
static void
main_done(struct main_ctx *c)
{
	keymap_free(c->km);
	theme_free(c->theme);
	account_free(c->account);
	reload_free(c->reload);
	if (c->api != NULL)
		api_free(c->api);
	if (c->loop_ready) {
		/* Let every handle finish closing. */
		uv_run(&c->loop, UV_RUN_DEFAULT);
		if (uv_loop_close(&c->loop) != 0)
			log_debug("%s: the loop still had handles at exit",
			    __func__);
		store_free(c->store);
		curl_global_cleanup();
	}
	demo_free(c->demo);
	free(c->cause);
	log_close();
	config_done(&c->cfg);
}

int
main(int argc, char **argv)
{
	struct main_ctx	c;
	int		rc;

	setlocale(LC_ALL, "");
	signal(SIGPIPE, SIG_IGN);
	memset(&c, 0, sizeof c);
	c.argc = argc;
	c.argv = argv;
	config_init(&c.cfg);

	if ((rc = main_configure(&c)) != MAIN_GO_ON)
		goto out;
	main_open_trace(&c.cfg);
	if (c.cfg.action == CONFIG_LOGOUT) {
		rc = account_logout(&c.cfg);
		goto out;
	}
	if (c.cfg.action == CONFIG_INFO) {
		rc = main_info(&c);
		goto out;
	}
	if (c.cfg.action == CONFIG_KIOSK_PIN) {
		rc = kiosk_pin_cmd_run(&c.cfg);
		goto out;
	}
	if ((rc = main_start_demo(&c)) != MAIN_GO_ON)
		goto out;
	main_start_client(&c);
	if ((rc = main_sign_in(&c)) != MAIN_GO_ON)
		goto out;
	rc = c.cfg.batch ? main_batch(&c) : main_dashboard(&c);
out:
	main_done(&c);
	return (rc);
}
