#include "kiosk-pin-cmd.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "config-edit.h"
#include "kiosk-pin.h"
#include "xmalloc.h"

/* Bytes kept of a line: one more than a PIN has, so a longer one shows. */
#define KIOSK_PIN_CMD_LINE	(KIOSK_PIN_MAX + 2)

/* Signals that would end or stop evtop while the terminal does not echo. */
static const int kiosk_pin_cmd_signals[] = {
	SIGINT, SIGHUP, SIGQUIT, SIGTERM, SIGTSTP, SIGTTIN, SIGTTOU
};
#define KIOSK_PIN_CMD_NSIGNALS \
	(sizeof kiosk_pin_cmd_signals / sizeof kiosk_pin_cmd_signals[0])

static volatile sig_atomic_t	kiosk_pin_cmd_caught;

static void
kiosk_pin_cmd_catch(int signo)
{
	kiosk_pin_cmd_caught = signo;
}

/*
 * Reads one line from fd, a byte at a time so that nothing past it is
 * taken, into buf: NUL-ended, without its newline or a final \r; bytes
 * past size - 1 are read and dropped.  Returns its length, or -1 at the
 * end of input with nothing read (errno 0) or on an error (EINTR when a
 * caught signal came).
 */
static ssize_t
kiosk_pin_cmd_line(int fd, char *buf, size_t size)
{
	size_t	len = 0;
	ssize_t	n;
	char	c = '\0';
	int	any = 0;

	for (;;) {
		if (kiosk_pin_cmd_caught) {
			errno = EINTR;
			return (-1);
		}
		if ((n = read(fd, &c, 1)) == -1) {
			if (errno == EINTR && !kiosk_pin_cmd_caught)
				continue;
			explicit_bzero(&c, sizeof c);
			buf[len] = '\0';
			return (-1);
		}
		if (n == 0 || c == '\n') {
			any |= n != 0;
			break;
		}
		any = 1;
		if (len < size - 1)
			buf[len++] = c;
	}
	explicit_bzero(&c, sizeof c);
	buf[len] = '\0';
	if (len > 0 && buf[len - 1] == '\r')
		buf[--len] = '\0';
	if (!any) {
		errno = 0;
		return (-1);
	}
	return ((ssize_t)len);
}

/*
 * Asks for a line on the terminal fd without echo.  The terminal is put
 * back as it was on every way out: a signal that would end or stop evtop
 * meanwhile is caught, the terminal restored and the signal sent again
 * (after a stop, the question is asked again, as readpassphrase does).
 */
static ssize_t
kiosk_pin_cmd_ask(int fd, const char *prompt, char *buf, size_t size)
{
	struct sigaction	sa, saved[KIOSK_PIN_CMD_NSIGNALS];
	struct termios		term, quiet;
	ssize_t			n;
	size_t			i;
	int			signo, error;

again:
	if (tcgetattr(fd, &term) != 0)
		return (-1);
	kiosk_pin_cmd_caught = 0;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = kiosk_pin_cmd_catch;	/* no SA_RESTART: read ends */
	for (i = 0; i < KIOSK_PIN_CMD_NSIGNALS; i++)
		sigaction(kiosk_pin_cmd_signals[i], &sa, &saved[i]);
	quiet = term;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	quiet.c_lflag |= ECHONL;	/* Enter still moves to the next line */
	/* Quiet first: what is typed once the question shows is not shown. */
	if (tcsetattr(fd, TCSAFLUSH, &quiet) == 0) {
		(void)!write(fd, prompt, strlen(prompt));
		n = kiosk_pin_cmd_line(fd, buf, size);
	} else
		n = -1;
	error = errno;
	tcsetattr(fd, TCSAFLUSH, &term);
	for (i = 0; i < KIOSK_PIN_CMD_NSIGNALS; i++)
		sigaction(kiosk_pin_cmd_signals[i], &saved[i], NULL);
	if ((signo = kiosk_pin_cmd_caught) != 0) {
		explicit_bzero(buf, size);
		(void)!write(fd, "\n", 1);
		kiosk_pin_cmd_caught = 0;
		kill(getpid(), signo);
		if (signo == SIGTSTP || signo == SIGTTIN || signo == SIGTTOU)
			goto again;
		/* A signal evtop was told to ignore: given up all the same. */
		errno = EINTR;
		return (-1);
	}
	errno = error;
	return (n);
}

/* What a failed read says; the exit code it makes. */
static int
kiosk_pin_cmd_unread(const char *what, char **cause)
{
	if (errno == 0) {
		xasprintf(cause, "no PIN was given on %s", what);
		return (EXIT_USAGE);
	}
	if (errno == EINTR) {
		xasprintf(cause, "interrupted");
		return (EXIT_USAGE);
	}
	xasprintf(cause, "cannot read %s: %s", what, strerror(errno));
	return (EXIT_FAIL);
}

/* The PIN typed twice on the terminal (/dev/tty, else standard input). */
static int
kiosk_pin_cmd_from_tty(char *pin, char *again, size_t size, char **cause)
{
	int	fd, rc = EXIT_USAGE;

	if ((fd = open("/dev/tty", O_RDWR|O_CLOEXEC)) == -1)
		fd = STDIN_FILENO;
	if (kiosk_pin_cmd_ask(fd, "New kiosk PIN: ", pin, size) == -1)
		rc = kiosk_pin_cmd_unread("the terminal", cause);
	else if (kiosk_pin_acceptable(pin, cause) != 0)
		;
	else if (kiosk_pin_cmd_ask(fd, "The same PIN again: ", again,
	    size) == -1)
		rc = kiosk_pin_cmd_unread("the terminal", cause);
	else if (strcmp(pin, again) != 0)
		xasprintf(cause, "the two PINs differ");
	else
		rc = EXIT_OK;
	if (fd != STDIN_FILENO)
		close(fd);
	return (rc);
}

/* The PIN on the first line of standard input: a script's, a test's. */
static int
kiosk_pin_cmd_from_stdin(char *pin, size_t size, char **cause)
{
	if (kiosk_pin_cmd_line(STDIN_FILENO, pin, size) == -1)
		return (kiosk_pin_cmd_unread("standard input", cause));
	if (kiosk_pin_acceptable(pin, cause) != 0)
		return (EXIT_USAGE);
	return (EXIT_OK);
}

int
kiosk_pin_cmd_run(const struct config *cfg)
{
	char	 pin[KIOSK_PIN_CMD_LINE], again[KIOSK_PIN_CMD_LINE];
	char	*hash = NULL, *cause = NULL;
	int	 rc;

	if (isatty(STDIN_FILENO))
		rc = kiosk_pin_cmd_from_tty(pin, again, sizeof pin, &cause);
	else
		rc = kiosk_pin_cmd_from_stdin(pin, sizeof pin, &cause);
	if (rc == EXIT_OK && (hash = kiosk_pin_hash(pin, &cause)) == NULL)
		rc = EXIT_FAIL;
	explicit_bzero(pin, sizeof pin);
	explicit_bzero(again, sizeof again);
	if (rc == EXIT_OK && config_edit_file(cfg->file, cfg->profile,
	    "kiosk_pin", hash, &cause) != 0)
		rc = EXIT_FAIL;

	if (rc == EXIT_OK)
		printf("evtop: kiosk PIN set in %s [%s%s]\n", cfg->file,
		    cfg->profile != NULL ? "profile " : "defaults",
		    cfg->profile != NULL ? cfg->profile : "");
	else if (rc == EXIT_USAGE)
		fprintf(stderr, "evtop: %s: %s is not changed\n", cause,
		    cfg->file);
	else
		fprintf(stderr, "evtop: %s\n", cause);
	free(hash);
	free(cause);
	return (rc);
}
