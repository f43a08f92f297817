/*
 * The kiosk's file: one SQLite database per server and event in the state
 * folder, holding a copy of the event's guests (code, name, check-in) for
 * deciding scans while the server is away, and every scan the station took
 * (its nonce, when, what it came to).  A scan not yet answered by the
 * server is queued; the queue is committed before the result is shown, so
 * a crash or a power cut loses no scan, and its nonce makes a queue sent
 * twice check nobody in twice.
 */
#ifndef EVTOP_KIOSK_DB_H
#define EVTOP_KIOSK_DB_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct guest;

#define KIOSK_CODE_MAX		64	/* bytes of a code, NUL excluded */
#define KIOSK_NAME_MAX		96
#define KIOSK_DETAIL_MAX	160
#define KIOSK_NONCE_LEN		32	/* hex digits */

enum kiosk_result {
	KIOSK_VALID,
	KIOSK_ALREADY,		/* checked in before: first_at */
	KIOSK_INVALID		/* detail says why */
};

/* A guest as the station keeps it. */
struct kiosk_guest {
	int64_t	 id;
	char	 code[KIOSK_CODE_MAX + 1];
	char	 name[KIOSK_NAME_MAX + 1];
	char	 rsvp[16];
	time_t	 checked_in_at;		/* as the server said; 0: not */
	time_t	 local_at;		/* checked in here, not yet sent */
};

/* One scan. */
struct kiosk_scan {
	int64_t			 seq;		/* its row; 0 before one */
	char			 nonce[KIOSK_NONCE_LEN + 1];
	char			 code[KIOSK_CODE_MAX + 1];
	time_t			 scanned_at;
	int			 queued;	/* not answered by the server */
	int			 offline;	/* decided here, not there */
	int			 conflict;	/* the server said otherwise */
	enum kiosk_result	 result;
	int64_t			 guest_id;	/* 0: none known */
	char			 name[KIOSK_NAME_MAX + 1];
	char			 detail[KIOSK_DETAIL_MAX + 1];
	time_t			 first_at;	/* ALREADY: when first */
	int			 undone;	/* its check-in was undone */
};

struct kiosk_db;

/*
 * Opens (creating) the file at path for server and event_id; a file kept
 * for another server or event is refused with a sentence.
 */
struct kiosk_db	*kiosk_db_open(const char *path, const char *server,
		    int64_t event_id, char **cause);
void		 kiosk_db_close(struct kiosk_db *);

/* Copies a string into a kiosk field, cut on a character boundary. */
void		 kiosk_copy(char *dst, size_t size, const char *src);

/*
 * The guest copy.  A refresh is put_guest for each guest of each page
 * between begin and commit; a guest checked in here and not yet sent
 * keeps that mark until the server says so itself.
 */
int		 kiosk_db_begin(struct kiosk_db *, char **cause);
int		 kiosk_db_commit(struct kiosk_db *, char **cause);
void		 kiosk_db_rollback(struct kiosk_db *);
int		 kiosk_db_put_guest(struct kiosk_db *, const struct guest *,
		    char **cause);
/* 0 and *out for the guest with this code (or id), 1 when none. */
int		 kiosk_db_find(struct kiosk_db *, const char *code,
		    struct kiosk_guest *out);
/* Guests whose name has every word, by name: up to max into out. */
size_t		 kiosk_db_search(struct kiosk_db *, const char *words,
		    struct kiosk_guest *out, size_t max);
int64_t		 kiosk_db_guests(struct kiosk_db *);
/* When the copy was last whole (0: never), and setting it. */
time_t		 kiosk_db_copied_at(struct kiosk_db *);
int		 kiosk_db_set_copied_at(struct kiosk_db *, time_t,
		    char **cause);
/*
 * A whole copy: begin, then put_guest for every guest of every page, then
 * end, which drops the guests it did not list (gone from the server)
 * unless checked in here and not yet sent, and sets copied_at to t.  An
 * interrupted copy drops nothing.
 */
void		 kiosk_db_copy_begin(struct kiosk_db *);
int		 kiosk_db_copy_end(struct kiosk_db *, time_t t, char **cause);

/*
 * Keeps a new scan (s->seq is set), and for a scan accepted here marks its
 * guest checked in locally, in one transaction, synced to disk.
 */
int		 kiosk_db_add_scan(struct kiosk_db *, struct kiosk_scan *,
		    char **cause);
/*
 * Writes what a scan came to (result, detail, queued...) and the guest's
 * check-in time as the server answered (at: 0 to leave it); a scan
 * accepted here marks its guest as kiosk_db_add_scan does.
 */
int		 kiosk_db_update_scan(struct kiosk_db *,
		    const struct kiosk_scan *, time_t at, char **cause);
/* The oldest queued scan: 0 and *out, 1 when the queue is empty. */
int		 kiosk_db_next_queued(struct kiosk_db *,
		    struct kiosk_scan *out);
int64_t		 kiosk_db_queued(struct kiosk_db *);
/* Scans accepted here and not yet sent: the counter's "+N here". */
int64_t		 kiosk_db_local_checkins(struct kiosk_db *);
/* The latest scans, newest first: up to max into out. */
size_t		 kiosk_db_recent(struct kiosk_db *, struct kiosk_scan *out,
		    size_t max);
/* Takes back a queued scan (undo before it was sent) and its mark. */
int		 kiosk_db_drop_scan(struct kiosk_db *, int64_t seq,
		    char **cause);
/* The guest's check-in as the server has it now (an undo, a door). */
int		 kiosk_db_set_checked_in(struct kiosk_db *, int64_t guest_id,
		    time_t at, char **cause);

#endif
