/*
 * The dashboard application: owns the terminal, the panes, the key tables,
 * the toasts and the damage flags, and runs on the caller's libuv loop.
 */
#ifndef EVTOP_APP_H
#define EVTOP_APP_H

#include <uv.h>

#include "api.h"
#include "store.h"

struct keymap;
struct theme;

/* evtop --kiosk: the check-in station instead of the dashboard. */
struct app_kiosk_options {
	int64_t		 event_id;	/* 0: not a kiosk */
	const char	*server;	/* whose guest list the file keeps */
	const char	*pin_hash;	/* leaving needs this PIN */
	const char	*path;		/* the station's file; NULL: state's */
	int		 tab_ends;	/* the scanner ends a code with Tab */
	unsigned	 idle_ms;	/* a burst then silence is a scan; 0 */
	unsigned	 banner_ms;	/* a result stays this long; 0: 3 s */
	int		 bell;		/* beep: 1 valid, 2 already, 3 not */
};

struct app_options {
	int		 ascii;		/* no Unicode glyphs */
	int		 no_color;	/* monochrome (NO_COLOR is honoured too) */
	int		 readonly;	/* write actions hidden and refused */
	int		 mouse;		/* clicks act (--mouse) */
	const char	*server_label;	/* header text; NULL: api_server() */
	struct keymap	*keymap;	/* the app frees it; NULL: defaults */
	struct theme	*theme;		/* the app frees it; NULL: default */
	/*
	 * Reads the config again (Ctrl-R, SIGHUP): 0 with what may change
	 * live in *out (ascii, no_color, readonly, keymap, theme) and perhaps a
	 * sentence in *note (what needs a restart), or -1 with the
	 * "FILE:LINE: ..." sentence in *cause, the old config staying.
	 * NULL: reloading is not offered.
	 */
	int		(*reload)(void *arg, struct app_options *out,
			    char **note, char **cause);
	void		*reload_arg;
	/*
	 * The sign-out action: deletes the kept sign-in and returns 1 with
	 * the sentence to print on stderr once the terminal is back (the app
	 * then leaves with status 0), 0 with a sentence for a toast when
	 * there is nothing to sign out of (the demo: the app stays), or -1
	 * with why the kept sign-in could not be deleted (it stays too).
	 * NULL: the app says there is nothing kept.
	 */
	int		(*sign_out)(void *arg, char **sentence);
	void		*sign_out_arg;
	/*
	 * The user signed in again in the sign-in box after the server
	 * signed them out: the new session (api_session) is kept as a
	 * sign-in at start is; 0, or -1 with a sentence for a toast when it
	 * cannot be.  NULL: nothing is kept.
	 */
	int		(*signed_in)(void *arg, char **sentence);
	void		*signed_in_arg;
	struct app_kiosk_options kiosk;
};

struct app;

struct app	*app_new(uv_loop_t *, struct api *, struct store *,
		    const struct app_options *);
/*
 * Turns the terminal on; calls api_set_hooks, api_refresh_events and
 * api_start_live; runs the loop until the user quits; restores the
 * terminal; returns the exit code (0 on q or sign-out, 4 on q after the
 * server signed the user out and no sign-in in the box followed,
 * 128+signal on a quit signal, 1 when the
 * terminal cannot be used, with a sentence on stderr).  After a sign-out
 * its sentence is printed on stderr once the terminal is restored.
 */
int		 app_run(struct app *);
/*
 * A message that stays on screen until replaced or cleared (NULL): what
 * the user must know even after toasts have gone ("the demo server
 * stopped", "signed out").  The sentence is copied.
 */
void		 app_set_banner(struct app *, enum notification_level,
		    const char *sentence);
/*
 * Closes the app's handles and frees it once they have closed (the caller
 * runs the loop afterwards).  Call it before api_free.
 */
void		 app_free(struct app *);

#endif
