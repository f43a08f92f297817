/*
 * Event search (`:search`): words, a place and a date range.  The server
 * searches when it offers search (GET /api/events/search); when it has
 * none, or answers without honouring the query, the events evtop holds
 * are searched here, and the pane's title says which.
 */
#ifndef EVTOP_PANE_SEARCH_H
#define EVTOP_PANE_SEARCH_H

#include <time.h>

#include "pane.h"

struct search_query {
	char	*q;		/* words, or NULL */
	char	*location;	/* part of the place, or NULL */
	char	*from;		/* YYYY-MM-DD as typed, or NULL */
	char	*to;
	time_t	 from_t;	/* local midnight of from; 0 none */
	time_t	 to_t;		/* the last second of to, local; 0 none */
};

/*
 * Reads "launch party location=lisbon from=2026-06-01 to=2026-06-30":
 * the key=value words are filters, the rest the words to find.  0, or -1
 * with a sentence in *cause (an unknown key, a date that is none, a
 * range that ends before it starts, nothing to find at all).
 */
int	search_query_parse(const char *text, struct search_query *,
	    char **cause);
void	search_query_done(struct search_query *);
/* 1 when e matches q (words in title, description or place). */
int	search_query_match(const struct search_query *, const struct event *);

extern const struct pane_ops	pane_search_ops;

#endif
