/*
 * HTTPS against a real TLS server on loopback: a throwaway CA and a
 * certificate for 127.0.0.1 made with the openssl tool, served by
 * "openssl s_server -www".  Untrusted without --cacert (the sentence says
 * so), trusted with it, and let through with --insecure.  s_server answers
 * HTML, so a parse failure (API_ERR_FAILED) is what a finished handshake
 * looks like here.
 */
#include <sys/socket.h>
#include <sys/wait.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <uv.h>

#include "api.h"
#include "mockproc.h"
#include "store.h"

#include "test.h"

#define GIVE_UP_MS	20000
#define READY_MS	15000

static char		 dir[] = "/tmp/evtop-tls-XXXXXX";
static int		 dir_made;
static char		 ca[128];
static pid_t		 server = -1;
static int		 server_out = -1;	/* its stdout, kept open */
static int		 port;
static int		 ready;

static uv_loop_t	 loop;
static uv_timer_t	 give_up;
static int		 gave_up;
static struct store	*store;
static int		 done, status;
static char		*cause;

/* Runs a shell command in dir; 0 when it exits 0. */
static int
run(const char *what)
{
	char	*cmd;
	int	 r;

	if (asprintf(&cmd, "cd '%s' && %s", dir, what) < 0)
		abort();
	r = system(cmd);
	if (r != 0)
		fprintf(stderr, "failed (%d): %s\n", r, cmd);
	free(cmd);
	return (r == 0 ? 0 : -1);
}

/* A port that was free a moment ago. */
static int
free_port(void)
{
	struct sockaddr_in	sin;
	socklen_t		len = sizeof sin;
	int			fd, p = -1;

	if ((fd = socket(AF_INET, SOCK_STREAM, 0)) < 0)
		return (-1);
	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(fd, (struct sockaddr *)&sin, sizeof sin) == 0 &&
	    getsockname(fd, (struct sockaddr *)&sin, &len) == 0)
		p = ntohs(sin.sin_port);
	close(fd);
	return (p);
}

/* Starts s_server and waits for its ACCEPT line; 0 when it is listening. */
static int
start_server(void)
{
	struct pollfd	 pfd;
	char		 buf[4096], accept_on[64];
	size_t		 len = 0;
	ssize_t		 n;
	int		 out[2], devnull;

	if ((port = free_port()) < 0 || pipe(out) != 0)
		return (-1);
	snprintf(accept_on, sizeof accept_on, "127.0.0.1:%d", port);
	if ((server = fork()) < 0)
		return (-1);
	if (server == 0) {
		devnull = open("/dev/null", O_RDONLY);
		dup2(devnull, 0);
		dup2(out[1], 1);
		dup2(out[1], 2);
		close(out[0]);
		if (chdir(dir) != 0)
			_exit(127);
		execlp("openssl", "openssl", "s_server", "-accept", accept_on,
		    "-cert", "server.pem", "-key", "server.key", "-www",
		    (char *)NULL);
		_exit(127);
	}
	close(out[1]);
	pfd.fd = out[0];
	pfd.events = POLLIN;
	while (len < sizeof buf - 1 && poll(&pfd, 1, READY_MS) == 1) {
		if ((n = read(out[0], buf + len, sizeof buf - 1 - len)) <= 0)
			break;
		len += (size_t)n;
		buf[len] = '\0';
		if (strstr(buf, "ACCEPT") != NULL) {
			/* Kept open: s_server would die writing to it. */
			server_out = out[0];
			return (0);
		}
	}
	buf[len] = '\0';
	fprintf(stderr, "openssl s_server did not start on %s: %s\n",
	    accept_on, buf);
	close(out[0]);
	kill(server, SIGTERM);
	waitpid(server, NULL, 0);
	server = -1;
	return (-1);
}

static void
setup(void)
{
	int	tries;

	if (system("openssl version >/dev/null 2>&1") != 0) {
		fprintf(stderr, "the openssl command is missing: install the "
		    "Debian package openssl (scripts/install-deps.sh)\n");
		CHECK(0);
		return;
	}
	if (mkdtemp(dir) == NULL) {
		fprintf(stderr, "mkdtemp: %s\n", strerror(errno));
		CHECK(0);
		return;
	}
	dir_made = 1;
	snprintf(ca, sizeof ca, "%s/ca.pem", dir);
	CHECK_INT(run("openssl req -x509 -newkey ec -pkeyopt "
	    "ec_paramgen_curve:prime256v1 -nodes -keyout ca.key -out ca.pem "
	    "-days 2 -subj '/CN=evtop test CA' -addext "
	    "basicConstraints=critical,CA:TRUE -addext "
	    "keyUsage=critical,keyCertSign,cRLSign 2>/dev/null"), 0);
	CHECK_INT(run("openssl req -newkey ec -pkeyopt "
	    "ec_paramgen_curve:prime256v1 -nodes -keyout server.key -out "
	    "server.csr -subj '/CN=127.0.0.1' 2>/dev/null"), 0);
	CHECK_INT(run("printf 'subjectAltName=IP:127.0.0.1\\n"
	    "basicConstraints=CA:FALSE\\nextendedKeyUsage=serverAuth\\n' "
	    ">ext.cnf && openssl x509 -req -in server.csr -CA ca.pem -CAkey "
	    "ca.key -CAcreateserial -out server.pem -days 2 -extfile "
	    "ext.cnf 2>/dev/null"), 0);
	for (tries = 0; tries < 3 && !ready; tries++)
		ready = start_server() == 0;
	CHECK(ready);

	CHECK_INT(uv_loop_init(&loop), 0);
	uv_timer_init(&loop, &give_up);
	store = store_new();
}

static void
on_give_up(uv_timer_t *t)
{
	gave_up = 1;
}

static void
on_done(void *arg, int st, const char *why)
{
	done = 1;
	status = st;
	free(cause);
	cause = why != NULL ? strdup(why) : NULL;
}

/* One GET /api/events with these TLS options; status and cause are set. */
static void
fetch(const char *cacert, int insecure)
{
	struct api_options	 opts;
	struct api		*api;
	char			 url[64];

	snprintf(url, sizeof url, "https://127.0.0.1:%d", port);
	memset(&opts, 0, sizeof opts);
	opts.server = url;
	opts.cacert = cacert;
	opts.insecure = insecure;
	api = api_new(&loop, &opts, store, NULL, NULL);
	done = 0;
	status = 0;
	api_refresh_events(api, on_done, NULL);
	gave_up = 0;
	uv_timer_start(&give_up, on_give_up, GIVE_UP_MS, 0);
	while (!done && !gave_up)
		uv_run(&loop, UV_RUN_ONCE);
	uv_timer_stop(&give_up);
	CHECK(done);
	api_free(api);
	uv_run(&loop, UV_RUN_NOWAIT);
}

static void
test_untrusted(void)
{
	CHECK(ready);
	if (!ready)
		return;
	fetch(NULL, 0);
	CHECK_INT(status, API_ERR_UNREACHABLE);
	CHECK(cause != NULL && strstr(cause, "TLS certificate of 127.0.0.1 "
	    "not trusted (use --cacert FILE)") != NULL);
	if (cause != NULL)
		printf("# %s\n", cause);
	CHECK_INT(store_event_count(store), 0);
}

static void
test_cacert(void)
{
	CHECK(ready);
	if (!ready)
		return;
	fetch(ca, 0);
	CHECK_INT(status, API_ERR_FAILED);
	CHECK(cause != NULL && strstr(cause, "event list") != NULL);
	if (cause != NULL)
		printf("# %s\n", cause);
}

static void
test_insecure(void)
{
	CHECK(ready);
	if (!ready)
		return;
	fetch(NULL, 1);
	CHECK_INT(status, API_ERR_FAILED);
	CHECK(cause != NULL && strstr(cause, "event list") != NULL);
}

/* A CA file that is not there: a sentence naming --cacert. */
static void
test_missing_cacert(void)
{
	CHECK(ready);
	if (!ready)
		return;
	fetch("no-such-dir/ca.pem", 0);
	CHECK_INT(status, API_ERR_UNREACHABLE);
	CHECK(cause != NULL && strstr(cause, "--cacert") != NULL);
	if (cause != NULL)
		printf("# %s\n", cause);
}

/* https:// to a plain HTTP server: a sentence that says to use http://. */
static void
test_plain_http_port(void)
{
	static const char *const extra[] = { "--hash-cost", "4", NULL };
	struct mockproc	 plain;
	char		*why = NULL;
	int		 tls_port = port;

	if (mockproc_start(&plain, getenv("EVTOP_MOCK"), extra, -1, 60000,
	    &why) != 0) {
		fprintf(stderr, "no mock: %s\n", why);
		free(why);
		CHECK(0);
		return;
	}
	port = atoi(strrchr(plain.url, ':') + 1);
	fetch(NULL, 0);
	port = tls_port;
	CHECK_INT(status, API_ERR_UNREACHABLE);
	CHECK(cause != NULL && strstr(cause, "does not speak TLS on that "
	    "port (try http:// instead of https://)") != NULL);
	if (cause != NULL)
		printf("# %s\n", cause);
	mockproc_stop(&plain);
}

static void
teardown(void)
{
	if (server > 0) {
		kill(server, SIGTERM);
		waitpid(server, NULL, 0);
	}
	if (server_out != -1)
		close(server_out);
	if (dir_made)
		CHECK_INT(run("rm -f ca.key ca.pem ca.srl server.key server.csr "
		    "server.pem ext.cnf && cd / && rmdir \"$OLDPWD\""), 0);
	uv_close((uv_handle_t *)&give_up, NULL);
	uv_run(&loop, UV_RUN_DEFAULT);
	CHECK_INT(uv_loop_close(&loop), 0);
	store_free(store);
	free(cause);
}

TEST_MAIN(
	TEST_CASE(setup),
	TEST_CASE(test_untrusted),
	TEST_CASE(test_cacert),
	TEST_CASE(test_insecure),
	TEST_CASE(test_missing_cacert),
	TEST_CASE(test_plain_http_port),
	TEST_CASE(teardown)
)
