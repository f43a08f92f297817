/* The sanitizer: what a server string looks like once it is safe to draw. */
#include <stdlib.h>

#include "text.h"

#include "test.h"

static void
check_clean(const char *in, const char *want)
{
	char	*got = text_sanitize(in);

	CHECK_STR(got, want);
	free(got);
}

static void
check_clean_n(const char *in, size_t len, const char *want)
{
	char	*got = text_sanitize_n(in, len);

	CHECK_STR(got, want);
	free(got);
}

static void
test_plain_kept(void)
{
	check_clean("Evtop Launch Party", "Evtop Launch Party");
	check_clean("", "");
	check_clean(NULL, "");
}

static void
test_csi_removed(void)
{
	check_clean("\x1b[31mred\x1b[0m", "red");
	check_clean("a\x1b[2J\x1b[Hb", "ab");
	check_clean("x\x1b[?1049hy", "xy");
	check_clean("\x1b[38;5;196mcolour", "colour");
	/* 8-bit CSI, raw and as a UTF-8 code point. */
	check_clean("a\x9b" "31mb", "ab");
	check_clean("a\xc2\x9b" "31mb", "ab");
}

static void
test_osc_removed(void)
{
	check_clean("\x1b]0;pwned title\x07safe", "safe");
	check_clean("\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\", "link");
	check_clean("\x1b]52;c;ZXZpbA==\x07" "clip", "clip");
	/* An OSC that never ends swallows the rest, never prints it. */
	check_clean("ok\x1b]2;unterminated", "ok");
}

static void
test_string_sequences_removed(void)
{
	check_clean("a\x1bPqdata\x1b\\b", "ab");		/* DCS */
	check_clean("a\x1bXsos\x1b\\b", "ab");		/* SOS */
	check_clean("a\x1b^pm\x1b\\b", "ab");		/* PM */
	check_clean("a\x1b_apc\x1b\\b", "ab");		/* APC */
	check_clean("a\x90" "dcs\x9c" "b", "ab");	/* 8-bit DCS .. ST */
}

static void
test_two_byte_escapes_removed(void)
{
	check_clean("a\x1b" "cb", "ab");		/* RIS: full reset */
	check_clean("a\x1b(Bb", "ab");		/* charset */
	check_clean("a\x1b" "7b\x1b" "8", "ab");
	check_clean("trailing\x1b", "trailing");
}

static void
test_controls(void)
{
	check_clean("a\tb\nc\rd", "a b c d");
	check_clean("bell\x07 back\x08space del\x7f", "bell backspace del");
	check_clean("nul-free\x01\x02\x1f", "nul-free");
	check_clean_n("a\0b", 3, "ab");
	check_clean("c1\xc2\x85next", "c1next");	/* NEL */
}

static void
test_utf8_kept(void)
{
	check_clean("Café — 東京 🎉", "Café — 東京 🎉");
	check_clean("\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb",
	    "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb");
}

static void
test_invalid_replaced(void)
{
	check_clean("a\xffz", "a\xef\xbf\xbdz");
	check_clean("\xc0\xaf", "\xef\xbf\xbd\xef\xbf\xbd");	/* overlong */
	check_clean("\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	check_clean("cut\xe6\x97", "cut\xef\xbf\xbd\xef\xbf\xbd");
	check_clean("\xf5\x80\x80\x80x",
	    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbdx");
}

static void
test_bidi_stripped(void)
{
	check_clean("abc\xe2\x80\xae" "cba", "abccba");		/* RLO */
	check_clean("\xe2\x80\xaa" "x\xe2\x80\xac", "x");		/* LRE PDF */
	check_clean("\xe2\x81\xa6" "y\xe2\x81\xa9", "y");		/* LRI PDI */
	check_clean("\xe2\x81\xa8z", "z");				/* FSI */
}

static void
test_cap(void)
{
	char	*big, *got;
	size_t	 i;

	big = malloc(1 << 20);
	for (i = 0; i < (1 << 20) - 1; i++)
		big[i] = "abc\xe6\x97\xa5"[i % 6];
	big[i] = '\0';
	got = text_sanitize_cap(big, (1 << 20) - 1, 100);
	/* At most 100 bytes, a whole character, then an ellipsis. */
	CHECK(strlen(got) <= 100 + 3);
	CHECK(strcmp(got + strlen(got) - 3, "\xe2\x80\xa6") == 0);
	free(got);
	free(big);

	got = text_sanitize_cap("short", 5, 100);
	CHECK_STR(got, "short");
	free(got);
	got = text_sanitize_cap("日本語", strlen("日本語"), 4);
	CHECK_STR(got, "日…");
	free(got);
}

TEST_MAIN(
	TEST_CASE(test_plain_kept),
	TEST_CASE(test_csi_removed),
	TEST_CASE(test_osc_removed),
	TEST_CASE(test_string_sequences_removed),
	TEST_CASE(test_two_byte_escapes_removed),
	TEST_CASE(test_controls),
	TEST_CASE(test_utf8_kept),
	TEST_CASE(test_invalid_replaced),
	TEST_CASE(test_bidi_stripped),
	TEST_CASE(test_cap)
)
