#!/usr/bin/env bash
# PostgreSQL from Debian's packages, in a cluster of the project's own under .local/postgres,
# listening on loopback only. Usage: postgres.sh install|start|stop|health
source "$(dirname "$0")/lib.sh"
PG_DATA="$LOCAL_DIR/postgres/data"
PG_RUN="$LOCAL_DIR/postgres/run"
PG_LOG="$LOCAL_DIR/postgres/postgres.log"

pg_bin() { echo "/usr/lib/postgresql/$(ls /usr/lib/postgresql | sort -V | tail -n 1)/bin"; }
as_pg() { runuser -u postgres -- "$@"; }

install() {
  if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    need_pkg /nonexistent-force postgresql postgresql-contrib
  fi
  command -v psql >/dev/null || need_pkg psql postgresql-client
}

init_cluster() {
  [ -f "$PG_DATA/PG_VERSION" ] && return 0
  log "initialising cluster in $PG_DATA"
  mkdir -p "$PG_DATA" "$PG_RUN"
  chown -R postgres:postgres "$LOCAL_DIR/postgres"
  # The superuser is reachable only through the cluster's own socket; services use a plain role
  # (created in start), because superusers bypass the row-level security that isolates tenants.
  as_pg "$(pg_bin)/initdb" -D "$PG_DATA" -U postgres \
    --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
  cat >> "$PG_DATA/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_RUN'
max_connections = 300
shared_buffers = 256MB
fsync = on
log_min_messages = warning
CONF
}

start() {
  install
  init_cluster
  chown -R postgres:postgres "$LOCAL_DIR/postgres"
  if ! as_pg "$(pg_bin)/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; then
    log "starting on 127.0.0.1:$PG_PORT"
    as_pg "$(pg_bin)/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 start >/dev/null
  fi
  if ! admin_sql "select 1 from pg_roles where rolname='$PG_USER'" | grep -q 1; then
    admin_sql "create role $PG_USER login nosuperuser createdb password '$PG_PASSWORD'" >/dev/null
  fi
  if ! admin_sql "select 1 from pg_database where datname='$PG_DATABASE'" | grep -q 1; then
    admin_sql "create database $PG_DATABASE owner $PG_USER" >/dev/null
  fi
  wait_for 60 postgres health
}

admin_sql() { psql -h "$PG_RUN" -p "$PG_PORT" -U postgres -d postgres -tAc "$1"; }

stop() {
  [ -f "$PG_DATA/PG_VERSION" ] || return 0
  if as_pg "$(pg_bin)/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; then
    log "stopping"
    as_pg "$(pg_bin)/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null
  fi
}

health() {
  PGPASSWORD="$PG_PASSWORD" psql -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d postgres -tAc 'select 1' 2>/dev/null | grep -q 1
}

"${1:?usage: postgres.sh install|start|stop|health}"
