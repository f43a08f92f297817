#include "metrics.h"

#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

#define METRICS_METHODS	(HTTP_OTHER + 1)
#define METRICS_CLASSES	5		/* 1xx .. 5xx */

/* Upper bounds of the latency buckets, in seconds; +Inf follows. */
static const double metrics_bounds[] = {
	0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
	1, 2.5, 5, 10
};
#define METRICS_NBOUNDS	(sizeof metrics_bounds / sizeof metrics_bounds[0])

static const struct {
	const char	*name;
	const char	*help;
	const char	*label;		/* NULL: a metric of its own */
} metrics_events[METRICS_NEVENTS] = {
	[METRICS_RATE_LIMITED] = { "evtop_mock_http_rate_limited_total",
	    "Requests refused with 429 by --rate-limit.", NULL },
	[METRICS_FAULT_ERROR] = { "evtop_mock_faults_total",
	    "Faults injected by --fault.", "kind=\"error\"" },
	[METRICS_FAULT_WS_DROP] = { "evtop_mock_faults_total",
	    "Faults injected by --fault.", "kind=\"drop_ws\"" },
	[METRICS_IDEMPOTENT_REPLAY] = {
	    "evtop_mock_http_idempotent_replays_total",
	    "Writes answered from a stored Idempotency-Key answer.", NULL },
};

struct metrics {
	uint64_t	requests[METRICS_METHODS][METRICS_CLASSES];
	uint64_t	buckets[METRICS_NBOUNDS + 1];	/* not cumulative */
	double		seconds;
	uint64_t	count;
	uint64_t	events[METRICS_NEVENTS];
};

struct metrics *
metrics_new(void)
{
	return (xcalloc(1, sizeof (struct metrics)));
}

void
metrics_free(struct metrics *mt)
{
	free(mt);
}

void
metrics_request(struct metrics *mt, enum http_method method, int status,
    double seconds)
{
	size_t	i;
	int	class;

	if (mt == NULL)
		return;
	if ((unsigned)method >= METRICS_METHODS)
		method = HTTP_OTHER;
	class = status / 100 - 1;
	if (class < 0 || class >= METRICS_CLASSES)
		class = 4;
	mt->requests[method][class]++;
	if (seconds < 0)
		seconds = 0;
	for (i = 0; i < METRICS_NBOUNDS; i++) {
		if (seconds <= metrics_bounds[i])
			break;
	}
	mt->buckets[i]++;
	mt->seconds += seconds;
	mt->count++;
}

void
metrics_count(struct metrics *mt, enum metrics_event ev)
{
	if (mt != NULL && ev < METRICS_NEVENTS)
		mt->events[ev]++;
}

uint64_t
metrics_get(const struct metrics *mt, enum metrics_event ev)
{
	return (mt != NULL && ev < METRICS_NEVENTS ? mt->events[ev] : 0);
}

uint64_t
metrics_requests(const struct metrics *mt)
{
	return (mt != NULL ? mt->count : 0);
}

void
metrics_write_gauge(FILE *f, const char *name, const char *help,
    double value)
{
	fprintf(f, "# HELP %s %s\n# TYPE %s gauge\n%s %.17g\n", name, help,
	    name, name, value);
}

void
metrics_write_counter(FILE *f, const char *name, const char *help,
    uint64_t value)
{
	fprintf(f, "# HELP %s %s\n# TYPE %s counter\n%s %llu\n", name, help,
	    name, name, (unsigned long long)value);
}

static void
metrics_write_requests(const struct metrics *mt, FILE *f)
{
	const char	*name = "evtop_mock_http_requests_total";
	int		 m, c;

	fprintf(f, "# HELP %s HTTP requests answered, by method and status "
	    "class.\n# TYPE %s counter\n", name, name);
	for (m = 0; m < METRICS_METHODS; m++) {
		for (c = 0; c < METRICS_CLASSES; c++) {
			if (mt->requests[m][c] == 0)
				continue;
			fprintf(f, "%s{method=\"%s\",code=\"%dxx\"} %llu\n",
			    name, http_method_name((enum http_method)m), c + 1,
			    (unsigned long long)mt->requests[m][c]);
		}
	}
}

static void
metrics_write_latency(const struct metrics *mt, FILE *f)
{
	const char	*name = "evtop_mock_http_request_duration_seconds";
	uint64_t	 sum = 0;
	size_t		 i;

	fprintf(f, "# HELP %s Time from a request's arrival to the last byte "
	    "of its answer.\n# TYPE %s histogram\n", name, name);
	for (i = 0; i < METRICS_NBOUNDS; i++) {
		sum += mt->buckets[i];
		fprintf(f, "%s_bucket{le=\"%g\"} %llu\n", name,
		    metrics_bounds[i], (unsigned long long)sum);
	}
	sum += mt->buckets[METRICS_NBOUNDS];
	fprintf(f, "%s_bucket{le=\"+Inf\"} %llu\n", name,
	    (unsigned long long)sum);
	fprintf(f, "%s_sum %.9f\n%s_count %llu\n", name, mt->seconds, name,
	    (unsigned long long)mt->count);
}

void
metrics_write(const struct metrics *mt, FILE *f)
{
	static const struct metrics	 none;
	const char			*last = NULL;
	size_t				 i;

	if (mt == NULL)
		mt = &none;
	metrics_write_requests(mt, f);
	metrics_write_latency(mt, f);
	for (i = 0; i < METRICS_NEVENTS; i++) {
		if (metrics_events[i].label == NULL) {
			metrics_write_counter(f, metrics_events[i].name,
			    metrics_events[i].help, mt->events[i]);
			continue;
		}
		/* Labelled series of one metric share one header. */
		if (last == NULL || strcmp(last, metrics_events[i].name) != 0)
			fprintf(f, "# HELP %s %s\n# TYPE %s counter\n",
			    metrics_events[i].name, metrics_events[i].help,
			    metrics_events[i].name);
		last = metrics_events[i].name;
		fprintf(f, "%s{%s} %llu\n", metrics_events[i].name,
		    metrics_events[i].label,
		    (unsigned long long)mt->events[i]);
	}
}
