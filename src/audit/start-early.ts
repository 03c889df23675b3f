// Imported by the CLI entry right after the engine's own early start, and only there: for
// `blastguard audit`, starts the pool's workers before the rest of the program is evaluated, so
// that loading their modules and compiling the policy overlaps the CLI's own start, the config and
// listing the fleet. It imports nothing but Node's own modules, or that would be evaluated first.
// The pool (pool.ts) adopts these workers; unadopted ones (a usage error, --help) never keep the
// process alive.
import { availableParallelism } from "node:os";
import { setFlagsFromString } from "node:v8";
import { Worker } from "node:worker_threads";

/**
 * V8's defaults suit long-lived programs, not a pool of short-lived worker isolates that each
 * judge a few hundred small stacks. Measured on 200 stacks: by default each worker's background
 * optimizing compiler spent about a third as much CPU as judging the stacks, and each heap grew
 * to about 4x its live size (about 10 MiB) before a full collection, so peak memory grew with
 * the fleet. Optimizing only functions that stay hot, and collecting at 1.5x the live size, keeps
 * both flat. Set before the workers' isolates exist; a `check` never runs this.
 */
export function tuneForWorkers(): void {
  setFlagsFromString("--interrupt-budget=1000000");
  setFlagsFromString("--heap-growing-percent=50");
}

/** Workers that have stopped (a worker may stop before the pool gives it its job). */
export const exitedWorkers = new WeakSet<Worker>();

export function spawnAuditWorker(): Worker {
  // An 8 MiB young generation: measured, no slower than V8's default and ~40 MiB less peak RSS.
  const worker = new Worker(new URL("./worker.js", import.meta.url), { resourceLimits: { maxYoungGenerationSizeMb: 8 } });
  // Until the pool gives it a job, a failure only needs to not end the process; the pool reports it.
  worker.on("error", () => {}).on("exit", () => exitedWorkers.add(worker));
  return worker;
}

/** `--workers n` as the command line gives it, or the number of cores (parsing proper checks it later). */
function workersAsked(argv: readonly string[]): number {
  const at = argv.findIndex((a) => a === "--workers" || a.startsWith("--workers="));
  const text = at < 0 ? undefined : argv[at]!.includes("=") ? argv[at]!.slice("--workers=".length) : argv[at + 1];
  return text !== undefined && /^[1-9][0-9]{0,2}$/.test(text) ? Number(text) : availableParallelism();
}

let early: Worker[] = [];

/** The workers started early (at most `count`; the rest are stopped), once. */
export function takeEarlyAuditWorkers(count: number): Worker[] {
  const taken = early.slice(0, count);
  for (const w of early.slice(count)) void w.terminate();
  early = [];
  for (const w of taken) w.ref();
  return taken;
}

if (process.argv[2] === "audit" && !process.argv.includes("--help") && !process.argv.includes("-h")) {
  tuneForWorkers();
  early = Array.from({ length: workersAsked(process.argv.slice(3)) }, () => {
    const worker = spawnAuditWorker();
    worker.unref();
    return worker;
  });
}
