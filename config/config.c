#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config-private.h"
#include "kiosk-pin.h"
#include "options.h"
#include "xmalloc.h"

/* A bad value is quoted in messages, cut to this many bytes. */
#define CONFIG_QUOTE_MAX	40

void
config_init(struct config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->action = CONFIG_RUN;
	cfg->iterations = 1;
	cfg->delay = CONFIG_DELAY_DEFAULT;
	cfg->poll_interval = CONFIG_POLL_DEFAULT;
	cfg->kiosk_terminator = xstrdup("enter");
	cfg->kiosk_banner = CONFIG_KIOSK_BANNER_DEFAULT;
}

void
config_done(struct config *cfg)
{
	size_t	i;

	free(cfg->server);
	free(cfg->user);
	free(cfg->label);
	free(cfg->profile);
	free(cfg->config_file);
	free(cfg->cacert);
	free(cfg->token_file);
	free(cfg->theme);
	free(cfg->kiosk_pin);
	free(cfg->kiosk_terminator);
	free(cfg->file);
	if (cfg->token != NULL) {
		explicit_bzero(cfg->token, strlen(cfg->token));
		free(cfg->token);
	}
	for (i = 0; i < cfg->nkeymap; i++) {
		free(cfg->keymap[i].action);
		free(cfg->keymap[i].keys);
	}
	free(cfg->keymap);
	for (i = 0; i < cfg->nlooks; i++) {
		free(cfg->looks[i].style);
		free(cfg->looks[i].look);
	}
	free(cfg->looks);
	memset(cfg, 0, sizeof *cfg);
}

int
config_has_control(const char *s)
{
	for (; *s != '\0'; s++) {
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return (1);
	}
	return (0);
}

int
config_is_email(const char *s)
{
	const char	*at = strchr(s, '@');

	return (at != NULL && at != s && at[1] != '\0' &&
	    strchr(at + 1, '@') == NULL && strpbrk(s, " \t") == NULL &&
	    !config_has_control(s));
}

/* The address of the string field of a string option. */
static char **
config_string_field(struct config *cfg, enum option_id id)
{
	switch (id) {
	case OPT_SERVER:
		return (&cfg->server);
	case OPT_USER:
		return (&cfg->user);
	case OPT_LABEL:
		return (&cfg->label);
	case OPT_PROFILE:
		return (&cfg->profile);
	case OPT_CONFIG:
		return (&cfg->config_file);
	case OPT_CACERT:
		return (&cfg->cacert);
	case OPT_TOKEN_FILE:
		return (&cfg->token_file);
	case OPT_THEME:
		return (&cfg->theme);
	case OPT_KIOSK_PIN:
		return (&cfg->kiosk_pin);
	case OPT_KIOSK_TERMINATOR:
		return (&cfg->kiosk_terminator);
	default:
		return (NULL);
	}
}

static int *
config_flag_field(struct config *cfg, enum option_id id)
{
	switch (id) {
	case OPT_DEMO:
		return (&cfg->demo);
	case OPT_BATCH:
		return (&cfg->batch);
	case OPT_JSON:
		return (&cfg->json);
	case OPT_READONLY:
		return (&cfg->readonly);
	case OPT_ASCII:
		return (&cfg->ascii);
	case OPT_MOUSE:
		return (&cfg->mouse);
	case OPT_NO_COLOR:
		return (&cfg->no_color);
	case OPT_INSECURE:
		return (&cfg->insecure);
	case OPT_VERBOSE:
		return (&cfg->verbose);
	case OPT_KIOSK_BELL:
		return (&cfg->kiosk_bell);
	default:
		return (NULL);
	}
}

/*
 * The limits of each OPTION_SECONDS option: from min to max, min itself
 * refused when open (a delay of 0 would be no delay).
 */
static const struct {
	enum option_id	 id;
	double		 min;
	double		 max;
	int		 open;
} config_seconds_limits[] = {
	{ OPT_DELAY, 0, OPTIONS_DELAY_MAX, 1 },
	{ OPT_POLL_INTERVAL, OPTIONS_POLL_MIN, OPTIONS_POLL_MAX, 0 },
	{ OPT_KIOSK_SCAN_TIMEOUT, 0, OPTIONS_SCAN_TIMEOUT_MAX, 0 },
	{ OPT_KIOSK_BANNER, OPTIONS_BANNER_MIN, OPTIONS_BANNER_MAX, 0 },
};

static double *
config_seconds_field(struct config *cfg, enum option_id id)
{
	switch (id) {
	case OPT_DELAY:
		return (&cfg->delay);
	case OPT_POLL_INTERVAL:
		return (&cfg->poll_interval);
	case OPT_KIOSK_SCAN_TIMEOUT:
		return (&cfg->kiosk_scan_timeout);
	case OPT_KIOSK_BANNER:
		return (&cfg->kiosk_banner);
	default:
		return (NULL);
	}
}

static int
config_parse_bool(const char *v, int *out)
{
	static const char *const yes[] = { "true", "yes", "on", "1" };
	static const char *const no[] = { "false", "no", "off", "0" };
	size_t	i;

	for (i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		if (strcasecmp(v, yes[i]) == 0) {
			*out = 1;
			return (0);
		}
		if (strcasecmp(v, no[i]) == 0) {
			*out = 0;
			return (0);
		}
	}
	return (-1);
}

static int
config_parse_count(const char *v, long *out)
{
	char	*end;
	long	 n;

	if (*v < '0' || *v > '9')
		return (-1);
	errno = 0;
	n = strtol(v, &end, 10);
	if (errno != 0 || *end != '\0' || n < 0 || n > OPTIONS_ITERATIONS_MAX)
		return (-1);
	*out = n;
	return (0);
}

/* An event's id: a whole number of 1 or more. */
static int
config_parse_id(const char *v, int64_t *out)
{
	char		*end;
	long long	 n;

	if (*v < '0' || *v > '9')
		return (-1);
	errno = 0;
	n = strtoll(v, &end, 10);
	if (errno != 0 || *end != '\0' || n < 1)
		return (-1);
	*out = (int64_t)n;
	return (0);
}

/*
 * Decimal seconds within an option's limits ("0.5", "2", not "1e3" or
 * "inf"); -1 with the end of a sentence in *why.
 */
static int
config_parse_seconds(const struct option_spec *o, const char *v,
    const char *quoted, double *out, char **why)
{
	char	*end;
	double	 d = -1, min = 0, max = OPTIONS_DELAY_MAX;
	size_t	 i;
	int	 open = 1;

	for (i = 0; i < sizeof config_seconds_limits /
	    sizeof config_seconds_limits[0]; i++) {
		if (config_seconds_limits[i].id == o->id) {
			min = config_seconds_limits[i].min;
			max = config_seconds_limits[i].max;
			open = config_seconds_limits[i].open;
		}
	}
	if (strspn(v, "0123456789.") == strlen(v) && *v != '\0') {
		errno = 0;
		d = strtod(v, &end);
		if (errno != 0 || *end != '\0' || !isfinite(d))
			d = -1;
	}
	if (d < min || d > max || (open && d <= min)) {
		if (open)
			xasprintf(why, "wants seconds greater than %g and at "
			    "most %g, such as 2 or 0.5, not %s", min, max,
			    quoted);
		else
			xasprintf(why, "wants seconds from %g to %g, not %s",
			    min, max, quoted);
		return (-1);
	}
	*out = d;
	return (0);
}

/* A value quoted for a message, cut when long. */
static char *
config_quote(const char *v)
{
	char	*q;

	if (strlen(v) > CONFIG_QUOTE_MAX)
		xasprintf(&q, "\"%.*s...\"", CONFIG_QUOTE_MAX, v);
	else
		xasprintf(&q, "\"%s\"", v);
	return (q);
}

int
config_set_value(struct config *cfg, const struct option_spec *o,
    const char *value, enum config_source src, int line, char **why)
{
	const char *const	 *c;
	char			**sf, *q = NULL, *list;
	int			 *ff, b = 0;
	size_t			  i;
	long			  n = 0;
	int64_t			  id = 0;
	double			  d = 0, *df;

	if (config_has_control(value)) {
		*why = xstrdup("has a control character in it");
		return (-1);
	}
	q = config_quote(value);
	switch (o->type) {
	case OPTION_FLAG:
		if (config_parse_bool(value, &b) != 0) {
			xasprintf(why, "wants true or false, not %s", q);
			goto fail;
		}
		break;
	case OPTION_URL:
		if (strncmp(value, "http://", 7) != 0 &&
		    strncmp(value, "https://", 8) != 0) {
			xasprintf(why, "wants a URL starting with http:// or "
			    "https://, not %s", q);
			goto fail;
		}
		if (strpbrk(value, " \t") != NULL) {
			xasprintf(why, "wants a URL without spaces, not %s", q);
			goto fail;
		}
		/* FALLTHROUGH */
	case OPTION_EMAIL:
		if (o->type == OPTION_EMAIL && *value != '\0' &&
		    !config_is_email(value)) {
			xasprintf(why, "wants an email address, like "
			    "you@example.com, not %s", q);
			goto fail;
		}
		/* FALLTHROUGH */
	case OPTION_STRING:
		if (*value == '\0') {
			xasprintf(why, "wants a %s, not an empty value",
			    o->arg != NULL ? o->arg : "value");
			goto fail;
		}
		/* A file's path means nothing relative to where evtop ran. */
		if (o->id == OPT_TOKEN_FILE && src != CONFIG_SRC_FLAG &&
		    *value != '/') {
			xasprintf(why, "wants a path from /, not %s", q);
			goto fail;
		}
		break;
	case OPTION_COUNT:
		if (config_parse_count(value, &n) != 0) {
			xasprintf(why, "wants a whole number of 0 or more, "
			    "not %s", q);
			goto fail;
		}
		break;
	case OPTION_ID:
		if (config_parse_id(value, &id) != 0) {
			xasprintf(why, "wants an event's id, a whole number of "
			    "1 or more, not %s", q);
			goto fail;
		}
		break;
	case OPTION_SECONDS:
		if (config_parse_seconds(o, value, q, &d, why) != 0)
			goto fail;
		break;
	case OPTION_HASH:
		/*
		 * Never quoted: it may be the PIN itself, pasted.  evtop
		 * kiosk-pin is how a bad one is put right: it reads past it.
		 */
		if (!kiosk_pin_is_hash(value) &&
		    cfg->action != CONFIG_KIOSK_PIN) {
			xasprintf(why, "is not a PIN hash: set it with 'evtop "
			    "kiosk-pin'");
			goto fail;
		}
		break;
	case OPTION_CHOICE:
		c = options_choices(o);
		for (i = 0; c != NULL && c[i] != NULL; i++) {
			if (strcmp(value, c[i]) == 0)
				break;
		}
		if (c == NULL || c[i] == NULL) {
			list = options_choice_list(o);
			xasprintf(why, "wants %s, not %s", list, q);
			free(list);
			goto fail;
		}
		break;
	}
	free(q);
	/* A weaker source never overrides a stronger one. */
	if (src < cfg->from[o->id])
		return (0);
	cfg->from[o->id] = src;
	cfg->line[o->id] = line;
	if ((sf = config_string_field(cfg, o->id)) != NULL) {
		free(*sf);
		*sf = xstrdup(value);
	} else if ((ff = config_flag_field(cfg, o->id)) != NULL)
		*ff = b;
	else if ((df = config_seconds_field(cfg, o->id)) != NULL)
		*df = d;
	else if (o->id == OPT_ITERATIONS)
		cfg->iterations = n;
	else if (o->id == OPT_KIOSK)
		cfg->kiosk_event = id;
	return (0);
fail:
	free(q);
	return (-1);
}

/* Builds getopt_long's tables from the option table. */
static void
config_getopt_tables(struct option **longs, char **shorts)
{
	const struct option_spec	*t;
	size_t				 n, i, s = 0, l = 0;

	t = options_table(&n);
	*longs = xcalloc(n + 1, sizeof **longs);
	*shorts = xcalloc(2 * n + 2, 1);
	(*shorts)[s++] = ':';	/* report a missing argument as ':' */
	for (i = 0; i < n; i++) {
		if (!options_on_argv(&t[i]))
			continue;
		(*longs)[l].name = t[i].name;
		(*longs)[l].has_arg = t[i].arg != NULL ? required_argument :
		    no_argument;
		(*longs)[l].flag = NULL;
		(*longs)[l++].val = 256 + (int)i;
		if (t[i].short_name != 0) {
			(*shorts)[s++] = (char)t[i].short_name;
			if (t[i].arg != NULL)
				(*shorts)[s++] = ':';
		}
	}
}

static const struct option_spec *
config_find_short(int c)
{
	const struct option_spec	*t;
	size_t				 n, i;

	t = options_table(&n);
	for (i = 0; i < n; i++)
		if (t[i].short_name == c)
			return (&t[i]);
	return (NULL);
}

/*
 * A secret typed on the command line is readable by every user (ps,
 * /proc) and kept in shell history, so there are no such options; getopt
 * would even take "--token" as an abbreviation of --token-file.  Looked
 * for before getopt so the secret itself is never echoed.
 */
static const struct {
	const char	*name;
	const char	*sentence;
} config_secret_options[] = {
	{ "--token", "there is no --token option: a token on the command "
	  "line can be read by other users and stays in shell history; use "
	  "--token-file FILE or EVTOP_TOKEN" },
	{ "--kiosk-pin", "there is no --kiosk-pin option: a PIN on the "
	  "command line can be read by other users and stays in shell "
	  "history; set it with 'evtop kiosk-pin', which keeps only its hash "
	  "in the config file" },
};

static int
config_refuse_secrets(int argc, char **argv, char **cause)
{
	size_t	j, len;
	int	i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		for (j = 0; j < sizeof config_secret_options /
		    sizeof config_secret_options[0]; j++) {
			len = strlen(config_secret_options[j].name);
			if (strncmp(argv[i], config_secret_options[j].name,
			    len) == 0 && (argv[i][len] == '\0' ||
			    argv[i][len] == '=')) {
				*cause = xstrdup(
				    config_secret_options[j].sentence);
				return (-1);
			}
		}
	}
	return (0);
}

/* Applies one option from argv; -1 with a sentence in *cause. */
static int
config_apply_arg(struct config *cfg, const struct option_spec *o,
    const char *arg, char **cause)
{
	char	*why = NULL;

	switch (o->id) {
	case OPT_HELP:
		cfg->action = CONFIG_HELP;
		return (0);
	case OPT_VERSION:
		if (cfg->action != CONFIG_HELP)
			cfg->action = CONFIG_VERSION;
		return (0);
	default:
		break;
	}
	if (o->arg == NULL)
		arg = "true";
	else if (*arg == '\0') {
		xasprintf(cause, "option --%s needs a non-empty %s", o->name,
		    o->arg);
		return (-1);
	} else if (config_has_control(arg)) {
		xasprintf(cause, "option --%s has a control character in its "
		    "%s", o->name, o->arg);
		return (-1);
	}
	if (config_set_value(cfg, o, arg, CONFIG_SRC_FLAG, 0, &why) != 0) {
		xasprintf(cause, "option --%s %s", o->name, why);
		free(why);
		return (-1);
	}
	return (0);
}

/* The subcommands: `evtop info`, ... */
static const struct {
	const char		*name;
	enum config_action	 action;
} config_commands[] = {
	{ "info", CONFIG_INFO },
	{ "logout", CONFIG_LOGOUT },
	{ "kiosk-pin", CONFIG_KIOSK_PIN },
};

/* The action a word of argv names, or CONFIG_RUN. */
static enum config_action
config_find_command(const char *word)
{
	size_t	i;

	for (i = 0; i < sizeof config_commands / sizeof config_commands[0];
	    i++) {
		if (strcmp(word, config_commands[i].name) == 0)
			return (config_commands[i].action);
	}
	return (CONFIG_RUN);
}

int
config_parse_argv(struct config *cfg, int argc, char **argv, char **cause)
{
	const struct option_spec	*t, *o;
	struct option			*longs;
	enum config_action		 action;
	char				*shorts;
	size_t				 n;
	int				 c, idx, rc = 0;

	if (config_refuse_secrets(argc, argv, cause) != 0)
		return (-1);
	t = options_table(&n);
	config_getopt_tables(&longs, &shorts);
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, shorts, longs, &idx)) != -1) {
		if (c >= 256 && (size_t)(c - 256) < n)
			o = &t[c - 256];
		else if (c == '?' || c == ':') {
			/* optopt is the short name, or 0 / a table value. */
			if (optopt > 0 && optopt < 256)
				xasprintf(cause, c == ':' ?
				    "option -%c needs an argument" :
				    "unknown option -%c", optopt);
			else
				xasprintf(cause, c == ':' ?
				    "option %s needs an argument" :
				    "unknown option %s", argv[optind - 1]);
			rc = -1;
			break;
		} else if ((o = config_find_short(c)) == NULL) {
			xasprintf(cause, "unknown option -%c", c);
			rc = -1;
			break;
		}
		if ((rc = config_apply_arg(cfg, o, optarg, cause)) != 0)
			break;
	}
	/* GNU getopt moves operands to the end: `evtop -s URL info`. */
	if (rc == 0 && optind < argc &&
	    (action = config_find_command(argv[optind])) != CONFIG_RUN) {
		if (cfg->action == CONFIG_RUN)
			cfg->action = action;
		optind++;
	}
	if (rc == 0 && optind < argc) {
		xasprintf(cause, "unexpected argument '%s'", argv[optind]);
		rc = -1;
	}
	free(longs);
	free(shorts);
	return (rc);
}

/* An environment variable that is set and not empty, or NULL. */
static const char *
config_getenv(const char *name)
{
	const char	*v = getenv(name);

	return (v != NULL && *v != '\0' ? v : NULL);
}

void
config_apply_env(struct config *cfg)
{
	const char	*v;
	char		*why = NULL;

	/*
	 * Values are checked by config_check (EVTOP_SERVER) or when used;
	 * a bad one is stored as it is so the message can name it.
	 */
	/* --demo brings its own server: an exported EVTOP_SERVER stays out. */
	if (!cfg->demo && (v = config_getenv("EVTOP_SERVER")) != NULL &&
	    cfg->from[OPT_SERVER] < CONFIG_SRC_ENV) {
		free(cfg->server);
		cfg->server = xstrdup(v);
		cfg->from[OPT_SERVER] = CONFIG_SRC_ENV;
	}
	if ((v = config_getenv("EVTOP_PROFILE")) != NULL &&
	    cfg->from[OPT_PROFILE] < CONFIG_SRC_ENV) {
		free(cfg->profile);
		cfg->profile = xstrdup(v);
		cfg->from[OPT_PROFILE] = CONFIG_SRC_ENV;
	}
	if (config_getenv("NO_COLOR") != NULL)
		config_set_value(cfg, options_get(OPT_NO_COLOR), "true",
		    CONFIG_SRC_ENV, 0, &why);
	free(why);
	if ((v = config_getenv("EVTOP_TOKEN")) != NULL && cfg->token == NULL)
		cfg->token = xstrdup(v);
}

/* What hangs on more than one value, once every source is read. */
static void
config_settle(struct config *cfg)
{
	/*
	 * EVTOP_TOKEN beats a token_file the config file names, as the
	 * environment beats the file everywhere (--token-file beats both).
	 */
	if (cfg->token != NULL && cfg->token_file != NULL &&
	    cfg->from[OPT_TOKEN_FILE] < CONFIG_SRC_ENV) {
		free(cfg->token_file);
		cfg->token_file = NULL;
		cfg->from[OPT_TOKEN_FILE] = CONFIG_SRC_BUILTIN;
		cfg->line[OPT_TOKEN_FILE] = 0;
	}
	/* A scanner that sends nothing after a code: silence ends it. */
	if (strcmp(cfg->kiosk_terminator, "none") == 0 &&
	    cfg->from[OPT_KIOSK_SCAN_TIMEOUT] == CONFIG_SRC_BUILTIN)
		cfg->kiosk_scan_timeout = CONFIG_KIOSK_SCAN_DEFAULT;
}

int
config_resolve(struct config *cfg, char **cause)
{
	config_apply_env(cfg);
	if (config_load_file(cfg, cause) != 0)
		return (-1);
	config_settle(cfg);
	config_tidy_server(cfg);
	return (0);
}

void
config_tidy_server(struct config *cfg)
{
	size_t	len;

	if (cfg->server == NULL)
		return;
	/* People paste the API's base: http://host/api/ means http://host. */
	len = strlen(cfg->server);
	while (len > 0 && cfg->server[len - 1] == '/')
		cfg->server[--len] = '\0';
	if (len >= 4 && strcmp(cfg->server + len - 4, "/api") == 0)
		cfg->server[len - 4] = '\0';
	len = strlen(cfg->server);
	while (len > 0 && cfg->server[len - 1] == '/')
		cfg->server[--len] = '\0';
}

/* Whether the option was given on the command line. */
static int
config_flag(const struct config *cfg, enum option_id id)
{
	return (cfg->from[id] == CONFIG_SRC_FLAG);
}

/* Options that --demo makes pointless, when given by hand. */
static const enum option_id config_not_for_demo[] = {
	OPT_SERVER, OPT_USER, OPT_CACERT, OPT_INSECURE, OPT_TOKEN_FILE
};

static int
config_check_demo(const struct config *cfg, char **cause)
{
	size_t	i;

	if (!cfg->demo)
		return (0);
	if (config_flag(cfg, OPT_SERVER)) {
		xasprintf(cause, "--demo starts its own server: do not give "
		    "--server too");
		return (-1);
	}
	for (i = 0; i < sizeof config_not_for_demo /
	    sizeof config_not_for_demo[0]; i++) {
		if (config_flag(cfg, config_not_for_demo[i])) {
			xasprintf(cause, "--demo signs in to its own server on "
			    "this machine: --%s does not apply",
			    options_get(config_not_for_demo[i])->name);
			return (-1);
		}
	}
	return (0);
}

/* -n, -d and --json shape batch output; elsewhere they would be ignored. */
static int
config_check_batch(const struct config *cfg, char **cause)
{
	const char	*what = NULL;

	if (config_flag(cfg, OPT_ITERATIONS))
		what = "--iterations";
	else if (config_flag(cfg, OPT_DELAY))
		what = "--delay";
	if (what != NULL && cfg->action == CONFIG_INFO) {
		xasprintf(cause, "evtop info prints once: %s does not apply",
		    what);
		return (-1);
	}
	if (what != NULL && !cfg->batch) {
		xasprintf(cause, "%s repeats batch output: add -b (batch "
		    "mode)", what);
		return (-1);
	}
	if (config_flag(cfg, OPT_DELAY) && cfg->iterations == 1) {
		xasprintf(cause, "--delay waits between snapshots, and there "
		    "is only one: add -n N (0 repeats until stopped)");
		return (-1);
	}
	return (0);
}

/* Options that shape the kiosk, and mean nothing without --kiosk. */
static const enum option_id config_kiosk_only[] = {
	OPT_KIOSK_TERMINATOR, OPT_KIOSK_SCAN_TIMEOUT, OPT_KIOSK_BELL,
	OPT_KIOSK_BANNER
};

/* The check-in station: a terminal, a PIN to leave it, a way to scan. */
static int
config_check_kiosk(const struct config *cfg, char **cause)
{
	size_t	i;

	if (cfg->action != CONFIG_RUN)
		return (0);
	for (i = 0; cfg->kiosk_event == 0 && i < sizeof config_kiosk_only /
	    sizeof config_kiosk_only[0]; i++) {
		if (config_flag(cfg, config_kiosk_only[i])) {
			xasprintf(cause, "--%s shapes the kiosk: add --kiosk "
			    "EVENT_ID", options_get(config_kiosk_only[i])->name);
			return (-1);
		}
	}
	if (cfg->kiosk_event == 0)
		return (0);
	if (cfg->kiosk_pin == NULL) {
		xasprintf(cause, "no kiosk PIN is set: run 'evtop kiosk-pin' "
		    "first (it keeps a hash in the config file)");
		return (-1);
	}
	if (cfg->batch || cfg->json) {
		if (config_flag(cfg, OPT_KIOSK))
			xasprintf(cause, "--kiosk needs a terminal: it cannot "
			    "run in batch mode");
		else
			xasprintf(cause, "kiosk_event (%s:%d) makes this a "
			    "kiosk, which needs a terminal: it cannot run in "
			    "batch mode", cfg->file != NULL ? cfg->file :
			    "the config file", cfg->line[OPT_KIOSK]);
		return (-1);
	}
	if (cfg->kiosk_scan_timeout == 0 &&
	    strcmp(cfg->kiosk_terminator, "none") == 0) {
		xasprintf(cause, "kiosk_terminator none needs a "
		    "kiosk_scan_timeout above 0: nothing else tells where a "
		    "scan ends");
		return (-1);
	}
	return (0);
}

/* evtop logout forgets one server's kept sign-in, and prints nothing else. */
static int
config_check_logout(const struct config *cfg, char **cause)
{
	static const enum option_id	not_for_logout[] = {
		OPT_DEMO, OPT_BATCH, OPT_ITERATIONS, OPT_DELAY, OPT_JSON
	};
	size_t				i;

	if (cfg->action != CONFIG_LOGOUT)
		return (0);
	for (i = 0; i < sizeof not_for_logout / sizeof not_for_logout[0];
	    i++) {
		if (config_flag(cfg, not_for_logout[i])) {
			xasprintf(cause, "evtop logout deletes the kept "
			    "sign-in for a server: --%s does not apply",
			    options_get(not_for_logout[i])->name);
			return (-1);
		}
	}
	if (cfg->server == NULL) {
		xasprintf(cause, "evtop logout needs the server to sign out "
		    "of: give --server URL or --profile NAME (or set "
		    "EVTOP_SERVER)");
		return (-1);
	}
	return (0);
}

/*
 * evtop kiosk-pin writes the PIN's hash into the config file, and needs
 * nothing else: no server, no PIN already.
 */
static int
config_check_kiosk_pin(const struct config *cfg, char **cause)
{
	static const enum option_id	not_for_kiosk_pin[] = {
		OPT_DEMO, OPT_BATCH, OPT_ITERATIONS, OPT_DELAY, OPT_JSON,
		OPT_KIOSK, OPT_KIOSK_TERMINATOR, OPT_KIOSK_SCAN_TIMEOUT,
		OPT_KIOSK_BELL, OPT_KIOSK_BANNER
	};
	size_t				i;

	for (i = 0; i < sizeof not_for_kiosk_pin /
	    sizeof not_for_kiosk_pin[0]; i++) {
		if (config_flag(cfg, not_for_kiosk_pin[i])) {
			xasprintf(cause, "evtop kiosk-pin sets the PIN that "
			    "leaves the kiosk: --%s does not apply",
			    options_get(not_for_kiosk_pin[i])->name);
			return (-1);
		}
	}
	/* The section it adds must be one evtop reads back. */
	if (cfg->profile != NULL && !config_is_profile_name(cfg->profile)) {
		xasprintf(cause, "a profile name may only have letters, "
		    "digits, '.', '_' and '-' (at most 40): check -p or "
		    "EVTOP_PROFILE");
		return (-1);
	}
	return (0);
}

int
config_check(const struct config *cfg, char **cause)
{
	if (cfg->action == CONFIG_KIOSK_PIN)
		return (config_check_kiosk_pin(cfg, cause));
	if (config_check_logout(cfg, cause) != 0)
		return (-1);
	if (config_check_demo(cfg, cause) != 0)
		return (-1);
	if (config_check_batch(cfg, cause) != 0)
		return (-1);
	if (config_check_kiosk(cfg, cause) != 0)
		return (-1);
	if (cfg->insecure && cfg->cacert != NULL) {
		xasprintf(cause, "--insecure turns certificate checks off, so "
		    "--cacert %s would not be used: give one or the other",
		    cfg->cacert);
		return (-1);
	}
	if (!cfg->demo && cfg->server == NULL && cfg->action != CONFIG_INFO) {
		xasprintf(cause, "no server: give --server URL (or set "
		    "EVTOP_SERVER, or a server in a profile of %s), or try "
		    "--demo", cfg->file != NULL ? cfg->file : "the config "
		    "file");
		return (-1);
	}
	if (cfg->demo || cfg->server == NULL)
		return (0);
	if (config_has_control(cfg->server)) {
		xasprintf(cause, "the server URL has a control character in "
		    "it (check EVTOP_SERVER)");
		return (-1);
	}
	if (strncmp(cfg->server, "http://", 7) != 0 &&
	    strncmp(cfg->server, "https://", 8) != 0) {
		xasprintf(cause, "server '%s' should start with http:// or "
		    "https://", cfg->server);
		return (-1);
	}
	return (0);
}

const char *
config_source_name(const struct config *cfg, enum option_id id)
{
	switch (cfg->from[id]) {
	case CONFIG_SRC_FLAG:
		return ("option");
	case CONFIG_SRC_ENV:
		return ("environment");
	case CONFIG_SRC_PROFILE:
		return ("profile");
	case CONFIG_SRC_DEFAULTS:
		return ("[defaults]");
	default:
		return ("default");
	}
}
