/*
 * Sign-in answers, sessions resumed from a token, and error bodies.  The
 * token's claims are read without its key (claims.c: the client cannot
 * verify it and does not need to), to warn before expiry and to hide what
 * the role cannot do.
 */
#include "model.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "claims.h"
#include "json-util.h"
#include "model-private.h"
#include "text.h"
#include "xmalloc.h"

#define MODEL_TOKEN_MAX		16384
#define MODEL_ERROR_MAX		1024

/* Where a field error keeps its field and its message, by server family. */
static const struct {
	const char	*field;
	const char	*message;
} model_error_shapes[] = {
	{ "field", "message" },		/* this API */
	{ "path", "msg" },		/* express-validator 7 */
	{ "param", "msg" },		/* express-validator 6 */
};

/*
 * Reads exp and, when the user object lacks them, role and id (and the
 * email, for a session resumed from a token alone) from the token's claims.
 */
static void
model_read_token(struct session *s, int email)
{
	struct claims	c;

	s->exp = 0;
	if (claims_read(s->token, &c, NULL) != 0)
		return;
	s->exp = c.exp;
	if (s->user.role == NULL) {
		s->user.role = c.role;
		c.role = NULL;
	}
	if (s->user.id == -1)
		s->user.id = c.id;
	if (email && s->user.email == NULL) {
		s->user.email = c.email;
		c.email = NULL;
	}
	claims_done(&c);
}

/* A token goes into a header: only the characters of a JWT are allowed. */
static int
model_token_ok(const char *t, size_t len)
{
	size_t	i;

	if (len == 0 || len > MODEL_TOKEN_MAX)
		return (0);
	for (i = 0; i < len; i++) {
		if (strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		    "0123456789-_.=+/~", t[i]) == NULL || t[i] == '\0')
			return (0);
	}
	return (1);
}

int
model_parse_login(const char *body, size_t len, struct session *s,
    char **cause)
{
	json_t		*root;
	const json_t	*token, *user;

	memset(s, 0, sizeof *s);
	s->user.id = -1;
	if ((root = json_util_load(body, len, cause)) == NULL)
		return (-1);
	token = json_object_get(root, "token");
	if (!json_is_string(token)) {
		if (cause != NULL)
			*cause = xstrdup("the server's sign-in answer has no "
			    "token");
		json_decref(root);
		return (-1);
	}
	if (!model_token_ok(json_string_value(token),
	    json_string_length(token))) {
		if (cause != NULL)
			*cause = xstrdup("the server's sign-in token is not a "
			    "valid token");
		json_decref(root);
		return (-1);
	}
	s->token = xstrdup(json_string_value(token));

	user = json_object_get(root, "user");
	if (json_is_object(user)) {
		if (json_util_count(user, "id", &s->user.id, cause) == -1) {
			json_decref(root);
			session_done(s);
			return (-1);
		}
		s->user.email = model_string(user, "email", MODEL_STRING_MAX);
		s->user.name = model_string(user, "name", MODEL_STRING_MAX);
		s->user.role = model_string(user, "role", MODEL_WORD_MAX);
	}
	json_decref(root);
	model_read_token(s, 0);
	if (s->user.email == NULL)
		s->user.email = xstrdup("");
	if (s->user.name == NULL)
		s->user.name = xstrdup(s->user.email);
	return (0);
}

int
model_session_from_token(const char *token, struct session *s,
    char **cause)
{
	memset(s, 0, sizeof *s);
	s->user.id = -1;
	if (token == NULL || !model_token_ok(token, strlen(token))) {
		if (cause != NULL)
			*cause = xstrdup("that is not a sign-in token");
		return (-1);
	}
	s->token = xstrdup(token);
	model_read_token(s, 1);
	if (s->user.email == NULL)
		s->user.email = xstrdup("");
	if (s->user.name == NULL)
		s->user.name = xstrdup(s->user.email);
	return (0);
}

int
model_parse_profile(const char *body, size_t len, struct user *u,
    char **cause)
{
	json_t		*root;
	const json_t	*user;

	memset(u, 0, sizeof *u);
	u->id = -1;
	if ((root = json_util_load(body, len, cause)) == NULL)
		return (-1);
	user = json_object_get(root, "user");
	if (!json_is_object(user))
		user = root;	/* servers that send the user bare */
	if (json_util_count(user, "id", &u->id, NULL) != 0)
		u->id = -1;
	u->email = model_string(user, "email", MODEL_STRING_MAX);
	u->name = model_string(user, "name", MODEL_STRING_MAX);
	u->role = model_string(user, "role", MODEL_WORD_MAX);
	json_decref(root);
	if (u->email == NULL && u->name == NULL) {
		if (cause != NULL)
			*cause = xstrdup("the server's profile answer names "
			    "no user");
		user_done(u);
		return (-1);
	}
	return (0);
}

int
error_body_has_field(const struct error_body *e, const char *field)
{
	size_t	i;

	for (i = 0; i < e->nfields; i++) {
		if (e->fields[i].field != NULL &&
		    strcmp(e->fields[i].field, field) == 0)
			return (1);
	}
	return (0);
}

char *
error_body_sentence(const struct error_body *e)
{
	struct buf	 b;
	char		*out;
	size_t		 i;

	if (e->message == NULL && e->nfields == 0)
		return (NULL);
	buf_init(&b);
	buf_add_str(&b, e->message != NULL ? e->message : "Validation failed");
	for (i = 0; i < e->nfields; i++) {
		buf_printf(&b, "%s%s%s%s", i == 0 ? ": " : "; ",
		    e->fields[i].field != NULL ? e->fields[i].field : "",
		    e->fields[i].field != NULL ? ": " : "",
		    e->fields[i].message);
	}
	if (b.len > MODEL_ERROR_MAX) {
		out = text_sanitize_cap(buf_str(&b), b.len, MODEL_ERROR_MAX);
		buf_done(&b);
		return (out);
	}
	return (buf_steal(&b, NULL));
}

char *
model_parse_error(const char *body, size_t len)
{
	struct error_body	 e;
	char			*out;

	if (model_parse_error_body(body, len, &e) != 0)
		return (NULL);
	out = error_body_sentence(&e);
	error_body_done(&e);
	return (out);
}

/* One item of "errors" into f: 0, or -1 when it has neither part. */
static int
model_field_error(const json_t *item, struct field_error *f)
{
	const char	*field = NULL, *msg = NULL;
	size_t		 i;

	if (json_is_string(item))
		msg = json_string_value(item);
	for (i = 0; i < nitems(model_error_shapes) && json_is_object(item);
	    i++) {
		if (field == NULL)
			field = json_util_string(item,
			    model_error_shapes[i].field);
		if (msg == NULL)
			msg = json_util_string(item,
			    model_error_shapes[i].message);
	}
	if (field == NULL && msg == NULL)
		return (-1);
	f->field = field != NULL ? text_sanitize_cap(field, strlen(field),
	    MODEL_WORD_MAX) : NULL;
	f->message = msg != NULL ? text_sanitize_cap(msg, strlen(msg),
	    MODEL_STRING_MAX) : xstrdup("invalid");
	return (0);
}

int
model_parse_error_body(const char *body, size_t len, struct error_body *e)
{
	json_t		*root;
	const json_t	*errors;
	const char	*msg;
	size_t		 i, n;

	memset(e, 0, sizeof *e);
	if (body == NULL || len == 0 ||
	    (root = json_loadb(body, len, 0, NULL)) == NULL)
		return (-1);
	if (!json_is_object(root)) {
		json_decref(root);
		return (-1);
	}
	if ((msg = json_util_string(root, "message")) != NULL ||
	    (msg = json_util_string(root, "error")) != NULL ||
	    (msg = json_util_string(root, "msg")) != NULL)
		e->message = text_sanitize_cap(msg, strlen(msg),
		    MODEL_STRING_MAX);
	errors = json_object_get(root, "errors");
	n = json_array_size(errors) < 20 ? json_array_size(errors) : 20;
	if (n > 0)
		e->fields = xcalloc(n, sizeof *e->fields);
	for (i = 0; i < n; i++) {
		if (model_field_error(json_array_get(errors, i),
		    &e->fields[e->nfields]) == 0)
			e->nfields++;
	}
	json_decref(root);
	return (0);
}

void
error_body_done(struct error_body *e)
{
	size_t	i;

	for (i = 0; i < e->nfields; i++) {
		free(e->fields[i].field);
		free(e->fields[i].message);
	}
	free(e->fields);
	free(e->message);
	memset(e, 0, sizeof *e);
}

void
user_done(struct user *u)
{
	free(u->email);
	free(u->name);
	free(u->role);
	u->email = u->name = u->role = NULL;
}

void
session_done(struct session *s)
{
	if (s->token != NULL) {
		explicit_bzero(s->token, strlen(s->token));
		free(s->token);
	}
	s->token = NULL;
	user_done(&s->user);
	s->exp = 0;
}
