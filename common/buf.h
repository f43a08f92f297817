/*
 * The one growable byte buffer.  Embedded in its owner (buf_init /
 * buf_done); its bytes are always followed by a NUL, so text in it is a C
 * string.  Growth doubles, so appending n bytes costs O(n) overall.
 */
#ifndef EVTOP_BUF_H
#define EVTOP_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char	*data;		/* NULL until the first byte; then NUL-ended */
	size_t	 len;
	size_t	 cap;
};

void	 buf_init(struct buf *);
void	 buf_done(struct buf *);
/* Makes room for n more bytes (and the NUL) without changing len. */
void	 buf_reserve(struct buf *, size_t n);
void	 buf_add(struct buf *, const void *, size_t);
void	 buf_add_str(struct buf *, const char *);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* Forgets the bytes, keeps the memory. */
void	 buf_clear(struct buf *);
/* Drops the first n bytes (all when n >= len), moving the rest down. */
void	 buf_consume(struct buf *, size_t n);
/* The bytes as a C string ("" when empty); valid until the next change. */
const char *buf_str(const struct buf *);
/* Hands the bytes (a new C string, never NULL) to the caller; empties b. */
char	*buf_steal(struct buf *, size_t *len);

#endif
