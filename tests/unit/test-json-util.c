/* Counts and times in every shape servers send them, and the shapes refused. */
#include <stdlib.h>

#include "json-util.h"

#include "test.h"

/* Runs json_util_count on {"n": <value>} (or {} when value is NULL). */
static int
count_of(const char *value, int64_t *out, char **cause)
{
	char	 buf[256];
	json_t	*j;
	int	 r;

	if (value != NULL)
		snprintf(buf, sizeof buf, "{\"n\": %s}", value);
	else
		snprintf(buf, sizeof buf, "{}");
	j = json_loads(buf, 0, NULL);
	CHECK(j != NULL);
	*out = -7;
	r = json_util_count(j, "n", out, cause);
	json_decref(j);
	return (r);
}

static void
test_count_accepted(void)
{
	int64_t	n;

	CHECK_INT(count_of("45", &n, NULL), 0);
	CHECK_INT(n, 45);
	CHECK_INT(count_of("\"45\"", &n, NULL), 0);
	CHECK_INT(n, 45);
	CHECK_INT(count_of("45.0", &n, NULL), 0);
	CHECK_INT(n, 45);
	CHECK_INT(count_of("0", &n, NULL), 0);
	CHECK_INT(n, 0);
	CHECK_INT(count_of("\"9007199254740993\"", &n, NULL), 0);
	CHECK_INT(n, 9007199254740993LL);
}

static void
test_count_refused(void)
{
	static const char	*bad[] = {
		"\"4x5\"", "true", "false", "45.5", "\"\"", "\"abc\"",
		"[45]", "{\"v\":45}", "\"99999999999999999999\"",
	};
	int64_t			 n;
	char			*cause;
	size_t			 i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cause = NULL;
		CHECK_INT(count_of(bad[i], &n, &cause), -1);
		CHECK(cause != NULL && strstr(cause, "\"n\"") != NULL);
		free(cause);
	}
}

static void
test_count_absent(void)
{
	int64_t	 n;
	char	*cause = NULL;

	CHECK_INT(count_of("null", &n, &cause), 1);
	CHECK_INT(count_of(NULL, &n, &cause), 1);
	CHECK(cause == NULL);
	CHECK_INT(n, -7);	/* untouched */
}

static void
test_time_accepted(void)
{
	time_t	t;

	CHECK_INT(json_util_parse_time("2026-06-15T09:00:00Z", &t), 0);
	CHECK_INT(t, 1781514000);
	CHECK_INT(json_util_parse_time("2026-06-15T09:00:00.000Z", &t), 0);
	CHECK_INT(t, 1781514000);
	CHECK_INT(json_util_parse_time("2026-06-15T11:00:00+02:00", &t), 0);
	CHECK_INT(t, 1781514000);
	CHECK_INT(json_util_parse_time("2026-06-15T03:30:00-0530", &t), 0);
	CHECK_INT(t, 1781514000);
	CHECK_INT(json_util_parse_time("2026-06-15 09:00:00", &t), 0);
	CHECK_INT(t, 1781514000);
}

static void
test_time_refused(void)
{
	static const char	*bad[] = {
		"garbage", "", "2026-02-31T10:00:00Z", "2026-13-01T00:00:00Z",
		"2026-06-15T25:00:00Z", "2026-06-15T09:00:00Zjunk",
		"2026-06-15T09:00:00+2", "15/06/2026",
	};
	time_t			 t = 42;
	size_t			 i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (json_util_parse_time(bad[i], &t) != -1) {
			fprintf(stderr, "accepted \"%s\"\n", bad[i]);
			CHECK(0);
		}
	}
	CHECK_INT(json_util_parse_time(NULL, &t), -1);
	CHECK_INT(t, 42);
}

static void
test_format_roundtrip(void)
{
	char	buf[32];
	time_t	t;

	json_util_format_time(1781514000, buf, sizeof buf);
	CHECK_STR(buf, "2026-06-15T09:00:00Z");
	CHECK_INT(json_util_parse_time(buf, &t), 0);
	CHECK_INT(t, 1781514000);
}

static void
test_load_error_sentence(void)
{
	char	*cause = NULL;
	json_t	*j;

	j = json_util_load("{\"a\":", 5, &cause);
	CHECK(j == NULL);
	CHECK(cause != NULL && strncmp(cause, "invalid JSON", 12) == 0);
	free(cause);
}

TEST_MAIN(
	TEST_CASE(test_count_accepted),
	TEST_CASE(test_count_refused),
	TEST_CASE(test_count_absent),
	TEST_CASE(test_time_accepted),
	TEST_CASE(test_time_refused),
	TEST_CASE(test_format_roundtrip),
	TEST_CASE(test_load_error_sentence)
)
