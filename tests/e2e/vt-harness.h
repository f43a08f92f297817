/*
 * The end-to-end harness: runs a program on a pseudo-terminal of a fixed
 * size with a clean environment (TERM=xterm-256color, TZ=UTC,
 * LANG=C.UTF-8, a private temporary HOME; vt_spawn's env may replace any), feeds what it draws into
 * libvterm and lets a test read the screen and type keys, as a user would.
 * Waits poll the pty until a condition holds or a generous deadline passes;
 * the deadline bounds a failure, it is not a timing assertion.
 */
#ifndef EVTOP_VT_HARNESS_H
#define EVTOP_VT_HARNESS_H

#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include <vterm.h>

#define VT_DEADLINE_MS	30000

struct vt;

/*
 * One cell as the program drew it: its character with any combining ones
 * (UTF-8; a blank is " "), its width (2 for a wide character, whose right
 * half is a cell of width 0 holding ""), and its look.  Colours are an
 * index (0-255), -1 for the terminal's default, -2 for an RGB colour.
 */
struct vt_cell {
	char	text[32];
	int	width;
	int	bold;
	int	underline;
	int	reverse;
	int	fg;
	int	bg;
};

/*
 * Starts argv[0] (a path) with argv on a rows x cols pty; env adds or
 * replaces NAME=value entries (NULL-terminated, may be NULL).  Returns
 * NULL with a message on stderr when it cannot.
 */
struct vt	*vt_spawn(const char *const *argv, const char *const *env,
		    int rows, int cols);
/* Kills the program if it still runs, reaps it, removes the HOME. */
void		 vt_free(struct vt *);
pid_t		 vt_pid(const struct vt *);
const char	*vt_home(const struct vt *);

/* Reads what the program wrote for up to timeout_ms; -1 once it closed. */
int		 vt_pump(struct vt *, int timeout_ms);
/* Pumps for ms whatever arrives (0), or until the program closed (-1). */
int		 vt_settle(struct vt *, int ms);
/* The text of a row (trailing blanks cut); a new string. */
char		*vt_row(struct vt *, int row);
/* The text of cols cells from row, col; a new string. */
char		*vt_text(struct vt *, int row, int col, int cols);
/* 1 and the position when s is on screen (within one row). */
int		 vt_find(struct vt *, const char *s, int *row, int *col);
/* 1 when the cell is bold. */
int		 vt_bold(struct vt *, int row, int col);
/*
 * The cell's colours as the program set them: an index (0-255), -1 for
 * the terminal's default, -2 for a colour given as RGB; and 1 when it is
 * reversed.  Returns -1 when the cell is off the screen.
 */
int		 vt_colors(struct vt *, int row, int col, int *fg, int *bg,
		     int *reverse);
void		 vt_size(const struct vt *, int *rows, int *cols);
/* Fills *cell; -1 when the cell is off the screen. */
int		 vt_cell(struct vt *, int row, int col, struct vt_cell *);

/* Pumps until pred holds (0) or timeout_ms passes (-1). */
int		 vt_wait(struct vt *, int (*pred)(struct vt *, void *),
		     void *arg, int timeout_ms);
/* Waits until s is on screen (0) or not (-1 on timeout). */
int		 vt_wait_text(struct vt *, const char *s, int timeout_ms);
int		 vt_wait_gone(struct vt *, const char *s, int timeout_ms);

void		 vt_send_char(struct vt *, uint32_t c);
void		 vt_send_key(struct vt *, VTermKey key);
void		 vt_send_text(struct vt *, const char *s);
/* Writes bytes to the program as they are, not as keys: garbage too. */
void		 vt_send_raw(struct vt *, const void *buf, size_t len);
/* Resizes the pty (the program gets SIGWINCH) and the screen. */
void		 vt_resize(struct vt *, int rows, int cols);

/*
 * Waits for the program to exit: returns its exit status, 128+signal when
 * a signal killed it, or -1 on timeout.
 */
int		 vt_wait_exit(struct vt *, int timeout_ms);
/* How many times the program rang the bell (BEL) so far. */
int		 vt_bells(const struct vt *);
/* Writes the screen to f, framed, for a failure report. */
void		 vt_dump(struct vt *, FILE *f);

/*
 * Processes still alive (not zombies) that are in session sid or were
 * listed in pids (n of them).  Used to check that nothing outlives evtop.
 */
int		 vt_session_count(pid_t sid, const pid_t *pids, size_t n);
/*
 * Waits up to timeout_ms for vt_session_count to reach 0; returns what is
 * left (0 when nothing outlived the program).
 */
int		 vt_session_wait_gone(pid_t sid, const pid_t *pids, size_t n,
		     int timeout_ms);
/* Fills pids (up to max) with processes of session sid; returns how many. */
size_t		 vt_session_pids(pid_t sid, pid_t *pids, size_t max);

#endif
