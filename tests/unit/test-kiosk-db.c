/*
 * The check-in station's file (tui/kiosk-db.c), without a server: the
 * guest copy and what a refresh keeps of a check-in made here, finding a
 * guest by code, by id and by name, the queue in scan order, taking back
 * a queued scan, a file kept for another server or event refused, and a
 * queue that outlives the process that wrote it.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kiosk-db.h"
#include "model-calls.h"
#include "test.h"

#define SERVER	"http://127.0.0.1:8080"

static char	path[64];

static struct kiosk_db *
db_new(void)
{
	struct kiosk_db	*k;
	char		*cause = NULL;
	int		 fd;

	snprintf(path, sizeof path, "/tmp/evtop-kiosk-db-XXXXXX");
	if ((fd = mkstemp(path)) == -1)
		return (NULL);
	close(fd);
	unlink(path);
	k = kiosk_db_open(path, SERVER, 7, &cause);
	if (k == NULL)
		fprintf(stderr, "kiosk-db: %s\n", cause);
	free(cause);
	return (k);
}

static void
db_done(struct kiosk_db *k)
{
	kiosk_db_close(k);
	test_remove_sqlite(path);
}

static void
put(struct kiosk_db *k, int64_t id, const char *code, const char *name,
    const char *rsvp, time_t at)
{
	struct guest	g;
	char		*cause = NULL;

	memset(&g, 0, sizeof g);
	g.id = id;
	g.event_id = 7;
	g.ticket_code = strdup(code);
	g.name = strdup(name);
	g.rsvp_status = strdup(rsvp);
	g.checked_in_at = at;
	CHECK_INT(kiosk_db_put_guest(k, &g, &cause), 0);
	free(cause);
	free(g.ticket_code);
	free(g.name);
	free(g.rsvp_status);
}

static void
scan_new(struct kiosk_scan *sc, const char *nonce, const char *code,
    int64_t guest, int queued)
{
	memset(sc, 0, sizeof *sc);
	snprintf(sc->nonce, sizeof sc->nonce, "%s", nonce);
	snprintf(sc->code, sizeof sc->code, "%s", code);
	sc->scanned_at = 1000;
	sc->queued = queued;
	sc->offline = 1;
	sc->result = KIOSK_VALID;
	sc->guest_id = guest;
}

static void
test_guests(void)
{
	struct kiosk_db		*k = db_new();
	struct kiosk_guest	 g, found[8];
	char			*cause = NULL;

	if (k == NULL) {
		CHECK(0);
		return;
	}
	CHECK_INT(kiosk_db_begin(k, &cause), 0);
	put(k, 11, "AAA111", "Ada Lovelace", "accepted", 0);
	put(k, 12, "BBB222", "Grace Hopper", "accepted", 500);
	put(k, 13, "CCC333", "Alan Turing", "waitlisted", 0);
	put(k, 14, "DDD444", "Ada Byron", "pending", 0);
	CHECK_INT(kiosk_db_commit(k, &cause), 0);
	CHECK_INT(kiosk_db_guests(k), 4);

	CHECK_INT(kiosk_db_find(k, "AAA111", &g), 0);
	CHECK_STR(g.name, "Ada Lovelace");
	CHECK_INT(g.checked_in_at, 0);
	/* A code of digits is a guest id too, as the server takes it. */
	CHECK_INT(kiosk_db_find(k, "12", &g), 0);
	CHECK_STR(g.code, "BBB222");
	CHECK_INT(g.checked_in_at, 500);
	CHECK_INT(kiosk_db_find(k, "aaa111", &g), 1);
	CHECK_INT(kiosk_db_find(k, "99", &g), 1);

	/* Every word, anywhere, any case; % and _ are letters. */
	CHECK_INT(kiosk_db_search(k, "ada", found, 8), 2);
	CHECK_STR(found[0].name, "Ada Byron");
	CHECK_STR(found[1].name, "Ada Lovelace");
	CHECK_INT(kiosk_db_search(k, "LOVE ada", found, 8), 1);
	CHECK_INT(kiosk_db_search(k, "a%", found, 8), 0);
	CHECK_INT(kiosk_db_search(k, "_", found, 8), 0);
	CHECK_INT(kiosk_db_search(k, "  ", found, 8), 0);
	CHECK_INT(kiosk_db_search(k, "a", found, 2), 2);

	/* The copy follows the server: a name changed, an undo. */
	put(k, 12, "BBB222", "Grace B. Hopper", "accepted", 0);
	CHECK_INT(kiosk_db_find(k, "BBB222", &g), 0);
	CHECK_STR(g.name, "Grace B. Hopper");
	CHECK_INT(g.checked_in_at, 0);
	CHECK_INT(kiosk_db_guests(k), 4);
	CHECK_INT(kiosk_db_copied_at(k), 0);
	CHECK_INT(kiosk_db_set_copied_at(k, 1234, &cause), 0);
	CHECK_INT(kiosk_db_copied_at(k), 1234);
	free(cause);
	db_done(k);
}

static void
test_queue(void)
{
	struct kiosk_db		*k = db_new();
	struct kiosk_scan	 a, b, c, next, recent[8];
	struct kiosk_guest	 g;
	char			*cause = NULL;

	if (k == NULL) {
		CHECK(0);
		return;
	}
	put(k, 11, "AAA111", "Ada Lovelace", "accepted", 0);
	put(k, 12, "BBB222", "Grace Hopper", "accepted", 0);

	scan_new(&a, "n1", "AAA111", 11, 1);
	scan_new(&b, "n2", "BBB222", 12, 1);
	scan_new(&c, "n3", "ZZZ", 0, 0);
	c.result = KIOSK_INVALID;
	CHECK_INT(kiosk_db_add_scan(k, &a, &cause), 0);
	CHECK_INT(kiosk_db_add_scan(k, &b, &cause), 0);
	CHECK_INT(kiosk_db_add_scan(k, &c, &cause), 0);
	CHECK(a.seq > 0 && b.seq > a.seq && c.seq > b.seq);
	/* A nonce is never used twice. */
	scan_new(&next, "n1", "BBB222", 12, 1);
	CHECK_INT(kiosk_db_add_scan(k, &next, &cause), -1);
	CHECK(cause != NULL);
	free(cause);
	cause = NULL;

	CHECK_INT(kiosk_db_queued(k), 2);
	CHECK_INT(kiosk_db_local_checkins(k), 2);
	CHECK_INT(kiosk_db_find(k, "AAA111", &g), 0);
	CHECK_INT(g.local_at, 1000);
	/* A refresh from before the sync keeps the mark made here. */
	put(k, 11, "AAA111", "Ada Lovelace", "accepted", 0);
	CHECK_INT(kiosk_db_find(k, "AAA111", &g), 0);
	CHECK_INT(g.local_at, 1000);

	/* Oldest first. */
	CHECK_INT(kiosk_db_next_queued(k, &next), 0);
	CHECK_STR(next.nonce, "n1");
	next.queued = 0;
	next.offline = 0;
	CHECK_INT(kiosk_db_update_scan(k, &next, 1100, &cause), 0);
	CHECK_INT(kiosk_db_next_queued(k, &next), 0);
	CHECK_STR(next.nonce, "n2");
	CHECK_INT(kiosk_db_find(k, "AAA111", &g), 0);
	CHECK_INT(g.checked_in_at, 1100);
	CHECK_INT(g.local_at, 0);

	/* Taken back before it was sent: gone, and the guest not in. */
	CHECK_INT(kiosk_db_drop_scan(k, b.seq, &cause), 0);
	CHECK_INT(kiosk_db_queued(k), 0);
	CHECK_INT(kiosk_db_next_queued(k, &next), 1);
	CHECK_INT(kiosk_db_find(k, "BBB222", &g), 0);
	CHECK_INT(g.local_at, 0);
	CHECK_INT(kiosk_db_drop_scan(k, a.seq, &cause), -1);
	free(cause);

	CHECK_INT(kiosk_db_recent(k, recent, 8), 2);
	CHECK_STR(recent[0].nonce, "n3");
	CHECK_INT(recent[0].result, KIOSK_INVALID);
	CHECK_STR(recent[1].nonce, "n1");
	db_done(k);
}

/* A whole copy drops the guests the server no longer lists. */
static void
test_sweep(void)
{
	struct kiosk_db		*k = db_new();
	struct kiosk_scan	 a;
	struct kiosk_guest	 g;
	char			*cause = NULL;

	if (k == NULL) {
		CHECK(0);
		return;
	}
	kiosk_db_copy_begin(k);
	put(k, 11, "AAA111", "Ada Lovelace", "accepted", 0);
	put(k, 12, "BBB222", "Grace Hopper", "accepted", 0);
	put(k, 13, "CCC333", "Alan Turing", "accepted", 0);
	CHECK_INT(kiosk_db_copy_end(k, 100, &cause), 0);
	CHECK_INT(kiosk_db_guests(k), 3);
	CHECK_INT(kiosk_db_copied_at(k), 100);

	/* Checked in here, not sent: kept whatever the copy says. */
	scan_new(&a, "n1", "CCC333", 13, 1);
	CHECK_INT(kiosk_db_add_scan(k, &a, &cause), 0);
	/* A copy cut short drops nothing. */
	kiosk_db_copy_begin(k);
	put(k, 11, "AAA111", "Ada Lovelace", "accepted", 0);
	CHECK_INT(kiosk_db_guests(k), 3);

	kiosk_db_copy_begin(k);
	put(k, 11, "AAA111", "Ada Lovelace", "accepted", 0);
	CHECK_INT(kiosk_db_copy_end(k, 200, &cause), 0);
	CHECK_INT(kiosk_db_guests(k), 2);
	CHECK_INT(kiosk_db_find(k, "BBB222", &g), 1);
	CHECK_INT(kiosk_db_find(k, "CCC333", &g), 0);
	CHECK_INT(kiosk_db_find(k, "AAA111", &g), 0);
	CHECK_INT(kiosk_db_copied_at(k), 200);
	free(cause);
	db_done(k);
}

/* What a station wrote is there for the next one, and only for it. */
static void
test_reopen(void)
{
	struct kiosk_db		*k = db_new();
	struct kiosk_scan	 a, next;
	char			*cause = NULL;

	if (k == NULL) {
		CHECK(0);
		return;
	}
	scan_new(&a, "kept", "AAA111", 0, 1);
	CHECK_INT(kiosk_db_add_scan(k, &a, &cause), 0);
	kiosk_db_close(k);

	CHECK(kiosk_db_open(path, "http://other:8080", 7, &cause) == NULL);
	CHECK(cause != NULL && strstr(cause, "not event 7 on "
	    "http://other:8080") != NULL);
	free(cause);
	cause = NULL;
	CHECK(kiosk_db_open(path, SERVER, 8, &cause) == NULL);
	free(cause);
	cause = NULL;

	if ((k = kiosk_db_open(path, SERVER, 7, &cause)) == NULL) {
		CHECK(0);
		free(cause);
		return;
	}
	CHECK_INT(kiosk_db_queued(k), 1);
	CHECK_INT(kiosk_db_next_queued(k, &next), 0);
	CHECK_STR(next.nonce, "kept");
	CHECK_STR(next.code, "AAA111");
	db_done(k);
}

/* Names are cut whole characters at a time. */
static void
test_copy(void)
{
	char	buf[8];

	kiosk_copy(buf, sizeof buf, "abc");
	CHECK_STR(buf, "abc");
	kiosk_copy(buf, sizeof buf, "abcdefghij");
	CHECK_STR(buf, "abcdefg");
	/* "abcdé" then more: é is two bytes; 7 would split the next. */
	kiosk_copy(buf, sizeof buf, "abcd\xc3\xa9\xc3\xa9");
	CHECK_STR(buf, "abcd\xc3\xa9");
	kiosk_copy(buf, sizeof buf, NULL);
	CHECK_STR(buf, "");
}

TEST_MAIN(
	TEST_CASE(test_guests),
	TEST_CASE(test_queue),
	TEST_CASE(test_sweep),
	TEST_CASE(test_reopen),
	TEST_CASE(test_copy))
