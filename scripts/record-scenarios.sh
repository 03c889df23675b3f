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
export PULUMI_HOME="$work/home"
export PULUMI_CONFIG_PASSPHRASE="blastguard-recordings"
export PULUMI_SKIP_UPDATE_CHECK=1
export PATH="$root/.tools/bin:$PATH"

# The stand-in provider, installed as the plugin version the program asks for (no "from PATH"
# warning in the recordings). Its launcher compiles it; do that once here.
aws_version="$(node -p 'require("./node_modules/@pulumi/aws/package.json").version')"
mkdir -p "$PULUMI_HOME/plugins/resource-aws-v$aws_version"
ln -s "$root/test/standin-aws/bin/pulumi-resource-aws" "$PULUMI_HOME/plugins/resource-aws-v$aws_version/pulumi-resource-aws"
node_modules/.bin/tsc -p test/standin-aws/tsconfig.json

# A copy of the project, so stack config files and tenants variants stay out of the work tree.
mkdir -p "$work/project"
cp Pulumi.yaml "$work/project/"
cp -r infra "$work/project/infra"
ln -s "$root/node_modules" "$work/project/node_modules"

node scripts/record-scenarios.mjs "$work" "$root/examples/scenarios" "$@"
echo "recorded in $(( $(date +%s) - started ))s" >&2
