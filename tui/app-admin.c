/*
 * Running an event from its view: publish and unpublish (P), cancel the
 * event (X, asks first), change its capacity (C, a one-field prompt that
 * checks as the user types) and delete it (D: asks first; with
 * registrations, the title must be typed).  Every write carries the
 * version read, so another admin's change meanwhile is a 412: the
 * sentence says so and shows the server's value, and the prompt keeps
 * what was typed.  --readonly refuses these before they get here
 * (app_key); one admin write is out at a time.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api-calls.h"
#include "app-private.h"
#include "pane-event.h"
#include "prompt.h"
#include "xmalloc.h"

enum app_admin_kind {
	APP_ADMIN_PUBLISH,
	APP_ADMIN_CANCEL,
	APP_ADMIN_CAPACITY,
	APP_ADMIN_DELETE
};

/* The event the view shows (or the dashboard's), or NULL after a toast. */
static const struct event *
app_admin_event(struct app *app)
{
	struct view		*v = app_view(app);
	const struct event	*e = NULL;
	int64_t			 id = app_current_event(app);

	if (v != NULL && v->ops == &view_event_ops && v->npanes > 0)
		e = pane_event_event(&v->panes[0]);
	if (e == NULL && id >= 0)
		e = store_event_find(app->store, id, NULL);
	if (e == NULL)
		app_toast(app, NOTIFY_WARNING, NULL, "No event is shown");
	return (e);
}

static const char *
app_admin_title(const char *title)
{
	return (title != NULL && *title != '\0' ? title : "the event");
}

/* One write at a time, and none while the server holds requests. */
static int
app_admin_busy(struct app *app)
{
	if (app->api == NULL)
		return (1);
	if (app->admin_busy) {
		app_toast(app, NOTIFY_INFO, NULL, "Still waiting for the "
		    "server about the last change");
		return (1);
	}
	return (app_held(app));
}

/* What the server now says of the event, everywhere it is shown. */
static void
app_admin_put(struct app *app, const struct event *e)
{
	struct event	 copy;
	size_t		 i, j;

	for (i = 0; i < app->nviews; i++) {
		for (j = 0; j < app->views[i]->npanes; j++) {
			if (app->views[i]->panes[j].ops == &pane_event_ops)
				pane_event_put(&app->views[i]->panes[j], e);
		}
	}
	if (store_event_find(app->store, e->id, NULL) != NULL) {
		pane_event_copy(&copy, e);
		store_put_event(app->store, &copy);
	}
	for (i = 0; i < APP_PANES; i++)
		app->panes[i].damaged = 1;
	app_mark(app, APP_DAMAGE_HEADER);
}

static void
app_admin_say(struct app *app, enum notification_level level,
    const char *sentence)
{
	if (level == NOTIFY_ERROR || level == NOTIFY_WARNING)
		app_log(app, level, sentence);
	app_toast(app, level, NULL, sentence);
}

/* The server's current event from a 412, or -1. */
static int
app_admin_current(const struct api_error *err, struct event *ev)
{
	char	*cause = NULL;

	if (err == NULL || err->current == NULL ||
	    model_parse_event_body(err->current, err->current_len, ev,
	    &cause) != 0) {
		free(cause);
		return (-1);
	}
	return (0);
}

/*
 * A 412: says so with the server's value; a prompt keeps its text.  A
 * toast is one line of at most TOAST_WIDTH cells: the value goes early
 * in a short sentence, or it is cut off.
 */
static void
app_admin_conflict(struct app *app, const struct api_error *err)
{
	struct event	 ev;
	char		*sentence, value[64];

	if (app_admin_current(err, &ev) != 0) {
		app_admin_say(app, NOTIFY_WARNING, "Changed by someone else: "
		    "press r to see it");
		return;
	}
	if (app->admin_kind == APP_ADMIN_CAPACITY) {
		snprintf(value, sizeof value, "capacity now %" PRId64,
		    ev.max_capacity);
		app->prompt_version = ev.version;
	} else
		snprintf(value, sizeof value, "now %s", ev.status != NULL ?
		    ev.status : "without a status");
	xasprintf(&sentence, "Changed by someone else: %s%s", value,
	    app->prompt != NULL ? "; Enter sends yours over it" : "");
	app_admin_put(app, &ev);
	event_done(&ev);
	if (app->prompt != NULL) {
		prompt_say(app->prompt, PROMPT_ERROR, sentence);
		app_mark(app, APP_DAMAGE_OVERLAY);
	} else
		app_admin_say(app, NOTIFY_WARNING, sentence);
	free(sentence);
}

/* A refusal: a field's error under the prompt's field, else a toast. */
static void
app_admin_refused(struct app *app, const struct api_error *err)
{
	const char	*s = err != NULL ? err->sentence : "no answer";
	char		*sentence;
	size_t		 i;

	if (app->prompt != NULL && err != NULL) {
		for (i = 0; i < err->nfields; i++) {
			if (err->fields[i].field != NULL &&
			    strcmp(err->fields[i].field, "max_capacity") == 0)
				s = err->fields[i].message;
		}
		prompt_say(app->prompt, PROMPT_ERROR, s);
		app_mark(app, APP_DAMAGE_OVERLAY);
		return;
	}
	xasprintf(&sentence, "Not changed: %s", s);
	app_admin_say(app, NOTIFY_ERROR, sentence);
	free(sentence);
}

static void
app_admin_close_prompt(struct app *app)
{
	prompt_free(app->prompt);
	app->prompt = NULL;
	free(app->prompt_title);
	app->prompt_title = NULL;
	app_mark(app, APP_DAMAGE_OVERLAY|APP_DAMAGE_BAR);
}

static void
app_admin_updated(void *arg, const struct api_result *r)
{
	struct app		*app = arg;
	const struct event	*e = r->v.event;
	char			*sentence;

	app->admin_busy = 0;
	if (app->prompt != NULL)
		prompt_set_busy(app->prompt, 0);
	app_mark(app, APP_DAMAGE_OVERLAY);
	if (r->status != API_OK) {
		if (r->error != NULL &&
		    r->error->reason == API_REASON_CONFLICT)
			app_admin_conflict(app, r->error);
		else
			app_admin_refused(app, r->error);
		app_schedule(app);
		return;
	}
	if (e != NULL) {
		app_admin_put(app, e);
		switch (app->admin_kind) {
		case APP_ADMIN_CAPACITY:
			xasprintf(&sentence, "The capacity of %s is now %"
			    PRId64, app_admin_title(e->title),
			    e->max_capacity);
			break;
		case APP_ADMIN_CANCEL:
			xasprintf(&sentence, "%s is cancelled",
			    app_admin_title(e->title));
			break;
		default:
			xasprintf(&sentence, "%s is now %s",
			    app_admin_title(e->title), e->status != NULL ?
			    e->status : "changed");
			break;
		}
		app_toast(app, NOTIFY_SUCCESS, NULL, sentence);
		free(sentence);
	}
	if (app->admin_kind == APP_ADMIN_CAPACITY && app->prompt != NULL)
		app_admin_close_prompt(app);
	api_refresh_events(app->api, NULL, NULL);
	app_schedule(app);
}

/* Sends one change of the event, with the version read. */
static void
app_admin_update(struct app *app, enum app_admin_kind kind, int64_t id,
    int64_t version, const char *status, int64_t capacity)
{
	struct event_form	f;

	event_form_init(&f);
	f.status = status;
	f.max_capacity = capacity;
	f.version = version;
	app->admin_kind = kind;
	app->admin_event = id;
	if (api_event_update(app->api, id, &f, app_admin_updated, app) == 0)
		app->admin_busy = 1;
}

void
app_do_publish(struct app *app)
{
	const struct event	*e;
	const char		*next;

	if ((e = app_admin_event(app)) == NULL || app_admin_busy(app))
		return;
	next = e->status != NULL && strcmp(e->status, "published") == 0 ?
	    "draft" : "published";
	app_admin_update(app, APP_ADMIN_PUBLISH, e->id, e->version, next, -1);
}

static void
app_admin_cancel_yes(struct app *app)
{
	const struct event	*e;

	if (app->opts.readonly) {
		app_refuse_readonly(app, ACTION_CANCEL_EVENT);
		return;
	}
	if ((e = app_admin_event(app)) == NULL || e->id != app->confirm_event ||
	    app_admin_busy(app))
		return;
	app_admin_update(app, APP_ADMIN_CANCEL, e->id, e->version, "cancelled",
	    -1);
}

void
app_do_cancel_event(struct app *app)
{
	const struct event	*e;
	char			*question;

	if ((e = app_admin_event(app)) == NULL)
		return;
	if (e->status != NULL && strcmp(e->status, "cancelled") == 0) {
		app_toast(app, NOTIFY_INFO, NULL, "The event is cancelled "
		    "already");
		return;
	}
	xasprintf(&question, "Cancel %s? Its %" PRId64 " registered will see "
	    "it cancelled.", app_admin_title(e->title),
	    e->current_registrations > 0 ? e->current_registrations : 0);
	app_ask(app, question, app_admin_cancel_yes, e->id);
	free(question);
}

/* A capacity is a whole number of at least 1 (API.md). */
static int
app_admin_check_capacity(const char *text, void *arg, char **why)
{
	const char	*s;
	size_t		 n = 0;

	for (s = text; *s != '\0'; s++, n++) {
		if (*s < '0' || *s > '9' || n >= 9)
			break;
	}
	if (*text == '\0' || *s != '\0' || strtoll(text, NULL, 10) < 1) {
		*why = xstrdup(*text == '\0' ? "Type a whole number of at "
		    "least 1" : "The capacity is a whole number of at least "
		    "1, up to 9 digits");
		return (0);
	}
	return (1);
}

/* The title typed before a delete must be the event's, exactly. */
static int
app_admin_check_title(const char *text, void *arg, char **why)
{
	struct app	*app = arg;

	return (app->prompt_title != NULL &&
	    strcmp(text, app->prompt_title) == 0);
}

void
app_do_capacity(struct app *app)
{
	const struct event	*e;
	char			*question, value[32];

	if ((e = app_admin_event(app)) == NULL)
		return;
	xasprintf(&question, "The capacity of %s (%" PRId64 " confirmed now):",
	    app_admin_title(e->title), e->current_registrations > 0 ?
	    e->current_registrations : 0);
	prompt_free(app->prompt);
	app->prompt = prompt_new("Capacity", question, "Capacity:", 9,
	    app_admin_check_capacity, app);
	free(question);
	if (e->max_capacity > 0) {
		snprintf(value, sizeof value, "%" PRId64, e->max_capacity);
		prompt_set(app->prompt, value);
	}
	app->prompt_kind = APP_ADMIN_CAPACITY;
	app->prompt_event = e->id;
	app->prompt_version = e->version;
	app_mark(app, APP_DAMAGE_OVERLAY|APP_DAMAGE_BAR);
}

static void
app_admin_deleted(void *arg, const struct api_result *r)
{
	struct app	*app = arg;
	char		*sentence;
	int64_t		 id = app->admin_event;

	app->admin_busy = 0;
	if (r->status != API_OK && (r->error == NULL ||
	    r->error->reason != API_REASON_NOT_FOUND)) {
		if (app->prompt != NULL)
			prompt_set_busy(app->prompt, 0);
		if (r->error != NULL &&
		    r->error->reason == API_REASON_CONFLICT)
			app_admin_conflict(app, r->error);
		else
			app_admin_refused(app, r->error);
		app_schedule(app);
		return;
	}
	xasprintf(&sentence, r->status == API_OK ? "Deleted %s" :
	    "%s was deleted already", app->admin_title != NULL ?
	    app->admin_title : "the event");
	app_toast(app, NOTIFY_SUCCESS, NULL, sentence);
	free(sentence);
	free(app->admin_title);
	app->admin_title = NULL;
	if (app->prompt != NULL)
		app_admin_close_prompt(app);
	/* The views on it close; the list leaves it at its refresh. */
	while (app->nviews > 0 && app_view(app)->event_id == id)
		app_view_pop(app);
	store_remove_event(app->store, id);
	if (app->env.selected_event == id)
		app->env.selected_event = -1;
	api_refresh_events(app->api, NULL, NULL);
	app_mark(app, APP_DAMAGE_LAYOUT);
	app_schedule(app);
}

/* DELETE with the version read in the body, so a stale one is a 412. */
static void
app_admin_delete(struct app *app, int64_t id, int64_t version,
    const char *title)
{
	struct api_args	 a;
	char		 n[32];
	const char	*path[] = { n, NULL };
	json_t		*body = NULL;

	if (app_admin_busy(app))
		return;
	snprintf(n, sizeof n, "%" PRId64, id);
	memset(&a, 0, sizeof a);
	a.path = path;
	if (version >= 0) {
		body = json_pack("{sI}", "version", (json_int_t)version);
		a.body = body;
	}
	free(app->admin_title);
	app->admin_title = xstrdup(app_admin_title(title));
	app->admin_kind = APP_ADMIN_DELETE;
	app->admin_event = id;
	if (api_endpoint_call(app->api, API_EP_EVENT_DELETE, &a,
	    app_admin_deleted, app) == 0) {
		app->admin_busy = 1;
		if (app->prompt != NULL)
			prompt_set_busy(app->prompt, 1);
	}
	json_decref(body);
}

static void
app_admin_delete_yes(struct app *app)
{
	const struct event	*e;

	if (app->opts.readonly) {
		app_refuse_readonly(app, ACTION_DELETE);
		return;
	}
	if ((e = app_admin_event(app)) == NULL || e->id != app->confirm_event)
		return;
	app_admin_delete(app, e->id, e->version, e->title);
}

void
app_do_delete(struct app *app)
{
	const struct event	*e;
	char			*question;
	int64_t			 regs;

	if ((e = app_admin_event(app)) == NULL)
		return;
	regs = (e->current_registrations > 0 ? e->current_registrations : 0) +
	    (e->waitlisted > 0 ? e->waitlisted : 0);
	if (regs == 0) {
		xasprintf(&question, "Delete %s? It cannot be undone.",
		    app_admin_title(e->title));
		app_ask(app, question, app_admin_delete_yes, e->id);
		free(question);
		return;
	}
	xasprintf(&question, "Delete %s and its %" PRId64 " registration%s? "
	    "It cannot be undone. Type the event's title to delete it.",
	    app_admin_title(e->title), regs, regs == 1 ? "" : "s");
	prompt_free(app->prompt);
	free(app->prompt_title);
	app->prompt_title = xstrdup(e->title != NULL ? e->title : "");
	app->prompt = prompt_new("Delete", question, "Title:", 255,
	    app_admin_check_title, app);
	free(question);
	app->prompt_kind = APP_ADMIN_DELETE;
	app->prompt_event = e->id;
	app->prompt_version = e->version;
	app_mark(app, APP_DAMAGE_OVERLAY|APP_DAMAGE_BAR);
}

void
app_do_registrations(struct app *app)
{
	app_view_push(app, &view_regs_ops, app_current_event(app));
}

void
app_prompt_key(struct app *app, int key)
{
	int64_t	cap;

	switch (prompt_key(app->prompt, key)) {
	case PROMPT_IGNORED:
		return;
	case PROMPT_EDITED:
		break;
	case PROMPT_CLOSE:
		app_admin_close_prompt(app);
		return;
	case PROMPT_SUBMIT:
		if (app->opts.readonly) {
			app_admin_close_prompt(app);
			app_refuse_readonly(app, app->prompt_kind ==
			    APP_ADMIN_DELETE ? ACTION_DELETE :
			    ACTION_CAPACITY);
			return;
		}
		if (app_admin_busy(app))
			return;
		if (app->prompt_kind == APP_ADMIN_DELETE) {
			app_admin_delete(app, app->prompt_event,
			    app->prompt_version, app->prompt_title);
			break;
		}
		cap = strtoll(prompt_text(app->prompt), NULL, 10);
		app_admin_update(app, APP_ADMIN_CAPACITY, app->prompt_event,
		    app->prompt_version, NULL, cap);
		if (app->admin_busy) {
			prompt_set_busy(app->prompt, 1);
			prompt_say(app->prompt, PROMPT_PLAIN,
			    app->env.ascii ? "Saving..." :
			    "Saving\xe2\x80\xa6");
		}
		break;
	}
	app_mark(app, APP_DAMAGE_OVERLAY);
}
