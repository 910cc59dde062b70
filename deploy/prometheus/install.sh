#!/usr/bin/env bash
# Installs Debian's Prometheus (prometheus + promtool) when missing; idempotent. Only the
# binaries are used: tests start their own Prometheus on loopback with a config of their own,
# so the packaged systemd unit is kept from starting (policy-rc.d) and stopped if it did.
set -euo pipefail
if command -v prometheus >/dev/null && command -v promtool >/dev/null; then exit 0; fi
export DEBIAN_FRONTEND=noninteractive
policy=/usr/sbin/policy-rc.d
created=0
if [ ! -e "$policy" ]; then printf '#!/bin/sh\nexit 101\n' >"$policy"; chmod +x "$policy"; created=1; fi
trap '[ "$created" = 1 ] && rm -f "$policy"' EXIT
apt-get update -qq
apt-get install -y -qq --no-install-recommends prometheus >/dev/null
command -v prometheus >/dev/null && command -v promtool >/dev/null
