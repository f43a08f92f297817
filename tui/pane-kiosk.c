/*
 * The check-in station's screen (pane-kiosk.h).  It draws without a frame:
 * every row is the station's.  The banner is drawn from the time: a result
 * shows for banner_ms with a countdown, then the station says it is ready
 * again (the deadline slot wakes the app each second for that).
 */
#include "pane-kiosk.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bigtext.h"
#include "clock.h"
#include "keys.h"
#include "kiosk-pin.h"
#include "log.h"
#include "term.h"
#include "textin.h"
#include "textw.h"
#include "xmalloc.h"

#define PK_FOUND	50	/* names a search shows at most */
#define PK_RECENT	16
#define PK_BURST_MS	60	/* keys closer than this are a scanner's */
#define PK_BURST_MIN	4	/* keys a scanner sends at least */
#define PK_NOTE_MS	6000
#define PK_PIN_TRIES	5	/* then a wait */
#define PK_PIN_WAIT_MS	30000
#define PK_COUNTDOWN_S	5	/* seconds a countdown shows at most */

enum pk_mode {
	PK_SCAN,
	PK_FIND,
	PK_PIN,
	PK_UNDO
};

struct pane_kiosk {
	struct pane			*pane;
	struct kiosk			*k;
	char				*pin_hash;
	int				 tab_ends;
	unsigned			 idle_ms;
	unsigned			 banner_ms;
	int				 console;

	enum pk_mode			 mode;
	struct textin			*input;
	struct textin			*find;
	struct textin			*pin;
	struct kiosk_guest		 found[PK_FOUND];
	size_t				 nfound;
	size_t				 sel;
	struct kiosk_scan		 undo;

	struct kiosk_scan		 shown;
	int				 have_shown;
	uint64_t			 shown_ms;
	uint64_t			 drawn_ms;	/* the last draw */
	char				 note[200];
	uint64_t			 note_ms;
	int				 pin_fails;
	uint64_t			 pin_wait_until;
	uint64_t			 last_key_ms;
	int				 burst;
};

static void
pane_kiosk_init(struct pane *p)
{
	struct pane_kiosk	*pk = xcalloc(1, sizeof *pk);

	pk->pane = p;
	pk->banner_ms = 3000;
	pk->input = textin_new(KIOSK_CODE_MAX + 16, 0);
	pk->find = textin_new(64, 0);
	pk->pin = textin_new(64, TEXTIN_HIDDEN);
	p->data = pk;
}

static void
pane_kiosk_free(struct pane *p)
{
	struct pane_kiosk	*pk = p->data;

	textin_free(pk->input);
	textin_free(pk->find);
	textin_free(pk->pin);	/* wipes what was typed */
	if (pk->pin_hash != NULL) {
		explicit_bzero(pk->pin_hash, strlen(pk->pin_hash));
		free(pk->pin_hash);
	}
	free(pk);
}

void
pane_kiosk_attach(struct pane *p, struct kiosk *k,
    const struct pane_kiosk_settings *s)
{
	struct pane_kiosk	*pk = p->data;

	pk->k = k;
	pk->pin_hash = s->pin_hash != NULL ? xstrdup(s->pin_hash) : NULL;
	pk->tab_ends = s->tab_ends;
	pk->idle_ms = s->idle_ms;
	if (s->banner_ms != 0)
		pk->banner_ms = s->banner_ms;
	pk->console = s->console;
	p->damaged = 1;
}

static uint64_t
pane_kiosk_now(struct pane *p)
{
	return (p->env->now_ms != 0 ? p->env->now_ms :
	    (uint64_t)clock_now_ms());
}

static void
pane_kiosk_set_note(struct pane_kiosk *pk, const char *sentence)
{
	snprintf(pk->note, sizeof pk->note, "%s", sentence);
	pk->note_ms = pane_kiosk_now(pk->pane);
}

/* ---- keys ---- */

static int
pane_kiosk_is_enter(const struct pane_kiosk *pk, int key)
{
	return (key == '\n' || key == '\r' || key == (KEYS_FN|KEY_ENTER) ||
	    (pk->tab_ends && key == '\t'));
}

static int
pane_kiosk_do_scan(struct pane_kiosk *pk)
{
	char	*code = xstrdup(textin_text(pk->input));

	textin_clear(pk->input);
	pk->burst = 0;
	if (pk->k != NULL && kiosk_scan(pk->k, code) == 0)
		log_debug("kiosk: scanned %zu bytes", strlen(code));
	free(code);
	return (PANE_REDRAW);
}

static void
pane_kiosk_search(struct pane_kiosk *pk)
{
	pk->nfound = 0;
	pk->sel = 0;
	if (pk->k != NULL && textin_length(pk->find) > 0)
		pk->nfound = kiosk_search(pk->k, textin_text(pk->find),
		    pk->found, PK_FOUND);
}

static int
pane_kiosk_find_key(struct pane_kiosk *pk, int key)
{
	char	*code;

	if (key == KEYS_ESC) {
		pk->mode = PK_SCAN;
		return (PANE_REDRAW);
	}
	if (key == (KEYS_FN|KEY_UP)) {
		if (pk->sel > 0)
			pk->sel--;
		return (PANE_REDRAW);
	}
	if (key == (KEYS_FN|KEY_DOWN)) {
		if (pk->sel + 1 < pk->nfound)
			pk->sel++;
		return (PANE_REDRAW);
	}
	if (pane_kiosk_is_enter(pk, key) && key != '\t') {
		if (pk->nfound == 0)
			return (PANE_REDRAW);
		/* The guest's own code: a scan like any other. */
		code = xstrdup(pk->found[pk->sel].code);
		pk->mode = PK_SCAN;
		textin_clear(pk->find);
		pk->nfound = 0;
		if (pk->k != NULL)
			kiosk_scan(pk->k, code);
		free(code);
		return (PANE_REDRAW);
	}
	if (keys_type(pk->find, key) == KEYS_TYPED_CHANGED)
		pane_kiosk_search(pk);
	return (PANE_REDRAW);
}

static int
pane_kiosk_pin_key(struct pane_kiosk *pk, int key)
{
	uint64_t	now = pane_kiosk_now(pk->pane);
	int		ok;

	if (key == KEYS_ESC) {
		textin_clear(pk->pin);
		pk->mode = PK_SCAN;
		return (PANE_REDRAW);
	}
	if (!pane_kiosk_is_enter(pk, key)) {
		keys_type(pk->pin, key);
		return (PANE_REDRAW);
	}
	if (now < pk->pin_wait_until) {
		textin_clear(pk->pin);
		pane_kiosk_set_note(pk, "Too many wrong PINs: wait, then try "
		    "again");
		return (PANE_REDRAW);
	}
	ok = pk->pin_hash != NULL && kiosk_pin_check(pk->pin_hash,
	    textin_text(pk->pin));
	textin_clear(pk->pin);
	if (ok) {
		log_debug("kiosk: left with the PIN");
		return (PANE_KIOSK_LEAVE);
	}
	log_debug("kiosk: a wrong PIN");
	if (++pk->pin_fails >= PK_PIN_TRIES) {
		pk->pin_fails = 0;
		pk->pin_wait_until = now + PK_PIN_WAIT_MS;
		pane_kiosk_set_note(pk, "Wrong PIN, five times: the next try "
		    "waits 30 seconds");
	} else
		pane_kiosk_set_note(pk, "Wrong PIN");
	return (PANE_REDRAW);
}

static int
pane_kiosk_undo_key(struct pane_kiosk *pk, int key)
{
	pk->mode = PK_SCAN;
	/* The default is no: only y undoes. */
	if ((key == 'y' || key == 'Y') && pk->k != NULL)
		kiosk_undo(pk->k, &pk->undo);
	else
		pane_kiosk_set_note(pk, "Nothing undone");
	return (PANE_REDRAW);
}

static int
pane_kiosk_action(struct pane_kiosk *pk, enum action a)
{
	switch (a) {
	case ACTION_KIOSK_FIND:
		pk->mode = PK_FIND;
		textin_clear(pk->find);
		pk->nfound = 0;
		return (PANE_REDRAW);
	case ACTION_KIOSK_UNDO:
		if (pk->k == NULL || kiosk_last_checkin(pk->k, &pk->undo) !=
		    0) {
			pane_kiosk_set_note(pk, "No check-in made here to "
			    "undo");
			return (PANE_REDRAW);
		}
		pk->mode = PK_UNDO;
		return (PANE_REDRAW);
	case ACTION_KIOSK_LEAVE:
		pk->mode = PK_PIN;
		textin_clear(pk->pin);
		return (PANE_REDRAW);
	case ACTION_SIGN_IN:
		return (PANE_KIOSK_SIGN_IN);
	case ACTION_REDRAW:
		clearok(curscr, TRUE);
		return (PANE_REDRAW);
	default:
		return (0);
	}
}

int
pane_kiosk_key(struct pane *p, const struct key_table *t, int key)
{
	struct pane_kiosk	*pk = p->data;
	uint64_t		 now = pane_kiosk_now(p);
	enum action		 a;
	char			 buf[4];
	int			 flags = PANE_REDRAW;

	switch (pk->mode) {
	case PK_FIND:
		return (pane_kiosk_find_key(pk, key));
	case PK_PIN:
		return (pane_kiosk_pin_key(pk, key));
	case PK_UNDO:
		return (pane_kiosk_undo_key(pk, key));
	case PK_SCAN:
		break;
	}
	if (pane_kiosk_is_enter(pk, key))
		return (pane_kiosk_do_scan(pk));
	/* Into a code being typed, a character is a character. */
	if (textin_length(pk->input) == 0 || keys_text(key, buf) == 0) {
		a = keys_lookup(t, key);
		if (a != ACTION_NONE)
			return (pane_kiosk_action(pk, a));
	}
	if (keys_text(key, buf) > 0) {
		/* A scanner types faster than anyone. */
		if (textin_length(pk->input) == 0)
			pk->burst = 1;
		else if (now - pk->last_key_ms > PK_BURST_MS)
			pk->burst = 0;
		pk->last_key_ms = now;
		keys_type(pk->input, key);
		flags |= PANE_KIOSK_TYPED;
		if (pk->burst && pk->idle_ms != 0)
			flags |= PANE_KIOSK_IDLE;
		return (flags);
	}
	/* Editing keys; C-c, C-z, C-\ and the rest do nothing. */
	if (keys_edit_op(key) >= 0)
		keys_type(pk->input, key);
	return (flags);
}

int
pane_kiosk_idle(struct pane *p)
{
	struct pane_kiosk	*pk = p->data;

	/* A key or three and a pause are someone typing, not a scanner. */
	if (pk->mode != PK_SCAN || !pk->burst ||
	    textin_length(pk->input) < PK_BURST_MIN)
		return (0);
	return (pane_kiosk_do_scan(pk));
}

int
pane_kiosk_result(struct pane *p, const struct kiosk_scan *sc)
{
	struct pane_kiosk	*pk = p->data;

	pk->shown = *sc;
	pk->have_shown = 1;
	pk->shown_ms = pane_kiosk_now(p);
	return (PANE_REDRAW);
}

int
pane_kiosk_note(struct pane *p, const char *sentence)
{
	struct pane_kiosk	*pk = p->data;

	pane_kiosk_set_note(pk, sentence);
	return (PANE_REDRAW);
}

/* ---- drawing ---- */

static int
pane_kiosk_flags(const struct pane *p)
{
	return (TEXTW_ELLIPSIS | (p->env->ascii ? TEXTW_ASCII : 0));
}

static void
pane_kiosk_hhmm(time_t t, const char *fmt, char *buf, size_t len)
{
	struct tm	tm;

	localtime_r(&t, &tm);
	strftime(buf, len, fmt, &tm);
}

/* Row 0 and 1: the event, the link, the counters and the queue. */
static void
pane_kiosk_draw_top(struct pane *p, const struct kiosk_state *st, int w)
{
	WINDOW		*win = p->win;
	const char	*badge;
	char		 buf[256], when[32];
	int		 style, x, bw;

	if (st->no_checkin) {
		badge = " NO CHECK-IN ";
		style = TERM_BANNER_ERROR;
	} else if (st->signed_out) {
		badge = " SIGNED OUT: F9 ";
		style = TERM_BANNER_ERROR;
	} else if (st->online) {
		badge = " ONLINE ";
		style = TERM_BANNER_OK;
	} else {
		badge = " OFFLINE ";
		style = TERM_BANNER_WARN;
	}
	bw = textw_width(badge);
	if (st->starts != 0) {
		pane_kiosk_hhmm(st->starts, "%a %d %b %H:%M", when,
		    sizeof when);
		snprintf(buf, sizeof buf, "%s  %s", st->title[0] != '\0' ?
		    st->title : "Check-in", when);
	} else
		snprintf(buf, sizeof buf, "%s", st->title[0] != '\0' ?
		    st->title : "Check-in");
	textw_put(win, 0, 1, buf, w - bw - 3, pane_kiosk_flags(p),
	    term_style(TERM_LABEL) | A_BOLD);
	textw_put(win, 0, w - bw - 1, badge, bw, 0, term_style(style));

	x = 1;
	wattrset(win, A_NORMAL);
	x += textw_put(win, 1, x, "Checked in ", w - x, 0,
	    term_style(TERM_LABEL));
	if (st->checked_in >= 0)
		snprintf(buf, sizeof buf, "%" PRId64, st->checked_in);
	else
		snprintf(buf, sizeof buf, "%s", pane_dash(p->env->ascii));
	x += textw_put(win, 1, x, buf, w - x, 0, A_BOLD);
	if (st->capacity >= 0) {
		snprintf(buf, sizeof buf, " / %" PRId64, st->capacity);
		x += textw_put(win, 1, x, buf, w - x, 0, A_NORMAL);
	}
	if (st->inside >= 0) {
		snprintf(buf, sizeof buf, "   Inside %" PRId64, st->inside);
		x += textw_put(win, 1, x, buf, w - x, 0, A_BOLD);
	}
	if (st->here > 0) {
		snprintf(buf, sizeof buf, "   +%" PRId64 " here, not sent yet",
		    st->here);
		x += textw_put(win, 1, x, buf, w - x, 0,
		    term_style(TERM_WARN));
	}
	if (st->queued > 0) {
		snprintf(buf, sizeof buf, "   %" PRId64 " queued", st->queued);
		x += textw_put(win, 1, x, buf, w - x, 0,
		    term_style(TERM_WARN));
	}
	if (st->no_copy)
		snprintf(buf, sizeof buf, "No guest list here");
	else if (st->copying)
		snprintf(buf, sizeof buf, "Copying guests: %" PRId64,
		    st->guests);
	else if (st->copied_at != 0) {
		pane_kiosk_hhmm(st->copied_at, "%H:%M", when, sizeof when);
		snprintf(buf, sizeof buf, "%" PRId64 " guests, list of %s",
		    st->guests, when);
	} else
		buf[0] = '\0';
	if (x + 3 + textw_width(buf) < w)
		textw_put(win, 1, w - 1 - textw_width(buf), buf, w, 0,
		    term_style(TERM_DIM));
}

/* The field that has the keys, on row y. */
static void
pane_kiosk_draw_field(struct pane *p, int y, int w)
{
	struct pane_kiosk	*pk = p->data;
	const char		*label;
	struct textin		*t;
	int			 x;

	switch (pk->mode) {
	case PK_FIND:
		label = "Find a guest by name: ";
		t = pk->find;
		break;
	case PK_PIN:
		label = "PIN to leave: ";
		t = pk->pin;
		break;
	default:
		label = "Scan or type a ticket code: ";
		t = pk->input;
		break;
	}
	x = 1 + textw_put(p->win, y, 1, label, w - 2, 0, A_BOLD);
	if (w - x - 1 > 4)
		textin_draw(p->win, y, x, w - x - 1, t, 1, p->env->ascii,
		    term_style(TERM_SELECT));
}

/* A coloured block of rows [y, y + h) with the word big, the line below. */
static void
pane_kiosk_draw_banner(struct pane *p, int y, int h, int w, int style,
    const char *big, const char *line, const char *corner)
{
	struct pane_kiosk	*pk = p->data;
	WINDOW			*win = p->win;
	attr_t			 attr = term_style(style);
	int			 r, bw, by, ly;

	wattrset(win, attr);
	for (r = y; r < y + h; r++)
		mvwhline(win, r, 0, ' ', w);
	bw = bigtext_width(big);
	if (h >= bigtext_height() + 2 && bw <= w - 2) {
		by = y + (h - bigtext_height() - 1) / 2;
		bigtext_draw(win, by, (w - bw) / 2, big, p->env->ascii ||
		    pk->console, attr);
		ly = by + bigtext_height() + (h > bigtext_height() + 2 ?
		    1 : 0);
		if (ly >= y + h)
			ly = y + h - 1;
	} else
		ly = y + (h - 1) / 2;
	if (line != NULL) {
		bw = textw_width(line);
		if (bw > w - 2)
			bw = w - 2;
		textw_put(win, ly, (w - bw) / 2, line, w - 2,
		    pane_kiosk_flags(p), attr);
	}
	if (corner != NULL && h >= 2)
		textw_put(win, y + h - 1, w - 1 - textw_width(corner), corner,
		    w - 2, 0, attr);
	wattrset(win, A_NORMAL);
}

static const char *
pane_kiosk_word(const struct kiosk_scan *sc)
{
	if (sc->undone)
		return ("UNDONE");
	if (sc->conflict)
		return ("CONFLICT");
	switch (sc->result) {
	case KIOSK_VALID:
		return ("VALID");
	case KIOSK_ALREADY:
		return ("ALREADY");
	default:
		return ("INVALID");
	}
}

static void
pane_kiosk_draw_result(struct pane *p, int y, int h, int w,
    const struct kiosk_state *st)
{
	struct pane_kiosk	*pk = p->data;
	const struct kiosk_scan	*sc = &pk->shown;
	uint64_t		 now = pane_kiosk_now(p), left;
	char			 line[400], corner[64], when[16];
	const char		*big, *sep = p->env->ascii ? " - " :
				    " \xe2\x80\x94 ";
	int			 style, here;

	if (pk->mode == PK_PIN) {
		pane_kiosk_draw_banner(p, y, h, w, TERM_BANNER_READY, "PIN",
		    "Type or scan the PIN, then Enter; Esc goes back to "
		    "scanning", NULL);
		return;
	}
	if (pk->mode == PK_UNDO) {
		snprintf(line, sizeof line, "Undo the check-in of %s? "
		    "y: undo, any other key: keep it", pk->undo.name[0] !=
		    '\0' ? pk->undo.name : pk->undo.code);
		pane_kiosk_draw_banner(p, y, h, w, TERM_BANNER_WARN, "UNDO?",
		    line, NULL);
		return;
	}
	if ((st->no_event || st->no_checkin) && (!pk->have_shown ||
	    now >= pk->shown_ms + pk->banner_ms)) {
		if (st->no_checkin)
			pane_kiosk_draw_banner(p, y, h, w, TERM_BANNER_ERROR,
			    "NO CHECK-IN", "This server has no check-in: a "
			    "station needs one that does", NULL);
		else
			pane_kiosk_draw_banner(p, y, h, w, TERM_BANNER_ERROR,
			    "NO EVENT", "The server has no event with this "
			    "station's id: set kiosk_event (or --kiosk) to one "
			    "it has, then start again", NULL);
		return;
	}
	if (st->waiting) {
		pane_kiosk_draw_banner(p, y, h, w, TERM_BANNER_READY, "",
		    "Checking with the server...", NULL);
		return;
	}
	if (!pk->have_shown || now >= pk->shown_ms + pk->banner_ms) {
		if (!st->online)
			pane_kiosk_draw_banner(p, y, h, w, TERM_BANNER_WARN,
			    "OFFLINE", "Ready: scans are checked against the "
			    "guest list here and sent when the server is back",
			    NULL);
		else
			pane_kiosk_draw_banner(p, y, h, w, TERM_BANNER_READY,
			    "READY", "Scan a ticket, or type its code and "
			    "press Enter", NULL);
		return;
	}
	/* The countdown for the last seconds: a long banner just stays. */
	left = (pk->shown_ms + pk->banner_ms - now + 999) / 1000;
	corner[0] = '\0';
	if (left <= PK_COUNTDOWN_S)
		snprintf(corner, sizeof corner, "ready in %" PRIu64 " s ",
		    left);
	switch (sc->result) {
	case KIOSK_VALID:
		big = "VALID";
		style = TERM_BANNER_OK;
		here = sc->offline && sc->detail[0] != '\0';
		snprintf(line, sizeof line, "VALID%s%s%s%s%s", sep,
		    sc->name[0] != '\0' ? sc->name : sc->code,
		    here ? " (" : "", here ? sc->detail : "", here ? ")" : "");
		break;
	case KIOSK_ALREADY:
		big = "ALREADY";
		style = TERM_BANNER_WARN;
		pane_kiosk_hhmm(sc->first_at, "%H:%M", when, sizeof when);
		snprintf(line, sizeof line, "ALREADY CHECKED IN%s%s, first at "
		    "%s", sep, sc->name[0] != '\0' ? sc->name : sc->code,
		    when);
		break;
	default:
		big = "INVALID";
		style = TERM_BANNER_ERROR;
		snprintf(line, sizeof line, "INVALID%s%s", sep,
		    sc->detail[0] != '\0' ? sc->detail : "not a ticket here");
		break;
	}
	pane_kiosk_draw_banner(p, y, h, w, style, big, line,
	    corner[0] != '\0' ? corner : NULL);
}

static void
pane_kiosk_draw_recent(struct pane *p, int y, int h, int w)
{
	struct pane_kiosk	*pk = p->data;
	struct kiosk_scan	 rec[PK_RECENT];
	char			 when[16], line[400];
	const char		*word, *how;
	size_t			 i, n;
	int			 style;

	if (h < 2 || pk->k == NULL)
		return;
	textw_put(p->win, y, 1, "Recent scans", w - 2, 0,
	    term_style(TERM_LIST_HEADER) | A_BOLD);
	n = kiosk_recent(pk->k, rec, (size_t)(h - 1) < PK_RECENT ?
	    (size_t)(h - 1) : PK_RECENT);
	for (i = 0; i < n; i++) {
		pane_kiosk_hhmm(rec[i].scanned_at, "%H:%M:%S", when,
		    sizeof when);
		word = pane_kiosk_word(&rec[i]);
		if (rec[i].conflict || rec[i].result == KIOSK_INVALID)
			style = TERM_ERROR;
		else if (rec[i].result == KIOSK_ALREADY || rec[i].undone)
			style = TERM_WARN;
		else
			style = TERM_OK;
		how = rec[i].queued ? (rec[i].offline ? "  [queued]" :
		    "  [sending]") : "";
		snprintf(line, sizeof line, "%s%s%s", rec[i].name[0] != '\0' ?
		    rec[i].name : rec[i].code, rec[i].detail[0] != '\0' &&
		    rec[i].result != KIOSK_VALID ? ": " : "",
		    rec[i].result != KIOSK_VALID || rec[i].conflict ?
		    rec[i].detail : "");
		textw_put(p->win, y + 1 + (int)i, 1, when, 9, 0,
		    term_style(TERM_DIM));
		textw_put(p->win, y + 1 + (int)i, 11, word, 9, 0,
		    term_style(style) | A_BOLD);
		textw_put(p->win, y + 1 + (int)i, 21, line, w - 22 -
		    textw_width(how), pane_kiosk_flags(p), A_NORMAL);
		if (how[0] != '\0')
			textw_put(p->win, y + 1 + (int)i, w - 1 -
			    textw_width(how), how, w, 0,
			    term_style(TERM_WARN));
	}
	if (n == 0)
		textw_put(p->win, y + 1, 1, "No scans yet.", w - 2, 0,
		    term_style(TERM_DIM));
}

static void
pane_kiosk_draw_found(struct pane *p, int y, int h, int w)
{
	struct pane_kiosk	*pk = p->data;
	const struct kiosk_guest *g;
	char			 state[64], when[16];
	size_t			 i, top = 0;
	int			 rows = h - 1, attr;

	textw_put(p->win, y, 1, "Guests (Up, Down, Enter checks in, Esc "
	    "goes back)", w - 2, pane_kiosk_flags(p),
	    term_style(TERM_LIST_HEADER) | A_BOLD);
	if (textin_length(pk->find) == 0) {
		textw_put(p->win, y + 1, 1, "Type part of a name.", w - 2, 0,
		    term_style(TERM_DIM));
		return;
	}
	if (pk->nfound == 0) {
		textw_put(p->win, y + 1, 1, "No guest has that name here.",
		    w - 2, 0, term_style(TERM_DIM));
		return;
	}
	if (rows > 0 && pk->sel >= (size_t)rows)
		top = pk->sel - (size_t)rows + 1;
	for (i = top; i < pk->nfound && (int)(i - top) < rows; i++) {
		g = &pk->found[i];
		if (g->checked_in_at != 0 || g->local_at != 0) {
			pane_kiosk_hhmm(g->checked_in_at != 0 ?
			    g->checked_in_at : g->local_at, "%H:%M", when,
			    sizeof when);
			snprintf(state, sizeof state, "in at %s", when);
		} else
			snprintf(state, sizeof state, "%s", strcmp(g->rsvp,
			    "waitlisted") == 0 ? "waitlisted" : "not in");
		attr = i == pk->sel ? term_style(TERM_SELECT) : A_NORMAL;
		wattrset(p->win, attr);
		mvwhline(p->win, y + 1 + (int)(i - top), 0, ' ', w);
		textw_put(p->win, y + 1 + (int)(i - top), 1, g->name, w - 16,
		    pane_kiosk_flags(p), attr);
		textw_put(p->win, y + 1 + (int)(i - top), w - 14, state, 13,
		    0, attr);
		wattrset(p->win, A_NORMAL);
	}
}

static void
pane_kiosk_draw(struct pane *p)
{
	struct pane_kiosk	*pk = p->data;
	struct kiosk_state	 st;
	uint64_t		 now = pane_kiosk_now(p);
	int			 h, w, bh, y, rest;

	pk->drawn_ms = now;
	werase(p->win);
	getmaxyx(p->win, h, w);
	memset(&st, 0, sizeof st);
	st.capacity = st.checked_in = st.inside = -1;
	st.online = 1;
	if (pk->k != NULL)
		kiosk_state(pk->k, &st);
	pane_kiosk_draw_top(p, &st, w);
	pane_kiosk_draw_field(p, 3, w);

	/* The banner takes what the recent scans can spare, up to 11. */
	y = 5;
	rest = h - y - 1;	/* the note's row */
	bh = rest - 4;
	if (bh > 11)
		bh = 11;
	/* Short of rows, the letters before the last scans. */
	if (bh < bigtext_height() + 2 && rest >= bigtext_height() + 4)
		bh = bigtext_height() + 2;
	if (bh < 3)
		bh = rest > 3 ? 3 : rest;
	if (pk->mode == PK_FIND) {
		pane_kiosk_draw_found(p, y, rest, w);
	} else if (bh > 0) {
		pane_kiosk_draw_result(p, y, bh, w, &st);
		pane_kiosk_draw_recent(p, y + bh + 1, rest - bh - 1, w);
	}
	if (pk->note[0] != '\0' && now < pk->note_ms + PK_NOTE_MS)
		textw_put(p->win, h - 1, 1, pk->note, w - 2,
		    pane_kiosk_flags(p), term_style(TERM_INFO) | A_BOLD);
}

/* Each second while a countdown or a note shows. */
static uint64_t
pane_kiosk_deadline(struct pane *p)
{
	struct pane_kiosk	*pk = p->data;
	uint64_t		 now = pane_kiosk_now(p), next = 0, t;

	/* The second after the one last drawn, until the banner goes. */
	if (pk->have_shown && pk->drawn_ms < pk->shown_ms + pk->banner_ms) {
		t = pk->shown_ms;
		if (pk->drawn_ms >= pk->shown_ms)
			t += ((pk->drawn_ms - pk->shown_ms) / 1000 + 1) * 1000;
		if (t > pk->shown_ms + pk->banner_ms)
			t = pk->shown_ms + pk->banner_ms;
		next = t;
	}
	if (pk->note[0] != '\0' && now < pk->note_ms + PK_NOTE_MS &&
	    (next == 0 || pk->note_ms + PK_NOTE_MS < next))
		next = pk->note_ms + PK_NOTE_MS;
	if (now < pk->pin_wait_until && (next == 0 ||
	    pk->pin_wait_until < next))
		next = pk->pin_wait_until;
	return (next);
}

const struct pane_ops pane_kiosk_ops = {
	.name = "kiosk",
	.title = "Check-in",
	.focusable = 1,
	.keys = &keys_kiosk,
	.init = pane_kiosk_init,
	.free = pane_kiosk_free,
	.draw = pane_kiosk_draw,
	.deadline = pane_kiosk_deadline,
};
