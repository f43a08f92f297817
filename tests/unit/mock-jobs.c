/*
 * evtop-mock's jobs on an in-memory store, driven by a clock of the
 * test's own: the mail queue's states, retries and counters, campaigns of
 * every guest filled a chunk at a time, reminders firing once, chat rules,
 * stats buckets and seqs that survive a restart.
 */
#include <stdlib.h>
#include <string.h>

#include "campaigns.h"
#include "chat.h"
#include "db.h"
#include "events.h"
#include "hub.h"
#include "mailq.h"
#include "mock.h"
#include "notify.h"
#include "reminders.h"
#include "stats.h"
#include "users.h"
#include "mock-fixture.h"
#include "test.h"

#define NOW	1781510400	/* 2026-06-15T08:00:00Z */
#define NOW_MS	((int64_t)NOW * 1000)

static struct mock	m;

static void
setup(void)
{
	mock_fixture_open(&m, NULL, 4096, 64, 0);
}

static void
teardown(void)
{
	mock_fixture_close(&m);
}

static int64_t
sql_int(const char *sql)
{
	sqlite3_stmt	*stmt;
	int64_t		 v = -1;

	if (sqlite3_prepare_v2(db_handle(m.db), sql, -1, &stmt, NULL) !=
	    SQLITE_OK) {
		fprintf(stderr, "bad SQL: %s\n", sql);
		return (-1);
	}
	if (sqlite3_step(stmt) == SQLITE_ROW)
		v = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return (v);
}

static void
sql_exec(const char *sql)
{
	char	*cause = NULL;

	if (db_exec(m.db, sql, &cause) != 0) {
		fprintf(stderr, "%s\n", cause);
		free(cause);
		CHECK(0);
	}
}

static int64_t
make_event(const char *status)
{
	struct event_new	ev = { .title = "Jobs Night",
	    .date_time = NOW + 86400, .max_capacity = 10, .status = status };

	return (mock_fixture_event(&m, &ev, NOW - 86400));
}

static int64_t
make_user(const char *email, const char *name)
{
	return (mock_fixture_user(&m, email, name, "attendee", NOW));
}

/* Adds n guests to event (every third declined); the first id. */
static int64_t
make_guests(int64_t event, int n)
{
	char	sql[512];
	int64_t	first;

	first = sql_int("SELECT COALESCE(MAX(id), 0) + 1 FROM guests");
	snprintf(sql, sizeof sql,
	    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c"
	    " WHERE x < %d) INSERT INTO guests (event_id, name, email,"
	    " rsvp_status, ticket_code, created_at) SELECT %lld, 'G' || x,"
	    " 'g' || x || '-%lld@example.org', CASE WHEN x %% 3 = 0 THEN"
	    " 'declined' ELSE 'pending' END, 'T%lld-' || x, %d FROM c",
	    n, (long long)event, (long long)event, (long long)event, NOW);
	sql_exec(sql);
	return (first);
}

static json_t *
campaign(int64_t id)
{
	return (campaigns_get_json(m.db, id, NULL));
}

static int64_t
field(json_t *obj, const char *key)
{
	return (json_integer_value(json_object_get(obj, key)));
}

/* Every counter of every campaign matches the rows of email_logs. */
static int
counters_match(void)
{
	return (sql_int("SELECT COUNT(*) FROM campaigns c WHERE"
	    " c.active != (SELECT COUNT(*) FROM email_logs l WHERE"
	    "  l.campaign_id = c.id AND l.status = 'active') OR"
	    " c.delayed != (SELECT COUNT(*) FROM email_logs l WHERE"
	    "  l.campaign_id = c.id AND l.status = 'delayed') OR"
	    " c.sent != (SELECT COUNT(*) FROM email_logs l WHERE"
	    "  l.campaign_id = c.id AND l.status = 'sent') OR"
	    " c.failed != (SELECT COUNT(*) FROM email_logs l WHERE"
	    "  l.campaign_id = c.id AND l.status = 'failed') OR"
	    " c.filled != (SELECT COUNT(*) FROM email_logs l WHERE"
	    "  l.campaign_id = c.id)") == 0);
}

static size_t	envelopes;
static char	envelope_type[32];

static void
count_envelope(uint64_t seq, const char *text, void *arg)
{
	char	want[64];

	(void)seq;
	(void)arg;
	snprintf(want, sizeof want, "\"type\":\"%s\"", envelope_type);
	if (strstr(text, want) != NULL)
		envelopes++;
}

static size_t
count_envelopes(const char *type)
{
	envelopes = 0;
	snprintf(envelope_type, sizeof envelope_type, "%s", type);
	hub_replay_each(m.hub, 0, count_envelope, NULL);
	return (envelopes);
}

static struct mailq *
queue(double failure_rate, int max_attempts)
{
	struct mailq_params	p;

	mailq_params_default(&p);
	p.failure_rate = failure_rate;
	p.max_attempts = max_attempts;
	p.retry_ms = 1000;
	return (mailq_new(&m, &p));
}

static void
test_campaign_listed_guests(void)
{
	struct campaign_select	 sel;
	struct mailq		*mq;
	json_t			*c;
	int64_t			 event, other, first, ofirst, id, skipped;
	int64_t			 ids[6];
	char			*cause = NULL;

	setup();
	event = make_event("published");
	other = make_event("published");
	first = make_guests(event, 4);
	ofirst = make_guests(other, 1);
	sql_exec("UPDATE guests SET email = '' WHERE id = (SELECT MIN(id)"
	    " FROM guests)");
	/* A repeat, a guest of another event and one that never was. */
	ids[0] = first;
	ids[1] = first + 1;
	ids[2] = first + 2;
	ids[3] = first + 1;
	ids[4] = ofirst;
	ids[5] = 999999;
	memset(&sel, 0, sizeof sel);
	sel.guest_ids = ids;
	sel.nguest_ids = 6;
	CHECK_INT(campaigns_create(m.db, event, 0, &sel, NOW_MS, &id,
	    &skipped, &cause), CAMPAIGNS_OK);
	CHECK_INT(skipped, 2);
	c = campaign(id);
	CHECK_STR(json_string_value(json_object_get(c, "status")), "queued");
	CHECK_INT(field(c, "total"), 3);
	CHECK_INT(field(c, "queued"), 3);
	json_decref(c);

	/* Nobody to invite is refused, and nothing is left behind. */
	ids[0] = ofirst;
	sel.nguest_ids = 1;
	CHECK_INT(campaigns_create(m.db, event, 0, &sel, NOW_MS, &id,
	    &skipped, &cause), CAMPAIGNS_EMPTY);
	CHECK(cause != NULL);
	free(cause);
	CHECK_INT(sql_int("SELECT COUNT(*) FROM campaigns"), 1);

	mq = queue(0, 5);
	/* Pass 1 takes them, pass 2 delivers. */
	CHECK_INT(mailq_step(mq, NOW_MS, 100), 0);
	CHECK_INT(sql_int("SELECT COUNT(*) FROM email_logs WHERE status ="
	    " 'active'"), 3);
	c = campaign(1);
	CHECK_STR(json_string_value(json_object_get(c, "status")), "sending");
	CHECK_INT(field(c, "active"), 3);
	json_decref(c);
	CHECK(counters_match());
	mailq_step(mq, NOW_MS + 100, 100);
	c = campaign(1);
	CHECK_STR(json_string_value(json_object_get(c, "status")), "done");
	CHECK_INT(field(c, "sent"), 2);
	CHECK_INT(field(c, "failed"), 1);
	CHECK_INT(field(c, "queued"), 0);
	CHECK(json_is_string(json_object_get(c, "finished_at")));
	json_decref(c);
	CHECK(counters_match());
	/* The guest without an address fails at once, with a reason. */
	CHECK_INT(sql_int("SELECT attempts FROM email_logs WHERE email = ''"),
	    1);
	CHECK_INT(sql_int("SELECT COUNT(*) FROM email_logs WHERE"
	    " error = '" MAILQ_ERROR_NO_EMAIL "'"), 1);
	CHECK_INT(sql_int("SELECT COUNT(*) FROM guests WHERE invited_at ="
	    " 1781510400"), 2);
	/* Finished: a notification and nothing left to do. */
	CHECK_INT(sql_int("SELECT COUNT(*) FROM notifications WHERE type ="
	    " 'campaign' AND level = 'warning' AND event_id = 1"), 1);
	CHECK(count_envelopes("campaign.progress") >= 2);
	CHECK_INT(mailq_step(mq, NOW_MS + 200, 100), -1);
	mailq_free(mq);
	teardown();
}

static void
test_retries_back_off_then_fail(void)
{
	struct campaign_select	 sel;
	struct mailq		*mq;
	json_t			*c;
	int64_t			 event, first, id, skipped, t, due;
	char			*cause = NULL;
	int			 attempt;

	setup();
	event = make_event("published");
	first = make_guests(event, 1);
	memset(&sel, 0, sizeof sel);
	sel.guest_ids = &first;
	sel.nguest_ids = 1;
	CHECK_INT(campaigns_create(m.db, event, 0, &sel, NOW_MS, &id,
	    &skipped, &cause), CAMPAIGNS_OK);

	/* Every attempt fails: retries after 1, 2, then 4 seconds. */
	mq = queue(1.0, 4);
	t = NOW_MS;
	for (attempt = 1; attempt <= 3; attempt++) {
		CHECK_INT(mailq_step(mq, t, 10), 0);		/* taken */
		CHECK(mailq_step(mq, t + 100, 10) >= 0);	/* delayed */
		due = sql_int("SELECT due_ms FROM email_logs");
		CHECK_INT(due - (t + 100), 1000LL << (attempt - 1));
		CHECK_INT(sql_int("SELECT attempts FROM email_logs"), attempt);
		c = campaign(id);
		CHECK_INT(field(c, "delayed"), 1);
		CHECK_STR(json_string_value(json_object_get(c, "status")),
		    "sending");
		json_decref(c);
		CHECK(counters_match());
		/* Not due yet: nothing is taken, and it says when. */
		CHECK_INT(mailq_step(mq, due - 1, 10), 1);
		CHECK_INT(sql_int("SELECT COUNT(*) FROM email_logs WHERE"
		    " status = 'delayed' AND error = '" MAILQ_ERROR_RETRY
		    "'"), 1);
		t = due;
	}
	CHECK_INT(mailq_step(mq, t, 10), 0);
	CHECK_INT(mailq_step(mq, t + 100, 10), -1);
	c = campaign(id);
	CHECK_STR(json_string_value(json_object_get(c, "status")), "done");
	CHECK_INT(field(c, "failed"), 1);
	CHECK_INT(field(c, "delayed"), 0);
	json_decref(c);
	CHECK_INT(sql_int("SELECT attempts FROM email_logs WHERE status ="
	    " 'failed' AND error = '" MAILQ_ERROR_FAILED "'"), 4);
	CHECK_INT(sql_int("SELECT COUNT(*) FROM guests WHERE invited_at IS NOT"
	    " NULL"), 0);
	mailq_free(mq);
	teardown();
}

/* Runs passes 100 ms apart until nothing is left; how many it took. */
static int
drain(struct mailq *mq, int64_t *t, size_t batch, int max)
{
	int	passes = 0;

	while (passes < max && mailq_step(mq, *t, batch) >= 0) {
		*t += 100;
		passes++;
		if (!counters_match()) {
			CHECK(0);
			break;
		}
	}
	return (passes);
}

static void
test_every_guest_in_chunks(void)
{
	struct campaign_select	 sel;
	struct mailq		*mq;
	json_t			*c;
	int64_t			 event, id, skipped, t = NOW_MS, pending;
	char			*cause = NULL;

	setup();
	event = make_event("published");
	make_guests(event, 5000);
	make_guests(make_event("published"), 10);
	pending = sql_int("SELECT COUNT(*) FROM guests WHERE event_id = 1 AND"
	    " rsvp_status = 'pending'");
	memset(&sel, 0, sizeof sel);
	sel.rsvp = "pending";
	CHECK_INT(campaigns_create(m.db, event, 0, &sel, NOW_MS, &id,
	    &skipped, &cause), CAMPAIGNS_OK);
	c = campaign(id);
	CHECK_INT(field(c, "total"), pending);
	CHECK_INT(field(c, "queued"), pending);
	json_decref(c);
	/* Nothing is copied until the queue runs. */
	CHECK_INT(sql_int("SELECT COUNT(*) FROM email_logs"), 0);

	mq = queue(0, 5);
	/* A pass copies one chunk of guests and takes at most a batch. */
	CHECK_INT(mailq_step(mq, t, 50), 0);
	CHECK(sql_int("SELECT COUNT(*) FROM email_logs") <= MAILQ_FILL_CHUNK);
	CHECK_INT(sql_int("SELECT COUNT(*) FROM email_logs WHERE status ="
	    " 'active'"), 50);
	/* Guests deleted meanwhile: the total settles on what was queued. */
	sql_exec("DELETE FROM guests WHERE event_id = 1 AND id > 4990");
	t += 100;
	drain(mq, &t, 1000, 100);
	c = campaign(id);
	CHECK_STR(json_string_value(json_object_get(c, "status")), "done");
	CHECK_INT(field(c, "total"), sql_int("SELECT COUNT(*) FROM guests"
	    " WHERE event_id = 1 AND rsvp_status = 'pending'"));
	CHECK_INT(field(c, "sent"), field(c, "total"));
	CHECK_INT(field(c, "queued"), 0);
	json_decref(c);
	/* Declined guests and other events' guests got nothing. */
	CHECK_INT(sql_int("SELECT COUNT(*) FROM email_logs l JOIN guests g ON"
	    " g.id = l.guest_id WHERE g.rsvp_status != 'pending' OR"
	    " g.event_id != 1"), 0);
	mailq_free(mq);
	teardown();
}

/* The dice give the same failures on every run with the same seed. */
static int64_t
failures_with_seed(void)
{
	struct campaign_select	 sel;
	struct mailq		*mq;
	json_t			*c;
	int64_t			 event, id, skipped, t = NOW_MS, failed;
	char			*cause = NULL;

	setup();
	event = make_event("published");
	make_guests(event, 300);
	memset(&sel, 0, sizeof sel);
	CHECK_INT(campaigns_create(m.db, event, 0, &sel, NOW_MS, &id,
	    &skipped, &cause), CAMPAIGNS_OK);
	mq = queue(0.5, 2);
	drain(mq, &t, 1000, 500);
	c = campaign(id);
	CHECK_STR(json_string_value(json_object_get(c, "status")), "done");
	CHECK_INT(field(c, "sent") + field(c, "failed"), 300);
	failed = field(c, "failed");
	json_decref(c);
	/* Some made it on the second try: retries happened. */
	CHECK(sql_int("SELECT COUNT(*) FROM email_logs WHERE status = 'sent'"
	    " AND attempts = 2") > 0);
	mailq_free(mq);
	teardown();
	return (failed);
}

static void
test_failures_are_deterministic(void)
{
	int64_t	a, b;

	a = failures_with_seed();
	b = failures_with_seed();
	/* About a quarter fail twice in a row at 0.5. */
	CHECK(a > 30 && a < 130);
	CHECK_INT(a, b);
}

static void
test_progress_is_throttled(void)
{
	struct campaign_select	 sel;
	struct mailq		*mq;
	int64_t			 event, id, skipped, t;
	char			*cause = NULL;

	setup();
	event = make_event("published");
	make_guests(event, 200);
	memset(&sel, 0, sizeof sel);
	CHECK_INT(campaigns_create(m.db, event, 0, &sel, NOW_MS, &id,
	    &skipped, &cause), CAMPAIGNS_OK);
	mq = queue(0, 5);
	/* 200 passes 5 ms apart, a mail each: one second of changes. */
	for (t = NOW_MS; t < NOW_MS + 1000; t += 5)
		mailq_step(mq, t, 1);
	/* At most four a second, plus the change to "sending". */
	CHECK(count_envelopes("campaign.progress") <= 5);
	CHECK(count_envelopes("campaign.progress") >= 3);
	mailq_free(mq);
	teardown();
}

static void
test_queue_totals(void)
{
	struct campaign_select	 sel;
	struct mailq		*mq;
	json_t			*q;
	int64_t			 event, id, skipped;
	char			*cause = NULL;

	setup();
	event = make_event("published");
	make_guests(event, 30);
	memset(&sel, 0, sizeof sel);
	CHECK_INT(campaigns_create(m.db, event, 0, &sel, NOW_MS, &id,
	    &skipped, &cause), CAMPAIGNS_OK);
	mq = queue(0, 5);
	mailq_step(mq, NOW_MS, 10);
	q = campaigns_queue_json(m.db);
	CHECK_STR(json_string_value(json_object_get(q, "name")), "email");
	CHECK_INT(field(q, "waiting"), 20);
	CHECK_INT(field(q, "active"), 10);
	CHECK_INT(field(q, "completed"), 0);
	json_decref(q);
	mailq_step(mq, NOW_MS + 100, 0);
	q = campaigns_queue_json(m.db);
	CHECK_INT(field(q, "active"), 0);
	CHECK_INT(field(q, "completed"), 10);
	json_decref(q);
	mailq_free(mq);
	teardown();
}

static void
test_reminders_fire_once(void)
{
	json_t	*r, *list;
	int64_t	 event, total;
	char	*cause = NULL;

	setup();
	event = make_event("published");
	CHECK_INT(reminders_create(m.db, event, 0, NOW + 60, "Doors open",
	    NOW, &r, &cause), REMINDERS_OK);
	CHECK_STR(json_string_value(json_object_get(r, "status")), "pending");
	CHECK_STR(json_string_value(json_object_get(r, "at")),
	    "2026-06-15T08:01:00Z");
	json_decref(r);
	CHECK_INT(reminders_create(m.db, event, 0, NOW + 30, "Coffee",
	    NOW, &r, &cause), REMINDERS_OK);
	json_decref(r);
	CHECK_INT(reminders_next(m.db), NOW + 30);

	CHECK_INT(reminders_fire_due(&m, NOW + 29, 10), 0);
	CHECK_INT(reminders_fire_due(&m, NOW + 30, 10), 1);
	CHECK_INT(reminders_fire_due(&m, NOW + 30, 10), 0);
	CHECK_INT(reminders_next(m.db), NOW + 60);
	/* Overdue (the server was down): fires late, once. */
	CHECK_INT(reminders_fire_due(&m, NOW + 3600, 10), 1);
	CHECK_INT(reminders_fire_due(&m, NOW + 7200, 10), 0);
	CHECK_INT(reminders_next(m.db), 0);

	CHECK_INT(sql_int("SELECT COUNT(*) FROM notifications WHERE type ="
	    " 'reminder' AND event_id = 1 AND title = 'Reminder: Jobs Night'"),
	    2);
	CHECK_INT(count_envelopes("notification"), 2);
	/* The reminder names the notification that told it. */
	CHECK_INT(sql_int("SELECT COUNT(*) FROM reminders r JOIN notifications"
	    " n ON n.seq = r.notification_seq WHERE r.status = 'sent'"), 2);
	list = reminders_list_json(m.db, event, 1, 50, &total);
	CHECK_INT(total, 2);
	CHECK_STR(json_string_value(json_object_get(json_array_get(list, 0),
	    "message")), "Coffee");
	CHECK_STR(json_string_value(json_object_get(json_array_get(list, 1),
	    "status")), "sent");
	CHECK_STR(json_string_value(json_object_get(json_array_get(list, 1),
	    "sent_at")), "2026-06-15T09:00:00Z");
	json_decref(list);
	teardown();
}

static void
test_reminders_limit_and_queue(void)
{
	json_t	*r, *q;
	int64_t	 event;
	char	*cause = NULL;
	int	 i;

	setup();
	event = make_event("published");
	for (i = 0; i < REMINDERS_PENDING_MAX; i++) {
		CHECK_INT(reminders_create(m.db, event, 0, NOW + 10 + i, "x",
		    NOW, &r, &cause), REMINDERS_OK);
		json_decref(r);
	}
	CHECK_INT(reminders_create(m.db, event, 0, NOW + 10, "x", NOW, &r,
	    &cause), REMINDERS_FULL);
	CHECK(cause != NULL && strstr(cause, "at most") != NULL);
	free(cause);
	CHECK_INT(reminders_fire_due(&m, NOW + 14, 3), 3);
	q = reminders_queue_json(m.db, NOW + 14);
	CHECK_STR(json_string_value(json_object_get(q, "name")), "reminders");
	CHECK_INT(field(q, "completed"), 3);
	CHECK_INT(field(q, "waiting"), 2);	/* due at +13 and +14 */
	CHECK_INT(field(q, "delayed"), REMINDERS_PENDING_MAX - 5);
	json_decref(q);
	teardown();
}

static void
test_seq_continues_after_restart(void)
{
	char		*cause = NULL;
	uint64_t	 first, second;

	setup();
	CHECK((first = notify_post(&m, "activity", "info", "A", "a", 0, NOW,
	    &cause)) > 0);
	notify_post(&m, "activity", "info", "B", "b", 0, NOW, &cause);
	first = notify_last_seq(&m);
	/* A new hub over the same store, as after a restart with --db. */
	hub_free(m.hub);
	m.hub = hub_new(64, 64);
	hub_start_at(m.hub, notify_last_seq(&m));
	second = notify_post(&m, "activity", "info", "C", "c", 0, NOW, &cause);
	CHECK(second > first);
	CHECK_INT(notify_last_seq(&m), second);
	teardown();
}

/* Pops a client's next frame and says whether it is of type. */
static int
next_is(struct hub_client *c, const char *type)
{
	const char	*text;
	size_t		 len;
	json_t		*f;
	int		 yes;

	if ((text = hub_client_peek(c, &len)) == NULL)
		return (0);
	f = json_loadb(text, len, 0, NULL);
	yes = f != NULL && strcmp(json_string_value(json_object_get(f,
	    "type")), type) == 0;
	json_decref(f);
	hub_client_pop(c);
	return (yes);
}

static void
test_hub_resumes_after_stored_seq(void)
{
	struct hub_client	*c;
	json_t			*topics;
	char			*cause = NULL;

	setup();
	hub_start_at(m.hub, 100);
	CHECK_INT(hub_seq(m.hub), 100);
	CHECK_INT(hub_next_seq(m.hub), 101);
	topics = json_pack("[s]", "notifications");
	/* Asking for what came before the restart: resync. */
	c = hub_client_new(m.hub, NULL, NULL);
	CHECK_INT(hub_client_subscribe(c, topics, 1, 50, &cause), 0);
	CHECK(next_is(c, "resync"));
	hub_client_free(c);
	/* Up to date: nothing to replay, then the next one live. */
	c = hub_client_new(m.hub, NULL, NULL);
	CHECK_INT(hub_client_subscribe(c, topics, 1, 100, &cause), 0);
	CHECK(hub_client_peek(c, &(size_t){ 0 }) == NULL);
	CHECK_INT(notify_post(&m, "activity", "info", "T", "t", 0, NOW,
	    &cause), 101);
	CHECK(next_is(c, "notification"));
	hub_client_free(c);
	json_decref(topics);
	teardown();
}

static void
test_chat_rules(void)
{
	json_t	*msg, *list;
	int64_t	 event, closed, user, retry;
	char	 text[2100], *cause = NULL;
	int	 i;

	CHECK(chat_text_problem("hello") == NULL);
	CHECK(chat_text_problem("line\nbreak\ttab\r\n") == NULL);
	CHECK(chat_text_problem("") != NULL);
	CHECK(chat_text_problem(" \n\t") != NULL);
	CHECK(chat_text_problem("bell\a") != NULL);
	CHECK(chat_text_problem("esc\033[2J") != NULL);
	/* 1000 characters of two bytes each are fine, 1001 are not. */
	for (i = 0; i < 1000; i++)
		memcpy(text + i * 2, "\xc3\xa9", 2);
	text[2000] = '\0';
	CHECK(chat_text_problem(text) == NULL);
	memset(text, 'x', 1001);
	text[1001] = '\0';
	CHECK(chat_text_problem(text) != NULL);

	setup();
	event = make_event("published");
	closed = make_event("cancelled");
	user = make_user("chatty@example.org", "Chatty Cathy");
	CHECK_INT(chat_post(&m, closed, user, "hi", NOW, &msg, &retry,
	    &cause), CHAT_CLOSED);
	free(cause);
	cause = NULL;
	CHECK_INT(chat_post(&m, 999, user, "hi", NOW, &msg, &retry, &cause),
	    CHAT_NOT_FOUND);
	free(cause);
	cause = NULL;
	for (i = 0; i < CHAT_RATE_COUNT; i++) {
		CHECK_INT(chat_post(&m, event, user, "hi", NOW + i / 3, &msg,
		    &retry, &cause), CHAT_OK);
		CHECK_STR(json_string_value(json_object_get(msg, "user_name")),
		    "Chatty Cathy");
		json_decref(msg);
	}
	CHECK_INT(chat_post(&m, event, user, "one more", NOW + 2, &msg,
	    &retry, &cause), CHAT_LIMITED);
	CHECK_INT(retry, 3);	/* the first leaves the window at NOW + 5 */
	free(cause);
	cause = NULL;
	CHECK_INT(chat_post(&m, event, user, "later", NOW + 5, &msg, &retry,
	    &cause), CHAT_OK);
	json_decref(msg);
	CHECK_INT(count_envelopes("chat.message"), CHAT_RATE_COUNT + 1);

	/* Newest last; since pages forward. */
	list = chat_list_json(m.db, event, 0, 0, 2);
	CHECK_INT(json_array_size(list), 2);
	CHECK_STR(json_string_value(json_object_get(json_array_get(list, 1),
	    "text")), "later");
	json_decref(list);
	list = chat_list_json(m.db, event, 1, 2, 3);
	CHECK_INT(json_array_size(list), 3);
	CHECK_INT(field(json_array_get(list, 0), "id"), 3);
	json_decref(list);
	list = chat_list_json(m.db, closed, 0, 0, 50);
	CHECK_INT(json_array_size(list), 0);
	json_decref(list);
	teardown();
}

static void
test_stats_buckets(void)
{
	json_t	*s, *timeline, *b, *all;
	int64_t	 event, u1, u2, u3;
	char	 sql[512];

	setup();
	event = make_event("published");
	u1 = make_user("a@example.org", "A");
	u2 = make_user("b@example.org", "B");
	u3 = make_user("c@example.org", "C");
	/* Two confirmed in the minute before NOW, one checked in at NOW. */
	snprintf(sql, sizeof sql, "INSERT INTO registrations (user_id,"
	    " event_id, status, registration_date, checked_in_at) VALUES"
	    " (%lld, 1, 'confirmed', %d, %d), (%lld, 1, 'confirmed', %d,"
	    " NULL), (%lld, 1, 'waitlisted', %d, NULL)",
	    (long long)u1, NOW - 50, NOW, (long long)u2, NOW - 10,
	    (long long)u3, NOW - 10);
	sql_exec(sql);
	make_guests(event, 6);
	/*
	 * Guests at the door: two with no account, and u1's own guest row,
	 * whose check-in is the registration's and counts once.
	 */
	snprintf(sql, sizeof sql, "UPDATE guests SET checked_in_at = %d"
	    " WHERE id IN (1, 2); UPDATE guests SET checked_in_at = %d,"
	    " user_id = %lld WHERE id = 3", NOW + 30, NOW, (long long)u1);
	sql_exec(sql);

	s = stats_event_json(m.db, event, NOW + 61, 0, 5);
	CHECK(s != NULL);
	CHECK_INT(field(s, "capacity"), 10);
	CHECK_INT(field(s, "confirmed"), 2);
	CHECK_INT(field(s, "waitlisted"), 1);
	CHECK_INT(field(s, "available"), 8);
	CHECK_INT(field(s, "checked_in"), 3);
	CHECK_INT(field(s, "guests"), 6);
	CHECK_INT(field(json_object_get(s, "rsvp"), "pending"), 4);
	CHECK_INT(field(json_object_get(s, "rsvp"), "declined"), 2);
	CHECK_INT(field(json_object_get(s, "rsvp"), "accepted"), 0);
	timeline = json_object_get(s, "timeline");
	CHECK_INT(json_array_size(timeline), 5);
	/* Buckets 07:57 .. 08:01; the last one is under way at 08:01:01. */
	b = json_array_get(timeline, 2);
	CHECK_STR(json_string_value(json_object_get(b, "t")),
	    "2026-06-15T07:59:00Z");
	CHECK_INT(field(b, "confirmed"), 2);
	CHECK_INT(field(b, "checked_in"), 0);
	b = json_array_get(timeline, 3);
	CHECK_STR(json_string_value(json_object_get(b, "t")),
	    "2026-06-15T08:00:00Z");
	CHECK_INT(field(b, "checked_in"), 3);
	CHECK_STR(json_string_value(json_object_get(s, "timeline_until")),
	    "2026-06-15T08:02:00Z");
	json_decref(s);
	CHECK(stats_event_json(m.db, 999, NOW, 0, 5) == NULL);

	all = stats_global_json(m.db, NOW);
	CHECK_INT(field(all, "events"), 1);
	CHECK_INT(field(all, "upcoming"), 1);
	CHECK_INT(field(all, "confirmed"), 2);
	/* Everyone through the door, as the event's own counter says. */
	CHECK_INT(field(all, "checked_in"), 3);
	CHECK_INT(field(all, "guests"), 6);
	CHECK_INT(field(json_object_get(all, "rsvp"), "pending"), 4);
	json_decref(all);
	teardown();
}

TEST_MAIN(
	TEST_CASE(test_campaign_listed_guests),
	TEST_CASE(test_retries_back_off_then_fail),
	TEST_CASE(test_every_guest_in_chunks),
	TEST_CASE(test_failures_are_deterministic),
	TEST_CASE(test_progress_is_throttled),
	TEST_CASE(test_queue_totals),
	TEST_CASE(test_reminders_fire_once),
	TEST_CASE(test_reminders_limit_and_queue),
	TEST_CASE(test_seq_continues_after_restart),
	TEST_CASE(test_hub_resumes_after_stored_seq),
	TEST_CASE(test_chat_rules),
	TEST_CASE(test_stats_buckets))
