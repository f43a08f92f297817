/* The views the app can push, and what every view does with its panes. */
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pane-search.h"
#include "store.h"
#include "xmalloc.h"

#ifndef nitems
#define nitems(a)	(sizeof (a) / sizeof (a)[0])
#endif

static const char *const view_home_aliases[] = { "ev", "home", "dash", NULL };
static const char *const view_event_aliases[] = { "e", NULL };
static const char *const view_notify_aliases[] = { "notif", "log", NULL };
static const char *const view_regs_aliases[] = { "regs", NULL };
static const char *const view_profile_aliases[] = { "me", NULL };

const struct view_ops view_home_ops = {
	.name = "events",
	.aliases = view_home_aliases,
	.help = "The dashboard: events, the selected event, notifications",
};

/* One event: details, live counters, RSVPs, timeline; its admin keys. */
const struct view_ops view_event_ops = {
	.name = "event",
	.aliases = view_event_aliases,
	.help = "One event: details, live counters, RSVPs and timeline",
	.needs_event = 1,
	.keys = &keys_event,
	.panes = { &pane_event_ops, NULL },
};

/* Who registered for one event (creator or admin), page by page. */
const struct view_ops view_regs_ops = {
	.name = "registrations",
	.aliases = view_regs_aliases,
	.help = "One event's registrations, confirmed or waitlisted",
	.needs_event = 1,
	.keys = &keys_regs,
	.panes = { &pane_regs_ops, NULL },
};

/* Who is signed in, side by side with what they registered for. */
const struct view_ops view_profile_ops = {
	.name = "profile",
	.aliases = view_profile_aliases,
	.help = "You: name, email, role, stats and registrations",
	.keys = &keys_profile,
	.panes = { &pane_profile_ops, &pane_myregs_ops, NULL },
};

/* The notification log, the whole screen of it. */
const struct view_ops view_notify_ops = {
	.name = "notifications",
	.aliases = view_notify_aliases,
	.help = "Every notification kept, newest first",
	.panes = { &pane_notify_ops, NULL },
};

static const char *const view_search_aliases[] = { "find", NULL };

/* Events by words, a place and dates (pane-search.c). */
const struct view_ops view_search_ops = {
	.name = "search",
	.aliases = view_search_aliases,
	.help = "Events by words, place (location=) and dates (from=, to=)",
	.takes_words = 1,
	.panes = { &pane_search_ops, NULL },
};

const struct view_ops *const view_table[] = {
	&view_home_ops,
	&view_event_ops,
	&view_regs_ops,
	&view_notify_ops,
	&view_search_ops,
	&view_profile_ops,
	NULL
};

const struct view_ops *
view_find(const char *name)
{
	const struct view_ops	*ops;
	size_t			 i, j;

	for (i = 0; (ops = view_table[i]) != NULL; i++) {
		if (strcmp(ops->name, name) == 0)
			return (ops);
		for (j = 0; ops->aliases != NULL && ops->aliases[j] != NULL;
		    j++) {
			if (strcmp(ops->aliases[j], name) == 0)
				return (ops);
		}
	}
	return (NULL);
}

const char *const *
view_words(const char *const *extra)
{
	static const char	*words[64];
	const struct view_ops	*ops;
	size_t			 i, j, n = 0;

	for (i = 0; (ops = view_table[i]) != NULL; i++) {
		if (n < nitems(words) - 1)
			words[n++] = ops->name;
		for (j = 0; ops->aliases != NULL && ops->aliases[j] != NULL;
		    j++) {
			if (n < nitems(words) - 1)
				words[n++] = ops->aliases[j];
		}
	}
	for (i = 0; extra != NULL && extra[i] != NULL; i++) {
		if (n < nitems(words) - 1)
			words[n++] = extra[i];
	}
	words[n] = NULL;
	return (words);
}

struct view *
view_new(const struct view_ops *ops, const struct pane_env *home,
    int64_t event_id, const char *arg)
{
	struct view	*v;
	size_t		 i;

	v = xcalloc(1, sizeof *v);
	v->ops = ops;
	v->env = *home;
	/* The load error is home's to free; a view only reads the rest. */
	v->env.load_error = NULL;
	v->env.selected_event = event_id;
	v->event_id = event_id;
	v->arg = arg != NULL ? xstrdup(arg) : NULL;
	v->env.view_arg = v->arg;
	for (i = 0; i < VIEW_PANES_MAX && ops->panes[i] != NULL; i++)
		pane_init(&v->panes[i], ops->panes[i], &v->env);
	v->npanes = i;
	v->focus = 0;
	for (i = 0; i < v->npanes; i++) {
		if (v->panes[i].ops->focusable) {
			v->focus = i;
			break;
		}
	}
	if (v->npanes > 0)
		v->panes[v->focus].focused = 1;
	return (v);
}

void
view_delwins(struct view *v)
{
	size_t	i;

	for (i = 0; i < v->npanes; i++) {
		if (v->panes[i].win != NULL)
			delwin(v->panes[i].win);
		v->panes[i].win = NULL;
	}
}

void
view_free(struct view *v)
{
	size_t	i;

	if (v == NULL)
		return;
	view_delwins(v);
	for (i = 0; i < v->npanes; i++)
		pane_done(&v->panes[i]);
	free(v->arg);
	free(v);
}

void
view_layout(struct view *v, int y, int x, int h, int w)
{
	size_t	i;
	int	side = w >= 100 && v->npanes == 2, at, size;

	view_delwins(v);
	for (i = 0; i < v->npanes; i++) {
		if (side) {
			/* Two panes on a wide screen: the first gets more. */
			size = i == 0 ? w * 3 / 5 : w - w * 3 / 5;
			at = i == 0 ? x : x + w * 3 / 5;
			v->panes[i].win = newwin(h, size, y, at);
		} else {
			size = h / (int)v->npanes;
			at = y + (int)i * size;
			if (i == v->npanes - 1)
				size = h - (int)i * size;
			v->panes[i].win = newwin(size, w, at, x);
		}
		v->panes[i].damaged = 1;
	}
}

void
view_sync(struct view *v, const struct pane_env *home)
{
	v->env.store = home->store;
	v->env.ascii = home->ascii;
	v->env.now_ms = home->now_ms;
	v->env.now = home->now;
	v->env.stale = home->stale;
	v->env.api = home->api;
}

struct pane *
view_pane(struct view *v)
{
	return (v->npanes > 0 ? &v->panes[v->focus] : NULL);
}

void
view_focus(struct view *v, int step)
{
	size_t	i, next = v->focus;

	for (i = 0; i < v->npanes; i++) {
		next = (next + v->npanes + (size_t)step) % v->npanes;
		if (v->panes[next].ops->focusable)
			break;
	}
	if (next == v->focus)
		return;
	v->panes[v->focus].focused = 0;
	v->panes[v->focus].damaged = 1;
	v->focus = next;
	v->panes[next].focused = 1;
	v->panes[next].damaged = 1;
}

void
view_crumb(const struct view *v, int64_t below, int ascii, char *buf,
    size_t len)
{
	const struct event	*e;
	const char		*sep = ascii ? " > " : " \xe2\x80\xba ";
	char			 title[128];

	buf[0] = '\0';
	if (!v->ops->needs_event) {
		snprintf(buf, len, "%s", v->ops->name);
		return;
	}
	/* The event once, where the path comes to it. */
	if (v->event_id != below) {
		e = store_event_find(v->env.store, v->event_id, NULL);
		if (e != NULL && e->title != NULL)
			snprintf(title, sizeof title, "%s", e->title);
		else
			snprintf(title, sizeof title, "event %lld",
			    (long long)v->event_id);
	} else
		title[0] = '\0';
	if (v->ops == &view_event_ops)
		snprintf(buf, len, "%s", title[0] != '\0' ? title :
		    v->ops->name);
	else if (title[0] != '\0')
		snprintf(buf, len, "%s%s%s", title, sep, v->ops->name);
	else
		snprintf(buf, len, "%s", v->ops->name);
}
