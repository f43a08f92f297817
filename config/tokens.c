#include "tokens.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config-private.h"
#include "file.h"
#include "paths.h"
#include "url.h"
#include "xmalloc.h"

#define TOKENS_FILE_MAX		65536
#define TOKENS_TOKEN_MAX	16384

void
stored_token_done(struct stored_token *t)
{
	free(t->server);
	free(t->user);
	if (t->token != NULL) {
		explicit_bzero(t->token, strlen(t->token));
		free(t->token);
	}
	memset(t, 0, sizeof *t);
}

int
tokens_plausible(const char *s)
{
	size_t	len = strlen(s);

	return (len > 0 && len <= TOKENS_TOKEN_MAX &&
	    strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789-_.=+/~") == len);
}

/* https://ev.example.com/x -> https_ev.example.com_443_x */
static char *
tokens_key(const char *server)
{
	struct url	 u;
	char		*key, *p, *cause = NULL;

	if (url_parse(server, &u, &cause) == 0) {
		xasprintf(&key, "%s_%s_%d%s", u.scheme, u.host, u.port,
		    strcmp(u.path, "/") == 0 ? "" : u.path);
		url_done(&u);
	} else {
		/* Not a URL (config_check says so first): still a name. */
		free(cause);
		key = xstrdup(server);
	}
	for (p = key; *p != '\0'; p++) {
		if (strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "0123456789.-", *p) == NULL)
			*p = '_';
	}
	return (key);
}

char *
tokens_path(const char *server, int create, char **cause)
{
	char	*dir, *path, *key;

	if ((dir = paths_dir(PATHS_STATE, create, cause)) == NULL)
		return (NULL);
	xasprintf(&path, "%s/tokens", dir);
	free(dir);
	dir = path;
	if (create && paths_mkdirs(dir, cause) != 0) {
		free(dir);
		return (NULL);
	}
	key = tokens_key(server);
	xasprintf(&path, "%s/%s", dir, key);
	free(key);
	free(dir);
	return (path);
}

/*
 * Opens a secret file and checks nobody else can read or change it.
 * Returns the descriptor, -1 with *cause, or -2 when it does not exist.
 */
static int
tokens_open_private(const char *path, char **cause)
{
	struct stat	st;
	int		fd;

	if ((fd = open(path, O_RDONLY|O_CLOEXEC|O_NOFOLLOW)) == -1) {
		if (errno == ENOENT)
			return (-2);
		xasprintf(cause, "cannot read %s: %s", path, strerror(errno));
		return (-1);
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		xasprintf(cause, "%s is not a file", path);
		close(fd);
		return (-1);
	}
	if (st.st_mode & (S_IRGRP|S_IROTH)) {
		xasprintf(cause, "%s is readable by others (mode %04o): "
		    "chmod 600 %s", path, (unsigned)(st.st_mode & 07777), path);
		close(fd);
		return (-1);
	}
	if (st.st_mode & (S_IWGRP|S_IWOTH)) {
		xasprintf(cause, "%s can be changed by others (mode %04o): "
		    "chmod 600 %s", path, (unsigned)(st.st_mode & 07777), path);
		close(fd);
		return (-1);
	}
	if (st.st_uid != geteuid()) {
		xasprintf(cause, "%s belongs to another user: a token file "
		    "must be your own", path);
		close(fd);
		return (-1);
	}
	return (fd);
}

/*
 * Reads a small file whole into a new buffer of *len bytes and a NUL;
 * -1 with *cause, also when it is larger than TOKENS_FILE_MAX: the
 * reader must see every byte, or junk past the limit would pass.
 */
static int
tokens_slurp(int fd, const char *path, char **out, size_t *outlen,
    char **cause)
{
	char	*buf = xmalloc(TOKENS_FILE_MAX + 2);
	size_t	 len = 0;
	ssize_t	 n;

	while (len <= TOKENS_FILE_MAX) {
		n = read(fd, buf + len, TOKENS_FILE_MAX + 1 - len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			xasprintf(cause, "cannot read %s: %s", path,
			    strerror(errno));
			explicit_bzero(buf, len);
			free(buf);
			return (-1);
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	if (len > TOKENS_FILE_MAX) {
		xasprintf(cause, "%s is larger than %d bytes: it does not hold "
		    "a token", path, TOKENS_FILE_MAX);
		explicit_bzero(buf, len);
		free(buf);
		return (-1);
	}
	buf[len] = '\0';
	*out = buf;
	*outlen = len;
	return (0);
}

int
tokens_read_file(const char *path, char **token, char **cause)
{
	char	*buf, *start, *end;
	size_t	 len;
	int	 fd, extra;

	if ((fd = tokens_open_private(path, cause)) < 0) {
		if (fd == -2)
			xasprintf(cause, "cannot read %s: %s", path,
			    strerror(ENOENT));
		return (-1);
	}
	if (tokens_slurp(fd, path, &buf, &len, cause) != 0) {
		close(fd);
		return (-1);
	}
	close(fd);
	start = buf + strspn(buf, " \t\r\n");
	end = start + strcspn(start, " \t\r\n");
	/* Only blanks may follow the token, and a NUL would hide the rest. */
	extra = end[strspn(end, " \t\r\n")] != '\0' ||
	    memchr(buf, '\0', len) != NULL;
	*end = '\0';
	if (*start == '\0' || extra || !tokens_plausible(start)) {
		xasprintf(cause, "%s does not hold a token: expected the token "
		    "alone, on one line", path);
		explicit_bzero(buf, len);
		free(buf);
		return (-1);
	}
	*token = xstrdup(start);
	explicit_bzero(buf, len);
	free(buf);
	return (0);
}

int
tokens_load(const char *server, struct stored_token *out, char **cause)
{
	json_t		*j;
	const char	*tok, *user;
	char		*path, *buf;
	size_t		 len;
	int		 fd;

	memset(out, 0, sizeof *out);
	if ((path = tokens_path(server, 0, cause)) == NULL)
		return (-1);
	if ((fd = tokens_open_private(path, cause)) < 0) {
		free(path);
		return (fd == -2 ? 0 : -1);
	}
	if (tokens_slurp(fd, path, &buf, &len, cause) != 0) {
		close(fd);
		free(path);
		return (-1);
	}
	close(fd);
	/* The whole file: a NUL and what follows it are damage too. */
	j = json_loadb(buf, len, 0, NULL);
	explicit_bzero(buf, len);
	free(buf);
	tok = json_string_value(json_object_get(j, "token"));
	user = json_string_value(json_object_get(j, "user"));
	/* evtop wrote the user from a sanitized answer: printable text. */
	if (tok == NULL || !tokens_plausible(tok) ||
	    (user != NULL && config_has_control(user))) {
		/* Not ours to keep: a damaged file is forgotten. */
		json_decref(j);
		unlink(path);
		free(path);
		return (0);
	}
	out->server = xstrdup(server);
	out->token = xstrdup(tok);
	if (user != NULL)
		out->user = xstrdup(user);
	out->exp = (time_t)json_integer_value(json_object_get(j, "exp"));
	json_decref(j);
	free(path);
	return (1);
}


int
tokens_save(const struct stored_token *t, char **cause)
{
	json_t	*j;
	char	*path, *text;
	int	 rc;

	if ((path = tokens_path(t->server, 1, cause)) == NULL)
		return (-1);
	j = json_pack("{s:s, s:s?, s:s, s:I}", "server", t->server, "user",
	    t->user, "token", t->token, "exp", (json_int_t)t->exp);
	text = j != NULL ? json_dumps(j, JSON_COMPACT) : NULL;
	json_decref(j);
	if (text == NULL) {
		xasprintf(cause, "cannot store the token: it is not text");
		free(path);
		return (-1);
	}
	rc = file_write_atomic(path, text, strlen(text), 0600, cause);
	explicit_bzero(text, strlen(text));
	free(text);
	free(path);
	return (rc);
}

int
tokens_forget(const char *server, char **cause)
{
	char	*path;
	int	 rc = 1;

	if ((path = tokens_path(server, 0, cause)) == NULL)
		return (-1);
	if (unlink(path) == -1) {
		if (errno == ENOENT)
			rc = 0;
		else {
			xasprintf(cause, "cannot delete %s: %s", path,
			    strerror(errno));
			rc = -1;
		}
	}
	free(path);
	return (rc);
}
