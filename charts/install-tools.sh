#!/usr/bin/env bash
# Installs what the chart check needs, when missing: helm (from the Go module proxy, built with
# the machine's Go) and kubernetes-validate (from PyPI: Kubernetes' OpenAPI schemas, offline).
# Idempotent; prints where the tools are.
set -euo pipefail
cd "$(dirname "$0")/.."
HELM_VERSION=v3.17.3
KV_VERSION=1.34.1
if ! command -v go >/dev/null && [ -x /usr/local/go/bin/go ]; then export PATH="/usr/local/go/bin:$PATH"; fi
command -v go >/dev/null || { echo "charts/install-tools.sh: the Go toolchain is required to build helm (go install helm.sh/helm/v3/cmd/helm)" >&2; exit 2; }
gobin="$(go env GOPATH)/bin"
# `helm version` of a go-installed helm lacks the patch level; the module version is in the binary.
if ! go version -m "$gobin/helm" 2>/dev/null | grep -qE "^\s+mod\s+helm.sh/helm/v3\s+${HELM_VERSION}\b"; then
  GOFLAGS=-buildvcs=false CGO_ENABLED=0 go install "helm.sh/helm/v3/cmd/helm@${HELM_VERSION}"
fi
venv=.local/kv
if [ ! -x "$venv/bin/kubernetes-validate" ]; then
  python3 -m venv "$venv" 2>/dev/null || { apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null && python3 -m venv "$venv"; }
  "$venv/bin/pip" install -q --disable-pip-version-check "kubernetes-validate==${KV_VERSION}"
fi
echo "HELM=$gobin/helm"
echo "KUBERNETES_VALIDATE=$PWD/$venv/bin/kubernetes-validate"
