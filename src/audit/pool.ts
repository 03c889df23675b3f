// Judges the fleet on a pool of worker threads (default: one per core). The workers are started
// before the fleet is known (by the CLI as it starts: start-early.ts), so that loading their modules and compiling the policy overlaps
// reading the config and listing the stacks; each then claims the next stack (largest first) from
// a shared counter as soon as it is free, so a slow stack never holds the others back. A worker
// answers each stack with its compact tally (src/audit/summary.ts) and, when an output lists
// findings, where it spilled the full result (src/audit/spill.ts): the pool keeps only those.
//
// Each worker evaluates the policy in its own thread (no nested engine thread), so the pool
// enforces the time limit: a worker still evaluating when its limit passes is terminated, its
// stack becomes an error (exit 2, never a pass), and a new worker takes the rest of the fleet.
import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import { EvaluationError } from "../errors.js";
import type { Config } from "../model/config.js";
import type { FailOn } from "../report/build.js";
import type { Target } from "./model.js";
import type { SpillAt, SpillFolder } from "./spill.js";
import { exitedWorkers, spawnAuditWorker, takeEarlyAuditWorkers, tuneForWorkers } from "./start-early.js";
import { tallyStack, type StackTally } from "./summary.js";
import { overdue, sharedCounter, sharedWatch } from "./watch.js";

export function defaultWorkers(): number {
  return availableParallelism();
}

/** How often the pool looks at its workers' deadlines. */
const WATCH_INTERVAL_MS = 50;

/** What every worker needs to judge the fleet; sent once the fleet is known. */
export interface Job {
  targets: readonly Target[];
  config: Config;
  failOn: FailOn;
  context: readonly string[];
}

/** A worker's answer for one stack. */
export interface Judged {
  tally: StackTally;
  /** Where the full result was spilled; null when no output needs it. */
  at: SpillAt | null;
}

export interface WorkerJob extends Job {
  next: Int32Array;
  watch: Float64Array;
  /** The file this worker spills full results to, or null. */
  spill: string | null;
}

export class Pool {
  private readonly idle: Worker[];

  /** Adopts the workers the CLI started early (start-early.ts) and starts any more now. */
  constructor(readonly size: number) {
    tuneForWorkers();
    this.idle = takeEarlyAuditWorkers(size);
    while (this.idle.length < size) this.idle.push(spawnAuditWorker());
  }

  /** Stops workers that were started but will not be given a job (usage errors, --help). */
  close(): void {
    for (const w of this.idle.splice(0)) void w.terminate();
  }

  async judge(job: Job, options: { spill: SpillFolder | null; onJudged?: (judged: Judged, done: number) => void }): Promise<Judged[]> {
    const results: Judged[] = [];
    const next = sharedCounter();
    const done = (judged: Judged) => {
      results.push(judged);
      options.onJudged?.(judged, results.length);
    };
    // More workers than stacks would only load for nothing.
    while (this.idle.length > Math.max(1, job.targets.length)) void this.idle.pop()!.terminate();
    const run = (worker: Worker): Promise<void> =>
      new Promise<void>((resolve, reject) => {
        if (exitedWorkers.has(worker)) return reject(new EvaluationError("an audit worker stopped as it started"));
        const watch = sharedWatch();
        const message: WorkerJob = { ...job, next, watch, spill: options.spill?.nextFile() ?? null };
        worker.postMessage(message);
        let stopped = false;
        const timer = setInterval(() => {
          const late = overdue(watch);
          if (stopped || !late) return;
          stopped = true;
          clearInterval(timer);
          void worker.terminate();
          const target = job.targets[late.index]!;
          // The engine's modules are the workers' to load; the pool needs only its error, and only now.
          import("../engine/evaluate.js")
            .then(({ timeLimitError }) => {
              const error = `${target.id}: ${timeLimitError(late.limitMs).message}`;
              done({ tally: tallyStack({ target, report: null, error, stackName: null, stores: [], others: [] }), at: null });
              return run(spawnAuditWorker());
            })
            .then(resolve, reject);
        }, WATCH_INTERVAL_MS);
        worker.on("message", (judged: Judged) => {
          if (!stopped) done(judged); // once stopped, its stack is already an error
        });
        worker.on("error", () => stopped || reject(new EvaluationError("an audit worker crashed")));
        worker.on("exit", (code) => {
          clearInterval(timer);
          if (stopped) return;
          if (code === 0) resolve();
          else reject(new EvaluationError(`an audit worker stopped (exit ${code})`));
        });
      });
    await Promise.all(this.idle.splice(0).map(run));
    if (results.length !== job.targets.length) throw new EvaluationError(`the audit judged ${results.length} of ${job.targets.length} stacks`);
    return results;
  }
}
