#include "fault.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

struct fault {
	struct fault_spec	spec;
	uint64_t		rng;
};

static int	fault_set_latency(struct fault_spec *, const char *, char **);
static int	fault_set_error_rate(struct fault_spec *, const char *,
		    char **);
static int	fault_set_drop_ws(struct fault_spec *, const char *, char **);

/* The faults there are; --help and the error sentences name them. */
static const struct {
	const char	*name;
	int		(*set)(struct fault_spec *, const char *, char **);
} fault_kinds[] = {
	{ "latency", fault_set_latency },
	{ "error-rate", fault_set_error_rate },
	{ "drop-ws", fault_set_drop_ws },
};

#define FAULT_KNOWN "latency=MS, error-rate=P or drop-ws=SECONDS"

/* A whole number from min to max, or -1 with *cause. */
static int
fault_number(const char *name, const char *value, unsigned long min,
    unsigned long max, const char *unit, unsigned *out, char **cause)
{
	char		*end;
	unsigned long	 n;

	errno = 0;
	n = strtoul(value, &end, 10);
	if (*value < '0' || *value > '9' || *end != '\0' || errno != 0 ||
	    n < min || n > max) {
		xasprintf(cause, "--fault %s wants a whole number of %s from "
		    "%lu to %lu, not \"%s\"", name, unit, min, max, value);
		return (-1);
	}
	*out = (unsigned)n;
	return (0);
}

static int
fault_set_latency(struct fault_spec *spec, const char *value, char **cause)
{
	return (fault_number("latency", value, 0, FAULT_LATENCY_MAX,
	    "milliseconds", &spec->latency_ms, cause));
}

static int
fault_set_drop_ws(struct fault_spec *spec, const char *value, char **cause)
{
	return (fault_number("drop-ws", value, 1, FAULT_DROP_WS_MAX,
	    "seconds", &spec->drop_ws, cause));
}

static int
fault_set_error_rate(struct fault_spec *spec, const char *value,
    char **cause)
{
	char	*end;
	double	 p;

	errno = 0;
	p = strtod(value, &end);
	if (((*value < '0' || *value > '9') && *value != '.') ||
	    *end != '\0' || errno != 0 || !(p >= 0 && p <= 1)) {
		xasprintf(cause, "--fault error-rate wants a fraction from 0 "
		    "to 1, like 0.05, not \"%s\"", value);
		return (-1);
	}
	spec->error_rate = p;
	return (0);
}

int
fault_parse(const char *list, struct fault_spec *spec, char **cause)
{
	struct fault_spec	 next = *spec;
	char			*copy, *part, *rest, *value;
	size_t			 i;
	int			 rc = -1;

	copy = rest = xstrdup(list);
	if (*list == '\0') {
		xasprintf(cause, "--fault wants a list of " FAULT_KNOWN);
		goto out;
	}
	while ((part = strsep(&rest, ",")) != NULL) {
		if (*part == '\0') {
			xasprintf(cause, "--fault has an empty part in \"%s\": "
			    "separate " FAULT_KNOWN " with single commas",
			    list);
			goto out;
		}
		if ((value = strchr(part, '=')) == NULL) {
			xasprintf(cause, "--fault \"%s\" has no value: write "
			    FAULT_KNOWN, part);
			goto out;
		}
		*value++ = '\0';
		for (i = 0; i < sizeof fault_kinds / sizeof fault_kinds[0];
		    i++) {
			if (strcmp(part, fault_kinds[i].name) == 0)
				break;
		}
		if (i == sizeof fault_kinds / sizeof fault_kinds[0]) {
			xasprintf(cause, "--fault does not know \"%s\": the "
			    "faults are " FAULT_KNOWN, part);
			goto out;
		}
		if (fault_kinds[i].set(&next, value, cause) != 0)
			goto out;
	}
	*spec = next;
	rc = 0;
out:
	free(copy);
	return (rc);
}

struct fault *
fault_new(const struct fault_spec *spec, uint64_t seed)
{
	struct fault	*f;

	if (spec->latency_ms == 0 && spec->error_rate == 0 &&
	    spec->drop_ws == 0)
		return (NULL);
	f = xcalloc(1, sizeof *f);
	f->spec = *spec;
	f->rng = seed != 0 ? seed : 0x9e3779b97f4a7c15ULL;
	return (f);
}

void
fault_free(struct fault *f)
{
	free(f);
}

unsigned
fault_latency_ms(const struct fault *f)
{
	return (f != NULL ? f->spec.latency_ms : 0);
}

unsigned
fault_drop_ws(const struct fault *f)
{
	return (f != NULL ? f->spec.drop_ws : 0);
}

/* xorshift64*: plenty for coin tosses, and the same run twice with a seed. */
static double
fault_random(struct fault *f)
{
	uint64_t	x = f->rng;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	f->rng = x;
	return ((double)((x * 0x2545f4914f6cdd1dULL) >> 11) /
	    (double)(1ULL << 53));
}

int
fault_draw_error(struct fault *f)
{
	if (f == NULL || f->spec.error_rate <= 0)
		return (0);
	if (fault_random(f) >= f->spec.error_rate)
		return (0);
	return (fault_random(f) < 0.5 ? 500 : 503);
}
