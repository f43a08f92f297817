/*
 * evtop kiosk-pin as a script runs it, the PIN on standard input: the
 * hash lands in the right section of the config file and nothing else
 * of the file changes; a PIN it refuses writes nothing (exit 2); and
 * evtop --kiosk will not start without a PIN.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kiosk-pin.h"
#include "support-run.h"
#include "test.h"

#define UNREACHABLE	"http://127.0.0.1:1"
/* A yescrypt hash of "0815", as another machine made it. */
#define OTHER_HASH	"$y$j9T$zqkHAIzcjUXsnNs3BVsB5/$" \
	"NoedMsF1/CBejpf9410U/wJvOHM46nWm1Grd4UDQAtB"

static char	home[] = "/tmp/evtop-kiosk-XXXXXX";
static int	home_made;
static char	config[512];	/* home/evtop/config.ini, as evtop finds it */
static char	folder[256];

static void
report(const struct support_run *r)
{
	fprintf(stderr, "--- exit %d\n--- stdout:\n%s--- stderr:\n%s---\n",
	    r->status, r->out, r->err);
}

static void
write_config(const char *text, mode_t mode)
{
	int	fd;

	mkdir(folder, 0700);
	unlink(config);
	if ((fd = open(config, O_WRONLY|O_CREAT|O_TRUNC, 0600)) == -1 ||
	    write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		abort();
	fchmod(fd, mode);
	close(fd);
}

static mode_t
mode_of(const char *path)
{
	struct stat	st;

	return (stat(path, &st) == 0 ? st.st_mode & 07777 : (mode_t)-1);
}

/* The value of the first "kiosk_pin = " line after from, a new string. */
static char *
pin_after(const char *text, const char *from)
{
	const char	*p = strstr(text, from), *end;

	if (p == NULL || (p = strstr(p, "kiosk_pin = ")) == NULL)
		return (strdup(""));
	p += strlen("kiosk_pin = ");
	end = p + strcspn(p, "\n");
	return (strndup(p, (size_t)(end - p)));
}

/* Files in the config folder other than config.ini: temporary ones. */
static int
count_others(void)
{
	DIR		*d;
	struct dirent	*de;
	int		 n = 0;

	if ((d = opendir(folder)) == NULL)
		return (-1);
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0 &&
		    strcmp(de->d_name, "config.ini") != 0)
			n++;
	}
	closedir(d);
	return (n);
}

static void
test_setup(void)
{
	CHECK(mkdtemp(home) != NULL);
	home_made = 1;
	CHECK(getenv("EVTOP_BIN") != NULL);
	snprintf(folder, sizeof folder, "%s/evtop", home);
	snprintf(config, sizeof config, "%s/config.ini", folder);
}

/* No config file yet: the folder and the file are made, 0700 and 0600. */
static void
test_new_file(void)
{
	const char		*args[] = { "kiosk-pin", "-p", "kiosk", NULL };
	struct support_run	 r;
	char			 want[1024], *text, *hash;
	int			 before = test_failures;

	support_run_input(&r, home, args, NULL, "4711\n");
	CHECK_INT(r.status, 0);
	snprintf(want, sizeof want, "evtop: kiosk PIN set in %s [profile "
	    "kiosk]\n", config);
	CHECK_STR(r.out, want);
	CHECK_STR(r.err, "");
	CHECK_INT(mode_of(config), 0600);
	CHECK_INT(mode_of(folder), 0700);
	text = support_slurp(config);
	hash = pin_after(text, "[profile kiosk]\n");
	CHECK(strncmp(text, "[profile kiosk]\nkiosk_pin = $y$", 31) == 0);
	CHECK(strstr(text, "4711") == NULL);
	CHECK_INT(kiosk_pin_check(hash, "4711"), 1);
	CHECK_INT(kiosk_pin_check(hash, "4712"), 0);
	CHECK_INT(count_others(), 0);
	if (test_failures != before)
		report(&r);
	free(hash);
	free(text);
	support_run_done(&r);
}

static const char *const venue =
    "; the venue's stations\n"
    "[defaults]\n"
    "profile = kiosk\n"
    "\n"
    "[profile kiosk]\n"
    "server = https://events.example\n"
    "token_file = /var/lib/evtop-kiosk/token   ; the station's\n"
    "kiosk_event = 42\n"
    "\n"
    "# the office\n"
    "[profile office]\n"
    "server = https://events.example\n"
    "kiosk_pin = " OTHER_HASH "\n"
    "\n"
    "[keymap]\n"
    "quit = q\n";

/*
 * An existing file: the profile [defaults] chooses gets the line after
 * its last key; replaced the second time; every other byte, and the
 * file's mode, as they were.
 */
static void
test_existing_file(void)
{
	const char		*args[] = { "kiosk-pin", NULL };
	const char		*office[] = { "EVTOP_PROFILE=office", NULL };
	struct support_run	 r;
	char			 want[2048], *text, *hash, *first;
	const char		*split;
	int			 before = test_failures;

	write_config(venue, 0640);
	support_run_input(&r, home, args, NULL, "s3cret-door\n");
	CHECK_INT(r.status, 0);
	snprintf(want, sizeof want, "evtop: kiosk PIN set in %s [profile "
	    "kiosk]\n", config);
	CHECK_STR(r.out, want);
	text = support_slurp(config);
	first = pin_after(text, "[profile kiosk]\n");
	CHECK_INT(kiosk_pin_check(first, "s3cret-door"), 1);
	/* The venue's text with one line added after kiosk_event. */
	split = strstr(venue, "kiosk_event = 42\n") + 17;
	snprintf(want, sizeof want, "%.*skiosk_pin = %s\n%s",
	    (int)(split - venue), venue, first, split);
	CHECK_STR(text, want);
	CHECK_INT(mode_of(config), 0640);
	CHECK_INT(count_others(), 0);
	if (test_failures != before)
		report(&r);
	free(text);
	support_run_done(&r);

	/* Again, for the office (EVTOP_PROFILE): its line is replaced. */
	support_run_input(&r, home, args, office, "9999\n");
	CHECK_INT(r.status, 0);
	text = support_slurp(config);
	hash = pin_after(text, "[profile office]\n");
	CHECK(strcmp(hash, OTHER_HASH) != 0);
	CHECK_INT(kiosk_pin_check(hash, "9999"), 1);
	snprintf(want, sizeof want, "%.*skiosk_pin = %s\n%s",
	    (int)(split - venue), venue, first, split);
	{
		char	*old = strstr(want, OTHER_HASH);

		/* Only the office's hash differs from before. */
		CHECK(old != NULL);
		if (old != NULL && strlen(hash) == strlen(OTHER_HASH))
			memcpy(old, hash, strlen(hash));
	}
	CHECK_STR(text, want);
	CHECK_INT(mode_of(config), 0640);
	free(hash);
	free(text);
	free(first);
	support_run_done(&r);
}

/* A profile the file does not have yet is added; so is [defaults]. */
static void
test_new_sections(void)
{
	const char		*hall[] = { "kiosk-pin", "-p", "hall-b",
	    NULL };
	const char		*none[] = { "kiosk-pin", NULL };
	struct support_run	 r;
	char			 want[1024], *text, *hash;

	write_config("[profile a]\nascii = on\n", 0600);
	support_run_input(&r, home, hall, NULL, "1234\n");
	CHECK_INT(r.status, 0);
	text = support_slurp(config);
	hash = pin_after(text, "[profile hall-b]\n");
	snprintf(want, sizeof want, "[profile a]\nascii = on\n\n"
	    "[profile hall-b]\nkiosk_pin = %s\n", hash);
	CHECK_STR(text, want);
	free(hash);
	free(text);
	support_run_done(&r);

	/* No profile chosen: [defaults], which every profile reads. */
	write_config("[profile a]\nascii = on\n", 0600);
	support_run_input(&r, home, none, NULL, "1234\n");
	CHECK_INT(r.status, 0);
	snprintf(want, sizeof want, "evtop: kiosk PIN set in %s "
	    "[defaults]\n", config);
	CHECK_STR(r.out, want);
	text = support_slurp(config);
	CHECK(strncmp(text, "[profile a]\nascii = on\n\n[defaults]\n"
	    "kiosk_pin = $y$", 49) == 0);
	free(text);
	support_run_done(&r);
}

/* -c FILE, in a folder not made yet. */
static void
test_config_option(void)
{
	char			 file[600], dir[256], want[1024];
	const char		*args[] = { "kiosk-pin", "-c", file, "-p", "x",
	    NULL };
	struct support_run	 r;

	snprintf(dir, sizeof dir, "%s/etc-kiosk", home);
	snprintf(file, sizeof file, "%s/evtop.ini", dir);
	support_run_input(&r, home, args, NULL, "2468\n");
	CHECK_INT(r.status, 0);
	snprintf(want, sizeof want, "evtop: kiosk PIN set in %s [profile "
	    "x]\n", file);
	CHECK_STR(r.out, want);
	CHECK_INT(mode_of(file), 0600);
	support_run_done(&r);
}

/* What is refused writes nothing: the file's bytes stay, exit 2. */
static void
test_refused(void)
{
	static const struct {
		const char	*input;
		const char	*arg1, *arg2;
		const char	*says;	/* after "evtop: " */
	} cases[] = {
		{ "12\n", NULL, NULL, "a PIN needs at least 4 characters: "
		  "CONFIG is not changed\n" },
		{ "\n", NULL, NULL, "a PIN needs at least 4 characters: "
		  "CONFIG is not changed\n" },
		{ "", NULL, NULL, "no PIN was given on standard input: "
		  "CONFIG is not changed\n" },
		{ "12 34\n", NULL, NULL, "a PIN may only have letters, digits "
		  "and punctuation (ASCII): no spaces, no control characters: "
		  "CONFIG is not changed\n" },
		{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		  "aaaaaaaaaa\n", NULL, NULL, "a PIN has at most 64 "
		  "characters: CONFIG is not changed\n" },
		{ "4711\n", "--json", NULL, "evtop kiosk-pin sets the PIN that "
		  "leaves the kiosk: --json does not apply\n" },
		{ "4711\n", "--kiosk", "3", "evtop kiosk-pin sets the PIN that "
		  "leaves the kiosk: --kiosk does not apply\n" },
		{ "4711\n", "-p", "hall b", "a profile name may only have "
		  "letters, digits, '.', '_' and '-' (at most 40): check -p or "
		  "EVTOP_PROFILE\n" },
	};
	struct support_run	 r;
	char			 want[1024], *text, *p;
	size_t			 i;
	int			 before;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *args[] = { "kiosk-pin", cases[i].arg1,
		    cases[i].arg2, NULL };

		before = test_failures;
		write_config(venue, 0640);
		support_run_input(&r, home, args, NULL, cases[i].input);
		CHECK_INT(r.status, 2);
		snprintf(want, sizeof want, "evtop: %s", cases[i].says);
		if ((p = strstr(want, "CONFIG")) != NULL)
			snprintf(p, sizeof want - (size_t)(p - want),
			    "%s is not changed\n", config);
		CHECK(strncmp(r.err, want, strlen(want)) == 0);
		CHECK_STR(r.out, "");
		text = support_slurp(config);
		CHECK_STR(text, venue);
		CHECK_INT(count_others(), 0);
		if (test_failures != before) {
			fprintf(stderr, "case %zu, want: %s", i, want);
			report(&r);
		}
		free(text);
		support_run_done(&r);
	}

	/* A file with a mistake elsewhere is said, and left alone. */
	before = test_failures;
	write_config("[profile kiosk]\nascii = maybe\n", 0600);
	{
		const char *args[] = { "kiosk-pin", "-p", "kiosk", NULL };

		support_run_input(&r, home, args, NULL, "4711\n");
	}
	CHECK_INT(r.status, 2);
	snprintf(want, sizeof want, "evtop: %s:2: ascii wants true or false, "
	    "not \"maybe\"\n", config);
	CHECK_STR(r.err, want);
	text = support_slurp(config);
	CHECK_STR(text, "[profile kiosk]\nascii = maybe\n");
	if (test_failures != before)
		report(&r);
	free(text);
	support_run_done(&r);
}

/*
 * evtop --kiosk without a PIN does not start, and says how to set one;
 * evtop kiosk-pin itself needs none, and puts right a kiosk_pin that is
 * not a hash (the PIN typed in by hand, say).
 */
static void
test_kiosk_needs_pin(void)
{
	const char		*flag[] = { "--kiosk", "1", "-s", UNREACHABLE,
	    NULL };
	const char		*profile[] = { "-p", "kiosk", NULL };
	const char		*set[] = { "kiosk-pin", "-p", "kiosk", NULL };
	const char		*no_pin = "evtop: no kiosk PIN is set: run "
	    "'evtop kiosk-pin' first (it keeps a hash in the config file)\n";
	struct support_run	 r;
	char			 want[1024];
	int			 before = test_failures;

	unlink(config);
	support_run(&r, home, flag, NULL);
	CHECK_INT(r.status, 2);
	CHECK(strncmp(r.err, no_pin, strlen(no_pin)) == 0);
	if (test_failures != before)
		report(&r);
	support_run_done(&r);

	/* The kiosk profile of the venue, before its PIN is set. */
	write_config(venue, 0600);
	support_run(&r, home, profile, NULL);
	CHECK_INT(r.status, 2);
	CHECK(strncmp(r.err, no_pin, strlen(no_pin)) == 0);
	support_run_done(&r);

	/* The PIN typed into the file by hand: named, never echoed. */
	write_config("[profile kiosk]\nserver = " UNREACHABLE "\n"
	    "kiosk_event = 5\nkiosk_pin = 4711\n", 0600);
	support_run(&r, home, profile, NULL);
	CHECK_INT(r.status, 2);
	snprintf(want, sizeof want, "evtop: %s:4: kiosk_pin is not a PIN "
	    "hash: set it with 'evtop kiosk-pin'\n", config);
	CHECK_STR(r.err, want);
	CHECK(strstr(r.err, "4711") == NULL);
	support_run_done(&r);

	before = test_failures;
	support_run_input(&r, home, set, NULL, "4711\n");
	CHECK_INT(r.status, 0);
	if (test_failures != before)
		report(&r);
	support_run_done(&r);

	/* Now the PIN is there; standard output is no terminal. */
	support_run(&r, home, profile, NULL);
	CHECK_INT(r.status, 2);
	snprintf(want, sizeof want, "evtop: kiosk_event (%s:3) makes this a "
	    "kiosk, which needs a terminal: it cannot run in batch mode\n",
	    config);
	CHECK(strncmp(r.err, want, strlen(want)) == 0);
	if (test_failures != before)
		report(&r);
	support_run_done(&r);
}

/* evtop info says what the kiosk is, and of the PIN only "set". */
static void
test_info(void)
{
	const char		*text[] = { "info", "-p", "kiosk", NULL };
	const char		*json[] = { "info", "-p", "kiosk", "--json",
	    NULL };
	const char		*set[] = { "kiosk-pin", "-p", "kiosk", NULL };
	struct support_run	 r;
	int			 before = test_failures;

	write_config("[profile kiosk]\nserver = " UNREACHABLE "\n"
	    "kiosk_event = 42\nkiosk_terminator = none\nkiosk_bell = on\n",
	    0600);
	support_run(&r, home, text, NULL);
	CHECK_INT(r.status, 3);
	CHECK(strstr(r.out, "\nkiosk:        event 42 (from profile), PIN "
	    "not set\nkiosk scans:  a code ends after 0.3 s of silence; "
	    "results shown 3 s, with a beep\n") != NULL);
	if (test_failures != before)
		report(&r);
	support_run_done(&r);

	support_run_input(&r, home, set, NULL, "4711\n");
	CHECK_INT(r.status, 0);
	support_run_done(&r);

	support_run(&r, home, text, NULL);
	CHECK(strstr(r.out, "\nkiosk:        event 42 (from profile), PIN "
	    "set\n") != NULL);
	CHECK(strstr(r.out, "$y$") == NULL);
	if (test_failures != before)
		report(&r);
	support_run_done(&r);

	support_run(&r, home, json, NULL);
	CHECK(strstr(r.out, "\"kiosk\":{\"event\":42,\"pin\":\"set\","
	    "\"terminator\":\"none\",\"scan_timeout\":0.29") != NULL);
	CHECK(strstr(r.out, "$y$") == NULL);
	if (test_failures != before)
		report(&r);
	support_run_done(&r);

	/* Not a kiosk: not a word of it. */
	write_config("[profile kiosk]\nserver = " UNREACHABLE "\n", 0600);
	support_run(&r, home, text, NULL);
	CHECK(strstr(r.out, "kiosk:") == NULL);
	support_run_done(&r);
}

static void
test_cleanup(void)
{
	char	cmd[600];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", home);
	if (home_made)
		(void)!system(cmd);
}

TEST_MAIN(
	TEST_CASE(test_setup),
	TEST_CASE(test_new_file),
	TEST_CASE(test_existing_file),
	TEST_CASE(test_new_sections),
	TEST_CASE(test_config_option),
	TEST_CASE(test_refused),
	TEST_CASE(test_kiosk_needs_pin),
	TEST_CASE(test_info),
	TEST_CASE(test_cleanup)
)
