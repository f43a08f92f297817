/*
 * The guest list as CSV, made while it is sent: GET
 * /api/events/:id/guests.csv (API.md) at 500,000 guests in bounded memory.
 *
 * Rows are read a chunk at a time in the list's order, each chunk picking
 * up after the last row of the one before (keyset: the sort value and the
 * id, never OFFSET), and no statement stays open between chunks, so the
 * server goes on serving, and writing, meanwhile.  Each chunk is read at
 * one moment; a guest added, changed or removed during an export is
 * exported as it is when its part of the list is read, or not at all when
 * the export has passed its place (docs/evtop-mock.md, "The export is
 * streamed").
 */
#ifndef EVTOP_MOCK_GUESTS_EXPORT_H
#define EVTOP_MOCK_GUESTS_EXPORT_H

#include <stddef.h>

struct db;
struct guests_query;
struct http_stream_ops;

/* Rows read a chunk (EVTOP_MOCK_EXPORT_ROWS in the environment). */
#define GUESTS_EXPORT_ROWS	512
#define GUESTS_EXPORT_ROWS_MAX	100000

struct guests_export;

/*
 * An export of the guests gq matches (its page ignored), rows a chunk
 * (0: GUESTS_EXPORT_ROWS).  gq's strings are copied.  Nothing is read
 * before the first guests_export_read.
 */
struct guests_export *guests_export_new(struct db *,
		     const struct guests_query *gq, size_t rows);
void		 guests_export_free(struct guests_export *);

/*
 * The next bytes of the CSV, at most size, reading a few chunks of rows at
 * most to fill them; the http_stream_ops contract (http.h): 1 while more
 * is to come, 0 at the end, -1 when the database fails.
 */
int		 guests_export_read(struct guests_export *, char *buf,
		     size_t size, size_t *len);

/* guests_export_read and guests_export_free, for http_reply_stream. */
extern const struct http_stream_ops guests_export_stream;

#endif
