/*
 * evtop-mock as an operator runs it: data kept in a --db file across
 * restarts and never seeded twice, an --admin account, tokens that outlive
 * a restart with the same --secret-file, a secret file others can read
 * refused, and bad flags refused with a sentence and status 2.
 */
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support-mock.h"
#include "test.h"

static char	 dir[] = "/tmp/evtop-mock-test.XXXXXX";
static char	 db[128], secret[128];
static char	*token;		/* from the first run */
static long long total_events = -1;

static int
start(struct mockproc *mp, const char *const *extra)
{
	return (support_mock_start(mp, extra, -1));
}

/* Signs in; returns the token (NULL if refused) and the account's role. */
static char *
login(const char *url, const char *email, const char *password,
    char *role, size_t rolelen)
{
	struct reply	 r;
	json_t		*body;
	const char	*tok, *got;
	char		*text, *out = NULL;

	body = json_pack("{ss ss}", "email", email, "password", password);
	text = json_dumps(body, JSON_COMPACT);
	support_http(url, "POST", "/api/auth/login", text, NULL, &r);
	tok = json_string_value(json_object_get(r.json, "token"));
	got = json_string_value(json_object_get(json_object_get(r.json,
	    "user"), "role"));
	if (r.status == 200 && tok != NULL)
		out = strdup(tok);
	if (role != NULL)
		snprintf(role, rolelen, "%s", got != NULL ? got : "");
	free(text);
	json_decref(body);
	reply_done(&r);
	return (out);
}

static long long
count_events(const char *url)
{
	struct reply	r;
	long long	n = -1;

	support_http(url, "GET", "/api/events?include_past=1", NULL, NULL, &r);
	if (r.status == 200 && json_is_integer(json_object_get(r.json,
	    "total")))
		n = json_integer_value(json_object_get(r.json, "total"));
	reply_done(&r);
	return (n);
}

static void
setup(void)
{
	int	fd;

	CHECK(mkdtemp(dir) != NULL);
	snprintf(db, sizeof db, "%s/mock.db", dir);
	snprintf(secret, sizeof secret, "%s/secret", dir);
	fd = open(secret, O_WRONLY | O_CREAT | O_EXCL, 0600);
	CHECK(fd != -1);
	CHECK(write(fd, "a-secret-of-forty-bytes-for-tests-only!\n", 40) == 40);
	close(fd);
}

static void
test_first_run(void)
{
	const char *const extra[] = { "--db", db, "--seed", "demo",
	    "--secret-file", secret,
	    "--admin", "ops@example.com:s3cret-pass", NULL };
	struct mockproc	 mp;
	char		 role[32];
	char		*ops;

	if (start(&mp, extra) != 0) {
		CHECK(0);
		return;
	}
	token = login(mp.url, "admin@example.com", "evtop-demo", NULL, 0);
	CHECK(token != NULL);
	ops = login(mp.url, "ops@example.com", "s3cret-pass", role,
	    sizeof role);
	CHECK(ops != NULL);
	CHECK_STR(role, "admin");
	free(ops);
	CHECK(login(mp.url, "ops@example.com", "wrong", NULL, 0) == NULL);
	total_events = count_events(mp.url);
	CHECK(total_events >= 30);
	CHECK_INT(support_mock_stop(&mp), 0);
}

static void
test_restart_keeps_data_and_tokens(void)
{
	const char *const extra[] = { "--db", db, "--secret-file", secret,
	    NULL };
	struct mockproc	 mp;
	struct reply	 r;
	char		*again;

	if (start(&mp, extra) != 0) {
		CHECK(0);
		return;
	}
	CHECK_INT(count_events(mp.url), total_events);
	/* Same secret: the first run's token is still good. */
	support_http(mp.url, "GET", "/api/users/profile", NULL, token, &r);
	CHECK_INT(r.status, 200);
	reply_done(&r);
	again = login(mp.url, "admin@example.com", "evtop-demo", NULL, 0);
	CHECK(again != NULL);
	free(again);
	CHECK_INT(support_mock_stop(&mp), 0);
}

static void
test_seed_is_not_repeated(void)
{
	const char *const extra[] = { "--db", db, "--seed", "demo", NULL };
	struct mockproc	 mp;
	struct reply	 r;

	if (start(&mp, extra) != 0) {
		CHECK(0);
		return;
	}
	CHECK_INT(count_events(mp.url), total_events);
	/* Another secret this time: the old token is refused. */
	support_http(mp.url, "GET", "/api/users/profile", NULL, token, &r);
	CHECK_INT(r.status, 401);
	reply_done(&r);
	CHECK_INT(support_mock_stop(&mp), 0);
}

static void
test_bad_flags(void)
{
	static const struct {
		const char	*a1, *a2;
		int		 status;
		const char	*says;
	} cases[] = {
		{ "--listen", "nonsense", 2, "--listen wants HOST:PORT" },
		{ "--simulate", "5000", 2, "--simulate wants actions per "
		  "second" },
		{ "--hash-cost", "99", 2, "--hash-cost" },
		{ "--seed", "lots", 2, "--seed" },
		{ "--admin", "nobody", 2, "--admin wants EMAIL:PASSWORD" },
		{ "--bogus", NULL, 2, "Try 'evtop-mock --help'" },
		{ "--db", "/nonexistent/dir/x.db", 1, "cannot open database" },
		{ "--secret-file", "/nonexistent", 1, "cannot read secret "
		  "file" },
		{ "--rate-limit", "100", 2, "--rate-limit wants "
		  "REQUESTS/SECONDS" },
		{ "--rate-limit", "0/60", 2, "not 0" },
		{ "--fault", "jitter=5", 2, "does not know \"jitter\"" },
		{ "--fault", "latency=10,error-rate=2", 2, "error-rate wants "
		  "a fraction from 0 to 1" },
	};
	char	err[4096];
	size_t	i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		CHECK_INT(support_mock_run(cases[i].a1, cases[i].a2, err,
		    sizeof err), cases[i].status);
		if (strstr(err, cases[i].says) == NULL) {
			fprintf(stderr, "%s %s said: %s\n", cases[i].a1,
			    cases[i].a2 != NULL ? cases[i].a2 : "", err);
			CHECK(0);
		}
		CHECK(strstr(err, "listening on") == NULL);
	}
}

static void
test_secret_readable_by_others(void)
{
	char	err[4096];

	CHECK_INT(chmod(secret, 0644), 0);
	CHECK_INT(support_mock_run("--secret-file", secret, err,
	    sizeof err), 1);
	CHECK(strstr(err, "readable by group or others") != NULL);
	CHECK(strstr(err, "chmod 600") != NULL);
}

static void
test_help_names_every_flag(void)
{
	static const char *const flags[] = { "--listen", "--db", "--seed",
	    "--admin", "--simulate", "--hash-cost", "--token-ttl",
	    "--secret-file", "--verbose", "--version", "--help",
	    "--rate-limit", "--fault" };
	char	out[8192];
	size_t	i;

	CHECK_INT(support_mock_run("--help", NULL, out, sizeof out), 0);
	for (i = 0; i < sizeof flags / sizeof flags[0]; i++)
		CHECK(strstr(out, flags[i]) != NULL);
}

static void
teardown(void)
{
	free(token);
	unlink(secret);
	test_remove_sqlite(db);
	CHECK_INT(rmdir(dir), 0);
}

TEST_MAIN(
	TEST_CASE(setup),
	TEST_CASE(test_first_run),
	TEST_CASE(test_restart_keeps_data_and_tokens),
	TEST_CASE(test_seed_is_not_repeated),
	TEST_CASE(test_bad_flags),
	TEST_CASE(test_secret_readable_by_others),
	TEST_CASE(test_help_names_every_flag),
	TEST_CASE(teardown)
)
