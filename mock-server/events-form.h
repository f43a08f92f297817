/*
 * An event as a request body gives it (POST and PUT /api/events): each
 * field checked against API.md's rules and every problem collected, so one
 * 400 names them all.
 */
#ifndef EVTOP_MOCK_EVENTS_FORM_H
#define EVTOP_MOCK_EVENTS_FORM_H

#include <jansson.h>
#include <stdint.h>
#include <time.h>

struct event_edit;
struct event_new;

#define EVENTS_FORM_TITLE_MAX		255
#define EVENTS_FORM_DESCRIPTION_MAX	1000
#define EVENTS_FORM_LOCATION_MAX	255
#define EVENTS_FORM_CATEGORY_MAX	64
#define EVENTS_FORM_CAPACITY_MAX	1000000

struct events_form {
	char	*title;		/* NULL: not given */
	char	*description;
	char	*location;
	char	*status;
	char	*category;
	int	 has_date_time;
	time_t	 date_time;
	int64_t	 max_capacity;	/* 0: not given */
	json_t	*errors;	/* [{field,message}] */
};

/*
 * Reads body into form (free with events_form_done).  With partial (an
 * edit) absent fields stay unchanged; otherwise title, date_time,
 * location and max_capacity are required.  Returns how many errors
 * form->errors holds.
 */
size_t	events_form_read(struct events_form *, const json_t *body,
	    int partial);
void	events_form_done(struct events_form *);

/* The form as a new event or as an edit; strings still belong to form. */
void	events_form_to_new(const struct events_form *, struct event_new *);
void	events_form_to_edit(const struct events_form *, struct event_edit *);

#endif
