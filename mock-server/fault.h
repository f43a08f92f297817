/*
 * --fault latency=MS,error-rate=P,drop-ws=SECONDS: trouble on purpose, so
 * clients can be seen coping with a slow, failing or flapping server.
 * This module reads the spec and draws the random errors; server.c
 * applies the latency and the WebSocket drops, the pipeline the errors.
 */
#ifndef EVTOP_MOCK_FAULT_H
#define EVTOP_MOCK_FAULT_H

#include <stdint.h>

struct fault;

#define FAULT_LATENCY_MAX	60000	/* ms */
#define FAULT_DROP_WS_MAX	86400	/* s */

struct fault_spec {
	unsigned	latency_ms;	/* delay before every HTTP answer */
	double		error_rate;	/* 0..1 of /api requests answer 5xx */
	unsigned	drop_ws;	/* close WebSockets this often (s) */
};

/*
 * Reads a comma-separated list of name=value into *spec; names absent
 * from the list keep their value.  Returns 0, or -1 with a sentence
 * naming the bad part in *cause.
 */
int		 fault_parse(const char *list, struct fault_spec *spec,
		     char **cause);

/* NULL when spec asks for nothing.  seed makes the errors repeatable. */
struct fault	*fault_new(const struct fault_spec *, uint64_t seed);
void		 fault_free(struct fault *);

unsigned	 fault_latency_ms(const struct fault *);
unsigned	 fault_drop_ws(const struct fault *);
/*
 * Draws for one request: 0 to serve it, else the status to fail it with
 * (500 or 503, as often as each other).
 */
int		 fault_draw_error(struct fault *);

#endif
