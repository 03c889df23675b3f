// Who and what a change reaches, per tenant (the outermost scope level): the cloud objects it
// destroys (deleted or replaced, and not kept by retainOnDelete), by the deepest level they belong
// to, and how many hold customer data. Both sets come from the policies' own classification
// (policies/main/main.rego), so the report and the policies never disagree.
import type { BlastRadius } from "../model/report.js";
import type { PolicyInput } from "../engine/input.js";
import { SHARED, UNKNOWN_SCOPE, type Scope } from "./scope.js";

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
  orphaned: ReadonlySet<string> = new Set(),
  levels?: readonly string[],
): BlastRadius {
  const tenants = new Map<string, Tally>();
  const unitsOf = new Map<string, Map<string, UnitTally>>();
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
    if (levels && tenant !== SHARED && tenant !== UNKNOWN_SCOPE) {
      if (!unitsOf.has(tenant)) unitsOf.set(tenant, new Map());
      countUnits(unitsOf.get(tenant)!, r.scope, levels, customerData.has(r.urn));
    }
  }
  if (levels) for (const [tenant, t] of tenants) t.units = [...(unitsOf.get(tenant)?.values() ?? [])].sort(byPath);
  // Tenants by ID, then shared resources, then those of unknown scope.
  const rank = (t: string) => (t === UNKNOWN_SCOPE ? 2 : t === SHARED ? 1 : 0);
  const list = [...tenants.values()].sort((a, b) => rank(a.tenant) - rank(b.tenant) || (a.tenant < b.tenant ? -1 : a.tenant > b.tenant ? 1 : 0));
  return { tenantsAffected: list.filter((t) => t.tenant !== SHARED && t.tenant !== UNKNOWN_SCOPE).length, tenants: list };
}
