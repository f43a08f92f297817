/*
 * The text input widget: editing a character at a time (UTF-8, combining
 * marks kept with their letter), the kill keys, the maximum, refused
 * input changing nothing, the hidden mode never showing what was typed,
 * and what a narrow field shows around its cursor.  No terminal needed.
 */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "textin.h"

#include "test.h"

__attribute__((constructor)) static void
setup_locale(void)
{
	setlocale(LC_ALL, "C.UTF-8");
}

#define E_ACUTE	"\xc3\xa9"		/* é, one code point */
#define ACUTE	"\xcc\x81"		/* U+0301, a combining mark */
#define CJK	"\xe6\x97\xa5"		/* 日, two columns */
#define BULLET	"\xe2\x80\xa2"

/* Types s a key at a time, as the terminal gives it (one character). */
static void
type(struct textin *t, const char *s)
{
	char	one[8];
	size_t	len;

	while (*s != '\0') {
		len = 1;
		while ((s[len] & 0xc0) == 0x80)
			len++;
		memcpy(one, s, len);
		one[len] = '\0';
		CHECK_INT(textin_insert(t, one), 0);
		s += len;
	}
}

static void
test_insert_and_move(void)
{
	struct textin	*t = textin_new(64, 0);

	CHECK_STR(textin_text(t), "");
	CHECK_INT(textin_edit(t, TEXTIN_LEFT), 0);	/* nowhere to go */
	CHECK_INT(textin_edit(t, TEXTIN_BACKSPACE), 0);
	type(t, "ana@example.com");
	CHECK_INT(textin_cursor(t), 15);
	CHECK_INT(textin_length(t), 15);
	CHECK_INT(textin_edit(t, TEXTIN_HOME), 1);
	CHECK_INT(textin_cursor(t), 0);
	type(t, "x");
	CHECK_STR(textin_text(t), "xana@example.com");
	CHECK_INT(textin_edit(t, TEXTIN_BACKSPACE), 1);
	CHECK_STR(textin_text(t), "ana@example.com");
	CHECK_INT(textin_edit(t, TEXTIN_DELETE), 1);
	CHECK_STR(textin_text(t), "na@example.com");
	CHECK_INT(textin_edit(t, TEXTIN_RIGHT), 1);
	CHECK_INT(textin_edit(t, TEXTIN_RIGHT), 1);
	type(t, "-");
	CHECK_STR(textin_text(t), "na-@example.com");
	CHECK_INT(textin_edit(t, TEXTIN_END), 1);
	CHECK_INT(textin_edit(t, TEXTIN_END), 0);
	CHECK_INT(textin_edit(t, TEXTIN_DELETE), 0);	/* nothing after */
	CHECK_INT(textin_cursor(t), strlen("na-@example.com"));
	/* Pasted text goes in whole. */
	CHECK_INT(textin_edit(t, TEXTIN_HOME), 1);
	CHECK_INT(textin_insert(t, "jo"), 0);
	CHECK_STR(textin_text(t), "jona-@example.com");
	CHECK_INT(textin_cursor(t), 2);
	textin_free(t);
}

/* Multi-byte characters move and go whole; marks stay with letters. */
static void
test_utf8(void)
{
	struct textin	*t = textin_new(64, 0);

	type(t, "caf" E_ACUTE CJK);
	CHECK_INT(textin_length(t), 5);
	CHECK_INT(textin_edit(t, TEXTIN_LEFT), 1);
	CHECK_INT(textin_cursor(t), strlen("caf" E_ACUTE));
	CHECK_INT(textin_edit(t, TEXTIN_LEFT), 1);
	CHECK_INT(textin_cursor(t), 3);
	CHECK_INT(textin_edit(t, TEXTIN_DELETE), 1);
	CHECK_STR(textin_text(t), "caf" CJK);
	CHECK_INT(textin_edit(t, TEXTIN_END), 1);
	CHECK_INT(textin_edit(t, TEXTIN_BACKSPACE), 1);
	CHECK_STR(textin_text(t), "caf");
	CHECK_INT(textin_length(t), 3);

	/* e + U+0301 is one character to the cursor. */
	CHECK_INT(textin_set(t, "ne" ACUTE "e"), 0);
	CHECK_INT(textin_length(t), 4);
	CHECK_INT(textin_edit(t, TEXTIN_LEFT), 1);
	CHECK_INT(textin_edit(t, TEXTIN_LEFT), 1);
	CHECK_INT(textin_cursor(t), 1);
	CHECK_INT(textin_edit(t, TEXTIN_RIGHT), 1);
	CHECK_INT(textin_cursor(t), strlen("ne" ACUTE));
	CHECK_INT(textin_edit(t, TEXTIN_BACKSPACE), 1);
	CHECK_STR(textin_text(t), "ne");
	CHECK_INT(textin_length(t), 2);
	textin_free(t);
}

static void
test_kill(void)
{
	struct textin	*t = textin_new(64, 0);

	CHECK_INT(textin_set(t, "one two  three"), 0);
	CHECK_INT(textin_edit(t, TEXTIN_KILL_WORD), 1);
	CHECK_STR(textin_text(t), "one two  ");
	/* Blanks before the cursor go with the word before them. */
	CHECK_INT(textin_edit(t, TEXTIN_KILL_WORD), 1);
	CHECK_STR(textin_text(t), "one ");
	CHECK_INT(textin_edit(t, TEXTIN_KILL_WORD), 1);
	CHECK_STR(textin_text(t), "");
	CHECK_INT(textin_edit(t, TEXTIN_KILL_WORD), 0);

	/* C-u: from the start to the cursor; what follows stays. */
	CHECK_INT(textin_set(t, "caf" E_ACUTE " noir"), 0);
	CHECK_INT(textin_edit(t, TEXTIN_LEFT), 1);
	CHECK_INT(textin_edit(t, TEXTIN_LEFT), 1);
	CHECK_INT(textin_edit(t, TEXTIN_KILL_START), 1);
	CHECK_STR(textin_text(t), "ir");
	CHECK_INT(textin_cursor(t), 0);
	CHECK_INT(textin_length(t), 2);
	CHECK_INT(textin_edit(t, TEXTIN_KILL_START), 0);
	textin_free(t);
}

/* Refused input changes nothing: too long, not UTF-8, a control. */
static void
test_refused(void)
{
	struct textin	*t = textin_new(4, 0);

	type(t, "ab" E_ACUTE);
	CHECK_INT(textin_insert(t, "cd"), -1);
	CHECK_STR(textin_text(t), "ab" E_ACUTE);
	CHECK_INT(textin_insert(t, CJK), 0);
	CHECK_INT(textin_length(t), 4);
	CHECK_INT(textin_insert(t, "x"), -1);
	CHECK_INT(textin_set(t, "abcde"), -1);
	CHECK_STR(textin_text(t), "ab" E_ACUTE CJK);
	CHECK_INT(textin_edit(t, TEXTIN_HOME), 1);
	CHECK_INT(textin_edit(t, TEXTIN_DELETE), 1);
	CHECK_INT(textin_insert(t, "\xff"), -1);	/* not UTF-8 */
	CHECK_INT(textin_insert(t, "\xe6\x97"), -1);	/* cut short */
	CHECK_INT(textin_insert(t, "\t"), -1);
	CHECK_INT(textin_insert(t, "\x1b[2J"), -1);
	CHECK_INT(textin_insert(t, "\xc2\x9b"), -1);	/* C1 CSI */
	CHECK_INT(textin_insert(t, "\x7f"), -1);
	CHECK_STR(textin_text(t), "b" E_ACUTE CJK);
	CHECK_INT(textin_cursor(t), 0);
	CHECK_INT(textin_length(t), 3);
	CHECK_INT(textin_max(t), 4);
	textin_free(t);
}

/* A password is drawn as bullets, and its bytes are wiped as they go. */
static void
test_hidden(void)
{
	struct textin	*t = textin_new(16, TEXTIN_HIDDEN);
	const char	*buf;
	char		*v;
	int		 col;

	CHECK(textin_hidden(t));
	type(t, "s3cr" E_ACUTE "t");
	v = textin_view(t, 20, 0, &col);
	CHECK_STR(v, BULLET BULLET BULLET BULLET BULLET BULLET);
	CHECK_INT(col, 6);
	free(v);
	v = textin_view(t, 20, 1, &col);
	CHECK_STR(v, "******");
	free(v);
	CHECK_STR(textin_text(t), "s3cr" E_ACUTE "t");
	/* The buffer is the input's own: what leaves it is zeroed. */
	buf = textin_text(t);
	CHECK_INT(textin_edit(t, TEXTIN_BACKSPACE), 1);
	CHECK_INT(buf[strlen("s3cr" E_ACUTE)], 0);
	CHECK_INT(textin_edit(t, TEXTIN_KILL_START), 1);
	CHECK(memchr(buf, 's', 8) == NULL);
	CHECK(memchr(buf, '3', 8) == NULL);
	type(t, "again");
	textin_clear(t);
	CHECK_STR(textin_text(t), "");
	CHECK(memchr(buf, 'a', 8) == NULL);
	CHECK_INT(textin_length(t), 0);
	textin_free(t);
}

/* A narrow field scrolls to keep its cursor in view. */
static void
test_view(void)
{
	struct textin	*t = textin_new(64, 0);
	char		*v;
	int		 col;

	CHECK_INT(textin_set(t, "organizer@example.com"), 0);
	v = textin_view(t, 30, 0, &col);
	CHECK_STR(v, "organizer@example.com");
	CHECK_INT(col, 21);
	free(v);
	/* The end, with a cell left for the cursor after it. */
	v = textin_view(t, 10, 0, &col);
	CHECK_STR(v, "ample.com");
	CHECK_INT(col, 9);
	free(v);
	v = textin_view(t, 11, 0, &col);
	CHECK_STR(v, "xample.com");
	CHECK_INT(col, 10);
	free(v);
	textin_edit(t, TEXTIN_HOME);
	v = textin_view(t, 10, 0, &col);
	CHECK_STR(v, "organizer@");
	CHECK_INT(col, 0);
	free(v);
	/* Wide characters are never split, and count two columns. */
	CHECK_INT(textin_set(t, CJK CJK CJK), 0);
	v = textin_view(t, 5, 0, &col);
	CHECK_STR(v, CJK CJK);
	CHECK_INT(col, 4);
	free(v);
	textin_edit(t, TEXTIN_LEFT);
	v = textin_view(t, 4, 0, &col);
	CHECK_STR(v, CJK CJK);
	CHECK_INT(col, 2);
	free(v);
	v = textin_view(t, 0, 0, &col);
	CHECK_STR(v, "");
	CHECK_INT(col, 0);
	free(v);
	textin_free(t);
}

TEST_MAIN(
	TEST_CASE(test_insert_and_move),
	TEST_CASE(test_utf8),
	TEST_CASE(test_kill),
	TEST_CASE(test_refused),
	TEST_CASE(test_hidden),
	TEST_CASE(test_view))
