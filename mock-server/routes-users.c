/*
 * Accounts: sign-up, profile changes, password changes and a user's own
 * figures.  Sign-in and reading the profile are in routes-auth.c.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth.h"
#include "clock.h"
#include "db.h"
#include "http.h"
#include "mock.h"
#include "routes.h"
#include "users.h"
#include "utf8.h"
#include "validate.h"
#include "xmalloc.h"

#define USERS_NAME_MAX		255
#define USERS_EMAIL_MAX		254
#define USERS_PASSWORD_MIN	8
#define USERS_PASSWORD_MAX	72	/* bcrypt reads no further */

const struct route routes_users_table[] = {
	{ HTTP_POST, "/api/auth/register", ROUTE_PUBLIC,
	  routes_users_register,
	  "{name,email,password} -> 201 {message,user,token} (organizer)" },
	{ HTTP_PUT, "/api/users/profile", ROUTE_USER,
	  routes_users_update_profile,
	  "{name?,email?} -> {message,user,token}" },
	{ HTTP_PUT, "/api/users/change-password", ROUTE_USER,
	  routes_users_change_password,
	  "{currentPassword,newPassword} -> {message}" },
	{ HTTP_GET, "/api/users/stats", ROUTE_USER, routes_users_stats,
	  "{stats:{events_created,events_registered,upcoming_events}}" },
};
const size_t routes_users_count =
    sizeof routes_users_table / sizeof routes_users_table[0];

/* The email field, trimmed and checked for shape; 1 read, 0 absent, -1. */
static int
users_read_email(json_t *errors, const json_t *body, int required,
    char **out)
{
	int	rc;

	rc = validate_text(errors, body, "email", "Email", 1, USERS_EMAIL_MAX,
	    required, out);
	if (rc == 1 && !validate_email(*out)) {
		validate_error(errors, "email", "Email must be an address "
		    "such as name@example.com");
		free(*out);
		*out = NULL;
		return (-1);
	}
	return (rc);
}

/*
 * A password field, taken as it is (spaces count): the string, or NULL
 * after adding an error.  Only a new password has to be long enough.
 */
static const char *
users_read_password(json_t *errors, const json_t *body, const char *field,
    const char *label, int is_new)
{
	const json_t	*v;
	const char	*s;

	v = json_object_get(body, field);
	if (v == NULL || json_is_null(v) || (json_is_string(v) &&
	    *json_string_value(v) == '\0')) {
		validate_error(errors, field, "%s is required", label);
		return (NULL);
	}
	if (!json_is_string(v)) {
		validate_error(errors, field, "%s must be a string", label);
		return (NULL);
	}
	s = json_string_value(v);
	if (is_new && utf8_length(s) < USERS_PASSWORD_MIN) {
		validate_error(errors, field, "%s must be at least %d "
		    "characters long", label, USERS_PASSWORD_MIN);
		return (NULL);
	}
	if (is_new && strlen(s) > USERS_PASSWORD_MAX) {
		validate_error(errors, field, "%s must be at most %d bytes "
		    "long", label, USERS_PASSWORD_MAX);
		return (NULL);
	}
	return (s);
}

/* Replies with the user and a new token (its claims name the email). */
static void
users_reply(struct mock *m, struct http_req *req, int status,
    const char *message, int64_t id)
{
	struct user	 u;
	char		*token;

	if (users_find(m->db, id, &u) != 0) {
		http_reply_error(req, 404, "User not found");
		return;
	}
	token = auth_sign_token(m->auth, u.id, u.role, u.email, clock_now());
	http_reply_json(req, status, json_pack("{ss so ss}", "message",
	    message, "user", users_to_json(&u), "token", token));
	free(token);
	users_done(&u);
}

void
routes_users_register(struct mock *m, struct http_req *req)
{
	struct user	 u;
	json_t		*body, *errors;
	const char	*password;
	char		*name = NULL, *email = NULL, *hash = NULL, *cause = NULL;
	int64_t		 id;

	if ((body = http_req_json(req)) == NULL)
		return;
	errors = json_array();
	validate_text(errors, body, "name", "Name", 1, USERS_NAME_MAX, 1,
	    &name);
	users_read_email(errors, body, 1, &email);
	password = users_read_password(errors, body, "password", "Password",
	    1);
	if (json_array_size(errors) > 0) {
		validate_reply(req, errors);
		goto out;
	}
	json_decref(errors);
	if (users_find_by_email(m->db, email, &u) == 0) {
		users_done(&u);
		validate_reply_field(req, "email",
		    "An account with email %s already exists", email);
		goto out;
	}
	/* Hashing is slow on purpose: keep it out of the transaction. */
	if ((hash = auth_hash_password(m->auth, password, &cause)) == NULL ||
	    db_begin(m->db, &cause) != 0)
		goto fail;
	if (users_create(m->db, email, name, "organizer", hash, clock_now(),
	    &id, &cause) != 0 || db_commit(m->db, &cause) != 0) {
		db_rollback(m->db);
		goto fail;
	}
	users_reply(m, req, 201, "User registered", id);
	goto out;

fail:
	http_reply_error(req, 500, "%s", cause);
out:
	free(cause);
	free(hash);
	free(name);
	free(email);
}

void
routes_users_update_profile(struct mock *m, struct http_req *req)
{
	const struct auth_claims	*claims = http_req_claims(req);
	json_t				*body, *errors;
	char				*name = NULL, *email = NULL;
	char				*cause = NULL;
	int				 rc;

	if ((body = http_req_json(req)) == NULL)
		return;
	errors = json_array();
	validate_text(errors, body, "name", "Name", 1, USERS_NAME_MAX, 0,
	    &name);
	users_read_email(errors, body, 0, &email);
	if (json_array_size(errors) == 0 && name == NULL && email == NULL)
		validate_error(errors, "name",
		    "Give a name, an email or both to change");
	if (json_array_size(errors) > 0) {
		validate_reply(req, errors);
		goto out;
	}
	json_decref(errors);
	if (db_begin(m->db, &cause) != 0) {
		http_reply_error(req, 500, "%s", cause);
		goto out;
	}
	rc = users_update_profile(m->db, claims->user_id, name, email, &cause);
	if (rc == 0 && db_commit(m->db, &cause) != 0)
		rc = -1;
	if (rc != 0)
		db_rollback(m->db);
	if (rc == 1)
		validate_reply_field(req, "email",
		    "Another account already uses email %s", email);
	else if (rc != 0)
		http_reply_error(req, 500, "%s", cause);
	else
		users_reply(m, req, 200, "Profile updated", claims->user_id);
out:
	free(cause);
	free(name);
	free(email);
}

void
routes_users_change_password(struct mock *m, struct http_req *req)
{
	const struct auth_claims	*claims = http_req_claims(req);
	struct user			 u;
	json_t				*body, *errors;
	const char			*current, *next;
	char				*hash = NULL, *cause = NULL;

	if ((body = http_req_json(req)) == NULL)
		return;
	errors = json_array();
	current = users_read_password(errors, body, "currentPassword",
	    "Current password", 0);
	next = users_read_password(errors, body, "newPassword",
	    "New password", 1);
	if (json_array_size(errors) > 0) {
		validate_reply(req, errors);
		return;
	}
	json_decref(errors);
	if (users_find(m->db, claims->user_id, &u) != 0) {
		http_reply_error(req, 404, "User not found");
		return;
	}
	/*
	 * 400, not 401: the token is fine, and a client takes a 401 as
	 * "signed out".
	 */
	if (!auth_check_password(u.password_hash, current)) {
		validate_reply_field(req, "currentPassword",
		    "The current password is not correct");
		goto out;
	}
	if ((hash = auth_hash_password(m->auth, next, &cause)) == NULL ||
	    db_begin(m->db, &cause) != 0) {
		http_reply_error(req, 500, "%s", cause);
		goto out;
	}
	if (users_set_password(m->db, u.id, hash, &cause) != 0 ||
	    db_commit(m->db, &cause) != 0) {
		db_rollback(m->db);
		http_reply_error(req, 500, "%s", cause);
		goto out;
	}
	http_reply_json(req, 200, json_pack("{ss}", "message",
	    "Password changed"));
out:
	free(cause);
	if (hash != NULL)
		memset(hash, 0, strlen(hash));
	free(hash);
	users_done(&u);
}

void
routes_users_stats(struct mock *m, struct http_req *req)
{
	struct users_stats	st;

	users_stats(m->db, http_req_claims(req)->user_id, clock_now(), &st);
	http_reply_json(req, 200, json_pack("{s{sI sI sI}}", "stats",
	    "events_created", (json_int_t)st.events_created,
	    "events_registered", (json_int_t)st.events_registered,
	    "upcoming_events", (json_int_t)st.upcoming_events));
}
