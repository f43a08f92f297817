#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth.h"
#include "clock.h"
#include "http.h"
#include "json-util.h"
#include "mock.h"
#include "routes.h"
#include "users.h"

void
routes_auth_login(struct mock *m, struct http_req *req)
{
	struct user	 u;
	json_t		*body;
	const char	*email, *password;
	char		*token;

	if ((body = http_req_json(req)) == NULL)
		return;
	email = json_util_string(body, "email");
	password = json_util_string(body, "password");
	if (email == NULL || *email == '\0' || password == NULL ||
	    *password == '\0') {
		http_reply_json(req, 400, json_pack("{ss s[{ss ss}]}",
		    "message", "Validation failed", "errors",
		    "field", email == NULL || *email == '\0' ? "email" :
		    "password", "message", "is required"));
		return;
	}
	if (users_find_by_email(m->db, email, &u) != 0) {
		http_reply_error(req, 401, "Invalid email or password");
		return;
	}
	if (!auth_check_password(u.password_hash, password)) {
		users_done(&u);
		http_reply_error(req, 401, "Invalid email or password");
		return;
	}
	token = auth_sign_token(m->auth, u.id, u.role, u.email, clock_now());
	http_reply_json(req, 200, json_pack("{ss so ss}",
	    "message", "Login successful", "user", users_to_json(&u),
	    "token", token));
	free(token);
	users_done(&u);
}

void
routes_auth_profile(struct mock *m, struct http_req *req)
{
	const struct auth_claims	*claims = http_req_claims(req);
	struct user			 u;

	if (users_find(m->db, claims->user_id, &u) != 0) {
		http_reply_error(req, 404, "User not found");
		return;
	}
	http_reply_json(req, 200, json_pack("{so}", "user",
	    users_to_json(&u)));
	users_done(&u);
}
