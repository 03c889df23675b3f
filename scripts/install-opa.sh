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
# The first line of `opa version`, read whole: `opa version | head -1` under pipefail fails at
# random (head exits first, opa dies of SIGPIPE, the pipeline exits 141).
installed_version() {
  local out
  out="$("$bin/opa" version 2>/dev/null)" || return 0
  printf '%s\n' "${out%%$'\n'*}"
}
if [ -x "$bin/opa" ] && [ "$(installed_version)" = "Version: ${OPA_VERSION#v}" ]; then
  exit 0
fi
mkdir -p "$bin"
echo "installing opa $OPA_VERSION into .tools/bin (one-time, about 2 minutes)" >&2
GOBIN="$bin" GOFLAGS=-mod=mod go install "github.com/open-policy-agent/opa@$OPA_VERSION"
installed="$(installed_version)"
if [ "$installed" != "Version: ${OPA_VERSION#v}" ]; then
  echo "opa was built but reports \"$installed\", not $OPA_VERSION" >&2
  exit 1
fi
echo "installed opa $OPA_VERSION" >&2
