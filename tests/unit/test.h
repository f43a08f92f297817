/*
 * A minimal test harness: each test file defines TESTS as a list of
 * functions and includes this header last.  Output ends with the plain
 * closing line "N passed, N failed".
 */
#ifndef EVTOP_TEST_H
#define EVTOP_TEST_H

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int	test_failures;

#define CHECK(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "%s:%d: %s: CHECK(%s) failed\n",	\
		    __FILE__, __LINE__, __func__, #cond);		\
		test_failures++;					\
	}								\
} while (0)

#define CHECK_INT(got, want) do {					\
	long long g_ = (long long)(got), w_ = (long long)(want);	\
	if (g_ != w_) {							\
		fprintf(stderr, "%s:%d: %s: %s is %lld, want %lld\n",	\
		    __FILE__, __LINE__, __func__, #got, g_, w_);	\
		test_failures++;					\
	}								\
} while (0)

#define CHECK_STR(got, want) do {					\
	const char *g_ = (got), *w_ = (want);				\
	if ((g_ == NULL) != (w_ == NULL) ||				\
	    (g_ != NULL && strcmp(g_, w_) != 0)) {			\
		fprintf(stderr, "%s:%d: %s: %s is \"%s\", want \"%s\"\n", \
		    __FILE__, __LINE__, __func__, #got,			\
		    g_ ? g_ : "(null)", w_ ? w_ : "(null)");		\
		test_failures++;					\
	}								\
} while (0)

/* Removes an SQLite file and the -wal and -shm files beside it. */
static inline void
test_remove_sqlite(const char *path)
{
	char	other[512];

	unlink(path);
	snprintf(other, sizeof other, "%s-wal", path);
	unlink(other);
	snprintf(other, sizeof other, "%s-shm", path);
	unlink(other);
}

struct test_case {
	const char	*name;
	void		(*fn)(void);
};

#define TEST_CASE(fn) { #fn, fn }

static int
test_run(const struct test_case *cases, size_t n)
{
	size_t	i, passed = 0, failed = 0;
	int	before;

	for (i = 0; i < n; i++) {
		before = test_failures;
		cases[i].fn();
		if (test_failures == before) {
			passed++;
			printf("ok %zu - %s\n", i + 1, cases[i].name);
		} else {
			failed++;
			printf("not ok %zu - %s\n", i + 1, cases[i].name);
		}
	}
	printf("%zu passed, %zu failed\n", passed, failed);
	return (failed == 0 ? 0 : 1);
}

#define TEST_MAIN(...)							\
int main(void) {							\
	static const struct test_case cases[] = { __VA_ARGS__ };	\
	return (test_run(cases, sizeof cases / sizeof cases[0]));	\
}

#endif
