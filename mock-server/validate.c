#include "validate.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"
#include "utf8.h"
#include "json-util.h"
#include "xmalloc.h"

void
validate_error(json_t *errors, const char *field, const char *fmt, ...)
{
	va_list	 ap;
	json_t	*s;

	va_start(ap, fmt);
	s = json_util_vformat("is not valid", fmt, ap);
	va_end(ap);
	json_array_append_new(errors, json_pack("{ss so}", "field", field,
	    "message", s));
}

void
validate_reply(struct http_req *req, json_t *errors)
{
	http_reply_json(req, 400, json_pack("{ss so}", "message",
	    "Validation failed", "errors", errors));
}

void
validate_reply_field(struct http_req *req, const char *field,
    const char *fmt, ...)
{
	va_list	 ap;
	json_t	*s;

	va_start(ap, fmt);
	s = json_util_vformat("Validation failed", fmt, ap);
	va_end(ap);
	http_reply_json(req, 400, json_pack("{sO s[{ss sO}]}", "message", s,
	    "errors", "field", field, "message", s));
	json_decref(s);
}

static int
validate_space(char c)
{
	return (c == ' ' || c == '\t' || c == '\n' || c == '\r');
}

int
validate_text(json_t *errors, const json_t *body, const char *field,
    const char *label, size_t min, size_t max, int required, char **out)
{
	const json_t	*v;
	const char	*s;
	size_t		 len, n;

	*out = NULL;
	v = json_object_get(body, field);
	if (v == NULL || json_is_null(v)) {
		if (!required)
			return (0);
		validate_error(errors, field, "%s is required", label);
		return (-1);
	}
	if (!json_is_string(v)) {
		validate_error(errors, field, "%s must be a string", label);
		return (-1);
	}
	s = json_string_value(v);
	while (validate_space(*s))
		s++;
	len = strlen(s);
	while (len > 0 && validate_space(s[len - 1]))
		len--;
	*out = xstrndup(s, len);
	n = utf8_length(*out);
	if (n >= min && n <= max)
		return (1);
	free(*out);
	*out = NULL;
	if (n == 0)
		validate_error(errors, field, "%s cannot be empty", label);
	else if (n < min)
		validate_error(errors, field,
		    "%s must be at least %zu characters long", label, min);
	else
		validate_error(errors, field,
		    "%s must be at most %zu characters long", label, max);
	return (-1);
}

int
validate_email(const char *s)
{
	const char	*at, *dot, *p;

	if ((at = strchr(s, '@')) == NULL || at == s ||
	    strchr(at + 1, '@') != NULL)
		return (0);
	for (p = s; *p != '\0'; p++) {
		if ((unsigned char)*p <= ' ' || *p == 0x7f)
			return (0);
	}
	/* A dot inside the domain, not at either end, never two in a row. */
	dot = strchr(at + 1, '.');
	if (dot == NULL || at[1] == '.' || p[-1] == '.' ||
	    strstr(at, "..") != NULL)
		return (0);
	return (1);
}
