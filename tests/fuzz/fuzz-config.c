/*
 * Fuzz target: the config file reader, on whatever bytes a person or an
 * editor left in config.ini.  The text goes through config_load_text (the
 * whole of config_load_file but open and read) twice: as a plain `evtop`
 * reads it, choosing the profile from [defaults], and as `evtop -p venue-a`
 * does.  A file that is read is then used as main.c uses it; a file that
 * is refused is refused with one sentence naming a line of it.  Nothing
 * here looks at the environment, so every run is the same.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-check.h"
#include "config.h"
#include "kiosk-pin.h"
#include "options.h"
#include "xmalloc.h"

#define FUZZ_CONFIG_NAME	"fuzz.ini"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
fuzz_check_line(int line, int nlines)
{
	if (line < 1 || line > nlines)
		abort();
}

/* A refusal is "fuzz.ini:LINE: ..." with a line of the file. */
static void
fuzz_check_cause(const char *cause, const char *profile, int nlines)
{
	char		*end, *want;
	size_t		 len = strlen(FUZZ_CONFIG_NAME);
	long		 line;

	if (cause == NULL)
		abort();
	fuzz_check_safe(cause);
	if (strncmp(cause, FUZZ_CONFIG_NAME ":", len + 1) == 0) {
		line = strtol(cause + len + 1, &end, 10);
		if (strncmp(end, ": ", 2) != 0 || end[2] == '\0')
			abort();
		fuzz_check_line((int)line, nlines);
		return;
	}
	/* -p named a profile the file does not have. */
	if (profile == NULL)
		abort();
	xasprintf(&want, "no [profile %s] in %s (", profile, FUZZ_CONFIG_NAME);
	if (strncmp(cause, want, strlen(want)) != 0)
		abort();
	free(want);
}

/* What main.c and evtop info do with a config that was read. */
static void
fuzz_use_config(struct config *cfg, int nlines)
{
	size_t	 i;
	char	*cause = NULL;

	fuzz_check_safe(cfg->server);
	fuzz_check_safe(cfg->user);
	fuzz_check_safe(cfg->profile);
	fuzz_check_safe(cfg->cacert);
	fuzz_check_safe(cfg->theme);
	fuzz_check_safe(cfg->kiosk_pin);
	fuzz_check_safe(cfg->kiosk_terminator);
	/* The station trusts these: a hash, an id, times within bounds. */
	if ((cfg->kiosk_pin != NULL && !kiosk_pin_is_hash(cfg->kiosk_pin)) ||
	    cfg->kiosk_event < 0 || cfg->kiosk_terminator == NULL ||
	    cfg->kiosk_scan_timeout < 0 ||
	    cfg->kiosk_scan_timeout > OPTIONS_SCAN_TIMEOUT_MAX ||
	    cfg->kiosk_banner < OPTIONS_BANNER_MIN ||
	    cfg->kiosk_banner > OPTIONS_BANNER_MAX)
		abort();
	for (i = 0; i < cfg->nkeymap; i++) {
		fuzz_check_safe(cfg->keymap[i].action);
		fuzz_check_safe(cfg->keymap[i].keys);
		if (*cfg->keymap[i].action == '\0' ||
		    *cfg->keymap[i].keys == '\0')
			abort();
		fuzz_check_line(cfg->keymap[i].line, nlines);
	}
	for (i = 0; i < cfg->nlooks; i++) {
		fuzz_check_safe(cfg->looks[i].style);
		fuzz_check_safe(cfg->looks[i].look);
		if (*cfg->looks[i].look == '\0')
			abort();
		fuzz_check_line(cfg->looks[i].line, nlines);
	}
	for (i = 0; i < OPT__COUNT; i++) {
		if (cfg->line[i] != 0)
			fuzz_check_line(cfg->line[i], nlines);
		if (config_source_name(cfg, (enum option_id)i) == NULL)
			abort();
	}
	if (cfg->poll_interval < OPTIONS_POLL_MIN ||
	    cfg->poll_interval > OPTIONS_POLL_MAX)
		abort();
	config_tidy_server(cfg);
	if (config_check(cfg, &cause) != 0) {
		if (cause == NULL)
			abort();
		free(cause);
	}
}

static void
fuzz_load(const char *data, size_t size, const char *profile, int nlines)
{
	struct config	 cfg;
	char		*cause = NULL;

	config_init(&cfg);
	cfg.file = xstrdup(FUZZ_CONFIG_NAME);
	cfg.file_exists = 1;
	if (profile != NULL) {
		cfg.profile = xstrdup(profile);
		cfg.from[OPT_PROFILE] = CONFIG_SRC_FLAG;
	}
	if (config_load_text(&cfg, FUZZ_CONFIG_NAME, data, size, &cause) == 0) {
		if (cause != NULL)
			abort();
		fuzz_use_config(&cfg, nlines);
	} else {
		fuzz_check_cause(cause, profile, nlines);
		free(cause);
	}
	config_done(&cfg);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char	*text = (const char *)data;
	int		 nlines = 1;
	size_t		 i;

	/* config_read_all refuses bigger files before the reader runs. */
	if (size > 1024 * 1024)
		return (0);
	for (i = 0; i < size; i++) {
		if (text[i] == '\n' && i + 1 < size)
			nlines++;
	}
	fuzz_load(text, size, NULL, nlines);
	fuzz_load(text, size, "venue-a", nlines);
	return (0);
}
