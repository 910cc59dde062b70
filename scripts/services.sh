#!/usr/bin/env bash
# Runs the six services in the background: services.sh migrate|start|stop|status
set -euo pipefail
source "$(dirname "$0")/env.sh"
RUN_DIR="$ROOT_DIR/.local/services"
mkdir -p "$RUN_DIR"
cd "$ROOT_DIR"

run_ts() { node -r ./tools/register.js "$@"; }

migrate() { for s in "${SERVICES[@]}"; do run_ts "services/$s/src/main.ts" migrate; done; }

start() {
  for s in "${SERVICES[@]}"; do
    if [ -f "$RUN_DIR/$s.pid" ] && kill -0 "$(cat "$RUN_DIR/$s.pid")" 2>/dev/null; then continue; fi
    nohup node -r ./tools/register.js "services/$s/src/main.ts" >>"$RUN_DIR/$s.log" 2>&1 &
    echo $! > "$RUN_DIR/$s.pid"
  done
  for s in "${SERVICES[@]}"; do
    local port; port=$(grep -o "name: '$s', defaultPort: [0-9]*" "services/$s/src/main.ts" | grep -o '[0-9]*$')
    for _ in $(seq 1 240); do
      curl -sf "http://127.0.0.1:$port/ready" >/dev/null && break
      kill -0 "$(cat "$RUN_DIR/$s.pid")" 2>/dev/null || { echo "$s exited; see $RUN_DIR/$s.log" >&2; tail -n 20 "$RUN_DIR/$s.log" >&2; exit 1; }
      sleep 0.5
    done
    curl -sf "http://127.0.0.1:$port/ready" >/dev/null || { echo "$s not ready on :$port" >&2; exit 1; }
    echo "$s ready on 127.0.0.1:$port"
  done
}

stop() {
  for s in "${SERVICES[@]}"; do
    [ -f "$RUN_DIR/$s.pid" ] || continue
    local pid; pid=$(cat "$RUN_DIR/$s.pid")
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid"
      for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" || true
    fi
    rm -f "$RUN_DIR/$s.pid"
  done
}

status() {
  for s in "${SERVICES[@]}"; do
    local port; port=$(grep -o "name: '$s', defaultPort: [0-9]*" "services/$s/src/main.ts" | grep -o '[0-9]*$')
    printf '%-13s :%s %s\n' "$s" "$port" "$(curl -s "http://127.0.0.1:$port/ready" || echo down)"
  done
}

"${1:?usage: services.sh migrate|start|stop|status}"
