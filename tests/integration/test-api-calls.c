/*
 * Every endpoint of the API through the client's calls (api-calls.h),
 * against a real evtop-mock seeded with the demo: what a user would see
 * decoded, and the failures a view must tell apart by reason (a 404, a
 * 400's field errors, a 412 with the current version, a 409 at the door,
 * a role refused).  Every wait is bounded by a give-up timer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <uv.h>

#include "api.h"
#include "api-calls.h"
#include "log.h"
#include "mockproc.h"
#include "store.h"

#include "test.h"

#define GIVE_UP_MS	20000

/* What a call came to, copied out of its callback. */
struct got {
	int		 done;
	int		 status;
	long		 http;
	enum api_reason	 reason;
	char		*sentence;
	char		*message;	/* the server's, success or failure */
	char		*fields;	/* field errors' names, "a,b," */
	char		*current;	/* a 412's */
	int		 has_etag;
	size_t		 n;
	int64_t		 total;
	int		 whole;
	/* Checks of the typed value, run in the callback. */
	void		(*check)(const struct api_result *);
};

static struct mockproc	 mock;
static int		 mock_up;
static uv_loop_t	 loop;
static uv_timer_t	 give_up;
static int		 gave_up;
static struct store	*store;
static struct api	*api;
static struct got	 g;

/* What the checks found, for the next steps. */
static int64_t		 created_id = -1, guest_id = -1, campaign_id = -1;
static int64_t		 admin_id = -1;
static char		 ticket[64], rsvp_token[1024];
static time_t		 first_checkin;

static void
got_reset(void (*check)(const struct api_result *))
{
	free(g.sentence);
	free(g.message);
	free(g.fields);
	free(g.current);
	memset(&g, 0, sizeof g);
	g.check = check;
}

static void
on_result(void *arg, const struct api_result *r)
{
	struct got	*w = arg;
	char		*f = NULL, *old;
	size_t		 i;

	w->done++;
	w->status = r->status;
	w->http = r->http;
	w->has_etag = r->etag != NULL;
	w->n = r->n;
	w->total = r->total;
	w->whole = r->whole;
	if (r->message != NULL)
		w->message = strdup(r->message);
	if (r->error != NULL) {
		CHECK(r->status != API_OK);
		CHECK(r->error->sentence != NULL);
		CHECK(api_last_error(api) == r->error);
		w->reason = r->error->reason;
		w->sentence = strdup(r->error->sentence);
		if (r->error->message != NULL)
			w->message = strdup(r->error->message);
		if (r->error->current != NULL)
			w->current = strdup(r->error->current);
		for (i = 0; i < r->error->nfields; i++) {
			old = f;
			if (asprintf(&f, "%s%s,", old != NULL ? old : "",
			    r->error->fields[i].field != NULL ?
			    r->error->fields[i].field : "?") < 0)
				abort();
			free(old);
		}
		w->fields = f;
	} else
		CHECK_INT(r->status, API_OK);
	if (r->status == API_OK && w->check != NULL)
		w->check(r);
}

static void
on_give_up(uv_timer_t *t)
{
	gave_up = 1;
}

/* Runs the loop until the call has answered; 1 when it did. */
static int
wait_done(int want)
{
	gave_up = 0;
	uv_timer_start(&give_up, on_give_up, GIVE_UP_MS, 0);
	while (g.done < want && !gave_up)
		uv_run(&loop, UV_RUN_ONCE);
	uv_timer_stop(&give_up);
	return (g.done == want);
}

/* A call started (0) and answered once. */
#define ASK(call) do {							\
	CHECK_INT((call), 0);						\
	CHECK(wait_done(1));						\
} while (0)

static void
on_signed_in(void *arg, int status, const char *cause)
{
	g.done++;
	g.status = status;
}

static void
setup(void)
{
	static const char *const	 extra[] = { "--seed", "demo",
	    "--hash-cost", "4", NULL };
	struct api_options		 opts;
	char				*path, *cause = NULL;

	if (getenv("EVTOP_TEST_TRACE") != NULL)
		log_open(getenv("EVTOP_TEST_TRACE"));
	if ((path = mockproc_find(&cause)) == NULL ||
	    mockproc_start(&mock, path, extra, -1, 30000, &cause) != 0) {
		fprintf(stderr, "evtop-mock did not start: %s\n", cause);
		exit(1);
	}
	free(path);
	mock_up = 1;
	CHECK_INT(uv_loop_init(&loop), 0);
	uv_timer_init(&loop, &give_up);
	store = store_new();
	memset(&opts, 0, sizeof opts);
	opts.server = mock.url;
	api = api_new(&loop, &opts, store, NULL, NULL);
	got_reset(NULL);
	api_login(api, "admin@example.com", "evtop-demo", on_signed_in, &g);
	CHECK(wait_done(1));
	CHECK_INT(g.status, API_OK);
	CHECK(api_session(api) != NULL);
	if (api_session(api) != NULL)
		admin_id = api_session(api)->user.id;
}

static void
check_profile(const struct api_result *r)
{
	CHECK_STR(r->v.user->email, "admin@example.com");
	CHECK_STR(r->v.user->role, "admin");
	CHECK_INT(r->v.user->id, admin_id);
}

static void
check_user_stats(const struct api_result *r)
{
	CHECK(r->v.user_stats->events_created >= 1);
	CHECK(r->v.user_stats->events_registered >= 0);
	CHECK(r->v.user_stats->upcoming_events >= 0);
}

static void
test_profile(void)
{
	got_reset(check_profile);
	ASK(api_profile_get(api, on_result, &g));
	CHECK_INT(g.http, 200);
	CHECK(g.has_etag);
	got_reset(check_user_stats);
	ASK(api_user_stats(api, on_result, &g));
	CHECK_INT(g.status, API_OK);
}

static void
check_events_page(const struct api_result *r)
{
	CHECK_INT(r->n, 2);
	CHECK(r->total > 2);
	CHECK_INT(r->page, 1);
	CHECK_INT(r->per_page, 2);
	CHECK_INT(r->whole, 0);
	CHECK_STR(r->items.events[0].title, "Evtop Launch Party");
	CHECK(r->items.events[0].date_time > 0);
}

static void
check_search(const struct api_result *r)
{
	CHECK(r->n >= 1);
	if (r->n >= 1)
		CHECK(strstr(r->items.events[0].title, "Launch") != NULL);
}

static void
check_event_1(const struct api_result *r)
{
	CHECK_INT(r->v.event->id, 1);
	CHECK_STR(r->v.event->title, "Evtop Launch Party");
	CHECK_STR(r->v.event->location, "Lisbon, Hall A");
	CHECK_INT(r->v.event->max_capacity, 200);
	CHECK(r->v.event->version >= 1);
}

static void
test_events(void)
{
	const struct api_param	q[] = { { "q", "Launch" }, { NULL, NULL } };

	got_reset(check_events_page);
	ASK(api_events_list(api, NULL, 1, 2, on_result, &g));
	CHECK_INT(g.status, API_OK);
	got_reset(check_search);
	ASK(api_events_search(api, q, 1, 10, on_result, &g));
	CHECK_INT(g.status, API_OK);
	got_reset(check_event_1);
	ASK(api_event_get(api, 1, on_result, &g));
	CHECK_INT(g.status, API_OK);
	CHECK(g.has_etag);
}

static void
test_not_found(void)
{
	got_reset(NULL);
	ASK(api_event_get(api, 999999, on_result, &g));
	CHECK_INT(g.status, API_ERR_FAILED);
	CHECK_INT(g.http, 404);
	CHECK_INT(g.reason, API_REASON_NOT_FOUND);
	CHECK(g.sentence != NULL && strstr(g.sentence, "Event not found") !=
	    NULL);
}

static void
check_created(const struct api_result *r)
{
	created_id = r->v.event->id;
	CHECK_STR(r->v.event->title, "Calls test");
	CHECK_INT(r->v.event->max_capacity, 10);
	CHECK_INT(r->v.event->version, 1);
	CHECK(r->message != NULL);
}

static void
check_updated(const struct api_result *r)
{
	CHECK_STR(r->v.event->title, "Calls test, renamed");
	CHECK_INT(r->v.event->version, 2);
}

static void
test_event_writes(void)
{
	struct event_form	 f;
	struct event		 cur;
	char			 title[] = "", *why = NULL;

	/* Refused on the named fields; the form is the caller's still. */
	event_form_init(&f);
	f.title = title;
	f.location = "Here";
	f.date_time = time(NULL) + 86400;
	f.max_capacity = 0;
	got_reset(NULL);
	ASK(api_event_create(api, &f, on_result, &g));
	CHECK_INT(g.http, 400);
	CHECK_INT(g.reason, API_REASON_REFUSED);
	CHECK(g.fields != NULL && strstr(g.fields, "title,") != NULL);
	CHECK(g.fields != NULL && strstr(g.fields, "max_capacity,") != NULL);
	CHECK(f.title == title && f.max_capacity == 0);

	f.title = "Calls test";
	f.max_capacity = 10;
	got_reset(check_created);
	ASK(api_event_create(api, &f, on_result, &g));
	CHECK_INT(g.http, 201);
	CHECK(created_id > 0);

	/* A stale version: 412, and the event as it is now. */
	event_form_init(&f);
	f.title = "Calls test, renamed";
	f.version = 99;
	got_reset(NULL);
	ASK(api_event_update(api, created_id, &f, on_result, &g));
	CHECK_INT(g.http, 412);
	CHECK_INT(g.reason, API_REASON_CONFLICT);
	CHECK(g.current != NULL);
	if (g.current != NULL) {
		CHECK_INT(model_parse_event_body(g.current, strlen(g.current),
		    &cur, &why), 0);
		CHECK_INT(cur.version, 1);
		CHECK_STR(cur.title, "Calls test");
		event_done(&cur);
		free(why);
	}
	/* An If-Match that is stale is the same refusal. */
	f.version = -1;
	f.etag = "\"v7\"";
	got_reset(NULL);
	ASK(api_event_update(api, created_id, &f, on_result, &g));
	CHECK_INT(g.reason, API_REASON_CONFLICT);
	f.etag = NULL;
	f.version = 1;
	got_reset(check_updated);
	ASK(api_event_update(api, created_id, &f, on_result, &g));
	CHECK_INT(g.status, API_OK);
}

static void
check_by_creator(const struct api_result *r)
{
	size_t	i;
	int	found = 0;

	for (i = 0; i < r->n; i++) {
		CHECK_INT(r->items.events[i].created_by, admin_id);
		if (r->items.events[i].id == created_id)
			found = 1;
	}
	CHECK(found);
}

static void
check_registered(const struct api_result *r)
{
	CHECK_STR(r->v.registration->status, "confirmed");
	CHECK_INT(r->v.registration->event_id, created_id);
}

static void
check_mine(const struct api_result *r)
{
	size_t	i;
	int	found = 0;

	for (i = 0; i < r->n; i++) {
		if (r->items.registrations[i].event_id == created_id)
			found = 1;
	}
	CHECK(found);
}

static void
check_event_regs(const struct api_result *r)
{
	CHECK_INT(r->n, 2);
	CHECK_INT(r->total, 120);
	CHECK(r->items.registrations[0].user_name != NULL);
	CHECK(r->items.registrations[0].registration_date > 0);
}

static void
test_registrations(void)
{
	got_reset(check_by_creator);
	ASK(api_events_by_creator(api, admin_id, on_result, &g));
	CHECK_INT(g.status, API_OK);
	got_reset(check_registered);
	ASK(api_endpoint_call(api, API_EP_EVENT_REGISTER, &(struct api_args){
	    .path = (const char *const[]){ "0", NULL } }, on_result, &g));
	CHECK_INT(g.reason, API_REASON_NOT_FOUND);
	got_reset(NULL);
	{
		char		 id[24];
		const char	*path[] = { id, NULL };
		struct api_args	 a = { .path = path };

		snprintf(id, sizeof id, "%lld", (long long)created_id);
		got_reset(check_registered);
		ASK(api_endpoint_call(api, API_EP_EVENT_REGISTER, &a,
		    on_result, &g));
		CHECK_INT(g.status, API_OK);
	}
	got_reset(check_mine);
	ASK(api_user_registrations(api, admin_id, on_result, &g));
	CHECK_INT(g.status, API_OK);
	got_reset(check_event_regs);
	ASK(api_event_registrations(api, 1, NULL, 1, 2, on_result, &g));
	CHECK_INT(g.status, API_OK);
}

static void
check_guests(const struct api_result *r)
{
	CHECK_INT(r->n, 2);
	CHECK_INT(r->total, 360);
	CHECK(r->items.guests[0].name != NULL);
	CHECK(r->items.guests[0].ticket_code != NULL);
	CHECK(r->items.guests[0].rsvp_status != NULL);
}

static void
check_import_one(const struct api_result *r)
{
	CHECK_INT(r->v.import->imported, 1);
	CHECK_INT(r->v.import->skipped, 0);
	CHECK(r->v.import->guest != NULL);
	if (r->v.import->guest == NULL)
		return;
	guest_id = r->v.import->guest->id;
	snprintf(ticket, sizeof ticket, "%s", r->v.import->guest->ticket_code);
	CHECK_STR(r->v.import->guest->rsvp_status, "pending");
	CHECK_INT(r->v.import->guest->checked_in_at, 0);
}

static void
check_import_bulk(const struct api_result *r)
{
	CHECK_INT(r->v.import->imported, 1);
	CHECK_INT(r->v.import->skipped, 1);
	CHECK_INT(r->v.import->nerrors, 1);
	if (r->v.import->nerrors == 1) {
		CHECK_INT(r->v.import->errors[0].index, 2);
		CHECK_STR(r->v.import->errors[0].field, "name");
	}
}

static void
check_guest_get(const struct api_result *r)
{
	CHECK_INT(r->v.guest->id, guest_id);
	CHECK(r->v.guest->rsvp_token != NULL);
	if (r->v.guest->rsvp_token != NULL)
		snprintf(rsvp_token, sizeof rsvp_token, "%s",
		    r->v.guest->rsvp_token);
}

static void
check_declined(const struct api_result *r)
{
	CHECK_STR(r->v.guest->rsvp_status, "declined");
}

static void
check_guest_updated(const struct api_result *r)
{
	CHECK_STR(r->v.guest->notes, "vip");
	CHECK_STR(r->v.guest->name, "Gil Calls");
}

static void
test_guests(void)
{
	struct guest_form	gs[3];

	got_reset(check_guests);
	ASK(api_guests_page(api, 1, NULL, 1, 2, on_result, &g));
	CHECK_INT(g.status, API_OK);

	guest_form_init(&gs[0]);
	gs[0].name = "Gil Calls";
	gs[0].email = "gil.calls@example.org";
	got_reset(check_import_one);
	ASK(api_guest_import(api, 1, gs, 1, on_result, &g));
	CHECK_INT(g.http, 201);
	guest_form_init(&gs[1]);
	gs[1].name = "Hal Calls";
	gs[1].email = "hal.calls@example.org";
	guest_form_init(&gs[2]);
	gs[2].email = "nobody.calls@example.org";
	got_reset(check_import_bulk);
	ASK(api_guest_import(api, 1, gs, 3, on_result, &g));
	CHECK_INT(g.status, API_OK);

	got_reset(check_guest_get);
	ASK(api_guest_get(api, guest_id, on_result, &g));
	CHECK_INT(g.status, API_OK);
	got_reset(check_declined);
	ASK(api_rsvp(api, rsvp_token, "declined", on_result, &g));
	CHECK_INT(g.status, API_OK);
	got_reset(NULL);
	ASK(api_rsvp(api, "not-a-token", "accepted", on_result, &g));
	CHECK_INT(g.reason, API_REASON_REFUSED);

	guest_form_init(&gs[0]);
	gs[0].notes = "vip";
	got_reset(check_guest_updated);
	ASK(api_guest_update(api, guest_id, gs, on_result, &g));
	CHECK_INT(g.status, API_OK);
}

static void
check_checked_in(const struct api_result *r)
{
	CHECK_INT(r->v.checkin->already, 0);
	CHECK_INT(r->v.checkin->replayed, 0);
	CHECK(r->v.checkin->checked_in_at > 0);
	CHECK_INT(r->v.checkin->guest.id, guest_id);
	first_checkin = r->v.checkin->checked_in_at;
}

static void
check_replayed(const struct api_result *r)
{
	CHECK_INT(r->v.checkin->already, 0);
	CHECK_INT(r->v.checkin->replayed, 1);
	CHECK_INT(r->v.checkin->checked_in_at, first_checkin);
}

static void
check_already(const struct api_result *r)
{
	CHECK_INT(r->v.checkin->already, 1);
	CHECK_INT(r->v.checkin->checked_in_at, first_checkin);
	CHECK_STR(r->v.checkin->guest.name, "Gil Calls");
	CHECK(r->v.checkin->message != NULL);
}

static void
check_undone(const struct api_result *r)
{
	CHECK_INT(r->v.guest->checked_in_at, 0);
}

static void
test_checkin(void)
{
	got_reset(check_checked_in);
	ASK(api_checkin(api, 1, ticket, "calls-nonce-1", 0, on_result, &g));
	CHECK_INT(g.http, 200);
	got_reset(check_replayed);
	ASK(api_checkin(api, 1, ticket, "calls-nonce-1", 0, on_result, &g));
	CHECK_INT(g.http, 200);
	/* Another station: already in, first at the first scan's time. */
	got_reset(check_already);
	ASK(api_checkin(api, 1, ticket, "calls-nonce-2", 0, on_result, &g));
	CHECK_INT(g.status, API_OK);
	CHECK_INT(g.http, 409);
	got_reset(NULL);
	ASK(api_checkin(api, 1, "NO-SUCH-CODE", NULL, 0, on_result, &g));
	CHECK_INT(g.reason, API_REASON_NOT_FOUND);
	CHECK(g.sentence != NULL);
	got_reset(check_undone);
	ASK(api_checkin_undo(api, 1, guest_id, on_result, &g));
	CHECK_INT(g.status, API_OK);
}

static void
check_campaign(const struct api_result *r)
{
	campaign_id = r->v.campaign->id;
	CHECK_INT(r->v.campaign->event_id, 1);
	CHECK_INT(r->v.campaign->total, 1);
	CHECK(r->v.campaign->status != NULL);
}

static void
check_campaign_again(const struct api_result *r)
{
	CHECK_INT(r->v.campaign->id, campaign_id);
}

static void
check_logs(const struct api_result *r)
{
	size_t	i;
	int	found = 0;

	for (i = 0; i < r->n; i++) {
		if (r->items.logs[i].guest_id == guest_id) {
			found = 1;
			CHECK_STR(r->items.logs[i].email,
			    "gil.calls@example.org");
			CHECK(r->items.logs[i].attempts >= 0);
		}
	}
	CHECK(found);
}

static void
check_queues(const struct api_result *r)
{
	CHECK_INT(r->n, 2);
	if (r->n == 2) {
		CHECK_STR(r->items.queues[0].name, "email");
		CHECK(r->items.queues[0].waiting >= 0);
	}
}

static void
test_invitations(void)
{
	int64_t	ids[1];

	ids[0] = guest_id;
	got_reset(check_campaign);
	ASK(api_invite(api, 1, ids, 1, NULL, on_result, &g));
	CHECK_INT(g.http, 202);
	got_reset(check_campaign_again);
	ASK(api_campaign_get(api, campaign_id, on_result, &g));
	CHECK_INT(g.status, API_OK);
	got_reset(NULL);
	ASK(api_event_campaigns(api, 1, on_result, &g));
	CHECK_INT(g.status, API_OK);
	CHECK(g.n >= 1);
	got_reset(check_logs);
	ASK(api_email_logs(api, 1, NULL, 1, 200, on_result, &g));
	CHECK_INT(g.status, API_OK);
	got_reset(check_queues);
	ASK(api_queues(api, on_result, &g));
	CHECK_INT(g.status, API_OK);
}

static void
check_stats(const struct api_result *r)
{
	CHECK(r->v.stats->events > 0);
	CHECK(r->v.stats->confirmed > 0);
	CHECK(r->v.stats->rsvp.accepted > 0);
}

static void
check_event_stats(const struct api_result *r)
{
	CHECK_INT(r->v.event_stats->capacity, 200);
	CHECK(r->v.event_stats->confirmed > 0);
	CHECK(r->v.event_stats->available >= 0);
	CHECK(r->v.event_stats->rsvp.accepted > 0);
	CHECK(r->v.event_stats->ntimeline > 0);
	if (r->v.event_stats->ntimeline > 1)
		CHECK_INT(r->v.event_stats->timeline[1].t -
		    r->v.event_stats->timeline[0].t, 60);
}

static void
test_stats(void)
{
	got_reset(check_stats);
	ASK(api_stats(api, on_result, &g));
	CHECK_INT(g.status, API_OK);
	got_reset(check_event_stats);
	ASK(api_event_stats(api, 1, on_result, &g));
	CHECK_INT(g.status, API_OK);
	got_reset(NULL);
	ASK(api_notifications(api, -1, 5, on_result, &g));
	CHECK_INT(g.status, API_OK);
	CHECK(g.n > 0 && g.n <= 5);
}

static void
check_reminder(const struct api_result *r)
{
	CHECK_STR(r->v.reminder->message, "Doors at nine");
	CHECK(r->v.reminder->at > 0);
}

static void
check_chat(const struct api_result *r)
{
	CHECK_STR(r->v.chat->text, "hello from the calls test");
	CHECK(r->v.chat->user_name != NULL);
}

static void
check_chat_list(const struct api_result *r)
{
	CHECK(r->n >= 1);
	if (r->n >= 1)
		CHECK_STR(r->items.messages[r->n - 1].text,
		    "hello from the calls test");
}

static void
test_reminders_chat(void)
{
	got_reset(check_reminder);
	ASK(api_reminder_create(api, 1, time(NULL) + 7 * 86400,
	    "Doors at nine", on_result, &g));
	CHECK_INT(g.http, 201);
	got_reset(NULL);
	ASK(api_reminders_list(api, 1, on_result, &g));
	CHECK(g.n >= 1);
	got_reset(check_chat);
	ASK(api_chat_post(api, 1, "hello from the calls test", on_result, &g));
	CHECK_INT(g.http, 201);
	got_reset(check_chat_list);
	ASK(api_chat_list(api, 1, -1, 50, on_result, &g));
	CHECK_INT(g.status, API_OK);
	got_reset(NULL);
	ASK(api_chat_post(api, 1, "red \033[31m", on_result, &g));
	CHECK_INT(g.reason, API_REASON_REFUSED);
	CHECK(g.fields != NULL && strstr(g.fields, "text,") != NULL);
}

static void
check_csv(const struct api_result *r)
{
	CHECK(r->len > 10);
	CHECK(r->body != NULL && strncmp(r->body, "id,name,email", 13) == 0);
}

static void
check_csv_import(const struct api_result *r)
{
	CHECK_INT(r->v.import->imported, 1);
}

static void
test_csv_and_deletes(void)
{
	static const char	csv[] = "name,email\nCsv Calls,csv.calls@example.org\n";

	got_reset(check_csv);
	ASK(api_guests_csv(api, 1, on_result, &g));
	CHECK_INT(g.status, API_OK);
	got_reset(check_csv_import);
	ASK(api_guests_csv_import(api, 1, csv, sizeof csv - 1, on_result, &g));
	CHECK_INT(g.status, API_OK);
	got_reset(NULL);
	ASK(api_guest_delete(api, guest_id, on_result, &g));
	CHECK_INT(g.status, API_OK);
	CHECK(g.message != NULL);
	got_reset(NULL);
	ASK(api_event_delete(api, created_id, on_result, &g));
	CHECK_INT(g.status, API_OK);
	got_reset(NULL);
	ASK(api_event_get(api, created_id, on_result, &g));
	CHECK_INT(g.reason, API_REASON_NOT_FOUND);
}

static void
check_new_account(const struct api_result *r)
{
	CHECK_STR(r->v.user->email, "calls.new@example.com");
	CHECK_STR(r->v.user->role, "organizer");
}

static void
check_renamed(const struct api_result *r)
{
	CHECK_STR(r->v.user->name, "Nia Renamed");
}

static void
test_account(void)
{
	got_reset(NULL);
	ASK(api_change_password(api, "wrong-password", "n3w-password-1",
	    on_result, &g));
	CHECK_INT(g.reason, API_REASON_REFUSED);
	CHECK(g.fields != NULL && strstr(g.fields, "currentPassword,") !=
	    NULL);

	got_reset(check_new_account);
	ASK(api_register_account(api, "Nia New", "calls.new@example.com",
	    "a-long-password-1", on_result, &g));
	CHECK_INT(g.http, 201);
	CHECK(api_session(api) != NULL &&
	    strcmp(api_session(api)->user.email, "calls.new@example.com") == 0);
	got_reset(NULL);
	ASK(api_register_account(api, "Nia New", "calls.new@example.com",
	    "a-long-password-1", on_result, &g));
	CHECK_INT(g.reason, API_REASON_REFUSED);
	CHECK(g.fields != NULL && strstr(g.fields, "email,") != NULL);

	/* An organizer may not see the queues: refused, not signed out. */
	got_reset(NULL);
	ASK(api_queues(api, on_result, &g));
	CHECK_INT(g.http, 403);
	CHECK_INT(g.reason, API_REASON_REFUSED);
	CHECK(g.sentence != NULL);
	CHECK(api_session(api) != NULL);

	got_reset(check_renamed);
	ASK(api_profile_update(api, "Nia Renamed", NULL, on_result, &g));
	CHECK_INT(g.status, API_OK);
	got_reset(NULL);
	ASK(api_change_password(api, "a-long-password-1", "n3w-password-1",
	    on_result, &g));
	CHECK_INT(g.status, API_OK);
}

/* Arguments that make no request: -1, nothing sent, no callback. */
static void
test_bad_arguments(void)
{
	got_reset(NULL);
	CHECK_INT(api_guests_csv_import(api, 1, "a\0b", 3, on_result, &g), -1);
	CHECK_INT(api_rsvp(api, "", "accepted", on_result, &g), -1);
	CHECK_INT(api_guest_import(api, 1, NULL, 0, on_result, &g), -1);
	CHECK_INT(api_endpoint_call(api, API_EP_EVENT_GET, &(struct api_args){
	    .path = NULL }, on_result, &g), -1);
	CHECK_INT(g.done, 0);
}

static void
test_shutdown(void)
{
	api_free(api);
	uv_close((uv_handle_t *)&give_up, NULL);
	uv_run(&loop, UV_RUN_DEFAULT);
	CHECK_INT(uv_loop_close(&loop), 0);
	store_free(store);
	got_reset(NULL);
	if (mock_up)
		mockproc_stop(&mock);
	mock_up = 0;
	log_close();
}

TEST_MAIN(
	TEST_CASE(setup),
	TEST_CASE(test_profile),
	TEST_CASE(test_events),
	TEST_CASE(test_not_found),
	TEST_CASE(test_event_writes),
	TEST_CASE(test_registrations),
	TEST_CASE(test_guests),
	TEST_CASE(test_checkin),
	TEST_CASE(test_invitations),
	TEST_CASE(test_stats),
	TEST_CASE(test_reminders_chat),
	TEST_CASE(test_csv_and_deletes),
	TEST_CASE(test_account),
	TEST_CASE(test_bad_arguments),
	TEST_CASE(test_shutdown)
)
