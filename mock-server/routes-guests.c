/*
 * Guest lists (API.md "Guests, RSVP, check-in"): list, import as JSON or
 * CSV, export as CSV, read, edit and delete one guest.  Managers of an
 * event (its organizer, admins) change its guests; staff read them too.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "auth.h"
#include "clock.h"
#include "csv.h"
#include "db.h"
#include "events.h"
#include "guests-export.h"
#include "guests.h"
#include "http.h"
#include "mock.h"
#include "perm.h"
#include "registrations.h"
#include "routes-util.h"
#include "routes.h"
#include "rsvp.h"
#include "validate.h"
#include "xmalloc.h"

static const char routes_guests_denied_read[] =
	"Only the event's organizer, admins and staff can see its guests";
static const char routes_guests_denied_manage[] =
	"Only the event's organizer or an admin can change its guests";

void
routes_guests_list(struct mock *m, struct http_req *req)
{
	struct guests_query	 gq;
	json_t			*list;
	int64_t			 id, total;
	char			*cause = NULL;

	if ((id = routes_event_find(m, req, perm_can_read_event,
	    routes_guests_denied_read, NULL, NULL)) == 0)
		return;
	if (guests_query_parse(http_req_query(req), id, &gq, &cause) != 0) {
		http_reply_error(req, 400, "%s", cause);
		free(cause);
		return;
	}
	list = guests_list_json(m->db, &gq, &total);
	http_reply_json(req, 200, json_pack("{so sI sI sI}", "guests", list,
	    "total", (json_int_t)total, "page", (json_int_t)gq.page,
	    "per_page", (json_int_t)gq.per_page));
}

/* {imported,skipped,errors} of a finished import. */
static json_t *
routes_guests_report(struct guests_import *imp)
{
	return (json_pack("{sI sI sO}", "imported", (json_int_t)imp->imported,
	    "skipped", (json_int_t)imp->skipped, "errors", imp->errors));
}

/* Commits an import and answers 201 with its report (and guest). */
static void
routes_guests_finish(struct mock *m, struct http_req *req,
    struct guests_import *imp, int single)
{
	json_t	*report;
	char	*cause = NULL;

	if (db_commit(m->db, &cause) != 0) {
		http_reply_error(req, 500, "%s", cause);
		free(cause);
		return;
	}
	report = routes_guests_report(imp);
	if (single && imp->imported == 1)
		json_object_set_new(report, "guest",
		    guests_get_json(m->db, imp->last_id));
	http_reply_json(req, 201, report);
}

/* One guest object: a bad one is a 400 naming its fields. */
static void
routes_guests_import_one(struct mock *m, struct http_req *req,
    struct guests_import *imp, const json_t *obj)
{
	struct guest_input	 in;
	json_t			*errors;
	char			*cause = NULL;

	memset(&in, 0, sizeof in);
	if ((errors = guests_input_from_json(&in, obj)) == NULL)
		errors = guests_input_check(&in, 0);
	if (errors != NULL) {
		guests_input_done(&in);
		validate_reply(req, errors);
		return;
	}
	if (db_begin(m->db, &cause) != 0 ||
	    guests_import_add(imp, 0, &in, &cause) != 0) {
		db_rollback(m->db);
		guests_input_done(&in);
		http_reply_error(req, 500, "%s", cause);
		free(cause);
		return;
	}
	guests_input_done(&in);
	routes_guests_finish(m, req, imp, 1);
}

static void
routes_guests_import_many(struct mock *m, struct http_req *req,
    struct guests_import *imp, const json_t *list)
{
	struct guest_input	 in;
	json_t			*obj, *errors, *e;
	size_t			 i;
	char			*cause = NULL;

	if (!json_is_array(list) || json_array_size(list) == 0) {
		validate_reply(req, json_pack("[{ss ss}]", "field",
		    "guests", "message", "guests must be a non-empty array of "
		    "guest objects"));
		return;
	}
	if (json_array_size(list) > GUESTS_IMPORT_MAX) {
		http_reply_error(req, 400, "At most %d guests can be imported "
		    "at once; this request has %zu", GUESTS_IMPORT_MAX,
		    json_array_size(list));
		return;
	}
	if (db_begin(m->db, &cause) != 0)
		goto failed;
	json_array_foreach(list, i, obj) {
		if (!json_is_object(obj)) {
			json_array_append_new(imp->errors, json_pack(
			    "{sI ss}", "index", (json_int_t)i, "message",
			    "each guest must be an object"));
			continue;
		}
		memset(&in, 0, sizeof in);
		if ((errors = guests_input_from_json(&in, obj)) != NULL) {
			e = json_array_get(errors, 0);
			json_array_append_new(imp->errors, json_pack(
			    "{sI sO sO}", "index", (json_int_t)i, "field",
			    json_object_get(e, "field"), "message",
			    json_object_get(e, "message")));
			json_decref(errors);
		} else if (guests_import_add(imp, (int64_t)i, &in,
		    &cause) != 0) {
			guests_input_done(&in);
			goto failed;
		}
		guests_input_done(&in);
	}
	routes_guests_finish(m, req, imp, 0);
	return;

failed:
	routes_write_failed(m, req, cause);
}

void
routes_guests_import(struct mock *m, struct http_req *req)
{
	struct guests_import	 imp;
	json_t			*body, *list;
	int64_t			 id;

	if ((id = routes_event_find(m, req, perm_can_manage_event,
	    routes_guests_denied_manage, NULL, NULL)) == 0)
		return;
	if ((body = http_req_json(req)) == NULL)
		return;
	guests_import_init(&imp, m->db, id, clock_now());
	if ((list = json_object_get(body, "guests")) != NULL)
		routes_guests_import_many(m, req, &imp, list);
	else
		routes_guests_import_one(m, req, &imp, body);
	guests_import_done(&imp);
}

/*
 * The CSV leaves as it is read (guests-export.h): half a million guests
 * are 70 MB of text that never has to be in memory at once.
 */
void
routes_guests_csv_export(struct mock *m, struct http_req *req)
{
	struct guests_query	 gq;
	char			*cause = NULL, disposition[96];
	int64_t			 id;

	if ((id = routes_event_find(m, req, perm_can_read_event,
	    routes_guests_denied_read, NULL, NULL)) == 0)
		return;
	if (guests_query_parse(http_req_query(req), id, &gq, &cause) != 0) {
		http_reply_error(req, 400, "%s", cause);
		free(cause);
		return;
	}
	http_reply_stream(req, 200, "text/csv; charset=utf-8",
	    &guests_export_stream, guests_export_new(m->db, &gq,
	    m->export_rows));
	snprintf(disposition, sizeof disposition,
	    "attachment; filename=\"event-%lld-guests.csv\"", (long long)id);
	http_reply_add_header(req, "Content-Disposition", disposition);
}

/*
 * Maps the header row to fields: columns[i] is the field of column i or
 * NULL.  -1 after replying 400 when name or email is missing.
 */
static int
routes_guests_csv_header(struct http_req *req, char **cells, size_t n,
    const char **columns)
{
	size_t	i;
	int	name = 0, email = 0;

	for (i = 0; i < n; i++) {
		columns[i] = guests_field(cells[i]);
		if (columns[i] != NULL && strcmp(columns[i], "name") == 0)
			name = 1;
		if (columns[i] != NULL && strcmp(columns[i], "email") == 0)
			email = 1;
	}
	if (!name || !email) {
		http_reply_error(req, 400, "The first row of the CSV must name "
		    "its columns, with at least name and email (phone, notes "
		    "and rsvp_status are optional)");
		return (-1);
	}
	return (0);
}

/* 1 when every cell of a record is empty: a blank line, skipped. */
static int
routes_guests_csv_blank(char **cells, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (cells[i][0] != '\0')
			return (0);
	}
	return (1);
}

static void
routes_guests_csv_rows(struct mock *m, struct http_req *req,
    struct csv_reader *r, const char **columns, size_t ncolumns,
    struct guests_import *imp)
{
	struct guest_input	 in;
	char			**cells, *cause = NULL;
	size_t			 n, i, rows = 0;
	int64_t			 index;
	int			 rc;

	if (db_begin(m->db, &cause) != 0)
		goto failed;
	while ((rc = csv_reader_next(r, &cells, &n, &cause)) != 0) {
		index = (int64_t)csv_reader_record(r) - 1;
		if (rc < 0) {
			json_array_append_new(imp->errors, json_pack("{sI ss}",
			    "index", (json_int_t)index, "message", cause));
			free(cause);
			cause = NULL;
			continue;
		}
		if (routes_guests_csv_blank(cells, n))
			continue;
		if (++rows > GUESTS_IMPORT_MAX) {
			db_rollback(m->db);
			http_reply_error(req, 400, "At most %d guests can be "
			    "imported at once: split the file", GUESTS_IMPORT_MAX);
			return;
		}
		memset(&in, 0, sizeof in);
		for (i = 0; i < n && i < ncolumns; i++) {
			if (columns[i] != NULL)
				guests_input_set(&in, columns[i],
				    csv_unguard(cells[i]));
		}
		rc = guests_import_add(imp, index, &in, &cause);
		guests_input_done(&in);
		if (rc != 0)
			goto failed;
	}
	routes_guests_finish(m, req, imp, 0);
	return;

failed:
	routes_write_failed(m, req, cause);
}

void
routes_guests_csv_import(struct mock *m, struct http_req *req)
{
	struct guests_import	 imp;
	struct csv_reader	*r;
	const char		*type, *body, *columns[CSV_FIELDS_MAX];
	char			**cells, *cause = NULL;
	size_t			 len, n;
	int64_t			 id;

	if ((id = routes_event_find(m, req, perm_can_manage_event,
	    routes_guests_denied_manage, NULL, NULL)) == 0)
		return;
	type = http_req_header(req, "content-type");
	if (type == NULL || (strncasecmp(type, "text/csv", 8) != 0 &&
	    strncasecmp(type, "application/csv", 15) != 0)) {
		http_reply_error(req, 415, "Send the guest list as CSV, with "
		    "Content-Type: text/csv");
		return;
	}
	body = http_req_body(req, &len);
	r = csv_reader_new(body, len);
	switch (csv_reader_next(r, &cells, &n, &cause)) {
	case 0:
		http_reply_error(req, 400, "The CSV is empty: send a header "
		    "row, then one guest per row");
		break;
	case -1:
		http_reply_error(req, 400, "The header row is malformed: %s",
		    cause);
		free(cause);
		break;
	default:
		if (routes_guests_csv_header(req, cells, n, columns) != 0)
			break;
		guests_import_init(&imp, m->db, id, clock_now());
		routes_guests_csv_rows(m, req, r, columns, n, &imp);
		guests_import_done(&imp);
		break;
	}
	csv_reader_free(r);
}

const struct route routes_guests_table[] = {
	{ HTTP_GET, "/api/events/:id/guests", ROUTE_USER, routes_guests_list,
	  "guests: q, rsvp, checked_in, sort, page, per_page" },
	{ HTTP_POST, "/api/events/:id/guests", ROUTE_USER,
	  routes_guests_import, "add one guest, or {guests:[...]} (bulk)" },
	{ HTTP_GET, "/api/events/:id/guests.csv", ROUTE_USER,
	  routes_guests_csv_export, "the guest list as CSV (same filters)" },
	{ HTTP_POST, "/api/events/:id/guests.csv", ROUTE_USER,
	  routes_guests_csv_import, "import a CSV (Content-Type: text/csv)" },
	{ HTTP_GET, "/api/guests/:id", ROUTE_USER, routes_guests_get,
	  "one guest (with its rsvp_token for managers)" },
	{ HTTP_PUT, "/api/guests/:id", ROUTE_USER, routes_guests_update,
	  "edit name, email, phone, notes, rsvp_status (If-Match)" },
	{ HTTP_DELETE, "/api/guests/:id", ROUTE_USER, routes_guests_delete,
	  "remove a guest" },
	{ HTTP_POST, "/api/rsvp/:token", ROUTE_PUBLIC, routes_guests_rsvp,
	  "answer an invitation: {response:accepted|declined}" },
	{ HTTP_POST, "/api/events/:id/checkin", ROUTE_USER,
	  routes_guests_checkin, "check a guest in: {code,nonce?,scanned_at?}" },
	{ HTTP_DELETE, "/api/events/:id/checkin/:guest_id", ROUTE_USER,
	  routes_guests_checkin_undo, "undo a check-in" },
};
const size_t routes_guests_count =
    sizeof routes_guests_table / sizeof routes_guests_table[0];
