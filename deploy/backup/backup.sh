#!/usr/bin/env bash
# Backs up each CalChain service's schema into its own pg_dump archive, with a manifest
# of SHA-256 sums that restore.sh checks before it touches anything.
#   backup.sh DATABASE_URL OUT_DIR [SCHEMA...]   (default: every service schema present)
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 DATABASE_URL OUT_DIR [SCHEMA...]" >&2; exit 64; }
url=$1 out=$2
shift 2
schemas=("$@")
if [ ${#schemas[@]} -eq 0 ]; then
  mapfile -t schemas < <(psql "$url" -XAtc "select nspname from pg_namespace
    where nspname in ('gateway','intake','records','certificates','equipment','quality') order by 1")
fi
[ ${#schemas[@]} -gt 0 ] || { echo "backup: no service schema found in the database" >&2; exit 1; }
mkdir -p "$out"
for schema in "${schemas[@]}"; do
  # Custom format: compressed, and pg_restore can restore it in one transaction.
  pg_dump --dbname="$url" --schema="$schema" --format=custom --no-owner --no-privileges --file="$out/$schema.dump"
  echo "backup: $schema -> $out/$schema.dump"
done
{
  echo "# calchain backup $(date -u +%Y-%m-%dT%H:%M:%SZ) $(pg_dump --version)"
  (cd "$out" && sha256sum -- *.dump)
} >"$out/MANIFEST"
echo "backup: ${#schemas[@]} schema(s), manifest $out/MANIFEST"
