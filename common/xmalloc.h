/*
 * Allocation wrappers: they abort with a message when memory runs out, so
 * call sites never check for NULL.
 */
#ifndef EVTOP_XMALLOC_H
#define EVTOP_XMALLOC_H

#include <stdarg.h>
#include <stddef.h>

#define XMALLOC_ATTRS	__attribute__((malloc, returns_nonnull, \
			    warn_unused_result))

void	*xmalloc(size_t) XMALLOC_ATTRS __attribute__((alloc_size(1)));
void	*xcalloc(size_t, size_t) XMALLOC_ATTRS
	    __attribute__((alloc_size(1, 2)));
void	*xrealloc(void *, size_t) __attribute__((returns_nonnull,
	    warn_unused_result, alloc_size(2)));
void	*xreallocarray(void *, size_t, size_t) __attribute__((
	    returns_nonnull, warn_unused_result, alloc_size(2, 3)));
char	*xstrdup(const char *) XMALLOC_ATTRS __attribute__((nonnull));
char	*xstrndup(const char *, size_t) XMALLOC_ATTRS
	    __attribute__((nonnull));
/* Both return the length; *ret is always a new string. */
int	 xasprintf(char **ret, const char *, ...)
	    __attribute__((format(printf, 2, 3), nonnull(1, 2)));
int	 xvasprintf(char **ret, const char *, va_list)
	    __attribute__((format(printf, 2, 0), nonnull(1, 2)));

#endif
