#!/usr/bin/env bash
# Redis from Debian's packages on loopback. Usage: redis.sh install|start|stop|health
source "$(dirname "$0")/lib.sh"
REDIS_DIR="$LOCAL_DIR/redis"

install() { need_pkg redis-server redis-server; }

start() {
  install
  mkdir -p "$REDIS_DIR"
  if ! health; then
    log "starting on 127.0.0.1:$REDIS_PORT"
    redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --daemonize yes \
      --pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_DIR/redis.log" --dir "$REDIS_DIR" \
      --appendonly yes --save "" --protected-mode yes
  fi
  wait_for 30 redis health
}

stop() {
  if health; then log "stopping"; redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true; fi
  wait_for 30 "redis to stop" bash -c "! redis-cli -p $REDIS_PORT ping"
}

health() { [ "$(redis-cli -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ]; }

"${1:?usage: redis.sh install|start|stop|health}"
