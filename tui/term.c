/*
 * Terminal setup and teardown.  Three facts shape this file (see
 * PLATFORM.md): libuv swallows the EINTR that would give curses its
 * KEY_RESIZE, so SIGWINCH goes through a self-pipe; libuv sets O_NONBLOCK
 * on fd 0, whose open file is shared with the parent shell, so its flags
 * are saved and restored; and curses output goes to a separate open of the
 * tty so that flag never makes a write fail with EAGAIN.
 */
#include "term.h"

#include <errno.h>
#include <execinfo.h>
#include <fcntl.h>
#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "keys.h"
#include "textw.h"
#include "theme.h"
#include "log.h"
#include "xmalloc.h"

struct term {
	uv_loop_t		*loop;
	int			 ascii;
	int			 no_color;
	const struct term_cbs	*cbs;
	void			*arg;
	const struct theme	*theme;		/* borrowed; NULL: default */

	int			 open;
	SCREEN			*screen;
	FILE			*out;
	int			 pipe[2];

	uv_poll_t		 input;
	uv_poll_t		 winch;
	uv_signal_t		 signals[4];
	int			 handles;	/* initialised, not yet closed */
	int			 freeing;
	int			 mouse;		/* clicks asked for */
	int			 locked;	/* a kiosk: keys never signal */
};

static const int term_quit_signals[4] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
static const int term_fatal_signals[] = { SIGSEGV, SIGBUS, SIGABRT, SIGFPE,
    SIGILL };

#if defined(__SANITIZE_ADDRESS__)
#define TERM_ASAN	1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TERM_ASAN	1
#endif
#endif
#ifdef TERM_ASAN
/*
 * Under AddressSanitizer a real bad access goes on to its handler, which
 * reports the whole stack, symbolized: more than backtrace() can say.
 */
static struct sigaction	term_asan_segv;
#endif

/* Signal handlers can only reach static state. */
static volatile sig_atomic_t	term_active;
static int			term_fd0_flags = -1;
static int			term_winch_fd = -1;
static struct sigaction		term_old_winch;
static int			term_atexit_done;

static attr_t			term_styles[TERM_STYLE__COUNT];

/* The styles' names in [theme]: the enum's order (theme.c has the looks). */
static const char *const term_style_names[TERM_STYLE__COUNT] = {
	[TERM_NORMAL] =		NULL,
	[TERM_HEADER] =		"header",
	[TERM_BAR] =		"bar",
	[TERM_BAR_KEY] =	"bar-key",
	[TERM_FRAME] =		"frame",
	[TERM_FRAME_FOCUS] =	"frame-focus",
	[TERM_LIST_HEADER] =	"list-header",
	[TERM_SELECT] =		"select",
	[TERM_DIM] =		"dim",
	[TERM_LABEL] =		"label",
	[TERM_CHANGED] =	"changed",
	[TERM_OK] =		"ok",
	[TERM_INFO] =		"info",
	[TERM_WARN] =		"warn",
	[TERM_ERROR] =		"error",
	[TERM_GAUGE] =		"gauge",
	[TERM_TOAST] =		"toast",
	[TERM_BANNER_OK] =	"banner-ok",
	[TERM_BANNER_WARN] =	"banner-warn",
	[TERM_BANNER_ERROR] =	"banner-error",
	[TERM_BANNER_READY] =	"banner-ready",
};

const char *
term_style_name(enum term_style s)
{
	if ((unsigned)s >= TERM_STYLE__COUNT)
		return (NULL);
	return (term_style_names[s]);
}

int
term_style_find(const char *name)
{
	size_t	s;

	for (s = 0; s < TERM_STYLE__COUNT; s++) {
		if (term_style_names[s] != NULL &&
		    strcmp(term_style_names[s], name) == 0)
			return ((int)s);
	}
	return (-1);
}

/* A colour the terminal has, or its default. */
static short
term_color(short c)
{
	return (c >= 0 && c < COLORS ? c : -1);
}

void
term_styles_apply(const struct theme *theme, int color)
{
	struct theme_look	look;
	size_t			s;
	short			pair = 1;

	memset(term_styles, 0, sizeof term_styles);
	for (s = 0; s < TERM_STYLE__COUNT; s++) {
		theme_get(theme, (enum term_style)s, color, &look);
		term_styles[s] = look.attrs;
		if (!color)
			continue;
		look.fg = term_color(look.fg);
		look.bg = term_color(look.bg);
		if (look.fg == -1 && look.bg == -1)
			continue;
		if (pair >= COLOR_PAIRS)
			continue;
		init_pair(pair, look.fg, look.bg);
		term_styles[s] |= COLOR_PAIR(pair);
		pair++;
	}
}

void
term_styles_init(int color)
{
	term_styles_apply(NULL, color);
}

attr_t
term_style(enum term_style s)
{
	if ((unsigned)s >= TERM_STYLE__COUNT)
		return (0);
	return (term_styles[s]);
}

void
term_frame(WINDOW *w, int ascii, const char *title, int focused)
{
	attr_t	attr = term_style(focused ? TERM_FRAME_FOCUS : TERM_FRAME);
	int	width = getmaxx(w), x;

	/*
	 * The wide-character line set: in a UTF-8 locale these are the
	 * Unicode box characters themselves, not VT100 alternate-charset
	 * letters that some terminals and screen captures show as "lqqk".
	 */
	wattr_on(w, attr, NULL);
	if (ascii)
		wborder(w, '|', '|', '-', '-', '+', '+', '+', '+');
	else
		wborder_set(w, WACS_VLINE, WACS_VLINE, WACS_HLINE, WACS_HLINE,
		    WACS_ULCORNER, WACS_URCORNER, WACS_LLCORNER,
		    WACS_LRCORNER);
	wattr_off(w, attr, NULL);
	/* The focused pane's title is reversed: visible without colour. */
	if (title != NULL && width > 6) {
		if (focused)
			attr |= A_REVERSE;
		textw_put(w, 0, 2, " ", 1, 0, attr);
		x = 3 + textw_put(w, 0, 3, title, width - 6,
		    TEXTW_ELLIPSIS|(ascii ? TEXTW_ASCII : 0), attr|A_BOLD);
		textw_put(w, 0, x, " ", 1, 0, attr);
	}
}

/* Puts the terminal back however we leave: used by handlers too. */
static void
term_restore(void)
{
	if (term_active) {
		term_active = 0;
		endwin();
	}
	if (term_fd0_flags != -1)
		fcntl(STDIN_FILENO, F_SETFL, term_fd0_flags);
}

/*
 * A crash leaves the terminal usable and says where it happened, so that
 * a report (or a test log) has more than "Segmentation fault".  Only
 * async-signal-safe calls, and backtrace() was called once beforehand so
 * that it does not load its library here.
 */
static void
term_fatal(int signo, siginfo_t *si, void *ctx)
{
	static const char	 head[] = "evtop: crashed on signal ";
	void			*frames[32];
	char			 num[3];
	int			 saved = errno, n;

	term_restore();
	/*
	 * Said first: what follows walks the stack, and a fault in a
	 * function that is gone (a jump to unloaded code) can fault again
	 * there and end the process with nothing said.
	 */
	n = 0;
	if (signo >= 10)
		num[n++] = (char)('0' + signo / 10 % 10);
	num[n++] = (char)('0' + signo % 10);
	num[n++] = '\n';
	(void)!write(STDERR_FILENO, head, sizeof head - 1);
	(void)!write(STDERR_FILENO, num, (size_t)n);
#ifdef TERM_ASAN
	/* si_code > 0: the kernel's, a real fault, not a kill(1). */
	if (signo == SIGSEGV && si != NULL && si->si_code > 0 &&
	    (term_asan_segv.sa_flags & SA_SIGINFO) &&
	    term_asan_segv.sa_sigaction != NULL) {
		term_asan_segv.sa_sigaction(signo, si, ctx);
		return;
	}
#else
	(void)si;
	(void)ctx;
#endif
	n = backtrace(frames, (int)(sizeof frames / sizeof frames[0]));
	backtrace_symbols_fd(frames, n, STDERR_FILENO);
	errno = saved;
	raise(signo);	/* SA_RESETHAND: the default action now */
}

static void
term_on_winch(int signo, siginfo_t *si, void *ctx)
{
	int	saved = errno;

	if (term_winch_fd != -1)
		(void)write(term_winch_fd, "w", 1);
	if (term_old_winch.sa_flags & SA_SIGINFO) {
		if (term_old_winch.sa_sigaction != NULL)
			term_old_winch.sa_sigaction(signo, si, ctx);
	} else if (term_old_winch.sa_handler != SIG_DFL &&
	    term_old_winch.sa_handler != SIG_IGN &&
	    term_old_winch.sa_handler != NULL)
		term_old_winch.sa_handler(signo);
	errno = saved;
}

static void
term_atexit(void)
{
	term_restore();
}

struct term *
term_new(uv_loop_t *loop, int ascii, int no_color, const struct term_cbs *cbs,
    void *arg)
{
	struct term	*t;
	const char	*nc = getenv("NO_COLOR");

	t = xcalloc(1, sizeof *t);
	t->loop = loop;
	t->ascii = ascii;
	t->no_color = no_color || (nc != NULL && *nc != '\0');
	t->cbs = cbs;
	t->arg = arg;
	t->pipe[0] = t->pipe[1] = -1;
	return (t);
}

int
term_ascii(const struct term *t)
{
	return (t->ascii);
}

static void
term_input_cb(uv_poll_t *h, int status, int events)
{
	struct term	*t = h->data;

	if (t->open)
		t->cbs->input(t->arg);
}

static void
term_winch_cb(uv_poll_t *h, int status, int events)
{
	struct term	*t = h->data;
	struct winsize	 ws;
	char		 buf[64];

	while (read(t->pipe[0], buf, sizeof buf) > 0)
		;
	if (!t->open)
		return;
	/* Curses' own handler ran too: get_wch now gives KEY_RESIZE. */
	t->cbs->input(t->arg);
	if (ioctl(fileno(t->out), TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0 && (ws.ws_row != LINES || ws.ws_col != COLS)) {
		resize_term(ws.ws_row, ws.ws_col);
		t->cbs->resize(t->arg);
	}
}

static void
term_signal_cb(uv_signal_t *h, int signo)
{
	struct term	*t = h->data;
	struct termios	 tio;

	/*
	 * SIGHUP asks a daemon-like program to read its config again, but
	 * it is also what a closing terminal (ssh gone) sends: only a
	 * terminal that still answers gets a reload.
	 */
	/* A kiosk is left with its PIN; only SIGTERM (a service) stops it. */
	if (t->locked && (signo == SIGINT || signo == SIGQUIT)) {
		log_debug("term: signal %d ignored: the station is locked",
		    signo);
		return;
	}
	if (signo == SIGHUP && t->cbs->reload != NULL && t->out != NULL &&
	    tcgetattr(fileno(t->out), &tio) == 0) {
		t->cbs->reload(t->arg);
		return;
	}
	t->cbs->quit(t->arg, signo);
}

/* The theme's attributes and colour pairs, once curses has a screen. */
static void
term_apply_colors(struct term *t)
{
	if (t->screen == NULL)
		return;
	if (!t->no_color && has_colors()) {
		start_color();
		use_default_colors();
		term_styles_apply(t->theme, 1);
	} else
		term_styles_apply(t->theme, 0);
}

void
term_set_look(struct term *t, int ascii, int no_color)
{
	const char	*cs = nl_langinfo(CODESET);
	const char	*nc = getenv("NO_COLOR");

	t->ascii = ascii || cs == NULL || strcmp(cs, "UTF-8") != 0;
	t->no_color = no_color || (nc != NULL && *nc != '\0');
	term_apply_colors(t);
}

void
term_set_theme(struct term *t, const struct theme *theme)
{
	t->theme = theme;
	term_apply_colors(t);
}

/* Opens the controlling tty again for output (see the top of the file). */
static FILE *
term_open_output(void)
{
	const char	*path;
	FILE		*f;
	int		 fd;

	if ((path = ttyname(STDOUT_FILENO)) == NULL &&
	    (path = ttyname(STDIN_FILENO)) == NULL)
		return (NULL);
	if ((fd = open(path, O_WRONLY|O_NOCTTY|O_CLOEXEC)) == -1)
		return (NULL);
	if ((f = fdopen(fd, "w")) == NULL)
		close(fd);
	return (f);
}

static void
term_install_fatal(void)
{
	struct sigaction	sa;
	void			*frame;
	size_t			i;

	(void)backtrace(&frame, 1);	/* loads what term_fatal will use */
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = term_fatal;
	sa.sa_flags = SA_SIGINFO|SA_RESETHAND|SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof term_fatal_signals / sizeof term_fatal_signals[0];
	    i++) {
#ifdef TERM_ASAN
		if (term_fatal_signals[i] == SIGSEGV) {
			sigaction(SIGSEGV, &sa, &term_asan_segv);
			continue;
		}
#endif
		sigaction(term_fatal_signals[i], &sa, NULL);
	}
}

static void
term_install_winch(struct term *t)
{
	struct sigaction	sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = term_on_winch;
	sa.sa_flags = SA_SIGINFO|SA_RESTART;
	sigemptyset(&sa.sa_mask);
	term_winch_fd = t->pipe[1];
	sigaction(SIGWINCH, &sa, &term_old_winch);
}

void
term_define_keys(void)
{
	static const struct {
		const char	*seq;
		int		 key;
	} extra[] = {
		{ "\033[1~",	KEY_HOME },	/* tmux, PuTTY, Linux console */
		{ "\033[4~",	KEY_END },
		{ "\033[H",	KEY_HOME },	/* xterm in normal cursor mode */
		{ "\033[F",	KEY_END },
		{ "\033[7~",	KEY_HOME },	/* rxvt */
		{ "\033[8~",	KEY_END },
	};
	size_t	i;

	for (i = 0; i < sizeof extra / sizeof extra[0]; i++) {
		if (key_defined(extra[i].seq) == 0)
			define_key(extra[i].seq, extra[i].key);
	}
}

/*
 * Whether the terminal newterm set up can address the cursor: "dumb" and
 * hardcopy terminals cannot, and curses would draw a garbled screen.
 */
static int
term_can_draw(void)
{
	const char	*cup = tigetstr("cup");

	return (cup != NULL && cup != (const char *)-1 && *cup != '\0' &&
	    tigetflag("hc") <= 0);
}

int
term_open(struct term *t, char **cause)
{
	const char	*cs;
	size_t		 i;
	int		 rc;

	if (t->open)
		return (0);
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		*cause = xstrdup("evtop needs a terminal on standard input and "
		    "output; use -b for plain text output.");
		return (-1);
	}
	cs = nl_langinfo(CODESET);
	if (cs == NULL || strcmp(cs, "UTF-8") != 0)
		t->ascii = 1;	/* no UTF-8 locale: no Unicode glyphs */

	term_fd0_flags = fcntl(STDIN_FILENO, F_GETFL);
	if ((t->out = term_open_output()) == NULL)
		t->out = stdout;
	if (getenv("ESCDELAY") == NULL)
		set_escdelay(25);
	if ((t->screen = newterm(NULL, t->out, stdin)) == NULL) {
		xasprintf(cause, "Cannot use terminal type \"%s\"; set TERM to "
		    "one terminfo knows, such as xterm-256color.",
		    getenv("TERM") != NULL ? getenv("TERM") : "");
		if (t->out != stdout)
			fclose(t->out);
		t->out = NULL;
		term_fd0_flags = -1;
		return (-1);
	}
	if (!term_can_draw()) {
		xasprintf(cause, "the terminal type %s cannot draw the "
		    "dashboard; use evtop -b for plain text, or set TERM (e.g. "
		    "xterm-256color)", termname());
		endwin();
		delscreen(t->screen);
		t->screen = NULL;
		if (t->out != stdout)
			fclose(t->out);
		t->out = NULL;
		term_fd0_flags = -1;
		return (-1);
	}
	term_active = 1;
	if (!term_atexit_done) {
		atexit(term_atexit);
		term_atexit_done = 1;
	}
	term_install_fatal();
	if (getenv("ESCDELAY") == NULL)
		set_escdelay(25);
	/*
	 * Locked, C-c, C-z and C-\ are keys like any other (and do
	 * nothing): the terminal sends no signal for them.
	 */
	if (t->locked) {
		raw();
		signal(SIGTSTP, SIG_IGN);
	} else
		cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	term_define_keys();
	/* Off unless asked: the terminal's own selection copies text. */
	if (t->mouse)
		mousemask(BUTTON1_CLICKED|BUTTON1_DOUBLE_CLICKED|
		    BUTTON4_PRESSED|BUTTON5_PRESSED, NULL);
	nodelay(stdscr, TRUE);
	curs_set(0);
	term_apply_colors(t);

	if (pipe2(t->pipe, O_NONBLOCK|O_CLOEXEC) == -1) {
		xasprintf(cause, "Cannot create a pipe: %s.", strerror(errno));
		term_close(t);
		return (-1);
	}
	term_install_winch(t);

	if ((rc = uv_poll_init(t->loop, &t->input, STDIN_FILENO)) != 0) {
		xasprintf(cause, "Cannot watch the terminal for keys: %s.",
		    uv_strerror(rc));
		term_close(t);
		return (-1);
	}
	t->input.data = t;
	t->handles++;
	uv_poll_start(&t->input, UV_READABLE, term_input_cb);
	uv_poll_init(t->loop, &t->winch, t->pipe[0]);
	t->winch.data = t;
	t->handles++;
	uv_poll_start(&t->winch, UV_READABLE, term_winch_cb);
	for (i = 0; i < 4; i++) {
		uv_signal_init(t->loop, &t->signals[i]);
		t->signals[i].data = t;
		t->handles++;
		uv_signal_start(&t->signals[i], term_signal_cb,
		    term_quit_signals[i]);
	}
	t->open = 1;
	return (0);
}

void
term_close(struct term *t)
{
	size_t	i;

	if (t->handles > 0) {
		uv_poll_stop(&t->input);
		uv_poll_stop(&t->winch);
		for (i = 0; i < 4; i++)
			uv_signal_stop(&t->signals[i]);
	}
	if (term_winch_fd != -1 && term_winch_fd == t->pipe[1]) {
		sigaction(SIGWINCH, &term_old_winch, NULL);
		term_winch_fd = -1;
	}
	term_restore();
	term_fd0_flags = -1;
	if (t->screen != NULL) {
		delscreen(t->screen);
		t->screen = NULL;
	}
	if (t->out != NULL && t->out != stdout)
		fclose(t->out);
	t->out = NULL;
	t->open = 0;
}

static void
term_close_cb(uv_handle_t *h)
{
	struct term	*t = h->data;

	if (--t->handles == 0 && t->freeing) {
		if (t->pipe[0] != -1)
			close(t->pipe[0]);
		if (t->pipe[1] != -1)
			close(t->pipe[1]);
		free(t);
	}
}

void
term_free(struct term *t)
{
	size_t	i;

	if (t == NULL)
		return;
	term_close(t);
	t->freeing = 1;
	if (t->handles == 0) {
		if (t->pipe[0] != -1)
			close(t->pipe[0]);
		if (t->pipe[1] != -1)
			close(t->pipe[1]);
		free(t);
		return;
	}
	uv_close((uv_handle_t *)&t->input, term_close_cb);
	uv_close((uv_handle_t *)&t->winch, term_close_cb);
	for (i = 0; i < 4; i++)
		uv_close((uv_handle_t *)&t->signals[i], term_close_cb);
}

void
term_set_locked(struct term *t, int on)
{
	t->locked = on;
}

void
term_set_mouse(struct term *t, int on)
{
	t->mouse = on;
	if (t->open)
		mousemask(on ? BUTTON1_CLICKED|BUTTON1_DOUBLE_CLICKED|
		    BUTTON4_PRESSED|BUTTON5_PRESSED : 0, NULL);
}

int
term_mouse(struct term *t, int *y, int *x)
{
	MEVENT	ev;

	if (getmouse(&ev) != OK)
		return (TERM_MOUSE_NONE);
	*y = ev.y;
	*x = ev.x;
	if (ev.bstate & BUTTON1_DOUBLE_CLICKED)
		return (TERM_MOUSE_DOUBLE);
	if (ev.bstate & BUTTON1_CLICKED)
		return (TERM_MOUSE_CLICK);
	if (ev.bstate & BUTTON4_PRESSED)
		return (TERM_MOUSE_WHEEL_UP);
	if (ev.bstate & BUTTON5_PRESSED)
		return (TERM_MOUSE_WHEEL_DOWN);
	return (TERM_MOUSE_NONE);
}

int
term_read_key(struct term *t, int *key)
{
	wint_t	wch;
	int	rc;

	if (!t->open)
		return (-1);
	rc = get_wch(&wch);
	if (rc == ERR)
		return (-1);
	*key = keys_code(rc, (unsigned int)wch);
	return (0);
}
