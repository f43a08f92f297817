/*
 * `evtop-mock --seed demo --simulate 50` is live on the WebSocket by
 * itself: guests scanned at the launch party's door (checkin with a
 * guest), its counters, and lines in its chat.
 */
#include <jansson.h>
#include <libwebsockets.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support-mock.h"
#include "support-ws.h"
#include "test.h"

/* The launch party is the first event the demo creates. */
#define TOPICS	"[\"events\",\"event:1\",\"chat:1\"]"

static struct mockproc	 mp;

/* A checkin envelope of a guest scanned at the door (it has a code). */
static int
has_door_checkin(const struct session *s)
{
	const char	*type;
	json_t		*f;
	size_t		 i;

	json_array_foreach(s->frames, i, f) {
		type = json_string_value(json_object_get(f, "type"));
		if (type != NULL && strcmp(type, "checkin") == 0 &&
		    json_object_get(json_object_get(f, "data"),
		    "ticket_code") != NULL)
			return (1);
	}
	return (0);
}

static int
lively(const struct session *s)
{
	return (s->closed || s->failed ||
	    (support_ws_find(s, "chat.message", 0) != NULL &&
	    support_ws_find(s, "counters", 0) != NULL &&
	    has_door_checkin(s)));
}

static void
test_simulated_stream(void)
{
	static const char *const extra[] = { "--seed", "demo",
	    "--simulate", "50", NULL };
	struct lws_context	*ctx;
	struct session		 s;
	json_t			*chat;
	char			*token, *colon;

	if (support_mock_start(&mp, extra, -1) != 0)
		exit(1);
	colon = strrchr(mp.url, ':');
	token = support_login(mp.url, "staff@example.com", "evtop-demo");
	CHECK(token != NULL);
	ctx = support_ws_context();
	CHECK(ctx != NULL);
	if (token == NULL || ctx == NULL)
		exit(1);

	memset(&s, 0, sizeof s);
	s.token = token;
	s.subscribe = "{\"type\":\"subscribe\",\"topics\":" TOPICS "}";
	support_ws_open(ctx, &s, atoi(colon + 1));
	support_ws_wait(ctx, &s, lively);
	CHECK(!s.closed && !s.failed);
	CHECK(support_ws_find(&s, "counters", 0) != NULL);
	CHECK(has_door_checkin(&s));
	chat = support_ws_find(&s, "chat.message", 0);
	CHECK(chat != NULL);
	if (chat != NULL) {
		chat = json_object_get(chat, "data");
		CHECK_INT(json_integer_value(json_object_get(chat,
		    "event_id")), 1);
		CHECK(json_string_length(json_object_get(chat, "text")) > 0);
		CHECK(json_string_length(json_object_get(chat,
		    "user_name")) > 0);
	}

	support_ws_close(ctx, &s);
	support_ws_done(&s);
	lws_context_destroy(ctx);
	free(token);
	CHECK_INT(support_mock_stop(&mp), 0);
	free(mp.url);
}

TEST_MAIN(
	TEST_CASE(test_simulated_stream))
