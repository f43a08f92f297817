/*
 * What the dashboard is built from a config, and built again on a reload
 * (Ctrl-R, SIGHUP): the key map with the config's [keymap] on top of the
 * defaults, the theme with its [theme] lines, and the settings that may
 * change while evtop runs.
 */
#ifndef EVTOP_RELOAD_H
#define EVTOP_RELOAD_H

#include "api.h"
#include "app.h"
#include "config.h"

struct reload;

/* The [keymap] of a config on top of the default keys; NULL with *cause. */
struct keymap	*reload_keymap(const struct config *, char **cause);
/* The chosen theme with the config's [theme] lines; NULL with *cause. */
struct theme	*reload_theme(const struct config *, char **cause);

/*
 * What a reload reads again: the command line (argv is borrowed) and the
 * file it names, against the running config; api takes a new
 * poll_interval at once.
 */
struct reload	*reload_new(int argc, char **argv, const struct config *running,
		    struct api *);
void		 reload_free(struct reload *);
/* app_options.reload, with the reload as arg (see app.h). */
int		 reload_config(void *arg, struct app_options *out, char **note,
		    char **cause);

#endif
