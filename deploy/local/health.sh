#!/usr/bin/env bash
# Prints the state of each local component; exits non-zero when any is down.
source "$(dirname "$0")/lib.sh"
d="$(dirname "$0")"
rc=0
for c in postgres redis kafka; do
  if bash "$d/$c.sh" health; then log "$c: up"; else log "$c: DOWN"; rc=1; fi
done
exit $rc
