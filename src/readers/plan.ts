// `pulumi preview --save-plan`: resource plans keyed by URN. A plan holds the goal (what the
// program wants) but not the prior state, so protect-before and the properties of deleted
// resources are unknown unless the stack's state is given beside it (--state).
import { z } from "zod";
import { InputError } from "../errors.js";
import type { ChangeSet } from "../model/changeset.js";
import { PULUMI_UNKNOWN } from "../model/values.js";
import { parseWith, stackConfig, stepOp } from "./common.js";
import { structuredAliasUrn } from "./aliases.js";
import { foldSteps, type RawStep } from "./fold.js";
import type { PulumiState } from "./resource.js";

const Bag = z.record(z.string(), z.unknown());
const PlanDiff = z.looseObject({ adds: Bag.nullish(), updates: Bag.nullish(), deletes: z.array(z.string()).nullish() });

const Goal = z.looseObject({
  type: z.string(),
  name: z.string(),
  custom: z.boolean(),
  inputDiff: PlanDiff.nullish(),
  checkedInputs: Bag.nullish(),
  parent: z.string().optional(),
  protect: z.unknown().optional(),
  provider: z.string().optional(),
  id: z.unknown().optional(),
  propertyDependencies: z.record(z.string(), z.array(z.string()).nullable()).nullish(),
  aliases: z.array(z.string()).nullish(),
  structuredAliases: z
    .array(z.looseObject({ URN: z.string().optional(), Name: z.string().optional(), Type: z.string().optional(), Project: z.string().optional(), Stack: z.string().optional(), Parent: z.string().optional(), NoParent: z.boolean().optional() }))
    .nullish(),
});

const ResourcePlan = z.looseObject({ goal: Goal.nullish(), steps: z.array(z.string()), state: Bag.nullish() });

export const DeploymentPlan = z.looseObject({
  manifest: z.looseObject({}),
  config: z.record(z.string(), z.unknown()).nullish(),
  resourcePlans: z.record(z.string(), ResourcePlan),
});

function goalState(urn: string, goal: z.infer<typeof Goal>, outputs: Record<string, unknown> | null | undefined): PulumiState {
  const inputs = goal.checkedInputs ?? { ...(goal.inputDiff?.adds ?? {}), ...(goal.inputDiff?.updates ?? {}) };
  return {
    urn,
    type: goal.type,
    custom: goal.custom,
    // A plan's goal has an id only for imports and reads; an existing resource's is in its state.
    id: goal.id ?? outputs?.["id"],
    parent: goal.parent,
    provider: goal.provider,
    protect: goal.protect,
    // Pulumi's plan goal (GoalV1) has no retainOnDelete: unknown here, the prior state's with --state.
    retainOnDelete: goal.custom ? PULUMI_UNKNOWN : undefined,
    propertyDependencies: goal.propertyDependencies,
    inputs,
    outputs: outputs ?? null,
  };
}

export function readPlan(doc: unknown, label: string, digest: string): ChangeSet {
  const plan = parseWith(DeploymentPlan, doc, label, "update plan");
  // zod drops a "__proto__" key from a record: a plan keyed so would lose its steps unseen.
  const rawPlans = (doc as { resourcePlans: object }).resourcePlans;
  if (Object.keys(rawPlans).length !== Object.keys(plan.resourcePlans).length) throw new InputError(`${label}: a resource URN is malformed`);
  const raw: RawStep[] = [];
  for (const [urn, rp] of Object.entries(plan.resourcePlans)) {
    const goal = rp.goal ? goalState(urn, rp.goal, rp.state) : null;
    rp.steps.forEach((op, i) => raw.push({ op: stepOp(op, label, `resource plan step ${i}`), urn, old: null, new: goal }));
  }
  const { resources, steps } = foldSteps(raw, label);
  // The goal's aliases, as URNs; matched to the prior state with --state (src/readers/prior.ts).
  for (const r of resources) {
    const goal = plan.resourcePlans[r.urn]?.goal;
    if (!goal) continue;
    const aliases = [...(goal.aliases ?? []), ...(goal.structuredAliases ?? []).map((a) => structuredAliasUrn(a, r))].filter((a) => a !== r.urn);
    if (aliases.length) r.aliases = [...new Set(aliases)];
  }
  return {
    source: { format: "plan", stack_config: stackConfig(plan.config ?? undefined), failed: false, digest },
    // A plan lists every resource, unchanged ones included.
    inventory: { complete: true, max_prior_resources: resources.filter((r) => r.op !== "create").length },
    steps,
    resources,
    diagnostics: [],
  };
}
