/*
 * The `:` command line: typing, Tab completion over the names given
 * (as far as they agree, then each in turn), history with Up and Down,
 * Esc and Backspace on an empty line to leave.
 */
#include <curses.h>
#include <locale.h>

#include "cmdline.h"
#include "keys.h"

#include "test.h"

static const char *const words[] = {
	"events", "ev", "event", "notifications", "notif", "profile",
	"quit", "q", NULL
};

static enum cmdline_result
type(struct cmdline *c, const char *s)
{
	enum cmdline_result	r = CMDLINE_EDITING;

	for (; *s != '\0'; s++)
		r = cmdline_key(c, (unsigned char)*s, words);
	return (r);
}

static void
test_enter_and_leave(void)
{
	struct cmdline	*c = cmdline_new();

	cmdline_open(c);
	CHECK_INT(type(c, "  profile "), CMDLINE_EDITING);
	CHECK_INT(cmdline_key(c, '\r', words), CMDLINE_RUN);
	CHECK_STR(cmdline_text(c), "profile");
	cmdline_open(c);
	CHECK_STR(cmdline_text(c), "");
	CHECK_INT(cmdline_key(c, KEYS_ESC, words), CMDLINE_CANCEL);
	/* Backspace on an empty line leaves, as in vim. */
	cmdline_open(c);
	type(c, "x");
	CHECK_INT(cmdline_key(c, KEYS_FN|KEY_BACKSPACE, words),
	    CMDLINE_EDITING);
	CHECK_INT(cmdline_key(c, KEYS_FN|KEY_BACKSPACE, words),
	    CMDLINE_CANCEL);
	cmdline_free(c);
}

static void
test_complete(void)
{
	struct cmdline	*c = cmdline_new();
	char		 hint[128];

	cmdline_open(c);
	type(c, "no");
	cmdline_matches(c, words, hint, sizeof hint);
	CHECK_STR(hint, "notifications  notif");
	/* As far as the matches agree... */
	cmdline_key(c, '\t', words);
	CHECK_STR(cmdline_text(c), "notif");
	/* ...then each in turn. */
	cmdline_key(c, '\t', words);
	CHECK_STR(cmdline_text(c), "notifications");
	cmdline_key(c, '\t', words);
	CHECK_STR(cmdline_text(c), "notif");
	cmdline_key(c, '\t', words);
	CHECK_STR(cmdline_text(c), "notifications");

	cmdline_open(c);
	type(c, "pro");
	cmdline_key(c, '\t', words);
	CHECK_STR(cmdline_text(c), "profile");
	cmdline_matches(c, words, hint, sizeof hint);
	CHECK_STR(hint, "");

	/* No match: nothing changes. */
	cmdline_open(c);
	type(c, "zz");
	cmdline_key(c, '\t', words);
	CHECK_STR(cmdline_text(c), "zz");
	/* Only the first word completes. */
	cmdline_open(c);
	type(c, "event 4");
	cmdline_key(c, '\t', words);
	CHECK_STR(cmdline_text(c), "event 4");
	cmdline_free(c);
}

static void
test_history(void)
{
	struct cmdline	*c = cmdline_new();
	int		 i;

	cmdline_open(c);
	cmdline_key(c, KEYS_FN|KEY_UP, words);
	CHECK_STR(cmdline_text(c), "");
	type(c, "ev\r");
	cmdline_open(c);
	type(c, "profile\r");
	cmdline_open(c);
	type(c, "profile\r");
	cmdline_open(c);
	type(c, "not");
	cmdline_key(c, KEYS_FN|KEY_UP, words);
	CHECK_STR(cmdline_text(c), "profile");
	/* The same command twice in a row is kept once. */
	cmdline_key(c, KEYS_FN|KEY_UP, words);
	CHECK_STR(cmdline_text(c), "ev");
	cmdline_key(c, KEYS_FN|KEY_UP, words);
	CHECK_STR(cmdline_text(c), "ev");
	cmdline_key(c, KEYS_FN|KEY_DOWN, words);
	CHECK_STR(cmdline_text(c), "profile");
	/* Down past the newest gives back what was being typed. */
	cmdline_key(c, KEYS_FN|KEY_DOWN, words);
	CHECK_STR(cmdline_text(c), "not");
	cmdline_key(c, KEYS_ESC, words);

	/* It keeps the latest CMDLINE_HISTORY. */
	for (i = 0; i < CMDLINE_HISTORY + 5; i++) {
		char	cmd[16];

		cmdline_open(c);
		snprintf(cmd, sizeof cmd, "c%d\r", i);
		type(c, cmd);
	}
	cmdline_open(c);
	for (i = 0; i < CMDLINE_HISTORY + 3; i++)
		cmdline_key(c, KEYS_FN|KEY_UP, words);
	CHECK_STR(cmdline_text(c), "c5");
	cmdline_free(c);
}

TEST_MAIN(
	TEST_CASE(test_enter_and_leave),
	TEST_CASE(test_complete),
	TEST_CASE(test_history))
