// A worker thread of the audit pool: one policy engine, one stack at a time. It holds only the
// stack it is judging, so memory grows with the number of workers, not with the fleet.
import { parentPort, workerData } from "node:worker_threads";
import { PolicyEvaluator } from "../engine/evaluate.js";
import type { Config } from "../model/config.js";
import type { Target } from "./model.js";
import { auditStack } from "./stack.js";
import { loadContext, type ContextStack } from "./context.js";
import { describeUnexpected } from "../errors.js";

const { config, context: specs } = workerData as { config: Config; context: string[] };
// A small young generation keeps each engine's memory flat however many stacks it judges.
const evaluator = new PolicyEvaluator(undefined, { youngGenerationMiB: 2 });
evaluator.warm();

// Read once per worker; a context that cannot be read fails every stack (exit 2), never a pass.
const context: Promise<ContextStack[]> = loadContext(specs, { maxBytes: config.limits.maxInputBytes, maxDepth: config.limits.maxDepth });
context.catch(() => {}); // reported per stack below

parentPort!.on("message", async (message: { target: Target } | { stop: true }) => {
  if ("stop" in message) {
    evaluator.close();
    parentPort!.close();
    return;
  }
  let stacks: ContextStack[];
  try {
    stacks = await context;
  } catch (e) {
    parentPort!.postMessage({ target: message.target, report: null, error: `--context: ${describeUnexpected(e)}`, stackName: null, stores: [], others: [] });
    return;
  }
  parentPort!.postMessage(await auditStack(message.target, config, evaluator, stacks));
});
