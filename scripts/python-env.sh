#!/usr/bin/env bash
# A Python virtualenv with the independent reference implementations (GTC, numpy, scipy) used by
# the metrology cross-validation tests. Reinstalled only when tools/python/requirements.txt changes.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.local/py
stamp="$venv/.req-$(sha256sum tools/python/requirements.txt | cut -c1-16)"
[ -f "$stamp" ] && exit 0
command -v python3 >/dev/null || { apt-get update -qq && apt-get install -y -qq python3 python3-venv >/dev/null; }
python3 -m venv "$venv" 2>/dev/null || { apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null && python3 -m venv "$venv"; }
"$venv/bin/pip" install -q --disable-pip-version-check -r tools/python/requirements.txt
touch "$stamp"
