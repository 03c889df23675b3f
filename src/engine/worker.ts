// The policy engine's worker thread. The CLI starts one as the process starts (start-early.ts),
// so that booting the thread and loading opa-wasm overlap loading the rest of the program and
// reading the input; the first PolicyEvaluator to start adopts it.
import { Worker } from "node:worker_threads";

let early: { worker: Worker; alive: boolean; dead: () => void } | null = null;

export function newEngineWorker(): Worker {
  const worker = new Worker(new URL("./wasm-worker.js", import.meta.url));
  worker.unref();
  return worker;
}

/** Starts a worker now for the first evaluator to adopt (an unused one never keeps the process alive). */
export function startEngineEarly(): void {
  if (early) return;
  const worker = newEngineWorker();
  // Until adopted, a failure only marks it dead (an unheard "error" event would end the process).
  const entry = { worker, alive: true, dead: () => (entry.alive = false) };
  worker.on("error", entry.dead).on("exit", entry.dead);
  early = entry;
}

/** The early worker, once, if it is still running; otherwise null and the caller starts its own. */
export function takeEarlyWorker(): Worker | null {
  const entry = early;
  early = null;
  if (!entry) return null;
  entry.worker.off("error", entry.dead).off("exit", entry.dead);
  if (entry.alive) return entry.worker;
  void entry.worker.terminate();
  return null;
}
