#!/usr/bin/env bash
# Installs (when missing) and starts PostgreSQL, Redis and Kafka on loopback. Idempotent.
source "$(dirname "$0")/lib.sh"
d="$(dirname "$0")"
bash "$d/postgres.sh" start
bash "$d/redis.sh" start
bash "$d/kafka.sh" start
bash "$d/health.sh"
