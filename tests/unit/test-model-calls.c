/*
 * The decoders behind the endpoint calls, fed what hostile or sloppy
 * servers send: wrong types, numeric strings, escape sequences in
 * strings, missing fields, lists that are not lists.
 */
#include <stdlib.h>
#include <string.h>

#include "json-util.h"
#include "model-calls.h"

#include "test.h"

/* Decodes one resource of type t from text; the struct or NULL. */
static void *
one(const struct model_type *t, const char *text, char **cause)
{
	json_t	*root;
	void	*v = NULL;

	*cause = NULL;
	root = json_loads(text, JSON_DECODE_ANY, NULL);
	CHECK(root != NULL);
	if (model_decode_one(t, root, &v, cause) != 0)
		v = NULL;
	json_decref(root);
	return (v);
}

static void
test_guest_sanitized(void)
{
	struct guest	*g;
	char		*cause;

	g = one(&model_type_guest, "{\"guest\":{\"id\":\"12\",\"event_id\":3,"
	    "\"name\":\"Eve\\u001b[2J\\u001b]0;pwn\\u0007 X\",\"email\":null,"
	    "\"checked_in_at\":\"2026-06-15T09:00:00.000+02:00\","
	    "\"unknown\":{\"deep\":[1,2]}}}", &cause);
	CHECK(g != NULL);
	if (g == NULL)
		return;
	CHECK_INT(g->id, 12);
	CHECK_INT(g->event_id, 3);
	CHECK_STR(g->name, "Eve X");
	CHECK(g->email == NULL);
	CHECK_INT(g->user_id, -1);
	CHECK_INT(g->version, -1);
	CHECK_INT(g->checked_in_at, 1781506800);
	CHECK_INT(g->invited_at, 0);
	model_free_one(&model_type_guest, g);
}

static void
test_wrong_types(void)
{
	static const char *const bad[] = {
		"{\"guest\":{\"id\":\"12x\"}}",
		"{\"guest\":{\"id\":1.5}}",
		"{\"guest\":{\"id\":true}}",
		"{\"guest\":{\"id\":1,\"name\":42}}",
		"{\"guest\":{\"id\":1,\"checked_in_at\":\"yesterday\"}}",
		"{\"guest\":{\"id\":1,\"checked_in_at\":17}}",
		"{\"guest\":{}}",
		"[1,2]",
		"\"guest\"",
	};
	struct guest	*g;
	char		*cause;
	size_t		 i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		g = one(&model_type_guest, bad[i], &cause);
		CHECK(g == NULL);
		CHECK(cause != NULL && strstr(cause, "guest") != NULL);
		model_free_one(&model_type_guest, g);
		free(cause);
	}
}

static void
test_checkin_flags(void)
{
	struct checkin	*c;
	char		*cause;

	c = one(&model_type_checkin, "{\"checked_in_at\":"
	    "\"2026-06-15T09:00:00Z\",\"replayed\":true,\"guest\":{\"id\":4,"
	    "\"name\":\"Al\"}}", &cause);
	CHECK(c != NULL);
	if (c != NULL) {
		CHECK_INT(c->replayed, 1);
		CHECK_INT(c->already, 0);
		CHECK_INT(c->guest.id, 4);
		CHECK_INT(c->checked_in_at, 1781514000);
		model_free_one(&model_type_checkin, c);
	}
	c = one(&model_type_checkin, "{\"replayed\":\"yes\",\"guest\":"
	    "{\"id\":4}}", &cause);
	CHECK(c == NULL);
	CHECK(cause != NULL && strstr(cause, "replayed") != NULL);
	free(cause);
	/* No guest: refused, nothing leaked. */
	c = one(&model_type_checkin, "{\"message\":\"hi\"}", &cause);
	CHECK(c == NULL);
	free(cause);
	/* The guest's own time stands in for a missing one. */
	c = one(&model_type_checkin, "{\"guest\":{\"id\":4,\"checked_in_at\":"
	    "\"2026-06-15T09:00:00Z\"}}", &cause);
	CHECK(c != NULL && c->checked_in_at == 1781514000);
	model_free_one(&model_type_checkin, c);
}

static void
test_import(void)
{
	struct guest_import	*gi;
	char			*cause;

	gi = one(&model_type_guest_import, "{\"imported\":\"3\",\"skipped\":1,"
	    "\"errors\":[{\"index\":2,\"message\":\"bad\\u009b31m\"},"
	    "{\"index\":\"5\"}]}", &cause);
	CHECK(gi != NULL);
	if (gi != NULL) {
		CHECK_INT(gi->imported, 3);
		CHECK_INT(gi->skipped, 1);
		CHECK_INT(gi->nerrors, 2);
		CHECK_STR(gi->errors[0].message, "bad");
		CHECK_INT(gi->errors[1].index, 5);
		CHECK_STR(gi->errors[1].message, "refused");
		CHECK(gi->guest == NULL);
		model_free_one(&model_type_guest_import, gi);
	}
	gi = one(&model_type_guest_import, "{\"imported\":1,\"errors\":{}}",
	    &cause);
	CHECK(gi == NULL);
	free(cause);
	gi = one(&model_type_guest_import, "{\"imported\":1,\"errors\":"
	    "[{\"index\":\"x\"}]}", &cause);
	CHECK(gi == NULL);
	CHECK(cause != NULL && strstr(cause, "index") != NULL);
	free(cause);
	gi = one(&model_type_guest_import, "{\"imported\":1,\"guest\":"
	    "{\"id\":[]}}", &cause);
	CHECK(gi == NULL);
	free(cause);
}

static void
test_event_stats(void)
{
	struct event_stats	*s;
	char			*cause;

	s = one(&model_type_event_stats, "{\"stats\":{\"capacity\":\"200\","
	    "\"confirmed\":120,\"rsvp\":{\"accepted\":\"7\"},\"timeline\":["
	    "{\"t\":\"2026-06-15T09:00:00Z\",\"confirmed\":1},"
	    "{\"t\":\"2026-06-15T09:01:00Z\",\"checked_in\":\"2\"}]}}", &cause);
	CHECK(s != NULL);
	if (s != NULL) {
		CHECK_INT(s->capacity, 200);
		CHECK_INT(s->confirmed, 120);
		CHECK_INT(s->waitlisted, -1);
		CHECK_INT(s->inside, -1);
		CHECK_INT(s->rsvp.accepted, 7);
		CHECK_INT(s->rsvp.declined, -1);
		CHECK_INT(s->ntimeline, 2);
		CHECK_INT(s->timeline[1].checked_in, 2);
		CHECK_INT(s->timeline[1].confirmed, -1);
		model_free_one(&model_type_event_stats, s);
	}
	/* A server that counts who is inside now says so. */
	s = one(&model_type_event_stats, "{\"stats\":{\"checked_in\":9,"
	    "\"inside\":\"7\"}}", &cause);
	CHECK(s != NULL);
	if (s != NULL) {
		CHECK_INT(s->checked_in, 9);
		CHECK_INT(s->inside, 7);
		model_free_one(&model_type_event_stats, s);
	}
	s = one(&model_type_event_stats, "{\"stats\":{\"timeline\":[{}]}}",
	    &cause);
	CHECK(s == NULL);
	CHECK(cause != NULL && strstr(cause, "\"t\"") != NULL);
	free(cause);
	s = one(&model_type_event_stats, "{\"stats\":{\"rsvp\":[1]}}", &cause);
	CHECK(s == NULL);
	free(cause);
	s = one(&model_type_event_stats, "{\"stats\":{\"timeline\":\"x\"}}",
	    &cause);
	CHECK(s == NULL);
	free(cause);
}

static void
test_pages(void)
{
	struct model_page	 p;
	json_t			*root;
	char			*cause = NULL;
	const struct queue	*q;

	root = json_loads("{\"queues\":[{\"name\":\"email\\u001b[31m\","
	    "\"waiting\":\"4\"},{\"name\":\"x\",\"failed\":2}],\"total\":\"2\","
	    "\"page\":1}", 0, NULL);
	CHECK_INT(model_decode_page(&model_type_queue, root, &p, &cause), 0);
	q = p.items;
	CHECK_INT(p.n, 2);
	CHECK_INT(p.total, 2);
	CHECK_INT(p.page, 1);
	CHECK_INT(p.per_page, -1);
	if (p.n == 2) {
		CHECK_STR(q[0].name, "email");
		CHECK_INT(q[0].waiting, 4);
		CHECK_INT(q[1].failed, 2);
	}
	model_page_done(&model_type_queue, &p);
	json_decref(root);

	/* One bad item refuses the page, naming it; nothing leaks. */
	root = json_loads("{\"messages\":[{\"id\":1,\"text\":\"a\"},"
	    "{\"id\":2}]}", 0, NULL);
	CHECK_INT(model_decode_page(&model_type_chat_message, root, &p,
	    &cause), -1);
	CHECK(cause != NULL && strstr(cause, "item 2") != NULL);
	free(cause);
	cause = NULL;
	json_decref(root);
	root = json_loads("{\"logs\":{},\"total\":1}", 0, NULL);
	CHECK_INT(model_decode_page(&model_type_email_log, root, &p, &cause),
	    -1);
	free(cause);
	cause = NULL;
	json_decref(root);
	root = json_loads("{\"logs\":[],\"total\":\"many\"}", 0, NULL);
	CHECK_INT(model_decode_page(&model_type_email_log, root, &p, &cause),
	    -1);
	CHECK(cause != NULL && strstr(cause, "total") != NULL);
	free(cause);
	cause = NULL;
	json_decref(root);
	/* A bare array is a list too. */
	root = json_loads("[{\"id\":1,\"status\":\"confirmed\"}]", 0, NULL);
	CHECK_INT(model_decode_page(&model_type_registration_row, root, &p,
	    &cause), 0);
	CHECK_INT(p.n, 1);
	CHECK_INT(p.total, -1);
	model_page_done(&model_type_registration_row, &p);
	json_decref(root);
	/* A user's registrations, the event's fields named after it. */
	root = json_loads("{\"registrations\":[{\"id\":2,\"event_title\":"
	    "\"Launch\\u001b[2J\",\"event_date_time\":\"2026-06-15T09:00:00Z\","
	    "\"event_location\":\"Hall\"}]}", 0, NULL);
	CHECK_INT(model_decode_page(&model_type_registration_row, root, &p,
	    &cause), 0);
	CHECK_INT(p.n, 1);
	if (p.n == 1) {
		const struct registration_row *r = p.items;

		CHECK_STR(r->title, "Launch");	/* the escape sequence goes */
		CHECK_INT(r->date_time, 1781514000);
		CHECK_STR(r->location, "Hall");
	}
	model_page_done(&model_type_registration_row, &p);
	json_decref(root);
}

static void
test_misc_types(void)
{
	struct campaign		*c;
	struct reminder		*r;
	struct chat_message	*m;
	struct global_stats	*s;
	struct user		*u;
	char			*cause;

	c = one(&model_type_campaign, "{\"campaign\":{\"id\":1,\"total\":\"3\","
	    "\"status\":\"running\",\"finished_at\":null}}", &cause);
	CHECK(c != NULL && c->total == 3 && c->finished_at == 0 &&
	    c->sent == -1);
	model_free_one(&model_type_campaign, c);
	r = one(&model_type_reminder, "{\"reminder\":{\"id\":1,\"at\":"
	    "\"2026-06-15 09:00:00Z\",\"message\":\"a\\tb\\nc\"}}", &cause);
	CHECK(r != NULL);
	if (r != NULL) {
		CHECK_STR(r->message, "a b c");
		CHECK_INT(r->at, 1781514000);
	}
	model_free_one(&model_type_reminder, r);
	/* A POST's {"message":{...}}: the message object is the chat. */
	m = one(&model_type_chat_message, "{\"message\":{\"id\":9,\"text\":"
	    "\"hi\"}}", &cause);
	CHECK(m != NULL && m->id == 9);
	model_free_one(&model_type_chat_message, m);
	m = one(&model_type_chat_message, "{\"message\":\"Sent\"}", &cause);
	CHECK(m == NULL);
	free(cause);
	s = one(&model_type_global_stats, "{\"stats\":{\"events\":[3]}}",
	    &cause);
	CHECK(s == NULL);
	free(cause);
	u = one(&model_type_user, "{\"user\":{\"id\":\"7\",\"role\":"
	    "\"admin\\u001b[0m\"}}", &cause);
	CHECK(u != NULL && u->id == 7);
	if (u != NULL)
		CHECK_STR(u->role, "admin");
	model_free_one(&model_type_user, u);
}

TEST_MAIN(
	TEST_CASE(test_guest_sanitized),
	TEST_CASE(test_wrong_types),
	TEST_CASE(test_checkin_flags),
	TEST_CASE(test_import),
	TEST_CASE(test_event_stats),
	TEST_CASE(test_pages),
	TEST_CASE(test_misc_types)
)
