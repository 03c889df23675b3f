// Large inputs made of real resources: the EKS and stratify exports' custom resources, copied
// under new names until the stack has the size the budgets talk about.
import { canaryState, fixtureJson, type Json } from "./support.js";

function pool(): { fixed: Json[]; copies: Json[] } {
  const eks = fixtureJson("state/eks-cluster-large-stack-export.json").deployment.resources as Json[];
  const sample = canaryState().deployment.resources as Json[];
  const copyable = (r: Json) => r.custom && !r.type.startsWith("pulumi:providers:") && JSON.stringify(r).length < 6000;
  return { fixed: eks.filter((r) => !copyable(r)), copies: [...eks, ...sample].filter(copyable) };
}

/** The i-th copy of a real resource, renamed so every URN stays unique. */
function copy(r: Json, i: number): Json {
  return { ...r, urn: `${r.urn}-copy${i}`, id: `${r.id}-copy${i}` };
}

/** A `pulumi stack export` (4-space indented, as Pulumi writes it) of about n resources. */
export function largeState(n: number): string {
  const { fixed, copies } = pool();
  const resources = [...fixed, ...Array.from({ length: n - fixed.length }, (_, i) => copy(copies[i % copies.length], i))];
  const state = fixtureJson("state/eks-cluster-large-stack-export.json");
  state.deployment.resources = resources;
  return JSON.stringify(state, null, 4);
}

/** A `--show-sames` preview digest of n steps over such a stack: 1 in 100 deleted, 1 in 10 updated. */
export function largePreview(n: number): string {
  const { fixed, copies } = pool();
  const summary: Record<string, number> = { same: 0, update: 0, delete: 0 };
  const steps = [...fixed, ...Array.from({ length: n - fixed.length }, (_, i) => copy(copies[i % copies.length], i))].map((r, i) => {
    const op = !r.custom || r.type.startsWith("pulumi:") ? "same" : i % 100 === 7 ? "delete" : i % 10 === 3 ? "update" : "same";
    summary[op]! += 1;
    return op === "delete" ? { op, urn: r.urn, oldState: r } : { op, urn: r.urn, oldState: r, newState: r };
  });
  return JSON.stringify({ config: { "aws:region": "us-west-2" }, steps, changeSummary: summary }, null, 4);
}
