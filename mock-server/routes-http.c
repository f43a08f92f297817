/* Routes about the HTTP layer itself: /metrics. */
#include <stdio.h>
#include <stdlib.h>

#include "cache.h"
#include "db.h"
#include "http.h"
#include "hub.h"
#include "metrics.h"
#include "mock.h"
#include "routes.h"

const struct route routes_http_table[] = {
	{ HTTP_GET, "/metrics", ROUTE_PUBLIC, routes_http_metrics,
	  "Prometheus text: requests, latency, cache, WebSockets, rows" },
};
const size_t routes_http_count =
    sizeof routes_http_table / sizeof routes_http_table[0];

/* Tables whose row counts /metrics shows. */
static const struct {
	const char	*table;
	const char	*sql;
} routes_http_rows[] = {
	{ "users", "SELECT COUNT(*) FROM users" },
	{ "events", "SELECT COUNT(*) FROM events" },
	{ "registrations", "SELECT COUNT(*) FROM registrations" },
	{ "guests", "SELECT COUNT(*) FROM guests" },
};

static void
routes_http_write_rows(struct mock *m, FILE *f)
{
	const char	*name = "evtop_mock_rows";
	size_t		 i;

	fprintf(f, "# HELP %s Rows in the store, by table.\n"
	    "# TYPE %s gauge\n", name, name);
	for (i = 0; i < sizeof routes_http_rows / sizeof routes_http_rows[0];
	    i++)
		fprintf(f, "%s{table=\"%s\"} %lld\n", name,
		    routes_http_rows[i].table, (long long)db_int(m->db,
		    db_stmt(m->db, routes_http_rows[i].sql), 0));
}

static void
routes_http_write_cache(struct mock *m, FILE *f)
{
	struct cache_stats	s = { 0 };

	if (m->cache != NULL)
		cache_stats(m->cache, &s);
	metrics_write_counter(f, "evtop_mock_cache_hits_total",
	    "GET requests answered from the cache.", s.hits);
	metrics_write_counter(f, "evtop_mock_cache_misses_total",
	    "Cacheable GET requests the routes had to answer.", s.misses);
	metrics_write_counter(f, "evtop_mock_cache_evictions_total",
	    "Answers pushed out of the cache by its bounds.", s.evictions);
	metrics_write_gauge(f, "evtop_mock_cache_entries",
	    "Answers in the cache.", (double)s.entries);
	metrics_write_gauge(f, "evtop_mock_cache_bytes",
	    "Bytes the cached answers take, roughly.", (double)s.bytes);
}

void
routes_http_metrics(struct mock *m, struct http_req *req)
{
	char	*text = NULL;
	size_t	 len = 0;
	FILE	*f;

	if ((f = open_memstream(&text, &len)) == NULL) {
		http_reply_error(req, 500, "Cannot build the metrics");
		return;
	}
	metrics_write_gauge(f, "evtop_mock_uptime_seconds",
	    "Seconds since the server started.",
	    mock_now_monotonic() - m->started);
	metrics_write(m->metrics, f);
	routes_http_write_cache(m, f);
	metrics_write_gauge(f, "evtop_mock_websocket_clients",
	    "WebSocket connections open now.",
	    m->hub != NULL ? (double)hub_clients(m->hub) : 0);
	metrics_write_gauge(f, "evtop_mock_hub_seq",
	    "The seq of the last WebSocket envelope published.",
	    m->hub != NULL ? (double)hub_seq(m->hub) : 0);
	if (m->db != NULL)
		routes_http_write_rows(m, f);
	if (fclose(f) != 0) {
		free(text);
		http_reply_error(req, 500, "Cannot build the metrics");
		return;
	}
	http_reply_raw(req, 200, "text/plain; version=0.0.4",
	    text, len);
	http_reply_no_cache(req);
	free(text);
}
