/* Command-line parsing: what a user types, and what evtop says back. */
#include <stdlib.h>

#include "config.h"
#include "options.h"
#include "test.h"

static int
parse(struct config *cfg, char **cause, int argc, const char **argv)
{
	config_init(cfg);
	*cause = NULL;
	return (config_parse_argv(cfg, argc, (char **)(uintptr_t)argv,
	    cause));
}

static void
test_good_options(void)
{
	const char	*argv[] = { "evtop", "-s", "https://ev.example",
	    "--user", "ops@example.com", "-b", "--no-color", "-c",
	    "/etc/evtop.ini", NULL };
	struct config	 cfg;
	char		*cause;

	CHECK_INT(parse(&cfg, &cause, 9, argv), 0);
	CHECK_STR(cfg.server, "https://ev.example");
	CHECK_STR(cfg.config_file, "/etc/evtop.ini");
	CHECK_STR(cfg.user, "ops@example.com");
	CHECK_INT(cfg.batch, 1);
	CHECK_INT(cfg.no_color, 1);
	CHECK_INT(cfg.demo, 0);
	CHECK_INT(cfg.action, CONFIG_RUN);
	config_done(&cfg);
}

static void
test_help_and_version(void)
{
	const char	*h[] = { "evtop", "--help", NULL };
	const char	*v[] = { "evtop", "-V", NULL };
	struct config	 cfg;
	char		*cause;

	CHECK_INT(parse(&cfg, &cause, 2, h), 0);
	CHECK_INT(cfg.action, CONFIG_HELP);
	config_done(&cfg);
	CHECK_INT(parse(&cfg, &cause, 2, v), 0);
	CHECK_INT(cfg.action, CONFIG_VERSION);
	config_done(&cfg);
}

static void
test_bad_options(void)
{
	static const struct {
		const char	*arg1, *arg2;
		int		 argc;
		const char	*want;
	} cases[] = {
		{ "--bogus", NULL, 2, "unknown option --bogus" },
		{ "-x", NULL, 2, "unknown option -x" },
		{ "--server", NULL, 2, "option --server needs an argument" },
		{ "-s", NULL, 2, "option -s needs an argument" },
		{ "--server=", NULL, 2, "option --server needs a non-empty URL" },
		{ "--demo", "stray", 3, "unexpected argument 'stray'" },
		{ "--server=http://x\x1b[2J", NULL, 2,
		  "option --server has a control character in its URL" },
		{ "-u", "a\rb@example.com", 3,
		  "option --user has a control character in its EMAIL" },
		{ "-n", "x", 3, "option --iterations wants a whole number of 0 "
		  "or more, not \"x\"" },
		{ "-n", "-1", 3, "option --iterations wants a whole number of 0 "
		  "or more, not \"-1\"" },
		{ "--iterations=2.5", NULL, 2, "option --iterations wants a "
		  "whole number of 0 or more, not \"2.5\"" },
		{ "-d", "0", 3, "option --delay wants seconds greater than 0 and "
		  "at most 86400, such as 2 or 0.5, not \"0\"" },
		{ "-d", "soon", 3, "option --delay wants seconds greater than 0 "
		  "and at most 86400, such as 2 or 0.5, not \"soon\"" },
		{ "-d", "1e3", 3, "option --delay wants seconds greater than 0 "
		  "and at most 86400, such as 2 or 0.5, not \"1e3\"" },
		{ "-d", NULL, 2, "option -d needs an argument" },
		{ "-n", NULL, 2, "option -n needs an argument" },
		{ "--poll-interval", "0.5", 3, "option --poll-interval wants "
		  "seconds from 1 to 3600, not \"0.5\"" },
		{ "-s", "ftp://ev.example", 3, "option --server wants a URL "
		  "starting with http:// or https://, not \"ftp://ev.example\"" },
		/* A name is not an address: refused, not a password asked. */
		{ "-u", "alice", 3, "option --user wants an email address, "
		  "like you@example.com, not \"alice\"" },
		{ "--user=alice@", NULL, 2, "option --user wants an email "
		  "address, like you@example.com, not \"alice@\"" },
		{ "-u", "@example.com", 3, "option --user wants an email "
		  "address, like you@example.com, not \"@example.com\"" },
		{ "-u", "al ice@example.com", 3, "option --user wants an email "
		  "address, like you@example.com, not \"al ice@example.com\"" },
		{ "-p", NULL, 2, "option -p needs an argument" },
		{ "--config", NULL, 2, "option --config needs an argument" },
		{ "-c", NULL, 2, "option -c needs an argument" },
		{ "--token-file", NULL, 2,
		  "option --token-file needs an argument" },
		{ "info", "more", 3, "unexpected argument 'more'" },
		{ "--kiosk", "abc", 3, "option --kiosk wants an event's id, a "
		  "whole number of 1 or more, not \"abc\"" },
		{ "--kiosk", "0", 3, "option --kiosk wants an event's id, a "
		  "whole number of 1 or more, not \"0\"" },
		{ "--kiosk=-4", NULL, 2, "option --kiosk wants an event's id, a "
		  "whole number of 1 or more, not \"-4\"" },
		{ "--kiosk", "12x", 3, "option --kiosk wants an event's id, a "
		  "whole number of 1 or more, not \"12x\"" },
		{ "--kiosk", "99999999999999999999", 3, "option --kiosk wants "
		  "an event's id, a whole number of 1 or more, not "
		  "\"99999999999999999999\"" },
		{ "--kiosk", NULL, 2, "option --kiosk needs an argument" },
		{ "--kiosk-terminator", "cr", 3, "option --kiosk-terminator "
		  "wants enter, tab or none, not \"cr\"" },
		{ "--kiosk-scan-timeout", "3", 3, "option --kiosk-scan-timeout "
		  "wants seconds from 0 to 2, not \"3\"" },
		{ "--kiosk-scan-timeout", "-0.1", 3, "option "
		  "--kiosk-scan-timeout wants seconds from 0 to 2, not "
		  "\"-0.1\"" },
		{ "--kiosk-banner", "0.5", 3, "option --kiosk-banner wants "
		  "seconds from 1 to 60, not \"0.5\"" },
		{ "--kiosk-banner", "61", 3, "option --kiosk-banner wants "
		  "seconds from 1 to 60, not \"61\"" },
	};
	struct config	 cfg;
	char		*cause;
	size_t		 i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *argv[] = { "evtop", cases[i].arg1, cases[i].arg2,
		    NULL };
		CHECK_INT(parse(&cfg, &cause, cases[i].argc, argv), -1);
		CHECK_STR(cause, cases[i].want);
		free(cause);
		config_done(&cfg);
	}
}

/* A token on argv is refused without echoing it, even abbreviated. */
static void
test_token_on_argv(void)
{
	static const char *const cases[][3] = {
		{ "--token", "eyJhbGciOi.secret.sig", NULL },
		{ "--token=eyJhbGciOi.secret.sig", NULL, NULL },
		{ "-s", "http://ev.example", "--token=eyJhbGciOi.secret.sig" },
	};
	struct config	 cfg;
	char		*cause;
	size_t		 i;
	int		 argc;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *argv[] = { "evtop", cases[i][0], cases[i][1],
		    cases[i][2], NULL };
		argc = cases[i][2] != NULL ? 4 : cases[i][1] != NULL ? 3 : 2;
		CHECK_INT(parse(&cfg, &cause, argc, argv), -1);
		CHECK(cause != NULL && strstr(cause, "there is no --token "
		    "option") != NULL && strstr(cause, "--token-file") != NULL);
		CHECK(cause != NULL && strstr(cause, "secret") == NULL);
		free(cause);
		config_done(&cfg);
	}
}

/* The kiosk's PIN is never an option: refused, and never echoed. */
static void
test_kiosk_pin_on_argv(void)
{
	static const char *const cases[][3] = {
		{ "--kiosk-pin", "4711", NULL },
		{ "--kiosk-pin=4711", NULL, NULL },
		{ "--kiosk", "3", "--kiosk-pin=4711" },
	};
	struct config	 cfg;
	char		*cause;
	size_t		 i;
	int		 argc;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *argv[] = { "evtop", cases[i][0], cases[i][1],
		    cases[i][2], NULL };
		argc = cases[i][2] != NULL ? 4 : cases[i][1] != NULL ? 3 : 2;
		CHECK_INT(parse(&cfg, &cause, argc, argv), -1);
		CHECK_STR(cause, "there is no --kiosk-pin option: a PIN on the "
		    "command line can be read by other users and stays in "
		    "shell history; set it with 'evtop kiosk-pin', which "
		    "keeps only its hash in the config file");
		CHECK(cfg.kiosk_pin == NULL);
		free(cause);
		config_done(&cfg);
	}
	/* Nor is kiosk_pin's row an option getopt knows by another name. */
	CHECK(options_get(OPT_KIOSK_PIN) != NULL &&
	    !options_on_argv(options_get(OPT_KIOSK_PIN)));
}

static void
test_kiosk_options(void)
{
	const char	*argv[] = { "evtop", "--kiosk", "42",
	    "--kiosk-terminator", "tab", "--kiosk-scan-timeout", "0.25",
	    "--kiosk-bell", "--kiosk-banner", "10", NULL };
	struct config	 cfg;
	char		*cause = NULL;

	/* Not a kiosk, until asked. */
	config_init(&cfg);
	CHECK_INT(cfg.kiosk_event, 0);
	CHECK(cfg.kiosk_pin == NULL);
	CHECK_STR(cfg.kiosk_terminator, "enter");
	CHECK_INT((long)(cfg.kiosk_scan_timeout * 1000), 0);
	CHECK_INT(cfg.kiosk_bell, 0);
	CHECK_INT((long)cfg.kiosk_banner, 3);
	config_done(&cfg);

	CHECK_INT(parse(&cfg, &cause, 10, argv), 0);
	CHECK_STR(cause, NULL);
	CHECK_INT(cfg.kiosk_event, 42);
	CHECK_STR(cfg.kiosk_terminator, "tab");
	CHECK_INT((long)(cfg.kiosk_scan_timeout * 1000), 250);
	CHECK_INT(cfg.kiosk_bell, 1);
	CHECK_INT((long)cfg.kiosk_banner, 10);
	CHECK_INT(cfg.from[OPT_KIOSK], CONFIG_SRC_FLAG);
	config_done(&cfg);

	/* Ids beyond 32 bits are ids; 0 switches the scan timeout off. */
	argv[2] = "8589934592";
	argv[6] = "0";
	CHECK_INT(parse(&cfg, &cause, 10, argv), 0);
	CHECK(cfg.kiosk_event == INT64_C(8589934592));
	CHECK_INT((long)(cfg.kiosk_scan_timeout * 1000), 0);
	CHECK_INT(cfg.from[OPT_KIOSK_SCAN_TIMEOUT], CONFIG_SRC_FLAG);
	config_done(&cfg);
}

/* A yescrypt hash of "4711". */
#define KIOSK_HASH	"$y$j9T$F5Jx5fExrKuPp53xLKQ..1$" \
	"T.6MJPbSRJwgOxRhMWg2dULCxrUfhNnV7A706kom2M0"

/* The station needs a PIN to leave it, a terminal, and a way to scan. */
static void
test_kiosk_check(void)
{
	static const struct {
		const char	*a[7];	/* NULL-terminated */
		int		 pin;
		const char	*says;	/* NULL: accepted */
	} cases[] = {
		{ { "--kiosk", "7" }, 0, "no kiosk PIN is set: run 'evtop "
		  "kiosk-pin' first (it keeps a hash in the config file)" },
		{ { "--kiosk", "7" }, 1, NULL },
		{ { "--kiosk", "7", "-b" }, 1, "--kiosk needs a terminal: it "
		  "cannot run in batch mode" },
		{ { "--kiosk", "7", "--json" }, 1, "--kiosk needs a terminal: "
		  "it cannot run in batch mode" },
		{ { "--kiosk", "7", "--kiosk-terminator", "none",
		  "--kiosk-scan-timeout", "0" }, 1, "kiosk_terminator none "
		  "needs a kiosk_scan_timeout above 0: nothing else tells "
		  "where a scan ends" },
		{ { "--kiosk", "7", "--kiosk-terminator", "none",
		  "--kiosk-scan-timeout", "0.2" }, 1, NULL },
		{ { "--kiosk-bell" }, 1, "--kiosk-bell shapes the kiosk: add "
		  "--kiosk EVENT_ID" },
		{ { "--kiosk-banner", "5" }, 0, "--kiosk-banner shapes the "
		  "kiosk: add --kiosk EVENT_ID" },
		/* evtop info and logout are no station: no PIN needed. */
		{ { "info", "--kiosk", "7" }, 0, NULL },
		{ { "info", "--kiosk", "7", "--json" }, 0, NULL },
		{ { "logout", "--kiosk", "7" }, 0, NULL },
	};
	struct config	 cfg;
	char		*cause;
	size_t		 i;
	int		 argc;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *argv[9] = { "evtop" };

		for (argc = 1; cases[i].a[argc - 1] != NULL; argc++)
			argv[argc] = cases[i].a[argc - 1];
		cause = NULL;
		CHECK_INT(parse(&cfg, &cause, argc, argv), 0);
		cfg.server = strdup("http://ev.example");
		if (cases[i].pin)
			cfg.kiosk_pin = strdup(KIOSK_HASH);
		CHECK_INT(config_check(&cfg, &cause),
		    cases[i].says == NULL ? 0 : -1);
		CHECK_STR(cause, cases[i].says);
		free(cause);
		config_done(&cfg);
	}
}

static void
test_batch_options(void)
{
	const char	*argv[] = { "evtop", "-b", "-n", "0", "-d", "0.25",
	    "--json", "--readonly", "--poll-interval", "30", NULL };
	const char	*info[] = { "evtop", "-s", "http://ev.example", "info",
	    "--json", NULL };
	struct config	 cfg;
	char		*cause = NULL;

	CHECK_INT(parse(&cfg, &cause, 10, argv), 0);
	CHECK_INT(cfg.iterations, 0);
	CHECK(cfg.delay > 0.249 && cfg.delay < 0.251);
	CHECK_INT(cfg.json, 1);
	CHECK_INT(cfg.readonly, 1);
	CHECK_INT((long)cfg.poll_interval, 30);
	CHECK_INT(cfg.from[OPT_DELAY], CONFIG_SRC_FLAG);
	cfg.server = strdup("http://ev.example");
	CHECK_INT(config_check(&cfg, &cause), 0);
	config_done(&cfg);

	/* Defaults: one snapshot, 3 s apart, polling every 10 s. */
	config_init(&cfg);
	CHECK_INT(cfg.iterations, 1);
	CHECK_INT((long)cfg.delay, 3);
	CHECK_INT((long)cfg.poll_interval, 10);
	config_done(&cfg);

	/* The subcommand may come anywhere among the options. */
	CHECK_INT(parse(&cfg, &cause, 5, info), 0);
	CHECK_INT(cfg.action, CONFIG_INFO);
	CHECK_INT(cfg.json, 1);
	CHECK_STR(cfg.server, "http://ev.example");
	config_done(&cfg);

	/* So may kiosk-pin, which needs no server and no PIN. */
	info[3] = "kiosk-pin";
	CHECK_INT(parse(&cfg, &cause, 4, info), 0);
	CHECK_INT(cfg.action, CONFIG_KIOSK_PIN);
	free(cfg.server);
	cfg.server = NULL;
	CHECK_INT(config_check(&cfg, &cause), 0);
	config_done(&cfg);

	/* So may logout; it needs a server to sign out of. */
	info[3] = "logout";
	CHECK_INT(parse(&cfg, &cause, 4, info), 0);
	CHECK_INT(cfg.action, CONFIG_LOGOUT);
	CHECK_INT(config_check(&cfg, &cause), 0);
	free(cfg.server);
	cfg.server = NULL;
	CHECK_INT(config_check(&cfg, &cause), -1);
	CHECK(cause != NULL && strstr(cause, "evtop logout needs the server")
	    != NULL);
	free(cause);
	config_done(&cfg);
}

static void
test_check_combinations(void)
{
	struct config	 cfg;
	char		*cause = NULL;

	config_init(&cfg);
	CHECK_INT(config_check(&cfg, &cause), -1);
	CHECK(cause != NULL && strstr(cause, "--demo") != NULL);
	free(cause);
	cause = NULL;

	cfg.server = strdup("ftp://example.com");
	CHECK_INT(config_check(&cfg, &cause), -1);
	CHECK(cause != NULL && strstr(cause, "http://") != NULL);
	free(cause);
	cause = NULL;

	/* --demo with --server given by hand: refused. */
	cfg.demo = 1;
	cfg.from[OPT_SERVER] = CONFIG_SRC_FLAG;
	CHECK_INT(config_check(&cfg, &cause), -1);
	free(cause);
	cause = NULL;

	free(cfg.server);
	cfg.server = NULL;
	cfg.from[OPT_SERVER] = CONFIG_SRC_BUILTIN;
	CHECK_INT(config_check(&cfg, &cause), 0);
	config_done(&cfg);
}

static void
test_env_does_not_beat_flags(void)
{
	const char	*argv[] = { "evtop", "-s", "http://flag.example", NULL };
	struct config	 cfg;
	char		*cause;

	setenv("EVTOP_SERVER", "http://env.example", 1);
	CHECK_INT(parse(&cfg, &cause, 3, argv), 0);
	config_apply_env(&cfg);
	CHECK_STR(cfg.server, "http://flag.example");
	config_done(&cfg);

	config_init(&cfg);
	config_apply_env(&cfg);
	CHECK_STR(cfg.server, "http://env.example");
	config_done(&cfg);

	/* An escape sequence in the environment is refused, not printed. */
	setenv("EVTOP_SERVER", "http://x\x1b]0;pwned\x07", 1);
	config_init(&cfg);
	config_apply_env(&cfg);
	CHECK_INT(config_check(&cfg, &cause), -1);
	CHECK(cause != NULL && strstr(cause, "control character") != NULL &&
	    strchr(cause, '\x1b') == NULL);
	free(cause);
	config_done(&cfg);
	unsetenv("EVTOP_SERVER");
}

static void
test_tidy_server(void)
{
	static const struct {
		const char	*in, *out;
	} cases[] = {
		{ "https://ev.example", "https://ev.example" },
		{ "https://ev.example/", "https://ev.example" },
		{ "https://ev.example/api", "https://ev.example" },
		{ "https://ev.example/api/", "https://ev.example" },
		{ "https://ev.example/events/api//", "https://ev.example/events" },
		{ "https://ev.example/apis", "https://ev.example/apis" },
	};
	struct config	cfg;
	size_t		i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		config_init(&cfg);
		cfg.server = strdup(cases[i].in);
		config_tidy_server(&cfg);
		CHECK_STR(cfg.server, cases[i].out);
		config_done(&cfg);
	}
}

/* Options that cannot apply are refused, not silently ignored. */
static void
test_pointless_combinations(void)
{
	static const struct {
		const char	*a1, *a2, *a3;
		int		 argc;
		const char	*says;
	} cases[] = {
		{ "--demo", "-u", "bob@example.com", 4, "--user does not apply" },
		{ "--demo", "--cacert", "/etc/ca.pem", 4,
		  "--cacert does not apply" },
		{ "--demo", "--insecure", NULL, 3, "--insecure does not apply" },
		{ "--demo", "--token-file", "/tmp/t", 4,
		  "--token-file does not apply" },
		{ "--demo", "-s", "http://ev.example", 4,
		  "do not give --server too" },
		{ "--insecure", "--cacert", "/etc/ca.pem", 4,
		  "--cacert /etc/ca.pem would not be used" },
		{ "-n", "3", NULL, 3, "--iterations repeats batch output: add -b" },
		{ "-d", "2", NULL, 3, "--delay repeats batch output: add -b" },
		{ "-b", "-d", "2", 4, "there is only one: add -n N" },
		{ "info", "-n", "2", 4, "evtop info prints once" },
		{ "logout", "--json", NULL, 3, "--json does not apply" },
		{ "logout", "-b", NULL, 3, "--batch does not apply" },
		{ "logout", "--demo", NULL, 3, "--demo does not apply" },
	};
	struct config	 cfg;
	char		*cause;
	size_t		 i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *argv[] = { "evtop", cases[i].a1, cases[i].a2,
		    cases[i].a3, NULL };
		CHECK_INT(parse(&cfg, &cause, cases[i].argc, argv), 0);
		if (cfg.server == NULL && !cfg.demo)
			cfg.server = strdup("http://ev.example");
		CHECK_INT(config_check(&cfg, &cause), -1);
		CHECK(cause != NULL && strstr(cause, cases[i].says) != NULL);
		free(cause);
		config_done(&cfg);
	}
}

/* An exported EVTOP_SERVER does not get in the way of --demo. */
static void
test_demo_ignores_env_server(void)
{
	const char	*argv[] = { "evtop", "--demo", NULL };
	struct config	 cfg;
	char		*cause = NULL;

	setenv("EVTOP_SERVER", "http://env.example", 1);
	CHECK_INT(parse(&cfg, &cause, 2, argv), 0);
	config_apply_env(&cfg);
	CHECK(cfg.server == NULL);
	CHECK_INT(config_check(&cfg, &cause), 0);
	config_done(&cfg);
	unsetenv("EVTOP_SERVER");
}

static void
test_help_lists_every_option(void)
{
	const struct option_spec	*t;
	size_t				 n, i;
	char				*text = NULL;
	size_t				 len = 0;
	FILE				*f;
	char				 want[64];

	f = open_memstream(&text, &len);
	options_print_help(f, "evtop");
	fclose(f);
	t = options_table(&n);
	for (i = 0; i < n; i++) {
		if (options_on_argv(&t[i]))
			snprintf(want, sizeof want, "--%s", t[i].name);
		else
			snprintf(want, sizeof want, "\n  %s = ",
			    t[i].config_key);
		CHECK(strstr(text, want) != NULL);
		CHECK(strstr(text, t[i].help) != NULL);
	}
	CHECK(strstr(text, "(null)") == NULL);
	free(text);
}

TEST_MAIN(
	TEST_CASE(test_good_options),
	TEST_CASE(test_help_and_version),
	TEST_CASE(test_bad_options),
	TEST_CASE(test_token_on_argv),
	TEST_CASE(test_kiosk_pin_on_argv),
	TEST_CASE(test_kiosk_options),
	TEST_CASE(test_kiosk_check),
	TEST_CASE(test_batch_options),
	TEST_CASE(test_check_combinations),
	TEST_CASE(test_env_does_not_beat_flags),
	TEST_CASE(test_tidy_server),
	TEST_CASE(test_pointless_combinations),
	TEST_CASE(test_demo_ignores_env_server),
	TEST_CASE(test_help_lists_every_option)
)
