/*
 * Gathering a paged list.  Servers differ: the mock pages at up to 200, a
 * core server may ignore page and per_page and send everything, another
 * may ignore page only and send its first page again.  Each page is added
 * here until the list is whole.
 */
#include <stdlib.h>
#include <string.h>

#include "api-private.h"
#include "xmalloc.h"

struct api_pages *
api_pages_new(void)
{
	struct api_pages	*pages;

	pages = xcalloc(1, sizeof *pages);
	pages->total = -1;
	pages->page = 1;
	pages->first_id = -1;
	return (pages);
}

void
api_pages_free(struct api_pages *pages)
{
	if (pages == NULL)
		return;
	events_free(pages->evs, pages->n);
	free(pages);
}

int
api_pages_add(struct api_pages *pages, struct event *evs, size_t n,
    int64_t total)
{
	size_t	i;

	if (n > 0 && pages->page > 1 && evs[0].id == pages->first_id) {
		/* The same page again: this server ignores page. */
		events_free(evs, n);
		return (1);
	}
	if (n > API_EVENTS_MAX - pages->n) {
		for (i = API_EVENTS_MAX - pages->n; i < n; i++)
			event_done(&evs[i]);
		n = API_EVENTS_MAX - pages->n;
	}
	if (pages->n + n > pages->cap) {
		pages->cap = pages->n + n;
		pages->evs = xreallocarray(pages->evs, pages->cap,
		    sizeof *pages->evs);
	}
	if (n > 0) {
		memcpy(pages->evs + pages->n, evs, n * sizeof *evs);
		pages->first_id = evs[0].id;
	}
	pages->n += n;
	free(evs);
	if (total >= 0)
		pages->total = total;
	return (n == 0 || pages->total < 0 ||
	    pages->n >= (size_t)pages->total || pages->n >= API_EVENTS_MAX);
}
