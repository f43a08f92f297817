#include "stream.h"

#include <stdio.h>
#include <stdlib.h>

#include "db.h"
#include "hub.h"
#include "log.h"
#include "mock.h"
#include "notify.h"
#include "xmalloc.h"

static const char stream_sql_get[] =
	"SELECT seq FROM stream_mark WHERE id = 1";
static const char stream_sql_set[] =
	"INSERT INTO stream_mark (id, seq) VALUES (1, ?)"
	" ON CONFLICT (id) DO UPDATE SET seq = excluded.seq";

static int
stream_store(struct mock *m, uint64_t seq, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	stmt = db_stmt(m->db, stream_sql_set);
	sqlite3_bind_int64(stmt, 1, (sqlite3_int64)seq);
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		xasprintf(cause, "cannot store the stream's seq: %s",
		    sqlite3_errmsg(db_handle(m->db)));
		return (-1);
	}
	return (0);
}

/*
 * The hub is about to publish seq, past the mark: move the mark on.
 * Should the store refuse, the stream goes on (it is a store's job to
 * keep working) and the next seq tries again.
 */
static uint64_t
stream_reserve(uint64_t seq, void *arg)
{
	struct mock	*m = arg;
	uint64_t	 mark = seq + STREAM_RESERVE - 1;
	char		*cause = NULL;

	if (stream_store(m, mark, &cause) != 0) {
		log_warnx("%s", cause);
		free(cause);
		return (seq);
	}
	return (mark);
}

uint64_t
stream_resume(struct mock *m)
{
	int64_t		 mark;
	uint64_t	 seq;

	mark = db_int(m->db, db_stmt(m->db, stream_sql_get), 0);
	seq = notify_last_seq(m);
	if (mark > 0 && (uint64_t)mark > seq)
		seq = (uint64_t)mark;
	hub_start_at(m->hub, seq);
	hub_set_reserve(m->hub, stream_reserve, m);
	return (seq);
}

int
stream_stop(struct mock *m, char **cause)
{
	return (stream_store(m, hub_seq(m->hub), cause));
}
