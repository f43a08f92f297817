/*
 * Where each part of the dashboard goes for a terminal size.  Pure
 * arithmetic, no curses, so it is tested on its own.
 */
#ifndef EVTOP_LAYOUT_H
#define EVTOP_LAYOUT_H

#define LAYOUT_MIN_COLS		30	/* below: "Terminal too small" */
#define LAYOUT_MIN_LINES	8
#define LAYOUT_FULL_COLS	80	/* below: one pane at a time */
#define LAYOUT_FULL_LINES	24
#define LAYOUT_WIDE_COLS	100	/* from here stats sit beside events */
#define LAYOUT_WIDE_LINES	24	/* ...if there is height for the log */

struct layout_rect {
	int	y, x, h, w;
};

struct layout {
	int			too_small;
	/*
	 * Below LAYOUT_FULL_*: one pane at a time, the body each (events,
	 * stats and notify are the same rect); Tab goes to the next.
	 */
	int			single;
	struct layout_rect	header;
	struct layout_rect	bar;
	struct layout_rect	events;
	struct layout_rect	stats;
	struct layout_rect	notify;
};

/* Fills l for a lines x cols terminal; returns 0, or -1 when too small. */
int	layout_compute(int lines, int cols, struct layout *l);

#endif
