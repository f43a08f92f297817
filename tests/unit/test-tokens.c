/*
 * Tokens on disk: --token-file refuses a file others can read, stored
 * tokens are written atomically with mode 0600 in a 0700 folder, a failed
 * write leaves the old token whole and no temporary file behind, and
 * sign-out deletes the file.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "file.h"
#include "tokens.h"
#include "test.h"

#define TOKEN	"eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjF9.c2lnbmF0dXJl"

static char	home[] = "/tmp/evtop-tokens-XXXXXX";
static int	home_made;	/* mkdtemp may leave an X last */

static void
setup(void)
{
	if (!home_made) {
		if (mkdtemp(home) == NULL)
			abort();
		home_made = 1;
	}
	setenv("XDG_STATE_HOME", home, 1);
}

static void
write_bytes(const char *path, const char *data, size_t len, mode_t mode)
{
	int	fd;

	unlink(path);
	fd = open(path, O_WRONLY|O_CREAT|O_TRUNC, 0600);
	if (fd == -1 || write(fd, data, len) != (ssize_t)len)
		abort();
	fchmod(fd, mode);
	close(fd);
}

static void
write_file(const char *path, const char *text, mode_t mode)
{
	write_bytes(path, text, strlen(text), mode);
}

/* Files in dir whose names start with a dot (temporary files). */
static int
count_hidden(const char *dir)
{
	DIR		*d;
	struct dirent	*de;
	int		 n = 0;

	if ((d = opendir(dir)) == NULL)
		return (-1);
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' && strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0)
			n++;
	}
	closedir(d);
	return (n);
}

static void
test_token_file_permissions(void)
{
	static const struct {
		mode_t		 mode;
		const char	*says;	/* NULL: accepted */
	} cases[] = {
		{ 0600, NULL },
		{ 0400, NULL },
		{ 0644, "is readable by others (mode 0644): chmod 600 " },
		{ 0640, "is readable by others (mode 0640): chmod 600 " },
		{ 0604, "is readable by others (mode 0604): chmod 600 " },
		{ 0620, "can be changed by others (mode 0620): chmod 600 " },
	};
	char	 path[300], want[800], *tok, *cause;
	size_t	 i;

	setup();
	snprintf(path, sizeof path, "%s/token", home);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		write_file(path, TOKEN "\n", cases[i].mode);
		tok = cause = NULL;
		if (cases[i].says == NULL) {
			CHECK_INT(tokens_read_file(path, &tok, &cause), 0);
			CHECK_STR(tok, TOKEN);
		} else {
			CHECK_INT(tokens_read_file(path, &tok, &cause), -1);
			snprintf(want, sizeof want, "%s %s%s", path,
			    cases[i].says, path);
			CHECK_STR(cause, want);
			/* The message never carries the token. */
			CHECK(cause == NULL || strstr(cause, TOKEN) == NULL);
		}
		free(tok);
		free(cause);
	}

	/* Without a newline, or with blanks around it. */
	write_file(path, TOKEN, 0600);
	CHECK_INT(tokens_read_file(path, &tok, &cause), 0);
	CHECK_STR(tok, TOKEN);
	free(tok);
	write_file(path, "  " TOKEN " \r\n\n", 0600);
	CHECK_INT(tokens_read_file(path, &tok, &cause), 0);
	CHECK_STR(tok, TOKEN);
	free(tok);
	write_file(path, TOKEN "\nsomething else\n", 0600);
	CHECK_INT(tokens_read_file(path, &tok, &cause), -1);
	free(cause);

	/* Not a token, or missing. */
	write_file(path, "hello world\n", 0600);
	CHECK_INT(tokens_read_file(path, &tok, &cause), -1);
	snprintf(want, sizeof want, "%s does not hold a token: expected the "
	    "token alone, on one line", path);
	CHECK_STR(cause, want);
	free(cause);
	write_file(path, "", 0600);
	CHECK_INT(tokens_read_file(path, &tok, &cause), -1);
	CHECK_STR(cause, want);
	free(cause);
	unlink(path);
	CHECK_INT(tokens_read_file(path, &tok, &cause), -1);
	snprintf(want, sizeof want, "cannot read %s: No such file or "
	    "directory", path);
	CHECK_STR(cause, want);
	free(cause);
}

static void
test_store_and_load(void)
{
	struct stored_token	 t = { 0 }, back;
	struct stat		 st;
	char			*path, *cause = NULL, dir[300];

	setup();
	t.server = strdup("http://127.0.0.1:8080");
	t.user = strdup("ops@example.com");
	t.token = strdup(TOKEN);
	t.exp = 1781600400;
	CHECK_INT(tokens_load(t.server, &back, &cause), 0);
	CHECK_INT(tokens_save(&t, &cause), 0);
	path = tokens_path(t.server, 0, &cause);
	snprintf(dir, sizeof dir, "%s/evtop/tokens", home);
	CHECK(path != NULL && strncmp(path, dir, strlen(dir)) == 0);
	CHECK_STR(strrchr(path, '/'), "/http_127.0.0.1_8080");
	CHECK_INT(stat(path, &st), 0);
	CHECK_INT(st.st_mode & 07777, 0600);
	CHECK_INT(stat(dir, &st), 0);
	CHECK_INT(st.st_mode & 07777, 0700);
	CHECK_INT(count_hidden(dir), 0);

	CHECK_INT(tokens_load(t.server, &back, &cause), 1);
	CHECK_STR(back.token, TOKEN);
	CHECK_STR(back.user, "ops@example.com");
	CHECK_INT(back.exp, 1781600400);
	stored_token_done(&back);

	/* Another server is another file. */
	CHECK_INT(tokens_load("http://127.0.0.1:8081", &back, &cause), 0);
	CHECK_INT(tokens_load("https://127.0.0.1:8080", &back, &cause), 0);

	/* A stored token others could read is refused, not used. */
	chmod(path, 0644);
	CHECK_INT(tokens_load(t.server, &back, &cause), -1);
	CHECK(cause != NULL && strstr(cause, "is readable by others (mode "
	    "0644)") != NULL);
	free(cause);
	cause = NULL;
	chmod(path, 0600);

	/* Sign-out forgets it, and says whether there was one. */
	CHECK_INT(tokens_forget(t.server, &cause), 1);
	CHECK_INT(access(path, F_OK), -1);
	CHECK_INT(tokens_load(t.server, &back, &cause), 0);
	CHECK_INT(tokens_forget(t.server, &cause), 0);
	CHECK_INT(tokens_save(&t, &cause), 0);
	chmod(path, 0644);	/* an unsafe one goes all the same */
	CHECK_INT(tokens_forget(t.server, &cause), 1);
	CHECK_INT(access(path, F_OK), -1);
	CHECK_INT(tokens_forget(t.server, &cause), 0);
	CHECK(cause == NULL);
	free(path);
	stored_token_done(&t);
}

/* A write that fails leaves the old token whole and nothing else. */
static void
test_atomic_write(void)
{
	char	 dir[300], path[320], buf[64], *cause = NULL;
	int	 fd;
	ssize_t	 n;

	setup();
	snprintf(dir, sizeof dir, "%s/ro", home);
	mkdir(dir, 0700);
	snprintf(path, sizeof path, "%s/file", dir);
	CHECK_INT(file_write_atomic(path, "old", 3, 0600, &cause), 0);
	CHECK_INT(file_write_atomic(path, "new!", 4, 0600, &cause), 0);
	fd = open(path, O_RDONLY);
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	CHECK_STR(buf, "new!");

	/* A folder we cannot write to (root may, so only when not root). */
	chmod(dir, 0500);
	if (geteuid() != 0) {
		CHECK_INT(file_write_atomic(path, "newer", 5, 0600, &cause), -1);
		CHECK(cause != NULL && strstr(cause, "Permission denied") !=
		    NULL);
		free(cause);
		cause = NULL;
		fd = open(path, O_RDONLY);
		n = read(fd, buf, sizeof buf - 1);
		close(fd);
		buf[n > 0 ? n : 0] = '\0';
		CHECK_STR(buf, "new!");
	}
	chmod(dir, 0700);
	CHECK_INT(count_hidden(dir), 0);

	/*
	 * A write cut short (a full disk; here a file size limit, which
	 * binds root too), in a child so the limit stays there.
	 */
	{
		struct rlimit	rl = { 3, 3 };
		pid_t		pid;
		int		status;

		if ((pid = fork()) == 0) {
			signal(SIGXFSZ, SIG_IGN);
			setrlimit(RLIMIT_FSIZE, &rl);
			_exit(file_write_atomic(path, "longer than three", 17, 0600,
			    &cause) == -1 && strstr(cause, "File too large") !=
			    NULL ? 0 : 1);
		}
		CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
		    WEXITSTATUS(status) == 0);
		fd = open(path, O_RDONLY);
		n = read(fd, buf, sizeof buf - 1);
		close(fd);
		buf[n > 0 ? n : 0] = '\0';
		CHECK_STR(buf, "new!");
		CHECK_INT(count_hidden(dir), 0);
	}

	/* A rename that cannot happen (the target is a folder). */
	snprintf(path, sizeof path, "%s/sub", dir);
	mkdir(path, 0700);
	{
		char	inner[340];

		snprintf(inner, sizeof inner, "%s/x", path);
		fd = open(inner, O_WRONLY|O_CREAT, 0600);
		close(fd);
	}
	CHECK_INT(file_write_atomic(path, "data", 4, 0600, &cause), -1);
	CHECK(cause != NULL && strncmp(cause, "cannot write ", 13) == 0);
	free(cause);
	CHECK_INT(count_hidden(dir), 0);
}

/*
 * Every byte of a token file is read: a NUL does not end the file early,
 * and a file past the size limit is refused rather than cut.
 */
static void
test_token_file_whole(void)
{
	static const char	 nul[] = TOKEN "\n\0junk\n";
	char			 path[300], want[800], *big, *tok = NULL;
	char			*cause = NULL;
	size_t			 len = 70000;

	setup();
	snprintf(path, sizeof path, "%s/token", home);
	snprintf(want, sizeof want, "%s does not hold a token: expected the "
	    "token alone, on one line", path);
	write_bytes(path, nul, sizeof nul - 1, 0600);
	CHECK_INT(tokens_read_file(path, &tok, &cause), -1);
	CHECK_STR(cause, want);
	CHECK(tok == NULL);
	free(cause);
	cause = NULL;

	/* The token, then blanks up to the limit and more, then junk. */
	big = malloc(len);
	memset(big, ' ', len);
	memcpy(big, TOKEN, strlen(TOKEN));
	memcpy(big + len - 4, "junk", 4);
	write_bytes(path, big, len, 0600);
	CHECK_INT(tokens_read_file(path, &tok, &cause), -1);
	snprintf(want, sizeof want, "%s is larger than 65536 bytes: it does "
	    "not hold a token", path);
	CHECK_STR(cause, want);
	CHECK(tok == NULL);
	free(cause);
	cause = NULL;
	/* Up to the limit is fine. */
	write_bytes(path, big, 65536, 0600);
	CHECK_INT(tokens_read_file(path, &tok, &cause), 0);
	CHECK_STR(tok, TOKEN);
	free(tok);
	free(big);
	unlink(path);
}

/* A stored file that evtop did not write this way is forgotten. */
static void
test_stored_damaged(void)
{
	static const char	 nul[] = "{\"token\":\"" TOKEN "\"}\0junk";
	static const char	*escape = "{\"token\":\"" TOKEN "\",\"user\":"
	    "\"\\u001b[2Jops@example.com\"}";
	struct stored_token	 back;
	char			*path, *cause = NULL;

	setup();
	if ((path = tokens_path("https://d.example", 1, &cause)) == NULL)
		abort();
	write_file(path, "{\"token\":\"" TOKEN "\"}", 0600);
	CHECK_INT(tokens_load("https://d.example", &back, &cause), 1);
	stored_token_done(&back);

	write_bytes(path, nul, sizeof nul - 1, 0600);
	CHECK_INT(tokens_load("https://d.example", &back, &cause), 0);
	CHECK(back.token == NULL);
	CHECK_INT(access(path, F_OK), -1);

	write_file(path, escape, 0600);
	CHECK_INT(tokens_load("https://d.example", &back, &cause), 0);
	CHECK(back.token == NULL);
	CHECK_INT(access(path, F_OK), -1);
	CHECK(cause == NULL);
	free(path);
}

static void
test_cleanup(void)
{
	char	cmd[300];

	snprintf(cmd, sizeof cmd, "chmod -R u+w '%s'; rm -rf '%s'", home,
	    home);
	if (home_made)
		(void)!system(cmd);
}

/* A kept sign-in's file name: it must not change between versions. */
static void
test_file_names(void)
{
	static const char *const cases[][2] = {
		{ "https://ev.example.com", "/https_ev.example.com_443" },
		{ "https://ev.example.com/x", "/https_ev.example.com_443_x" },
		{ "http://ev.example.com", "/http_ev.example.com_80" },
		{ "http://127.0.0.1:8080", "/http_127.0.0.1_8080" },
		{ "https://EV.Example.com:8443/a/b",
		    "/https_EV.Example.com_8443_a_b" },
		{ "http://[::1]:9000", "/http____1__9000" },
	};
	char	*path, *cause = NULL;
	size_t	 i;

	setup();
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		path = tokens_path(cases[i][0], 0, &cause);
		CHECK(path != NULL);
		if (path != NULL)
			CHECK_STR(strrchr(path, '/'), cases[i][1]);
		free(path);
	}
}

TEST_MAIN(
	TEST_CASE(test_token_file_permissions),
	TEST_CASE(test_store_and_load),
	TEST_CASE(test_file_names),
	TEST_CASE(test_atomic_write),
	TEST_CASE(test_token_file_whole),
	TEST_CASE(test_stored_damaged),
	TEST_CASE(test_cleanup)
)
