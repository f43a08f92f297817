/* Events as iCalendar, through libical: nothing here writes RFC 5545 by hand. */
#include "ics.h"

#include <errno.h>
#include <libical/ical.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "clock.h"
#include "file.h"
#include "log.h"
#include "xmalloc.h"

static struct icaltimetype
ics_time(time_t t)
{
	return (icaltime_from_timet_with_zone(t, 0,
	    icaltimezone_get_utc_timezone()));
}

static enum icalproperty_status
ics_status(const char *status)
{
	if (status != NULL && strcmp(status, "cancelled") == 0)
		return (ICAL_STATUS_CANCELLED);
	if (status != NULL && strcmp(status, "draft") == 0)
		return (ICAL_STATUS_TENTATIVE);
	return (ICAL_STATUS_CONFIRMED);
}

static icalcomponent *
ics_event(const struct event *e, const char *origin, time_t now)
{
	icalcomponent	*v;
	char		*uid;

	v = icalcomponent_new_vevent();
	xasprintf(&uid, "evtop-event-%lld@%s", (long long)e->id,
	    origin != NULL && *origin != '\0' ? origin : "localhost");
	icalcomponent_add_property(v, icalproperty_new_uid(uid));
	free(uid);
	icalcomponent_add_property(v, icalproperty_new_dtstamp(ics_time(now)));
	icalcomponent_add_property(v,
	    icalproperty_new_dtstart(ics_time(e->date_time)));
	icalcomponent_add_property(v, icalproperty_new_summary(
	    e->title != NULL ? e->title : ""));
	if (e->location != NULL)
		icalcomponent_add_property(v,
		    icalproperty_new_location(e->location));
	if (e->description != NULL)
		icalcomponent_add_property(v,
		    icalproperty_new_description(e->description));
	if (e->category != NULL)
		icalcomponent_add_property(v,
		    icalproperty_new_categories(e->category));
	icalcomponent_add_property(v,
	    icalproperty_new_status(ics_status(e->status)));
	if (e->updated_at > 0)
		icalcomponent_add_property(v,
		    icalproperty_new_lastmodified(ics_time(e->updated_at)));
	return (v);
}

char *
ics_format(const struct event *const *events, size_t n, const char *origin,
    time_t now)
{
	icalcomponent	*cal;
	char		*s;
	size_t		 i;

	cal = icalcomponent_new_vcalendar();
	icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
	icalcomponent_add_property(cal,
	    icalproperty_new_prodid("-//evtop//evtop " EVTOP_VERSION "//EN"));
	icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
	for (i = 0; i < n; i++) {
		if (events[i] != NULL)
			icalcomponent_add_component(cal,
			    ics_event(events[i], origin, now));
	}
	s = icalcomponent_as_ical_string_r(cal);
	icalcomponent_free(cal);
	if (s == NULL)
		log_fatalx("libical: %s", icalerror_strerror(icalerrno));
	return (s);
}

int
ics_export(const char *path, const struct event *const *events, size_t n,
    const char *origin, int overwrite, int *exists, char **cause)
{
	struct stat	 sb;
	char		*text;
	int		 rc;

	*exists = 0;
	if (path == NULL || *path == '\0') {
		*cause = xstrdup("no file name given");
		return (-1);
	}
	if (stat(path, &sb) == 0) {
		if (S_ISDIR(sb.st_mode)) {
			xasprintf(cause, "%s is a folder", path);
			return (-1);
		}
		if (!overwrite) {
			*exists = 1;
			xasprintf(cause, "%s exists", path);
			return (-1);
		}
	}
	text = ics_format(events, n, origin, clock_now());
	rc = file_write_atomic(path, text, strlen(text), 0644, cause);
	free(text);
	return (rc);
}
