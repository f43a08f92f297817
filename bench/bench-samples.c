#include "bench-samples.h"

#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

void
samples_init(struct samples *s, size_t max)
{
	memset(s, 0, sizeof *s);
	s->v = xcalloc(max > 0 ? max : 1, sizeof *s->v);
	s->max = max;
}

void
samples_done(struct samples *s)
{
	free(s->v);
	memset(s, 0, sizeof *s);
}

void
samples_add(struct samples *s, double ms)
{
	if (s->n < s->max)
		s->v[s->n++] = ms;
}

static int
samples_cmp(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return (x < y ? -1 : x > y);
}

double
samples_quantile(struct samples *s, double q)
{
	size_t	i;

	if (s->n == 0)
		return (0);
	/* Sorted in place: the order they came in is not reported. */
	qsort(s->v, s->n, sizeof *s->v, samples_cmp);
	i = (size_t)(q * (double)(s->n - 1) + 0.5);
	return (s->v[i]);
}

size_t
samples_within(const struct samples *s, double ms)
{
	size_t	i, n = 0;

	for (i = 0; i < s->n; i++)
		n += s->v[i] <= ms;
	return (n);
}

double
samples_rate(const struct samples *s)
{
	return (s->wall > 0 ? (double)s->n / (s->wall / 1e3) : 0);
}
