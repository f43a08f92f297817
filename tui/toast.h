/*
 * Toasts: short-lived lines stacked at the top right, one per notification
 * or background error.  Each expires after TOAST_MS; the app arms one timer
 * for the soonest expiry.
 */
#ifndef EVTOP_TOAST_H
#define EVTOP_TOAST_H

#include <stddef.h>
#include <stdint.h>

#include <curses.h>

#include "model.h"

#define TOAST_MS	4000
#define TOAST_MAX	3	/* more push the oldest out */

struct toasts;

struct toasts	*toasts_new(void);
void		 toasts_free(struct toasts *);
/* Adds a toast (strings copied; message may be NULL). */
void		 toasts_add(struct toasts *, enum notification_level,
		     const char *title, const char *message, uint64_t now_ms);
/* Drops expired toasts; returns 1 when one went. */
int		 toasts_expire(struct toasts *, uint64_t now_ms);
/* The soonest expiry in ms, or 0 when there are none. */
uint64_t	 toasts_deadline(const struct toasts *);
size_t		 toasts_count(const struct toasts *);
/* The text of toast i (0 is the newest), for tests. */
const char	*toasts_text(const struct toasts *, size_t i);
/*
 * Draws the stack at the top right of a cols-wide screen below row top and
 * queues it with wnoutrefresh; removes the window when there are none.
 */
void		 toasts_draw(struct toasts *, int top, int lines, int cols,
		     int ascii);
/* Deletes the window (before curses ends). */
void		 toasts_close(struct toasts *);

#endif
