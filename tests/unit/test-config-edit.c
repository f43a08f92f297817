/*
 * One key set in a config file people write: the line is replaced, or
 * added to its section, or the section added; every other byte stays.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "config-edit.h"
#include "test.h"

static char	dir[] = "/tmp/evtop-edit-XXXXXX";
static int	dir_made;

static void
test_texts(void)
{
	static const struct {
		const char	*why;
		const char	*profile;	/* NULL: [defaults] */
		const char	*in;
		const char	*out;
	} cases[] = {
		{ "a line of the key is replaced, the rest kept", "kiosk",
		  "; venue\n[profile kiosk]\nserver = https://a.example  ; x\n"
		  "kiosk_pin = OLD\n\tkiosk_event = 3\n[profile b]\n",
		  "; venue\n[profile kiosk]\nserver = https://a.example  ; x\n"
		  "kiosk_pin = NEW\n\tkiosk_event = 3\n[profile b]\n" },
		{ "indented, with a colon, quoted: replaced whole", "kiosk",
		  "[profile kiosk]\n  kiosk_pin : \"OLD\"\n",
		  "[profile kiosk]\nkiosk_pin = NEW\n" },
		{ "after the section's last key, not the next one's comment",
		  "kiosk",
		  "[profile kiosk]\nserver = https://a.example\n\n"
		  "# the door\n[profile door]\nkiosk_pin = KEEP\n",
		  "[profile kiosk]\nserver = https://a.example\n"
		  "kiosk_pin = NEW\n\n"
		  "# the door\n[profile door]\nkiosk_pin = KEEP\n" },
		{ "a section with no key yet: right under its [...] line",
		  "kiosk", "[profile kiosk]\n\n[keymap]\nquit = q\n",
		  "[profile kiosk]\nkiosk_pin = NEW\n\n[keymap]\nquit = q\n" },
		{ "the blanks a profile name may have after 'profile'", "kiosk",
		  "[profile   kiosk]\nkiosk_event = 1",
		  "[profile   kiosk]\nkiosk_event = 1\nkiosk_pin = NEW\n" },
		{ "a comment or another section's key is not the key", "kiosk",
		  "# kiosk_pin = OLD\n[profile kiosk2]\nkiosk_pin = KEEP\n"
		  "[profile kiosk]\n;kiosk_pin = OLD\n",
		  "# kiosk_pin = OLD\n[profile kiosk2]\nkiosk_pin = KEEP\n"
		  "[profile kiosk]\nkiosk_pin = NEW\n;kiosk_pin = OLD\n" },
		{ "no such section: added at the end, after a blank line",
		  "kiosk", "[profile a]\nserver = https://a.example\n",
		  "[profile a]\nserver = https://a.example\n\n"
		  "[profile kiosk]\nkiosk_pin = NEW\n" },
		{ "a last line without its newline gets one", "kiosk",
		  "[profile a]\nascii = true",
		  "[profile a]\nascii = true\n\n[profile kiosk]\n"
		  "kiosk_pin = NEW\n" },
		{ "a blank line there already is not doubled", "kiosk",
		  "ascii = true\n\n",
		  "ascii = true\n\n[profile kiosk]\nkiosk_pin = NEW\n" },
		{ "an empty file", "kiosk", "",
		  "[profile kiosk]\nkiosk_pin = NEW\n" },
		{ "[defaults]: the keys before any section are in it", NULL,
		  "; top\nprofile = kiosk\n\n[profile kiosk]\nkiosk_event = 2\n",
		  "; top\nprofile = kiosk\nkiosk_pin = NEW\n\n"
		  "[profile kiosk]\nkiosk_event = 2\n" },
		{ "[defaults] by name, after the profiles", NULL,
		  "[profile kiosk]\nkiosk_pin = KEEP\n[defaults]\n"
		  "kiosk_pin = OLD\n",
		  "[profile kiosk]\nkiosk_pin = KEEP\n[defaults]\n"
		  "kiosk_pin = NEW\n" },
		{ "no [defaults] and no keys before a section: added", NULL,
		  "# only a comment\n[profile a]\nascii = on\n",
		  "# only a comment\n[profile a]\nascii = on\n\n[defaults]\n"
		  "kiosk_pin = NEW\n" },
		{ "a file written on Windows keeps its line endings", "kiosk",
		  "[profile a]\r\nascii = on\r\n",
		  "[profile a]\r\nascii = on\r\n\r\n[profile kiosk]\r\n"
		  "kiosk_pin = NEW\r\n" },
		{ "and a replaced line keeps its own", "a",
		  "[profile a]\r\nkiosk_pin = OLD\r\nascii = on\r\n",
		  "[profile a]\r\nkiosk_pin = NEW\r\nascii = on\r\n" },
		{ "a byte order mark before the first key", NULL,
		  "\xef\xbb\xbfkiosk_pin = OLD\n",
		  "\xef\xbb\xbfkiosk_pin = NEW\n" },
	};
	char	*out;
	size_t	 i, len;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		out = config_edit_text(cases[i].in, strlen(cases[i].in),
		    cases[i].profile, "kiosk_pin", "NEW", &len);
		if (strcmp(out, cases[i].out) != 0) {
			fprintf(stderr, "%s:\n--- got:\n%s--- want:\n%s---\n",
			    cases[i].why, out, cases[i].out);
			CHECK(0);
		}
		CHECK_INT(len, strlen(out));
		free(out);
	}
}

/* Set twice, the file is as set once; and evtop reads what was set. */
static void
test_read_back(void)
{
	const char	*in = "profile = kiosk\n[profile kiosk]\n"
	    "server = https://a.example\n";
	const char	*hash = "$y$j9T$F5Jx5fExrKuPp53xLKQ..1$"
	    "T.6MJPbSRJwgOxRhMWg2dULCxrUfhNnV7A706kom2M0";
	struct config	 cfg;
	char		*once, *twice, *cause = NULL;
	size_t		 len1, len2;

	once = config_edit_text(in, strlen(in), "kiosk", "kiosk_pin", hash,
	    &len1);
	twice = config_edit_text(once, len1, "kiosk", "kiosk_pin", hash,
	    &len2);
	CHECK_STR(twice, once);
	config_init(&cfg);
	CHECK_INT(config_load_text(&cfg, "t.ini", once, len1, &cause), 0);
	CHECK_STR(cause, NULL);
	CHECK_STR(cfg.profile, "kiosk");
	CHECK_STR(cfg.kiosk_pin, hash);
	CHECK_INT(cfg.from[OPT_KIOSK_PIN], CONFIG_SRC_PROFILE);
	config_done(&cfg);
	free(cause);
	free(once);
	free(twice);
}

static mode_t
mode_of(const char *path)
{
	struct stat	st;

	if (stat(path, &st) != 0)
		return ((mode_t)-1);
	return (st.st_mode & 07777);
}

/* Files: made with their folders, modes kept, links followed. */
static void
test_files(void)
{
	char	 path[512], link[512], folder[256], *text, *cause = NULL;
	FILE	*f;

	if (mkdtemp(dir) == NULL) {
		CHECK(0);
		return;
	}
	dir_made = 1;

	/* A new file, in folders that are not there yet. */
	snprintf(folder, sizeof folder, "%s/a/evtop", dir);
	snprintf(path, sizeof path, "%s/config.ini", folder);
	CHECK_INT(config_edit_file(path, "kiosk", "kiosk_pin", "H1", &cause),
	    0);
	CHECK_STR(cause, NULL);
	CHECK_INT(mode_of(path), 0600);
	CHECK_INT(mode_of(folder), 0700);
	f = fopen(path, "r");
	text = calloc(1, 256);
	if (f != NULL) {
		(void)!fread(text, 1, 255, f);
		fclose(f);
	}
	CHECK_STR(text, "[profile kiosk]\nkiosk_pin = H1\n");
	free(text);

	/* An old file keeps its mode, whatever it was. */
	chmod(path, 0640);
	CHECK_INT(config_edit_file(path, "kiosk", "kiosk_pin", "H2", &cause),
	    0);
	CHECK_INT(mode_of(path), 0640);

	/* A link stays a link; the file it names changes. */
	snprintf(link, sizeof link, "%s/link.ini", dir);
	CHECK_INT(symlink(path, link), 0);
	CHECK_INT(config_edit_file(link, NULL, "kiosk_pin", "H3", &cause),
	    0);
	{
		struct stat	st;

		CHECK(lstat(link, &st) == 0 && S_ISLNK(st.st_mode));
	}
	f = fopen(path, "r");
	text = calloc(1, 256);
	if (f != NULL) {
		(void)!fread(text, 1, 255, f);
		fclose(f);
	}
	CHECK_STR(text, "[profile kiosk]\nkiosk_pin = H2\n\n[defaults]\n"
	    "kiosk_pin = H3\n");
	free(text);

	/* A folder where the file should be: said, nothing written. */
	CHECK_INT(config_edit_file(folder, "kiosk", "kiosk_pin", "H4", &cause),
	    -1);
	CHECK(cause != NULL && strstr(cause, "it is not a file") != NULL);
	free(cause);
}

static void
test_cleanup(void)
{
	char	cmd[300];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (dir_made)
		(void)!system(cmd);
}

TEST_MAIN(
	TEST_CASE(test_texts),
	TEST_CASE(test_read_back),
	TEST_CASE(test_files),
	TEST_CASE(test_cleanup)
)
