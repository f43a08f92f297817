#!/bin/sh
# Every header name is used once in the tree, so which file an include
# names never depends on the order of the include path.
set -u
cd "$1" || exit 1
dups=$(find common api-client widgets config tui mock-server tests bench \
    -name '*.h' | sed 's|.*/||' | sort | uniq -d)
if [ -n "$dups" ]; then
	for h in $dups; do
		echo "header name used more than once: $h"
		find common api-client widgets config tui mock-server tests bench \
		    -name "$h" | sed 's/^/    /'
	done
	exit 1
fi
echo "every header name is unique"
