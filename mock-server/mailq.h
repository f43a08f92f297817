/*
 * The simulated mail queue behind invitation campaigns.  A libuv timer
 * runs passes while there is work; each pass, in one transaction:
 *
 *   1. delivers the mails the previous pass took (active): sent, or on a
 *      simulated failure delayed for a retry with exponential backoff, or
 *      failed for good after the last attempt;
 *   2. queues the next chunk of a campaign made for every guest;
 *   3. takes up to a batch of due mails (queued, or delayed whose retry
 *      time has come) and marks them active.
 *
 * Then it publishes campaign.progress envelopes (topics "campaigns" and
 * "event:ID", at most four a second per campaign, always on a change of
 * status) and a notification for each campaign that has finished.  Work
 * left in the store (a restart with --db) is picked up where it stopped.
 */
#ifndef EVTOP_MOCK_MAILQ_H
#define EVTOP_MOCK_MAILQ_H

#include <stddef.h>
#include <stdint.h>
#include <uv.h>

struct mock;
struct mailq;

struct mailq_params {
	double		rate;		/* mails per second; 0 holds the queue */
	double		failure_rate;	/* chance an attempt fails, 0..1 */
	int64_t		retry_ms;	/* the first retry's delay; doubles */
	int		max_attempts;	/* then the mail has failed */
	uint64_t	seed;		/* of the failure dice; not 0 */
};

#define MAILQ_RATE_DEFAULT	1000.0
#define MAILQ_RATE_MAX		10000.0
#define MAILQ_FAILURE_DEFAULT	0.02
#define MAILQ_RETRY_MS_DEFAULT	2000
#define MAILQ_RETRY_MS_MAX	3600000
#define MAILQ_MAX_ATTEMPTS	5
#define MAILQ_SEED_DEFAULT	20260615
/* A pass every 100 ms while there is work; never more per pass. */
#define MAILQ_TICK_MS		100
#define MAILQ_BATCH_MAX		1000
#define MAILQ_FILL_CHUNK	2000
#define MAILQ_PROGRESS_MS	250

/* The error a mail keeps while it waits for a retry, and for good. */
#define MAILQ_ERROR_RETRY	"421 mailbox busy, try again later (simulated)"
#define MAILQ_ERROR_FAILED	"550 mailbox unavailable (simulated)"
#define MAILQ_ERROR_NO_EMAIL	"the guest has no email address"

/* Sets the defaults above. */
void		 mailq_params_default(struct mailq_params *);

/* A queue over m's store; nothing runs until mailq_start. */
struct mailq	*mailq_new(struct mock *, const struct mailq_params *);
/* Runs passes on loop from now on, as long as there is work. */
void		 mailq_start(struct mailq *, uv_loop_t *);
/* Stops the timer; the object is freed once libuv has closed it. */
void		 mailq_free(struct mailq *);
/* New mail was queued: make sure passes run.  mq may be NULL. */
void		 mailq_kick(struct mailq *);

/*
 * One pass at now_ms (wall-clock milliseconds) taking at most batch mails.
 * The timer calls it; tests call it with a clock of their own.  Returns
 * the milliseconds until another pass is worth running (0: at once), or
 * -1 when nothing is left to do.
 */
int64_t		 mailq_step(struct mailq *, int64_t now_ms, size_t batch);

#endif
