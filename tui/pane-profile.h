/*
 * The profile view's panes (pane-profile.c): the signed-in user (name,
 * email, role) with their stats, and their own registrations, a list
 * where Enter opens the event.  Each fetches once when first shown; the
 * answers come in through the calls below, which tests call directly.
 */
#ifndef EVTOP_PANE_PROFILE_H
#define EVTOP_PANE_PROFILE_H

#include "api-calls.h"
#include "pane.h"

/* The user the profile pane shows, or NULL before it is known. */
const struct user	*pane_profile_user(struct pane *);
/* The answer to api_profile_get or api_profile_update (r->v.user). */
void			 pane_profile_got(struct pane *,
			    const struct api_result *);
/* The answer to api_user_stats. */
void			 pane_profile_stats(struct pane *,
			    const struct api_result *);
/* The answer to api_user_registrations. */
void			 pane_profile_regs(struct pane *,
			    const struct api_result *);
/* Asks everything again at the next frame (after a save). */
void			 pane_profile_reload(struct pane *);

#endif
