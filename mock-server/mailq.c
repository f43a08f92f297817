#include "mailq.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "campaigns.h"
#include "clock.h"
#include "db.h"
#include "hub.h"
#include "log.h"
#include "mock.h"
#include "publish.h"
#include "notify.h"
#include "xmalloc.h"

/* What one pass did to one campaign. */
struct mailq_touch {
	int64_t	 id;
	int64_t	 active, delayed, sent, failed;	/* changes of counters */
	int	 changed;			/* its status moved on */
	int	 done;				/* ... to done */
};

/* When a campaign's progress was last published, for the throttle. */
struct mailq_watch {
	int64_t	 id;
	int64_t	 last_ms;
	int	 dirty;		/* changed since */
	int	 force;		/* publish now, whatever the throttle says */
};

/* A mail taken from the store, to act on once the query is done. */
struct mailq_mail {
	int64_t	 id;
	int64_t	 campaign_id;
	int64_t	 guest_id;
	int64_t	 attempts;
	int	 flag;		/* delivered: no address; taken: was delayed */
};

struct mailq {
	struct mock		*m;
	struct mailq_params	 p;
	uint64_t		 rng;

	uv_timer_t		 timer;
	int			 started;	/* the timer is initialised */
	int			 running;	/* ... and armed */
	int64_t			 last_ms;	/* of the last pass */
	double			 credit;	/* mails the rate allows */

	struct mailq_touch	*touch;		/* this pass */
	size_t			 ntouch;
	struct mailq_watch	*watch;
	size_t			 nwatch;
};

static const char mailq_sql_active[] =
	"SELECT id, campaign_id, guest_id, attempts, email = '' FROM email_logs"
	" WHERE status = 'active' ORDER BY id LIMIT ?";
static const char mailq_sql_due[] =
	"SELECT id, campaign_id, guest_id, attempts, status = 'delayed'"
	" FROM email_logs WHERE status IN ('queued','delayed') AND due_ms <= ?"
	" ORDER BY due_ms, id LIMIT ?";
static const char mailq_sql_next_due[] =
	"SELECT MIN(due_ms) FROM email_logs"
	" WHERE status IN ('queued','delayed')";
static const char mailq_sql_deliver[] =
	"UPDATE email_logs SET status = ?, attempts = ?, error = ?,"
	" due_ms = ?, updated_at = ? WHERE id = ?";
static const char mailq_sql_take[] =
	"UPDATE email_logs SET status = 'active', updated_at = ? WHERE id = ?";
static const char mailq_sql_invited[] =
	"UPDATE guests SET invited_at = ? WHERE id = ?";
static const char mailq_sql_counters[] =
	"UPDATE campaigns SET active = active + ?, delayed = delayed + ?,"
	" sent = sent + ?, failed = failed + ?, updated_at = ? WHERE id = ?";
static const char mailq_sql_progress[] =
	"SELECT status, total, sent + failed,"
	" active + delayed + sent + failed, fill_after < fill_until"
	" FROM campaigns WHERE id = ?";
static const char mailq_sql_set_status[] =
	"UPDATE campaigns SET status = ?1, finished_at ="
	" CASE WHEN ?1 = 'done' THEN ?2 ELSE finished_at END WHERE id = ?3";
static const char mailq_sql_title[] =
	"SELECT title FROM events WHERE id = ?";

void
mailq_params_default(struct mailq_params *p)
{
	memset(p, 0, sizeof *p);
	p->rate = MAILQ_RATE_DEFAULT;
	p->failure_rate = MAILQ_FAILURE_DEFAULT;
	p->retry_ms = MAILQ_RETRY_MS_DEFAULT;
	p->max_attempts = MAILQ_MAX_ATTEMPTS;
	p->seed = MAILQ_SEED_DEFAULT;
}

/* xorshift64*: the same failures on every run with the same seed. */
static double
mailq_dice(struct mailq *mq)
{
	uint64_t	x = mq->rng;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	mq->rng = x;
	return ((double)((x * 0x2545f4914f6cdd1dULL) >> 11) /
	    9007199254740992.0);
}

static struct mailq_touch *
mailq_touch(struct mailq *mq, int64_t id)
{
	struct mailq_touch	*t;
	size_t			 i;

	for (i = 0; i < mq->ntouch; i++) {
		if (mq->touch[i].id == id)
			return (&mq->touch[i]);
	}
	mq->touch = xreallocarray(mq->touch, mq->ntouch + 1,
	    sizeof *mq->touch);
	t = &mq->touch[mq->ntouch++];
	memset(t, 0, sizeof *t);
	t->id = id;
	return (t);
}

static void
mailq_touch_cb(int64_t id, void *arg)
{
	mailq_touch(arg, id);
}

static int
mailq_run(sqlite3_stmt *stmt)
{
	int	rc;

	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	return (rc == SQLITE_DONE ? 0 : -1);
}

/* Reads up to max mails of a query bound by the caller. */
static size_t
mailq_collect(sqlite3_stmt *stmt, struct mailq_mail *mails, size_t max)
{
	size_t	n = 0;

	while (n < max && sqlite3_step(stmt) == SQLITE_ROW) {
		mails[n].id = sqlite3_column_int64(stmt, 0);
		mails[n].campaign_id = sqlite3_column_int64(stmt, 1);
		mails[n].guest_id = sqlite3_column_int64(stmt, 2);
		mails[n].attempts = sqlite3_column_int64(stmt, 3);
		mails[n].flag = sqlite3_column_int(stmt, 4);
		n++;
	}
	sqlite3_reset(stmt);
	return (n);
}

/* Step 1: the mails taken last pass are sent, delayed or failed. */
static int
mailq_deliver(struct mailq *mq, int64_t now_ms, size_t *count)
{
	struct db		*db = mq->m->db;
	struct mailq_mail	*mails;
	struct mailq_touch	*t;
	sqlite3_stmt		*stmt;
	const char		*status, *error;
	int64_t			 due;
	size_t			 n, i;
	int			 rc = 0;

	mails = xcalloc(MAILQ_BATCH_MAX, sizeof *mails);
	stmt = db_stmt(db, mailq_sql_active);
	sqlite3_bind_int64(stmt, 1, MAILQ_BATCH_MAX);
	n = mailq_collect(stmt, mails, MAILQ_BATCH_MAX);
	for (i = 0; i < n && rc == 0; i++) {
		mails[i].attempts++;
		due = now_ms;
		t = mailq_touch(mq, mails[i].campaign_id);
		t->active--;
		if (mails[i].flag) {
			status = "failed";
			error = MAILQ_ERROR_NO_EMAIL;
			t->failed++;
		} else if (mailq_dice(mq) >= mq->p.failure_rate) {
			status = "sent";
			error = NULL;
			t->sent++;
		} else if (mails[i].attempts >= mq->p.max_attempts) {
			status = "failed";
			error = MAILQ_ERROR_FAILED;
			t->failed++;
		} else {
			status = "delayed";
			error = MAILQ_ERROR_RETRY;
			due = now_ms + (mq->p.retry_ms <<
			    (mails[i].attempts - 1));
			t->delayed++;
		}
		stmt = db_stmt(db, mailq_sql_deliver);
		sqlite3_bind_text(stmt, 1, status, -1, SQLITE_STATIC);
		sqlite3_bind_int64(stmt, 2, mails[i].attempts);
		if (error != NULL)
			sqlite3_bind_text(stmt, 3, error, -1, SQLITE_STATIC);
		sqlite3_bind_int64(stmt, 4, due);
		sqlite3_bind_int64(stmt, 5, now_ms / 1000);
		sqlite3_bind_int64(stmt, 6, mails[i].id);
		rc = mailq_run(stmt);
		if (rc == 0 && error == NULL && mails[i].guest_id > 0) {
			stmt = db_stmt(db, mailq_sql_invited);
			sqlite3_bind_int64(stmt, 1, now_ms / 1000);
			sqlite3_bind_int64(stmt, 2, mails[i].guest_id);
			rc = mailq_run(stmt);
		}
	}
	free(mails);
	*count = n;
	return (rc);
}

/* Step 3: up to batch due mails become active. */
static int
mailq_take(struct mailq *mq, int64_t now_ms, size_t batch, size_t *count)
{
	struct db		*db = mq->m->db;
	struct mailq_mail	*mails;
	struct mailq_touch	*t;
	sqlite3_stmt		*stmt;
	size_t			 n, i;
	int			 rc = 0;

	*count = 0;
	if (batch == 0)
		return (0);
	if (batch > MAILQ_BATCH_MAX)
		batch = MAILQ_BATCH_MAX;
	mails = xcalloc(batch, sizeof *mails);
	stmt = db_stmt(db, mailq_sql_due);
	sqlite3_bind_int64(stmt, 1, now_ms);
	sqlite3_bind_int64(stmt, 2, (sqlite3_int64)batch);
	n = mailq_collect(stmt, mails, batch);
	for (i = 0; i < n && rc == 0; i++) {
		t = mailq_touch(mq, mails[i].campaign_id);
		t->active++;
		if (mails[i].flag)
			t->delayed--;
		stmt = db_stmt(db, mailq_sql_take);
		sqlite3_bind_int64(stmt, 1, now_ms / 1000);
		sqlite3_bind_int64(stmt, 2, mails[i].id);
		rc = mailq_run(stmt);
	}
	free(mails);
	*count = n;
	return (rc);
}

/* Step 4: counters and status of every campaign this pass touched. */
static int
mailq_settle(struct mailq *mq, int64_t now_ms)
{
	struct db		*db = mq->m->db;
	struct mailq_touch	*t;
	sqlite3_stmt		*stmt;
	char			 status[16];
	const char		*next;
	int64_t			 total, finished, started;
	int			 filling;
	size_t			 i;

	for (i = 0; i < mq->ntouch; i++) {
		t = &mq->touch[i];
		stmt = db_stmt(db, mailq_sql_counters);
		sqlite3_bind_int64(stmt, 1, t->active);
		sqlite3_bind_int64(stmt, 2, t->delayed);
		sqlite3_bind_int64(stmt, 3, t->sent);
		sqlite3_bind_int64(stmt, 4, t->failed);
		sqlite3_bind_int64(stmt, 5, now_ms / 1000);
		sqlite3_bind_int64(stmt, 6, t->id);
		if (mailq_run(stmt) != 0)
			return (-1);

		stmt = db_stmt(db, mailq_sql_progress);
		sqlite3_bind_int64(stmt, 1, t->id);
		if (sqlite3_step(stmt) != SQLITE_ROW) {
			sqlite3_reset(stmt);
			continue;	/* its event was deleted meanwhile */
		}
		snprintf(status, sizeof status, "%s", db_text(stmt, 0));
		total = sqlite3_column_int64(stmt, 1);
		finished = sqlite3_column_int64(stmt, 2);
		started = sqlite3_column_int64(stmt, 3);
		filling = sqlite3_column_int(stmt, 4);
		sqlite3_reset(stmt);

		next = status;
		if (!filling && finished >= total)
			next = "done";
		else if (strcmp(status, "queued") == 0 && started > 0)
			next = "sending";
		if (strcmp(next, status) == 0)
			continue;
		t->changed = 1;
		t->done = (strcmp(next, "done") == 0);
		stmt = db_stmt(db, mailq_sql_set_status);
		sqlite3_bind_text(stmt, 1, next, -1, SQLITE_STATIC);
		sqlite3_bind_int64(stmt, 2, now_ms / 1000);
		sqlite3_bind_int64(stmt, 3, t->id);
		if (mailq_run(stmt) != 0)
			return (-1);
	}
	return (0);
}

static struct mailq_watch *
mailq_watch(struct mailq *mq, int64_t id)
{
	struct mailq_watch	*w;
	size_t			 i;

	for (i = 0; i < mq->nwatch; i++) {
		if (mq->watch[i].id == id)
			return (&mq->watch[i]);
	}
	mq->watch = xreallocarray(mq->watch, mq->nwatch + 1,
	    sizeof *mq->watch);
	w = &mq->watch[mq->nwatch++];
	memset(w, 0, sizeof *w);
	w->id = id;
	w->last_ms = INT64_MIN / 2;
	return (w);
}

/*
 * Publishes the progress of campaigns that changed, each at most every
 * MAILQ_PROGRESS_MS unless its status moved on.  Returns the milliseconds
 * until a held-back one may go (-1: none is waiting).
 */
static int64_t
mailq_publish(struct mailq *mq, int64_t now_ms)
{
	struct mailq_watch	*w;
	const char		*topics[3];
	char			 topic[32];
	const char		*status;
	json_t			*c;
	int64_t			 event_id, wait = -1, left;
	size_t			 i = 0;
	int			 done;

	while (i < mq->nwatch) {
		w = &mq->watch[i];
		left = w->last_ms + MAILQ_PROGRESS_MS - now_ms;
		if (!w->dirty || (!w->force && left > 0)) {
			if (w->dirty && (wait < 0 || left < wait))
				wait = left;
			i++;
			continue;
		}
		c = campaigns_get_json(mq->m->db, w->id, &event_id);
		status = c != NULL ? json_string_value(json_object_get(c,
		    "status")) : NULL;
		/* Gone (its event was deleted) or finished: forget it. */
		done = status == NULL || strcmp(status, "done") == 0;
		if (c != NULL) {
			snprintf(topic, sizeof topic, "event:%" PRId64,
			    event_id);
			topics[0] = "campaigns";
			topics[1] = topic;
			topics[2] = NULL;
			publish_about(mq->m, event_id, topics,
			    "campaign.progress", c);
		}
		if (done) {
			mq->watch[i] = mq->watch[--mq->nwatch];
			continue;
		}
		w->last_ms = now_ms;
		w->dirty = w->force = 0;
		i++;
	}
	return (wait);
}

/* A notification for a campaign that has just finished. */
static void
mailq_notify_done(struct mailq *mq, int64_t id, int64_t now_ms)
{
	sqlite3_stmt	*stmt;
	json_t		*c;
	json_int_t	 total, sent, failed;
	int64_t		 event_id;
	char		 message[512], *title, *cause = NULL;

	if ((c = campaigns_get_json(mq->m->db, id, &event_id)) == NULL)
		return;
	total = json_integer_value(json_object_get(c, "total"));
	sent = json_integer_value(json_object_get(c, "sent"));
	failed = json_integer_value(json_object_get(c, "failed"));
	json_decref(c);
	stmt = db_stmt(mq->m->db, mailq_sql_title);
	sqlite3_bind_int64(stmt, 1, event_id);
	title = xstrdup(sqlite3_step(stmt) == SQLITE_ROW ?
	    db_text(stmt, 0) : "the event");
	sqlite3_reset(stmt);

	if (failed == 0)
		snprintf(message, sizeof message, "All %lld invitations for "
		    "%.300s were delivered.", (long long)total, title);
	else
		snprintf(message, sizeof message, "%lld of %lld invitations "
		    "for %.300s were delivered; %lld failed.", (long long)sent,
		    (long long)total, title, (long long)failed);
	if (notify_post(mq->m, "campaign", failed == 0 ? "success" : "warning",
	    failed == 0 ? "Invitations sent" : "Invitations sent, some failed",
	    message, event_id, (time_t)(now_ms / 1000), &cause) == 0) {
		log_warnx("campaign %" PRId64 ": %s", id, cause);
		free(cause);
	}
	free(title);
}

int64_t
mailq_step(struct mailq *mq, int64_t now_ms, size_t batch)
{
	struct db		*db = mq->m->db;
	struct mailq_watch	*w;
	sqlite3_stmt		*stmt;
	size_t			 delivered = 0, taken = 0, i;
	int64_t			 next, wait;
	int			 filling = 0;
	char			*cause = NULL;

	mq->ntouch = 0;
	if (db_begin(db, &cause) != 0)
		goto fail;
	if (mailq_deliver(mq, now_ms, &delivered) != 0 ||
	    (filling = campaigns_fill(db, now_ms, MAILQ_FILL_CHUNK,
	    mailq_touch_cb, mq)) < 0 ||
	    mailq_take(mq, now_ms, batch, &taken) != 0 ||
	    mailq_settle(mq, now_ms) != 0) {
		xasprintf(&cause, "database error: %s",
		    sqlite3_errmsg(db_handle(db)));
		goto fail;
	}
	if (taken > 0 || delivered == MAILQ_BATCH_MAX || filling)
		next = 0;
	else {
		stmt = db_stmt(db, mailq_sql_next_due);
		next = db_int(db, stmt, -1);
		if (next >= 0)
			next = next > now_ms ? next - now_ms : 0;
	}
	if (db_commit(db, &cause) != 0)
		goto fail;

	for (i = 0; i < mq->ntouch; i++) {
		w = mailq_watch(mq, mq->touch[i].id);
		w->dirty = 1;
		if (mq->touch[i].changed)
			w->force = 1;
	}
	wait = mailq_publish(mq, now_ms);
	if (wait >= 0 && (next < 0 || wait < next))
		next = wait;
	for (i = 0; i < mq->ntouch; i++) {
		if (mq->touch[i].done)
			mailq_notify_done(mq, mq->touch[i].id, now_ms);
	}
	return (next);

fail:
	db_rollback(db);
	log_warnx("mail queue: %s", cause);
	free(cause);
	return (1000);
}

static void	mailq_tick(uv_timer_t *);

static void
mailq_arm(struct mailq *mq, int64_t next)
{
	if (next < 0) {
		uv_timer_stop(&mq->timer);
		mq->running = 0;
		mq->credit = 0;
		return;
	}
	mq->running = 1;
	uv_timer_start(&mq->timer, mailq_tick,
	    (uint64_t)(next < MAILQ_TICK_MS ? MAILQ_TICK_MS : next), 0);
}

static void
mailq_tick(uv_timer_t *timer)
{
	struct mailq	*mq = timer->data;
	int64_t		 now, elapsed, mono;
	size_t		 batch;

	/*
	 * Due times are wall clock (they outlive the process in a --db
	 * file); the rate buys mails as time passes, a second's worth at
	 * most, measured on the loop's monotonic clock so that a test's
	 * fixed wall clock does not stop the queue.
	 */
	now = clock_now_ms();
	mono = (int64_t)uv_now(timer->loop);
	elapsed = mono - mq->last_ms;
	if (elapsed < 0)
		elapsed = 0;
	if (elapsed > 1000)
		elapsed = 1000;
	mq->credit += mq->p.rate * (double)elapsed / 1000.0;
	if (mq->credit > MAILQ_BATCH_MAX)
		mq->credit = MAILQ_BATCH_MAX;
	batch = (size_t)mq->credit;
	mq->credit -= (double)batch;
	mq->last_ms = mono;
	mailq_arm(mq, mailq_step(mq, now, batch));
}

struct mailq *
mailq_new(struct mock *m, const struct mailq_params *p)
{
	struct mailq	*mq;

	mq = xcalloc(1, sizeof *mq);
	mq->m = m;
	mq->p = *p;
	mq->rng = p->seed != 0 ? p->seed : MAILQ_SEED_DEFAULT;
	if (mq->p.max_attempts < 1)
		mq->p.max_attempts = 1;
	return (mq);
}

void
mailq_start(struct mailq *mq, uv_loop_t *loop)
{
	uv_timer_init(loop, &mq->timer);
	mq->timer.data = mq;
	mq->started = 1;
	/* A first pass looks for work an earlier run left behind. */
	mailq_kick(mq);
}

void
mailq_kick(struct mailq *mq)
{
	if (mq == NULL || !mq->started || mq->p.rate <= 0)
		return;
	if (mq->running && uv_timer_get_due_in(&mq->timer) <= MAILQ_TICK_MS)
		return;
	if (!mq->running)
		mq->last_ms = (int64_t)uv_now(mq->timer.loop);
	mailq_arm(mq, MAILQ_TICK_MS);
}

static void
mailq_destroy(struct mailq *mq)
{
	free(mq->touch);
	free(mq->watch);
	free(mq);
}

static void
mailq_closed(uv_handle_t *handle)
{
	mailq_destroy(handle->data);
}

void
mailq_free(struct mailq *mq)
{
	if (mq == NULL)
		return;
	if (!mq->started) {
		mailq_destroy(mq);
		return;
	}
	uv_timer_stop(&mq->timer);
	uv_close((uv_handle_t *)&mq->timer, mailq_closed);
}
