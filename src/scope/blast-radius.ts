// Who and what a change reaches, per tenant (the outermost scope level): the cloud objects it
// destroys (deleted or replaced, and not kept by retainOnDelete), by the deepest level they belong
// to, and how many hold customer data. Both sets come from the policies' own classification
// (policies/main/main.rego), so the report and the policies never disagree.
import type { BlastRadius } from "../model/report.js";
import type { PolicyInput } from "../engine/input.js";
import { SHARED, UNKNOWN_SCOPE } from "./scope.js";

type Tally = BlastRadius["tenants"][number];

export function blastRadius(
  resources: PolicyInput["resources"],
  rootLevel: string,
  destroyed: ReadonlySet<string>,
  customerData: ReadonlySet<string>,
  orphaned: ReadonlySet<string> = new Set(),
): BlastRadius {
  const tenants = new Map<string, Tally>();
  for (const r of resources) {
    const left = orphaned.has(r.urn);
    if (!left && (!destroyed.has(r.urn) || (r.op !== "delete" && r.op !== "replace"))) continue;
    // A resource whose scope the input cannot tell is shown as unknown, never as shared or dropped.
    const tenant = r.scope.level === UNKNOWN_SCOPE ? UNKNOWN_SCOPE : (r.scope[rootLevel] ?? SHARED);
    let t = tenants.get(tenant);
    if (!t) {
      t = { tenant, deletes: 0, replaces: 0, byLevel: {}, customerData: 0, orphaned: 0 };
      tenants.set(tenant, t);
    }
    if (left) {
      t.orphaned++;
      continue;
    }
    if (r.op === "delete") t.deletes++;
    else t.replaces++;
    t.byLevel[r.scope.level] = (t.byLevel[r.scope.level] ?? 0) + 1;
    if (customerData.has(r.urn)) t.customerData++;
  }
  // Tenants by ID, then shared resources, then those of unknown scope.
  const rank = (t: string) => (t === UNKNOWN_SCOPE ? 2 : t === SHARED ? 1 : 0);
  const list = [...tenants.values()].sort((a, b) => rank(a.tenant) - rank(b.tenant) || (a.tenant < b.tenant ? -1 : a.tenant > b.tenant ? 1 : 0));
  return { tenantsAffected: list.filter((t) => t.tenant !== SHARED && t.tenant !== UNKNOWN_SCOPE).length, tenants: list };
}
