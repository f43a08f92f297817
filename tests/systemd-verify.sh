#!/bin/sh
# The kiosk's systemd unit as systemd reads it: `systemd-analyze verify' on
# a copy whose ExecStart names the evtop just built (verify checks that it
# can run) and whose man:evtop(1) is this tree's page.  Anything it says
# about the unit fails the test; so does hardening that slips past an
# exposure of 3.0 (`systemd-analyze security', offline); and so does a
# machine without systemd-analyze: scripts/install-deps.sh installs it.
# Called by ctest as: systemd-verify.sh UNIT EVTOP SOURCE_DIR
set -u
unit=$1
evtop=$2
src=$3
name=${unit##*/}

if ! command -v systemd-analyze >/dev/null 2>&1; then
	echo "systemd-verify: systemd-analyze is missing: install systemd" \
	    "(scripts/install-deps.sh does)" >&2
	echo "0 passed, 1 failed"
	exit 1
fi
dir=$(mktemp -d "${TMPDIR:-/tmp}/evtop-unit.XXXXXX")
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/man/man1"
cp "$src/docs/evtop.1" "$dir/man/man1/"
sed "s|^ExecStart=[^ ]*|ExecStart=$evtop|" "$unit" >"$dir/$name"

fail=0
if ! grep -q "^ExecStart=$evtop " "$dir/$name"; then
	echo "systemd-verify: $name has no ExecStart= line to point at" \
	    "$evtop" >&2
	fail=1
fi

out=$(MANPATH="$dir/man" systemd-analyze verify "$dir/$name" 2>&1)
rc=$?
if [ "$rc" -ne 0 ] || printf '%s\n' "$out" | grep -qF "$name"; then
	echo "systemd-verify: systemd-analyze verify $name (exit $rc):" >&2
	printf '%s\n' "$out" | sed 's/^/    /' >&2
	fail=1
elif [ -n "$out" ]; then
	# The machine's own units, which this test does not judge.
	echo "systemd-verify: said of other units:"
	printf '%s\n' "$out" | sed 's/^/    /'
fi

if ! out=$(systemd-analyze security --offline=true --threshold=30 \
    "$dir/$name" 2>&1); then
	echo "systemd-verify: $name is exposed beyond 3.0:" >&2
	printf '%s\n' "$out" | grep -e '✗' -e 'Overall' | sed 's/^/    /' >&2
	fail=1
fi

if [ "$fail" -eq 0 ]; then
	echo "1 passed, 0 failed"
else
	echo "0 passed, 1 failed"
fi
exit "$fail"
