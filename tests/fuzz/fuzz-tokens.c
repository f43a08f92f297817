/*
 * Fuzz target: the two readers of sign-in tokens on disk.  The input is
 * written with mode 0600 as a --token-file (a mkstemp file) and as the
 * stored token of one server, under a private XDG_STATE_HOME made once per
 * run, and read back by tokens_read_file and tokens_load, the real readers
 * with their own open, checks and read.  A token they hand back is the
 * file's token and nothing else: for --token-file the file is blanks, the
 * token, blanks; for a stored token the JSON's "token" string, whole.
 */
#include <fcntl.h>
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tokens.h"
#include "xmalloc.h"

#define FUZZ_SERVER	"https://events.example.com"
#define FUZZ_BLANKS	" \t\r\n"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static char	*fuzz_dir;	/* HOME and XDG_STATE_HOME */
static char	*fuzz_stored;	/* FUZZ_SERVER's stored token file */

/* Leaves no folder behind once the run ends. */
static void
fuzz_cleanup(void)
{
	char	*p;

	unlink(fuzz_stored);
	xasprintf(&p, "%s/evtop/tokens", fuzz_dir);
	rmdir(p);
	free(p);
	xasprintf(&p, "%s/evtop", fuzz_dir);
	rmdir(p);
	free(p);
	rmdir(fuzz_dir);
	free(fuzz_stored);
	free(fuzz_dir);
}

static void
fuzz_setup(void)
{
	char	 tmpl[] = "/tmp/evtop-fuzz-tokens-XXXXXX", *cause = NULL;

	if (mkdtemp(tmpl) == NULL)
		abort();
	fuzz_dir = xstrdup(tmpl);
	setenv("HOME", fuzz_dir, 1);
	setenv("XDG_STATE_HOME", fuzz_dir, 1);
	if ((fuzz_stored = tokens_path(FUZZ_SERVER, 1, &cause)) == NULL)
		abort();
	atexit(fuzz_cleanup);
}

static void
fuzz_write(int fd, const uint8_t *data, size_t size)
{
	size_t	off = 0;
	ssize_t	n;

	if (fchmod(fd, 0600) != 0)
		abort();
	while (off < size) {
		if ((n = write(fd, data + off, size - off)) <= 0)
			abort();
		off += (size_t)n;
	}
	if (close(fd) != 0)
		abort();
}

/* A refusal is one sentence of plain text. */
static void
fuzz_check_cause(const char *cause)
{
	const unsigned char	*p;

	if (cause == NULL)
		abort();
	for (p = (const unsigned char *)cause; *p != '\0'; p++) {
		if (*p < 0x20 || *p == 0x7f)
			abort();
	}
}

/* --token-file: blanks, the token, blanks, and no other byte. */
static void
fuzz_token_file(const uint8_t *data, size_t size)
{
	const char	*text = (const char *)data;
	char		*path, *token = NULL, *cause = NULL;
	size_t		 off = 0, len;
	int		 fd;

	xasprintf(&path, "%s/token-XXXXXX", fuzz_dir);
	if ((fd = mkstemp(path)) == -1)
		abort();
	fuzz_write(fd, data, size);
	if (tokens_read_file(path, &token, &cause) == 0) {
		if (cause != NULL || !tokens_plausible(token))
			abort();
		while (off < size && strchr(FUZZ_BLANKS, text[off]) != NULL &&
		    text[off] != '\0')
			off++;
		len = strlen(token);
		if (len > size - off || memcmp(text + off, token, len) != 0)
			abort();
		for (off += len; off < size; off++) {
			if (text[off] == '\0' ||
			    strchr(FUZZ_BLANKS, text[off]) == NULL)
				abort();
		}
		free(token);
	} else {
		if (token != NULL)
			abort();
		fuzz_check_cause(cause);
		free(cause);
	}
	unlink(path);
	free(path);
}

/* A stored token: what jansson reads in the whole file, or nothing. */
static void
fuzz_stored_token(const uint8_t *data, size_t size)
{
	struct stored_token	 st;
	json_t			*j, *tok;
	const unsigned char	*p;
	char			*cause = NULL;
	int			 fd;

	fd = open(fuzz_stored, O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC, 0600);
	if (fd == -1)
		abort();
	fuzz_write(fd, data, size);
	switch (tokens_load(FUZZ_SERVER, &st, &cause)) {
	case 1:
		if (strcmp(st.server, FUZZ_SERVER) != 0 ||
		    !tokens_plausible(st.token))
			abort();
		j = json_loadb((const char *)data, size, 0, NULL);
		tok = json_object_get(j, "token");
		if (!json_is_string(tok) ||
		    json_string_length(tok) != strlen(st.token) ||
		    strcmp(json_string_value(tok), st.token) != 0)
			abort();
		json_decref(j);
		/* evtop info prints the user. */
		for (p = (const unsigned char *)st.user; p != NULL &&
		    *p != '\0'; p++) {
			if (*p < 0x20 || *p == 0x7f)
				abort();
		}
		stored_token_done(&st);
		break;
	case 0:
		/* None, or a damaged one that was forgotten. */
		if (st.token != NULL)
			abort();
		break;
	default:
		fuzz_check_cause(cause);
		free(cause);
		break;
	}
	unlink(fuzz_stored);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const unsigned char	*p;
	char			*text;

	if (fuzz_dir == NULL)
		fuzz_setup();
	fuzz_token_file(data, size);
	fuzz_stored_token(data, size);

	/*
	 * EVTOP_TOKEN is checked as a string; one that passes goes into an
	 * Authorization header, where a blank or a CR would be trouble.
	 */
	text = xmalloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	if (tokens_plausible(text)) {
		for (p = (const unsigned char *)text; *p != '\0'; p++) {
			if (*p <= 0x20 || *p >= 0x7f)
				abort();
		}
	}
	free(text);
	return (0);
}
