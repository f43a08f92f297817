/*
 * The config file: every mistake named by file, line and what was
 * expected; profiles; and the precedence flags > environment > profile >
 * [defaults] > built-in defaults, key by key.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "options.h"
#include "test.h"

static char	dir[] = "/tmp/evtop-config-XXXXXX";
static char	path[256];
static int	dir_made;	/* mkdtemp may leave an X last */

static const char *const env_names[] = {
	"EVTOP_SERVER", "EVTOP_PROFILE", "EVTOP_CONFIG", "EVTOP_TOKEN",
	"NO_COLOR"
};

static void
clean_env(void)
{
	size_t	i;

	for (i = 0; i < sizeof env_names / sizeof env_names[0]; i++)
		unsetenv(env_names[i]);
}

static void
write_config(const char *text)
{
	FILE	*f;

	if (!dir_made) {
		if (mkdtemp(dir) == NULL)
			abort();
		dir_made = 1;
	}
	snprintf(path, sizeof path, "%s/config.ini", dir);
	if ((f = fopen(path, "w")) == NULL)
		abort();
	fputs(text, f);
	fclose(f);
}

/* Parses argv (NULL-terminated) then resolves against the file. */
static int
load(struct config *cfg, char **cause, const char *const *args)
{
	const char	*argv[16] = { "evtop" };
	int		 argc = 1;

	while (args != NULL && *args != NULL && argc < 15)
		argv[argc++] = *args++;
	argv[argc] = NULL;
	config_init(cfg);
	*cause = NULL;
	if (config_parse_argv(cfg, argc, (char **)(uintptr_t)argv,
	    cause) != 0)
		return (-1);
	if (cfg->config_file == NULL) {
		cfg->config_file = strdup(path);
		cfg->from[OPT_CONFIG] = CONFIG_SRC_FLAG;
	}
	return (config_resolve(cfg, cause));
}

/* Each text is wrong on exactly one line; the sentence says how. */
static void
test_error_messages(void)
{
	static const struct {
		const char	*text;
		const char	*want;	/* after "PATH:" */
	} cases[] = {
		{ "[profile a]\nreadonly = maybe\n",
		  "2: readonly wants true or false, not \"maybe\"" },
		{ "[profile a]\nserver = https://a.example\n\n"
		  "poll_interval = fast\n",
		  "4: poll_interval wants seconds from 1 to 3600, not \"fast\"" },
		{ "poll_interval = 0\n",
		  "1: poll_interval wants seconds from 1 to 3600, not \"0\"" },
		{ "[profile a]\nserver = ftp://a.example\n",
		  "2: server wants a URL starting with http:// or https://, "
		  "not \"ftp://a.example\"" },
		{ "server = https://a.example/ x\n",
		  "1: server wants a URL without spaces, not "
		  "\"https://a.example/ x\"" },
		{ "[defaults]\nuser =\n",
		  "2: user wants a EMAIL, not an empty value" },
		{ "[profile a]\nuser = alice\n",
		  "2: user wants an email address, like you@example.com, not "
		  "\"alice\"" },
		{ "[profile a]\nsevrer = https://a.example\n",
		  "2: unknown key \"sevrer\" in [profile a]: expected one of "
		  "server, user, label, readonly, poll_interval, ascii, "
		  "mouse, no_color, theme, cacert, token_file, kiosk_event, "
		  "kiosk_pin, kiosk_terminator, kiosk_scan_timeout, "
		  "kiosk_bell, kiosk_banner" },
		{ "colour = no\n",
		  "1: unknown key \"colour\" in [defaults]: expected one of "
		  "server, user, label, profile, readonly, poll_interval, "
		  "ascii, mouse, no_color, theme, cacert, token_file, "
		  "kiosk_event, kiosk_pin, kiosk_terminator, "
		  "kiosk_scan_timeout, kiosk_bell, kiosk_banner" },
		/* The kiosk's keys. */
		{ "[profile kiosk]\nkiosk_event = door\n",
		  "2: kiosk_event wants an event's id, a whole number of 1 or "
		  "more, not \"door\"" },
		{ "kiosk_event = 0\n",
		  "1: kiosk_event wants an event's id, a whole number of 1 or "
		  "more, not \"0\"" },
		{ "[profile kiosk]\nkiosk_terminator = return\n",
		  "2: kiosk_terminator wants enter, tab or none, not "
		  "\"return\"" },
		{ "[profile kiosk]\nkiosk_scan_timeout = 2.5\n",
		  "2: kiosk_scan_timeout wants seconds from 0 to 2, not "
		  "\"2.5\"" },
		{ "[profile kiosk]\nkiosk_banner = 0\n",
		  "2: kiosk_banner wants seconds from 1 to 60, not \"0\"" },
		{ "[profile kiosk]\nkiosk_bell = loud\n",
		  "2: kiosk_bell wants true or false, not \"loud\"" },
		/* The PIN itself, or anything but a whole hash: never quoted. */
		{ "[profile kiosk]\nkiosk_event = 3\nkiosk_pin = 4711\n",
		  "3: kiosk_pin is not a PIN hash: set it with 'evtop "
		  "kiosk-pin'" },
		{ "kiosk_pin = $y$j9T$F5Jx5fExrKuPp53xLKQ..1\n",
		  "1: kiosk_pin is not a PIN hash: set it with 'evtop "
		  "kiosk-pin'" },
		{ "kiosk_pin =\n",
		  "1: kiosk_pin is not a PIN hash: set it with 'evtop "
		  "kiosk-pin'" },
		/* A path in a file is read from wherever evtop starts. */
		{ "[profile a]\ntoken_file = ~/.config/evtop/token\n",
		  "2: token_file wants a path from /, not "
		  "\"~/.config/evtop/token\"" },
		{ "[profile a]\nprofile = b\n",
		  "2: profile can only be chosen in [defaults], not in "
		  "[profile a]" },
		{ "[profiles]\n", "1: unknown section [profiles]: expected "
		  "[defaults], [profile NAME], [keymap] or [theme]" },
		{ "# ok\n\n[profile]\n",
		  "3: [profile] needs a name, as in [profile venue-a]" },
		{ "[profile a b]\n", "1: profile name \"a b\" may only have "
		  "letters, digits, '.', '_' and '-'" },
		{ "[profile aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa]"
		  "\n", "1: profile names are at most 40 characters long" },
		{ "[profile a]\n[profile b]\n[profile a]\n",
		  "3: [profile a] is already on line 1" },
		{ "[profile a]\nascii = yes\nascii = no\n",
		  "3: ascii is already set in [profile a] on line 2" },
		{ "[profile a\nserver = https://a.example\n",
		  "1: a section line needs a closing ], as in [profile venue-a]" },
		{ "[defaults]\nthis is not ini\n",
		  "2: expected [section], key = value or a comment (# or ;), "
		  "not \"this is not ini\"" },
		{ "[keymap]\nrefresh = F5\nrefresh = r\n",
		  "3: refresh is already bound on line 2" },
		{ "[profile a]\ntheme = neon\n",
		  "2: theme wants default, light, high-contrast or mono, not "
		  "\"neon\"" },
		{ "[theme]\nheader = bold\n\nheader = dim\n",
		  "4: header is already set in [theme] on line 2" },
		{ "[theme]\nheader =\n",
		  "2: header wants a look, such as white on blue bold" },
		{ "[keymap]\nquit =\n",
		  "2: quit wants keys (a, C-r, F5...) or none to unbind it" },
		{ "ascii = true\nuser = a\x01" "b@example.com\n",
		  "2: a control character in the line" },
		{ "ascii = true\n\x00\n", "2: a NUL byte: this is not a text "
		  "file" },
		{ "profile = venue-z\n[profile venue-a]\n",
		  "1: profile venue-z has no [profile venue-z] section" },
		/* Quotes do not make an empty value less empty. */
		{ "[keymap]\nquit = \"\"\n",
		  "2: quit wants keys (a, C-r, F5...) or none to unbind it" },
		{ "[theme]\nheader = \"\"\n",
		  "2: header wants a look, such as white on blue bold" },
		/* The quote is the line itself, not the next one's start. */
		{ "[defaults]\n    oops\nascii = true\n",
		  "2: expected [section], key = value or a comment (# or ;), "
		  "not \"oops\"" },
		/* A long line is quoted in part, never half a character. */
		{ "[defaults]\nthis line is not ini and it goes on ok "
		  "\xc3\xa9t\xc3\xa9\n",
		  "2: expected [section], key = value or a comment (# or ;), "
		  "not \"this line is not ini and it goes on ok \"" },
		/* A control byte quoted from the file never reaches a tty. */
		{ "\x1b[2J oops\n",
		  "1: expected [section], key = value or a comment (# or ;), "
		  "not \"?[2J oops\"" },
		{ "[profile a\x1b]\n", "1: profile name \"a?\" may only have "
		  "letters, digits, '.', '_' and '-'" },
		/* Found by fuzz-config: a binding for no action at all. */
		{ "[keymap]\n= q\n",
		  "2: a key is missing before the = or :, as in quit = q" },
		{ "[theme]\n: bold\n",
		  "2: a key is missing before the = or :, as in quit = q" },
		{ "ascii = true\n = x\n",
		  "2: a key is missing before the = or :, as in quit = q" },
	};
	struct config	 cfg;
	char		*cause, want[512];
	size_t		 i;
	FILE		*f;

	clean_env();
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		write_config(cases[i].text);
		if (strstr(cases[i].want, "NUL") != NULL) {
			/* fputs stops at the NUL: write it by hand. */
			f = fopen(path, "w");
			fwrite("ascii = true\n\0\n", 1, 15, f);
			fclose(f);
		}
		snprintf(want, sizeof want, "%s:%s", path, cases[i].want);
		CHECK_INT(load(&cfg, &cause, NULL), -1);
		CHECK_STR(cause, want);
		free(cause);
		config_done(&cfg);
	}
}

/* Files that cannot be used at all, and a profile that is not there. */
static void
test_file_errors(void)
{
	const char	*pick[] = { "-p", "venue-b", NULL };
	struct config	 cfg;
	char		*cause, want[512];

	clean_env();
	write_config("[profile venue-a]\n[profile venue-c]\n");
	snprintf(want, sizeof want, "no [profile venue-b] in %s (it has: "
	    "venue-a, venue-c)", path);
	CHECK_INT(load(&cfg, &cause, pick), -1);
	CHECK_STR(cause, want);
	free(cause);
	config_done(&cfg);

	/* A file named on purpose must be there. */
	setenv("EVTOP_CONFIG", "/nonexistent/evtop.ini", 1);
	config_init(&cfg);
	CHECK_INT(config_resolve(&cfg, &cause), -1);
	CHECK_STR(cause, "cannot read /nonexistent/evtop.ini: No such file "
	    "or directory");
	free(cause);
	config_done(&cfg);

	/* The default file may be missing, unless a profile is asked for. */
	unsetenv("EVTOP_CONFIG");
	setenv("XDG_CONFIG_HOME", dir, 1);
	config_init(&cfg);
	cause = NULL;
	CHECK_INT(config_resolve(&cfg, &cause), 0);
	CHECK_INT(cfg.file_exists, 0);
	config_done(&cfg);
	setenv("EVTOP_PROFILE", "x", 1);
	config_init(&cfg);
	CHECK_INT(config_resolve(&cfg, &cause), -1);
	snprintf(want, sizeof want, "no [profile x]: there is no config file "
	    "%s/evtop/config.ini", dir);
	CHECK_STR(cause, want);
	free(cause);
	config_done(&cfg);
	unsetenv("EVTOP_PROFILE");
	unsetenv("XDG_CONFIG_HOME");

	/* A folder is not a file. */
	setenv("EVTOP_CONFIG", dir, 1);
	config_init(&cfg);
	CHECK_INT(config_resolve(&cfg, &cause), -1);
	snprintf(want, sizeof want, "cannot read %s: it is not a file", dir);
	CHECK_STR(cause, want);
	free(cause);
	config_done(&cfg);
	unsetenv("EVTOP_CONFIG");
}

static const char *const good =
    "; evtop's config\n"
    "profile = venue-a\n"
    "poll_interval = 20\n"
    "\n"
    "[defaults]\n"
    "no_color = true\n"
    "user = \"default@example.com\"\n"
    "\n"
    "[profile venue-a]\n"
    "server = https://a.example/api/   ; pasted\n"
    "user = a@example.com\n"
    "readonly = yes\n"
    "\n"
    "[profile venue-b]\n"
    "server = https://b.example\n"
    "ascii = on\n"
    "cacert = /etc/b.pem\n"
    "\n"
    "[keymap]\n"
    "refresh = F5, C-r\n"
    "quit = none\n";

static void
test_profiles(void)
{
	const char	*b[] = { "-p", "venue-b", NULL };
	struct config	 cfg;
	char		*cause;

	clean_env();
	write_config(good);
	/* [defaults] names venue-a. */
	CHECK_INT(load(&cfg, &cause, NULL), 0);
	CHECK_STR(cause, NULL);
	CHECK_STR(cfg.profile, "venue-a");
	CHECK_INT(cfg.from[OPT_PROFILE], CONFIG_SRC_DEFAULTS);
	CHECK_STR(cfg.server, "https://a.example");
	CHECK_INT(cfg.from[OPT_SERVER], CONFIG_SRC_PROFILE);
	CHECK_INT(cfg.line[OPT_SERVER], 10);
	CHECK_STR(cfg.user, "a@example.com");
	CHECK_INT(cfg.readonly, 1);
	CHECK_INT(cfg.no_color, 1);
	CHECK_INT(cfg.from[OPT_NO_COLOR], CONFIG_SRC_DEFAULTS);
	CHECK_INT((long)cfg.poll_interval, 20);
	CHECK_INT(cfg.ascii, 0);
	CHECK_INT(cfg.file_exists, 1);
	CHECK_INT(cfg.nkeymap, 2);
	if (cfg.nkeymap == 2) {
		CHECK_STR(cfg.keymap[0].action, "refresh");
		CHECK_STR(cfg.keymap[0].keys, "F5, C-r");
		CHECK_INT(cfg.keymap[0].line, 20);
		CHECK_STR(cfg.keymap[1].keys, "none");
	}
	config_done(&cfg);

	/* -p picks another; its keys, then [defaults] for the rest. */
	CHECK_INT(load(&cfg, &cause, b), 0);
	CHECK_STR(cfg.profile, "venue-b");
	CHECK_STR(cfg.server, "https://b.example");
	CHECK_STR(cfg.user, "default@example.com");
	CHECK_INT(cfg.ascii, 1);
	CHECK_INT(cfg.readonly, 0);
	CHECK_STR(cfg.cacert, "/etc/b.pem");
	config_done(&cfg);
}

/* Flags > environment > profile > [defaults] > built-in, for each key. */
static void
test_precedence(void)
{
	static const struct {
		enum option_id	 id;
		const char	*defaults_line;
		const char	*profile_line;
		const char	*env;		/* NAME=value, or NULL */
		const char	*flag[3];
		const char	*builtin;	/* value with no source */
	} keys[] = {
		{ OPT_SERVER, "server = http://d.example",
		  "server = http://p.example", "EVTOP_SERVER=http://e.example",
		  { "-s", "http://f.example", NULL }, NULL },
		{ OPT_USER, "user = d@example.com", "user = p@example.com",
		  NULL, { "-u", "f@example.com", NULL }, NULL },
		{ OPT_CACERT, "cacert = /d.pem", "cacert = /p.pem", NULL,
		  { "--cacert", "/f.pem", NULL }, NULL },
		{ OPT_LABEL, "label = D", "label = P", NULL,
		  { "--label", "F", NULL }, NULL },
		{ OPT_READONLY, "readonly = false", "readonly = true", NULL,
		  { "--readonly", NULL, NULL }, "0" },
		{ OPT_ASCII, "ascii = false", "ascii = true", NULL,
		  { "--ascii", NULL, NULL }, "0" },
		{ OPT_NO_COLOR, "no_color = false", "no_color = true",
		  "NO_COLOR=1", { "--no-color", NULL, NULL }, "0" },
		{ OPT_POLL_INTERVAL, "poll_interval = 5",
		  "poll_interval = 7", NULL,
		  { "--poll-interval", "9", NULL }, "10" },
		{ OPT_THEME, "theme = light", "theme = mono", NULL,
		  { "--theme", "high-contrast", NULL }, NULL },
		{ OPT_TOKEN_FILE, "token_file = /d.token",
		  "token_file = /p.token", NULL,
		  { "--token-file", "f.token", NULL }, NULL },
		{ OPT_KIOSK, "kiosk_event = 1", "kiosk_event = 2", NULL,
		  { "--kiosk", "4", NULL }, "0" },
		{ OPT_KIOSK_TERMINATOR, "kiosk_terminator = tab",
		  "kiosk_terminator = none", NULL,
		  { "--kiosk-terminator", "enter", NULL }, "enter" },
		{ OPT_KIOSK_SCAN_TIMEOUT, "kiosk_scan_timeout = 0.1",
		  "kiosk_scan_timeout = 0.2", NULL,
		  { "--kiosk-scan-timeout", "0.4", NULL }, "0" },
		{ OPT_KIOSK_BELL, "kiosk_bell = false", "kiosk_bell = true",
		  NULL, { "--kiosk-bell", NULL, NULL }, "0" },
		{ OPT_KIOSK_BANNER, "kiosk_banner = 5", "kiosk_banner = 7",
		  NULL, { "--kiosk-banner", "9", NULL }, "3" },
	};
	struct config	 cfg;
	char		 text[512], *cause, *name;
	size_t		 i;
	int		 layer;

	for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		/* 0: built-in, 1: +defaults, 2: +profile, 3: +env, 4: +flag */
		for (layer = 0; layer <= 4; layer++) {
			clean_env();
			snprintf(text, sizeof text, "profile = p\n%s\n"
			    "[profile p]\n%s\n",
			    layer >= 1 ? keys[i].defaults_line : "",
			    layer >= 2 ? keys[i].profile_line : "");
			write_config(text);
			if (layer >= 3 && keys[i].env != NULL) {
				name = strdup(keys[i].env);
				*strchr(name, '=') = '\0';
				setenv(name, strchr(keys[i].env, '=') + 1, 1);
				free(name);
			}
			CHECK_INT(load(&cfg, &cause, layer >= 4 ?
			    keys[i].flag : NULL), 0);
			if (cause != NULL)
				fprintf(stderr, "%s\n", cause);
			if (layer == 3 && keys[i].env == NULL) {
				config_done(&cfg);
				continue;
			}
			CHECK_INT(cfg.from[keys[i].id], layer == 0 ?
			    CONFIG_SRC_BUILTIN : layer == 1 ?
			    CONFIG_SRC_DEFAULTS : layer == 2 ?
			    CONFIG_SRC_PROFILE : layer == 3 ? CONFIG_SRC_ENV :
			    CONFIG_SRC_FLAG);
			switch (keys[i].id) {
			case OPT_SERVER:
				CHECK_STR(cfg.server, layer == 0 ? NULL :
				    layer == 1 ? "http://d.example" : layer ==
				    2 ? "http://p.example" : layer == 3 ?
				    "http://e.example" : "http://f.example");
				break;
			case OPT_USER:
				CHECK_STR(cfg.user, layer == 0 ? NULL :
				    layer == 1 ? "d@example.com" : layer == 2 ?
				    "p@example.com" : "f@example.com");
				break;
			case OPT_CACERT:
				CHECK_STR(cfg.cacert, layer == 0 ? NULL :
				    layer == 1 ? "/d.pem" : layer == 2 ?
				    "/p.pem" : "/f.pem");
				break;
			case OPT_LABEL:
				CHECK_STR(cfg.label, layer == 0 ? NULL :
				    layer == 1 ? "D" : layer == 2 ? "P" : "F");
				break;
			case OPT_READONLY:
				CHECK_INT(cfg.readonly, layer >= 2);
				break;
			case OPT_ASCII:
				CHECK_INT(cfg.ascii, layer >= 2);
				break;
			case OPT_NO_COLOR:
				CHECK_INT(cfg.no_color, layer >= 2);
				break;
			case OPT_POLL_INTERVAL:
				CHECK_INT((long)cfg.poll_interval, layer ==
				    0 ? 10 : layer == 1 ? 5 : layer == 2 ? 7 :
				    9);
				break;
			case OPT_THEME:
				CHECK_STR(cfg.theme, layer == 0 ? NULL :
				    layer == 1 ? "light" : layer == 2 ?
				    "mono" : "high-contrast");
				break;
			case OPT_TOKEN_FILE:
				CHECK_STR(cfg.token_file, layer == 0 ? NULL :
				    layer == 1 ? "/d.token" : layer == 2 ?
				    "/p.token" : "f.token");
				break;
			case OPT_KIOSK:
				CHECK_INT(cfg.kiosk_event, layer);
				break;
			case OPT_KIOSK_TERMINATOR:
				CHECK_STR(cfg.kiosk_terminator, layer == 1 ?
				    "tab" : layer == 2 ? "none" : "enter");
				break;
			case OPT_KIOSK_SCAN_TIMEOUT:
				CHECK_INT((long)(cfg.kiosk_scan_timeout *
				    1000), layer == 0 ? 0 : layer == 1 ? 100 :
				    layer == 2 ? 200 : 400);
				break;
			case OPT_KIOSK_BELL:
				CHECK_INT(cfg.kiosk_bell, layer >= 2);
				break;
			case OPT_KIOSK_BANNER:
				CHECK_INT((long)cfg.kiosk_banner, layer == 0 ?
				    3 : layer == 1 ? 5 : layer == 2 ? 7 : 9);
				break;
			default:
				break;
			}
			config_done(&cfg);
		}
	}
	clean_env();

	/* The profile itself: -p beats EVTOP_PROFILE beats [defaults]. */
	write_config("profile = a\n[profile a]\n[profile b]\n[profile c]\n");
	setenv("EVTOP_PROFILE", "b", 1);
	{
		const char *flag[] = { "-p", "c", NULL };

		CHECK_INT(load(&cfg, &cause, NULL), 0);
		CHECK_STR(cfg.profile, "b");
		config_done(&cfg);
		CHECK_INT(load(&cfg, &cause, flag), 0);
		CHECK_STR(cfg.profile, "c");
		config_done(&cfg);
	}
	clean_env();

	/*
	 * EVTOP_TOKEN beats the file's token_file, as the environment beats
	 * the file; --token-file beats EVTOP_TOKEN.
	 */
	write_config("token_file = /etc/evtop/token\n");
	setenv("EVTOP_TOKEN", "aaa.bbb.ccc", 1);
	{
		const char *flag[] = { "--token-file", "/f.token", NULL };

		CHECK_INT(load(&cfg, &cause, NULL), 0);
		CHECK_STR(cfg.token_file, NULL);
		CHECK_STR(cfg.token, "aaa.bbb.ccc");
		config_done(&cfg);
		CHECK_INT(load(&cfg, &cause, flag), 0);
		CHECK_STR(cfg.token_file, "/f.token");
		config_done(&cfg);
		unsetenv("EVTOP_TOKEN");
		CHECK_INT(load(&cfg, &cause, NULL), 0);
		CHECK_STR(cfg.token_file, "/etc/evtop/token");
		CHECK_INT(cfg.line[OPT_TOKEN_FILE], 1);
		config_done(&cfg);
	}
	clean_env();

	/* EVTOP_TOKEN is read, and --config beats EVTOP_CONFIG. */
	setenv("EVTOP_TOKEN", "aaa.bbb.ccc", 1);
	setenv("EVTOP_CONFIG", "/nonexistent/evtop.ini", 1);
	CHECK_INT(load(&cfg, &cause, NULL), 0);
	CHECK_STR(cfg.token, "aaa.bbb.ccc");
	CHECK_STR(cfg.file, path);
	config_done(&cfg);
	clean_env();
}

/* Yescrypt hashes of "4711" and "0815". */
#define HASH_A	"$y$j9T$F5Jx5fExrKuPp53xLKQ..1$" \
	"T.6MJPbSRJwgOxRhMWg2dULCxrUfhNnV7A706kom2M0"
#define HASH_B	"$y$j9T$zqkHAIzcjUXsnNs3BVsB5/$" \
	"NoedMsF1/CBejpf9410U/wJvOHM46nWm1Grd4UDQAtB"

/*
 * kiosk_pin: the profile's beats [defaults]', a quoted one reads the
 * same, and nothing else sets it.  With terminator none, silence ends a
 * scan unless the file says how long.
 */
static void
test_kiosk_keys(void)
{
	const char	*kiosk[] = { "-p", "kiosk", NULL };
	const char	*other[] = { "-p", "other", NULL };
	struct config	 cfg;
	char		*cause;

	clean_env();
	write_config("kiosk_pin = " HASH_A "\n"
	    "[profile kiosk]\n"
	    "server = https://ev.example\n"
	    "token_file = /var/lib/evtop-kiosk/token\n"
	    "kiosk_event = 42\n"
	    "kiosk_pin = \"" HASH_B "\"\n"
	    "kiosk_terminator = none\n"
	    "kiosk_bell = yes\n"
	    "[profile other]\n"
	    "server = https://ev.example\n"
	    "kiosk_terminator = none\n"
	    "kiosk_scan_timeout = 0.05\n");
	CHECK_INT(load(&cfg, &cause, kiosk), 0);
	CHECK_STR(cause, NULL);
	CHECK(cfg.kiosk_event == 42);
	CHECK_STR(cfg.kiosk_pin, HASH_B);
	CHECK_INT(cfg.from[OPT_KIOSK_PIN], CONFIG_SRC_PROFILE);
	CHECK_INT(cfg.line[OPT_KIOSK_PIN], 6);
	CHECK_STR(cfg.kiosk_terminator, "none");
	CHECK_INT((long)(cfg.kiosk_scan_timeout * 1000), 300);
	CHECK_INT(cfg.kiosk_bell, 1);
	CHECK_INT((long)cfg.kiosk_banner, 3);
	CHECK_INT(config_check(&cfg, &cause), 0);
	config_done(&cfg);

	CHECK_INT(load(&cfg, &cause, other), 0);
	CHECK(cfg.kiosk_event == 0);
	CHECK_STR(cfg.kiosk_pin, HASH_A);
	CHECK_INT(cfg.from[OPT_KIOSK_PIN], CONFIG_SRC_DEFAULTS);
	CHECK_INT((long)(cfg.kiosk_scan_timeout * 1000), 50);
	config_done(&cfg);

	/* --kiosk on a profile without a PIN anywhere: said, not started. */
	write_config("[profile kiosk]\nserver = https://ev.example\n");
	{
		const char *args[] = { "-p", "kiosk", "--kiosk", "5", NULL };

		CHECK_INT(load(&cfg, &cause, args), 0);
		CHECK(cfg.kiosk_event == 5);
		CHECK_INT(config_check(&cfg, &cause), -1);
		CHECK_STR(cause, "no kiosk PIN is set: run 'evtop kiosk-pin' "
		    "first (it keeps a hash in the config file)");
		free(cause);
		config_done(&cfg);
	}

	/* A kiosk profile in batch mode names where the kiosk came from. */
	write_config("[profile kiosk]\nserver = https://ev.example\n"
	    "kiosk_event = 5\nkiosk_pin = " HASH_A "\n");
	{
		char want[512];

		CHECK_INT(load(&cfg, &cause, kiosk), 0);
		cfg.batch = 1;
		CHECK_INT(config_check(&cfg, &cause), -1);
		snprintf(want, sizeof want, "kiosk_event (%s:3) makes this a "
		    "kiosk, which needs a terminal: it cannot run in batch "
		    "mode", path);
		CHECK_STR(cause, want);
		free(cause);
		config_done(&cfg);
	}
}

/*
 * evtop kiosk-pin reads the file it is about to write: a profile or a
 * file not there yet is no error, nor is a kiosk_pin it will replace.
 */
static void
test_kiosk_pin_reads(void)
{
	const char	*pick[] = { "kiosk-pin", "-p", "hall-b", NULL };
	const char	*run[] = { "-p", "kiosk", NULL };
	struct config	 cfg;
	char		*cause, want[512];

	clean_env();
	write_config("[profile kiosk]\nkiosk_event = 3\nkiosk_pin = 4711\n");
	CHECK_INT(load(&cfg, &cause, run), -1);
	snprintf(want, sizeof want, "%s:3: kiosk_pin is not a PIN hash: set "
	    "it with 'evtop kiosk-pin'", path);
	CHECK_STR(cause, want);
	free(cause);
	config_done(&cfg);

	pick[2] = "kiosk";
	CHECK_INT(load(&cfg, &cause, pick), 0);
	CHECK_STR(cause, NULL);
	CHECK_INT(cfg.action, CONFIG_KIOSK_PIN);
	CHECK_INT(config_check(&cfg, &cause), 0);
	config_done(&cfg);

	pick[2] = "hall-b";
	CHECK_INT(load(&cfg, &cause, pick), 0);
	CHECK_STR(cause, NULL);
	CHECK_STR(cfg.profile, "hall-b");
	config_done(&cfg);

	/* A file that is not there yet, even one named on purpose. */
	setenv("EVTOP_CONFIG", "/nonexistent/evtop.ini", 1);
	config_init(&cfg);
	cfg.action = CONFIG_KIOSK_PIN;
	cause = NULL;
	CHECK_INT(config_resolve(&cfg, &cause), 0);
	CHECK_STR(cfg.file, "/nonexistent/evtop.ini");
	CHECK_INT(cfg.file_exists, 0);
	config_done(&cfg);
	clean_env();
}

/* --theme: one of the built-in names, said in one sentence. */
static void
test_theme_argv(void)
{
	const char	*bad[] = { "--theme", "neon", NULL };
	const char	*light[] = { "--theme", "light", NULL };
	struct config	 cfg;
	char		*cause;

	clean_env();
	write_config("theme = mono\n[theme]\nheader = red on black\n");
	CHECK_INT(load(&cfg, &cause, bad), -1);
	CHECK_STR(cause, "option --theme wants default, light, high-contrast "
	    "or mono, not \"neon\"");
	free(cause);
	config_done(&cfg);

	/* The flag beats the file; the [theme] lines are kept for later. */
	CHECK_INT(load(&cfg, &cause, light), 0);
	CHECK_STR(cfg.theme, "light");
	CHECK_INT(cfg.from[OPT_THEME], CONFIG_SRC_FLAG);
	CHECK_INT((int)cfg.nlooks, 1);
	if (cfg.nlooks == 1) {
		CHECK_STR(cfg.looks[0].style, "header");
		CHECK_STR(cfg.looks[0].look, "red on black");
		CHECK_INT(cfg.looks[0].line, 3);
	}
	config_done(&cfg);
}

/*
 * config_load_text reads len bytes and not one more (the fuzz target
 * hands it unterminated buffers; under ASan a read past them fails), and
 * sees a section line where libinih does, after a \f or \v too.
 */
static void
test_load_text(void)
{
	static const char *const texts[] = {
		"ascii = true\n  ",
		"[defaults]\n  x",
		"[profile a]\n\t",
	};
	const char	*sections = "[profile a]\n\v[theme]\nheader = bold\n"
	    "\f[keymap]\nquit = q\n";
	struct config	 cfg;
	char		*cause, *copy;
	size_t		 i, len;
	int		 rc;

	clean_env();
	for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		len = strlen(texts[i]);
		copy = malloc(len);
		memcpy(copy, texts[i], len);
		config_init(&cfg);
		cause = NULL;
		rc = config_load_text(&cfg, "t.ini", copy, len, &cause);
		CHECK_INT(rc, i == 1 ? -1 : 0);
		if (i == 1)
			CHECK_STR(cause, "t.ini:2: expected [section], key = "
			    "value or a comment (# or ;), not \"x\"");
		free(cause);
		config_done(&cfg);
		free(copy);
	}

	config_init(&cfg);
	cause = NULL;
	CHECK_INT(config_load_text(&cfg, "t.ini", sections, strlen(sections),
	    &cause), 0);
	CHECK_STR(cause, NULL);
	CHECK_INT((int)cfg.nlooks, 1);
	CHECK_INT((int)cfg.nkeymap, 1);
	free(cause);
	config_done(&cfg);
}

static void
cleanup(void)
{
	char	cmd[300];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (dir_made)
		(void)!system(cmd);
}

static void
test_cleanup(void)
{
	cleanup();
}

TEST_MAIN(
	TEST_CASE(test_error_messages),
	TEST_CASE(test_file_errors),
	TEST_CASE(test_profiles),
	TEST_CASE(test_precedence),
	TEST_CASE(test_kiosk_keys),
	TEST_CASE(test_kiosk_pin_reads),
	TEST_CASE(test_theme_argv),
	TEST_CASE(test_load_text),
	TEST_CASE(test_cleanup)
)
