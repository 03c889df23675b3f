// A worker thread of the audit pool: one policy engine, evaluated in this thread, one stack at a
// time, claimed from the fleet until none is left. It holds only the stack it is judging, so
// memory grows with the number of workers, not with the fleet.
import { parentPort, workerData } from "node:worker_threads";
import { PolicyEvaluator } from "../engine/evaluate.js";
import type { Config } from "../model/config.js";
import type { Target } from "./model.js";
import { auditStack } from "./stack.js";
import { loadContext, type ContextStack } from "./context.js";
import { describeUnexpected } from "../errors.js";
import { claim, watching, type Shared } from "./watch.js";

const { config, context: specs, targets, ...shared } = workerData as { config: Config; context: string[]; targets: Target[] } & Shared;
// The pool terminates this thread if an evaluation passes its limit.
const evaluator = new PolicyEvaluator(undefined, { inThread: { watch: (timeoutMs) => watching(shared.watch, timeoutMs) } });
evaluator.warm();

// Read once per worker; a context that cannot be read fails every stack (exit 2), never a pass.
const context: Promise<ContextStack[]> = loadContext(specs, { maxBytes: config.limits.maxInputBytes, maxDepth: config.limits.maxDepth });
context.catch(() => {}); // reported per stack below

for (let index = claim(shared); index < targets.length; index = claim(shared)) {
  const target = targets[index]!;
  let stacks: ContextStack[];
  try {
    stacks = await context;
  } catch (e) {
    parentPort!.postMessage(JSON.stringify({ target, report: null, error: `--context: ${describeUnexpected(e)}`, stackName: null, stores: [], others: [] }));
    continue;
  }
  // As JSON text: cloning the report object by object cost the worker more than writing it.
  parentPort!.postMessage(JSON.stringify(await auditStack(target, config, evaluator, stacks)));
}
evaluator.close();
parentPort!.close();
