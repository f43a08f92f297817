#include "utf8.h"

size_t
utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 n, i;
	uint32_t		 v, min;

	if (len == 0)
		return (0);
	if (u[0] < 0x80) {
		*cp = u[0];
		return (1);
	}
	if (u[0] >= 0xc2 && u[0] <= 0xdf) {
		n = 2;
		v = u[0] & 0x1f;
		min = 0x80;
	} else if (u[0] >= 0xe0 && u[0] <= 0xef) {
		n = 3;
		v = u[0] & 0x0f;
		min = 0x800;
	} else if (u[0] >= 0xf0 && u[0] <= 0xf4) {
		n = 4;
		v = u[0] & 0x07;
		min = 0x10000;
	} else
		return (0);
	if (len < n)
		return (0);
	for (i = 1; i < n; i++) {
		if ((u[i] & 0xc0) != 0x80)
			return (0);
		v = (v << 6) | (u[i] & 0x3f);
	}
	if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return (0);
	*cp = v;
	return (n);
}

size_t
utf8_cut(const char *s, size_t max)
{
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	return (max);
}

size_t
utf8_length(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++) {
		/* Every byte but continuation bytes (10xxxxxx) starts one. */
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	}
	return (n);
}

size_t
utf8_encode(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return (1);
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return (2);
	}
	if ((cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return (0);
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return (3);
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return (4);
}
