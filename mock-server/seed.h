/*
 * Demo data: fixed accounts of every role, a few dozen events with
 * deterministic content around now, and a few hundred attendees with
 * registrations.  The soonest upcoming event is SEED_LAUNCH_TITLE.
 */
#ifndef EVTOP_MOCK_SEED_H
#define EVTOP_MOCK_SEED_H

#include <stdio.h>
#include <time.h>

struct mock;

#define SEED_PASSWORD		"evtop-demo"
#define SEED_LAUNCH_TITLE	"Evtop Launch Party"
#define SEED_EVENTS		36
#define SEED_ATTENDEES		400

/* One demo account (for printing and for tests). */
struct seed_account {
	const char	*email;
	const char	*name;
	const char	*role;
};
extern const struct seed_account seed_accounts[];
extern const size_t		 seed_account_count;

/*
 * Creates the demo data relative to now; nevents events (0: the default).
 * Returns 0, or -1 with *cause (and nothing is stored).
 */
int	seed_demo(struct mock *, time_t now, int nevents, char **cause);
/* Prints the demo accounts, one line each. */
void	seed_print_accounts(FILE *);

/*
 * --seed big (seed-big.c): the demo, then SEED_BIG_EVENTS events in all,
 * one of them (SEED_BIG_TITLE, soon after the launch party) with
 * SEED_BIG_GUESTS guests.  With m->verbose, says on stderr how long it took.
 */
#define SEED_BIG_TITLE		"Evtop World Summit"
#define SEED_BIG_EVENTS		10000
#define SEED_BIG_GUESTS		500000
int	seed_big(struct mock *, time_t now, char **cause);

/* Creates the account or makes it an admin with this password. */
int	seed_admin(struct mock *, const char *email, const char *password,
	    time_t now, char **cause);

#endif
