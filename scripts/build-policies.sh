#!/usr/bin/env bash
# Compiles policies/ into the shipped bundle and writes the files derived from it:
#   policies/dist/bundle.tar.gz   opa build -t wasm output (what the guard loads: the report, and
#                                 what the policies read of the input, policies/lib/reads.rego)
#   policies/dist/bundle.json     the pinned policy.wasm hash and ABI the loader checks
#   policies/dist/catalog.json    every policy's METADATA (README table, SARIF rules, the pack)
# Usage: build-policies.sh [out-dir]   (default policies/dist; tests build into a temp dir and
# compare, so a stale committed bundle fails the tests)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/policies/dist}"
bash "$root/scripts/install-opa.sh"
opa="$root/.tools/bin/opa"
mkdir -p "$out"
cd "$root"
sources=(policies/main policies/lib policies/rules)
"$opa" build -t wasm -e blastguard/main/report -e blastguard/lib/reads/fields --ignore "*_test.rego" --ignore testing.rego "${sources[@]}" -o "$out/bundle.tar.gz"
"$opa" inspect -a -f json "$out/bundle.tar.gz" > "$out/inspect.json"
node "$root/scripts/write-policy-catalog.mjs" "$out"
rm -f "$out/inspect.json"
