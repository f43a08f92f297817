/*
 * Logging for both programs.  The trace file (evtop -v, EVTOP_TRACE) gets
 * every line with a time stamp; a program that owns no screen (evtop-mock)
 * also names a stream, stderr, for its warnings, and for its info lines
 * when verbose.  Tokens and passwords are never logged.
 */
#ifndef EVTOP_LOG_H
#define EVTOP_LOG_H

#include <stdio.h>

/*
 * The program's name, put before each stream line, and the stream (NULL:
 * none, for a program that draws on the terminal).
 */
void	log_init(const char *name, FILE *stream);
/* Info lines, and debug lines when no trace file is open, go to the stream. */
void	log_set_verbose(int);
/* Opens (appends to) the trace file; returns 0, or -1 with errno set. */
int	log_open(const char *path);
void	log_close(void);
/* 1 when a debug line would be written somewhere. */
int	log_enabled(void);

/* What a developer tracing a problem wants: the trace file only. */
void	log_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* What an operator of a server watches with -v: a request, a step. */
void	log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Something went wrong that the program survives: always written. */
void	log_warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Something the program cannot go on after: written, then abort(). */
void	log_fatalx(const char *fmt, ...)
	    __attribute__((format(printf, 1, 2), noreturn));

#endif
