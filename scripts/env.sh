# Environment of the local platform: secrets generated once into .local/secrets.env (never in git).
ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mkdir -p "$ROOT_DIR/.local"
if [ ! -f "$ROOT_DIR/.local/secrets.env" ]; then
  umask 077
  echo "JWT_SECRET=$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=')" > "$ROOT_DIR/.local/secrets.env"
fi
set -a
# shellcheck disable=SC1091
source "$ROOT_DIR/.local/secrets.env"
DATABASE_URL="${DATABASE_URL:-postgres://calchain:calchain@127.0.0.1:${CALCHAIN_PG_PORT:-55432}/calchain}"
KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:${CALCHAIN_KAFKA_PORT:-59092}}"
REDIS_URL="${REDIS_URL:-redis://127.0.0.1:${CALCHAIN_REDIS_PORT:-56379}}"
set +a
SERVICES=(intake records certificates equipment quality gateway)
