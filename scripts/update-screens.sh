#!/bin/sh
# Writes the expected screens (tests/screens/*.screen) again from what
# evtop draws now, after an intended change, and says which files changed:
# review them with `git diff tests/screens` before committing.  Runs the
# tests whose name says screens with EVTOP_SCREENS_UPDATE=1 in the build
# directory given (default: build).  `make screens` runs it.
set -eu
cd "$(dirname "$0")/.."
build=${1:-build}
screens=tests/screens

sums() {
	for f in "$screens"/*.screen; do
		[ -e "$f" ] && cksum "$f"
	done
	return 0
}

before=$(mktemp)
after=$(mktemp)
trap 'rm -f "$before" "$after"' EXIT
sums > "$before"
EVTOP_SCREENS_UPDATE=1 ctest --test-dir "$build" -R screens \
    --output-on-failure
sums > "$after"

changed=0
while read -r sum size file; do
	old=$(grep " $file\$" "$before" || true)
	if [ -z "$old" ]; then
		echo "screens: new $file"
		changed=$((changed + 1))
	elif [ "$old" != "$sum $size $file" ]; then
		echo "screens: changed $file"
		changed=$((changed + 1))
	fi
done < "$after"
if [ "$changed" -eq 0 ]; then
	echo "screens: no file changed"
fi
