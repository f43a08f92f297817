#include "bench-ws.h"

#include <openssl/evp.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xmalloc.h"

/* RFC 6455, section 1.3: appended to the key before hashing. */
static const char bench_ws_guid[] = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

static void
bench_ws_accept(const char *key, char accept[BENCH_WS_ACCEPT_LEN])
{
	unsigned char	 md[EVP_MAX_MD_SIZE];
	unsigned int	 mdlen = 0;
	char		*text;

	xasprintf(&text, "%s%s", key, bench_ws_guid);
	EVP_Digest(text, strlen(text), md, &mdlen, EVP_sha1(), NULL);
	free(text);
	EVP_EncodeBlock((unsigned char *)accept, md, (int)mdlen);
}

char *
bench_ws_request(const char *host, const char *path,
    char accept[BENCH_WS_ACCEPT_LEN])
{
	unsigned char	 raw[16];
	char		 key[32], *req;

	if (RAND_bytes(raw, sizeof raw) != 1) {
		fprintf(stderr, "bench-ws: no random bytes for a key\n");
		exit(1);
	}
	EVP_EncodeBlock((unsigned char *)key, raw, sizeof raw);
	bench_ws_accept(key, accept);
	xasprintf(&req, "GET %s HTTP/1.1\r\nHost: %s\r\nUpgrade: websocket\r\n"
	    "Connection: Upgrade\r\nSec-WebSocket-Key: %s\r\n"
	    "Sec-WebSocket-Version: 13\r\n\r\n", path, host, key);
	return (req);
}

int
bench_ws_check_answer(const char *head, size_t len, const char *accept)
{
	const char	*p, *end = head + len, *v;
	size_t		 n = strlen("sec-websocket-accept:");

	if (len < 12 || strncmp(head, "HTTP/1.1 101", 12) != 0)
		return (-1);
	for (p = head; p < end; p++) {
		if (p[0] != '\n' || (size_t)(end - p - 1) < n ||
		    strncasecmp(p + 1, "sec-websocket-accept:", n) != 0)
			continue;
		for (v = p + 1 + n; v < end && *v == ' '; v++)
			;
		if ((size_t)(end - v) >= strlen(accept) &&
		    strncmp(v, accept, strlen(accept)) == 0)
			return (0);
		return (-1);
	}
	return (-1);
}

size_t
bench_ws_frame(unsigned char *out, int opcode, const void *payload,
    size_t len, uint32_t mask)
{
	const unsigned char	*in = payload;
	unsigned char		 key[4];
	size_t			 h = 0, i;

	out[h++] = (unsigned char)(0x80 | (opcode & 0x0f));
	if (len < 126)
		out[h++] = (unsigned char)(0x80 | len);
	else if (len <= 0xffff) {
		out[h++] = 0x80 | 126;
		out[h++] = (unsigned char)(len >> 8);
		out[h++] = (unsigned char)len;
	} else {
		out[h++] = 0x80 | 127;
		for (i = 0; i < 8; i++)
			out[h++] = (unsigned char)((uint64_t)len >>
			    (56 - 8 * i));
	}
	key[0] = (unsigned char)(mask >> 24);
	key[1] = (unsigned char)(mask >> 16);
	key[2] = (unsigned char)(mask >> 8);
	key[3] = (unsigned char)mask;
	memcpy(out + h, key, 4);
	h += 4;
	for (i = 0; i < len; i++)
		out[h + i] = in[i] ^ key[i % 4];
	return (h + len);
}

ssize_t
bench_ws_parse(unsigned char *buf, size_t len, struct bench_ws_frame *f)
{
	uint64_t	n;
	size_t		h = 2, i;
	int		masked;

	if (len < 2)
		return (0);
	f->fin = (buf[0] & 0x80) != 0;
	f->opcode = buf[0] & 0x0f;
	masked = (buf[1] & 0x80) != 0;
	n = buf[1] & 0x7f;
	if (n == 126) {
		if (len < 4)
			return (0);
		n = ((uint64_t)buf[2] << 8) | buf[3];
		h = 4;
	} else if (n == 127) {
		if (len < 10)
			return (0);
		for (n = 0, i = 0; i < 8; i++)
			n = (n << 8) | buf[2 + i];
		h = 10;
	}
	if (n > (64u << 20))
		return (-1);
	if (masked)
		h += 4;
	if (len < h + n)
		return (0);
	f->payload = buf + h;
	f->len = (size_t)n;
	if (masked) {
		for (i = 0; i < f->len; i++)
			f->payload[i] ^= buf[h - 4 + i % 4];
	}
	return ((ssize_t)(h + n));
}
