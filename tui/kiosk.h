/*
 * The check-in station (evtop --kiosk EVENT_ID), without a screen: what a
 * scan comes to, online or not, and the queue that carries offline scans
 * to the server.  pane-kiosk.c draws it and app-kiosk.c feeds it keys.
 *
 * Every scan is written to the kiosk's file (kiosk-db.h) with a nonce of
 * its own before anything is shown.  Online, it is sent at once and the
 * server's answer is the result.  When the server cannot be reached (or
 * does not answer within answer_ms), the scan is decided against the copy
 * of the guest list kept in the file, and stays queued; the queue is sent
 * in order when the server is back, and the server's answer is final: a
 * guest another door had let in shows as a conflict in the recent scans.
 */
#ifndef EVTOP_KIOSK_H
#define EVTOP_KIOSK_H

#include <stdint.h>
#include <time.h>
#include <uv.h>

#include "kiosk-db.h"

struct api;
struct counters;
struct guest;

struct kiosk_options {
	int64_t		 event_id;
	const char	*server;	/* kept in the file: whose copy */
	const char	*path;		/* the file; NULL: the state folder's */
	unsigned	 answer_ms;	/* wait for the server; 0: 2500 */
	unsigned	 page_size;	/* guests a page; 0: 500 */
	unsigned	 time_scale;	/* tests: timers this much faster */
};

struct kiosk_hooks {
	/* Something shown changed: counters, the queue, the recent scans. */
	void	(*changed)(void *arg);
	/* A scan's result is known, to show now (the bell rings). */
	void	(*result)(void *arg, const struct kiosk_scan *);
	/* A sentence for the station's status line (a failed refresh...). */
	void	(*note)(void *arg, const char *sentence);
};

/* What the station knows of the event and its door. */
struct kiosk_state {
	char		 title[KIOSK_NAME_MAX + 1];	/* "" until known */
	time_t		 starts;			/* 0: not known */
	int64_t		 capacity;		/* -1: not known */
	int64_t		 checked_in;		/* as the server says; -1 */
	int64_t		 inside;		/* if the server says; -1 */
	int64_t		 here;			/* accepted here, not sent */
	int64_t		 queued;		/* scans waiting to be sent */
	int		 online;		/* the server answers */
	int		 signed_out;		/* it refused the token */
	int		 waiting;		/* a scan waits for an answer */
	int64_t		 guests;		/* in the copy */
	time_t		 copied_at;		/* the copy was whole; 0 */
	int		 copying;		/* pages are coming */
	int		 no_copy;		/* the server keeps no list */
	int		 no_event;		/* no such event there */
	int		 no_checkin;		/* no check-in there */
};

struct kiosk;

/* NULL with a sentence when the file cannot be used. */
struct kiosk	*kiosk_new(uv_loop_t *, struct api *,
		    const struct kiosk_options *, const struct kiosk_hooks *,
		    void *arg, char **cause);
/* Fetches the event, its counters and the guest list; sends the queue. */
void		 kiosk_start(struct kiosk *);
/* Closes its timers; freed once they have closed (run the loop). */
void		 kiosk_free(struct kiosk *);

/*
 * A scan (or a code typed by hand).  Returns 0, the result coming through
 * the result hook (at once when decided here), or -1 for nothing to scan.
 */
int		 kiosk_scan(struct kiosk *, const char *code);
void		 kiosk_state(struct kiosk *, struct kiosk_state *);
/* 1 while a scan on screen waits for the server's answer. */
int		 kiosk_waiting(const struct kiosk *);
/* The latest scans, newest first. */
size_t		 kiosk_recent(struct kiosk *, struct kiosk_scan *, size_t max);
/* Guests by name in the copy (works offline). */
size_t		 kiosk_search(struct kiosk *, const char *words,
		    struct kiosk_guest *, size_t max);
/*
 * The last check-in made here that can be undone: 0 and *out, or 1 with
 * none.
 */
int		 kiosk_last_checkin(struct kiosk *, struct kiosk_scan *out);
/*
 * Undoes that check-in: a queued one never leaves, a sent one is undone
 * on the server.  The outcome comes as a note.
 */
void		 kiosk_undo(struct kiosk *, const struct kiosk_scan *);

/* What the live link brings (app-kiosk.c passes them on). */
void		 kiosk_heard_checkin(struct kiosk *, const struct guest *);
void		 kiosk_heard_counters(struct kiosk *, const struct counters *);
void		 kiosk_heard_resync(struct kiosk *);
/* The link is up (1) or lost (0): a way back is tried at once. */
void		 kiosk_heard_link(struct kiosk *, int up);
/* The server signed the user out: scans are kept until a sign-in. */
void		 kiosk_signed_out(struct kiosk *);
/* The user signed in again: the queue goes. */
void		 kiosk_signed_in(struct kiosk *);

/*
 * The station's file for a server and event in the state folder:
 * kiosk-HOST_PORT-EVENT.db (a new string), or NULL with a sentence.
 */
char		*kiosk_path(const char *server, int64_t event_id, char **cause);
/* A new nonce: 32 hex digits from the system's random source. */
void		 kiosk_nonce(char *out);

#endif
