/*
 * The iCalendar export: what libical writes parses back with libical and
 * with Python's icalendar package, every event whole (text with commas,
 * semicolons, newlines and non-ASCII), and the file is written whole or
 * not at all, never over another without asking.
 */
#include <libical/ical.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "ics.h"

#include "test.h"

static char	s0[] = "Launch; party, \"live\"";
static char	s1[] = "Hall 1\nback door";
static char	s2[] = "Bring a badge.\nNo \\ backslashes";
static char	s3[] = "published";
static char	s4[] = "meetup";
static char	s5[] = "Caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac";
static char	s6[] = "Quai";
static char	s7[] = "cancelled";
static char	s8[] = "Draft";
static char	s9[] = "TBD";
static char	s10[] = "draft";
static struct event	evs[3];
static const struct event *list[3] = { &evs[0], &evs[1], &evs[2] };

static void
setup(void)
{
	memset(evs, 0, sizeof evs);
	evs[0].id = 42;
	evs[0].title = s0;
	evs[0].location = s1;
	evs[0].description = s2;
	evs[0].date_time = 1781514000;		/* 2026-06-15T09:00:00Z */
	evs[0].status = s3;
	evs[0].category = s4;
	evs[0].updated_at = 1781000000;
	evs[1].id = 7;
	evs[1].title = s5;
	evs[1].location = s6;
	evs[1].date_time = 1790000000;
	evs[1].status = s7;
	evs[2].id = 8;
	evs[2].title = s8;
	evs[2].location = s9;
	evs[2].date_time = 1790003600;
	evs[2].status = s10;
}

static void
test_libical_reads_it(void)
{
	icalcomponent	*cal, *v;
	char		*text;
	int		 n = 0;

	setup();
	text = ics_format(list, 3, "events.example.com", 1780000000);
	CHECK(strstr(text, "BEGIN:VCALENDAR") == text);
	CHECK(strstr(text, "PRODID:-//evtop//") != NULL);
	cal = icalparser_parse_string(text);
	CHECK(cal != NULL);
	if (cal == NULL) {
		free(text);
		return;
	}
	for (v = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	    v != NULL;
	    v = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
		if (n == 0) {
			CHECK_STR(icalcomponent_get_uid(v),
			    "evtop-event-42@events.example.com");
			CHECK_STR(icalcomponent_get_summary(v),
			    "Launch; party, \"live\"");
			CHECK_STR(icalcomponent_get_location(v),
			    "Hall 1\nback door");
			CHECK_STR(icalcomponent_get_description(v),
			    "Bring a badge.\nNo \\ backslashes");
			CHECK_INT(icaltime_as_timet(icalcomponent_get_dtstart(v)),
			    1781514000);
			CHECK(icaltime_is_utc(icalcomponent_get_dtstart(v)));
			CHECK_INT(icalcomponent_get_status(v),
			    ICAL_STATUS_CONFIRMED);
		}
		if (n == 1) {
			CHECK_STR(icalcomponent_get_summary(v),
			    "Caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac");
			CHECK_INT(icalcomponent_get_status(v),
			    ICAL_STATUS_CANCELLED);
		}
		if (n == 2)
			CHECK_INT(icalcomponent_get_status(v),
			    ICAL_STATUS_TENTATIVE);
		n++;
	}
	CHECK_INT(n, 3);
	icalcomponent_free(cal);
	free(text);
}

static char *
tmp_path(const char *name)
{
	static char	path[256];
	const char	*dir = getenv("TMPDIR");

	snprintf(path, sizeof path, "%s/evtop-ics-%d-%s",
	    dir != NULL ? dir : "/tmp", (int)getpid(), name);
	return (path);
}

/* Python's icalendar package sees the same events. */
static void
test_python_reads_it(void)
{
	const char	*py = getenv("EVTOP_PYTHON3");
	const char	*src = getenv("EVTOP_SOURCE_DIR");
	char		*path = tmp_path("py.ics"), cmd[1024], line[512];
	char		*cause = NULL;
	FILE		*p;
	int		 exists, n = 0, status;

	setup();
	CHECK(py != NULL && src != NULL);
	if (py == NULL || src == NULL)
		return;
	CHECK_INT(ics_export(path, list, 3, "events.example.com", 0, &exists,
	    &cause), 0);
	snprintf(cmd, sizeof cmd, "'%s' '%s/tests/unit/check-ics.py' '%s'",
	    py, src, path);
	p = popen(cmd, "r");
	CHECK(p != NULL);
	if (p == NULL)
		return;
	while (fgets(line, sizeof line, p) != NULL) {
		if (n == 0)
			CHECK_STR(line, "evtop-event-42@events.example.com\t"
			    "2026-06-15T09:00:00Z\tLaunch; party, \"live\"\t"
			    "Hall 1\\nback door\tCONFIRMED\n");
		n++;
	}
	status = pclose(p);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK_INT(n, 3);
	unlink(path);
	free(cause);
}

static void
test_written_whole(void)
{
	char		*path = tmp_path("whole.ics"), *cause = NULL, buf[64];
	struct stat	 sb;
	FILE		*f;
	int		 exists;

	setup();
	unlink(path);
	CHECK_INT(ics_export(path, list, 1, "h", 0, &exists, &cause), 0);
	CHECK_INT(exists, 0);
	CHECK(stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0644);
	/* Not over a file without asking; it is left as it was. */
	f = fopen(path, "w");
	fputs("mine", f);
	fclose(f);
	CHECK_INT(ics_export(path, list, 3, "h", 0, &exists, &cause), -1);
	CHECK_INT(exists, 1);
	CHECK(cause != NULL && strstr(cause, "exists") != NULL);
	free(cause);
	cause = NULL;
	f = fopen(path, "r");
	CHECK(fgets(buf, sizeof buf, f) != NULL && strcmp(buf, "mine") == 0);
	fclose(f);
	CHECK_INT(ics_export(path, list, 3, "h", 1, &exists, &cause), 0);
	f = fopen(path, "r");
	CHECK(fgets(buf, sizeof buf, f) != NULL &&
	    strncmp(buf, "BEGIN:VCALENDAR", 15) == 0);
	fclose(f);
	unlink(path);
	/* A folder, a missing folder, no name: a sentence, nothing written. */
	CHECK_INT(ics_export("/tmp", list, 3, "h", 1, &exists, &cause), -1);
	CHECK(cause != NULL && strstr(cause, "folder") != NULL);
	free(cause);
	cause = NULL;
	CHECK_INT(ics_export("/nonexistent-dir/x.ics", list, 3, "h", 1,
	    &exists, &cause), -1);
	CHECK(cause != NULL && strstr(cause, "cannot write") != NULL);
	free(cause);
	cause = NULL;
	CHECK_INT(ics_export("", list, 3, "h", 1, &exists, &cause), -1);
	free(cause);
}

TEST_MAIN(
	TEST_CASE(test_libical_reads_it),
	TEST_CASE(test_python_reads_it),
	TEST_CASE(test_written_whole))
