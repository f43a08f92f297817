#!/bin/sh
# Installs the build into a temporary prefix and checks what a user gets:
# both programs, runnable, both man pages, readable without warnings, and
# the kiosk's systemd unit and set-up, the unit starting the evtop of the
# prefix.
# Called by ctest as: install-check.sh BUILD_DIR
set -eu
build=$1
prefix=$(mktemp -d "${TMPDIR:-/tmp}/evtop-install.XXXXXX")
trap 'rm -rf "$prefix"' EXIT

cmake --install "$build" --prefix "$prefix" >/dev/null
fail=0
for f in bin/evtop bin/evtop-mock; do
	if [ ! -x "$prefix/$f" ]; then
		echo "install-check: $f is not installed" >&2
		fail=1
	fi
done
for f in share/man/man1/evtop.1 share/man/man1/evtop-mock.1; do
	if [ ! -f "$prefix/$f" ]; then
		echo "install-check: $f is not installed" >&2
		fail=1
		continue
	fi
	warnings=$(groff -man -Tutf8 -ww -z "$prefix/$f" 2>&1 || true)
	if [ -n "$warnings" ]; then
		echo "install-check: $f: $warnings" >&2
		fail=1
	fi
done
unit=$prefix/lib/systemd/system/evtop-kiosk.service
if ! grep -q "^ExecStart=$prefix/bin/evtop --profile kiosk\$" "$unit"; then
	echo "install-check: $unit does not start $prefix/bin/evtop" >&2
	fail=1
fi
if [ ! -f "$prefix/share/doc/evtop/kiosk.md" ]; then
	echo "install-check: share/doc/evtop/kiosk.md is not installed" >&2
	fail=1
fi
"$prefix/bin/evtop" --version | grep -q '^evtop ' || fail=1
"$prefix/bin/evtop-mock" --version >/dev/null || fail=1
if [ "$fail" -eq 0 ]; then
	echo "1 passed, 0 failed"
else
	echo "0 passed, 1 failed"
fi
exit "$fail"
