/*
 * bench-kiosk's second half: the real `evtop --kiosk` on a pty read
 * through libvterm, timed from a scanner's burst (a code and Enter in one
 * write) to the banner's "VALID — NAME" on the screen.
 */
#ifndef EVTOP_BENCH_KIOSK_PTY_H
#define EVTOP_BENCH_KIOSK_PTY_H

#include <stddef.h>
#include <stdint.h>

#include "bench-samples.h"

/* A guest of the event: its ticket code and its name. */
struct bench_guest {
	char	code[72];
	char	name[64];
};

struct kiosk_pty_opts {
	const char			*evtop;
	const char			*url;
	const char			*token;
	const char			*folder;	/* config, state */
	int64_t				 event_id;
	/* count scanned online, then count more offline. */
	const struct bench_guest	*guests;
	size_t				 count;
	/* Stops the server between the two. */
	void				(*stop_server)(void *);
	void				*arg;
};

struct kiosk_pty_figures {
	struct samples	echo;		/* a code to its echo */
	struct samples	online;		/* code, Enter: banner */
	struct samples	offline;
	double		ready_ms;	/* started to ready to scan */
	double		offline_ms;	/* server stopped to OFFLINE */
};

/* 0, or -1 with what went wrong (and the screen) on stderr. */
int	kiosk_pty_run(const struct kiosk_pty_opts *,
	    struct kiosk_pty_figures *);
void	kiosk_pty_figures_done(struct kiosk_pty_figures *);

#endif
