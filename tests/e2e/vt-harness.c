/* The pty + libvterm harness for end-to-end tests. */
#include "vt-harness.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char	**environ;

struct vt {
	pid_t		 pid;
	int		 master;
	int		 rows;
	int		 cols;
	int		 closed;
	int		 exited;
	int		 status;
	char		 home[64];
	VTerm		*term;
	VTermScreen	*screen;
	int		 bells;		/* BEL characters drawn */
};

static int
vt_bell_cb(void *arg)
{
	struct vt	*vt = arg;

	vt->bells++;
	return (1);
}

static const VTermScreenCallbacks vt_screen_cbs = {
	.bell = vt_bell_cb,
};

static uint64_t
vt_now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000);
}

/* Variables the harness sets itself: anything inherited is dropped. */
static int
vt_env_dropped(const char *entry)
{
	static const char *const prefixes[] = {
		"TERM=", "TZ=", "LANG=", "LC_", "HOME=", "XDG_", "COLUMNS=",
		"LINES=", "NO_COLOR=", "ESCDELAY=", "TMUX", "STY=",
	};
	size_t	i;

	for (i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
		if (strncmp(entry, prefixes[i], strlen(prefixes[i])) == 0)
			return (1);
	}
	return (0);
}

/* Whether one of extra (n of them) sets the variable of entry s. */
static int
vt_env_overridden(const char *s, const char *const *extra, size_t n)
{
	size_t	j, len = strcspn(s, "=");

	for (j = 0; j < n; j++) {
		if (strncmp(s, extra[j], len + 1) == 0)
			return (1);
	}
	return (0);
}

/* Adds s (allocated) to env at *n unless extra sets it; else frees it. */
static void
vt_env_put(char **env, size_t *n, char *s, const char *const *extra,
    size_t nextra)
{
	if (s == NULL)
		return;
	if (vt_env_overridden(s, extra, nextra)) {
		free(s);
		return;
	}
	env[(*n)++] = s;
}

/* The child's environment; every string is allocated. */
static char **
vt_env_build(const char *home, const char *const *extra)
{
	char	**env;
	size_t	  n = 0, i, j, nextra = 0;
	char	 *s;

	for (i = 0; environ[i] != NULL; i++)
		n++;
	for (i = 0; extra != NULL && extra[i] != NULL; i++)
		nextra++;
	env = calloc(n + nextra + 16, sizeof *env);
	n = 0;
	for (i = 0; environ[i] != NULL; i++) {
		if (!vt_env_dropped(environ[i]))
			vt_env_put(env, &n, strdup(environ[i]), extra, nextra);
	}
	/* The fixed entries, unless extra gives its own (TERM=dumb). */
	vt_env_put(env, &n, strdup("TERM=xterm-256color"), extra, nextra);
	vt_env_put(env, &n, strdup("TZ=UTC"), extra, nextra);
	vt_env_put(env, &n, strdup("LANG=C.UTF-8"), extra, nextra);
	vt_env_put(env, &n, strdup("LC_ALL=C.UTF-8"), extra, nextra);
	if (asprintf(&s, "HOME=%s", home) >= 0)
		vt_env_put(env, &n, s, extra, nextra);
	if (asprintf(&s, "XDG_CONFIG_HOME=%s/.config", home) >= 0)
		vt_env_put(env, &n, s, extra, nextra);
	if (asprintf(&s, "XDG_STATE_HOME=%s/.local/state", home) >= 0)
		vt_env_put(env, &n, s, extra, nextra);
	if (asprintf(&s, "XDG_DATA_HOME=%s/.local/share", home) >= 0)
		vt_env_put(env, &n, s, extra, nextra);
	if (asprintf(&s, "XDG_CACHE_HOME=%s/.cache", home) >= 0)
		vt_env_put(env, &n, s, extra, nextra);
	if (asprintf(&s, "XDG_RUNTIME_DIR=%s/run", home) >= 0)
		vt_env_put(env, &n, s, extra, nextra);
	for (j = 0; j < nextra; j++)
		env[n++] = strdup(extra[j]);
	env[n] = NULL;
	return (env);
}

static void
vt_env_free(char **env)
{
	size_t	i;

	for (i = 0; env[i] != NULL; i++)
		free(env[i]);
	free(env);
}

static void
vt_flush_output(struct vt *vt)
{
	char	buf[256];
	size_t	n;
	ssize_t	w;
	size_t	off;

	while ((n = vterm_output_read(vt->term, buf, sizeof buf)) > 0) {
		off = 0;
		while (off < n) {
			w = write(vt->master, buf + off, n - off);
			if (w < 0 && errno == EAGAIN) {
				struct pollfd pfd = { vt->master, POLLOUT, 0 };

				poll(&pfd, 1, 1000);
				continue;
			}
			if (w <= 0)
				return;
			off += (size_t)w;
		}
	}
}

struct vt *
vt_spawn(const char *const *argv, const char *const *env, int rows, int cols)
{
	struct vt	*vt;
	struct winsize	 ws;
	char		**envp, path[128];
	const char	*dirs[] = { ".config", ".local", ".local/state",
			    ".local/share", ".cache", "run" };
	size_t		 i;

	vt = calloc(1, sizeof *vt);
	snprintf(vt->home, sizeof vt->home, "/tmp/evtop-e2e-XXXXXX");
	if (mkdtemp(vt->home) == NULL) {
		fprintf(stderr, "vt: mkdtemp: %s\n", strerror(errno));
		free(vt);
		return (NULL);
	}
	for (i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", vt->home, dirs[i]);
		mkdir(path, 0700);
	}
	vt->rows = rows;
	vt->cols = cols;
	envp = vt_env_build(vt->home, env);

	memset(&ws, 0, sizeof ws);
	ws.ws_row = (unsigned short)rows;
	ws.ws_col = (unsigned short)cols;
	vt->pid = forkpty(&vt->master, NULL, NULL, &ws);
	if (vt->pid == -1) {
		fprintf(stderr, "vt: forkpty: %s\n", strerror(errno));
		vt_env_free(envp);
		rmdir(vt->home);
		free(vt);
		return (NULL);
	}
	if (vt->pid == 0) {
		execve(argv[0], (char *const *)(uintptr_t)argv, envp);
		fprintf(stderr, "vt: exec %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	vt_env_free(envp);
	fcntl(vt->master, F_SETFL, fcntl(vt->master, F_GETFL) | O_NONBLOCK);
	fcntl(vt->master, F_SETFD, FD_CLOEXEC);

	vt->term = vterm_new(rows, cols);
	vterm_set_utf8(vt->term, 1);
	vt->screen = vterm_obtain_screen(vt->term);
	vterm_screen_set_callbacks(vt->screen, &vt_screen_cbs, vt);
	vterm_screen_enable_altscreen(vt->screen, 1);
	vterm_screen_reset(vt->screen, 1);
	return (vt);
}

int
vt_bells(const struct vt *vt)
{
	return (vt->bells);
}

static int
vt_rm_cb(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	remove(path);
	return (0);
}

void
vt_free(struct vt *vt)
{
	if (vt == NULL)
		return;
	if (!vt->exited) {
		kill(vt->pid, SIGKILL);
		waitpid(vt->pid, NULL, 0);
	}
	close(vt->master);
	vterm_free(vt->term);
	nftw(vt->home, vt_rm_cb, 16, FTW_DEPTH|FTW_PHYS);
	free(vt);
}

pid_t
vt_pid(const struct vt *vt)
{
	return (vt->pid);
}

const char *
vt_home(const struct vt *vt)
{
	return (vt->home);
}

void
vt_size(const struct vt *vt, int *rows, int *cols)
{
	*rows = vt->rows;
	*cols = vt->cols;
}

int
vt_pump(struct vt *vt, int timeout_ms)
{
	struct pollfd	pfd;
	char		buf[8192];
	ssize_t		n;
	int		got = 0;

	if (vt->closed)
		return (-1);
	pfd.fd = vt->master;
	pfd.events = POLLIN;
	if (poll(&pfd, 1, timeout_ms) <= 0)
		return (0);
	for (;;) {
		n = read(vt->master, buf, sizeof buf);
		if (n > 0) {
			vterm_input_write(vt->term, buf, (size_t)n);
			vt_flush_output(vt);
			got = 1;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			break;
		vt->closed = 1;	/* EOF, or EIO once the slave is gone */
		return (-1);
	}
	return (got);
}

char *
vt_text(struct vt *vt, int row, int col, int cols)
{
	VTermRect	 rect;
	char		*buf;
	size_t		 len, size;

	if (col + cols > vt->cols)
		cols = vt->cols - col;
	if (row < 0 || row >= vt->rows || cols <= 0)
		return (strdup(""));
	size = (size_t)cols * 8 + 1;
	buf = calloc(1, size);
	rect.start_row = row;
	rect.end_row = row + 1;
	rect.start_col = col;
	rect.end_col = col + cols;
	len = vterm_screen_get_text(vt->screen, buf, size - 1, rect);
	buf[len] = '\0';
	while (len > 0 && buf[len - 1] == ' ')
		buf[--len] = '\0';
	return (buf);
}

char *
vt_row(struct vt *vt, int row)
{
	return (vt_text(vt, row, 0, vt->cols));
}

static size_t
vt_utf8_len(uint32_t c)
{
	if (c < 0x80)
		return (1);
	if (c < 0x800)
		return (2);
	if (c < 0x10000)
		return (3);
	return (4);
}

/* Writes c as UTF-8 at p; returns its length. */
static size_t
vt_utf8_put(char *p, uint32_t c)
{
	if (c < 0x80) {
		p[0] = (char)c;
		return (1);
	}
	if (c < 0x800) {
		p[0] = (char)(0xc0 | c >> 6);
		p[1] = (char)(0x80 | (c & 0x3f));
		return (2);
	}
	if (c < 0x10000) {
		p[0] = (char)(0xe0 | c >> 12);
		p[1] = (char)(0x80 | (c >> 6 & 0x3f));
		p[2] = (char)(0x80 | (c & 0x3f));
		return (3);
	}
	p[0] = (char)(0xf0 | c >> 18);
	p[1] = (char)(0x80 | (c >> 12 & 0x3f));
	p[2] = (char)(0x80 | (c >> 6 & 0x3f));
	p[3] = (char)(0x80 | (c & 0x3f));
	return (4);
}

/* Column of the cell that byte offset off of a row's text starts in. */
static int
vt_col_of(struct vt *vt, int row, size_t off)
{
	VTermScreenCell	 cell;
	VTermPos	 pos;
	size_t		 bytes = 0;
	int		 col, i;

	pos.row = row;
	for (col = 0; col < vt->cols; col++) {
		if (bytes >= off)
			return (col);
		pos.col = col;
		vterm_screen_get_cell(vt->screen, pos, &cell);
		if (cell.chars[0] == 0) {
			if (col > 0) {
				VTermScreenCell prev;

				pos.col = col - 1;
				vterm_screen_get_cell(vt->screen, pos, &prev);
				if (prev.width == 2)
					continue;	/* right half */
			}
			bytes++;	/* a blank reads as a space */
			continue;
		}
		for (i = 0; i < VTERM_MAX_CHARS_PER_CELL &&
		    cell.chars[i] != 0; i++)
			bytes += vt_utf8_len(cell.chars[i]);
	}
	return (col);
}

int
vt_find(struct vt *vt, const char *s, int *row, int *col)
{
	char	*text, *at;
	int	 r;

	for (r = 0; r < vt->rows; r++) {
		text = vt_row(vt, r);
		if ((at = strstr(text, s)) != NULL) {
			if (row != NULL)
				*row = r;
			if (col != NULL)
				*col = vt_col_of(vt, r, (size_t)(at - text));
			free(text);
			return (1);
		}
		free(text);
	}
	return (0);
}

int
vt_bold(struct vt *vt, int row, int col)
{
	VTermScreenCell	cell;
	VTermPos	pos;

	pos.row = row;
	pos.col = col;
	if (!vterm_screen_get_cell(vt->screen, pos, &cell))
		return (0);
	return (cell.attrs.bold != 0);
}

static int
vt_color_index(const VTermColor *c, int is_default)
{
	if (is_default)
		return (-1);
	if (VTERM_COLOR_IS_INDEXED(c))
		return (c->indexed.idx);
	return (-2);
}

int
vt_colors(struct vt *vt, int row, int col, int *fg, int *bg, int *reverse)
{
	VTermScreenCell	cell;
	VTermPos	pos;

	pos.row = row;
	pos.col = col;
	if (!vterm_screen_get_cell(vt->screen, pos, &cell))
		return (-1);
	*fg = vt_color_index(&cell.fg, VTERM_COLOR_IS_DEFAULT_FG(&cell.fg));
	*bg = vt_color_index(&cell.bg, VTERM_COLOR_IS_DEFAULT_BG(&cell.bg));
	*reverse = cell.attrs.reverse != 0;
	return (0);
}

int
vt_cell(struct vt *vt, int row, int col, struct vt_cell *out)
{
	VTermScreenCell	cell;
	VTermPos	pos;
	size_t		len = 0;
	int		i;

	memset(out, 0, sizeof *out);
	pos.row = row;
	pos.col = col;
	if (row < 0 || row >= vt->rows || col < 0 || col >= vt->cols ||
	    !vterm_screen_get_cell(vt->screen, pos, &cell))
		return (-1);
	for (i = 0; i < VTERM_MAX_CHARS_PER_CELL && cell.chars[i] != 0; i++) {
		if (len + vt_utf8_len(cell.chars[i]) >= sizeof out->text)
			break;
		len += vt_utf8_put(out->text + len, cell.chars[i]);
	}
	out->text[len] = '\0';
	out->width = cell.width;
	/* The right half of a wide character is no character of its own. */
	if (len == 0 && col > 0) {
		VTermScreenCell	prev;

		pos.col = col - 1;
		if (vterm_screen_get_cell(vt->screen, pos, &prev) &&
		    prev.width == 2)
			out->width = 0;
	}
	if (len == 0 && out->width != 0) {
		out->text[0] = ' ';
		out->text[1] = '\0';
	}
	out->bold = cell.attrs.bold != 0;
	out->underline = cell.attrs.underline != 0;
	out->reverse = cell.attrs.reverse != 0;
	out->fg = vt_color_index(&cell.fg, VTERM_COLOR_IS_DEFAULT_FG(&cell.fg));
	out->bg = vt_color_index(&cell.bg, VTERM_COLOR_IS_DEFAULT_BG(&cell.bg));
	return (0);
}

int
vt_wait(struct vt *vt, int (*pred)(struct vt *, void *), void *arg,
    int timeout_ms)
{
	uint64_t	deadline = vt_now_ms() + (uint64_t)timeout_ms, now;

	for (;;) {
		if (pred(vt, arg))
			return (0);
		now = vt_now_ms();
		if (now >= deadline)
			return (-1);
		if (vt_pump(vt, (int)(deadline - now > 200 ? 200 :
		    deadline - now)) < 0) {
			/* Closed: one last look. */
			return (pred(vt, arg) ? 0 : -1);
		}
	}
}

static int
vt_has_text(struct vt *vt, void *arg)
{
	return (vt_find(vt, arg, NULL, NULL));
}

static int
vt_lacks_text(struct vt *vt, void *arg)
{
	return (!vt_find(vt, arg, NULL, NULL));
}

int
vt_wait_text(struct vt *vt, const char *s, int timeout_ms)
{
	return (vt_wait(vt, vt_has_text, (void *)(uintptr_t)s, timeout_ms));
}

int
vt_wait_gone(struct vt *vt, const char *s, int timeout_ms)
{
	return (vt_wait(vt, vt_lacks_text, (void *)(uintptr_t)s,
	    timeout_ms));
}

void
vt_send_char(struct vt *vt, uint32_t c)
{
	vterm_keyboard_unichar(vt->term, c, VTERM_MOD_NONE);
	vt_flush_output(vt);
}

void
vt_send_key(struct vt *vt, VTermKey key)
{
	vterm_keyboard_key(vt->term, key, VTERM_MOD_NONE);
	vt_flush_output(vt);
}

void
vt_send_text(struct vt *vt, const char *s)
{
	while (*s != '\0')
		vt_send_char(vt, (unsigned char)*s++);
}

int
vt_settle(struct vt *vt, int ms)
{
	struct timespec	start, now;
	long		left;

	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		left = ms - ((now.tv_sec - start.tv_sec) * 1000 +
		    (now.tv_nsec - start.tv_nsec) / 1000000);
		if (left <= 0)
			return (0);
		if (vt_pump(vt, (int)left) < 0)
			return (-1);
	}
}

void
vt_send_raw(struct vt *vt, const void *buf, size_t len)
{
	const char	*p = buf;
	size_t		 off = 0;
	ssize_t		 w;

	while (off < len) {
		w = write(vt->master, p + off, len - off);
		if (w > 0) {
			off += (size_t)w;
			continue;
		}
		if (w < 0 && errno != EAGAIN && errno != EINTR)
			return;
		/* The program's input is full: let it draw, then go on. */
		if (vt_pump(vt, 50) < 0)
			return;
	}
}

void
vt_resize(struct vt *vt, int rows, int cols)
{
	struct winsize	ws;

	memset(&ws, 0, sizeof ws);
	ws.ws_row = (unsigned short)rows;
	ws.ws_col = (unsigned short)cols;
	vt->rows = rows;
	vt->cols = cols;
	vterm_set_size(vt->term, rows, cols);
	ioctl(vt->master, TIOCSWINSZ, &ws);	/* the kernel sends SIGWINCH */
}

int
vt_wait_exit(struct vt *vt, int timeout_ms)
{
	uint64_t	deadline = vt_now_ms() + (uint64_t)timeout_ms;
	pid_t		pid;
	int		status;

	while (!vt->exited) {
		pid = waitpid(vt->pid, &status, WNOHANG);
		if (pid == vt->pid) {
			vt->exited = 1;
			vt->status = status;
			break;
		}
		if (vt_now_ms() >= deadline)
			return (-1);
		/* Drain the pty meanwhile; once closed, wait a little. */
		if (vt_pump(vt, 100) < 0)
			poll(NULL, 0, 20);
	}
	while (vt_pump(vt, 0) > 0)
		;
	if (WIFEXITED(vt->status))
		return (WEXITSTATUS(vt->status));
	if (WIFSIGNALED(vt->status)) {
		/* A crash prints where it happened: keep it in the log. */
		if (WTERMSIG(vt->status) == SIGSEGV ||
		    WTERMSIG(vt->status) == SIGBUS ||
		    WTERMSIG(vt->status) == SIGABRT)
			vt_dump(vt, stderr);
		return (128 + WTERMSIG(vt->status));
	}
	return (-1);
}

void
vt_dump(struct vt *vt, FILE *f)
{
	char	*row;
	int	 r;

	fprintf(f, "--- screen %dx%d ---\n", vt->cols, vt->rows);
	for (r = 0; r < vt->rows; r++) {
		row = vt_row(vt, r);
		fprintf(f, "%2d|%s\n", r, row);
		free(row);
	}
	fprintf(f, "--- end of screen ---\n");
}

/* Reads session id and state from /proc/pid/stat; -1 when gone. */
static int
vt_proc_stat(pid_t pid, pid_t *sid, char *state)
{
	char	 path[64], buf[1024], *p;
	FILE	*f;
	int	 ppid, pgrp, session;
	size_t	 n;

	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	if ((f = fopen(path, "r")) == NULL)
		return (-1);
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	if ((p = strrchr(buf, ')')) == NULL)
		return (-1);
	if (sscanf(p + 1, " %c %d %d %d", state, &ppid, &pgrp, &session) != 4)
		return (-1);
	*sid = session;
	return (0);
}

size_t
vt_session_pids(pid_t sid, pid_t *pids, size_t max)
{
	DIR		*d;
	struct dirent	*de;
	pid_t		 pid, s;
	char		 state;
	size_t		 n = 0;

	if ((d = opendir("/proc")) == NULL)
		return (0);
	while ((de = readdir(d)) != NULL && n < max) {
		if (!isdigit((unsigned char)de->d_name[0]))
			continue;
		pid = (pid_t)atoi(de->d_name);
		if (vt_proc_stat(pid, &s, &state) == 0 && s == sid &&
		    state != 'Z')
			pids[n++] = pid;
	}
	closedir(d);
	return (n);
}

int
vt_session_count(pid_t sid, const pid_t *pids, size_t n)
{
	pid_t	found[256], s;
	char	state;
	size_t	i, count;

	count = vt_session_pids(sid, found, sizeof found / sizeof found[0]);
	for (i = 0; i < n; i++) {
		if (vt_proc_stat(pids[i], &s, &state) == 0 && state != 'Z' &&
		    s != sid)
			count++;
	}
	return ((int)count);
}

int
vt_session_wait_gone(pid_t sid, const pid_t *pids, size_t n, int timeout_ms)
{
	int	waited;

	for (waited = 0; waited < timeout_ms; waited += 100) {
		if (vt_session_count(sid, pids, n) == 0)
			return (0);
		poll(NULL, 0, 100);
	}
	return (vt_session_count(sid, pids, n));
}
