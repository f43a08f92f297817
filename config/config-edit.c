#include "config-edit.h"

#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "config-private.h"
#include "file.h"
#include "paths.h"
#include "xmalloc.h"

/* One line of the text: where it starts, where its ending starts, ends. */
struct config_edit_line {
	size_t	start;
	size_t	text_end;	/* before "\n" or "\r\n" */
	size_t	end;		/* after them */
};

/* Where the key goes, as the text is read. */
struct config_edit_spot {
	int	in_section;	/* the line read is in the section */
	int	found;		/* a line of the key: replace [start, end) */
	struct config_edit_line	key_line;
	int	anchored;	/* else add the line after anchor */
	struct config_edit_line	anchor;
};

/* The next line at off; 0 at the end of the text. */
static int
config_edit_next(const char *text, size_t len, size_t off,
    struct config_edit_line *l)
{
	const char	*nl;

	if (off >= len)
		return (0);
	l->start = off;
	nl = memchr(text + off, '\n', len - off);
	l->end = nl != NULL ? (size_t)(nl - text) + 1 : len;
	l->text_end = nl != NULL ? (size_t)(nl - text) : len;
	if (l->text_end > l->start && text[l->text_end - 1] == '\r')
		l->text_end--;
	return (1);
}

/*
 * Whether a [...] line opens the section: the same reading as
 * config-file.c's, [defaults] or [profile NAME].
 */
static int
config_edit_is_section(const char *name, size_t len, const char *profile)
{
	size_t	skip;

	if (profile == NULL)
		return (len == 8 && memcmp(name, "defaults", 8) == 0);
	if (len < 8 || memcmp(name, "profile ", 8) != 0)
		return (0);
	for (skip = 8; skip < len && (name[skip] == ' ' ||
	    name[skip] == '\t'); skip++)
		;
	return (len - skip == strlen(profile) &&
	    memcmp(name + skip, profile, len - skip) == 0);
}

/* Reads one line: a section, a key of the section, or neither. */
static void
config_edit_look(const char *text, const struct config_edit_line *l,
    const char *profile, const char *key, struct config_edit_spot *spot)
{
	const char	*p = text + l->start, *end = text + l->text_end, *q;
	size_t		 n;

	/* A byte order mark, then blanks, as libinih skips them. */
	if (l->start == 0 && end - p >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	while (p < end && strchr(" \t\v\f", *p) != NULL)
		p++;
	if (p == end || *p == ';' || *p == '#')
		return;
	if (*p == '[') {
		q = memchr(p, ']', (size_t)(end - p));
		spot->in_section = q != NULL &&
		    config_edit_is_section(p + 1, (size_t)(q - p - 1), profile);
		if (spot->in_section && !spot->anchored) {
			spot->anchor = *l;
			spot->anchored = 1;
		}
		return;
	}
	if (!spot->in_section)
		return;
	/* key = value or key: value, the key without its blanks. */
	for (q = p; q < end && *q != '=' && *q != ':'; q++)
		;
	if (q == end)
		return;
	n = (size_t)(q - p);
	while (n > 0 && strchr(" \t\v\f", p[n - 1]) != NULL)
		n--;
	spot->anchor = *l;
	spot->anchored = 1;
	if (!spot->found && n == strlen(key) && memcmp(p, key, n) == 0) {
		spot->key_line = *l;
		spot->found = 1;
	}
}

/* Whether the text ends with a blank line ("\n\n", "\n\r\n"). */
static int
config_edit_ends_blank(const struct buf *b)
{
	const char	*t = buf_str(b);
	size_t		 n = b->len;

	if (n < 2 || t[n - 1] != '\n')
		return (0);
	if (t[n - 2] == '\n')
		return (1);
	return (n >= 3 && t[n - 2] == '\r' && t[n - 3] == '\n');
}

char *
config_edit_text(const char *text, size_t len, const char *profile,
    const char *key, const char *value, size_t *outlen)
{
	struct config_edit_spot	 spot;
	struct config_edit_line	 l;
	struct buf		 b;
	const char		*eol = "\n";
	size_t			 off = 0;

	memset(&spot, 0, sizeof spot);
	spot.in_section = profile == NULL;	/* keys before any section */
	while (config_edit_next(text, len, off, &l)) {
		/* New lines end as the file's first line does. */
		if (off == 0 && l.end - l.text_end == 2)
			eol = "\r\n";
		config_edit_look(text, &l, profile, key, &spot);
		off = l.end;
	}

	buf_init(&b);
	if (spot.found) {
		buf_add(&b, text, spot.key_line.start);
		/* The file's byte order mark is no part of the line. */
		if (spot.key_line.start == 0 && len >= 3 &&
		    memcmp(text, "\xef\xbb\xbf", 3) == 0)
			buf_add(&b, text, 3);
		buf_printf(&b, "%s = %s", key, value);
		buf_add(&b, text + spot.key_line.text_end,
		    len - spot.key_line.text_end);
	} else if (spot.anchored) {
		buf_add(&b, text, spot.anchor.end);
		if (spot.anchor.end == spot.anchor.text_end)
			buf_add_str(&b, eol);	/* the last line, unended */
		buf_printf(&b, "%s = %s%s", key, value, eol);
		buf_add(&b, text + spot.anchor.end, len - spot.anchor.end);
	} else {
		buf_add(&b, text, len);
		if (len > 0 && text[len - 1] != '\n')
			buf_add_str(&b, eol);
		/* A blank line before the new section, unless there is one. */
		if (len > 0 && !config_edit_ends_blank(&b))
			buf_add_str(&b, eol);
		if (profile != NULL)
			buf_printf(&b, "[profile %s]%s", profile, eol);
		else
			buf_printf(&b, "[defaults]%s", eol);
		buf_printf(&b, "%s = %s%s", key, value, eol);
	}
	return (buf_steal(&b, outlen));
}

int
config_edit_file(const char *path, const char *profile, const char *key,
    const char *value, char **cause)
{
	struct stat	 st;
	char		*real = NULL, *dir, *data = NULL, *out;
	size_t		 len = 0, outlen;
	mode_t		 mode = 0600;
	int		 rc, owned = 0;

	/* A config file linked from elsewhere (dotfiles) stays linked. */
	if ((real = realpath(path, NULL)) != NULL) {
		if (config_read_all(real, &data, &len, cause) != 0) {
			free(real);
			return (-1);
		}
		if (stat(real, &st) == 0) {
			mode = st.st_mode & 07777;
			owned = 1;
		}
		path = real;
	} else if (errno != ENOENT) {
		xasprintf(cause, "cannot read %s: %s", path, strerror(errno));
		return (-1);
	} else {
		dir = xstrdup(path);
		rc = paths_mkdirs(dirname(dir), cause);
		free(dir);
		if (rc != 0)
			return (-1);
	}
	out = config_edit_text(data != NULL ? data : "", len, profile, key,
	    value, &outlen);
	rc = file_write_atomic(path, out, outlen, mode, cause);
	/*
	 * root setting the PIN of a station that runs as its own user: the
	 * new file is root's, and the station could not read it.
	 */
	if (rc == 0 && owned && geteuid() == 0 && (st.st_uid != 0 ||
	    st.st_gid != 0) && chown(path, st.st_uid, st.st_gid) != 0) {
		xasprintf(cause, "%s is written, but root owns it now: %s",
		    path, strerror(errno));
		rc = -1;
	}
	free(out);
	free(data);
	free(real);
	return (rc);
}
