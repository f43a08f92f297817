#include "perm.h"

#include <string.h>

#include "auth.h"

static int
perm_role(const struct auth_claims *c, const char *role)
{
	return (c != NULL && strcmp(c->role, role) == 0);
}

int
perm_is_admin(const struct auth_claims *c)
{
	return (perm_role(c, "admin"));
}

int
perm_can_create_event(const struct auth_claims *c)
{
	return (perm_role(c, "admin") || perm_role(c, "organizer"));
}

int
perm_can_manage_event(const struct auth_claims *c, int64_t created_by)
{
	if (perm_role(c, "admin"))
		return (1);
	return (perm_role(c, "organizer") && created_by != 0 &&
	    c->user_id == created_by);
}

int
perm_can_read_event(const struct auth_claims *c, int64_t created_by)
{
	return (perm_can_manage_event(c, created_by) || perm_role(c, "staff"));
}

int
perm_can_checkin(const struct auth_claims *c, int64_t created_by)
{
	return (perm_can_read_event(c, created_by));
}

int
perm_can_see_event(const struct auth_claims *c, int64_t created_by,
    const char *status)
{
	if (strcmp(status, "draft") != 0 || perm_role(c, "admin"))
		return (1);
	return (c != NULL && created_by != 0 && c->user_id == created_by);
}
