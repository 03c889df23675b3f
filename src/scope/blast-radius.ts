// Who and what a change reaches, per tenant (the outermost scope level): the cloud objects it
// destroys (deleted or replaced, and not kept by retainOnDelete), by the deepest level they belong
// to, and how many hold customer data. Both sets come from the policies' own classification
// (policies/main/main.rego), so the report and the policies never disagree.
import type { BlastRadius } from "../model/report.js";
import type { PolicyInput } from "../engine/input.js";
import { SHARED, type Scope } from "./scope.js";

type Tally = BlastRadius["tenants"][number];

type UnitTally = NonNullable<Tally["units"]>[number];

/** Adds one destroyed resource to every unit on its path below the tenant. */
function countUnits(units: Map<string, UnitTally>, scope: Scope, levels: readonly string[], isData: boolean): void {
  const path: string[] = [];
  for (const level of levels.slice(1)) {
    const id = scope[level];
    if (typeof id !== "string") break;
    path.push(id);
    const key = JSON.stringify(path);
    let u = units.get(key);
    if (!u) {
      u = { level, path: [...path], destroyed: 0, customerData: 0 };
      units.set(key, u);
    }
    u.destroyed++;
    if (isData) u.customerData++;
  }
}

const byPath = (a: UnitTally, b: UnitTally) => {
  const x = a.path.join("\u0000");
  const y = b.path.join("\u0000");
  return x < y ? -1 : x > y ? 1 : 0;
};

/**
 * `levels` (all scope level names, outermost first) adds each tenant's units below it, for the
 * PR comment's diagram; without it only the per-tenant tallies are made.
 */
export function blastRadius(
  resources: PolicyInput["resources"],
  rootLevel: string,
  destroyed: ReadonlySet<string>,
  customerData: ReadonlySet<string>,
  levels?: readonly string[],
): BlastRadius {
  const tenants = new Map<string, Tally>();
  const unitsOf = new Map<string, Map<string, UnitTally>>();
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
    if (levels && tenant !== SHARED) {
      if (!unitsOf.has(tenant)) unitsOf.set(tenant, new Map());
      countUnits(unitsOf.get(tenant)!, r.scope, levels, customerData.has(r.urn));
    }
  }
  if (levels) for (const [tenant, t] of tenants) t.units = [...(unitsOf.get(tenant)?.values() ?? [])].sort(byPath);
  // Tenants by ID, shared resources last.
  const list = [...tenants.values()].sort((a, b) =>
    a.tenant === SHARED ? 1 : b.tenant === SHARED ? -1 : a.tenant < b.tenant ? -1 : a.tenant > b.tenant ? 1 : 0,
  );
  return { tenantsAffected: list.filter((t) => t.tenant !== SHARED).length, tenants: list };
}
