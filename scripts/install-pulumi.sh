#!/usr/bin/env bash
# Builds the pinned Pulumi CLI and the Node.js language host from their Go modules into
# .tools/bin (idempotent). No registry here ships a Pulumi binary, so we build it.
# Needed only for the end-to-end tests and the scenario recorder; the guard itself never
# runs Pulumi.
set -euo pipefail
# The body is one function so that bash parses it whole before running it: editing this file
# while a long build is running must not break that run.
main() {
  local PULUMI_VERSION="v3.274.1"
  # The last sdk release that still carries the Node language host as a package.
  LANGHOST_SDK_VERSION="v3.68.0"
  root="$(cd "$(dirname "$0")/.." && pwd)"
  mkdir -p "$root/.tools"
  # One installer at a time: parallel test runs on a fresh machine wait here.
  exec 9>"$root/.tools/install-pulumi.lock"
  flock 9
  tools="$root/.tools"
  bin="$tools/bin"
  mkdir -p "$bin"
  export GOFLAGS=-mod=mod

  if ! { [ -x "$bin/pulumi" ] && [ "$("$bin/pulumi" version 2>/dev/null)" = "$PULUMI_VERSION" ]; }; then
    echo "building pulumi $PULUMI_VERSION into .tools/bin (one-time, about 6 minutes)" >&2
    src="$tools/src/pulumi-cli"
    rm -rf "$src" && mkdir -p "$src" && cd "$src"
    go mod init blastguard-tools/pulumi-cli >/dev/null 2>&1
    go mod edit -replace github.com/atotto/clipboard=github.com/tgummerer/clipboard@v0.0.0-20241001131231-d02d263e614e
    quietly go get "github.com/pulumi/pulumi/pkg/v3@$PULUMI_VERSION" "github.com/pulumi/pulumi/sdk/v3@$PULUMI_VERSION" \
      "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@$PULUMI_VERSION"
    go build -o "$bin/pulumi.tmp" \
      -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$PULUMI_VERSION" \
      github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
    mv "$bin/pulumi.tmp" "$bin/pulumi"
  fi

  if [ ! -x "$bin/pulumi-language-nodejs" ]; then
    echo "building pulumi-language-nodejs (sdk $LANGHOST_SDK_VERSION) into .tools/bin" >&2
    src="$tools/src/pulumi-langhost"
    rm -rf "$src" && mkdir -p "$src" && cd "$src"
    go mod init blastguard-tools/pulumi-langhost >/dev/null 2>&1
    quietly go get "github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs@$LANGHOST_SDK_VERSION"
    go build -o "$bin/pulumi-language-nodejs.tmp" github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs
    mv "$bin/pulumi-language-nodejs.tmp" "$bin/pulumi-language-nodejs"
  fi
}
# Runs a command with its output kept in a log that is shown only when it fails (`go get` lists
# every one of the few hundred modules it adds).
quietly() {
  local log
  log="$(mktemp)"
  if ! "$@" >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    return 1
  fi
  rm -f "$log"
}

main "$@"
