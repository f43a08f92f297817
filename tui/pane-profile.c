/*
 * The profile panes: who is signed in, with the stats the server keeps of
 * them (events created, registered for, upcoming: numbers or numeric
 * strings, the decoders take both), and the events they registered for.
 * A core server has the profile and the stats; a refusal or a missing
 * endpoint is said in the pane, not shown as zeros.
 */
#include "pane-profile.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "pane-list.h"
#include "term.h"
#include "textw.h"
#include "xmalloc.h"

#define PROFILE_LABEL	18	/* "Events created" and a gap */

struct pane_profile {
	struct user		 user;
	int			 have_user;
	char			*user_error;
	struct user_stats	 stats;
	int			 have_stats;
	char			*stats_error;
	int			 asked;		/* the requests went out */
};

struct pane_myregs {
	struct registration_row	*rows;
	size_t			 n;
	int			 loaded;
	char			*error;
	int			 asked;
};

static char *
pane_profile_dup(const char *s)
{
	return (s != NULL ? xstrdup(s) : NULL);
}

/* The sentence for a failed read of what, the server's reason in it. */
static char *
pane_profile_failed(const struct api_result *r, const char *what)
{
	char	*s;

	if (r->error != NULL && r->error->http == 404)
		xasprintf(&s, "This server keeps no %s (no such endpoint).",
		    what);
	else
		xasprintf(&s, "Cannot load your %s: %s.", what,
		    r->error != NULL ? r->error->sentence : "no answer");
	return (s);
}

const struct user *
pane_profile_user(struct pane *p)
{
	struct pane_profile	*pp = p->data;

	return (pp->have_user ? &pp->user : NULL);
}

void
pane_profile_got(struct pane *p, const struct api_result *r)
{
	struct pane_profile	*pp = p->data;
	const struct user	*u = r->v.user;

	p->damaged = 1;
	free(pp->user_error);
	pp->user_error = NULL;
	if (r->status != API_OK || u == NULL) {
		if (r->status != API_OK)
			pp->user_error = pane_profile_failed(r, "profile");
		return;
	}
	user_done(&pp->user);
	pp->user.id = u->id;
	pp->user.name = pane_profile_dup(u->name);
	pp->user.email = pane_profile_dup(u->email);
	pp->user.role = pane_profile_dup(u->role);
	pp->have_user = 1;
}

void
pane_profile_stats(struct pane *p, const struct api_result *r)
{
	struct pane_profile	*pp = p->data;

	p->damaged = 1;
	free(pp->stats_error);
	pp->stats_error = NULL;
	if (r->status != API_OK || r->v.user_stats == NULL) {
		/* Old numbers would pass for the server's: said instead. */
		pp->have_stats = 0;
		if (r->status != API_OK)
			pp->stats_error = pane_profile_failed(r, "stats");
		return;
	}
	pp->stats = *r->v.user_stats;
	pp->have_stats = 1;
}

void
pane_profile_reload(struct pane *p)
{
	struct pane_profile	*pp = p->data;

	pp->asked = 0;
	p->damaged = 1;
}

static void
pane_profile_user_cb(void *arg, const struct api_result *r)
{
	pane_profile_got(arg, r);
}

static void
pane_profile_stats_cb(void *arg, const struct api_result *r)
{
	pane_profile_stats(arg, r);
}

static void
pane_profile_init(struct pane *p)
{
	p->data = xcalloc(1, sizeof (struct pane_profile));
}

static void
pane_profile_free(struct pane *p)
{
	struct pane_profile	*pp = p->data;

	if (pp == NULL)
		return;
	if (p->env->api != NULL)
		api_forget(p->env->api, p);
	user_done(&pp->user);
	free(pp->user_error);
	free(pp->stats_error);
	free(pp);
	p->data = NULL;
}

/* After a frame: the profile and the stats, once (again after a save). */
static void
pane_profile_fetch(struct pane *p)
{
	struct pane_profile	*pp = p->data;
	struct api		*api = p->env->api;

	if (api == NULL || pp->asked)
		return;
	pp->asked = 1;
	api_profile_get(api, pane_profile_user_cb, p);
	api_user_stats(api, pane_profile_stats_cb, p);
}

static int
pane_profile_line(struct pane *p, int y, const char *label,
    const char *value, attr_t attr)
{
	int	w = getmaxx(p->win) - 4, flags;

	if (y >= getmaxy(p->win) - 1)
		return (y + 1);
	flags = TEXTW_ELLIPSIS|(p->env->ascii ? TEXTW_ASCII : 0);
	textw_put(p->win, y, 2, label, PROFILE_LABEL, TEXTW_PAD,
	    term_style(TERM_LABEL));
	textw_put(p->win, y, 2 + PROFILE_LABEL, value != NULL ? value :
	    pane_dash(p->env->ascii), w - PROFILE_LABEL, flags, attr);
	return (y + 1);
}

static void
pane_profile_draw(struct pane *p)
{
	struct pane_profile	*pp = p->data;
	const struct session	*s = NULL;
	const struct user	*u = NULL;
	char			 n[32];
	int			 y = 1, w = getmaxx(p->win) - 4, h, flags;

	werase(p->win);
	pane_frame(p);
	h = getmaxy(p->win) - 1;
	flags = TEXTW_ELLIPSIS|(p->env->ascii ? TEXTW_ASCII : 0);
	/* Until the profile comes, what the sign-in said of the user. */
	if (pp->have_user)
		u = &pp->user;
	else if (p->env->api != NULL && (s = api_session(p->env->api)) != NULL)
		u = &s->user;
	if (u == NULL) {
		textw_put(p->win, y, 2, pp->user_error != NULL ?
		    pp->user_error : p->env->api == NULL ?
		    "No profile fetched." : p->env->ascii ?
		    "Loading your profile..." :
		    "Loading your profile\xe2\x80\xa6", w, flags,
		    term_style(pp->user_error != NULL ? TERM_WARN : TERM_DIM));
		return;
	}
	y = pane_profile_line(p, y, "Name", u->name, A_BOLD);
	y = pane_profile_line(p, y, "Email", u->email, 0);
	y = pane_profile_line(p, y, "Role", u->role, 0);
	if (pp->user_error != NULL && y < h)
		textw_put(p->win, y++, 2, pp->user_error, w, flags,
		    term_style(TERM_WARN));
	y++;
	if (pp->have_stats) {
		pane_format_count(pp->stats.events_created, p->env->ascii, n,
		    sizeof n);
		y = pane_profile_line(p, y, "Events created", n, 0);
		pane_format_count(pp->stats.events_registered, p->env->ascii,
		    n, sizeof n);
		y = pane_profile_line(p, y, "Registered for", n, 0);
		pane_format_count(pp->stats.upcoming_events, p->env->ascii, n,
		    sizeof n);
		y = pane_profile_line(p, y, "Upcoming", n, 0);
	} else if (y < h)
		textw_put(p->win, y++, 2, pp->stats_error != NULL ?
		    pp->stats_error : p->env->api == NULL ?
		    "No stats fetched." : "Loading your stats...", w, flags,
		    term_style(pp->stats_error != NULL ? TERM_WARN :
		    TERM_DIM));
	if (++y < h)
		textw_put(p->win, y, 2, "e: edit name and email   "
		    "p: change password", w, flags, term_style(TERM_DIM));
}

const struct pane_ops pane_profile_ops = {
	.name = "profile",
	.title = "Profile",
	.focusable = 1,
	.keys = NULL,
	.init = pane_profile_init,
	.free = pane_profile_free,
	.draw = pane_profile_draw,
	.fetch = pane_profile_fetch,
};

/* The registrations list. */

enum {
	MYREGS_TITLE,
	MYREGS_DATE,
	MYREGS_STATUS
};

static const struct list_column pane_myregs_columns[] = {
	[MYREGS_TITLE] =  { "EVENT",	0,  0, 0 },
	[MYREGS_DATE] =   { "DATE",	16, 0, 0 },
	[MYREGS_STATUS] = { "STATUS",	11, 0, 0 },
};

static void
pane_myregs_clear(struct pane_myregs *pm)
{
	size_t	i;

	for (i = 0; i < pm->n; i++)
		registration_row_done(&pm->rows[i]);
	free(pm->rows);
	pm->rows = NULL;
	pm->n = 0;
}

void
pane_profile_regs(struct pane *p, const struct api_result *r)
{
	struct pane_myregs		*pm = pane_list_user(p);
	const struct registration_row	*in;
	struct registration_row		*out;
	size_t				 i;

	p->damaged = 1;
	free(pm->error);
	pm->error = NULL;
	if (r->status != API_OK) {
		pm->error = pane_profile_failed(r, "registrations");
		pane_list_changed(p);
		return;
	}
	pane_myregs_clear(pm);
	pm->rows = xcalloc(r->n > 0 ? r->n : 1, sizeof *pm->rows);
	for (i = 0; i < r->n; i++) {
		in = &r->items.registrations[i];
		out = &pm->rows[i];
		*out = *in;
		out->status = pane_profile_dup(in->status);
		out->user_name = pane_profile_dup(in->user_name);
		out->user_email = pane_profile_dup(in->user_email);
		out->title = pane_profile_dup(in->title);
		out->location = pane_profile_dup(in->location);
	}
	pm->n = r->n;
	pm->loaded = 1;
	pane_list_changed(p);
}

static void
pane_myregs_cb(void *arg, const struct api_result *r)
{
	pane_profile_regs(arg, r);
}

static size_t
pane_myregs_count(struct pane *p)
{
	struct pane_myregs	*pm = pane_list_user(p);

	return (pm->error != NULL ? 0 : pm->n);
}

static void
pane_myregs_cell(struct pane *p, size_t row, unsigned col, char *buf,
    size_t len, attr_t *attr)
{
	struct pane_myregs		*pm = pane_list_user(p);
	const struct registration_row	*r = &pm->rows[row];
	const struct event		*e;
	const char			*dash = pane_dash(p->env->ascii);
	time_t				 t = r->date_time;

	/* A server that names the event's fields otherwise: the store's. */
	e = store_event_find(p->env->store, r->event_id, NULL);
	switch (col) {
	case MYREGS_TITLE:
		if (r->title != NULL)
			snprintf(buf, len, "%s", r->title);
		else if (e != NULL && e->title != NULL)
			snprintf(buf, len, "%s", e->title);
		else
			snprintf(buf, len, "event %" PRId64, r->event_id);
		break;
	case MYREGS_DATE:
		if (t == 0 && e != NULL)
			t = e->date_time;
		if (t != 0)
			pane_format_date(t, buf, len);
		else
			snprintf(buf, len, "%s", dash);
		break;
	case MYREGS_STATUS:
		snprintf(buf, len, "%s", r->status != NULL ? r->status : dash);
		if (r->status != NULL && strcmp(r->status, "waitlisted") == 0)
			*attr = term_style(TERM_WARN);
		break;
	}
}

static int64_t
pane_myregs_key(struct pane *p, size_t row)
{
	struct pane_myregs	*pm = pane_list_user(p);

	return (row < pm->n ? pm->rows[row].id : -1);
}

static const char *
pane_myregs_empty(struct pane *p)
{
	struct pane_myregs	*pm = pane_list_user(p);

	if (pm->error != NULL)
		return (pm->error);
	if (!pm->loaded)
		return (p->env->api == NULL ? "No registrations fetched." :
		    p->env->ascii ? "Loading your registrations..." :
		    "Loading your registrations\xe2\x80\xa6");
	return ("You have registered for no event. R on an event "
	    "registers.");
}

static void
pane_myregs_title(struct pane *p, char *buf, size_t len)
{
	struct pane_myregs	*pm = pane_list_user(p);

	if (pm->loaded && pm->error == NULL)
		snprintf(buf, len, "Your registrations %zu%s", pm->n,
		    p->env->stale ? " (stale)" : "");
	else
		snprintf(buf, len, "Your registrations");
}

static int64_t
pane_myregs_open(struct pane *p, size_t row)
{
	struct pane_myregs	*pm = pane_list_user(p);

	return (row < pm->n ? pm->rows[row].event_id : -1);
}

static const struct pane_list_ops pane_myregs_list = {
	.columns = pane_myregs_columns,
	.ncolumns = sizeof pane_myregs_columns /
	    sizeof pane_myregs_columns[0],
	.count = pane_myregs_count,
	.cell = pane_myregs_cell,
	.key = pane_myregs_key,
	.empty = pane_myregs_empty,
	.title = pane_myregs_title,
	.open = pane_myregs_open,
};

static void
pane_myregs_init(struct pane *p)
{
	pane_list_init_user(p, &pane_myregs_list,
	    xcalloc(1, sizeof (struct pane_myregs)));
}

static void
pane_myregs_free(struct pane *p)
{
	struct pane_myregs	*pm = pane_list_user(p);

	if (pm != NULL) {
		if (p->env->api != NULL)
			api_forget(p->env->api, p);
		pane_myregs_clear(pm);
		free(pm->error);
		free(pm);
	}
	pane_list_free(p);
}

/* After a frame: the list, once; the user's id is the session's. */
static void
pane_myregs_fetch(struct pane *p)
{
	struct pane_myregs	*pm = pane_list_user(p);
	const struct session	*s;
	struct api		*api = p->env->api;

	if (api == NULL || pm->asked || (s = api_session(api)) == NULL)
		return;
	pm->asked = 1;
	api_user_registrations(api, s->user.id, pane_myregs_cb, p);
}

/* An event of the list moved: a place on its waitlist may have come. */
static int
pane_myregs_counters(struct pane *p, int64_t event_id)
{
	struct pane_myregs	*pm = pane_list_user(p);
	size_t			 i;

	for (i = 0; i < pm->n; i++) {
		if (pm->rows[i].event_id == event_id) {
			pm->asked = 0;
			return (PANE_REDRAW);
		}
	}
	return (0);
}

const struct pane_ops pane_myregs_ops = {
	.name = "my-registrations",
	.title = "Your registrations",
	.focusable = 1,
	.keys = &keys_rows,
	.init = pane_myregs_init,
	.free = pane_myregs_free,
	.draw = pane_list_draw,
	.draw_cursor = pane_list_draw_cursor,
	.action = pane_list_action,
	.click = pane_list_click,
	.counters_changed = pane_myregs_counters,
	.fetch = pane_myregs_fetch,
};
