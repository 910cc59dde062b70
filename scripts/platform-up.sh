#!/usr/bin/env bash
# From a fresh clone: installs what is missing, starts PostgreSQL, Redis and Kafka, migrates,
# starts the six services, seeds a small demo data set and prints where the gateway listens.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules/@nestjs/core ] || npm ci --no-audit --no-fund
bash deploy/local/start.sh
bash deploy/local/system-packages.sh
source scripts/env.sh
bash scripts/services.sh migrate
bash scripts/services.sh start
node -r ./tools/register.js tools/seed-demo.ts
token=$(node -r ./tools/register.js tools/dev-token.ts demo-lab demo-admin administrator,intake-clerk)
cat <<MSG

CalChain is running. Gateway: http://127.0.0.1:3000   (stop everything: npm run platform:down)
A development token for tenant demo-lab (8 h):
  export TOKEN=$token
  curl -H "authorization: Bearer \$TOKEN" http://127.0.0.1:3000/api/records/raw-records?workOrderId=<id>
MSG
