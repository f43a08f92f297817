/*
 * Events as an iCalendar file (RFC 5545), written through libical: one
 * VEVENT an event, with a UID that stays the same from one export to the
 * next so a calendar that imports the file again updates, not doubles.
 */
#ifndef EVTOP_ICS_H
#define EVTOP_ICS_H

#include <stddef.h>
#include <time.h>

#include "model.h"

/*
 * The events as an iCalendar document (a new string).  origin names the
 * server in each UID ("evtop-event-42@events.example.com"); now is the
 * DTSTAMP.
 */
char	*ics_format(const struct event *const *, size_t n, const char *origin,
	    time_t now);
/*
 * Writes ics_format to path whole or not at all (mode 0644).  When path
 * exists and overwrite is 0 nothing is written: -1, with *exists set.
 * -1 with a sentence in *cause on any failure.
 */
int	 ics_export(const char *path, const struct event *const *, size_t n,
	    const char *origin, int overwrite, int *exists, char **cause);

#endif
