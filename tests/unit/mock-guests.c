/*
 * Guests of evtop-mock on an in-memory store: validation, imports and
 * duplicates, ticket codes, CSV reading and writing, the counts kept by
 * triggers, the list's filters and pages, registrations keeping their
 * guest row, RSVP tokens and answers, and the door.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "checkin.h"
#include "csv.h"
#include "db.h"
#include "events.h"
#include "guests-export.h"
#include "guests.h"
#include "hub.h"
#include "mock.h"
#include "query.h"
#include "registrations.h"
#include "rsvp.h"
#include "users.h"
#include "xmalloc.h"
#include "mock-fixture.h"
#include "test.h"

#define NOW	1781510400	/* 2026-06-15T08:00:00Z */

static struct mock	m;

static void
setup(void)
{
	mock_fixture_open(&m, NULL, 256, 256, 1);
}

static void
teardown(void)
{
	mock_fixture_close(&m);
}

static int64_t
make_event(int64_t capacity)
{
	struct event_new	ev = { .title = "Test", .date_time = NOW + 86400,
	    .max_capacity = capacity };

	return (mock_fixture_event(&m, &ev, NOW));
}

static int64_t
make_user(const char *email)
{
	return (mock_fixture_user(&m, email, "User Name", "attendee", NOW));
}

static void
input(struct guest_input *in, const char *name, const char *email,
    const char *rsvp)
{
	memset(in, 0, sizeof *in);
	if (name != NULL)
		guests_input_set(in, "name", name);
	if (email != NULL)
		guests_input_set(in, "email", email);
	if (rsvp != NULL)
		guests_input_set(in, "rsvp_status", rsvp);
}

/* Imports n guests guest1@example.org ... with rsvp; returns the count. */
static int64_t
import_many(int64_t event, int n, const char *rsvp)
{
	struct guests_import	 imp;
	struct guest_input	 in;
	char			 name[32], email[64], *cause = NULL;
	int64_t			 imported;
	int			 i;

	db_begin(m.db, &cause);
	guests_import_init(&imp, m.db, event, NOW);
	for (i = 1; i <= n; i++) {
		snprintf(name, sizeof name, "Guest %05d", n - i);
		snprintf(email, sizeof email, "guest%d@example.org", i);
		input(&in, name, email, rsvp);
		if (guests_import_add(&imp, i - 1, &in, &cause) != 0) {
			fprintf(stderr, "import: %s\n", cause);
			free(cause);
			cause = NULL;
		}
		guests_input_done(&in);
	}
	db_commit(m.db, &cause);
	imported = imp.imported;
	guests_import_done(&imp);
	return (imported);
}

static int64_t
sql_int(const char *sql, int64_t arg)
{
	sqlite3_stmt	*stmt;
	int64_t		 v = -1;

	if (sqlite3_prepare_v2(db_handle(m.db), sql, -1, &stmt, NULL) !=
	    SQLITE_OK)
		return (-1);
	sqlite3_bind_int64(stmt, 1, arg);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		v = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return (v);
}

static int
cmp_codes(const void *a, const void *b)
{
	return (strcmp(a, b));
}

static void
test_ticket_codes(void)
{
	static char	codes[20000][GUESTS_CODE_LEN + 1];
	size_t		i, j, letters;
	int		unique = 1, shaped = 1;

	for (i = 0; i < 20000; i++) {
		guests_new_code(codes[i]);
		if (strlen(codes[i]) != GUESTS_CODE_LEN ||
		    strspn(codes[i], "23456789ABCDEFGHJKLMNPQRSTUVWXYZ") !=
		    GUESTS_CODE_LEN)
			shaped = 0;
		for (j = letters = 0; j < GUESTS_CODE_LEN; j++)
			letters += codes[i][j] > '9';
		if (letters == 0)
			shaped = 0;
	}
	CHECK(shaped);
	qsort(codes, 20000, sizeof codes[0], cmp_codes);
	for (i = 1; i < 20000; i++) {
		if (strcmp(codes[i - 1], codes[i]) == 0)
			unique = 0;
	}
	CHECK(unique);
}

static void
test_email_plausible(void)
{
	static const char *const good[] = {
		"ada@example.com", "a.b+tag@mail.example.org",
		"O'Brien@example.ie", "müller@example.de", "x@a-b.co",
	};
	static const char *const bad[] = {
		"", "ada", "ada@", "@example.com", "ada@example",
		"ada@@example.com", "a da@example.com", "ada@exa mple.com",
		".ada@example.com", "ada.@example.com", "a..da@example.com",
		"ada@example..com", "ada@-example.com", "ada@example.c",
		"ada@example.123", "<ada>@example.com", "ada@example.com\n",
		"ada@exa_mple.com",
	};
	size_t	i;

	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		if (!guests_email_plausible(good[i]))
			fprintf(stderr, "refused: %s\n", good[i]);
		CHECK(guests_email_plausible(good[i]));
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (guests_email_plausible(bad[i]))
			fprintf(stderr, "accepted: %s\n", bad[i]);
		CHECK(!guests_email_plausible(bad[i]));
	}
}

/* The field of the first error of in, or NULL when it is fine. */
static char *
first_error(const struct guest_input *in, int partial)
{
	json_t	*errors;
	char	*field = NULL;

	if ((errors = guests_input_check(in, partial)) != NULL) {
		field = strdup(json_string_value(json_object_get(
		    json_array_get(errors, 0), "field")));
		CHECK(json_string_value(json_object_get(json_array_get(errors,
		    0), "message")) != NULL);
		json_decref(errors);
	}
	return (field);
}

static void
check_first_error(const struct guest_input *in, int partial,
    const char *want)
{
	char	*got = first_error(in, partial);

	CHECK_STR(got, want);
	free(got);
}

static void
test_input_rules(void)
{
	struct guest_input	 in;
	char			 long_name[600];
	json_t			*obj, *errors;
	size_t			 i;

	input(&in, "  Ada Lovelace ", " ada@example.com\t", NULL);
	check_first_error(&in, 0, NULL);
	CHECK_STR(in.name, "Ada Lovelace");
	CHECK_STR(in.email, "ada@example.com");
	guests_input_done(&in);

	input(&in, NULL, "ada@example.com", NULL);
	check_first_error(&in, 0, "name");
	check_first_error(&in, 1, NULL);	/* an edit may leave it */
	guests_input_done(&in);
	input(&in, "   ", "ada@example.com", NULL);
	check_first_error(&in, 0, "name");
	guests_input_done(&in);
	input(&in, "Ada", NULL, NULL);
	check_first_error(&in, 0, "email");
	guests_input_done(&in);
	input(&in, "Ada", "not-an-email", NULL);
	check_first_error(&in, 0, "email");
	guests_input_done(&in);
	input(&in, "Ada\nLovelace", "ada@example.com", NULL);
	check_first_error(&in, 0, "name");
	guests_input_done(&in);
	input(&in, "Ada \xff\xfe", "ada@example.com", NULL);
	check_first_error(&in, 0, "name");
	guests_input_done(&in);
	memset(long_name, 'a', 256);
	long_name[256] = '\0';
	input(&in, long_name, "ada@example.com", NULL);
	check_first_error(&in, 0, "name");
	guests_input_done(&in);
	/* 255 characters of two bytes each are fine. */
	for (i = 0; i < 255; i++)
		memcpy(long_name + i * 2, "\xc3\xa9", 2);
	long_name[510] = '\0';
	input(&in, long_name, "ada@example.com", NULL);
	check_first_error(&in, 0, NULL);
	guests_input_done(&in);
	input(&in, "Ada", "ada@example.com", "maybe");
	check_first_error(&in, 0, "rsvp_status");
	guests_input_done(&in);
	input(&in, "Ada", "ada@example.com", NULL);
	guests_input_set(&in, "phone", "+351 912 (345) 678");
	check_first_error(&in, 0, NULL);
	guests_input_set(&in, "phone", "call me");
	check_first_error(&in, 0, "phone");
	guests_input_set(&in, "phone", "");
	guests_input_set(&in, "notes", "Two lines\nare fine\tin notes");
	check_first_error(&in, 0, NULL);
	guests_input_done(&in);

	/* JSON: a member of the wrong type is named. */
	obj = json_pack("{ss si}", "name", "Ada", "email", 42);
	memset(&in, 0, sizeof in);
	errors = guests_input_from_json(&in, obj);
	CHECK(errors != NULL);
	CHECK_STR(json_string_value(json_object_get(json_array_get(errors, 0),
	    "field")), "email");
	json_decref(errors);
	json_decref(obj);
	guests_input_done(&in);

	CHECK_STR(guests_field(" E-Mail "), "email");
	CHECK_STR(guests_field("RSVP"), "rsvp_status");
	CHECK(guests_field("ticket_code") == NULL);
}

static void
test_import_duplicates(void)
{
	struct guests_import	 imp;
	struct guest_input	 in;
	struct guest		 g;
	char			*cause = NULL;
	json_t			*e;
	int64_t			 ev, other;

	setup();
	ev = make_event(100);
	other = make_event(100);
	CHECK_INT(import_many(ev, 3, NULL), 3);

	db_begin(m.db, &cause);
	guests_import_init(&imp, m.db, ev, NOW);
	input(&in, "Dup", "GUEST2@example.org", NULL);	/* already there */
	CHECK_INT(guests_import_add(&imp, 0, &in, &cause), 0);
	guests_input_done(&in);
	input(&in, "New", "new@example.org", "accepted");
	CHECK_INT(guests_import_add(&imp, 1, &in, &cause), 0);
	guests_input_done(&in);
	input(&in, "New again", "New@Example.org", NULL);	/* same batch */
	CHECK_INT(guests_import_add(&imp, 2, &in, &cause), 0);
	guests_input_done(&in);
	input(&in, "", "bad", NULL);
	CHECK_INT(guests_import_add(&imp, 3, &in, &cause), 0);
	guests_input_done(&in);
	db_commit(m.db, &cause);
	CHECK_INT(imp.imported, 1);
	CHECK_INT(imp.skipped, 2);
	CHECK_INT(json_array_size(imp.errors), 1);
	e = json_array_get(imp.errors, 0);
	CHECK_INT(json_integer_value(json_object_get(e, "index")), 3);
	CHECK_STR(json_string_value(json_object_get(e, "field")), "name");
	CHECK_INT(guests_find(m.db, imp.last_id, &g), 0);
	CHECK_STR(g.rsvp_status, "accepted");
	CHECK_INT((int64_t)strlen(g.ticket_code), GUESTS_CODE_LEN);
	guests_import_done(&imp);
	CHECK_INT(sql_int("SELECT COUNT(*) FROM guests WHERE event_id = ?",
	    ev), 4);

	/* The same email at another event is another guest. */
	CHECK_INT(import_many(other, 2, NULL), 2);
	CHECK_INT(sql_int("SELECT COUNT(DISTINCT ticket_code) FROM guests"
	    " WHERE ? > 0", 1), 6);
	free(cause);
	teardown();
}

/* Reads every record of text: "a|b;c|d" for two records of two fields. */
static char *
csv_dump(const char *text, size_t len)
{
	struct csv_reader	*r;
	char			**fields, *cause = NULL, out[1024];
	size_t			 n, i, at = 0;
	int			 rc;

	out[0] = '\0';
	r = csv_reader_new(text, len);
	while ((rc = csv_reader_next(r, &fields, &n, &cause)) != 0) {
		if (at > 0)
			at += (size_t)snprintf(out + at, sizeof out - at, ";");
		if (rc < 0) {
			at += (size_t)snprintf(out + at, sizeof out - at,
			    "!%zu", csv_reader_record(r));
			free(cause);
			cause = NULL;
			continue;
		}
		for (i = 0; i < n; i++)
			at += (size_t)snprintf(out + at, sizeof out - at,
			    "%s%s", i > 0 ? "|" : "", fields[i]);
	}
	csv_reader_free(r);
	return (strdup(out));
}

static void
check_csv(const char *text, const char *want)
{
	char	*got = csv_dump(text, strlen(text));

	CHECK_STR(got, want);
	free(got);
}

static void
test_csv_read(void)
{
	char	*got;

	check_csv("name,email\r\nAda,ada@x.org\r\n",
	    "name|email;Ada|ada@x.org");
	check_csv("a,b\nc,d", "a|b;c|d");		/* LF, no last newline */
	check_csv("a,b\rc,d\r", "a|b;c|d");		/* old Mac CR */
	check_csv("\xef\xbb\xbfname,email\n", "name|email");	/* BOM */
	check_csv("\"Smith, John\",\"say \"\"hi\"\"\",plain\n",
	    "Smith, John|say \"hi\"|plain");
	check_csv("\"two\r\nlines\",x\r\ny,z\r\n", "two\r\nlines|x;y|z");
	check_csv("a,,c,\n", "a||c|");
	check_csv("\"\",x\n", "|x");
	check_csv("5\" screen,x\n", "5\" screen|x");	/* lenient */
	check_csv("\n", "");				/* one empty record */
	check_csv("", "");
	/* A bad record is reported by number and reading goes on. */
	check_csv("h\n\"abc\"x,1\nnext,2\n", "h;!2;next|2");
	check_csv("h\n\"never closed,1\nnext,2\n", "h;!2");
	got = csv_dump("h\na\0b,c\nd\n", 10);
	CHECK_STR(got, "h;!2;d");
	free(got);
}

static void
test_csv_write(void)
{
	static const char *const values[] = {
		"plain", "=1+1", "+351 912", "-5", "@SUM(A1)", "a,b",
		"say \"hi\"", "two\r\nlines", "=HYPERLINK(\"x\",\"y\")", "",
		"\tTab", "O'Brien",
	};
	struct csv_out		 o;
	struct csv_reader	*r;
	char			**fields, *cause = NULL;
	size_t			 n, i, nvalues = sizeof values / sizeof values[0];

	memset(&o, 0, sizeof o);
	for (i = 0; i < nvalues; i++)
		csv_out_field(&o, values[i], i == 0);
	csv_out_end(&o);
	CHECK(strncmp(o.b.data, "plain,'=1+1,'+351 912,'-5,'@SUM(A1),\"a,b\","
	    "\"say \"\"hi\"\"\",\"two\r\nlines\",\"'=HYPERLINK(\"\"x\"\","
	    "\"\"y\"\")\",,'\tTab,O'Brien\r\n", o.b.len) == 0);
	CHECK(o.b.len > 2 && strcmp(o.b.data + o.b.len - 2, "\r\n") == 0);

	/* Read back and unguarded, every value is what was written. */
	r = csv_reader_new(o.b.data, o.b.len);
	CHECK_INT(csv_reader_next(r, &fields, &n, &cause), 1);
	CHECK_INT(n, nvalues);
	for (i = 0; i < n && i < nvalues; i++)
		CHECK_STR(csv_unguard(fields[i]), values[i]);
	CHECK_INT(csv_reader_next(r, &fields, &n, &cause), 0);
	csv_reader_free(r);
	csv_out_free(&o);
	CHECK_STR(csv_unguard("'plain"), "'plain");
}

/*
 * An output taken from as it is written (a streamed export) holds what is
 * not taken yet, not all it ever held, and gives every byte once.
 */
static void
test_csv_stream(void)
{
	struct csv_out	 o;
	char		 buf[1000], field[64];
	size_t		 i, n, total = 0, written = 0;

	memset(&o, 0, sizeof o);
	for (i = 0; i < 200000; i++) {
		snprintf(field, sizeof field, "row %zu", i);
		csv_out_field(&o, field, 1);
		csv_out_end(&o);
		written += strlen(field) + 2;
		/* Take less than is written, as a slow socket would. */
		if (csv_out_pending(&o) > 1500) {
			n = csv_out_take(&o, buf, sizeof buf);
			CHECK_INT(n, sizeof buf);
			total += n;
		}
	}
	while ((n = csv_out_take(&o, buf, sizeof buf)) > 0)
		total += n;
	CHECK_INT(total, written);
	CHECK_INT(o.taken, written);
	CHECK(o.b.cap <= 65536);
	csv_out_free(&o);
}

static void
test_counts_follow_rows(void)
{
	struct guests_counts	 c;
	struct guest		 g;
	struct guest_input	 in;
	char			*cause = NULL;
	int64_t			 ev, id;

	setup();
	ev = make_event(100);
	import_many(ev, 40, "accepted");
	import_many(ev, 50, NULL);	/* 40 skipped, 10 pending */
	for (id = 1; id <= 6; id++) {
		guests_find(m.db, id, &g);
		guests_set_checked_in(m.db, &g, NOW, &cause);
	}
	guests_set_rsvp(m.db, 7, "declined", NOW, &cause);
	guests_set_rsvp(m.db, 8, "waitlisted", NOW, &cause);
	input(&in, NULL, NULL, "pending");
	guests_update(m.db, 9, &in, NOW, &cause);
	guests_input_done(&in);
	guests_delete(m.db, 1, &cause);		/* checked in, accepted */
	guests_delete(m.db, 45, &cause);	/* pending */

	guests_counts(m.db, ev, &c);
	CHECK_INT(c.total, sql_int("SELECT COUNT(*) FROM guests"
	    " WHERE event_id = ?", ev));
	CHECK_INT(c.total, 48);
	CHECK_INT(c.checked_in, sql_int("SELECT COUNT(*) FROM guests"
	    " WHERE event_id = ? AND checked_in_at IS NOT NULL", ev));
	CHECK_INT(c.checked_in, 5);
	CHECK_INT(c.accepted, 36);
	CHECK_INT(c.declined, 1);
	CHECK_INT(c.waitlisted, 1);
	CHECK_INT(c.pending, 10);
	CHECK_INT(c.accepted + c.declined + c.waitlisted + c.pending, c.total);
	free(cause);
	teardown();
}

/* The ids of a page, as "3,1,2". */
static char *
page_ids(const char *qs, int64_t event, int64_t *total)
{
	struct query		*q;
	struct guests_query	 gq;
	json_t			*list, *g;
	char			*cause = NULL, out[8192];
	size_t			 i, at = 0;

	out[0] = '\0';
	q = query_new();
	query_parse(q, qs);
	if (guests_query_parse(q, event, &gq, &cause) != 0) {
		query_free(q);
		free(cause);
		return (strdup("error"));
	}
	list = guests_list_json(m.db, &gq, total);
	json_array_foreach(list, i, g)
		at += (size_t)snprintf(out + at, sizeof out - at, "%s%lld",
		    i > 0 ? "," : "",
		    (long long)json_integer_value(json_object_get(g, "id")));
	json_decref(list);
	query_free(q);
	return (strdup(out));
}

/* The ids the same filter gives in plain SQL, for comparison. */
static char *
sql_ids(const char *sql, int64_t event)
{
	sqlite3_stmt	*stmt;
	char		 out[8192];
	size_t		 at = 0;

	out[0] = '\0';
	sqlite3_prepare_v2(db_handle(m.db), sql, -1, &stmt, NULL);
	sqlite3_bind_int64(stmt, 1, event);
	while (sqlite3_step(stmt) == SQLITE_ROW)
		at += (size_t)snprintf(out + at, sizeof out - at, "%s%lld",
		    at > 0 ? "," : "", (long long)sqlite3_column_int64(stmt,
		    0));
	sqlite3_finalize(stmt);
	return (strdup(out));
}

static void
check_page(const char *qs, int64_t event, const char *sql, int64_t want_total)
{
	char	*got, *want;
	int64_t	 total = -1;

	got = page_ids(qs, event, &total);
	want = sql_ids(sql, event);
	if (strcmp(got, want) != 0)
		fprintf(stderr, "%s: got %s\nwant %s\n", qs, got, want);
	CHECK(strcmp(got, want) == 0);
	CHECK_INT(total, want_total);
	free(got);
	free(want);
}

static void
test_list_pages(void)
{
	struct guest	 g;
	char		*cause = NULL, *got;
	int64_t		 ev, other, total, id;

	setup();
	other = make_event(10);
	import_many(other, 5, NULL);
	ev = make_event(3000);
	import_many(ev, 2000, "accepted");
	for (id = 6; id < 2006; id += 7) {
		guests_find(m.db, id, &g);
		guests_set_checked_in(m.db, &g, NOW - id, &cause);
	}
	for (id = 6; id < 2006; id += 5)
		guests_set_rsvp(m.db, id, "declined", NOW, &cause);

	/* Names run backwards from the ids: "Guest 01999" is id 6. */
	check_page("", ev, "SELECT id FROM guests WHERE event_id = ?"
	    " ORDER BY name COLLATE NOCASE, id LIMIT 50", 2000);
	check_page("page=40&per_page=50&sort=name", ev, "SELECT id FROM guests"
	    " WHERE event_id = ? ORDER BY name COLLATE NOCASE, id"
	    " LIMIT 50 OFFSET 1950", 2000);
	check_page("page=3&per_page=100&sort=-created", ev, "SELECT id FROM"
	    " guests WHERE event_id = ? ORDER BY id DESC LIMIT 100 OFFSET 200",
	    2000);
	check_page("sort=checked_in&per_page=10", ev, "SELECT id FROM guests"
	    " WHERE event_id = ? ORDER BY checked_in_at DESC, id DESC"
	    " LIMIT 10", 2000);
	check_page("sort=checked_in&page=100&per_page=10", ev, "SELECT id"
	    " FROM guests WHERE event_id = ? ORDER BY checked_in_at DESC,"
	    " id DESC LIMIT 10 OFFSET 990", 2000);
	check_page("sort=-checked_in&page=200&per_page=10", ev, "SELECT id"
	    " FROM guests WHERE event_id = ? ORDER BY checked_in_at, id"
	    " LIMIT 10 OFFSET 1990", 2000);
	check_page("rsvp=declined&sort=created&page=2", ev, "SELECT id FROM"
	    " guests WHERE event_id = ? AND rsvp_status = 'declined'"
	    " ORDER BY id LIMIT 50 OFFSET 50", 400);
	check_page("checked_in=true&sort=name", ev, "SELECT id FROM guests"
	    " WHERE event_id = ? AND checked_in_at IS NOT NULL"
	    " ORDER BY name COLLATE NOCASE, id LIMIT 50", 286);
	check_page("checked_in=false&sort=created&page=5", ev, "SELECT id"
	    " FROM guests WHERE event_id = ? AND checked_in_at IS NULL"
	    " ORDER BY id LIMIT 50 OFFSET 200", 1714);
	check_page("checked_in=1&rsvp=declined&sort=-name", ev, "SELECT id"
	    " FROM guests WHERE event_id = ? AND checked_in_at IS NOT NULL"
	    " AND rsvp_status = 'declined' ORDER BY name COLLATE NOCASE DESC,"
	    " id DESC LIMIT 50", 58);
	check_page("q=guest19&sort=created", ev, "SELECT id FROM guests"
	    " WHERE event_id = ? AND email LIKE '%guest19%' ORDER BY id"
	    " LIMIT 50", 111);
	/*
	 * Searches count and page in one walk of the sort's index: deep
	 * pages and every sort give what plain SQL gives.
	 */
#define ALL " FROM guests WHERE event_id = ? AND email LIKE '%example%'"
	check_page("q=example&page=30", ev, "SELECT id" ALL
	    " ORDER BY name COLLATE NOCASE, id LIMIT 50 OFFSET 1450", 2000);
	check_page("q=example&sort=-name&page=39", ev, "SELECT id" ALL
	    " ORDER BY name COLLATE NOCASE DESC, id DESC LIMIT 50 OFFSET 1900",
	    2000);
	check_page("q=example&sort=checked_in&page=10&per_page=100", ev,
	    "SELECT id" ALL " ORDER BY checked_in_at DESC, id DESC"
	    " LIMIT 100 OFFSET 900", 2000);
	check_page("q=example&sort=-checked_in&page=3&per_page=100", ev,
	    "SELECT id" ALL " ORDER BY checked_in_at, id LIMIT 100"
	    " OFFSET 200", 2000);
	check_page("q=Example&sort=-created&page=40", ev, "SELECT id" ALL
	    " ORDER BY id DESC LIMIT 50 OFFSET 1950", 2000);
	check_page("q=example&page=41", ev, "SELECT id" ALL " AND 0", 2000);
	check_page("q=EXAMPLE&rsvp=declined&sort=-checked_in&page=2"
	    "&per_page=20", ev, "SELECT id" ALL " AND rsvp_status ="
	    " 'declined' ORDER BY checked_in_at, id LIMIT 20 OFFSET 20",
	    sql_int("SELECT COUNT(*)" ALL " AND rsvp_status = 'declined'",
	    ev));
	check_page("q=guest1&checked_in=false&page=5&per_page=10", ev,
	    "SELECT id FROM guests WHERE event_id = ? AND email LIKE"
	    " '%guest1%' AND checked_in_at IS NULL ORDER BY name COLLATE"
	    " NOCASE, id LIMIT 10 OFFSET 40", sql_int("SELECT COUNT(*) FROM"
	    " guests WHERE event_id = ? AND email LIKE '%guest1%' AND"
	    " checked_in_at IS NULL", ev));
	check_page("q=0199&sort=created&per_page=5", ev, "SELECT id FROM guests"
	    " WHERE event_id = ? AND (name LIKE '%0199%' OR email LIKE"
	    " '%0199%') ORDER BY id LIMIT 5", sql_int("SELECT COUNT(*) FROM"
	    " guests WHERE event_id = ? AND (name LIKE '%0199%' OR email LIKE"
	    " '%0199%')", ev));
#undef ALL
	/* LIKE's wildcards are taken literally. */
	check_page("q=%25", ev, "SELECT id FROM guests WHERE 0 AND ?", 0);
	check_page("q=GUEST 0199&rsvp=accepted", ev, "SELECT id FROM guests"
	    " WHERE event_id = ? AND name LIKE '%guest 0199%' AND rsvp_status"
	    " = 'accepted' ORDER BY name COLLATE NOCASE, id LIMIT 50", 8);
	/* Past the end: an empty page, the total still right. */
	check_page("page=100", ev, "SELECT id FROM guests WHERE 0 AND ?",
	    2000);

	got = page_ids("sort=nope", ev, &total);
	CHECK_STR(got, "error");
	free(got);
	got = page_ids("rsvp=maybe", ev, &total);
	CHECK_STR(got, "error");
	free(got);
	got = page_ids("checked_in=perhaps", ev, &total);
	CHECK_STR(got, "error");
	free(got);
	got = page_ids("page=0", ev, &total);
	CHECK_STR(got, "error");
	free(got);
	free(cause);
	teardown();
}

/*
 * The whole export of qs, reading rows a chunk and at most size bytes at
 * a time; NULL when the query is refused or the export fails.
 */
static char *
export_csv(const char *qs, int64_t event, size_t rows, size_t size,
    size_t *len)
{
	struct query		*q;
	struct guests_query	 gq;
	struct guests_export	*e;
	FILE			*f;
	char			*out = NULL, *cause = NULL, *buf;
	size_t			 n, reads = 0;
	int			 rc;

	q = query_new();
	query_parse(q, qs);
	if (guests_query_parse(q, event, &gq, &cause) != 0) {
		query_free(q);
		free(cause);
		return (NULL);
	}
	e = guests_export_new(m.db, &gq, rows);
	/* The export copies what it keeps of the query. */
	query_free(q);
	buf = xmalloc(size);
	f = open_memstream(&out, len);
	do {
		rc = guests_export_read(e, buf, size, &n);
		CHECK(n <= size);
		fwrite(buf, 1, n, f);
	} while (rc == 1 && ++reads < 1000000);
	fclose(f);
	CHECK_INT(rc, 0);
	guests_export_free(e);
	free(buf);
	if (rc != 0) {
		free(out);
		return (NULL);
	}
	return (out);
}

/* The first column of a CSV after its header, as "3,1,2". */
static char *
csv_ids(const char *csv, size_t len)
{
	struct csv_reader	*r;
	FILE			*f;
	char			**fields, *out = NULL, *cause = NULL;
	size_t			 n, size, rows = 0;

	r = csv_reader_new(csv, len);
	f = open_memstream(&out, &size);
	while (csv_reader_next(r, &fields, &n, &cause) == 1) {
		if (rows++ > 0)
			fprintf(f, "%s%s", rows > 2 ? "," : "", fields[0]);
	}
	fclose(f);
	csv_reader_free(r);
	free(cause);
	return (out);
}

/* Every id a query gives, as "3,1,2". */
static char *
sql_all_ids(const char *sql, int64_t event)
{
	sqlite3_stmt	*stmt;
	FILE		*f;
	char		*out = NULL;
	size_t		 size, rows = 0;

	f = open_memstream(&out, &size);
	if (sqlite3_prepare_v2(db_handle(m.db), sql, -1, &stmt, NULL) ==
	    SQLITE_OK) {
		sqlite3_bind_int64(stmt, 1, event);
		while (sqlite3_step(stmt) == SQLITE_ROW)
			fprintf(f, "%s%lld", rows++ > 0 ? "," : "",
			    (long long)sqlite3_column_int64(stmt, 0));
		sqlite3_finalize(stmt);
	} else
		fprintf(f, "bad SQL: %s", sqlite3_errmsg(db_handle(m.db)));
	fclose(f);
	return (out);
}

/* The export of qs, in chunks of every size, lists what sql lists. */
static void
check_export(const char *qs, int64_t event, const char *sql)
{
	static const size_t	 rows[] = { 1, 2, 7, 0 };
	static const size_t	 sizes[] = { 1, 13, 65536 };
	char			*want, *csv, *got, *first = NULL;
	size_t			 i, j, len, first_len = 0;

	want = sql_all_ids(sql, event);
	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		for (j = 0; j < sizeof sizes / sizeof sizes[0]; j++) {
			if ((csv = export_csv(qs, event, rows[i], sizes[j],
			    &len)) == NULL) {
				CHECK(!"export failed");
				continue;
			}
			got = csv_ids(csv, len);
			if (strcmp(got, want) != 0)
				fprintf(stderr, "%s (%zu rows, reads of %zu):"
				    " got %s\nwant %s\n", qs, rows[i],
				    sizes[j], got, want);
			CHECK_STR(got, want);
			free(got);
			/* However it is cut, the bytes are the same. */
			if (first == NULL) {
				first = csv;
				first_len = len;
				continue;
			}
			CHECK(len == first_len &&
			    memcmp(csv, first, len) == 0);
			free(csv);
		}
	}
	free(first);
	free(want);
}

static void
test_csv_export(void)
{
	struct guests_import	 imp;
	struct guest_input	 in;
	struct csv_reader	*r;
	char			*csv, **fields, *cause = NULL;
	size_t			 len, n, rows = 0;
	int64_t			 ev;

	setup();
	ev = make_event(10);
	db_begin(m.db, &cause);
	guests_import_init(&imp, m.db, ev, NOW);
	input(&in, "=cmd|' /C calc'!A0", "evil@example.org", NULL);
	guests_input_set(&in, "notes", "line one\nline \"two\", too");
	guests_import_add(&imp, 0, &in, &cause);
	guests_input_done(&in);
	input(&in, "Plain", "plain@example.org", NULL);
	guests_input_set(&in, "phone", "+44 20 7946 0000");
	guests_import_add(&imp, 1, &in, &cause);
	guests_input_done(&in);
	/*
	 * A name that opens with a byte order mark is left as it is: only
	 * the first bytes of the file could be read as one.
	 */
	input(&in, "\xef\xbb\xbf" "Bom", "bom@example.org", NULL);
	guests_import_add(&imp, 2, &in, &cause);
	guests_input_done(&in);
	db_commit(m.db, &cause);
	guests_import_done(&imp);

	csv = export_csv("sort=created", ev, 1, 5, &len);
	CHECK(csv != NULL);
	if (csv == NULL)
		goto out;
	CHECK(strncmp(csv, "id,name,email,phone,rsvp_status,ticket_code,"
	    "invited_at,responded_at,checked_in_at,notes,created_at\r\n",
	    100) == 0);
	CHECK(strstr(csv, "'=cmd|' /C calc'!A0") != NULL);
	CHECK(strstr(csv, ",'+44 20 7946 0000,") != NULL);
	CHECK(strstr(csv, "\"line one\nline \"\"two\"\", too\"") != NULL);
	CHECK(strstr(csv, ",\xef\xbb\xbf" "Bom,") != NULL);
	CHECK(len > 2 && memcmp(csv + len - 2, "\r\n", 2) == 0);
	r = csv_reader_new(csv, len);
	while (csv_reader_next(r, &fields, &n, &cause) == 1) {
		CHECK_INT(n, 11);
		if (rows == 1) {
			CHECK_STR(csv_unguard(fields[1]), "=cmd|' /C calc'!A0");
			CHECK_STR(fields[9], "line one\nline \"two\", too");
		}
		rows++;
	}
	CHECK_INT(rows, 4);
	csv_reader_free(r);
	free(csv);

	/* An event without guests: the header alone. */
	csv = export_csv("", make_event(10), 1, 64, &len);
	CHECK(csv != NULL && len == 100);
	free(csv);
	/* A bad filter is refused before any export starts. */
	CHECK(export_csv("sort=nope", ev, 1, 64, &len) == NULL);
out:
	free(cause);
	teardown();
}

/*
 * Each sort and filter exports the rows the list would show, in its
 * order, however small the chunks: keyset steps over ties in names (in
 * any case) and check-in times, and over the guests not checked in.
 */
static void
test_csv_export_order(void)
{
	struct guests_import	 imp;
	struct guest_input	 in;
	struct guest		 g;
	char			 email[64], *cause = NULL;
	int64_t			 ev, other, id;
	int			 i;

	setup();
	other = make_event(10);
	import_many(other, 5, NULL);
	ev = make_event(500);
	import_many(ev, 200, "accepted");
	db_begin(m.db, &cause);
	guests_import_init(&imp, m.db, ev, NOW);
	for (i = 0; i < 6; i++) {
		snprintf(email, sizeof email, "same%d@example.org", i);
		input(&in, i % 2 ? "SAME name" : "Same Name", email, NULL);
		guests_import_add(&imp, i, &in, &cause);
		guests_input_done(&in);
	}
	db_commit(m.db, &cause);
	guests_import_done(&imp);
	/* Check-ins, three at a time at the same second. */
	for (id = 8; id < 215; id += 4) {
		guests_find(m.db, id, &g);
		guests_set_checked_in(m.db, &g, NOW - id / 12, &cause);
	}
	for (id = 8; id < 215; id += 3)
		guests_set_rsvp(m.db, id, "declined", NOW, &cause);

#define EV " FROM guests WHERE event_id = ?"
	check_export("", ev, "SELECT id" EV
	    " ORDER BY name COLLATE NOCASE, id");
	check_export("sort=-name", ev, "SELECT id" EV
	    " ORDER BY name COLLATE NOCASE DESC, id DESC");
	check_export("sort=created", ev, "SELECT id" EV " ORDER BY id");
	check_export("sort=-created", ev, "SELECT id" EV " ORDER BY id DESC");
	check_export("sort=checked_in", ev, "SELECT id" EV
	    " ORDER BY checked_in_at DESC, id DESC");
	check_export("sort=-checked_in", ev, "SELECT id" EV
	    " ORDER BY checked_in_at, id");
	check_export("sort=checked_in&checked_in=false", ev, "SELECT id" EV
	    " AND checked_in_at IS NULL ORDER BY id DESC");
	check_export("sort=-checked_in&checked_in=true", ev, "SELECT id" EV
	    " AND checked_in_at IS NOT NULL ORDER BY checked_in_at, id");
	check_export("sort=-checked_in&rsvp=declined", ev, "SELECT id" EV
	    " AND rsvp_status = 'declined' ORDER BY checked_in_at, id");
	check_export("rsvp=declined&checked_in=true&sort=created", ev,
	    "SELECT id" EV " AND rsvp_status = 'declined'"
	    " AND checked_in_at IS NOT NULL ORDER BY id");
	check_export("checked_in=false&sort=-created", ev, "SELECT id" EV
	    " AND checked_in_at IS NULL ORDER BY id DESC");
	check_export("q=guest1&sort=-name", ev, "SELECT id" EV
	    " AND (name LIKE '%guest1%' OR email LIKE '%guest1%')"
	    " ORDER BY name COLLATE NOCASE DESC, id DESC");
	check_export("q=SAME&rsvp=declined", ev, "SELECT id" EV
	    " AND name LIKE '%same%' AND rsvp_status = 'declined'"
	    " ORDER BY name COLLATE NOCASE, id");
	check_export("q=guest19&sort=checked_in", ev, "SELECT id" EV
	    " AND email LIKE '%guest19%'"
	    " ORDER BY checked_in_at DESC, id DESC");
	check_export("q=nobody", ev, "SELECT id" EV " AND 0");
	check_export("q=%25", ev, "SELECT id" EV " AND 0");
#undef EV
	free(cause);
	teardown();
}

static void
test_registrations_keep_guests(void)
{
	struct event_counters	 c;
	struct guests_import	 imp;
	struct guest_input	 in;
	char			*cause = NULL;
	int64_t			 ev, a, b, d, promoted;

	setup();
	ev = make_event(1);
	a = make_user("a@example.org");
	b = make_user("b@example.org");
	d = make_user("d@example.org");
	/* d was invited before registering: that row becomes theirs. */
	db_begin(m.db, &cause);
	guests_import_init(&imp, m.db, ev, NOW);
	input(&in, "Invited D", "D@example.org", NULL);
	guests_import_add(&imp, 0, &in, &cause);
	guests_input_done(&in);
	db_commit(m.db, &cause);
	guests_import_done(&imp);

	CHECK_INT(registrations_create(&m, a, ev, NOW, NULL, &cause), 0);
	CHECK_INT(registrations_create(&m, b, ev, NOW, NULL, &cause), 0);
	CHECK_INT(registrations_create(&m, d, ev, NOW, NULL, &cause), 0);
	CHECK_INT(sql_int("SELECT COUNT(*) FROM guests WHERE event_id = ?",
	    ev), 3);
	CHECK_INT(sql_int("SELECT COUNT(*) FROM guests WHERE user_id = ?", d),
	    1);
	CHECK_INT(sql_int("SELECT COUNT(*) FROM guests WHERE user_id = ?"
	    " AND rsvp_status = 'accepted'", a), 1);
	CHECK_INT(sql_int("SELECT COUNT(*) FROM guests WHERE user_id = ?"
	    " AND rsvp_status = 'waitlisted'", b), 1);

	CHECK_INT(registrations_cancel(&m, a, ev, NOW, &promoted, &cause), 0);
	CHECK_INT(promoted, b);
	CHECK_INT(sql_int("SELECT COUNT(*) FROM guests WHERE user_id = ?"
	    " AND rsvp_status = 'declined'", a), 1);
	CHECK_INT(sql_int("SELECT COUNT(*) FROM guests WHERE user_id = ?"
	    " AND rsvp_status = 'accepted'", b), 1);

	CHECK_INT(registrations_checkin(&m, b, ev, NOW, &cause), 0);
	CHECK_INT(sql_int("SELECT COUNT(*) FROM guests WHERE user_id = ?"
	    " AND checked_in_at IS NOT NULL", b), 1);
	events_counters(m.db, ev, &c);
	CHECK_INT(c.checked_in, 1);
	CHECK_INT(c.confirmed, 1);
	free(cause);
	teardown();
}

static void
test_rsvp(void)
{
	struct auth_claims	 claims;
	char			*token, *login, *cause = NULL, *bad, status[16];
	int64_t			 ev, guest, event;

	setup();
	ev = make_event(2);
	import_many(ev, 4, NULL);
	token = rsvp_token(&m, 1);
	CHECK(token != NULL);
	CHECK_INT(auth_verify_rsvp(m.auth, token, NOW, &guest, &event,
	    &cause), 0);
	CHECK_INT(guest, 1);
	CHECK_INT(event, ev);
	/* The link lasts until a week after the event. */
	CHECK_INT(auth_verify_rsvp(m.auth, token, NOW + 86400 + RSVP_GRACE,
	    &guest, &event, &cause), AUTH_RSVP_EXPIRED);
	free(cause);
	cause = NULL;
	/* Neither kind of token passes for the other. */
	CHECK(auth_verify_token(m.auth, token, NOW, &claims, &cause) != 0);
	free(cause);
	cause = NULL;
	login = auth_sign_token(m.auth, 1, "admin", "a@example.org", NOW);
	CHECK_INT(auth_verify_rsvp(m.auth, login, NOW, &guest, &event,
	    &cause), AUTH_RSVP_INVALID);
	free(cause);
	cause = NULL;
	bad = strdup(token);
	bad[strlen(bad) - 2] = bad[strlen(bad) - 2] == 'A' ? 'B' : 'A';
	CHECK_INT(auth_verify_rsvp(m.auth, bad, NOW, &guest, &event, &cause),
	    AUTH_RSVP_INVALID);
	free(cause);
	cause = NULL;
	free(bad);
	free(login);
	free(token);

	/* Capacity 2: the third acceptance waits. */
	CHECK_INT(rsvp_answer(&m, 1, ev, "accepted", NOW, status,
	    sizeof status, &cause), RSVP_OK);
	CHECK_STR(status, "accepted");
	CHECK_INT(rsvp_answer(&m, 2, ev, "accepted", NOW, status,
	    sizeof status, &cause), RSVP_OK);
	CHECK_INT(rsvp_answer(&m, 3, ev, "accepted", NOW, status,
	    sizeof status, &cause), RSVP_OK);
	CHECK_STR(status, "waitlisted");
	/* Saying yes again keeps a seat already had. */
	CHECK_INT(rsvp_answer(&m, 1, ev, "accepted", NOW, status,
	    sizeof status, &cause), RSVP_OK);
	CHECK_STR(status, "accepted");
	CHECK_INT(rsvp_answer(&m, 2, ev, "declined", NOW, status,
	    sizeof status, &cause), RSVP_OK);
	CHECK_STR(status, "declined");
	CHECK_INT(rsvp_answer(&m, 4, ev + 1, "accepted", NOW, status,
	    sizeof status, &cause), RSVP_NOT_FOUND);
	free(cause);
	teardown();
}

struct seen {
	int	checkin;
	int	counters;
	int	undone;
};

static void
collect(uint64_t seq, const char *text, void *arg)
{
	struct seen	*s = arg;

	(void)seq;
	if (strstr(text, "\"type\":\"checkin\"") != NULL)
		s->checkin++;
	if (strstr(text, "\"type\":\"counters\"") != NULL)
		s->counters++;
	if (strstr(text, "\"undone\":true") != NULL)
		s->undone++;
}

static enum checkin_result
scan(int64_t event, const char *code, const char *nonce, json_t **answer)
{
	struct checkin_scan	s;

	memset(&s, 0, sizeof s);
	s.event_id = event;
	s.code = code;
	s.nonce = nonce;
	s.at = s.now = NOW;
	return (checkin_scan(&m, &s, answer));
}

static void
test_door(void)
{
	struct guest	 g;
	struct seen	 seen;
	json_t		*a;
	char		*cause = NULL, code[32], *p;
	int64_t		 ev, other;

	setup();
	ev = make_event(100);
	other = make_event(100);
	import_many(ev, 4, "accepted");
	import_many(other, 1, NULL);
	guests_set_rsvp(m.db, 3, "waitlisted", NOW, &cause);
	guests_set_rsvp(m.db, 4, "declined", NOW, &cause);
	guests_find(m.db, 1, &g);

	/* By ticket code, typed in lower case with a dash. */
	snprintf(code, sizeof code, "%.5s-%s", g.ticket_code,
	    g.ticket_code + 5);
	for (p = code; *p != '\0'; p++)
		*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	CHECK_INT(scan(ev, code, "n1", &a), CHECKIN_OK);
	CHECK(json_is_string(json_object_get(a, "checked_in_at")));
	json_decref(a);
	CHECK_INT(scan(ev, code, "n1", &a), CHECKIN_REPLAYED);
	CHECK(json_is_true(json_object_get(a, "replayed")));
	json_decref(a);
	CHECK_INT(scan(ev, "2", "n1", &a), CHECKIN_NONCE_REUSED);
	json_decref(a);
	CHECK_INT(scan(ev, code, "n2", &a), CHECKIN_ALREADY);
	CHECK_STR(json_string_value(json_object_get(a, "reason")),
	    "already_checked_in");
	json_decref(a);
	/* By guest id. */
	CHECK_INT(scan(ev, "2", NULL, &a), CHECKIN_OK);
	json_decref(a);
	CHECK_INT(scan(ev, "3", NULL, &a), CHECKIN_WAITLISTED);
	json_decref(a);
	CHECK_INT(scan(ev, "4", NULL, &a), CHECKIN_OK);
	CHECK(json_is_string(json_object_get(a, "warning")));
	json_decref(a);
	CHECK_INT(scan(ev, "5", NULL, &a), CHECKIN_OTHER_EVENT);
	json_decref(a);
	CHECK_INT(scan(ev, "ZZZZZZZZZZ", NULL, &a), CHECKIN_NOT_FOUND);
	json_decref(a);
	CHECK_INT(scan(ev, "999999999999999999999", NULL, &a),
	    CHECKIN_NOT_FOUND);
	json_decref(a);

	CHECK_INT(checkin_undo(&m, ev, 1, &a), CHECKIN_OK);
	json_decref(a);
	CHECK_INT(checkin_undo(&m, ev, 1, &a), CHECKIN_NOT_FOUND);
	json_decref(a);
	CHECK_INT(checkin_undo(&m, other, 2, &a), CHECKIN_NOT_FOUND);
	json_decref(a);
	/* The nonce keeps its first answer, even after the undo. */
	CHECK_INT(scan(ev, code, "n1", &a), CHECKIN_REPLAYED);
	json_decref(a);
	CHECK_INT(sql_int("SELECT checked_in FROM guest_counts"
	    " WHERE event_id = ?", ev), 2);

	memset(&seen, 0, sizeof seen);
	hub_replay_each(m.hub, 0, collect, &seen);
	CHECK_INT(seen.checkin, 4);	/* three check-ins, one undo */
	CHECK_INT(seen.counters, 4);
	CHECK_INT(seen.undone, 1);
	free(cause);
	teardown();
}

TEST_MAIN(
	TEST_CASE(test_ticket_codes),
	TEST_CASE(test_email_plausible),
	TEST_CASE(test_input_rules),
	TEST_CASE(test_import_duplicates),
	TEST_CASE(test_csv_read),
	TEST_CASE(test_csv_write),
	TEST_CASE(test_counts_follow_rows),
	TEST_CASE(test_list_pages),
	TEST_CASE(test_csv_stream),
	TEST_CASE(test_csv_export),
	TEST_CASE(test_csv_export_order),
	TEST_CASE(test_registrations_keep_guests),
	TEST_CASE(test_rsvp),
	TEST_CASE(test_door))
