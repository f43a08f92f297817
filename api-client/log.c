#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <sys/time.h>
#include <time.h>

static FILE	*log_file;

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
	return (log_file != NULL);
}

void
log_debug(const char *fmt, ...)
{
	struct timeval	tv;
	struct tm	tm;
	char		stamp[32];
	va_list		ap;

	if (log_file == NULL)
		return;
	gettimeofday(&tv, NULL);
	gmtime_r(&tv.tv_sec, &tm);
	strftime(stamp, sizeof stamp, "%H:%M:%S", &tm);
	fprintf(log_file, "%s.%03ld ", stamp, (long)(tv.tv_usec / 1000));
	va_start(ap, fmt);
	vfprintf(log_file, fmt, ap);
	va_end(ap);
	fputc('\n', log_file);
}
