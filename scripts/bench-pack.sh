#!/usr/bin/env bash
# Measures what the blastguard policy pack adds to a no-change `pulumi preview`: the real CLI, a
# file backend in a temporary folder and the stand-in aws provider (as the e2e tests). It deploys
# the stack once, then times previews without and with the pack in the same run, paired by round,
# the order swapped every round (a shared machine's load drifts). Single previews vary by tens of
# percent under load, so it reports each round's paired difference and their median, the medians
# of both sides, the CPU time of the whole preview (user+sys of pulumi and everything it started,
# the pack included; far less sensitive to other load than wall time) and the load average.
# Targets (issue 15): <= +10 % at about 1,000 resources; <= +0.3 s on the small reference stack.
# Usage: bash scripts/bench-pack.sh   (BENCH_TENANTS=20 BENCH_APPS=5 BENCH_ROUNDS=5 by default:
# 20 tenants x 1 site x 5 apps = 1,029 resources; BENCH_STACK=reference uses infra/tenants.yaml,
# the small reference stack of 92 resources, instead)
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
# The file backend rewrites the whole checkpoint after every step unless told not to: quadratic
# at thousands of resources, and only the final state matters here.
PULUMI_SKIP_CHECKPOINTS=true pulumi up --yes --skip-preview --non-interactive >/dev/null
count="$(pulumi stack export | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).deployment.resources.length))')"
echo "deployed $count resources in $(( $(date +%s) - started ))s" >&2

# One preview: "<wall seconds> <cpu seconds>" (CPU of pulumi and every process it waited for).
preview() {
  /usr/bin/time -f "%e %U %S" -o "$work/time" pulumi preview --non-interactive "$@" >/dev/null 2>&1 || true
  awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }' "$work/time"
}
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
without=(); with=(); cpu_without=(); cpu_with=()
for i in $(seq "$rounds"); do
  if [ $((i % 2)) -eq 1 ]; then
    read -r w cw < <(preview); read -r p cp < <(preview --policy-pack "$root/pack/blastguard-pack")
  else
    read -r p cp < <(preview --policy-pack "$root/pack/blastguard-pack"); read -r w cw < <(preview)
  fi
  without+=("$w"); with+=("$p"); cpu_without+=("$cw"); cpu_with+=("$cp")
  echo "round $i: without ${w}s (cpu ${cw}s), with ${p}s (cpu ${cp}s), load $(cut -d' ' -f1 /proc/loadavg)" >&2
done
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
# The pack must still decide on this stack: the no-change preview passes with it (exit 0).
pulumi preview --non-interactive --policy-pack "$root/pack/blastguard-pack" >"$work/with-pack.txt" 2>&1 && verdict=passed || verdict="failed (see below)"

node -e '
  const [count, rounds, reference, loads] = process.argv.slice(1, 5);
  const [a, b, ca, cb] = process.argv.slice(5).map((s) => s.split(" ").map(Number));
  const median = (xs) => { const s = [...xs].sort((x, y) => x - y); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
  const pct = (w, p) => ((p - w) / w) * 100;
  const paired = a.map((w, i) => pct(w, b[i]));
  const seconds = a.map((w, i) => b[i] - w);
  const cpu = ca.map((w, i) => cb[i] - w);
  const [w, p] = [median(a), median(b)];
  const stack = reference === "reference" ? `the reference stack (infra/tenants.yaml), ${count} resources` : `${count} resources`;
  console.log(`pulumi preview (no change), ${stack}, ${rounds} paired rounds, load average ${loads}`);
  console.log(`without pack median ${w.toFixed(2)} s, with pack median ${p.toFixed(2)} s (${pct(w, p).toFixed(1)} % between medians)`);
  console.log(`paired overhead per round: ${paired.map((x) => x.toFixed(1) + " %").join(", ")}; median ${median(paired).toFixed(1)} %`);
  console.log(`paired added seconds per round: ${seconds.map((x) => x.toFixed(2)).join(", ")}; median +${median(seconds).toFixed(2)} s`);
  console.log(`paired added CPU seconds (whole preview) per round: ${cpu.map((x) => x.toFixed(2)).join(", ")}; median +${median(cpu).toFixed(2)} s of ${median(ca).toFixed(2)} s`);
  const met = (ok) => (ok ? "met" : "NOT met");
  const near1k = count >= 800 && count <= 1300;
  const small = reference === "reference";
  console.log(`target <= +10 % at about 1,000 resources: ${near1k ? met(median(paired) <= 10) + ` (${median(paired).toFixed(1)} %)` : `not measured here (${count} resources)`}`);
  console.log(`target <= +0.3 s on the small reference stack: ${small ? met(median(seconds) <= 0.3) + ` (+${median(seconds).toFixed(2)} s)` : "not measured here (run with BENCH_STACK=reference)"}`);
' "$count" "$rounds" "${BENCH_STACK:-generated}" "$load_before -> $load_after" "${without[*]}" "${with[*]}" "${cpu_without[*]}" "${cpu_with[*]}"
echo "no-change preview with the pack: $verdict"
[ "$verdict" = passed ] || tail -40 "$work/with-pack.txt"
