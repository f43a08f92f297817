"""Reads an .ics file with Python's icalendar package and prints, per
VEVENT, its UID, start (UTC), summary, location and status, one tab-separated
line each (a newline in a value as \\n), so a test can compare what a
second parser sees."""
import sys

import icalendar

with open(sys.argv[1], "rb") as f:
    cal = icalendar.Calendar.from_ical(f.read())
assert cal.get("VERSION") == "2.0", cal.get("VERSION")
for ev in cal.walk("VEVENT"):
    start = ev.decoded("DTSTART")
    print("\t".join(v.replace("\n", "\\n") for v in [
        str(ev.get("UID")),
        start.strftime("%Y-%m-%dT%H:%M:%SZ"),
        str(ev.get("SUMMARY")),
        str(ev.get("LOCATION", "")),
        str(ev.get("STATUS")),
    ]))
