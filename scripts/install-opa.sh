#!/usr/bin/env bash
# Installs the pinned OPA CLI into .tools/bin (idempotent). Only developers and CI need it:
# the compiled Wasm bundle ships in the package.
set -euo pipefail
OPA_VERSION="v1.22.3"
root="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$root/.tools"
# One installer at a time: parallel test runs on a fresh machine wait here.
exec 9>"$root/.tools/install-opa.lock"
flock 9
bin="$root/.tools/bin"
if [ -x "$bin/opa" ] && [ "$("$bin/opa" version 2>/dev/null | head -1)" = "Version: ${OPA_VERSION#v}" ]; then
  exit 0
fi
mkdir -p "$bin"
echo "installing opa $OPA_VERSION into .tools/bin (one-time, about 2 minutes)" >&2
GOBIN="$bin" GOFLAGS=-mod=mod go install "github.com/open-policy-agent/opa@$OPA_VERSION"
"$bin/opa" version | head -1 >&2
