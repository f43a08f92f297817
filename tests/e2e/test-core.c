/*
 * The dashboard against a core-only server (support-core), as an operator
 * sees it: /api/meta and /api/ws answer 500, so the header says polling
 * (not retrying), the log says the server keeps no notifications, and
 * another client's registration shows without a key being pressed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support-core.h"
#include "support-http.h"
#include "test.h"
#include "e2e.h"
#include "vt-harness.h"

/*
 * A core server (500 for /api/meta and /api/ws, 1000 requests per 15
 * minutes) and evtop signed in on it as user 2, polling every poll
 * seconds; NULL (after a failed CHECK) when either does not start.
 */
static struct vt *
core_dashboard(struct core_server **csp, const char *poll)
{
	struct core_options	 o = { .ws = CORE_500, .meta = CORE_500,
	    .limit = 1000 };
	struct vt		*vt;
	const char		*argv[] = { getenv("EVTOP_BIN"), "-s", NULL,
	    "--poll-interval", poll, NULL };
	const char		*env[] = { "EVTOP_TOKEN=" CORE_TOKEN_2, NULL };

	*csp = core_start(&o);
	if (*csp == NULL || argv[0] == NULL) {
		CHECK(0);
		core_stop(*csp);
		return (NULL);
	}
	argv[2] = core_url(*csp);
	if ((vt = vt_spawn(argv, env, 30, 100)) == NULL) {
		CHECK(0);
		core_stop(*csp);
	}
	return (vt);
}

static void
test_core_dashboard(void)
{
	/* The budget of 1000 per 15 minutes allows a poll every 2 s. */
	struct core_server	*cs;
	struct core_counts	 n;
	struct reply		 r;
	struct vt		*vt;

	if ((vt = core_dashboard(&cs, "1")) == NULL)
		return;
	e2e_expect(vt, "Core event", VT_DEADLINE_MS);
	e2e_expect(vt, "polling", VT_DEADLINE_MS);
	e2e_expect(vt, "This server keeps no notifications.", VT_DEADLINE_MS);
	e2e_expect(vt, "0/20", VT_DEADLINE_MS);
	CHECK(!vt_find(vt, "retrying", NULL, NULL));
	CHECK(!vt_find(vt, "cannot reach", NULL, NULL));

	/* Someone else registers; no key is pressed here. */
	support_http(core_url(cs), "POST", "/api/events/5/register", NULL,
	    CORE_TOKEN_3, &r);
	CHECK_INT(r.status, 201);
	reply_done(&r);
	e2e_expect(vt, "1/20", VT_DEADLINE_MS);

	/* No search on such a server: the events held, searched here. */
	vt_send_text(vt, ":search core\r");
	e2e_expect(vt, "searched here, the server has no search",
	    VT_DEADLINE_MS);
	e2e_expect(vt, "Search core: 1", VT_DEADLINE_MS);
	vt_send_key(vt, VTERM_KEY_ESCAPE);
	e2e_expect_gone(vt, "Search core", VT_DEADLINE_MS);

	core_counts(cs, &n);
	CHECK_INT(n.ws, 0);
	CHECK_INT(n.notifications, 0);
	/* Its 500 is taken as the answer when it comes three times. */
	CHECK_INT(n.meta, 3);
	CHECK_INT(n.refused, 0);
	if (test_failures)
		vt_dump(vt, stderr);
	vt_send_char(vt, 'q');
	CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 0);
	vt_free(vt);
	core_stop(cs);
}

/*
 * A sign-in answered 429: evtop says it waits, waits, and sends the same
 * password again; the user types it once and reaches the dashboard.
 */
static void
test_sign_in_rate_limited(void)
{
	struct core_options	 o = { .ws = CORE_500, .meta = CORE_500,
	    .limit = 1000 };
	struct core_server	*cs = core_start(&o);
	struct core_counts	 n;
	struct vt		*vt;
	const char		*argv[] = { getenv("EVTOP_BIN"), "-s", NULL,
	    "-u", "o@example.com", NULL };

	if (cs == NULL || argv[0] == NULL) {
		CHECK(0);
		core_stop(cs);
		return;
	}
	argv[2] = core_url(cs);
	core_refuse_next(cs, "POST /api/auth/login", 1, 1);
	if ((vt = vt_spawn(argv, NULL, 30, 100)) == NULL) {
		CHECK(0);
		core_stop(cs);
		return;
	}
	if (e2e_expect(vt, "Password for o@example.com", VT_DEADLINE_MS) ==
	    0) {
		vt_send_text(vt, "anything\r");
		e2e_expect(vt, "the server asks to wait 1 s (rate limited): waiting",
		    VT_DEADLINE_MS);
		e2e_expect(vt, "Core event", VT_DEADLINE_MS);
		CHECK(!vt_find(vt, "Password for", NULL, NULL));
		core_counts(cs, &n);
		CHECK_INT(n.refused, 1);
		vt_send_char(vt, 'q');
		CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 0);
	}
	vt_free(vt);
	core_stop(cs);
}

/*
 * + and - set the polling interval while polling, a step at a time, and
 * never faster than the server's budget allows (1000 in 15 minutes, of
 * which polls may spend 45%: a poll every 2 s and a little at most).
 */
static void
test_poll_interval(void)
{
	struct core_server	*cs;
	struct vt		*vt;

	if ((vt = core_dashboard(&cs, "10")) == NULL)
		return;
	e2e_expect(vt, "polling", VT_DEADLINE_MS);
	e2e_expect(vt, "0/20", VT_DEADLINE_MS);
	vt_send_char(vt, '-');
	e2e_expect(vt, "Polling every 15 s", VT_DEADLINE_MS);
	vt_send_char(vt, '+');
	e2e_expect(vt, "Polling every 10 s", VT_DEADLINE_MS);
	vt_send_char(vt, '+');
	e2e_expect(vt, "Polling every 5 s", VT_DEADLINE_MS);
	/* Down to what the budget allows (a little over 2 s), no further. */
	vt_send_char(vt, '+');
	vt_send_char(vt, '+');
	e2e_expect(vt, "s: the server allows no faster", VT_DEADLINE_MS);
	vt_send_char(vt, 'q');
	CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 0);
	vt_free(vt);
	core_stop(cs);
}

/*
 * Signed out by a core server mid-session (its key changed): R is parked,
 * the box asks for the password, the sign-in is answered 429 and waited
 * out in the box, and then the registration R asked for is made, once.
 */
static void
test_sign_in_again_rate_limited(void)
{
	struct core_server	*cs;
	struct core_counts	 n;
	struct vt		*vt;

	if ((vt = core_dashboard(&cs, "600")) == NULL)
		return;
	e2e_expect(vt, "0/20", VT_DEADLINE_MS);
	core_revoke(cs);
	vt_send_char(vt, 'R');
	e2e_expect(vt, "The server signed you out", VT_DEADLINE_MS);
	e2e_expect(vt, "sent once you sign in", VT_DEADLINE_MS);
	CHECK_INT(core_registrations(cs), 0);
	core_refuse_next(cs, "POST /api/auth/login", 1, 2);
	/* The password field has the cursor: the address is filled in. */
	vt_send_text(vt, "secret\r");
	e2e_expect(vt, "Waiting: the server asks to wait", VT_DEADLINE_MS);
	/* Waited out, the same password goes again: no key pressed. */
	e2e_expect(vt, "1/20", VT_DEADLINE_MS);
	e2e_expect_gone(vt, "The server signed you out", VT_DEADLINE_MS);
	CHECK_INT(core_registrations(cs), 1);
	core_counts(cs, &n);
	CHECK_INT(n.refused, 1);
	if (test_failures)
		vt_dump(vt, stderr);
	vt_send_char(vt, 'q');
	CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 0);
	vt_free(vt);
	core_stop(cs);
}

TEST_MAIN(
	TEST_CASE(test_core_dashboard),
	TEST_CASE(test_sign_in_rate_limited),
	TEST_CASE(test_poll_interval),
	TEST_CASE(test_sign_in_again_rate_limited)
)
