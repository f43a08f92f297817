#include "support-mock.h"

#include <sys/wait.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "support-proc.h"

/* Milliseconds: only a guard against hangs (sanitizer builds start slowly). */
#define SUPPORT_MOCK_START_MS	60000
#define SUPPORT_MOCK_MAX_ARGS	32

int
support_mock_start(struct mockproc *mp, const char *const *extra,
    int stderr_fd)
{
	const char	*argv[SUPPORT_MOCK_MAX_ARGS + 3];
	char		*cause = NULL;
	size_t		 n = 0;

	argv[n++] = "--hash-cost";
	argv[n++] = "4";
	while (extra != NULL && *extra != NULL && n < SUPPORT_MOCK_MAX_ARGS)
		argv[n++] = *extra++;
	argv[n] = NULL;
	if (getenv("EVTOP_MOCK") == NULL) {
		fprintf(stderr, "EVTOP_MOCK names no evtop-mock binary\n");
		return (-1);
	}
	if (mockproc_start(mp, getenv("EVTOP_MOCK"), argv, stderr_fd,
	    SUPPORT_MOCK_START_MS, &cause) != 0) {
		fprintf(stderr, "cannot start evtop-mock: %s\n", cause);
		free(cause);
		return (-1);
	}
	return (0);
}

int
support_mock_stop(struct mockproc *mp)
{
	int	status;

	status = support_proc_stop(mp->pid);
	mp->pid = -1;
	free(mp->url);
	mp->url = NULL;
	return (status);
}

int
support_mock_run(const char *flag, const char *value, char *out,
    size_t len)
{
	const char	*path = getenv("EVTOP_MOCK");
	size_t		 used = 0;
	ssize_t		 n;
	pid_t		 pid;
	int		 fds[2], status;

	out[0] = '\0';
	if (path == NULL || pipe(fds) != 0)
		return (-1);
	if ((pid = fork()) == -1) {
		close(fds[0]);
		close(fds[1]);
		return (-1);
	}
	if (pid == 0) {
		dup2(fds[1], STDOUT_FILENO);
		dup2(fds[1], STDERR_FILENO);
		close(fds[0]);
		close(fds[1]);
		execl(path, path, "--listen", "127.0.0.1:0", flag, value,
		    (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	while (used < len - 1 &&
	    (n = read(fds[0], out + used, len - 1 - used)) > 0)
		used += (size_t)n;
	out[used] = '\0';
	close(fds[0]);
	if (waitpid(pid, &status, 0) != pid)
		return (-1);
	return (WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

void
support_call(const char *base, const char *method, const char *path,
    const char *body, const char *token, const char *header,
    struct request *req)
{
	memset(req, 0, sizeof *req);
	req->method = method;
	snprintf(req->path, sizeof req->path, "%s", path);
	req->body = body;
	req->token = token;
	req->header = header;
	support_http_request(base, req);
}

long
support_status(const char *base, const char *method, const char *path,
    const char *body, const char *token)
{
	struct request	req;
	long		status;

	support_call(base, method, path, body, token, NULL, &req);
	status = req.reply.status;
	reply_done(&req.reply);
	return (status);
}

char *
support_login_id(const char *base, const char *email, const char *password,
    int64_t *id)
{
	struct request	 req;
	json_t		*body;
	char		*text, *token = NULL;

	body = json_pack("{ss ss}", "email", email, "password", password);
	text = json_dumps(body, JSON_COMPACT);
	support_call(base, "POST", "/api/auth/login", text, NULL, NULL, &req);
	if (req.reply.status == 200 &&
	    get_str(req.reply.json, "token") != NULL) {
		token = strdup(get_str(req.reply.json, "token"));
		if (id != NULL)
			*id = get_int(json_object_get(req.reply.json,
			    "user"), "id");
	}
	reply_done(&req.reply);
	free(text);
	json_decref(body);
	return (token);
}

const char *
get_str(const json_t *obj, const char *key)
{
	return (json_string_value(json_object_get(obj, key)));
}

int64_t
get_int(const json_t *obj, const char *key)
{
	return (json_integer_value(json_object_get(obj, key)));
}

const char *
field_error(const struct request *req, const char *field)
{
	const char	*name;
	json_t		*e;
	size_t		 i;

	json_array_foreach(json_object_get(req->reply.json, "errors"), i, e) {
		name = get_str(e, "field");
		if (name != NULL && strcmp(name, field) == 0)
			return (get_str(e, "message"));
	}
	return (NULL);
}
