/* The store: date order, live counters, put/remove, the notification log. */
#include <stdlib.h>

#include "store.h"
#include "xmalloc.h"

#include "test.h"

static void
make_event(struct event *ev, int64_t id, time_t when, int64_t capacity,
    int64_t confirmed)
{
	memset(ev, 0, sizeof *ev);
	ev->id = id;
	xasprintf(&ev->title, "event %lld", (long long)id);
	ev->location = xstrdup("Hall");
	ev->date_time = when;
	ev->max_capacity = capacity;
	ev->current_registrations = confirmed;
	ev->available_spots = capacity - confirmed;
	ev->created_by = ev->waitlisted = ev->checked_in = ev->version = -1;
}

/* A store with events 1..3 given out of date order. */
static struct store *
make_store(void)
{
	struct store	*st = store_new();
	struct event	*evs = xcalloc(3, sizeof *evs);

	make_event(&evs[0], 1, 3000, 100, 10);
	make_event(&evs[1], 2, 1000, 50, 50);
	make_event(&evs[2], 3, 2000, 10, 0);
	store_set_events(st, evs, 3, 7);
	return (st);
}

static void
test_date_order(void)
{
	struct store	*st = make_store();
	struct event	 ev;

	CHECK_INT(store_event_count(st), 3);
	CHECK_INT(store_event_total(st), 7);
	CHECK_INT(store_event_at(st, 0)->id, 2);
	CHECK_INT(store_event_at(st, 1)->id, 3);
	CHECK_INT(store_event_at(st, 2)->id, 1);
	CHECK(store_event_at(st, 3) == NULL);

	/* Same time: by id. */
	make_event(&ev, 0, 2000, 5, 0);
	store_put_event(st, &ev);
	CHECK_INT(store_event_at(st, 1)->id, 0);
	CHECK_INT(store_event_at(st, 2)->id, 3);
	CHECK_INT(store_event_total(st), 8);
	store_free(st);
}

static void
test_put_replaces_and_moves(void)
{
	struct store		*st = make_store();
	struct event		 ev;
	const struct event	*found;
	size_t			 idx;

	make_event(&ev, 2, 5000, 60, 1);
	free(ev.title);
	ev.title = xstrdup("moved");
	store_put_event(st, &ev);
	CHECK_INT(store_event_count(st), 3);
	CHECK_INT(store_event_total(st), 7);	/* replaced, not added */
	found = store_event_find(st, 2, &idx);
	CHECK(found != NULL);
	CHECK_INT(idx, 2);
	CHECK_STR(found->title, "moved");
	CHECK(store_event_find(st, 99, NULL) == NULL);

	CHECK_INT(store_remove_event(st, 3), 0);
	CHECK_INT(store_remove_event(st, 3), -1);
	CHECK_INT(store_event_count(st), 2);
	CHECK_INT(store_event_total(st), 6);
	CHECK_INT(store_event_at(st, 0)->id, 1);
	store_free(st);
}

static void
test_counters(void)
{
	struct store		*st = make_store();
	struct counters		 c = { 1, 12, 3, 4, 88, -1 };
	const struct event	*ev;

	CHECK_INT(store_apply_counters(st, &c), 1);
	ev = store_event_find(st, 1, NULL);
	CHECK_INT(ev->current_registrations, 12);
	CHECK_INT(ev->waitlisted, 3);
	CHECK_INT(ev->checked_in, 4);
	CHECK_INT(ev->available_spots, 88);
	/* The same values again change nothing. */
	CHECK_INT(store_apply_counters(st, &c), 0);

	/* Unknown event. */
	c.event_id = 42;
	CHECK_INT(store_apply_counters(st, &c), 0);

	/* No available: derived from capacity, never below zero. */
	c.event_id = 3;
	c.confirmed = 7;
	c.waitlisted = c.checked_in = c.available = -1;
	CHECK_INT(store_apply_counters(st, &c), 1);
	ev = store_event_find(st, 3, NULL);
	CHECK_INT(ev->available_spots, 3);
	CHECK_INT(ev->waitlisted, -1);
	c.confirmed = 15;
	CHECK_INT(store_apply_counters(st, &c), 1);
	CHECK_INT(store_event_find(st, 3, NULL)->available_spots, 0);
	store_free(st);
}

static void
add_note(struct store *st, int64_t seq, const char *title, int want)
{
	struct notification	no;

	memset(&no, 0, sizeof no);
	no.seq = seq;
	no.id = seq;
	no.event_id = -1;
	no.title = xstrdup(title);
	no.type = xstrdup("test");
	CHECK_INT(store_add_notification(st, &no), want);
}

static void
test_notifications(void)
{
	struct store	*st = store_new();
	char		 title[32];
	int64_t		 i;

	add_note(st, 1, "first", 1);
	add_note(st, 1, "again", 0);		/* duplicate seq */
	add_note(st, -1, "no seq", 1);
	add_note(st, -1, "no seq", 1);		/* -1 never a duplicate */
	CHECK_INT(store_notification_count(st), 3);
	CHECK_STR(store_notification_at(st, 0)->title, "first");

	for (i = 2; i < STORE_NOTIFICATIONS_MAX + 50; i++) {
		snprintf(title, sizeof title, "n%lld", (long long)i);
		add_note(st, i, title, 1);
	}
	CHECK_INT(store_notification_count(st), STORE_NOTIFICATIONS_MAX);
	/* Oldest dropped: the last one kept is the newest. */
	snprintf(title, sizeof title, "n%d", STORE_NOTIFICATIONS_MAX + 49);
	CHECK_STR(store_notification_at(st, STORE_NOTIFICATIONS_MAX - 1)->title,
	    title);
	CHECK(store_notification_at(st, STORE_NOTIFICATIONS_MAX) == NULL);
	/* A recent seq is still deduplicated after wrapping. */
	add_note(st, STORE_NOTIFICATIONS_MAX + 10, "dup", 0);
	store_free(st);
}

/* Every event is found by id after the list is set, grown and shrunk. */
static void
test_find_by_id(void)
{
	struct store		*st = store_new();
	struct event		*evs = xcalloc(2000, sizeof *evs), one;
	const struct event	*e;
	struct counters		 c = { 0, 0, -1, -1, -1, -1 };
	size_t			 i, at;
	int64_t			 id;

	/* Ids and dates in different orders, as real lists have them. */
	for (i = 0; i < 2000; i++)
		make_event(&evs[i], (int64_t)((i * 7919) % 2000) + 1,
		    (time_t)(100000 - i * 13), 100, 1);
	store_set_events(st, evs, 2000, 2000);
	for (id = 1; id <= 2000; id += 37) {
		e = store_event_find(st, id, &at);
		CHECK(e != NULL && e->id == id && store_event_at(st, at) == e);
	}
	/* An update moves an event in date order; it is still found. */
	make_event(&one, 500, 1, 100, 1);
	store_put_event(st, &one);
	CHECK_INT(store_event_at(st, 0)->id, 500);
	CHECK(store_event_find(st, 500, &at) != NULL && at == 0);
	CHECK_INT(store_remove_event(st, 1234), 0);
	CHECK(store_event_find(st, 1234, NULL) == NULL);
	CHECK(store_event_find(st, 1235, NULL) != NULL);
	CHECK(store_event_find(st, 4000, NULL) == NULL);
	/* Counters reach the right event wherever it sits. */
	c.event_id = 1999;
	c.confirmed = 42;
	CHECK_INT(store_apply_counters(st, &c), 1);
	CHECK_INT(store_event_find(st, 1999, NULL)->current_registrations, 42);
	store_free(st);
}

/* History fetched over REST after live ones arrived still sorts first. */
static void
test_notifications_late_history(void)
{
	struct store	*st = store_new();
	static const int64_t	want[] = { 7, 8, 9, 10, 11 };
	size_t		 i;

	add_note(st, 10, "live 10", 1);
	add_note(st, 11, "live 11", 1);
	add_note(st, 7, "old 7", 1);
	add_note(st, 8, "old 8", 1);
	add_note(st, 9, "old 9", 1);
	add_note(st, 10, "old 10", 0);	/* seen live already */
	CHECK_INT(store_notification_count(st), 5);
	for (i = 0; i < 5; i++)
		CHECK_INT(store_notification_at(st, i)->seq, want[i]);
	CHECK_STR(store_notification_at(st, 3)->title, "live 10");
	store_free(st);
}

static void
test_refreshed_at(void)
{
	struct store	*st = store_new();

	CHECK_INT(store_refreshed_at(st), 0);
	store_set_refreshed_at(st, 1781514000);
	CHECK_INT(store_refreshed_at(st), 1781514000);
	CHECK_INT(store_event_total(st), -1);
	CHECK_INT(store_event_count(st), 0);
	store_free(st);
}

TEST_MAIN(
	TEST_CASE(test_date_order),
	TEST_CASE(test_put_replaces_and_moves),
	TEST_CASE(test_counters),
	TEST_CASE(test_notifications),
	TEST_CASE(test_notifications_late_history),
	TEST_CASE(test_find_by_id),
	TEST_CASE(test_refreshed_at)
)
