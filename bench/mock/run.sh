#!/bin/sh
# evtop-mock against its peers, on loopback, in one run: the same GET and
# POST workloads against evtop-mock, json-server 0.17 (on the same data)
# and nginx (the page as a static file: the ceiling), then registrations
# under contention and WebSocket broadcasts against evtop-mock alone.
# Prints one Markdown table (also left in WORKDIR/table.md).
#
# Usage: run.sh BINDIR WORKDIR
#   BINDIR holds evtop-mock and the bench-* tools; WORKDIR is scratch space
#   (it gets a db.json of about 150 MB, removed at the end).
# Knobs (environment): BENCH_SECONDS (10), BENCH_CONNECTIONS (64),
#   BENCH_JS_POST_SECONDS (20), BENCH_REG_CONNECTIONS (256),
#   BENCH_BROADCASTS (20).  bench/README.md explains every row.
set -u

here=$(cd "$(dirname "$0")" && pwd)
bin=${1:?usage: run.sh BINDIR WORKDIR}
work=${2:?usage: run.sh BINDIR WORKDIR}

SECS=${BENCH_SECONDS:-10}
CONNS=${BENCH_CONNECTIONS:-64}
JS_POST_SECS=${BENCH_JS_POST_SECONDS:-20}
JS_POST_CONNS=2
REG_CONNS=${BENCH_REG_CONNECTIONS:-256}
BROADCASTS=${BENCH_BROADCASTS:-20}
ADMIN=bench-admin@example.com
PASSWORD=bench-password
PAGE_PATH="/api/events?page=1&per_page=50"

mock_pid="" js_pid="" nginx_pid="" nginx_dir=""

say() {
	printf 'bench/mock: %s\n' "$*" >&2
}

die() {
	say "$*"
	exit 1
}

stop() {
	# $1: a pid this script started, or empty.
	[ -n "$1" ] || return 0
	kill "$1" 2>/dev/null
	wait "$1" 2>/dev/null
	return 0
}

cleanup() {
	stop "$js_pid"
	stop "$nginx_pid"
	stop "$mock_pid"
	[ -n "$nginx_dir" ] && rm -rf "$nginx_dir"
	rm -f "$work/db.json"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# The value of the variable named $1, or $2 (default empty).
val() {
	eval "printf '%s' \"\${$1:-${2:-}}\""
}

# 12345.6 -> 12,346
num() {
	awk -v x="$1" 'BEGIN {
		x = sprintf("%.0f", x); s = ""
		while (length(x) > 3) {
			s = "," substr(x, length(x) - 2) s
			x = substr(x, 1, length(x) - 3)
		}
		print x s
	}'
}

# A rate: whole numbers with commas, small ones with a decimal (0.75).
rate() {
	awk -v x="$1" 'BEGIN { if (x < 10) { printf "%.2g\n", x; exit } exit 1 }' ||
	    num "$1"
}

# Milliseconds, short: 0.84 -> 0.84, 12.3 -> 12, 1234 -> 1,234.
ms() {
	awk -v x="$1" 'BEGIN {
		if (x < 10) printf "%.2g ms\n", x
		else if (x < 1000) printf "%.0f ms\n", x
		else printf "%.1f s\n", x / 1000
	}'
}

# a / b as "12.3x", or n/a.
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN {
		if (a == "" || b == "" || b + 0 <= 0) { print "n/a"; exit }
		r = a / b
		if (r >= 100) printf "%.0f×\n", r
		else if (r >= 10) printf "%.1f×\n", r
		else if (r >= 0.1) printf "%.2f×\n", r
		else printf "%.4f×\n", r
	}'
}

# PASS when a >= b, else MISS; n/a without figures.
atleast() {
	awk -v a="$1" -v b="$2" 'BEGIN {
		if (a == "" || b == "") print "n/a"
		else print (a + 0 >= b + 0 ? "PASS" : "MISS")
	}'
}

# Waits until file $1 matches $2 while pid $3 lives, at most $4 seconds.
wait_line() {
	i=0
	while ! grep -q "$2" "$1" 2>/dev/null; do
		kill -0 "$3" 2>/dev/null || return 1
		i=$((i + 1))
		[ "$i" -gt $(($4 * 10)) ] && return 1
		sleep 0.1
	done
	return 0
}

# Waits until URL $1 answers 2xx while pid $2 lives, at most $3 seconds.
wait_http() {
	i=0
	while ! curl -sf -o /dev/null "$1"; do
		kill -0 "$2" 2>/dev/null || return 1
		i=$((i + 1))
		[ "$i" -gt $(($3 * 10)) ] && return 1
		sleep 0.1
	done
	return 0
}

start_mock() {
	"$bin/evtop-mock" --listen 127.0.0.1:0 --hash-cost 4 --seed "$1" \
	    --admin "$ADMIN:$PASSWORD" >"$work/mock.out" 2>"$work/mock.err" &
	mock_pid=$!
	if ! wait_line "$work/mock.out" '^listening on ' "$mock_pid" 600; then
		stop "$mock_pid"
		mock_pid=""
		return 1
	fi
	url=$(sed -n 's/^listening on //p' "$work/mock.out" | tail -n 1)
	return 0
}

# run_wrk NAME SECONDS CONNECTIONS URL [wrk options]: sets NAME_RPS,
# NAME_P99, NAME_REQUESTS, NAME_NON2XX... from wrk-report.lua's lines.
run_wrk() {
	name=$1 secs=$2 conns=$3 target=$4
	shift 4
	wrk -t2 -c"$conns" -d"${secs}s" --timeout 60s \
	    -s "$here/wrk-report.lua" "$@" "$target" \
	    >"$work/wrk-$name.out" 2>&1
	sed -n "s/^WRK_/${name}_/p" "$work/wrk-$name.out" >"$work/wrk-$name.env"
	. "$work/wrk-$name.env"
}

# "1,234 req/s, p99 12 ms" for a wrk run, with any failures said.
cell() {
	rps=$(val "$1_RPS")
	[ -n "$rps" ] || { printf 'no figures (see wrk-%s.out)' "$1"; return; }
	printf '%s req/s, p99 %s' "$(rate "$rps")" "$(ms "$(val "$1_P99")")"
	bad=$(( $(val "$1_NON2XX" 0) + $(val "$1_SOCKET_ERRORS" 0) + \
	    $(val "$1_TIMEOUTS" 0) ))
	[ "$bad" -gt 0 ] && printf ' (%s of %s failed)' "$bad" \
	    "$(val "$1_REQUESTS")"
	return 0
}

command -v wrk >/dev/null || die "wrk is missing: sh scripts/install-bench-deps.sh"
command -v nginx >/dev/null || die "nginx is missing: sh scripts/install-bench-deps.sh"
command -v curl >/dev/null || die "curl is missing: sh scripts/install-bench-deps.sh"
js_cli="$here/node/node_modules/json-server/lib/cli/bin.js"
[ -f "$js_cli" ] || die "json-server is missing: sh scripts/install-bench-deps.sh"
js_version=$(sed -n 's/^ *"version": "\([^"]*\)".*/\1/p' \
    "$here/node/node_modules/json-server/package.json" | head -n 1)
mkdir -p "$work" || die "cannot make $work"
rm -f "$work"/*.env "$work"/*.out "$work"/*.log "$work/table.md"
started=$(date +%s)
load_before=$(cut -d' ' -f1 /proc/loadavg)

# 1. evtop-mock with the big data set, or what this evtop-mock can seed.
seed_note=""
say "starting evtop-mock --seed big"
if ! start_mock big; then
	if grep -q -- '--seed' "$work/mock.err"; then
		seed_note="--seed big not supported by this evtop-mock: --seed 10000 instead (events, no guests)"
		say "$seed_note"
		start_mock 10000 || die "evtop-mock did not start: $(cat "$work/mock.err")"
	else
		die "evtop-mock did not start: $(cat "$work/mock.err")"
	fi
fi
say "evtop-mock at $url"

# 2. The same data for the peers.
say "exporting events, writing db.json"
"$bin/bench-mock-data" "$url" "$ADMIN" "$PASSWORD" "$work" \
    >"$work/data.env" || die "bench-mock-data failed"
. "$work/data.env"
[ -n "$seed_note" ] && GUESTS_NOTE=$seed_note

js_port=$("$bin/bench-port") || die "no free port"
(cd "$work" && exec node "$js_cli" --host 127.0.0.1 --port "$js_port" \
    --quiet db.json) >"$work/json-server.log" 2>&1 &
js_pid=$!
js_url="http://127.0.0.1:$js_port"
say "json-server $js_version loading $DB_GUESTS guests"
wait_http "$js_url/events/$SINGLE_ID" "$js_pid" 300 || \
    die "json-server did not start: $(tail -n 5 "$work/json-server.log")"

nginx_dir=$(mktemp -d "${TMPDIR:-/tmp}/evtop-bench-nginx.XXXXXX")
chmod 755 "$nginx_dir"
mkdir "$nginx_dir/html"
cp "$work/page.json" "$nginx_dir/html/page.json"
chmod 644 "$nginx_dir/html/page.json"
nginx_port=$("$bin/bench-port") || die "no free port"
cat >"$nginx_dir/nginx.conf" <<EOF
# One worker: evtop-mock and json-server each serve on one thread too.
worker_processes 1;
daemon off;
pid $nginx_dir/nginx.pid;
error_log $nginx_dir/error.log warn;
events { worker_connections 1024; }
http {
	access_log off;
	sendfile on;
	tcp_nopush on;
	keepalive_requests 1000000;
	types { application/json json; }
	server {
		listen 127.0.0.1:$nginx_port;
		root $nginx_dir/html;
	}
}
EOF
nginx -p "$nginx_dir" -c "$nginx_dir/nginx.conf" -e "$nginx_dir/error.log" &
nginx_pid=$!
nginx_url="http://127.0.0.1:$nginx_port/page.json"
wait_http "$nginx_url" "$nginx_pid" 30 || \
    die "nginx did not start: $(cat "$nginx_dir/error.log")"

# 3. GETs: a short warm-up each (discarded), then the measured run.
say "GET: page of 50 events and one event, ${SECS} s each"
run_wrk warm 2 "$CONNS" "$url$PAGE_PATH"
run_wrk page_mock "$SECS" "$CONNS" "$url$PAGE_PATH"
run_wrk warm 2 "$CONNS" "$js_url/events?_page=1&_limit=50"
run_wrk page_js "$SECS" "$CONNS" "$js_url/events?_page=1&_limit=50"
run_wrk warm 2 "$CONNS" "$nginx_url"
run_wrk page_nginx "$SECS" "$CONNS" "$nginx_url"
run_wrk one_mock "$SECS" "$CONNS" "$url/api/events/$SINGLE_ID"
run_wrk one_js "$SECS" "$CONNS" "$js_url/events/$SINGLE_ID"
stop "$nginx_pid"
nginx_pid=""

# 4. POST one guest {name,email}, every email new.
if [ "$POST_STATUS" = 201 ]; then
	say "POST: one guest, ${SECS} s"
	BENCH_POST=1 BENCH_RUN=$$ run_wrk post_mock "$SECS" "$CONNS" \
	    "$url/api/events/$GUEST_EVENT/guests" \
	    -H "Authorization: Bearer $TOKEN"
fi
say "POST: one guest to json-server, ${JS_POST_SECS} s, $JS_POST_CONNS connections"
BENCH_POST=1 BENCH_RUN=$$ BENCH_EVENT_ID=$GUEST_EVENT run_wrk post_js \
    "$JS_POST_SECS" "$JS_POST_CONNS" "$js_url/guests"
stop "$js_pid"
js_pid=""
rm -f "$work/db.json"

# 5. Registrations and broadcasts: evtop-mock on one core, the clients on
# the other, as remote clients would be.
pin_mock="" pin_tool=""
if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then
	taskset -a -p -c 0 "$mock_pid" >/dev/null 2>&1 && \
	    pin_mock="core 0" && pin_tool="taskset -c 1"
fi
say "registrations: 10,000 accounts, then $REG_CONNS in flight"
$pin_tool "$bin/bench-register" -n 10000 -c "$REG_CONNS" -k 500 "$url" \
    >"$work/reg.env" 2>"$work/reg.log"
. "$work/reg.env"
for n in 1000 10000; do
	say "broadcasts: $n WebSocket clients, $BROADCASTS broadcasts"
	$pin_tool "$bin/bench-ws-fanout" -n "$n" -k "$BROADCASTS" "$url" \
	    "$ADMIN" "$PASSWORD" >"$work/ws-$n.env" 2>"$work/ws-$n.log"
	sed "s/^WS_/WS${n}_/" "$work/ws-$n.env" >"$work/ws-$n.sh"
	. "$work/ws-$n.sh"
done
mock_peak=$(awk '/^VmHWM/ { print $2 }' "/proc/$mock_pid/status" 2>/dev/null)

# 6. The big event's guest list: the CSV export (its own peak memory: the
# run's peak is read above, as the tool resets it) and a deep search.
export_note=""
if [ -n "$GUEST_EVENT" ] && [ "${MOCK_GUESTS:-0}" -gt 0 ]; then
	say "guests: CSV export of event $GUEST_EVENT, then a deep search"
	$pin_tool "$bin/bench-export" "$url" "$ADMIN" "$PASSWORD" \
	    "$GUEST_EVENT" "$mock_pid" >"$work/export.env" 2>"$work/export.log"
	. "$work/export.env"
else
	export_note="no event with guests (see GUESTS_NOTE)"
fi
stop "$mock_pid"
mock_pid=""

# 7. The ceiling for the broadcasts: a bare send() loop to as many loopback
# sockets, with evtop-mock gone (the tool pins itself as the mock was).
if [ -x "$bin/bench-send-floor" ]; then
	say "floor: a bare send() loop to 10,000 loopback sockets"
	"$bin/bench-send-floor" -n 10000 -k "$BROADCASTS" -t 2 \
	    >"$work/floor.env" 2>"$work/floor.log" && . "$work/floor.env"
fi

# The table.
cpu=$(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1)
{
	printf '### evtop-mock against its peers (%s)\n\n' "$(date -u +%Y-%m-%d)"
	printf 'Machine: %s cores, %s; measured in one run of %s s (load average %s before, %s after).  ' \
	    "$(nproc)" "${cpu:-unknown CPU}" "$(( $(date +%s) - started ))" \
	    "$load_before" "$(cut -d' ' -f1 /proc/loadavg)"
	printf 'wrk -t2 -c%s -d%ss for every GET and the mock POST; ' \
	    "$CONNS" "$SECS"
	printf 'json-server POST: -c%s -d%ss.\n\n' "$JS_POST_CONNS" "$JS_POST_SECS"
	printf '| workload | evtop-mock | json-server %s | nginx (static file) | mock ÷ json-server | mock ÷ nginx | target | result |\n' "$js_version"
	printf '| --- | --- | --- | --- | ---: | ---: | --- | --- |\n'

	page_r_js=$(ratio "$(val page_mock_RPS)" "$(val page_js_RPS)")
	page_r_ng=$(ratio "$(val page_mock_RPS)" "$(val page_nginx_RPS)")
	pass_js=$(atleast "$(awk -v a="$(val page_mock_RPS)" -v b="$(val page_js_RPS 0)" 'BEGIN { if (b > 0) print a / b }')" 20)
	pass_ng=$(atleast "$(awk -v a="$(val page_mock_RPS)" -v b="$(val page_nginx_RPS 0)" 'BEGIN { if (b > 0) print a / b }')" 0.5)
	printf '| page of 50 events, %s events | %s | %s | %s | %s | %s | ≥ 20× json-server; ≥ 0.5× nginx | %s; %s |\n' \
	    "$(num "$EVENTS")" "$(cell page_mock)" "$(cell page_js)" \
	    "$(cell page_nginx)" "$page_r_js" "$page_r_ng" "$pass_js" "$pass_ng"

	printf '| one event | %s | %s | – | %s | – | – | – |\n' \
	    "$(cell one_mock)" "$(cell one_js)" \
	    "$(ratio "$(val one_mock_RPS)" "$(val one_js_RPS)")"

	if [ "$POST_STATUS" = 201 ]; then
		post_mock=$(cell post_mock)
		post_r=$(ratio "$(val post_mock_RPS)" "$(val post_js_RPS)")
		post_pass=$(atleast "$(awk -v a="$(val post_mock_RPS)" -v b="$(val post_js_RPS 0)" 'BEGIN { if (b > 0) print a / b }')" 1000)
		[ "$MOCK_GUESTS" -ge 500000 ] || post_pass="n/a: the event has $(num "$MOCK_GUESTS") guests, not 500,000"
	else
		post_mock="n/a: $POST_NOTE"
		post_r="n/a"
		post_pass="n/a"
	fi
	printf '| small POST: one guest to the event with %s guests | %s | %s, %s requests | – | %s | – | ≥ 1,000× json-server | %s |\n' \
	    "$(num "$DB_GUESTS")" "$post_mock" "$(cell post_js)" \
	    "$(num "$(val post_js_REQUESTS 0)")" "$post_r" "$post_pass"

	if [ "$(val REG_STATUS)" = ok ]; then
		reg_cell="$(num "$REG_RPS") req/s; p50 $(ms "$REG_P50"), p95 $(ms "$REG_P95"), p99 $(ms "$REG_P99"); $(num "$REG_CONFIRMED") confirmed, $(num "$REG_WAITLISTED") waitlisted"
		[ "$REG_FAILED" -gt 0 ] && reg_cell="$reg_cell; $REG_FAILED failed"
		if [ "$REG_CONFIRMED" -eq 500 ] && [ "$REG_WAITLISTED" -eq 9500 ] && \
		    [ "$REG_FAILED" -eq 0 ]; then
			reg_exact=PASS
		else
			reg_exact=MISS
		fi
		reg_p99=$(awk -v p="$REG_P99" 'BEGIN { print (p <= 100 ? "PASS" : "MISS") }')
		reg_pass="$reg_exact; $reg_p99"
	else
		reg_cell="n/a: $(val REG_NOTE "bench-register failed, see reg.log")"
		reg_pass="n/a"
	fi
	printf '| 10,000 registrations at once for capacity 500, %s in flight | %s | – | – | – | – | exactly 500 confirmed; p99 ≤ 100 ms | %s |\n' \
	    "$REG_CONNS" "$reg_cell" "$reg_pass"

	for n in 1000 10000; do
		p50=$(val "WS${n}_P50")
		if [ -z "$p50" ]; then
			ws_cell="no figures (see ws-$n.log)"
			ws_pass="MISS"
		else
			ws_cell="p50 $(ms "$p50"), p95 $(ms "$(val "WS${n}_P95")"), p99 $(ms "$(val "WS${n}_P99")")"
			[ -n "$(val "WS${n}_ARR_P95")" ] && ws_cell="$ws_cell (in the socket: p50 $(ms "$(val "WS${n}_ARR_P50")"), p95 $(ms "$(val "WS${n}_ARR_P95")"); trigger answered after $(ms "$(val "WS${n}_ANSWER_P50")"))"
			ws_cell="$ws_cell; fewest reached $(num "$(val "WS${n}_MIN_RECEIVED")") of $(num "$n")"
			lost=$(val "WS${n}_LOST" 0)
			[ "$lost" -gt 0 ] && ws_cell="$ws_cell; $lost clients lost"
			all=$( [ "$(val "WS${n}_MIN_RECEIVED")" -eq "$n" ] && \
			    [ "$lost" -eq 0 ] && echo PASS || echo MISS)
			ws_pass=$all
			if [ "$n" -eq 10000 ]; then
				p95=$(awk -v p="$(val WS10000_P95)" 'BEGIN { print (p <= 100 ? "PASS" : "MISS") }')
				ws_pass="$all; $p95"
			fi
		fi
		if [ "$n" -eq 10000 ]; then
			target="every client; p95 ≤ 100 ms"
		else
			target="every client"
		fi
		printf '| a broadcast to %s WebSocket clients (%s broadcasts) | %s | – | – | – | – | %s | %s |\n' \
		    "$(num "$n")" "$BROADCASTS" "$ws_cell" "$target" "$ws_pass"
	done
	if [ -n "$(val FLOOR_SLEEP_LOOP_P50)" ]; then
		floor_cell="loop p50 $(ms "$FLOOR_SLEEP_LOOP_P50") ($(ms "$FLOOR_SLEEP_LOOP_MIN")–$(ms "$FLOOR_SLEEP_LOOP_MAX")); read p50 $(ms "$FLOOR_SLEEP_P50"), p95 $(ms "$FLOOR_SLEEP_P95"), p99 $(ms "$FLOOR_SLEEP_P99")"
		[ -n "$(val FLOOR_SPIN_LOOP_P50)" ] && floor_cell="$floor_cell; reader polling: loop p50 $(ms "$FLOOR_SPIN_LOOP_P50")"
		[ -n "$(val FLOOR_THREADS_LOOP_P50)" ] && floor_cell="$floor_cell; $FLOOR_THREADS threads on both cores: loop p50 $(ms "$FLOOR_THREADS_LOOP_P50"), read p95 $(ms "$FLOOR_THREADS_P95")"
		printf '| the floor: send() of %s bytes to each of %s loopback sockets, one thread, no evtop-mock (%s rounds) | %s | – | – | – | – | – | – |\n' \
		    "$FLOOR_BYTES" "$(num "$FLOOR_N")" "$FLOOR_K" "$floor_cell"
	fi

	if [ -n "$(val EXPORT_STATUS)" ]; then
		export_cell="$(awk -v ms="$EXPORT_MS" 'BEGIN { printf "%.1f s", ms / 1000 }'), $(num "$(awk -v b="$EXPORT_BYTES" 'BEGIN { print b / 1e6 }')") MB; peak memory during it $(num "$((EXPORT_PEAK_KB / 1024))") MB, $(num "$(( (EXPORT_PEAK_KB - EXPORT_RSS_BEFORE_KB) / 1024 ))") MB over the $(num "$((EXPORT_RSS_BEFORE_KB / 1024))") MB before; $(num "$EXPORT_SIDE_N") health checks answered during it, p50 $(ms "$EXPORT_SIDE_P50"), max $(ms "$EXPORT_SIDE_MAX")"
		[ "$EXPORT_OK" = 1 ] || export_cell="$export_cell; the export FAILED (status $EXPORT_STATUS, see export.log)"
		[ "$EXPORT_PEAK_RESET" = 1 ] || export_cell="$export_cell; peak is the process's since its start (clear_refs refused)"
		export_pass=$(awk -v p="$EXPORT_PEAK_KB" -v b="$EXPORT_RSS_BEFORE_KB" -v ok="$EXPORT_OK" 'BEGIN { print (ok == 1 && p - b <= 16384 ? "PASS" : "MISS") }')
		search_cell="p50 $(ms "$SEARCH_P50"), max $(ms "$SEARCH_MAX") ($SEARCH_N runs); total $(num "$SEARCH_TOTAL")"
	else
		export_cell="n/a: $(val export_note "bench-export failed, see export.log")"
		export_pass="n/a"
		search_cell="n/a"
	fi
	printf '| CSV export of the event with the guests (%s rows) | %s | – | – | – | – | peak ≤ 16 MB over the memory before | %s |\n' \
	    "$(num "$(val EXPORT_ROWS 0)")" "$export_cell" "$export_pass"
	printf '| guest search every guest matches (`%s`) | %s | – | – | – | – | – | – |\n' \
	    "$(val SEARCH_QUERY "q=example&page=9000&per_page=50")" "$search_cell"

	printf '\n'
	printf -- '- Data: %s events, read from evtop-mock over its API into db.json (the page'"'"'s 50 first); %s guests in db.json from a generator with the Guest fields of API.md; evtop-mock: %s.\n' \
	    "$(num "$EVENTS")" "$(num "$DB_GUESTS")" \
	    "$( [ -n "$GUESTS_NOTE" ] && printf '%s' "$GUESTS_NOTE" || printf '%s guests in event %s' "$(num "$MOCK_GUESTS")" "$GUEST_EVENT")"
	printf -- '- Requests: evtop-mock `GET %s` and `GET /api/events/%s`; json-server `GET /events?_page=1&_limit=50` and `GET /events/%s`; nginx `GET /page.json` (the bytes of the mock'"'"'s page); POST `/api/events/%s/guests` and json-server `/guests`, `{name,email}` with a new email each.\n' \
	    "$PAGE_PATH" "$SINGLE_ID" "$SINGLE_ID" "$GUEST_EVENT"
	[ "$(val REG_STATUS)" = ok ] && printf -- '- Registrations: %s accounts made first (POST /api/auth/register, %s s); the latency of each registration from its send to its answer; the answers said %s confirmed, %s waitlisted.\n' \
	    "$(num "$REG_N")" "$REG_USERS_SECONDS" "$(num "$REG_SAID_CONFIRMED")" \
	    "$(num "$REG_SAID_WAITLISTED")"
	printf -- '- Broadcasts: each a registration or its cancellation over HTTP; latency from the first byte of that request to each client reading the counters envelope%s; "in the socket": to the kernel'"'"'s receive timestamp of those bytes (SO_TIMESTAMPING), whenever the one reading thread gets to them.\n' \
	    "$( [ -n "$pin_mock" ] && printf ', evtop-mock pinned to core 0 and the clients to core 1')"
	[ -n "$mock_peak" ] && printf -- '- evtop-mock peak memory over the run: %s MB (before the export, whose peak is its own).\n' "$(( mock_peak / 1024 ))"
	[ -n "$(val EXPORT_STATUS)" ] && printf -- '- Export and search: GET `/api/events/%s/guests.csv` to the end while `GET /api/health` goes on one at a time on another connection; then the search %s times (a distinct ignored parameter each, so the GET cache never answers).\n' \
	    "$GUEST_EVENT" "$SEARCH_N"
} >"$work/table.md"
cat "$work/table.md"
