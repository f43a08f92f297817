/* User accounts in the mock's store. */
#ifndef EVTOP_MOCK_USERS_H
#define EVTOP_MOCK_USERS_H

#include <jansson.h>
#include <stdint.h>
#include <time.h>

struct db;

struct user {
	int64_t	 id;
	char	*email;
	char	*name;
	char	*role;
	char	*password_hash;
	time_t	 created_at;
};

/* 1 when role is admin, organizer, staff or attendee. */
int	 users_role_valid(const char *role);

/*
 * Creates a user with an already hashed password.  Returns 0 and the id in
 * *id, or -1 with *cause (for example, the email is taken).
 */
int	 users_create(struct db *, const char *email, const char *name,
	     const char *role, const char *hash, time_t now, int64_t *id,
	     char **cause);
/* Sets role and password hash of an existing user.  0 or -1. */
int	 users_update_login(struct db *, int64_t id, const char *role,
	     const char *hash, char **cause);

/* Fill *u (free with users_done) and return 0, or 1 when not found. */
int	 users_find_by_email(struct db *, const char *email, struct user *u);
int	 users_find(struct db *, int64_t id, struct user *u);
void	 users_done(struct user *);

/* {id,email,name,role,created_at}: never the hash. */
json_t	*users_to_json(const struct user *);

/*
 * Sets name and email (either may be NULL: unchanged).  0, 1 when another
 * user has that email, or -1 with *cause.
 */
int	 users_update_profile(struct db *, int64_t id, const char *name,
	     const char *email, char **cause);
/* Sets the password hash.  0 or -1 with *cause. */
int	 users_set_password(struct db *, int64_t id, const char *hash,
	     char **cause);

/* What GET /api/users/stats tells a user about themself. */
struct users_stats {
	int64_t	events_created;
	int64_t	events_registered;	/* confirmed or waitlisted */
	int64_t	upcoming_events;	/* of those, not over or cancelled */
};
void	 users_stats(struct db *, int64_t id, time_t now,
	     struct users_stats *);

#endif
