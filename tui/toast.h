/*
 * Toasts: short-lived lines in the bottom right corner, over the
 * notification log (which keeps the same news for good), one per
 * notification or background error.  The same news again while its toast
 * is up counts ("x3") and lives longer instead of stacking.  Errors stay
 * longest.  The app arms one timer for the soonest expiry.
 */
#ifndef EVTOP_TOAST_H
#define EVTOP_TOAST_H

#include <stddef.h>
#include <stdint.h>

#include <curses.h>

#include "model.h"

#define TOAST_MS	4000	/* the life of an info or success toast */
#define TOAST_MAX	3	/* more push out the one due to go first */

struct toasts;

struct toasts	*toasts_new(void);
void		 toasts_free(struct toasts *);
/* How long a toast of this level stays up, in ms. */
uint64_t	 toasts_life(enum notification_level);
/*
 * Adds a toast (strings copied; message may be NULL), or, when one with
 * the same level and text is up, counts it again and restarts its life.
 */
void		 toasts_add(struct toasts *, enum notification_level,
		     const char *title, const char *message, uint64_t now_ms);
/* Drops expired toasts; returns 1 when one went. */
int		 toasts_expire(struct toasts *, uint64_t now_ms);
/* The soonest expiry in ms, or 0 when there are none. */
uint64_t	 toasts_deadline(const struct toasts *);
size_t		 toasts_count(const struct toasts *);
/* The text of toast i (0 is the newest), for tests. */
const char	*toasts_text(const struct toasts *, size_t i);
/* How many times toast i was added (1 for a single one); 0 if none. */
unsigned	 toasts_repeats(const struct toasts *, size_t i);
/*
 * Draws the stack, newest at the bottom, in the bottom right corner of the
 * screen rectangle at y, x of h rows and w columns, and queues it with
 * wnoutrefresh; removes the window when there are none.
 */
void		 toasts_draw(struct toasts *, int y, int x, int h, int w,
		     int ascii);
/* Deletes the window (before curses ends). */
void		 toasts_close(struct toasts *);

#endif
