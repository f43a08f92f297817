#include "config.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "xmalloc.h"

void
config_init(struct config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->action = CONFIG_RUN;
}

void
config_done(struct config *cfg)
{
	free(cfg->server);
	free(cfg->user);
	free(cfg->cacert);
	memset(cfg, 0, sizeof *cfg);
}

static void
config_set_string(char **field, const char *value)
{
	free(*field);
	*field = xstrdup(value);
}

static int
config_apply(struct config *cfg, enum option_id id, const char *arg)
{
	switch (id) {
	case OPT_SERVER:
		config_set_string(&cfg->server, arg);
		break;
	case OPT_USER:
		config_set_string(&cfg->user, arg);
		break;
	case OPT_CACERT:
		config_set_string(&cfg->cacert, arg);
		break;
	case OPT_DEMO:
		cfg->demo = 1;
		break;
	case OPT_BATCH:
		cfg->batch = 1;
		break;
	case OPT_INSECURE:
		cfg->insecure = 1;
		break;
	case OPT_ASCII:
		cfg->ascii = 1;
		break;
	case OPT_NO_COLOR:
		cfg->no_color = 1;
		break;
	case OPT_VERBOSE:
		cfg->verbose = 1;
		break;
	case OPT_HELP:
		cfg->action = CONFIG_HELP;
		break;
	case OPT_VERSION:
		cfg->action = CONFIG_VERSION;
		break;
	}
	return (0);
}

/* Builds getopt_long's tables from the option table. */
static void
config_getopt_tables(struct option **longs, char **shorts)
{
	const struct option_spec	*t;
	size_t				 n, i, s = 0;

	t = options_table(&n);
	*longs = xcalloc(n + 1, sizeof **longs);
	*shorts = xcalloc(2 * n + 2, 1);
	(*shorts)[s++] = ':';	/* report a missing argument as ':' */
	for (i = 0; i < n; i++) {
		(*longs)[i].name = t[i].name;
		(*longs)[i].has_arg = t[i].arg != NULL ? required_argument :
		    no_argument;
		(*longs)[i].flag = NULL;
		(*longs)[i].val = 256 + (int)i;
		if (t[i].short_name != 0) {
			(*shorts)[s++] = (char)t[i].short_name;
			if (t[i].arg != NULL)
				(*shorts)[s++] = ':';
		}
	}
}

/* Arguments end up in prompts and messages: no escape sequences there. */
static int
config_has_control(const char *s)
{
	for (; *s != '\0'; s++) {
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return (1);
	}
	return (0);
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

int
config_parse_argv(struct config *cfg, int argc, char **argv, char **cause)
{
	const struct option_spec	*t, *o;
	struct option			*longs;
	char				*shorts;
	size_t				 n;
	int				 c, idx, rc = 0;

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
		if (o->arg != NULL && (optarg == NULL || *optarg == '\0')) {
			xasprintf(cause, "option --%s needs a non-empty %s",
			    o->name, o->arg);
			rc = -1;
			break;
		}
		if (o->arg != NULL && config_has_control(optarg)) {
			xasprintf(cause, "option --%s has a control character "
			    "in its %s", o->name, o->arg);
			rc = -1;
			break;
		}
		config_apply(cfg, o->id, optarg);
	}
	if (rc == 0 && optind < argc) {
		xasprintf(cause, "unexpected argument '%s'", argv[optind]);
		rc = -1;
	}
	free(longs);
	free(shorts);
	return (rc);
}

void
config_apply_env(struct config *cfg)
{
	const char	*v;

	/* --demo brings its own server: an exported EVTOP_SERVER stays out. */
	if (!cfg->demo && cfg->server == NULL &&
	    (v = getenv("EVTOP_SERVER")) != NULL && *v != '\0')
		cfg->server = xstrdup(v);
	if ((v = getenv("NO_COLOR")) != NULL && *v != '\0')
		cfg->no_color = 1;
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

int
config_check(const struct config *cfg, char **cause)
{
	const char	*extra;

	if (cfg->demo && (cfg->user != NULL || cfg->cacert != NULL ||
	    cfg->insecure)) {
		extra = cfg->user != NULL ? "--user" : cfg->cacert != NULL ?
		    "--cacert" : "--insecure";
		xasprintf(cause, "--demo signs in to its own server on this "
		    "machine: %s does not apply", extra);
		return (-1);
	}
	if (cfg->batch && !cfg->demo && cfg->user != NULL) {
		xasprintf(cause, "batch mode never asks for a password, so it "
		    "cannot sign in as %s: drop --user to read what the server "
		    "shows everyone, or run evtop on a terminal", cfg->user);
		return (-1);
	}
	if (cfg->demo && cfg->server != NULL) {
		xasprintf(cause, "--demo starts its own server: do not give "
		    "--server too");
		return (-1);
	}
	if (!cfg->demo && cfg->server == NULL) {
		xasprintf(cause, "no server: give --server URL (or set "
		    "EVTOP_SERVER), or try --demo");
		return (-1);
	}
	if (cfg->server != NULL && config_has_control(cfg->server)) {
		xasprintf(cause, "the server URL has a control character in "
		    "it (check EVTOP_SERVER)");
		return (-1);
	}
	if (cfg->server != NULL && strncmp(cfg->server, "http://", 7) != 0 &&
	    strncmp(cfg->server, "https://", 8) != 0) {
		xasprintf(cause, "server '%s' should start with http:// or "
		    "https://", cfg->server);
		return (-1);
	}
	return (0);
}
