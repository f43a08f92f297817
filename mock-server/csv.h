/*
 * CSV as RFC 4180 writes it, read as spreadsheets really save it: fields
 * separated by commas, records by CRLF, LF or CR; a field in double quotes
 * may hold commas, quotes (doubled) and line breaks; a UTF-8 byte order
 * mark at the start is skipped.  Nothing here knows about guests.
 */
#ifndef EVTOP_MOCK_CSV_H
#define EVTOP_MOCK_CSV_H

#include <stddef.h>

#include "buf.h"

#define CSV_FIELDS_MAX	256

struct csv_reader;

/* A reader over buf (len bytes), which must outlive it. */
struct csv_reader *csv_reader_new(const char *buf, size_t len);
void		 csv_reader_free(struct csv_reader *);

/*
 * Reads the next record.  Returns 1 with its fields in *fields (n of them,
 * NUL-terminated, valid until the next call), 0 at the end of the input,
 * or -1 with a sentence in *cause when the record is malformed; reading
 * then goes on with the line after it.
 */
int		 csv_reader_next(struct csv_reader *, char ***fields,
		     size_t *n, char **cause);
/* The number of the record last read: 1 for the first (the header). */
size_t		 csv_reader_record(const struct csv_reader *);

/*
 * A growing output buffer.  A streamed output takes bytes off its front
 * as they are sent (csv_out_take), so it holds only what is not sent yet.
 */
struct csv_out {
	struct buf	 b;
	size_t		 off;		/* b[off..len) is not taken yet */
	size_t		 taken;		/* bytes taken since the start */
};

/*
 * Appends one field, preceded by a comma unless it starts the record,
 * quoted when it holds a comma, quote or line break.  A cell that starts
 * with = + - @ (or a tab or CR) gets a ' in front, so a spreadsheet shows
 * it as text instead of running it as a formula.
 */
void		 csv_out_field(struct csv_out *, const char *s, int first);
/* Ends the record with CRLF. */
void		 csv_out_end(struct csv_out *);
/* How many bytes are waiting to be taken. */
size_t		 csv_out_pending(const struct csv_out *);
/* Moves up to size bytes from the front to dst; returns how many. */
size_t		 csv_out_take(struct csv_out *, char *dst, size_t size);
void		 csv_out_free(struct csv_out *);

/*
 * Undoes the guard of csv_out_field on a value read back: "'=x" is "=x".
 * Returns s or a pointer into it.
 */
const char	*csv_unguard(const char *s);

#endif
