// Who and what a change reaches, per tenant (the outermost scope level): the cloud objects it
// destroys (deleted or replaced, and not kept by retainOnDelete), by the deepest level they belong
// to, and how many hold customer data. Both sets come from the policies' own classification
// (policies/main/main.rego), so the report and the policies never disagree.
import type { BlastRadius } from "../model/report.js";
import type { PolicyInput } from "../engine/input.js";
import { SHARED } from "./scope.js";

type Tally = BlastRadius["tenants"][number];

export function blastRadius(
  resources: PolicyInput["resources"],
  rootLevel: string,
  destroyed: ReadonlySet<string>,
  customerData: ReadonlySet<string>,
): BlastRadius {
  const tenants = new Map<string, Tally>();
  for (const r of resources) {
    if (!destroyed.has(r.urn) || (r.op !== "delete" && r.op !== "replace")) continue;
    const tenant = r.scope[rootLevel] ?? SHARED;
    let t = tenants.get(tenant);
    if (!t) {
      t = { tenant, deletes: 0, replaces: 0, byLevel: {}, customerData: 0 };
      tenants.set(tenant, t);
    }
    if (r.op === "delete") t.deletes++;
    else t.replaces++;
    t.byLevel[r.scope.level] = (t.byLevel[r.scope.level] ?? 0) + 1;
    if (customerData.has(r.urn)) t.customerData++;
  }
  // Tenants by ID, shared resources last.
  const list = [...tenants.values()].sort((a, b) =>
    a.tenant === SHARED ? 1 : b.tenant === SHARED ? -1 : a.tenant < b.tenant ? -1 : a.tenant > b.tenant ? 1 : 0,
  );
  return { tenantsAffected: list.filter((t) => t.tenant !== SHARED).length, tenants: list };
}
