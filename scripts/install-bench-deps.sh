#!/bin/sh
# Install what `make bench` needs beyond scripts/install-deps.sh: wrk, curl and
# nginx from Debian, json-server 0.17 from npm into bench/mock/node/ (the
# version pinned in its package-lock.json).  Does nothing when all is there;
# runs without a terminal.
#
# nginx is installed without starting the system service (no daemon grabs
# port 80): bench/mock/run.sh starts its own on a free loopback port.
set -eu
cd "$(dirname "$0")/.."

PACKAGES="wrk nginx curl"

missing=""
for p in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done

if [ -n "$missing" ]; then
	echo "install-bench-deps: installing:$missing"
	SUDO=""
	if [ "$(id -u)" -ne 0 ]; then
		if command -v sudo >/dev/null 2>&1; then
			SUDO="sudo -n"
		else
			echo "install-bench-deps: missing packages:$missing; run as root or install them" >&2
			exit 1
		fi
	fi
	# invoke-rc.d asks policy-rc.d before starting a service; 101 means
	# "not allowed".  Put one in place for this install only.
	policy=/usr/sbin/policy-rc.d
	made_policy=""
	if [ ! -e "$policy" ]; then
		printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null
		$SUDO chmod 755 "$policy"
		made_policy=1
	fi
	export DEBIAN_FRONTEND=noninteractive
	status=0
	$SUDO apt-get update -q && \
	    $SUDO apt-get install -y -q --no-install-recommends $missing || status=$?
	[ -n "$made_policy" ] && $SUDO rm -f "$policy"
	[ "$status" -eq 0 ] || exit "$status"
	# Where a service manager started it anyway, stop it.
	if command -v systemctl >/dev/null 2>&1 && \
	    systemctl is-active --quiet nginx 2>/dev/null; then
		$SUDO systemctl disable --now nginx >/dev/null 2>&1 || true
	fi
fi

node_dir=bench/mock/node
want=$(sed -n 's/.*"json-server": "\([0-9.]*\)".*/\1/p' "$node_dir/package.json" | head -n 1)
have=""
if [ -f "$node_dir/node_modules/json-server/package.json" ]; then
	have=$(sed -n 's/^ *"version": "\([^"]*\)".*/\1/p' \
	    "$node_dir/node_modules/json-server/package.json" | head -n 1)
fi
if [ "$have" != "$want" ]; then
	if ! command -v npm >/dev/null 2>&1; then
		echo "install-bench-deps: npm is needed for json-server $want (apt-get install nodejs npm)" >&2
		exit 1
	fi
	echo "install-bench-deps: installing json-server $want into $node_dir"
	(cd "$node_dir" && npm ci --no-audit --no-fund --loglevel=error)
fi
