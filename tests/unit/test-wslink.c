/*
 * The WebSocket link's teardown on a loop that is slow to go round, as
 * one is under a sanitizer or on a loaded machine.  libwebsockets frees
 * its context in two steps on a foreign loop; its memory must not go
 * while the loop still holds one of its handles (closing ones included),
 * or libuv writes into freed memory: evtop crashed on quitting that way.
 * lws allocates through the allocator here, which looks at the loop each
 * time lws frees a block.
 */
#include <dlfcn.h>
#include <libwebsockets.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <uv.h>

#include "wslink.h"

#include "test.h"

struct block {
	char	*p;
	size_t	 size;
};

static uv_loop_t	 loop;
static struct block	*blocks;
static size_t		 nblocks;
static void		**kept;		/* freed too early: kept till the end */
static size_t		 nkept;
static int		 early;		/* blocks freed under a live handle */

struct span {
	const char	*lo;
	const char	*hi;
	int		 n;
};

static void
span_walk(uv_handle_t *h, void *arg)
{
	struct span	*s = arg;

	if ((const char *)h >= s->lo && (const char *)h < s->hi)
		s->n++;
}

/* lws's allocator: realloc, and free only what the loop holds nothing in. */
static void *
test_lws_realloc(void *p, size_t size, const char *reason)
{
	struct span	 s;
	size_t		 i;
	void		*q;

	for (i = 0; p != NULL && i < nblocks && blocks[i].p != p; i++)
		;
	if (size == 0) {
		if (p == NULL)
			return (NULL);
		if (i < nblocks) {
			s.lo = blocks[i].p;
			s.hi = blocks[i].p + blocks[i].size;
			s.n = 0;
			uv_walk(&loop, span_walk, &s);
			blocks[i] = blocks[--nblocks];
			if (s.n > 0) {
				fprintf(stderr, "lws freed %s with %d handle(s) "
				    "of the loop in it\n", reason, s.n);
				early++;
				kept = realloc(kept, (nkept + 1) * sizeof *kept);
				kept[nkept++] = p;
				return (NULL);
			}
		}
		free(p);
		return (NULL);
	}
	if ((q = realloc(p, size)) == NULL)
		return (NULL);
	if (p != NULL && i < nblocks) {
		blocks[i].p = q;
		blocks[i].size = size;
	} else {
		blocks = realloc(blocks, (nblocks + 1) * sizeof *blocks);
		blocks[nblocks].p = q;
		blocks[nblocks++].size = size;
	}
	return (q);
}

/*
 * The libuv plugin is held open here too, so that when lws unloads it
 * with the context, a close callback still due runs and the test fails
 * with the sentence above rather than a jump into unmapped code.
 */
__attribute__((constructor)) static void
setup_allocator(void)
{
	lws_set_allocator(test_lws_realloc);
	(void)dlopen("libwebsockets-evlib_uv.so", RTLD_NOW|RTLD_GLOBAL);
}

static void
on_open(void *arg)
{
}

static void
on_message(void *arg, const char *text, size_t len)
{
}

static void
on_closed(void *arg, int code, int status, const char *why)
{
}

static const struct wslink_hooks hooks = {
	.open = on_open,
	.message = on_message,
	.closed = on_closed,
};

/* Each pass of the loop takes longer than the link's reaper period. */
static void
slow_cb(uv_check_t *h)
{
	struct timespec	ts = { 0, 8 * 1000 * 1000 };

	nanosleep(&ts, NULL);
}

static void
teardown_slowly(int connect)
{
	struct wslink_options	 opts;
	struct wslink		*ws;
	uv_check_t		 slow;
	char			*cause = NULL;
	size_t			 i;
	int			 n;

	early = 0;
	CHECK_INT(uv_loop_init(&loop), 0);
	memset(&opts, 0, sizeof opts);
	opts.url = "ws://127.0.0.1:9/api/ws";	/* nobody listens there */
	ws = wslink_new(&loop, &opts, &hooks, NULL, &cause);
	if (ws == NULL) {
		fprintf(stderr, "wslink_new: %s\n", cause);
		free(cause);
		CHECK(0);
		return;
	}
	if (connect) {
		if (wslink_connect(ws, &cause) != 0)
			free(cause);
	}
	uv_run(&loop, UV_RUN_NOWAIT);

	uv_check_init(&loop, &slow);
	uv_check_start(&slow, slow_cb);
	wslink_free(ws);
	for (n = 0; n < 60; n++)
		uv_run(&loop, UV_RUN_NOWAIT);
	uv_check_stop(&slow);
	uv_close((uv_handle_t *)&slow, NULL);
	uv_run(&loop, UV_RUN_DEFAULT);
	CHECK_INT(uv_loop_close(&loop), 0);
	CHECK_INT(early, 0);

	for (i = 0; i < nkept; i++)
		free(kept[i]);
	free(kept);
	kept = NULL;
	nkept = 0;
}

static void
test_free_idle(void)
{
	teardown_slowly(0);
}

static void
test_free_connecting(void)
{
	teardown_slowly(1);
}

TEST_MAIN(
	TEST_CASE(test_free_idle),
	TEST_CASE(test_free_connecting))
