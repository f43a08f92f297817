/*
 * The base layer: the one UTF-8 decoder (what every layer's text rests
 * on), the growable buffer and the log's two sinks.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "log.h"
#include "url.h"
#include "utf8.h"
#include "xmalloc.h"

#include "test.h"

static void
test_utf8_valid(void)
{
	static const struct {
		const char	*s;
		size_t		 len;
		uint32_t	 cp;
	} cases[] = {
		{ "A", 1, 0x41 },
		{ "\xc2\xa9", 2, 0xa9 },		/* © */
		{ "\xe6\x97\xa5", 3, 0x65e5 },		/* 日 */
		{ "\xf0\x9f\x8e\x89", 4, 0x1f389 },	/* 🎉 */
		{ "\xf4\x8f\xbf\xbf", 4, 0x10ffff },	/* the last */
	};
	uint32_t	cp;
	size_t		i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		cp = 0;
		CHECK_INT(utf8_decode(cases[i].s, strlen(cases[i].s), &cp),
		    cases[i].len);
		CHECK_INT(cp, cases[i].cp);
	}
	/* Only the first character is read. */
	CHECK_INT(utf8_decode("\xc3\xa9t\xc3\xa9", 5, &cp), 2);
	CHECK_INT(cp, 0xe9);
}

static void
test_utf8_invalid(void)
{
	static const char *const bad[] = {
		"\x80",			/* a continuation byte alone */
		"\xc0\xaf",		/* overlong / */
		"\xe0\x80\xaf",		/* overlong / again */
		"\xed\xa0\x80",		/* a surrogate */
		"\xf4\x90\x80\x80",	/* past U+10FFFF */
		"\xf5\x80\x80\x80",
		"\xe6\x97",		/* cut short */
		"\xe6\x41\xa5",		/* not a continuation */
		"\xff",
	};
	uint32_t	cp = 7;
	size_t		i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		CHECK_INT(utf8_decode(bad[i], strlen(bad[i]), &cp), 0);
	CHECK_INT(cp, 7);
	/* A length that cuts a good character makes it bad. */
	CHECK_INT(utf8_decode("\xe6\x97\xa5", 2, &cp), 0);
	CHECK_INT(utf8_decode("", 0, &cp), 0);
}

/* Encoding is decoding's inverse; what is not a character is refused. */
static void
test_utf8_encode(void)
{
	static const uint32_t	cps[] = { 0x41, 0xe9, 0x7ff, 0x800, 0x65e5,
	    0xfffd, 0x10000, 0x1f600, 0x10ffff };
	uint32_t		cp;
	char			buf[4];
	size_t			i, n;

	for (i = 0; i < sizeof cps / sizeof cps[0]; i++) {
		n = utf8_encode(cps[i], buf);
		CHECK(n >= 1 && n <= 4);
		CHECK_INT(utf8_decode(buf, n, &cp), n);
		CHECK_INT(cp, cps[i]);
	}
	CHECK_INT(utf8_encode(0x65e5, buf), 3);
	CHECK(memcmp(buf, "\xe6\x97\xa5", 3) == 0);
	CHECK_INT(utf8_encode(0xd800, buf), 0);
	CHECK_INT(utf8_encode(0x110000, buf), 0);
}

static void
test_utf8_length(void)
{
	CHECK_INT(utf8_length(""), 0);
	CHECK_INT(utf8_length("abc"), 3);
	CHECK_INT(utf8_length("日本語 ok"), 6);
	/* 日 is bytes 0-2, 本 3-5: a cut at 4 or 5 keeps 日 alone. */
	CHECK_INT(utf8_cut("日本語", 4), 3);
	CHECK_INT(utf8_cut("日本語", 5), 3);
	CHECK_INT(utf8_cut("日本語", 6), 6);
	CHECK_INT(utf8_cut("abc", 2), 2);
}

static void
test_buf_grows(void)
{
	struct buf	 b;
	char		*s;
	size_t		 len, i;

	buf_init(&b);
	CHECK_STR(buf_str(&b), "");
	for (i = 0; i < 10000; i++)
		buf_add(&b, "0123456789", 10);
	CHECK_INT(b.len, 100000);
	CHECK(b.cap > b.len);
	CHECK_INT(b.data[b.len], '\0');
	CHECK(memcmp(b.data + 99990, "0123456789", 10) == 0);
	buf_clear(&b);
	CHECK_INT(b.len, 0);
	CHECK_STR(buf_str(&b), "");
	buf_printf(&b, "%s=%d", "seats", 120);
	buf_add_str(&b, "!");
	CHECK_STR(buf_str(&b), "seats=120!");
	s = buf_steal(&b, &len);
	CHECK_STR(s, "seats=120!");
	CHECK_INT(len, 10);
	CHECK(b.data == NULL && b.len == 0 && b.cap == 0);
	free(s);
	s = buf_steal(&b, NULL);
	CHECK_STR(s, "");
	free(s);
	buf_done(&b);
}

static void
test_buf_binary_and_consume(void)
{
	struct buf	b;

	buf_init(&b);
	buf_add(&b, "a\0b", 3);
	CHECK_INT(b.len, 3);
	CHECK(memcmp(b.data, "a\0b", 4) == 0);
	buf_add(&b, NULL, 0);
	CHECK_INT(b.len, 3);
	buf_consume(&b, 2);
	CHECK_STR(buf_str(&b), "b");
	buf_consume(&b, 10);
	CHECK_INT(b.len, 0);
	CHECK_STR(buf_str(&b), "");
	buf_done(&b);
}

/* Reads what f holds from the start. */
static char *
test_read(FILE *f)
{
	char	*s;
	long	 n;

	fflush(f);
	n = ftell(f);
	s = xcalloc(1, (size_t)n + 1);
	rewind(f);
	if (fread(s, 1, (size_t)n, f) != (size_t)n)
		s[0] = '\0';
	return (s);
}

static void
test_log_sinks(void)
{
	FILE	*stream = tmpfile();
	char	 path[] = "/tmp/evtop-test-log-XXXXXX", *s;
	FILE	*trace;
	int	 fd;

	CHECK(stream != NULL);
	if (stream == NULL || (fd = mkstemp(path)) == -1)
		return;
	close(fd);
	log_init("evtop-mock", stream);
	log_set_verbose(0);
	log_debug("not written anywhere");
	log_info("quiet without -v");
	log_warnx("disk is %s", "full");
	CHECK(!log_enabled());
	log_set_verbose(1);
	CHECK(log_enabled());
	log_info("GET /api/events -> %d", 200);
	s = test_read(stream);
	CHECK_STR(s, "evtop-mock: disk is full\n"
	    "evtop-mock: GET /api/events -> 200\n");
	free(s);

	/* With a trace file, debug lines go there, not to the stream. */
	CHECK_INT(log_open(path), 0);
	log_debug("traced %d", 1);
	log_close();
	trace = fopen(path, "r");
	CHECK(trace != NULL);
	if (trace != NULL) {
		fseek(trace, 0, SEEK_END);
		s = test_read(trace);
		CHECK(strstr(s, "traced 1\n") != NULL);
		free(s);
		fclose(trace);
	}
	s = test_read(stream);
	CHECK(strstr(s, "traced") == NULL);
	free(s);
	log_init("evtop", NULL);
	log_set_verbose(0);
	fclose(stream);
	unlink(path);
}

static void
test_url_parse(void)
{
	struct url	 u;
	char		*cause = NULL;

	CHECK_INT(url_parse("https://Events.example.com/api", &u, &cause), 0);
	CHECK_STR(u.scheme, "https");
	CHECK_STR(u.host, "Events.example.com");
	CHECK_INT(u.port, 443);
	CHECK_INT(u.port_given, 0);
	CHECK_STR(u.path, "/api");
	CHECK(u.query == NULL);
	url_done(&u);

	CHECK_INT(url_parse("http://[::1]:8080?a=1", &u, &cause), 0);
	CHECK_STR(u.host, "[::1]");
	CHECK_INT(u.port, 8080);
	CHECK_INT(u.port_given, 1);
	CHECK_STR(u.path, "/");
	CHECK_STR(u.query, "a=1");
	url_done(&u);

	CHECK_INT(url_parse("wss://door.example/api/ws", &u, &cause), 0);
	CHECK_INT(u.port, 443);
	url_done(&u);

	CHECK_INT(url_parse("not a url", &u, &cause), -1);
	CHECK(cause != NULL && strstr(cause, "not a URL") != NULL);
	CHECK(u.host == NULL);
	url_done(&u);
	free(cause);
	cause = NULL;
	CHECK_INT(url_parse("http://host:99999", &u, &cause), -1);
	url_done(&u);
	free(cause);
}

static void
test_url_encoding(void)
{
	char	*s;
	size_t	 len;
	struct buf b;

	s = url_encode("Café & bar/?=+ 1");
	CHECK_STR(s, "Caf%C3%A9%20%26%20bar%2F%3F%3D%2B%201");
	free(s);
	s = url_decode("a+b%2Bc%20d%zz%4", strlen("a+b%2Bc%20d%zz%4"), 1,
	    &len);
	CHECK_STR(s, "a b+c d%zz%4");
	CHECK_INT(len, strlen("a b+c d%zz%4"));
	free(s);
	s = url_decode("a+b", 3, 0, NULL);
	CHECK_STR(s, "a+b");
	free(s);
	s = url_decode("x%00y", 5, 1, &len);
	CHECK_INT(len, 3);
	CHECK(memcmp(s, "x\0y", 4) == 0);
	free(s);

	buf_init(&b);
	buf_add_str(&b, "/api/events");
	url_add_query(&b, "q", "launch & party");
	url_add_query(&b, "page", "2");
	CHECK_STR(buf_str(&b), "/api/events?q=launch%20%26%20party&page=2");
	buf_done(&b);
}

TEST_MAIN(
	TEST_CASE(test_utf8_valid),
	TEST_CASE(test_utf8_invalid),
	TEST_CASE(test_utf8_length),
	TEST_CASE(test_utf8_encode),
	TEST_CASE(test_buf_grows),
	TEST_CASE(test_buf_binary_and_consume),
	TEST_CASE(test_log_sinks),
	TEST_CASE(test_url_parse),
	TEST_CASE(test_url_encoding)
)
