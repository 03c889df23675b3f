#!/usr/bin/env bash
# Measures what the blastguard policy pack adds to `pulumi preview` of a stack with about 1,000
# resources: the real CLI, a file backend in a temporary folder and the stand-in aws provider (as
# the e2e tests). It deploys the stack once, then times no-change previews without and with the
# pack, alternating, in the same run. On a shared machine single previews vary by tens of
# percent, so it reports each round's paired overhead and their median, besides the medians.
# Usage: bash scripts/bench-pack.sh   (BENCH_TENANTS=20 BENCH_APPS=5 BENCH_ROUNDS=5 by default:
# 20 tenants x 1 site x 5 apps = 1,029 resources; BENCH_STACK=reference uses infra/tenants.yaml,
# the small reference stack, instead)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
tenants="${BENCH_TENANTS:-20}"
apps="${BENCH_APPS:-5}"
rounds="${BENCH_ROUNDS:-5}"

bash scripts/install-pulumi.sh
npm run --silent build

work="$(mktemp -d "${TMPDIR:-/tmp}/blastguard-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
PULUMI_CONFIG_PASSPHRASE="blastguard-bench"
source "$root/scripts/lib/pulumi-sandbox.sh"

mkdir -p "$work/project" "$work/state"
cp Pulumi.yaml "$work/project/"
cp -r infra "$work/project/infra"
ln -s "$root/node_modules" "$work/project/node_modules"
export BLASTGUARD_TENANTS_FILE="$work/tenants.yaml"
if [ "${BENCH_STACK:-}" = reference ]; then cp infra/tenants.yaml "$BLASTGUARD_TENANTS_FILE"; else node -e '
  const [tenants, apps] = process.argv.slice(1).map(Number);
  const lines = ["tenants:"];
  for (let t = 0; t < tenants; t++) {
    lines.push(`  - id: tenant-bench${t}`, `    name: Bench ${t}`, "    sites:", `      - id: site-${1000 + t}`, `        name: Site ${t}`, "        apps:");
    for (let a = 0; a < apps; a++) lines.push(`          - id: app-${10000 + t * 100 + a}`, `            name: app ${a}`);
  }
  process.stdout.write(lines.join("\n") + "\n");
' "$tenants" "$apps" > "$BLASTGUARD_TENANTS_FILE"; fi

cd "$work/project"
pulumi login "file://$work/state" >/dev/null
pulumi stack init bench --non-interactive >/dev/null
if [ "${BENCH_STACK:-}" = reference ]; then echo "deploying the reference stack (one-time)..." >&2; else echo "deploying $tenants tenants x $apps apps (one-time)..." >&2; fi
started=$(date +%s)
pulumi up --yes --skip-preview --non-interactive >/dev/null
count="$(pulumi stack export | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).deployment.resources.length))')"
echo "deployed $count resources in $(( $(date +%s) - started ))s" >&2

seconds() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; t1=$(date +%s.%N); echo "$t1 - $t0" | bc; }
without=(); with=()
for i in $(seq "$rounds"); do
  without+=("$(seconds pulumi preview --non-interactive)")
  with+=("$(seconds pulumi preview --non-interactive --policy-pack "$root/pack/blastguard-pack")")
  echo "round $i: without ${without[-1]}s, with ${with[-1]}s" >&2
done
# The pack must still decide on this stack: the no-change preview passes with it (exit 0).
pulumi preview --non-interactive --policy-pack "$root/pack/blastguard-pack" >"$work/with-pack.txt" 2>&1 && verdict=passed || verdict="failed (see below)"

node -e '
  const [count, rounds, a, b] = [process.argv[1], process.argv[2], process.argv[3].split(" ").map(Number), process.argv[4].split(" ").map(Number)];
  const median = (xs) => { const s = [...xs].sort((x, y) => x - y); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
  const pct = (w, p) => ((p - w) / w) * 100;
  const paired = a.map((w, i) => pct(w, b[i]));
  const [w, p] = [median(a), median(b)];
  const verdict = (x) => (x <= 10 ? "met" : "NOT met");
  console.log(`pulumi preview, ${count} resources, ${rounds} rounds: without pack median ${w.toFixed(1)}s, with pack median ${p.toFixed(1)}s (${pct(w, p).toFixed(1)} %)`);
  console.log(`paired overhead per round: ${paired.map((x) => x.toFixed(1) + " %").join(", ")}; median ${median(paired).toFixed(1)} % (target <= 10 %: ${verdict(median(paired))})`);
  const seconds = a.map((w, i) => b[i] - w);
  console.log(`paired added seconds per round: ${seconds.map((x) => x.toFixed(2)).join(", ")}; median +${median(seconds).toFixed(2)} s (small-stack target <= +0.3 s: ${median(seconds) <= 0.3 ? "met" : "NOT met"})`);
' "$count" "$rounds" "${without[*]}" "${with[*]}"
echo "no-change preview with the pack: $verdict"
[ "$verdict" = passed ] || tail -40 "$work/with-pack.txt"
