#!/usr/bin/env bash
# Restores a backup.sh directory into a fresh database, then verifies what can be verified:
# the archive checksums before, and the records' tamper-evidence chain after (R-7.3.1), with
# the records service's own `main.ts verify-chain` (exit 0 intact, 2 broken).
#   restore.sh BACKUP_DIR TARGET_DATABASE_URL
# The target database must exist and hold none of the backed-up schemas.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 BACKUP_DIR TARGET_DATABASE_URL" >&2; exit 64; }
dir=$1 url=$2
repo=$(cd "$(dirname "$0")/../.." && pwd)
(cd "$dir" && grep -v '^#' MANIFEST | sha256sum --check --quiet) || { echo "restore: checksum mismatch in $dir" >&2; exit 1; }
mapfile -t dumps < <(grep -v '^#' "$dir/MANIFEST" | awk '{print $2}')
for dump in "${dumps[@]}"; do
  schema=${dump%.dump}
  exists=$(psql "$url" -XAtc "select count(*) from pg_namespace where nspname = '$schema'")
  [ "$exists" = 0 ] || { echo "restore: schema $schema already exists in the target; restore into a fresh database" >&2; exit 1; }
done
for dump in "${dumps[@]}"; do
  pg_restore --dbname="$url" --exit-on-error --single-transaction --no-owner --no-privileges "$dir/$dump"
  echo "restore: ${dump%.dump} restored"
done
if [[ " ${dumps[*]} " == *" records.dump "* ]] && [ -f "$repo/services/records/src/chain/verify-chain-command.ts" ]; then
  # The command reads only the database; the secret is required by the config, not used.
  (cd "$repo" && DATABASE_URL="$url" JWT_SECRET="${JWT_SECRET:-restore-verification-only-0123456789abcdef}" LOG_LEVEL=warn \
    OTEL_SDK_DISABLED=true node -r ./tools/register.js services/records/src/main.ts verify-chain)
  echo "restore: records chain verified"
fi
echo "restore: done"
