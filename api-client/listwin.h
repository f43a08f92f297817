/*
 * A list window: a long list (events, registrations, guests) seen through
 * the rows on screen.  It knows the server's total and holds only the
 * pages it fetched, in a bounded cache (least recently used out first);
 * rows not here yet are NULL, shown as loading.  It does no I/O: it asks
 * its owner to fetch a page, and the owner hands the answer back.  Rows
 * are opaque: the owner parses them and says how to free, key, match and
 * compare them.
 *
 * Sort and filter go to the server when it offers them
 * (listwin_set_server); otherwise they are applied here, over the rows
 * held, and listwin_local_query says so.  A server that ignores paging
 * sends the whole list at once: it is held whole and paged here.
 */
#ifndef EVTOP_LISTWIN_H
#define EVTOP_LISTWIN_H

#include <stddef.h>
#include <stdint.h>

struct listwin;

/* A page the window wants, for the owner's fetch. */
struct listwin_fetch {
	size_t		 page;		/* from 0 */
	size_t		 per_page;
	unsigned	 gen;		/* hand back with the answer */
	const char	*etag;		/* the page's, for If-None-Match; or NULL */
	const char	*sort;		/* for the server, or NULL */
	const char	*filter;	/* for the server, or NULL */
	int		 refresh;	/* 1: a page held, asked again */
};

struct listwin_ops {
	/* Starts fetching a page; the answer comes back by listwin_page_*. */
	void	(*fetch)(void *arg, const struct listwin_fetch *);
	/* Frees one row. */
	void	(*row_free)(void *row);
	/* The row's stable key (an id). */
	int64_t	(*row_key)(const void *row);
	/* Local filter: 1 when the row matches.  NULL: cannot filter. */
	int	(*row_match)(const void *row, const char *filter);
	/* Local sort: as strcmp.  NULL: cannot sort. */
	int	(*row_cmp)(const void *a, const void *b, const char *sort);
};

/* What the server does for this list (listwin_set_server). */
#define LISTWIN_SERVER_SORT	0x1
#define LISTWIN_SERVER_FILTER	0x2

/*
 * per_page rows a page; cache_pages pages held beyond those of the
 * window (the pages on screen and the one after them).
 */
struct listwin	*listwin_new(const struct listwin_ops *, void *arg,
		    size_t per_page, size_t cache_pages);
void		 listwin_free(struct listwin *);

/* What the server offers: LISTWIN_SERVER_* flags. */
void		 listwin_set_server(struct listwin *, unsigned);
/*
 * Sort and filter (NULL or "" for none).  A change drops the pages held
 * and asks for the window again, unless they apply here.
 */
void		 listwin_set_query(struct listwin *, const char *sort,
		     const char *filter);
/* 1 when sort or filter is applied here, over the rows held. */
int		 listwin_local_query(const struct listwin *);
/*
 * 1 when the filter is applied here (the pane says so): when the server
 * does not filter, and always for a filter that starts with '!', which
 * keeps the rows held that do not match the rest (no server negates).
 */
int		 listwin_local_filter(const struct listwin *);
/* 1 when the sort is applied here. */
int		 listwin_local_sort(const struct listwin *);
/* 1 when the server sent the whole list at once: paged here. */
int		 listwin_whole(const struct listwin *);

/*
 * The rows on screen: fetches the pages that cover them and the next one
 * that are neither held nor being fetched.  listwin_want and
 * listwin_fetch_wanted together.
 */
void		 listwin_view(struct listwin *, size_t top, size_t height);
/*
 * Records the rows on screen and fetches nothing: what a draw does, so
 * that no request starts while a frame is being drawn.
 */
void		 listwin_want(struct listwin *, size_t top, size_t height);
/* 1 when rows were recorded by listwin_want and not fetched for yet. */
int		 listwin_wanted(const struct listwin *);
/* Fetches for the rows last recorded, as listwin_view does. */
void		 listwin_fetch_wanted(struct listwin *);
/*
 * Asks again for the pages of the window that are held, with their
 * ETags; a page already being fetched is not asked for twice.  Before any
 * answer, asks for the first page.
 */
void		 listwin_refresh(struct listwin *);
/* Pages asked for and not answered yet. */
size_t		 listwin_pending(const struct listwin *);

/* The rows there are: the server's total, or what the local query keeps. */
size_t		 listwin_count(struct listwin *);
/* The server's total, -1 before an answer. */
int64_t		 listwin_total(const struct listwin *);
/* 1 once a page has been answered. */
int		 listwin_loaded(const struct listwin *);
/* The row at index, or NULL while it is not here (loading). */
void		*listwin_row(struct listwin *, size_t index);
/*
 * A held row with this key and its index (may be NULL), or NULL: a look-up
 * in an index of the rows held, whatever the server's total.  A key held
 * in two pages (a row that moved between their fetches) is the one of the
 * page answered or shown last.
 */
void		*listwin_find(struct listwin *, int64_t key, size_t *index);
/* How many pages it has asked for since it was made. */
uint64_t	 listwin_asked(const struct listwin *);
/* How many rows are held, for the memory bound. */
size_t		 listwin_held(const struct listwin *);
/* The id index's slots: 2 to 4 per row held, 64 at least. */
size_t		 listwin_index_slots(const struct listwin *);

/*
 * A page's answer: takes rows (an array of n, and each row).  total is the
 * server's, -1 when it did not say.  Answers of an older gen are dropped.
 * Returns 1 when what is shown changed.
 */
int		 listwin_page_done(struct listwin *, size_t page, unsigned gen,
		     void **rows, size_t n, int64_t total, const char *etag);
/* A 304: the page held is still right. */
void		 listwin_page_same(struct listwin *, size_t page, unsigned gen);
/* No usable answer: the page may be asked for again. */
void		 listwin_page_failed(struct listwin *, size_t page,
		     unsigned gen);

#endif
