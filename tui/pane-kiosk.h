/*
 * The check-in station's one screen (evtop --kiosk): the event and its
 * counters, the code field that always has the keys, the result banner in
 * block letters, the last scans; / finds a guest by name, F4 undoes the
 * last check-in, F10 asks for the PIN to leave.  Nothing else is
 * reachable: no help, no `:` line, no other view.
 */
#ifndef EVTOP_PANE_KIOSK_H
#define EVTOP_PANE_KIOSK_H

#include <stdint.h>

#include "kiosk.h"
#include "pane.h"

/* What pane_kiosk_key asks of the app, beside the PANE_* flags. */
#define PANE_KIOSK_LEAVE	0x100	/* the PIN was right */
#define PANE_KIOSK_SIGN_IN	0x200	/* open the sign-in box */
#define PANE_KIOSK_IDLE		0x400	/* a scanner's burst: arm the idle
					   timer (pane_kiosk_idle) */
#define PANE_KIOSK_TYPED	0x800	/* a character into the code */

struct pane_kiosk_settings {
	const char	*pin_hash;	/* crypt(3) hash; the pane copies it */
	int		 tab_ends;	/* Tab ends a scan as Enter does */
	unsigned	 idle_ms;	/* a burst then silence is a scan; 0 */
	unsigned	 banner_ms;	/* a result stays this long */
	int		 console;	/* the Linux console: # letters */
};

extern const struct pane_ops	pane_kiosk_ops;

/* Gives the pane its station and settings (after the view is made). */
void	pane_kiosk_attach(struct pane *, struct kiosk *,
	    const struct pane_kiosk_settings *);
/*
 * Every key but a resize, with the station's key table (keys_kiosk as
 * the config rebound it): PANE_* and PANE_KIOSK_* flags.
 */
int	pane_kiosk_key(struct pane *, const struct key_table *, int key);
/* The idle timer fired: a burst with no terminator is a scan. */
int	pane_kiosk_idle(struct pane *);
/* The station's hooks, through the app. */
int	pane_kiosk_result(struct pane *, const struct kiosk_scan *);
int	pane_kiosk_note(struct pane *, const char *sentence);

#endif
