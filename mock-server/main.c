/*
 * evtop-mock: the embedded Event API server.  Everything runs on one libuv
 * loop: the libwebsockets server, the simulator's timer and the signals.
 */
#include <sys/resource.h>

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <uv.h>

#include "auth.h"
#include "cache.h"
#include "clock.h"
#include "db.h"
#include "fault.h"
#include "guests-export.h"
#include "hub.h"
#include "log.h"
#include "mailq.h"
#include "metrics.h"
#include "mock.h"
#include "ratelimit.h"
#include "reminders.h"
#include "seed.h"
#include "server.h"
#include "simulate.h"
#include "stream.h"
#include "version.h"
#include "xmalloc.h"

struct options {
	char		*host;
	int		 port;
	const char	*db;
	const char	*seed;
	const char	*admin;
	double		 simulate;
	int		 hash_cost;
	long		 token_ttl;
	const char	*secret_file;
	long		 ws_replay;
	int		 verbose;
	struct mailq_params mail;	/* --mail-* */
	/* HTTP behaviour */
	unsigned	 rate_limit;	/* requests per window; 0 = off */
	unsigned	 rate_window;	/* seconds */
	struct fault_spec fault;
};

enum {
	OPT_LISTEN = 256,
	OPT_DB,
	OPT_SEED,
	OPT_ADMIN,
	OPT_SIMULATE,
	OPT_HASH_COST,
	OPT_TOKEN_TTL,
	OPT_SECRET_FILE,
	OPT_WS_REPLAY,
	OPT_MAIL_RATE,
	OPT_MAIL_FAILURE_RATE,
	OPT_MAIL_RETRY_MS,
	OPT_RATE_LIMIT,
	OPT_FAULT,
};

/* Every flag with its help text: --help is printed from this table. */
static const struct {
	struct option	 opt;
	const char	*arg;
	const char	*help;
} main_options[] = {
	{ { "listen", required_argument, NULL, OPT_LISTEN }, "HOST:PORT",
	  "address to listen on (default 127.0.0.1:8080; port 0 picks a "
	  "free one)" },
	{ { "db", required_argument, NULL, OPT_DB }, "FILE",
	  "keep data in this SQLite file (default: in memory only)" },
	{ { "seed", required_argument, NULL, OPT_SEED }, "demo|big|N",
	  "create demo accounts and events (N: that many events; big: 10,000 "
	  "events, one with 500,000 guests) and print the accounts" },
	{ { "admin", required_argument, NULL, OPT_ADMIN }, "EMAIL:PASSWORD",
	  "make sure this admin account exists with this password" },
	{ { "simulate", required_argument, NULL, OPT_SIMULATE }, "RATE",
	  "simulated actions per second, at random intervals "
	  "(registrations, door scans, RSVPs, chat, notifications); 0 = off" },
	{ { "hash-cost", required_argument, NULL, OPT_HASH_COST }, "N",
	  "bcrypt cost, 4..15 (default 10; tests use 4)" },
	{ { "token-ttl", required_argument, NULL, OPT_TOKEN_TTL }, "SECONDS",
	  "lifetime of issued tokens (default 86400)" },
	{ { "secret-file", required_argument, NULL, OPT_SECRET_FILE }, "FILE",
	  "token signing secret (default: 32 random bytes per run)" },
	{ { "ws-replay", required_argument, NULL, OPT_WS_REPLAY }, "N",
	  "WebSocket envelopes kept for clients that reconnect with since "
	  "(default 4096; older gaps get a resync)" },
	{ { "mail-rate", required_argument, NULL, OPT_MAIL_RATE }, "N",
	  "invitation mails delivered per second, 0..10000 (default 1000; "
	  "0 holds them all in the queue)" },
	{ { "mail-failure-rate", required_argument, NULL,
	    OPT_MAIL_FAILURE_RATE }, "P",
	  "chance that one delivery attempt fails, 0..1 (default 0.02); "
	  "a mail is tried 5 times" },
	{ { "mail-retry-ms", required_argument, NULL, OPT_MAIL_RETRY_MS }, "MS",
	  "delay before a failed mail's first retry, doubling each time "
	  "(default 2000)" },
	{ { "rate-limit", required_argument, NULL, OPT_RATE_LIMIT },
	  "N/SECONDS", "at most N requests per client address per SECONDS "
	  "(or 15m, 1h), then 429; /health, /api/health and /metrics are "
	  "exempt (default: off)" },
	{ { "fault", required_argument, NULL, OPT_FAULT },
	  "LIST", "latency=MS,error-rate=P,drop-ws=SECONDS, any of them: "
	  "delay every answer; fail that fraction of /api requests with "
	  "500/503; close every WebSocket that often" },
	{ { "verbose", no_argument, NULL, 'v' }, NULL,
	  "log every request (and libwebsockets warnings) to stderr" },
	{ { "version", no_argument, NULL, 'V' }, NULL,
	  "print the version and exit" },
	{ { "help", no_argument, NULL, 'h' }, NULL,
	  "print this help and exit" },
};
#define MAIN_NOPTIONS (sizeof main_options / sizeof main_options[0])

/* Set by the signal handler; the loop is then wound down. */
struct main_state {
	struct mock	 *m;
	struct server	 *server;
	struct simulate	 *sim;
	uv_signal_t	  sigterm;
	uv_signal_t	  sigint;
	int		  stopping;
};

static void
main_usage(FILE *f)
{
	char	 left[64];
	size_t	 i;

	fprintf(f, "usage: %s [options]\n\n"
	    "The Event API server bundled with evtop (see docs/evtop-mock.md)."
	    "\nIt prints the demo accounts, then \"listening on URL\" as its "
	    "last line on stdout.\n\n", MOCK_NAME);
	for (i = 0; i < MAIN_NOPTIONS; i++) {
		const struct option	*o = &main_options[i].opt;

		if (o->val < 256)
			snprintf(left, sizeof left, "-%c, --%s%s%s", o->val,
			    o->name, main_options[i].arg ? " " : "",
			    main_options[i].arg ? main_options[i].arg : "");
		else
			snprintf(left, sizeof left, "    --%s%s%s", o->name,
			    main_options[i].arg ? " " : "",
			    main_options[i].arg ? main_options[i].arg : "");
		fprintf(f, "  %-28s %s\n", left, main_options[i].help);
	}
}

static void
main_die(const char *fmt, const char *arg)
{
	fprintf(stderr, "%s: ", MOCK_NAME);
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n");
	exit(2);
}

static long
main_number(const char *s, long min, long max, const char *what)
{
	char	*end;
	long	 n;

	errno = 0;
	n = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno != 0 || n < min || n > max) {
		fprintf(stderr, "%s: %s must be a whole number from %ld to "
		    "%ld, not \"%s\"\n", MOCK_NAME, what, min, max, s);
		exit(2);
	}
	return (n);
}

static double
main_real(const char *s, double min, double max, const char *what)
{
	char	*end;
	double	 d;

	errno = 0;
	d = strtod(s, &end);
	if (*s == '\0' || *end != '\0' || errno != 0 || !(d >= min &&
	    d <= max)) {
		fprintf(stderr, "%s: %s must be a number from %g to %g, not "
		    "\"%s\"\n", MOCK_NAME, what, min, max, s);
		exit(2);
	}
	return (d);
}

static void
main_parse_listen(struct options *o, const char *arg)
{
	const char	*colon;

	colon = strrchr(arg, ':');
	if (colon == NULL || colon == arg)
		main_die("--listen wants HOST:PORT, like 127.0.0.1:8080, not "
		    "\"%s\"", arg);
	free(o->host);
	o->host = xstrndup(arg, (size_t)(colon - arg));
	if (o->host[0] == '[' && o->host[strlen(o->host) - 1] == ']') {
		memmove(o->host, o->host + 1, strlen(o->host));
		o->host[strlen(o->host) - 1] = '\0';
	}
	o->port = (int)main_number(colon + 1, 0, 65535, "the --listen port");
}

static void
main_parse(struct options *o, int argc, char **argv)
{
	struct option	longopts[MAIN_NOPTIONS + 1];
	char		*end, *cause = NULL;
	size_t		 i;
	int		 ch;

	memset(longopts, 0, sizeof longopts);
	for (i = 0; i < MAIN_NOPTIONS; i++)
		longopts[i] = main_options[i].opt;
	while ((ch = getopt_long(argc, argv, "vVh", longopts, NULL)) != -1) {
		switch (ch) {
		case OPT_LISTEN:
			main_parse_listen(o, optarg);
			break;
		case OPT_DB:
			o->db = optarg;
			break;
		case OPT_SEED:
			if (strcmp(optarg, "demo") != 0 &&
			    strcmp(optarg, "big") != 0)
				main_number(optarg, 1, 100000,
				    "--seed (demo, big or a number of events)");
			o->seed = optarg;
			break;
		case OPT_ADMIN:
			if (strchr(optarg, ':') == NULL)
				main_die("--admin wants EMAIL:PASSWORD, not "
				    "\"%s\"", optarg);
			o->admin = optarg;
			break;
		case OPT_SIMULATE:
			errno = 0;
			o->simulate = strtod(optarg, &end);
			if (*optarg == '\0' || *end != '\0' || errno != 0 ||
			    !(o->simulate >= 0 && o->simulate <= 1000))
				main_die("--simulate wants actions per second "
				    "from 0 to 1000, not \"%s\"", optarg);
			break;
		case OPT_HASH_COST:
			o->hash_cost = (int)main_number(optarg, AUTH_COST_MIN,
			    AUTH_COST_MAX, "--hash-cost");
			break;
		case OPT_TOKEN_TTL:
			o->token_ttl = main_number(optarg, 1, 10L * 365 * 86400,
			    "--token-ttl");
			break;
		case OPT_SECRET_FILE:
			o->secret_file = optarg;
			break;
		case OPT_WS_REPLAY:
			o->ws_replay = main_number(optarg, 1, 1000000,
			    "--ws-replay");
			break;
		case OPT_MAIL_RATE:
			o->mail.rate = main_real(optarg, 0, MAILQ_RATE_MAX,
			    "--mail-rate (mails per second)");
			break;
		case OPT_MAIL_FAILURE_RATE:
			o->mail.failure_rate = main_real(optarg, 0, 1,
			    "--mail-failure-rate (a chance)");
			break;
		case OPT_MAIL_RETRY_MS:
			o->mail.retry_ms = main_number(optarg, 1,
			    MAILQ_RETRY_MS_MAX, "--mail-retry-ms");
			break;
		case OPT_RATE_LIMIT:
			if (ratelimit_parse(optarg, &o->rate_limit,
			    &o->rate_window, &cause) != 0)
				main_die("%s", cause);
			break;
		case OPT_FAULT:
			if (fault_parse(optarg, &o->fault, &cause) != 0)
				main_die("%s", cause);
			break;
		case 'v':
			o->verbose = 1;
			break;
		case 'V':
			printf("%s %s (%s)\n", MOCK_NAME, EVTOP_VERSION,
			    EVTOP_GIT);
			exit(0);
		case 'h':
			main_usage(stdout);
			exit(0);
		default:
			/* getopt_long has named the option on stderr. */
			fprintf(stderr, "Try '%s --help'.\n", MOCK_NAME);
			exit(2);
		}
	}
	if (optind < argc)
		main_die("unexpected argument \"%s\" (see --help)",
		    argv[optind]);
	/* A test's fixed clock that is not a time is not quietly ignored. */
	if (clock_check(&cause) != 0)
		main_die("%s", cause);
}

static void
main_close_signal(uv_handle_t *handle)
{
	(void)handle;
}

static void
main_on_signal(uv_signal_t *sig, int signum)
{
	struct main_state	*st = sig->data;

	(void)signum;
	if (st->stopping)
		return;
	st->stopping = 1;
	uv_signal_stop(&st->sigterm);
	uv_signal_stop(&st->sigint);
	uv_close((uv_handle_t *)&st->sigterm, main_close_signal);
	uv_close((uv_handle_t *)&st->sigint, main_close_signal);
	simulate_free(st->sim);
	st->sim = NULL;
	mailq_free(st->m->mailq);
	st->m->mailq = NULL;
	reminders_free(st->m->reminders);
	st->m->reminders = NULL;
	server_shutdown(st->server);
}

/* Open files evtop-mock asks for: one per client, and some to spare. */
#define MAIN_NOFILE_MAX	65536

/*
 * Raises the soft limit on open files towards the hard one, before
 * libwebsockets sizes its tables from it: the usual soft limit of 1024
 * would turn WebSocket clients away long before 10,000.
 */
static void
main_raise_nofile(void)
{
	struct rlimit	rl;
	rlim_t		want;

	if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
		return;
	want = rl.rlim_max;
	if (want == RLIM_INFINITY || want > MAIN_NOFILE_MAX)
		want = MAIN_NOFILE_MAX;
	if (rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur >= want)
		return;
	rl.rlim_cur = want;
	setrlimit(RLIMIT_NOFILE, &rl);
}

/*
 * EVTOP_MOCK_EXPORT_ROWS: how many rows the guest export reads at a time
 * (tests make it small, to see an export leave in many chunks).
 */
static size_t
main_export_rows(void)
{
	const char	*s = getenv("EVTOP_MOCK_EXPORT_ROWS");
	char		*end;
	long long	 n;

	if (s == NULL || *s == '\0')
		return (0);
	errno = 0;
	n = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || n < 1 ||
	    n > GUESTS_EXPORT_ROWS_MAX) {
		fprintf(stderr, "%s: EVTOP_MOCK_EXPORT_ROWS must be a number "
		    "from 1 to %d; using %d\n", MOCK_NAME,
		    GUESTS_EXPORT_ROWS_MAX, GUESTS_EXPORT_ROWS);
		return (0);
	}
	return ((size_t)n);
}

/* Builds the state, or prints why not and returns -1. */
static int
main_setup(struct mock *m, const struct options *o)
{
	char	*secret = NULL, *cause = NULL, *email, *password;
	size_t	 len = 0;
	time_t	 now = clock_now();
	int	 rc = -1;

	if (o->secret_file != NULL &&
	    auth_read_secret(o->secret_file, &secret, &len, &cause) != 0)
		goto out;
	m->auth = auth_new(secret, len, o->hash_cost, o->token_ttl);
	if ((m->db = db_open(o->db, &cause)) == NULL)
		goto out;
	m->hub = hub_new((size_t)o->ws_replay, HUB_QUEUE_DEFAULT);
	/* Seqs of an earlier run stay behind (a client may hold them). */
	stream_resume(m);
	m->cache = cache_new(CACHE_ENTRIES_DEFAULT, CACHE_BYTES_DEFAULT);
	m->metrics = metrics_new();
	m->export_rows = main_export_rows();
	if (o->rate_limit > 0)
		m->ratelimit = ratelimit_new(o->rate_limit, o->rate_window);
	m->fault = fault_new(&o->fault, (uint64_t)now ^
	    ((uint64_t)getpid() << 32));

	if (o->seed != NULL) {
		if (o->db != NULL) {
			sqlite3_stmt	*stmt;

			stmt = db_stmt(m->db, "SELECT COUNT(*) FROM users");
			if (db_int(m->db, stmt, 0) > 0) {
				fprintf(stderr, "%s: %s already holds data: "
				    "not seeding again\n", MOCK_NAME, o->db);
				goto admin;
			}
		}
		if (strcmp(o->seed, "big") == 0) {
			if (seed_big(m, now, &cause) != 0)
				goto out;
		} else if (seed_demo(m, now, strcmp(o->seed, "demo") == 0 ? 0 :
		    atoi(o->seed), &cause) != 0)
			goto out;
	}
admin:
	if (o->admin != NULL) {
		email = xstrdup(o->admin);
		password = strchr(email, ':');
		*password++ = '\0';
		rc = seed_admin(m, email, password, now, &cause);
		free(email);
		if (rc != 0)
			goto out;
	}
	rc = 0;
out:
	if (rc != 0)
		log_warnx("%s", cause);
	free(cause);
	if (secret != NULL)
		memset(secret, 0, len);
	free(secret);
	return (rc);
}

int
main(int argc, char **argv)
{
	struct options		 o;
	struct mock		 m;
	struct main_state	 st;
	uv_loop_t		 loop;
	char			*cause = NULL;
	int			 rc = 1;

	memset(&o, 0, sizeof o);
	o.host = xstrdup("127.0.0.1");
	o.port = 8080;
	o.hash_cost = AUTH_COST_DEFAULT;
	o.token_ttl = 86400;
	o.ws_replay = HUB_RING_DEFAULT;
	mailq_params_default(&o.mail);
	main_parse(&o, argc, argv);
	log_init(MOCK_NAME, stderr);
	log_set_verbose(o.verbose);

	signal(SIGPIPE, SIG_IGN);
	main_raise_nofile();
	server_set_log_level(o.verbose);

	memset(&m, 0, sizeof m);
	m.started = mock_now_monotonic();
	m.verbose = o.verbose;
	memset(&st, 0, sizeof st);
	st.m = &m;
	uv_loop_init(&loop);

	if (main_setup(&m, &o) != 0)
		goto out;
	st.server = server_new(&m, &loop);
	if (server_listen(st.server, o.host, o.port, &cause) != 0) {
		log_warnx("%s", cause);
		free(cause);
		if (server_broken(st.server))
			exit(1);
		goto out;
	}
	uv_signal_init(&loop, &st.sigterm);
	uv_signal_init(&loop, &st.sigint);
	st.sigterm.data = st.sigint.data = &st;
	uv_signal_start(&st.sigterm, main_on_signal, SIGTERM);
	uv_signal_start(&st.sigint, main_on_signal, SIGINT);
	if (o.simulate > 0)
		st.sim = simulate_new(&m, &loop, o.simulate);
	m.mailq = mailq_new(&m, &o.mail);
	mailq_start(m.mailq, &loop);
	m.reminders = reminders_new(&m, &loop);

	if (o.seed != NULL)
		seed_print_accounts(stdout);
	printf("listening on http://%s:%d\n", o.host, server_port(st.server));
	fflush(stdout);

	uv_run(&loop, UV_RUN_DEFAULT);
	rc = 0;
out:
	uv_run(&loop, UV_RUN_DEFAULT);
	server_free(st.server);
	/* Where the stream stopped: the next run's clients carry on. */
	if (m.hub != NULL && stream_stop(&m, &cause) != 0) {
		log_warnx("%s", cause);
		free(cause);
	}
	if (uv_loop_close(&loop) != 0)
		log_info("some handles were still open at exit");
	hub_free(m.hub);
	cache_free(m.cache);
	metrics_free(m.metrics);
	ratelimit_free(m.ratelimit);
	fault_free(m.fault);
	db_close(m.db);
	auth_free(m.auth);
	free(o.host);
	return (rc);
}
