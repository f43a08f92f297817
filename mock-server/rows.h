/*
 * Rows of the store as JSON: one by its id, or one page of a list with
 * the list's total.  A row function turns the current row of a statement
 * into an object, or NULL for a row it cannot show (bad UTF-8 in a
 * hand-edited file), which a page leaves out.
 */
#ifndef EVTOP_MOCK_ROWS_H
#define EVTOP_MOCK_ROWS_H

#include <jansson.h>
#include <sqlite3.h>
#include <stdint.h>

struct db;

typedef json_t	*(*rows_fn)(sqlite3_stmt *);

/* The row that sql (binding the id as ?1) finds, or NULL. */
json_t	*rows_get_json(struct db *, const char *sql, int64_t id, rows_fn);

/*
 * Page page (from 1) of per_page rows: list_sql binds key, the limit and
 * the offset as ?1..?3; count_sql binds key and counts all of them into
 * *total.  Both are static strings (see db_stmt).
 */
json_t	*rows_page_json(struct db *, const char *count_sql,
	    const char *list_sql, int64_t key, int64_t page, int64_t per_page,
	    rows_fn, int64_t *total);

#endif
