/*
 * Expected screens (tig's .expected files; STYLE.md, "Tests"): a screen
 * drawn at a fixed size from deterministic data is compared cell for cell,
 * text and look, with a file under tests/screens/.  The file is text that
 * reads and diffs well:
 *
 *	# comment lines
 *	size 80x24
 *	text
 *	| evtop  evtop-mock  ...|	each row between bars, blanks kept
 *	styles
 *	|aaaaaaaaaaaaaaaaaaaa...|	a letter a cell, from the legend
 *	legend
 *	. plain				the terminal's own look
 *	a bold fg=15 bg=4		bold, underline, reverse, fg=N, bg=N
 *
 * Letters are given in order of first appearance.  A wide character is
 * one character in its row's text and two cells, the right one styled
 * like the left.  With EVTOP_SCREENS_UPDATE=1 in the environment
 * (`make screens`) the files are written instead of compared.
 */
#ifndef EVTOP_VT_SCREEN_H
#define EVTOP_VT_SCREEN_H

#include <stdio.h>

struct vt;
struct vt_screen;

/* Quiet this long (no byte from the program) before a screen counts. */
#define VT_SCREEN_QUIET_MS	400

/* The program's screen as it is now. */
struct vt_screen	*vt_screen_capture(struct vt *);
/*
 * A screen the program has stopped drawing: the same on two captures
 * with quiet_ms without output before each.  NULL if it still changes
 * after timeout_ms.
 */
struct vt_screen	*vt_screen_capture_stable(struct vt *, int quiet_ms,
			    int timeout_ms);
/* A screen from a file's text; NULL with a sentence in *cause. */
struct vt_screen	*vt_screen_parse(const char *text, char **cause);
/* The file's text for a screen; a new string. */
char			*vt_screen_format(const struct vt_screen *);
void			 vt_screen_free(struct vt_screen *);

/*
 * Compares a screen with the one expected.  Returns the number of cells
 * that differ in text or look (0: the same), and writes to f (unless
 * NULL) each differing row's text, expected and actual, with carets
 * under the differing columns, then each run of cells whose look
 * differs, with both looks.
 */
int			 vt_screen_diff(const struct vt_screen *want,
			    const struct vt_screen *got, FILE *f);

/*
 * Waits for a stable screen and compares it with tests/screens/NAME.screen
 * (under EVTOP_SOURCE_DIR): 0 when it matches, -1 with the diff on stderr.
 * With EVTOP_SCREENS_UPDATE set, writes the file when it differs and says
 * so on stdout; 0 unless it could not.
 */
int			 vt_screen_check(struct vt *, const char *name);

#endif
