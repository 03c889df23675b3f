// The benchmark's worst case: the synthetic preview rewritten so that every resource has at
// least one finding (about two on average). A quarter are protected and deleted; the rest are
// updated and tagged customer data with no protection, retention or deletion protection. Kept
// apart from generate.ts: it reshapes that stack instead of describing another one.
import { syntheticPreview } from "./generate.js";

type Bag = Record<string, unknown> & { tags: Record<string, string> };
interface State {
  protect: boolean;
  retainOnDelete: boolean;
  inputs: Bag;
  outputs: Bag;
}
interface Step {
  op: string;
  urn: string;
  oldState?: State;
  newState?: State;
}

export function worstCasePreview(n: number): string {
  const doc = JSON.parse(syntheticPreview(n)) as { steps: Step[]; changeSummary: Record<string, number> };
  doc.steps.slice(1).forEach((step, i) => {
    const state = (step.oldState ?? step.newState)!;
    for (const bag of [state.inputs, state.outputs]) {
      bag.tags["blastguard:data-class"] = "customer";
      if (typeof bag.tagsAll === "object") bag.tagsAll = bag.tags;
      bag.deletionProtectionEnabled = false;
    }
    state.retainOnDelete = false;
    state.protect = i % 4 === 0;
    step.oldState = state;
    if (i % 4 === 0) {
      step.op = "delete";
      delete step.newState;
    } else {
      step.op = "update";
      step.newState = structuredClone(state);
    }
  });
  const summary: Record<string, number> = {};
  for (const step of doc.steps) summary[step.op] = (summary[step.op] ?? 0) + 1;
  doc.changeSummary = summary;
  return JSON.stringify(doc, null, 4);
}
