#include "kiosk-pin.h"

#include <crypt.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

/*
 * The shortest hash part any method libxcrypt offers today writes
 * (md5crypt's 22 characters); a setting without one ("$y$j9T$") is not a
 * hash.
 */
#define KIOSK_PIN_HASH_PART_MIN	22

int
kiosk_pin_acceptable(const char *pin, char **cause)
{
	size_t	len = strlen(pin), i;

	for (i = 0; i < len; i++) {
		if ((unsigned char)pin[i] <= ' ' ||
		    (unsigned char)pin[i] >= 0x7f) {
			xasprintf(cause, "a PIN may only have letters, digits "
			    "and punctuation (ASCII): no spaces, no control "
			    "characters");
			return (-1);
		}
	}
	if (len < KIOSK_PIN_MIN) {
		xasprintf(cause, "a PIN needs at least %d characters",
		    KIOSK_PIN_MIN);
		return (-1);
	}
	if (len > KIOSK_PIN_MAX) {
		xasprintf(cause, "a PIN has at most %d characters",
		    KIOSK_PIN_MAX);
		return (-1);
	}
	return (0);
}

int
kiosk_pin_is_hash(const char *s)
{
	const char	*part, *p;
	int		 fields = 0;

	if (s == NULL || *s != '$' || crypt_checksalt(s) != CRYPT_SALT_OK)
		return (0);
	/*
	 * Every method has its name, a setting and a hash: $1$SALT$HASH,
	 * $2b$COST$SALTHASH.  yescrypt's setting is two fields, so its
	 * setting alone ($y$j9T$SALT) would pass for a hash without this.
	 */
	for (p = s; (p = strchr(p, '$')) != NULL; p++)
		fields++;
	if (fields < 3 || ((strncmp(s, "$y$", 3) == 0 ||
	    strncmp(s, "$gy$", 4) == 0) && fields != 4))
		return (0);
	part = strrchr(s, '$') + 1;
	return (strlen(part) >= KIOSK_PIN_HASH_PART_MIN &&
	    strspn(part, "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz") == strlen(part));
}

char *
kiosk_pin_hash(const char *pin, char **cause)
{
	struct crypt_data	*data;
	const char		*out;
	char			*setting, *hash = NULL;

	if (kiosk_pin_acceptable(pin, cause) != 0)
		return (NULL);
	errno = 0;
	if ((setting = crypt_gensalt_ra("$y$", 0, NULL, 0)) == NULL) {
		xasprintf(cause, "cannot make a salt for the PIN's hash: %s",
		    errno != 0 ? strerror(errno) : "yescrypt is not available");
		return (NULL);
	}
	data = xcalloc(1, sizeof *data);
	errno = 0;
	out = crypt_rn(pin, setting, data, sizeof *data);
	if (out == NULL || !kiosk_pin_is_hash(out))
		xasprintf(cause, "cannot hash the PIN: %s", errno != 0 ?
		    strerror(errno) : "crypt failed");
	else
		hash = xstrdup(out);
	/* crypt's work area held the PIN. */
	explicit_bzero(data, sizeof *data);
	free(data);
	free(setting);
	return (hash);
}

int
kiosk_pin_check(const char *hash, const char *pin)
{
	struct crypt_data	*data;
	const char		*out;
	size_t			 len, i;
	unsigned char		 diff = 0;
	int			 match = 0;

	if (hash == NULL || pin == NULL || !kiosk_pin_is_hash(hash))
		return (0);
	data = xcalloc(1, sizeof *data);
	out = crypt_rn(pin, hash, data, sizeof *data);
	/*
	 * The length says which method made the hash, which the hash says
	 * anyway; past it every byte is looked at, whatever differs.
	 */
	if (out != NULL && *out != '*' && (len = strlen(out)) ==
	    strlen(hash)) {
		for (i = 0; i < len; i++)
			diff |= (unsigned char)(out[i] ^ hash[i]);
		match = diff == 0;
	}
	explicit_bzero(data, sizeof *data);
	free(data);
	return (match);
}
