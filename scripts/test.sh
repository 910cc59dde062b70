#!/usr/bin/env bash
# The whole test suite: starts the local stack itself (idempotent), checks types and module
# boundaries, then runs unit, integration and end-to-end tests in one Jest run whose last line
# is "tests: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules/@nestjs/core ] || npm ci --no-audit --no-fund
bash deploy/local/start.sh
bash deploy/local/system-packages.sh
bash scripts/python-env.sh
bash deploy/prometheus/install.sh   # Prometheus and promtool for the dashboard/alert proof
bash charts/install-tools.sh >/dev/null   # helm and kubernetes-validate for the chart check
source scripts/env.sh
echo "== typecheck"; npx tsc -p tsconfig.json --noEmit; npx tsc -p apps/console/tsconfig.json --noEmit
export NX_DAEMON=false NX_NO_CLOUD=true
echo "== module boundaries (nx graph, lint)"
npx nx graph --file=dist/graph.json >/dev/null
node tools/check-service-boundaries.js
npx eslint . --max-warnings=0
echo "== tests"
export CALCHAIN_PYTHON="$PWD/.local/py/bin/python"
exec npx jest --runInBand --forceExit "$@"
