#include "csv.h"

#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

struct csv_reader {
	const char	*p;
	const char	*end;
	size_t		 record;

	struct buf	 data;		/* the fields, NUL after each */
	size_t		 offs[CSV_FIELDS_MAX];
	char		*fields[CSV_FIELDS_MAX];
};

/* Characters that make a spreadsheet read a cell as a formula. */
static const char csv_formula_starts[] = "=+-@\t\r";

struct csv_reader *
csv_reader_new(const char *buf, size_t len)
{
	struct csv_reader	*r;

	r = xcalloc(1, sizeof *r);
	r->p = buf;
	r->end = buf + len;
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		r->p += 3;
	return (r);
}

void
csv_reader_free(struct csv_reader *r)
{
	if (r == NULL)
		return;
	buf_done(&r->data);
	free(r);
}

size_t
csv_reader_record(const struct csv_reader *r)
{
	return (r->record);
}

static void
csv_append(struct csv_reader *r, char c)
{
	buf_add(&r->data, &c, 1);
}

/* Steps over one record terminator (CRLF, LF or CR) if there is one. */
static void
csv_skip_eol(struct csv_reader *r)
{
	if (r->p < r->end && *r->p == '\r')
		r->p++;
	if (r->p < r->end && *r->p == '\n')
		r->p++;
}

/* After a malformed record: go on from the next line. */
static void
csv_skip_line(struct csv_reader *r)
{
	while (r->p < r->end && *r->p != '\n' && *r->p != '\r')
		r->p++;
	csv_skip_eol(r);
}

/* Reads a quoted field; -1 with *cause when it is malformed. */
static int
csv_quoted(struct csv_reader *r, int *nul, char **cause)
{
	char	c;

	r->p++;
	for (;;) {
		if (r->p == r->end) {
			*cause = xstrdup("a quoted field is not closed: a "
			    "double quote is missing");
			return (-1);
		}
		c = *r->p++;
		if (c == '"') {
			if (r->p < r->end && *r->p == '"') {
				csv_append(r, '"');
				r->p++;
				continue;
			}
			break;
		}
		if (c == '\0')
			*nul = 1;
		csv_append(r, c);
	}
	if (r->p < r->end && *r->p != ',' && *r->p != '\r' && *r->p != '\n') {
		*cause = xstrdup("a quoted field goes on after its closing "
		    "quote (a quote inside quotes must be doubled)");
		csv_skip_line(r);
		return (-1);
	}
	return (0);
}

int
csv_reader_next(struct csv_reader *r, char ***fields, size_t *n,
    char **cause)
{
	size_t	nfields = 0, i;
	int	nul = 0;

	*n = 0;
	if (r->p >= r->end)
		return (0);
	r->record++;
	buf_clear(&r->data);
	for (;;) {
		if (nfields < CSV_FIELDS_MAX)
			r->offs[nfields] = r->data.len;
		if (r->p < r->end && *r->p == '"') {
			if (csv_quoted(r, &nul, cause) != 0)
				return (-1);
		} else {
			while (r->p < r->end && *r->p != ',' &&
			    *r->p != '\r' && *r->p != '\n') {
				if (*r->p == '\0')
					nul = 1;
				csv_append(r, *r->p++);
			}
		}
		csv_append(r, '\0');
		nfields++;
		if (r->p < r->end && *r->p == ',') {
			r->p++;
			continue;
		}
		csv_skip_eol(r);
		break;
	}
	if (nul) {
		*cause = xstrdup("the record holds a NUL byte");
		return (-1);
	}
	if (nfields > CSV_FIELDS_MAX) {
		xasprintf(cause, "the record has more than %d fields",
		    CSV_FIELDS_MAX);
		return (-1);
	}
	for (i = 0; i < nfields; i++)
		r->fields[i] = r->data.data + r->offs[i];
	*fields = r->fields;
	*n = nfields;
	return (1);
}

static void
csv_out_bytes(struct csv_out *o, const char *s, size_t len)
{
	/* What was taken is room again: a stream never holds its past. */
	if (o->off > 0 && o->b.cap - o->b.len <= len) {
		buf_consume(&o->b, o->off);
		o->off = 0;
	}
	buf_add(&o->b, s, len);
}

void
csv_out_field(struct csv_out *o, const char *s, int first)
{
	const char	*q;
	int		 guard;

	if (!first)
		csv_out_bytes(o, ",", 1);
	guard = (*s != '\0' && strchr(csv_formula_starts, *s) != NULL);
	/* A byte order mark opening the output would be read as one. */
	if (strpbrk(s, ",\"\r\n") == NULL && (o->b.len != 0 || o->taken != 0 ||
	    strncmp(s, "\xef\xbb\xbf", 3) != 0)) {
		if (guard)
			csv_out_bytes(o, "'", 1);
		csv_out_bytes(o, s, strlen(s));
		return;
	}
	csv_out_bytes(o, guard ? "\"'" : "\"", guard ? 2 : 1);
	while ((q = strchr(s, '"')) != NULL) {
		csv_out_bytes(o, s, (size_t)(q - s) + 1);
		csv_out_bytes(o, "\"", 1);
		s = q + 1;
	}
	csv_out_bytes(o, s, strlen(s));
	csv_out_bytes(o, "\"", 1);
}

void
csv_out_end(struct csv_out *o)
{
	csv_out_bytes(o, "\r\n", 2);
}

size_t
csv_out_pending(const struct csv_out *o)
{
	return (o->b.len - o->off);
}

size_t
csv_out_take(struct csv_out *o, char *dst, size_t size)
{
	size_t	n = o->b.len - o->off;

	if (n > size)
		n = size;
	if (n > 0)
		memcpy(dst, o->b.data + o->off, n);
	o->off += n;
	o->taken += n;
	/* All taken: the next record starts at the front again. */
	if (o->off == o->b.len) {
		buf_clear(&o->b);
		o->off = 0;
	}
	return (n);
}

void
csv_out_free(struct csv_out *o)
{
	buf_done(&o->b);
	memset(o, 0, sizeof *o);
}

const char *
csv_unguard(const char *s)
{
	if (s[0] == '\'' && s[1] != '\0' &&
	    strchr(csv_formula_starts, s[1]) != NULL)
		return (s + 1);
	return (s);
}
