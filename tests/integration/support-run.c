#include "support-run.h"

#include <sys/wait.h>

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *
support_slurp(const char *path)
{
	FILE	*f = fopen(path, "r");
	char	*buf;
	long	 len;

	if (f == NULL)
		return (strdup(""));
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	buf = calloc(1, (size_t)len + 1);
	if (fread(buf, 1, (size_t)len, f) != (size_t)len)
		buf[0] = '\0';
	fclose(f);
	return (buf);
}

/* In the child: the private folders, then the caller's entries. */
static void
support_run_env(const char *home, const char *const *env)
{
	char	*name, *eq;

	setenv("HOME", home, 1);
	setenv("XDG_CONFIG_HOME", home, 1);
	setenv("XDG_STATE_HOME", home, 1);
	setenv("XDG_CACHE_HOME", home, 1);
	unsetenv("EVTOP_SERVER");
	unsetenv("EVTOP_TOKEN");
	unsetenv("EVTOP_PROFILE");
	unsetenv("EVTOP_CONFIG");
	for (; env != NULL && *env != NULL; env++) {
		name = strdup(*env);
		if ((eq = strchr(name, '=')) != NULL) {
			*eq = '\0';
			setenv(name, eq + 1, 1);
		}
		free(name);
	}
}

void
support_run(struct support_run *r, const char *home, const char *const *args,
    const char *const *env)
{
	support_run_input(r, home, args, env, NULL);
}

void
support_run_input(struct support_run *r, const char *home,
    const char *const *args, const char *const *env, const char *input)
{
	const char	*argv[24] = { getenv("EVTOP_BIN") };
	char		 out[300], err[300], in[300];
	int		 argc = 1, status, fd;
	pid_t		 pid;
	FILE		*f;

	while (*args != NULL && argc < 23)
		argv[argc++] = *args++;
	argv[argc] = NULL;
	snprintf(out, sizeof out, "%s/stdout", home);
	snprintf(err, sizeof err, "%s/stderr", home);
	snprintf(in, sizeof in, "%s/stdin", home);
	if (input != NULL && (f = fopen(in, "w")) != NULL) {
		fputs(input, f);
		fclose(f);
	}
	if ((pid = fork()) == 0) {
		fd = open(input != NULL ? in : "/dev/null", O_RDONLY);
		dup2(fd, STDIN_FILENO);
		fd = open(out, O_WRONLY|O_CREAT|O_TRUNC, 0600);
		dup2(fd, STDOUT_FILENO);
		fd = open(err, O_WRONLY|O_CREAT|O_TRUNC, 0600);
		dup2(fd, STDERR_FILENO);
		support_run_env(home, env);
		execv(argv[0], (char *const *)(uintptr_t)argv);
		_exit(127);
	}
	r->status = -1;
	if (pid > 0 && waitpid(pid, &status, 0) == pid)
		r->status = WIFEXITED(status) ? WEXITSTATUS(status) :
		    128 + WTERMSIG(status);
	r->out = support_slurp(out);
	r->err = support_slurp(err);
	if (input != NULL)
		unlink(in);
}

void
support_run_done(struct support_run *r)
{
	free(r->out);
	free(r->err);
	r->out = r->err = NULL;
}
