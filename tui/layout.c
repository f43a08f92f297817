/*
 * The layout.  Wide terminals: events left, the selected event's stats
 * right, notifications along the bottom.  Narrower ones (80 columns):
 * events across the top, stats and notifications side by side below.
 * Below 80x24, one pane at a time, as k9s and htop do on a small screen.
 */
#include "layout.h"

#include <string.h>

#define LAYOUT_STATS_LINES	12	/* border + ten lines of stats */

static void
layout_rect(struct layout_rect *r, int y, int x, int h, int w)
{
	r->y = y;
	r->x = x;
	r->h = h;
	r->w = w;
}

int
layout_compute(int lines, int cols, struct layout *l)
{
	int	body, top, bottom, side;

	memset(l, 0, sizeof *l);
	if (lines < LAYOUT_MIN_LINES || cols < LAYOUT_MIN_COLS) {
		l->too_small = 1;
		return (-1);
	}
	layout_rect(&l->header, 0, 0, 1, cols);
	layout_rect(&l->bar, lines - 1, 0, 1, cols);
	body = lines - 2;

	/* Small: the focused pane has the body; Tab shows the next. */
	if (lines < LAYOUT_FULL_LINES || cols < LAYOUT_FULL_COLS) {
		l->single = 1;
		layout_rect(&l->events, 1, 0, body, cols);
		l->stats = l->notify = l->events;
		return (0);
	}

	if (cols >= LAYOUT_WIDE_COLS && lines >= LAYOUT_WIDE_LINES) {
		bottom = body / 3;
		if (bottom < 6)
			bottom = 6;
		top = body - bottom;
		side = cols >= 130 ? 48 : 40;
		layout_rect(&l->events, 1, 0, top, cols - side);
		layout_rect(&l->stats, 1, cols - side, top, side);
		layout_rect(&l->notify, 1 + top, 0, bottom, cols);
		return (0);
	}

	bottom = body * 2 / 5;
	if (bottom < LAYOUT_STATS_LINES)
		bottom = LAYOUT_STATS_LINES;
	if (body - bottom < 6)
		bottom = body - 6;
	top = body - bottom;
	side = cols * 45 / 100;
	if (side < 30)
		side = 30;
	layout_rect(&l->events, 1, 0, top, cols);
	layout_rect(&l->stats, 1 + top, 0, bottom, side);
	layout_rect(&l->notify, 1 + top, side, bottom, cols - side);
	return (0);
}
