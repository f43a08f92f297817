/*
 * Latencies of one kind, in milliseconds, and the wall time they took
 * together: what bench-kiosk reports as a rate and percentiles.
 */
#ifndef EVTOP_BENCH_SAMPLES_H
#define EVTOP_BENCH_SAMPLES_H

#include <stddef.h>

struct samples {
	double	*v;
	size_t	 n;
	size_t	 max;
	double	 wall;		/* ms they took, back to back */
	size_t	 odd;		/* results not the expected one */
};

void	samples_init(struct samples *, size_t max);
void	samples_done(struct samples *);
/* Adds one latency (dropped past max). */
void	samples_add(struct samples *, double ms);
/* The q-th quantile (0 to 1, nearest rank); 0 when empty. */
double	samples_quantile(struct samples *, double q);
/* How many took at most ms. */
size_t	samples_within(const struct samples *, double ms);
/* Samples a second of wall time; 0 without wall time. */
double	samples_rate(const struct samples *);

#endif
