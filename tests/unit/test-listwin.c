/* The list window, fed fake pages: no server, no loop. */
#include <stdlib.h>
#include <string.h>

#include "listwin.h"
#include "test.h"
#include "xmalloc.h"

struct row {
	int64_t	id;
	int	value;
};

/* The fetches a window asked for, oldest first. */
static struct listwin_fetch	asked[64];
static char			asked_etag[64][16];
static size_t			nasked;
static size_t			rows_live;
static unsigned			last_gen;	/* of the last fetch */
static size_t			key_calls;	/* row_key, since reset */

static char			last_filter[32];	/* sent */

static void
fake_fetch(void *arg, const struct listwin_fetch *f)
{
	(void)arg;
	last_gen = f->gen;
	snprintf(last_filter, sizeof last_filter, "%s",
	    f->filter != NULL ? f->filter : "");
	if (nasked < sizeof asked / sizeof asked[0]) {
		asked[nasked] = *f;
		snprintf(asked_etag[nasked], sizeof asked_etag[nasked], "%s",
		    f->etag != NULL ? f->etag : "");
		asked[nasked].etag = NULL;
		asked[nasked].sort = asked[nasked].filter = NULL;
	}
	nasked++;
}

static void
fake_free(void *row)
{
	rows_live--;
	free(row);
}

static int64_t
fake_key(const void *row)
{
	key_calls++;
	return (((const struct row *)row)->id);
}

/* Filter "odd" keeps odd ids. */
static int
fake_match(const void *row, const char *filter)
{
	const struct row	*r = row;

	return (strcmp(filter, "odd") != 0 || r->id % 2 == 1);
}

/* Sort "-id" puts the highest id first. */
static int
fake_cmp(const void *a, const void *b, const char *sort)
{
	const struct row	*ra = a, *rb = b;
	int			 c = (ra->id > rb->id) - (ra->id < rb->id);

	return (strcmp(sort, "-id") == 0 ? -c : c);
}

static const struct listwin_ops fake_ops = {
	.fetch = fake_fetch,
	.row_free = fake_free,
	.row_key = fake_key,
	.row_match = fake_match,
	.row_cmp = fake_cmp,
};

/* Rows first, first+1... as a parser would hand them over. */
static void **
rows_of(int64_t first, size_t n)
{
	void		**rows = xcalloc(n > 0 ? n : 1, sizeof *rows);
	struct row	 *r;
	size_t		  i;

	for (i = 0; i < n; i++) {
		r = xcalloc(1, sizeof *r);
		r->id = first + (int64_t)i;
		rows[i] = r;
		rows_live++;
	}
	return (rows);
}

/* Answers the page of a server with total rows, ids from 1. */
static void
answer(struct listwin *lw, size_t k, int64_t total, const char *etag)
{
	size_t	page = asked[k].page, per = asked[k].per_page, n;
	int64_t	first = (int64_t)(page * per) + 1;

	n = first > total ? 0 : (size_t)(total - first + 1);
	if (n > per)
		n = per;
	listwin_page_done(lw, page, asked[k].gen, rows_of(first, n), n, total,
	    etag);
}

static void
reset(void)
{
	nasked = 0;
	rows_live = 0;
	key_calls = 0;
}

static int64_t
id_at(struct listwin *lw, size_t i)
{
	struct row	*r = listwin_row(lw, i);

	return (r != NULL ? r->id : -1);
}

static void
test_first_frame_one_page(void)
{
	struct listwin	*lw;

	reset();
	lw = listwin_new(&fake_ops, NULL, 50, 4);
	listwin_view(lw, 0, 20);
	CHECK_INT(nasked, 1);
	CHECK_INT(asked[0].page, 0);
	CHECK_INT(asked[0].per_page, 50);
	CHECK(listwin_row(lw, 0) == NULL);
	CHECK_INT(listwin_loaded(lw), 0);
	answer(lw, 0, 10000, "\"p0\"");
	CHECK_INT(listwin_count(lw), 10000);
	CHECK_INT(id_at(lw, 0), 1);
	CHECK_INT(id_at(lw, 19), 20);
	/* Then the page after the window, once. */
	CHECK_INT(nasked, 2);
	CHECK_INT(asked[1].page, 1);
	CHECK(listwin_row(lw, 60) == NULL);
	listwin_free(lw);
	CHECK_INT(rows_live, 0);
}

static void
test_small_list_one_request(void)
{
	struct listwin	*lw;

	reset();
	lw = listwin_new(&fake_ops, NULL, 200, 4);
	listwin_view(lw, 0, 20);
	answer(lw, 0, 36, NULL);
	CHECK_INT(nasked, 1);
	CHECK_INT(listwin_count(lw), 36);
	CHECK_INT(id_at(lw, 35), 36);
	CHECK(listwin_row(lw, 36) == NULL);
	listwin_free(lw);
	CHECK_INT(rows_live, 0);
}

static void
test_scroll_far_fetches_that_page(void)
{
	struct listwin	*lw;
	size_t		 k;

	reset();
	lw = listwin_new(&fake_ops, NULL, 50, 4);
	listwin_view(lw, 0, 20);
	answer(lw, 0, 10000, NULL);
	answer(lw, 1, 10000, NULL);
	k = nasked;
	listwin_view(lw, 9000, 20);
	/* Page 180 and the one after it, nothing between. */
	CHECK_INT(nasked - k, 2);
	CHECK_INT(asked[k].page, 180);
	CHECK_INT(asked[k + 1].page, 181);
	CHECK(listwin_row(lw, 9000) == NULL);
	answer(lw, k, 10000, NULL);
	answer(lw, k + 1, 10000, NULL);
	CHECK_INT(id_at(lw, 9000), 9001);
	CHECK_INT(id_at(lw, 9099), 9100);
	/* Moving within held pages asks nothing. */
	k = nasked;
	listwin_view(lw, 9010, 20);
	CHECK_INT(nasked, k);
	/* The end: the last page only (there is none after it). */
	listwin_view(lw, 9980, 20);
	CHECK_INT(nasked - k, 1);
	CHECK_INT(asked[k].page, 199);
	listwin_free(lw);
	CHECK_INT(rows_live, 0);
}

static void
test_eviction_bound(void)
{
	struct listwin	*lw;
	size_t		 top, max = 0;

	reset();
	lw = listwin_new(&fake_ops, NULL, 50, 3);
	listwin_view(lw, 0, 20);
	answer(lw, 0, 100000, NULL);
	for (top = 0; top < 100000; top += 20) {
		size_t	k, n;

		listwin_view(lw, top, 20);
		while (listwin_pending(lw) > 0 && nasked > 0) {
			struct listwin_fetch	out[8];

			n = nasked < 8 ? nasked : 8;
			memcpy(out, asked, n * sizeof *out);
			nasked = 0;
			for (k = 0; k < n; k++)
				listwin_page_done(lw, out[k].page, out[k].gen,
				    rows_of((int64_t)(out[k].page * 50) + 1, 50),
				    50, 100000, NULL);
		}
		if (listwin_held(lw) > max)
			max = listwin_held(lw);
		CHECK(listwin_row(lw, top) != NULL);
	}
	/* The window (two pages, one ahead) and three cached. */
	CHECK(max <= 50 * (3 + 3));
	CHECK_INT(rows_live, listwin_held(lw));
	listwin_free(lw);
	CHECK_INT(rows_live, 0);
}

static void
test_refresh_etag_and_304(void)
{
	struct listwin	*lw;
	size_t		 k;

	reset();
	lw = listwin_new(&fake_ops, NULL, 50, 4);
	listwin_view(lw, 0, 20);
	answer(lw, 0, 80, "\"a\"");
	answer(lw, 1, 80, "\"b\"");
	k = nasked;
	listwin_refresh(lw);
	CHECK_INT(nasked - k, 2);
	CHECK_STR(asked_etag[k], "\"a\"");
	CHECK_STR(asked_etag[k + 1], "\"b\"");
	CHECK_INT(asked[k].refresh, 1);
	/* Twice: nothing more while the first is out. */
	listwin_refresh(lw);
	CHECK_INT(nasked - k, 2);
	CHECK_INT(listwin_pending(lw), 2);
	/* 304s keep the rows. */
	listwin_page_same(lw, asked[k].page, asked[k].gen);
	listwin_page_same(lw, asked[k + 1].page, asked[k + 1].gen);
	CHECK_INT(listwin_pending(lw), 0);
	CHECK_INT(id_at(lw, 0), 1);
	CHECK_INT(id_at(lw, 79), 80);
	CHECK_INT(listwin_held(lw), 80);
	listwin_free(lw);
	CHECK_INT(rows_live, 0);
}

static void
test_refresh_only_the_window(void)
{
	struct listwin	*lw;
	size_t		 k, i;

	reset();
	lw = listwin_new(&fake_ops, NULL, 50, 4);
	listwin_view(lw, 0, 20);
	answer(lw, 0, 1000, NULL);
	answer(lw, 1, 1000, NULL);
	listwin_view(lw, 500, 20);
	k = nasked;
	answer(lw, k - 2, 1000, NULL);
	answer(lw, k - 1, 1000, NULL);
	listwin_refresh(lw);
	CHECK_INT(nasked - k, 2);
	for (i = k; i < nasked; i++)
		CHECK(asked[i].page == 10 || asked[i].page == 11);
	listwin_free(lw);
}

static void
test_server_ignores_paging(void)
{
	struct listwin	*lw;
	size_t		 k;

	reset();
	lw = listwin_new(&fake_ops, NULL, 50, 2);
	listwin_view(lw, 0, 20);
	/* Everything at once. */
	listwin_page_done(lw, 0, asked[0].gen, rows_of(1, 300), 300, 300,
	    "\"all\"");
	CHECK_INT(listwin_whole(lw), 1);
	CHECK_INT(listwin_count(lw), 300);
	k = nasked;
	listwin_view(lw, 280, 20);
	CHECK_INT(nasked, k);
	CHECK_INT(id_at(lw, 299), 300);
	CHECK_INT(listwin_held(lw), 300);
	/* A refresh asks the one page again, with its ETag. */
	listwin_refresh(lw);
	CHECK_INT(nasked - k, 1);
	CHECK_INT(asked[k].page, 0);
	CHECK_STR(asked_etag[k], "\"all\"");
	listwin_page_same(lw, 0, asked[k].gen);
	CHECK_INT(listwin_count(lw), 300);
	listwin_free(lw);
	CHECK_INT(rows_live, 0);
}

static void
test_server_ignores_page_only(void)
{
	struct listwin	*lw;

	reset();
	lw = listwin_new(&fake_ops, NULL, 50, 2);
	listwin_view(lw, 0, 20);
	listwin_page_done(lw, 0, asked[0].gen, rows_of(1, 50), 50, 500, NULL);
	CHECK_INT(asked[1].page, 1);
	/* Its first page again: that is all there is to have. */
	listwin_page_done(lw, 1, asked[1].gen, rows_of(1, 50), 50, 500, NULL);
	CHECK_INT(listwin_whole(lw), 1);
	CHECK_INT(listwin_count(lw), 50);
	CHECK_INT(id_at(lw, 49), 50);
	listwin_free(lw);
	CHECK_INT(rows_live, 0);
}

static void
test_whole_list_grows_past_a_page(void)
{
	struct listwin	*lw;
	size_t		 k;

	reset();
	lw = listwin_new(&fake_ops, NULL, 50, 2);
	listwin_view(lw, 0, 20);
	answer(lw, 0, 36, "\"w\"");
	CHECK_INT(listwin_whole(lw), 1);
	k = nasked;
	listwin_refresh(lw);
	CHECK_INT(nasked - k, 1);
	/* Now 120 rows: a window over pages again, the next one asked. */
	answer(lw, k, 120, NULL);
	CHECK_INT(listwin_whole(lw), 0);
	CHECK_INT(listwin_count(lw), 120);
	CHECK_INT(id_at(lw, 49), 50);
	CHECK(nasked > k + 1);
	CHECK_INT(asked[k + 1].page, 1);
	listwin_free(lw);
	CHECK_INT(rows_live, 0);
}

static void
test_server_sort_and_filter(void)
{
	struct listwin	*lw;
	size_t		 k;

	reset();
	lw = listwin_new(&fake_ops, NULL, 50, 2);
	listwin_set_server(lw, LISTWIN_SERVER_SORT | LISTWIN_SERVER_FILTER);
	listwin_view(lw, 0, 20);
	answer(lw, 0, 100, NULL);
	k = nasked;
	listwin_set_query(lw, "-id", "odd");
	CHECK_INT(listwin_local_query(lw), 0);
	/* Asked again from the server; the old rows are gone. */
	CHECK(nasked > k);
	CHECK_INT(asked[k].page, 0);
	CHECK(asked[k].gen != asked[0].gen);
	CHECK(listwin_row(lw, 0) == NULL);
	/* A late answer of the old query is dropped. */
	listwin_page_done(lw, 1, asked[0].gen, rows_of(51, 50), 50, 100, NULL);
	CHECK(listwin_row(lw, 50) == NULL);
	listwin_free(lw);
	CHECK_INT(rows_live, 0);
}

static void
test_local_sort_and_filter(void)
{
	struct listwin	*lw;
	size_t		 k;

	reset();
	lw = listwin_new(&fake_ops, NULL, 50, 2);
	listwin_view(lw, 0, 20);
	answer(lw, 0, 80, NULL);
	answer(lw, 1, 80, NULL);
	k = nasked;
	listwin_set_query(lw, "-id", "odd");
	/* No server round: over the rows held, and it says so. */
	CHECK_INT(nasked, k);
	CHECK_INT(listwin_local_query(lw), 1);
	CHECK_INT(listwin_count(lw), 40);
	CHECK_INT(id_at(lw, 0), 79);
	CHECK_INT(id_at(lw, 39), 1);
	{
		size_t	i;

		CHECK(listwin_find(lw, 77, &i) != NULL);
		CHECK_INT(i, 1);
	}
	listwin_set_query(lw, NULL, NULL);
	CHECK_INT(listwin_local_query(lw), 0);
	CHECK_INT(listwin_count(lw), 80);
	CHECK_INT(id_at(lw, 0), 1);
	listwin_free(lw);
	CHECK_INT(rows_live, 0);
}

/*
 * A leading '!' keeps the rows that do not match, over the rows held,
 * even on a server that filters: none negates, so it is never sent.
 */
static void
test_negated_filter(void)
{
	struct listwin	*lw;
	size_t		 k;

	reset();
	lw = listwin_new(&fake_ops, NULL, 50, 2);
	listwin_set_server(lw, LISTWIN_SERVER_SORT | LISTWIN_SERVER_FILTER);
	listwin_view(lw, 0, 20);
	answer(lw, 0, 100, NULL);
	k = nasked;
	listwin_set_query(lw, NULL, "odd");
	CHECK(nasked > k);
	CHECK_STR(last_filter, "odd");
	CHECK_INT(listwin_local_filter(lw), 0);
	k = nasked;
	listwin_set_query(lw, NULL, "!odd");
	CHECK_INT(listwin_local_filter(lw), 1);
	CHECK_INT(listwin_local_query(lw), 1);
	/* The server is asked again, without the filter it cannot apply. */
	CHECK(nasked > k);
	CHECK_STR(last_filter, "");
	answer(lw, nasked - 1, 100, NULL);
	CHECK_INT(listwin_count(lw), 25);
	CHECK_INT(id_at(lw, 0), 2);
	CHECK_INT(id_at(lw, 24), 50);
	CHECK(listwin_find(lw, 3, NULL) == NULL);
	CHECK(listwin_find(lw, 4, NULL) != NULL);
	/* A '!' alone is no filter. */
	listwin_set_query(lw, NULL, "!");
	CHECK_INT(listwin_local_filter(lw), 0);
	listwin_free(lw);
	CHECK_INT(rows_live, 0);
}

static void
test_find_and_update_held(void)
{
	struct listwin	*lw;
	struct row	*r;
	size_t		 i;

	reset();
	lw = listwin_new(&fake_ops, NULL, 50, 2);
	listwin_view(lw, 50, 20);
	answer(lw, 0, 200, NULL);
	answer(lw, 1, 200, NULL);
	CHECK((r = listwin_find(lw, 60, &i)) != NULL);
	CHECK_INT(i, 59);
	r->value = 7;
	CHECK_INT(((struct row *)listwin_row(lw, 59))->value, 7);
	CHECK(listwin_find(lw, 190, NULL) == NULL);
	listwin_free(lw);
	CHECK_INT(rows_live, 0);
}

static void
test_failed_page_asked_again(void)
{
	struct listwin	*lw;

	reset();
	lw = listwin_new(&fake_ops, NULL, 50, 2);
	listwin_view(lw, 0, 20);
	listwin_page_failed(lw, 0, asked[0].gen);
	CHECK_INT(listwin_pending(lw), 0);
	listwin_view(lw, 0, 20);
	CHECK_INT(nasked, 2);
	answer(lw, 1, 10, NULL);
	CHECK_INT(id_at(lw, 9), 10);
	listwin_free(lw);
	CHECK_INT(rows_live, 0);
}

/*
 * Answers every page asked for since nasked was 0, and those an answer
 * makes the window ask for (the next page, once the total is known).
 */
static void
answer_all(struct listwin *lw, int64_t total)
{
	size_t	k;

	for (k = 0; k < nasked && k < sizeof asked / sizeof asked[0]; k++)
		answer(lw, k, total, NULL);
	nasked = 0;
}

/* Page page answered with ids first, first+1...: a list that moved. */
static void
answer_ids(struct listwin *lw, size_t page, int64_t first, size_t n,
    int64_t total)
{
	listwin_page_done(lw, page, last_gen, rows_of(first, n), n, total,
	    NULL);
}

/*
 * Counters find their row by key through the index: every key held is
 * found at its place without a walk over the rows (no row_key call), and
 * a key not held is not found.
 */
static void
test_index_find_without_walking(void)
{
	struct listwin	*lw;
	struct row	*r;
	size_t		 i, at, held;
	int64_t		 id;

	reset();
	lw = listwin_new(&fake_ops, NULL, 200, 4);
	listwin_view(lw, 0, 30);
	answer_all(lw, 10000);
	listwin_view(lw, 5000, 30);
	answer_all(lw, 10000);
	held = listwin_held(lw);
	CHECK_INT(held, 200 * 4);	/* pages 0, 1, 25, 26 */
	key_calls = 0;
	for (i = 0; i < 1000; i++) {
		id = (int64_t)(i < 500 ? i % 400 : 5000 + i % 400) + 1;
		r = listwin_find(lw, id, &at);
		CHECK(r != NULL && r->id == id);
		CHECK_INT(at, id - 1);
	}
	CHECK(listwin_find(lw, 401, NULL) == NULL);
	CHECK(listwin_find(lw, 4999, NULL) == NULL);
	CHECK(listwin_find(lw, 10001, NULL) == NULL);
	CHECK(listwin_find(lw, -1, NULL) == NULL);
	CHECK_INT(key_calls, 0);
	CHECK(listwin_index_slots(lw) >= held * 2);
	CHECK(listwin_index_slots(lw) <= held * 4);
	listwin_free(lw);
	CHECK_INT(rows_live, 0);
}

/*
 * Scrolling through 500,000 rows (the guests of one event): pages are
 * evicted, and their keys leave the index with them, so the index stays
 * the size of the rows held.
 */
static void
test_index_follows_eviction(void)
{
	struct listwin	*lw;
	size_t		 top, at, max_slots = 0, max_held = 0;
	int64_t		 gone;

	reset();
	lw = listwin_new(&fake_ops, NULL, 100, 2);
	for (top = 0; top < 500000; top += 7919) {
		listwin_view(lw, top, 40);
		answer_all(lw, 500000);
		/* The row on top is found where it is shown. */
		CHECK(listwin_find(lw, (int64_t)top + 1, &at) != NULL);
		CHECK_INT(at, top);
		if (top >= 7919 * 4) {
			/* Four scrolls back: evicted, not found. */
			gone = (int64_t)(top - 7919 * 4) + 1;
			CHECK(listwin_row(lw, (size_t)gone - 1) == NULL);
			CHECK(listwin_find(lw, gone, NULL) == NULL);
		}
		if (listwin_index_slots(lw) > max_slots)
			max_slots = listwin_index_slots(lw);
		if (listwin_held(lw) > max_held)
			max_held = listwin_held(lw);
		CHECK(listwin_index_slots(lw) <= 4 * listwin_held(lw) + 64);
	}
	/* The window (3 pages of 100) and 2 cached: 500 rows at most. */
	CHECK(max_held <= 500);
	CHECK(max_slots <= 2048);
	CHECK(rows_live <= 500);
	listwin_free(lw);
	CHECK_INT(rows_live, 0);
}

/*
 * A page answered again with other rows: the old keys go, the new ones
 * are found.  A row that moved to the next page while both are held is
 * found where the later answer put it, and still found when the page it
 * left is answered again without it.
 */
static void
test_index_follows_replacement(void)
{
	struct listwin	*lw;
	struct row	*r;
	size_t		 at;

	reset();
	lw = listwin_new(&fake_ops, NULL, 50, 2);
	listwin_view(lw, 0, 60);	/* pages 0, 1 and 2 */
	answer_all(lw, 200);
	CHECK(listwin_find(lw, 50, &at) != NULL);
	CHECK_INT(at, 49);

	/* An event was added before id 50: it moves to page 1. */
	answer_ids(lw, 1, 50, 50, 201);
	CHECK((r = listwin_find(lw, 50, &at)) != NULL);
	CHECK_INT(at, 50);
	CHECK(r == listwin_row(lw, 50));
	CHECK(listwin_find(lw, 100, NULL) == NULL);	/* off page 1 now */
	CHECK(listwin_find(lw, 101, &at) != NULL && at == 100);

	/* Page 0 again, with the new event and without id 50. */
	answer_ids(lw, 0, 1000, 1, 201);
	CHECK(listwin_find(lw, 1000, &at) != NULL && at == 0);
	CHECK(listwin_find(lw, 1, NULL) == NULL);
	CHECK((r = listwin_find(lw, 50, &at)) != NULL);
	CHECK_INT(at, 50);
	CHECK(r == listwin_row(lw, 50));

	/* And page 1 without it: gone. */
	answer_ids(lw, 1, 300, 50, 201);
	CHECK(listwin_find(lw, 50, NULL) == NULL);
	CHECK(listwin_find(lw, 349, &at) != NULL && at == 99);
	listwin_free(lw);
	CHECK_INT(rows_live, 0);
}

/* A whole list (the server ignores paging) is found by key too. */
static void
test_index_whole_list(void)
{
	struct listwin	*lw;
	size_t		 at;

	reset();
	lw = listwin_new(&fake_ops, NULL, 50, 2);
	listwin_view(lw, 0, 20);
	listwin_page_done(lw, 0, asked[0].gen, rows_of(1, 180), 180, -1,
	    NULL);
	CHECK_INT(listwin_whole(lw), 1);
	CHECK(listwin_find(lw, 170, &at) != NULL && at == 169);
	CHECK(listwin_find(lw, 181, NULL) == NULL);
	/* Filtered here: the index is the place among the rows kept. */
	listwin_set_query(lw, NULL, "odd");
	CHECK(listwin_find(lw, 171, &at) != NULL && at == 85);
	CHECK(listwin_find(lw, 170, NULL) == NULL);
	listwin_free(lw);
	CHECK_INT(rows_live, 0);
}

TEST_MAIN(
	TEST_CASE(test_first_frame_one_page),
	TEST_CASE(test_small_list_one_request),
	TEST_CASE(test_scroll_far_fetches_that_page),
	TEST_CASE(test_eviction_bound),
	TEST_CASE(test_refresh_etag_and_304),
	TEST_CASE(test_refresh_only_the_window),
	TEST_CASE(test_server_ignores_paging),
	TEST_CASE(test_server_ignores_page_only),
	TEST_CASE(test_whole_list_grows_past_a_page),
	TEST_CASE(test_server_sort_and_filter),
	TEST_CASE(test_local_sort_and_filter),
	TEST_CASE(test_negated_filter),
	TEST_CASE(test_find_and_update_held),
	TEST_CASE(test_failed_page_asked_again),
	TEST_CASE(test_index_find_without_walking),
	TEST_CASE(test_index_follows_eviction),
	TEST_CASE(test_index_follows_replacement),
	TEST_CASE(test_index_whole_list)
)
