/*
 * A reload builds a whole new config, keymap and theme first and hands
 * them over only when all are good; a mistake leaves the old ones.
 */
#include "reload.h"

#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "log.h"
#include "theme.h"
#include "xmalloc.h"

struct reload {
	int			 argc;
	char			**argv;
	const struct config	*running;
	struct api		*api;
};

struct keymap *
reload_keymap(const struct config *cfg, char **cause)
{
	struct keymap	*km = keymap_new();

	if (keymap_apply(km, cfg->keymap, cfg->nkeymap, cfg->file, cause) !=
	    0) {
		keymap_free(km);
		return (NULL);
	}
	return (km);
}

struct theme *
reload_theme(const struct config *cfg, char **cause)
{
	return (theme_new(cfg->theme, cfg->looks, cfg->nlooks, cfg->file,
	    cause));
}

struct reload *
reload_new(int argc, char **argv, const struct config *running,
    struct api *api)
{
	struct reload	*r;

	r = xcalloc(1, sizeof *r);
	r->argc = argc;
	r->argv = argv;
	r->running = running;
	r->api = api;
	return (r);
}

void
reload_free(struct reload *r)
{
	free(r);
}

/* 1 when a is set, b is set and they differ. */
static int
reload_changed(const char *a, const char *b)
{
	return (a != NULL && b != NULL && strcmp(a, b) != 0);
}

int
reload_config(void *arg, struct app_options *out, char **note, char **cause)
{
	struct reload		*r = arg;
	const struct config	*old = r->running;
	struct config		 next;

	config_init(&next);
	if (config_parse_argv(&next, r->argc, r->argv, cause) != 0 ||
	    config_resolve(&next, cause) != 0 ||
	    (out->keymap = reload_keymap(&next, cause)) == NULL) {
		config_done(&next);
		return (-1);
	}
	if ((out->theme = reload_theme(&next, cause)) == NULL) {
		keymap_free(out->keymap);
		out->keymap = NULL;
		config_done(&next);
		return (-1);
	}
	out->ascii = next.ascii;
	out->no_color = next.no_color;
	out->readonly = next.readonly;
	out->mouse = next.mouse;
	api_set_poll_interval(r->api, (uint64_t)(next.poll_interval * 1000));
	if ((!old->demo && (reload_changed(next.server, old->server) ||
	    reload_changed(next.user, old->user))) ||
	    (next.label == NULL) != (old->label == NULL) ||
	    reload_changed(next.label, old->label))
		*note = xstrdup("a new server, user or label takes a restart "
		    "of evtop");
	log_debug("%s: reloaded %s", __func__, next.file != NULL ? next.file :
	    "(no file)");
	config_done(&next);
	return (0);
}
