/* Gathering a paged event list from servers that page, and that don't. */
#include <stdlib.h>

#include "api-private.h"
#include "test.h"
#include "xmalloc.h"

/* n events with ids from first on, as a parser would hand them over. */
static struct event *
page_of(int64_t first, size_t n)
{
	struct event	*evs = xcalloc(n == 0 ? 1 : n, sizeof *evs);
	size_t		 i;

	for (i = 0; i < n; i++) {
		evs[i].id = first + (int64_t)i;
		evs[i].title = xstrdup("event");
	}
	return (evs);
}

static void
test_pages_until_total(void)
{
	struct api_pages	*p = api_pages_new();

	CHECK_INT(api_pages_add(p, page_of(1, 200), 200, 450), 0);
	CHECK_INT(api_pages_add(p, page_of(201, 200), 200, 450), 0);
	CHECK_INT(api_pages_add(p, page_of(401, 50), 50, 450), 1);
	CHECK_INT(p->n, 450);
	CHECK_INT(p->total, 450);
	CHECK_INT(p->evs[449].id, 450);
	api_pages_free(p);
}

static void
test_server_ignores_paging(void)
{
	struct api_pages	*p = api_pages_new();

	/* Everything at once, no total: done. */
	CHECK_INT(api_pages_add(p, page_of(1, 5000), 5000, -1), 1);
	CHECK_INT(p->n, 5000);
	api_pages_free(p);

	/* The first page again when asked for the second: done, no doubles. */
	p = api_pages_new();
	CHECK_INT(api_pages_add(p, page_of(1, 50), 50, 120), 0);
	p->page++;
	CHECK_INT(api_pages_add(p, page_of(1, 50), 50, 120), 1);
	CHECK_INT(p->n, 50);
	api_pages_free(p);

	/* An empty page ends it too. */
	p = api_pages_new();
	CHECK_INT(api_pages_add(p, page_of(1, 10), 10, 30), 0);
	p->page++;
	CHECK_INT(api_pages_add(p, page_of(0, 0), 0, 30), 1);
	CHECK_INT(p->n, 10);
	api_pages_free(p);
}

static void
test_pages_are_capped(void)
{
	struct api_pages	*p = api_pages_new();
	int			 page, done = 0;

	for (page = 0; page < 60 && !done; page++) {
		p->page = page + 1;
		done = api_pages_add(p, page_of(page * 200 + 1, 200), 200,
		    1000000);
	}
	CHECK_INT(done, 1);
	CHECK_INT(p->n, API_EVENTS_MAX);
	api_pages_free(p);
}

TEST_MAIN(
	TEST_CASE(test_pages_until_total),
	TEST_CASE(test_server_ignores_paging),
	TEST_CASE(test_pages_are_capped)
)
