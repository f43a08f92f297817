/*
 * The config file: INI read by Debian's libinih, checked here so that
 * every mistake is named by file, line and what was expected, and evtop
 * never starts on a file it read wrongly.  Sections:
 *
 *   top-level keys or [defaults]	values every profile starts from
 *   [profile NAME]			one server's values, chosen by -p
 *   [keymap]				action = key[, key...] or none
 *   [theme]				style = look (white on blue bold)
 *
 * The keys are the option table's config keys.  libinih hands over
 * section, key and value; the line number comes from our own reader,
 * which feeds it one line at a time from the file read whole, and also
 * sees section lines (so an empty or misspelt section is caught too).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <ini.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config-private.h"
#include "options.h"
#include "paths.h"
#include "utf8.h"
#include "xmalloc.h"

#define CONFIG_FILE_MAX		(1024 * 1024)
#define CONFIG_LINE_MAX		4096
#define CONFIG_PROFILE_MAX	40

enum config_section_kind {
	SECTION_DEFAULTS,	/* top-level keys or [defaults] */
	SECTION_PROFILE,
	SECTION_KEYMAP,
	SECTION_THEME,
	SECTION_BAD		/* already reported */
};

/* A key = value line of [defaults] or a profile, applied once chosen. */
struct config_entry {
	enum config_section_kind	 kind;
	char				*profile;	/* SECTION_PROFILE */
	const struct option_spec	*o;
	char				*value;
	int				 line;
};

struct config_reader {
	enum config_action		 action;
	const char			*path;
	const char			*data;
	size_t				 len;
	size_t				 off;
	int				 line;
	int				 line_done;	/* last chunk ended a line */

	enum config_section_kind	 kind;
	char				*profile;	/* current section's */
	char				*error;		/* the first */
	int				 error_line;

	struct config_entry		*entries;
	size_t				 n;
	char				**profiles;
	int				*profile_lines;
	size_t				 nprofiles;
	struct config_binding		*keymap;
	size_t				 nkeymap;
	struct config_look		*looks;
	size_t				 nlooks;
};

static void
config_error(struct config_reader *r, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * Keeps the first error only: the one a person should fix first.  The
 * sentence quotes the file, and goes to a terminal: a control byte in the
 * quote is shown as '?' rather than sent.
 */
static void
config_error(struct config_reader *r, int line, const char *fmt, ...)
{
	va_list	 ap;
	char	*s, *p;

	if (r->error != NULL && r->error_line <= line)
		return;
	va_start(ap, fmt);
	xvasprintf(&s, fmt, ap);
	va_end(ap);
	free(r->error);
	xasprintf(&r->error, "%s:%d: %s", r->path, line, s);
	r->error_line = line;
	free(s);
	for (p = r->error; *p != '\0'; p++) {
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	}
}

int
config_is_profile_name(const char *s)
{
	if (*s == '\0' || strlen(s) > CONFIG_PROFILE_MAX)
		return (0);
	return (strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789._-") == strlen(s));
}

static int
config_profile_index(const struct config_reader *r, const char *name)
{
	size_t	i;

	for (i = 0; i < r->nprofiles; i++) {
		if (strcmp(r->profiles[i], name) == 0)
			return ((int)i);
	}
	return (-1);
}

/* A section line, as the reader sees it: sets the current section. */
static void
config_section(struct config_reader *r, const char *text, size_t len)
{
	char	*name, *p;
	int	 i;

	free(r->profile);
	r->profile = NULL;
	r->kind = SECTION_BAD;
	if ((p = memchr(text, ']', len)) == NULL)
		return;		/* libinih says so */
	name = xstrndup(text + 1, (size_t)(p - text - 1));
	if (strcmp(name, "defaults") == 0)
		r->kind = SECTION_DEFAULTS;
	else if (strcmp(name, "keymap") == 0)
		r->kind = SECTION_KEYMAP;
	else if (strcmp(name, "theme") == 0)
		r->kind = SECTION_THEME;
	else if (strcmp(name, "profile") == 0 ||
	    strncmp(name, "profile ", 8) == 0) {
		p = name + 7;
		p += strspn(p, " \t");
		if (*p == '\0')
			config_error(r, r->line, "[profile] needs a name, as in "
			    "[profile venue-a]");
		else if (strlen(p) > CONFIG_PROFILE_MAX)
			config_error(r, r->line, "profile names are at most %d "
			    "characters long", CONFIG_PROFILE_MAX);
		else if (!config_is_profile_name(p))
			config_error(r, r->line, "profile name \"%s\" may only "
			    "have letters, digits, '.', '_' and '-'", p);
		else if ((i = config_profile_index(r, p)) != -1)
			config_error(r, r->line, "[profile %s] is already on "
			    "line %d", p, r->profile_lines[i]);
		else {
			r->kind = SECTION_PROFILE;
			r->profile = xstrdup(p);
			r->profiles = xreallocarray(r->profiles,
			    r->nprofiles + 1, sizeof *r->profiles);
			r->profile_lines = xreallocarray(r->profile_lines,
			    r->nprofiles + 1, sizeof *r->profile_lines);
			r->profiles[r->nprofiles] = xstrdup(p);
			r->profile_lines[r->nprofiles++] = r->line;
		}
	} else if (config_has_control(name))
		config_error(r, r->line, "a section name has a control "
		    "character in it");
	else
		config_error(r, r->line, "unknown section [%s]: expected "
		    "[defaults], [profile NAME], [keymap] or [theme]", name);
	free(name);
}

/*
 * How many of the len bytes at p are blanks as libinih sees them (what
 * isspace() says, so a \f or \v too).  The text is not NUL-terminated.
 */
static size_t
config_span_blanks(const char *p, size_t len)
{
	size_t	n = 0;

	while (n < len && p[n] != '\0' && strchr(" \t\n\v\f\r", p[n]) != NULL)
		n++;
	return (n);
}

/* Looks at one whole line before libinih does. */
static void
config_look_at_line(struct config_reader *r, const char *text, size_t len)
{
	size_t	skip = 0;

	if (memchr(text, '\0', len) != NULL) {
		config_error(r, r->line, "a NUL byte: this is not a text "
		    "file");
		return;
	}
	if (r->line == 1 && len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		skip = 3;	/* a byte order mark */
	skip += config_span_blanks(text + skip, len - skip);
	if (skip < len && text[skip] == '[')
		config_section(r, text + skip, len - skip);
}

/* An fgets for libinih over the file in memory, counting lines. */
static char *
config_reader_gets(char *buf, int size, void *arg)
{
	struct config_reader	*r = arg;
	const char		*start, *nl;
	size_t			 n, room, line_len;

	if (r->off >= r->len || size < 2)
		return (NULL);
	start = r->data + r->off;
	nl = memchr(start, '\n', r->len - r->off);
	line_len = nl != NULL ? (size_t)(nl - start) + 1 : r->len - r->off;
	if (r->line_done) {
		r->line++;
		if (line_len > CONFIG_LINE_MAX)
			config_error(r, r->line, "the line is longer than %d "
			    "bytes", CONFIG_LINE_MAX);
		else
			config_look_at_line(r, start, line_len);
	}
	room = (size_t)size - 1;
	n = line_len < room ? line_len : room;
	memcpy(buf, start, n);
	buf[n] = '\0';
	r->off += n;
	r->line_done = n > 0 && buf[n - 1] == '\n';
	if (r->off >= r->len)
		r->line_done = 1;
	return (buf);
}

/* "a, b" and "c": the list of keys a section accepts. */
static char *
config_key_list(enum config_section_kind kind)
{
	const struct option_spec	*t;
	size_t				 n, i;
	char				*out = xstrdup(""), *next;

	t = options_table(&n);
	for (i = 0; i < n; i++) {
		if (t[i].config_key == NULL || (kind == SECTION_PROFILE &&
		    t[i].id == OPT_PROFILE))
			continue;
		xasprintf(&next, "%s%s%s", out, *out != '\0' ? ", " : "",
		    t[i].config_key);
		free(out);
		out = next;
	}
	return (out);
}

static const char *
config_section_label(const struct config_reader *r, char *buf, size_t len)
{
	if (r->kind == SECTION_PROFILE)
		snprintf(buf, len, "[profile %s]", r->profile);
	else
		snprintf(buf, len, "[defaults]");
	return (buf);
}

/* Strips one pair of double quotes: server = "https://..." */
static char *
config_unquote(const char *value)
{
	size_t	len = strlen(value);

	if (len >= 2 && value[0] == '"' && value[len - 1] == '"')
		return (xstrndup(value + 1, len - 2));
	return (xstrdup(value));
}

static void
config_keymap_line(struct config_reader *r, const char *name,
    const char *value)
{
	size_t	 i;
	char	*keys;

	for (i = 0; i < r->nkeymap; i++) {
		if (strcmp(r->keymap[i].action, name) == 0) {
			config_error(r, r->line, "%s is already bound on line "
			    "%d", name, r->keymap[i].line);
			return;
		}
	}
	/* Checked unquoted: quit = "" is as empty as quit =. */
	keys = config_unquote(value);
	if (*keys == '\0') {
		config_error(r, r->line, "%s wants keys (a, C-r, F5...) or "
		    "none to unbind it", name);
		free(keys);
		return;
	}
	r->keymap = xreallocarray(r->keymap, r->nkeymap + 1,
	    sizeof *r->keymap);
	r->keymap[r->nkeymap].action = xstrdup(name);
	r->keymap[r->nkeymap].keys = keys;
	r->keymap[r->nkeymap++].line = r->line;
}

/* A [theme] line; tui/theme.c knows the styles and reads the look. */
static void
config_theme_line(struct config_reader *r, const char *name,
    const char *value)
{
	size_t	 i;
	char	*look;

	for (i = 0; i < r->nlooks; i++) {
		if (strcmp(r->looks[i].style, name) == 0) {
			config_error(r, r->line, "%s is already set in [theme] "
			    "on line %d", name, r->looks[i].line);
			return;
		}
	}
	look = config_unquote(value);
	if (*look == '\0') {
		config_error(r, r->line, "%s wants a look, such as white on "
		    "blue bold", name);
		free(look);
		return;
	}
	r->looks = xreallocarray(r->looks, r->nlooks + 1, sizeof *r->looks);
	r->looks[r->nlooks].style = xstrdup(name);
	r->looks[r->nlooks].look = look;
	r->looks[r->nlooks++].line = r->line;
}

static int
config_handler(void *arg, const char *section, const char *name,
    const char *value)
{
	struct config_reader		*r = arg;
	const struct option_spec	*o;
	struct config_entry		*e;
	struct config			 scratch;
	char				*why = NULL, *list, *v, label[80];
	size_t				 i;

	if (r->kind == SECTION_BAD)
		return (0);
	if (config_has_control(name) || config_has_control(value)) {
		config_error(r, r->line, "a control character in the line");
		return (0);
	}
	/* libinih hands over "= q" with an empty name. */
	if (*name == '\0') {
		config_error(r, r->line, "a key is missing before the = or :, "
		    "as in quit = q");
		return (0);
	}
	if (r->kind == SECTION_KEYMAP) {
		config_keymap_line(r, name, value);
		return (1);
	}
	if (r->kind == SECTION_THEME) {
		config_theme_line(r, name, value);
		return (1);
	}
	config_section_label(r, label, sizeof label);
	if ((o = options_find_key(name)) == NULL ||
	    (o->id == OPT_PROFILE && r->kind == SECTION_PROFILE)) {
		list = config_key_list(r->kind);
		if (o != NULL)
			config_error(r, r->line, "profile can only be chosen "
			    "in [defaults], not in %s", label);
		else
			config_error(r, r->line, "unknown key \"%s\" in %s: "
			    "expected one of %s", name, label, list);
		free(list);
		return (0);
	}
	for (i = 0; i < r->n; i++) {
		e = &r->entries[i];
		if (e->o == o && e->kind == r->kind &&
		    (e->kind != SECTION_PROFILE ||
		    strcmp(e->profile, r->profile) == 0)) {
			config_error(r, r->line, "%s is already set in %s on "
			    "line %d", name, label, e->line);
			return (0);
		}
	}
	/* Checked now, whichever profile is chosen: typos never wait. */
	v = config_unquote(value);
	config_init(&scratch);
	scratch.action = r->action;
	if (config_set_value(&scratch, o, v, CONFIG_SRC_PROFILE, r->line,
	    &why) != 0) {
		config_error(r, r->line, "%s %s", name, why);
		free(why);
		free(v);
		config_done(&scratch);
		return (0);
	}
	config_done(&scratch);
	r->entries = xreallocarray(r->entries, r->n + 1, sizeof *r->entries);
	e = &r->entries[r->n++];
	e->kind = r->kind;
	e->profile = r->profile != NULL ? xstrdup(r->profile) : NULL;
	e->o = o;
	e->value = v;
	e->line = r->line;
	(void)section;
	return (1);
}

static void
config_reader_done(struct config_reader *r)
{
	size_t	i;

	for (i = 0; i < r->n; i++) {
		free(r->entries[i].profile);
		free(r->entries[i].value);
	}
	free(r->entries);
	for (i = 0; i < r->nprofiles; i++)
		free(r->profiles[i]);
	free(r->profiles);
	free(r->profile_lines);
	for (i = 0; i < r->nkeymap; i++) {
		free(r->keymap[i].action);
		free(r->keymap[i].keys);
	}
	free(r->keymap);
	for (i = 0; i < r->nlooks; i++) {
		free(r->looks[i].style);
		free(r->looks[i].look);
	}
	free(r->looks);
	free(r->profile);
	free(r->error);
}

/* The text of line n (from 1) of the file, cut for a message. */
static char *
config_line_text(const struct config_reader *r, int n)
{
	const char	*p = r->data, *end = r->data + r->len, *nl;
	size_t		 len, skip;
	int		 i;

	for (i = 1; i < n && p < end; i++) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			return (xstrdup(""));
		p = nl + 1;
	}
	nl = memchr(p, '\n', (size_t)(end - p));
	len = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
	while (len > 0 && (p[len - 1] == '\r' || p[len - 1] == ' ' ||
	    p[len - 1] == '\t'))
		len--;
	skip = config_span_blanks(p, len);
	p += skip;
	len -= skip;
	/* At most 40 bytes, never half a character. */
	if (len > 40)
		len = utf8_cut(p, 40);
	return (xstrndup(p, len));
}

/* What libinih found wrong on a line we had no word for. */
static void
config_syntax_error(struct config_reader *r, int line)
{
	char	*text = config_line_text(r, line);

	if (*text == '[')
		config_error(r, line, "a section line needs a closing ], as in "
		    "[profile venue-a]");
	else
		config_error(r, line, "expected [section], key = value or a "
		    "comment (# or ;), not \"%s\"", text);
	free(text);
}

/* Reads the file whole: small, and the reader wants it in memory. */
int
config_read_all(const char *path, char **data, size_t *len, char **cause)
{
	struct stat	 st;
	ssize_t		 n;
	int		 fd;

	if ((fd = open(path, O_RDONLY|O_CLOEXEC)) == -1) {
		xasprintf(cause, "cannot read %s: %s", path, strerror(errno));
		return (-1);
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		xasprintf(cause, "cannot read %s: it is not a file", path);
		close(fd);
		return (-1);
	}
	if (st.st_size > CONFIG_FILE_MAX) {
		xasprintf(cause, "%s is larger than %d bytes: is it the right "
		    "file?", path, CONFIG_FILE_MAX);
		close(fd);
		return (-1);
	}
	*data = xmalloc((size_t)st.st_size + 1);
	*len = 0;
	while ((size_t)*len < (size_t)st.st_size) {
		n = read(fd, *data + *len, (size_t)st.st_size - *len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		*len += (size_t)n;
	}
	(*data)[*len] = '\0';
	close(fd);
	return (0);
}

/* Picks the profile: -p, EVTOP_PROFILE, else [defaults]' profile key. */
static int
config_choose_profile(struct config *cfg, struct config_reader *r,
    char **cause)
{
	size_t	i;
	char	*list = xstrdup(""), *next;
	int	 line = 0;

	if (cfg->profile == NULL) {
		for (i = 0; i < r->n; i++) {
			if (r->entries[i].o->id == OPT_PROFILE) {
				cfg->profile = xstrdup(r->entries[i].value);
				cfg->from[OPT_PROFILE] = CONFIG_SRC_DEFAULTS;
				cfg->line[OPT_PROFILE] = line =
				    r->entries[i].line;
			}
		}
	}
	/* evtop kiosk-pin adds the section it is asked for. */
	if (cfg->profile == NULL || config_profile_index(r, cfg->profile) !=
	    -1 || cfg->action == CONFIG_KIOSK_PIN)
		goto out;
	for (i = 0; i < r->nprofiles; i++) {
		xasprintf(&next, "%s%s%s", list, i == 0 ? "" : ", ",
		    r->profiles[i]);
		free(list);
		list = next;
	}
	if (line != 0)
		xasprintf(cause, "%s:%d: profile %s has no [profile %s] section",
		    r->path, line, cfg->profile, cfg->profile);
	else
		xasprintf(cause, "no [profile %s] in %s (%s%s)", cfg->profile,
		    r->path, r->nprofiles > 0 ? "it has: " : "it has no "
		    "profiles", list);
	free(list);
	return (-1);
out:
	free(list);
	return (0);
}

static void
config_apply_entries(struct config *cfg, const struct config_reader *r)
{
	const struct config_entry	*e;
	size_t				 i;
	char				*why = NULL;

	for (i = 0; i < r->n; i++) {
		e = &r->entries[i];
		if (e->o->id == OPT_PROFILE)
			continue;
		if (e->kind == SECTION_DEFAULTS)
			config_set_value(cfg, e->o, e->value,
			    CONFIG_SRC_DEFAULTS, e->line, &why);
		else if (cfg->profile != NULL &&
		    strcmp(e->profile, cfg->profile) == 0)
			config_set_value(cfg, e->o, e->value,
			    CONFIG_SRC_PROFILE, e->line, &why);
		free(why);	/* checked when read */
		why = NULL;
	}
}

int
config_load_text(struct config *cfg, const char *name, const char *data,
    size_t len, char **cause)
{
	struct config_reader	 r;
	int			 rc;

	memset(&r, 0, sizeof r);
	r.action = cfg->action;
	r.path = name;
	r.data = data;
	r.len = len;
	r.line_done = 1;
	r.kind = SECTION_DEFAULTS;
	/* Debian's libinih takes these at run time. */
	ini_allow_multiline = 0;
	ini_max_line = CONFIG_LINE_MAX + 2;
	ini_stop_on_first_error = 0;
	rc = ini_parse_stream(config_reader_gets, &r, config_handler, &r);
	if (rc > 0 && (r.error == NULL || rc < r.error_line))
		config_syntax_error(&r, rc);
	if (r.error != NULL) {
		*cause = r.error;
		r.error = NULL;
		rc = -1;
	} else if (rc < 0) {
		xasprintf(cause, "cannot read %s", name);
		rc = -1;
	} else if ((rc = config_choose_profile(cfg, &r, cause)) == 0) {
		config_apply_entries(cfg, &r);
		cfg->keymap = r.keymap;
		cfg->nkeymap = r.nkeymap;
		r.keymap = NULL;
		r.nkeymap = 0;
		cfg->looks = r.looks;
		cfg->nlooks = r.nlooks;
		r.looks = NULL;
		r.nlooks = 0;
	}
	config_reader_done(&r);
	return (rc);
}

int
config_load_file(struct config *cfg, char **cause)
{
	char	*data = NULL;
	size_t	 len;
	int	 explicit, rc;

	explicit = cfg->config_file != NULL ||
	    (getenv("EVTOP_CONFIG") != NULL && *getenv("EVTOP_CONFIG") != '\0');
	free(cfg->file);
	if (cfg->config_file != NULL)
		cfg->file = xstrdup(cfg->config_file);
	else if ((cfg->file = paths_config_file(cause)) == NULL)
		return (-1);
	cfg->file_exists = access(cfg->file, F_OK) == 0;
	if (!cfg->file_exists && cfg->action == CONFIG_KIOSK_PIN)
		return (0);	/* it makes the file */
	if (!cfg->file_exists && !explicit) {
		if (cfg->profile != NULL) {
			xasprintf(cause, "no [profile %s]: there is no config "
			    "file %s", cfg->profile, cfg->file);
			return (-1);
		}
		return (0);
	}
	if (config_read_all(cfg->file, &data, &len, cause) != 0)
		return (-1);
	rc = config_load_text(cfg, cfg->file, data, len, cause);
	free(data);
	return (rc);
}
