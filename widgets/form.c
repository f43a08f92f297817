/* A form of textin fields, checked as they are typed. */
#include "form.h"

#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "textw.h"
#include "xmalloc.h"

#define FORM_SHORT	64	/* a number or a date-time: characters */
#define FORM_TEXT_MAX	4096	/* text without a maximum of its own */
#define FORM_TIME_COLS	20	/* a date-time's input */

struct form_field {
	const struct form_spec	*spec;
	struct textin		**lines;	/* one, or a multi-line's */
	size_t			 nlines;
	size_t			 line;		/* the cursor's */
	size_t			 top;		/* the first line shown */
	size_t			 choice;
	char			*server;	/* the server's error, or NULL */
	char			*joined;	/* form_text's */
	char			 problem[192];
	int			 touched;	/* edited or left */
};

struct form {
	struct form_field	*fields;
	size_t			 n;
	size_t			 focus;
	int			 tried;
	int			 changed;
	int			 scroll;	/* the first row drawn */
	form_check_cb		 check;
	void			*check_arg;
};

static size_t
form_line_max(const struct form_spec *s)
{
	switch (s->kind) {
	case FORM_NUMBER:
	case FORM_DATETIME:
		return (FORM_SHORT);
	default:
		/* Room past the maximum, so the problem can be seen. */
		return (s->max > 0 && s->max < FORM_TEXT_MAX / 2 ?
		    (size_t)s->max * 2 : FORM_TEXT_MAX);
	}
}

static struct textin *
form_new_line(const struct form_spec *s)
{
	return (textin_new(form_line_max(s), (s->flags & FORM_HIDDEN) ?
	    TEXTIN_HIDDEN : 0));
}

struct form *
form_new(const struct form_spec *specs, size_t n)
{
	struct form	*f = xcalloc(1, sizeof *f);
	size_t		 i;

	f->fields = xcalloc(n, sizeof *f->fields);
	f->n = n;
	for (i = 0; i < n; i++) {
		f->fields[i].spec = &specs[i];
		f->fields[i].lines = xcalloc(1, sizeof *f->fields[i].lines);
		f->fields[i].lines[0] = form_new_line(&specs[i]);
		f->fields[i].nlines = 1;
	}
	return (f);
}

static void
form_clear_lines(struct form_field *fd)
{
	size_t	i;

	for (i = 0; i < fd->nlines; i++)
		textin_free(fd->lines[i]);
	fd->nlines = 0;
	fd->line = fd->top = 0;
}

void
form_free(struct form *f)
{
	size_t	i;

	if (f == NULL)
		return;
	for (i = 0; i < f->n; i++) {
		form_clear_lines(&f->fields[i]);
		free(f->fields[i].lines);
		free(f->fields[i].server);
		if (f->fields[i].joined != NULL) {
			explicit_bzero(f->fields[i].joined,
			    strlen(f->fields[i].joined));
			free(f->fields[i].joined);
		}
	}
	free(f->fields);
	free(f);
}

size_t
form_count(const struct form *f)
{
	return (f->n);
}

const struct form_spec *
form_spec(const struct form *f, size_t i)
{
	return (i < f->n ? f->fields[i].spec : NULL);
}

int
form_find(const struct form *f, const char *name)
{
	size_t	i;

	for (i = 0; name != NULL && i < f->n; i++) {
		if (strcmp(f->fields[i].spec->name, name) == 0)
			return ((int)i);
	}
	return (-1);
}

/* The field was edited: its server error is answered. */
static void
form_edited(struct form *f, struct form_field *fd)
{
	free(fd->server);
	fd->server = NULL;
	fd->touched = 1;
	f->changed = 1;
}

static int
form_set_choice(struct form_field *fd, const char *text)
{
	size_t	i;

	for (i = 0; fd->spec->choices[i] != NULL; i++) {
		if (strcmp(fd->spec->choices[i], text) == 0) {
			fd->choice = i;
			return (0);
		}
	}
	return (-1);
}

int
form_set(struct form *f, size_t i, const char *text)
{
	struct form_field	*fd = &f->fields[i];
	struct textin		**lines = NULL;
	const char		*p, *nl;
	char			*one;
	size_t			 n = 0;
	int			 rc = 0;

	if (text == NULL)
		text = "";
	if (fd->spec->kind == FORM_CHOICE)
		return (form_set_choice(fd, text));
	for (p = text; rc == 0; p = nl + 1) {
		nl = fd->spec->kind == FORM_MULTILINE ? strchr(p, '\n') : NULL;
		one = nl != NULL ? xstrndup(p, (size_t)(nl - p)) : xstrdup(p);
		lines = xreallocarray(lines, n + 1, sizeof *lines);
		lines[n] = form_new_line(fd->spec);
		rc = textin_set(lines[n++], one);
		explicit_bzero(one, strlen(one));
		free(one);
		if (nl == NULL)
			break;
	}
	if (rc != 0) {
		while (n > 0)
			textin_free(lines[--n]);
		free(lines);
		return (-1);
	}
	form_clear_lines(fd);
	free(fd->lines);
	fd->lines = lines;
	fd->nlines = n;
	fd->line = n - 1;
	/* Lines are read from their start; one line is typed on at its end. */
	if (fd->spec->kind == FORM_MULTILINE) {
		for (fd->line = 0; n-- > 0;)
			textin_edit(lines[n], TEXTIN_HOME);
	}
	f->changed = 0;
	return (0);
}

void
form_set_time(struct form *f, size_t i, time_t t)
{
	struct tm	tm;
	char		buf[64];

	if (localtime_r(&t, &tm) == NULL ||
	    strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm) == 0)
		buf[0] = '\0';
	form_set(f, i, buf);
}

const char *
form_text(struct form *f, size_t i)
{
	struct form_field	*fd = &f->fields[i];
	struct buf		 b;
	size_t			 j;

	if (fd->spec->kind == FORM_CHOICE)
		return (fd->spec->choices[fd->choice]);
	if (fd->nlines == 1)
		return (textin_text(fd->lines[0]));
	buf_init(&b);
	for (j = 0; j < fd->nlines; j++) {
		if (j > 0)
			buf_add(&b, "\n", 1);
		buf_add_str(&b, textin_text(fd->lines[j]));
	}
	free(fd->joined);
	fd->joined = buf_steal(&b, NULL);
	return (fd->joined);
}

/*
 * A local date and time: 0 and the time, -1 when it does not read as
 * one, -2 when the local clock skips it (a change to summer time).
 */
static int
form_parse_local(const char *s, time_t *out)
{
	struct tm	tm;
	int		y, mo, d, h, mi, sec = 0, n = 0, m = 0;
	char		sep;

	if (sscanf(s, " %4d-%2d-%2d%c%2d:%2d%n", &y, &mo, &d, &sep, &h, &mi,
	    &n) != 6 || (sep != ' ' && sep != 'T'))
		return (-1);
	if (s[n] == ':') {
		if (sscanf(s + n, ":%2d%n", &sec, &m) != 1)
			return (-1);
		n += m;
	}
	while (s[n] == ' ')
		n++;
	if (s[n] != '\0' || y < 1970 || mo < 1 || mo > 12 || d < 1 ||
	    d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 ||
	    sec > 59)
		return (-1);
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	tm.tm_isdst = -1;
	if ((*out = mktime(&tm)) == (time_t)-1)
		return (-1);
	/* 31 April comes back as 1 May: no such day. */
	if (tm.tm_mday != d || tm.tm_mon != mo - 1)
		return (-1);
	if (tm.tm_hour != h || tm.tm_min != mi)
		return (-2);
	return (0);
}

int
form_time(struct form *f, size_t i, time_t *t)
{
	return (form_parse_local(form_text(f, i), t) == 0 ? 0 : -1);
}

/* A whole number, blanks around it allowed: 0, or -1. */
static int
form_parse_number(const char *s, int64_t *v)
{
	char		*end;
	long long	 n;

	while (*s == ' ')
		s++;
	if (*s < '0' || *s > '9')
		return (*s == '-' && s[1] >= '0' && s[1] <= '9' ?
		    (*v = -1, 1) : -1);
	n = strtoll(s, &end, 10);
	while (*end == ' ')
		end++;
	if (*end != '\0' || n == LLONG_MAX)
		return (-1);
	*v = n;
	return (0);
}

int
form_number(struct form *f, size_t i, int64_t *v)
{
	const struct form_spec	*s = f->fields[i].spec;

	if (form_parse_number(form_text(f, i), v) != 0 || *v < s->min ||
	    *v > s->max)
		return (-1);
	return (0);
}

size_t
form_focus(const struct form *f)
{
	return (f->focus);
}

void
form_set_focus(struct form *f, size_t i)
{
	if (i >= f->n || i == f->focus)
		return;
	f->fields[f->focus].touched = 1;
	f->focus = i;
}

void
form_step(struct form *f, int step)
{
	form_set_focus(f, (f->focus + f->n + (size_t)(step % (int)f->n) +
	    f->n) % f->n);
}

/* Moves the cursor of t to byte offset at (or the nearest before). */
static void
form_cursor_to(struct textin *t, size_t at)
{
	textin_edit(t, TEXTIN_HOME);
	while (textin_cursor(t) < at && textin_edit(t, TEXTIN_RIGHT))
		;
}

enum form_moved
form_vertical(struct form *f, int step)
{
	struct form_field	*fd = &f->fields[f->focus];
	size_t			 at;

	if (fd->spec->kind == FORM_MULTILINE &&
	    ((step < 0 && fd->line > 0) ||
	    (step > 0 && fd->line + 1 < fd->nlines))) {
		at = textin_cursor(fd->lines[fd->line]);
		fd->line = step < 0 ? fd->line - 1 : fd->line + 1;
		form_cursor_to(fd->lines[fd->line], at);
		return (FORM_MOVED);
	}
	if ((step < 0 && f->focus == 0) || (step > 0 && f->focus + 1 >= f->n))
		return (FORM_STAYED);
	form_set_focus(f, step < 0 ? f->focus - 1 : f->focus + 1);
	return (FORM_MOVED);
}

/* A newline at the cursor: the line splits in two. */
static void
form_split(struct form *f, struct form_field *fd)
{
	struct textin	*t = fd->lines[fd->line];
	char		*text = xstrdup(textin_text(t));
	size_t		 at = textin_cursor(t);

	fd->lines = xreallocarray(fd->lines, fd->nlines + 1,
	    sizeof *fd->lines);
	memmove(&fd->lines[fd->line + 2], &fd->lines[fd->line + 1],
	    (fd->nlines - fd->line - 1) * sizeof *fd->lines);
	fd->lines[fd->line + 1] = form_new_line(fd->spec);
	fd->nlines++;
	textin_set(fd->lines[fd->line + 1], text + at);
	textin_edit(fd->lines[fd->line + 1], TEXTIN_HOME);
	text[at] = '\0';
	textin_set(t, text);
	free(text);
	fd->line++;
	form_edited(f, fd);
}

/* Line j + 1 joins line j, the cursor where they meet: 1, or 0. */
static int
form_join(struct form *f, struct form_field *fd, size_t j)
{
	struct textin	*t = fd->lines[j], *next = fd->lines[j + 1];
	char		*head = xstrdup(textin_text(t));
	int		 rc;

	/* The second line's text, then the first's typed before it. */
	rc = textin_set(t, textin_text(next));
	if (rc == 0) {
		textin_edit(t, TEXTIN_HOME);
		rc = textin_insert(t, head);
	}
	if (rc != 0) {
		textin_set(t, head);
		free(head);
		return (0);
	}
	free(head);
	textin_free(next);
	memmove(&fd->lines[j + 1], &fd->lines[j + 2],
	    (fd->nlines - j - 2) * sizeof *fd->lines);
	fd->nlines--;
	fd->line = j;
	form_edited(f, fd);
	return (1);
}

enum form_moved
form_enter(struct form *f)
{
	struct form_field	*fd = &f->fields[f->focus];

	if (fd->spec->kind == FORM_MULTILINE) {
		form_split(f, fd);
		return (FORM_STAYED);
	}
	if (f->focus + 1 >= f->n)
		return (FORM_PAST_END);
	form_set_focus(f, f->focus + 1);
	return (FORM_MOVED);
}

int
form_cycle(struct form *f, size_t i, int step)
{
	struct form_field	*fd = &f->fields[i];
	size_t			 n = 0;

	if (fd->spec->kind != FORM_CHOICE)
		return (0);
	while (fd->spec->choices[n] != NULL)
		n++;
	if (n < 2)
		return (0);
	fd->choice = (fd->choice + n + (step < 0 ? n - 1 : 1)) % n;
	form_edited(f, fd);
	return (1);
}

static int
form_edit_choice(struct form *f, struct form_field *fd, enum textin_op op)
{
	size_t	n = 0;

	while (fd->spec->choices[n] != NULL)
		n++;
	switch (op) {
	case TEXTIN_LEFT:
		return (form_cycle(f, f->focus, -1));
	case TEXTIN_RIGHT:
		return (form_cycle(f, f->focus, 1));
	case TEXTIN_HOME:
	case TEXTIN_END:
		if (fd->choice == (op == TEXTIN_HOME ? 0 : n - 1))
			return (0);
		fd->choice = op == TEXTIN_HOME ? 0 : n - 1;
		form_edited(f, fd);
		return (1);
	default:
		return (0);
	}
}

int
form_edit(struct form *f, enum textin_op op)
{
	struct form_field	*fd = &f->fields[f->focus];
	struct textin		*t;
	size_t			 len;

	if (fd->spec->kind == FORM_CHOICE)
		return (form_edit_choice(f, fd, op));
	t = fd->lines[fd->line];
	len = strlen(textin_text(t));
	if (fd->spec->kind == FORM_MULTILINE) {
		if (textin_cursor(t) == 0 && fd->line > 0) {
			if (op == TEXTIN_BACKSPACE)
				return (form_join(f, fd, fd->line - 1));
			if (op == TEXTIN_LEFT) {
				fd->line--;
				textin_edit(fd->lines[fd->line], TEXTIN_END);
				return (1);
			}
		}
		if (textin_cursor(t) == len && fd->line + 1 < fd->nlines) {
			if (op == TEXTIN_DELETE)
				return (form_join(f, fd, fd->line));
			if (op == TEXTIN_RIGHT) {
				fd->line++;
				textin_edit(fd->lines[fd->line], TEXTIN_HOME);
				return (1);
			}
		}
	}
	if (!textin_edit(t, op))
		return (0);
	if (strlen(textin_text(t)) != len || op == TEXTIN_BACKSPACE ||
	    op == TEXTIN_DELETE || op == TEXTIN_KILL_START ||
	    op == TEXTIN_KILL_WORD)
		form_edited(f, fd);
	return (1);
}

int
form_insert(struct form *f, const char *s)
{
	struct form_field	*fd = &f->fields[f->focus];

	if (fd->spec->kind == FORM_CHOICE) {
		if (strcmp(s, " ") == 0)
			form_cycle(f, f->focus, 1);
		return (0);
	}
	if (textin_insert(fd->lines[fd->line], s) != 0)
		return (-1);
	form_edited(f, fd);
	return (0);
}

/* Characters in the field, a multi-line one's newlines counted. */
static size_t
form_length(const struct form_field *fd)
{
	size_t	i, n = fd->nlines > 0 ? fd->nlines - 1 : 0;

	for (i = 0; i < fd->nlines; i++)
		n += textin_length(fd->lines[i]);
	return (n);
}

static int
form_blank(const char *s)
{
	return (s[strspn(s, " \t\n")] == '\0');
}

const char *
form_problem(struct form *f, size_t i)
{
	struct form_field	*fd = &f->fields[i];
	const struct form_spec	*s = fd->spec;
	const char		*text, *said;
	time_t			 t;
	int64_t			 v;
	size_t			 len;
	int			 rc;

	if (fd->server != NULL)
		return (fd->server);
	if (s->kind == FORM_CHOICE)
		return (NULL);
	text = form_text(f, i);
	len = form_length(fd);
	switch (s->kind) {
	case FORM_NUMBER:
		if (form_blank(text))
			snprintf(fd->problem, sizeof fd->problem,
			    "%s is required", s->label);
		else if ((rc = form_parse_number(text, &v)) == -1)
			snprintf(fd->problem, sizeof fd->problem,
			    "%s must be a whole number", s->label);
		else if (rc == 1 || v < s->min)
			snprintf(fd->problem, sizeof fd->problem,
			    "%s must be at least %" PRId64, s->label, s->min);
		else if (v > s->max)
			snprintf(fd->problem, sizeof fd->problem,
			    "%s must be at most %" PRId64, s->label, s->max);
		else
			return (NULL);
		return (fd->problem);
	case FORM_DATETIME:
		if (form_blank(text))
			snprintf(fd->problem, sizeof fd->problem,
			    "%s is required", s->label);
		else if ((rc = form_parse_local(text, &t)) == -2)
			snprintf(fd->problem, sizeof fd->problem,
			    "%.24s is skipped here: the clocks go "
			    "forward then", text);
		else if (rc != 0)
			snprintf(fd->problem, sizeof fd->problem,
			    "%s must look like 2026-06-15 09:00", s->label);
		else
			return (NULL);
		return (fd->problem);
	default:
		if ((s->flags & FORM_REQUIRED) && form_blank(text))
			snprintf(fd->problem, sizeof fd->problem,
			    "%s is required", s->label);
		else if (s->max > 0 && len > (size_t)s->max)
			snprintf(fd->problem, sizeof fd->problem,
			    "%s is at most %" PRId64 " characters (%zu now)",
			    s->label, s->max, len);
		else if (s->min > 0 && !form_blank(text) &&
		    len < (size_t)s->min)
			snprintf(fd->problem, sizeof fd->problem,
			    "%s is at least %" PRId64 " characters", s->label,
			    s->min);
		else if (f->check != NULL &&
		    (said = f->check(f, i, f->check_arg)) != NULL)
			snprintf(fd->problem, sizeof fd->problem, "%s", said);
		else
			return (NULL);
		return (fd->problem);
	}
}

const char *
form_shown_problem(struct form *f, size_t i)
{
	if (!f->tried && !f->fields[i].touched && f->fields[i].server == NULL)
		return (NULL);
	return (form_problem(f, i));
}

size_t
form_try(struct form *f)
{
	size_t	i, n = 0;

	f->tried = 1;
	for (i = 0; i < f->n; i++)
		n += form_problem(f, i) != NULL;
	return (n);
}

int
form_first_invalid(struct form *f)
{
	size_t	i;

	for (i = 0; i < f->n; i++) {
		if (form_problem(f, i) != NULL)
			return ((int)i);
	}
	return (-1);
}

int
form_set_error(struct form *f, const char *name, const char *message)
{
	int	i;

	if ((i = form_find(f, name)) < 0)
		return (-1);
	free(f->fields[i].server);
	f->fields[i].server = xstrdup(message);
	return (0);
}

void
form_set_check(struct form *f, form_check_cb check, void *arg)
{
	f->check = check;
	f->check_arg = arg;
}

int
form_changed(const struct form *f)
{
	return (f->changed);
}

void
form_mark_clean(struct form *f)
{
	f->changed = 0;
}

/* The zone's name: TZ's, else where /etc/localtime points; "" if none. */
static void
form_zone_name(char *buf, size_t len)
{
	const char	*tz = getenv("TZ"), *p;
	char		 link[PATH_MAX];
	ssize_t		 n;

	buf[0] = '\0';
	if (tz == NULL || *tz == '\0') {
		if ((n = readlink("/etc/localtime", link, sizeof link - 1)) <= 0)
			return;
		link[n] = '\0';
		tz = link;
	}
	if (*tz == ':')
		tz++;
	if ((p = strstr(tz, "zoneinfo/")) != NULL)
		tz = p + strlen("zoneinfo/");
	if (*tz != '/' && strlen(tz) < len)
		memcpy(buf, tz, strlen(tz) + 1);
}

void
form_zone(time_t t, char *buf, size_t len)
{
	struct tm	tm;
	char		name[128];
	long		off;

	tzset();
	if (localtime_r(&t, &tm) == NULL) {
		snprintf(buf, len, "local time");
		return;
	}
	form_zone_name(name, sizeof name);
	if (name[0] == '\0' && tm.tm_zone != NULL)
		snprintf(name, sizeof name, "%s", tm.tm_zone);
	off = tm.tm_gmtoff;
	snprintf(buf, len, "%s%sUTC%c%02ld:%02ld", name, name[0] != '\0' ?
	    ", " : "", off < 0 ? '-' : '+', labs(off) / 3600,
	    labs(off) % 3600 / 60);
}

/* Rows the field takes: its input and its problem when shown. */
static int
form_rows(struct form *f, size_t i)
{
	return ((f->fields[i].spec->kind == FORM_MULTILINE ? FORM_LINES : 1) +
	    (form_shown_problem(f, i) != NULL));
}

int
form_height(struct form *f)
{
	size_t	i;
	int	h = 0;

	for (i = 0; i < f->n; i++)
		h += form_rows(f, i);
	return (h);
}

static void
form_draw_choice(const struct form_field *fd, WINDOW *w, int y, int x,
    int cols, int focused, const struct form_look *look)
{
	char	item[96];
	size_t	i;
	int	used = 0, n;
	attr_t	attr;

	for (i = 0; fd->spec->choices[i] != NULL && used < cols; i++) {
		if (i == fd->choice)
			snprintf(item, sizeof item, "[%s]",
			    fd->spec->choices[i]);
		else
			snprintf(item, sizeof item, " %s ",
			    fd->spec->choices[i]);
		attr = i != fd->choice ? look->dim : focused ?
		    A_REVERSE|A_BOLD : A_BOLD;
		n = textw_put(w, y, x + used, item, cols - used,
		    look->ascii ? TEXTW_ASCII : 0, attr);
		used += n + 1;
	}
}

/* The lines of a multi-line field, scrolled to its cursor. */
static void
form_draw_lines(struct form_field *fd, WINDOW *w, int y, int x, int cols,
    int rows, int focused, const struct form_look *look)
{
	size_t	j;
	int	r;

	if (fd->line < fd->top)
		fd->top = fd->line;
	if (fd->line >= fd->top + FORM_LINES)
		fd->top = fd->line - FORM_LINES + 1;
	for (r = 0; r < FORM_LINES && r < rows; r++) {
		j = fd->top + (size_t)r;
		if (j < fd->nlines)
			textin_draw(w, y + r, x, cols, fd->lines[j],
			    focused && j == fd->line, look->ascii,
			    look->field);
		else
			textw_put(w, y + r, x, "", cols, TEXTW_PAD,
			    look->field);
	}
}

static void
form_draw_field(struct form *f, size_t i, WINDOW *w, int y, int x,
    int cols, int rows, const struct form_look *look)
{
	struct form_field	*fd = &f->fields[i];
	const char		*problem;
	char			 zone[160];
	time_t			 t;
	int			 focused = i == f->focus, lw, vw, fw, flags;

	flags = TEXTW_ELLIPSIS|(look->ascii ? TEXTW_ASCII : 0);
	lw = look->label_width < cols - 8 ? look->label_width : 0;
	vw = cols - lw;
	textw_put(w, y, x, fd->spec->label, lw - 1, flags,
	    focused ? look->focus_label : look->label);
	switch (fd->spec->kind) {
	case FORM_MULTILINE:
		form_draw_lines(fd, w, y, x + lw, vw, rows, focused, look);
		break;
	case FORM_CHOICE:
		form_draw_choice(fd, w, y, x + lw, vw, focused, look);
		break;
	case FORM_DATETIME:
		fw = vw < FORM_TIME_COLS ? vw : FORM_TIME_COLS;
		textin_draw(w, y, x + lw, fw, fd->lines[0], focused,
		    look->ascii, look->field);
		if (form_parse_local(textin_text(fd->lines[0]), &t) != 0)
			t = time(NULL);
		form_zone(t, zone + 1, sizeof zone - 2);
		zone[0] = '(';
		strcat(zone, ")");
		if (vw > fw + 2)
			textw_put(w, y, x + lw + fw + 1, zone, vw - fw - 1,
			    flags, look->dim);
		break;
	default:
		textin_draw(w, y, x + lw, vw, fd->lines[0], focused,
		    look->ascii, look->field);
		break;
	}
	if ((problem = form_shown_problem(f, i)) != NULL) {
		y += fd->spec->kind == FORM_MULTILINE ? FORM_LINES : 1;
		if (y < getmaxy(w))
			textw_put(w, y, x + lw, problem, vw, flags,
			    look->error);
	}
	(void)rows;
}

void
form_draw(struct form *f, WINDOW *w, int y, int x, int cols, int rows,
    const struct form_look *look)
{
	size_t	i;
	int	top = 0, r = 0, h, focus_top = 0, focus_h = 0;

	for (i = 0; i < f->n; i++) {
		h = form_rows(f, i);
		if (i == f->focus) {
			focus_top = r;
			focus_h = h;
		}
		r += h;
	}
	/* Scrolled so the focused field, and its problem, show. */
	if (focus_top < f->scroll)
		f->scroll = focus_top;
	if (focus_top + focus_h > f->scroll + rows)
		f->scroll = focus_top + focus_h - rows;
	if (r <= rows)
		f->scroll = 0;
	top = f->scroll;
	r = 0;
	for (i = 0; i < f->n; i++) {
		h = form_rows(f, i);
		if (r >= top && r + h <= top + rows)
			form_draw_field(f, i, w, y + r - top, x, cols, h, look);
		r += h;
	}
}
