#include "signin.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "xmalloc.h"

#define SIGNIN_LINE_MAX	1024

static int		signin_tty = -1;
static struct termios	signin_saved;
static volatile sig_atomic_t signin_restore;

static const int	signin_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
#define SIGNIN_NSIGNALS	(sizeof signin_signals / sizeof signin_signals[0])

/* Puts echo back, then dies of the signal as it would have. */
static void
signin_on_signal(int sig)
{
	if (signin_restore) {
		tcsetattr(signin_tty, TCSAFLUSH, &signin_saved);
		(void)!write(signin_tty, "\n", 1);
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

static int
signin_read_line(int fd, char *buf, size_t size)
{
	size_t	used = 0;
	ssize_t	n;
	char	c;

	for (;;) {
		n = read(fd, &c, 1);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return (used == 0 ? -1 : 0);
		if (c == '\n' || c == '\r')
			break;
		if (used + 1 < size)
			buf[used++] = c;
	}
	buf[used] = '\0';
	return (0);
}

int
signin_prompt(const char *prompt, int echo, char **out, char **cause)
{
	struct sigaction	sa, old[SIGNIN_NSIGNALS];
	struct termios		quiet;
	char			line[SIGNIN_LINE_MAX];
	size_t			i;
	int			rc;

	if ((signin_tty = open("/dev/tty", O_RDWR | O_CLOEXEC)) == -1) {
		xasprintf(cause, "no terminal to ask for the %s on",
		    echo ? "user" : "password");
		return (-1);
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = signin_on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < SIGNIN_NSIGNALS; i++)
		sigaction(signin_signals[i], &sa, &old[i]);

	if (!echo && tcgetattr(signin_tty, &signin_saved) == 0) {
		quiet = signin_saved;
		quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
		quiet.c_lflag |= ICANON;
		signin_restore = 1;
		tcsetattr(signin_tty, TCSAFLUSH, &quiet);
	}
	(void)!write(signin_tty, prompt, strlen(prompt));
	rc = signin_read_line(signin_tty, line, sizeof line);
	if (signin_restore) {
		tcsetattr(signin_tty, TCSAFLUSH, &signin_saved);
		signin_restore = 0;
		(void)!write(signin_tty, "\n", 1);
	}
	for (i = 0; i < SIGNIN_NSIGNALS; i++)
		sigaction(signin_signals[i], &old[i], NULL);
	close(signin_tty);
	signin_tty = -1;

	if (rc != 0) {
		xasprintf(cause, "no %s given", echo ? "user" : "password");
		explicit_bzero(line, sizeof line);
		return (-1);
	}
	*out = xstrdup(line);
	explicit_bzero(line, sizeof line);
	return (0);
}

void
signin_forget(char *secret)
{
	if (secret == NULL)
		return;
	explicit_bzero(secret, strlen(secret));
	free(secret);
}
