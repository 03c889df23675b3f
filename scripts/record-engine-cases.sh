#!/usr/bin/env bash
# Records test/verdict/recorded/ with the real Pulumi CLI, the stand-in aws provider and a local
# file backend:
# - refresh-app-124-gone.*: the example stack is deployed, app-124 is released in a reviewed
#   update (decommissioning), its bucket and queue are then deleted out of band (STANDIN_AWS_GONE
#   makes the stand-in's read answer "gone"), and the app is removed from the program:
#   `pulumi preview --refresh` (streaming JSON events) finds them gone and deletes the rest.
# - program-threw.preview.json: `pulumi preview --json` of a program that stops on an invalid
#   tenants file (the second tenant's first app ID is no app ID): the engine's error, one step, exit 1.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/install-pulumi.sh
work="$(mktemp -d "${TMPDIR:-/tmp}/blastguard-refresh.XXXXXX")"
trap 'rm -rf "$work"' EXIT
source "$root/scripts/lib/pulumi-sandbox.sh"
mkdir -p "$work/project" "$work/state"
cp Pulumi.yaml "$work/project/"
cp -r infra "$work/project/infra"
ln -s "$root/node_modules" "$work/project/node_modules"
tenants() { # $1: output file, $2: what to do with app-124 (decommission | remove), or break the second tenant's first app ID
  node -e '
    const y = require("yaml"), fs = require("fs");
    const m = y.parse(fs.readFileSync("infra/tenants.yaml", "utf8"));
    for (const t of m.tenants) for (const s of t.sites) {
      if (process.argv[2] === "remove") s.apps = s.apps.filter((a) => a.id !== "app-124");
      else if (process.argv[2] === "decommission") for (const a of s.apps) if (a.id === "app-124") a.decommissioning = true;
    }
    if (process.argv[2] === "break") m.tenants[1].sites[0].apps[0].id = "APP 7";
    fs.writeFileSync(process.argv[1], y.stringify(m));' "$1" "$2"
}
tenants "$work/decommission.yaml" decommission
tenants "$work/remove.yaml" remove
tenants "$work/broken.yaml" break
out="$root/test/verdict/recorded"
cd "$work/project"
pulumi login "file://$work/state" >/dev/null
pulumi stack init prod --non-interactive >/dev/null
pulumi up --yes --skip-preview --non-interactive >/dev/null
BLASTGUARD_TENANTS_FILE="$work/decommission.yaml" pulumi up --yes --skip-preview --non-interactive >/dev/null
pulumi stack export | gzip -9 > "$out/refresh-app-124-gone.state.json.gz"
BLASTGUARD_TENANTS_FILE="$work/remove.yaml" STANDIN_AWS_GONE=app-124-data,app-124-events PULUMI_ENABLE_STREAMING_JSON_PREVIEW=true \
  pulumi preview --refresh --json --non-interactive | gzip -9 > "$out/refresh-app-124-gone.preview.jsonl.gz"
BLASTGUARD_TENANTS_FILE="$work/broken.yaml" pulumi preview --json --non-interactive | gzip -9 > "$out/program-threw.preview.json.gz" || true
