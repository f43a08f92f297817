/*
 * The guest list of an event: filters, sorts and pages that stay fast at
 * 500,000 guests.  The same list as CSV is guests-export.c.
 *
 * A page is found in two steps: the ids of the page come from one index
 * (each sort has its own, carrying the columns the filters read), then
 * only those rows are read.  A deep page thus walks index entries, never
 * table rows.  An unfiltered total, or one filtered by RSVP status alone
 * or by checked_in alone, is read from guest_counts; other filters count.
 * A search counts its matches and finds its page in the same walk.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "db.h"
#include "guests.h"
#include "log.h"
#include "query.h"
#include "xmalloc.h"

/* Each sort: its name in the query, its order and the index it walks. */
static const struct {
	const char	*name;
	const char	*order;
	const char	*index;
} guests_sorts[] = {
	[GUESTS_SORT_NAME] = { "name", "name COLLATE NOCASE, id",
	    "guests_name" },
	[GUESTS_SORT_NAME_DESC] = { "-name",
	    "name COLLATE NOCASE DESC, id DESC", "guests_name" },
	[GUESTS_SORT_CREATED] = { "created", "id", "guests_event" },
	[GUESTS_SORT_CREATED_DESC] = { "-created", "id DESC",
	    "guests_event" },
	[GUESTS_SORT_CHECKED_IN] = { "checked_in",
	    "checked_in_at DESC, id DESC", "guests_door" },
	[GUESTS_SORT_CHECKED_IN_DESC] = { "-checked_in",
	    "checked_in_at, id", "guests_door" },
};
#define GUESTS_NSORTS (sizeof guests_sorts / sizeof guests_sorts[0])

int
guests_query_parse(const struct query *q, int64_t event_id,
    struct guests_query *gq, char **cause)
{
	const char	*s;
	size_t		 i;

	memset(gq, 0, sizeof *gq);
	gq->event_id = event_id;
	gq->checked_in = -1;
	if (query_get_int(q, "page", 1, 1, INT32_MAX, &gq->page, cause) != 0 ||
	    query_get_int(q, "per_page", GUESTS_PER_PAGE_DEFAULT, 1,
	    GUESTS_PER_PAGE_MAX, &gq->per_page, cause) != 0)
		return (-1);
	if ((s = query_get(q, "q")) != NULL && *s != '\0') {
		if (strlen(s) > GUESTS_Q_MAX) {
			xasprintf(cause, "q must be at most %d characters",
			    GUESTS_Q_MAX);
			return (-1);
		}
		gq->q = s;
	}
	if ((s = query_get(q, "rsvp")) != NULL && *s != '\0') {
		if (!guests_rsvp_valid(s)) {
			*cause = xstrdup("rsvp must be pending, accepted, "
			    "declined or waitlisted");
			return (-1);
		}
		gq->rsvp = s;
	}
	if ((s = query_get(q, "checked_in")) != NULL && *s != '\0') {
		if (strcasecmp(s, "true") == 0 || strcmp(s, "1") == 0)
			gq->checked_in = 1;
		else if (strcasecmp(s, "false") == 0 || strcmp(s, "0") == 0)
			gq->checked_in = 0;
		else {
			*cause = xstrdup("checked_in must be true or false");
			return (-1);
		}
	}
	gq->sort = GUESTS_SORT_NAME;
	if ((s = query_get(q, "sort")) != NULL && *s != '\0') {
		for (i = 0; i < GUESTS_NSORTS; i++) {
			if (strcmp(s, guests_sorts[i].name) == 0)
				break;
		}
		if (i == GUESTS_NSORTS) {
			*cause = xstrdup("sort must be name, -name, created, "
			    "-created, checked_in or -checked_in");
			return (-1);
		}
		gq->sort = (enum guests_sort)i;
	}
	return (0);
}

/* The WHERE clause of gq; its parameters are ?1 event, ?2 rsvp, ?3 q. */
static char *
guests_where(const struct guests_query *gq)
{
	char	*where;

	xasprintf(&where, "event_id = ?1%s%s%s",
	    gq->rsvp != NULL ? " AND rsvp_status = ?2" : "",
	    gq->checked_in == 1 ? " AND checked_in_at IS NOT NULL" :
	    gq->checked_in == 0 ? " AND checked_in_at IS NULL" : "",
	    gq->q != NULL ? " AND " GUESTS_MATCH_Q : "");
	return (where);
}

/*
 * The index a page of gq walks, in the list's order.  By creation order,
 * a filter on RSVP status or on "not checked in" has an index whose
 * entries are in id order.
 */
static const char *
guests_index(const struct guests_query *gq)
{
	if (gq->sort == GUESTS_SORT_CREATED ||
	    gq->sort == GUESTS_SORT_CREATED_DESC) {
		if (gq->rsvp != NULL)
			return ("guests_rsvp");
		if (gq->checked_in == 0)
			return ("guests_door");
		return ("guests_event");
	}
	return (guests_sorts[gq->sort].index);
}

static sqlite3_stmt *
guests_prepare(struct db *db, const char *sql)
{
	sqlite3_stmt	*stmt;

	if (sqlite3_prepare_v2(db_handle(db), sql, -1, &stmt, NULL) !=
	    SQLITE_OK) {
		log_fatalx("bad SQL (%s): %s",
		    sqlite3_errmsg(db_handle(db)), sql);
	}
	return (stmt);
}

char *
guests_like_pattern(const char *q)
{
	const char	*s;
	char		*pattern;
	size_t		 n = 0;

	/* "contains q", with LIKE's own % and _ taken literally. */
	pattern = xmalloc(strlen(q) * 2 + 3);
	pattern[n++] = '%';
	for (s = q; *s != '\0'; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			pattern[n++] = '\\';
		pattern[n++] = *s;
	}
	pattern[n++] = '%';
	pattern[n] = '\0';
	return (pattern);
}

/* Binds the filters of gq; pattern keeps the LIKE text alive. */
static void
guests_bind(sqlite3_stmt *stmt, const struct guests_query *gq,
    char **pattern)
{
	*pattern = NULL;
	sqlite3_bind_int64(stmt, 1, gq->event_id);
	if (gq->rsvp != NULL)
		sqlite3_bind_text(stmt, 2, gq->rsvp, -1, SQLITE_STATIC);
	if (gq->q == NULL)
		return;
	*pattern = guests_like_pattern(gq->q);
	sqlite3_bind_text(stmt, 3, *pattern, -1, SQLITE_STATIC);
}

/* How many guests gq matches without q: a stored count when there is one. */
static int64_t
guests_total(struct db *db, const struct guests_query *gq, const char *where)
{
	struct guests_counts	 c;
	sqlite3_stmt		*stmt;
	char			*sql, *pattern;
	int64_t			 total;

	if (gq->rsvp == NULL || gq->checked_in == -1) {
		guests_counts(db, gq->event_id, &c);
		if (gq->rsvp == NULL && gq->checked_in == -1)
			return (c.total);
		if (gq->checked_in == 1)
			return (c.checked_in);
		if (gq->checked_in == 0)
			return (c.total - c.checked_in);
		if (strcmp(gq->rsvp, "pending") == 0)
			return (c.pending);
		if (strcmp(gq->rsvp, "accepted") == 0)
			return (c.accepted);
		if (strcmp(gq->rsvp, "declined") == 0)
			return (c.declined);
		return (c.waitlisted);
	}
	/* Both filters: guests_name holds both columns, so no row is read. */
	xasprintf(&sql, "SELECT COUNT(*) FROM guests INDEXED BY guests_name"
	    " WHERE %s", where);
	stmt = guests_prepare(db, sql);
	guests_bind(stmt, gq, &pattern);
	total = sqlite3_step(stmt) == SQLITE_ROW ?
	    sqlite3_column_int64(stmt, 0) : 0;
	sqlite3_finalize(stmt);
	free(pattern);
	free(sql);
	return (total);
}

/*
 * A search (q) has to look at every guest of the event whatever the page,
 * both to count the matches and to find the page.  One walk of the sort's
 * own index, in the list's order, does both: it counts every match and
 * keeps the ids of the page's, with no sort and no second pass.  By name
 * the index carries email and ticket code too (db.c), so the walk reads
 * no table row.  Returns the number of matches; the page's ids (at most
 * per_page) are in ids, *nids of them.
 */
static int64_t
guests_search(struct db *db, const struct guests_query *gq,
    const char *where, int64_t *ids, size_t *nids)
{
	sqlite3_stmt	*stmt;
	char		*sql, *pattern;
	int64_t		 n = 0, first = (gq->page - 1) * gq->per_page;

	*nids = 0;
	xasprintf(&sql, "SELECT id FROM guests INDEXED BY %s WHERE %s"
	    " ORDER BY %s", guests_index(gq), where,
	    guests_sorts[gq->sort].order);
	stmt = guests_prepare(db, sql);
	guests_bind(stmt, gq, &pattern);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		if (n >= first && n - first < gq->per_page)
			ids[(*nids)++] = sqlite3_column_int64(stmt, 0);
		n++;
	}
	sqlite3_finalize(stmt);
	free(pattern);
	free(sql);
	return (n);
}

/* The rows of a search's page, in the list's order. */
static json_t *
guests_search_rows(struct db *db, const struct guests_query *gq,
    const int64_t *ids, size_t nids)
{
	sqlite3_stmt	*stmt;
	json_t		*list = json_array();
	char		*sql, *in;
	size_t		 i, len = 0, size = nids * 21 + 1;

	if (nids == 0)
		return (list);
	in = xmalloc(size);
	in[0] = '\0';
	for (i = 0; i < nids; i++)
		len += (size_t)snprintf(in + len, size - len, "%s%lld",
		    i > 0 ? "," : "", (long long)ids[i]);
	xasprintf(&sql, "SELECT " GUESTS_COLUMNS " FROM guests WHERE id IN"
	    " (%s) ORDER BY %s", in, guests_sorts[gq->sort].order);
	stmt = guests_prepare(db, sql);
	while (sqlite3_step(stmt) == SQLITE_ROW)
		json_array_append_new(list, guests_row_json(stmt));
	sqlite3_finalize(stmt);
	free(sql);
	free(in);
	return (list);
}

json_t *
guests_list_json(struct db *db, const struct guests_query *gq,
    int64_t *total)
{
	sqlite3_stmt	*stmt;
	const char	*order = guests_sorts[gq->sort].order;
	json_t		*list;
	char		*where, *sql, *pattern;
	int64_t		*ids;
	size_t		 nids;

	where = guests_where(gq);
	if (gq->q != NULL) {
		ids = xreallocarray(NULL, (size_t)gq->per_page, sizeof *ids);
		*total = guests_search(db, gq, where, ids, &nids);
		list = guests_search_rows(db, gq, ids, nids);
		free(ids);
		free(where);
		return (list);
	}
	*total = guests_total(db, gq, where);
	list = json_array();
	if ((gq->page - 1) * gq->per_page >= *total) {
		free(where);
		return (list);
	}
	xasprintf(&sql, "SELECT " GUESTS_COLUMNS " FROM guests WHERE id IN"
	    " (SELECT id FROM guests INDEXED BY %s WHERE %s ORDER BY %s"
	    " LIMIT ?4 OFFSET ?5) ORDER BY %s", guests_index(gq), where,
	    order, order);
	stmt = guests_prepare(db, sql);
	guests_bind(stmt, gq, &pattern);
	sqlite3_bind_int64(stmt, 4, gq->per_page);
	sqlite3_bind_int64(stmt, 5, (gq->page - 1) * gq->per_page);
	while (sqlite3_step(stmt) == SQLITE_ROW)
		json_array_append_new(list, guests_row_json(stmt));
	sqlite3_finalize(stmt);
	free(pattern);
	free(sql);
	free(where);
	return (list);
}
