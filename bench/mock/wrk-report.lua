-- wrk script for bench/mock/run.sh.
--
-- done() prints the figures run.sh reads, as KEY=VALUE lines.  With
-- BENCH_POST set, every request becomes a POST of one new guest
-- {name,email} (plus "event_id" when BENCH_EVENT_ID is set: json-server
-- keeps the event in the row), each with an email no other request uses:
-- BENCH_RUN, the thread and a per-thread counter.

local threads = 0

function setup(thread)
	threads = threads + 1
	thread:set("tid", threads)
end

if os.getenv("BENCH_POST") then
	local run = os.getenv("BENCH_RUN") or "0"
	local event_id = os.getenv("BENCH_EVENT_ID")
	local extra = ""
	local counter = 0

	-- Beside the -H headers (the token): wrk.format(..., nil, ...) uses them.
	wrk.headers["Content-Type"] = "application/json"

	if event_id then
		extra = string.format(',"event_id":%d', tonumber(event_id))
	end

	function request()
		counter = counter + 1
		local body = string.format(
		    '{"name":"Bench Guest %d-%d","email":"bench-%s-%d-%d@example.net"%s}',
		    tid, counter, run, tid, counter, extra)
		return wrk.format("POST", nil, nil, body)
	end
end

function done(summary, latency, requests)
	local e = summary.errors
	local seconds = summary.duration / 1e6

	io.write(string.format("WRK_REQUESTS=%d\n", summary.requests))
	io.write(string.format("WRK_SECONDS=%.2f\n", seconds))
	io.write(string.format("WRK_RPS=%.1f\n", summary.requests / seconds))
	io.write(string.format("WRK_P50=%.2f\n", latency:percentile(50) / 1000))
	io.write(string.format("WRK_P99=%.2f\n", latency:percentile(99) / 1000))
	io.write(string.format("WRK_NON2XX=%d\n", e.status))
	io.write(string.format("WRK_SOCKET_ERRORS=%d\n",
	    e.connect + e.read + e.write))
	io.write(string.format("WRK_TIMEOUTS=%d\n", e.timeout))
end
