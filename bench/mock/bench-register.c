/*
 * Registrations under contention: USERS accounts (POST /api/auth/register)
 * register for one event of capacity CAPACITY, CONNS requests in flight at
 * once (libcurl multi, each connection kept alive).  Measures each
 * registration from its send to its answer, then reads the event back: the
 * mock must have confirmed exactly CAPACITY and waitlisted the rest.
 *
 * Usage: bench-register URL [-n USERS] [-c CONNS] [-k CAPACITY]
 *
 * Progress goes to stderr; stdout gets KEY=VALUE lines a shell can source
 * (REG_STATUS=ok, or na with REG_NOTE saying which route is missing).
 */
#include <curl/curl.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench-util.h"
#include "json-util.h"
#include "xmalloc.h"

#define REG_PASSWORD	"bench-password"
/* Accounts are created with fewer connections: bcrypt, not contention. */
#define REG_USER_CONNS	16

/* One request of a batch and what came back. */
struct job {
	char			*path;
	char			*body;
	const char		*token;
	struct curl_slist	*headers;
	long			 status;
	double			 started;
	double			 ms;
	CURLcode		 result;
	char			*resp;
	size_t			 resp_len;
};

struct opts {
	const char	*url;
	long		 users;
	long		 conns;
	long		 capacity;
};

static size_t
job_write(char *data, size_t size, size_t n, void *arg)
{
	struct job	*j = arg;

	j->resp = xrealloc(j->resp, j->resp_len + size * n + 1);
	memcpy(j->resp + j->resp_len, data, size * n);
	j->resp_len += size * n;
	j->resp[j->resp_len] = '\0';
	return (size * n);
}

static void
job_start(CURLM *multi, CURL *easy, const char *base, const char *method,
    struct job *j)
{
	char	*url, *auth;

	curl_easy_reset(easy);
	xasprintf(&url, "%s%s", base, j->path);
	curl_easy_setopt(easy, CURLOPT_URL, url);
	free(url);
	curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, job_write);
	curl_easy_setopt(easy, CURLOPT_WRITEDATA, j);
	curl_easy_setopt(easy, CURLOPT_PRIVATE, j);
	curl_easy_setopt(easy, CURLOPT_TIMEOUT, 120L);
	j->headers = curl_slist_append(NULL, "Content-Type: application/json");
	if (j->token != NULL) {
		xasprintf(&auth, "Authorization: Bearer %s", j->token);
		j->headers = curl_slist_append(j->headers, auth);
		free(auth);
	}
	curl_easy_setopt(easy, CURLOPT_HTTPHEADER, j->headers);
	curl_easy_setopt(easy, CURLOPT_POSTFIELDS, j->body != NULL ? j->body :
	    "");
	curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE, (long)(j->body != NULL ?
	    strlen(j->body) : 0));
	j->started = bench_now_ms();
	curl_multi_add_handle(multi, easy);
}

/*
 * Runs n jobs with conns in flight: a finished one makes room for the
 * next, so the server always sees conns concurrent requests.
 */
static double
jobs_run(const char *base, const char *method, struct job *jobs, size_t n,
    long conns)
{
	CURLM		*multi;
	CURL		**easy;
	CURLMsg		*msg;
	struct job	*j;
	size_t		 next = 0, done = 0, i;
	double		 t0;
	int		 running, left;

	multi = curl_multi_init();
	curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, conns);
	easy = xcalloc((size_t)conns, sizeof *easy);
	t0 = bench_now_ms();
	for (i = 0; i < (size_t)conns && next < n; i++) {
		easy[i] = curl_easy_init();
		job_start(multi, easy[i], base, method, &jobs[next++]);
	}
	while (done < n) {
		curl_multi_perform(multi, &running);
		while ((msg = curl_multi_info_read(multi, &left)) != NULL) {
			if (msg->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE,
			    (char **)&j);
			j->ms = bench_now_ms() - j->started;
			j->result = msg->data.result;
			if (msg->data.result == CURLE_OK)
				curl_easy_getinfo(msg->easy_handle,
				    CURLINFO_RESPONSE_CODE, &j->status);
			curl_multi_remove_handle(multi, msg->easy_handle);
			curl_slist_free_all(j->headers);
			j->headers = NULL;
			done++;
			if (next < n)
				job_start(multi, msg->easy_handle, base,
				    method, &jobs[next++]);
		}
		if (done < n)
			curl_multi_poll(multi, NULL, 0, 100, NULL);
	}
	t0 = bench_now_ms() - t0;
	for (i = 0; i < (size_t)conns; i++) {
		if (easy[i] != NULL)
			curl_easy_cleanup(easy[i]);
	}
	free(easy);
	curl_multi_cleanup(multi);
	return (t0);
}

static void
jobs_free(struct job *jobs, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(jobs[i].path);
		free(jobs[i].body);
		free(jobs[i].resp);
	}
	free(jobs);
}

/* Prints the lines for a run that cannot happen, and why. */
static int
reg_na(const char *why, long status, const char *message)
{
	char	*s, *p;

	xasprintf(&s, "%s (%ld %s)", why, status, message);
	for (p = s; *p != '\0'; p++) {
		if (*p == '\'' || *p == '\n')
			*p = '"';
	}
	fprintf(stderr, "bench-register: %s\n", s);
	printf("REG_STATUS=na\nREG_NOTE='%s'\n", s);
	free(s);
	return (0);
}

static char *
reg_user_body(long i, long tag)
{
	json_t	*o;
	char	*s, name[64], email[96];

	snprintf(name, sizeof name, "Bench User %05ld", i);
	snprintf(email, sizeof email, "bench-%ld-%05ld@example.net", tag, i);
	o = json_pack("{ss ss ss}", "name", name, "email", email,
	    "password", REG_PASSWORD);
	s = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	return (s);
}

/* Creates the accounts; their tokens, or NULL after printing why not. */
static char **
reg_users(const struct opts *o, double *seconds)
{
	struct bench_reply	 r;
	struct job		*jobs;
	json_t			*js;
	char			**tokens, *body;
	const char		*t;
	long			 i, tag = (long)getpid(), bad = 0;

	tokens = xcalloc((size_t)o->users, sizeof *tokens);
	body = reg_user_body(0, tag);
	bench_http(o->url, "POST", "/api/auth/register", body, NULL, &r);
	free(body);
	if (r.status != 201 || (t = json_string_value(json_object_get(r.json,
	    "token"))) == NULL) {
		reg_na("POST /api/auth/register not supported by this "
		    "evtop-mock", r.status, bench_reply_message(&r));
		bench_reply_done(&r);
		free(tokens);
		return (NULL);
	}
	tokens[0] = xstrdup(t);
	bench_reply_done(&r);

	jobs = xcalloc((size_t)o->users, sizeof *jobs);
	for (i = 1; i < o->users; i++) {
		jobs[i].path = xstrdup("/api/auth/register");
		jobs[i].body = reg_user_body(i, tag);
	}
	*seconds = jobs_run(o->url, "POST", jobs + 1, (size_t)o->users - 1,
	    REG_USER_CONNS) / 1000.0;
	for (i = 1; i < o->users; i++) {
		js = json_loadb(jobs[i].resp != NULL ? jobs[i].resp : "",
		    jobs[i].resp_len, 0, NULL);
		t = json_string_value(json_object_get(js, "token"));
		if (jobs[i].status == 201 && t != NULL)
			tokens[i] = xstrdup(t);
		else
			bad++;
		json_decref(js);
	}
	jobs_free(jobs, (size_t)o->users);
	if (bad > 0) {
		fprintf(stderr, "bench-register: %ld of %ld accounts could not "
		    "be created\n", bad, o->users);
		for (i = 0; i < o->users; i++)
			free(tokens[i]);
		free(tokens);
		printf("REG_STATUS=failed\nREG_NOTE='%ld accounts not "
		    "created'\n", bad);
		return (NULL);
	}
	return (tokens);
}

/* The event under contention: its id, or 0 after printing why not. */
static int64_t
reg_event(const struct opts *o, const char *token)
{
	struct bench_reply	 r;
	json_t			*ev;
	char			 when[32], *body;
	int64_t			 id = 0;

	json_util_format_time(time(NULL) + 30 * 86400, when, sizeof when);
	ev = json_pack("{ss ss ss ss sI ss}", "title", "Bench: capacity under "
	    "contention", "description", "Created by bench-register.",
	    "date_time", when, "location", "Loopback",
	    "max_capacity", (json_int_t)o->capacity, "status", "published");
	body = json_dumps(ev, JSON_COMPACT);
	json_decref(ev);
	bench_http(o->url, "POST", "/api/events", body, token, &r);
	free(body);
	ev = json_object_get(r.json, "event");
	if (r.status != 201 || json_util_count(ev, "id", &id, NULL) != 0) {
		reg_na("POST /api/events not supported by this evtop-mock",
		    r.status, bench_reply_message(&r));
		id = 0;
	}
	bench_reply_done(&r);
	return (id);
}

/* What the event says once every answer is in. */
static void
reg_read_event(const struct opts *o, int64_t id, const char *token,
    int64_t *confirmed, int64_t *waitlisted)
{
	struct bench_reply	 r;
	json_t			*ev;
	char			*path;

	xasprintf(&path, "/api/events/%" PRId64, id);
	bench_http(o->url, "GET", path, NULL, token, &r);
	free(path);
	ev = json_object_get(r.json, "event");
	if (json_util_count(ev, "current_registrations", confirmed,
	    NULL) != 0)
		*confirmed = -1;
	if (json_util_count(ev, "waitlisted", waitlisted, NULL) != 0)
		*waitlisted = -1;
	bench_reply_done(&r);
}

static void
reg_usage(void)
{
	fprintf(stderr, "usage: bench-register URL [-n USERS] [-c CONNS] "
	    "[-k CAPACITY]\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	struct opts		 o;
	struct job		*jobs;
	struct bench_stats	 st;
	json_t			*js;
	char			**tokens;
	const char		*status;
	double			*lat, users_s = 0, ms;
	int64_t			 id, confirmed = -1, waitlisted = -1;
	long			 i, ok = 0, failed = 0, said_c = 0, said_w = 0;
	int			 ch;

	memset(&o, 0, sizeof o);
	o.users = 10000;
	o.conns = 256;
	o.capacity = 500;
	while ((ch = getopt(argc, argv, "n:c:k:")) != -1) {
		switch (ch) {
		case 'n':
			o.users = strtol(optarg, NULL, 10);
			break;
		case 'c':
			o.conns = strtol(optarg, NULL, 10);
			break;
		case 'k':
			o.capacity = strtol(optarg, NULL, 10);
			break;
		default:
			reg_usage();
		}
	}
	if (optind + 1 != argc || o.users < 2 || o.conns < 1 ||
	    o.capacity < 1)
		reg_usage();
	o.url = argv[optind];
	bench_raise_nofile();
	curl_global_init(CURL_GLOBAL_DEFAULT);

	fprintf(stderr, "bench-register: creating %ld accounts\n", o.users);
	if ((tokens = reg_users(&o, &users_s)) == NULL)
		return (0);
	if ((id = reg_event(&o, tokens[0])) == 0)
		goto out;
	fprintf(stderr, "bench-register: %ld accounts in %.1f s; %ld "
	    "registrations for event %" PRId64 " (capacity %ld), %ld in "
	    "flight\n", o.users, users_s, o.users, id, o.capacity, o.conns);

	jobs = xcalloc((size_t)o.users, sizeof *jobs);
	for (i = 0; i < o.users; i++) {
		xasprintf(&jobs[i].path, "/api/events/%" PRId64 "/register",
		    id);
		jobs[i].token = tokens[i];
	}
	ms = jobs_run(o.url, "POST", jobs, (size_t)o.users, o.conns);
	lat = xcalloc((size_t)o.users, sizeof *lat);
	for (i = 0; i < o.users; i++) {
		lat[i] = jobs[i].ms;
		if (jobs[i].status != 201) {
			if (failed++ == 0)
				fprintf(stderr, "bench-register: a registration "
				    "failed: %ld %s\n", jobs[i].status,
				    jobs[i].resp != NULL ? jobs[i].resp :
				    curl_easy_strerror(jobs[i].result));
			continue;
		}
		ok++;
		js = json_loadb(jobs[i].resp, jobs[i].resp_len, 0, NULL);
		status = json_util_string(json_object_get(js, "registration"),
		    "status");
		if (status != NULL && strcmp(status, "confirmed") == 0)
			said_c++;
		else if (status != NULL && strcmp(status, "waitlisted") == 0)
			said_w++;
		json_decref(js);
	}
	bench_stats(lat, (size_t)o.users, &st);
	free(lat);
	jobs_free(jobs, (size_t)o.users);

	reg_read_event(&o, id, tokens[0], &confirmed, &waitlisted);

	fprintf(stderr, "bench-register: %ld answered 201 (%ld confirmed, "
	    "%ld waitlisted), %ld failed; %.0f req/s; p50 %.1f ms, p95 "
	    "%.1f ms, p99 %.1f ms, max %.1f ms; event: %" PRId64
	    " confirmed, %" PRId64 " waitlisted\n", ok, said_c, said_w,
	    failed, o.users / (ms / 1000.0), st.p50, st.p95, st.p99, st.max,
	    confirmed, waitlisted);
	printf("REG_STATUS=ok\nREG_NOTE=''\n");
	printf("REG_N=%ld\nREG_CONNS=%ld\nREG_CAPACITY=%ld\n", o.users,
	    o.conns, o.capacity);
	printf("REG_USERS_SECONDS=%.1f\n", users_s);
	printf("REG_RPS=%.0f\n", o.users / (ms / 1000.0));
	printf("REG_P50=%.1f\nREG_P95=%.1f\nREG_P99=%.1f\nREG_MAX=%.1f\n",
	    st.p50, st.p95, st.p99, st.max);
	printf("REG_OK=%ld\nREG_FAILED=%ld\n", ok, failed);
	printf("REG_SAID_CONFIRMED=%ld\nREG_SAID_WAITLISTED=%ld\n", said_c,
	    said_w);
	printf("REG_CONFIRMED=%" PRId64 "\nREG_WAITLISTED=%" PRId64 "\n",
	    confirmed, waitlisted);
out:
	for (i = 0; i < o.users; i++)
		free(tokens[i]);
	free(tokens);
	curl_global_cleanup();
	return (0);
}
