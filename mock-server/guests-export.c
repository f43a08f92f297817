#include "guests-export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "db.h"
#include "guests.h"
#include "http.h"
#include "json-util.h"
#include "log.h"
#include "xmalloc.h"

/*
 * A stretch of the list read with one pair of statements.  The cursor's
 * comparison on names is spelled out: SQLite seeks an index with a row
 * value, but not when one of its terms has a collation.  The sorts by
 * check-in time put the guests not yet in after (or before) the others:
 * NULL has no place in a keyset comparison, so those sorts walk two
 * stretches, the checked-in guests by time and the rest by id.
 */
struct guests_walk {
	int		 checked_in;	/* -1 all, 0 not yet, 1 checked in */
	const char	*index;		/* NULL: as guests_export_index says */
	const char	*order;
	const char	*after;		/* the rows after the cursor */
	int		 key;		/* the cursor's sort value (?5) */
};

enum {
	GUESTS_KEY_NONE,		/* the id alone */
	GUESTS_KEY_NAME,
	GUESTS_KEY_TIME,
};

#define GUESTS_WALKS_MAX	2
/* Chunks read at most for one piece of the CSV. */
#define GUESTS_EXPORT_CHUNKS_READ 4

/* Each sort of guests-list.c as stretches, in the same order. */
static const struct guests_walk guests_walks[][GUESTS_WALKS_MAX] = {
	[GUESTS_SORT_NAME] = {
		{ -1, "guests_name", "name COLLATE NOCASE, id",
		  "name COLLATE NOCASE >= ?5 AND"
		  " (name COLLATE NOCASE > ?5 OR id > ?6)", GUESTS_KEY_NAME },
	},
	[GUESTS_SORT_NAME_DESC] = {
		{ -1, "guests_name", "name COLLATE NOCASE DESC, id DESC",
		  "name COLLATE NOCASE <= ?5 AND"
		  " (name COLLATE NOCASE < ?5 OR id < ?6)", GUESTS_KEY_NAME },
	},
	[GUESTS_SORT_CREATED] = {
		{ -1, NULL, "id", "id > ?6", GUESTS_KEY_NONE },
	},
	[GUESTS_SORT_CREATED_DESC] = {
		{ -1, NULL, "id DESC", "id < ?6", GUESTS_KEY_NONE },
	},
	[GUESTS_SORT_CHECKED_IN] = {
		{ 1, "guests_door", "checked_in_at DESC, id DESC",
		  "(checked_in_at, id) < (?5, ?6)", GUESTS_KEY_TIME },
		{ 0, "guests_door", "id DESC", "id < ?6", GUESTS_KEY_NONE },
	},
	[GUESTS_SORT_CHECKED_IN_DESC] = {
		{ 0, "guests_door", "id", "id > ?6", GUESTS_KEY_NONE },
		{ 1, "guests_door", "checked_in_at, id",
		  "(checked_in_at, id) > (?5, ?6)", GUESTS_KEY_TIME },
	},
};

static const char *const guests_export_header[] = {
	"id", "name", "email", "phone", "rsvp_status", "ticket_code",
	"invited_at", "responded_at", "checked_in_at", "notes", "created_at"
};
#define GUESTS_EXPORT_COLUMNS	11

struct guests_export {
	struct db		*db;
	int64_t			 event_id;
	char			*q;
	char			*pattern;	/* LIKE text of q */
	char			*rsvp;
	int			 checked_in;
	enum guests_sort	 sort;
	size_t			 rows;

	size_t			 walk;		/* the stretch being read */
	sqlite3_stmt		*first;		/* its first chunk */
	sqlite3_stmt		*next;		/* the chunks after */
	int			 started;	/* the cursor holds a row */
	int64_t			 last_id;
	int64_t			 last_time;
	char			*last_name;
	size_t			 last_name_len;
	size_t			 last_name_size;
	int			 done;

	struct csv_out		 out;
};

static void	guests_export_find_walk(struct guests_export *);

static void
guests_export_free_stmts(struct guests_export *e)
{
	sqlite3_finalize(e->first);
	sqlite3_finalize(e->next);
	e->first = e->next = NULL;
}

void
guests_export_free(struct guests_export *e)
{
	if (e == NULL)
		return;
	guests_export_free_stmts(e);
	free(e->q);
	free(e->pattern);
	free(e->rsvp);
	free(e->last_name);
	csv_out_free(&e->out);
	free(e);
}

static void
guests_export_stream_free(void *arg)
{
	guests_export_free(arg);
}

static int
guests_export_stream_read(void *arg, char *buf, size_t size, size_t *len)
{
	return (guests_export_read(arg, buf, size, len));
}

const struct http_stream_ops guests_export_stream = {
	.read = guests_export_stream_read,
	.free = guests_export_stream_free,
};

struct guests_export *
guests_export_new(struct db *db, const struct guests_query *gq, size_t rows)
{
	struct guests_export	*e;
	size_t			 i;

	e = xcalloc(1, sizeof *e);
	e->db = db;
	e->event_id = gq->event_id;
	if (gq->q != NULL) {
		e->q = xstrdup(gq->q);
		e->pattern = guests_like_pattern(gq->q);
	}
	if (gq->rsvp != NULL)
		e->rsvp = xstrdup(gq->rsvp);
	e->checked_in = gq->checked_in;
	e->sort = gq->sort;
	e->rows = rows > 0 ? rows : GUESTS_EXPORT_ROWS;
	for (i = 0; i < GUESTS_EXPORT_COLUMNS; i++)
		csv_out_field(&e->out, guests_export_header[i], i == 0);
	csv_out_end(&e->out);
	guests_export_find_walk(e);
	return (e);
}

/*
 * The index of a stretch walked by id: with a filter on RSVP status, or
 * on guests not yet in, an index whose entries for it are in id order.
 */
static const char *
guests_export_index(const struct guests_export *e,
    const struct guests_walk *w)
{
	if (w->index != NULL)
		return (w->index);
	if (e->rsvp != NULL)
		return ("guests_rsvp");
	if (e->checked_in == 0)
		return ("guests_door");
	return ("guests_event");
}

/*
 * A chunk's statement: ?1 the event, ?2 the RSVP status, ?3 q's pattern,
 * ?4 how many rows, ?5 and ?6 the cursor.  q is not in the WHERE clause
 * but a column: a chunk then reads at most ?4 rows however few match, so
 * a rare match never makes one chunk walk the whole list.
 */
static sqlite3_stmt *
guests_export_prepare(struct guests_export *e, const struct guests_walk *w,
    int after)
{
	sqlite3_stmt	*stmt;
	char		*sql;
	int		 checked_in = w->checked_in;

	if (checked_in == -1)
		checked_in = e->checked_in;
	xasprintf(&sql, "SELECT id, name, email, phone, rsvp_status,"
	    " ticket_code, invited_at, responded_at, checked_in_at, notes,"
	    " created_at, %s FROM guests INDEXED BY %s WHERE event_id = ?1%s%s"
	    "%s%s ORDER BY %s LIMIT ?4", e->q != NULL ? GUESTS_MATCH_Q : "1",
	    guests_export_index(e, w),
	    e->rsvp != NULL ? " AND rsvp_status = ?2" : "",
	    checked_in == 1 ? " AND checked_in_at IS NOT NULL" :
	    checked_in == 0 ? " AND checked_in_at IS NULL" : "",
	    after ? " AND " : "", after ? w->after : "", w->order);
	if (sqlite3_prepare_v2(db_handle(e->db), sql, -1, &stmt, NULL) !=
	    SQLITE_OK) {
		log_fatalx("bad SQL (%s): %s",
		    sqlite3_errmsg(db_handle(e->db)), sql);
	}
	free(sql);
	return (stmt);
}

/* From stretch e->walk on, the first the filters leave rows in; or ends. */
static void
guests_export_find_walk(struct guests_export *e)
{
	const struct guests_walk	*w;

	for (; e->walk < GUESTS_WALKS_MAX; e->walk++) {
		w = &guests_walks[e->sort][e->walk];
		if (w->order == NULL)
			break;
		if (w->checked_in == -1 || e->checked_in == -1 ||
		    w->checked_in == e->checked_in)
			return;
	}
	e->done = 1;
}

static void
guests_export_time(struct csv_out *o, sqlite3_stmt *stmt, int i)
{
	char	buf[32];

	buf[0] = '\0';
	if (sqlite3_column_type(stmt, i) != SQLITE_NULL)
		json_util_format_time((time_t)sqlite3_column_int64(stmt, i),
		    buf, sizeof buf);
	csv_out_field(o, buf, 0);
}

static void
guests_export_row(struct csv_out *o, sqlite3_stmt *stmt)
{
	int	i;

	csv_out_field(o, db_text(stmt, 0), 1);
	for (i = 1; i <= 5; i++)
		csv_out_field(o, db_text(stmt, i), 0);
	guests_export_time(o, stmt, 6);
	guests_export_time(o, stmt, 7);
	guests_export_time(o, stmt, 8);
	csv_out_field(o, db_text(stmt, 9), 0);
	guests_export_time(o, stmt, 10);
	csv_out_end(o);
}

/* Keeps the place of the row just read, for the next chunk. */
static void
guests_export_keep(struct guests_export *e, const struct guests_walk *w,
    sqlite3_stmt *stmt)
{
	const char	*name;
	size_t		 len;

	e->started = 1;
	e->last_id = sqlite3_column_int64(stmt, 0);
	if (w->key == GUESTS_KEY_TIME)
		e->last_time = sqlite3_column_int64(stmt, 8);
	else if (w->key == GUESTS_KEY_NAME) {
		name = db_text(stmt, 1);
		len = (size_t)sqlite3_column_bytes(stmt, 1);
		if (len >= e->last_name_size) {
			e->last_name_size = len + 1;
			e->last_name = xrealloc(e->last_name,
			    e->last_name_size);
		}
		memcpy(e->last_name, name, len);
		e->last_name_len = len;
	}
}

/* Reads one chunk into the output: 0, or -1 when the database fails. */
static int
guests_export_chunk(struct guests_export *e)
{
	const struct guests_walk	*w = &guests_walks[e->sort][e->walk];
	sqlite3_stmt			*stmt;
	size_t				 n = 0;
	int				 rc;

	if (!e->started) {
		if (e->first == NULL)
			e->first = guests_export_prepare(e, w, 0);
		stmt = e->first;
	} else {
		if (e->next == NULL)
			e->next = guests_export_prepare(e, w, 1);
		stmt = e->next;
	}
	sqlite3_bind_int64(stmt, 1, e->event_id);
	if (e->rsvp != NULL)
		sqlite3_bind_text(stmt, 2, e->rsvp, -1, SQLITE_STATIC);
	if (e->pattern != NULL)
		sqlite3_bind_text(stmt, 3, e->pattern, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 4, (sqlite3_int64)e->rows);
	if (e->started) {
		/* A copy: the cursor moves while the statement runs. */
		if (w->key == GUESTS_KEY_NAME)
			sqlite3_bind_text(stmt, 5, e->last_name,
			    (int)e->last_name_len, SQLITE_TRANSIENT);
		else if (w->key == GUESTS_KEY_TIME)
			sqlite3_bind_int64(stmt, 5, e->last_time);
		sqlite3_bind_int64(stmt, 6, e->last_id);
	}
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		n++;
		if (sqlite3_column_int(stmt, GUESTS_EXPORT_COLUMNS) != 0)
			guests_export_row(&e->out, stmt);
		guests_export_keep(e, w, stmt);
	}
	/* No statement stays open between chunks: writes go on meanwhile. */
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		log_warnx("guest export of event %lld: %s",
		    (long long)e->event_id, sqlite3_errstr(rc));
		return (-1);
	}
	if (n < e->rows) {
		guests_export_free_stmts(e);
		e->started = 0;
		e->walk++;
		guests_export_find_walk(e);
	}
	return (0);
}

int
guests_export_read(struct guests_export *e, char *buf, size_t size,
    size_t *len)
{
	int	chunks = 0;

	/* Fill the piece, but never read more than a few chunks for it. */
	while (csv_out_pending(&e->out) < size && !e->done &&
	    chunks++ < GUESTS_EXPORT_CHUNKS_READ) {
		if (guests_export_chunk(e) != 0) {
			*len = 0;
			return (-1);
		}
	}
	*len = csv_out_take(&e->out, buf, size);
	return (e->done && csv_out_pending(&e->out) == 0 ? 0 : 1);
}
