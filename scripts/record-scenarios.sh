#!/usr/bin/env bash
# Records examples/scenarios/<name>/ with the real Pulumi CLI (built by install-pulumi.sh if
# missing), a local file backend in a temporary folder and the stand-in aws provider.
# Usage: bash scripts/record-scenarios.sh [scenario names...]   (default: all)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
started=$(date +%s)

bash scripts/install-pulumi.sh
[ -d node_modules/@pulumi/aws ] || npm ci

work="$(mktemp -d "${TMPDIR:-/tmp}/blastguard-record.XXXXXX")"
trap 'rm -rf "$work"' EXIT
PULUMI_CONFIG_PASSPHRASE="blastguard-recordings"
source "$root/scripts/lib/pulumi-sandbox.sh"

# A copy of the project, so stack config files and tenants variants stay out of the work tree.
mkdir -p "$work/project"
cp Pulumi.yaml "$work/project/"
cp -r infra "$work/project/infra"
ln -s "$root/node_modules" "$work/project/node_modules"

node scripts/record-scenarios.mjs "$work" "$root/examples/scenarios" "$@"
echo "recorded in $(( $(date +%s) - started ))s" >&2
