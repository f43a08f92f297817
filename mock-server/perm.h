/*
 * Who may do what (API.md, "Roles"): admin everything; organizer the
 * events they created; staff check-in and read access to every event;
 * attendee registers, answers invitations and chats.  Routes ask these
 * questions after finding the event, so the 403 sentence can name it.
 */
#ifndef EVTOP_MOCK_PERM_H
#define EVTOP_MOCK_PERM_H

#include <stdint.h>

struct auth_claims;

int	perm_is_admin(const struct auth_claims *);
/* Create events: admin and organizer. */
int	perm_can_create_event(const struct auth_claims *);
/* Edit, delete, invite, import guests: admin, or the organizer who made it. */
int	perm_can_manage_event(const struct auth_claims *, int64_t created_by);
/* Read guests, registrations, stats, logs of an event: managers and staff. */
int	perm_can_read_event(const struct auth_claims *, int64_t created_by);
/* Check guests in and undo it: managers and staff. */
int	perm_can_checkin(const struct auth_claims *, int64_t created_by);
/* See an event at all: a draft only its creator and admins, else anyone. */
int	perm_can_see_event(const struct auth_claims *, int64_t created_by,
	    const char *status);

#endif
