/*
 * Invitation campaigns: one mail per selected guest, kept as a row of
 * email_logs and delivered by the mail queue (mailq.c).  A campaign's
 * counters (active, delayed, sent, failed, filled) always match its rows,
 * so totals are sums over campaigns, never counts over the logs.
 */
#ifndef EVTOP_MOCK_CAMPAIGNS_H
#define EVTOP_MOCK_CAMPAIGNS_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct db;

/* Who is invited: the listed guests, or every guest (of one RSVP). */
struct campaign_select {
	const int64_t	*guest_ids;	/* NULL: every guest of the event */
	size_t		 nguest_ids;
	const char	*rsvp;		/* every guest with this RSVP; NULL any */
};

enum campaigns_result {
	CAMPAIGNS_OK = 0,
	CAMPAIGNS_FAILED = -1,		/* database trouble */
	CAMPAIGNS_EMPTY = -2,		/* the selection holds no guest */
};

#define CAMPAIGNS_PER_PAGE_DEFAULT	50
#define CAMPAIGNS_PER_PAGE_MAX		200

/* 1 when rsvp is pending, accepted, declined or waitlisted. */
int	 campaigns_rsvp_valid(const char *rsvp);
/* 1 when status is one an email log can have. */
int	 campaigns_log_status_valid(const char *status);

/*
 * Creates a campaign for event by user at now_ms (milliseconds).  Listed
 * guests are queued at once (duplicates once, guests of other events
 * skipped and counted in *skipped); "every guest" is queued by the mail
 * queue a chunk at a time.  Returns CAMPAIGNS_OK and *id, or a negative
 * result with a sentence in *cause.
 */
int	 campaigns_create(struct db *, int64_t event_id, int64_t user_id,
	     const struct campaign_select *, int64_t now_ms, int64_t *id,
	     int64_t *skipped, char **cause);

/*
 * Queues the next budget guests (by id, whatever their RSVP: fewer when
 * filtered) of the oldest campaign made for every guest; the campaign's id
 * goes to fn.  Once all are queued, its total is what really was queued.
 * Returns 1 when guests remain to be queued, 0 when none, -1 on error.
 * Runs inside the caller's transaction.
 */
int	 campaigns_fill(struct db *, int64_t now_ms, int64_t budget,
	     void (*fn)(int64_t campaign_id, void *), void *arg);

/*
 * Campaign id as JSON {id,event_id,status,total,queued,active,delayed,
 * sent,failed,created_by,created_at,updated_at,finished_at}, its event in
 * *event_id (may be NULL); NULL when there is no such campaign.
 */
json_t	*campaigns_get_json(struct db *, int64_t id, int64_t *event_id);
/* A page of the event's campaigns, newest first; *total of them. */
json_t	*campaigns_list_json(struct db *, int64_t event_id, int64_t page,
	     int64_t per_page, int64_t *total);

struct campaigns_logs_query {
	int64_t		 event_id;
	int64_t		 campaign_id;	/* 0: every campaign of the event */
	const char	*status;	/* NULL: any */
	int64_t		 page;		/* from 1 */
	int64_t		 per_page;
};

/* A page of email logs, newest first, and how many match in *total. */
json_t	*campaigns_logs_json(struct db *, const struct campaigns_logs_query *,
	     int64_t *total);

/* The "email" queue as a Bull dashboard shows it. */
json_t	*campaigns_queue_json(struct db *);

#endif
