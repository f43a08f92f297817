/* A row of tabs. */
#include "tabs.h"

#include "textw.h"

int
tabs_layout(const char *const *labels, size_t n, int cols, int *starts,
    int *widths)
{
	size_t	i;
	int	x = 0, w;

	for (i = 0; i < n; i++) {
		/* A separator before every tab but the first. */
		w = textw_width(labels[i]) + 2;
		starts[i] = x + (i > 0);
		if (starts[i] + w > cols) {
			widths[i] = 0;
			continue;
		}
		widths[i] = w;
		x = starts[i] + w;
	}
	return (x);
}

int
tabs_hit(const char *const *labels, size_t n, int cols, int col)
{
	int	starts[16], widths[16];
	size_t	i;

	if (n > 16)
		n = 16;
	tabs_layout(labels, n, cols, starts, widths);
	for (i = 0; i < n; i++) {
		if (widths[i] > 0 && col >= starts[i] &&
		    col < starts[i] + widths[i])
			return ((int)i);
	}
	return (-1);
}

void
tabs_draw(WINDOW *w, int y, int x, int cols, const char *const *labels,
    size_t n, size_t active, int ascii, attr_t attr, attr_t active_attr)
{
	int	starts[16], widths[16];
	size_t	i;

	if (n > 16)
		n = 16;
	tabs_layout(labels, n, cols, starts, widths);
	for (i = 0; i < n; i++) {
		if (widths[i] == 0)
			continue;
		if (i > 0)
			textw_put(w, y, x + starts[i] - 1, ascii ? "|" :
			    "\xe2\x94\x82", 1, 0, attr);
		mvwaddch(w, y, x + starts[i], ' ' | (i == active ?
		    active_attr : attr));
		textw_put(w, y, x + starts[i] + 1, labels[i], widths[i] - 2,
		    ascii ? TEXTW_ASCII : 0, i == active ? active_attr : attr);
		mvwaddch(w, y, x + starts[i] + widths[i] - 1, ' ' |
		    (i == active ? active_attr : attr));
	}
}
