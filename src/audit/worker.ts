// A worker thread of the audit pool: one policy engine, one stack at a time. It holds only the
// stack it is judging, so memory grows with the number of workers, not with the fleet.
import { parentPort, workerData } from "node:worker_threads";
import { PolicyEvaluator } from "../engine/evaluate.js";
import type { Config } from "../model/config.js";
import type { Target } from "./model.js";
import { auditStack } from "./stack.js";

const { config } = workerData as { config: Config };
// A small young generation keeps each engine's memory flat however many stacks it judges.
const evaluator = new PolicyEvaluator(undefined, { youngGenerationMiB: 2 });
evaluator.warm();

parentPort!.on("message", async (message: { target: Target } | { stop: true }) => {
  if ("stop" in message) {
    evaluator.close();
    parentPort!.close();
    return;
  }
  parentPort!.postMessage(await auditStack(message.target, config, evaluator));
});
