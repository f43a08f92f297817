/*
 * What a server's answer means: the one place that reads an HTTP status,
 * an error body or a WebSocket's close to decide why something failed.
 * Everything past here decides on enum api_reason, never on a sentence.
 */
#include "api.h"

#include <stdlib.h>
#include <string.h>

#include "api-private.h"
#include "model.h"
#include "model-private.h"
#include "xmalloc.h"

#define API_CLOSE_BAD_TOKEN	4401	/* the mock's close for a bad token */

/* Names for the trace log, in the order of enum api_reason. */
static const char *const api_reason_names[] = {
	[API_REASON_NONE] = "none",
	[API_REASON_SIGNED_OUT] = "signed-out",
	[API_REASON_SIGN_IN_REFUSED] = "sign-in-refused",
	[API_REASON_BAD_EMAIL] = "bad-email",
	[API_REASON_NOT_SIGNED_IN] = "not-signed-in",
	[API_REASON_UNREACHABLE] = "unreachable",
	[API_REASON_LINK_LOST] = "link-lost",
	[API_REASON_NO_WEBSOCKET] = "no-websocket",
	[API_REASON_RATE_LIMITED] = "rate-limited",
	[API_REASON_NOT_FOUND] = "not-found",
	[API_REASON_REFUSED] = "refused",
	[API_REASON_SERVER_ERROR] = "server-error",
	[API_REASON_BAD_ANSWER] = "bad-answer",
	[API_REASON_LIVE_ERROR] = "live-error",
	[API_REASON_CONFLICT] = "conflict",
};

/* Statuses with a sentence of their own when the body has no message. */
static const struct {
	long		 status;
	const char	*sentence;	/* %s: the server */
} api_status_sentences[] = {
	{ 401, API_SIGNED_OUT },
	{ 404, "the server has no such resource (is %s an Event API "
	    "server?)" },
	{ 429, "the server is limiting requests (rate limited); try again "
	    "later" },
};

const char *
api_reason_name(enum api_reason reason)
{
	if ((size_t)reason >= nitems(api_reason_names) ||
	    api_reason_names[reason] == NULL)
		return ("?");
	return (api_reason_names[reason]);
}

/*
 * A 401 always means the token is no good; a 403 only when its message
 * talks about the token (servers that answer 403 "Token expired"), never
 * for a forbidden action.  With api_answer_registration, the only looks
 * at a server's words.
 */
static enum api_reason
api_answer_reason(long status, const char *msg)
{
	if (status == 401 ||
	    (status == 403 && msg != NULL && strcasestr(msg, "token") != NULL))
		return (API_REASON_SIGNED_OUT);
	if (status == 404)
		return (API_REASON_NOT_FOUND);
	if (status == 429)
		return (API_REASON_RATE_LIMITED);
	if (status >= 400 && status <= 499)
		return (API_REASON_REFUSED);
	return (API_REASON_SERVER_ERROR);
}

enum api_reg_outcome
api_answer_registration(enum api_reason reason, const char *msg)
{
	if (reason != API_REASON_REFUSED || msg == NULL)
		return (API_REG_FAILED);
	if (strcasestr(msg, "already registered") != NULL)
		return (API_REG_ALREADY);
	if (strcasestr(msg, "full capacity") != NULL ||
	    strcasestr(msg, "is full") != NULL)
		return (API_REG_FULL);
	return (API_REG_FAILED);
}

long
api_answer_wait(const struct rest_response *resp)
{
	if (resp->status != 429 && resp->status != 503)
		return (-1);
	if (resp->retry_after >= 0)
		return (resp->retry_after);
	if (resp->status == 429)
		return (resp->rate_reset >= 0 ? resp->rate_reset :
		    API_RATE_WAIT_DEFAULT);
	return (-1);
}

/* The sentence, reason and status of a failed answer; msg may be NULL. */
static int
api_answer_read(const struct rest_response *resp, const char *server,
    int sign_in, const struct error_body *b, const char *msg,
    enum api_reason *reason, char **sentence)
{
	size_t	 i;

	/*
	 * A field error on the email, or a 404 with a message of its own
	 * (the route is there: the user is not), is about the address; a
	 * plain 401 could be either, and is taken as the password.
	 */
	if (sign_in && ((resp->status == 400 &&
	    error_body_has_field(b, "email")) ||
	    (resp->status == 404 && msg != NULL))) {
		*reason = API_REASON_BAD_EMAIL;
		xasprintf(sentence, "sign-in refused: %s", msg);
		return (API_ERR_AUTH);
	}
	if (sign_in && (resp->status == 400 || resp->status == 401 ||
	    resp->status == 403)) {
		*reason = API_REASON_SIGN_IN_REFUSED;
		xasprintf(sentence, "sign-in refused: %s", msg != NULL ? msg :
		    "wrong email or password");
		return (API_ERR_AUTH);
	}
	*reason = api_answer_reason(resp->status, msg);
	if (*reason == API_REASON_SIGNED_OUT) {
		*sentence = xstrdup(API_SIGNED_OUT);
		return (API_ERR_AUTH);
	}
	if (resp->status == 429 && resp->retry_after >= 0) {
		*sentence = api_wait_sentence((uint64_t)resp->retry_after *
		    1000, API_REASON_RATE_LIMITED);
		return (API_ERR_FAILED);
	}
	if (msg != NULL) {
		xasprintf(sentence, "server answered %ld: %s", resp->status,
		    msg);
		return (API_ERR_FAILED);
	}
	for (i = 0; i < nitems(api_status_sentences); i++) {
		if (api_status_sentences[i].status == resp->status) {
			xasprintf(sentence, api_status_sentences[i].sentence,
			    server);
			return (API_ERR_FAILED);
		}
	}
	xasprintf(sentence, "server answered %ld%s", resp->status,
	    resp->len > 0 ? " with something that is not JSON" : "");
	return (API_ERR_FAILED);
}

int
api_answer_error(const struct rest_response *resp, const char *server,
    int sign_in, struct api_error *e)
{
	struct error_body	 b;
	char			*msg;

	memset(e, 0, sizeof *e);
	model_parse_error_body(resp->body, resp->len, &b);
	msg = error_body_sentence(&b);
	e->http = resp->status;
	e->status = api_answer_read(resp, server, sign_in, &b, msg,
	    &e->reason, &e->sentence);
	free(msg);
	e->message = b.message;
	e->fields = b.fields;
	e->nfields = b.nfields;
	if (resp->status == 412 && e->reason == API_REASON_REFUSED) {
		e->reason = API_REASON_CONFLICT;
		free(e->sentence);
		xasprintf(&e->sentence, "changed by someone else since it was "
		    "read%s%s", e->message != NULL ? ": " : "",
		    e->message != NULL ? e->message : "");
		if (resp->len > 0) {
			e->current = xmalloc(resp->len + 1);
			memcpy(e->current, resp->body, resp->len);
			e->current[resp->len] = '\0';
			e->current_len = resp->len;
		}
	}
	return (e->status);
}

void
api_answer_unreachable(const char *sentence, struct api_error *e)
{
	memset(e, 0, sizeof *e);
	e->reason = API_REASON_UNREACHABLE;
	e->status = API_ERR_UNREACHABLE;
	e->sentence = xstrdup(sentence != NULL ? sentence : "no answer");
}

void
api_error_done(struct api_error *e)
{
	struct error_body	b;

	b.message = e->message;
	b.fields = e->fields;
	b.nfields = e->nfields;
	error_body_done(&b);
	free(e->sentence);
	free(e->current);
	memset(e, 0, sizeof *e);
}

int
api_answer_judge(const struct rest_response *resp, const char *server,
    int sign_in, enum api_reason *reason, char **sentence)
{
	struct error_body	 b;
	char			*msg;
	int			 status;

	model_parse_error_body(resp->body, resp->len, &b);
	msg = error_body_sentence(&b);
	status = api_answer_read(resp, server, sign_in, &b, msg, reason,
	    sentence);
	free(msg);
	error_body_done(&b);
	return (status);
}

int
api_answer_transient(long status)
{
	return (status == 429 || status == 502 || status == 503 ||
	    status == 504);
}

enum api_reason
api_answer_upgrade(long status)
{
	if (status == 401 || status == 403)
		return (API_REASON_SIGNED_OUT);
	if (status == 429)
		return (API_REASON_RATE_LIMITED);
	if (status == 0 || api_answer_transient(status))
		return (API_REASON_LINK_LOST);
	return (API_REASON_NO_WEBSOCKET);
}

enum api_reason
api_answer_closed(int code, int status)
{
	if (code == API_CLOSE_BAD_TOKEN || status == 401 || status == 403)
		return (API_REASON_SIGNED_OUT);
	if (status == 404)
		return (API_REASON_NO_WEBSOCKET);
	return (API_REASON_LINK_LOST);
}

/* xorshift32: jitter only, so retries from many clients do not align. */
static uint32_t
api_answer_random(uint32_t *rng)
{
	uint32_t	x = *rng != 0 ? *rng : 0x9e3779b9U;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*rng = x;
	return (x);
}

long
api_answer_retry(int write, int idempotent, int tries,
    const struct rest_response *resp, enum rest_failure failure,
    uint32_t *rng)
{
	long	ms;

	if (tries < 1 || tries >= API_RETRY_TRIES)
		return (-1);
	if (resp == NULL) {
		if (failure != REST_FAILED_RESET &&
		    failure != REST_FAILED_TIMEOUT)
			return (-1);
		if (write && !idempotent)
			return (-1);
	} else {
		/* An answer: a write was done or refused; never again. */
		if (write)
			return (-1);
		if (resp->status != 500 && resp->status != 502 &&
		    resp->status != 503 && resp->status != 504)
			return (-1);
	}
	ms = API_RETRY_BASE_MS;
	while (--tries > 0 && ms < API_RETRY_CAP_MS)
		ms *= 2;
	if (ms > API_RETRY_CAP_MS)
		ms = API_RETRY_CAP_MS;
	ms = ms / 2 + (long)(api_answer_random(rng) % (uint32_t)(ms / 2 + 1));
	if (resp != NULL && resp->retry_after >= 0) {
		if (resp->retry_after > API_RETRY_AFTER_MAX)
			return (-1);
		if (ms < resp->retry_after * 1000)
			ms = resp->retry_after * 1000;
	}
	return (ms);
}

char *
api_wait_sentence(uint64_t ms, enum api_reason why)
{
	char	*sentence;

	xasprintf(&sentence, "the server asks to wait %llu s (%s)",
	    (unsigned long long)(ms + 999) / 1000,
	    why == API_REASON_RATE_LIMITED ? "rate limited" : "unavailable");
	return (sentence);
}
