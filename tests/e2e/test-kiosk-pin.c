/*
 * evtop kiosk-pin on a terminal, as a person sets the PIN: asked twice,
 * never shown as typed; two that differ, or one too short, write nothing
 * (exit 2); and the terminal echoes again however it ends, ^C included.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test.h"
#include "e2e.h"
#include "kiosk-pin.h"

#define ROWS	24
#define COLS	160

/* evtop kiosk-pin -p kiosk on a pty, waiting for its first question. */
static struct vt *
start(void)
{
	const char	*argv[] = { getenv("EVTOP_BIN"), "kiosk-pin", "-p",
	    "kiosk", NULL };
	struct vt	*vt;

	if ((vt = vt_spawn(argv, NULL, ROWS, COLS)) == NULL) {
		CHECK(0);
		return (NULL);
	}
	if (e2e_expect(vt, "New kiosk PIN:", VT_DEADLINE_MS) != 0) {
		vt_free(vt);
		return (NULL);
	}
	return (vt);
}

static void
type_line(struct vt *vt, const char *s)
{
	vt_send_text(vt, s);
	vt_send_key(vt, VTERM_KEY_ENTER);
}

/*
 * Whether what was typed after the question stayed off the screen: the
 * question's row holds the question and nothing else.
 */
static int
nothing_echoed(struct vt *vt, const char *question)
{
	char	*text;
	int	 row, clean;

	if (!vt_find(vt, question, &row, NULL))
		return (0);
	text = vt_row(vt, row);
	clean = strlen(text) == strlen(question);
	if (!clean)
		fprintf(stderr, "e2e: echoed: \"%s\"\n", text);
	free(text);
	return (clean);
}

/* HOME/.config/evtop/config.ini of the program's private HOME. */
static void
config_path(struct vt *vt, char *buf, size_t len)
{
	snprintf(buf, len, "%s/.config/evtop/config.ini", vt_home(vt));
}

static void
test_typed_twice(void)
{
	struct vt	*vt;
	char		 path[512], want[700], *text, *hash, *end;
	FILE		*f;
	long		 n;

	if ((vt = start()) == NULL)
		return;
	type_line(vt, "4711");
	e2e_expect(vt, "The same PIN again:", VT_DEADLINE_MS);
	type_line(vt, "4711");
	CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 0);
	vt_settle(vt, 100);
	config_path(vt, path, sizeof path);
	snprintf(want, sizeof want, "evtop: kiosk PIN set in %s [profile "
	    "kiosk]", path);
	CHECK(vt_find(vt, want, NULL, NULL));
	/* Typed, never shown. */
	CHECK(nothing_echoed(vt, "New kiosk PIN:"));
	CHECK(nothing_echoed(vt, "The same PIN again:"));

	text = calloc(1, 4096);
	if ((f = fopen(path, "r")) != NULL) {
		n = (long)fread(text, 1, 4095, f);
		text[n] = '\0';
		fclose(f);
	}
	CHECK(strncmp(text, "[profile kiosk]\nkiosk_pin = ", 28) == 0);
	hash = text + strlen("[profile kiosk]\nkiosk_pin = ");
	if ((end = strchr(hash, '\n')) != NULL)
		*end = '\0';
	CHECK_INT(kiosk_pin_check(hash, "4711"), 1);
	free(text);
	if (test_failures > 0)
		vt_dump(vt, stderr);
	vt_free(vt);
}

/* Refused at once or after the second: exit 2, no file. */
static void
test_refused(void)
{
	static const struct {
		const char	*first, *second;
		const char	*says;
	} cases[] = {
		{ "4711", "1147", "evtop: the two PINs differ: " },
		{ "12", NULL, "evtop: a PIN needs at least 4 characters: " },
	};
	struct vt	*vt;
	struct stat	 st;
	char		 path[512];
	size_t		 i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		if ((vt = start()) == NULL)
			return;
		type_line(vt, cases[i].first);
		if (cases[i].second != NULL) {
			e2e_expect(vt, "The same PIN again:", VT_DEADLINE_MS);
			type_line(vt, cases[i].second);
		}
		CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 2);
		vt_settle(vt, 100);
		e2e_expect(vt, cases[i].says, VT_DEADLINE_MS);
		e2e_expect(vt, "config.ini is not changed", VT_DEADLINE_MS);
		CHECK(nothing_echoed(vt, "New kiosk PIN:"));
		config_path(vt, path, sizeof path);
		CHECK(stat(path, &st) == -1);
		vt_free(vt);
	}
}

/*
 * ^C at the question: evtop ends by the signal, as a program does, and
 * the terminal echoes again; the shell after it says so.
 */
static void
test_interrupt_restores_echo(void)
{
	const char	*argv[] = { "/bin/sh", "-c",
	    "trap : INT; \"$0\" kiosk-pin; echo \"ended $?\"; "
	    "if stty -a | grep -qw -- -echo; then echo ECHO-OFF; "
	    "else echo ECHO-ON; fi", getenv("EVTOP_BIN"), NULL };
	struct vt	*vt;

	if ((vt = vt_spawn(argv, NULL, ROWS, COLS)) == NULL) {
		CHECK(0);
		return;
	}
	if (e2e_expect(vt, "New kiosk PIN:", VT_DEADLINE_MS) == 0) {
		vt_send_text(vt, "47");
		vt_send_char(vt, 0x03);		/* ^C: the terminal's SIGINT */
		e2e_expect(vt, "ended 130", VT_DEADLINE_MS);
		e2e_expect(vt, "ECHO-ON", VT_DEADLINE_MS);
		CHECK(!vt_find(vt, "ECHO-OFF", NULL, NULL));
		CHECK(nothing_echoed(vt, "New kiosk PIN:"));
	}
	CHECK_INT(vt_wait_exit(vt, VT_DEADLINE_MS), 0);
	vt_free(vt);
}

TEST_MAIN(
	TEST_CASE(test_typed_twice),
	TEST_CASE(test_refused),
	TEST_CASE(test_interrupt_restores_echo)
)
