// Judges the fleet on a pool of worker threads (default: one per core). Each worker gets the next
// stack as soon as it is free, so a slow stack never holds the others back; results are handed
// to onResult as they come, and only the small per-stack results are kept.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { EvaluationError } from "../errors.js";
import type { Config } from "../model/config.js";
import type { StackResult, Target } from "./model.js";

export function defaultWorkers(): number {
  return availableParallelism();
}

export async function judgeFleet(
  targets: readonly Target[],
  options: { config: Config; workers: number; context?: readonly string[]; onResult?: (result: StackResult, done: number) => void },
): Promise<StackResult[]> {
  const results: StackResult[] = [];
  let next = 0;
  const size = Math.max(1, Math.min(options.workers, targets.length));
  const runWorker = () =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(new URL("./worker.js", import.meta.url), {
        workerData: { config: options.config, context: options.context ?? [] },
        // A small young generation keeps the worker's memory flat however many stacks it reads.
        resourceLimits: { maxYoungGenerationSizeMb: 4 },
      });
      const feed = () => {
        if (next >= targets.length) {
          worker.postMessage({ stop: true });
          return;
        }
        worker.postMessage({ target: targets[next++] });
      };
      worker.on("message", (result: StackResult) => {
        results.push(result);
        options.onResult?.(result, results.length);
        feed();
      });
      worker.on("error", () => reject(new EvaluationError("an audit worker crashed")));
      worker.on("exit", (code) => (code === 0 ? resolve() : reject(new EvaluationError(`an audit worker stopped (exit ${code})`))));
      feed();
    });
  await Promise.all(Array.from({ length: size }, runWorker));
  if (results.length !== targets.length) throw new EvaluationError(`the audit judged ${results.length} of ${targets.length} stacks`);
  return results;
}
