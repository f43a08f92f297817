/* The action table. */
#include "actions.h"

#include <stddef.h>
#include <string.h>

static const struct action_entry actions_table[] = {
#define ACTIONS_ENTRY(e, name, bar, help, flags) \
	{ ACTION_ ## e, name, bar, help, flags },
	ACTIONS_TABLE(ACTIONS_ENTRY)
#undef ACTIONS_ENTRY
};

const struct action_entry *
actions_get(enum action a)
{
	if ((unsigned)a >= ACTION__COUNT)
		a = ACTION_NONE;
	return (&actions_table[a]);
}

enum action
actions_find(const char *name)
{
	size_t	i;

	for (i = 0; i < ACTION__COUNT; i++) {
		if (strcmp(actions_table[i].name, name) == 0)
			return (actions_table[i].action);
	}
	return (ACTION_NONE);
}
