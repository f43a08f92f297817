/*
 * The check-in station's logic (kiosk.h).  One check-in request is out at
 * a time, so the queue reaches the server in the order it was scanned.
 */
#include "kiosk.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "api.h"
#include "api-calls.h"
#include "clock.h"
#include "log.h"
#include "model-calls.h"
#include "paths.h"
#include "xmalloc.h"

#define KIOSK_ANSWER_MS		2500	/* then the scan is decided here */
#define KIOSK_PAGE		500	/* guests a page */
#define KIOSK_RETRY_MS		2000	/* first try back, doubling */
#define KIOSK_RETRY_MAX_MS	30000
#define KIOSK_REFRESH_MS	(10 * 60 * 1000) /* the whole copy again */
#define KIOSK_STATS_GAP_MS	1000	/* at most a stats fetch a second */
#define KIOSK_RECENT		32

struct kiosk {
	uv_loop_t		*loop;
	struct api		*api;
	struct kiosk_db		*db;
	struct kiosk_options	 opts;
	const struct kiosk_hooks *hooks;
	void			*arg;

	struct kiosk_state	 st;
	/* The scan on screen waiting for the server, if waiting. */
	int64_t			 waiting_seq;
	/* The check-in request out, and the scan it carries. */
	int			 sending;
	struct kiosk_scan	 sent;
	int			 undoing;
	struct kiosk_scan	 undone;
	size_t			 page;
	int			 stats_inflight;
	int			 stats_owed;
	int			 synced;	/* a queued scan was answered */
	int			 counted;	/* st.queued and st.here hold */
	int64_t			 copied;	/* guests the copy under way got */
	uint64_t		 stats_ms;
	unsigned		 retry_ms;

	uv_timer_t		 answer;	/* the wait for the server */
	uv_timer_t		 retry;		/* offline: try again */
	uv_timer_t		 refresh;	/* the copy, now and then */
	int			 handles;
	int			 freeing;
};

static void	kiosk_drain(struct kiosk *);
static void	kiosk_retry_cb(uv_timer_t *);
static void	kiosk_copy_page(struct kiosk *);

static uint64_t
kiosk_ms(const struct kiosk *k, uint64_t ms)
{
	if (k->opts.time_scale > 1)
		ms /= k->opts.time_scale;
	return (ms > 0 ? ms : 1);
}

static void
kiosk_changed(struct kiosk *k)
{
	/* What the file counts is counted again at the next look. */
	k->counted = 0;
	if (!k->freeing && k->hooks->changed != NULL)
		k->hooks->changed(k->arg);
}

static void
kiosk_note(struct kiosk *k, const char *sentence)
{
	log_debug("kiosk: %s", sentence);
	if (!k->freeing && k->hooks->note != NULL)
		k->hooks->note(k->arg, sentence);
}

static void
kiosk_show(struct kiosk *k, const struct kiosk_scan *sc)
{
	log_debug("kiosk: scan %" PRId64 " %s: %d%s%s", sc->seq, sc->code,
	    sc->result, sc->offline ? " (here)" : "",
	    sc->queued ? " (queued)" : "");
	if (!k->freeing && k->hooks->result != NULL)
		k->hooks->result(k->arg, sc);
	kiosk_changed(k);
}

void
kiosk_nonce(char *out)
{
	static const char	 hex[] = "0123456789abcdef";
	unsigned char		 b[KIOSK_NONCE_LEN / 2];
	size_t			 i;
	uint64_t		 t;

	if (getrandom(b, sizeof b, 0) != (ssize_t)sizeof b) {
		/* No random source: the clock and the address still differ. */
		t = (uint64_t)clock_now_ms() ^ (uint64_t)(uintptr_t)out;
		for (i = 0; i < sizeof b; i++)
			b[i] = (unsigned char)(t >> ((i % 8) * 8)) ^
			    (unsigned char)(i * 131);
	}
	for (i = 0; i < sizeof b; i++) {
		out[i * 2] = hex[b[i] >> 4];
		out[i * 2 + 1] = hex[b[i] & 0xf];
	}
	out[KIOSK_NONCE_LEN] = '\0';
}

/*
 * Whether the server has said it has no check-in (a core server, by its
 * /api/meta): then nothing is sent, and the station says so.
 */
static int
kiosk_no_checkin(struct kiosk *k)
{
	if (!k->st.no_checkin && k->api != NULL &&
	    api_feature(k->api, "checkin") == 0)
		k->st.no_checkin = 1;
	return (k->st.no_checkin);
}

/* The server cannot be reached: try again later, soon at first. */
static void
kiosk_offline(struct kiosk *k)
{
	if (k->st.online)
		log_debug("kiosk: offline");
	k->st.online = 0;
	if (k->retry_ms == 0)
		k->retry_ms = KIOSK_RETRY_MS;
	if (!uv_is_active((uv_handle_t *)&k->retry))
		uv_timer_start(&k->retry, kiosk_retry_cb, kiosk_ms(k,
		    k->retry_ms), 0);
	kiosk_changed(k);
}

static void
kiosk_online(struct kiosk *k)
{
	if (!k->st.online)
		log_debug("kiosk: online");
	k->st.online = 1;
	k->st.signed_out = 0;
	k->retry_ms = 0;
}

/* Whether a failure means the server was not there (or not answering). */
static int
kiosk_unanswered(const struct api_result *r)
{
	if (r->status == API_ERR_UNREACHABLE || r->status == API_ERR_AUTH)
		return (1);
	if (r->error == NULL)
		return (r->status != API_OK);
	return (r->error->http == 0 || r->error->http == 429 ||
	    r->error->http >= 500);
}

/* Decides a scan against the copy: the result, and whether it is sent. */
static void
kiosk_decide_here(struct kiosk *k, struct kiosk_scan *sc, int sent)
{
	struct kiosk_guest	g;
	char			when[16];
	struct tm		tm;

	sc->offline = 1;
	sc->queued = sent;
	if (kiosk_db_find(k->db, sc->code, &g) != 0) {
		if (k->st.copied_at == 0 && k->st.guests == 0) {
			/* Nothing to check against: the server decides. */
			sc->result = KIOSK_VALID;
			sc->queued = 1;
			kiosk_copy(sc->detail, sizeof sc->detail, "Not "
			    "checked: no guest list here yet; the server "
			    "decides later");
			return;
		}
		sc->result = KIOSK_INVALID;
		kiosk_copy(sc->detail, sizeof sc->detail,
		    "Unknown code: not in the guest list");
		return;
	}
	sc->guest_id = g.id;
	kiosk_copy(sc->name, sizeof sc->name, g.name);
	if (g.checked_in_at != 0 || g.local_at != 0) {
		sc->result = KIOSK_ALREADY;
		sc->first_at = g.checked_in_at != 0 ? g.checked_in_at :
		    g.local_at;
		localtime_r(&sc->first_at, &tm);
		strftime(when, sizeof when, "%H:%M", &tm);
		snprintf(sc->detail, sizeof sc->detail, "First checked in "
		    "at %s", when);
		return;
	}
	if (strcmp(g.rsvp, "waitlisted") == 0) {
		sc->result = KIOSK_INVALID;
		kiosk_copy(sc->detail, sizeof sc->detail, "On the waitlist: "
		    "no seat is confirmed");
		return;
	}
	sc->result = KIOSK_VALID;
	sc->queued = 1;
	kiosk_copy(sc->detail, sizeof sc->detail, k->st.online ?
	    "Checked here; being sent" : "Accepted offline");
}

/* The server's answer to a check-in, into sc; 0, or -1 for no answer. */
static int
kiosk_read_answer(struct kiosk_scan *sc, const struct api_result *r)
{
	const struct checkin	*c = r->v.checkin;
	const char		*msg;
	char			 when[16];
	struct tm		 tm;

	if (kiosk_unanswered(r))
		return (-1);
	sc->queued = 0;
	if (r->status == API_OK && c != NULL) {
		if (c->guest.id > 0)
			sc->guest_id = c->guest.id;
		if (c->guest.name != NULL)
			kiosk_copy(sc->name, sizeof sc->name, c->guest.name);
		if (c->already || r->http == 409) {
			if (c->checked_in_at == 0) {
				sc->result = KIOSK_INVALID;
				kiosk_copy(sc->detail, sizeof sc->detail,
				    c->message != NULL ? c->message :
				    "Refused by the server");
				return (0);
			}
			sc->result = KIOSK_ALREADY;
			sc->first_at = c->checked_in_at;
			localtime_r(&sc->first_at, &tm);
			strftime(when, sizeof when, "%H:%M", &tm);
			snprintf(sc->detail, sizeof sc->detail, "First checked "
			    "in at %s", when);
			return (0);
		}
		sc->result = KIOSK_VALID;
		sc->first_at = c->checked_in_at;
		sc->detail[0] = '\0';
		return (0);
	}
	sc->result = KIOSK_INVALID;
	msg = NULL;
	if (r->error != NULL)
		msg = r->error->message != NULL ? r->error->message :
		    r->error->sentence;
	kiosk_copy(sc->detail, sizeof sc->detail, msg != NULL ? msg :
	    "Refused by the server");
	return (0);
}

static void
kiosk_write(struct kiosk *k, const struct kiosk_scan *sc, time_t at)
{
	char	*cause = NULL;

	k->counted = 0;
	if (kiosk_db_update_scan(k->db, sc, at, &cause) != 0) {
		kiosk_note(k, cause);
		free(cause);
	}
}

/* The server disagreed with what was shown here: the scans say so. */
static void
kiosk_conflict(struct kiosk_scan *sc)
{
	char		 when[16], why[KIOSK_DETAIL_MAX + 1];
	struct tm	 tm;

	sc->conflict = 1;
	if (sc->result == KIOSK_ALREADY) {
		localtime_r(&sc->first_at, &tm);
		strftime(when, sizeof when, "%H:%M", &tm);
		snprintf(sc->detail, sizeof sc->detail, "Let in at another "
		    "door first, at %s", when);
		return;
	}
	if (sc->result == KIOSK_INVALID) {
		memcpy(why, sc->detail, sizeof why);
		snprintf(sc->detail, sizeof sc->detail, "Refused by the "
		    "server: %.130s", why);
	}
}

static void
kiosk_sent_cb(void *arg, const struct api_result *r)
{
	struct kiosk		*k = arg;
	struct kiosk_scan	 sc = k->sent, was = k->sent;
	int			 shown = k->waiting_seq == sc.seq;

	k->sending = 0;
	if (r->status == API_ERR_AUTH)
		k->st.signed_out = 1;
	/* A server without check-in (a core one): nothing to wait for. */
	if (r->error != NULL && (r->error->http == 404 ||
	    r->error->http >= 500) && kiosk_no_checkin(k)) {
		k->st.no_checkin = 1;
		if (shown) {
			uv_timer_stop(&k->answer);
			k->waiting_seq = 0;
			k->st.waiting = 0;
		}
		sc.queued = 0;
		sc.offline = 0;
		sc.result = KIOSK_INVALID;
		kiosk_copy(sc.detail, sizeof sc.detail, "This server has no "
		    "check-in");
		kiosk_write(k, &sc, 0);
		kiosk_show(k, &sc);
		return;
	}
	if (kiosk_read_answer(&sc, r) != 0) {
		log_debug("kiosk: scan %" PRId64 " not answered", sc.seq);
		if (shown) {
			uv_timer_stop(&k->answer);
			k->waiting_seq = 0;
			k->st.waiting = 0;
			kiosk_offline(k);
			kiosk_decide_here(k, &sc, 1);
			kiosk_write(k, &sc, 0);
			kiosk_show(k, &sc);
		} else
			kiosk_offline(k);
		return;
	}
	kiosk_online(k);
	if (shown) {
		uv_timer_stop(&k->answer);
		k->waiting_seq = 0;
		k->st.waiting = 0;
		sc.offline = 0;
		kiosk_write(k, &sc, sc.result != KIOSK_INVALID ?
		    sc.first_at : 0);
		kiosk_show(k, &sc);
	} else {
		k->synced = 1;
		/* Decided here before: the server's word is final. */
		if (sc.result != was.result)
			kiosk_conflict(&sc);
		kiosk_write(k, &sc, sc.result != KIOSK_INVALID ?
		    sc.first_at : 0);
		if (sc.result == KIOSK_INVALID && was.guest_id != 0) {
			char	*cause = NULL;

			if (kiosk_db_set_checked_in(k->db, was.guest_id, 0,
			    &cause) != 0) {
				kiosk_note(k, cause);
				free(cause);
			}
		}
		kiosk_changed(k);
	}
	kiosk_drain(k);
}

static int
kiosk_send(struct kiosk *k, const struct kiosk_scan *sc)
{
	if (k->api == NULL || k->sending)
		return (-1);
	k->sent = *sc;
	k->sending = 1;
	if (api_checkin(k->api, k->opts.event_id, sc->code, sc->nonce,
	    sc->scanned_at, kiosk_sent_cb, k) != 0) {
		k->sending = 0;
		return (-1);
	}
	return (0);
}

/* The oldest queued scan goes, if the way is clear. */
static void
kiosk_drain(struct kiosk *k)
{
	struct kiosk_scan	sc;

	if (k->freeing || k->sending || k->st.signed_out ||
	    kiosk_no_checkin(k))
		return;
	if (kiosk_db_next_queued(k->db, &sc) != 0) {
		/*
		 * The queue is in: the counters as the server has them now
		 * (the live link may have missed what it sent meanwhile).
		 */
		if (k->synced) {
			k->synced = 0;
			k->stats_ms = 0;
			kiosk_heard_counters(k, NULL);
		}
		return;
	}
	log_debug("kiosk: sending queued scan %" PRId64, sc.seq);
	kiosk_send(k, &sc);
}

/* The server took too long: the copy decides, the request goes on. */
static void
kiosk_answer_cb(uv_timer_t *t)
{
	struct kiosk		*k = t->data;
	struct kiosk_scan	 sc;

	if (k->waiting_seq == 0 || !k->sending ||
	    k->sent.seq != k->waiting_seq)
		return;
	sc = k->sent;
	k->waiting_seq = 0;
	k->st.waiting = 0;
	log_debug("kiosk: no answer for scan %" PRId64 " in time", sc.seq);
	kiosk_offline(k);
	kiosk_decide_here(k, &sc, 1);
	/* Kept queued: the request may have reached the server. */
	sc.queued = 1;
	kiosk_write(k, &sc, 0);
	k->sent = sc;
	kiosk_show(k, &sc);
}

int
kiosk_scan(struct kiosk *k, const char *code)
{
	struct kiosk_scan	 sc;
	char			*cause = NULL;
	size_t			 len;

	while (*code == ' ' || *code == '\t')
		code++;
	len = strlen(code);
	while (len > 0 && (code[len - 1] == ' ' || code[len - 1] == '\t'))
		len--;
	if (len == 0)
		return (-1);
	memset(&sc, 0, sizeof sc);
	kiosk_nonce(sc.nonce);
	sc.scanned_at = clock_now();
	if (k->st.no_event || kiosk_no_checkin(k)) {
		/* Nothing to check in to: said, and not kept. */
		kiosk_copy(sc.code, sizeof sc.code, code);
		sc.result = KIOSK_INVALID;
		if (k->st.no_checkin)
			kiosk_copy(sc.detail, sizeof sc.detail, "This server "
			    "has no check-in");
		else
			snprintf(sc.detail, sizeof sc.detail, "This station's "
			    "event (%" PRId64 ") is not on the server",
			    k->opts.event_id);
		kiosk_show(k, &sc);
		return (0);
	}
	if (len > KIOSK_CODE_MAX) {
		memcpy(sc.code, code, KIOSK_CODE_MAX - 3);
		memcpy(sc.code + KIOSK_CODE_MAX - 3, "...", 4);
		sc.result = KIOSK_INVALID;
		kiosk_copy(sc.detail, sizeof sc.detail, "Not a ticket code: "
		    "too long");
	} else {
		memcpy(sc.code, code, len);
		sc.code[len] = '\0';
	}

	/* Online with nothing before it: the server decides, now. */
	if (sc.detail[0] == '\0' && k->st.online && !k->st.signed_out &&
	    !k->sending && k->api != NULL && kiosk_db_queued(k->db) == 0) {
		sc.queued = 1;
		if (kiosk_db_add_scan(k->db, &sc, &cause) != 0)
			goto failed;
		if (kiosk_send(k, &sc) == 0) {
			k->waiting_seq = sc.seq;
			k->st.waiting = 1;
			uv_timer_start(&k->answer, kiosk_answer_cb,
			    kiosk_ms(k, k->opts.answer_ms), 0);
			kiosk_changed(k);
			return (0);
		}
		/* Could not even be sent: as if offline. */
		kiosk_decide_here(k, &sc, 1);
		kiosk_write(k, &sc, 0);
		kiosk_show(k, &sc);
		return (0);
	}
	if (sc.detail[0] == '\0')
		kiosk_decide_here(k, &sc, 0);
	if (kiosk_db_add_scan(k->db, &sc, &cause) != 0)
		goto failed;
	kiosk_show(k, &sc);
	if (k->st.online)
		kiosk_drain(k);
	return (0);

failed:
	/* Not on disk: nothing is promised. */
	sc.result = KIOSK_INVALID;
	sc.queued = 0;
	snprintf(sc.detail, sizeof sc.detail, "Not saved, scan again: %.120s",
	    cause);
	free(cause);
	kiosk_show(k, &sc);
	return (0);
}

static void
kiosk_retry_cb(uv_timer_t *t)
{
	struct kiosk	*k = t->data;

	if (k->st.online || k->freeing)
		return;
	k->retry_ms = k->retry_ms * 2 > KIOSK_RETRY_MAX_MS ?
	    KIOSK_RETRY_MAX_MS : k->retry_ms * 2;
	uv_timer_start(&k->retry, kiosk_retry_cb, kiosk_ms(k,
		    k->retry_ms), 0);
	/* The queue's head is the probe; else the counters are. */
	if (!k->sending && kiosk_db_queued(k->db) > 0 && !k->st.signed_out)
		kiosk_drain(k);
	else
		k->stats_owed = 1;
	if (k->stats_owed && !k->stats_inflight) {
		k->stats_ms = 0;
		kiosk_heard_counters(k, NULL);
	}
	if (k->st.copied_at == 0 && !k->st.copying && !k->st.no_copy)
		kiosk_copy_page(k);
}

static void
kiosk_stats_cb(void *arg, const struct api_result *r)
{
	struct kiosk		*k = arg;
	const struct event_stats *s = r->v.event_stats;

	k->stats_inflight = 0;
	if (r->status == API_OK) {
		kiosk_online(k);
		if (s != NULL) {
			if (s->capacity >= 0)
				k->st.capacity = s->capacity;
			if (s->checked_in >= 0)
				k->st.checked_in = s->checked_in;
			k->st.inside = s->inside;
		}
		kiosk_changed(k);
		kiosk_drain(k);
		if (k->st.copied_at == 0 && !k->st.copying && !k->st.no_copy)
			kiosk_copy_page(k);
		/* Asked for again while this one was out: it may be old. */
		if (k->stats_owed) {
			k->stats_ms = 0;
			kiosk_heard_counters(k, NULL);
		}
		return;
	}
	if (kiosk_unanswered(r)) {
		if (r->status == API_ERR_AUTH)
			k->st.signed_out = 1;
		kiosk_offline(k);
	}
}

static void
kiosk_event_cb(void *arg, const struct api_result *r)
{
	struct kiosk	*k = arg;

	if (r->status != API_OK || r->v.event == NULL) {
		if (kiosk_unanswered(r))
			kiosk_offline(k);
		else if (r->error != NULL && r->error->http == 404) {
			k->st.no_event = 1;
			kiosk_changed(k);
		} else if (r->error != NULL)
			kiosk_note(k, r->error->sentence);
		return;
	}
	kiosk_online(k);
	k->st.no_event = 0;
	kiosk_copy(k->st.title, sizeof k->st.title, r->v.event->title);
	k->st.starts = r->v.event->date_time;
	if (r->v.event->max_capacity >= 0)
		k->st.capacity = r->v.event->max_capacity;
	if (r->v.event->checked_in >= 0 && k->st.checked_in < 0)
		k->st.checked_in = r->v.event->checked_in;
	kiosk_changed(k);
}

static void
kiosk_page_cb(void *arg, const struct api_result *r)
{
	struct kiosk	*k = arg;
	char		*cause = NULL;
	size_t		 i;

	if (r->status != API_OK) {
		k->st.copying = 0;
		if (kiosk_unanswered(r)) {
			kiosk_offline(k);
			return;
		}
		if (r->error != NULL && (r->error->http == 404 ||
		    r->error->http == 403 || r->error->http == 501)) {
			k->st.no_copy = 1;
			if (k->st.no_event) {
				kiosk_changed(k);
				return;
			}
			kiosk_note(k, r->error->http == 403 ? "This account "
			    "may not read the guest list: offline scans are "
			    "checked by the server later" : "This server "
			    "keeps no guest list: offline scans are checked "
			    "by the server later");
		} else
			kiosk_note(k, r->error != NULL ? r->error->sentence :
			    "The guest list could not be read");
		kiosk_changed(k);
		return;
	}
	kiosk_online(k);
	if (kiosk_db_begin(k->db, &cause) != 0)
		goto failed;
	for (i = 0; i < r->n; i++) {
		if (r->items.guests[i].event_id > 0 &&
		    r->items.guests[i].event_id != k->opts.event_id)
			continue;
		if (kiosk_db_put_guest(k->db, &r->items.guests[i],
		    &cause) != 0) {
			kiosk_db_rollback(k->db);
			goto failed;
		}
	}
	if (kiosk_db_commit(k->db, &cause) != 0)
		goto failed;
	/* Counted once the copy is whole: a page only adds what it brought. */
	k->copied += (int64_t)r->n;
	if (r->whole || r->n == 0 || r->total < 0 ||
	    (int64_t)(k->page * k->opts.page_size) >= r->total) {
		k->st.copying = 0;
		k->st.copied_at = clock_now();
		if (kiosk_db_copy_end(k->db, k->st.copied_at, &cause) != 0)
			goto failed;
		k->st.guests = kiosk_db_guests(k->db);
		log_debug("kiosk: guest list copied: %" PRId64 " guests",
		    k->st.guests);
		kiosk_changed(k);
		return;
	}
	k->page++;
	kiosk_changed(k);
	kiosk_copy_page(k);
	return;

failed:
	k->st.copying = 0;
	kiosk_note(k, cause);
	free(cause);
}

static void
kiosk_copy_page(struct kiosk *k)
{
	if (k->api == NULL || k->freeing || kiosk_no_checkin(k))
		return;
	if (!k->st.copying) {
		k->st.copying = 1;
		k->page = 1;
		k->copied = 0;
		kiosk_db_copy_begin(k->db);
	}
	if (api_guests_page(k->api, k->opts.event_id, NULL, k->page,
	    k->opts.page_size, kiosk_page_cb, k) != 0)
		k->st.copying = 0;
}

static void
kiosk_refresh_cb(uv_timer_t *t)
{
	struct kiosk	*k = t->data;

	if (k->st.online && !k->st.copying && !k->st.no_copy)
		kiosk_copy_page(k);
}

char *
kiosk_path(const char *server, int64_t event_id, char **cause)
{
	char	 name[160], *p;
	size_t	 i;
	int	 n;

	/* kiosk-HOST_PORT-EVENT.db: one file a server and event. */
	n = snprintf(name, sizeof name, "kiosk-%s-%" PRId64 ".db",
	    strstr(server, "://") != NULL ? strstr(server, "://") + 3 :
	    server, event_id);
	if (n < 0 || (size_t)n >= sizeof name) {
		*cause = xstrdup("the server's address is too long");
		return (NULL);
	}
	for (p = name, i = 0; p[i] != '\0'; i++) {
		if (!((p[i] >= 'a' && p[i] <= 'z') ||
		    (p[i] >= 'A' && p[i] <= 'Z') ||
		    (p[i] >= '0' && p[i] <= '9') || p[i] == '.' ||
		    p[i] == '-'))
			p[i] = '_';
	}
	return (paths_state_file(name, cause));
}

struct kiosk *
kiosk_new(uv_loop_t *loop, struct api *api, const struct kiosk_options *o,
    const struct kiosk_hooks *hooks, void *arg, char **cause)
{
	struct kiosk	*k;
	char		*path;

	path = o->path != NULL ? xstrdup(o->path) : kiosk_path(o->server,
	    o->event_id, cause);
	if (path == NULL)
		return (NULL);
	k = xcalloc(1, sizeof *k);
	k->loop = loop;
	k->api = api;
	k->opts = *o;
	k->opts.path = NULL;
	k->opts.server = NULL;
	if (k->opts.answer_ms == 0)
		k->opts.answer_ms = KIOSK_ANSWER_MS;
	if (k->opts.page_size == 0)
		k->opts.page_size = KIOSK_PAGE;
	k->hooks = hooks;
	k->arg = arg;
	if ((k->db = kiosk_db_open(path, o->server, o->event_id,
	    cause)) == NULL) {
		free(path);
		free(k);
		return (NULL);
	}
	log_debug("kiosk: event %" PRId64 ", file %s", o->event_id, path);
	free(path);
	k->st.capacity = -1;
	k->st.checked_in = -1;
	k->st.inside = -1;
	k->st.online = 1;
	k->st.guests = kiosk_db_guests(k->db);
	k->st.copied_at = kiosk_db_copied_at(k->db);
	uv_timer_init(loop, &k->answer);
	uv_timer_init(loop, &k->retry);
	uv_timer_init(loop, &k->refresh);
	k->answer.data = k->retry.data = k->refresh.data = k;
	k->handles = 3;
	return (k);
}

void
kiosk_start(struct kiosk *k)
{
	if (k->api == NULL)
		return;
	api_event_get(k->api, k->opts.event_id, kiosk_event_cb, k);
	k->stats_owed = 1;
	kiosk_heard_counters(k, NULL);
	kiosk_copy_page(k);
	uv_timer_start(&k->refresh, kiosk_refresh_cb,
	    kiosk_ms(k, KIOSK_REFRESH_MS), kiosk_ms(k, KIOSK_REFRESH_MS));
	/* What a crash or a power cut left queued goes first. */
	kiosk_drain(k);
}

static void
kiosk_close_cb(uv_handle_t *h)
{
	struct kiosk	*k = h->data;

	if (--k->handles == 0) {
		kiosk_db_close(k->db);
		free(k);
	}
}

void
kiosk_free(struct kiosk *k)
{
	if (k == NULL)
		return;
	k->freeing = 1;
	if (k->api != NULL)
		api_forget(k->api, k);
	uv_close((uv_handle_t *)&k->answer, kiosk_close_cb);
	uv_close((uv_handle_t *)&k->retry, kiosk_close_cb);
	uv_close((uv_handle_t *)&k->refresh, kiosk_close_cb);
}

void
kiosk_state(struct kiosk *k, struct kiosk_state *out)
{
	kiosk_no_checkin(k);
	/* Not at every frame: only after something changed. */
	if (!k->counted) {
		k->st.queued = kiosk_db_queued(k->db);
		k->st.here = kiosk_db_local_checkins(k->db);
		k->counted = 1;
	}
	*out = k->st;
	if (k->st.copying)
		out->guests = k->copied;
}

int
kiosk_waiting(const struct kiosk *k)
{
	return (k->st.waiting);
}

size_t
kiosk_recent(struct kiosk *k, struct kiosk_scan *out, size_t max)
{
	return (kiosk_db_recent(k->db, out, max));
}

size_t
kiosk_search(struct kiosk *k, const char *words, struct kiosk_guest *out,
    size_t max)
{
	return (kiosk_db_search(k->db, words, out, max));
}

int
kiosk_last_checkin(struct kiosk *k, struct kiosk_scan *out)
{
	struct kiosk_scan	recent[KIOSK_RECENT];
	size_t			i, n;

	n = kiosk_db_recent(k->db, recent, KIOSK_RECENT);
	for (i = 0; i < n; i++) {
		if (recent[i].result == KIOSK_VALID && !recent[i].conflict &&
		    !recent[i].undone && recent[i].seq != k->waiting_seq) {
			*out = recent[i];
			return (0);
		}
	}
	return (1);
}

static void
kiosk_undo_cb(void *arg, const struct api_result *r)
{
	struct kiosk		*k = arg;
	struct kiosk_scan	 sc = k->undone;
	char			 sentence[256], *cause = NULL;

	k->undoing = 0;
	if (r->status != API_OK) {
		if (kiosk_unanswered(r))
			kiosk_offline(k);
		snprintf(sentence, sizeof sentence, "Not undone: %s",
		    r->error != NULL ? r->error->sentence :
		    "the server did not answer");
		kiosk_note(k, sentence);
		return;
	}
	kiosk_online(k);
	sc.undone = 1;
	kiosk_write(k, &sc, 0);
	if (kiosk_db_set_checked_in(k->db, sc.guest_id, 0, &cause) != 0) {
		kiosk_note(k, cause);
		free(cause);
	}
	snprintf(sentence, sizeof sentence, "Check-in of %s undone",
	    sc.name[0] != '\0' ? sc.name : sc.code);
	kiosk_note(k, sentence);
	kiosk_changed(k);
}

void
kiosk_undo(struct kiosk *k, const struct kiosk_scan *sc)
{
	char	sentence[256], *cause = NULL;

	/* Not sent yet, and not being sent: it never leaves. */
	if (sc->queued && !(k->sending && k->sent.seq == sc->seq)) {
		if (kiosk_db_drop_scan(k->db, sc->seq, &cause) != 0) {
			kiosk_note(k, cause);
			free(cause);
			return;
		}
		snprintf(sentence, sizeof sentence, "Check-in of %s taken "
		    "back before it was sent", sc->name[0] != '\0' ? sc->name :
		    sc->code);
		kiosk_note(k, sentence);
		kiosk_changed(k);
		return;
	}
	if (sc->queued) {
		kiosk_note(k, "That check-in is being sent: undo it once the "
		    "server has answered");
		return;
	}
	if (k->undoing || k->api == NULL || sc->guest_id == 0) {
		kiosk_note(k, "Cannot undo that one now");
		return;
	}
	k->undone = *sc;
	k->undoing = 1;
	if (api_checkin_undo(k->api, k->opts.event_id, sc->guest_id,
	    kiosk_undo_cb, k) != 0) {
		k->undoing = 0;
		kiosk_note(k, "Cannot undo that one now");
	}
}

void
kiosk_heard_checkin(struct kiosk *k, const struct guest *g)
{
	char	*cause = NULL;

	if (g->event_id > 0 && g->event_id != k->opts.event_id)
		return;
	if (kiosk_db_put_guest(k->db, g, &cause) != 0) {
		kiosk_note(k, cause);
		free(cause);
		return;
	}
	kiosk_changed(k);
}

/* Counters from the link, or (c NULL) a stats fetch when one is owed. */
void
kiosk_heard_counters(struct kiosk *k, const struct counters *c)
{
	uint64_t	now = (uint64_t)clock_now_ms();

	if (c != NULL) {
		if (c->event_id != k->opts.event_id)
			return;
		if (c->checked_in >= 0)
			k->st.checked_in = c->checked_in;
		if (c->inside >= 0)
			k->st.inside = c->inside;
		kiosk_online(k);
		kiosk_changed(k);
		return;
	}
	/* Owed until one is sent; one in flight sends it when back. */
	k->stats_owed = 1;
	if (k->api == NULL || k->stats_inflight ||
	    (k->stats_ms != 0 && now < k->stats_ms + KIOSK_STATS_GAP_MS))
		return;
	if (api_event_stats(k->api, k->opts.event_id, kiosk_stats_cb,
	    k) != 0)
		return;
	k->stats_owed = 0;
	k->stats_inflight = 1;
	k->stats_ms = now;
}

void
kiosk_heard_resync(struct kiosk *k)
{
	k->stats_owed = 1;
	kiosk_heard_counters(k, NULL);
	if (!k->st.copying && !k->st.no_copy)
		kiosk_copy_page(k);
}

void
kiosk_heard_link(struct kiosk *k, int up)
{
	if (!up) {
		kiosk_offline(k);
		return;
	}
	/* Back: the counters say so for sure, and the queue goes. */
	k->stats_owed = 1;
	k->stats_ms = 0;
	kiosk_heard_counters(k, NULL);
	if (!k->st.signed_out)
		kiosk_drain(k);
}

void
kiosk_signed_out(struct kiosk *k)
{
	k->st.signed_out = 1;
	kiosk_changed(k);
}

void
kiosk_signed_in(struct kiosk *k)
{
	k->st.signed_out = 0;
	kiosk_heard_link(k, 1);
}
