/*
 * The WebSocket stream's seq across restarts with --db.  Clients resume
 * with "since", so a seq must never be handed out twice, and a client
 * that saw the last seq of a run must be able to carry on after a
 * restart without a resync.  The store keeps a mark no seq has passed:
 * while running, up to STREAM_RESERVE ahead of the stream, written before
 * the stream reaches it; after a clean stop, the last seq exactly.  A
 * run that was killed leaves the mark above anything a client can have
 * seen, so its clients get a resync instead of seqs given out again.
 */
#ifndef EVTOP_MOCK_STREAM_H
#define EVTOP_MOCK_STREAM_H

#include <stdint.h>

struct mock;

#define STREAM_RESERVE	1024

/*
 * Starts the hub after the stored mark (or the last stored
 * notification's seq, when higher) and keeps the mark ahead of it.
 * Returns where the stream starts.
 */
uint64_t	stream_resume(struct mock *);
/* Stores the last seq as the mark; -1 with *cause. */
int		stream_stop(struct mock *, char **cause);

#endif
