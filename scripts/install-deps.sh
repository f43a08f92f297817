#!/bin/sh
# Install the Debian packages evtop needs to build and test; do nothing when
# they are all present.  Runs without a terminal (CI has no standard input).
set -eu

PACKAGES="
build-essential
cmake
pkg-config
libncurses-dev
libcurl4-openssl-dev
libjansson-dev
libwebsockets-dev
libwebsockets-evlib-uv
libuv1-dev
libjwt-dev
libsqlite3-dev
libcrypt-dev
libinih-dev
libical-dev
libssl-dev
libvterm-dev
openssl
groff-base
systemd
clang
python3-icalendar
libclang-rt-14-dev
"

missing=""
for p in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done

[ -z "$missing" ] && exit 0

echo "install-deps: installing:$missing"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
	if command -v sudo >/dev/null 2>&1; then
		SUDO="sudo -n"
	else
		echo "install-deps: missing packages:$missing; run as root or install them" >&2
		exit 1
	fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $missing
