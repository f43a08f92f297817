/*
 * A list window over the server's pages (listwin.h).  The pages held are a
 * small array searched in order: the window's and at most cache_pages
 * more, so there are never many.  Rows are found by key through an index
 * of the rows held (open addressing, linear probing), kept as pages come
 * and go, so its size follows the rows held, never the server's total.
 */
#include "listwin.h"

#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

struct listwin_page {
	size_t		 index;
	void		**rows;		/* NULL while not held */
	size_t		 n;
	char		*etag;
	uint64_t	 used;		/* last in the window, for the LRU */
	int		 held;
	int		 asking;	/* a fetch is out */
};

/* Where the row with key is: its page's number and its place in it. */
struct listwin_slot {
	int64_t		 key;
	size_t		 page;
	size_t		 off;
	size_t		 local;		/* in the local query's rows, or -1 */
	int		 used;
};

/* The index is at most half full; it shrinks when an eighth is used. */
#define LISTWIN_INDEX_MIN	64

struct listwin {
	const struct listwin_ops *ops;
	void			*arg;
	size_t			 per_page;
	size_t			 cache_pages;
	unsigned		 server;	/* LISTWIN_SERVER_* */

	char			*sort;
	char			*filter;
	unsigned		 gen;

	struct listwin_page	*pages;
	size_t			 npages;
	int64_t			 total;		/* the server's, -1 */
	int			 loaded;
	int			 whole;		/* all rows in page 0 */
	uint64_t		 tick;
	uint64_t		 asked;		/* fetches, ever */
	size_t			 top, height;	/* the rows on screen */
	size_t			 first, last;	/* the window's pages */

	/* The rows a local sort or filter keeps, borrowed from pages. */
	void			**local;
	size_t			 nlocal;
	int			 local_dirty;

	/* The rows held by key (listwin_index_*). */
	struct listwin_slot	*slots;
	size_t			 nslots;	/* 0 or a power of two */
	size_t			 nkeys;
	size_t			 dups;		/* keys held twice, ever since
						   the last rebuild */
	int			 stale;		/* rebuilt when next asked */

	/* The rows on screen, recorded by listwin_want. */
	int			 wanted;
};

static struct listwin_page *listwin_page_find(struct listwin *, size_t);

static size_t
listwin_hash(int64_t key, size_t nslots)
{
	uint64_t	h = (uint64_t)key * 0x9e3779b97f4a7c15ULL;

	return ((size_t)(h ^ (h >> 29)) & (nslots - 1));
}

/* The slot of key, or of the free one where it would go. */
static struct listwin_slot *
listwin_index_slot(const struct listwin *lw, int64_t key)
{
	size_t	i = listwin_hash(key, lw->nslots);

	while (lw->slots[i].used && lw->slots[i].key != key)
		i = (i + 1) & (lw->nslots - 1);
	return (&lw->slots[i]);
}

static void	listwin_index_rebuild(struct listwin *);

/*
 * Indexes the rows of a page held.  A key already indexed from another
 * page (a row that moved between two fetches) now points here, the later
 * answer, and is counted so that dropping either page rebuilds the index.
 */
static void
listwin_index_add(struct listwin *lw, const struct listwin_page *pg)
{
	struct listwin_slot	*sl;
	size_t			 j;

	if (lw->stale)
		return;
	if ((lw->nkeys + pg->n) * 2 > lw->nslots) {
		listwin_index_rebuild(lw);
		return;
	}
	for (j = 0; j < pg->n; j++) {
		sl = listwin_index_slot(lw, lw->ops->row_key(pg->rows[j]));
		if (!sl->used) {
			sl->used = 1;
			sl->key = lw->ops->row_key(pg->rows[j]);
			lw->nkeys++;
		} else if (sl->page != pg->index)
			lw->dups++;
		sl->page = pg->index;
		sl->off = j;
		sl->local = (size_t)-1;
	}
	lw->local_dirty = 1;
}

/* Takes slot i out, moving later ones of its run back (no tombstones). */
static void
listwin_index_del(struct listwin *lw, size_t i)
{
	size_t	j = i, k, mask = lw->nslots - 1;

	lw->slots[i].used = 0;
	lw->nkeys--;
	for (;;) {
		j = (j + 1) & mask;
		if (!lw->slots[j].used)
			return;
		k = listwin_hash(lw->slots[j].key, lw->nslots);
		/* Stays when its home lies cyclically in (i, j]. */
		if (i <= j ? (i < k && k <= j) : (i < k || k <= j))
			continue;
		lw->slots[i] = lw->slots[j];
		lw->slots[j].used = 0;
		i = j;
	}
}

/* Forgets the rows of a page about to go. */
static void
listwin_index_remove(struct listwin *lw, const struct listwin_page *pg)
{
	struct listwin_slot	*sl;
	size_t			 j;

	if (lw->nslots == 0 || pg->n == 0 || lw->stale)
		return;
	if (lw->dups > 0) {
		/* Another page may hold some of these keys too. */
		lw->stale = 1;
		return;
	}
	for (j = 0; j < pg->n; j++) {
		sl = listwin_index_slot(lw, lw->ops->row_key(pg->rows[j]));
		if (sl->used && sl->page == pg->index && sl->off == j)
			listwin_index_del(lw, (size_t)(sl - lw->slots));
	}
	/* Smaller once this page has gone. */
	if (lw->nslots > LISTWIN_INDEX_MIN && lw->nkeys * 8 < lw->nslots)
		lw->stale = 1;
}

/* The index made again from the pages held, sized for them. */
static void
listwin_index_rebuild(struct listwin *lw)
{
	struct listwin_page	*pg, *other;
	struct listwin_slot	*sl;
	size_t			 i, j, n = 0, want = LISTWIN_INDEX_MIN;

	for (i = 0; i < lw->npages; i++)
		n += lw->pages[i].held ? lw->pages[i].n : 0;
	while (want < n * 2 + 2)
		want *= 2;
	if (want != lw->nslots) {
		free(lw->slots);
		lw->slots = xcalloc(want, sizeof *lw->slots);
		lw->nslots = want;
	} else
		memset(lw->slots, 0, lw->nslots * sizeof *lw->slots);
	lw->nkeys = 0;
	lw->dups = 0;
	lw->stale = 0;
	for (i = 0; i < lw->npages; i++) {
		pg = &lw->pages[i];
		if (!pg->held)
			continue;
		for (j = 0; j < pg->n; j++) {
			sl = listwin_index_slot(lw,
			    lw->ops->row_key(pg->rows[j]));
			if (!sl->used) {
				sl->used = 1;
				sl->key = lw->ops->row_key(pg->rows[j]);
				lw->nkeys++;
			} else if (sl->page != pg->index) {
				/* Held twice: the later answer wins. */
				lw->dups++;
				other = listwin_page_find(lw, sl->page);
				if (other != NULL && pg->used < other->used)
					continue;
			}
			sl->page = pg->index;
			sl->off = j;
			sl->local = (size_t)-1;
		}
	}
	lw->local_dirty = 1;
}

/* Forgets every row (all the pages go). */
static void
listwin_index_clear(struct listwin *lw)
{
	free(lw->slots);
	lw->slots = NULL;
	lw->nslots = lw->nkeys = lw->dups = 0;
	lw->stale = 0;
}

/* The index, made right if pages went since it was last used. */
static void
listwin_index_sync(struct listwin *lw)
{
	if (lw->stale)
		listwin_index_rebuild(lw);
}

struct listwin *
listwin_new(const struct listwin_ops *ops, void *arg, size_t per_page,
    size_t cache_pages)
{
	struct listwin	*lw;

	lw = xcalloc(1, sizeof *lw);
	lw->ops = ops;
	lw->arg = arg;
	lw->per_page = per_page > 0 ? per_page : 1;
	lw->cache_pages = cache_pages;
	lw->total = -1;
	lw->local_dirty = 1;
	return (lw);
}

static void
listwin_page_clear(struct listwin *lw, struct listwin_page *pg)
{
	size_t	i;

	if (pg->held)
		listwin_index_remove(lw, pg);
	for (i = 0; i < pg->n; i++)
		lw->ops->row_free(pg->rows[i]);
	free(pg->rows);
	free(pg->etag);
	pg->rows = NULL;
	pg->n = 0;
	pg->etag = NULL;
	pg->held = 0;
	lw->local_dirty = 1;
}

static void
listwin_rows_free(struct listwin *lw, void **rows, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		lw->ops->row_free(rows[i]);
	free(rows);
}

/* Forgets page i of the array (held or asked for). */
static void
listwin_page_drop(struct listwin *lw, size_t i)
{
	listwin_page_clear(lw, &lw->pages[i]);
	lw->pages[i] = lw->pages[--lw->npages];
}

static void
listwin_drop_all(struct listwin *lw)
{
	listwin_index_clear(lw);
	while (lw->npages > 0)
		listwin_page_drop(lw, lw->npages - 1);
}

void
listwin_free(struct listwin *lw)
{
	if (lw == NULL)
		return;
	listwin_drop_all(lw);
	free(lw->pages);
	free(lw->slots);
	free(lw->local);
	free(lw->sort);
	free(lw->filter);
	free(lw);
}

static struct listwin_page *
listwin_page_find(struct listwin *lw, size_t index)
{
	size_t	i;

	for (i = 0; i < lw->npages; i++) {
		if (lw->pages[i].index == index)
			return (&lw->pages[i]);
	}
	return (NULL);
}

static struct listwin_page *
listwin_page_add(struct listwin *lw, size_t index)
{
	struct listwin_page	*pg;

	lw->pages = xreallocarray(lw->pages, lw->npages + 1,
	    sizeof *lw->pages);
	pg = &lw->pages[lw->npages++];
	memset(pg, 0, sizeof *pg);
	pg->index = index;
	pg->used = lw->tick;
	return (pg);
}

static int
listwin_sort_here(const struct listwin *lw)
{
	return (lw->sort != NULL && (lw->whole ||
	    !(lw->server & LISTWIN_SERVER_SORT)) && lw->ops->row_cmp != NULL);
}

/* A leading '!' keeps the rows that do not match: no server negates. */
static int
listwin_filter_here(const struct listwin *lw)
{
	return (lw->filter != NULL && (lw->whole || *lw->filter == '!' ||
	    !(lw->server & LISTWIN_SERVER_FILTER)) &&
	    lw->ops->row_match != NULL);
}

static int
listwin_match(const struct listwin *lw, const void *row)
{
	if (*lw->filter == '!')
		return (!lw->ops->row_match(row, lw->filter + 1));
	return (lw->ops->row_match(row, lw->filter));
}

int
listwin_local_query(const struct listwin *lw)
{
	return (listwin_sort_here(lw) || listwin_filter_here(lw));
}

int
listwin_local_filter(const struct listwin *lw)
{
	return (listwin_filter_here(lw));
}

int
listwin_local_sort(const struct listwin *lw)
{
	return (listwin_sort_here(lw));
}

int
listwin_whole(const struct listwin *lw)
{
	return (lw->whole);
}

static void
listwin_ask(struct listwin *lw, struct listwin_page *pg, int refresh)
{
	struct listwin_fetch	 f;

	pg->asking = 1;
	lw->asked++;
	memset(&f, 0, sizeof f);
	f.page = pg->index;
	f.per_page = lw->per_page;
	f.gen = lw->gen;
	f.etag = pg->held ? pg->etag : NULL;
	f.refresh = refresh;
	/*
	 * What is not done here is the server's, a whole list's too: one
	 * that cannot match or order rows itself gets only what it asked.
	 */
	if (!listwin_sort_here(lw))
		f.sort = lw->sort;
	if (!listwin_filter_here(lw))
		f.filter = lw->filter;
	lw->ops->fetch(lw->arg, &f);
}

/* The last page there is, from the total; the first when not known. */
static size_t
listwin_last_page(const struct listwin *lw)
{
	if (lw->total <= 0)
		return (0);
	return (((size_t)lw->total - 1) / lw->per_page);
}

static int
listwin_in_window(const struct listwin *lw, size_t index)
{
	return (index >= lw->first && index <= lw->last);
}

/* Holds at most cache_pages pages outside the window: the oldest go. */
static void
listwin_evict(struct listwin *lw)
{
	size_t	i, outside, old;

	for (;;) {
		outside = 0;
		old = lw->npages;
		for (i = 0; i < lw->npages; i++) {
			if (listwin_in_window(lw, lw->pages[i].index) ||
			    lw->pages[i].asking)
				continue;
			outside++;
			if (old == lw->npages ||
			    lw->pages[i].used < lw->pages[old].used)
				old = i;
		}
		if (outside <= lw->cache_pages || old == lw->npages)
			return;
		listwin_page_drop(lw, old);
	}
}

void
listwin_set_server(struct listwin *lw, unsigned server)
{
	lw->server = server;
	lw->local_dirty = 1;
}

static int
listwin_same(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a == b);
	return (strcmp(a, b) == 0);
}

void
listwin_set_query(struct listwin *lw, const char *sort, const char *filter)
{
	int	server_before, server_after, had;

	if (sort != NULL && *sort == '\0')
		sort = NULL;
	if (filter != NULL && (*filter == '\0' || strcmp(filter, "!") == 0))
		filter = NULL;
	if (listwin_same(sort, lw->sort) && listwin_same(filter, lw->filter))
		return;
	/* What the server is asked for before and after, as one number. */
	server_before = (!listwin_sort_here(lw) && lw->sort != NULL) |
	    (!listwin_filter_here(lw) && lw->filter != NULL) << 1;
	free(lw->sort);
	free(lw->filter);
	lw->sort = sort != NULL ? xstrdup(sort) : NULL;
	lw->filter = filter != NULL ? xstrdup(filter) : NULL;
	server_after = (!listwin_sort_here(lw) && lw->sort != NULL) |
	    (!listwin_filter_here(lw) && lw->filter != NULL) << 1;
	lw->local_dirty = 1;
	/* A whole list is queried here when it can be (then both are 0). */
	if (server_before == 0 && server_after == 0)
		return;
	/* The server orders or keeps other rows: start again. */
	lw->gen++;
	lw->whole = 0;
	had = lw->npages > 0;
	listwin_drop_all(lw);
	lw->total = -1;
	lw->loaded = 0;
	if (had)
		listwin_view(lw, lw->top, lw->height);
}

void
listwin_want(struct listwin *lw, size_t top, size_t height)
{
	if (height > SIZE_MAX - top)
		height = SIZE_MAX - top;
	lw->top = top;
	lw->height = height;
	lw->wanted = 1;
}

int
listwin_wanted(const struct listwin *lw)
{
	return (lw->wanted);
}

void
listwin_view(struct listwin *lw, size_t top, size_t height)
{
	listwin_want(lw, top, height);
	listwin_fetch_wanted(lw);
}

void
listwin_fetch_wanted(struct listwin *lw)
{
	struct listwin_page	*pg;
	size_t			 first, last, i, top = lw->top;
	size_t			 height = lw->height;

	lw->wanted = 0;
	lw->tick++;
	if (lw->whole || listwin_local_query(lw)) {
		/* Everything there is to show is held: nothing to fetch. */
		lw->first = 0;
		lw->last = (size_t)-1;
		if (lw->npages == 0 && !lw->loaded)
			listwin_ask(lw, listwin_page_add(lw, 0), 0);
		return;
	}
	first = top / lw->per_page;
	last = (top + (height > 0 ? height - 1 : 0)) / lw->per_page + 1;
	if (lw->total < 0)
		last = first;	/* the first frame needs one page */
	else if (first > listwin_last_page(lw))
		first = listwin_last_page(lw);
	if (lw->total >= 0 && last > listwin_last_page(lw))
		last = listwin_last_page(lw);
	if (last < first)
		last = first;
	lw->first = first;
	lw->last = last;
	for (i = first; i <= last; i++) {
		if ((pg = listwin_page_find(lw, i)) == NULL)
			pg = listwin_page_add(lw, i);
		pg->used = lw->tick;
		if (!pg->held && !pg->asking)
			listwin_ask(lw, pg, 0);
	}
	listwin_evict(lw);
}

void
listwin_refresh(struct listwin *lw)
{
	struct listwin_page	*pg;
	size_t			 i, n = lw->npages;

	if (n == 0) {
		listwin_ask(lw, listwin_page_add(lw, lw->whole ? 0 : lw->first),
		    0);
		return;
	}
	for (i = 0; i < n; i++) {
		pg = &lw->pages[i];
		if (!listwin_in_window(lw, pg->index) || pg->asking)
			continue;
		listwin_ask(lw, pg, pg->held);
	}
}

size_t
listwin_pending(const struct listwin *lw)
{
	size_t	i, n = 0;

	for (i = 0; i < lw->npages; i++)
		n += lw->pages[i].asking;
	return (n);
}

static int
listwin_local_cmp(const void *a, const void *b, void *arg)
{
	const struct listwin	*lw = arg;

	return (lw->ops->row_cmp(*(void *const *)a, *(void *const *)b,
	    lw->sort));
}

/* Pages in order, for a local query over what is held. */
static int
listwin_page_order(const void *a, const void *b)
{
	const struct listwin_page	*pa = a, *pb = b;

	return (pa->index < pb->index ? -1 : pa->index > pb->index);
}

/* The rows a local sort or filter keeps, from those held. */
static void
listwin_local_build(struct listwin *lw)
{
	struct listwin_page	*pg;
	struct listwin_slot	*sl;
	size_t			 i, j, n = 0;

	listwin_index_sync(lw);		/* a rebuild makes it dirty */
	if (!lw->local_dirty)
		return;
	lw->local_dirty = 0;
	qsort(lw->pages, lw->npages, sizeof *lw->pages, listwin_page_order);
	for (i = 0; i < lw->npages; i++)
		n += lw->pages[i].n;
	lw->local = xreallocarray(lw->local, n > 0 ? n : 1,
	    sizeof *lw->local);
	lw->nlocal = 0;
	for (i = 0; i < lw->npages; i++) {
		pg = &lw->pages[i];
		for (j = 0; j < pg->n; j++) {
			if (listwin_filter_here(lw) &&
			    !listwin_match(lw, pg->rows[j]))
				continue;
			lw->local[lw->nlocal++] = pg->rows[j];
		}
	}
	if (listwin_sort_here(lw))
		qsort_r(lw->local, lw->nlocal, sizeof *lw->local,
		    listwin_local_cmp, lw);
	/* Where each row kept is, for listwin_find. */
	for (i = 0; i < lw->nslots; i++)
		lw->slots[i].local = (size_t)-1;
	for (i = 0; i < lw->nlocal; i++) {
		sl = listwin_index_slot(lw, lw->ops->row_key(lw->local[i]));
		if (sl->used)
			sl->local = i;
	}
}

size_t
listwin_count(struct listwin *lw)
{
	if (listwin_local_query(lw)) {
		listwin_local_build(lw);
		return (lw->nlocal);
	}
	if (lw->whole)
		return (lw->npages > 0 ? lw->pages[0].n : 0);
	return (lw->total > 0 ? (size_t)lw->total : 0);
}

int64_t
listwin_total(const struct listwin *lw)
{
	return (lw->total);
}

int
listwin_loaded(const struct listwin *lw)
{
	return (lw->loaded);
}

void *
listwin_row(struct listwin *lw, size_t index)
{
	struct listwin_page	*pg;
	size_t			 page, off;

	if (listwin_local_query(lw)) {
		listwin_local_build(lw);
		return (index < lw->nlocal ? lw->local[index] : NULL);
	}
	page = lw->whole ? 0 : index / lw->per_page;
	off = lw->whole ? index : index % lw->per_page;
	if ((pg = listwin_page_find(lw, page)) == NULL || !pg->held ||
	    off >= pg->n)
		return (NULL);
	return (pg->rows[off]);
}

void *
listwin_find(struct listwin *lw, int64_t key, size_t *index)
{
	struct listwin_page	*pg;
	struct listwin_slot	*sl;

	if (lw->nslots == 0)
		return (NULL);
	if (listwin_local_query(lw))
		listwin_local_build(lw);	/* syncs the index */
	else
		listwin_index_sync(lw);
	sl = listwin_index_slot(lw, key);
	if (!sl->used)
		return (NULL);
	if (listwin_local_query(lw)) {
		if (sl->local == (size_t)-1)
			return (NULL);	/* held, and filtered out */
		if (index != NULL)
			*index = sl->local;
		return (lw->local[sl->local]);
	}
	if ((pg = listwin_page_find(lw, sl->page)) == NULL || !pg->held ||
	    sl->off >= pg->n)
		return (NULL);
	if (index != NULL)
		*index = lw->whole ? sl->off : pg->index * lw->per_page +
		    sl->off;
	return (pg->rows[sl->off]);
}

size_t
listwin_index_slots(const struct listwin *lw)
{
	return (lw->nslots);
}

uint64_t
listwin_asked(const struct listwin *lw)
{
	return (lw->asked);
}

size_t
listwin_held(const struct listwin *lw)
{
	size_t	i, n = 0;

	for (i = 0; i < lw->npages; i++)
		n += lw->pages[i].n;
	return (n);
}

/* The server sent everything at once: hold rows as the whole list. */
static void
listwin_go_whole(struct listwin *lw, void **rows, size_t n, const char *etag)
{
	struct listwin_page	*pg;

	listwin_drop_all(lw);
	lw->whole = 1;
	lw->gen++;	/* pages asked for before are not wanted */
	pg = listwin_page_add(lw, 0);
	pg->rows = rows;
	pg->n = n;
	pg->held = 1;
	pg->etag = etag != NULL ? xstrdup(etag) : NULL;
	listwin_index_add(lw, pg);
	lw->total = (int64_t)n;
	lw->first = 0;
	lw->last = (size_t)-1;
	lw->local_dirty = 1;
}

int
listwin_page_done(struct listwin *lw, size_t page, unsigned gen, void **rows,
    size_t n, int64_t total, const char *etag)
{
	struct listwin_page	*pg, *zero;
	int64_t			 before = lw->total;
	size_t			 i;
	int			 everything;

	if (gen != lw->gen) {
		listwin_rows_free(lw, rows, n);
		return (0);
	}
	lw->loaded = 1;
	/* All there is: more than a page (paging ignored), or a last page 0. */
	everything = n > lw->per_page || (page == 0 && (total >= 0 ?
	    (size_t)total <= n : n < lw->per_page));
	if (lw->whole && !everything && page == 0) {
		/* A whole list grew past a page: a window again. */
		listwin_drop_all(lw);
		lw->whole = 0;
		lw->total = -1;
		before = -1;
		lw->first = lw->last = 0;
		lw->local_dirty = 1;
	} else if (lw->whole || everything) {
		/* Whole lists are refreshed by asking for page 0 again. */
		listwin_go_whole(lw, rows, n, etag);
		return (1);
	}
	zero = listwin_page_find(lw, 0);
	if (page > 0 && n > 0 && zero != NULL && zero->held && zero->n > 0 &&
	    lw->ops->row_key(rows[0]) == lw->ops->row_key(zero->rows[0])) {
		/* The first page again: this server ignores page. */
		listwin_rows_free(lw, rows, n);
		rows = zero->rows;
		n = zero->n;
		zero->rows = NULL;
		zero->n = 0;
		listwin_go_whole(lw, rows, n, NULL);
		return (1);
	}
	if ((pg = listwin_page_find(lw, page)) == NULL)
		pg = listwin_page_add(lw, page);
	listwin_page_clear(lw, pg);
	pg->rows = rows;
	pg->n = n;
	pg->held = 1;
	pg->asking = 0;
	pg->etag = etag != NULL ? xstrdup(etag) : NULL;
	pg->used = lw->tick;
	listwin_index_add(lw, pg);
	if (total >= 0)
		lw->total = total;
	else if (lw->total < (int64_t)(page * lw->per_page + n))
		lw->total = (int64_t)(page * lw->per_page + n);
	if (lw->total != before && before >= 0) {
		/* Rows moved: pages out of the window may be stale. */
		for (i = lw->npages; i-- > 0; ) {
			if (!listwin_in_window(lw, lw->pages[i].index) &&
			    !lw->pages[i].asking)
				listwin_page_drop(lw, i);
		}
	}
	if (lw->total != before) {
		/* The window may reach further now that the total is known. */
		listwin_view(lw, lw->top, lw->height);
	}
	listwin_evict(lw);
	return (1);
}

void
listwin_page_same(struct listwin *lw, size_t page, unsigned gen)
{
	struct listwin_page	*pg;

	if (gen != lw->gen || (pg = listwin_page_find(lw, page)) == NULL)
		return;
	pg->asking = 0;
	listwin_evict(lw);
}

void
listwin_page_failed(struct listwin *lw, size_t page, unsigned gen)
{
	struct listwin_page	*pg;
	size_t			 i;

	if (gen != lw->gen || (pg = listwin_page_find(lw, page)) == NULL)
		return;
	pg->asking = 0;
	if (!pg->held) {
		i = (size_t)(pg - lw->pages);
		listwin_page_drop(lw, i);
	}
}
