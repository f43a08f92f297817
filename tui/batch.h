/*
 * Batch output (evtop -b): the event list as plain text for pipes and
 * scripts, with no escape codes.
 */
#ifndef EVTOP_BATCH_H
#define EVTOP_BATCH_H

#include <stdio.h>
#include <time.h>

#include "store.h"

/*
 * Prints a header line, one row per event and a totals line.  Returns 0,
 * or -1 when writing failed (errno set).
 */
int	batch_print_events(FILE *, const struct store *, time_t now);

#endif
