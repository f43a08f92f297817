/*
 * Fuzz target: evtop-mock's CSV reader (guest imports come from any
 * spreadsheet).  Every record read is written back and read again: the
 * fields must survive, quotes, commas and line breaks included, with the
 * formula guard in front where it belongs.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Writes the fields as one record and checks that it reads back. */
static void
fuzz_round_trip(char **fields, size_t n)
{
	struct csv_out		 o;
	struct csv_reader	*r;
	char			**again, *cause = NULL;
	size_t			 m, i;
	int			 guard;

	memset(&o, 0, sizeof o);
	for (i = 0; i < n; i++)
		csv_out_field(&o, fields[i], i == 0);
	csv_out_end(&o);
	r = csv_reader_new(o.b.data, o.b.len);
	if (csv_reader_next(r, &again, &m, &cause) != 1 || m != n)
		abort();
	for (i = 0; i < n; i++) {
		guard = fields[i][0] != '\0' &&
		    strchr("=+-@\t\r", fields[i][0]) != NULL;
		if (guard && (again[i][0] != '\'' ||
		    strcmp(again[i] + 1, fields[i]) != 0))
			abort();
		if (!guard && strcmp(again[i], fields[i]) != 0)
			abort();
	}
	if (csv_reader_next(r, &again, &m, &cause) != 0)
		abort();
	csv_reader_free(r);
	csv_out_free(&o);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv_reader	*r;
	char			**fields, *cause = NULL;
	size_t			 n, records = 0;
	int			 rc;

	r = csv_reader_new((const char *)data, size);
	while ((rc = csv_reader_next(r, &fields, &n, &cause)) != 0) {
		/* Every record consumes input: the reader always ends. */
		if (++records > size + 1)
			abort();
		if (rc < 0) {
			if (cause == NULL || *cause == '\0')
				abort();
			free(cause);
			cause = NULL;
			continue;
		}
		if (n == 0 || n > CSV_FIELDS_MAX)
			abort();
		fuzz_round_trip(fields, n);
	}
	csv_reader_free(r);
	return (0);
}
