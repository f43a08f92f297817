#include "idempotency.h"

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "http.h"
#include "log.h"

static const char idempotency_sql_purge[] =
	"DELETE FROM idempotency_keys WHERE created_at < ?";
static const char idempotency_sql_find[] =
	"SELECT method, path, body_hash, status, content_type, headers, body"
	" FROM idempotency_keys WHERE caller = ? AND key = ?"
	" AND created_at >= ?";
static const char idempotency_sql_save[] =
	"INSERT OR IGNORE INTO idempotency_keys (caller, key, method, path,"
	" body_hash, status, content_type, headers, body, created_at)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

/* What tells one request body from another: FNV-1a, in hex. */
static void
idempotency_body_hash(const struct http_req *req, char *out, size_t size)
{
	const unsigned char	*p;
	uint64_t		 h = 14695981039346656037ULL;
	size_t			 len, i;

	p = (const unsigned char *)http_req_body(req, &len);
	for (i = 0; i < len; i++) {
		h ^= p[i];
		h *= 1099511628211ULL;
	}
	snprintf(out, size, "%016llx:%zu", (unsigned long long)h, len);
}

/* Answers req with the stored reply in the row stmt is on. */
static void
idempotency_replay(sqlite3_stmt *stmt, struct http_req *req)
{
	const char	*name, *value, *body;
	json_t		*headers, *pair;
	size_t		 i, len;

	/* The blob first, then its length (sqlite3_column_blob(3)). */
	if ((body = sqlite3_column_blob(stmt, 6)) == NULL)
		body = "";
	len = (size_t)sqlite3_column_bytes(stmt, 6);
	http_reply_raw(req, sqlite3_column_int(stmt, 3), db_text(stmt, 4),
	    body, len);
	headers = json_loads(db_text(stmt, 5), 0, NULL);
	json_array_foreach(headers, i, pair) {
		name = json_string_value(json_array_get(pair, 0));
		value = json_string_value(json_array_get(pair, 1));
		if (name != NULL && value != NULL)
			http_reply_add_header(req, name, value);
	}
	json_decref(headers);
	http_reply_add_header(req, "Idempotent-Replayed", "true");
}

int
idempotency_check(struct db *db, const char *caller, const char *key,
    struct http_req *req, time_t now)
{
	sqlite3_stmt	*stmt;
	const char	*method;
	char		 hash[64];
	int		 rc = 0;

	if (*key == '\0') {
		http_reply_error(req, 400, "Idempotency-Key must not be empty");
		return (1);
	}
	if (strlen(key) > IDEMPOTENCY_KEY_MAX) {
		http_reply_error(req, 400, "Idempotency-Key must be at most %d "
		    "bytes long", IDEMPOTENCY_KEY_MAX);
		return (1);
	}

	stmt = db_stmt(db, idempotency_sql_purge);
	sqlite3_bind_int64(stmt, 1, (sqlite3_int64)now - IDEMPOTENCY_TTL);
	sqlite3_step(stmt);
	sqlite3_reset(stmt);

	method = http_method_name(http_req_method(req));
	idempotency_body_hash(req, hash, sizeof hash);
	stmt = db_stmt(db, idempotency_sql_find);
	sqlite3_bind_text(stmt, 1, caller, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 3, (sqlite3_int64)now - IDEMPOTENCY_TTL);
	if (sqlite3_step(stmt) != SQLITE_ROW)
		goto out;
	rc = 1;
	if (strcmp(db_text(stmt, 0), method) != 0 ||
	    strcmp(db_text(stmt, 1), http_req_path(req)) != 0)
		http_reply_error(req, 422, "This Idempotency-Key was first "
		    "used for %s %s: use a new key for a different request",
		    db_text(stmt, 0), db_text(stmt, 1));
	else if (strcmp(db_text(stmt, 2), hash) != 0)
		http_reply_error(req, 422, "This Idempotency-Key was first "
		    "used with a different body: use a new key for a "
		    "different request");
	else
		idempotency_replay(stmt, req);
out:
	sqlite3_reset(stmt);
	return (rc);
}

void
idempotency_save(struct db *db, const char *caller, const char *key,
    const struct http_req *req, time_t now)
{
	sqlite3_stmt	*stmt;
	const char	*body, *name, *value;
	json_t		*headers;
	char		*text, hash[64];
	size_t		 len, i;

	if (http_res_status(req) >= 500)
		return;
	headers = json_array();
	for (i = 0; i < http_res_header_count(req); i++) {
		http_res_header(req, i, &name, &value);
		json_array_append_new(headers, json_pack("[ss]", name, value));
	}
	text = json_dumps(headers, JSON_COMPACT);
	json_decref(headers);
	idempotency_body_hash(req, hash, sizeof hash);
	body = http_res_body(req, &len);

	stmt = db_stmt(db, idempotency_sql_save);
	sqlite3_bind_text(stmt, 1, caller, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, http_method_name(http_req_method(req)), -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, http_req_path(req), -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 5, hash, -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 6, http_res_status(req));
	sqlite3_bind_text(stmt, 7, http_res_content_type(req), -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(stmt, 8, text != NULL ? text : "[]", -1,
	    SQLITE_STATIC);
	sqlite3_bind_blob(stmt, 9, body, (int)len, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 10, (sqlite3_int64)now);
	if (sqlite3_step(stmt) != SQLITE_DONE)
		log_warnx("cannot keep an idempotent "
		    "answer: %s", sqlite3_errmsg(db_handle(db)));
	sqlite3_reset(stmt);
	free(text);
}
