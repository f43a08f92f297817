/*
 * The profile view's two forms: e edits the name and email, p changes
 * the password; both are writes, refused under --readonly before they
 * get here.  Like the event form (app-form.c), the box is modal over the
 * view, a save is refused here with nothing sent while a field is wrong,
 * a refusal keeps the box and everything typed with the server's field
 * errors on their fields, and a success closes it with a toast.  A saved
 * profile comes back with a new token, which api_profile_update makes the
 * session's: the header shows the new email at once.
 */
#include <stdio.h>
#include <stdlib.h>

#include "app-private.h"
#include "log.h"
#include "pane-profile.h"
#include "profile-box.h"
#include "xmalloc.h"

/* The profile pane of the nearest profile view, or NULL. */
static struct pane *
app_profile_pane(struct app *app)
{
	size_t	i;

	for (i = app->nviews; i > 0; i--) {
		if (app->views[i - 1]->ops == &view_profile_ops)
			return (&app->views[i - 1]->panes[0]);
	}
	return (NULL);
}

static void
app_profile_close(struct app *app)
{
	profile_box_free(app->profile);
	app->profile = NULL;
	app->profile_busy = 0;
	app_mark(app, APP_DAMAGE_OVERLAY|APP_DAMAGE_BAR);
}

static void
app_profile_open(struct app *app, enum profile_box_kind kind)
{
	const struct session	*s;
	const struct user	*u = NULL;
	struct pane		*p;

	if (app->profile != NULL)
		return;
	if ((p = app_profile_pane(app)) != NULL)
		u = pane_profile_user(p);
	if (u == NULL && app->api != NULL && (s = api_session(app->api)) !=
	    NULL)
		u = &s->user;
	app->profile = profile_box_new(kind, u);
	app_mark(app, APP_DAMAGE_OVERLAY);
}

void
app_do_profile_edit(struct app *app)
{
	app_profile_open(app, PROFILE_BOX_ACCOUNT);
}

void
app_do_password(struct app *app)
{
	app_profile_open(app, PROFILE_BOX_PASSWORD);
}

static void
app_profile_done(void *arg, const struct api_result *r)
{
	struct app		*app = arg;
	const struct api_error	*err = r->error;
	struct pane		*p;
	int			 account;

	app_now(app);
	if (app->profile == NULL) {
		if (err != NULL)
			app_toast(app, NOTIFY_ERROR, "Not saved", err->sentence);
		app_schedule(app);
		return;
	}
	app->profile_busy = 0;
	app_mark(app, APP_DAMAGE_OVERLAY);
	account = profile_box_kind(app->profile) == PROFILE_BOX_ACCOUNT;
	if (err == NULL) {
		app_profile_close(app);
		if (account && (p = app_profile_pane(app)) != NULL)
			pane_profile_got(p, r);
		app_toast(app, NOTIFY_SUCCESS, NULL, account ?
		    "Saved your profile" : "Changed your password");
		app_mark(app, APP_DAMAGE_HEADER);
		app_schedule(app);
		return;
	}
	log_debug("%s: %s", __func__, api_reason_name(err->reason));
	/* The fields say what is wrong; the last line only points there. */
	profile_box_say(app->profile, FORM_BOX_ERROR, err->nfields > 0 ?
	    "Not saved: the server refused a field (under it)" :
	    err->sentence);
	profile_box_field_errors(app->profile, err->fields, err->nfields);
	app_schedule(app);
}

static void
app_profile_save(struct app *app)
{
	const char	*a, *b;
	int		 rc;

	if (app->profile_busy)
		return;
	if (profile_box_fill(app->profile, &a, &b) != 0) {
		app_mark(app, APP_DAMAGE_OVERLAY);
		return;
	}
	if (app->api == NULL || app_held(app))
		return;
	profile_box_say(app->profile, FORM_BOX_PLAIN, "Saving...");
	app->profile_busy = 1;
	if (profile_box_kind(app->profile) == PROFILE_BOX_ACCOUNT)
		rc = api_profile_update(app->api, a, b, app_profile_done, app);
	else
		rc = api_change_password(app->api, a, b, app_profile_done,
		    app);
	if (rc != 0) {
		app->profile_busy = 0;
		profile_box_say(app->profile, FORM_BOX_ERROR, "Not sent: the "
		    "text is not UTF-8");
	}
	app_mark(app, APP_DAMAGE_OVERLAY);
}

/* The question's yes: what was typed goes. */
static void
app_profile_discard(struct app *app)
{
	if (app->profile != NULL)
		app_profile_close(app);
}

void
app_profile_key(struct app *app, int key)
{
	switch (profile_box_key(app->profile, key)) {
	case FORM_BOX_EDITED:
		app_mark(app, APP_DAMAGE_OVERLAY);
		break;
	case FORM_BOX_SAVE:
		app_profile_save(app);
		break;
	case FORM_BOX_CLOSE:
		if (!profile_box_changed(app->profile))
			app_profile_close(app);
		else
			app_ask(app, profile_box_kind(app->profile) ==
			    PROFILE_BOX_ACCOUNT ? "Discard your changes to "
			    "your profile?" : "Discard the passwords typed?",
			    app_profile_discard, -1);
		break;
	case FORM_BOX_IGNORED:
		break;
	}
}
