#!/usr/bin/env bash
# Lints, renders and validates the CalChain chart with the default, production and self-contained
# (bundled PostgreSQL, Kafka, Redis subcharts) values:
# helm lint, helm template, every rendered manifest against Kubernetes' API schemas
# (kubernetes-validate --strict) and the prometheus-operator resources against what they must do.
# Installs helm and kubernetes-validate itself when missing (charts/install-tools.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
KUBE_VERSION=${KUBE_VERSION:-1.31.0}
tools=$(bash charts/install-tools.sh) # fails (exit 2, with the reason) when Go is missing
eval "$(sed 's/^/export /' <<<"$tools")"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for values in default production selfcontained; do
  args=(charts/calchain)
  [ "$values" = default ] || args+=(-f "charts/calchain/values-$values.yaml")
  echo "== $values values"
  # The chart links its dashboards and rules from deploy/; helm notes the links on stderr.
  "$HELM" lint --strict "${args[@]}" 2> >(grep -v 'found symbolic link' >&2)
  "$HELM" template calchain "${args[@]}" --namespace calchain --kube-version "$KUBE_VERSION" >"$out/$values.yaml" 2> >(grep -v 'found symbolic link' >&2)
  "$KUBERNETES_VALIDATE" --kubernetes-version "$KUBE_VERSION" --strict --quiet --no-warn "$out/$values.yaml"
  "$(dirname "$KUBERNETES_VALIDATE")/python" charts/check-custom-resources.py "$out/$values.yaml" deploy/prometheus/rules/calchain.rules.yml
done
echo "chart check passed"
