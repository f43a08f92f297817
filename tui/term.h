/*
 * The terminal: the only module that sets curses up and tears it down.
 * It owns the libuv handles for standard input, the resize self-pipe and
 * the quit signals, restores the terminal on every way out (normal exit,
 * quit signals through the loop, fatal signals from a handler) and hands
 * the rest of the program curses attributes by style name.
 */
#ifndef EVTOP_TERM_H
#define EVTOP_TERM_H

#include <curses.h>
#include <uv.h>

enum term_style {
	TERM_NORMAL,
	TERM_HEADER,		/* header line */
	TERM_BAR,		/* bottom bar */
	TERM_BAR_KEY,		/* a key in the bottom bar */
	TERM_FRAME,		/* pane border */
	TERM_FRAME_FOCUS,	/* focused pane border */
	TERM_LIST_HEADER,	/* column titles */
	TERM_SELECT,		/* selected row in the focused pane */
	TERM_DIM,
	TERM_LABEL,		/* "Confirmed:" */
	TERM_CHANGED,		/* a value that just changed */
	TERM_OK,
	TERM_INFO,
	TERM_WARN,
	TERM_ERROR,
	TERM_GAUGE,
	TERM_TOAST,		/* toast text */
	TERM_BANNER_OK,		/* the kiosk's VALID */
	TERM_BANNER_WARN,	/* ALREADY CHECKED IN, OFFLINE */
	TERM_BANNER_ERROR,	/* INVALID */
	TERM_BANNER_READY,	/* ready for the next scan */
	TERM_STYLE__COUNT
};

/*
 * The names a [theme] section gives the styles (term.c's table beside
 * this enum): "header", "bar-key"...  NULL for TERM_NORMAL, which is not
 * configurable; term_style_find returns -1 for an unknown name.
 */
const char	*term_style_name(enum term_style);
int		 term_style_find(const char *);

/* Callbacks into the owner; arg is term_new's. */
struct term_cbs {
	void	(*input)(void *arg);		/* keys are waiting */
	void	(*resize)(void *arg);		/* the size changed */
	void	(*quit)(void *arg, int signo);	/* SIGINT, SIGTERM... */
	/*
	 * SIGHUP while the terminal is still there: read the config again.
	 * NULL, or a hung-up terminal: SIGHUP quits as the others do.
	 */
	void	(*reload)(void *arg);
};

struct term;
struct theme;

struct term	*term_new(uv_loop_t *, int ascii, int no_color,
		    const struct term_cbs *, void *arg);
/* Starts curses and the handles; 0, or -1 with a sentence in *cause. */
int		 term_open(struct term *, char **cause);
/* Restores the terminal and stops the handles; safe to call twice. */
void		 term_close(struct term *);
/* Closes the handles (the caller runs the loop) and frees. */
void		 term_free(struct term *);

/*
 * Reads one key without waiting: returns 0 with the code in *key
 * (see keys_code), or -1 when none is waiting.
 */
int		 term_read_key(struct term *, int *key);
int		 term_ascii(const struct term *);
/* Changes the look while open (a config reload); redraw everything after. */
void		 term_set_look(struct term *, int ascii, int no_color);
/* Clicks and the wheel reported as KEY_MOUSE keys (--mouse), or not. */
void		 term_set_mouse(struct term *, int on);
/*
 * A kiosk, before term_open: the terminal in raw mode, so C-c, C-z and
 * C-\ arrive as keys, and SIGINT and SIGQUIT are ignored.
 */
void		 term_set_locked(struct term *, int on);
enum term_mouse {
	TERM_MOUSE_NONE,
	TERM_MOUSE_CLICK,
	TERM_MOUSE_DOUBLE,
	TERM_MOUSE_WHEEL_UP,
	TERM_MOUSE_WHEEL_DOWN
};
/* After a KEY_MOUSE key: what happened, and where (screen cells). */
int		 term_mouse(struct term *, int *y, int *x);
/*
 * The theme to draw with (borrowed: the caller keeps it alive and sets
 * the next one before freeing it; NULL is the default).  Applied at once
 * when open; redraw everything after.
 */
void		 term_set_theme(struct term *, const struct theme *);

/*
 * Teaches curses the Home and End sequences that tmux, PuTTY and rxvt
 * send but xterm's terminfo lacks (\e[1~, \e[4~, \e[H, \e[F, \e[7~,
 * \e[8~), where they are free; term_open calls it after keypad().
 */
void		 term_define_keys(void);

/*
 * Attributes for each style from a theme (NULL: the default), colour or
 * monochrome (NO_COLOR), making a colour pair for each coloured style.
 * Colour numbers the terminal lacks become its default colour.
 */
void		 term_styles_apply(const struct theme *, int color);
/* term_styles_apply with the default theme. */
void		 term_styles_init(int color);
attr_t		 term_style(enum term_style);
/* Draws a pane border with a title; ASCII when asked. */
void		 term_frame(WINDOW *, int ascii, const char *title,
		     int focused);

#endif
