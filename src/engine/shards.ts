// A large change is judged by two engine workers at once: each gets the same change-wide facts
// (input.change, the units, the intent, the copy facts) and half of the resources. Per-resource and
// per-store policies judge their half; only the first shard also judges the change as a whole
// (policies/lib/findings.rego: judges_change) and the steps and scope problems, so nothing is
// emitted twice. The merged result must account for every resource and step exactly once.
import { EvaluationError } from "../errors.js";
import type { PolicyInput } from "./input.js";

/** From this many resources a change is split across two workers; below it one worker is quicker. */
export const SHARD_MIN_RESOURCES = 2000;

export type ShardInput = PolicyInput & { shard: { first: boolean } };

/** What one shard's policy report says it saw, with what it found. */
export interface ShardReport<F> {
  resources: number;
  steps: number;
  findings: F[];
  blast_radius?: { destroyed: string[]; customer_data: string[]; orphaned: string[] } | undefined;
  customer_stores?: string[] | undefined;
  judged_change?: boolean | undefined;
}

/** The input in two halves of its resources; the first also gets the steps and scope problems. */
export function splitInput(input: PolicyInput): [ShardInput, ShardInput] {
  const half = Math.ceil(input.resources.length / 2);
  return [
    { ...input, resources: input.resources.slice(0, half), shard: { first: true } },
    { ...input, resources: input.resources.slice(half), steps: [], scope_problems: [], shard: { first: false } },
  ];
}

/**
 * One report from the shards' reports, in shard order, after checking that together they saw
 * each resource and step of the input exactly once (a missing or repeated shard is an
 * EvaluationError, never a pass).
 */
export function mergeShards<F>(input: Pick<PolicyInput, "resources" | "steps">, reports: readonly ShardReport<F>[]): ShardReport<F> {
  const resources = reports.reduce((n, r) => n + r.resources, 0);
  const steps = reports.reduce((n, r) => n + r.steps, 0);
  const judged = reports.filter((r) => r.judged_change === true).length;
  if (judged !== 1) throw new EvaluationError(`${judged} policy shards judged the change as a whole; exactly one must`);
  if (reports.length !== 2 || resources !== input.resources.length || steps !== input.steps.length) {
    throw new EvaluationError(
      `policy shards saw ${resources} resources and ${steps} steps in ${reports.length} shards, the reader produced ${input.resources.length} and ${input.steps.length}`,
    );
  }
  const withBlast = reports.every((r) => r.blast_radius !== undefined);
  const withStores = reports.every((r) => r.customer_stores !== undefined);
  return {
    resources,
    steps,
    judged_change: true,
    findings: reports.flatMap((r) => r.findings),
    blast_radius: withBlast
      ? {
          destroyed: reports.flatMap((r) => r.blast_radius!.destroyed),
          customer_data: reports.flatMap((r) => r.blast_radius!.customer_data),
          orphaned: reports.flatMap((r) => r.blast_radius!.orphaned),
        }
      : undefined,
    customer_stores: withStores ? reports.flatMap((r) => r.customer_stores!) : undefined,
  };
}
