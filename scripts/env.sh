# Environment of the local platform: secrets generated once into .local/secrets.env (never in git).
ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mkdir -p "$ROOT_DIR/.local"
secrets="$ROOT_DIR/.local/secrets.env"
add_secret() { # add_secret NAME VALUE — only when the file lacks it, so existing keys are kept
  grep -q "^$1=" "$secrets" 2>/dev/null || (umask 077; echo "$1=$2" >> "$secrets")
}
add_secret JWT_SECRET "$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=')"
add_secret QUALITY_DATA_KEY "$(head -c 32 /dev/urandom | base64 | tr -d '\n')"
set -a
# shellcheck disable=SC1091
source "$secrets"
DATABASE_URL="${DATABASE_URL:-postgres://calchain:calchain@127.0.0.1:${CALCHAIN_PG_PORT:-55432}/calchain}"
KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:${CALCHAIN_KAFKA_PORT:-59092}}"
REDIS_URL="${REDIS_URL:-redis://127.0.0.1:${CALCHAIN_REDIS_PORT:-56379}}"
set +a
SERVICES=(intake records certificates equipment quality gateway)
