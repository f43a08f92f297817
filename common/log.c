#include "log.h"

#include <stdarg.h>
#include <stdlib.h>
#include <sys/time.h>
#include <time.h>

static const char	*log_name = "evtop";
static FILE		*log_file;	/* the trace: every line */
static FILE		*log_stream;	/* warnings; info when verbose */
static int		 log_verbose;

void
log_init(const char *name, FILE *stream)
{
	log_name = name;
	log_stream = stream;
}

void
log_set_verbose(int verbose)
{
	log_verbose = verbose;
}

int
log_open(const char *path)
{
	FILE	*f;

	if ((f = fopen(path, "ae")) == NULL)
		return (-1);
	setvbuf(f, NULL, _IOLBF, 0);
	log_close();
	log_file = f;
	return (0);
}

void
log_close(void)
{
	if (log_file != NULL)
		fclose(log_file);
	log_file = NULL;
}

int
log_enabled(void)
{
	return (log_file != NULL || (log_stream != NULL && log_verbose));
}

static void
log_vfile(const char *fmt, va_list ap)
{
	struct timeval	tv;
	struct tm	tm;
	char		stamp[32];

	gettimeofday(&tv, NULL);
	gmtime_r(&tv.tv_sec, &tm);
	strftime(stamp, sizeof stamp, "%H:%M:%S", &tm);
	fprintf(log_file, "%s.%03ld ", stamp, (long)(tv.tv_usec / 1000));
	vfprintf(log_file, fmt, ap);
	fputc('\n', log_file);
}

static void
log_vstream(const char *fmt, va_list ap)
{
	fprintf(log_stream, "%s: ", log_name);
	vfprintf(log_stream, fmt, ap);
	fputc('\n', log_stream);
	fflush(log_stream);
}

/* Writes one line to the trace and, when to_stream, to the stream. */
static void
log_vwrite(int to_stream, const char *fmt, va_list ap)
{
	va_list	copy;

	if (log_file != NULL) {
		va_copy(copy, ap);
		log_vfile(fmt, copy);
		va_end(copy);
	}
	if (to_stream && log_stream != NULL)
		log_vstream(fmt, ap);
}

void
log_debug(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_vwrite(log_file == NULL && log_verbose, fmt, ap);
	va_end(ap);
}

void
log_info(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_vwrite(log_verbose, fmt, ap);
	va_end(ap);
}

void
log_warnx(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_vwrite(1, fmt, ap);
	va_end(ap);
}

void
log_fatalx(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_vwrite(1, fmt, ap);
	va_end(ap);
	if (log_stream == NULL) {
		va_start(ap, fmt);
		log_stream = stderr;
		log_vstream(fmt, ap);
		va_end(ap);
	}
	abort();
}
