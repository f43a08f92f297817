#!/bin/sh
# Runs a libFuzzer target for a few seconds over its saved corpus, in
# `make test`'s fuzz build.  New inputs go to a scratch directory, never
# into the repository; a crash is written to the build directory with the
# command that replays it.
#   run-fuzz.sh TARGET CORPUS SECONDS ARTIFACTS
set -eu
target=$1 corpus=$2 seconds=$3 artifacts=$4

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$artifacts"
name=$(basename "$target")

if "$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -max_len=65536 -print_final_stats=1 \
    -artifact_prefix="$artifacts/$name-" "$scratch" "$corpus" \
    >"$scratch.log" 2>&1; then
	grep -E '^(Done|stat::number_of_executed_units)' "$scratch.log" || true
	rm -f "$scratch.log"
	exit 0
fi
tail -n 60 "$scratch.log"
rm -f "$scratch.log"
echo "$name found a failure; the input is in $artifacts (replay: $target FILE)" >&2
exit 1
