/* JSON bodies into model structs: every accepted shape and every refusal. */
#include <jwt.h>
#include <stdlib.h>

#include "model.h"

#include "test.h"
#include "test-jwt.h"

#define EV(extra) "{\"id\":7,\"title\":\"Launch\"," \
	"\"date_time\":\"2026-06-15T09:00:00Z\",\"location\":\"Hall\"" extra "}"

static int
parse_one(const char *body, struct event *ev, char **cause)
{
	return (model_parse_event_body(body, strlen(body), ev, cause));
}

static void
test_events_list(void)
{
	const char	*body = "{\"events\":["
	    "{\"id\":1,\"title\":\"Evtop Launch Party\",\"description\":\"d\","
	    "\"date_time\":\"2026-06-15T09:00:00.000Z\",\"location\":\"Hall\","
	    "\"max_capacity\":100,\"created_by\":3,\"creator_name\":\"Ada\","
	    "\"current_registrations\":45,\"available_spots\":55,"
	    "\"status\":\"published\",\"category\":\"tech\",\"waitlisted\":2,"
	    "\"checked_in\":0,\"version\":4,"
	    "\"updated_at\":\"2026-06-01T00:00:00Z\",\"unknown\":[1,2]},"
	    "{\"id\":2,\"title\":\"Core\",\"date_time\":\"2026-07-01T10:00:00Z\","
	    "\"location\":\"Room\",\"max_capacity\":10}"
	    "],\"total\":12}";
	struct event	*evs;
	size_t		 n;
	int64_t		 total;
	char		*cause = NULL;

	CHECK_INT(model_parse_events(body, strlen(body), &evs, &n, &total,
	    &cause), 0);
	CHECK(cause == NULL);
	CHECK_INT(n, 2);
	CHECK_INT(total, 12);
	if (n != 2)
		return;
	CHECK_INT(evs[0].id, 1);
	CHECK_STR(evs[0].title, "Evtop Launch Party");
	CHECK_STR(evs[0].description, "d");
	CHECK_INT(evs[0].date_time, 1781514000);
	CHECK_INT(evs[0].max_capacity, 100);
	CHECK_INT(evs[0].created_by, 3);
	CHECK_STR(evs[0].creator_name, "Ada");
	CHECK_INT(evs[0].current_registrations, 45);
	CHECK_INT(evs[0].available_spots, 55);
	CHECK_STR(evs[0].status, "published");
	CHECK_STR(evs[0].category, "tech");
	CHECK_INT(evs[0].waitlisted, 2);
	CHECK_INT(evs[0].checked_in, 0);
	CHECK_INT(evs[0].version, 4);
	CHECK(evs[0].updated_at != 0);
	/* A core server's event: the mock-only fields are absent. */
	CHECK(evs[1].description == NULL);
	CHECK(evs[1].status == NULL);
	CHECK(evs[1].creator_name == NULL);
	CHECK_INT(evs[1].waitlisted, -1);
	CHECK_INT(evs[1].checked_in, -1);
	CHECK_INT(evs[1].version, -1);
	CHECK_INT(evs[1].created_by, -1);
	CHECK_INT(evs[1].current_registrations, -1);
	CHECK_INT(evs[1].updated_at, 0);
	events_free(evs, n);
}

/*
 * A server that ignores page/per_page answers the whole list: 5,000
 * events in one body, all of them kept, in order.
 */
static void
test_unpaginated_list(void)
{
	struct event	*evs;
	char		*body, *why = NULL;
	size_t		 n, len = 0, cap = 5000 * 200 + 64, i;
	int64_t		 total;
	int		 w;

	body = malloc(cap);
	len += (size_t)snprintf(body, cap, "{\"events\":[");
	for (i = 0; i < 5000; i++) {
		w = snprintf(body + len, cap - len, "%s{\"id\":%zu,\"title\":"
		    "\"Event %zu\",\"date_time\":\"2026-06-15T09:00:00.000Z\","
		    "\"location\":\"Hall\",\"max_capacity\":\"50\","
		    "\"current_registrations\":%zu}", i == 0 ? "" : ",", i + 1,
		    i + 1, i % 50);
		len += (size_t)w;
	}
	len += (size_t)snprintf(body + len, cap - len, "],\"total\":5000}");
	CHECK_INT(model_parse_events(body, len, &evs, &n, &total, &why), 0);
	CHECK(why == NULL);
	CHECK_INT(n, 5000);
	CHECK_INT(total, 5000);
	if (n == 5000) {
		CHECK_INT(evs[0].id, 1);
		CHECK_STR(evs[4999].title, "Event 5000");
		CHECK_INT(evs[4999].max_capacity, 50);
		CHECK_INT(evs[4999].current_registrations, 4999 % 50);
	}
	events_free(evs, n);
	free(why);
	free(body);
}

static void
test_bare_array_and_strings(void)
{
	const char	*body = "[{\"id\":\"45\",\"title\":\"T\","
	    "\"date_time\":\"2026-06-15T11:00:00+02:00\",\"location\":\"L\","
	    "\"max_capacity\":\"100\",\"current_registrations\":\"45\","
	    "\"available_spots\":55.0}]";
	struct event	*evs;
	size_t		 n;
	int64_t		 total;
	char		*cause = NULL;

	CHECK_INT(model_parse_events(body, strlen(body), &evs, &n, &total,
	    &cause), 0);
	CHECK_INT(n, 1);
	CHECK_INT(total, -1);
	if (n == 1) {
		CHECK_INT(evs[0].id, 45);
		CHECK_INT(evs[0].max_capacity, 100);
		CHECK_INT(evs[0].current_registrations, 45);
		CHECK_INT(evs[0].available_spots, 55);
		CHECK_INT(evs[0].date_time, 1781514000);
	}
	events_free(evs, n);

	CHECK_INT(model_parse_events("[]", 2, &evs, &n, &total, &cause), 0);
	CHECK_INT(n, 0);
	events_free(evs, n);
}

static void
test_missing_required(void)
{
	static const struct {
		const char	*body;
		const char	*field;
	} cases[] = {
		{ "{\"title\":\"T\",\"date_time\":\"2026-06-15T09:00:00Z\"}",
		    "\"id\"" },
		{ "{\"id\":1,\"date_time\":\"2026-06-15T09:00:00Z\"}",
		    "\"title\"" },
		{ "{\"id\":1,\"title\":\"T\"}", "\"date_time\"" },
		{ "{\"id\":1,\"title\":null,\"date_time\":\"2026-06-15\"}",
		    "\"title\"" },
	};
	struct event	 ev;
	char		*cause;
	size_t		 i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		cause = NULL;
		CHECK_INT(parse_one(cases[i].body, &ev, &cause), -1);
		CHECK(cause != NULL && strstr(cause, cases[i].field) != NULL);
		CHECK(ev.title == NULL);
		free(cause);
	}
}

static void
test_wrong_types(void)
{
	static const struct {
		const char	*body;
		const char	*words;
	} cases[] = {
		{ EV(",\"max_capacity\":\"lots\""), "max_capacity" },
		{ EV(",\"current_registrations\":true"),
		    "current_registrations" },
		{ "{\"id\":\"4x5\",\"title\":\"T\",\"date_time\":\"x\"}", "id" },
		{ "{\"id\":1,\"title\":42,\"date_time\":\"2026-06-15\"}",
		    "title" },
		{ "{\"id\":1,\"title\":\"T\",\"date_time\":\"2026-02-31\"}",
		    "2026-02-31" },
		{ "{\"id\":1,\"title\":\"T\",\"date_time\":12345}", "date_time" },
		{ "[1,2]", "object" },
	};
	struct event	 ev;
	char		*cause;
	size_t		 i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		cause = NULL;
		CHECK_INT(parse_one(cases[i].body, &ev, &cause), -1);
		if (cause == NULL || strstr(cause, cases[i].words) == NULL) {
			fprintf(stderr, "case %zu: %s\n", i, cause ? cause :
			    "(null)");
			CHECK(0);
		}
		free(cause);
	}
}

static void
test_list_with_bad_item(void)
{
	const char	*body = "{\"events\":[" EV("") ",{\"id\":8}]}";
	struct event	*evs = NULL;
	size_t		 n = 5;
	int64_t		 total;
	char		*cause = NULL;

	CHECK_INT(model_parse_events(body, strlen(body), &evs, &n, &total,
	    &cause), -1);
	CHECK(evs == NULL);
	CHECK_INT(n, 0);
	CHECK(cause != NULL && strstr(cause, "item 2") != NULL);
	free(cause);

	cause = NULL;
	CHECK_INT(model_parse_events("{\"items\":[]}", 12, &evs, &n, &total,
	    &cause), -1);
	CHECK(cause != NULL && strstr(cause, "events") != NULL);
	free(cause);
}

static void
test_malformed_json(void)
{
	static const char	*bodies[] = {
		"", "{", "<html><body>502 Bad Gateway</body></html>",
		"{\"events\":[", "nul\0l",
	};
	struct event		*evs, ev;
	size_t			 n, i;
	int64_t			 total;
	char			*cause;

	for (i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
		cause = NULL;
		CHECK_INT(model_parse_events(bodies[i], strlen(bodies[i]),
		    &evs, &n, &total, &cause), -1);
		CHECK(cause != NULL && strstr(cause, "JSON") != NULL);
		free(cause);
		cause = NULL;
		CHECK_INT(parse_one(bodies[i], &ev, &cause), -1);
		CHECK(cause != NULL);
		free(cause);
	}
}

static void
test_huge_strings_truncated(void)
{
	struct event	 ev;
	char		*body, *title;
	size_t		 len = 1024 * 1024, i;

	title = malloc(len + 1);
	for (i = 0; i < len; i++)
		title[i] = 'a' + (char)(i % 26);
	title[len] = '\0';
	body = malloc(2 * len + 256);
	snprintf(body, 2 * len + 256, "{\"event\":{\"id\":1,\"title\":\"%s\","
	    "\"description\":\"%s\",\"date_time\":\"2026-06-15T09:00:00Z\"}}",
	    title, title);
	CHECK_INT(parse_one(body, &ev, NULL), 0);
	CHECK(ev.title != NULL && strlen(ev.title) <= 4096 + 3);
	CHECK(ev.title != NULL && strncmp(ev.title, "abcdef", 6) == 0);
	CHECK(ev.description != NULL && strlen(ev.description) <= 4096 + 3);
	event_done(&ev);
	free(body);
	free(title);
}

static void
test_escapes_sanitized(void)
{
	const char	*body = "{\"id\":1,\"title\":\"\\u001b]0;owned\\u0007"
	    "\\u001b[31mRed\\u001b[0m\\tParty\\u202e\",\"date_time\":"
	    "\"2026-06-15T09:00:00Z\",\"location\":\"\\u009b2JHall\","
	    "\"creator_name\":\"Eve\\r\\nLine\"}";
	struct event	 ev;

	CHECK_INT(parse_one(body, &ev, NULL), 0);
	CHECK_STR(ev.title, "Red Party");
	CHECK_STR(ev.location, "Hall");
	CHECK_STR(ev.creator_name, "Eve  Line");
	event_done(&ev);
}

static void
test_login(void)
{
	struct session	 s;
	char		*tok, *body, *cause = NULL;

	tok = test_jwt_make(1893456000, 1, "admin", NULL);
	CHECK(tok != NULL);
	body = malloc(strlen(tok) + 512);
	sprintf(body, "{\"message\":\"Login successful\",\"user\":{\"id\":1,"
	    "\"email\":\"admin@example.com\",\"name\":\"Admin\","
	    "\"role\":\"admin\",\"created_at\":\"2026-01-01T00:00:00Z\"},"
	    "\"token\":\"%s\"}", tok);
	CHECK_INT(model_parse_login(body, strlen(body), &s, &cause), 0);
	CHECK_STR(s.token, tok);
	CHECK_INT(s.exp, 1893456000);
	CHECK_INT(s.user.id, 1);
	CHECK_STR(s.user.email, "admin@example.com");
	CHECK_STR(s.user.name, "Admin");
	CHECK_STR(s.user.role, "admin");
	session_done(&s);
	CHECK(s.token == NULL);
	free(body);
	free(tok);

	/* No user object and no exp: role from the token, exp 0. */
	tok = test_jwt_make(0, 1, "staff", NULL);
	body = malloc(strlen(tok) + 64);
	sprintf(body, "{\"token\":\"%s\"}", tok);
	CHECK_INT(model_parse_login(body, strlen(body), &s, &cause), 0);
	CHECK_INT(s.exp, 0);
	CHECK_STR(s.user.role, "staff");
	CHECK_INT(s.user.id, 1);
	session_done(&s);
	free(body);
	free(tok);
}

static void
test_login_refused(void)
{
	static const char	*bodies[] = {
		"{\"message\":\"ok\"}",
		"{\"token\":42}",
		"{\"token\":\"abc\\r\\nX-Injected: 1\"}",
		"{\"token\":\"\"}",
	};
	struct session		 s;
	char			*cause;
	size_t			 i;

	for (i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
		cause = NULL;
		CHECK_INT(model_parse_login(bodies[i], strlen(bodies[i]), &s,
		    &cause), -1);
		CHECK(cause != NULL && strstr(cause, "token") != NULL);
		CHECK(s.token == NULL);
		free(cause);
	}
}

static void
test_login_unsigned_fallback(void)
{
	/* {"alg":"none"} . {"exp":1900000000,"role":"organizer"} . "" */
	const char	*body = "{\"token\":\"eyJhbGciOiJub25lIn0."
	    "eyJleHAiOjE5MDAwMDAwMDAsInJvbGUiOiJvcmdhbml6ZXIifQ.\"}";
	struct session	 s;

	CHECK_INT(model_parse_login(body, strlen(body), &s, NULL), 0);
	CHECK_INT(s.exp, 1900000000);
	CHECK_STR(s.user.role, "organizer");
	session_done(&s);
}

/*
 * A token whose claims cannot be read is still the server's to judge:
 * the sign-in stands, with no exp, and the user object says who it is.
 */
static void
test_login_unreadable_claims(void)
{
	const char	*body = "{\"token\":\"aaa.bbb.ccc\",\"user\":{\"id\":3,"
	    "\"email\":\"o@example.com\",\"role\":\"organizer\"}}";
	struct session	 s;

	CHECK_INT(model_parse_login(body, strlen(body), &s, NULL), 0);
	CHECK_STR(s.token, "aaa.bbb.ccc");
	CHECK_INT(s.exp, 0);
	CHECK_INT(s.user.id, 3);
	CHECK_STR(s.user.role, "organizer");
	session_done(&s);
}

/* The user object's word beats the token's claims. */
static void
test_login_user_beats_claims(void)
{
	struct session	 s;
	char		*tok, *body;

	tok = test_jwt_make(1893456000, 1, "admin", NULL);
	body = malloc(strlen(tok) + 128);
	sprintf(body, "{\"user\":{\"id\":9,\"email\":\"s@example.com\","
	    "\"role\":\"staff\"},\"token\":\"%s\"}", tok);
	CHECK_INT(model_parse_login(body, strlen(body), &s, NULL), 0);
	CHECK_INT(s.exp, 1893456000);
	CHECK_INT(s.user.id, 9);
	CHECK_STR(s.user.role, "staff");
	session_done(&s);
	free(body);
	free(tok);
}

static void
test_error_bodies(void)
{
	static const struct {
		const char	*body;
		const char	*want;
	} cases[] = {
		{ "{\"message\":\"Event not found\"}", "Event not found" },
		{ "{\"message\":\"Validation failed\",\"errors\":["
		    "{\"field\":\"title\",\"message\":\"is required\"},"
		    "{\"field\":\"location\",\"message\":\"too long\"}]}",
		    "Validation failed: title: is required; location: too long" },
		{ "{\"errors\":[{\"path\":\"title\",\"msg\":\"Invalid value\"},"
		    "{\"param\":\"max_capacity\",\"msg\":\"must be >= 1\"}]}",
		    "Validation failed: title: Invalid value; "
		    "max_capacity: must be >= 1" },
		{ "{\"error\":\"Too many requests\"}", "Too many requests" },
		{ "{\"message\":\"\\u001b[2Jbad\\nthing\"}", "bad thing" },
		{ "<html>500</html>", NULL },
		{ "{}", NULL },
		{ "[\"x\"]", NULL },
		{ "", NULL },
	};
	char	*got;
	size_t	 i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		got = model_parse_error(cases[i].body, strlen(cases[i].body));
		CHECK_STR(got, cases[i].want);
		free(got);
	}
}

/* An error body read once into its parts, from either shape. */
static void
test_error_body_parts(void)
{
	static const char	mine[] = "{\"message\":\"Validation failed\","
	    "\"errors\":[{\"field\":\"title\",\"message\":\"is required\"},"
	    "\"just words\",{\"other\":1}]}";
	static const char	theirs[] = "{\"errors\":[{\"type\":\"field\","
	    "\"path\":\"date_time\",\"msg\":\"bad\\u001b[2J date\"},"
	    "{\"param\":\"location\",\"msg\":\"is required\"}]}";
	struct error_body	e;

	CHECK_INT(model_parse_error_body(mine, strlen(mine), &e), 0);
	CHECK_STR(e.message, "Validation failed");
	CHECK_INT(e.nfields, 2);
	if (e.nfields == 2) {
		CHECK_STR(e.fields[0].field, "title");
		CHECK_STR(e.fields[0].message, "is required");
		CHECK(e.fields[1].field == NULL);
		CHECK_STR(e.fields[1].message, "just words");
	}
	error_body_done(&e);
	CHECK(e.message == NULL && e.fields == NULL && e.nfields == 0);

	CHECK_INT(model_parse_error_body(theirs, strlen(theirs), &e), 0);
	CHECK(e.message == NULL);
	CHECK_INT(e.nfields, 2);
	if (e.nfields == 2) {
		CHECK_STR(e.fields[0].field, "date_time");
		CHECK_STR(e.fields[0].message, "bad date");
		CHECK_STR(e.fields[1].field, "location");
	}
	error_body_done(&e);

	CHECK_INT(model_parse_error_body("<html>500</html>", 16, &e), -1);
	CHECK(e.message == NULL && e.nfields == 0);
	CHECK_INT(model_parse_error_body("[1]", 3, &e), -1);
	CHECK_INT(model_parse_error_body("", 0, &e), -1);
}

static void
test_envelopes(void)
{
	const char	*hello = "{\"seq\":12,\"type\":\"hello\",\"ts\":"
	    "\"2026-06-15T09:00:00Z\",\"data\":{\"server\":\"evtop-mock\","
	    "\"version\":\"0.1.0\",\"seq\":12}}";
	const char	*counters = "{\"seq\":\"13\",\"type\":\"counters\","
	    "\"data\":{\"event_id\":\"3\",\"confirmed\":40,\"waitlisted\":1,"
	    "\"checked_in\":0,\"available\":\"60\"}}";
	struct envelope	 env;
	struct counters	 c;
	char		*cause = NULL;

	CHECK_INT(model_parse_envelope(hello, strlen(hello), &env, &cause), 0);
	CHECK_INT(env.seq, 12);
	CHECK_STR(env.type, "hello");
	CHECK(json_is_object(env.data));
	envelope_done(&env);

	CHECK_INT(model_parse_envelope(counters, strlen(counters), &env,
	    &cause), 0);
	CHECK_INT(env.seq, 13);
	CHECK_INT(model_parse_counters(env.data, &c, &cause), 0);
	CHECK_INT(c.event_id, 3);
	CHECK_INT(c.confirmed, 40);
	CHECK_INT(c.waitlisted, 1);
	CHECK_INT(c.checked_in, 0);
	CHECK_INT(c.available, 60);
	envelope_done(&env);

	CHECK_INT(model_parse_envelope("{\"type\":\"resync\"}", 17, &env,
	    &cause), 0);
	CHECK_INT(env.seq, -1);
	CHECK(env.data == NULL);
	envelope_done(&env);

	CHECK_INT(model_parse_envelope("{\"seq\":1}", 9, &env, &cause), -1);
	CHECK(cause != NULL);
	free(cause);
	cause = NULL;
	CHECK_INT(model_parse_envelope("{\"type\":\"x\",\"seq\":\"y\"}", 22,
	    &env, &cause), -1);
	free(cause);
	cause = NULL;
	CHECK_INT(model_parse_envelope("not json", 8, &env, &cause), -1);
	free(cause);
}

static void
test_counters_partial(void)
{
	json_t		*j;
	struct counters	 c;
	char		*cause = NULL;

	j = json_loads("{\"event_id\":5,\"confirmed\":3}", 0, NULL);
	CHECK_INT(model_parse_counters(j, &c, &cause), 0);
	CHECK_INT(c.waitlisted, -1);
	CHECK_INT(c.checked_in, -1);
	CHECK_INT(c.available, -1);
	CHECK_INT(c.inside, -1);
	json_decref(j);

	j = json_loads("{\"event_id\":5,\"checked_in\":4,\"inside\":2}", 0,
	    NULL);
	CHECK_INT(model_parse_counters(j, &c, &cause), 0);
	CHECK_INT(c.checked_in, 4);
	CHECK_INT(c.inside, 2);
	json_decref(j);

	j = json_loads("{\"confirmed\":3}", 0, NULL);
	CHECK_INT(model_parse_counters(j, &c, &cause), -1);
	CHECK(cause != NULL && strstr(cause, "event_id") != NULL);
	free(cause);
	json_decref(j);
}

static void
test_notification(void)
{
	json_t			*j;
	struct notification	 no;
	char			*cause = NULL;

	j = json_loads("{\"id\":9,\"seq\":20,\"type\":\"registration\","
	    "\"level\":\"warning\",\"title\":\"Almost full\",\"message\":"
	    "\"\\u001b[5m2 spots left\",\"event_id\":\"3\",\"created_at\":"
	    "\"2026-06-15T09:00:00Z\"}", 0, NULL);
	CHECK_INT(model_parse_notification(j, &no, &cause), 0);
	CHECK_INT(no.id, 9);
	CHECK_INT(no.seq, 20);
	CHECK_INT(no.level, NOTIFY_WARNING);
	CHECK_STR(notification_level_name(no.level), "warning");
	CHECK_STR(no.title, "Almost full");
	CHECK_STR(no.message, "2 spots left");
	CHECK_INT(no.event_id, 3);
	CHECK_INT(no.created_at, 1781514000);
	notification_done(&no);
	json_decref(j);

	j = json_loads("{\"level\":\"shouty\",\"type\":\"x\"}", 0, NULL);
	CHECK_INT(model_parse_notification(j, &no, &cause), 0);
	CHECK_INT(no.level, NOTIFY_INFO);
	CHECK_INT(no.seq, -1);
	CHECK_INT(no.event_id, -1);
	CHECK(no.message == NULL);
	notification_done(&no);
	json_decref(j);
}

static void
test_notification_list(void)
{
	static const char good[] = "{\"notifications\":["
	    "{\"id\":1,\"seq\":\"4\",\"type\":\"activity\",\"level\":"
	    "\"info\",\"title\":\"Doors open\"},"
	    "{\"id\":2,\"seq\":5,\"type\":\"activity\",\"level\":\"error\","
	    "\"title\":\"Printer\",\"message\":\"jam\"}]}";
	struct notification	*notes;
	const char		*bad;
	size_t			 n;
	char			*cause = NULL;

	CHECK_INT(model_parse_notifications(good, strlen(good), &notes, &n,
	    &cause), 0);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_INT(notes[0].seq, 4);
		CHECK_STR(notes[0].title, "Doors open");
		CHECK_INT(notes[1].level, NOTIFY_ERROR);
		CHECK_STR(notes[1].message, "jam");
		notification_done(&notes[0]);
		notification_done(&notes[1]);
	}
	free(notes);

	CHECK_INT(model_parse_notifications("[]", 2, &notes, &n, &cause), 0);
	CHECK_INT(n, 0);
	free(notes);

	bad = "{\"notifications\":5}";
	CHECK_INT(model_parse_notifications(bad, strlen(bad), &notes, &n,
	    &cause), -1);
	CHECK(cause != NULL && strstr(cause, "no list of notifications"));
	free(cause);
	cause = NULL;

	bad = "[{\"type\":\"a\"},7]";
	CHECK_INT(model_parse_notifications(bad, strlen(bad), &notes, &n,
	    &cause), -1);
	CHECK(cause != NULL && strstr(cause, "item 2 of the notifications"));
	CHECK(notes == NULL && n == 0);
	free(cause);
}

/* The answers to registering: the mock's, a core server's, odd ones. */
static void
test_registration(void)
{
	static const char mock[] = "{\"message\":\"The event is full: you "
	    "are on the waitlist\",\"registration\":{\"id\":\"12\","
	    "\"user_id\":4,\"event_id\":1,\"status\":\"waitlisted\","
	    "\"position\":\"3\"}}";
	static const char core[] = "{\"message\":\"Registered \\u001b[31m"
	    "ok\",\"registration\":{\"id\":5,\"event_id\":2,"
	    "\"status\":\"confirmed\"}}";
	static const char *const bad[] = {
		"[1]", "{\"registration\":7}", "not json",
		"{\"registration\":{\"position\":\"two\"}}",
	};
	struct registration	 r;
	const char		*bare;
	char			*cause = NULL;
	size_t			 i;

	CHECK_INT(model_parse_registration(mock, strlen(mock), &r, &cause), 0);
	CHECK_INT(r.id, 12);
	CHECK_INT(r.event_id, 1);
	CHECK_STR(r.status, "waitlisted");
	CHECK_INT(r.position, 3);
	CHECK_STR(r.message, "The event is full: you are on the waitlist");
	registration_done(&r);

	/* No position; the message loses its escape sequence. */
	CHECK_INT(model_parse_registration(core, strlen(core), &r, &cause), 0);
	CHECK_STR(r.status, "confirmed");
	CHECK_INT(r.position, -1);
	CHECK_STR(r.message, "Registered ok");
	registration_done(&r);

	/* A cancel answers a message only, or nothing at all. */
	bare = "{\"message\":\"Cancelled\"}";
	CHECK_INT(model_parse_registration(bare, strlen(bare), &r, &cause), 0);
	CHECK_STR(r.message, "Cancelled");
	CHECK(r.status == NULL);
	registration_done(&r);
	CHECK_INT(model_parse_registration("", 0, &r, &cause), 0);
	CHECK(r.message == NULL && r.status == NULL);

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cause = NULL;
		CHECK_INT(model_parse_registration(bad[i], strlen(bad[i]), &r,
		    &cause), -1);
		CHECK(cause != NULL);
		CHECK(r.message == NULL && r.status == NULL);
		free(cause);
	}
}

TEST_MAIN(
	TEST_CASE(test_events_list),
	TEST_CASE(test_unpaginated_list),
	TEST_CASE(test_bare_array_and_strings),
	TEST_CASE(test_missing_required),
	TEST_CASE(test_wrong_types),
	TEST_CASE(test_list_with_bad_item),
	TEST_CASE(test_malformed_json),
	TEST_CASE(test_huge_strings_truncated),
	TEST_CASE(test_escapes_sanitized),
	TEST_CASE(test_login),
	TEST_CASE(test_login_refused),
	TEST_CASE(test_login_unsigned_fallback),
	TEST_CASE(test_login_unreadable_claims),
	TEST_CASE(test_login_user_beats_claims),
	TEST_CASE(test_error_bodies),
	TEST_CASE(test_error_body_parts),
	TEST_CASE(test_envelopes),
	TEST_CASE(test_counters_partial),
	TEST_CASE(test_notification),
	TEST_CASE(test_notification_list),
	TEST_CASE(test_registration)
)
