/*
 * evtop from scripts against a core-only server (support-core): batch
 * waits out a 429 and completes every snapshot, never asks for the
 * notifications such a server lacks, and says so; evtop info tells a
 * core-only server from one that could not be asked.
 */
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support-core.h"
#include "support-run.h"
#include "test.h"

#define UNREACHABLE	"http://127.0.0.1:1"

static char		 home[] = "/tmp/evtop-core-XXXXXX";
static int		 home_made;

/* evtop in the private HOME, with a token in EVTOP_TOKEN or none. */
static void
run(struct support_run *r, const char *const *args, const char *token)
{
	char		 env_token[4096];
	const char	*env[] = { env_token, NULL };

	snprintf(env_token, sizeof env_token, "EVTOP_TOKEN=%s",
	    token != NULL ? token : "");
	support_run(r, home, args, token != NULL ? env : NULL);
}

static void
report(const struct support_run *r)
{
	fprintf(stderr, "--- exit %d\n--- stdout:\n%s--- stderr:\n%s---\n",
	    r->status, r->out, r->err);
}

static int
count(const char *s, const char *what)
{
	int	n = 0;

	while ((s = strstr(s, what)) != NULL) {
		n++;
		s += strlen(what);
	}
	return (n);
}

static void
test_setup(void)
{
	CHECK(mkdtemp(home) != NULL);
	home_made = 1;
	CHECK(getenv("EVTOP_BIN") != NULL);
}

/*
 * evtop -b -n 3 -d 0.2 and a 429 with Retry-After: 2 and an HTML body:
 * it says so, waits, and prints all three; notifications are not asked.
 */
static void
test_batch_waits_out_429(void)
{
	struct core_server	*cs = core_start(NULL);
	struct core_counts	 n;
	struct support_run	 r;
	const char		*args[] = { "-s", NULL, "-b", "-n", "3", "-d",
	    "0.2", NULL };
	int			 before;

	if (cs == NULL) {
		CHECK(0);
		return;
	}
	args[1] = core_url(cs);
	core_refuse_next(cs, "GET /api/events", 1, 2);
	before = test_failures;
	run(&r, args, CORE_TOKEN_2);
	CHECK_INT(r.status, 0);
	CHECK(strstr(r.err, "evtop: the server asks to wait 2 s (rate limited): waiting\n")
	    != NULL);
	CHECK_INT(count(r.out, "Core event"), 3);
	CHECK_INT(count(r.out, "Notifications: this server keeps none\n"), 3);
	CHECK(strstr(r.out, "none yet") == NULL);
	core_counts(cs, &n);
	CHECK_INT(n.refused, 1);
	CHECK_INT(n.notifications, 0);
	CHECK_INT(n.meta, 1);
	CHECK_INT(n.events, 4);
	if (test_failures != before)
		report(&r);
	support_run_done(&r);

	/*
	 * Run again while the server still refuses: the sign-in itself
	 * gets the 429, and batch waits it out all the same.
	 */
	core_refuse_next(cs, "GET /api/users/profile", 1, 1);
	before = test_failures;
	args[4] = "2";
	run(&r, args, CORE_TOKEN_2);
	CHECK_INT(r.status, 0);
	CHECK(strstr(r.err, "evtop: the server asks to wait 1 s (rate limited): waiting\n")
	    != NULL);
	CHECK_INT(count(r.out, "Core event"), 2);
	if (test_failures != before)
		report(&r);
	support_run_done(&r);
	core_stop(cs);
}

/* JSON Lines: no notifications on a server that keeps none. */
static void
test_batch_json(void)
{
	struct core_options	 o = { .meta = CORE_HTML };
	struct core_server	*cs = core_start(&o);
	struct core_counts	 n;
	struct support_run	 r;
	json_t			*doc;
	const char		*args[] = { "-s", NULL, "-b", "--json", NULL };
	int			 before = test_failures;

	if (cs == NULL) {
		CHECK(0);
		return;
	}
	args[1] = core_url(cs);
	run(&r, args, CORE_TOKEN_2);
	CHECK_INT(r.status, 0);
	doc = json_loads(r.out, 0, NULL);
	CHECK(json_is_null(json_object_get(doc, "notifications")));
	CHECK_INT(json_array_size(json_object_get(doc, "events")), 1);
	json_decref(doc);
	core_counts(cs, &n);
	CHECK_INT(n.notifications, 0);
	if (test_failures != before)
		report(&r);
	support_run_done(&r);
	core_stop(cs);
}

/* evtop info: core-only only when the server said so. */
static void
test_info(void)
{
	static const struct {
		enum core_answer	 meta;
		const char		*says;
		int			 core;
	} cases[] = {
		{ CORE_500, "server says:  /api/meta answered 500: a core-only "
		    "server (polling, no live counters, no notifications)\n", 1 },
		{ CORE_404, "server says:  /api/meta answered 404: a core-only "
		    "server", 1 },
		{ CORE_HTML, "server says:  /api/meta answered 200 with "
		    "something that is not JSON: a core-only server", 1 },
		{ CORE_429, "server says:  nothing, so evtop cannot tell what "
		    "it offers: the server asks to wait 5 s (rate limited)\n",
		    0 },
	};
	struct core_options	 o;
	struct core_server	*cs;
	struct support_run	 r;
	json_t			*doc;
	const char		*args[] = { "info", "-s", NULL, NULL, NULL };
	size_t			 i;
	int			 before;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		memset(&o, 0, sizeof o);
		o.meta = cases[i].meta;
		if ((cs = core_start(&o)) == NULL) {
			CHECK(0);
			return;
		}
		before = test_failures;
		args[2] = core_url(cs);
		args[3] = NULL;
		run(&r, args, NULL);
		CHECK_INT(r.status, 0);
		CHECK(strstr(r.out, cases[i].says) != NULL);
		CHECK((strstr(r.out, "core-only") != NULL) == cases[i].core);
		if (test_failures != before)
			report(&r);
		support_run_done(&r);

		args[3] = "--json";
		run(&r, args, NULL);
		doc = json_loads(r.out, 0, NULL);
		CHECK_INT(json_is_true(json_object_get(json_object_get(doc,
		    "meta"), "core_only")), cases[i].core);
		CHECK_INT(json_is_true(json_object_get(json_object_get(doc,
		    "meta"), "unknown")), !cases[i].core);
		json_decref(doc);
		support_run_done(&r);
		core_stop(cs);
	}

	/* Nothing answers: it cannot tell, and exits 3. */
	args[2] = UNREACHABLE;
	args[3] = NULL;
	run(&r, args, NULL);
	CHECK_INT(r.status, 3);
	CHECK(strstr(r.out, "server says:  nothing, so evtop cannot tell what "
	    "it offers: cannot reach") != NULL);
	CHECK(strstr(r.out, "core-only") == NULL);
	support_run_done(&r);
}

static void
test_cleanup(void)
{
	char	cmd[400];

	if (!home_made)
		return;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", home);
	CHECK_INT(system(cmd), 0);
}

TEST_MAIN(
	TEST_CASE(test_setup),
	TEST_CASE(test_batch_waits_out_429),
	TEST_CASE(test_batch_json),
	TEST_CASE(test_info),
	TEST_CASE(test_cleanup)
)
