#include "info.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "json-util.h"
#include "model.h"
#include "paths.h"
#include "tokens.h"
#include "xmalloc.h"

struct info_meta {
	int		 done;
	int		 status;
	char		*cause;
	json_t		*json;		/* name, version, features */
	int		 core_only;
	int		 unknown;	/* rate limited: no verdict */
	long		 http;		/* what /api/meta answered */
};

/* What info knows about the token evtop would use. */
struct info_token {
	const char	*source;	/* "stored", "--token-file", ... */
	char		*user;
	char		*problem;	/* why it cannot be used, or NULL */
	time_t		 exp;
};

void
info_format_expiry(time_t exp, time_t now, char *buf, size_t len)
{
	long	d = (long)(exp - now), a = d < 0 ? -d : d;

	if (a >= 2 * 86400)
		snprintf(buf, len, d >= 0 ? "in %ld days" : "%ld days ago",
		    a / 86400);
	else if (a >= 3600)
		snprintf(buf, len, d >= 0 ? "in %ld h %ld min" :
		    "%ld h %ld min ago", a / 3600, a % 3600 / 60);
	else
		snprintf(buf, len, d >= 0 ? "in %ld min" : "%ld min ago",
		    a / 60);
}

static void
info_meta_done(void *arg, int status, const char *cause,
    const struct api_meta *m)
{
	struct info_meta	*im = arg;
	json_t			*features;
	size_t			 i;

	im->done = 1;
	im->status = status;
	if (cause != NULL)
		im->cause = xstrdup(cause);
	if (m == NULL)
		return;
	im->core_only = m->core_only;
	im->unknown = m->unknown;
	im->http = m->http;
	if (m->core_only || m->unknown)
		return;
	features = json_array();
	for (i = 0; i < m->nfeatures; i++)
		json_array_append_new(features, json_string(m->features[i]));
	im->json = json_pack("{s:s?, s:s?, s:o}", "name", m->name,
	    "version", m->version, "features", features);
}

static void
info_fetch_meta(uv_loop_t *loop, struct api *api, struct info_meta *im)
{
	api_meta(api, info_meta_done, im);
	while (!im->done) {
		if (uv_run(loop, UV_RUN_ONCE) == 0 && !im->done) {
			im->status = API_ERR_FAILED;
			im->cause = xstrdup("the request was dropped");
			break;
		}
	}
}

/* The token evtop would use, by the same rules as a run. */
static void
info_find_token(const struct config *cfg, struct info_token *t)
{
	struct stored_token	 st;
	struct session		 s;
	char			*tok = NULL, *cause = NULL;

	memset(t, 0, sizeof *t);
	if (cfg->token_file != NULL) {
		t->source = "--token-file";
		if (tokens_read_file(cfg->token_file, &tok, &cause) != 0)
			t->problem = cause;
	} else if (cfg->token != NULL) {
		t->source = "EVTOP_TOKEN";
		tok = xstrdup(cfg->token);
	} else if (cfg->server != NULL) {
		switch (tokens_load(cfg->server, &st, &cause)) {
		case 1:
			t->source = "stored";
			t->exp = st.exp;
			if (st.user != NULL)
				t->user = xstrdup(st.user);
			stored_token_done(&st);
			return;
		case -1:
			t->source = "stored";
			t->problem = cause;
			return;
		default:
			return;
		}
	}
	if (tok == NULL)
		return;
	if (model_session_from_token(tok, &s, NULL) == 0) {
		t->exp = s.exp;
		if (s.user.email != NULL && *s.user.email != '\0')
			t->user = xstrdup(s.user.email);
		session_done(&s);
	} else if (t->problem == NULL)
		t->problem = xstrdup("it does not look like a sign-in token");
	explicit_bzero(tok, strlen(tok));
	free(tok);
}

static char *
info_dir(enum paths_kind kind)
{
	char	*dir = paths_dir(kind, 0, NULL);

	return (dir != NULL ? dir : xstrdup("(HOME is not set)"));
}

/* Whether the config makes or prepares a kiosk: what is worth a line. */
static int
info_is_kiosk(const struct config *cfg)
{
	return (cfg->kiosk_event != 0 || cfg->kiosk_pin != NULL);
}

/* The kiosk's settings, the PIN's hash only as "set": null when none. */
static json_t *
info_kiosk_json(const struct config *cfg)
{
	if (!info_is_kiosk(cfg))
		return (json_null());
	return (json_pack("{s:o, s:s, s:s, s:f, s:b, s:f}",
	    "event", cfg->kiosk_event != 0 ?
	    json_integer((json_int_t)cfg->kiosk_event) : json_null(),
	    "pin", cfg->kiosk_pin != NULL ? "set" : "not set",
	    "terminator", cfg->kiosk_terminator,
	    "scan_timeout", cfg->kiosk_scan_timeout,
	    "bell", cfg->kiosk_bell,
	    "banner", cfg->kiosk_banner));
}

static void
info_kiosk_text(FILE *out, const struct config *cfg)
{
	if (!info_is_kiosk(cfg))
		return;
	if (cfg->kiosk_event != 0)
		fprintf(out, "kiosk:        event %lld (from %s), PIN %s\n",
		    (long long)cfg->kiosk_event,
		    config_source_name(cfg, OPT_KIOSK),
		    cfg->kiosk_pin != NULL ? "set" : "not set");
	else
		fprintf(out, "kiosk:        no event, PIN set\n");
	fprintf(out, "kiosk scans:  a code ends ");
	if (strcmp(cfg->kiosk_terminator, "none") != 0)
		fprintf(out, "with %s%s", strcmp(cfg->kiosk_terminator,
		    "tab") == 0 ? "Tab" : "Enter",
		    cfg->kiosk_scan_timeout > 0 ? " or " : "");
	if (cfg->kiosk_scan_timeout > 0)
		fprintf(out, "after %g s of silence", cfg->kiosk_scan_timeout);
	fprintf(out, "; results shown %g s, %s\n", cfg->kiosk_banner,
	    cfg->kiosk_bell ? "with a beep" : "no beep");
}

static json_t *
info_json(const struct config *cfg, const struct info_build *b,
    const struct info_token *t, const struct info_meta *im, time_t now)
{
	json_t	*doc, *token = json_null(), *meta = json_null();
	char	*state = info_dir(PATHS_STATE), *cache = info_dir(PATHS_CACHE);
	char	 when[32];

	if (t->source != NULL) {
		when[0] = '\0';
		if (t->exp > 0)
			json_util_format_time(t->exp, when, sizeof when);
		token = json_pack("{s:s, s:s?, s:s?, s:b, s:s?}", "source",
		    t->source, "user", t->user, "expires", t->exp > 0 ? when :
		    NULL, "expired", t->exp > 0 && t->exp <= now, "problem",
		    t->problem);
	}
	if (im->done && (im->status != API_OK || im->unknown))
		meta = json_pack("{s:s, s:b}", "error", im->cause != NULL ?
		    im->cause : "failed", "unknown", 1);
	else if (im->core_only)
		meta = json_pack("{s:b, s:i}", "core_only", 1, "status",
		    (int)im->http);
	else if (im->json != NULL)
		meta = json_incref(im->json);
	doc = json_pack("{s:s, s:s, s:{s:s?, s:b}, s:s, s:s, s:s?, s:s?, "
	    "s:s?, s:s, s:o, s:o, s:o}",
	    "version", b->version, "commit", b->commit,
	    "config_file", "path", cfg->file, "exists", cfg->file_exists,
	    "state_dir", state, "cache_dir", cache,
	    "profile", cfg->profile, "server", cfg->server,
	    "user", cfg->user, "theme", cfg->theme != NULL ? cfg->theme :
	    "default", "token", token, "meta", meta,
	    "kiosk", info_kiosk_json(cfg));
	free(state);
	free(cache);
	return (doc);
}

static void
info_text(FILE *out, const struct config *cfg, const struct info_build *b,
    const struct info_token *t, const struct info_meta *im, time_t now)
{
	char	*state = info_dir(PATHS_STATE), *cache = info_dir(PATHS_CACHE);
	char	 when[64];
	size_t	 i;
	json_t	*f;

	fprintf(out, "evtop %s (%s)\n", b->version, b->commit);
	fprintf(out, "config file:  %s (%s)\n", cfg->file != NULL ? cfg->file :
	    "-", cfg->file_exists ? "found" : "not found");
	fprintf(out, "state dir:    %s\n", state);
	fprintf(out, "cache dir:    %s\n", cache);
	if (cfg->profile != NULL)
		fprintf(out, "profile:      %s (from %s)\n", cfg->profile,
		    config_source_name(cfg, OPT_PROFILE));
	else
		fprintf(out, "profile:      none\n");
	if (cfg->server != NULL)
		fprintf(out, "server:       %s (from %s)\n", cfg->server,
		    config_source_name(cfg, OPT_SERVER));
	else
		fprintf(out, "server:       none (give -s URL or a profile)\n");
	if (cfg->user != NULL)
		fprintf(out, "user:         %s (from %s)\n", cfg->user,
		    config_source_name(cfg, OPT_USER));
	fprintf(out, "theme:        %s (from %s)%s%s\n", cfg->theme != NULL ?
	    cfg->theme : "default", config_source_name(cfg, OPT_THEME),
	    cfg->nlooks > 0 ? ", with [theme] lines" : "",
	    cfg->no_color ? "; no colour" : "");
	info_kiosk_text(out, cfg);
	if (t->source == NULL)
		fprintf(out, "sign-in:      no stored token\n");
	else if (t->problem != NULL)
		fprintf(out, "sign-in:      %s token unusable: %s\n", t->source,
		    t->problem);
	else {
		if (t->exp > 0)
			info_format_expiry(t->exp, now, when, sizeof when);
		fprintf(out, "sign-in:      %s token%s%s, %s%s\n", t->source,
		    t->user != NULL ? " for " : "", t->user != NULL ?
		    t->user : "", t->exp <= 0 ? "no expiry given" :
		    t->exp <= now ? "expired " : "expires ",
		    t->exp > 0 ? when : "");
	}
	if (!im->done)
		;
	else if (im->status != API_OK || im->unknown)
		fprintf(out, "server says:  nothing, so evtop cannot tell what "
		    "it offers: %s\n", im->cause != NULL ? im->cause : "failed");
	else if (im->core_only)
		fprintf(out, "server says:  /api/meta answered %ld%s: a "
		    "core-only server (polling, no live counters, no "
		    "notifications)\n", im->http, im->http == 200 ?
		    " with something that is not JSON" : "");
	else {
		fprintf(out, "server says:  %s %s\n",
		    json_string_value(json_object_get(im->json, "name")) ?
		    json_string_value(json_object_get(im->json, "name")) : "?",
		    json_string_value(json_object_get(im->json, "version")) ?
		    json_string_value(json_object_get(im->json, "version")) :
		    "");
		fprintf(out, "features:    ");
		json_array_foreach(json_object_get(im->json, "features"), i, f)
			fprintf(out, " %s", json_string_value(f));
		fprintf(out, "\n");
	}
	free(state);
	free(cache);
}

int
info_run(uv_loop_t *loop, struct api *api, const struct config *cfg,
    const struct info_build *b, FILE *out)
{
	struct info_token	 t;
	struct info_meta	 im;
	json_t			*doc;
	time_t			 now = clock_now();
	int			 rc = EXIT_OK;

	memset(&im, 0, sizeof im);
	info_find_token(cfg, &t);
	if (api != NULL)
		info_fetch_meta(loop, api, &im);
	if (im.done && im.status == API_ERR_UNREACHABLE)
		rc = EXIT_UNREACHABLE;
	if (cfg->json) {
		doc = info_json(cfg, b, &t, &im, now);
		json_dumpf(doc, out, JSON_COMPACT);
		fputc('\n', out);
		json_decref(doc);
	} else
		info_text(out, cfg, b, &t, &im, now);
	if (fflush(out) != 0)
		rc = EXIT_FAIL;
	free(t.user);
	free(t.problem);
	free(im.cause);
	json_decref(im.json);
	return (rc);
}
