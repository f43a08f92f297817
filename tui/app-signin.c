/*
 * Signing in again without leaving.  When the server signs the user out
 * (a refused token: api_signed_out), the sign-in box goes up over the
 * dashboard with the address prefilled, and the loop runs on while it is
 * up.  Enter sends api_login; a refusal keeps the box and the address and
 * shows the server's sentence; a 429 or 503 is waited out, said in the
 * box, and the same password sent again.  A sign-in that succeeds lets
 * the api send the parked actions again and restart its background work,
 * and the new token is kept as the first one was (opts.signed_in).  Esc
 * closes the box: parked actions fail, and a banner names the key that
 * opens the box again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app-private.h"
#include "keys.h"
#include "log.h"
#include "signin-box.h"
#include "xmalloc.h"

/* The binding of the sign-in action in force, or NULL when unbound. */
const struct key_binding *
app_sign_in_key(const struct app *app)
{
	const struct key_table	*t;
	size_t			 i;

	t = keymap_table(app->opts.keymap, &keys_global);
	for (i = 0; i < t->n; i++) {
		if (t->bindings[i].action == ACTION_SIGN_IN)
			return (&t->bindings[i]);
	}
	return (NULL);
}

/* The banner while signed out: how to sign in again. */
static void
app_signin_banner(struct app *app)
{
	const struct key_binding	*b = app_sign_in_key(app);
	char				*sentence;

	if (b == NULL) {
		app_set_banner(app, NOTIFY_ERROR, "Signed out by the server: "
		    "press q and run evtop again to sign in");
		return;
	}
	xasprintf(&sentence, "Signed out by the server: press %s to sign in "
	    "again", b->name);
	app_set_banner(app, NOTIFY_ERROR, sentence);
	free(sentence);
}

/* The box's first line: why it is up, and what waits for it. */
static char *
app_signin_why(struct app *app)
{
	const char	*why = api_refused_why(app->api);
	char		*s;
	size_t		 n = api_parked_count(app->api);

	xasprintf(&s, "The server signed you out: %s.%s", why != NULL ? why :
	    "sign in again", n == 0 ? "" : " What you asked for is sent once "
	    "you sign in.");
	return (s);
}

void
app_signin_open(struct app *app)
{
	const char	*email;
	char		*why;

	if (app->signin != NULL)
		return;
	/* No client to sign in with (the tests' dashboards): say how. */
	if (app->api == NULL) {
		app_signin_banner(app);
		return;
	}
	email = api_refused_email(app->api);
	if ((email == NULL || *email == '\0') && app->signin_email != NULL)
		email = app->signin_email;
	why = app_signin_why(app);
	app->signin = signin_box_new(why, email);
	free(why);
	log_debug("%s: the sign-in box is up", __func__);
	app_mark(app, APP_DAMAGE_OVERLAY);
}

/* Closes the box (the password is wiped with it). */
static void
app_signin_close_box(struct app *app)
{
	signin_box_free(app->signin);
	app->signin = NULL;
	app->signin_waiting = 0;
	app_mark(app, APP_DAMAGE_OVERLAY|APP_DAMAGE_BAR|APP_DAMAGE_HEADER);
}

/* Esc: signed out it stays, and what waited for a sign-in fails. */
static void
app_signin_give_up(struct app *app)
{
	log_debug("%s: the user stays signed out", __func__);
	app_signin_close_box(app);
	app_signin_banner(app);
	api_give_up(app->api);
}

/* Says in the box how long the server asks to wait before signing in. */
static int
app_signin_held(struct app *app)
{
	char	*wait, *sentence;

	if ((wait = api_hold_sentence(app->api, NULL)) == NULL)
		return (0);
	xasprintf(&sentence, "Waiting: %s; signing in then", wait);
	signin_box_say(app->signin, SIGNIN_BOX_WARN, sentence);
	free(sentence);
	free(wait);
	app->signin_waiting = 1;
	app_mark(app, APP_DAMAGE_OVERLAY);
	return (1);
}

static void	app_signin_done(void *, int, const char *);

/* Sends what the box holds, unless the server asked to wait. */
static void
app_signin_send(struct app *app)
{
	if (app->signin == NULL || app->signin_busy || app_signin_held(app))
		return;
	app->signin_waiting = 0;
	app->signin_busy = 1;
	signin_box_say(app->signin, SIGNIN_BOX_PLAIN, "Signing in...");
	app_mark(app, APP_DAMAGE_OVERLAY);
	free(app->signin_email);
	app->signin_email = xstrdup(signin_box_email(app->signin));
	api_login(app->api, signin_box_email(app->signin),
	    signin_box_password(app->signin), app_signin_done, app);
}

/* Signed in again: the box goes, and the dashboard is live again. */
static void
app_signin_ok(struct app *app)
{
	const struct session	*s = api_session(app->api);
	char			*sentence;

	app->signed_out = 0;
	if (app->signin != NULL)
		app_signin_close_box(app);
	app_set_banner(app, NOTIFY_INFO, NULL);
	xasprintf(&sentence, "Signed in again as %s", s != NULL &&
	    s->user.email != NULL ? s->user.email : app->signin_email);
	app_toast(app, NOTIFY_SUCCESS, NULL, sentence);
	free(sentence);
	sentence = NULL;
	if (app->opts.signed_in != NULL &&
	    app->opts.signed_in(app->opts.signed_in_arg, &sentence) != 0) {
		app_toast(app, NOTIFY_WARNING, NULL, sentence);
		app_log(app, NOTIFY_WARNING, sentence);
	}
	free(sentence);
	app_set_link(app, api_link_state(app->api));
	app->panes[APP_PANE_EVENTS].damaged = 1;
	app_kiosk_signed_in(app);
}

static void
app_signin_done(void *arg, int status, const char *cause)
{
	struct app	*app = arg;

	app->signin_busy = 0;
	app_now(app);
	if (status == API_OK) {
		app_signin_ok(app);
		app_schedule(app);
		return;
	}
	log_debug("%s: %s", __func__, cause != NULL ? cause : "refused");
	/* Esc was pressed meanwhile: nothing to tell. */
	if (app->signin == NULL)
		return;
	/* A wait the server asked for: the same password after it. */
	if (status != API_ERR_AUTH && app_signin_held(app)) {
		app_schedule(app);
		return;
	}
	signin_box_say(app->signin, SIGNIN_BOX_ERROR, cause != NULL ? cause :
	    "sign-in refused");
	signin_box_forget_password(app->signin);
	if (api_sign_in_reason(app->api) == API_REASON_BAD_EMAIL)
		signin_box_focus_email(app->signin);
	app_mark(app, APP_DAMAGE_OVERLAY);
	app_schedule(app);
}

void
app_signin_key(struct app *app, int key)
{
	switch (signin_box_key(app->signin, key)) {
	case SIGNIN_BOX_EDITED:
		app_mark(app, APP_DAMAGE_OVERLAY);
		break;
	case SIGNIN_BOX_SUBMIT:
		/* A second Enter while one is out sends nothing more. */
		if (!app->signin_busy && !app->signin_waiting)
			app_signin_send(app);
		break;
	case SIGNIN_BOX_CLOSE:
		app_signin_give_up(app);
		break;
	case SIGNIN_BOX_IGNORED:
		break;
	}
}

void
app_signin_tick(struct app *app)
{
	if (app->signin == NULL || !app->signin_waiting)
		return;
	if (api_hold_left(app->api, NULL) == 0) {
		app->signin_waiting = 0;
		app_signin_send(app);
		return;
	}
	app_signin_held(app);	/* the count goes down */
}

void
app_do_sign_in(struct app *app)
{
	const struct session	*s;
	char			*sentence;

	if (app->api == NULL)
		return;
	if (!app->signed_out) {
		s = api_session(app->api);
		xasprintf(&sentence, "You are signed in%s%s", s != NULL &&
		    s->user.email != NULL ? " as " : "", s != NULL &&
		    s->user.email != NULL ? s->user.email : "");
		app_toast(app, NOTIFY_INFO, NULL, sentence);
		free(sentence);
		return;
	}
	app_signin_open(app);
}
