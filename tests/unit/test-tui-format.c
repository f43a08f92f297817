/* Times as an operator reads them: "in 58 min", not a timestamp sum. */
#include "pane.h"
#include "test.h"

#define NOW	1781600400

static const char *
rel(long delta)
{
	static char	buf[64];

	pane_format_relative(NOW + delta, NOW, buf, sizeof buf);
	return (buf);
}

static void
test_relative(void)
{
	CHECK_STR(rel(0), "now");
	CHECK_STR(rel(59), "now");
	CHECK_STR(rel(-30), "just started");
	CHECK_STR(rel(60), "in 1 min");
	CHECK_STR(rel(58 * 60 + 59), "in 58 min");
	CHECK_STR(rel(-5 * 60), "started 5 min ago");
	CHECK_STR(rel(3 * 3600 + 5 * 60), "in 3 h 5 min");
	CHECK_STR(rel(3 * 3600), "in 3 h");
	CHECK_STR(rel(-(2 * 3600 + 60)), "started 2 h 1 min ago");
	CHECK_STR(rel(30 * 3600), "in 30 h");
	CHECK_STR(rel(7 * 86400 + 3600), "in 7 days");
	CHECK_STR(rel(-3 * 86400), "3 days ago");
}

TEST_MAIN(TEST_CASE(test_relative))
