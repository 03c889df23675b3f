#!/usr/bin/env bash
# `npm test`: everything, on a fresh machine too. Installs the pinned tools when missing,
# builds, runs the Rego checks (fmt, strict check, opa test, bundle freshness), then vitest.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/install-opa.sh
# The end-to-end tests (test/e2e) drive the real Pulumi CLI: built once per machine (~7 min).
bash scripts/install-pulumi.sh
# The linters: the tests lint the scripts, the example workflow and action.yml.
bash scripts/install-linters.sh
opa="$root/.tools/bin/opa"
sources=(policies/main policies/lib policies/rules)

echo "== build"
npm run --silent build

echo "== rego: opa fmt"
unformatted="$("$opa" fmt --list "${sources[@]}")"
if [ -n "$unformatted" ]; then
  echo "opa fmt would change these files (run: .tools/bin/opa fmt -w policies):" >&2
  echo "$unformatted" >&2
  exit 1
fi

echo "== rego: opa check --strict"
"$opa" check --strict "${sources[@]}"

echo "== rego: opa test"
"$opa" test "${sources[@]}"

echo "== rego: committed bundle is fresh"
fresh="$(mktemp -d)"
trap 'rm -rf "$fresh"' EXIT
bash scripts/build-policies.sh "$fresh" >/dev/null
for f in bundle.json catalog.json; do
  if ! cmp -s "$fresh/$f" "policies/dist/$f"; then
    echo "policies/dist/$f is stale: run npm run policies:build and commit the result" >&2
    exit 1
  fi
done

echo "== vitest"
npx vitest run "$@"
