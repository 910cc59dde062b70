#!/usr/bin/env bash
# Stops everything the local stack and the platform scripts started. Idempotent.
source "$(dirname "$0")/lib.sh"
d="$(dirname "$0")"
[ -x "$ROOT_DIR/scripts/services.sh" ] && bash "$ROOT_DIR/scripts/services.sh" stop || true
bash "$d/kafka.sh" stop
bash "$d/redis.sh" stop
bash "$d/postgres.sh" stop
