/*
 * A guest as a form, a JSON body or a CSV row gives it: trimmed, checked
 * field by field, each problem a sentence that names the field.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "guests.h"
#include "utf8.h"
#include "xmalloc.h"

static const char *const guests_rsvp_statuses[] = {
	"pending", "accepted", "declined", "waitlisted"
};

/* CSV header names (any case) and the field each one fills. */
static const struct {
	const char	*header;
	const char	*field;
} guests_headers[] = {
	{ "name", "name" },
	{ "full name", "name" },
	{ "email", "email" },
	{ "e-mail", "email" },
	{ "phone", "phone" },
	{ "notes", "notes" },
	{ "rsvp_status", "rsvp_status" },
	{ "rsvp", "rsvp_status" },
};

int
guests_rsvp_valid(const char *s)
{
	size_t	i;

	for (i = 0; i < sizeof guests_rsvp_statuses /
	    sizeof guests_rsvp_statuses[0]; i++) {
		if (strcmp(s, guests_rsvp_statuses[i]) == 0)
			return (1);
	}
	return (0);
}

/*
 * The number of characters in s when it is valid UTF-8 (no overlong forms,
 * no surrogates) without control characters other than those in allow;
 * else -1.
 */
static long
guests_text_len(const char *s, const char *allow)
{
	size_t		len = strlen(s), k;
	uint32_t	c;
	long		n = 0;

	while (len > 0) {
		if ((k = utf8_decode(s, len, &c)) == 0)
			return (-1);
		if ((c < 0x20 || c == 0x7f) && strchr(allow, (int)c) == NULL)
			return (-1);
		/* C1 controls are as invisible as C0 ones. */
		if (c >= 0x80 && c < 0xa0)
			return (-1);
		s += k;
		len -= k;
		n++;
	}
	return (n);
}

int
guests_email_plausible(const char *s)
{
	const unsigned char	*p, *at, *label, *tld = NULL;
	size_t			 len = strlen(s);
	int			 labels = 0, digits;

	if (len < 3 || len > GUESTS_EMAIL_MAX || guests_text_len(s, "") < 0)
		return (0);
	at = (const unsigned char *)strchr(s, '@');
	if (at == NULL || at == (const unsigned char *)s ||
	    strchr((const char *)at + 1, '@') != NULL ||
	    at - (const unsigned char *)s > 64)
		return (0);
	for (p = (const unsigned char *)s; p < at; p++) {
		if (*p <= ' ' || strchr("\"(),:;<>[\\]", *p) != NULL)
			return (0);
		if (*p == '.' && (p == (const unsigned char *)s ||
		    p + 1 == at || p[1] == '.'))
			return (0);
	}
	label = at + 1;
	for (p = label;; p++) {
		if (*p == '.' || *p == '\0') {
			if (p == label || p - label > 63 || *label == '-' ||
			    p[-1] == '-')
				return (0);
			labels++;
			tld = label;
			if (*p == '\0')
				break;
			label = p + 1;
		} else if (!isalnum(*p) && *p != '-' && *p < 0x80)
			return (0);
	}
	/* A top-level domain: two characters at least, not a number. */
	if (labels < 2 || strlen((const char *)tld) < 2)
		return (0);
	digits = 1;
	for (p = tld; *p != '\0'; p++) {
		if (!isdigit(*p))
			digits = 0;
	}
	return (!digits);
}

static char *
guests_trim_dup(const char *s)
{
	size_t	len;

	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	len = strlen(s);
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
	    s[len - 1] == '\r' || s[len - 1] == '\n'))
		len--;
	return (xstrndup(s, len));
}

/* The member of in that field names, or NULL. */
static char **
guests_input_slot(struct guest_input *in, const char *field)
{
	if (strcmp(field, "name") == 0)
		return (&in->name);
	if (strcmp(field, "email") == 0)
		return (&in->email);
	if (strcmp(field, "phone") == 0)
		return (&in->phone);
	if (strcmp(field, "notes") == 0)
		return (&in->notes);
	if (strcmp(field, "rsvp_status") == 0)
		return (&in->rsvp_status);
	return (NULL);
}

const char *
guests_field(const char *header)
{
	char	*h;
	size_t	 i;

	h = guests_trim_dup(header);
	for (i = 0; i < sizeof guests_headers / sizeof guests_headers[0];
	    i++) {
		if (strcasecmp(h, guests_headers[i].header) == 0) {
			free(h);
			return (guests_headers[i].field);
		}
	}
	free(h);
	return (NULL);
}

void
guests_input_set(struct guest_input *in, const char *field,
    const char *value)
{
	char	**slot;

	if ((slot = guests_input_slot(in, field)) == NULL)
		return;
	free(*slot);
	*slot = guests_trim_dup(value);
}

static void
guests_error_add(json_t *errors, const char *field, const char *message)
{
	json_array_append_new(errors, json_pack("{ss ss}", "field", field,
	    "message", message));
}

json_t *
guests_input_from_json(struct guest_input *in, const json_t *obj)
{
	static const char *const fields[] = {
		"name", "email", "phone", "notes", "rsvp_status"
	};
	json_t	*errors = NULL, *v;
	char	 message[64];
	size_t	 i;

	for (i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		v = json_object_get(obj, fields[i]);
		if (v == NULL || json_is_null(v))
			continue;
		if (!json_is_string(v)) {
			if (errors == NULL)
				errors = json_array();
			snprintf(message, sizeof message,
			    "%s must be a string", fields[i]);
			guests_error_add(errors, fields[i], message);
			continue;
		}
		guests_input_set(in, fields[i], json_string_value(v));
	}
	return (errors);
}

void
guests_input_done(struct guest_input *in)
{
	free(in->name);
	free(in->email);
	free(in->phone);
	free(in->notes);
	free(in->rsvp_status);
	memset(in, 0, sizeof *in);
}

static int
guests_phone_valid(const char *s)
{
	int	digits = 0;

	for (; *s != '\0'; s++) {
		if (isdigit((unsigned char)*s))
			digits++;
		else if (strchr(" +-()./x", *s) == NULL)
			return (0);
	}
	return (digits > 0);
}

json_t *
guests_input_check(const struct guest_input *in, int partial)
{
	json_t	*errors;
	long	 n;

	errors = json_array();
	if (in->name != NULL || !partial) {
		n = in->name != NULL ? guests_text_len(in->name, "") : 0;
		if (n == 0)
			guests_error_add(errors, "name", "name is required");
		else if (n < 0)
			guests_error_add(errors, "name",
			    "name must be plain text on one line");
		else if (n > GUESTS_NAME_MAX)
			guests_error_add(errors, "name",
			    "name must be at most 255 characters");
	}
	if (in->email != NULL || !partial) {
		if (in->email == NULL || *in->email == '\0')
			guests_error_add(errors, "email", "email is required");
		else if (!guests_email_plausible(in->email))
			guests_error_add(errors, "email", "email must be an "
			    "address like name@example.com");
	}
	if (in->phone != NULL && *in->phone != '\0' &&
	    (strlen(in->phone) > GUESTS_PHONE_MAX ||
	    !guests_phone_valid(in->phone)))
		guests_error_add(errors, "phone", "phone must be at most 40 "
		    "digits, spaces and + - ( ) . / x");
	if (in->notes != NULL) {
		n = guests_text_len(in->notes, "\t\r\n");
		if (n < 0)
			guests_error_add(errors, "notes",
			    "notes must be plain text");
		else if (n > GUESTS_NOTES_MAX)
			guests_error_add(errors, "notes",
			    "notes must be at most 1000 characters");
	}
	if (in->rsvp_status != NULL && !guests_rsvp_valid(in->rsvp_status))
		guests_error_add(errors, "rsvp_status", "rsvp_status must be "
		    "pending, accepted, declined or waitlisted");
	if (json_array_size(errors) == 0) {
		json_decref(errors);
		return (NULL);
	}
	return (errors);
}
