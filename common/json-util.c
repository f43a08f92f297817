#include "json-util.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

const char *
json_util_string(const json_t *obj, const char *key)
{
	const json_t	*v;

	if (!json_is_object(obj))
		return (NULL);
	v = json_object_get(obj, key);
	if (!json_is_string(v))
		return (NULL);
	return (json_string_value(v));
}

static int
json_util_digits(const char *s, int64_t *out)
{
	const char	*p = s;
	char		*end;
	long long	 n;

	while (*p == ' ')
		p++;
	if (*p == '-')
		p++;
	if (!isdigit((unsigned char)*p))
		return (-1);
	errno = 0;
	n = strtoll(s, &end, 10);
	if (errno != 0)
		return (-1);
	while (*end == ' ')
		end++;
	if (*end != '\0')
		return (-1);
	*out = n;
	return (0);
}

int
json_util_value_count(const json_t *v, int64_t *out)
{
	double	d;

	if (json_is_integer(v)) {
		*out = json_integer_value(v);
		return (0);
	}
	if (json_is_real(v)) {
		d = json_real_value(v);
		if (!isfinite(d) || d != floor(d) || fabs(d) > 9.0e15)
			return (-1);
		*out = (int64_t)d;
		return (0);
	}
	if (json_is_string(v))
		return (json_util_digits(json_string_value(v), out));
	return (-1);
}

int
json_util_count(const json_t *obj, const char *key, int64_t *out,
    char **cause)
{
	const json_t	*v;

	v = json_is_object(obj) ? json_object_get(obj, key) : NULL;
	if (v == NULL || json_is_null(v))
		return (1);
	if (json_util_value_count(v, out) != 0) {
		if (cause != NULL)
			xasprintf(cause, "field \"%s\" should be a whole number",
			    key);
		return (-1);
	}
	return (0);
}

static int
json_util_fixed(const char **pp, int ndigits, int *out)
{
	const char	*p = *pp;
	int		 i, n = 0;

	for (i = 0; i < ndigits; i++) {
		if (!isdigit((unsigned char)p[i]))
			return (-1);
		n = n * 10 + (p[i] - '0');
	}
	*pp = p + ndigits;
	*out = n;
	return (0);
}

int
json_util_parse_time(const char *s, time_t *out)
{
	struct tm	 tm;
	const char	*p = s;
	int		 y, mo, d, h = 0, mi = 0, sec = 0, oh = 0, om = 0, sign;
	time_t		 t;

	if (s == NULL)
		return (-1);
	if (json_util_fixed(&p, 4, &y) != 0 || *p++ != '-' ||
	    json_util_fixed(&p, 2, &mo) != 0 || *p++ != '-' ||
	    json_util_fixed(&p, 2, &d) != 0)
		return (-1);
	if (*p == 'T' || *p == 't' || *p == ' ') {
		p++;
		if (json_util_fixed(&p, 2, &h) != 0 || *p++ != ':' ||
		    json_util_fixed(&p, 2, &mi) != 0)
			return (-1);
		if (*p == ':') {
			p++;
			if (json_util_fixed(&p, 2, &sec) != 0)
				return (-1);
		}
		if (*p == '.' || *p == ',') {
			p++;
			if (!isdigit((unsigned char)*p))
				return (-1);
			while (isdigit((unsigned char)*p))
				p++;
		}
		if (*p == 'Z' || *p == 'z')
			p++;
		else if (*p == '+' || *p == '-') {
			sign = (*p++ == '-') ? -1 : 1;
			if (json_util_fixed(&p, 2, &oh) != 0)
				return (-1);
			if (*p == ':')
				p++;
			if (*p != '\0' && json_util_fixed(&p, 2, &om) != 0)
				return (-1);
			oh *= sign;
			om *= sign;
		}
	}
	if (*p != '\0')
		return (-1);
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 ||
	    sec > 60 || oh < -23 || oh > 23 || om < -59 || om > 59)
		return (-1);

	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	t = timegm(&tm);
	if (t == (time_t)-1 || tm.tm_mday != d)
		return (-1);	/* 31 February and friends */
	*out = t - (time_t)oh * 3600 - (time_t)om * 60;
	return (0);
}

void
json_util_format_time(time_t t, char *buf, size_t len)
{
	struct tm	tm;

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(buf, len, "?");
}

json_t *
json_util_load(const char *buf, size_t len, char **cause)
{
	json_error_t	 err;
	json_t		*j;

	j = json_loadb(buf, len, 0, &err);
	if (j == NULL && cause != NULL)
		xasprintf(cause, "invalid JSON at line %d column %d: %s",
		    err.line, err.column, err.text);
	return (j);
}

json_t *
json_util_vformat(const char *fallback, const char *fmt, va_list ap)
{
	char	*msg;
	json_t	*s;

	xvasprintf(&msg, fmt, ap);
	if ((s = json_string(msg)) == NULL)
		s = json_string(fallback);
	free(msg);
	if (s == NULL)
		abort();	/* only out of memory */
	return (s);
}
