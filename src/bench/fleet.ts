// A fleet of stack exports for the audit's tests and benchmark, written to a folder at run time
// (never committed): the recorded scenarios' states and the real fixture states, cycled, each
// copy renamed to its own stack (`urn:pulumi:<stack>::` becomes `urn:pulumi:<stack>-<n>::`), so
// every stack of the fleet is distinct. Run directly, it measures `blastguard audit` on it: the same
// command with one worker against two on 200 stacks (whole processes, alternated), the CPU time
// of each, whole process and per thread (thread-cpu.ts), and peak RSS at 50, 200 and 800 stacks.
import { spawnSync } from "node:child_process";
import { availableParallelism, loadavg } from "node:os";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ThreadCpu } from "./thread-cpu.js";

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

const threadCpu = join(root, "dist", "src", "bench", "thread-cpu.js");

/** One `blastguard audit` of a folder: wall time, CPU time (whole process and per thread), peak RSS (KiB). */
interface AuditRun {
  ms: number;
  cpuMs: number;
  mainMs: number;
  /** The busiest `workers` threads (the audit workers), largest first, as last sampled before they exited. */
  workersMs: number[];
  /** The workers' CPU in all: the process's less the main and other threads (so it includes what sampling missed as they exited). */
  workersTotalMs: number;
  /** Every other thread: V8's background compiling and garbage collection, libuv's pool. */
  otherMs: number;
  rssKiB: number;
}

function auditRun(dir: string, workers: number): AuditRun {
  const r = spawnSync(process.execPath, [threadCpu, process.execPath, cli, "audit", dir, "--workers", String(workers), "--format", "json"], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`thread-cpu exited ${r.status}: ${r.stderr}`);
  const t = JSON.parse(r.stdout) as ThreadCpu;
  if (t.status !== 0 && t.status !== 1) throw new Error(`audit exited ${t.status}`);
  const workersMs = t.threadsMs.slice(0, workers);
  const otherMs = t.threadsMs.slice(workers).reduce((a, b) => a + b, 0);
  return { ms: t.ms, cpuMs: t.cpuMs, mainMs: t.mainMs, workersMs, workersTotalMs: t.cpuMs - t.mainMs - otherMs, otherMs, rssKiB: t.peakRssKiB };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Each figure's median over the runs (wall, CPU per thread, RSS): under load, single runs scatter. */
function medianRun(runs: AuditRun[]): AuditRun {
  const of = (pick: (r: AuditRun) => number) => median(runs.map(pick));
  return {
    ms: of((r) => r.ms),
    cpuMs: of((r) => r.cpuMs),
    mainMs: of((r) => r.mainMs),
    workersMs: runs[0]!.workersMs.map((_, i) => of((r) => r.workersMs[i] ?? 0)),
    workersTotalMs: of((r) => r.workersTotalMs),
    otherMs: of((r) => r.otherMs),
    rssKiB: of((r) => r.rssKiB),
  };
}

export interface FleetBench {
  /** Load average (1, 5, 15 min) as the measurement started and as it ended: others' work skews the ratio. */
  load: string;
  loadAfter: string;
  /** 200 stacks: the medians of each side (alternated rounds). */
  one: AuditRun;
  two: AuditRun;
  rss50MiB: number;
  rss200MiB: number;
  rss800MiB: number;
  /** One alternated pair at 800 stacks: the ratio once the workers' fixed start-up weighs less. */
  one800: AuditRun;
  two800: AuditRun;
}

const loadNow = () => loadavg().map((x) => x.toFixed(1)).join(" ");

/** One run: 200 stacks with 1 and 2 workers, alternated over `rounds`; one pair at 800; peak RSS at 50, 200 and 800 stacks (2 workers). */
export function measureFleet(rounds = 3): FleetBench {
  const dir = mkdtempSync(join(tmpdir(), "blastguard-fleet-"));
  try {
    for (const n of [50, 200, 800]) writeFleet(join(dir, String(n)), n);
    const load = loadNow();
    const one: AuditRun[] = [];
    const two: AuditRun[] = [];
    const rss: Record<number, number[]> = { 50: [], 200: [], 800: [] };
    for (let i = 0; i < rounds; i++) {
      one.push(auditRun(join(dir, "200"), 1));
      const t = auditRun(join(dir, "200"), 2);
      two.push(t);
      rss[200]!.push(t.rssKiB);
      rss[50]!.push(auditRun(join(dir, "50"), 2).rssKiB);
    }
    const one800 = auditRun(join(dir, "800"), 1);
    const two800 = auditRun(join(dir, "800"), 2);
    rss[800]!.push(two800.rssKiB);
    const peak = (n: number) => Math.max(...rss[n]!) / 1024;
    return { load, loadAfter: loadNow(), one: medianRun(one), two: medianRun(two), rss50MiB: peak(50), rss200MiB: peak(200), rss800MiB: peak(800), one800, two800 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Where a run's CPU went, per thread. */
function threads(r: AuditRun): string {
  const each = r.workersMs.length > 1 ? ` (${r.workersMs.map(s).join(" + ")} as sampled)` : "";
  return `main ${s(r.mainMs)}, worker${r.workersMs.length > 1 ? "s" : ""} ${s(r.workersTotalMs)}${each}, other threads (V8 background, libuv) ${s(r.otherMs)}, in all ${s(r.cpuMs)}`;
}

/**
 * What the machine allows, whatever its load while measuring: two workers cannot finish before
 * the two-worker run's CPU time is spent on the cores, while one worker finishes when its own
 * thread is done (the main thread and V8's background threads run beside it on another core). So
 * the ratio is at most one worker's thread CPU over the two-worker run's CPU per core.
 */
function bound(one: AuditRun, two: AuditRun): number {
  return one.workersTotalMs / (two.cpuMs / availableParallelism());
}

export function fleetTable(b: FleetBench): string {
  const speedup = b.one.ms / b.two.ms;
  // Amdahl: the share of one worker's run that two workers could not split, as the ratio implies.
  const serial = Math.min(1, Math.max(0, 2 / speedup - 1));
  const growth = b.rss200MiB / b.rss50MiB;
  const met = (yes: boolean) => (yes ? "met" : "NOT met");
  return [
    `\nfleet audit (200 distinct stack exports from the recorded scenarios and fixtures, --format json; load average ${b.load} at start, ${b.loadAfter} at the end, on ${availableParallelism()} cores):`,
    "| target | met | measured |",
    "| --- | --- | --- |",
    `| two workers at least 1.7x faster than one (200 stacks) | ${met(speedup >= 1.7)} | ${speedup.toFixed(2)}x: ${s(b.one.ms)} vs ${s(b.two.ms)} (medians of alternated runs, as every figure below); serial fraction the ratio implies (Amdahl; only meaningful on an idle machine) ${(serial * 100).toFixed(0)} % |`,
    `| (CPU per thread, 200 stacks) | | one worker: ${threads(b.one)}; two workers: ${threads(b.two)}; so at most ${bound(b.one, b.two).toFixed(2)}x on ${availableParallelism()} idle cores (one worker's thread / the two-worker run's CPU per core) |`,
    `| (for comparison: the same at 800 stacks, one pair) | | ${(b.one800.ms / b.two800.ms).toFixed(2)}x: ${s(b.one800.ms)} vs ${s(b.two800.ms)}; one worker: ${threads(b.one800)}; two workers: ${threads(b.two800)}; at most ${bound(b.one800, b.two800).toFixed(2)}x |`,
    `| peak RSS does not grow with the fleet (50 vs 200 stacks, 2 workers; within 10 %) | ${met(growth <= 1.1)} | ${b.rss50MiB.toFixed(0)} MiB at 50, ${b.rss200MiB.toFixed(0)} MiB at 200 (${((growth - 1) * 100).toFixed(0)} %), ${b.rss800MiB.toFixed(0)} MiB at 800 |`,
  ].join("\n");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(fleetTable(measureFleet(Number(process.env.FLEET_ROUNDS ?? 3))));
}
