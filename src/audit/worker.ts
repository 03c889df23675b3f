// A worker thread of the audit pool: one policy engine, evaluated in this thread, one stack at a
// time, claimed from the fleet until none is left. It loads and compiles the policy as soon as it
// starts, before the pool knows the fleet. It holds only the stack it is judging and answers with
// the stack's tally (and, when an output lists findings, where it spilled the full result), so
// memory grows with the number of workers, not with the fleet.
import { parentPort } from "node:worker_threads";
import { PolicyEvaluator } from "../engine/evaluate.js";
import { describeUnexpected } from "../errors.js";
import { loadContext, type ContextStack } from "./context.js";
import type { Judged, WorkerJob } from "./pool.js";
import { SpillWriter } from "./spill.js";
import { auditStack } from "./stack.js";
import { tallyStack } from "./summary.js";
import { claim, watching } from "./watch.js";

const port = parentPort!;
let watch: Float64Array | null = null;
// The pool terminates this thread if an evaluation passes its limit.
const evaluator = new PolicyEvaluator(undefined, { inThread: { watch: (timeoutMs) => watching(watch!, timeoutMs) } });
evaluator.warm();

const job = await new Promise<WorkerJob>((resolve) => port.once("message", resolve));
watch = job.watch;
const shared = { next: job.next, watch: job.watch };
const spill = job.spill === null ? null : new SpillWriter(job.spill);

// Read once per worker; a context that cannot be read fails every stack (exit 2), never a pass.
const limits = { maxBytes: job.config.limits.maxInputBytes, maxDepth: job.config.limits.maxDepth };
const context: Promise<ContextStack[]> = loadContext(job.context, limits);
context.catch(() => {}); // reported per stack below

for (let index = claim(shared); index < job.targets.length; index = claim(shared)) {
  const target = job.targets[index]!;
  let stacks: ContextStack[] | null = null;
  let error: string | null = null;
  try {
    stacks = await context;
  } catch (e) {
    error = `--context: ${describeUnexpected(e)}`;
  }
  const result = stacks ? await auditStack(target, job.config, evaluator, stacks, job.failOn) : { target, report: null, error, stackName: null, stores: [], others: [] };
  const judged: Judged = { tally: tallyStack(result), at: spill ? spill.append(JSON.stringify(result, null, 2)) : null };
  port.postMessage(judged);
}
spill?.close();
evaluator.close();
port.close();
