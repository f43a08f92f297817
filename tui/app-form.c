/*
 * Creating and editing events.  n opens the form box empty, e on the
 * event the keys act on (app_current_event); both are writes, refused
 * under --readonly before they get here.  The box is modal over whatever
 * view is shown, and the loop runs on under it.  A save is refused here,
 * with nothing sent, while a field is wrong; otherwise it sends
 * api_event_create or api_event_update with the version last read.  A
 * success closes the box, toasts, and refreshes the list; a refusal keeps
 * the box and everything typed, the server's field errors on their
 * fields; a 412 puts the merge up with the server's current event, and
 * its save goes against that event's version (another 412: the merge
 * again, newer still).  Esc with something typed asks first.
 */
#include <stdio.h>
#include <stdlib.h>

#include "app-private.h"
#include "form-box.h"
#include "log.h"
#include "model.h"
#include "xmalloc.h"

static void
app_form_close(struct app *app)
{
	form_box_free(app->form);
	app->form = NULL;
	app->form_busy = 0;
	app_mark(app, APP_DAMAGE_OVERLAY|APP_DAMAGE_BAR);
}

static void
app_form_open(struct app *app, const struct event *e)
{
	if (app->form != NULL)
		return;
	app->form = form_box_new(e);
	log_debug("%s: the form is up for %s", __func__, e != NULL ?
	    "an edit" : "a new event");
	app_mark(app, APP_DAMAGE_OVERLAY);
}

void
app_do_event_new(struct app *app)
{
	app_form_open(app, NULL);
}

void
app_do_event_edit(struct app *app)
{
	const struct event	*e = NULL;
	int64_t			 id = app_current_event(app);

	if (id >= 0)
		e = store_event_find(app->store, id, NULL);
	if (e == NULL) {
		app_toast(app, NOTIFY_WARNING, NULL, "No event is selected");
		return;
	}
	app_form_open(app, e);
}

/* The server refused the save as stale: the merge, with what it has. */
static void
app_form_conflict(struct app *app, const struct api_error *err)
{
	struct event	 cur;
	char		*cause = NULL, *sentence;
	size_t		 n;

	if (err->current == NULL || model_parse_event_body(err->current,
	    err->current_len, &cur, &cause) != 0) {
		xasprintf(&sentence, "%s (and its current version could not "
		    "be read%s%s)", err->sentence, cause != NULL ? ": " : "",
		    cause != NULL ? cause : "");
		form_box_say(app->form, FORM_BOX_ERROR, sentence);
		free(sentence);
		free(cause);
		return;
	}
	n = form_box_conflict(app->form, &cur);
	log_debug("%s: version %lld, %zu conflicts", __func__,
	    (long long)cur.version, n);
	form_box_say(app->form, FORM_BOX_PLAIN, NULL);
	event_done(&cur);
}

static void
app_form_done(void *arg, const struct api_result *r)
{
	struct app		*app = arg;
	const struct api_error	*err = r->error;
	const char		*title;
	char			*sentence;
	int			 created;

	app_now(app);
	if (app->form == NULL) {
		/* Closed meanwhile: the toast is all there is to say. */
		if (err != NULL)
			app_toast(app, NOTIFY_ERROR, "Not saved", err->sentence);
		app_schedule(app);
		return;
	}
	app->form_busy = 0;
	app_mark(app, APP_DAMAGE_OVERLAY);
	if (err == NULL) {
		created = form_box_event(app->form) < 0;
		title = r->v.event != NULL && r->v.event->title != NULL ?
		    r->v.event->title : form_box_title(app->form);
		xasprintf(&sentence, "%s %s", created ? "Created" : "Saved",
		    title);
		app_form_close(app);
		app_toast(app, NOTIFY_SUCCESS, NULL, sentence);
		free(sentence);
		if (app->api != NULL)
			api_refresh_events(app->api, NULL, NULL);
		app_schedule(app);
		return;
	}
	log_debug("%s: %s", __func__, api_reason_name(err->reason));
	if (err->reason == API_REASON_CONFLICT)
		app_form_conflict(app, err);
	else {
		form_box_say(app->form, FORM_BOX_ERROR, err->sentence);
		form_box_field_errors(app->form, err->fields, err->nfields);
	}
	app_schedule(app);
}

static void
app_form_save(struct app *app)
{
	struct event_form	 f;
	int64_t			 id = form_box_event(app->form);
	int			 rc;

	if (app->form_busy)
		return;
	if (form_box_fill(app->form, &f) != 0) {
		app_mark(app, APP_DAMAGE_OVERLAY);
		return;
	}
	if (app->api == NULL || app_held(app))
		return;
	form_box_say(app->form, FORM_BOX_PLAIN, "Saving...");
	app->form_busy = 1;
	rc = id < 0 ? api_event_create(app->api, &f, app_form_done, app) :
	    api_event_update(app->api, id, &f, app_form_done, app);
	if (rc != 0) {
		app->form_busy = 0;
		form_box_say(app->form, FORM_BOX_ERROR, "Not sent: the text "
		    "is not UTF-8");
	}
	app_mark(app, APP_DAMAGE_OVERLAY);
}

/* The question's yes: what was typed goes. */
static void
app_form_discard(struct app *app)
{
	if (app->form != NULL)
		app_form_close(app);
}

static void
app_form_ask_close(struct app *app)
{
	char	*question;

	if (!form_box_changed(app->form)) {
		app_form_close(app);
		return;
	}
	if (form_box_event(app->form) < 0)
		question = xstrdup("Discard the new event?");
	else
		xasprintf(&question, "Discard your changes to %s?",
		    form_box_title(app->form));
	app_ask(app, question, app_form_discard, -1);
	free(question);
}

void
app_form_key(struct app *app, int key)
{
	switch (form_box_key(app->form, key)) {
	case FORM_BOX_EDITED:
		app_mark(app, APP_DAMAGE_OVERLAY);
		break;
	case FORM_BOX_SAVE:
		app_form_save(app);
		break;
	case FORM_BOX_CLOSE:
		app_form_ask_close(app);
		break;
	case FORM_BOX_IGNORED:
		break;
	}
}
