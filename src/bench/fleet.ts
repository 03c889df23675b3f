// A fleet of stack exports for the audit's tests and benchmark, written to a folder at run time
// (never committed): the recorded scenarios' states and the real fixture states, cycled, each
// copy renamed to its own stack (`urn:pulumi:<stack>::` becomes `urn:pulumi:<stack>-<n>::`), so
// every stack of the fleet is distinct. Run directly, it measures `blastguard audit` on it: the same
// command with one worker against two on 200 stacks (whole processes, alternated), the CPU time
// of each, and peak RSS at 50, 200 and 800 stacks.
import { spawnSync } from "node:child_process";
import { availableParallelism, loadavg } from "node:os";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root: above src/bench in the source tree, above dist/src/bench when built. */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) dir = dirname(dir);
  return dir;
}
const root = repoRoot();
const cli = join(root, "dist", "src", "cli", "main.js");

/** The real states a fleet is made of: the recorded scenarios' and the shared fixtures'. */
export function fleetSources(fixturesDir = join(root, "..", "shared", "fixtures", "pulumi", "state")): string[] {
  const scenarios = join(root, "examples", "scenarios");
  const recorded = readdirSync(scenarios, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => join(scenarios, e.name, "state.json"));
  const fixtures = readdirSync(fixturesDir).filter((f) => f.endsWith(".json")).map((f) => join(fixturesDir, f));
  return [...recorded.sort(), ...fixtures.sort()];
}

/** Writes `count` distinct stack exports into `dir` (fleet-0000.json, …) and returns their paths. */
export function writeFleet(dir: string, count: number, sources = fleetSources()): string[] {
  mkdirSync(dir, { recursive: true });
  const texts = sources.map((path) => {
    const text = readFileSync(path, "utf8");
    const stack = /"urn:pulumi:([^:"]+)::/.exec(text)?.[1];
    if (!stack) throw new Error(`${path}: no stack URN found`);
    return { text, stack };
  });
  return Array.from({ length: count }, (_, i) => {
    const { text, stack } = texts[i % texts.length]!;
    const file = join(dir, `fleet-${String(i).padStart(4, "0")}.json`);
    writeFileSync(file, text.replaceAll(`urn:pulumi:${stack}::`, `urn:pulumi:${stack}-${i}::`));
    return file;
  });
}

/** Wall time, CPU time (user + system) and peak RSS (KiB) of one `blastguard audit` of a folder. */
function auditRun(dir: string, workers: number): { ms: number; cpuMs: number; rssKiB: number } {
  const t = performance.now();
  const r = spawnSync("/usr/bin/time", ["-f", "%U %S %M", process.execPath, cli, "audit", dir, "--workers", String(workers), "--format", "json"], {
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  const ms = performance.now() - t;
  if (r.status !== 0 && r.status !== 1) throw new Error(`audit exited ${r.status}`);
  const [user, system, rss] = r.stderr.trim().split("\n").pop()!.split(" ").map(Number) as [number, number, number];
  return { ms, cpuMs: (user + system) * 1000, rssKiB: rss };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export interface FleetBench {
  /** Load average (1, 5, 15 min) as the measurement started and as it ended: others' work skews the ratio. */
  load: string;
  loadAfter: string;
  oneWorkerMs: number;
  twoWorkersMs: number;
  /** CPU time of the whole process (all threads): what the second worker adds in fixed costs. */
  oneWorkerCpuMs: number;
  twoWorkersCpuMs: number;
  rss50MiB: number;
  rss200MiB: number;
  rss800MiB: number;
  /** One alternated pair at 800 stacks: the ratio once the workers' fixed start-up weighs less. */
  oneWorker800Ms: number;
  twoWorkers800Ms: number;
}

const loadNow = () => loadavg().map((x) => x.toFixed(1)).join(" ");

/** One run: 200 stacks with 1 and 2 workers, alternated over `rounds`; one pair at 800; peak RSS at 50, 200 and 800 stacks (2 workers). */
export function measureFleet(rounds = 3): FleetBench {
  const dir = mkdtempSync(join(tmpdir(), "blastguard-fleet-"));
  try {
    for (const n of [50, 200, 800]) writeFleet(join(dir, String(n)), n);
    const load = loadNow();
    const one: number[] = [];
    const two: number[] = [];
    const oneCpu: number[] = [];
    const twoCpu: number[] = [];
    const rss: Record<number, number[]> = { 50: [], 200: [], 800: [] };
    for (let i = 0; i < rounds; i++) {
      const o = auditRun(join(dir, "200"), 1);
      one.push(o.ms);
      oneCpu.push(o.cpuMs);
      const t = auditRun(join(dir, "200"), 2);
      two.push(t.ms);
      twoCpu.push(t.cpuMs);
      rss[200]!.push(t.rssKiB);
      rss[50]!.push(auditRun(join(dir, "50"), 2).rssKiB);
    }
    const one800 = auditRun(join(dir, "800"), 1);
    const two800 = auditRun(join(dir, "800"), 2);
    rss[800]!.push(two800.rssKiB);
    const peak = (n: number) => Math.max(...rss[n]!) / 1024;
    return {
      load,
      loadAfter: loadNow(),
      oneWorkerMs: median(one),
      twoWorkersMs: median(two),
      oneWorkerCpuMs: median(oneCpu),
      twoWorkersCpuMs: median(twoCpu),
      rss50MiB: peak(50),
      rss200MiB: peak(200),
      rss800MiB: peak(800),
      oneWorker800Ms: one800.ms,
      twoWorkers800Ms: two800.ms,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function fleetTable(b: FleetBench): string {
  const speedup = b.oneWorkerMs / b.twoWorkersMs;
  // Amdahl: the share of one worker's run that two workers could not split, as the ratio implies.
  const serial = Math.min(1, Math.max(0, 2 / speedup - 1));
  const growth = b.rss200MiB / b.rss50MiB;
  const met = (yes: boolean) => (yes ? "met" : "NOT met");
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  return [
    `\nfleet audit (200 distinct stack exports from the recorded scenarios and fixtures, --format json; load average ${b.load} at start, ${b.loadAfter} at the end, on ${availableParallelism()} cores):`,
    "| target | met | measured |",
    "| --- | --- | --- |",
    `| two workers at least 1.7x faster than one (200 stacks) | ${met(speedup >= 1.7)} | ${speedup.toFixed(2)}x: ${s(b.oneWorkerMs)} vs ${s(b.twoWorkersMs)} (median of alternated runs); CPU time ${s(b.oneWorkerCpuMs)} with one worker, ${s(b.twoWorkersCpuMs)} with two; serial fraction the ratio implies (Amdahl; only meaningful on an idle machine) ${(serial * 100).toFixed(0)} % |`,
    `| (for comparison: the same at 800 stacks, one pair) | | ${(b.oneWorker800Ms / b.twoWorkers800Ms).toFixed(2)}x: ${s(b.oneWorker800Ms)} vs ${s(b.twoWorkers800Ms)} |`,
    `| peak RSS does not grow with the fleet (50 vs 200 stacks, 2 workers; within 10 %) | ${met(growth <= 1.1)} | ${b.rss50MiB.toFixed(0)} MiB at 50, ${b.rss200MiB.toFixed(0)} MiB at 200 (${((growth - 1) * 100).toFixed(0)} %), ${b.rss800MiB.toFixed(0)} MiB at 800 |`,
  ].join("\n");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(fleetTable(measureFleet(Number(process.env.FLEET_ROUNDS ?? 3))));
}
