/*
 * The man pages and the option tables stay in step: every option of
 * evtop's table is documented in docs/evtop.1 (and every option there
 * exists), every config key is named there (a key of the file only in
 * CONFIGURATION, and never as an option), and every flag in
 * evtop-mock's table (mock-server/main.c) is in docs/evtop-mock.1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "keys.h"
#include "options.h"
#include "test.h"

static char *
slurp(const char *rel)
{
	const char	*src = getenv("EVTOP_SOURCE_DIR");
	char		 path[1024], *buf;
	FILE		*f;
	long		 len;

	snprintf(path, sizeof path, "%s/%s", src != NULL ? src : ".", rel);
	if ((f = fopen(path, "r")) == NULL) {
		fprintf(stderr, "cannot read %s\n", path);
		return (NULL);
	}
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	buf = calloc(1, (size_t)len + 1);
	if (fread(buf, 1, (size_t)len, f) != (size_t)len)
		buf[0] = '\0';
	fclose(f);
	return (buf);
}

/* The text between ".SH name" and the next ".SH". */
static char *
section(const char *page, const char *name)
{
	char		 head[64];
	const char	*start, *end;

	snprintf(head, sizeof head, "\n.SH %s\n", name);
	if ((start = strstr(page, head)) == NULL)
		return (strdup(""));
	start += strlen(head);
	if ((end = strstr(start, "\n.SH ")) == NULL)
		end = start + strlen(start);
	return (strndup(start, (size_t)(end - start)));
}

/* "--poll-interval" as roff writes it: \-\-poll\-interval. */
static void
roff_flag(const char *name, char *buf, size_t len)
{
	size_t	o = 0;

	o += (size_t)snprintf(buf, len, "\\-\\-");
	for (; *name != '\0' && o + 3 < len; name++) {
		if (*name == '-') {
			buf[o++] = '\\';
			buf[o++] = '-';
		} else
			buf[o++] = *name;
	}
	buf[o] = '\0';
}

/* Whether flag is a whole word in text (not the start of a longer one). */
static int
has_flag(const char *text, const char *flag)
{
	const char	*p = text;
	char		 next;

	while ((p = strstr(p, flag)) != NULL) {
		next = p[strlen(flag)];
		if (!(next >= 'a' && next <= 'z') && next != '\\')
			return (1);
		p += strlen(flag);
	}
	return (0);
}

static void
test_evtop_options(void)
{
	const struct option_spec	*t;
	char				*page, *opts, *config, flag[64];
	const char			*p, *q, *end;
	size_t				 n, i, len;
	int				 found;

	if ((page = slurp("docs/evtop.1")) == NULL) {
		CHECK(0);
		return;
	}
	opts = section(page, "OPTIONS");
	config = section(page, "CONFIGURATION");
	t = options_table(&n);
	for (i = 0; i < n; i++) {
		/* A key of the file only: named there, and no option. */
		if (!options_on_argv(&t[i])) {
			CHECK(t[i].config_key != NULL);
			if (t[i].config_key != NULL &&
			    !has_flag(config, t[i].config_key)) {
				fprintf(stderr, "docs/evtop.1 does not name the "
				    "config key %s in CONFIGURATION\n",
				    t[i].config_key);
				CHECK(0);
			}
			continue;
		}
		roff_flag(t[i].name, flag, sizeof flag);
		if (!has_flag(opts, flag)) {
			fprintf(stderr, "docs/evtop.1 does not document --%s\n",
			    t[i].name);
			CHECK(0);
		}
		if (t[i].config_key != NULL && strstr(page,
		    t[i].config_key) == NULL) {
			fprintf(stderr, "docs/evtop.1 does not name the config "
			    "key %s\n", t[i].config_key);
			CHECK(0);
		}
	}
	/* And the other way: each option a .TP line shows is real. */
	for (p = opts; (p = strstr(p, ".TP\n")) != NULL; ) {
		p += 4;
		end = p + strcspn(p, "\n");
		for (q = p; (q = strstr(q, "\\-\\-")) != NULL && q < end;
		    q += len) {
			q += 4;
			len = strspn(q, "abcdefghijklmnopqrstuvwxyz\\-");
			found = 0;
			for (i = 0; i < n; i++) {
				if (!options_on_argv(&t[i]))
					continue;
				roff_flag(t[i].name, flag, sizeof flag);
				if (strlen(flag) - 4 == len &&
				    strncmp(flag + 4, q, len) == 0)
					found = 1;
			}
			if (!found) {
				fprintf(stderr, "docs/evtop.1 documents "
				    "--%.*s, which is not an option\n",
				    (int)len, q);
				CHECK(0);
			}
		}
	}
	CHECK(strstr(config, "[keymap]") != NULL);
	free(opts);
	free(config);
	free(page);
}

/* Every action a [keymap] may name is in KEYS, as roff writes it. */
static void
test_evtop_actions(void)
{
	char	*page, *keys, name[64];
	size_t	 i;

	if ((page = slurp("docs/evtop.1")) == NULL) {
		CHECK(0);
		return;
	}
	keys = section(page, "KEYS");
	for (i = 1; i < ACTION__COUNT; i++) {
		/* roff_flag's form without its leading \-\-. */
		roff_flag(actions_get((enum action)i)->name, name,
		    sizeof name);
		if (!has_flag(keys, name + 4)) {
			fprintf(stderr, "docs/evtop.1 does not name the action "
			    "%s in KEYS\n", actions_get((enum action)i)->name);
			CHECK(0);
		}
	}
	free(keys);
	free(page);
}

/*
 * Every key of the default tables is in KEYS, as roff writes it ("C\\-b",
 * "S\\-Tab", "\\-") and as a word of its own on a line that names keys
 * (.B or .BR), so the page cannot forget a binding the help shows.
 */
static int
keys_line_has(const char *keys, const char *roff)
{
	const char	*line = keys, *end, *p;
	size_t		 len = strlen(roff);

	for (; *line != '\0'; line = *end != '\0' ? end + 1 : end) {
		end = strchr(line, '\n');
		if (end == NULL)
			end = line + strlen(line);
		if (strncmp(line, ".B ", 3) != 0 && strncmp(line, ".BR ", 4) !=
		    0)
			continue;
		for (p = line; (p = strstr(p, roff)) != NULL && p < end;
		    p += len) {
			if ((p[-1] == ' ' || p[-1] == '"') &&
			    (p + len == end || p[len] == ' ' || p[len] == '"'))
				return (1);
		}
	}
	return (0);
}

static void
test_evtop_keys(void)
{
	const struct key_table	*tables[] = { &keys_global, &keys_list,
	    &keys_help, &keys_view };
	char			*page, *keys, roff[64];
	const char		*k;
	size_t			 i, j, o;

	if ((page = slurp("docs/evtop.1")) == NULL) {
		CHECK(0);
		return;
	}
	keys = section(page, "KEYS");
	for (i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		for (j = 0; j < tables[i]->n; j++) {
			for (o = 0, k = tables[i]->bindings[j].name;
			    *k != '\0' && o < sizeof roff - 3; k++) {
				if (*k == '-')
					roff[o++] = '\\';
				roff[o++] = *k;
			}
			roff[o] = '\0';
			if (keys_line_has(keys, roff))
				continue;
			fprintf(stderr, "docs/evtop.1 does not list the key %s "
			    "(%s) in KEYS\n", roff, actions_get(
			    tables[i]->bindings[j].action)->name);
			CHECK(0);
		}
	}
	free(keys);
	free(page);
}

static void
test_mock_options(void)
{
	char		*page, *src, *opts, flag[64], name[64];
	const char	*p;
	int		 seen = 0;

	if ((page = slurp("docs/evtop-mock.1")) == NULL ||
	    (src = slurp("mock-server/main.c")) == NULL) {
		free(page);
		CHECK(0);
		return;
	}
	opts = section(page, "OPTIONS");
	/* Rows read: { { "listen", required_argument, ... */
	for (p = src; (p = strstr(p, "{ { \"")) != NULL; p++) {
		if (sscanf(p, "{ { \"%63[a-z-]\"", name) != 1)
			continue;
		seen++;
		roff_flag(name, flag, sizeof flag);
		if (!has_flag(opts, flag)) {
			fprintf(stderr, "docs/evtop-mock.1 does not document "
			    "--%s\n", name);
			CHECK(0);
		}
	}
	CHECK(seen >= 5);
	free(opts);
	free(src);
	free(page);
}

TEST_MAIN(
	TEST_CASE(test_evtop_options),
	TEST_CASE(test_evtop_actions),
	TEST_CASE(test_evtop_keys),
	TEST_CASE(test_mock_options)
)
