/*
 * The PIN that leaves the kiosk station.  Only a hash of it is kept (the
 * config file's kiosk_pin), made with yescrypt through libxcrypt; the PIN
 * itself is never written anywhere, and copies of it are wiped.
 */
#ifndef EVTOP_KIOSK_PIN_H
#define EVTOP_KIOSK_PIN_H

#define KIOSK_PIN_MIN	4	/* characters */
#define KIOSK_PIN_MAX	64

/*
 * Whether pin may be a PIN: 4 to 64 letters, digits or punctuation (no
 * spaces, no control bytes, ASCII only, so any keyboard and the Linux
 * console type it alike).  Returns 0, or -1 with a sentence in *cause.
 */
int	 kiosk_pin_acceptable(const char *pin, char **cause);
/* A new yescrypt hash of pin, or NULL with a sentence in *cause. */
char	*kiosk_pin_hash(const char *pin, char **cause);
/*
 * 1 when pin matches hash, 0 otherwise: also for a NULL hash, one that is
 * not a hash libxcrypt knows, or a failure of crypt.  The comparison takes
 * the same time wherever the two differ.
 */
int	 kiosk_pin_check(const char *hash, const char *pin);
/*
 * 1 when s is a whole crypt hash libxcrypt knows (crypt_checksalt says
 * so, and it has a hash after its setting): what kiosk_pin may hold.
 */
int	 kiosk_pin_is_hash(const char *s);

#endif
