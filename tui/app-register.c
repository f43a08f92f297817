/*
 * Registering for the selected event and cancelling a registration: the
 * first actions that change something on the server.  Both are refused
 * under --readonly before they get here (app_key); cancelling asks first.
 * The answer comes back as a toast; the row's counters follow from the
 * live link or the next refresh.  Titles come from the store, sanitized.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app-private.h"
#include "xmalloc.h"

/* The selected event, or NULL after a toast saying nothing is selected. */
static const struct event *
app_selected_event(struct app *app)
{
	const struct event	*e = NULL;

	int64_t			 id = app_current_event(app);

	if (id >= 0)
		e = store_event_find(app->store, id, NULL);
	if (e == NULL)
		app_toast(app, NOTIFY_WARNING, NULL, "No event is selected");
	return (e);
}

static const char *
app_title(const char *title)
{
	return (title != NULL && *title != '\0' ? title : "the event");
}

/*
 * A toast, and bad news (a warning or an error) in the log at the same
 * level, where the whole sentence stays.
 */
static void
app_register_say(struct app *app, enum notification_level level,
    const char *sentence)
{
	if (level == NOTIFY_ERROR || level == NOTIFY_WARNING)
		app_log(app, level, sentence);
	app_toast(app, level, NULL, sentence);
}

/* Refused: the server's own sentence when it gave one. */
static void
app_register_failed(struct app *app, int status, const char *cause,
    const struct api_registration *r, const char *what)
{
	char	*sentence;

	/*
	 * No answer is not a no: the request may have reached the server
	 * and been done, so the list is fetched again to show which.
	 */
	if (status == API_ERR_UNREACHABLE)
		xasprintf(&sentence, "No answer about %s from the server (%s): "
		    "it may have gone through; the list is fetched again",
		    app_title(r->title), cause != NULL ? cause : "no reply");
	else
		xasprintf(&sentence, "%s %s: %s", what, app_title(r->title),
		    r->message != NULL ? r->message : cause != NULL ? cause :
		    "failed");
	app_register_say(app, status == API_ERR_FAILED ? NOTIFY_WARNING :
	    NOTIFY_ERROR, sentence);
	free(sentence);
}

/* What R came to, worded by what happened; %s is the event's title. */
static const struct {
	enum api_reg_outcome	 outcome;
	enum notification_level	 level;
	const char		*format;
} app_register_outcomes[] = {
	{ API_REG_DONE,		NOTIFY_SUCCESS,	"Registered for %s" },
	{ API_REG_ALREADY,	NOTIFY_INFO,	"Already registered for %s" },
	{ API_REG_FULL,		NOTIFY_WARNING,	"%s is full: not registered" },
};

void
app_registered(void *arg, int status, const char *cause,
    const struct api_registration *r)
{
	struct app	*app = arg;
	char		*sentence;
	size_t		 i;

	if (r->outcome == API_REG_WAITLISTED) {
		if (r->position > 0)
			xasprintf(&sentence, "Waitlisted for %s (position %"
			    PRId64 ")", app_title(r->title), r->position);
		else
			xasprintf(&sentence, "Waitlisted for %s",
			    app_title(r->title));
		app_register_say(app, NOTIFY_INFO, sentence);
		free(sentence);
		return;
	}
	for (i = 0; i < sizeof app_register_outcomes /
	    sizeof app_register_outcomes[0]; i++) {
		if (app_register_outcomes[i].outcome != r->outcome)
			continue;
		xasprintf(&sentence, app_register_outcomes[i].format,
		    app_title(r->title));
		app_register_say(app, app_register_outcomes[i].level,
		    sentence);
		free(sentence);
		return;
	}
	app_register_failed(app, status, cause, r, "Not registered for");
}

void
app_unregistered(void *arg, int status, const char *cause,
    const struct api_registration *r)
{
	struct app	*app = arg;
	char		*sentence;

	if (r->outcome != API_REG_DONE) {
		app_register_failed(app, status, cause, r,
		    "Cancel failed for");
		return;
	}
	xasprintf(&sentence, "Registration cancelled for %s",
	    app_title(r->title));
	app_toast(app, NOTIFY_SUCCESS, NULL, sentence);
	free(sentence);
}

/* A request for this event is out: the key again sends nothing more. */
static int
app_register_busy(struct app *app, int64_t id)
{
	const struct event	*e;
	char			*sentence;

	if (!api_registration_pending(app->api, id))
		return (0);
	e = store_event_find(app->store, id, NULL);
	xasprintf(&sentence, "Still waiting for the server about %s",
	    app_title(e != NULL ? e->title : NULL));
	app_toast(app, NOTIFY_INFO, NULL, sentence);
	free(sentence);
	return (1);
}

void
app_do_register(struct app *app)
{
	const struct event	*e;

	if (app->api == NULL || (e = app_selected_event(app)) == NULL ||
	    app_register_busy(app, e->id) || app_held(app))
		return;
	api_register_event(app->api, e->id, app_registered, app);
}

/* Yes to the question: the config may have turned read-only meanwhile. */
static void
app_unregister_yes(struct app *app)
{
	if (app->opts.readonly) {
		app_refuse_readonly(app, ACTION_UNREGISTER);
		return;
	}
	if (app_register_busy(app, app->confirm_event) || app_held(app))
		return;
	api_cancel_registration(app->api, app->confirm_event,
	    app_unregistered, app);
}

void
app_do_unregister(struct app *app)
{
	const struct event	*e;
	char			*question;

	if (app->api == NULL || (e = app_selected_event(app)) == NULL ||
	    app_register_busy(app, e->id))
		return;
	xasprintf(&question, "Cancel your registration for %s?",
	    app_title(e->title));
	app_ask(app, question, app_unregister_yes, e->id);
	free(question);
}
