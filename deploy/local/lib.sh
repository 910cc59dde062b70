# Shared settings for the local stack. Sourced by the component scripts; every value can be
# overridden from the environment so two stacks can run side by side.
set -euo pipefail
ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LOCAL_DIR="${CALCHAIN_LOCAL_DIR:-$ROOT_DIR/.local}"
PG_PORT="${CALCHAIN_PG_PORT:-55432}"
PG_USER="${CALCHAIN_PG_USER:-calchain}"
PG_PASSWORD="${CALCHAIN_PG_PASSWORD:-calchain}"
PG_DATABASE="${CALCHAIN_PG_DATABASE:-calchain}"
REDIS_PORT="${CALCHAIN_REDIS_PORT:-56379}"
KAFKA_PORT="${CALCHAIN_KAFKA_PORT:-59092}"
KAFKA_CONTROLLER_PORT="${CALCHAIN_KAFKA_CONTROLLER_PORT:-59093}"
mkdir -p "$LOCAL_DIR"

log() { printf '[%s] %s\n' "$(basename "$0" .sh)" "$*" >&2; }

# apt-get only when the command is missing; 'apt-get update' once per run.
APT_UPDATED=""
need_pkg() { # need_pkg <command-or-path> <debian-package>...
  local probe="$1"; shift
  if command -v "$probe" >/dev/null 2>&1 || [ -e "$probe" ]; then return 0; fi
  log "installing $*"
  if [ -z "$APT_UPDATED" ]; then DEBIAN_FRONTEND=noninteractive apt-get update -qq; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for() { # wait_for <seconds> <description> <command...>
  local limit="$1" what="$2"; shift 2
  local i
  for ((i = 0; i < limit * 4; i++)); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.25
  done
  log "timed out after ${limit}s waiting for $what"; return 1
}

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
