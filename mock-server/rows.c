#include "rows.h"

#include "db.h"

json_t *
rows_get_json(struct db *db, const char *sql, int64_t id, rows_fn fn)
{
	sqlite3_stmt	*stmt;
	json_t		*row = NULL;

	stmt = db_stmt(db, sql);
	sqlite3_bind_int64(stmt, 1, id);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		row = fn(stmt);
	sqlite3_reset(stmt);
	return (row);
}

json_t *
rows_page_json(struct db *db, const char *count_sql, const char *list_sql,
    int64_t key, int64_t page, int64_t per_page, rows_fn fn, int64_t *total)
{
	sqlite3_stmt	*stmt;
	json_t		*list, *row;

	stmt = db_stmt(db, count_sql);
	sqlite3_bind_int64(stmt, 1, key);
	*total = db_int(db, stmt, 0);

	list = json_array();
	stmt = db_stmt(db, list_sql);
	sqlite3_bind_int64(stmt, 1, key);
	sqlite3_bind_int64(stmt, 2, per_page);
	sqlite3_bind_int64(stmt, 3, (page - 1) * per_page);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		if ((row = fn(stmt)) != NULL)
			json_array_append_new(list, row);
	}
	sqlite3_reset(stmt);
	return (list);
}
