/*
 * The dashboard drawn into an in-process curses screen on a pty (no
 * SIGWINCH there: the test resizes by hand), from a store filled by hand.
 * The text is read back from curses' idea of the screen.
 */
#include <fcntl.h>
#include <locale.h>
#include <pty.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <wchar.h>

#include "api-private.h"
#include "app-private.h"
#include "clock.h"
#include "keys.h"
#include "listwin.h"
#include "pane-event.h"
#include "pane-list.h"
#include "pane-search.h"
#include "pane-profile.h"
#include "profile-box.h"
#include "store.h"
#include "theme.h"
#include "xmalloc.h"

#include "test.h"

static int	 master = -1;
static FILE	*out, *in;
static SCREEN	*scr;

__attribute__((constructor)) static void
setup_locale(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
	setlocale(LC_ALL, "C.UTF-8");
}

static void
drain(void)
{
	char	buf[65536];

	while (read(master, buf, sizeof buf) > 0)
		;
}

static int
screen_open(int rows, int cols)
{
	struct winsize	ws;
	int		slave;

	memset(&ws, 0, sizeof ws);
	ws.ws_row = (unsigned short)rows;
	ws.ws_col = (unsigned short)cols;
	if (openpty(&master, &slave, NULL, NULL, &ws) != 0)
		return (-1);
	fcntl(master, F_SETFL, O_NONBLOCK);
	out = fdopen(slave, "w");
	in = fdopen(dup(slave), "r");
	scr = newterm("xterm-256color", out, in);
	if (scr == NULL)
		return (-1);
	set_term(scr);
	term_styles_init(0);
	return (0);
}

static void
screen_close(void)
{
	endwin();
	delscreen(scr);
	fclose(out);
	fclose(in);
	close(master);
}

/* A row of curses' screen as UTF-8; a new string. */
static char *
row_text(int row)
{
	wchar_t	 w[512];
	char	*s;
	size_t	 n;
	int	 len;

	memset(w, 0, sizeof w);
	len = mvwinnwstr(curscr, row, 0, w, COLS < 511 ? COLS : 511);
	if (len < 0)
		len = 0;
	w[len] = L'\0';
	n = wcstombs(NULL, w, 0);
	if (n == (size_t)-1)
		return (xstrdup(""));
	s = xmalloc(n + 1);
	wcstombs(s, w, n + 1);
	return (s);
}

/* Whether a row of curses' screen shows needle. */
static int
row_has(int row, const char *needle)
{
	char	*t = row_text(row);
	int	 yes = strstr(t, needle) != NULL;

	free(t);
	return (yes);
}

static int
find(const char *needle, int *rowp, int *colp)
{
	char	*t, *at;
	int	 r;

	for (r = 0; r < LINES; r++) {
		t = row_text(r);
		if ((at = strstr(t, needle)) != NULL) {
			if (rowp != NULL)
				*rowp = r;
			if (colp != NULL) {
				char	*p = xstrndup(t, (size_t)(at - t));
				wchar_t	 w[512];
				size_t	 n = mbstowcs(w, p, 511);

				*colp = n == (size_t)-1 ? 0 : wcswidth(w, n);
				free(p);
			}
			free(t);
			return (1);
		}
		free(t);
	}
	return (0);
}

static int
count(const char *needle)
{
	char	*t, *at;
	int	 r, n = 0;

	for (r = 0; r < LINES; r++) {
		t = row_text(r);
		for (at = t; (at = strstr(at, needle)) != NULL; at++)
			n++;
		free(t);
	}
	return (n);
}

static void
dump(void)
{
	char	*t;
	int	 r;

	for (r = 0; r < LINES; r++) {
		t = row_text(r);
		fprintf(stderr, "%2d|%s\n", r, t);
		free(t);
	}
}

static void
fill_event(struct event *e, int64_t id, const char *title, time_t when,
    int64_t confirmed, int64_t cap, int64_t waitlisted)
{
	memset(e, 0, sizeof *e);
	e->id = id;
	e->title = xstrdup(title);
	e->date_time = when;
	e->location = xstrdup("Lisbon, Hall A");
	e->category = xstrdup("social");
	e->status = xstrdup("published");
	e->max_capacity = cap;
	e->created_by = -1;
	e->current_registrations = confirmed;
	e->available_spots = cap - confirmed;
	e->waitlisted = waitlisted;
	e->checked_in = waitlisted < 0 ? -1 : 30;
	e->version = -1;
}

#define T0	1781600400	/* 2026-06-16 09:00 UTC */
#define LONG_CJK "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81\xae" \
	"\xe9\x95\xb7\xe3\x81\x84\xe3\x82\xa4\xe3\x83\x99\xe3\x83\xb3" \
	"\xe3\x83\x88\xe5\x90\x8d\xe3\x81\xa7\xe3\x81\x99\xe3\x80\x82" \
	"\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81\xae\xe9\x95\xb7" \
	"\xe3\x81\x84\xe3\x82\xa4\xe3\x83\x99\xe3\x83\xb3\xe3\x83\x88"

static struct event *
make_events(size_t *n, int swap)
{
	struct event	*evs = xcalloc(4, sizeof *evs);

	fill_event(&evs[0], 1, "Evtop Launch Party", T0, 124, 200, 3);
	fill_event(&evs[1], 2, "Core Server Meetup", T0 + 3600, 9, 10, -1);
	fill_event(&evs[2], 3, LONG_CJK, T0 + 7200, 5, 40, 0);
	fill_event(&evs[3], 4, "Workshop " "\xf0\x9f\x98\x80", T0 + 9000, 1,
	    2, 0);
	if (swap) {
		/* The core meetup moves to the end of the day. */
		evs[1].date_time = T0 + 20000;
	}
	*n = 4;
	return (evs);
}

static struct app *
make_app(uv_loop_t *loop, struct store *store)
{
	struct app_options	 opts;
	struct app		*app;

	memset(&opts, 0, sizeof opts);
	opts.no_color = 1;
	opts.server_label = "test-server";
	app = app_new(loop, NULL, store, &opts);
	app->running = 1;
	app->damage |= APP_DAMAGE_LAYOUT;
	return (app);
}

static void
draw(struct app *app)
{
	app_draw(app);
	drain();
}

static void
free_app(uv_loop_t *loop, struct app *app)
{
	app_free(app);
	/* q's uv_stop is still pending when the loop never ran: twice. */
	uv_run(loop, UV_RUN_DEFAULT);
	uv_run(loop, UV_RUN_DEFAULT);
}

/* A background request failed, as the api's error hook says it. */
static void
hook_error(struct app *app, const char *sentence)
{
	struct api_why	why = { API_REASON_SERVER_ERROR, 500, sentence };

	app_api_hooks()->error(app, &why);
}

/* A loop and an in-process screen of rows x cols for one test. */
static int
start(uv_loop_t *loop, int rows, int cols)
{
	uv_loop_init(loop);
	if (screen_open(rows, cols) != 0) {
		CHECK(0);
		return (-1);
	}
	return (0);
}

/* start(), then the events of make_events() drawn once; NULL: no screen. */
static struct app *
start_dashboard(uv_loop_t *loop, struct store *store, int rows, int cols)
{
	struct app	*app;
	struct event	*evs;
	size_t		 n;

	if (start(loop, rows, cols) != 0)
		return (NULL);
	evs = make_events(&n, 0);
	store_set_events(store, evs, n, -1);
	app = make_app(loop, store);
	draw(app);
	return (app);
}

/* Shows the screen if the test failed, then frees everything. */
static void
finish(uv_loop_t *loop, struct app *app, struct store *store)
{
	if (test_failures)
		dump();
	free_app(loop, app);
	screen_close();
	store_free(store);
	CHECK_INT(uv_loop_close(loop), 0);
}

static void
test_draw_dashboard(void)
{
	uv_loop_t	 loop;
	struct store	*store = store_new();
	struct app	*app;
	struct event	*evs;
	size_t		 n;
	int		 row, col;

	if ((app = start_dashboard(&loop, store, 24, 80)) == NULL)
		return;

	CHECK(row_has(0, "evtop"));
	CHECK(row_has(0, "test-server"));
	CHECK(row_has(0, "offline"));
	CHECK(row_has(23, "q Quit"));
	CHECK(row_has(23, "4 events"));

	/* Rows in date order with dates; the first selected in the stats. */
	CHECK(find("2026-06-16 09:00", NULL, NULL));
	CHECK_INT(count("Evtop Launch Party"), 2);
	CHECK(find("124/200", NULL, NULL));
	CHECK(find("Confirmed", &row, &col));
	CHECK(row_has(row, "124"));

	/* The long CJK title is cut with an ellipsis, whole characters. */
	CHECK(find("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", &row, &col));
	CHECK(row_has(row, "\xe2\x80\xa6"));
	CHECK(row_has(row, "2026-06-16 11:00"));	/* still aligned */
	CHECK(find("Workshop \xf0\x9f\x98\x80", NULL, NULL));

	/* j selects the core server's event: absent counters are a dash. */
	app_key(app, 'j');
	draw(app);
	CHECK_INT(count("Core Server Meetup"), 2);
	CHECK(find("Waitlisted", &row, &col));
	CHECK(row_has(row, "\xe2\x80\x94"));
	CHECK(!row_has(row, "-1"));

	/* A refresh that reorders the list keeps the same event selected. */
	evs = make_events(&n, 1);
	store_set_events(store, evs, n, -1);
	app_api_hooks()->events_changed(app);
	draw(app);
	CHECK_INT(app->env.selected_event, 2);
	CHECK_INT(count("Core Server Meetup"), 2);

	/* q quits with 0. */
	app_key(app, 'q');
	CHECK_INT(app->running, 0);
	CHECK_INT(app->exit_code, 0);

	finish(&loop, app, store);
}

static void
test_draw_live(void)
{
	uv_loop_t		 loop;
	struct store		*store = store_new();
	struct app		*app;
	struct counters		 c;
	struct notification	 note;
	int			 row, col, vcol;

	if ((app = start_dashboard(&loop, store, 30, 100)) == NULL)
		return;

	/* A counter that just changed is drawn bold; one that did not, not. */
	memset(&c, 0, sizeof c);
	c.event_id = 1;
	c.confirmed = 125;
	c.waitlisted = 3;
	c.checked_in = 30;
	c.available = 75;
	CHECK_INT(store_apply_counters(store, &c), 1);
	app_api_hooks()->counters_changed(app, 1);
	draw(app);
	CHECK(find("Confirmed", &row, &col));
	vcol = col + 12;
	CHECK(find("Confirmed   125", NULL, NULL));
	CHECK((mvwinch(curscr, row, vcol) & A_BOLD) != 0);
	CHECK(find("Capacity", &row, &col));
	CHECK((mvwinch(curscr, row, vcol) & A_BOLD) == 0);
	/* ...and the pane asks to be woken when the highlight fades. */
	CHECK(app->panes[APP_PANE_STATS].ops->deadline(
	    &app->panes[APP_PANE_STATS]) > app->env.now_ms);

	/* A notification is logged and toasted. */
	memset(&note, 0, sizeof note);
	note.seq = 7;
	note.level = NOTIFY_WARNING;
	note.title = xstrdup("Almost full");
	note.message = xstrdup("Evtop Launch Party has 5 spots left");
	note.event_id = 1;
	note.created_at = T0;
	CHECK_INT(store_add_notification(store, &note), 1);
	app_api_hooks()->notification(app,
	    store_notification_at(store, 0));
	draw(app);
	/*
	 * The toast sits at the bottom right, over the log's last row, just
	 * above the log's border and the key bar; the stats title stays.
	 */
	CHECK(find("Almost full: Evtop", &row, &col));
	CHECK_INT(row, 27);
	CHECK(col > 40);
	CHECK(find("09:00:00 warning Almost full \xe2\x80\x94 Evtop", NULL,
	    NULL));
	CHECK_INT(count("Evtop Launch Party"), 4);	/* list, stats, log, toast */
	CHECK(row_has(2, "Evtop Launch Party"));	/* the stats title */

	/* The same notification again: one toast, counted. */
	app_api_hooks()->notification(app,
	    store_notification_at(store, 0));
	draw(app);
	CHECK_INT(count("Almost full: Evtop"), 1);
	CHECK(find("\xc3\x97" "2 Almost full: Evtop", &row, NULL));
	CHECK_INT(row, 27);

	/* An error from the api is toasted too, the newest at the bottom. */
	hook_error(app, "server down");
	draw(app);
	CHECK(find("Error: server down", &row, NULL));
	CHECK_INT(row, 27);
	CHECK(find("Almost full: Evtop", &row, NULL));
	CHECK_INT(row, 26);
	/*
	 * At most three lines, and never the log's header or newest rows;
	 * the errors outlast the warning.
	 */
	hook_error(app, "disk full");
	hook_error(app, "out of cheese");
	draw(app);
	CHECK(!find("Almost full: Evtop", NULL, NULL));
	CHECK(find("Error: server down", &row, NULL));
	CHECK_INT(row, 25);
	CHECK(find("TIME     LEVEL", NULL, NULL));
	CHECK_INT(toasts_count(app->toasts), TOAST_MAX);

	/* Help opens over everything and Esc closes it. */
	app_key(app, '?');
	draw(app);
	CHECK(find("Show or hide this help", NULL, NULL));
	CHECK(find("Select the next row", NULL, NULL));
	CHECK(find("Esc Close", NULL, NULL));
	app_key(app, 'j');		/* scrolls the help, not the list */
	CHECK_INT(app->env.selected_event, 1);
	app_key(app, KEYS_ESC);
	draw(app);
	CHECK(!find("Show or hide this help", NULL, NULL));
	CHECK(find("q Quit", NULL, NULL));

	/* Tab moves the focus to the log, and keys follow it. */
	CHECK(find(" Events 4 ", &row, &col));
	CHECK((mvwinch(curscr, row, col + 1) & A_REVERSE) != 0);
	app_key(app, '\t');
	CHECK_INT(app->focus, APP_PANE_NOTIFY);
	draw(app);
	/* The focused title stands out even without colour. */
	CHECK((mvwinch(curscr, row, col + 1) & A_REVERSE) == 0);
	CHECK(find(" Notifications ", &row, &col));
	CHECK((mvwinch(curscr, row, col + 1) & A_REVERSE) != 0);
	app_key(app, 'j');
	CHECK_INT(app->env.selected_event, 1);
	app_key(app, KEYS_FN|KEY_BTAB);
	CHECK_INT(app->focus, APP_PANE_EVENTS);
	app_key(app, 'G');
	CHECK_INT(app->env.selected_event, 4);

	/* Too small: a message instead of a mangled dashboard; then back. */
	resize_term(6, 25);
	app_key(app, KEYS_FN|KEY_RESIZE);
	draw(app);
	CHECK(find("Terminal too small", NULL, NULL));
	resize_term(24, 80);
	app_key(app, KEYS_FN|KEY_RESIZE);
	draw(app);
	CHECK(!find("Terminal too small", NULL, NULL));
	CHECK(find("q Quit", &row, NULL));
	CHECK_INT(row, 23);
	CHECK(find("Events", NULL, NULL));

	finish(&loop, app, store);
}

/* A cell of curses' screen: its character and colour pair, or -1. */
static int
cell(int row, int col, wchar_t *ch, short *pair)
{
	cchar_t	cc;
	wchar_t	wch[CCHARW_MAX + 1];
	attr_t	attr;

	if (mvwin_wch(curscr, row, col, &cc) == ERR ||
	    getcchar(&cc, wch, &attr, pair, NULL) == ERR)
		return (-1);
	*ch = wch[0];
	return (0);
}

/* The character in a cell of curses' screen, or 0. */
static wchar_t
cell_char(int row, int col)
{
	wchar_t	ch;
	short	pair;

	return (cell(row, col, &ch, &pair) == 0 ? ch : 0);
}

/* The colour pair of a cell of curses' screen, or -1. */
static short
cell_pair(int row, int col)
{
	wchar_t	ch;
	short	pair;

	return (cell(row, col, &ch, &pair) == 0 ? pair : -1);
}

/* The lines of w that changed since its last wnoutrefresh. */
static int
touched_lines(WINDOW *w)
{
	int	y, n = 0;

	for (y = 0; y < getmaxy(w); y++)
		n += is_linetouched(w, y) == TRUE;
	return (n);
}

static void
test_draw_cursor(void)
{
	uv_loop_t	 loop;
	struct store	*store = store_new();
	struct app	*app;
	struct pane	*p;
	int		 row = 0, col = 0;

	if ((app = start_dashboard(&loop, store, 24, 80)) == NULL)
		return;
	p = &app->panes[APP_PANE_EVENTS];

	/* The Unicode line set, not alternate-charset letters. */
	CHECK(find("\xe2\x94\x8c\xe2\x94\x80 Events 4 \xe2\x94\x80", &row,
	    NULL));
	CHECK_INT(row, 1);
	CHECK(cell_char(2, 0) == 0x2502);
	CHECK(cell_char(2, 79) == 0x2502);

	/* j: only the rows left and reached are repainted... */
	app_key(app, 'j');
	CHECK_INT(p->damaged, 0);
	CHECK_INT(p->cursor, 1);
	CHECK_INT(app->env.selected_event, 2);
	pane_draw(p);
	CHECK_INT(touched_lines(p->win), 2);
	CHECK(is_linetouched(p->win, 2) == TRUE);
	CHECK(is_linetouched(p->win, 3) == TRUE);
	wnoutrefresh(p->win);
	draw(app);
	/* ...and the screen shows the move; the stats follow it. */
	CHECK(find("Core Server Meetup", &row, NULL));
	CHECK_INT(row, 4);
	CHECK((mvwinch(curscr, 4, 1) & A_REVERSE) != 0);
	CHECK((mvwinch(curscr, 3, 1) & A_REVERSE) == 0);
	CHECK_INT(count("Core Server Meetup"), 2);

	/* Another pane's focus or data change still draws it whole. */
	app_key(app, 'k');
	app_api_hooks()->events_changed(app);
	CHECK_INT(p->damaged, 1);
	pane_draw(p);
	CHECK(touched_lines(p->win) > 2);
	wnoutrefresh(p->win);
	draw(app);
	CHECK((mvwinch(curscr, 3, 1) & A_REVERSE) != 0);
	CHECK((mvwinch(curscr, 4, 1) & A_REVERSE) == 0);

	/* A move that scrolls cannot be two rows: the whole pane. */
	CHECK(find("Workshop", &row, &col));
	app_key(app, 'G');
	CHECK_INT(p->cursor, 1);	/* four rows fit: no scroll */

	finish(&loop, app, store);
}

static void
test_draw_states(void)
{
	uv_loop_t	 loop;
	struct store	*store = store_new();
	struct app	*app;
	struct event	*evs;
	size_t		 n;

	if (start(&loop, 30, 100) != 0)
		return;
	app = make_app(&loop, store);

	/* Before the first answer: loading, in a sentence. */
	draw(app);
	CHECK(find("Loading events\xe2\x80\xa6", NULL, NULL));
	CHECK(find("No event selected.", NULL, NULL));
	CHECK(find("No notifications yet.", NULL, NULL));
	CHECK(find("0 events", NULL, NULL));

	/* A core-only server: the log says why it stays empty. */
	store_set_notifications_supported(store, 0);
	app_api_hooks()->notifications_loaded(app);
	draw(app);
	CHECK(find("This server keeps no notifications.", NULL, NULL));
	CHECK(!find("No notifications yet.", NULL, NULL));

	/* The first load failed: the pane says why, not "loading" forever. */
	hook_error(app, "cannot reach http://x: refused");
	draw(app);
	CHECK(!find("Loading", NULL, NULL));
	CHECK(find("Cannot load the events: cannot reach", NULL, NULL));

	/* An answer with nothing in it. */
	store_set_events(store, NULL, 0, 0);
	store_set_refreshed_at(store, T0);
	app_api_hooks()->events_changed(app);
	draw(app);
	CHECK(!find("Loading", NULL, NULL));
	CHECK(!find("Cannot load", NULL, NULL));
	CHECK(find("No upcoming events.", NULL, NULL));

	/* A page of a longer list says so in the title and the bar. */
	evs = make_events(&n, 0);
	store_set_events(store, evs, n, 10000);
	app_api_hooks()->events_changed(app);
	draw(app);
	CHECK(find(" Events 4 of 10000 ", NULL, NULL));
	CHECK(row_has(29, "4 of 10000 events"));
	CHECK(!find("No upcoming events.", NULL, NULL));
	CHECK_INT(app->env.selected_event, 1);

	/* The whole list: just the count. */
	evs = make_events(&n, 0);
	store_set_events(store, evs, n, 4);
	app_api_hooks()->events_changed(app);
	draw(app);
	CHECK(find(" Events 4 ", NULL, NULL));
	CHECK(!find("of 4", NULL, NULL));

	/* On the smallest screen the help scrolls, g and G included. */
	resize_term(16, 60);
	app_key(app, KEYS_FN|KEY_RESIZE);
	app_key(app, '?');
	draw(app);
	CHECK(find("Help (scroll", NULL, NULL));
	CHECK(find("Quit evtop", NULL, NULL));
	CHECK(!find("Select the last row", NULL, NULL));
	app_key(app, 'G');
	draw(app);
	CHECK(find("Select the last row", NULL, NULL));
	CHECK(!find("Quit evtop", NULL, NULL));
	app_key(app, 'g');
	draw(app);
	CHECK(find("Quit evtop", NULL, NULL));
	app_key(app, 'q');
	draw(app);
	CHECK(!find("Help (scroll", NULL, NULL));
	CHECK_INT(app->running, 1);	/* q closed the help, not evtop */

	finish(&loop, app, store);
}

/*
 * With colour on, the selected row is the selection's colours all along:
 * a status or level colour in it does not mix into something unreadable.
 */
static void
test_draw_select_color(void)
{
	uv_loop_t		 loop;
	struct store		*store = store_new();
	struct app		*app;
	struct event		*evs;
	struct notification	*note;
	size_t			 n;
	int			 row, col, cc;
	short			 sel;

	if (start(&loop, 24, 80) != 0)
		return;
	CHECK(has_colors());
	start_color();
	use_default_colors();
	term_styles_init(1);
	sel = (short)PAIR_NUMBER(term_style(TERM_SELECT));
	CHECK(sel != 0);
	evs = make_events(&n, 0);
	free(evs[0].status);
	evs[0].status = xstrdup("cancelled");
	free(evs[1].status);
	evs[1].status = xstrdup("draft");
	store_set_events(store, evs, n, -1);
	note = xcalloc(1, sizeof *note);
	note->seq = 1;
	note->level = NOTIFY_ERROR;
	note->title = xstrdup("Cancelled");
	note->message = xstrdup("Evtop Launch Party is off");
	note->event_id = 1;
	note->created_at = T0;
	store_add_notification(store, note);
	free(note);
	app = make_app(&loop, store);
	app->opts.no_color = 0;
	draw(app);

	/* The selected cancelled row: its status in the selection's pair. */
	CHECK(find("cancelled", &row, &col));
	CHECK_INT(cell_pair(row, col), sel);
	CHECK_INT(cell_pair(row, 2), sel);
	/* The draft row below is not selected: its own colour. */
	CHECK(find("draft", &row, &cc));
	CHECK_INT(cell_pair(row, cc), PAIR_NUMBER(term_style(TERM_WARN)));
	app_key(app, 'j');
	draw(app);
	CHECK_INT(cell_pair(row, cc), sel);
	CHECK(find("cancelled", &row, &col));
	CHECK_INT(cell_pair(row, col), PAIR_NUMBER(term_style(TERM_ERROR)));

	/* The same in the notification log. */
	app_key(app, KEYS_FN|KEY_BTAB);
	CHECK_INT(app->focus, APP_PANE_NOTIFY);
	draw(app);
	CHECK(find("Cancelled \xe2\x80\x94 Evtop", &row, &col));
	CHECK_INT(cell_char(row, col - 8), 'e');	/* the level, "error" */
	CHECK_INT(cell_pair(row, col - 8), sel);
	CHECK_INT(cell_pair(row, col), sel);

	finish(&loop, app, store);
}

/* The attributes (no colour bits) and colours of a cell of the screen. */
static void
cell_look(int row, int col, attr_t *attr, short *fg, short *bg)
{
	cchar_t	cc;
	wchar_t	wch[CCHARW_MAX + 1];
	short	pair = 0;

	*attr = 0;
	*fg = *bg = -2;
	if (mvwin_wch(curscr, row, col, &cc) == ERR ||
	    getcchar(&cc, wch, attr, &pair, NULL) == ERR)
		return;
	*attr &= A_ATTRIBUTES & ~A_COLOR;
	if (pair == 0)
		*fg = *bg = -1;
	else
		pair_content(pair, fg, bg);
}

/*
 * A [theme] line changes what the terminal is given for its style, with
 * colour and without.
 */
static void
test_draw_theme(void)
{
	struct config_look	 line = { (char *)(uintptr_t)"header",
	    (char *)(uintptr_t)"black on red underline", 4 };
	uv_loop_t		 loop;
	struct store		*store = store_new();
	struct app		*app;
	struct theme		*theme;
	char			*cause = NULL;
	attr_t			 attr;
	short			 fg, bg;
	int			 row, col;

	if (start(&loop, 24, 80) != 0)
		return;
	CHECK(has_colors());
	start_color();
	use_default_colors();
	term_styles_init(1);
	app = make_app(&loop, store);
	app->opts.no_color = 0;
	draw(app);
	CHECK(find("evtop", &row, &col));
	CHECK_INT(row, 0);
	cell_look(row, col, &attr, &fg, &bg);
	CHECK_INT(fg, COLOR_WHITE);
	CHECK_INT(bg, COLOR_BLUE);
	CHECK((attr & A_BOLD) != 0);
	CHECK((attr & A_UNDERLINE) == 0);

	theme = theme_new("default", &line, 1, "config.ini", &cause);
	CHECK(theme != NULL);
	free(cause);
	term_styles_apply(theme, 1);
	app->damage |= APP_DAMAGE_LAYOUT;
	draw(app);
	cell_look(row, col, &attr, &fg, &bg);
	CHECK_INT(fg, COLOR_BLACK);
	CHECK_INT(bg, COLOR_RED);
	CHECK((attr & A_UNDERLINE) != 0);
	CHECK((attr & A_BOLD) == 0);

	/* Without colour: no pair, and the line's attribute, not reverse. */
	term_styles_apply(theme, 0);
	app->damage |= APP_DAMAGE_LAYOUT;
	draw(app);
	cell_look(row, col, &attr, &fg, &bg);
	CHECK_INT(fg, -1);
	CHECK_INT(bg, -1);
	CHECK((attr & A_UNDERLINE) != 0);
	CHECK((attr & A_REVERSE) == 0);
	theme_free(theme);

	term_styles_init(0);

	finish(&loop, app, store);
}

/* A banner stays in the bar; a server that signs us out says so. */
static void
test_draw_banner(void)
{
	static const char *const sentence = "Signed out by the server: press "
	    "S to sign in again";
	static const struct api_why	none = { API_REASON_NONE, 0, NULL };
	static const struct api_why	lost = {
		API_REASON_LINK_LOST, 0, "lost"
	};
	static const struct api_why	words = {
		API_REASON_NOT_SIGNED_IN, 0, "signed out: sign in again"
	};
	static const struct api_why	signed_out = {
		API_REASON_SIGNED_OUT, 401, "signed out: sign in again"
	};
	uv_loop_t	 loop;
	struct store	*store = store_new();
	struct app	*app;

	if ((app = start_dashboard(&loop, store, 24, 80)) == NULL)
		return;
	CHECK(find(" Events 4 ", NULL, NULL));

	/* Set, it replaces the count and outlasts other redraws. */
	app_set_banner(app, NOTIFY_WARNING, "The demo server stopped");
	app_key(app, 'j');
	app_key(app, '?');
	draw(app);
	app_key(app, KEYS_ESC);
	draw(app);
	CHECK(row_has(23, "q Quit"));
	CHECK(row_has(23, "The demo server stopped"));
	CHECK(!row_has(23, "4 events"));
	app_set_banner(app, NOTIFY_WARNING, NULL);
	draw(app);
	CHECK(!row_has(23, "The demo server stopped"));
	CHECK(row_has(23, "4 events"));

	/* Live, then lost: the events are marked stale until it is back. */
	app_api_hooks()->link_changed(app, API_LINK_LIVE, &none);
	draw(app);
	CHECK(!find("stale", NULL, NULL));
	app_api_hooks()->link_changed(app, API_LINK_RETRYING, &lost);
	draw(app);
	CHECK(find(" Events 4 (stale) ", NULL, NULL));
	app_api_hooks()->link_changed(app, API_LINK_LIVE, &none);
	draw(app);
	CHECK(!find("stale", NULL, NULL));

	/* Offline for another reason, even saying "signed out": not that. */
	app_api_hooks()->link_changed(app, API_LINK_OFFLINE, &words);
	draw(app);
	CHECK(!row_has(0, "signed out"));
	CHECK(!row_has(23, sentence));

	/* Signed out: the header says so, the bar says what to do. */
	app_api_hooks()->link_changed(app, API_LINK_OFFLINE, &signed_out);
	draw(app);
	CHECK(row_has(0, "signed out"));
	CHECK(!row_has(0, "offline"));
	CHECK(row_has(23, sentence));
	CHECK(row_has(23, "S Sign in  q Quit"));
	CHECK(find(" Events 4 (stale) ", NULL, NULL));
	/* ...and q quits with "not signed in". */
	app_key(app, 'q');
	CHECK_INT(app->running, 0);
	CHECK_INT(app->exit_code, 4);

	finish(&loop, app, store);
}

/* An error is toasted and logged: it can be read after the toast goes. */
static void
test_draw_error_log(void)
{
	uv_loop_t			 loop;
	struct store			*store = store_new();
	struct app			*app;
	const struct notification	*n;

	if (start(&loop, 30, 100) != 0)
		return;
	app = make_app(&loop, store);
	draw(app);
	CHECK(find("No notifications yet.", NULL, NULL));
	hook_error(app, "cannot reach http://example.test: "
	    "connection refused");
	draw(app);
	CHECK(find("Error: cannot reach", NULL, NULL));
	toasts_expire(app->toasts, app->env.now_ms + 3600 * 1000);
	app->damage |= APP_DAMAGE_OVERLAY;
	draw(app);
	CHECK(!find("Error: cannot reach", NULL, NULL));
	CHECK(find("error   Error \xe2\x80\x94 cannot reach "
	    "http://example.test: connection", NULL, NULL));
	CHECK_INT(store_notification_count(store), 1);
	n = store_notification_at(store, 0);
	CHECK_INT(n->level, NOTIFY_ERROR);
	CHECK_STR(n->type, "client");
	CHECK_STR(n->message, "cannot reach http://example.test: "
	    "connection refused");
	CHECK_INT(n->event_id, -1);
	CHECK(n->created_at > 0);

	finish(&loop, app, store);
}

/* Runs the app's wake timer as its deadline would, at the fixed clock. */
static uint64_t
wake_due(struct app *app)
{
	app_arm_wake(app);
	return (uv_timer_get_due_in(&app->wake));
}

/*
 * The header's token countdown is drawn again when its minute goes down
 * and when the token runs out, not only as the clock's minute turns: the
 * minute's wake at 09:01 showed "1 min" until 09:02, 30 s after exp.
 */
static void
test_draw_token_expiry(void)
{
	uv_loop_t		 loop;
	struct store		*store = store_new();
	struct api_options	 ao;
	struct app_options	 opts;
	struct api		*api;
	struct app		*app;

	setenv("EVTOP_TEST_NOW", "2026-06-16T09:00:00Z", 1);	/* T0 */
	clock_reset();
	if (start(&loop, 24, 100) != 0)
		return;
	memset(&ao, 0, sizeof ao);
	ao.server = "http://127.0.0.1:1";
	api = api_new(&loop, &ao, store, NULL, NULL);
	api->session.token = xstrdup("not-a-token");
	api->session.user.email = xstrdup("ops@example.com");
	api->session.exp = T0 + 90;
	memset(&opts, 0, sizeof opts);
	opts.no_color = 1;
	opts.server_label = "test-server";
	app = app_new(&loop, api, store, &opts);
	app->running = 1;
	app->damage |= APP_DAMAGE_LAYOUT;
	draw(app);
	CHECK(row_has(0, "token expires in 2 min"));
	/* Next: "1 min" at 09:00:30, before the clock's next minute. */
	CHECK_INT(wake_due(app), 30 * 1000 + 5);

	setenv("EVTOP_TEST_NOW", "2026-06-16T09:01:00Z", 1);
	clock_reset();
	app->damage |= APP_DAMAGE_HEADER;
	draw(app);
	CHECK(row_has(0, "token expires in 1 min"));
	/* Next: the token runs out at 09:01:30, not at 09:02. */
	CHECK_INT(wake_due(app), 30 * 1000 + 5);

	/* A second before: still a minute, never "0 min". */
	setenv("EVTOP_TEST_NOW", "2026-06-16T09:01:29Z", 1);
	clock_reset();
	app->damage |= APP_DAMAGE_HEADER;
	draw(app);
	CHECK(row_has(0, "token expires in 1 min"));

	/* Run out: it says so, and what to do. */
	setenv("EVTOP_TEST_NOW", "2026-06-16T09:01:30Z", 1);
	clock_reset();
	app->damage |= APP_DAMAGE_HEADER;
	draw(app);
	CHECK(row_has(0, "token expired"));
	CHECK(!row_has(0, "expires in"));
	/* Nothing more to count down: the clock's minute again. */
	CHECK_INT(wake_due(app), 30 * 1000 + 5);

	if (test_failures)
		dump();
	free_app(&loop, app);
	api_free(api);
	uv_run(&loop, UV_RUN_DEFAULT);
	screen_close();
	store_free(store);
	CHECK_INT(uv_loop_close(&loop), 0);
	unsetenv("EVTOP_TEST_NOW");
	clock_reset();
}

/* What the notification log holds last: its level, or -1 when empty. */
static int
last_logged(struct store *store, const char **message)
{
	size_t				 n = store_notification_count(store);
	const struct notification	*last;

	if (n == 0)
		return (-1);
	last = store_notification_at(store, n - 1);
	*message = last->message;
	return ((int)last->level);
}

/*
 * A refused registration is worded by what happened, and the toast and
 * the log agree on its level: registered already is news (a toast only),
 * a full event a warning in both, no answer an error in both.
 */
static void
test_draw_register_outcomes(void)
{
	static const struct {
		int			 status;
		enum api_reg_outcome	 outcome;
		const char		*message;	/* the server's */
		const char		*toast;
		int			 logged;	/* level, -1: not */
	} cases[] = {
		{ API_ERR_FAILED, API_REG_ALREADY, "already registered",
		  "Already registered for Evtop Launch Party", -1 },
		{ API_ERR_FAILED, API_REG_FULL, "Event is at full capacity",
		  "Evtop Launch Party is full: not registered",
		  NOTIFY_WARNING },
		{ API_ERR_FAILED, API_REG_FAILED, "Registration is closed",
		  "Not registered for Evtop Launch Party: Registration is "
		  "closed", NOTIFY_WARNING },
		{ API_ERR_UNREACHABLE, API_REG_FAILED, NULL,
		  "No answer about Evtop Launch Party from the server",
		  NOTIFY_ERROR },
		{ API_OK, API_REG_DONE, NULL,
		  "Registered for Evtop Launch Party", -1 },
		{ API_OK, API_REG_WAITLISTED, NULL,
		  "Waitlisted for Evtop Launch Party (position 4)", -1 },
	};
	uv_loop_t			 loop;
	struct store			*store = store_new();
	struct app			*app;
	struct api_registration		 r;
	const char			*logged = NULL;
	size_t				 i, before;
	int				 row, col;
	char				 toast[48];

	if (start(&loop, 30, 120) != 0)
		return;
	app = make_app(&loop, store);
	draw(app);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		memset(&r, 0, sizeof r);
		r.outcome = cases[i].outcome;
		r.event_id = 1;
		r.title = "Evtop Launch Party";
		r.position = 4;
		r.message = cases[i].message;
		before = store_notification_count(store);
		app_registered(app, cases[i].status, cases[i].status ==
		    API_ERR_UNREACHABLE ? "connection refused" : NULL, &r);
		draw(app);
		/* A toast holds 48 columns: its start is enough. */
		snprintf(toast, sizeof toast, "%.40s", cases[i].toast);
		CHECK(find(toast, &row, &col));
		if (cases[i].logged == -1)
			CHECK_INT(store_notification_count(store), before);
		else {
			CHECK_INT(store_notification_count(store), before + 1);
			CHECK_INT(last_logged(store, &logged),
			    cases[i].logged);
			CHECK(logged != NULL && strncmp(logged,
			    cases[i].toast, strlen(cases[i].toast)) == 0);
		}
		if (test_failures)
			fprintf(stderr, "  case %zu: %s\n", i, cases[i].toast);
		toasts_expire(app->toasts, app->env.now_ms + 3600 * 1000);
		app->damage |= APP_DAMAGE_OVERLAY;
		draw(app);
	}
	/* A refused cancel: a warning in both, the server's words kept. */
	memset(&r, 0, sizeof r);
	r.outcome = API_REG_FAILED;
	r.title = "Evtop Launch Party";
	r.message = "Registration not found";
	app_unregistered(app, API_ERR_FAILED, NULL, &r);
	draw(app);
	CHECK(find("Cancel failed for Evtop Launch Party: Registration",
	    NULL, NULL));
	CHECK_INT(last_logged(store, &logged), NOTIFY_WARNING);
	CHECK_STR(logged, "Cancel failed for Evtop Launch Party: "
	    "Registration not found");

	/* The log names the level: a warning reads as one. */
	CHECK(find("warning Warning \xe2\x80\x94 Evtop Launch Party is full",
	    NULL, NULL));

	finish(&loop, app, store);
}

/* Writes seq to the screen's terminal and hands the keys read to app. */
static void
type_keys(struct app *app, const char *seq)
{
	wint_t	wch;
	int	rc;

	CHECK(write(master, seq, strlen(seq)) == (ssize_t)strlen(seq));
	/* The bytes are waiting: the timeout only bounds a failure. */
	wtimeout(stdscr, 5000);
	while ((rc = wget_wch(stdscr, &wch)) != ERR) {
		app_key(app, keys_code(rc, (unsigned int)wch));
		wtimeout(stdscr, 0);
	}
}

/* Home and End as tmux, PuTTY and rxvt send them. */
static void
test_draw_home_end(void)
{
	static const struct {
		const char	*seq;
		int64_t		 selected;
	} seqs[] = {
		{ "\033[4~", 4 }, { "\033[1~", 1 }, { "\033[F", 4 },
		{ "\033[H", 1 }, { "\033[8~", 4 }, { "\033[7~", 1 },
	};
	uv_loop_t	 loop;
	struct store	*store = store_new();
	struct app	*app;
	size_t		 i;

	if ((app = start_dashboard(&loop, store, 24, 80)) == NULL)
		return;
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	term_define_keys();
	CHECK_INT(app->env.selected_event, 1);
	for (i = 0; i < sizeof seqs / sizeof seqs[0]; i++) {
		type_keys(app, seqs[i].seq);
		CHECK_INT(app->env.selected_event, seqs[i].selected);
	}
	draw(app);
	finish(&loop, app, store);
}

/* While "Terminal too small" is up only q, Ctrl-L and resizes act. */
static void
test_draw_too_small_keys(void)
{
	static const int ignored[] = { 'j', 'k', 'G', '?', '\t', 'r',
	    KEYS_FN|KEY_END, KEYS_FN|KEY_BTAB };
	uv_loop_t	 loop;
	struct store	*store = store_new();
	struct app	*app;
	size_t		 i;

	if ((app = start_dashboard(&loop, store, 24, 80)) == NULL)
		return;
	resize_term(6, 25);
	app_key(app, KEYS_FN|KEY_RESIZE);
	/* Before the frame that shows it, and after. */
	app_key(app, 'j');
	draw(app);
	CHECK(find("Terminal too small", NULL, NULL));
	for (i = 0; i < sizeof ignored / sizeof ignored[0]; i++)
		app_key(app, ignored[i]);
	CHECK_INT(app->env.selected_event, 1);
	CHECK_INT(app->focus, APP_PANE_EVENTS);
	CHECK_INT(app->help, 0);
	app_key(app, KEYS_CTRL('l'));
	CHECK(app->damage & APP_DAMAGE_LAYOUT);
	draw(app);
	CHECK(find("Terminal too small", NULL, NULL));

	/* Back to a size that fits: keys act again. */
	resize_term(24, 80);
	app_key(app, KEYS_FN|KEY_RESIZE);
	app_key(app, 'j');
	draw(app);
	CHECK(!find("Terminal too small", NULL, NULL));
	CHECK_INT(app->env.selected_event, 2);

	/* q still quits from the small screen. */
	resize_term(6, 25);
	app_key(app, KEYS_FN|KEY_RESIZE);
	draw(app);
	app_key(app, 'q');
	CHECK_INT(app->running, 0);
	CHECK_INT(app->exit_code, 0);
	finish(&loop, app, store);
}

#define ODD_EVENTS	5

static struct event *
make_odd_events(size_t *n)
{
	struct event	*evs = xcalloc(ODD_EVENTS, sizeof *evs);
	char		*longt;
	size_t		 i;

	/* A thousand characters: CJK, an emoji and combining marks. */
	longt = xmalloc(1000 * 4 + 1);
	longt[0] = '\0';
	for (i = 0; i < 250; i++)
		strcat(longt, "\xe6\x97\xa5" "e\xcc\x81" "\xf0\x9f\x8e\x89" "x");
	fill_event(&evs[0], 1, longt, T0, 1, 10, 0);
	free(longt);
	free(evs[0].location);
	evs[0].location = xstrdup("");
	fill_event(&evs[1], 2, "\xcc\x81\xcc\x81" "Caf" "e\xcc\x81 "
	    "Re\xcc\x81sume\xcc\x81 \xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91"
	    "\xa9", T0 + 60, 2, 10, 0);
	fill_event(&evs[2], 3, "Tabs\tand\x1b[31m escapes\r\n", T0 + 120, 3,
	    10, 0);
	fill_event(&evs[3], 4, "", T0 + 180, 4, 10, 0);
	fill_event(&evs[4], 5, "\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96"
	    "\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87", T0 + 240,
	    5, 10, 0);
	free(evs[4].location);
	evs[4].location = NULL;
	*n = ODD_EVENTS;
	return (evs);
}

/* Every event row has its date at the same column and its border last. */
static void
check_grid(const struct app *app)
{
	const struct layout_rect	*r = &app->layout.events;
	char				*t, *at;
	wchar_t				 w[512];
	int				 y, date_col = -1, rows = 0, c;
	size_t				 k;

	for (y = r->y + 2; y < r->y + r->h - 1; y++) {
		t = row_text(y);
		if ((at = strstr(t, "2026-06-16")) == NULL) {
			free(t);
			continue;
		}
		*at = '\0';
		k = mbstowcs(w, t, 511);
		c = k == (size_t)-1 ? -1 : wcswidth(w, k);
		free(t);
		if (date_col == -1)
			date_col = c;
		CHECK_INT(c, date_col);
		CHECK(cell_char(y, r->x) == 0x2502);
		CHECK(cell_char(y, r->x + r->w - 1) == 0x2502);
		rows++;
	}
	CHECK_INT(rows, ODD_EVENTS);
	/* The stats pane too, on every line. */
	r = &app->layout.stats;
	for (y = r->y + 1; y < r->y + r->h - 1; y++) {
		CHECK(cell_char(y, r->x) == 0x2502);
		CHECK(cell_char(y, r->x + r->w - 1) == 0x2502);
	}
}

static void
test_draw_odd_text(void)
{
	static const int sizes[][2] = { { 24, 80 }, { 60, 200 } };
	uv_loop_t	 loop;
	struct store	*store;
	struct app	*app;
	struct event	*evs;
	size_t		 n, i;
	int		 row = 0;

	for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		if (start(&loop, sizes[i][0], sizes[i][1]) != 0)
			return;
		store = store_new();
		evs = make_odd_events(&n);
		store_set_events(store, evs, n, -1);
		app = make_app(&loop, store);
		draw(app);
		check_grid(app);
		/* The empty location is a dash, not a hole. */
		CHECK(find("Location    \xe2\x80\x94", NULL, NULL));
		/* No escape reached the screen. */
		CHECK(find("Tabs\xef\xbf\xbd" "and\xef\xbf\xbd[31m", &row,
		    NULL));
		CHECK(!row_has(row, "\x1b"));

		/* Each one selected in turn: the stats pane holds too. */
		while (app->env.selected_event != ODD_EVENTS) {
			app_key(app, 'j');
			draw(app);
			check_grid(app);
		}
		CHECK(find("Location    \xe2\x80\x94", NULL, NULL));

		finish(&loop, app, store);
	}
}

/* The stats pane: when (relative to now), who organises, what it is. */
static void
test_draw_event_details(void)
{
	uv_loop_t	 loop;
	struct store	*store = store_new();
	struct app	*app;
	struct event	*evs;
	char		 rel[64];
	size_t		 n;
	int		 row, col;

	if (start(&loop, 30, 100) != 0)
		return;
	evs = make_events(&n, 0);
	evs[0].creator_name = xstrdup("Ada Admin");
	evs[0].description = xstrdup("An evening for everyone who helped "
	    "ship evtop: short talks, a live demo on the big screen, food "
	    "from three trucks and a raffle for the scanner that checked in "
	    "the first guest. Doors open half an hour before the start and "
	    "the bar stays open until the last train leaves the station.");
	store_set_events(store, evs, n, -1);
	app = make_app(&loop, store);
	draw(app);

	pane_format_relative(T0, app->env.now, rel, sizeof rel);
	CHECK(find(rel, NULL, NULL));
	CHECK(find("Organizer", &row, &col));
	CHECK(find("Ada Admin", NULL, NULL));
	/* Wrapped at word boundaries inside the pane, cut with an ellipsis. */
	CHECK(find("An evening for everyone who", NULL, NULL));
	CHECK(find("\xe2\x80\xa6", NULL, NULL));
	CHECK(!find("last train leaves the station.", NULL, NULL));
	finish(&loop, app, store);
}

static int64_t	answered_yes = -1;

static void
record_yes(struct app *app)
{
	answered_yes = app->confirm_event;
}

/*
 * The yes/no box: centred over the dashboard at 80x24 and at the
 * smallest size the dashboard has, the question wrapped and a long title
 * cut; only y, n and Esc answer it, and only y runs what was asked.
 */
static void
test_draw_confirm(void)
{
	static const int	 sizes[][2] = { { 24, 80 }, { 16, 60 } };
	uv_loop_t		 loop;
	struct store		*store;
	struct app		*app;
	struct event		*evs;
	size_t			 n, i;
	char			 q[256];
	int			 row = -1, col = -1, hint_row = -1;

	for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		store = store_new();
		if (start(&loop, sizes[i][0], sizes[i][1]) != 0)
			return;
		evs = make_events(&n, 0);
		store_set_events(store, evs, n, -1);
		app = make_app(&loop, store);
		draw(app);
		snprintf(q, sizeof q, "Cancel your registration for %s?",
		    LONG_CJK " " LONG_CJK);
		answered_yes = -1;
		app_ask(app, q, record_yes, 3);
		draw(app);
		CHECK(find("Confirm", &row, &col));
		CHECK(col > 0 && col < COLS / 2);
		CHECK(find("Cancel your registration for", NULL, NULL));
		CHECK(find("y: yes    n, Esc or Enter: no", &hint_row, NULL));
		CHECK(hint_row > row && hint_row < LINES - 1);
		CHECK(find("\xe2\x80\xa6", NULL, NULL));	/* cut title */

		/* Not an answer: still asking, nothing run. */
		app_key(app, 'q');
		app_key(app, 'R');
		draw(app);
		CHECK(app->running);
		CHECK(find("y: yes", NULL, NULL));
		CHECK_INT(answered_yes, -1);
		app_key(app, 'n');
		draw(app);
		CHECK(!find("y: yes", NULL, NULL));
		CHECK_INT(answered_yes, -1);

		app_ask(app, "Delete it?", record_yes, 7);
		app_key(app, KEYS_ESC);
		CHECK(app->confirm == NULL);
		CHECK_INT(answered_yes, -1);
		/* Enter is no: the default of every question. */
		app_ask(app, "Delete it?", record_yes, 6);
		app_key(app, '\r');
		CHECK(app->confirm == NULL);
		CHECK_INT(answered_yes, -1);
		/* Caps lock on: N is no and Y yes, as the help says. */
		app_ask(app, "Delete it?", record_yes, 8);
		app_key(app, 'N');
		CHECK(app->confirm == NULL);
		CHECK_INT(answered_yes, -1);
		app_ask(app, "Delete it?", record_yes, 9);
		app_key(app, 'Y');
		CHECK(app->confirm == NULL);
		CHECK_INT(answered_yes, 9);
		answered_yes = -1;
		app_ask(app, "Delete it?", record_yes, 7);
		draw(app);
		CHECK(find("Delete it?", NULL, NULL));
		app_key(app, 'y');
		draw(app);
		CHECK_INT(answered_yes, 7);
		CHECK(!find("Delete it?", NULL, NULL));
		finish(&loop, app, store);
	}
}

/* What the app does with a sign-out callback's three answers. */
static int	sign_out_rc;

static int
fake_sign_out(void *arg, char **sentence)
{
	(void)arg;
	*sentence = xstrdup(sign_out_rc == 1 ? "signed out of test" :
	    sign_out_rc == 0 ? "Nothing kept here" : "Not signed out: disk");
	return (sign_out_rc);
}

/*
 * Views over the dashboard: Enter opens the selected event in a view of
 * its own, the header says where the user is, `:` names views (Tab
 * completes, an unknown name is said), keys act on the view's event,
 * the help lists the view's keys, and Esc goes back a view at a time.
 */
/*
 * Below 80x24 the dashboard shows one pane at a time, the whole body;
 * Tab goes to the next, and every key works as at full size.
 */
static void
test_draw_collapsed(void)
{
	uv_loop_t	 loop;
	struct store	*store = store_new();
	struct app	*app;

	if ((app = start_dashboard(&loop, store, 20, 60)) == NULL)
		return;
	CHECK(!find("Terminal too small", NULL, NULL));
	CHECK(find("Events 4", NULL, NULL));
	CHECK(!find("Notifications", NULL, NULL));
	CHECK(find("q Quit", NULL, NULL));
	app_key(app, 'j');
	CHECK_INT(app->env.selected_event, 2);
	app_key(app, '\t');
	draw(app);
	CHECK(!find("Events 4", NULL, NULL));
	CHECK(find("Core Server Meetup", NULL, NULL));
	CHECK(find("Capacity", NULL, NULL));
	app_key(app, '\t');
	draw(app);
	CHECK(find("Notifications", NULL, NULL));
	CHECK(!find("Capacity", NULL, NULL));
	app_key(app, '\t');
	draw(app);
	CHECK(find("Events 4", NULL, NULL));
	/* The help and a view fit too. */
	app_key(app, '?');
	draw(app);
	CHECK(find("Quit evtop", NULL, NULL));
	app_key(app, KEYS_ESC);
	app_key(app, '\r');
	draw(app);
	CHECK(row_has(0, "events \xe2\x80\xba Core"));
	CHECK(find("Confirmed", NULL, NULL));
	app_key(app, KEYS_ESC);
	/* Back to full size: three panes again. */
	resize_term(24, 80);
	app_key(app, KEYS_FN|KEY_RESIZE);
	draw(app);
	CHECK(find("Events 4", NULL, NULL));
	CHECK(find("Notifications", NULL, NULL));
	CHECK(find("Capacity", NULL, NULL));
	finish(&loop, app, store);
}

/*
 * --mouse: a click focuses a pane and selects the row under it, a double
 * click opens it, the wheel moves, a click on the bar does that key.
 * The clicks come as a terminal sends them (SGR 1006: ESC [ < b;x;y M/m).
 */
static void
test_mouse(void)
{
	uv_loop_t	 loop;
	struct store	*store = store_new();
	struct app	*app;

	if ((app = start_dashboard(&loop, store, 24, 80)) == NULL)
		return;
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	mousemask(BUTTON1_CLICKED|BUTTON1_DOUBLE_CLICKED|BUTTON4_PRESSED|
	    BUTTON5_PRESSED, NULL);
	/* The third event's row: screen row 5 (1-based 6). */
	type_keys(app, "\033[<0;5;6M\033[<0;5;6m");
	CHECK_INT(app->env.selected_event, 3);
	/* The wheel: down a row, up a row. */
	type_keys(app, "\033[<65;5;6M");
	CHECK_INT(app->env.selected_event, 4);
	type_keys(app, "\033[<64;5;6M");
	CHECK_INT(app->env.selected_event, 3);
	/* The notification log, clicked: focused. */
	type_keys(app, "\033[<0;60;15M\033[<0;60;15m");
	CHECK_INT(app->focus, APP_PANE_NOTIFY);
	/* "? Help" on the bar (its text starts at the second column). */
	type_keys(app, "\033[<0;11;24M\033[<0;11;24m");
	CHECK_INT(app->help, 1);
	app_key(app, KEYS_ESC);
	/* A double click on a row opens its event. */
	type_keys(app, "\033[<0;5;5M\033[<0;5;5m\033[<0;5;5M\033[<0;5;5m");
	CHECK_INT(app->env.selected_event, 2);
	CHECK(app_view(app) != NULL);
	CHECK_INT(app_current_event(app), 2);
	finish(&loop, app, store);
}

/* Back to the view ops on event 1 with pane focus at index, nothing up. */
static void
walk_reset(struct app *app, const struct view_ops *ops, size_t focus)
{
	struct view	*v;
	size_t		 i;

	app->help = 0;
	app->cmd_open = 0;
	app->running = 1;
	if (app->confirm != NULL) {
		confirm_free(app->confirm);
		app->confirm = NULL;
	}
	/* A form a key put up would hear the next keys. */
	form_box_free(app->form);
	app->form = NULL;
	profile_box_free(app->profile);
	app->profile = NULL;
	while (app->nviews > 0)
		app_view_pop(app);
	app->panes[app->focus].focused = 0;
	app->focus = APP_PANE_EVENTS;
	app->panes[app->focus].focused = 1;
	if (ops != &view_home_ops)
		app_view_push(app, ops, 1);
	if ((v = app_view(app)) != NULL) {
		for (i = 0; i < v->npanes; i++)
			v->panes[i].focused = i == focus;
		v->focus = focus;
	} else {
		app->panes[app->focus].focused = 0;
		app->focus = (int)focus;
		app->panes[app->focus].focused = 1;
	}
	draw(app);
}

/*
 * The help lists exactly the keys that work: in every view, with every
 * pane focused, each key of the tables in force (those the help and the
 * bar are drawn from) reaches something that acts on it.
 */
static void
test_help_keys_work(void)
{
	const struct key_table	*tables[4];
	const struct view_ops	*ops;
	struct view		*v;
	uv_loop_t		 loop;
	struct store		*store = store_new();
	struct app		*app;
	size_t			 i, t, b, n, panes, focus, keys = 0;
	unsigned		 before;

	if ((app = start_dashboard(&loop, store, 40, 120)) == NULL)
		return;
	for (i = 0; (ops = view_table[i]) != NULL; i++) {
		walk_reset(app, ops, 0);
		v = app_view(app);
		panes = v != NULL ? v->npanes : APP_PANES;
		for (focus = 0; focus < panes; focus++) {
			walk_reset(app, ops, focus);
			n = app_key_tables(app, tables, sizeof tables / sizeof tables[0]);
			for (t = 0; t < n; t++) {
				for (b = 0; b < tables[t]->n; b++) {
					walk_reset(app, ops, focus);
					before = app->unhandled;
					app_key(app, tables[t]->bindings[b].key);
					draw(app);
					keys++;
					if (app->unhandled == before)
						continue;
					fprintf(stderr, "%s, pane %zu: %s (%s) "
					    "does nothing\n", ops->name, focus,
					    tables[t]->bindings[b].name,
					    actions_get(tables[t]->bindings[b].
					    action)->name);
					CHECK(0);
				}
			}
		}
	}
	CHECK(keys > 50);
	walk_reset(app, &view_home_ops, 0);
	finish(&loop, app, store);
}

/*
 * :search: words, a place and dates; what cannot be read is said and
 * opens nothing; without a server's search the events held are searched
 * here and the title says so; Enter opens what was found.
 */
static void
test_search(void)
{
	struct search_query	 q;
	uv_loop_t		 loop;
	struct store		*store = store_new();
	struct app		*app;
	char			*cause = NULL;

	CHECK_INT(search_query_parse("launch party location=Lisbon "
	    "from=2026-06-01 to=2026-06-30", &q, &cause), 0);
	CHECK_STR(q.q, "launch party");
	CHECK_STR(q.location, "Lisbon");
	CHECK(q.from_t != 0 && q.to_t > q.from_t);
	search_query_done(&q);
	CHECK_INT(search_query_parse("x from=2026-13-01", &q, &cause), -1);
	CHECK(cause != NULL && strstr(cause, "not a date") != NULL);
	free(cause);
	CHECK_INT(search_query_parse("x color=red", &q, &cause), -1);
	CHECK(cause != NULL && strstr(cause, "color=") != NULL);
	free(cause);
	CHECK_INT(search_query_parse("from=2026-07-01 to=2026-06-01", &q,
	    &cause), -1);
	free(cause);
	CHECK_INT(search_query_parse("", &q, &cause), -1);
	free(cause);

	if ((app = start_dashboard(&loop, store, 24, 80)) == NULL)
		return;
	type_keys(app, ":search to=nonsense\r");
	draw(app);
	CHECK_INT(app->nviews, 0);
	CHECK(find("nonsense is not a date", NULL, NULL));
	type_keys(app, ":search meetup location=lisbon\r");
	draw(app);
	CHECK_INT(app->nviews, 1);
	/* After the frame, the search: no server here, so here. */
	app_fetch(app);
	draw(app);
	CHECK(find("Search meetup: 1 (searched here", NULL, NULL));
	CHECK(find("Core Server Meetup", NULL, NULL));
	CHECK(!find("Evtop Launch Party", NULL, NULL));
	CHECK(row_has(0, "events \xe2\x80\xba search"));
	app_key(app, '\r');
	draw(app);
	CHECK_INT(app->nviews, 2);
	CHECK_INT(app_current_event(app), 2);
	app_key(app, KEYS_ESC);
	app_key(app, KEYS_ESC);
	type_keys(app, ":find nothing-like-this\r");
	app_fetch(app);
	draw(app);
	CHECK(find("No event matches", NULL, NULL));
	finish(&loop, app, store);
}

/* Types s into a box, a key a character (a tab moves on). */
static void
type_box(struct profile_box *b, const char *s)
{
	while (*s != '\0')
		profile_box_key(b, (unsigned char)*s++);
}

/* Types s into the form that is up, a key a character. */
static void
type(struct app *app, const char *s)
{
	while (*s != '\0')
		app_key(app, (unsigned char)*s++);
}

/*
 * The profile view: the user, their stats (fed as the decoders give
 * them) and their registrations, where Enter opens the event.
 */
static void
test_profile_view(void)
{
	uv_loop_t		 loop;
	struct store		*store = store_new();
	struct app		*app;
	struct view		*v;
	char			 em[] = "ada@example.com", nm[] = "Ada Lovelace";
	char			 role[] = "organizer";
	struct user		 u = { 7, em, nm, role };
	struct user_stats	 st = { 3, 5, 2 };
	struct registration_row	 rows[2];
	struct api_result	 r;
	struct api_error	 err;
	char			 t1[] = "Core Server Meetup", t2[] = "Gala";
	char			 s1[] = "confirmed", s2[] = "waitlisted";
	char			 nf[] = "not found";

	if ((app = start_dashboard(&loop, store, 24, 80)) == NULL)
		return;
	app_command(app, "me");
	draw(app);
	CHECK((v = app_view(app)) != NULL && v->ops == &view_profile_ops);
	CHECK(row_has(0, "events \xe2\x80\xba profile"));
	CHECK(find("No profile fetched.", NULL, NULL));
	CHECK(find("No registrations fetched.", NULL, NULL));

	memset(&r, 0, sizeof r);
	r.status = API_OK;
	r.http = 200;
	r.v.user = &u;
	pane_profile_got(&v->panes[0], &r);
	r.v.user_stats = &st;
	pane_profile_stats(&v->panes[0], &r);
	memset(rows, 0, sizeof rows);
	rows[0].id = 11;
	rows[0].event_id = 2;
	rows[0].title = t1;
	rows[0].status = s1;
	rows[0].date_time = T0 + 86400;
	rows[1].id = 12;
	rows[1].event_id = 3;
	rows[1].title = t2;
	rows[1].status = s2;
	r.v.any = NULL;
	r.items.registrations = rows;
	r.n = 2;
	r.total = 2;
	pane_profile_regs(&v->panes[1], &r);
	draw(app);
	CHECK(find("Name              Ada Lovelace", NULL, NULL));
	CHECK(find("Email             ada@example.com", NULL, NULL));
	CHECK(find("Role              organizer", NULL, NULL));
	CHECK(find("Events created    3", NULL, NULL));
	CHECK(find("Registered for    5", NULL, NULL));
	CHECK(find("Upcoming          2", NULL, NULL));
	CHECK(find("Your registrations 2", NULL, NULL));
	CHECK(find("Core Server Meetup", NULL, NULL));
	CHECK(find("waitlisted", NULL, NULL));

	/* Enter on the first registration opens its event. */
	app_key(app, '\t');
	app_key(app, '\r');
	draw(app);
	CHECK_INT(app->nviews, 2);
	CHECK(app_view(app)->ops == &view_event_ops);
	CHECK_INT(app_view(app)->event_id, 2);
	app_key(app, KEYS_ESC);
	draw(app);

	/* A server without the stats: said, not zeros. */
	memset(&err, 0, sizeof err);
	err.http = 404;
	err.sentence = nf;
	memset(&r, 0, sizeof r);
	r.status = API_ERR_FAILED;
	r.http = 404;
	r.error = &err;
	pane_profile_stats(&app_view(app)->panes[0], &r);
	draw(app);
	CHECK(find("This server keeps no stats", NULL, NULL));
	CHECK(!find("Events created", NULL, NULL));
	finish(&loop, app, store);
}

/* The forms refuse what the server would, before anything is sent. */
static void
test_profile_forms(void)
{
	uv_loop_t		 loop;
	struct store		*store = store_new();
	struct app		*app;
	struct profile_box	*b;
	char			 em[] = "ada@example.com", nm[] = "Ada";
	struct user		 u = { 7, em, nm, NULL };
	struct api_result	 r;
	struct field_error	 fe = { NULL, NULL };
	const char		*x, *y;
	char			 field[] = "currentPassword";
	char			 msg[] = "The current password is not correct";

	if ((app = start_dashboard(&loop, store, 24, 80)) == NULL)
		return;
	app_command(app, "profile");
	memset(&r, 0, sizeof r);
	r.status = API_OK;
	r.v.user = &u;
	pane_profile_got(&app_view(app)->panes[0], &r);

	/* e: the account as it is; a bad address is said as it is typed. */
	app_key(app, 'e');
	draw(app);
	CHECK(app->profile != NULL);
	CHECK(find("Edit your profile", NULL, NULL));
	CHECK(find("ada@example.com", NULL, NULL));
	app_key(app, '\t');
	app_key(app, KEYS_CTRL('u'));
	type(app, "ada.example.com");
	draw(app);
	CHECK(find("Email must look like you@example.com", NULL, NULL));
	app_key(app, KEYS_CTRL('o'));
	draw(app);
	CHECK(app->profile != NULL);
	CHECK(!app->profile_busy);
	CHECK(find("Not sent: a field is wrong", NULL, NULL));
	/* Esc with something typed asks; n keeps it all. */
	app_key(app, KEYS_ESC);
	app_key(app, 'n');
	CHECK(app->profile != NULL);
	CHECK(profile_box_fill(app->profile, &x, &y) == -1);
	profile_box_free(app->profile);
	app->profile = NULL;

	/* p: hidden fields, the rules checked before anything goes. */
	app_key(app, 'p');
	type(app, "old-secret");
	app_key(app, '\t');
	type(app, "short");
	app_key(app, '\t');
	type(app, "short");
	draw(app);
	CHECK(find("Change your password", NULL, NULL));
	CHECK(!find("old-secret", NULL, NULL));
	CHECK(!find("short", NULL, NULL));
	CHECK(find("New password is at least 8 characters", NULL, NULL));
	app_key(app, KEYS_CTRL('o'));
	CHECK(!app->profile_busy);
	CHECK(profile_box_fill(app->profile, &x, &y) == -1);
	profile_box_free(app->profile);
	app->profile = NULL;
	finish(&loop, app, store);

	/* The box alone: mismatched, then matching, then the server's word. */
	b = profile_box_new(PROFILE_BOX_PASSWORD, NULL);
	type_box(b, "old-secret\tlong-enough-1\tlong-enough-2");
	CHECK(profile_box_fill(b, &x, &y) == -1);
	CHECK_STR(profile_box_problem(b, "newPasswordAgain"),
	    "The new passwords do not match");
	profile_box_key(b, 0x7f);
	profile_box_key(b, '1');
	CHECK(profile_box_fill(b, &x, &y) == 0);
	CHECK_STR(x, "old-secret");
	CHECK_STR(y, "long-enough-1");
	fe.field = field;
	fe.message = msg;
	profile_box_field_errors(b, &fe, 1);
	CHECK_STR(profile_box_problem(b, "currentPassword"), msg);
	CHECK(profile_box_fill(b, &x, &y) == -1);
	profile_box_free(b);

	b = profile_box_new(PROFILE_BOX_ACCOUNT, &u);
	CHECK(profile_box_fill(b, &x, &y) == 0);
	CHECK_STR(x, "Ada");
	CHECK_STR(y, "ada@example.com");
	profile_box_key(b, KEYS_CTRL('u'));
	CHECK(profile_box_fill(b, &x, &y) == -1);
	CHECK_STR(profile_box_problem(b, "name"), "Name is required");
	profile_box_free(b);
}

static void
test_views(void)
{
	uv_loop_t	 loop;
	struct store	*store = store_new();
	struct app	*app;

	if ((app = start_dashboard(&loop, store, 24, 80)) == NULL)
		return;
	CHECK(find("Events 4", NULL, NULL));
	/* The second event, opened. */
	app_key(app, 'j');
	app_key(app, '\r');
	draw(app);
	CHECK(app_view(app) != NULL);
	CHECK(row_has(0, "events \xe2\x80\xba Core Server Meetup"));
	CHECK(find("Confirmed   9 of 10", NULL, NULL));
	CHECK(!find("Events 4", NULL, NULL));
	CHECK(row_has(LINES - 1, "Esc Back"));
	CHECK_INT(app_current_event(app), 2);
	/* Enter again on the same event: no second view. */
	app_command(app, "event");
	CHECK_INT(app->nviews, 1);

	/* :no, Tab, Tab: the names complete; Enter goes there. */
	type_keys(app, ":no");
	draw(app);
	CHECK(row_has(LINES - 1, ":no"));
	CHECK(row_has(LINES - 1, "notifications  notif"));
	app_key(app, '\t');
	app_key(app, '\r');
	draw(app);
	CHECK_INT(app->nviews, 2);
	CHECK(row_has(0, "Core Server Meetup \xe2\x80\xba notifications"));
	CHECK(find("No notifications yet.", NULL, NULL));
	/* The event keys act on is still the view's. */
	CHECK_INT(app_current_event(app), 2);
	/* The help lists the view's keys and the list's, not the sign-in box's. */
	app_key(app, '?');
	type_keys(app, "/previous row\r");
	draw(app);
	CHECK(find("Select the previous row", NULL, NULL));
	app_key(app, KEYS_ESC);
	/* / in the help: only the lines with the word, as it is typed. */
	type_keys(app, "/back");
	draw(app);
	CHECK(find("Help /back (1 of", NULL, NULL));
	CHECK(find("Go back to the view before", NULL, NULL));
	CHECK(!find("Quit evtop", NULL, NULL));
	app_key(app, '\r');
	app_key(app, 'q');	/* not typed into the word: closes */
	draw(app);
	CHECK(!find("Go back to the view before", NULL, NULL));
	CHECK(app->running);
	app_key(app, '?');
	type_keys(app, "/zzz");
	draw(app);
	CHECK(find("Help /zzz (0 of", NULL, NULL));
	/* Esc drops the word, the next Esc the help. */
	app_key(app, KEYS_ESC);
	draw(app);
	CHECK(find("Quit evtop", NULL, NULL));
	app_key(app, KEYS_ESC);
	draw(app);
	CHECK(!find("Quit evtop", NULL, NULL));
	CHECK_INT(app->nviews, 2);

	/* A name that is no view: said, nothing changes. */
	type_keys(app, ":nope\r");
	draw(app);
	CHECK(find("No view called nope", NULL, NULL));
	CHECK_INT(app->nviews, 2);
	/* An id for a view on no event, or no id: said. */
	type_keys(app, ":notif 3\r");
	CHECK_INT(app->nviews, 2);
	type_keys(app, ":event 3\r");
	draw(app);
	CHECK_INT(app->nviews, 3);
	CHECK_INT(app_current_event(app), 3);
	/* Esc goes back a view at a time; :events goes home at once. */
	app_key(app, KEYS_ESC);
	CHECK_INT(app->nviews, 2);
	app_key(app, '-');
	CHECK_INT(app->nviews, 1);
	type_keys(app, ":ev\r");
	draw(app);
	CHECK_INT(app->nviews, 0);
	CHECK(find("Events 4", NULL, NULL));
	CHECK(row_has(0, "test-server"));
	CHECK(!row_has(0, "\xe2\x80\xba"));
	/* Esc at home and Esc in the : line do nothing else. */
	app_key(app, KEYS_ESC);
	type_keys(app, ":eve");
	app_key(app, KEYS_ESC);
	draw(app);
	CHECK_INT(app->nviews, 0);
	CHECK(app->running);
	finish(&loop, app, store);
}

/* The event view's timeline, its absence, its admin keys and the prompt. */
static void
test_event_view(void)
{
	uv_loop_t		 loop;
	struct store		*store = store_new();
	struct app		*app;
	struct pane		*p;
	struct event_stats	 st;
	struct stats_bucket	 tl[5];
	struct api_result	 r;
	struct api_error	 err;
	char			 nf[] = "not found";
	int			 i;

	if ((app = start_dashboard(&loop, store, 24, 80)) == NULL)
		return;
	app_key(app, '\r');
	draw(app);
	CHECK_INT(app->nviews, 1);
	p = &app_view(app)->panes[0];
	CHECK(find("Evtop Launch Party", NULL, NULL));
	CHECK(find("Confirmed   124 of 200", NULL, NULL));
	CHECK(find("Waitlisted  3", NULL, NULL));
	CHECK(find("No stats fetched.", NULL, NULL));

	/* The stats arrive: RSVPs and a sparkline. */
	memset(&st, 0, sizeof st);
	st.event_id = 1;
	st.confirmed = 124;
	st.rsvp.accepted = 7;
	st.rsvp.declined = 2;
	st.rsvp.pending = 5;
	st.rsvp.waitlisted = 1;
	for (i = 0; i < 5; i++) {
		tl[i].t = T0 + i * 60;
		tl[i].confirmed = i == 4 ? 0 : i;
		tl[i].checked_in = 0;
	}
	st.timeline = tl;
	st.ntimeline = 5;
	memset(&r, 0, sizeof r);
	r.status = API_OK;
	r.http = 200;
	r.v.event_stats = &st;
	pane_event_stats(p, &r);
	draw(app);
	CHECK(find("accepted 7  declined 2  pending 5  waitlisted 1", NULL,
	    NULL));
	CHECK(find("last 5 min: 6 in all", NULL, NULL));
	CHECK(find("\xe2\x96\x81\xe2\x96", NULL, NULL));
	/* A counters envelope: the count at once, and the minute under way. */
	{
		struct counters	c = { 1, 126, 3, 30, 74, -1 };

		store_apply_counters(store, &c);
		app_api_hooks()->counters_changed(app, 1);
	}
	draw(app);
	CHECK(find("Confirmed   126 of 200", NULL, NULL));
	CHECK(find("last 5 min: 8 in all", NULL, NULL));

	/* A core-only server: no stats endpoint, a sentence, no box. */
	memset(&err, 0, sizeof err);
	err.reason = API_REASON_NOT_FOUND;
	err.http = 404;
	err.sentence = nf;
	memset(&r, 0, sizeof r);
	r.status = API_ERR_FAILED;
	r.error = &err;
	pane_event_stats(p, &r);
	draw(app);
	CHECK(find("This server keeps no timeline", NULL, NULL));
	CHECK(!find("accepted 7", NULL, NULL));

	/* The help lists the view's admin keys (found with its /). */
	app_key(app, '?');
	app_key(app, '/');
	app_key(app, 'e');
	app_key(app, 'v');
	app_key(app, 'e');
	app_key(app, 'n');
	app_key(app, 't');
	draw(app);
	CHECK(find("Delete the event (asks first)", NULL, NULL));
	CHECK(find("Cancel the event (asks first)", NULL, NULL));
	app_key(app, KEYS_ESC);
	app_key(app, '/');
	app_key(app, 'P');
	app_key(app, 'u');
	app_key(app, 'b');
	draw(app);
	CHECK(find("Publish, or unpublish to a draft", NULL, NULL));
	app_key(app, KEYS_ESC);
	app_key(app, KEYS_ESC);

	/* C: a prompt that checks as it is typed; Enter on 0 does nothing. */
	app_key(app, 'C');
	draw(app);
	CHECK(app->prompt != NULL);
	CHECK(find("Capacity:", NULL, NULL));
	CHECK(find("200", NULL, NULL));
	type_keys(app, "\x15" "0");
	draw(app);
	CHECK(find("whole number of at least 1", NULL, NULL));
	app_key(app, '\r');
	CHECK(app->prompt != NULL);
	app_key(app, KEYS_ESC);
	CHECK(app->prompt == NULL);

	/* D with registrations: the title is asked for; a wrong one waits. */
	app_key(app, 'D');
	draw(app);
	CHECK(app->prompt != NULL);
	CHECK(find("Type the event's title", NULL, NULL));
	type_keys(app, "Evtop\r");
	CHECK(app->prompt != NULL);
	CHECK_INT(app->nviews, 1);
	app_key(app, KEYS_ESC);
	CHECK(app->prompt == NULL);

	/* w: the registrations view, which says what it has not fetched. */
	app_key(app, 'w');
	draw(app);
	CHECK_INT(app->nviews, 2);
	CHECK(find("Registrations: confirmed (s: waitlisted)", NULL, NULL));
	CHECK(find("No registrations fetched.", NULL, NULL));
	app_key(app, 's');
	draw(app);
	CHECK(find("Registrations: waitlisted (s: confirmed)", NULL, NULL));
	app_key(app, '?');
	type_keys(app, "/endpoint\r");
	draw(app);
	CHECK(find("no endpoint cancels or promotes", NULL, NULL));
	app_key(app, KEYS_ESC);
	type_keys(app, "/publish\r");
	draw(app);
	CHECK(!find("Publish, or unpublish", NULL, NULL));
	app_key(app, KEYS_ESC);
	app_key(app, KEYS_ESC);
	app_key(app, KEYS_ESC);
	CHECK_INT(app->nviews, 1);

	/* Read-only: the admin keys are refused with a sentence. */
	app->opts.readonly = 1;
	app_key(app, 'C');
	draw(app);
	CHECK(app->prompt == NULL);
	CHECK(find("read-only", NULL, NULL));
	finish(&loop, app, store);
}

static void
test_sign_out_and_readonly_keys(void)
{
	uv_loop_t	 loop;
	struct store	*store = store_new();
	struct app	*app;
	struct event	*evs;
	size_t		 n;

	if (start(&loop, 24, 80) != 0)
		return;
	evs = make_events(&n, 0);
	store_set_events(store, evs, n, -1);
	app = make_app(&loop, store);
	app->opts.sign_out = fake_sign_out;
	app->opts.readonly = 1;
	draw(app);

	/* Read-only: the writes are refused by name, nothing is asked. */
	app_key(app, 'R');
	CHECK_STR(toasts_text(app->toasts, 0), "evtop is read-only: register "
	    "was not sent (--readonly, or readonly in the profile)");
	app_key(app, 'U');
	CHECK(app->confirm == NULL);
	CHECK(strstr(toasts_text(app->toasts, 0), "unregister was not sent"));

	/* Signing out changes nothing on the server: allowed read-only. */
	sign_out_rc = 0;
	app_key(app, 'L');
	CHECK(app->running);
	CHECK_STR(toasts_text(app->toasts, 0), "Nothing kept here");
	sign_out_rc = -1;
	app_key(app, 'L');
	CHECK(app->running);
	CHECK_STR(toasts_text(app->toasts, 0), "Not signed out: disk");
	sign_out_rc = 1;
	app_key(app, 'L');
	CHECK(!app->running);
	CHECK_INT(app->exit_code, 0);
	CHECK_STR(app->exit_sentence, "signed out of test");
	finish(&loop, app, store);
}

/*
 * A 429 asked every request to wait: the header counts it down, and r
 * and R are refused with a toast that says how long, sending nothing.
 */
static void
test_draw_rate_limited(void)
{
	uv_loop_t		 loop;
	struct store		*store = store_new();
	struct api_options	 ao;
	struct app_options	 opts;
	struct api		*api;
	struct app		*app;
	struct event		*evs;
	size_t			 n;

	if (start(&loop, 30, 100) != 0)
		return;
	memset(&ao, 0, sizeof ao);
	ao.server = "http://127.0.0.1:9";
	api = api_new(&loop, &ao, store, NULL, NULL);
	evs = make_events(&n, 0);
	store_set_events(store, evs, n, -1);
	memset(&opts, 0, sizeof opts);
	opts.no_color = 1;
	opts.server_label = "test-server";
	app = app_new(&loop, api, store, &opts);
	app->running = 1;
	app->damage |= APP_DAMAGE_LAYOUT;
	draw(app);
	CHECK(!find("wait", NULL, NULL));

	api_live_hold(api, 42, API_REASON_RATE_LIMITED);
	app->damage |= APP_DAMAGE_HEADER;
	draw(app);
	CHECK(row_has(0, "offline, wait 42s"));
	app_key(app, 'r');
	CHECK_STR(toasts_text(app->toasts, 0), "Not sent: the server asks to "
	    "wait 42 s (rate limited); try again then");
	app_key(app, 'R');
	CHECK(!api_registration_pending(api, app->env.selected_event));
	/* The same news again: one toast, counted twice. */
	CHECK_INT(toasts_count(app->toasts), 1);
	CHECK_INT(toasts_repeats(app->toasts, 0), 2);

	if (test_failures)
		dump();
	app_free(app);
	api_free(api);
	uv_run(&loop, UV_RUN_DEFAULT);
	uv_run(&loop, UV_RUN_DEFAULT);
	screen_close();
	store_free(store);
	CHECK_INT(uv_loop_close(&loop), 0);
}

/* A list window whose pages are counted, never answered. */
static size_t	window_fetches;

static void
window_fetch(void *arg, const struct listwin_fetch *f)
{
	(void)arg;
	(void)f;
	window_fetches++;
}

static void
window_row_free(void *row)
{
	event_done(row);
	free(row);
}

static int64_t
window_row_key(const void *row)
{
	return (((const struct event *)row)->id);
}

static const struct listwin_ops window_ops = {
	.fetch = window_fetch,
	.row_free = window_row_free,
	.row_key = window_row_key,
};

/*
 * Drawing the events pane over a list window starts no request: the draw
 * records the rows shown, rows not here are drawn as dots, and their
 * pages are asked for after the frame (the loop's store_events_fetch).
 */
static void
test_draw_fetches_nothing(void)
{
	uv_loop_t	 loop;
	struct store	*store = store_new();
	struct listwin	*lw;
	struct app	*app;
	void		**rows;
	size_t		 i, n;

	if ((app = start_dashboard(&loop, store, 24, 80)) == NULL)
		return;
	lw = listwin_new(&window_ops, NULL, 50, 2);
	store_set_window(store, lw);
	store_events_view(store, 0, 8);
	/* The first page of a thousand events. */
	rows = xcalloc(50, sizeof *rows);
	for (i = 0; i < 50; i++) {
		rows[i] = xcalloc(1, sizeof (struct event));
		fill_event(rows[i], (int64_t)i + 1, "Row", T0 + (time_t)i, 1,
		    10, 0);
	}
	listwin_page_done(lw, 0, 0, rows, 50, 1000, NULL);
	app_api_hooks()->events_changed(app);
	draw(app);
	CHECK(find("Row", NULL, NULL));
	/* To the end: rows not fetched, drawn as dots, asked for after. */
	window_fetches = 0;
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	term_define_keys();
	type_keys(app, "\033[F");
	draw(app);
	CHECK_INT(window_fetches, 0);
	CHECK_INT(listwin_wanted(lw), 1);
	CHECK(find("\xe2\x80\xa6", NULL, NULL));
	store_events_fetch(store);
	CHECK(window_fetches >= 1);
	CHECK_INT(listwin_wanted(lw), 0);
	n = window_fetches;
	/* Nothing recorded since: nothing more asked. */
	store_events_fetch(store);
	CHECK_INT(window_fetches, n);
	store_set_window(store, NULL);
	listwin_free(lw);
	finish(&loop, app, store);
}

/* A window that filters and sorts here, as over a server without them. */
static int
lists_match(const void *row, const char *filter)
{
	const struct event	*e = row;

	return (strcasestr(e->title, filter) != NULL);
}

static int
lists_cmp(const void *a0, const void *b0, const char *sort)
{
	const struct event	*a = a0, *b = b0;
	int			 desc = *sort == '-', c = 0;

	if (strcmp(sort + desc, "title") == 0)
		c = strcasecmp(a->title, b->title);
	if (c == 0)
		c = a->date_time < b->date_time ? -1 : a->date_time >
		    b->date_time;
	return (desc ? -c : c);
}

static const struct listwin_ops lists_ops = {
	.fetch = window_fetch,
	.row_free = window_row_free,
	.row_key = window_row_key,
	.row_match = lists_match,
	.row_cmp = lists_cmp,
};

static int	lists_first;

/* The whole list as one answer: dates in the order given by ids. */
static void
lists_answer(struct listwin *lw, struct app *app, const int64_t *order,
    int64_t confirmed)
{
	static const char *const titles[] = { "", "Launch Party",
	    "Core Meetup", "Launch Review", "Workshop", "Dinner" };
	static unsigned	 gen;
	void		**rows = xcalloc(5, sizeof *rows);
	size_t		  i;

	for (i = 0; i < 5; i++) {
		rows[i] = xcalloc(1, sizeof (struct event));
		fill_event(rows[i], order[i], titles[order[i]],
		    T0 + (time_t)i * 3600, confirmed, 100, 0);
	}
	/* A whole list starts a generation of its own each time. */
	if (lists_first)
		gen = 0;
	lists_first = 0;
	CHECK_INT(listwin_page_done(lw, 0, gen++, rows, 5, 5, NULL), 1);
	app_api_hooks()->events_changed(app);
	draw(app);
}

static void
lists_type(struct app *app, const char *s)
{
	while (*s != '\0')
		app_key(app, (unsigned char)*s++);
	draw(app);
}

/* The screen row showing text, or -1. */
static int
lists_row(const char *text)
{
	int	row;

	return (find(text, &row, NULL) ? row : -1);
}

/*
 * The list keys: / filters as typed (! keeps what does not match, here),
 * the title says so, Enter keeps and Esc clears; < > s sort with an arrow
 * in the header; Space marks by id, and marks and the selection stay on
 * their events when rows move; Z freezes the order and says FROZEN.
 */
static void
test_lists(void)
{
	static const int64_t	 first[] = { 1, 2, 3, 4, 5 };
	static const int64_t	 moved[] = { 5, 4, 3, 2, 1 };
	uv_loop_t		 loop;
	struct store		*store = store_new();
	struct listwin		*lw;
	struct app		*app;
	struct pane		*p;
	int			 r;

	if ((app = start_dashboard(&loop, store, 24, 80)) == NULL)
		return;
	p = &app->panes[APP_PANE_EVENTS];
	lw = listwin_new(&lists_ops, NULL, 50, 2);
	listwin_set_query(lw, "date", NULL);
	store_set_window(store, lw);
	store_events_view(store, 0, 8);
	lists_first = 1;
	lists_answer(lw, app, first, 10);
	CHECK(find("Events 5", NULL, NULL));
	CHECK(find("DATE\xe2\x96\xb2", NULL, NULL));

	/* / launch: narrows as typed, the line and the title show it. */
	lists_type(app, "/launch");
	CHECK(row_has(LINES - 1, "/launch"));
	CHECK(find("Events 2 of 5 /launch (filtered here)", NULL, NULL));
	CHECK(find("Launch Review", NULL, NULL));
	CHECK(!find("Core Meetup", NULL, NULL));
	lists_type(app, "\r");
	CHECK(!row_has(LINES - 1, "/launch"));
	CHECK(find("/launch", NULL, NULL));
	/* Esc on the list clears it first. */
	lists_type(app, "\033");
	CHECK(find("Core Meetup", NULL, NULL));
	CHECK(!find("/launch", NULL, NULL));
	/* ! keeps the others, always here. */
	lists_type(app, "/!launch\r");
	CHECK(find("/!launch (filtered here)", NULL, NULL));
	CHECK(find("Core Meetup", NULL, NULL));
	CHECK(find("Dinner", NULL, NULL));
	/* Not in the list (the event pane may still show it). */
	r = lists_row("Launch Party");
	CHECK(r < 0 || r > 10);
	/* Esc in the line clears the filter and closes it. */
	lists_type(app, "/x\033");
	CHECK_STR(pane_list_filter(p), "");
	CHECK(find("Launch Party", NULL, NULL));
	CHECK(app->line == NULL);

	/* < to the title column, then s reverses it. */
	lists_type(app, "<");
	CHECK(find("TITLE\xe2\x96\xb2", NULL, NULL));
	CHECK(!find("DATE\xe2\x96\xb2", NULL, NULL));
	CHECK(lists_row("Core Meetup") < lists_row("Dinner"));
	CHECK(lists_row("Dinner") < lists_row("Launch Party"));
	lists_type(app, "s");
	CHECK(find("TITLE\xe2\x96\xbc", NULL, NULL));
	CHECK(lists_row("Workshop") < lists_row("Launch Review"));
	CHECK(lists_row("Launch Review") < lists_row("Core Meetup"));
	lists_type(app, ">");
	CHECK(find("DATE\xe2\x96\xb2", NULL, NULL));
	CHECK(lists_row("Launch Party") < lists_row("Core Meetup"));

	/* Space marks Launch Party (and moves on to Core Meetup). */
	lists_type(app, "g ");
	CHECK(find("Events 5 1 marked", NULL, NULL));
	CHECK(pane_list_is_marked(p, 1));
	CHECK_INT(pane_list_selected_key(p), 2);
	/* The rows move: the mark and the selection go with their ids. */
	r = lists_row("Core Meetup");
	lists_answer(lw, app, moved, 11);
	CHECK(lists_row("Core Meetup") != r);
	CHECK_INT(pane_list_selected_key(p), 2);
	CHECK_INT(app->env.selected_event, 2);
	CHECK(pane_list_is_marked(p, 1));
	CHECK_INT(pane_list_marked(p), 1);
	CHECK(find("\xe2\x9c\x93 Launch Party", NULL, NULL));

	/* Z: the order holds while the data changes under it. */
	lists_type(app, "Z");
	CHECK(row_has(0, "FROZEN"));
	r = lists_row("Launch Party");
	lists_answer(lw, app, first, 12);
	CHECK_INT(lists_row("Launch Party"), r);
	CHECK(find("12/100", NULL, NULL));
	CHECK_INT(pane_list_selected_key(p), 2);
	/* Sorting waits for the thaw, and says so. */
	lists_type(app, "s");
	CHECK(find("DATE\xe2\x96\xb2", NULL, NULL));
	lists_type(app, "Z");
	CHECK(!row_has(0, "FROZEN"));
	CHECK(lists_row("Launch Party") < lists_row("Core Meetup"));
	CHECK_INT(pane_list_selected_key(p), 2);
	/* Esc: no filter, so the marks go. */
	lists_type(app, "\033");
	CHECK_INT(pane_list_marked(p), 0);
	CHECK(!find("marked", NULL, NULL));

	store_set_window(store, NULL);
	listwin_free(lw);
	finish(&loop, app, store);
}

TEST_MAIN(
	TEST_CASE(test_draw_dashboard),
	TEST_CASE(test_draw_rate_limited),
	TEST_CASE(test_draw_live),
	TEST_CASE(test_draw_cursor),
	TEST_CASE(test_draw_states),
	TEST_CASE(test_draw_event_details),
	TEST_CASE(test_draw_odd_text),
	TEST_CASE(test_draw_select_color),
	TEST_CASE(test_draw_theme),
	TEST_CASE(test_draw_banner),
	TEST_CASE(test_draw_error_log),
	TEST_CASE(test_draw_token_expiry),
	TEST_CASE(test_draw_register_outcomes),
	TEST_CASE(test_draw_home_end),
	TEST_CASE(test_draw_too_small_keys),
	TEST_CASE(test_draw_confirm),
	TEST_CASE(test_sign_out_and_readonly_keys),
	TEST_CASE(test_draw_fetches_nothing),
	TEST_CASE(test_views),
	TEST_CASE(test_search),
	TEST_CASE(test_draw_collapsed),
	TEST_CASE(test_mouse),
	TEST_CASE(test_help_keys_work),
	TEST_CASE(test_event_view),
	TEST_CASE(test_lists),
	TEST_CASE(test_profile_view),
	TEST_CASE(test_profile_forms))
