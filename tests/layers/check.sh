#!/bin/sh
# Usage: check.sh BUILD_DIR TARGET:ok:HEADER|TARGET:missing:HEADER...
# Builds each layer-check target: an "ok" one must compile, a "missing"
# one must fail because its header is not on the layer's include path.
set -u
build=$1
shift
failed=0
checked=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

for spec in "$@"; do
	target=${spec%%:*}
	rest=${spec#*:}
	want=${rest%%:*}
	header=${rest#*:}
	checked=$((checked + 1))
	if cmake --build "$build" --target "$target" >"$log" 2>&1; then
		if [ "$want" = ok ]; then
			echo "ok: $target includes $header"
		else
			echo "FAIL: $target found $header, which its layer may not use"
			failed=$((failed + 1))
		fi
		continue
	fi
	if [ "$want" = ok ]; then
		echo "FAIL: $target cannot include $header, which its layer may use:"
		sed 's/^/    /' "$log"
		failed=$((failed + 1))
	elif grep -q "$header: No such file or directory" "$log"; then
		echo "ok: $target cannot find $header"
	else
		echo "FAIL: $target failed for another reason than $header missing:"
		sed 's/^/    /' "$log"
		failed=$((failed + 1))
	fi
done
echo "layer checks: $((checked - failed)) as expected, $failed not"
[ "$failed" -eq 0 ]
